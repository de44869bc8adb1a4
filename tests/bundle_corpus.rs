//! The corpus of bundle files in `tests/bundles/`: bad, tricky and good files, each read as a
//! device that holds only the shipped form pack reads it, with the exact result
//! `tests/bundles/README.md` lists. The browser end-to-end tests import the same files.
//!
//! The files are generated here from real submissions of the shipped pack, exported with the
//! app's own `export()` so that their digests are right (or wrong only where they are meant to
//! be): `NAHDA_WRITE_CORPUS=1 cargo test --test bundle_corpus` rewrites them. Without that
//! variable the tests read the files as they are checked in, like files from the field.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::sync::OnceLock;

use nahda::bundle::export::{export, Sensitive};
use nahda::bundle::import::{verify, BundleError, Rejection, VerifiedBundle};
use nahda::bundle::v2;
use nahda::core::answers::{Answer, Answers};
use nahda::core::backup::{Backup, BackupContent};
use nahda::core::digest::digest_of;
use nahda::core::keys::signed_message;
use nahda::core::library::FormLibrary;
use nahda::core::merge::{Counts, Merge};
use nahda::core::submission::{Status, Submission};
use nahda::core::trust::{Trust, TrustedKey};
use nahda::core::validate::{Issue, Problem};
use serde_json::{json, Value};

use common::*;

const DIR: &str = "tests/bundles";
const REGENERATE: &str = "NAHDA_WRITE_CORPUS=1 cargo test --test bundle_corpus";

// ---------------------------------------------------------------------------------------------
// The submissions the files are made of.

const COUNCIL_ID: &str = "1c0b5e3a-6f2d-4a8b-9e71-3d5c2a4f6b01";
const NGO_ID: &str = "4e7d9a2b-0c3f-4b6e-8d15-7a9c1e2b3d02";
const MARE_ID: &str = "9a3f1c7e-2d4b-4c8a-b6e0-5f1d2c3b4a03";
const MISSING_SEVERITY_ID: &str = "b1d2e3f4-5a6b-4c7d-8e9f-0a1b2c3d4e11";
const NEGATIVE_POPULATION_ID: &str = "b1d2e3f4-5a6b-4c7d-8e9f-0a1b2c3d4e12";
const HOSTILE_ID: &str = "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a05";
const QUICK_ID: &str = "d4c3b2a1-0f9e-4d8c-b7a6-958473625140";
const UNKNOWN_STATUS_ID: &str = "a0000000-0000-4000-8000-000000000021";
const BROKEN_HISTORY_ID: &str = "a0000000-0000-4000-8000-000000000022";
const NUMBER_ANSWER_ID: &str = "a0000000-0000-4000-8000-000000000023";

const AZAZ: &str = "SY020400";
const MARE: &str = "SY020403";

const CREATED: &str = "2026-11-20T08:00:00.000Z";
const UPDATED: &str = "2026-11-20T09:30:00.000Z";
const EXPORTED: &str = "2026-11-21T09:00:00.000Z";

const OFFICE_DEVICE: &str = "7d1e6c5b-4a39-4827-9615-a4b3c2d1e0f9";
const FIELD_DEVICE: &str = "2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901";

/// Hostile text: markup, and bidi controls left open (U+202E RIGHT-TO-LEFT OVERRIDE,
/// U+2066 LEFT-TO-RIGHT ISOLATE), in answers and names. It must stay plain text everywhere.
const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "<img src=x onerror=alert(1)>";
const HOSTILE_ENTITY: &str =
    "<script>alert(1)</script>مجلس \u{202E}txt.exe\u{2066} <img src=x onerror=alert(1)>";
const HOSTILE_TEMPLATE: &str =
    "</textarea><svg onload=alert(1)>{{constructor.constructor('alert(1)')()}}${alert(1)}";
const HOSTILE_QUOTES: &str = "\u{2066}<b>bold</b>\u{202E} \"double\" & 'single' `tick` &amp;";

/// The longest answer a form allows (a `long_text`, 10,000 characters), hostile inside.
fn longest_answer() -> String {
    let head = format!("{SCRIPT}{IMG}\u{202E}\u{2066}");
    let fill = "ملاحظة طويلة جداً. ";
    let mut text = head;
    while text.chars().count() < 10_000 {
        text.push_str(fill);
    }
    text.chars().take(10_000).collect()
}

/// A name of 100,000 characters: the producer's entity name, which no form check limits.
fn huge_name() -> String {
    let mut text = format!("{SCRIPT}\u{202E}");
    while text.chars().count() < 100_000 {
        text.push_str("نهضة ");
    }
    let text: String = text.chars().take(99_999).collect();
    text + "."
}

fn row(pairs: Vec<(&str, Answer)>) -> Answers {
    answers(pairs)
}

