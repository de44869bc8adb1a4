use std::collections::BTreeMap;
use std::sync::OnceLock;

use proptest::prelude::*;

use ed25519_dalek::{Signer as _, SigningKey};

use super::*;
use crate::bundle::export::{export, ExportFrom, Sensitive};
use crate::core::answers::Answer;
use crate::core::digest::hex;

const PACK: &str = include_str!("../../../public/forms/six-sector-survey.v1.json");

fn library() -> &'static FormLibrary {
    static LIBRARY: OnceLock<FormLibrary> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        let mut library = FormLibrary::default();
        library
            .add(Form::from_json(PACK).expect("pack"))
            .expect("added");
        library
    })
}

/// The test sender's signing key.
fn sender() -> SigningKey {
    SigningKey::from_bytes(&[7; 32])
}

fn public(key: &SigningKey) -> PublicKey {
    PublicKey::from_bytes(key.verifying_key().to_bytes())
}

fn from() -> ExportFrom {
    ExportFrom {
        entity_name: "مجلس أعزاز المحلي".into(),
        device_id: Some("device-1".into()),
        app_version: "0.1.0".into(),
        public_key: public(&sender()),
    }
}

/// A bundle of these submissions, exported and signed as the app does it.
fn bundle_of(submissions: &[Submission], library: &FormLibrary) -> v2::Bundle {
    let unsigned = export(submissions, library, &from(), "t", Sensitive::Include);
    let signature = hex(&sender().sign(&unsigned.message()).to_bytes());
    unsigned.signed(signature)
}

fn finalised(id: &str, entity: &str) -> Submission {
    let form = library().get("six-sector-survey", 1).expect("form");
    let mut s = Submission::new_draft(id.into(), &form, "2026-11-20T08:00:00.000Z");
    let answers = Answers::from([
        ("entity_name".into(), Answer::Text(entity.into())),
        (
            "area".into(),
            Answer::Area {
                code: "SY020400".into(),
                name: String::new(),
            },
        ),
        ("assessment_date".into(), Answer::Text("2026-11-19".into())),
        ("sectors".into(), Answer::Choices(vec!["health".into()])),
        ("hea_severity".into(), Answer::Text("4".into())),
    ]);
    s.set_answers(&form, answers, "2026-11-20T09:00:00.000Z");
    s.finalise(&form, "2026-11-20", "2026-11-20T09:00:00.000Z")
        .expect("valid");
    s
}

fn text_of(bundle: &v2::Bundle) -> String {
    serde_json::to_string(bundle).expect("json")
}

/// Digest and id for a bundle changed by hand, as a careful forger would make them (the
/// signature cannot be made without the sender's key).
fn reseal(bundle: &mut v2::Bundle) {
    bundle.digest = digest_of(&bundle.content);
    bundle.id = bundle.digest[..16].to_string();
}

/// Signs a bundle again with `key`, naming it as the signer.
fn resign(bundle: &mut v2::Bundle, key: &SigningKey) {
    bundle.content.signer.public_key = public(key);
    reseal(bundle);
    let message = signed_message(v2::SIGNED_KIND, v2::VERSION, &bundle.digest);
    bundle.signature = hex(&key.sign(&message).to_bytes());
}

#[test]
fn an_exported_bundle_verifies_and_gives_back_the_submissions() {
    let submissions = vec![finalised("b", "Council B"), finalised("a", "Council A")];
    let bundle = bundle_of(&submissions, library());
    assert_eq!(
        bundle.content.forms.len(),
        1,
        "the form version travels with the submissions"
    );
    let verified = verify(&text_of(&bundle), &FormLibrary::default()).expect("verified");
    assert!(verified.rejected.is_empty(), "{:?}", verified.rejected);
    assert_eq!(
        verified.new_forms.len(),
        1,
        "a reader without the form learns it from the bundle"
    );
    let mut back = verified.accepted;
    back.sort_by(|x, y| x.id.cmp(&y.id));
    let mut sent = submissions;
    sent.sort_by(|x, y| x.id.cmp(&y.id));
    sent.iter_mut()
        .for_each(|s| s.signed_by = Some(public(&sender())));
    assert_eq!(back, sent, "each written by the bundle's signer");
    assert_eq!(verified.bundle.signed_by(), Some(public(&sender())));
}

