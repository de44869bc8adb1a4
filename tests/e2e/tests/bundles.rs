//! Bundles between two people: a council exports, a coordinator in another browser profile
//! imports and sees the same submissions; importing again changes nothing; an edited
//! submission arrives as a newer revision; edits made independently on both sides arrive as a
//! conflict that keeps both. And every bad file of the corpus is refused with its message,
//! leaving the store as it was.

use std::path::{Path, PathBuf};
use std::time::Duration;

use nahda_e2e::{with_app, Browser};
use serde_json::Value;

async fn english(app: &Browser) {
    app.click("#lang-switch").await;
    app.wait_until("document.documentElement.lang === 'en'", "English")
        .await;
}

/// Fills the smallest finalisable survey (one sector) and finalises it; returns its id.
async fn fill_and_finalise(app: &Browser, entity: &str) -> String {
    app.click("a[data-nav='survey']").await;
    app.wait_for("#q-entity_name").await;
    app.type_into("#q-entity_name", entity).await;
    app.click(".section-link[data-section='area']").await;
    app.choose("#q-area", "SY02").await;
    app.eval("(() => { const d = document.querySelector('#q-assessment_date'); d.value = '2026-11-01'; d.dispatchEvent(new Event('input', {bubbles: true})); return true; })()").await;
    app.click("[data-question='sectors'] label[data-value='governance'] input")
        .await;
    app.click(".section-link[data-section='governance']").await;
    app.click("[data-question='gov_severity'] label[data-value='3'] input")
        .await;
    app.wait_saved().await;
    app.click("#finalise").await;
    app.wait_until(
        "document.querySelector('#submission-status').dataset.status === 'finalised'",
        "finalised",
    )
    .await;
    let id = app
        .eval("document.querySelector('#submission-status').dataset.id")
        .await;
    id.as_str().expect("the submission's id").to_string()
}

/// Opens a submission from "My submissions", reopens it, renames its entity and finalises it.
async fn edit_entity(app: &Browser, id: &str, entity: &str) {
    app.click("a[data-nav='submissions']").await;
    app.click(&format!("li.submission[data-id='{id}'] button.open"))
        .await;
    app.click("#reopen").await;
    app.wait_until(
        "document.querySelector('#submission-status').dataset.status === 'draft'",
        "a draft again",
    )
    .await;
    app.click(".section-link[data-section='reporter']").await;
    app.retype("#q-entity_name", entity).await;
    app.wait_saved().await;
    app.click("#finalise").await;
    app.wait_until(
        "document.querySelector('#submission-status').dataset.status === 'finalised'",
        "finalised again",
    )
    .await;
}

/// Exports every finalised submission and returns the saved file, moved aside so that the
/// next export is found fresh.
async fn export_all(app: &Browser, expected: usize, keep_as: &Path) -> PathBuf {
    app.click("a[data-nav='export']").await;
    app.click("#export-all").await;
    app.wait_until(
        &format!("document.querySelector('#export-count')?.dataset.count === '{expected}'"),
        "the bundle's count",
    )
    .await;
    app.click("#export-save").await;
    app.wait_until(
        "document.querySelector('#export-result').dataset.attempts === '1'",
        "the export's outcome",
    )
    .await;
    assert!(app.text("#export-result").await.contains("saved"));
    app.screenshot("export-en").await;
    let file = app.downloaded("nahda-").await;
    std::fs::rename(&file, keep_as).expect("keep the bundle");
    keep_as.to_path_buf()
}

/// Picks bundle files on the import page and waits for the preview.
async fn preview(app: &Browser, files: &[PathBuf]) {
    app.click("a[data-nav='import']").await;
    app.wait_for("#import-files").await;
    app.pick_files("#import-files", files).await;
    app.wait_until(
        "['preview', 'failed'].includes(document.querySelector('#import-status').dataset.stage)",
        "the preview",
    )
    .await;
}

/// The count of an outcome in the preview of one file.
async fn count(app: &Browser, file: &str, outcome: &str) -> u64 {
    let n = app
        .eval(&format!(
            "document.querySelector(\".import-file[data-file='{file}'] [data-outcome='{outcome}']\")?.dataset.count"
        ))
        .await;
    n.as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no {outcome} count for {file}: {n}"))
}

async fn confirm(app: &Browser) {
    app.click("#import-confirm").await;
    app.wait_until(
        "document.querySelector('#import-status').dataset.stage === 'done'",
        "the import to be written",
    )
    .await;
}