/// A council in A'zaz, health and education, with most kinds of answer.
fn azaz_council() -> Submission {
    finalised(
        COUNCIL_ID,
        &pack(),
        answers(vec![
            ("entity_name", text("مجلس أعزاز المحلي")),
            ("entity_type", text("local_council")),
            ("focal_name", text("أحمد الخطيب")),
            ("focal_phone", text("+963 944 123 456")),
            ("area", area(AZAZ)),
            (
                "area_gps",
                Answer::Point {
                    lat: 36.586,
                    lon: 37.045,
                    accuracy: Some(12.5),
                },
            ),
            ("authority", text("local_council")),
            ("accessibility", text("accessible")),
            ("population", text("٤٥٠٠٠")),
            ("idps", text("12000")),
            ("assessment_date", text("2026-11-19")),
            ("sectors", choices(&["health", "education"])),
            ("hea_severity", text("4")),
            ("hea_facilities_total", text("6")),
            ("hea_facilities_functioning", text("4")),
            ("hea_medicines", text("severe_shortages")),
            (
                "hea_priority_needs",
                choices(&["medicines", "staff_salaries"]),
            ),
            (
                "hea_actors",
                Answer::Rows(vec![row(vec![
                    ("hea_actor_name", text("الهلال الأحمر العربي السوري")),
                    ("hea_actor_activity", text("عيادة متنقلة")),
                ])]),
            ),
            ("edu_severity", text("3")),
            ("edu_schools_total", text("18")),
            ("edu_schools_functioning", text("11")),
        ]),
        CREATED,
        UPDATED,
    )
}

/// An organisation reporting on the same area, health only.
fn azaz_ngo() -> Submission {
    finalised(
        NGO_ID,
        &pack(),
        answers(vec![
            ("entity_name", text("منظمة بسمة للإغاثة")),
            ("entity_type", text("ngo")),
            ("area", area(AZAZ)),
            ("assessment_date", text("2026-11-18")),
            ("sectors", choices(&["health"])),
            ("hea_severity", text("5")),
            ("hea_doctors", text("3")),
        ]),
        "2026-11-18T10:00:00.000Z",
        "2026-11-18T11:15:00.000Z",
    )
}

/// A council in Mare', education and infrastructure.
fn mare_council() -> Submission {
    finalised(
        MARE_ID,
        &pack(),
        answers(vec![
            ("entity_name", text("مجلس مارع المحلي")),
            ("entity_type", text("local_council")),
            ("area", area(MARE)),
            ("assessment_date", text("2026-11-19")),
            ("sectors", choices(&["education", "infrastructure"])),
            ("edu_severity", text("4")),
            ("inf_severity", text("3")),
            ("inf_electricity_hours", text("6")),
        ]),
        CREATED,
        UPDATED,
    )
}

/// A submission claimed finalised whose answers fail the form: no answer to a required
/// question, or a number below its minimum.
fn claimed_finalised(id: &str, pairs: Vec<(&str, Answer)>) -> Submission {
    let mut s = draft(id, &pack(), answers(pairs), CREATED, UPDATED);
    s.status = Status::Finalised;
    s
}

fn missing_severity() -> Submission {
    claimed_finalised(
        MISSING_SEVERITY_ID,
        vec![
            ("entity_name", text("مجلس صوران المحلي")),
            ("area", area(AZAZ)),
            ("assessment_date", text("2026-11-19")),
            ("sectors", choices(&["health"])),
        ],
    )
}

fn negative_population() -> Submission {
    claimed_finalised(
        NEGATIVE_POPULATION_ID,
        vec![
            ("entity_name", text("مجلس أخترين المحلي")),
            ("area", area(AZAZ)),
            ("population", text("-40")),
            ("assessment_date", text("2026-11-19")),
            ("sectors", choices(&["education"])),
            ("edu_severity", text("2")),
        ],
    )
}

/// The answers of `hostile-text.json`: every free-text answer of the reporter section, a
/// typed place name, a repeat group and the longest long text, all hostile.
fn hostile_answers() -> Answers {
    answers(vec![
        ("entity_name", text(HOSTILE_ENTITY)),
        ("entity_type", text("other")),
        ("entity_type_other", text(IMG)),
        ("focal_name", text(HOSTILE_QUOTES)),
        ("focal_role", text(HOSTILE_TEMPLATE)),
        (
            "area",
            Answer::Area {
                code: "SY0204".into(),
                name: format!("{SCRIPT}\u{202E}قرية"),
            },
        ),
        ("assessment_date", text("2026-11-19")),
        ("sectors", choices(&["health"])),
        ("hea_severity", text("3")),
        (
            "hea_actors",
            Answer::Rows(vec![row(vec![
                ("hea_actor_name", text(SCRIPT)),
                ("hea_actor_activity", text(&format!("{IMG}\u{2066}"))),
            ])]),
        ),
        (
            "hea_recommendations",
            text(&format!("{HOSTILE_TEMPLATE}\n{SCRIPT}")),
        ),
        ("closing_note", text(&longest_answer())),
    ])
}

