//! Trusted bundles, as a council and a coordinator use them: every bundle is signed by the
//! device that sent it, the coordinator compares the key's fingerprint and decides whether to
//! trust it before anything is written, a revoked key's bundles are refused, forms carried in a
//! bundle are added only when the coordinator agrees, and sensitive answers stay home unless
//! the sender says otherwise.

use std::path::Path;

use nahda_e2e::{with_app, Browser, PACK};
use serde_json::Value;

/// Saves every finalised submission not exported yet as a bundle, and keeps the file as `keep`.
async fn export_new(app: &Browser, keep: &Path) -> Value {
    app.click("a[data-nav='export']").await;
    app.click("#export-new").await;
    app.wait_until(
        "Number(document.querySelector('#export-count')?.dataset.count) > 0",
        "something to export",
    )
    .await;
    app.click("#export-save").await;
    let file = app.downloaded("nahda-").await;
    std::fs::rename(&file, keep).expect("keep the bundle");
    serde_json::from_str(&std::fs::read_to_string(keep).expect("read")).expect("JSON")
}

async fn count(app: &Browser, file: &str, outcome: &str) -> String {
    app.eval(&format!(
        "document.querySelector(\".import-file[data-file='{file}'] [data-outcome='{outcome}']\")?.dataset.count"
    ))
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_coordinator_compares_the_sender_s_key_trusts_it_and_can_revoke_it() {
    with_app(|council| async move {
        let dir = council.profile.with_extension("trust");
        std::fs::create_dir_all(&dir).expect("dir");
        council.open("#/survey").await;
        council.english().await;
        council.set_profile("Azaz local council").await;
        // The council's key, as its Settings show it.
        council.wait_for("#device-fingerprint").await;
        let fingerprint = council.text("#device-fingerprint").await;
        assert_eq!(fingerprint.split(' ').count(), 5, "{fingerprint}");
        let arabic = council.text("#device-fingerprint-ar").await;
        assert!(arabic.chars().all(|c| c == ' ' || ('٠'..='٩').contains(&c)), "{arabic}");
        let key_text = council.value("#device-key-text").await;
        assert!(key_text.starts_with("nahda-key 1 "), "{key_text}");
        assert!(key_text.ends_with("Azaz local council"), "{key_text}");
        // Trusted senders are the coordinator app's: the field app's Settings do not show them.
        assert!(!council.exists("#trusted-keys").await);
        assert!(!council.exists("#trusted-none").await);

        council.fill_and_finalise("focal_name", "Salma").await;
        let first = dir.join("first.json");
        let bundle = export_new(&council, &first).await;
        assert_eq!(bundle["version"], 2);
        assert_eq!(bundle["signer"]["entity_name"], "Azaz local council");
        assert_eq!(bundle["signature"].as_str().map(str::len), Some(128));
        assert!(
            bundle.get("producer").and_then(|p| p.get("device_id")).is_none(),
            "the device id stays home unless the council sends it"
        );

        // The coordinator sees a key never seen before, with the same fingerprint, and trusts it.
        let coordinator = council.another_person().await;
        coordinator.open("#/import").await;
        coordinator.english().await;
        // A device that imported nothing and trusts no key yet says so.
        let empty = coordinator.text("#import-log-empty").await;
        assert!(empty.contains("No file has been imported"), "{empty}");
        coordinator.preview_import(std::slice::from_ref(&first)).await;
        let signer = coordinator
            .text(".import-file[data-file='first.json'] .signer")
            .await;
        assert!(signer.contains("never seen here before"), "{signer}");
        assert!(signer.contains(&fingerprint), "{signer} shows {fingerprint}");
        coordinator
            .click(".import-file[data-file='first.json'] .trust-key")
            .await;
        coordinator
            .wait_until(
                "document.querySelector(\".import-file[data-file='first.json'] .trust-key\")?.checked === true",
                "the preview checked again with the key trusted",
            )
            .await;
        assert_eq!(count(&coordinator, "first.json", "new").await, "1");
        coordinator.confirm_import().await;
        assert!(!coordinator.exists("#import-log-empty").await);
        coordinator.click("a[data-nav='settings']").await;
        coordinator.wait_for("#trusted-keys li.trusted-key").await;
        assert!(!coordinator.exists("#trusted-none").await);
        let trusted = coordinator
            .eval("document.querySelector('#trusted-keys li.trusted-key .trusted-name').value")
            .await;
        assert_eq!(trusted, "Azaz local council");

        // The council corrects it: the next bundle is from a known sender, and newer.
        council.click("a[data-nav='survey']").await;
        council.click("#reopen").await;
        council
            .wait_until(
                "document.querySelector('#submission-status').dataset.status === 'draft'",
                "a draft again",
            )
            .await;
        council.click(".section-link[data-section='governance']").await;
        council
            .click("[data-question='gov_severity'] label[data-value='4'] input")
            .await;
        council.wait_saved().await;
        council.click("#finalise").await;
        council
            .wait_until(
                "document.querySelector('#submission-status').dataset.status === 'finalised'",
                "finalised again",
            )
            .await;
        let second = dir.join("second.json");
        export_new(&council, &second).await;
        coordinator.preview_import(std::slice::from_ref(&second)).await;
        let signer = coordinator
            .text(".import-file[data-file='second.json'] .signer")
            .await;
        assert!(signer.contains("a sender you trust"), "{signer}");
        assert!(signer.contains("Azaz local council"), "{signer}");
        assert_eq!(count(&coordinator, "second.json", "newer").await, "1");
        coordinator.click("#import-cancel").await;

        // Revoked, the same key's bundle is refused, and nothing changes.
        coordinator.click("a[data-nav='settings']").await;
        coordinator.click("#trusted-keys li.trusted-key .revoke").await;
        coordinator
            .wait_until(
                "document.querySelector('#trusted-keys li.trusted-key.revoked') !== null",
                "the key revoked",
            )
            .await;
        coordinator.click("a[data-nav='import']").await;
        coordinator.wait_for("#import-files").await;
        coordinator
            .pick_files("#import-files", std::slice::from_ref(&second))
            .await;
        coordinator
            .wait_until(
                "document.querySelector('#import-status').dataset.stage === 'preview'",
                "the preview",
            )
            .await;
        let refused = coordinator
            .text(".import-file.refused[data-file='second.json'] .file-problem")
            .await;
        assert!(refused.contains("whose trust you revoked"), "{refused}");
        assert!(refused.contains("Nothing changed."), "{refused}");
        coordinator.discard().await;
        let _ = std::fs::remove_dir_all(&dir);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_key_pasted_in_settings_is_a_known_sender() {
    with_app(|council| async move {
        council.open("#/settings").await;
        council.english().await;
        council.set_profile("Marea council").await;
        let key_text = council.value("#device-key-text").await;
        let coordinator = council.another_person().await;
        coordinator.open("coordinator.html#/settings").await;
        coordinator.english().await;
        let none = coordinator.text("#trusted-none").await;
        assert!(none.starts_with("No trusted keys yet."), "{none}");
        coordinator
            .type_into("#trusted-key-text", "not a key")
            .await;
        coordinator.click("#trusted-key-add").await;
        coordinator
            .wait_until(
                "document.querySelector('#trusted-result').dataset.attempts === '1'",
                "the outcome",
            )
            .await;
        assert!(coordinator
            .text("#trusted-result")
            .await
            .contains("not a Nahda key text"));
        coordinator.retype("#trusted-key-text", &key_text).await;
        coordinator.click("#trusted-key-add").await;
        coordinator.wait_for("#trusted-keys li.trusted-key").await;
        assert_eq!(
            coordinator
                .eval("document.querySelector('#trusted-keys .trusted-name').value")
                .await,
            "Marea council"
        );
        coordinator.discard().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn sensitive_answers_stay_home_unless_the_sender_includes_them() {
    with_app(|app| async move {
        let dir = app.profile.with_extension("sensitive");
        std::fs::create_dir_all(&dir).expect("dir");
        app.open("#/survey").await;
        app.english().await;
        app.set_profile("Azaz local council").await;
        app.fill_and_finalise("focal_name", "Salma").await;
        app.click("a[data-nav='export']").await;
        app.wait_for("#export-withheld").await;
        app.click("#export-save").await;
        let file = app.downloaded("nahda-").await;
        let without: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("JSON");
        std::fs::remove_file(&file).expect("remove");
        assert_eq!(
            without["withheld"],
            serde_json::json!(["focal_name", "focal_phone"])
        );
        assert!(without["submissions"][0]["answers"]
            .get("focal_name")
            .is_none());
        assert!(without["submissions"][0]["withheld_from"].is_string());

        app.click("#export-all").await;
        app.click("#export-sensitive").await;
        app.wait_until(
            "document.querySelector('#export-withheld') === null",
            "nothing withheld",
        )
        .await;
        app.click("#export-save").await;
        let file = app.downloaded("nahda-").await;
        let with: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("JSON");
        assert!(with.get("withheld").is_none());
        assert_eq!(with["submissions"][0]["answers"]["focal_name"], "Salma");
        let _ = std::fs::remove_dir_all(&dir);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_form_carried_in_a_bundle_is_added_only_when_the_coordinator_agrees() {
    with_app(|council| async move {
        let dir = council.profile.with_extension("forms");
        std::fs::create_dir_all(&dir).expect("dir");
        council.open("#/settings").await;
        council.english().await;
        council.set_profile("Azaz local council").await;
        // The council works with a second edition of the form, loaded from a file.
        let mut pack: Value = serde_json::from_str(PACK).expect("pack");
        pack["version"] = 2.into();
        pack["title"]["en"] = "Six-sector survey, second edition".into();
        let form_file = dir.join("second-edition.json");
        std::fs::write(&form_file, pack.to_string()).expect("form file");
        council.pick_file("#form-file", &form_file).await;
        council
            .wait_until(
                "document.querySelectorAll('#form-list li').length === 2",
                "the second edition",
            )
            .await;
        council.click("a[data-nav='survey']").await;
        council.wait_for("#q-entity_name").await;
        council.click("#new-submission").await;
        council
            .wait_until(
                "document.querySelector('.form-header h2').textContent.includes('second edition')",
                "a draft of the second edition",
            )
            .await;
        council.fill_and_finalise("focal_name", "Salma").await;
        let bundle_file = dir.join("with-form.json");
        export_new(&council, &bundle_file).await;

        // The coordinator is told about the form; without agreeing, neither the form nor the
        // submission that uses it is kept.
        let coordinator = council.another_person().await;
        coordinator.open("#/import").await;
        coordinator.english().await;
        // A device that imported nothing and trusts no key yet says so.
        let empty = coordinator.text("#import-log-empty").await;
        assert!(empty.contains("No file has been imported"), "{empty}");
        coordinator
            .preview_import(std::slice::from_ref(&bundle_file))
            .await;
        let carried = coordinator
            .text(".import-file[data-file='with-form.json'] .carried-forms")
            .await;
        assert!(carried.contains("second edition"), "{carried}");
        coordinator.confirm_import().await;
        coordinator.click("a[data-nav='settings']").await;
        coordinator.wait_for("#form-list li").await;
        assert_eq!(
            coordinator
                .eval("document.querySelectorAll('#form-list li').length")
                .await,
            1,
            "the form was not added"
        );
        coordinator.click("a[data-nav='submissions']").await;
        coordinator.wait_for("#no-submissions").await;

        // Agreeing adds it, but new submissions still start from the shipped form.
        coordinator
            .preview_import(std::slice::from_ref(&bundle_file))
            .await;
        coordinator
            .click(".import-file[data-file='with-form.json'] .carried-form input")
            .await;
        coordinator.confirm_import().await;
        coordinator.click("a[data-nav='settings']").await;
        coordinator
            .wait_until(
                "document.querySelectorAll('#form-list li').length === 2",
                "the form added",
            )
            .await;
        coordinator.click("a[data-nav='submissions']").await;
        coordinator.wait_for("#submission-list li.submission").await;
        coordinator.click("a[data-nav='survey']").await;
        coordinator.wait_for(".form-header h2").await;
        assert!(!coordinator
            .text(".form-header h2")
            .await
            .contains("second edition"));
        coordinator.discard().await;
        let _ = std::fs::remove_dir_all(&dir);
    })
    .await;
}
