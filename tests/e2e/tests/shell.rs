//! The app shell as a person meets it: Arabic right-to-left first, English one click away and
//! remembered across a reload, every navigation link opening its page in the app that has it,
//! and an old address of a coordinator page in the field app sent on to the coordinator app.

use nahda_e2e::{with_app, Browser};

/// Asserts that the page runs under a policy that allows nothing from any other origin.
async fn strict_policy(app: &Browser) {
    let policy = app
        .eval("document.querySelector('meta[http-equiv=Content-Security-Policy]').content")
        .await;
    let policy = policy.as_str().unwrap_or_default();
    assert!(policy.starts_with("default-src 'self';"), "{policy}");
    assert!(policy.contains("object-src 'none'"), "{policy}");
}

#[tokio::test(flavor = "multi_thread")]
async fn arabic_first_then_english_is_remembered() {
    with_app(|app| async move {
        app.open("").await;
        assert_eq!(app.lang_dir().await, ("ar".into(), "rtl".into()));
        assert_eq!(app.text("header h1").await, "نهضة");
        strict_policy(&app).await;
        assert_eq!(app.text("#lang-switch").await, "English");

        app.click("#lang-switch").await;
        app.wait_until("document.documentElement.dir === 'ltr'", "English layout")
            .await;
        assert_eq!(app.lang_dir().await, ("en".into(), "ltr".into()));
        assert_eq!(app.text("header h1").await, "Nahda");

        app.reload().await;
        assert_eq!(app.lang_dir().await, ("en".into(), "ltr".into()));
        assert_eq!(app.text("header h1").await, "Nahda");
        assert_eq!(app.text("#lang-switch").await, "العربية");

        app.click("#lang-switch").await;
        app.wait_until("document.documentElement.dir === 'rtl'", "Arabic layout")
            .await;
        assert_eq!(app.text("header h1").await, "نهضة");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_navigation_link_opens_its_page() {
    with_app(|app| async move {
        app.open("").await;
        app.click("#lang-switch").await;
        // The field app's pages, then the coordinator app's, then back: Settings is in both,
        // and each link opens the page in the app that has it.
        let pages = [
            ("survey", "Six-sector area survey", "/"),
            ("submissions", "My submissions", "/"),
            ("export", "Export", "/"),
            ("settings", "Settings", "/"),
            ("import", "Import", "/coordinator.html"),
            ("coordinator", "Coordinator", "/coordinator.html"),
            ("plan", "Plan", "/coordinator.html"),
            ("settings", "Settings", "/coordinator.html"),
            ("survey", "Six-sector area survey", "/"),
        ];
        for (slug, title, file) in pages {
            app.click(&format!("a[data-nav='{slug}']")).await;
            // A page may show that it is loading before its title is drawn.
            let heading = app.text(&format!("section[data-page='{slug}'] h2")).await;
            assert_eq!(heading, title);
            let current = app
                .eval(&format!(
                    "document.querySelector(\"a[data-nav='{slug}']\").getAttribute('aria-current')"
                ))
                .await;
            assert_eq!(current, "page", "{slug} is not marked as the current page");
            assert!(app
                .eval("location.hash")
                .await
                .as_str()
                .unwrap_or_default()
                .ends_with(slug));
            assert_eq!(app.eval("location.pathname").await, file, "{slug}");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_coordinator_page_asked_of_the_field_app_opens_in_the_coordinator_app() {
    with_app(|app| async move {
        // An address from before the two apps, or typed by hand: the field app with #/plan.
        app.client
            .goto(&format!("{}/#/plan", app.base))
            .await
            .expect("navigate");
        app.wait_for("section[data-page='plan'] h2").await;
        assert_eq!(app.eval("location.pathname").await, "/coordinator.html");
        assert_eq!(app.eval("location.hash").await, "#/plan");
        // The field app sent the person on without leaving itself in the history.
        assert_eq!(app.eval("history.length").await, 2);
        strict_policy(&app).await;
    })
    .await;
}
