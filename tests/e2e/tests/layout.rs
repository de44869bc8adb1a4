//! The main pages on a 360×640 phone and on a desktop, in Arabic and in English: nothing
//! scrolls sideways, and a screenshot of each is saved for the README.

use nahda_e2e::{with_app, Browser};

const PAGES: [&str; 3] = ["survey", "submissions", "settings"];

async fn check_pages(app: &Browser, size: &str, lang: &str) {
    for page in PAGES {
        app.click(&format!("a[data-nav='{page}']")).await;
        app.wait_for(&format!("section[data-page='{page}']")).await;
        if page == "survey" {
            app.wait_for("#q-entity_name").await;
        }
        let overflow = app
            .eval("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            .await
            .as_i64()
            .unwrap_or(i64::MAX);
        assert!(
            overflow <= 0,
            "{page} scrolls sideways by {overflow}px at {size} in {lang}"
        );
        app.screenshot(&format!("{page}-{lang}-{size}")).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn main_pages_fit_a_phone_and_a_desktop_in_both_languages() {
    with_app(|app| async move {
        app.open("#/survey").await;
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
