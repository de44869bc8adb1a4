//! Merging imported submissions into the stored ones, so that nothing is ever silently dropped
//! or duplicated. Each stored submission keeps its *heads*: the revisions that no other known
//! revision descends from. Usually there is one; when the same submission was edited
//! independently in two places there are several — a conflict, kept until the coordinator
//! chooses. A revision is identified by its revision hash and knows the hashes of every revision
//! it descends from, so "newer", "older", "the same" and "diverged" are decided from content
//! alone, never from clocks or arrival order. That makes importing idempotent and
//! order-independent: the heads are the maximal revisions of everything ever imported.

use std::collections::{BTreeMap, BTreeSet};

use crate::core::archive::{set_aside, ArchivedRevision, SetAsideBy};
use crate::core::keys::PublicKey;
use crate::core::order;
use crate::core::submission::Submission;
use crate::core::trust::Authority;

/// What importing one submission did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    /// It was not stored yet; it is now.
    New,
    /// The same revision is already stored; skipped.
    Duplicate,
    /// A later revision of a stored submission; it replaces the one it descends from.
    Newer,
    /// An earlier revision of a stored submission; skipped.
    Older,
    /// Edited independently of the stored revision: both are kept, flagged for a choice.
    Conflict,
}

/// How many submissions had each outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub new: usize,
    pub duplicate: usize,
    pub newer: usize,
    pub older: usize,
    pub conflict: usize,
}

impl Counts {
    fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::New => self.new += 1,
            Outcome::Duplicate => self.duplicate += 1,
            Outcome::Newer => self.newer += 1,
            Outcome::Older => self.older += 1,
            Outcome::Conflict => self.conflict += 1,
        }
    }

    /// Adds other counts to these.
    pub fn absorb(&mut self, other: Counts) {
        self.new += other.new;
        self.duplicate += other.duplicate;
        self.newer += other.newer;
        self.older += other.older;
        self.conflict += other.conflict;
    }

    /// How many submissions were counted.
    pub fn total(&self) -> usize {
        self.new + self.duplicate + self.newer + self.older + self.conflict
    }

    /// How many will change what is stored.
    pub fn changes(&self) -> usize {
        self.new + self.newer + self.conflict
    }
}

/// One revision on its own: without this device's bookkeeping and without rivals.
fn bare(mut submission: Submission) -> Submission {
    submission.deleted_at = None;
    submission.imported_from = Vec::new();
    submission.exported_in = Vec::new();
    submission.conflicts = Vec::new();
    submission.contested = Vec::new();
    submission.untouched = false;
    submission
}

/// The revision a stored submission shows, on its own.
fn shown(stored: &Submission) -> Submission {
    bare(Submission {
        conflicts: Vec::new(),
        ..stored.clone()
    })
}

/// The heads of a stored submission: the revision shown and its rivals.
pub fn heads(stored: &Submission) -> Vec<Submission> {
    std::iter::once(shown(stored))
        .chain(stored.conflicts.iter().cloned().map(bare))
        .collect()
}

/// Merges one incoming revision into what is stored under its id, with the id of the bundle
/// that brought it. Returns the outcome and the record to store, or `None` when the store
/// stays exactly as it was.
pub fn merge(
    stored: Option<&Submission>,
    incoming: &Submission,
    bundle_id: &str,
    authority: &Authority,
) -> (Outcome, Option<Submission>) {
    take(
        stored,
        incoming.clone(),
        &[bundle_id.to_string()],
        authority,
    )
}

/// [`merge`] of an incoming revision this call owns, brought by these bundles.
fn take(
    stored: Option<&Submission>,
    incoming: Submission,
    bundles: &[String],
    authority: &Authority,
) -> (Outcome, Option<Submission>) {
    let remember = |record: &mut Submission| {
        for bundle in bundles {
            if let Err(at) = record.imported_from.binary_search(bundle) {
                record.imported_from.insert(at, bundle.clone());
            }
        }
    };
    let Some(stored) = stored else {
        let mut record = bare(incoming);
        remember(&mut record);
        return (Outcome::New, Some(record));
    };
    let (outcome, mut record) = absorb(stored, incoming, authority);
    remember(&mut record);
    let changed = record != *stored;
    (outcome, changed.then_some(record))
}