fn hostile() -> Submission {
    finalised(HOSTILE_ID, &pack(), hostile_answers(), CREATED, UPDATED)
}

/// A submission of the quick-check form, which no device holds.
fn quick() -> Submission {
    finalised(
        QUICK_ID,
        &quick_check(),
        answers(vec![
            ("entity_name", text("مجلس مارع المحلي")),
            ("area", area(MARE)),
            ("sectors", choices(&["education"])),
            ("schools_open", text("12")),
        ]),
        CREATED,
        UPDATED,
    )
}

/// The council's submission reopened, edited and finalised again: revision 2.
fn council_revised(at: &str, question: &str, answer: &str) -> Submission {
    let form = pack();
    let mut s = azaz_council();
    s.reopen(at);
    let mut edited = s.answers.clone();
    edited.insert(question.into(), text(answer));
    s.set_answers(&form, edited, at);
    s.finalise(&form, &at[..10], at).expect("valid");
    s
}

// ---------------------------------------------------------------------------------------------
// The files.

/// The coordination office that exports most files.
const OFFICE: &str = "مكتب تنسيق أعزاز";
/// The A'zaz council, which exports its own revision.
const COUNCIL: &str = "مجلس أعزاز المحلي";
/// Someone who changes a bundle and signs it with their own key.
const STRANGER: &str = "Unknown sender";

/// A bundle exported and signed by `entity`'s device, as the app does it.
fn exported_by(
    submissions: &[Submission],
    library: &FormLibrary,
    entity: &str,
    device_id: &str,
    at: &str,
) -> v2::Bundle {
    signed(
        export(
            submissions,
            library,
            &from(entity, device_id),
            at,
            Sensitive::Include,
        ),
        entity,
    )
}

fn bundle_of(submissions: &[Submission]) -> v2::Bundle {
    exported_by(submissions, &device(), OFFICE, OFFICE_DEVICE, EXPORTED)
}

/// The digest and id made right again after a change, without signing again: what anyone
/// can do without the sender's key.
fn resealed(mut bundle: v2::Bundle) -> v2::Bundle {
    bundle.digest = digest_of(&bundle.content);
    bundle.id = bundle.digest[..16].to_string();
    bundle
}

/// The bundle changed and signed again by `entity`'s key, named as its signer.
fn resigned(mut bundle: v2::Bundle, entity: &str) -> v2::Bundle {
    bundle.content.signer.public_key = public_key_of(entity);
    let mut bundle = resealed(bundle);
    bundle.signature = signature_by(
        entity,
        &signed_message(v2::SIGNED_KIND, v2::VERSION, &bundle.digest),
    );
    bundle
}

/// The file's text as the app writes it: compact JSON.
fn file_text(bundle: &v2::Bundle) -> String {
    serde_json::to_string(bundle).expect("prints")
}

const NOT_JSON: &str = "<!DOCTYPE html>
<html lang=\"en\">
<head><meta charset=\"utf-8\"><title>Sign in to continue</title></head>
<body>
<h1>Sign in to the Wi-Fi network</h1>
<p>This page was saved instead of the bundle file that was being downloaded.</p>
</body>
</html>
";

fn wrong_format() -> String {
    let export = json!({
        "format": "kobo.export",
        "version": 1,
        "count": 1,
        "results": [{
            "_id": 184467,
            "_uuid": "0e7c5b1a-2d3f-4a6b-8c9d-1e2f3a4b5c6d",
            "_submission_time": "2026-11-20T09:30:00",
            "entity_name": "مجلس أعزاز المحلي",
            "sectors": "health education"
        }]
    });
    serde_json::to_string_pretty(&export).expect("prints") + "\n"
}

fn backup() -> String {
    let content = BackupContent {
        forms: Vec::new(),
        submissions: vec![azaz_council()],
        settings: [("language".to_string(), json!("ar"))].into(),
    };
    let mut backup = Backup::new(content, FIELD_DEVICE, EXPORTED, public_key_of(COUNCIL));
    backup.signature = Some(signature_by(COUNCIL, &backup.message()));
    backup.to_json()
}

fn truncated() -> String {
    let whole = file_text(&bundle_of(&[azaz_council(), azaz_ngo(), mare_council()]));
    let mut cut = whole.len() / 2;
    while !whole.is_char_boundary(cut) {
        cut -= 1;
    }
    whole[..cut].to_string()
}

fn newer_version() -> String {
    let mut bundle = bundle_of(&[azaz_council()]);
    bundle.content.version = 3;
    file_text(&resigned(bundle, OFFICE))
}

