//! The list of submissions on "My submissions": which ones a filter keeps (status, sector,
//! area, text, trash) and in what order.

use crate::core::fold::fold;
use crate::core::order;
use crate::core::submission::{Status, Submission};

/// What the person asked to see.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SubmissionFilter {
    pub status: Option<Status>,
    pub sector: Option<String>,
    /// An area code; the areas under it match too (`SY02` keeps `SY020400`).
    pub area: Option<String>,
    /// Words to find in the entity, the area code or any text answer.
    pub text: String,
    /// Show the trash instead of the submissions.
    pub trash: bool,
}

impl SubmissionFilter {
    /// True when the submission is one the filter keeps.
    pub fn keeps(&self, submission: &Submission) -> bool {
        if submission.is_deleted() != self.trash {
            return false;
        }
        if self.status.is_some_and(|s| s != submission.status) {
            return false;
        }
        if let Some(sector) = &self.sector {
            if !submission.sectors.contains(sector) {
                return false;
            }
        }
        if let Some(area) = &self.area {
            if !submission.area_code.starts_with(area.as_str()) {
                return false;
            }
        }
        let words: Vec<String> = self.text.split_whitespace().map(fold).collect();
        words.is_empty() || {
            let haystack = searchable_text(submission);
            words.iter().all(|w| haystack.contains(w.as_str()))
        }
    }

    /// The submissions the filter keeps, the most recently changed first.
    pub fn apply<'a>(&self, submissions: &'a [Submission]) -> Vec<&'a Submission> {
        let mut kept: Vec<&Submission> = submissions.iter().filter(|s| self.keeps(s)).collect();
        order::sort_by(&mut kept, |a, b| {
            b.updated_at
                .cmp(&a.updated_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        kept
    }
}

/// What emptying the trash would destroy that exists nowhere else: finalised submissions in
/// the trash that were never exported and did not come from a bundle, unless a backup saved
/// after they went to the trash holds them.
pub fn unexported_in_trash<'a>(
    submissions: impl IntoIterator<Item = &'a Submission>,
    last_backup: Option<&str>,
) -> usize {
    submissions
        .into_iter()
        .filter(|s| {
            s.status == Status::Finalised
                && s.exported_in.is_empty()
                && s.imported_from.is_empty()
                && s.deleted_at
                    .as_deref()
                    .is_some_and(|deleted| last_backup.is_none_or(|backup| backup < deleted))
        })
        .count()
}

fn searchable_text(submission: &Submission) -> String {
    let mut text = format!("{} {}", submission.entity_name, submission.area_code);
    for answer in submission.answers.values() {
        text.push(' ');
        text.push_str(answer.text());
    }
    fold(&text)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn only_finalised_surveys_that_exist_nowhere_else_are_at_risk_in_the_trash() {
        let in_trash = |status: Status, exported: bool, imported: bool| Submission {
            status,
            deleted_at: Some("2026-11-20T10:00:00Z".into()),
            exported_in: if exported {
                vec!["b".into()]
            } else {
                Vec::new()
            },
            imported_from: if imported {
                vec!["b".into()]
            } else {
                Vec::new()
            },
            ..Submission::default()
        };
        let trash = [
            in_trash(Status::Finalised, false, false),
            in_trash(Status::Finalised, false, false),
            in_trash(Status::Draft, false, false),
            in_trash(Status::Exported, true, false),
            in_trash(Status::Finalised, false, true),
        ];
        assert_eq!(unexported_in_trash(&trash, None), 2);
        assert_eq!(
            unexported_in_trash(&trash, Some("2026-11-19T00:00:00Z")),
            2,
            "a backup older than the deletion does not hold them as they are"
        );
        assert_eq!(unexported_in_trash(&trash, Some("2026-11-21T00:00:00Z")), 0);
        let kept = Submission {
            status: Status::Finalised,
            ..Submission::default()
        };
        assert_eq!(unexported_in_trash([&kept], None), 0, "not in the trash");
    }
    use crate::core::answers::{Answer, Answers};

    fn submission(
        id: &str,
        status: Status,
        area: &str,
        sectors: &[&str],
        updated: &str,
    ) -> Submission {
        Submission {
            id: id.into(),
            form_id: "f".into(),
            form_version: 1,
            status,
            revision: 1,
            created_at: "t0".into(),
            updated_at: updated.into(),
            entity_name: format!("Council {id}"),
            area_code: area.into(),
            sectors: sectors.iter().map(|s| s.to_string()).collect(),
            answers: Answers::from([("note".into(), Answer::Text("مياه الشرب مقطوعة".into()))]),
            ..Submission::default()
        }
    }

    fn sample() -> Vec<Submission> {
        let mut deleted = submission("d", Status::Draft, "SY0204", &["health"], "2026-11-05");
        deleted.deleted_at = Some("2026-11-06".into());
        vec![
            submission("a", Status::Draft, "SY020400", &["health"], "2026-11-01"),
            submission(
                "b",
                Status::Finalised,
                "SY070301",
                &["education", "health"],
                "2026-11-03",
            ),
            submission(
                "c",
                Status::Exported,
                "SY0203",
                &["governance"],
                "2026-11-02",
            ),
            deleted,
        ]
    }

    fn ids(filter: &SubmissionFilter) -> Vec<String> {
        let all = sample();
        filter.apply(&all).iter().map(|s| s.id.clone()).collect()
    }

    #[test]
    fn everything_but_the_trash_newest_first() {
        assert_eq!(ids(&SubmissionFilter::default()), ["b", "c", "a"]);
    }

    #[test]
    fn filters_combine() {
        let health = SubmissionFilter {
            sector: Some("health".into()),
            ..Default::default()
        };
        assert_eq!(ids(&health), ["b", "a"]);
        let drafts = SubmissionFilter {
            status: Some(Status::Draft),
            ..Default::default()
        };
        assert_eq!(ids(&drafts), ["a"]);
        let aleppo = SubmissionFilter {
            area: Some("SY02".into()),
            ..Default::default()
        };
        assert_eq!(
            ids(&aleppo),
            ["c", "a"],
            "areas under the governorate match"
        );
        let both = SubmissionFilter {
            area: Some("SY02".into()),
            sector: Some("health".into()),
            ..Default::default()
        };
        assert_eq!(ids(&both), ["a"]);
    }

    #[test]
    fn search_finds_words_in_entity_and_answers() {
        let council = SubmissionFilter {
            text: "council B".into(),
            ..Default::default()
        };
        assert_eq!(ids(&council), ["b"]);
        let arabic = SubmissionFilter {
            text: "مقطوعة".into(),
            ..Default::default()
        };
        assert_eq!(ids(&arabic).len(), 3);
        let as_typed_on_a_phone = SubmissionFilter {
            text: "مَقطوعه".into(),
            ..Default::default()
        };
        assert_eq!(
            ids(&as_typed_on_a_phone),
            ids(&arabic),
            "a vowel mark and heh for teh marbuta find the same"
        );
        let nothing = SubmissionFilter {
            text: "absent".into(),
            ..Default::default()
        };
        assert!(ids(&nothing).is_empty());
    }

    #[test]
    fn the_trash_shows_only_deleted_submissions() {
        let trash = SubmissionFilter {
            trash: true,
            ..Default::default()
        };
        assert_eq!(ids(&trash), ["d"]);
    }
}
