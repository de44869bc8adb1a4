//! Submissions: one reporting entity's answers to one form version about one area, with the
//! identity and lifecycle that let them travel between devices without being lost or mixed up
//! (id, form version, status, revision, timestamps). Ids and times are passed in.

use serde::{Deserialize, Serialize};

use crate::core::answers::{Answer, Answers};
use crate::core::digest::sha256_hex;
use crate::core::keys::PublicKey;
use crate::core::reconcile::ContestedAnswer;
use crate::core::schema::{Form, Kind};
use crate::core::validate::{default_answers, finalise, Issue, Problem};

/// Where a submission is in its life.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being filled; may be incomplete.
    #[default]
    Draft,
    /// Checked and closed; read-only until reopened.
    Finalised,
    /// Finalised and sent out in a bundle.
    Exported,
}

/// The id of the question whose answer names the reporting entity, by convention.
pub const ENTITY_QUESTION: &str = "entity_name";
/// The id of the question whose answer lists the sectors covered, by convention.
pub const SECTORS_QUESTION: &str = "sectors";

/// A stored submission.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    pub id: String,
    pub form_id: String,
    pub form_version: u32,
    pub status: Status,
    /// 1 for the first revision; reopening a finalised submission starts the next one.
    pub revision: u32,
    /// The digests of every revision this one descends from, oldest first (the last is the
    /// previous revision), so that any later edit is recognised as a descendant on any device.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Copied from the answers for lists and indexes.
    #[serde(default)]
    pub entity_name: String,
    #[serde(default)]
    pub area_code: String,
    #[serde(default)]
    pub sectors: Vec<String>,
    pub answers: Answers,
    /// When it was moved to the trash; it stays restorable until the trash is emptied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<String>,
    /// The ids of the bundles that brought this submission to this device, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub imported_from: Vec<String>,
    /// The ids of the bundles this device sent it out in, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exported_in: Vec<String>,
    /// Other revisions of this submission made independently elsewhere (a conflict), kept
    /// until the coordinator chooses; ordered by their revision hash.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Submission>,
    /// Answers changed in two places at once on this device (two tabs): the other value of
    /// each, kept until the person chooses. A submission with any cannot be finalised.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contested: Vec<ContestedAnswer>,
    /// The key that wrote this revision: this device's for its own edits, the signer of the
    /// bundle that brought it otherwise (`None`: unknown, a bundle of format 1). Not part of
    /// the revision hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_by: Option<PublicKey>,
    /// This revision's hash as its writer has it, when its sensitive answers were left out of
    /// the bundle that brought it: it stays the same revision everywhere. Cleared by any edit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complete_hash: Option<String>,
    /// A new draft nobody has changed yet: not listed, and cleaned up when left behind.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub untouched: bool,
}

/// An issue for each answer changed in two places that waits for the person's choice.
pub fn contested_issues(contested: &[ContestedAnswer]) -> Vec<Issue> {
    contested
        .iter()
        .map(|c| Issue {
            path: c.at.path(),
            problem: Problem::Contested,
        })
        .collect()
}

/// The part of a submission that identifies one revision of its content. Its fields, and those
/// of every answer, are declared in the order of their names, and answers are sorted maps, so
/// its JSON text is its canonical JSON: it is hashed as it is written, without first being
/// turned into a JSON value to sort its keys.
#[derive(Serialize)]
struct RevisionContent<'a> {
    answers: &'a Answers,
    form_id: &'a str,
    form_version: u32,
    history: &'a [String],
    id: &'a str,
    revision: u32,
}

impl Submission {
    /// A new draft of the form, holding only the form's default answers.
    pub fn new_draft(id: String, form: &Form, now: &str) -> Submission {
        let mut draft = Submission::empty(id, form, now);
        draft.start_with(form, default_answers(form));
        draft
    }

    /// A draft of this form with no answers at all, not even the form's defaults: a
    /// submission received from elsewhere, whose answers are set next.
    pub fn empty(id: String, form: &Form, now: &str) -> Submission {
        Submission {
            id,
            form_id: form.id().to_string(),
            form_version: form.version(),
            status: Status::Draft,
            revision: 1,
            created_at: now.to_string(),
            updated_at: now.to_string(),
            untouched: true,
            ..Submission::default()
        }
    }

