//! After one visit the field app works with no network: it opens, fills, saves and finalises a
//! survey and exports a bundle; and the browser finds it installable (manifest, icons, service
//! worker). The field app's visit never downloads the coordinator app; the coordinator app, once
//! opened, works with no network too, and still after a new version is installed.

use nahda_e2e::{copy_of_dist, samples, with_app, with_app_from, Browser};

/// The files of the site this page has fetched (from the network or the service worker).
async fn fetched(app: &Browser) -> Vec<String> {
    let names = app
        .eval("performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)")
        .await;
    serde_json::from_value(names).expect("resource names")
}

/// The files of the site in the service worker's cache.
async fn cached(app: &Browser) -> Vec<String> {
    let names: serde_json::Value = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             caches.keys().then(async keys => {
               const all = [];
               for (const k of keys) for (const r of await (await caches.open(k)).keys()) all.push(new URL(r.url).pathname);
               done(all);
             });",
            vec![],
        )
        .await
        .expect("the cache");
    serde_json::from_value(names).expect("cached names")
}

/// Deploys a new version into the served folder: a new service worker build, and a coordinator
/// app whose script marks the page (`window.__next_version`), so a test can tell which
/// version's files a page runs.
fn deploy_next_version(dist: &std::path::Path) {
    let worker = dist.join("sw.js");
    let text = std::fs::read_to_string(&worker).expect("sw.js");
    let text = text.replacen("const BUILD = \"", "const BUILD = \"next-", 1);
    std::fs::write(&worker, text).expect("deploy sw.js");
    let start = dist.join("coordinator.js");
    let mut text = std::fs::read_to_string(&start).expect("coordinator.js");
    text.push_str("\nwindow.__next_version = true;\n");
    std::fs::write(&start, text).expect("deploy coordinator.js");
}

/// Asks the service worker to look for a new version, and waits for the banner that offers it.
async fn new_version_offered(app: &Browser) {
    app.eval("(navigator.serviceWorker.getRegistration().then(r => r.update()), true)")
        .await;
    app.wait_for("#update-banner").await;
}

/// Takes the offered update with the network cut: the page reloads on the new version (whose
/// element `ready` shows), and the new version's cache is the only one left.
async fn update_taken_offline(app: &Browser, ready: &str) {
    app.go_offline().await;
    app.eval("(window.__before_update = true)").await;
    app.click("#update-reload").await;
    app.wait_until(
        &format!(
            "window.__before_update === undefined && document.querySelector({ready:?}) !== null"
        ),
        "the page to reload on the new version",
    )
    .await;
    app.wait_until(
        "caches.keys().then(k => k.length === 1 && k[0].startsWith('nahda-next-'))",
        "the new version's cache alone",
    )
    .await;
}

/// Asserts that the coordinator app, with no network, opens each of its pages.
async fn coordinator_works_offline(app: &Browser) {
    app.reload().await;
    app.wait_for("#import-files").await;
    app.click("a[data-nav='coordinator']").await;
    app.wait_for("section[data-page='coordinator'] h2").await;
    app.click("a[data-nav='plan']").await;
    app.wait_for("section[data-page='plan'] h2").await;
    app.click("a[data-nav='settings']").await;
    app.wait_for("#device-id").await;
    assert_eq!(app.eval("location.pathname").await, "/coordinator.html");
}

