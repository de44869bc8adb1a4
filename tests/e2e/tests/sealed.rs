//! Sealed bundles, as a council and a coordinator use them: the coordinator makes a sealing key
//! and sends its public half; the council seals its bundle for it (sensitive answers included,
//! since only the coordinator can read them); nobody else can open the file, the age tool
//! opens it with the coordinator's key, a protected copy of that key moves it to a new device;
//! a bundle sealed with a passphrase asks for it, and a wrong passphrase, a file sealed for
//! someone else or a cut one is refused with the store left exactly as it was.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use nahda_e2e::{with_app, Browser};
use serde_json::Value;

const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";

/// On the export page with every finalised submission chosen.
async fn export_page(app: &Browser) {
    app.click("a[data-nav='export']").await;
    app.click("#export-all").await;
    app.wait_until(
        "Number(document.querySelector('#export-count')?.dataset.count) > 0",
        "something to export",
    )
    .await;
}

/// The outcome line with this id once it tells of the given number of attempts.
async fn outcome(app: &Browser, id: &str, attempts: u32) -> String {
    app.wait_until(
        &format!("document.querySelector('#{id}').dataset.attempts === '{attempts}'"),
        &format!("outcome {attempts} in #{id}"),
    )
    .await;
    app.text(&format!("#{id}")).await
}

async fn wait_preview(app: &Browser) {
    app.wait_until(
        "document.querySelector('#import-status').dataset.stage === 'preview'",
        "the preview",
    )
    .await;
}

/// Types a passphrase for a refused sealed file and opens it; waits for the new preview.
async fn open_with(app: &Browser, file: &str, passphrase: &str) {
    app.type_into(
        &format!(".import-file[data-file='{file}'] .import-passphrase"),
        passphrase,
    )
    .await;
    app.click(&format!(".import-file[data-file='{file}'] .import-open"))
        .await;
    app.wait_until(
        "document.querySelector('#import-status').dataset.stage === 'checking'",
        "the files checked again",
    )
    .await;
    wait_preview(app).await;
}

fn keep(file: &Path, dir: &Path, name: &str) -> PathBuf {
    let kept = dir.join(name);
    std::fs::rename(file, &kept).expect("keep the download");
    kept
}

