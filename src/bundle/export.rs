//! Export: core submissions and their form definitions → a bundle of the current format
//! (version 2), with canonical content, its digest, and the sender named; the signature over
//! the digest is made by the sender's device (`Unsigned::message`, then `Unsigned::signed`).
//! Two exports of the same data are byte-for-byte alike in what the digest covers. Sensitive
//! answers can be left out, and the file then says which questions were.

use crate::bundle::v2;
use crate::core::answers::{Answer, Answers};
use crate::core::keys::{signed_message, PublicKey};
use crate::core::library::FormLibrary;
use crate::core::order;
use crate::core::submission::{Status, Submission};

/// Who is exporting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFrom {
    pub entity_name: String,
    /// This device's id, when the person chose to send it.
    pub device_id: Option<String>,
    pub app_version: String,
    /// The key that signs the bundle.
    pub public_key: PublicKey,
}

/// Whether the answers of questions marked sensitive go out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sensitive {
    /// The person confirmed they go (or the bundle is sealed for its recipient).
    Include,
    /// Left out, and listed in the bundle's `withheld`.
    Withhold,
}

/// A submission travels as draft or finalised: having been exported is this device's business,
/// and leaving it out keeps a second export of the same data identical to the first.
fn status_key(status: Status) -> &'static str {
    match status {
        Status::Draft => "draft",
        Status::Finalised | Status::Exported => "finalised",
    }
}

/// A bundle made and digested, waiting for its sender's signature.
#[derive(Debug, Clone, PartialEq)]
pub struct Unsigned {
    pub id: String,
    pub created_at: String,
    pub content: v2::Content,
    pub digest: String,
}

impl Unsigned {
    /// The bytes the sender signs.
    pub fn message(&self) -> Vec<u8> {
        signed_message(v2::SIGNED_KIND, v2::VERSION, &self.digest)
    }

    /// The bundle with its signature (128 hex digits).
    pub fn signed(self, signature: String) -> v2::Bundle {
        v2::Bundle {
            id: self.id,
            created_at: self.created_at,
            content: self.content,
            digest: self.digest,
            signature,
        }
    }
}

/// The answers without those of these questions, in repeat rows too.
fn without(answers: &Answers, questions: &[String]) -> Answers {
    order::map_of(
        answers
            .iter()
            .filter(|(id, _)| !questions.contains(id))
            .map(|(id, answer)| {
                let answer = match answer {
                    Answer::Rows(rows) => {
                        Answer::Rows(rows.iter().map(|row| without(row, questions)).collect())
                    }
                    other => other.clone(),
                };
                (id.clone(), answer)
            }),
    )
}

