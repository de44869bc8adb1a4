//! Accessibility, checked by axe-core (from npm, injected into the page): no serious or critical
//! violation on the main pages, in Arabic and in English, with data on the coordinator's pages.

use std::path::PathBuf;

use nahda_e2e::{samples, with_app, Browser};
use serde_json::Value;

fn axe_source() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../.tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (scripts/setup.sh --test installs axe-core)",
            path.display()
        )
    })
}

/// The serious and critical violations axe-core finds on the page as it is.
async fn violations(app: &Browser, axe: &str) -> Vec<Value> {
    app.client
        .execute(&format!("{axe}\nreturn typeof axe;"), vec![])
        .await
        .expect("inject axe-core");
    let found = app
        .client
        .execute_async(
            r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
                .then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                                 nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }))))
                .catch(e => done([{ id: 'axe-error', help: String(e) }]));
            "#,
            vec![],
        )
        .await
        .expect("run axe-core");
    found.as_array().cloned().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_main_pages_have_no_serious_accessibility_violation_in_either_language() {
    with_app(|app| async move {
        let axe = axe_source();
        app.open("#/survey").await;
        app.import_bundles(&samples(&[
            "01-azaz-council.json",
            "02-basma-relief.json",
            "05-coordinator-edit.json",
        ]))
        .await;
        let mut report = Vec::new();
        for lang in ["ar", "en"] {
            if lang == "en" {
                app.click("#lang-switch").await;
                app.wait_until("document.documentElement.lang === 'en'", "English")
                    .await;
            }
            // Every page of the field app, then of the coordinator app (Settings is in both).
            for (page, ready) in [
                ("survey", "#q-entity_name"),
                ("submissions", "#submission-list"),
                ("export", "#export-count"),
                ("settings", "#device-id"),
                ("import", "#import-files"),
                ("coordinator", "#matrix button.cell"),
                ("plan", "#plan-report"),
                ("settings", "#device-id"),
            ] {
                app.click(&format!("a[data-nav='{page}']")).await;
                app.wait_for(ready).await;
                tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                let app_file = app.eval("location.pathname").await;
                for v in violations(&app, &axe).await {
                    report.push(format!("{page} of {app_file} ({lang}): {v}"));
                }
            }
        }
        assert!(
            report.is_empty(),
            "serious or critical violations:\n{}",
            report.join("\n")
        );
    })
    .await;
}
