//! After one visit the app works with no network: it opens, fills, saves and finalises a survey
//! and exports a bundle; and the browser finds it installable (manifest, icons, service worker).

use nahda_e2e::with_app;

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