/// A bundle of these submissions, with every form version they use from the library, sent by
/// `from`, with or without the answers of sensitive questions.
pub fn export(
    submissions: &[Submission],
    library: &FormLibrary,
    from: &ExportFrom,
    now: &str,
    sensitive: Sensitive,
) -> Unsigned {
    let mut used: Vec<(String, u32)> = submissions
        .iter()
        .map(|s| (s.form_id.clone(), s.form_version))
        .collect();
    order::sort(&mut used);
    used.dedup();
    let forms: Vec<_> = used
        .iter()
        .filter_map(|(id, version)| library.get(id, *version))
        .collect();
    let mut withheld: Vec<String> = match sensitive {
        Sensitive::Include => Vec::new(),
        Sensitive::Withhold => forms
            .iter()
            .flat_map(|f| {
                f.question_ids()
                    .iter()
                    .filter(|q| f.question(q).is_some_and(|q| q.sensitive))
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .collect(),
    };
    order::sort(&mut withheld);
    withheld.dedup();
    let mut items: Vec<v2::Submission> = submissions
        .iter()
        .map(|s| {
            let answers = without(&s.answers, &withheld);
            let withheld_from = (answers != s.answers).then(|| s.revision_hash());
            v2::Submission {
                id: s.id.clone(),
                revision: s.revision,
                previous_hash: s.previous_hash().map(str::to_string),
                history: s.history.clone(),
                form_id: s.form_id.clone(),
                form_version: s.form_version,
                status: status_key(s.status).into(),
                entity_name: s.entity_name.clone(),
                area_code: s.area_code.clone(),
                sectors: s.sectors.clone(),
                created_at: s.created_at.clone(),
                updated_at: s.updated_at.clone(),
                answers: order::map_of(
                    answers
                        .iter()
                        .map(|(k, v)| (k.clone(), serde_json::to_value(v).unwrap_or_default())),
                ),
                withheld_from: withheld_from.or_else(|| s.complete_hash.clone()),
            }
        })
        .collect();
    order::sort_by(&mut items, |a, b| a.id.cmp(&b.id));
    let mut content = v2::Content {
        format: crate::bundle::v1::FORMAT.into(),
        version: v2::VERSION,
        producer: v2::Producer {
            entity_name: from.entity_name.clone(),
            device_id: from.device_id.clone(),
            app_version: from.app_version.clone(),
        },
        signer: v2::Signer {
            public_key: from.public_key,
            entity_name: from.entity_name.clone(),
        },
        forms: forms.iter().map(|f| f.spec().clone()).collect(),
        submissions: Vec::new(),
        withheld,
    };
    let mut digest = v2::ContentDigest::new(&content);
    for item in &items {
        digest.submission(item);
    }
    content.submissions = items;
    let digest = digest.hex();
    Unsigned {
        id: digest.chars().take(16).collect(),
        created_at: now.into(),
        content,
        digest,
    }
}

/// Which submissions go out in a bundle: only finalised ones (drafts never leave the device),
/// never those in the trash, and then as the person chose.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only those whose current revision was not sent out yet (a reopened and finalised
    /// submission goes out again).
    pub only_new: bool,
    /// Only those covering this sector (by its key).
    pub sector: Option<String>,
    /// Only those about this area or an area under it (by P-code).
    pub area: Option<String>,
    /// Only those last changed on or after this day (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Only those last changed on or before this day (`YYYY-MM-DD`).
    pub to: Option<String>,
}

impl Selection {
    /// True when the submission goes out.
    pub fn keeps(&self, submission: &Submission) -> bool {
        let day = submission.updated_at.get(..10).unwrap_or_default();
        !submission.is_deleted()
            && submission.status != Status::Draft
            && (!self.only_new || submission.status == Status::Finalised)
            && self
                .sector
                .as_ref()
                .is_none_or(|s| submission.sectors.contains(s))
            && self
                .area
                .as_ref()
                .is_none_or(|a| submission.area_code.starts_with(a.as_str()))
            && self.from.as_deref().is_none_or(|from| day >= from)
            && self.to.as_deref().is_none_or(|to| day <= to)
    }
}

/// The file name of a bundle: `nahda-<entity>-<date>.json`, the entity's name kept in its own
/// script with anything a file system might refuse turned into dashes.
pub fn file_name(entity_name: &str, day: &str) -> String {
    let mut entity = String::new();
    for c in entity_name.trim().chars() {
        if c.is_alphanumeric() {
            entity.push(c);
        } else if !entity.ends_with('-') {
            entity.push('-');
        }
    }
    let entity = entity.trim_matches('-');
    if entity.is_empty() {
        format!("nahda-{day}.json")
    } else {
        format!("nahda-{entity}-{day}.json")
    }
}

/// What is being sent: a device's own surveys, or a coordinator's merge of many entities'.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sending {
    OwnSurveys,
    Merged,
}

/// The name a bundle is sent under: the reporting entity set in this device's profile. A
/// device with no profile may send its own surveys under the entity they all name; a merged
/// bundle always needs the coordinator's own name. `None`: set the profile first.
pub fn sender(
    profile_entity: &str,
    submissions: &[Submission],
    sending: Sending,
) -> Option<String> {
    let profile_entity = profile_entity.trim();
    if !profile_entity.is_empty() {
        return Some(profile_entity.to_string());
    }
    if sending == Sending::Merged {
        return None;
    }
    let first = submissions.first()?.entity_name.trim();
    (!first.is_empty() && submissions.iter().all(|s| s.entity_name.trim() == first))
        .then(|| first.to_string())
}

/// Marks submissions as sent out in a bundle: finalised ones become exported, and each
/// remembers the bundle's id once.
pub fn mark_exported(submission: &mut Submission, bundle_id: &str) {
    if submission.status == Status::Finalised {
        submission.status = Status::Exported;
    }
    if !submission.exported_in.iter().any(|b| b == bundle_id) {
        submission.exported_in.push(bundle_id.to_string());
    }
}