    /// Replaces the answers of a draft and refreshes the summary fields: an edit.
    pub fn set_answers(&mut self, form: &Form, answers: Answers, now: &str) {
        self.answers = answers;
        self.updated_at = now.to_string();
        self.untouched = false;
        self.complete_hash = None;
        self.refresh_summary(form);
    }

    /// Finalises a draft: only a valid submission can be finalised, and its hidden answers
    /// are dropped. On issues nothing changes.
    pub fn finalise(&mut self, form: &Form, today: &str, now: &str) -> Result<(), Vec<Issue>> {
        if !self.contested.is_empty() {
            return Err(contested_issues(&self.contested));
        }
        let kept = finalise(form, &self.answers, today)?;
        self.set_answers(form, kept, now);
        self.status = Status::Finalised;
        Ok(())
    }

    /// Reopens a finalised (or exported) submission for editing as its next revision, which
    /// remembers the digest of the revision it descends from. A draft is left as it is.
    pub fn reopen(&mut self, now: &str) {
        if self.status == Status::Draft {
            return;
        }
        self.history.push(self.revision_hash());
        self.complete_hash = None;
        self.revision = self.revision.saturating_add(1);
        self.status = Status::Draft;
        self.updated_at = now.to_string();
    }

    /// A new draft with a copy of these answers (a new id, revision 1, the same form version).
    pub fn duplicate(&self, id: String, form: &Form, now: &str) -> Submission {
        let mut copy = Submission::new_draft(id, form, now);
        copy.set_answers(form, self.answers.clone(), now);
        copy
    }

    /// The SHA-256 digest of this revision's content (identity, form version, revision, the
    /// digest of the previous revision, and the answers), the same on every device.
    pub fn revision_hash(&self) -> String {
        if let Some(complete) = &self.complete_hash {
            return complete.clone();
        }
        let content = RevisionContent {
            answers: &self.answers,
            form_id: &self.form_id,
            form_version: self.form_version,
            history: &self.history,
            id: &self.id,
            revision: self.revision,
        };
        sha256_hex(
            serde_json::to_string(&content)
                .unwrap_or_default()
                .as_bytes(),
        )
    }

    /// The digest of the revision this one was reopened from.
    pub fn previous_hash(&self) -> Option<&str> {
        self.history.last().map(String::as_str)
    }

    /// True when this revision descends from the revision with that digest.
    pub fn descends_from(&self, revision_hash: &str) -> bool {
        self.history.iter().any(|h| h == revision_hash)
    }

    /// True for a draft nobody has answered: a first revision, never imported, never changed
    /// since it was started (the answers it started with, from the form's defaults and the
    /// profile, are not the person's).
    pub fn is_blank(&self) -> bool {
        self.untouched
            && self.status == Status::Draft
            && self.revision == 1
            && self.history.is_empty()
            && self.imported_from.is_empty()
            && self.conflicts.is_empty()
            && self.contested.is_empty()
    }

    /// Fills a draft with the answers it starts with (the form's defaults, the profile's).
    /// Not an edit: a blank draft stays blank.
    pub fn start_with(&mut self, form: &Form, answers: Answers) {
        self.answers = answers;
        self.refresh_summary(form);
    }

