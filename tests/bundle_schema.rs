//! The documents of the bundle format stay true to the code:
//!
//! - `docs/bundle.schema.json` is the JSON Schema generated from the serde types of the
//!   current format, `src/bundle/v2.rs`, and `docs/bundle-v1.schema.json` that of format 1
//!   (`src/bundle/v1.rs`), which readers still take (with schemars);
//! - the generated examples of `docs/bundle-format.md` (a complete bundle, the canonical JSON
//!   its digest is taken over, and a revision hash) are what the code makes, and verify;
//! - the canonical JSON rules the document states are those of `src/core/digest.rs`.
//!
//! `NAHDA_WRITE_SCHEMA=1 cargo test --test bundle_schema` rewrites the schema and the generated
//! examples instead of comparing them.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::fs;

use nahda::bundle::export::{export, Sensitive};
use nahda::bundle::import::verify;
use nahda::bundle::{v1, v2};
use nahda::core::digest::{canonical_json, sha256_hex};
use nahda::core::library::FormLibrary;
use nahda::core::submission::Submission;
use serde_json::{json, Value};

use common::*;

const SCHEMA_FILE: &str = "docs/bundle.schema.json";
const V1_SCHEMA_FILE: &str = "docs/bundle-v1.schema.json";
const FORMAT_DOC: &str = "docs/bundle-format.md";
const REGENERATE: &str = "NAHDA_WRITE_SCHEMA=1 cargo test --test bundle_schema";

fn writing() -> bool {
    std::env::var("NAHDA_WRITE_SCHEMA").is_ok_and(|v| v == "1")
}

/// The schema of a bundle file of the current format (2), as pretty JSON with a final newline.
fn schema_text() -> String {
    let mut schema = schemars::schema_for!(v2::Bundle);
    schema.insert("$id".into(), json!("urn:nahda:bundle:2"));
    schema.insert("title".into(), json!("Nahda bundle format 2"));
    schema.insert(
        "description".into(),
        json!(
            "A Nahda bundle file (format \"nahda.bundle\", version 2): finalised survey \
             submissions and the form definitions they use, as they travel from one device to \
             another, signed by the sender. Generated from the Rust types in \
             src/bundle/v2.rs; do not edit by hand. The schema describes the shape only: the \
             digest, the signature, the form checks and the validation of answers are \
             described in docs/bundle-format.md."
        ),
    );
    pretty(&schema)
}

/// The schema of format 1, which readers still take.
fn v1_schema_text() -> String {
    let mut schema = schemars::schema_for!(v1::Bundle);
    schema.insert("$id".into(), json!("urn:nahda:bundle:1"));
    schema.insert("title".into(), json!("Nahda bundle format 1"));
    schema.insert(
        "description".into(),
        json!(
            "A Nahda bundle file (format \"nahda.bundle\", version 1): finalised survey \
             submissions and the form definitions they use, as they travel from one device to \
             another. Generated from the Rust types in src/bundle/v1.rs; do not edit by hand. \
             The schema describes the shape only: the digest, the form checks and the \
             validation of answers are described in docs/bundle-format.md."
        ),
    );
    pretty(&schema)
}

fn pretty(schema: &schemars::Schema) -> String {
    let mut text = serde_json::to_string_pretty(schema).expect("the schema prints");
    text.push('\n');
    text
}

#[test]
fn the_checked_in_schemas_are_current() {
    for (file, generated) in [
        (SCHEMA_FILE, schema_text()),
        (V1_SCHEMA_FILE, v1_schema_text()),
    ] {
        let path = repo_path(file);
        if writing() {
            fs::write(&path, &generated).expect("the schema file is written");
            continue;
        }
        let checked_in = fs::read_to_string(&path).unwrap_or_default();
        assert!(
            checked_in == generated,
            "{file} is not the schema of its bundle types; regenerate it with \
             `{REGENERATE}` and commit it (a change to the types of a format must not \
             change what existing files mean: add a new format version instead)"
        );
    }
}