/// Takes back the mark of a bundle that never reached anyone: the bundle is forgotten, and a
/// submission sent out in no other bundle is finalised again.
pub fn unmark_exported(submission: &mut Submission, bundle_id: &str) {
    submission.exported_in.retain(|b| b != bundle_id);
    if submission.status == Status::Exported && submission.exported_in.is_empty() {
        submission.status = Status::Finalised;
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn stored(id: &str, status: Status, area: &str, sector: &str, day: &str) -> Submission {
        Submission {
            id: id.into(),
            status,
            area_code: area.into(),
            sectors: vec![sector.into()],
            updated_at: format!("{day}T10:00:00Z"),
            ..Submission::default()
        }
    }

    fn kept(selection: &Selection, all: &[Submission]) -> Vec<String> {
        all.iter()
            .filter(|s| selection.keeps(s))
            .map(|s| s.id.clone())
            .collect()
    }

    #[test]
    fn only_finalised_submissions_outside_the_trash_go_out_and_filters_narrow_them() {
        let mut trashed = stored("t", Status::Finalised, "SY02", "health", "2026-11-02");
        trashed.deleted_at = Some("x".into());
        let mut sent = stored("e", Status::Exported, "SY0204", "health", "2026-11-03");
        sent.exported_in = vec!["b1".into()];
        let all = [
            stored("d", Status::Draft, "SY02", "health", "2026-11-01"),
            trashed,
            sent,
            stored("f", Status::Finalised, "SY07", "education", "2026-11-05"),
        ];
        assert_eq!(kept(&Selection::default(), &all), ["e", "f"]);
        let only_new = Selection {
            only_new: true,
            ..Selection::default()
        };
        assert_eq!(kept(&only_new, &all), ["f"]);
        let by_area_and_sector = Selection {
            area: Some("SY02".into()),
            sector: Some("health".into()),
            ..Selection::default()
        };
        assert_eq!(kept(&by_area_and_sector, &all), ["e"]);
        let by_dates = Selection {
            from: Some("2026-11-04".into()),
            to: Some("2026-11-05".into()),
            ..Selection::default()
        };
        assert_eq!(kept(&by_dates, &all), ["f"]);
    }

    #[test]
    fn file_names_keep_the_entity_in_its_own_script() {
        assert_eq!(
            file_name("مجلس مارع المحلي", "2026-11-29"),
            "nahda-مجلس-مارع-المحلي-2026-11-29.json"
        );
        assert_eq!(
            file_name(" Relief/Aid: \"North\" ", "2026-11-29"),
            "nahda-Relief-Aid-North-2026-11-29.json"
        );
        assert_eq!(file_name("  ", "2026-11-29"), "nahda-2026-11-29.json");
    }

    #[test]
    fn exporting_marks_each_bundle_once() {
        let mut s = stored("f", Status::Finalised, "SY07", "education", "2026-11-05");
        mark_exported(&mut s, "b1");
        mark_exported(&mut s, "b1");
        mark_exported(&mut s, "b2");
        assert_eq!(s.status, Status::Exported);
        assert_eq!(s.exported_in, ["b1", "b2"]);
        let mut draft = stored("d", Status::Draft, "SY07", "education", "2026-11-05");
        mark_exported(&mut draft, "b1");
        assert_eq!(draft.status, Status::Draft);
    }

    #[test]
    fn an_export_mark_is_undone_bundle_by_bundle() {
        let mut s = stored("f", Status::Finalised, "SY07", "education", "2026-11-05");
        mark_exported(&mut s, "b1");
        mark_exported(&mut s, "b2");
        unmark_exported(&mut s, "b2");
        assert_eq!(
            (s.status, s.exported_in.clone()),
            (Status::Exported, vec!["b1".to_string()])
        );
        unmark_exported(&mut s, "b1");
        assert_eq!((s.status, s.exported_in.len()), (Status::Finalised, 0));
        let mut draft = stored("d", Status::Draft, "SY07", "education", "2026-11-05");
        unmark_exported(&mut draft, "b1");
        assert_eq!(draft.status, Status::Draft);
    }

    #[test]
    fn a_bundle_is_sent_under_the_profile_or_the_one_entity_its_surveys_name() {
        let named = |id: &str, entity: &str| Submission {
            id: id.into(),
            entity_name: entity.into(),
            ..Submission::default()
        };
        let one = [named("a", "مجلس مارع"), named("b", " مجلس مارع ")];
        let two = [named("a", "مجلس مارع"), named("b", "Basma relief")];
        assert_eq!(
            sender(" Coordination unit ", &two, Sending::Merged).as_deref(),
            Some("Coordination unit")
        );
        assert_eq!(
            sender("", &one, Sending::OwnSurveys).as_deref(),
            Some("مجلس مارع")
        );
        assert_eq!(
            sender("", &two, Sending::OwnSurveys),
            None,
            "never credited to one of several"
        );
        assert_eq!(
            sender("", &one, Sending::Merged),
            None,
            "a merge names the coordinator"
        );
        assert_eq!(sender("", &[], Sending::OwnSurveys), None);
    }
}