fn digest_mismatch() -> String {
    let mut bundle = bundle_of(&[azaz_council(), azaz_ngo()]);
    // One answer edited by hand after the export: 45,000 people become 4,500.
    let council = &mut bundle.content.submissions[0];
    assert_eq!(council.id, COUNCIL_ID);
    council.answers.insert("population".into(), json!("٤٥٠٠"));
    file_text(&bundle)
}

fn unknown_form() -> String {
    file_text(&exported_by(
        &[quick()],
        &FormLibrary::default(),
        "مجلس مارع المحلي",
        FIELD_DEVICE,
        EXPORTED,
    ))
}

fn invalid_answers() -> String {
    file_text(&bundle_of(&[
        mare_council(),
        missing_severity(),
        negative_population(),
    ]))
}

fn duplicate_id() -> String {
    let mut bundle = bundle_of(&[azaz_council(), azaz_ngo()]);
    let twin = bundle.content.submissions[1].clone();
    assert_eq!(twin.id, NGO_ID);
    bundle.content.submissions.push(twin);
    file_text(&resigned(bundle, OFFICE))
}

fn hostile_text() -> String {
    file_text(&exported_by(
        &[hostile()],
        &device(),
        &huge_name(),
        FIELD_DEVICE,
        EXPORTED,
    ))
}

fn missing_field() -> String {
    let bundle = bundle_of(&[azaz_council(), azaz_ngo()]);
    let mut value = serde_json::to_value(&bundle).expect("value");
    let removed = value["submissions"][1]
        .as_object_mut()
        .and_then(|s| s.remove("answers"));
    assert!(removed.is_some());
    serde_json::to_string(&value).expect("prints")
}

fn valid() -> String {
    file_text(&bundle_of(&[azaz_council(), azaz_ngo(), mare_council()]))
}

fn form_clash() -> String {
    let mut bundle = bundle_of(&[azaz_council()]);
    bundle.content.forms[0].title.en = "Six-sector survey (edited without a new version)".into();
    file_text(&resigned(bundle, OFFICE))
}

fn invalid_form() -> String {
    let mut bundle = exported_by(
        &[quick()],
        &library_of(&[quick_check()]),
        "مجلس مارع المحلي",
        FIELD_DEVICE,
        EXPORTED,
    );
    let signature = serde_json::from_value(json!({
        "id": "signature",
        "kind": "signature",
        "label": {"ar": "التوقيع", "en": "Signature"}
    }))
    .expect("a question");
    bundle.content.forms[0].sections[0]
        .questions
        .push(signature);
    file_text(&resigned(bundle, "مجلس مارع المحلي"))
}

fn malformed_submission() -> String {
    let mut unknown_status = mare_council();
    unknown_status.id = UNKNOWN_STATUS_ID.into();
    let mut broken_history = mare_council();
    broken_history.id = BROKEN_HISTORY_ID.into();
    broken_history.reopen("2026-11-20T10:00:00.000Z");
    broken_history
        .finalise(&pack(), "2026-11-20", "2026-11-20T10:05:00.000Z")
        .expect("valid");
    let mut number_answer = mare_council();
    number_answer.id = NUMBER_ANSWER_ID.into();
    let mut bundle = bundle_of(&[azaz_ngo(), unknown_status, broken_history, number_answer]);
    for item in &mut bundle.content.submissions {
        match item.id.as_str() {
            UNKNOWN_STATUS_ID => item.status = "sent".into(),
            BROKEN_HISTORY_ID => item.previous_hash = Some("0".repeat(64)),
            NUMBER_ANSWER_ID => {
                item.answers
                    .insert("inf_electricity_hours".into(), json!(6));
            }
            _ => {}
        }
    }
    file_text(&resigned(bundle, OFFICE))
}

fn revised() -> String {
    let second = council_revised(
        "2026-11-23T07:20:00.000Z",
        "hea_facilities_functioning",
        "5",
    );
    file_text(&exported_by(
        &[second],
        &device(),
        COUNCIL,
        FIELD_DEVICE,
        "2026-11-23T07:30:00.000Z",
    ))
}

fn conflict() -> String {
    let other = council_revised("2026-11-23T11:00:00.000Z", "edu_schools_functioning", "12");
    file_text(&exported_by(
        &[other],
        &device(),
        OFFICE,
        OFFICE_DEVICE,
        "2026-11-23T11:10:00.000Z",
    ))
}

fn forged() -> String {
    // The population edited by hand and the digest computed again, as a careful forger
    // would: only the signature gives it away.
    let mut bundle = bundle_of(&[azaz_council(), azaz_ngo()]);
    bundle.content.submissions[0]
        .answers
        .insert("population".into(), json!("٤٥٠"));
    file_text(&resealed(bundle))
}