#[tokio::test(flavor = "multi_thread")]
async fn after_one_visit_the_app_works_with_no_network() {
    with_app(|app| async move {
        // The service worker takes control and has the whole app cached.
        app.open_controlled().await;
        let manifest = app
            .eval("document.querySelector('link[rel=manifest]').href")
            .await;
        assert!(manifest
            .as_str()
            .unwrap_or_default()
            .ends_with("manifest.webmanifest"));
        // The manifest: Arabic name, direction, standalone, icons in the sizes browsers need.
        let manifest: serde_json::Value = app
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; fetch('manifest.webmanifest').then(r => r.json()).then(done);",
                vec![],
            )
            .await
            .expect("the manifest");
        assert_eq!(manifest["short_name"], "نهضة");
        assert_eq!((manifest["lang"].as_str(), manifest["dir"].as_str()), (Some("ar"), Some("rtl")));
        assert_eq!(manifest["display"], "standalone");
        let sizes: Vec<&str> = manifest["icons"]
            .as_array()
            .map(|icons| icons.iter().filter_map(|i| i["sizes"].as_str()).collect())
            .unwrap_or_default();
        for size in ["any", "192x192", "512x512"] {
            assert!(sizes.contains(&size), "an icon of {size}: {sizes:?}");
        }
        // Chromium's own installability check finds nothing missing.
        let errors = app.cdp("Page.getInstallabilityErrors", serde_json::json!({})).await;
        assert_eq!(
            errors["installabilityErrors"].as_array().map(Vec::len),
            Some(0),
            "{errors}"
        );

        app.go_offline().await;
        assert_eq!(app.eval("navigator.onLine").await, false);
        app.reload().await;
        app.wait_for("#q-entity_name").await;
        app.type_into("#q-entity_name", "مجلس سلقين المحلي").await;
        app.click(".section-link[data-section='area']").await;
        app.choose("#q-area", "SY07").await;
        app.choose("#q-area-level-1", "SY0703").await;
        app.wait_saved().await;

        // The draft reopens at the area section, where it was left.
        app.reload().await;
        app.wait_for("#q-area").await;
        app.click(".section-link[data-section='reporter']").await;
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

        // Still offline: finish the survey, finalise it and export a bundle.
        app.click("#submission-list li button.open").await;
        app.wait_for("#q-entity_name").await;
        app.click(".section-link[data-section='area']").await;
        app.eval("(() => { const d = document.querySelector('#q-assessment_date'); d.value = '2026-11-02'; d.dispatchEvent(new Event('input', {bubbles: true})); return true; })()").await;
        app.click("[data-question='sectors'] label[data-value='health'] input").await;
        app.click(".section-link[data-section='health']").await;
        app.click("[data-question='hea_severity'] label[data-value='4'] input").await;
        app.wait_saved().await;
        app.click("#finalise").await;
        app.wait_until(
            "document.querySelector('#submission-status').dataset.status === 'finalised'",
            "finalised offline",
        )
        .await;
        app.click("a[data-nav='export']").await;
        app.wait_until(
            "document.querySelector('#export-count')?.dataset.count === '1'",
            "one submission to export",
        )
        .await;
        app.click("#export-save").await;
        let bundle = app.downloaded("nahda-").await;
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(bundle).expect("bundle")).expect("JSON");
        assert_eq!(json["submissions"][0]["entity_name"], "مجلس سلقين المحلي");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_coordinator_app_is_fetched_when_first_opened_and_then_works_offline() {
    let dist = copy_of_dist();
    let deployed = dist.clone();
    with_app_from(dist.clone(), |app| async move {
        // A field user's visit: the field app only, in the page and in the cache.
        app.open_controlled().await;
        let field = fetched(&app).await;
        assert!(field.iter().any(|f| f == "/nahda_bg.wasm"), "{field:?}");
        assert!(
            !field.iter().any(|f| f.contains("coordinator")),
            "the field app fetched the coordinator's files: {field:?}"
        );
        let stored = cached(&app).await;
        assert!(stored.iter().any(|f| f == "/nahda_bg.wasm"), "{stored:?}");
        assert!(
            !stored.iter().any(|f| f.contains("coordinator")),
            "the coordinator app was precached on a field visit: {stored:?}"
        );

        // The coordinator opens Import from the menu: the coordinator app is fetched and kept.
        app.click("a[data-nav='import']").await;
        app.wait_for("#import-files").await;
        assert_eq!(app.eval("location.pathname").await, "/coordinator.html");
        assert_eq!(
            app.eval("navigator.serviceWorker.controller !== null")
                .await,
            true
        );
        app.import_bundles(&samples(&["01-azaz-council.json"]))
            .await;
        let stored = cached(&app).await;
        for file in [
            "/coordinator.html",
            "/coordinator.js",
            "/nahda-coordinator.js",
            "/nahda-coordinator_bg.wasm",
        ] {
            assert!(
                stored.iter().any(|f| f == file),
                "{file} not kept: {stored:?}"
            );
        }
        // The coordinator app's page, with its manifest and under the service worker, is as
        // installable as the field app's (the installed app opens at the survey, one tap from
        // the coordinator app).
        let errors = app
            .cdp("Page.getInstallabilityErrors", serde_json::json!({}))
            .await;
        assert_eq!(
            errors["installabilityErrors"].as_array().map(Vec::len),
            Some(0),
            "{errors}"
        );

        // A new version is deployed and installed while the person is in the field app: the
        // coordinator app is precached with it, because an older cache held it. The network is
        // cut before the page reloads on it, so the new version's cache alone has to hold the
        // coordinator app, and its files must be the new version's (a mark in its script).
        app.click("a[data-nav='survey']").await;
        app.wait_for("#q-entity_name").await;
        deploy_next_version(&deployed);
        new_version_offered(&app).await;
        update_taken_offline(&app, "#q-entity_name").await;
        app.click("a[data-nav='import']").await;
        app.wait_for("#import-files").await;
        assert_eq!(app.eval("window.__next_version === true").await, true);

        coordinator_works_offline(&app).await;
        // The dashboard shows what was imported, offline.
        app.click("a[data-nav='coordinator']").await;
        app.wait_for("#matrix button.cell").await;
        // And the field app is one click away, offline too.
        app.click("a[data-nav='survey']").await;
        app.wait_for("#q-entity_name").await;
        assert_eq!(app.eval("location.pathname").await, "/");
    })
    .await;
    let _ = std::fs::remove_dir_all(&dist);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_coordinator_whose_first_visit_is_the_coordinator_app_has_it_offline() {
    with_app(|app| async move {
        app.open("#/import").await;
        app.wait_for("#import-files").await;
        app.wait_until(
            "navigator.serviceWorker.controller !== null",
            "the service worker to control the page",
        )
        .await;
        app.go_offline().await;
        coordinator_works_offline(&app).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_coordinator_app_never_opened_here_is_refused_offline_with_a_message() {
    with_app(|app| async move {
        app.open_controlled().await;
        app.go_offline().await;
        // A field user taps Import with no network: the coordinator app is not on the device.
        app.click("a[data-nav='import']").await;
        let message = app.text("#coordinator-unavailable").await;
        assert!(message.starts_with("لم يُفتح تطبيق المنسّق"), "{message}");
        // Back in the field app, which works, with the address clean for a reload.
        assert_eq!(app.eval("location.pathname").await, "/");
        assert_eq!(app.eval("location.search").await, "");
        app.wait_for("#q-entity_name").await;
        app.english().await;
        let message = app.text("#coordinator-unavailable").await;
        assert!(
            message.starts_with("The coordinator app has not been opened"),
            "{message}"
        );
        app.reload().await;
        assert!(!app.exists("#coordinator-unavailable").await);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_coordinator_app_first_opened_while_an_update_waits_stays_offline_after_it() {
    let dist = copy_of_dist();
    let deployed = dist.clone();
    with_app_from(dist.clone(), |app| async move {
        app.open_controlled().await;
        // A new version is installed and waits for the person's word.
        deploy_next_version(&deployed);
        new_version_offered(&app).await;
        // Meanwhile the coordinator app is opened for the first time, under the old version.
        app.click("a[data-nav='import']").await;
        app.wait_for("#import-files").await;
        // The new version keeps it too, while the network answers.
        app.wait_until(
            "caches.keys().then(async keys => { for (const k of keys) if (k.startsWith('nahda-next-') && await (await caches.open(k)).match('coordinator.js')) return true; return false; })",
            "the waiting version to keep the coordinator app",
        )
        .await;
        // The update is taken with no network: the old version's cache goes, and the
        // coordinator app with it unless the new version kept it.
        app.wait_for("#update-banner").await;
        update_taken_offline(&app, "#import-files").await;
        coordinator_works_offline(&app).await;
        assert_eq!(app.eval("window.__next_version === true").await, true);
    })
    .await;
    let _ = std::fs::remove_dir_all(&dist);
}
