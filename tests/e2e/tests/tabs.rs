//! One submission open in two tabs of the same browser, as on a phone where tabs pile up or
//! the installed app runs beside a tab: no order of events loses an answer or silently
//! replaces one, and a stale tab never turns a finalised survey back into a draft.
//!
//! Tabs tell each other what they write; to reach the case where a tab learns of the other's
//! write only when its own is refused (the message was lost: a frozen or discarded tab), a
//! test mutes a tab's announcements.

use nahda_e2e::{with_app, Browser};

async fn value_becomes(app: &Browser, css: &str, value: &str) {
    app.wait_until(
        &format!("document.querySelector({css:?})?.value === {value:?}"),
        &format!("{css} to read {value}"),
    )
    .await;
}

/// The stored submission being filled, read straight from IndexedDB.
async fn stored(app: &Browser) -> serde_json::Value {
    app.client
        .execute_async(
            r#"const done = arguments[0];
            const open = indexedDB.open('nahda');
            open.onsuccess = () => {
                const db = open.result;
                const tx = db.transaction(['settings', 'submissions']);
                tx.objectStore('settings').get('current_submission').onsuccess = (e) => {
                    tx.objectStore('submissions').get(e.target.result.value).onsuccess = (s) => {
                        done(s.target.result);
                        db.close();
                    };
                };
            };"#,
            vec![],
        )
        .await
        .expect("read the stored submission")
}