fn resigned_by_a_stranger() -> String {
    // The same change, signed with the forger's own key: a valid signature, but not the
    // office's: the preview names a key seen for the first time.
    let mut bundle = bundle_of(&[azaz_council(), azaz_ngo()]);
    bundle.content.submissions[0]
        .answers
        .insert("population".into(), json!("٤٥٠"));
    file_text(&resigned(bundle, STRANGER))
}

fn unsigned() -> String {
    let bundle = bundle_of(&[azaz_council()]);
    let mut value = serde_json::to_value(&bundle).expect("value");
    value.as_object_mut().expect("object").remove("signature");
    serde_json::to_string(&value).expect("prints")
}

fn bad_history() -> String {
    // A revision number near the top of u32, which would wrap on the next edit.
    let mut bundle = bundle_of(&[azaz_ngo(), mare_council()]);
    let item = &mut bundle.content.submissions[1];
    assert_eq!(item.id, MARE_ID);
    item.revision = u32::MAX;
    file_text(&resigned(bundle, OFFICE))
}

/// Every file of the corpus and the text it is generated with.
fn generated() -> Vec<(&'static str, String)> {
    vec![
        ("empty.json", String::new()),
        ("whitespace.json", "  \n\t \r\n   \n".into()),
        ("not-json.json", NOT_JSON.into()),
        ("truncated.json", truncated()),
        ("wrong-format.json", wrong_format()),
        ("backup-not-bundle.json", backup()),
        ("newer-version.json", newer_version()),
        ("digest-mismatch.json", digest_mismatch()),
        ("unknown-form.json", unknown_form()),
        ("invalid-answers.json", invalid_answers()),
        ("duplicate-id.json", duplicate_id()),
        ("hostile-text.json", hostile_text()),
        ("missing-field.json", missing_field()),
        ("valid.json", valid()),
        ("form-clash.json", form_clash()),
        ("invalid-form.json", invalid_form()),
        ("malformed-submission.json", malformed_submission()),
        ("revised.json", revised()),
        ("conflict.json", conflict()),
        ("forged.json", forged()),
        ("resigned.json", resigned_by_a_stranger()),
        ("unsigned.json", unsigned()),
        ("bad-history.json", bad_history()),
    ]
}

/// A corpus file's text, as checked in (written first when asked to).
fn corpus(name: &str) -> String {
    static WRITTEN: OnceLock<()> = OnceLock::new();
    if std::env::var("NAHDA_WRITE_CORPUS").is_ok_and(|v| v == "1") {
        WRITTEN.get_or_init(|| {
            fs::create_dir_all(repo_path(DIR)).expect("the folder");
            for (file, text) in generated() {
                fs::write(repo_path(&format!("{DIR}/{file}")), text).expect("written");
            }
        });
    }
    fs::read_to_string(repo_path(&format!("{DIR}/{name}")))
        .unwrap_or_else(|e| panic!("{DIR}/{name}: {e}; generate the corpus with `{REGENERATE}`"))
}

/// Reads a corpus file as a device holding only the shipped pack reads it.
fn import(name: &str) -> Result<VerifiedBundle, BundleError> {
    verify(&corpus(name), &device())
}

fn imported(name: &str) -> VerifiedBundle {
    import(name).unwrap_or_else(|e| panic!("{name} is refused as a whole: {e}"))
}

fn ids(submissions: &[Submission]) -> Vec<&str> {
    submissions.iter().map(|s| s.id.as_str()).collect()
}

// ---------------------------------------------------------------------------------------------
// What each file gives.

#[test]
fn files_refused_as_a_whole_give_their_exact_reason() {
    let cases = [
        ("empty.json", BundleError::Empty),
        ("whitespace.json", BundleError::Empty),
        ("not-json.json", BundleError::NotJson { line: 1, column: 1 }),
        ("truncated.json", BundleError::Truncated),
        ("wrong-format.json", BundleError::WrongFormat),
        ("backup-not-bundle.json", BundleError::WrongFormat),
        ("newer-version.json", BundleError::NewerVersion(3)),
        ("digest-mismatch.json", BundleError::DigestMismatch),
        ("forged.json", BundleError::BadSignature),
        ("unsigned.json", BundleError::Unsigned),
        (
            "duplicate-id.json",
            BundleError::DuplicateSubmission(NGO_ID.into()),
        ),
        (
            "missing-field.json",
            BundleError::Damaged("missing field `answers` at line 1 column 101841".into()),
        ),
        (
            "form-clash.json",
            BundleError::FormClash("six-sector-survey".into(), 1),
        ),
        (
            "invalid-form.json",
            BundleError::InvalidForm("question 'signature': unknown kind 'signature'".into()),
        ),
    ];
    for (name, expected) in cases {
        match import(name) {
            Err(error) => assert_eq!(error, expected, "{name}"),
            Ok(verified) => panic!(
                "{name} was read: {} accepted, {} rejected",
                verified.accepted.len(),
                verified.rejected.len()
            ),
        }
    }
    assert_eq!(corpus("empty.json").len(), 0, "empty.json is 0 bytes");
}