#[test]
fn the_schema_describes_every_field_of_the_top_level() {
    let schema: Value = serde_json::from_str(&schema_text()).expect("JSON");
    assert_eq!(schema["$id"], "urn:nahda:bundle:2");
    assert_eq!(schema["title"], "Nahda bundle format 2");
    assert!(schema["description"]
        .as_str()
        .is_some_and(|d| d.contains("version 2")));
    let properties = schema["properties"].as_object().expect("properties");
    let required: Vec<&str> = schema["required"]
        .as_array()
        .expect("required")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let fields = [
        "id",
        "created_at",
        "format",
        "version",
        "producer",
        "signer",
        "forms",
        "submissions",
        "digest",
        "signature",
    ];
    for field in fields {
        assert!(properties.contains_key(field), "no property {field}");
        assert!(required.contains(&field), "{field} is not required");
    }
    assert!(
        !properties.contains_key("content"),
        "the content is flattened into the top level"
    );
    assert!(properties.contains_key("withheld"));
    assert!(!required.contains(&"withheld"), "withheld is optional");
    assert_eq!(properties.len(), fields.len() + 1);
    assert_eq!(
        schema["$defs"]["Signer"]["properties"]["public_key"]["$ref"],
        "#/$defs/PublicKey"
    );
    assert_eq!(properties["format"]["const"], "nahda.bundle");
    assert_eq!(properties["producer"]["$ref"], "#/$defs/Producer");
    assert_eq!(properties["forms"]["items"]["$ref"], "#/$defs/FormSpec");
    assert_eq!(
        properties["submissions"]["items"]["$ref"],
        "#/$defs/Submission"
    );

    let submission = &schema["$defs"]["Submission"];
    assert_eq!(
        submission["properties"]["answers"]["additionalProperties"]["$ref"], "#/$defs/Answer",
        "answers are described in their shapes, not as any JSON"
    );
    assert_eq!(
        submission["properties"]["status"]["enum"],
        json!(["draft", "finalised"])
    );
    let optional: Vec<&str> = ["previous_hash", "history", "withheld_from"].to_vec();
    for name in submission["required"].as_array().expect("required") {
        assert!(!optional.contains(&name.as_str().unwrap_or_default()));
    }
    assert_eq!(
        schema["$defs"]["FormSpec"]["additionalProperties"],
        json!(false),
        "a form definition refuses unknown fields"
    );
    assert_eq!(
        schema["$defs"]["Answer"]["anyOf"].as_array().map(Vec::len),
        Some(6),
        "text, choices, point, area, file, rows"
    );
}

// ---------------------------------------------------------------------------------------------
// The example of docs/bundle-format.md.

const DEVICE_ID: &str = "0f8e2d4c-3b1a-4e5f-9c7d-6a5b4c3d2e1f";
const SUBMISSION_ID: &str = "5b0c6f0e-8d1a-4c8e-9a57-2f1d3c4b5a60";

/// The example's submission: filled and finalised, then reopened, corrected and finalised
/// again (revision 2); and the example bundle that carries it.
fn example() -> (v2::Bundle, Submission) {
    let form = quick_check();
    let first = finalised(
        SUBMISSION_ID,
        &form,
        answers(vec![
            ("entity_name", text("مجلس مارع المحلي")),
            ("area", area("SY020403")),
            ("sectors", choices(&["education"])),
            ("schools_open", text("١٢")),
        ]),
        "2026-11-18T07:40:00.000Z",
        "2026-11-18T08:05:00.000Z",
    );
    let mut second = first.clone();
    second.reopen("2026-11-21T10:00:00.000Z");
    let mut corrected = second.answers.clone();
    corrected.insert("schools_open".into(), text("14"));
    second.set_answers(&form, corrected, "2026-11-21T10:12:00.000Z");
    second
        .finalise(&form, "2026-11-21", "2026-11-21T10:12:00.000Z")
        .expect("valid");
    let bundle = signed(
        export(
            std::slice::from_ref(&second),
            &library_of(&[form]),
            &from("مجلس مارع المحلي", DEVICE_ID),
            "2026-11-21T10:15:00.000Z",
            Sensitive::Include,
        ),
        "مجلس مارع المحلي",
    );
    (bundle, second)
}

/// The object a revision hash is taken over, as the document describes it.
fn revision_content(s: &Submission) -> Value {
    json!({
        "id": s.id,
        "form_id": s.form_id,
        "form_version": s.form_version,
        "revision": s.revision,
        "history": s.history,
        "answers": s.answers,
    })
}

/// The generated blocks of the document: each follows a `<!-- generated: NAME -->` line.
fn generated_blocks() -> Vec<(&'static str, String)> {
    let (bundle, submission) = example();
    let canonical = canonical_json(&bundle.content);
    let revision = canonical_json(&revision_content(&submission));
    vec![
        (
            "example-bundle",
            serde_json::to_string_pretty(&bundle).expect("prints"),
        ),
        ("example-canonical", canonical),
        ("example-digest", bundle.digest.clone()),
        (
            "example-signed-message",
            String::from_utf8(nahda::core::keys::signed_message(
                v2::SIGNED_KIND,
                v2::VERSION,
                &bundle.digest,
            ))
            .expect("text"),
        ),
        ("example-revision", revision),
        ("example-revision-hash", submission.revision_hash()),
        (
            "example-previous-hash",
            submission.previous_hash().unwrap_or_default().to_string(),
        ),
    ]
}

/// The text of the fenced block after the marker (without its final line break), and where
/// its lines are: from the line after the opening fence to the closing fence.
fn block(doc: &str, name: &str) -> Option<(String, usize, usize)> {
    let marker = format!("<!-- generated: {name} -->");
    let at = doc.find(&marker)? + marker.len();
    let open = at + doc[at..].find("```")?;
    let start = open + doc[open..].find('\n')? + 1;
    let end = if doc[start..].starts_with("```") {
        start
    } else {
        start + doc[start..].find("\n```")? + 1
    };
    let text = doc[start..end].strip_suffix('\n').unwrap_or_default();
    Some((text.to_string(), start, end))
}