#[test]
fn two_exports_of_the_same_data_have_the_same_digest_and_id() {
    let data = vec![finalised("a", "A"), finalised("b", "B")];
    let reversed: Vec<Submission> = data.iter().rev().cloned().collect();
    let first = export(
        &data,
        library(),
        &from(),
        "2026-11-29T10:00:00.000Z",
        Sensitive::Include,
    );
    let second = export(
        &reversed,
        library(),
        &from(),
        "2026-12-01T10:00:00.000Z",
        Sensitive::Include,
    );
    assert_eq!(first.digest, second.digest);
    assert_eq!(first.id, second.id);
    assert_eq!(first.id.len(), 16);
}

#[test]
fn broken_files_are_refused_with_their_reason() {
    let good = text_of(&bundle_of(&[finalised("a", "A")], library()));
    let cases: Vec<(String, BundleError)> = vec![
        ("   ".into(), BundleError::Empty),
        (good[..good.len() / 2].into(), BundleError::Truncated),
        (
            "<html>not a bundle</html>".into(),
            BundleError::NotJson { line: 1, column: 1 },
        ),
        ("{\"format\": \"odk\"}".into(), BundleError::WrongFormat),
        (
            "{\"format\": \"nahda.bundle\", \"version\": 3}".into(),
            BundleError::NewerVersion(3),
        ),
        (
            good.replacen("\"A\"", "\"Z\"", 1),
            BundleError::DigestMismatch,
        ),
    ];
    for (text, expected) in cases {
        let error = verify(&text, library()).expect_err("refused");
        assert_eq!(error, expected, "for {}", &text[..text.len().min(40)]);
    }
    assert!(matches!(
        verify("{\"format\": \"nahda.bundle\", \"version\": 1}", library()),
        Err(BundleError::Damaged(_))
    ));
    assert!(matches!(
        verify(
            &good.replacen("\"version\":2", "\"version\":0", 1),
            library()
        ),
        Err(BundleError::Damaged(_))
    ));
}

#[test]
fn an_id_that_is_not_the_digests_is_refused() {
    let mut bundle = bundle_of(&[finalised("a", "A")], library());
    bundle.id = "0000000000000000".into();
    assert!(matches!(
        verify(&text_of(&bundle), library()),
        Err(BundleError::Damaged(_))
    ));
}

#[test]
fn a_byte_order_mark_before_the_json_is_ignored() {
    let good = text_of(&bundle_of(&[finalised("a", "A")], library()));
    let verified = verify(&format!("\u{feff}{good}"), library()).expect("read");
    assert_eq!(verified.accepted.len(), 1);
}

#[test]
fn the_same_submission_twice_is_refused() {
    let mut bundle = bundle_of(&[finalised("a", "A")], library());
    let twin = bundle.content.submissions[0].clone();
    bundle.content.submissions.push(twin);
    resign(&mut bundle, &sender());
    assert_eq!(
        verify(&text_of(&bundle), library()).expect_err("refused"),
        BundleError::DuplicateSubmission("a".into())
    );
}

#[test]
fn a_submission_of_an_unknown_form_is_rejected_not_the_file() {
    let bundle = bundle_of(&[finalised("a", "A")], &FormLibrary::default());
    assert!(bundle.content.forms.is_empty());
    let verified =
        verify(&text_of(&bundle), &FormLibrary::default()).expect("the file itself is fine");
    assert!(verified.accepted.is_empty());
    assert_eq!(
        verified.rejected,
        [(
            "a".to_string(),
            Rejection::UnknownForm {
                form_id: "six-sector-survey".into(),
                version: 1
            }
        )]
    );
}