    /// True when it is in the trash.
    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }

    /// True when the person may still edit the answers.
    pub fn is_editable(&self) -> bool {
        self.status == Status::Draft
    }

    fn refresh_summary(&mut self, form: &Form) {
        self.entity_name = self
            .answers
            .get(ENTITY_QUESTION)
            .map(|a| a.text().trim().to_string())
            .unwrap_or_default();
        self.sectors = self
            .answers
            .get(SECTORS_QUESTION)
            .map(Answer::choices)
            .unwrap_or_default();
        let area_question = form
            .question_ids()
            .iter()
            .find(|id| form.question(id).is_some_and(|q| q.kind == Kind::Area));
        self.area_code = match area_question.and_then(|id| self.answers.get(id)) {
            Some(Answer::Area { code, .. }) => code.clone(),
            _ => String::new(),
        };
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const PACK: &str = include_str!("../../public/forms/six-sector-survey.v1.json");

    fn text(s: &str) -> Answer {
        Answer::Text(s.into())
    }

    #[test]
    fn a_revision_s_text_is_its_canonical_json_with_answers_of_every_shape() {
        let row = Answers::from([
            ("name".into(), text("أمل")),
            (
                "where".into(),
                Answer::Point {
                    accuracy: None,
                    lat: 36.58061458536712,
                    lon: -0.5,
                },
            ),
        ]);
        let answers = Answers::from([
            ("text".into(), text("نص \"مقتبس\"")),
            (
                "choices".into(),
                Answer::Choices(vec!["b".into(), "a".into()]),
            ),
            (
                "point".into(),
                Answer::Point {
                    accuracy: Some(12.0),
                    lat: 1e-7,
                    lon: 1e16,
                },
            ),
            (
                "area".into(),
                Answer::Area {
                    code: "SY02".into(),
                    name: "قرية".into(),
                },
            ),
            (
                "photo".into(),
                Answer::File {
                    data: "AAEC".into(),
                    media_type: "image/jpeg".into(),
                },
            ),
            ("rows".into(), Answer::Rows(vec![row, Answers::new()])),
        ]);
        let history = ["a".repeat(64)];
        let content = RevisionContent {
            answers: &answers,
            form_id: "f",
            form_version: 3,
            history: &history,
            id: "id-1",
            revision: 2,
        };
        assert_eq!(
            serde_json::to_string(&content).expect("json"),
            crate::core::digest::canonical_json(&content)
        );
    }

    #[test]
    fn a_new_draft_records_its_form_version() {
        let form = Form::from_json(PACK).expect("pack");
        let draft = Submission::new_draft("id-1".into(), &form, "2026-11-29T10:00:00Z");
        assert_eq!(
            (draft.form_id.as_str(), draft.form_version),
            ("six-sector-survey", 1)
        );
        assert_eq!((draft.status, draft.revision), (Status::Draft, 1));
        assert!(draft.is_editable());
        let json = serde_json::to_string(&draft).expect("prints");
        assert_eq!(
            serde_json::from_str::<Submission>(&json).expect("parses"),
            draft
        );
    }

    #[test]
    fn answers_fill_the_summary_fields() {
        let form = Form::from_json(PACK).expect("pack");
        let mut draft = Submission::new_draft("id-1".into(), &form, "t0");
        let answers = Answers::from([
            ("entity_name".into(), text(" مجلس مارع ")),
            (
                "area".into(),
                Answer::Area {
                    code: "SY020403".into(),
                    name: String::new(),
                },
            ),
            (
                "sectors".into(),
                Answer::Choices(vec!["health".into(), "education".into()]),
            ),
        ]);
        draft.set_answers(&form, answers, "t1");
        assert_eq!(draft.entity_name, "مجلس مارع");
        assert_eq!(draft.area_code, "SY020403");
        assert_eq!(draft.sectors, ["health", "education"]);
        assert_eq!(draft.updated_at, "t1");
    }

    #[test]
    fn reopening_starts_a_revision_that_descends_from_the_last() {
        let form = Form::from_json(PACK).expect("pack");
        let mut submission = Submission::new_draft("id-1".into(), &form, "t0");
        submission.set_answers(
            &form,
            Answers::from([("entity_name".into(), text("A"))]),
            "t1",
        );
        submission.status = Status::Finalised;
        let first = submission.revision_hash();
        submission.reopen("t2");
        assert_eq!((submission.status, submission.revision), (Status::Draft, 2));
        assert_eq!(submission.previous_hash(), Some(first.as_str()));
        let second = submission.revision_hash();
        submission.status = Status::Finalised;
        submission.reopen("t2b");
        assert_eq!(submission.history, [first.clone(), second]);
        assert!(submission.descends_from(&first));
        assert_ne!(submission.revision_hash(), first);
        let again = submission.clone();
        submission.reopen("t3");
        assert_eq!(submission, again, "a draft is not reopened twice");
    }

    #[test]
    fn the_revision_hash_depends_on_content_not_on_timestamps() {
        let form = Form::from_json(PACK).expect("pack");
        let mut a = Submission::new_draft("id-1".into(), &form, "t0");
        let mut b = Submission::new_draft("id-1".into(), &form, "another time");
        assert_eq!(a.revision_hash(), b.revision_hash());
        a.set_answers(
            &form,
            Answers::from([("entity_name".into(), text("A"))]),
            "t1",
        );
        b.set_answers(
            &form,
            Answers::from([("entity_name".into(), text("B"))]),
            "t1",
        );
        assert_ne!(a.revision_hash(), b.revision_hash());
    }

    #[test]
    fn a_duplicate_is_a_new_draft_with_the_same_answers() {
        let form = Form::from_json(PACK).expect("pack");
        let mut original = Submission::new_draft("id-1".into(), &form, "t0");
        original.set_answers(
            &form,
            Answers::from([("entity_name".into(), text("A"))]),
            "t1",
        );
        original.status = Status::Finalised;
        let copy = original.duplicate("id-2".into(), &form, "t2");
        assert_eq!(
            (copy.id.as_str(), copy.status, copy.revision),
            ("id-2", Status::Draft, 1)
        );
        assert_eq!(copy.answers, original.answers);
        assert_eq!(copy.entity_name, "A");
    }

    #[test]
    fn a_draft_is_blank_until_the_person_changes_it() {
        let form = Form::from_json(PACK).expect("pack");
        let mut draft = Submission::new_draft("id-1".into(), &form, "t0");
        assert!(draft.is_blank());
        draft.start_with(&form, Answers::from([("entity_name".into(), text("مجلس"))]));
        assert!(
            draft.is_blank(),
            "the profile's answers are not the person's"
        );
        assert_eq!(draft.entity_name, "مجلس");
        let mut typed = draft.clone();
        typed.set_answers(
            &form,
            Answers::from([("entity_name".into(), text("مجلس"))]),
            "t1",
        );
        assert!(
            !typed.is_blank(),
            "typed, even if the same as the profile's"
        );
        let mut finalised = draft.clone();
        finalised.status = Status::Finalised;
        assert!(!finalised.is_blank(), "only drafts are blank");
    }

    #[test]
    fn a_submission_with_contested_answers_is_not_finalised() {
        let form = Form::from_json(PACK).expect("pack");
        let mut draft = Submission::new_draft("id-1".into(), &form, "t0");
        draft
            .contested
            .push(crate::core::reconcile::ContestedAnswer {
                at: crate::core::reconcile::AnswerAt::question("entity_name"),
                other: Some(text("B")),
                when: "t1".into(),
            });
        let issues = draft
            .finalise(&form, "2026-11-29", "t2")
            .expect_err("refused");
        assert_eq!(issues[0].problem, Problem::Contested);
        assert_eq!(issues[0].path.question, "entity_name");
        assert_eq!(draft.status, Status::Draft);
    }

    #[test]
    fn only_a_valid_draft_is_finalised() {
        let form = Form::from_json(PACK).expect("pack");
        let mut draft = Submission::new_draft("id-1".into(), &form, "t0");
        let before = draft.clone();
        assert!(draft.finalise(&form, "2026-11-29", "t1").is_err());
        assert_eq!(draft, before, "a refused finalise changes nothing");

        let answers = Answers::from([
            ("entity_name".into(), text("مجلس مارع")),
            (
                "area".into(),
                Answer::Area {
                    code: "SY020403".into(),
                    name: String::new(),
                },
            ),
            ("assessment_date".into(), text("2026-11-20")),
            ("sectors".into(), Answer::Choices(vec!["health".into()])),
            ("hea_severity".into(), text("4")),
            ("gov_severity".into(), text("2")),
        ]);
        draft.set_answers(&form, answers, "t1");
        draft.finalise(&form, "2026-11-29", "t2").expect("valid");
        assert_eq!(draft.status, Status::Finalised);
        assert!(!draft.is_editable());
        assert!(
            !draft.answers.contains_key("gov_severity"),
            "governance was not chosen"
        );
    }
}