#[test]
fn the_generated_examples_in_the_format_doc_are_current() {
    let path = repo_path(FORMAT_DOC);
    let mut doc = fs::read_to_string(&path).expect("docs/bundle-format.md");
    let mut stale = Vec::new();
    for (name, generated) in generated_blocks() {
        let Some((current, start, end)) = block(&doc, name) else {
            panic!("{FORMAT_DOC} has no block after <!-- generated: {name} -->");
        };
        if current != generated {
            stale.push(name);
            doc.replace_range(start..end, &format!("{generated}\n"));
        }
    }
    if writing() {
        fs::write(&path, doc).expect("the doc is written");
        return;
    }
    assert!(
        stale.is_empty(),
        "the generated blocks {stale:?} of {FORMAT_DOC} are stale; regenerate them with \
         `{REGENERATE}`"
    );
}

#[test]
fn the_example_in_the_format_doc_is_a_bundle_every_reader_takes() {
    if writing() {
        return; // the document is being rewritten by another test
    }
    let doc = fs::read_to_string(repo_path(FORMAT_DOC)).expect("docs/bundle-format.md");
    let (text, _, _) = block(&doc, "example-bundle").expect("the example");
    // A device that never had the form learns it from the bundle; one that has it, too.
    for library in [FormLibrary::default(), library_of(&[quick_check()])] {
        let verified = verify(&text, &library).expect("the example verifies");
        assert_eq!(verified.accepted.len(), 1);
        assert!(verified.rejected.is_empty(), "{:?}", verified.rejected);
        let bundle: v2::Bundle = serde_json::from_str(&text).expect("the example is format 2");
        // What the document says about the digest, the id and the signature.
        let (canonical, _, _) = block(&doc, "example-canonical").expect("canonical");
        assert_eq!(canonical, canonical_json(&bundle.content));
        assert_eq!(sha256_hex(canonical.as_bytes()), bundle.digest);
        assert_eq!(bundle.id, bundle.digest[..16]);
        let (message, _, _) = block(&doc, "example-signed-message").expect("signed message");
        assert!(bundle
            .content
            .signer
            .public_key
            .verifies(message.as_bytes(), &bundle.signature));
        // What it says about the revision hash: the same hash from the object it describes.
        let accepted = &verified.accepted[0];
        let (revision, _, _) = block(&doc, "example-revision").expect("revision");
        assert_eq!(revision, canonical_json(&revision_content(accepted)));
        assert_eq!(sha256_hex(revision.as_bytes()), accepted.revision_hash());
        assert_eq!(
            accepted.previous_hash(),
            bundle.content.submissions[0].previous_hash.as_deref()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The canonical JSON rules of docs/bundle-format.md §6.

fn canonical_of(json: &str) -> String {
    let value: Value = serde_json::from_str(json).expect("JSON");
    canonical_json(&value)
}

#[test]
fn the_canonical_json_rules_in_the_format_doc_hold() {
    // Keys sorted by their UTF-8 bytes (code points), at every depth; no white space.
    assert_eq!(
        canonical_of(r#"{ "b": 1, "a": {"y": [1, 2], "x": "نص"} }"#),
        r#"{"a":{"x":"نص","y":[1,2]},"b":1}"#
    );
    assert_eq!(
        canonical_of(r#"{"😀":1,"～":2,"é":3,"b":4,"a":5,"B":6}"#),
        r#"{"B":6,"a":5,"b":4,"é":3,"～":2,"😀":1}"#
    );
    // Numbers read from the file: an integer stays as written; anything else is a 64-bit
    // float written in its shortest form.
    let numbers = [
        ("0", "0"),
        ("100", "100"),
        ("-7", "-7"),
        ("1e2", "100.0"),
        ("100.0", "100.0"),
        ("2.50", "2.5"),
        ("36.580", "36.58"),
        ("-0.0", "-0.0"),
        ("-0", "-0.0"),
        ("0.0", "0.0"),
        ("0.00001", "0.00001"),
        ("0.000001", "1e-6"),
        ("1234567890123456.0", "1234567890123456.0"),
        ("1e16", "1e+16"),
        ("18446744073709551615", "18446744073709551615"),
        ("18446744073709551616", "1.8446744073709552e+19"),
    ];
    for (written, canonical) in numbers {
        assert_eq!(canonical_of(written), canonical, "for {written}");
    }
    // Fields the Rust types hold as floats are written as floats even when whole.
    assert_eq!(canonical_json(&0.0_f64), "0.0");
    assert_eq!(canonical_json(&24.0_f64), "24.0");
    // Strings: only ", \ and control characters are escaped; everything else is raw UTF-8.
    assert_eq!(
        canonical_json(&"q\"b\\s/\u{0}\u{1f}\u{8}\u{c}\n\r\t\u{7f}\u{2028}\u{202e}é😀"),
        "\"q\\\"b\\\\s/\\u0000\\u001f\\b\\f\\n\\r\\t\u{7f}\u{2028}\u{202e}é😀\""
    );
    assert_eq!(canonical_of(r#""\u00e9\/""#), "\"é/\"");
    assert_eq!(canonical_of("[true,false,null]"), "[true,false,null]");
}