#[test]
fn answers_that_fail_their_form_are_rejected_with_the_issues() {
    let mut broken = finalised("bad", "B");
    broken.answers.remove("hea_severity");
    let bundle = bundle_of(&[finalised("good", "A"), broken], library());
    let verified = verify(&text_of(&bundle), library()).expect("verified");
    assert_eq!(
        verified
            .accepted
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>(),
        ["good"]
    );
    match &verified.rejected[..] {
        [(id, Rejection::Invalid(issues))] => {
            assert_eq!(id, "bad");
            assert_eq!(issues[0].path.question, "hea_severity");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_changed_definition_under_a_known_version_is_refused() {
    let mut bundle = bundle_of(&[finalised("a", "A")], library());
    bundle.content.forms[0].title.en = "Edited without a new version".into();
    resign(&mut bundle, &sender());
    assert_eq!(
        verify(&text_of(&bundle), library()).expect_err("refused"),
        BundleError::FormClash("six-sector-survey".into(), 1)
    );
}

#[test]
fn markup_bidi_controls_and_long_text_stay_plain_text() {
    let hostile = format!(
        "<script>alert(1)</script>\u{202E}txt.exe {}",
        "ب".repeat(900)
    );
    let bundle = bundle_of(&[finalised("a", &hostile)], library());
    let verified = verify(&text_of(&bundle), library()).expect("verified");
    assert_eq!(verified.accepted[0].entity_name, hostile.trim());
    assert_eq!(
        verified.accepted[0].answers["entity_name"],
        Answer::Text(hostile)
    );
}

#[test]
fn a_bundle_read_a_submission_at_a_time_is_the_bundle_read_at_once() {
    let submissions: Vec<Submission> = (0..5)
        .map(|i| finalised(&format!("s{i}"), &format!("Council {i}")))
        .collect();
    let text = text_of(&bundle_of(&submissions, library()));
    let mut reading = Reading::start(&text).expect("started");
    let mut fractions = vec![reading.fraction()];
    while !reading.read_some(2).expect("read") {
        fractions.push(reading.fraction());
    }
    fractions.push(reading.fraction());
    assert_eq!(fractions, [0.0, 0.4, 0.8, 1.0]);
    let sliced = reading.finish(library()).expect("verified");
    let whole = read(&text, library()).expect("verified");
    assert_eq!(sliced.bundle, whole.bundle);
    assert_eq!(sliced.bundle.submissions.len(), 5);
}

#[test]
fn a_damaged_or_changed_submission_is_found_when_read_in_slices() {
    let submissions: Vec<Submission> = (0..4)
        .map(|i| finalised(&format!("s{i}"), &format!("Council {i}")))
        .collect();
    let text = text_of(&bundle_of(&submissions, library()));
    let read_in_slices = |text: &str| -> Result<ReadBundle, BundleError> {
        let mut reading = Reading::start(text)?;
        while !reading.read_some(1)? {}
        reading.finish(library())
    };
    assert!(read_in_slices(&text).is_ok());
    let changed = text.replacen("\"Council 3\"", "\"Council 9\"", 1);
    assert_eq!(
        read_in_slices(&changed).expect_err("refused"),
        BundleError::DigestMismatch
    );
    let damaged = text.replacen("\"revision\":1", "\"revision\":\"one\"", 1);
    assert_ne!(damaged, text);
    assert!(matches!(
        read_in_slices(&damaged),
        Err(BundleError::Damaged(_))
    ));
}

#[test]
fn a_travelling_submission_s_text_is_its_canonical_json() {
    let every_field = v2::Submission {
        answers: BTreeMap::from([
            (
                "zeta".into(),
                serde_json::json!({"lon": 2.5, "lat": 36.1, "accuracy": 4}),
            ),
            (
                "alpha".into(),
                serde_json::json!([{"b": "نص", "a": ["x", "y"]}]),
            ),
        ]),
        area_code: "SY0204".into(),
        created_at: "2026-12-01T05:00:00.000Z".into(),
        entity_name: "مجلس \"مارع\" المحلي".into(),
        form_id: "six-sector-survey".into(),
        form_version: 1,
        history: vec!["a".repeat(64)],
        id: "p".into(),
        previous_hash: Some("a".repeat(64)),
        revision: 2,
        sectors: vec!["health".into(), "economy".into()],
        status: "finalised".into(),
        updated_at: "2026-12-01T06:00:00.000Z".into(),
        withheld_from: Some("b".repeat(64)),
    };
    let fewest = v2::Submission {
        answers: BTreeMap::new(),
        history: Vec::new(),
        previous_hash: None,
        withheld_from: None,
        ..every_field.clone()
    };
    for submission in [every_field, fewest] {
        assert_eq!(
            serde_json::to_string(&submission).expect("json"),
            crate::core::digest::canonical_json(&submission)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_digest_worked_out_a_submission_at_a_time_is_the_whole_content_s(
        names in prop::collection::vec("\\PC{1,30}|\"submissions\":\\[\\]", 0..4),
        withhold in any::<bool>(),
    ) {
        let submissions: Vec<Submission> = names
            .iter()
            .enumerate()
            .filter(|(_, name)| !name.trim().is_empty())
            .map(|(i, name)| finalised(&format!("p{i}"), name.trim()))
            .collect();
        let sensitive = if withhold { Sensitive::Withhold } else { Sensitive::Include };
        let unsigned = export(&submissions, library(), &from(), "t", sensitive);
        prop_assert_eq!(&unsigned.digest, &digest_of(&unsigned.content));
    }

    #[test]
    fn any_entity_name_survives_export_and_import(name in "\\PC{1,60}") {
        let name = name.trim().to_string();
        prop_assume!(!name.is_empty());
        let bundle = bundle_of(&[finalised("p", &name)], library());
        let verified = verify(&text_of(&bundle), library()).expect("verified");
        prop_assert_eq!(&verified.accepted[0].entity_name, &name);
    }
}

#[test]
fn a_location_keeps_its_digest_to_the_last_bit() {
    let mut located = finalised("gps", "A");
    // A coordinate that serde_json's fast float parsing reads back one bit off.
    located.answers.insert(
        "area_gps".into(),
        Answer::Point {
            lat: 36.58061458536712,
            lon: -122.58061458536712,
            accuracy: Some(12.5),
        },
    );
    let verified = verify(
        &text_of(&bundle_of(std::slice::from_ref(&located), library())),
        library(),
    )
    .expect("the digest matches");
    assert_eq!(
        verified.accepted[0].answers["area_gps"],
        located.answers["area_gps"]
    );
    assert_eq!(
        verified.accepted[0].revision_hash(),
        located.revision_hash()
    );
    // Stored and read back (IndexedDB records travel as JSON text), it is the same revision.
    let stored: Submission =
        serde_json::from_str(&serde_json::to_string(&located).expect("json")).expect("reads");
    assert_eq!(stored.revision_hash(), located.revision_hash());
}

#[test]
fn a_bundle_changed_and_resealed_without_the_sender_s_key_is_refused_as_forged() {
    let mut bundle = bundle_of(&[finalised("a", "Council A")], library());
    bundle.content.submissions[0].entity_name = "Someone else".into();
    reseal(&mut bundle);
    assert_eq!(
        verify(&text_of(&bundle), library()).expect_err("forged"),
        BundleError::BadSignature
    );
    // Signing it again with one's own key makes it someone else's bundle, not the sender's.
    let forger = SigningKey::from_bytes(&[9; 32]);
    resign(&mut bundle, &forger);
    let verified = verify(&text_of(&bundle), library()).expect("a valid signature");
    assert_eq!(verified.bundle.signed_by(), Some(public(&forger)));
    assert_eq!(verified.accepted[0].signed_by, Some(public(&forger)));
}

#[test]
fn a_bundle_of_format_2_without_a_signature_is_refused() {
    let good = text_of(&bundle_of(&[finalised("a", "A")], library()));
    let mut value: serde_json::Value = serde_json::from_str(&good).expect("json");
    value.as_object_mut().expect("object").remove("signature");
    assert_eq!(
        verify(&value.to_string(), library()).expect_err("unsigned"),
        BundleError::Unsigned
    );
}

#[test]
fn revision_numbers_and_histories_out_of_bounds_or_inconsistent_are_refused() {
    let hash = "a".repeat(64);
    let cases: Vec<(u32, Vec<String>)> = vec![
        (MAX_REVISION + 1, vec![hash.clone(); 1]),
        (u32::MAX, Vec::new()),
        (0, Vec::new()),
        (3, vec![hash.clone()]),
        (2, vec!["not a hash".into()]),
        (3, vec![hash.clone(), hash.clone()]),
    ];
    for (revision, history) in cases {
        let mut bundle = bundle_of(&[finalised("a", "A")], library());
        let item = &mut bundle.content.submissions[0];
        item.revision = revision;
        item.previous_hash = history.last().cloned();
        item.history = history.clone();
        resign(&mut bundle, &sender());
        let verified = verify(&text_of(&bundle), library()).expect("the file is fine");
        assert!(
            matches!(&verified.rejected[..], [(_, Rejection::BadHistory(_))]),
            "revision {revision}, history {history:?}: {:?}",
            verified.rejected
        );
    }
}

#[test]
fn sensitive_answers_left_out_keep_the_revision_and_are_not_missing() {
    let mut named = finalised("a", "Council A");
    named
        .answers
        .insert("focal_name".into(), Answer::Text("سلمى".into()));
    let unsigned = export(
        std::slice::from_ref(&named),
        library(),
        &from(),
        "t",
        Sensitive::Withhold,
    );
    assert_eq!(unsigned.content.withheld, ["focal_name", "focal_phone"]);
    let item = &unsigned.content.submissions[0];
    assert!(!item.answers.contains_key("focal_name"));
    assert_eq!(
        item.withheld_from.as_deref(),
        Some(named.revision_hash().as_str())
    );
    let signature = hex(&sender().sign(&unsigned.message()).to_bytes());
    let verified = verify(&text_of(&unsigned.signed(signature)), library()).expect("verified");
    let received = &verified.accepted[0];
    assert!(!received.answers.contains_key("focal_name"));
    assert_eq!(
        received.revision_hash(),
        named.revision_hash(),
        "the same revision"
    );
}

#[test]
fn a_photo_travels_in_its_answer_and_a_file_of_another_kind_is_rejected() {
    let mut spec: serde_json::Value = serde_json::from_str(PACK).expect("pack");
    spec["version"] = 2.into();
    spec["sections"][0]["questions"]
        .as_array_mut()
        .expect("questions")
        .push(serde_json::json!({"id": "site_photo", "kind": "photo",
            "label": {"ar": "صورة الموقع", "en": "Photo of the site"}}));
    let form = Form::from_json(&spec.to_string()).expect("a form with a photo");
    let mut library = FormLibrary::default();
    library.add(form.clone()).expect("added");
    let with_file = |id: &str, media_type: &str| {
        let mut s = finalised(id, "A");
        s.form_version = 2;
        s.answers.insert(
            "site_photo".into(),
            Answer::File {
                media_type: media_type.into(),
                data: "/9j/4AAQSkZJRgABAQ==".into(),
            },
        );
        s
    };
    let bundle = bundle_of(
        &[
            with_file("photo", "image/jpeg"),
            with_file("sound", "audio/ogg"),
        ],
        &library,
    );
    let verified = verify(&text_of(&bundle), &library).expect("verified");
    assert_eq!(verified.accepted.len(), 1);
    assert_eq!(
        verified.accepted[0].answers.get("site_photo"),
        with_file("photo", "image/jpeg").answers.get("site_photo"),
        "the photo arrives as it was sent"
    );
    match &verified.rejected[..] {
        [(id, Rejection::Invalid(issues))] => {
            assert_eq!(id, "sound");
            assert_eq!(issues[0].problem, Problem::NotOfKind);
        }
        other => panic!("{other:?}"),
    }
}
