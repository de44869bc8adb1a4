//! After one visit the app works with no network: it opens, fills and saves a survey, and the
//! installability basics (manifest and service worker) are in place.

use nahda_e2e::with_app;

#[tokio::test(flavor = "multi_thread")]
async fn after_one_visit_the_app_works_with_no_network() {
    with_app(|app| async move {
        app.open("#/survey").await;
        app.wait_for("#q-entity_name").await;
        // The service worker takes control and has the whole app cached.
        app.wait_until(
            "navigator.serviceWorker.controller !== null",
            "the service worker to control the page",
        )
        .await;
        let manifest = app
            .eval("document.querySelector('link[rel=manifest]').href")
            .await;
        assert!(manifest
            .as_str()
            .unwrap_or_default()
            .ends_with("manifest.webmanifest"));

        app.go_offline().await;
        assert_eq!(app.eval("navigator.onLine").await, false);
        app.reload().await;
        app.wait_for("#q-entity_name").await;
        app.type_into("#q-entity_name", "مجلس سلقين المحلي").await;
        app.click(".section-link[data-section='area']").await;
        app.choose("#q-area", "SY07").await;
        app.choose("#q-area-level-1", "SY0703").await;
        app.wait_saved().await;

        app.reload().await;
        app.wait_for("#q-entity_name").await;
        assert_eq!(app.value("#q-entity_name").await, "مجلس سلقين المحلي");
        app.click("a[data-nav='submissions']").await;
        app.wait_until(
            "document.querySelectorAll('#submission-list li').length === 1",
            "the submission listed offline",
        )
        .await;
        assert!(app
            .text("#submission-list")
            .await
            .contains("مجلس سلقين المحلي"));
    })
    .await;
}
