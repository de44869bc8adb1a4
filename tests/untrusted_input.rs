//! Untrusted input never panics: a panic in the WebAssembly build aborts the whole app, so every
//! reader of a file that comes from outside — bundles, backups, form definitions, sealed
//! files — must turn
//! any input into a value or a typed error. Property tests feed each reader arbitrary bytes,
//! and structure-aware mutations of real files: values replaced by values of other types,
//! huge or negative numbers, odd strings, keys removed, elements repeated — with the digest
//! recomputed half of the time, so that the mutations reach the checks behind it.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::sync::OnceLock;

use nahda::bundle::import::{read, verify};
use nahda::core::answers::Answers;
use nahda::core::backup::{plan_restore, Backup, BackupContent};
use nahda::core::digest::digest_of;
use nahda::core::keys::signed_message;
use nahda::core::merge::Merge;
use nahda::core::schema::Form;
use nahda::core::trust::Authority;
use nahda::core::validate::{finalise, validate};
use nahda::seal::{new_identity, open, seal_for};
use proptest::prelude::*;
use serde_json::{Map, Value};

use common::*;

fn valid_bundle() -> &'static Value {
    static BUNDLE: OnceLock<Value> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        let text = std::fs::read_to_string(repo_path("tests/bundles/valid.json")).expect("read");
        serde_json::from_str(&text).expect("the corpus's valid bundle is JSON")
    })
}

fn valid_backup() -> &'static Value {
    static BACKUP: OnceLock<Value> = OnceLock::new();
    BACKUP.get_or_init(|| {
        let verified = verify(&valid_bundle().to_string(), &device()).expect("valid bundle");
        let content = BackupContent {
            forms: vec![pack().spec().clone()],
            submissions: verified.accepted,
            settings: [(
                "profile".to_string(),
                serde_json::json!({"entity_name": "مجلس"}),
            )]
            .into_iter()
            .collect(),
        };
        let mut backup = Backup::new(
            content,
            "device",
            "2026-11-29T10:00:00Z",
            public_key_of(FUZZER),
        );
        backup.signature = Some(signature_by(FUZZER, &backup.message()));
        serde_json::from_str(&backup.to_json()).expect("a backup is JSON")
    })
}

/// The corpus's valid bundle sealed for a new identity: (its secret, the bundle, the sealed
/// file).
fn sealed_bundle() -> &'static (String, Vec<u8>, Vec<u8>) {
    static SEALED: OnceLock<(String, Vec<u8>, Vec<u8>)> = OnceLock::new();
    SEALED.get_or_init(|| {
        let (secret, recipient) = new_identity();
        let plain = valid_bundle().to_string().into_bytes();
        let sealed = seal_for(&plain, &[recipient]).expect("sealed");
        (secret, plain, sealed)
    })
}

fn pack_json() -> &'static Value {
    static FORM: OnceLock<Value> = OnceLock::new();
    FORM.get_or_init(|| serde_json::from_str(PACK).expect("the pack is JSON"))
}