#[test]
fn the_valid_bundle_gives_three_finalised_submissions_from_two_areas() {
    let verified = imported("valid.json");
    assert!(verified.rejected.is_empty(), "{:?}", verified.rejected);
    assert_eq!(ids(&verified.accepted), [COUNCIL_ID, NGO_ID, MARE_ID]);
    assert!(verified
        .accepted
        .iter()
        .all(|s| s.status == Status::Finalised && s.revision == 1));
    let areas: BTreeSet<&str> = verified
        .accepted
        .iter()
        .map(|s| s.area_code.as_str())
        .collect();
    assert_eq!(areas, BTreeSet::from([AZAZ, MARE]));
    assert!(
        verified.new_forms.is_empty(),
        "the device already has the pack"
    );
    // A device without the pack learns it from the bundle.
    let fresh = verify(&corpus("valid.json"), &FormLibrary::default()).expect("read");
    assert_eq!(fresh.accepted.len(), 3);
    assert_eq!(fresh.new_forms.len(), 1);
    // What was sent is what arrives, written (as far as this device knows) by the office
    // that signed the bundle.
    let mut sent = azaz_council();
    sent.signed_by = Some(public_key_of(OFFICE));
    assert_eq!(verified.accepted[0], sent);
    assert_eq!(verified.bundle.signed_by(), Some(public_key_of(OFFICE)));
    assert_eq!(
        verified.accepted[0].answers["population"],
        text("٤٥٠٠٠"),
        "answers are kept as typed"
    );
}

#[test]
fn a_submission_of_a_form_the_device_lacks_is_rejected_alone() {
    let verified = imported("unknown-form.json");
    assert!(verified.bundle.forms.is_empty());
    assert!(verified.accepted.is_empty());
    assert_eq!(
        verified.rejected,
        [(
            QUICK_ID.to_string(),
            Rejection::UnknownForm {
                form_id: "quick-check".into(),
                version: 1
            }
        )]
    );
    // The same file is fine for a device that has the form.
    let other = verify(
        &corpus("unknown-form.json"),
        &library_of(&[pack(), quick_check()]),
    )
    .expect("read");
    assert_eq!(ids(&other.accepted), [QUICK_ID]);
}

#[test]
fn answers_that_fail_their_form_reject_their_submission_only() {
    let verified = imported("invalid-answers.json");
    assert_eq!(ids(&verified.accepted), [MARE_ID]);
    let issue = |question: &str, problem: Problem| Issue {
        path: nahda::core::validate::AnswerPath {
            question: question.into(),
            rows: Vec::new(),
        },
        problem,
    };
    assert_eq!(
        verified.rejected,
        [
            (
                MISSING_SEVERITY_ID.to_string(),
                Rejection::Invalid(vec![issue("hea_severity", Problem::Required)])
            ),
            (
                NEGATIVE_POPULATION_ID.to_string(),
                Rejection::Invalid(vec![issue("population", Problem::BelowMin(0.0))])
            ),
        ]
    );
}

#[test]
fn malformed_submissions_are_rejected_one_by_one() {
    let verified = imported("malformed-submission.json");
    assert_eq!(ids(&verified.accepted), [NGO_ID]);
    let reasons: Vec<(&str, String)> = verified
        .rejected
        .iter()
        .map(|(id, r)| match r {
            Rejection::Malformed(why) | Rejection::BadHistory(why) => (id.as_str(), why.clone()),
            other => panic!("{id}: {other:?}"),
        })
        .collect();
    assert_eq!(
        reasons,
        [
            (UNKNOWN_STATUS_ID, "unknown status sent".to_string()),
            (
                BROKEN_HISTORY_ID,
                "previous_hash is not the last entry of history".to_string()
            ),
            (
                NUMBER_ANSWER_ID,
                "data did not match any variant of untagged enum Answer".to_string()
            ),
        ]
    );
}

#[test]
fn hostile_text_is_accepted_and_comes_back_byte_for_byte() {
    let raw = corpus("hostile-text.json");
    for needle in [SCRIPT, IMG, "\u{202E}", "\u{2066}"] {
        assert!(raw.contains(needle), "the file holds {needle:?} unescaped");
    }
    let verified = imported("hostile-text.json");
    assert!(verified.rejected.is_empty(), "{:?}", verified.rejected);
    let [submission] = verified.accepted.as_slice() else {
        panic!("one submission")
    };
    assert_eq!(submission.answers, hostile_answers());
    assert_eq!(submission.entity_name, HOSTILE_ENTITY);
    assert_eq!(submission.area_code, "SY0204");
    match &submission.answers["area"] {
        Answer::Area { name, .. } => assert_eq!(name, &format!("{SCRIPT}\u{202E}قرية")),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        submission.answers["closing_note"].text().chars().count(),
        10_000
    );
    let producer = &verified.bundle.producer.entity_name;
    assert_eq!(producer.chars().count(), 100_000);
    assert_eq!(producer, &huge_name());
    assert_eq!(verified.bundle.submissions[0].entity_name, HOSTILE_ENTITY);
}

