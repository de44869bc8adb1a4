//! Bundles between two people: a council exports, a coordinator in another browser profile
//! imports and sees the same submissions; importing again changes nothing; an edited
//! submission arrives as a newer revision; edits made independently on both sides arrive as a
//! conflict that keeps both. And every bad file of the corpus is refused with its message,
//! leaving the store as it was.

use std::path::{Path, PathBuf};
use std::time::Duration;

use nahda_e2e::{with_app, Browser};
use serde_json::Value;

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
    assert!(app
        .text("#export-result")
        .await
        .contains("handed to your downloads"));
    app.screenshot("export-en").await;
    let file = app.downloaded("nahda-").await;
    std::fs::rename(&file, keep_as).expect("keep the bundle");
    keep_as.to_path_buf()
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
        council.english().await;
        let first = council
            .fill_and_finalise("entity_name", "Jandairis council")
            .await;
        council.click("#new-submission").await;
        council
            .wait_until(
                "document.querySelector('#submission-status')?.dataset.status === 'draft'",
                "a new draft",
            )
            .await;
        let second = council
            .fill_and_finalise("entity_name", "Jandairis relief committee")
            .await;
        // Two entities' surveys and no profile: the bundle could not say who sends it.
        council.click("a[data-nav='export']").await;
        council.wait_for("#export-needs-profile").await;
        assert_eq!(
            council
                .eval("document.querySelector('#export-save').disabled")
                .await,
            true
        );
        council.click("a[data-nav='settings']").await;
        council
            .type_into("#profile-entity-name", "Jandairis council")
            .await;
        council.click("#profile-save").await;
        council
            .wait_until(
                "document.querySelector('#profile-result').textContent.includes('saved')",
                "the profile",
            )
            .await;
        let bundle1 = export_all(&council, 2, &dir.join("one.json")).await;
        let text = std::fs::read_to_string(&bundle1).expect("bundle");
        let json: Value = serde_json::from_str(&text).expect("the bundle is JSON");
        assert_eq!(json["format"], "nahda.bundle");
        assert_eq!(json["producer"]["entity_name"], "Jandairis council");
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
        coordinator.english().await;
        coordinator
            .preview_import(std::slice::from_ref(&bundle1))
            .await;
        assert_eq!(count(&coordinator, "one.json", "new").await, 2);
        assert_eq!(count(&coordinator, "one.json", "rejected").await, 0);
        coordinator.screenshot("import-preview-en").await;
        coordinator.confirm_import().await;
        let after_first = stored(&coordinator).await;
        assert_eq!(after_first[&first][0], "Jandairis council");
        assert_eq!(after_first[&second][0], "Jandairis relief committee");
        assert_eq!(after_first.as_object().map(|o| o.len()), Some(2));

        // The same bundle again: nothing new, nothing changes.
        coordinator
            .preview_import(std::slice::from_ref(&bundle1))
            .await;
        assert_eq!(count(&coordinator, "one.json", "duplicate").await, 2);
        assert!(coordinator.exists("#import-nothing").await);
        assert!(coordinator.exists(".imported-before").await);
        assert!(!coordinator.exists("#import-confirm").await);
        coordinator.click("#import-cancel").await;
        assert_eq!(stored(&coordinator).await, after_first);

        // The council corrects a submission: the coordinator gets the newer revision.
        edit_entity(&council, &first, "Jandairis local council").await;
        let bundle2 = export_all(&council, 2, &dir.join("two.json")).await;
        coordinator
            .preview_import(std::slice::from_ref(&bundle2))
            .await;
        assert_eq!(count(&coordinator, "two.json", "newer").await, 1);
        assert_eq!(count(&coordinator, "two.json", "duplicate").await, 1);
        coordinator.confirm_import().await;
        let after_second = stored(&coordinator).await;
        assert_eq!(after_second[&first][0], "Jandairis local council");
        assert_eq!(after_second[&first][1], "2");

        // Both sides edit the other submission independently: a conflict keeps both.
        edit_entity(&coordinator, &second, "Edited by the coordinator").await;
        edit_entity(&council, &second, "Edited by the council").await;
        let bundle3 = export_all(&council, 2, &dir.join("three.json")).await;
        coordinator
            .preview_import(std::slice::from_ref(&bundle3))
            .await;
        assert_eq!(count(&coordinator, "three.json", "conflict").await, 1);
        assert_eq!(count(&coordinator, "three.json", "duplicate").await, 1);
        coordinator.confirm_import().await;
        let after_third = stored(&coordinator).await;
        assert_eq!(after_third[&second][2], "1", "one rival revision is kept");
        assert!(
            coordinator
                .exists(&format!("li.submission[data-id='{second}'] .conflict-mark"))
                .await
        );
        // Re-importing all three, in any order, changes nothing more.
        coordinator
            .preview_import(&[bundle3, bundle1, bundle2])
            .await;
        assert!(coordinator.exists("#import-nothing").await);
        coordinator.click("#import-cancel").await;
        assert_eq!(stored(&coordinator).await, after_third);
        coordinator.discard().await;
        let _ = std::fs::remove_dir_all(&dir);
    })
    .await;
}

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../bundles")
        .join(name)
        .canonicalize()
        .unwrap_or_else(|e| panic!("tests/bundles/{name}: {e}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn every_bad_file_is_refused_with_its_message_and_the_store_is_unchanged() {
    with_app(|app| async move {
        app.open("#/import").await;
        app.english().await;
        // An alert from injected markup would set this flag.
        app.eval("(window.alert = () => { window.__alerted = true; }, true)")
            .await;
        app.preview_import(&[corpus("valid.json")]).await;
        assert_eq!(count(&app, "valid.json", "new").await, 3);
        app.confirm_import().await;
        let before = stored(&app).await;
        assert_eq!(before.as_object().map(|o| o.len()), Some(3));

        // Files refused whole, all picked at once, and one far above the size limit.
        let huge = app.profile.with_extension("huge.json");
        {
            let file = std::fs::File::create(&huge).expect("huge file");
            file.set_len(70 * 1024 * 1024).expect("70 MB");
        }
        let refused = [
            ("empty.json", "The file is empty."),
            ("whitespace.json", "The file is empty."),
            ("not-json.json", "The file is not JSON (line 1, column 1)"),
            ("truncated.json", "The file is cut off"),
            ("wrong-format.json", "This file is not a Nahda bundle."),
            ("backup-not-bundle.json", "This file is not a Nahda bundle."),
            ("newer-version.json", "Update the app and try again."),
            ("digest-mismatch.json", "does not match its digest"),
            ("forged.json", "signature is not its sender's"),
            ("unsigned.json", "must be signed, but it carries no signature"),
            (
                "duplicate-id.json",
                "holds submission \u{2066}4e7d9a2b-0c3f-4b6e-8d15-7a9c1e2b3d02\u{2069} twice",
            ),
            ("missing-field.json", "The bundle is damaged"),
            (
                "form-clash.json",
                "differs from the one here under the same version",
            ),
            (
                "invalid-form.json",
                "carries a form definition that is not valid",
            ),
        ];
        let mut files: Vec<PathBuf> = refused.iter().map(|(name, _)| corpus(name)).collect();
        files.push(huge.clone());
        app.preview_import(&files).await;
        for (name, message) in refused {
            let shown = app.refusal(name).await;
            assert!(shown.contains(message), "{name}: {shown}");
            assert!(shown.contains("Nothing changed."), "{name}: {shown}");
        }
        let huge_name = huge
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let shown = app.refusal(huge_name).await;
        assert!(shown.contains("larger than the limit (64 MB)"), "{shown}");
        assert!(app.exists("#import-nothing").await, "nothing to write");
        app.screenshot("import-refused-en").await;
        // The same refusals in Arabic.
        app.click("#lang-switch").await;
        let arabic = app.refusal("digest-mismatch.json").await;
        assert!(arabic.contains("لا يطابق بصمتها"), "{arabic}");
        app.english().await;
        app.click("#import-cancel").await;
        assert_eq!(stored(&app).await, before);
        let _ = std::fs::remove_file(&huge);

        // Files read, with some submissions refused one by one and the reason for each.
        app.preview_import(&[
                corpus("unknown-form.json"),
                corpus("invalid-answers.json"),
                corpus("malformed-submission.json"),
                corpus("hostile-text.json"),
            ],
        )
        .await;
        assert_eq!(count(&app, "unknown-form.json", "rejected").await, 1);
        assert!(app
            .text(".import-file[data-file='unknown-form.json'] .rejection")
            .await
            .contains("Uses a form version this device does not have (\u{2066}quick-check v1\u{2069})"));
        assert_eq!(count(&app, "invalid-answers.json", "duplicate").await, 1);
        assert_eq!(count(&app, "invalid-answers.json", "rejected").await, 2);
        let reasons = app
            .text(".import-file[data-file='invalid-answers.json'] .rejections")
            .await;
        assert!(
            reasons.contains(
                "Its answers fail their form's checks: \u{2066}hea_severity\u{2069} — This question is required."
            ),
            "{reasons}"
        );
        assert!(
            reasons.contains("\u{2066}population\u{2069} — The value must be at least 0."),
            "{reasons}"
        );
        assert_eq!(
            count(&app, "malformed-submission.json", "rejected").await,
            3
        );
        assert!(app
            .text(".import-file[data-file='malformed-submission.json'] .rejections")
            .await
            .contains("Its data does not have the expected shape."));
        assert_eq!(count(&app, "hostile-text.json", "new").await, 1);
        app.confirm_import().await;
        let after = stored(&app).await;
        assert_eq!(
            after.as_object().map(|o| o.len()),
            Some(4),
            "only the hostile one is new"
        );
        let entities: Vec<String> = after
            .as_object()
            .map(|o| {
                o.values()
                    .filter_map(|v| v[0].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            entities
                .iter()
                .any(|e| e.contains("<script>alert(1)</script>")),
            "markup is shown as text: {entities:?}"
        );
        let injected = app
            .eval("document.querySelectorAll('main script, main img, main iframe').length")
            .await;
        assert_eq!(injected, 0, "no markup from the file became elements");
        assert_eq!(app.eval("window.__alerted === undefined").await, true);

        // The council's own revision of a submission the office sent: from a key seen for the
        // first time, it cannot replace the office's; trusted as the council, it is newer.
        app.preview_import(&[corpus("revised.json")]).await;
        let signer = app
            .text(".import-file[data-file='revised.json'] .signer")
            .await;
        assert!(signer.contains("never seen here before"), "{signer}");
        assert!(signer.contains("مجلس أعزاز المحلي"), "{signer}");
        assert_eq!(count(&app, "revised.json", "conflict").await, 1);
        app.click(".import-file[data-file='revised.json'] .trust-key").await;
        app.wait_until(
            "document.querySelector(\".import-file[data-file='revised.json'] [data-outcome='newer']\")?.dataset.count === '1'",
            "the preview checked again with the key trusted",
        )
        .await;
        app.confirm_import().await;
        app.preview_import(&[corpus("conflict.json")]).await;
        assert_eq!(count(&app, "conflict.json", "conflict").await, 1);
        app.confirm_import().await;
        let last = stored(&app).await;
        assert_eq!(last["1c0b5e3a-6f2d-4a8b-9e71-3d5c2a4f6b01"][2], "1");
        assert_eq!(last["1c0b5e3a-6f2d-4a8b-9e71-3d5c2a4f6b01"][1], "2");

        // The office's bundle with an answer changed and signed again by someone else: read as
        // theirs, and it replaces nothing (one more conflict; the revision shown stays).
        app.preview_import(&[corpus("resigned.json")]).await;
        let signer = app
            .text(".import-file[data-file='resigned.json'] .signer")
            .await;
        assert!(signer.contains("never seen here before"), "{signer}");
        assert_eq!(count(&app, "resigned.json", "newer").await, 0);
        assert_eq!(count(&app, "resigned.json", "conflict").await, 1);
        app.confirm_import().await;
        let held = stored(&app).await;
        assert_eq!(held["1c0b5e3a-6f2d-4a8b-9e71-3d5c2a4f6b01"][1], "2");
        assert_eq!(held["1c0b5e3a-6f2d-4a8b-9e71-3d5c2a4f6b01"][2], "2");
    })
    .await;
}
