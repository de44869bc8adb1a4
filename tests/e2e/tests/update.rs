//! A new version deployed while the app is open: the app says so and offers to update; the
//! answer typed just before is written first, the new service worker takes over, the page
//! reloads, and the answer is there.

use nahda_e2e::{copy_of_dist, with_app_from};

#[tokio::test(flavor = "multi_thread")]
async fn a_new_version_is_offered_and_taken_without_losing_the_draft() {
    let dist = copy_of_dist();
    let deployed = dist.clone();
    with_app_from(dist.clone(), |app| async move {
        app.open_controlled().await;
        assert!(!app.exists("#update-banner").await, "no update yet");

        // A new build is deployed: its service worker is a different file.
        let worker = deployed.join("sw.js");
        let mut text = std::fs::read_to_string(&worker).expect("sw.js");
        text.push_str("\n// the next build\n");
        std::fs::write(&worker, text).expect("deploy");
        app.eval("(navigator.serviceWorker.getRegistration().then(r => r.update()), true)")
            .await;
        app.wait_for("#update-banner").await;

        // An answer typed just before updating, still inside the autosave delay.
        app.eval("(window.__before_update = true)").await;
        app.type_into("#q-entity_name", "مجلس عفرين المحلي").await;
        app.click("#update-reload").await;
        app.wait_until(
            "window.__before_update === undefined && document.querySelector('#q-entity_name') !== null",
            "the page to reload on the new version",
        )
        .await;
        app.wait_for("#q-entity_name").await;
        assert_eq!(app.value("#q-entity_name").await, "مجلس عفرين المحلي");
        assert!(!app.exists("#update-banner").await, "the new version runs");
        let controller = app
            .eval("navigator.serviceWorker.controller !== null")
            .await;
        assert_eq!(controller, true);
    })
    .await;
    let _ = std::fs::remove_dir_all(&dist);
}
