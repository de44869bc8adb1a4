//! What the bundle tests share: the forms a device holds and real submissions of them, made the
//! way the app makes them (a draft, its answers, then finalising it, which checks it).
// Each test file uses only part of this.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use ed25519_dalek::{Signer as _, SigningKey};
use nahda::bundle::export::{ExportFrom, Unsigned};
use nahda::bundle::v2;
use nahda::core::answers::{Answer, Answers};
use nahda::core::keys::PublicKey;
use nahda::core::library::FormLibrary;
use nahda::core::schema::Form;
use nahda::core::submission::Submission;
use sha2::{Digest, Sha256};

/// The shipped form pack: what every device holds.
pub const PACK: &str = include_str!("../../public/forms/six-sector-survey.v1.json");

/// A tiny form that no device holds: the example of `docs/bundle-format.md`, and the form of
/// the submission in `tests/bundles/unknown-form.json`.
pub const QUICK_CHECK: &str = r#"{
  "format": "nahda.form",
  "id": "quick-check",
  "version": 1,
  "title": {"ar": "فحص سريع", "en": "Quick check"},
  "choice_lists": {
    "sectors": [
      {"value": "health", "label": {"ar": "الصحة", "en": "Health"}},
      {"value": "education", "label": {"ar": "التعليم", "en": "Education"}}
    ]
  },
  "sections": [
    {
      "id": "main",
      "title": {"ar": "الجهة والمنطقة", "en": "Entity and area"},
      "questions": [
        {"id": "entity_name", "kind": "text", "label": {"ar": "اسم الجهة", "en": "Name of the entity"}, "required": true},
        {"id": "area", "kind": "area", "label": {"ar": "المنطقة", "en": "Area"}, "required": true},
        {"id": "sectors", "kind": "select_many", "label": {"ar": "القطاعات", "en": "Sectors"}, "choices": "sectors", "required": true},
        {"id": "schools_open", "kind": "integer", "label": {"ar": "المدارس العاملة", "en": "Schools open"}, "min": 0}
      ]
    }
  ]
}"#;

/// A path inside the repository.
pub fn repo_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The shipped pack, checked.
pub fn pack() -> Arc<Form> {
    static FORM: OnceLock<Arc<Form>> = OnceLock::new();
    FORM.get_or_init(|| Arc::new(Form::from_json(PACK).expect("the pack passes its check")))
        .clone()
}

/// The quick-check form, checked.
pub fn quick_check() -> Arc<Form> {
    Arc::new(Form::from_json(QUICK_CHECK).expect("the quick-check form passes its check"))
}

/// The forms of a device that has only the shipped pack (as the browser has after its first
/// visit).
pub fn device() -> FormLibrary {
    let mut library = FormLibrary::default();
    library.add((*pack()).clone()).expect("added");
    library
}

/// A library of exactly these forms.
pub fn library_of(forms: &[Arc<Form>]) -> FormLibrary {
    let mut library = FormLibrary::default();
    for form in forms {
        library.add((**form).clone()).expect("added");
    }
    library
}

/// The signing key of an entity's device in the tests: fixed, made from its name.
pub fn key_of(entity_name: &str) -> SigningKey {
    let seed = Sha256::digest(entity_name.as_bytes());
    SigningKey::from_bytes(&seed.into())
}

/// The public key of an entity's device in the tests.
pub fn public_key_of(entity_name: &str) -> PublicKey {
    PublicKey::from_bytes(key_of(entity_name).verifying_key().to_bytes())
}

/// Who exports: the entity's device, signing with its key.
pub fn from(entity_name: &str, device_id: &str) -> ExportFrom {
    ExportFrom {
        entity_name: entity_name.into(),
        device_id: Some(device_id.into()),
        app_version: "0.1.0".into(),
        public_key: public_key_of(entity_name),
    }
}

/// A signature (128 hex digits) of `message` by the key of `entity_name`'s device.
pub fn signature_by(entity_name: &str, message: &[u8]) -> String {
    key_of(entity_name)
        .sign(message)
        .to_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A bundle made and signed as the app makes it, by `entity_name`'s device.
pub fn signed(unsigned: Unsigned, entity_name: &str) -> v2::Bundle {
    let signature = signature_by(entity_name, &unsigned.message());
    unsigned.signed(signature)
}

pub fn text(value: &str) -> Answer {
    Answer::Text(value.into())
}

pub fn choices(values: &[&str]) -> Answer {
    Answer::Choices(values.iter().map(|v| v.to_string()).collect())
}

pub fn area(code: &str) -> Answer {
    Answer::Area {
        code: code.into(),
        name: String::new(),
    }
}

/// Answers from pairs.
pub fn answers(pairs: Vec<(&str, Answer)>) -> Answers {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// A draft with these answers, started at `created_at` and last changed at `updated_at`.
pub fn draft(
    id: &str,
    form: &Form,
    answers: Answers,
    created_at: &str,
    updated_at: &str,
) -> Submission {
    let mut s = Submission::new_draft(id.into(), form, created_at);
    s.set_answers(form, answers, updated_at);
    s
}

/// A submission finalised the way the app does it: only valid answers can be finalised.
pub fn finalised(
    id: &str,
    form: &Form,
    answers: Answers,
    created_at: &str,
    updated_at: &str,
) -> Submission {
    let mut s = draft(id, form, answers, created_at, updated_at);
    let today: String = updated_at.chars().take(10).collect();
    if let Err(issues) = s.finalise(form, &today, updated_at) {
        panic!("{id} does not finalise: {issues:?}");
    }
    s
}
