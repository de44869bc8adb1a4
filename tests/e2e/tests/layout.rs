//! Every page of both apps on a 360×640 phone and on a desktop, in Arabic and in English, with
//! the sample bundles imported: nothing scrolls sideways, every control is at least 44 px tall on a phone,
//! and a screenshot of each is saved for the README.

use nahda_e2e::{samples, with_app, Browser};

/// Every page of the field app, then every page of the coordinator app (Settings is in both),
/// with the name of its screenshot.
const PAGES: [(&str, &str); 8] = [
    ("survey", "survey"),
    ("submissions", "submissions"),
    ("export", "export"),
    ("settings", "settings"),
    ("import", "import"),
    ("coordinator", "coordinator"),
    ("plan", "plan"),
    ("settings", "coordinator-settings"),
];

/// Controls on screen smaller than a finger (44 px tall), as "tag#id.class height".
const SMALL_TARGETS: &str = r#"[...document.querySelectorAll('main button, main select, main input:not([type=checkbox]):not([type=radio]):not([type=file]), main .choice, main a.button-link, .app-nav a, #lang-switch')]
    .filter(e => e.offsetParent !== null && !e.closest('.matrix, .no-print ~ *') && e.getBoundingClientRect().height < 44)
    .map(e => e.tagName.toLowerCase() + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().height))"#;

async fn check_pages(app: &Browser, size: &str, lang: &str) {
    for (page, name) in PAGES {
        app.click(&format!("a[data-nav='{page}']")).await;
        app.wait_for(&format!("section[data-page='{page}']")).await;
        if page == "survey" {
            app.wait_for("#q-entity_name").await;
        }
        if page == "coordinator" {
            app.wait_for("#matrix button.cell").await;
        }
        if page == "plan" {
            app.wait_for("#plan-report").await;
        }
        if size == "phone" {
            let hidden = app
                .eval("[...document.querySelectorAll('.app-nav a')].filter(a => { const r = a.getBoundingClientRect(); \
                       return r.left < 0 || r.right > document.documentElement.clientWidth; }).map(a => a.dataset.nav)")
                .await;
            assert_eq!(
                hidden,
                serde_json::json!([]),
                "{name} in {lang}: menu items off-screen"
            );
            let small = app.eval(SMALL_TARGETS).await;
            assert_eq!(
                small,
                serde_json::json!([]),
                "{name} in {lang}: targets under 44 px"
            );
        }
        let overflow = app
            .eval("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            .await
            .as_i64()
            .unwrap_or(i64::MAX);
        if overflow > 0 {
            let wide = app
                .eval("[...document.querySelectorAll('body *')].filter(e => { const r = e.getBoundingClientRect(); return !e.closest('.app-nav, .matrix-scroll, .table-scroll') && r.width > 0 && (r.right > document.documentElement.clientWidth + 1 || r.left < -1) && ![...e.children].some(c => { const q = c.getBoundingClientRect(); return q.right > document.documentElement.clientWidth + 1 || q.left < -1; }); }).slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className)")
                .await;
            panic!("{name} scrolls sideways by {overflow}px at {size} in {lang}: {wide}");
        }
        app.screenshot(&format!("{name}-{lang}-{size}")).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn main_pages_fit_a_phone_and_a_desktop_in_both_languages() {
    with_app(|app| async move {
        app.open("#/survey").await;
        app.import_bundles(&samples(&[
            "01-azaz-council.json",
            "02-basma-relief.json",
            "03-marea-council.json",
        ]))
        .await;
        for (size, width, height) in [("phone", 360, 640), ("desktop", 1280, 900)] {
            app.client
                .set_window_size(width, height)
                .await
                .expect("window size");
            check_pages(&app, size, "ar").await;
            app.click("#lang-switch").await;
            app.wait_until("document.documentElement.lang === 'en'", "English")
                .await;
            check_pages(&app, size, "en").await;
            app.click("#lang-switch").await;
            app.wait_until("document.documentElement.lang === 'ar'", "Arabic")
                .await;
        }
    })
    .await;
}
