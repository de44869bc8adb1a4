//! Filling the six-sector survey as a person would: sections follow the sectors chosen, wrong
//! values get clear messages, Arabic-Indic digits are accepted, only a valid submission can be
//! finalised, and every answer survives a reload.

use nahda_e2e::{pack_with, with_app, write_file, Browser};

async fn open_survey_in_english(app: &Browser) {
    app.open("#/survey").await;
    app.wait_for("[data-question='entity_name'] input").await;
    app.click("#lang-switch").await;
    app.wait_until("document.documentElement.lang === 'en'", "English")
        .await;
}

async fn go_to_section(app: &Browser, id: &str) {
    app.click(&format!(".section-link[data-section='{id}']"))
        .await;
    app.wait_for(&format!("fieldset.section[data-section='{id}']"))
        .await;
}

async fn message_of(app: &Browser, question: &str) -> String {
    app.eval(&format!(
        "document.querySelector(\"[data-question='{question}'] .message\")?.textContent ?? ''"
    ))
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_fills_and_finalises_the_survey() {
    with_app(|app| async move {
        open_survey_in_english(&app).await;
        assert!(app.text("#submission-status").await.contains("Draft"));

        // Finalising an empty survey is refused, with a summary of what is missing.
        app.click("#finalise").await;
        let summary = app.text("#issue-summary").await;
        assert!(summary.contains("Answers that need attention"), "{summary}");
        assert!(summary.contains("This question is required."), "{summary}");
        assert!(app.text("#submission-status").await.contains("Draft"));
        app.screenshot("survey-issues-en").await;

        // Part A: who reports.
        assert_eq!(
            app.eval("document.querySelector('#q-entity_name').getAttribute('aria-required')").await,
            "true",
            "a required question says so"
        );
        app.type_into("#q-entity_name", "Maarat Misrin local council").await;
        app.click("#q-entity_type").await;
        assert!(message_of(&app, "entity_name").await.is_empty());

        // Where: the area from the list, level by level.
        go_to_section(&app, "area").await;
        app.choose("#q-area", "SY02").await;
        app.choose("#q-area-level-1", "SY0204").await;
        app.choose("#q-area-level-2", "SY020400").await;
        app.choose("#q-area-level-3", "C1564").await;
        // Arabic-Indic digits are numbers; letters are not.
        app.type_into("#q-population", "١٢٥٠٠").await;
        app.type_into("#q-idps", "many").await;
        app.click("#q-returnees").await;
        assert_eq!(message_of(&app, "population").await, "");
        assert_eq!(
            message_of(&app, "idps").await,
            "Enter a number (Arabic-Indic digits are accepted too)."
        );
        // Assistive technology hears the same: the input is marked invalid and described by
        // its message.
        let aria = "(() => { const i = document.querySelector('#q-idps'); \
                    return [i.getAttribute('aria-invalid'), i.getAttribute('aria-describedby')]; })()";
        assert_eq!(app.eval(aria).await, serde_json::json!(["true", "q-idps-hint q-idps-error"]));
        let border = "getComputedStyle(document.querySelector('#q-idps')).borderTopWidth";
        assert_eq!(app.eval(border).await, "2px", "the invalid input is outlined");
        app.retype("#q-idps", "3400").await;
        assert_eq!(message_of(&app, "idps").await, "");
        assert_eq!(app.eval(aria).await, serde_json::json!([null, "q-idps-hint q-idps-error"]));
        // A date in the future is refused with the form's own message.
        app.eval("(() => { const d = document.querySelector('#q-assessment_date'); d.value = '2999-01-01'; d.dispatchEvent(new Event('input', {bubbles: true})); d.dispatchEvent(new Event('change', {bubbles: true})); return true; })()").await;
        assert!(!message_of(&app, "assessment_date").await.is_empty(), "a future date is refused");
        app.eval("(() => { const d = document.querySelector('#q-assessment_date'); d.value = '2026-11-01'; d.dispatchEvent(new Event('input', {bubbles: true})); return true; })()").await;
        assert_eq!(message_of(&app, "assessment_date").await, "");

        // Sector sections appear only for the sectors chosen.
        assert!(!app.eval("document.querySelector(\".section-link[data-section='health']\").offsetParent !== null").await.as_bool().unwrap_or(true));
        app.click("[data-question='sectors'] label[data-value='health'] input").await;
        app.click("[data-question='sectors'] label[data-value='education'] input").await;
        app.wait_until("document.querySelector(\".section-link[data-section='health']\").offsetParent !== null", "the health section to appear").await;
        assert!(app.eval("document.querySelector(\".section-link[data-section='governance']\").offsetParent === null").await.as_bool().unwrap_or(false));
        app.click("[data-question='sectors'] label[data-value='education'] input").await;
        app.wait_until("document.querySelector(\".section-link[data-section='education']\").offsetParent === null", "the education section to disappear").await;

        // Health: severity, counts that must add up, an "other" that appears when ticked.
        go_to_section(&app, "health").await;
        app.click("[data-question='hea_severity'] label[data-value='4'] input").await;
        app.type_into("#q-hea_facilities_total", "5").await;
        app.type_into("#q-hea_facilities_functioning", "7").await;
        app.click("#q-hea_doctors").await;
        let message = message_of(&app, "hea_facilities_functioning").await;
        assert!(!message.is_empty(), "7 functioning of 5 is refused");
        app.retype("#q-hea_facilities_functioning", "3").await;
        assert_eq!(message_of(&app, "hea_facilities_functioning").await, "");
        assert!(!app.exists("#q-hea_problems_other").await);
        app.click("[data-question='hea_problems'] label[data-value='other'] input").await;
        app.wait_for("#q-hea_problems_other").await;
        app.type_into("#q-hea_problems_other", "No generator fuel").await;
        // A repeat group: one actor working in the sector.
        app.click("#q-hea_actors-add").await;
        app.wait_for("[data-question='hea_actors'] .repeat-row").await;
        let actor_inputs = app.eval("document.querySelectorAll(\"[data-question='hea_actors'] .repeat-row input\").length").await;
        assert!(actor_inputs.as_u64().unwrap_or(0) >= 2, "an actor row has its questions");
        app.screenshot("survey-health-en").await;

        // Everything saved as typed: a reload brings it all back, at the section left open.
        app.wait_saved().await;
        app.reload().await;
        app.wait_for("fieldset.section[data-section='health']").await;
        assert_eq!(
            app.eval("document.querySelector('.section-link[aria-current]').dataset.section").await,
            "health"
        );
        go_to_section(&app, "reporter").await;
        assert_eq!(app.value("#q-entity_name").await, "Maarat Misrin local council");
        go_to_section(&app, "area").await;
        assert_eq!(app.value("#q-population").await, "١٢٥٠٠");
        assert_eq!(app.value("#q-area-level-3").await, "C1564");
        go_to_section(&app, "health").await;
        assert_eq!(app.value("#q-hea_problems_other").await, "No generator fuel");

        // The empty actor row has a required name: finalising shows it and jumps to it.
        app.click("#finalise").await;
        let summary = app.text("#issue-summary").await;
        assert!(summary.contains("Health"), "{summary}");
        app.click("#issue-summary .issue-link").await;
        // The focus moves to the question in the next frame.
        app.wait_until(
            "document.activeElement.id === 'q-hea_actor_name-0'",
            "the focus on the actor's name",
        )
        .await;
        app.click("[data-question='hea_actors'] .remove-row").await;
        app.wait_saved().await;

        // Now it is valid: finalise, and it becomes read-only, also after a reload.
        app.click("#finalise").await;
        app.wait_until("document.querySelector('#submission-status').dataset.status === 'finalised'", "finalised").await;
        assert!(app.exists("#finalised-notice").await);
        app.reload().await;
        app.wait_for("#finalised-notice").await;
        assert!(app.text("#submission-status").await.contains("Finalised"));
        assert!(app.eval("document.querySelector('fieldset.section').disabled").await.as_bool().unwrap_or(false));
        go_to_section(&app, "reporter").await;
        assert_eq!(app.value("#q-entity_name").await, "Maarat Misrin local council");
        // What comes next is pointed at: exporting it.
        app.click("#go-export").await;
        app.wait_for("section[data-page='export']").await;
        app.click("a[data-nav='survey']").await;
        app.wait_for("#finalised-notice").await;

        // A new submission starts empty.
        app.click("#new-submission").await;
        app.wait_until("document.querySelector('#submission-status')?.dataset.status === 'draft'", "a new draft").await;
        assert_eq!(app.value("#q-entity_name").await, "");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_survey_is_arabic_first_and_explains_errors_in_arabic() {
    with_app(|app| async move {
        app.open("#/survey").await;
        app.wait_for("#q-entity_name").await;
        assert_eq!(app.lang_dir().await, ("ar".into(), "rtl".into()));
        app.click("#finalise").await;
        let summary = app.text("#issue-summary").await;
        assert!(summary.contains("هذا السؤال مطلوب."), "{summary}");
        go_to_section(&app, "area").await;
        app.type_into("#q-population", "-٥").await;
        app.click("#q-idps").await;
        assert_eq!(
            message_of(&app, "population").await,
            "يجب ألا تقل القيمة عن ٠."
        );
        app.screenshot("survey-area-ar").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_phones_location_is_taken_when_allowed_and_kept_after_a_reload() {
    with_app(|app| async move {
        app.cdp(
            "Browser.grantPermissions",
            serde_json::json!({ "permissions": ["geolocation"] }),
        )
        .await;
        app.cdp(
            "Emulation.setGeolocationOverride",
            serde_json::json!({ "latitude": 36.5864, "longitude": 37.0447, "accuracy": 12 }),
        )
        .await;
        open_survey_in_english(&app).await;
        go_to_section(&app, "area").await;
        app.click("#q-area_gps").await;
        app.wait_for("[data-question='area_gps'] .gps-value").await;
        assert_eq!(
            app.text("[data-question='area_gps'] .gps-value").await,
            "36.58640, 37.04470"
        );
        assert!(app
            .text("[data-question='area_gps'] .gps-accuracy")
            .await
            .contains("12 m"));
        app.wait_saved().await;
        app.reload().await;
        go_to_section(&app, "area").await;
        app.wait_for("[data-question='area_gps'] .gps-value").await;
        assert_eq!(
            app.text("[data-question='area_gps'] .gps-value").await,
            "36.58640, 37.04470",
            "the point is kept"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_click_on_finalise_is_not_lost_when_the_field_left_shows_its_message() {
    with_app(|app| async move {
        // On a phone, where the message takes two lines.
        app.client.set_window_size(360, 640).await.expect("a phone");
        open_survey_in_english(&app).await;
        go_to_section(&app, "area").await;
        // The person types a wrong value and, without leaving the field, clicks Finalise: the
        // field's message appears as the field loses the focus and pushes the button down.
        app.type_into("#q-idps", "many").await;
        assert_eq!(message_of(&app, "idps").await, "");
        app.press("#finalise", std::time::Duration::from_millis(150))
            .await;
        app.wait_for("#issue-summary").await;
        assert_eq!(
            message_of(&app, "idps").await,
            "Enter a number (Arabic-Indic digits are accepted too)."
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_form_of_many_questions_keeps_only_some_sections_drawn() {
    with_app(|app| async move {
        // The area section asks 320 more questions: more than the 300 kept drawn off screen.
        app.open("#/settings").await;
        app.english().await;
        app.wait_for("#form-list li[data-version='1']").await;
        let mut pack: serde_json::Value =
            serde_json::from_str(&pack_with(2, "Survey, long edition")).expect("pack");
        let area = pack["sections"]
            .as_array_mut()
            .and_then(|sections| sections.iter_mut().find(|s| s["id"] == "area"))
            .and_then(|section| section["questions"].as_array_mut())
            .expect("the area section's questions");
        area.extend((0..320).map(|n| {
            serde_json::json!({"id": format!("note_{n}"), "kind": "text",
                "label": {"ar": format!("ملاحظة {n}"), "en": format!("Note {n}")}})
        }));
        let loaded = app
            .load_form_file(&write_file("long.json", pack.to_string()))
            .await;
        assert!(loaded.contains("Form loaded"), "{loaded}");
        app.click("a[data-nav='survey']").await;
        app.wait_for("#q-entity_name").await;

        // The next section is drawn ahead whatever its size; the one after it then is not.
        app.wait_until("!!document.querySelector('#q-note_319')", "the long section drawn ahead")
            .await;
        assert_eq!(
            app.eval("document.querySelectorAll(\"fieldset.section[data-section='closing'] .question\").length")
                .await,
            0,
            "the closing section is past the 300 questions"
        );

        // From the closing section, the long one behind it is let go, and what was typed in
        // it is still there when it is drawn again.
        go_to_section(&app, "area").await;
        app.type_into("#q-note_0", "٤٠٠").await;
        go_to_section(&app, "closing").await;
        app.wait_until(
            "!document.querySelector('#q-note_0') && !document.querySelector('#q-entity_name')",
            "the long section, and the one before it, let go",
        )
        .await;
        go_to_section(&app, "area").await;
        app.wait_for("#q-note_0").await;
        assert_eq!(app.value("#q-note_0").await, "٤٠٠");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_sections_after_are_drawn_ahead_while_the_page_is_idle() {
    with_app(|app| async move {
        app.open("#/survey").await;
        app.wait_for("#q-entity_name").await;
        // While the first section is on screen, the ones after it are drawn, hidden: the next
        // one and the one after that (no sector is chosen yet, so the closing section).
        app.wait_until(
            "!!document.querySelector(\"fieldset.section[data-section='area'] #q-population\") \
             && document.querySelectorAll(\"fieldset.section[data-section='closing'] .question\").length > 0",
            "the area and closing sections drawn ahead",
        )
        .await;
        let shown = app
            .eval("[...document.querySelectorAll('fieldset.section')].map(f => [f.dataset.section, f.hidden])")
            .await;
        let shown = shown.as_array().expect("sections").clone();
        assert!(shown.len() >= 3, "{shown:?}");
        assert_eq!(shown[0][1], false, "the section on screen is shown: {shown:?}");
        assert!(shown[1..].iter().all(|s| s[1] == true), "the others are hidden: {shown:?}");
        // Going there draws nothing again: the very same input comes on screen. The sections
        // before and after it stay drawn.
        app.eval("document.querySelector('#q-population').dataset.drawnAhead = 'yes'")
            .await;
        go_to_section(&app, "area").await;
        app.wait_until(
            "!document.querySelector(\"fieldset.section[data-section='area']\").hidden",
            "the area section on screen",
        )
        .await;
        assert_eq!(
            app.eval("document.querySelector('#q-population').dataset.drawnAhead ?? ''")
                .await,
            "yes"
        );
        app.wait_until(
            "document.querySelectorAll(\"fieldset.section[data-section='closing'] .question\").length > 0 \
             && !!document.querySelector(\"fieldset.section[data-section='reporter'] #q-entity_name\")",
            "the sections before and after kept drawn",
        )
        .await;
        // What was typed stays through going away and back.
        app.type_into("#q-population", "٤٠٠").await;
        app.click(".section-link[data-section='reporter']").await;
        app.wait_until(
            "document.querySelector(\"fieldset.section[data-section='area']\").hidden",
            "the area section hidden again",
        )
        .await;
        go_to_section(&app, "area").await;
        assert_eq!(app.value("#q-population").await, "٤٠٠");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn finalise_names_what_an_answer_left_behind_by_a_hidden_question_hid() {
    with_app(|app| async move {
        // The address is needed when no phone is given; the phone is asked only of those
        // who have one.
        let t = |ar: &str, en: &str| serde_json::json!({"ar": ar, "en": en});
        app.load_pack_asking(&[
            serde_json::json!({"id": "has_phone", "kind": "yes_no",
                               "label": t("هل لديكم هاتف؟", "Do you have a phone?")}),
            serde_json::json!({"id": "phone", "kind": "phone", "label": t("الهاتف", "Phone"),
                               "relevant": "${has_phone} = 'yes'"}),
            serde_json::json!({"id": "address", "kind": "text",
                               "label": t("عنوان البريد", "Postal address"),
                               "required_if": "${phone} = ''"}),
        ])
        .await;
        app.click("[data-question='has_phone'] label.choice[data-value='yes'] input")
            .await;
        app.type_into("#q-phone", "0999123456").await;
        // Then no phone after all: the number typed stays in the draft, hidden, and goes
        // when the submission is finalised, so the address is needed then.
        app.click("[data-question='has_phone'] label.choice[data-value='no'] input")
            .await;
        app.wait_until(
            "!document.querySelector('#q-phone') || document.querySelector('#q-phone').closest('[hidden]')",
            "the phone hidden",
        )
        .await;
        app.click("#finalise").await;
        app.wait_for("#issue-summary").await;
        let summary = app.text("#issue-summary").await;
        assert!(summary.contains("Postal address"), "{summary}");
        assert!(app.text("#submission-status").await.contains("Draft"));

        // Giving the address takes its issue away.
        app.type_into("#q-address", "Bab al-Hawa road").await;
        app.click("#finalise").await;
        app.wait_for("#issue-summary").await;
        let summary = app.text("#issue-summary").await;
        assert!(!summary.contains("Postal address"), "{summary}");
        app.close().await;
    })
    .await;
}
