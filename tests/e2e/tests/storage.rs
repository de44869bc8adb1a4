//! Nothing lost: answers and the language chosen survive a killed browser, finalised
//! submissions reopen as a new revision, and deleting goes to a trash that gives submissions
//! back.

use std::time::Duration;

use nahda_e2e::{with_app, Browser};

#[tokio::test(flavor = "multi_thread")]
async fn an_answer_survives_a_browser_killed_50_ms_after_the_keystroke() {
    with_app(|app| async move {
        app.open("#/survey").await;
        // Three times: type, and 50 ms after the last key the browser is killed outright, as
        // a phone kills a background tab or runs out of battery; no unload handshake follows.
        let typed = [
            ("#q-entity_name", "مجلس مارع المحلي"),
            ("#q-focal_name", "سلمى"),
            ("#q-focal_role", "أمينة السر"),
        ];
        let mut browser = app.clone();
        for (n, (field, text)) in typed.iter().enumerate() {
            browser.wait_for(field).await;
            browser.type_into(field, text).await;
            tokio::time::sleep(Duration::from_millis(50)).await;
            browser = browser.crash_and_restart().await;
            browser.open("#/survey").await;
            for (earlier, text) in &typed[..=n] {
                browser.wait_for(earlier).await;
                assert_eq!(
                    browser.value(earlier).await,
                    *text,
                    "{earlier} after kill {n}"
                );
            }
        }
        browser.close().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_language_chosen_survives_a_browser_killed_a_moment_after_the_choice() {
    with_app(|app| async move {
        app.open("#/survey").await;
        app.wait_for("#q-entity_name").await;
        // `localStorage` reaches the disk seconds after it is written: a browser killed before
        // that opens in Arabic again, unless the choice is kept somewhere that writes at once.
        app.english().await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let browser = app.crash_and_restart().await;
        browser.open("#/survey").await;
        browser
            .wait_until("document.documentElement.lang === 'en'", "English kept")
            .await;
        browser
            .wait_until(
                "document.querySelector('#lang-switch').textContent.trim() === 'العربية'",
                "the switch offers Arabic",
            )
            .await;

        // Back to Arabic, with Latin digits chosen in Settings.
        browser.click("#lang-switch").await;
        browser
            .wait_until("document.documentElement.lang === 'ar'", "Arabic")
            .await;
        browser.click("a[data-nav='settings']").await;
        browser.click("#digits-latin").await;
        browser
            .wait_until(
                "document.documentElement.dataset.digits === 'latn'",
                "Latin digits",
            )
            .await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let browser = browser.crash_and_restart().await;
        browser.open("#/survey").await;
        browser
            .wait_until(
                "document.documentElement.lang === 'ar' && document.documentElement.dataset.digits === 'latn'",
                "Arabic with Latin digits kept",
            )
            .await;
        browser.close().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn reopening_a_finalised_submission_starts_a_new_revision() {
    with_app(|app| async move {
        app.open("#/survey").await;
        app.english().await;
        app.type_into("#q-entity_name", "Jandairis council").await;
        app.click(".section-link[data-section='area']").await;
        app.choose("#q-area", "SY02").await;
        app.eval("(() => { const d = document.querySelector('#q-assessment_date'); d.value = '2026-10-01'; d.dispatchEvent(new Event('input', {bubbles: true})); return true; })()").await;
        app.click("[data-question='sectors'] label[data-value='governance'] input").await;
        app.click(".section-link[data-section='governance']").await;
        app.click("[data-question='gov_severity'] label[data-value='2'] input").await;
        app.wait_saved().await;
        app.click("#finalise").await;
        app.wait_for("#reopen").await;
        assert_eq!(app.text("#submission-revision").await, "Revision 1");

        app.click("#reopen").await;
        app.wait_until("document.querySelector('#submission-status').dataset.status === 'draft'", "a draft again").await;
        assert_eq!(app.text("#submission-revision").await, "Revision 2");
        app.click(".section-link[data-section='reporter']").await;
        app.retype("#q-entity_name", "Jandairis local council").await;
        app.wait_saved().await;
        app.reload().await;
        app.wait_for("#q-entity_name").await;
        assert_eq!(app.value("#q-entity_name").await, "Jandairis local council");
        assert_eq!(app.text("#submission-revision").await, "Revision 2");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn my_submissions_lists_filters_duplicates_deletes_and_restores() {
    with_app(|app| async move {
        app.open("#/survey").await;
        app.english().await;
        app.type_into("#q-entity_name", "Afrin council").await;
        app.click(".section-link[data-section='area']").await;
        app.click("[data-question='sectors'] label[data-value='health'] input")
            .await;
        app.wait_saved().await;
        app.new_submission_leaving_draft().await;
        app.wait_until(
            "document.querySelector('#q-entity_name')?.value === ''",
            "an empty new draft",
        )
        .await;
        app.type_into("#q-entity_name", "Idleb civil society network")
            .await;
        app.wait_saved().await;

        app.click("a[data-nav='submissions']").await;
        app.wait_until(
            "document.querySelectorAll('#submission-list li').length === 2",
            "two submissions",
        )
        .await;
        app.choose("#filter-sector", "health").await;
        app.wait_until(
            "document.querySelectorAll('#submission-list li').length === 1",
            "the health one",
        )
        .await;
        assert!(app.text("#submission-list").await.contains("Afrin council"));
        app.choose("#filter-sector", "").await;
        app.type_into("#filter-text", "idleb").await;
        app.wait_until(
            "document.querySelectorAll('#submission-list li').length === 1",
            "the search result",
        )
        .await;
        assert!(app
            .text("#submission-list")
            .await
            .contains("Idleb civil society network"));
        app.retype("#filter-text", "").await;
        app.wait_until(
            "document.querySelectorAll('#submission-list li').length === 2",
            "both again",
        )
        .await;

        // Duplicate: a third submission opens in the survey with the same answers.
        app.click("#submission-list li:last-child .duplicate").await;
        app.wait_for("#q-entity_name").await;
        assert_eq!(app.value("#q-entity_name").await, "Afrin council");
        app.click("a[data-nav='submissions']").await;
        app.wait_until(
            "document.querySelectorAll('#submission-list li').length === 3",
            "three submissions",
        )
        .await;

        // Delete asks first; the submission goes to the trash and comes back.
        app.click("#submission-list li:first-child .delete").await;
        app.client
            .accept_alert()
            .await
            .expect("confirm the deletion");
        app.wait_until(
            "document.querySelectorAll('#submission-list li').length === 2",
            "two left",
        )
        .await;
        app.click("#filter-trash").await;
        app.wait_until(
            "document.querySelectorAll('#submission-list li').length === 1",
            "one in the trash",
        )
        .await;
        app.click("#submission-list .restore").await;
        app.wait_for("#no-submissions").await;
        app.click("#filter-trash").await;
        app.wait_until(
            "document.querySelectorAll('#submission-list li').length === 3",
            "all three back",
        )
        .await;

        // Emptying the trash is explicit and final.
        app.click("#submission-list li:first-child .delete").await;
        app.client.accept_alert().await.expect("confirm");
        app.click("#filter-trash").await;
        app.wait_until(
            "document.querySelectorAll('#submission-list li').length === 1",
            "one in the trash",
        )
        .await;
        app.click("#empty-trash").await;
        app.client.accept_alert().await.expect("confirm emptying");
        app.wait_for("#no-submissions").await;
        app.reload().await;
        app.wait_until(
            "document.querySelectorAll('#submission-list li').length === 2",
            "two after emptying the trash",
        )
        .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_profile_starts_every_new_submission() {
    with_app(|app| async move {
        app.open("#/settings").await;
        app.english().await;
        let usage = app.text("#storage-usage").await;
        assert!(
            usage.starts_with("Used: "),
            "usage and quota are shown: {usage}"
        );
        let device = app.text("#device-id").await;
        assert_eq!(device.len(), 36, "a random UUID: {device}");
        app.type_into("#profile-entity-name", "Azaz local council")
            .await;
        app.wait_until(
            "document.querySelectorAll('#profile-entity-type option').length > 2",
            "the entity types",
        )
        .await;
        app.choose("#profile-entity-type", "local_council").await;
        app.type_into("#profile-focal-name", "Salma").await;
        app.click("#profile-save").await;
        app.wait_until(
            "document.querySelector('#profile-result').textContent.includes('saved')",
            "the profile to be saved",
        )
        .await;

        app.click("a[data-nav='survey']").await;
        app.click("#new-submission").await;
        app.wait_until(
            "document.querySelector('#q-entity_name')?.value === 'Azaz local council'",
            "the entity from the profile",
        )
        .await;
        assert_eq!(app.value("#q-focal_name").await, "Salma");

        app.reload().await;
        app.click("a[data-nav='settings']").await;
        app.wait_until(
            "document.querySelector('#profile-entity-name')?.value === 'Azaz local council'",
            "the saved profile",
        )
        .await;
        assert_eq!(app.text("#device-id").await, device, "the device id stays");
    })
    .await;
}

async fn restore(app: &Browser, path: &std::path::Path) -> String {
    // Settings may still be drawing after the link to it was followed.
    app.wait_for("#backup-result").await;
    let before = app
        .eval("document.querySelector('#backup-result').dataset.attempts")
        .await;
    app.pick_file("#backup-file", path).await;
    app.wait_until(
        &format!("document.querySelector('#backup-result').dataset.attempts !== {before}"),
        "the restore's outcome",
    )
    .await;
    app.text("#backup-result").await
}

async fn listed(app: &Browser) -> Vec<String> {
    app.click("a[data-nav='submissions']").await;
    app.wait_for("#submission-count").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let names = app
        .eval("[...document.querySelectorAll('#submission-list .entity')].map(e => e.textContent)")
        .await;
    names
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backup_brings_everything_back_after_the_site_data_is_cleared() {
    with_app(|app| async move {
        app.open("#/survey").await;
        app.english().await;
        app.type_into("#q-entity_name", "Harim council").await;
        app.wait_saved().await;
        app.click("a[data-nav='settings']").await;
        app.type_into("#profile-entity-name", "Harim council").await;
        app.click("#profile-save").await;
        app.wait_until(
            "document.querySelector('#profile-result').textContent.includes('saved')",
            "the profile",
        )
        .await;
        app.click("#backup-save").await;
        let file = app.downloaded("nahda-backup-").await;
        let backup = std::fs::read_to_string(&file).expect("read the backup");
        assert!(backup.contains("\"format\":\"nahda.backup\""));
        assert!(backup.contains("Harim council"));

        // Everything on the site is wiped.
        app.clear_site_data().await;
        app.reload().await;
        assert_eq!(
            app.lang_dir().await.0,
            "ar",
            "the language choice went with the site data"
        );
        app.english().await;
        app.click("a[data-nav='settings']").await;
        app.wait_for("#profile-entity-name").await;
        assert_eq!(app.value("#profile-entity-name").await, "");
        assert!(!listed(&app).await.contains(&"Harim council".to_string()));

        // A damaged backup is refused and changes nothing.
        let damaged =
            std::env::temp_dir().join(format!("nahda-damaged-{}.json", std::process::id()));
        std::fs::write(&damaged, backup.replace("Harim council", "Harim counsel")).expect("write");
        app.click("a[data-nav='settings']").await;
        let message = restore(&app, &damaged).await;
        assert!(message.contains("damaged or was changed"), "{message}");
        assert!(!listed(&app).await.contains(&"Harim council".to_string()));

        // The real backup restores the submission and the profile.
        app.click("a[data-nav='settings']").await;
        let message = restore(&app, &file).await;
        assert!(
            message.contains("Restore complete: 1 submission added"),
            "{message}"
        );
        let names = listed(&app).await;
        assert_eq!(
            names.iter().filter(|n| *n == "Harim council").count(),
            1,
            "{names:?}"
        );
        app.reload().await;
        app.click("a[data-nav='settings']").await;
        app.wait_until(
            "document.querySelector('#profile-entity-name')?.value === 'Harim council'",
            "the restored profile",
        )
        .await;

        // Restoring again duplicates nothing.
        let again = restore(&app, &file).await;
        assert!(
            again.contains("Restore complete: 0 submissions added"),
            "{again}"
        );
        assert!(again.contains("unchanged: 1"), "{again}");
        let names = listed(&app).await;
        assert_eq!(
            names.iter().filter(|n| *n == "Harim council").count(),
            1,
            "{names:?}"
        );
        let _ = std::fs::remove_file(damaged);
    })
    .await;
}
