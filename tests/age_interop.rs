//! Sealed bundles open with the standard `age` command-line tool (the reference
//! implementation, Debian's `age` package, which `scripts/setup.sh --test` installs), and files
//! it seals open in the app: to an X25519 recipient and with a passphrase, in both directions.
//! The passphrase is typed at the tool's prompt through a terminal (`script`), as a person would.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use nahda::bundle::import::verify;
use nahda::seal::{is_sealed, new_identity, open, seal_for, seal_with_passphrase};

use common::*;

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nahda-age-{name}-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("folder");
    dir
}

fn age(args: &[&str]) -> std::process::Output {
    Command::new("age").args(args).output().unwrap_or_else(|e| {
        panic!("the age command-line tool is needed (apt-get install age; scripts/setup.sh --test installs it): {e}")
    })
}

/// Runs `age` with a terminal whose keyboard types `typed` (each line a passphrase prompt's
/// answer).
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

fn bundle() -> Vec<u8> {
    fs::read(repo_path("tests/bundles/valid.json")).expect("the corpus's valid bundle")
}

/// The sealed file opened by the app is the bundle, and it imports.
fn imports(plain: &[u8]) {
    let verified = verify(std::str::from_utf8(plain).expect("UTF-8"), &device()).expect("imports");
    assert_eq!(verified.accepted.len(), 3);
}

fn write(path: &Path, bytes: &[u8]) {
    fs::write(path, bytes).expect("written");
}

/// What `age -d -i` gives for a file the app sealed, with the secret key in a key file.
fn opened_by_the_tool(dir: &Path, secret: &str, sealed: &[u8]) -> Vec<u8> {
    write(&dir.join("key.txt"), format!("{secret}\n").as_bytes());
    write(&dir.join("by-app.age"), sealed);
    let out = age(&[
        "-d",
        "-i",
        &dir.join("key.txt").display().to_string(),
        &dir.join("by-app.age").display().to_string(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// What `age -r` writes for `plain` sealed for `recipient`, with `flags` (such as `--armor`).
fn sealed_by_the_tool(dir: &Path, recipient: &str, plain: &[u8], flags: &[&str]) -> Vec<u8> {
    write(&dir.join("plain"), plain);
    let output = dir.join("by-tool.age").display().to_string();
    let input = dir.join("plain").display().to_string();
    let mut args = flags.to_vec();
    args.extend(["-r", recipient, "-o", &output, &input]);
    let out = age(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    fs::read(output).expect("sealed by the tool")
}

#[test]
fn a_bundle_sealed_by_the_app_for_a_recipient_opens_with_the_age_tool() {
    let dir = folder("app-to-cli");
    let (secret, recipient) = new_identity();
    let sealed = seal_for(&bundle(), &[recipient]).expect("sealed");
    assert_eq!(opened_by_the_tool(&dir, &secret, &sealed), bundle());
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn a_bundle_sealed_by_the_age_tool_for_a_recipient_opens_and_imports_in_the_app() {
    let dir = folder("cli-to-app");
    let generated = age_keygen(&dir);
    let sealed = sealed_by_the_tool(&dir, &generated.1, &bundle(), &[]);
    assert!(is_sealed(&sealed));
    imports(&open(&sealed, std::slice::from_ref(&generated.0), None).expect("opened"));

    let armored = sealed_by_the_tool(&dir, &generated.1, &bundle(), &["--armor"]);
    assert!(armored.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"));
    assert!(is_sealed(&armored));
    imports(&open(&armored, &[generated.0], None).expect("opened from text"));
    let _ = fs::remove_dir_all(dir);
}

/// A file larger than one payload chunk (64 KiB), so that the chunks' counter and the last
/// chunk's flag are checked both ways.
#[test]
fn a_file_of_several_chunks_goes_both_ways_between_the_app_and_the_age_tool() {
    let dir = folder("chunks");
    let generated = age_keygen(&dir);
    assert_eq!(
        nahda::seal::recipient_of(&generated.0).as_deref(),
        Ok(generated.1.as_str()),
        "the app derives the public key age-keygen wrote"
    );
    let large: Vec<u8> = (0..3 * 65_536 + 11).map(|i| (i % 253) as u8).collect();
    let sealed = seal_for(&large, std::slice::from_ref(&generated.1)).expect("sealed");
    assert_eq!(opened_by_the_tool(&dir, &generated.0, &sealed), large);
    let by_tool = sealed_by_the_tool(&dir, &generated.1, &large, &[]);
    assert_eq!(open(&by_tool, &[generated.0], None), Ok(large));
    let _ = fs::remove_dir_all(dir);
}

/// An identity made by `age-keygen`: (secret, recipient).
fn age_keygen(dir: &Path) -> (String, String) {
    let path = dir.join("keygen.txt");
    let out = Command::new("age-keygen")
        .args(["-o", &path.display().to_string()])
        .output()
        .expect("age-keygen");
    assert!(out.status.success());
    let text = fs::read_to_string(&path).expect("key file");
    let secret = text
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .expect("a secret key")
        .to_string();
    let recipient = text
        .lines()
        .find_map(|l| l.strip_prefix("# public key: "))
        .expect("its public key")
        .to_string();
    (secret, recipient)
}

#[test]
fn a_bundle_sealed_by_the_app_with_a_passphrase_opens_with_the_age_tool() {
    let dir = folder("pass-app-to-cli");
    let sealed = seal_with_passphrase(&bundle(), "ثلاث كلمات سرّية").expect("sealed");
    write(&dir.join("bundle.json.age"), &sealed);
    age_at_a_terminal(
        &format!(
            "age -d -o {} {}",
            dir.join("bundle.json").display(),
            dir.join("bundle.json.age").display()
        ),
        "ثلاث كلمات سرّية\n",
    );
    assert_eq!(fs::read(dir.join("bundle.json")).expect("opened"), bundle());
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn a_bundle_sealed_by_the_age_tool_with_a_passphrase_opens_and_imports_in_the_app() {
    let dir = folder("pass-cli-to-app");
    write(&dir.join("bundle.json"), &bundle());
    age_at_a_terminal(
        &format!(
            "age -p -o {} {}",
            dir.join("bundle.json.age").display(),
            dir.join("bundle.json").display()
        ),
        "correct horse battery\ncorrect horse battery\n",
    );
    let sealed = fs::read(dir.join("bundle.json.age")).expect("sealed");
    assert!(is_sealed(&sealed));
    assert!(open(&sealed, &[], Some("wrong horse")).is_err());
    imports(&open(&sealed, &[], Some("correct horse battery")).expect("opened"));
    let _ = fs::remove_dir_all(dir);
}