/// A JSON value of any type, small, with the numbers and strings that break careless code.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::sample::select(vec![
            0i64,
            -1,
            u32::MAX as i64,
            u32::MAX as i64 + 1,
            i64::MIN
        ])
        .prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON numbers are finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,24}".prop_map(Value::from),
        prop::sample::select(vec![
            "",
            "٣",
            "١٢٬٥",
            "\u{202e}",
            "draft",
            "finalised",
            "2026-02-30",
            "9999-12-31T23:59:59Z",
            "six-sector-survey",
            "SY02",
            "{",
            "${entity_name}",
            "health",
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(".{0,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// One change to a JSON document, at the node a path of indices leads to.
#[derive(Debug, Clone)]
enum Mutation {
    Replace(Value),
    Remove,
    Repeat,
}

fn mutation() -> impl Strategy<Value = (Vec<usize>, Mutation)> {
    (
        prop::collection::vec(any::<usize>(), 0..8),
        prop_oneof![
            3 => any_json().prop_map(Mutation::Replace),
            1 => Just(Mutation::Remove),
            1 => Just(Mutation::Repeat),
        ],
    )
}

/// Applies a mutation at the node the path leads to (each index picks a child, modulo their
/// number; the walk stops at a leaf).
fn mutate(value: &mut Value, path: &[usize], change: &Mutation) {
    let child_count = match value {
        Value::Array(a) => a.len(),
        Value::Object(o) => o.len(),
        _ => 0,
    };
    if let (Some((first, rest)), true) = (path.split_first(), child_count > 0) {
        let index = first % child_count;
        let go_deeper = !rest.is_empty();
        match value {
            Value::Array(items) => {
                if go_deeper {
                    mutate(&mut items[index], rest, change);
                } else {
                    match change {
                        Mutation::Replace(v) => items[index] = v.clone(),
                        Mutation::Remove => {
                            items.remove(index);
                        }
                        Mutation::Repeat => {
                            let copy = items[index].clone();
                            items.push(copy);
                        }
                    }
                }
            }
            Value::Object(fields) => {
                let key = fields.keys().nth(index).cloned().unwrap_or_default();
                if go_deeper {
                    if let Some(child) = fields.get_mut(&key) {
                        mutate(child, rest, change);
                    }
                } else {
                    match change {
                        Mutation::Replace(v) => {
                            fields.insert(key, v.clone());
                        }
                        Mutation::Remove => {
                            fields.remove(&key);
                        }
                        Mutation::Repeat => {
                            let copy = fields.get(&key).cloned().unwrap_or_default();
                            fields.insert(format!("{key}_again"), copy);
                        }
                    }
                }
            }
            _ => {}
        }
    } else if let Mutation::Replace(v) = change {
        *value = v.clone();
    }
}

/// The signer of the files the mutations reseal.
const FUZZER: &str = "fuzzer";

/// Makes the bundle's digest, id and signature those of its (mutated) content again, signed
/// by the key it names, so that the reader goes past the digest and signature checks.
fn reseal_bundle(bundle: &mut Value) {
    let Value::Object(fields) = bundle else {
        return;
    };
    if let Some(Value::Object(signer)) = fields.get_mut("signer") {
        signer.insert(
            "public_key".into(),
            Value::from(public_key_of(FUZZER).to_hex()),
        );
    }
    let mut content = fields.clone();
    for outside in ["id", "created_at", "digest", "signature"] {
        content.remove(outside);
    }
    let digest = digest_of(&content);
    let signature = signature_by(FUZZER, &signed_message("nahda.bundle", 2, &digest));
    fields.insert("id".into(), Value::from(&digest[..16]));
    fields.insert("digest".into(), Value::from(digest));
    fields.insert("signature".into(), Value::from(signature));
}

fn reseal_backup(backup: &mut Value) {
    let digest = backup.get("content").map(digest_of);
    if let (Value::Object(fields), Some(digest)) = (backup, digest) {
        let signature = signature_by(FUZZER, &signed_message("nahda.backup", 2, &digest));
        fields.insert(
            "signed_by".into(),
            Value::from(public_key_of(FUZZER).to_hex()),
        );
        fields.insert("digest".into(), Value::from(digest));
        fields.insert("signature".into(), Value::from(signature));
    }
}

fn mutated(
    original: &Value,
    changes: &[(Vec<usize>, Mutation)],
    reseal: Option<fn(&mut Value)>,
) -> String {
    let mut value = original.clone();
    for (path, change) in changes {
        mutate(&mut value, path, change);
    }
    if let Some(reseal) = reseal {
        reseal(&mut value);
    }
    value.to_string()
}

/// Reads a bundle as the import page does and merges what it accepts.
fn import(text: &str) {
    let library = device();
    if let Ok(verified) = verify(text, &library) {
        let mut merge = Merge::new(verified.accepted.clone());
        merge.bundle(&verified.bundle.id, verified.accepted.clone());
        let _ = merge.set_aside("2026-11-29T10:00:00Z");
    }
    let _ = read(text, &library);
}

/// Reads a backup as the restore does and plans it over what its own content holds.
fn restore(text: &str) {
    if let Ok(backup) = Backup::from_json(text) {
        let stored = BackupContent {
            submissions: backup.content.submissions.iter().take(1).cloned().collect(),
            ..BackupContent::default()
        };
        let _ = plan_restore(
            &backup.content,
            &stored,
            "2026-11-29T10:00:00Z",
            &Authority::default(),
        );
    }
}

/// Reads a form definition as loading a form file does, and uses it.
fn load_form(text: &str) {
    if let Ok(form) = Form::from_json(text) {
        let empty = Answers::new();
        let _ = validate(&form, &empty, "2026-11-29");
        let _ = finalise(&form, &empty, "2026-11-29");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_as_a_bundle_backup_or_form_are_refused_without_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        import(&text);
        restore(&text);
        load_form(&text);
    }

    #[test]
    fn a_mutated_bundle_is_read_without_a_panic(
        changes in prop::collection::vec(mutation(), 1..4),
        reseal in any::<bool>(),
    ) {
        let text = mutated(valid_bundle(), &changes, reseal.then_some(reseal_bundle as fn(&mut Value)));
        import(&text);
    }

    #[test]
    fn a_mutated_backup_is_read_without_a_panic(
        changes in prop::collection::vec(mutation(), 1..4),
        reseal in any::<bool>(),
    ) {
        let text = mutated(valid_backup(), &changes, reseal.then_some(reseal_backup as fn(&mut Value)));
        restore(&text);
    }

    #[test]
    fn a_sealed_file_changed_or_cut_anywhere_is_refused_without_a_panic(
        at in any::<prop::sample::Index>(),
        flip in 1u8..=255,
        cut in any::<bool>(),
    ) {
        let (secret, plain, sealed) = sealed_bundle();
        let at = at.index(sealed.len());
        let mut changed = sealed.clone();
        if cut {
            changed.truncate(at);
        } else {
            changed[at] ^= flip;
        }
        prop_assert!(open(&changed, std::slice::from_ref(secret), None).is_err());
        let whole = open(sealed, std::slice::from_ref(secret), None);
        prop_assert_eq!(whole.as_deref(), Ok(plain.as_slice()));
    }

    #[test]
    fn a_mutated_form_definition_is_read_without_a_panic(
        changes in prop::collection::vec(mutation(), 1..4),
    ) {
        load_form(&mutated(pack_json(), &changes, None));
    }
}

/// The mutations reach the checks behind the digest: a resealed bundle whose answers were
/// changed is read, and a submission refused on its own, not the whole file.
#[test]
fn a_resealed_mutation_reaches_the_checks_of_each_submission() {
    let mut bundle = valid_bundle().clone();
    bundle["submissions"][0]["answers"]["population"] = Value::from(-5);
    reseal_bundle(&mut bundle);
    let verified = verify(&bundle.to_string(), &device()).expect("the file as a whole is fine");
    assert_eq!(verified.rejected.len(), 1, "{:?}", verified.rejected);
}
