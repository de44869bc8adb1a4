//! The archive of set-aside revisions: whatever a settled conflict, an import of a newer
//! revision, a restored backup or a reinstated revision takes out of a submission is kept here,
//! whole, instead of going to nothing. The submission's history lists them, and any of them can
//! be reinstated as the submission's next revision.

use serde::{Deserialize, Serialize};

use crate::core::keys::PublicKey;
use crate::core::merge::heads;
use crate::core::submission::{Status, Submission};

/// Why a revision was set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SetAsideBy {
    /// A coordinator settled a conflict and kept another revision.
    Settlement,
    /// An imported bundle brought a newer revision.
    Import,
    /// A restored backup brought a newer revision.
    Restore,
    /// An archived revision was reinstated in its place.
    Reinstatement,
}

/// A revision kept in the archive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchivedRevision {
    /// `<submission id>:<revision hash>`: the same revision set aside twice is kept once.
    pub key: String,
    /// The submission's id.
    pub submission: String,
    pub by: SetAsideBy,
    /// When it was set aside.
    pub at: String,
    /// The revision as it was, without this device's bookkeeping.
    pub revision: Submission,
}

impl ArchivedRevision {
    /// Archives a revision.
    pub fn of(revision: &Submission, by: SetAsideBy, at: &str) -> ArchivedRevision {
        let revision = bare(revision);
        ArchivedRevision {
            key: format!("{}:{}", revision.id, revision.revision_hash()),
            submission: revision.id.clone(),
            by,
            at: at.to_string(),
            revision,
        }
    }
}

fn bare(revision: &Submission) -> Submission {
    heads(revision).swap_remove(0)
}

/// The revisions of `before` whose answers `after` no longer holds (neither shown nor in
/// conflict), archived: what a change from `before` to `after` would otherwise destroy.
pub fn set_aside(
    before: &Submission,
    after: &Submission,
    by: SetAsideBy,
    at: &str,
) -> Vec<ArchivedRevision> {
    let kept = heads(after);
    heads(before)
        .iter()
        .filter(|h| !kept.iter().any(|k| k.answers == h.answers))
        .map(|h| ArchivedRevision::of(h, by, at))
        .collect()
}

/// An archived revision brought back: the submission's next revision, with the archived
/// answers, descending from both the current revision and the archived one (so every device
/// that imports it sees it as newer than either). A draft stays a draft; otherwise it is
/// finalised, as the archived revision was when it was checked. Rival revisions in conflict
/// stay as they are.
pub fn reinstate(
    current: &Submission,
    archived: &Submission,
    now: &str,
    by: Option<PublicKey>,
) -> Submission {
    let mut history: Vec<String> = Vec::new();
    let mut remember = |hash: String| {
        if !history.contains(&hash) {
            history.push(hash);
        }
    };
    current.history.iter().cloned().for_each(&mut remember);
    archived.history.iter().cloned().for_each(&mut remember);
    remember(archived.revision_hash());
    remember(bare(current).revision_hash());
    let mut next = current.clone();
    next.answers = archived.answers.clone();
    next.form_version = archived.form_version;
    next.entity_name = archived.entity_name.clone();
    next.area_code = archived.area_code.clone();
    next.sectors = archived.sectors.clone();
    next.history = history;
    next.revision = current.revision.max(archived.revision).saturating_add(1);
    next.status = match current.status {
        Status::Draft => Status::Draft,
        Status::Finalised | Status::Exported => Status::Finalised,
    };
    next.updated_at = now.to_string();
    next.signed_by = by;
    next
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::answers::{Answer, Answers};
    use crate::core::merge::{choose, merge, Outcome};
    use crate::core::trust::Authority;

    fn writer() -> PublicKey {
        PublicKey::from_bytes([1; 32])
    }

    fn revision(note: &str) -> Submission {
        Submission {
            signed_by: Some(writer()),
            id: "s".into(),
            form_id: "f".into(),
            form_version: 1,
            status: Status::Finalised,
            revision: 1,
            created_at: "t0".into(),
            updated_at: "t1".into(),
            answers: Answers::from([("note".into(), Answer::Text(note.into()))]),
            ..Submission::default()
        }
    }

    fn edited(s: &Submission, note: &str) -> Submission {
        let mut next = s.clone();
        next.reopen("t2");
        next.answers
            .insert("note".into(), Answer::Text(note.into()));
        next.status = Status::Finalised;
        next
    }

    #[test]
    fn a_newer_revision_on_import_sets_the_replaced_one_aside() {
        let r1 = revision("first");
        let r2 = edited(&r1, "second");
        let (outcome, after) = merge(Some(&r1), &r2, "b", &Authority::default());
        assert_eq!(outcome, Outcome::Newer);
        let aside = set_aside(&r1, &after.expect("replaced"), SetAsideBy::Import, "t3");
        assert_eq!(aside.len(), 1);
        assert_eq!(aside[0].revision.answers, r1.answers);
        assert_eq!(aside[0].key, format!("s:{}", r1.revision_hash()));
    }

    #[test]
    fn settling_a_conflict_sets_the_other_revision_aside_and_it_can_come_back() {
        let r1 = revision("first");
        let here = edited(&r1, "here");
        let there = edited(&r1, "there");
        let (_, stored) = merge(Some(&here), &there, "b", &Authority::default());
        let stored = stored.expect("conflict kept");
        assert_eq!(stored.conflicts.len(), 1);
        let settled = choose(&stored, &here.revision_hash(), "t4", Some(writer())).expect("a head");
        let aside = set_aside(&stored, &settled, SetAsideBy::Settlement, "t4");
        assert_eq!(aside.len(), 1, "only the answers not kept: {aside:?}");
        let lost = &aside[0];
        assert_eq!(lost.revision.answers, there.answers);

        let back = reinstate(&settled, &lost.revision, "t5", Some(writer()));
        assert_eq!(back.answers, there.answers);
        assert_eq!(back.revision, settled.revision + 1);
        assert!(back.descends_from(&settled.revision_hash()));
        assert!(back.descends_from(&there.revision_hash()));
        // Imported anywhere, the reinstated revision is newer than the settlement.
        let (outcome, _) = merge(Some(&settled), &back, "b2", &Authority::default());
        assert_eq!(outcome, Outcome::Newer);
    }

    #[test]
    fn nothing_is_set_aside_when_every_revision_stays() {
        let r1 = revision("first");
        assert!(set_aside(&r1, &r1, SetAsideBy::Restore, "t").is_empty());
    }

    #[test]
    fn a_reinstated_revision_never_wraps_its_number() {
        let mut current = revision("x");
        current.revision = u32::MAX;
        let back = reinstate(&current, &revision("y"), "t", Some(writer()));
        assert_eq!(back.revision, u32::MAX);
    }
}