#[test]
fn revisions_merge_the_same_in_any_order_and_twice_changes_nothing() {
    let read = |name: &str| {
        let verified = imported(name);
        assert!(
            verified.rejected.is_empty(),
            "{name}: {:?}",
            verified.rejected
        );
        (verified.bundle.id.clone(), verified.accepted)
    };
    let valid = read("valid.json");
    let revised = read("revised.json");
    let conflict = read("conflict.json");
    for (_, accepted) in [&revised, &conflict] {
        let [s] = accepted.as_slice() else { panic!() };
        assert_eq!((s.id.as_str(), s.revision), (COUNCIL_ID, 2));
        assert_eq!(s.history, [azaz_council().revision_hash()]);
    }

    let counts = |c: Counts| (c.new, c.duplicate, c.newer, c.older, c.conflict);
    // The coordinator's device trusts the office as a coordinator and the council's key as
    // the council: the council may correct its own submission, whoever relayed it.
    let trusted = |entity: &str, coordinator: bool| TrustedKey {
        key: public_key_of(entity),
        name: entity.into(),
        coordinator,
        form_author: false,
        added_at: EXPORTED.into(),
        revoked_at: None,
    };
    let authority =
        Trust::new(None, vec![trusted(OFFICE, true), trusted(COUNCIL, false)]).authority();
    let mut forward = Merge::new(Vec::new()).trusting(authority.clone());
    assert_eq!(
        counts(forward.bundle(&valid.0, valid.1.clone()).counts),
        (3, 0, 0, 0, 0)
    );
    assert_eq!(
        counts(forward.bundle(&revised.0, revised.1.clone()).counts),
        (0, 0, 1, 0, 0)
    );
    assert_eq!(
        counts(forward.bundle(&conflict.0, conflict.1.clone()).counts),
        (0, 0, 0, 0, 1)
    );
    // Again: nothing changes.
    for (id, accepted) in [&valid, &revised, &conflict] {
        assert_eq!(forward.bundle(id, accepted.clone()).counts.changes(), 0);
    }

    let mut backward = Merge::new(Vec::new()).trusting(authority);
    assert_eq!(
        counts(backward.bundle(&conflict.0, conflict.1.clone()).counts),
        (1, 0, 0, 0, 0)
    );
    assert_eq!(
        counts(backward.bundle(&revised.0, revised.1.clone()).counts),
        (0, 0, 0, 0, 1)
    );
    assert_eq!(
        counts(backward.bundle(&valid.0, valid.1.clone()).counts),
        (2, 0, 0, 1, 0)
    );

    assert_eq!(forward.records(), backward.records());
    let council = &forward.records()[COUNCIL_ID];
    assert_eq!(council.conflicts.len(), 1, "both revisions 2 are kept");
}

#[test]
fn a_newer_revision_from_a_key_not_trusted_for_it_is_held_as_a_conflict() {
    // A device that trusts nobody: the council's revision 2 of a submission the office sent
    // does not replace the office's revision 1; both are kept for a person to decide.
    let valid = imported("valid.json");
    let revised = imported("revised.json");
    let mut merge = Merge::new(Vec::new());
    merge.bundle(&valid.bundle.id, valid.accepted);
    let report = merge.bundle(&revised.bundle.id, revised.accepted);
    assert_eq!(report.counts.conflict, 1);
    assert_eq!(merge.records()[COUNCIL_ID].conflicts.len(), 1);
}

#[test]
fn a_bundle_signed_again_by_someone_else_is_read_as_theirs() {
    let verified = imported("resigned.json");
    assert_eq!(verified.bundle.signed_by(), Some(public_key_of(STRANGER)));
    assert_eq!(
        verified
            .bundle
            .signer
            .as_ref()
            .map(|s| s.entity_name.as_str()),
        Some(OFFICE),
        "the name it claims is the office's"
    );
    let trust = Trust::new(None, vec![]);
    assert!(matches!(
        trust.signer(verified.bundle.signed_by().as_ref(), OFFICE),
        nahda::core::trust::Signer::FirstSeen { .. }
    ));
    // Over the office's bundle, the changed submission cannot replace anything: it is the
    // same revision number from another key, so it is held as a conflict.
    let valid = imported("valid.json");
    let mut merge = Merge::new(Vec::new());
    merge.bundle(&valid.bundle.id, valid.accepted);
    let report = merge.bundle(&verified.bundle.id, verified.accepted);
    assert_eq!((report.counts.duplicate, report.counts.conflict), (1, 1));
}