#[tokio::test(flavor = "multi_thread")]
async fn two_tabs_changing_different_questions_keep_both_answers() {
    with_app(|app| async move {
        app.open("#/survey").await;
        app.english().await;
        let first = app.current_tab().await;
        app.type_into("#q-entity_name", "Azaz local council").await;
        app.wait_saved().await;

        let second = app.new_tab("#/survey").await;
        value_becomes(&app, "#q-entity_name", "Azaz local council").await;
        app.type_into("#q-focal_name", "Salma").await;
        app.wait_saved().await;

        // The first tab hears of it and shows it, without a reload.
        app.switch_to(&first).await;
        value_becomes(&app, "#q-focal_name", "Salma").await;
        app.type_into("#q-focal_role", "Secretary").await;
        app.wait_saved().await;

        // This time the second tab's message is lost: the first learns of its write only when
        // its own write is refused, and still keeps both.
        app.switch_to(&second).await;
        value_becomes(&app, "#q-focal_role", "Secretary").await;
        app.mute_announcements().await;
        app.type_into("#q-focal_phone", "+963 944 000 000").await;
        app.wait_saved().await;
        app.switch_to(&first).await;
        app.retype("#q-entity_name", "Azaz council").await;
        app.wait_saved().await;
        value_becomes(&app, "#q-focal_phone", "+963 944 000 000").await;

        let record = stored(&app).await;
        let answers = &record["answers"];
        assert_eq!(answers["entity_name"], "Azaz council");
        assert_eq!(answers["focal_name"], "Salma");
        assert_eq!(answers["focal_role"], "Secretary");
        assert_eq!(answers["focal_phone"], "+963 944 000 000");
        assert!(!app.exists("#contested").await, "nothing was contested");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_same_question_typed_in_two_tabs_keeps_both_values_until_the_person_chooses() {
    with_app(|app| async move {
        app.open("#/survey").await;
        app.english().await;
        let first = app.current_tab().await;
        app.type_into("#q-entity_name", "Marea council").await;
        app.wait_saved().await;
        let second = app.new_tab("#/survey").await;
        value_becomes(&app, "#q-entity_name", "Marea council").await;

        // The second tab's write is not announced; the first, stale, changes the same question.
        app.mute_announcements().await;
        app.retype("#q-entity_name", "Marea local council").await;
        app.wait_saved().await;
        app.switch_to(&first).await;
        app.retype("#q-entity_name", "Marea city council").await;
        app.wait_for("#contested").await;
        app.wait_saved().await;
        assert_eq!(app.value("#q-entity_name").await, "Marea city council");
        assert_eq!(
            app.text("#contested .kept-value").await,
            "Marea city council"
        );
        assert_eq!(
            app.text("#contested .other-value").await,
            "Marea local council"
        );
        app.screenshot("contested-en").await;

        // Both values are stored; the other tab shows the same choice.
        let record = stored(&app).await;
        assert_eq!(record["answers"]["entity_name"], "Marea city council");
        assert_eq!(record["contested"][0]["other"], "Marea local council");
        app.switch_to(&second).await;
        app.wait_for("#contested").await;
        value_becomes(&app, "#q-entity_name", "Marea city council").await;

        // Finalising waits for the choice.
        app.switch_to(&first).await;
        app.click("#finalise").await;
        let summary = app.text("#issue-summary").await;
        assert!(summary.contains("changed in two places"), "{summary}");

        // The person takes the other value: it is the answer everywhere, and nothing is left
        // to choose.
        app.click("#contested .take-other").await;
        value_becomes(&app, "#q-entity_name", "Marea local council").await;
        app.wait_saved().await;
        assert!(!app.exists("#contested").await);
        app.switch_to(&second).await;
        value_becomes(&app, "#q-entity_name", "Marea local council").await;
        app.wait_until(
            "document.querySelector('#contested') === null",
            "the choice to reach the other tab",
        )
        .await;
        let record = stored(&app).await;
        assert_eq!(record["answers"]["entity_name"], "Marea local council");
        assert!(record.get("contested").is_none(), "{record}");
    })
    .await;
}

async fn fill_valid(app: &Browser, entity: &str) {
    app.retype("#q-entity_name", entity).await;
    app.click(".section-link[data-section='area']").await;
    app.choose("#q-area", "SY02").await;
    app.eval("(() => { const d = document.querySelector('#q-assessment_date'); d.value = '2026-11-01'; d.dispatchEvent(new Event('input', {bubbles: true})); return true; })()").await;
    app.click("[data-question='sectors'] label[data-value='governance'] input")
        .await;
    app.click(".section-link[data-section='governance']").await;
    app.click("[data-question='gov_severity'] label[data-value='3'] input")
        .await;
    app.wait_saved().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stale_tab_never_turns_a_finalised_survey_back_into_a_draft() {
    with_app(|app| async move {
        app.open("#/survey").await;
        app.english().await;
        let first = app.current_tab().await;
        fill_valid(&app, "Afrin council").await;
        let second = app.new_tab("#/survey").await;
        app.click(".section-link[data-section='reporter']").await;
        value_becomes(&app, "#q-entity_name", "Afrin council").await;

        // Heard: the second tab turns read-only as soon as the first finalises.
        app.switch_to(&first).await;
        app.click("#finalise").await;
        app.wait_until(
            "document.querySelector('#submission-status').dataset.status === 'finalised'",
            "finalised",
        )
        .await;
        app.switch_to(&second).await;
        app.wait_until(
            "document.querySelector('#submission-status').dataset.status === 'finalised'",
            "the other tab to show it finalised",
        )
        .await;

        // Not heard: the first reopens and finalises again without telling; the second, still
        // showing a draft, edits it.
        app.click("#reopen").await;
        app.wait_until(
            "document.querySelector('#submission-status').dataset.status === 'draft'",
            "a draft again",
        )
        .await;
        app.switch_to(&first).await;
        app.wait_until(
            "document.querySelector('#submission-status').dataset.status === 'draft'",
            "the first tab to see the reopened draft",
        )
        .await;
        app.mute_announcements().await;
        app.click("#finalise").await;
        app.wait_until(
            "document.querySelector('#submission-status').dataset.status === 'finalised'",
            "finalised again",
        )
        .await;
        app.switch_to(&second).await;
        app.click(".section-link[data-section='reporter']").await;
        // Pasted, so the whole name is one edit: typed key by key, the first keys' save can
        // find the submission finalised before the last keys arrive, and those then meet a
        // read-only field.
        app.paste_into("#q-focal_name", "Layla").await;
        app.wait_for("#elsewhere-notice").await;
        app.wait_until(
            "document.querySelector('#submission-status').dataset.status === 'finalised'",
            "the stale tab to learn it was finalised",
        )
        .await;
        app.wait_saved().await;

        // Still finalised, as the first tab left it; the typed value kept aside, not lost.
        let record = stored(&app).await;
        assert_eq!(record["status"], "finalised");
        assert_eq!(record["revision"], 2);
        assert!(record["answers"].get("focal_name").is_none(), "{record}");
        assert_eq!(record["contested"][0]["other"], "Layla");
        app.switch_to(&first).await;
        app.reload().await;
        app.wait_for("#finalised-notice").await;

        // Reopened, the kept-aside value can be taken.
        app.wait_for("#contested").await;
        app.click("#reopen").await;
        app.wait_for("#contested .take-other").await;
        app.click("#contested .take-other").await;
        app.click(".section-link[data-section='reporter']").await;
        value_becomes(&app, "#q-focal_name", "Layla").await;
        app.wait_saved().await;
        let record = stored(&app).await;
        assert_eq!(record["status"], "draft");
        assert_eq!(record["answers"]["focal_name"], "Layla");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tab_left_open_takes_in_what_another_typed_after_reloading() {
    with_app(|app| async move {
        app.open("#/survey").await;
        app.english().await;
        let first = app.current_tab().await;
        app.type_into("#q-entity_name", "Idleb relief network")
            .await;
        app.wait_saved().await;
        let second = app.new_tab("#/survey").await;
        value_becomes(&app, "#q-entity_name", "Idleb relief network").await;

        app.switch_to(&first).await;
        app.reload().await;
        app.wait_for("#q-entity_name").await;
        app.type_into("#q-focal_name", "Omar").await;
        app.wait_saved().await;

        app.switch_to(&second).await;
        value_becomes(&app, "#q-focal_name", "Omar").await;
        app.type_into("#q-focal_role", "Coordinator").await;
        app.wait_saved().await;

        app.switch_to(&first).await;
        value_becomes(&app, "#q-focal_role", "Coordinator").await;
        app.reload().await;
        app.wait_for("#q-entity_name").await;
        assert_eq!(app.value("#q-entity_name").await, "Idleb relief network");
        assert_eq!(app.value("#q-focal_name").await, "Omar");
        assert_eq!(app.value("#q-focal_role").await, "Coordinator");
    })
    .await;
}