/// Runs `age` with a terminal whose keyboard types `typed`, as a person at its prompt would.
fn age_at_a_terminal(command: &str, typed: &str) {
    let mut child = Command::new("script")
        .args(["-qec", command, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("script(1) runs age in a terminal");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(typed.as_bytes())
        .expect("typed");
    assert!(child.wait().expect("age ends").success(), "{command}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bundle_sealed_for_the_coordinator_is_read_on_their_devices_only() {
    with_app(|coordinator| async move {
        let dir = coordinator.profile.with_extension("sealed");
        std::fs::create_dir_all(&dir).expect("dir");
        coordinator.open("coordinator.html#/settings").await;
        coordinator.english().await;
        coordinator.click("#sealing-create").await;
        coordinator
            .wait_until(
                "document.querySelector('#sealing-recipient')?.value.startsWith('age1')",
                "the coordinator's sealing key",
            )
            .await;
        let recipient = coordinator.value("#sealing-recipient").await;

        // The council adds the coordinator's key: a wrong paste is refused, the right one kept.
        let council = coordinator.another_person().await;
        council.open("#/settings").await;
        council.english().await;
        council.set_profile("Azaz local council").await;
        council.type_into("#seal-for-text", "nahda-key 1 00").await;
        council.type_into("#seal-for-name", "Coordination office").await;
        council.click("#seal-for-add").await;
        let refused = outcome(&council, "seal-for-result", 1).await;
        assert!(refused.contains("not a sealing key"), "{refused}");
        assert!(!council.exists("#seal-for li").await);
        council.retype("#seal-for-text", &recipient).await;
        council.click("#seal-for-add").await;
        council.wait_for("#seal-for li.seal-for-entry").await;
        assert!(council
            .text("#seal-for li.seal-for-entry")
            .await
            .contains("Coordination office"));

        council.fill_and_finalise("focal_name", "Salma Haddad").await;
        export_page(&council).await;
        assert!(council.exists("#export-withheld").await);
        council.click("#export-seal-for").await;
        council.wait_for("#export-sealed-sensitive").await;
        council
            .wait_until(
                "document.querySelector('#export-withheld') === null",
                "the sensitive answers going with the sealed bundle",
            )
            .await;
        council.click("#export-save").await;
        let saved = outcome(&council, "export-result", 1).await;
        assert!(saved.contains(".json.age"), "{saved}");
        let sealed = keep(
            &council.downloaded("nahda-").await,
            &dir,
            "azaz.json.age",
        );
        let bytes = std::fs::read(&sealed).expect("read");
        assert!(bytes.starts_with(AGE_MAGIC));
        for plain in ["Salma Haddad", "Azaz local council", "six-sector"] {
            assert!(
                !bytes.windows(plain.len()).any(|w| w == plain.as_bytes()),
                "{plain} readable in the sealed file"
            );
        }

        // Someone else (here a device with a sealing key of its own) cannot open it; nothing
        // changes.
        let stranger = coordinator.another_person().await;
        stranger.open("coordinator.html#/settings").await;
        stranger.english().await;
        stranger.click("#sealing-create").await;
        stranger.wait_for("#sealing-recipient").await;
        stranger.preview_import(std::slice::from_ref(&sealed)).await;
        let before = stranger.stored_data().await;
        assert_eq!(before["submissions"], serde_json::json!([]));
        let shown = stranger.refusal("azaz.json.age").await;
        assert!(shown.contains("sealed for another coordinator"), "{shown}");
        assert!(shown.contains("Nothing changed."), "{shown}");
        assert!(!stranger.exists(".import-passphrase").await);
        assert!(stranger.exists("#import-nothing").await);
        stranger.click("#lang-switch").await;
        let arabic = stranger.refusal("azaz.json.age").await;
        assert!(arabic.contains("مشفّر لمنسّق آخر"), "{arabic}");
        stranger.click("#import-cancel").await;
        // Back in English, as when the stored data was first read.
        stranger.english().await;
        assert_eq!(stranger.stored_data().await, before);
        stranger.discard().await;

        // The coordinator opens it with the sealing key, sees who sent it, and imports it.
        coordinator.preview_import(std::slice::from_ref(&sealed)).await;
        assert!(
            coordinator
                .exists(".import-file[data-file='azaz.json.age'] .sealed[data-opened='ByKey']")
                .await
        );
        assert!(coordinator
            .text(".import-file[data-file='azaz.json.age'] .from")
            .await
            .contains("Azaz local council"));
        assert_eq!(
            coordinator
                .eval("document.querySelector(\".import-file[data-file='azaz.json.age'] [data-outcome='new']\").dataset.count")
                .await,
            "1"
        );
        coordinator.click("#import-confirm").await;
        coordinator
            .wait_until(
                "document.querySelector('#import-status').dataset.stage === 'done'",
                "the import",
            )
            .await;

        // A copy of the key, protected by a passphrase, opens with the age tool into a key
        // file that opens the bundle: the focal person went with it.
        coordinator.click("a[data-nav='settings']").await;
        coordinator.type_into("#sealing-passphrase", "short").await;
        coordinator.click("#sealing-save-copy").await;
        let shown = outcome(&coordinator, "sealing-result", 1).await;
        assert!(shown.contains("too short"), "{shown}");
        let passphrase = "olive press at dawn";
        coordinator.retype("#sealing-passphrase", passphrase).await;
        coordinator.click("#sealing-save-copy").await;
        let shown = outcome(&coordinator, "sealing-result", 2).await;
        assert!(shown.contains("nahda-sealing-keys-"), "{shown}");
        let copy = keep(
            &coordinator.downloaded("nahda-sealing-keys-").await,
            &dir,
            "keys.txt.age",
        );
        let key_file = dir.join("keys.txt");
        age_at_a_terminal(
            &format!("age -d -o {} {}", key_file.display(), copy.display()),
            &format!("{passphrase}\n"),
        );
        let out = Command::new("age")
            .args(["-d", "-i", &key_file.display().to_string()])
            .arg(&sealed)
            .output()
            .expect("the age tool (scripts/setup.sh --test installs it)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bundle: Value = serde_json::from_slice(&out.stdout).expect("a bundle");
        assert_eq!(bundle["signer"]["entity_name"], "Azaz local council");
        assert_eq!(
            bundle["submissions"][0]["answers"]["focal_name"],
            "Salma Haddad"
        );

        // On a new device, the copy restores the key, and the bundle opens there too.
        let new_device = coordinator.another_person().await;
        new_device.open("coordinator.html#/settings").await;
        new_device.english().await;
        new_device.type_into("#sealing-passphrase", passphrase).await;
        new_device.pick_file("#sealing-restore", &copy).await;
        let shown = outcome(&new_device, "sealing-result", 1).await;
        assert!(shown.contains("restored: 1"), "{shown}");
        assert_eq!(new_device.value("#sealing-recipient").await, recipient);
        new_device.preview_import(std::slice::from_ref(&sealed)).await;
        assert!(
            new_device
                .exists(".import-file[data-file='azaz.json.age'] .sealed[data-opened='ByKey']")
                .await
        );
        new_device.discard().await;
        council.discard().await;
        let _ = std::fs::remove_dir_all(&dir);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bundle_sealed_with_a_passphrase_opens_with_it_and_nothing_else() {
    with_app(|council| async move {
        let dir = council.profile.with_extension("passphrase");
        std::fs::create_dir_all(&dir).expect("dir");
        council.open("#/settings").await;
        council.english().await;
        council.set_profile("Marea council").await;
        council.fill_and_finalise("focal_name", "Omar").await;
        export_page(&council).await;
        council.click("#export-seal-passphrase").await;
        council.type_into("#export-passphrase", "short").await;
        council.click("#export-save").await;
        let saved = outcome(&council, "export-result", 1).await;
        assert!(saved.contains("too short"), "{saved}");
        // Arabic digits and letters make a passphrase as well as any.
        let passphrase = "زيتون وقمح ٢٠٢٦";
        council.retype("#export-passphrase", passphrase).await;
        council.click("#export-save").await;
        let saved = outcome(&council, "export-result", 2).await;
        assert!(saved.contains(".json.age"), "{saved}");
        let sealed = keep(&council.downloaded("nahda-").await, &dir, "marea.json.age");
        let bytes = std::fs::read(&sealed).expect("read");
        assert!(bytes.starts_with(AGE_MAGIC));

        // Damaged copies and a file sealed by the age tool for someone else.
        let cut = dir.join("cut.json.age");
        std::fs::write(&cut, &bytes[..60]).expect("cut in its header");
        let other_key = dir.join("other-key.txt");
        assert!(Command::new("age-keygen")
            .args(["-o", &other_key.display().to_string()])
            .output()
            .expect("age-keygen")
            .status
            .success());
        let plain = dir.join("plain.json");
        std::fs::write(&plain, b"{\"format\":\"nahda.bundle\"}").expect("plain");
        let for_someone_else = dir.join("someone-else.json.age");
        let key = std::fs::read_to_string(&other_key).expect("key file");
        let public = key
            .lines()
            .find_map(|l| l.strip_prefix("# public key: "))
            .expect("public key");
        let out = Command::new("age")
            .args(["--armor", "-r", public, "-o"])
            .arg(&for_someone_else)
            .arg(&plain)
            .output()
            .expect("age seals for another key");
        assert!(out.status.success());

        let coordinator = council.another_person().await;
        coordinator.open("#/import").await;
        coordinator.english().await;
        coordinator
            .preview_import(&[sealed.clone(), cut.clone(), for_someone_else.clone()])
            .await;
        // What the app stored on its first start (the shipped form), nothing of these files.
        let before = coordinator.stored_data().await;
        assert_eq!(before["submissions"], serde_json::json!([]));
        let asks = coordinator.refusal("marea.json.age").await;
        assert!(asks.contains("sealed with a passphrase"), "{asks}");
        let shown = coordinator.refusal("cut.json.age").await;
        assert!(shown.contains("damaged or cut off"), "{shown}");
        assert!(shown.contains("Nothing changed."), "{shown}");
        let shown = coordinator.refusal("someone-else.json.age").await;
        assert!(shown.contains("sealed for another coordinator"), "{shown}");
        assert!(coordinator.exists("#import-nothing").await);

        open_with(&coordinator, "marea.json.age", "wrong passphrase").await;
        let shown = coordinator.refusal("marea.json.age").await;
        assert!(shown.contains("does not open the file"), "{shown}");
        assert!(shown.contains("Nothing changed."), "{shown}");
        coordinator.click("#import-cancel").await;
        assert_eq!(coordinator.stored_data().await, before);

        coordinator
            .preview_import(std::slice::from_ref(&sealed))
            .await;
        open_with(&coordinator, "marea.json.age", passphrase).await;
        assert!(
            coordinator
                .exists(
                    ".import-file[data-file='marea.json.age'] .sealed[data-opened='ByPassphrase']"
                )
                .await
        );
        coordinator.click("#import-confirm").await;
        coordinator
            .wait_until(
                "document.querySelector('#import-status').dataset.stage === 'done'",
                "the import",
            )
            .await;
        assert_ne!(coordinator.stored_data().await, before);
        coordinator.discard().await;
        let _ = std::fs::remove_dir_all(&dir);
    })
    .await;
}
