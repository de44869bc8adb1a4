//! The whole survey filled with the keyboard alone: Tab to move, typing, Space to tick and
//! choose, arrow keys in lists, Enter on buttons — no mouse, no script setting values.

use nahda_e2e::with_app;
use nahda_e2e::Browser;

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const ARROW_DOWN: &str = "\u{E015}";

/// Sends keys to whatever has the focus, as a keyboard does.
async fn press(app: &Browser, keys: &str) {
    app.client
        .active_element()
        .await
        .expect("a focused element")
        .send_keys(keys)
        .await
        .expect("keys");
}

/// Presses Tab until the focused element matches the selector (at most 200 times).
async fn tab_to(app: &Browser, css: &str) {
    for _ in 0..200 {
        let here = app
            .eval(&format!(
                "document.activeElement?.matches({css:?}) === true"
            ))
            .await;
        if here == true {
            return;
        }
        press(app, TAB).await;
    }
    panic!("Tab never reached {css}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_whole_survey_can_be_filled_with_the_keyboard_alone() {
    with_app(|app| async move {
        app.open("#/survey").await;
        app.wait_for("#q-entity_name").await;
        tab_to(&app, "#lang-switch").await;
        press(&app, ENTER).await;
        app.wait_until("document.documentElement.lang === 'en'", "English")
            .await;

        tab_to(&app, "#q-entity_name").await;
        press(&app, "Keyboard council").await;

        tab_to(&app, ".section-link[data-section='area']").await;
        press(&app, ENTER).await;
        tab_to(&app, "#q-area").await;
        for _ in 0..5 {
            if app.value("#q-area").await.is_empty() {
                press(&app, ARROW_DOWN).await;
            }
        }
        assert!(
            !app.value("#q-area").await.is_empty(),
            "an area chosen with the arrows"
        );
        tab_to(&app, "#q-assessment_date").await;
        press(&app, "11022026").await;
        assert_eq!(app.value("#q-assessment_date").await, "2026-11-02");
        tab_to(
            &app,
            "[data-question='sectors'] label[data-value='governance'] input",
        )
        .await;
        press(&app, " ").await;

        tab_to(&app, ".section-link[data-section='governance']").await;
        press(&app, ENTER).await;
        tab_to(&app, "[data-question='gov_severity'] input[type=radio]").await;
        press(&app, " ").await;
        app.wait_saved().await;

        tab_to(&app, "#finalise").await;
        press(&app, ENTER).await;
        app.wait_until(
            "document.querySelector('#submission-status').dataset.status === 'finalised'",
            "finalised with the keyboard",
        )
        .await;
        tab_to(&app, "a[data-nav='submissions']").await;
        press(&app, ENTER).await;
        app.wait_for("#submission-list .entity").await;
        assert_eq!(
            app.text("#submission-list .entity").await,
            "Keyboard council"
        );
    })
    .await;
}