/// What "My submissions" lists: id → (entity, revision, conflicts, status).
async fn stored(app: &Browser) -> Value {
    app.click("a[data-nav='submissions']").await;
    app.wait_for("#submission-count").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.eval(
        "Object.fromEntries([...document.querySelectorAll('#submission-list li.submission')].map(li => \
         [li.dataset.id, [li.querySelector('.entity').textContent, li.dataset.revision, li.dataset.conflicts, li.dataset.status]]))",
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn bundles_carry_submissions_revisions_and_conflicts_between_two_people() {
    with_app(|council| async move {
        let dir = council.profile.with_extension("bundles");
        std::fs::create_dir_all(&dir).expect("bundle dir");
        council.open("#/survey").await;
        english(&council).await;
        let first = fill_and_finalise(&council, "Jandairis council").await;
        council.click("#new-submission").await;
        council
            .wait_until(
                "document.querySelector('#submission-status')?.dataset.status === 'draft'",
                "a new draft",
            )
            .await;
        let second = fill_and_finalise(&council, "Jandairis relief committee").await;
        let bundle1 = export_all(&council, 2, &dir.join("one.json")).await;
        let text = std::fs::read_to_string(&bundle1).expect("bundle");
        let json: Value = serde_json::from_str(&text).expect("the bundle is JSON");
        assert_eq!(json["format"], "nahda.bundle");
        assert_eq!(json["submissions"].as_array().map(Vec::len), Some(2));
        assert_eq!(
            json["forms"].as_array().map(Vec::len),
            Some(1),
            "the form travels"
        );
        let on_phone = stored(&council).await;
        assert_eq!(on_phone[&first][3], "exported");

        // The coordinator, on another profile, sees the same submissions.
        let coordinator = council.another_person().await;
        coordinator.open("#/import").await;
        english(&coordinator).await;
        preview(&coordinator, &[bundle1.clone()]).await;
        assert_eq!(count(&coordinator, "one.json", "new").await, 2);
        assert_eq!(count(&coordinator, "one.json", "rejected").await, 0);
        coordinator.screenshot("import-preview-en").await;
        confirm(&coordinator).await;
        let after_first = stored(&coordinator).await;
        assert_eq!(after_first[&first][0], "Jandairis council");
        assert_eq!(after_first[&second][0], "Jandairis relief committee");
        assert_eq!(after_first.as_object().map(|o| o.len()), Some(2));

        // The same bundle again: nothing new, nothing changes.
        preview(&coordinator, &[bundle1.clone()]).await;
        assert_eq!(count(&coordinator, "one.json", "duplicate").await, 2);
        assert!(coordinator.exists("#import-nothing").await);
        assert!(coordinator.exists(".imported-before").await);
        assert!(!coordinator.exists("#import-confirm").await);
        coordinator.click("#import-cancel").await;
        assert_eq!(stored(&coordinator).await, after_first);

        // The council corrects a submission: the coordinator gets the newer revision.
        edit_entity(&council, &first, "Jandairis local council").await;
        let bundle2 = export_all(&council, 2, &dir.join("two.json")).await;
        preview(&coordinator, &[bundle2.clone()]).await;
        assert_eq!(count(&coordinator, "two.json", "newer").await, 1);
        assert_eq!(count(&coordinator, "two.json", "duplicate").await, 1);
        confirm(&coordinator).await;
        let after_second = stored(&coordinator).await;
        assert_eq!(after_second[&first][0], "Jandairis local council");
        assert_eq!(after_second[&first][1], "2");

        // Both sides edit the other submission independently: a conflict keeps both.
        edit_entity(&coordinator, &second, "Edited by the coordinator").await;
        edit_entity(&council, &second, "Edited by the council").await;
        let bundle3 = export_all(&council, 2, &dir.join("three.json")).await;
        preview(&coordinator, &[bundle3.clone()]).await;
        assert_eq!(count(&coordinator, "three.json", "conflict").await, 1);
        assert_eq!(count(&coordinator, "three.json", "duplicate").await, 1);
        confirm(&coordinator).await;
        let after_third = stored(&coordinator).await;
        assert_eq!(after_third[&second][2], "1", "one rival revision is kept");
        assert!(
            coordinator
                .exists(&format!("li.submission[data-id='{second}'] .conflict-mark"))
                .await
        );
        // Re-importing all three, in any order, changes nothing more.
        preview(&coordinator, &[bundle3, bundle1, bundle2]).await;
        assert!(coordinator.exists("#import-nothing").await);
        coordinator.click("#import-cancel").await;
        assert_eq!(stored(&coordinator).await, after_third);
        coordinator.discard().await;
        let _ = std::fs::remove_dir_all(&dir);
    })
    .await;
}