#[test]
fn a_revision_number_out_of_bounds_rejects_its_submission() {
    let verified = imported("bad-history.json");
    assert_eq!(ids(&verified.accepted), [NGO_ID]);
    assert!(matches!(
        &verified.rejected[..],
        [(id, Rejection::BadHistory(why))] if id == MARE_ID && why == "revision number out of range"
    ));
}

#[test]
fn bundles_of_format_1_still_import_and_are_unsigned() {
    let read = |name: &str| {
        let text = fs::read_to_string(repo_path(&format!("{DIR}/v1/{name}"))).expect("v1 file");
        verify(&text, &device()).unwrap_or_else(|e| panic!("v1/{name}: {e}"))
    };
    let valid = read("valid.json");
    assert_eq!(valid.bundle.version, 1);
    assert_eq!(valid.bundle.signer, None);
    assert_eq!(ids(&valid.accepted), [COUNCIL_ID, NGO_ID, MARE_ID]);
    assert!(valid.accepted.iter().all(|s| s.signed_by.is_none()));
    assert_eq!(valid.accepted[0].answers, azaz_council().answers);
    // Unsigned, a revision of format 1 never replaces what is stored: it is kept beside it.
    let revised = read("revised.json");
    let mut merge = Merge::new(Vec::new());
    merge.bundle(&valid.bundle.id, valid.accepted);
    let report = merge.bundle(&revised.bundle.id, revised.accepted);
    assert_eq!(report.counts.conflict, 1);
    assert_eq!(read("conflict.json").accepted.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// The files against the schema and the README.

/// The files whose JSON has the shape of a bundle (whatever else is wrong with them).
const BUNDLE_SHAPED: [&str; 15] = [
    "valid.json",
    "forged.json",
    "resigned.json",
    "bad-history.json",
    "newer-version.json",
    "digest-mismatch.json",
    "unknown-form.json",
    "invalid-answers.json",
    "duplicate-id.json",
    "hostile-text.json",
    "form-clash.json",
    "invalid-form.json",
    "malformed-submission.json",
    "revised.json",
    "conflict.json",
];

/// The properties a schema object requires.
fn required(schema: &Value) -> Vec<String> {
    schema["required"]
        .as_array()
        .map(|r| {
            r.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// The required properties of `docs/bundle.schema.json` that the bundle lacks: at the top
/// level, in the producer, and in each form definition and submission.
fn missing_required(bundle: &Value, schema: &Value) -> Vec<String> {
    let mut missing = Vec::new();
    let mut check = |value: &Value, schema: &Value, at: &str| {
        for name in required(schema) {
            if value.get(&name).is_none() {
                missing.push(format!("{at}{name}"));
            }
        }
    };
    check(bundle, schema, "");
    let defs = &schema["$defs"];
    check(&bundle["producer"], &defs["Producer"], "producer.");
    check(&bundle["signer"], &defs["Signer"], "signer.");
    for (list, def) in [("forms", "FormSpec"), ("submissions", "Submission")] {
        for (i, item) in bundle[list].as_array().into_iter().flatten().enumerate() {
            check(item, &defs[def], &format!("{list}[{i}]."));
        }
    }
    missing
}

#[test]
fn bundle_shaped_files_have_every_property_the_schema_requires() {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(repo_path("docs/bundle.schema.json")).expect("the schema"),
    )
    .expect("JSON");
    assert_eq!(
        required(&schema),
        [
            "id",
            "created_at",
            "format",
            "version",
            "producer",
            "signer",
            "forms",
            "submissions",
            "digest",
            "signature"
        ]
    );
    for name in BUNDLE_SHAPED {
        let bundle: Value = serde_json::from_str(&corpus(name)).expect("JSON");
        assert_eq!(
            missing_required(&bundle, &schema),
            Vec::<String>::new(),
            "{name}"
        );
    }
    let damaged: Value = serde_json::from_str(&corpus("missing-field.json")).expect("JSON");
    assert_eq!(
        missing_required(&damaged, &schema),
        ["submissions[1].answers"]
    );
}

#[test]
fn every_file_is_generated_tested_and_listed_in_the_readme() {
    let readme = corpus("README.md");
    let on_disk: BTreeSet<String> = fs::read_dir(repo_path(DIR))
        .expect("the folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json"))
        .collect();
    let generated: BTreeSet<String> = generated().into_iter().map(|(n, _)| n.into()).collect();
    assert_eq!(
        on_disk, generated,
        "generate the corpus with `{REGENERATE}`"
    );
    for name in &generated {
        assert!(
            readme.contains(&format!("`{name}`")),
            "{DIR}/README.md does not list {name}"
        );
    }
}