/// True when `newer` takes the place of `older`: it descends from it, and was signed by a key
/// that may replace it (`Authority`).
fn supersedes(newer: &Submission, older: &Submission, authority: &Authority) -> bool {
    newer.descends_from(&older.revision_hash()) && authority.may_replace(older, newer)
}

/// One revision taken into a stored submission's heads, by revision hashes, history and who
/// signed them, never by clocks: the outcome, and the record with this device's bookkeeping
/// carried over (equal to `stored` when nothing changed). A revision that descends from a
/// head but was signed by a key that may not replace it is kept beside it, as a conflict.
pub fn absorb(
    stored: &Submission,
    incoming: Submission,
    authority: &Authority,
) -> (Outcome, Submission) {
    let incoming = bare(incoming);
    let hash = incoming.revision_hash();
    let mut heads = heads(stored);
    let outcome = if let Some(same) = heads.iter().position(|h| h.revision_hash() == hash) {
        if heads[same].complete_hash.is_some() && incoming.complete_hash.is_none() {
            // The same revision, now with the sensitive answers it was first sent without.
            heads[same] = incoming;
            return (Outcome::Duplicate, record_of(heads, stored));
        }
        Outcome::Duplicate
    } else if heads.iter().any(|h| supersedes(h, &incoming, authority)) {
        Outcome::Older
    } else {
        heads.retain(|h| !supersedes(&incoming, h, authority));
        heads.push(incoming);
        if heads.len() == 1 {
            Outcome::Newer
        } else {
            Outcome::Conflict
        }
    };
    if matches!(outcome, Outcome::Duplicate | Outcome::Older) {
        return (outcome, stored.clone());
    }
    (outcome, record_of(heads, stored))
}

/// The stored record for these heads: the latest head is shown (highest revision, then latest
/// change, then hash, so every device picks the same), the others are its conflicts; this
/// device's bookkeeping is carried over.
fn record_of(mut heads: Vec<Submission>, stored: &Submission) -> Submission {
    order::sort_by_key(&mut heads, |h| {
        (h.revision, h.updated_at.clone(), h.revision_hash())
    });
    let mut record = heads.pop().unwrap_or_else(|| shown(stored));
    order::sort_by_key(&mut heads, Submission::revision_hash);
    record.conflicts = heads;
    record.deleted_at = stored.deleted_at.clone();
    record.imported_from = stored.imported_from.clone();
    record.exported_in = stored.exported_in.clone();
    record.contested = stored.contested.clone();
    record
}

/// The coordinator's choice in a conflict: a new revision with the chosen revision's answers
/// that descends from every head, so that on any device that imports it, it settles the
/// conflict the same way. `None` when no head has that revision hash.
pub fn choose(
    stored: &Submission,
    chosen_hash: &str,
    now: &str,
    by: Option<PublicKey>,
) -> Option<Submission> {
    let heads = heads(stored);
    let chosen = heads.iter().find(|h| h.revision_hash() == chosen_hash)?;
    let mut history: Vec<String> = Vec::new();
    let mut remember = |hash: &String| {
        if !history.contains(hash) {
            history.push(hash.clone());
        }
    };
    heads
        .iter()
        .flat_map(|h| h.history.iter())
        .for_each(&mut remember);
    heads
        .iter()
        .map(Submission::revision_hash)
        .filter(|h| h != chosen_hash)
        .for_each(|h| remember(&h));
    remember(&chosen_hash.to_string());
    let mut next = chosen.clone();
    next.history = history;
    next.revision = heads
        .iter()
        .map(|h| h.revision)
        .max()
        .unwrap_or(0)
        .saturating_add(1);
    next.status = crate::core::submission::Status::Finalised;
    next.updated_at = now.to_string();
    next.signed_by = by;
    next.deleted_at = stored.deleted_at.clone();
    next.imported_from = stored.imported_from.clone();
    next.exported_in = stored.exported_in.clone();
    next.contested = stored.contested.clone();
    Some(next)
}

/// A conflict the coordinator looked at, and what they decided: the revision hashes kept (one
/// when a revision was chosen, all when both were kept) and when.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Decision {
    pub submission: String,
    pub kept: Vec<String>,
    pub set_aside: Vec<String>,
    pub at: String,
}

/// The submissions an import reads and writes: those stored under the incoming ids, and the
/// records the import changed. Several bundles can be merged one after another before
/// anything is written.
#[derive(Debug, Clone, Default)]
pub struct Merge {
    /// Who may replace a stored revision with a newer one.
    authority: Authority,
    records: BTreeMap<String, Submission>,
    changed: BTreeSet<String>,
    /// What was stored before, for the records this import changes.
    before: BTreeMap<String, Submission>,
}

/// What merging one bundle did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub counts: Counts,
    /// Each submission's id and outcome, in the bundle's order.
    pub outcomes: Vec<(String, Outcome)>,
}

impl Report {
    /// Adds the report of the next part of the same bundle.
    pub fn absorb(&mut self, next: Report) {
        self.counts.absorb(next.counts);
        self.outcomes.extend(next.outcomes);
    }
}

impl Merge {
    /// Starts from what is stored under the ids the bundles bring.
    pub fn new(stored: impl IntoIterator<Item = Submission>) -> Merge {
        Merge {
            authority: Authority::default(),
            records: stored.into_iter().map(|s| (s.id.clone(), s)).collect(),
            changed: BTreeSet::new(),
            before: BTreeMap::new(),
        }
    }

    /// The same merge, where revisions signed by the keys `authority` names may replace
    /// stored ones (by default only the key that wrote a revision may).
    pub fn trusting(mut self, authority: Authority) -> Merge {
        self.authority = authority;
        self
    }

    /// Adds what is stored under more ids (those of the next bundle); ids already known keep
    /// what this merge holds for them.
    pub fn know(&mut self, stored: impl IntoIterator<Item = Submission>) {
        for s in stored {
            self.records.entry(s.id.clone()).or_insert(s);
        }
    }

    /// Merges a bundle's accepted submissions, taking them over (no copy is kept elsewhere).
    pub fn bundle(
        &mut self,
        bundle_id: &str,
        submissions: impl IntoIterator<Item = Submission>,
    ) -> Report {
        let bundles = [bundle_id.to_string()];
        let mut report = Report::default();
        for incoming in submissions {
            let id = incoming.id.clone();
            let outcome = self.take_in(incoming, &bundles);
            report.counts.add(outcome);
            report.outcomes.push((id, outcome));
        }
        report
    }

    fn take_in(&mut self, incoming: Submission, bundles: &[String]) -> Outcome {
        let (outcome, record) = take(
            self.records.get(&incoming.id),
            incoming,
            bundles,
            &self.authority,
        );
        if let Some(record) = record {
            if self.changed.insert(record.id.clone()) {
                if let Some(old) = self.records.get(&record.id) {
                    self.before.insert(record.id.clone(), old.clone());
                }
            }
            self.records.insert(record.id.clone(), record);
        }
        outcome
    }

    /// The same import worked out again over what is stored now under the ids it changes
    /// (another tab wrote some of them since): every revision it brought is merged again,
    /// with the bundles that brought it. Merging is order-independent, so over an unchanged
    /// store this gives the same records to write.
    pub fn rebase(self, stored_now: impl IntoIterator<Item = Submission>) -> Merge {
        let mut next = Merge::new(stored_now).trusting(self.authority.clone());
        for id in &self.changed {
            let Some(merged) = self.records.get(id) else {
                continue;
            };
            let brought: Vec<String> = merged
                .imported_from
                .iter()
                .filter(|b| {
                    self.before
                        .get(id)
                        .is_none_or(|old| !old.imported_from.contains(b))
                })
                .cloned()
                .collect();
            for head in heads(merged) {
                next.take_in(head, &brought);
            }
        }
        next
    }

    /// The records to write: only those that changed.
    pub fn writes(&self) -> Vec<&Submission> {
        self.changed
            .iter()
            .filter_map(|id| self.records.get(id))
            .collect()
    }

    /// The revisions this import takes out of stored submissions (a newer revision replacing
    /// the one it descends from), to keep in the archive.
    pub fn set_aside(&self, at: &str) -> Vec<ArchivedRevision> {
        self.before
            .iter()
            .filter_map(|(id, old)| Some((old, self.records.get(id)?)))
            .flat_map(|(old, new)| set_aside(old, new, SetAsideBy::Import, at))
            .collect()
    }

    /// Every record, changed or not.
    pub fn records(&self) -> &BTreeMap<String, Submission> {
        &self.records
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
