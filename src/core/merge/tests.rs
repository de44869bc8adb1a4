use proptest::prelude::*;

use super::*;
use crate::core::answers::{Answer, Answers};
use crate::core::keys::PublicKey;
use crate::core::submission::Status;

/// The key every test revision is written with, unless a test says otherwise.
fn writer() -> PublicKey {
    PublicKey::from_bytes([1; 32])
}

/// [`merge`] where only the key that wrote a revision may replace it.
fn merge_by_writer(
    stored: Option<&Submission>,
    incoming: &Submission,
    bundle_id: &str,
) -> (Outcome, Option<Submission>) {
    merge(stored, incoming, bundle_id, &Authority::default())
}

fn first_revision(id: &str, note: &str) -> Submission {
    Submission {
        signed_by: Some(writer()),
        id: id.into(),
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

/// The next revision of `s`, edited to say `note`, as another device would make it.
fn edited(s: &Submission, note: &str, at: &str) -> Submission {
    let mut next = shown(s);
    next.reopen(at);
    next.answers
        .insert("note".into(), Answer::Text(note.into()));
    next.status = Status::Finalised;
    next
}

fn store_of(merge: &Merge) -> BTreeMap<String, Submission> {
    merge.records().clone()
}

#[test]
fn a_new_submission_is_stored_with_the_bundle_that_brought_it() {
    let a = first_revision("a", "x");
    let (outcome, record) = merge_by_writer(None, &a, "b1");
    assert_eq!(outcome, Outcome::New);
    let record = record.expect("stored");
    assert_eq!(record.imported_from, ["b1"]);
    assert_eq!(record.revision_hash(), a.revision_hash());
}

#[test]
fn the_same_revision_twice_is_a_duplicate_and_the_same_bundle_twice_changes_nothing() {
    let a = first_revision("a", "x");
    let (_, stored) = merge_by_writer(None, &a, "b1");
    let stored = stored.expect("stored");
    assert_eq!(
        merge_by_writer(Some(&stored), &a, "b1"),
        (Outcome::Duplicate, None)
    );
    let (outcome, record) = merge_by_writer(Some(&stored), &a, "b0");
    assert_eq!(outcome, Outcome::Duplicate);
    assert_eq!(record.expect("provenance").imported_from, ["b0", "b1"]);
}

#[test]
fn a_later_revision_replaces_and_an_earlier_one_is_skipped() {
    let r1 = first_revision("a", "x");
    let r2 = edited(&r1, "y", "t2");
    let r3 = edited(&r2, "z", "t3");
    let (_, stored) = merge_by_writer(None, &r1, "b1");
    let (outcome, stored) = merge_by_writer(stored.as_ref(), &r3, "b3");
    assert_eq!(
        outcome,
        Outcome::Newer,
        "a revision two steps later is still newer"
    );
    let stored = stored.expect("replaced");
    assert_eq!(stored.revision, 3);
    assert!(stored.conflicts.is_empty());
    let (outcome, _) = merge_by_writer(Some(&stored), &r2, "b2");
    assert_eq!(outcome, Outcome::Older);
}

#[test]
fn independent_edits_are_a_conflict_that_keeps_both() {
    let r1 = first_revision("a", "x");
    let here = edited(&r1, "edited here", "t2");
    let there = edited(&r1, "edited there", "t3");
    let (_, stored) = merge_by_writer(None, &here, "b1");
    let (outcome, stored) = merge_by_writer(stored.as_ref(), &there, "b2");
    assert_eq!(outcome, Outcome::Conflict);
    let stored = stored.expect("both kept");
    let kept: Vec<String> = heads(&stored)
        .iter()
        .map(Submission::revision_hash)
        .collect();
    assert_eq!(kept.len(), 2);
    assert!(kept.contains(&here.revision_hash()) && kept.contains(&there.revision_hash()));
    // A revision made from one of them settles only that side: the conflict stays.
    let later = edited(&there, "edited there again", "t4");
    let (outcome, stored) = merge_by_writer(Some(&stored), &later, "b3");
    assert_eq!(outcome, Outcome::Conflict);
    assert_eq!(heads(&stored.expect("kept")).len(), 2);
}

#[test]
fn this_devices_bookkeeping_survives_an_import() {
    let r1 = first_revision("a", "x");
    let mut stored = r1.clone();
    stored.exported_in = vec!["mine".into()];
    stored.deleted_at = Some("t9".into());
    let (_, record) = merge_by_writer(Some(&stored), &edited(&r1, "y", "t2"), "b2");
    let record = record.expect("newer");
    assert_eq!(record.exported_in, ["mine"]);
    assert_eq!(record.deleted_at.as_deref(), Some("t9"));
    assert_eq!(record.imported_from, ["b2"]);
}

#[test]
fn a_merge_counts_every_submission_and_writes_only_changes() {
    let a = first_revision("a", "x");
    let b = first_revision("b", "y");
    let mut merge = Merge::new([a.clone()]);
    let report = merge.bundle("b1", [a.clone(), b.clone()]);
    assert_eq!(report.counts.new, 1);
    assert_eq!(report.counts.duplicate, 1);
    assert_eq!(report.counts.total(), 2);
    assert_eq!(
        merge.writes().len(),
        2,
        "the duplicate gains its provenance"
    );
    let again = merge.bundle("b1", [a, b]);
    assert_eq!(again.counts.duplicate, 2);
    assert_eq!(again.counts.changes(), 0);
}

/// A family of revisions of a few submissions: edits on several devices, each from a random
/// earlier revision, so lineages are straight, branched or both.
fn revisions() -> impl Strategy<Value = Vec<Submission>> {
    prop::collection::vec((0..3usize, any::<prop::sample::Index>(), 0..4u8), 0..14).prop_map(
        |steps| {
            let mut all: Vec<Submission> = ["a", "b", "c"]
                .iter()
                .map(|id| first_revision(id, "first"))
                .collect();
            for (n, (which, from, note)) in steps.into_iter().enumerate() {
                let id = ["a", "b", "c"][which];
                let family: Vec<&Submission> = all.iter().filter(|s| s.id == id).collect();
                let parent = family[from.index(family.len())].clone();
                let next = edited(&parent, &format!("note {note}"), &format!("t{}", n + 2));
                if !all
                    .iter()
                    .any(|s| s.revision_hash() == next.revision_hash())
                {
                    all.push(next);
                }
            }
            all
        },
    )
}

/// Splits revisions into bundles: each bundle holds at most one revision of each submission.
fn bundles() -> impl Strategy<Value = Vec<Vec<Submission>>> {
    revisions()
        .prop_flat_map(|all| {
            let n = all.len();
            (Just(all), prop::collection::vec(0..4usize, n))
        })
        .prop_map(|(all, places)| {
            let mut bundles: Vec<Vec<Submission>> = vec![Vec::new(); 4];
            for (s, place) in all.into_iter().zip(places) {
                let mut place = place;
                while bundles[place].iter().any(|t| t.id == s.id) {
                    place += 1;
                    if place == bundles.len() {
                        bundles.push(Vec::new());
                    }
                }
                bundles[place].push(s);
            }
            bundles.retain(|b| !b.is_empty());
            bundles
        })
}

fn import_all(order: &[usize], bundles: &[Vec<Submission>]) -> Merge {
    let mut merge = Merge::new([]);
    for &i in order {
        merge.bundle(&format!("bundle-{i}"), bundles[i].clone());
    }
    merge
}

proptest! {
    #[test]
    fn importing_twice_changes_nothing(bundles in bundles()) {
        let order: Vec<usize> = (0..bundles.len()).collect();
        let mut merge = import_all(&order, &bundles);
        let once = store_of(&merge);
        for (i, bundle) in bundles.iter().enumerate() {
            let report = merge.bundle(&format!("bundle-{i}"), bundle.clone());
            prop_assert_eq!(report.counts.changes(), 0);
        }
        prop_assert_eq!(store_of(&merge), once);
    }

    #[test]
    fn the_order_of_imports_does_not_matter(bundles in bundles(), seed in any::<u64>()) {
        let forward: Vec<usize> = (0..bundles.len()).collect();
        let mut shuffled = forward.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(store_of(&import_all(&forward, &bundles)), store_of(&import_all(&shuffled, &bundles)));
    }

    #[test]
    fn no_submission_disappears(bundles in bundles()) {
        let mut merge = Merge::new([]);
        let mut counted = 0;
        for (i, bundle) in bundles.iter().enumerate() {
            counted += merge.bundle(&format!("bundle-{i}"), bundle.clone()).counts.total();
        }
        prop_assert_eq!(counted, bundles.iter().map(Vec::len).sum::<usize>());
        // Every revision imported is a head, or an ancestor of a head: stored, duplicate,
        // older or conflict, never lost. And no revision is kept twice.
        for revision in bundles.iter().flatten() {
            let record = merge.records().get(&revision.id);
            prop_assert!(record.is_some());
            let heads = heads(record.unwrap());
            let hash = revision.revision_hash();
            prop_assert!(heads.iter().any(|h| h.revision_hash() == hash || h.descends_from(&hash)));
            let mut hashes: Vec<String> = heads.iter().map(Submission::revision_hash).collect();
            hashes.sort();
            hashes.dedup();
            prop_assert_eq!(hashes.len(), heads.len());
        }
    }
}

#[test]
fn a_bundle_merged_in_parts_reports_as_a_whole() {
    let all: Vec<Submission> = ["a", "b", "c"]
        .iter()
        .map(|id| first_revision(id, "x"))
        .collect();
    let mut whole = Merge::new([]);
    let at_once = whole.bundle("b1", all.clone());
    let mut parts = Merge::new([]);
    let mut report = Report::default();
    for part in all.chunks(2) {
        report.absorb(parts.bundle("b1", part.to_vec()));
    }
    assert_eq!(report, at_once);
    assert_eq!(store_of(&parts), store_of(&whole));
}

#[test]
fn choosing_a_revision_settles_the_conflict_here_and_wherever_the_choice_travels() {
    let r1 = first_revision("a", "x");
    let here = edited(&r1, "edited here", "t2");
    let there = edited(&r1, "edited there", "t3");
    let (_, stored) = merge_by_writer(None, &here, "b1");
    let (_, stored) = merge_by_writer(stored.as_ref(), &there, "b2");
    let stored = stored.expect("conflict");
    assert_eq!(heads(&stored).len(), 2);
    let chosen = choose(&stored, &there.revision_hash(), "t9", Some(writer())).expect("a head");
    assert!(chosen.conflicts.is_empty());
    assert_eq!(chosen.revision, 3);
    assert_eq!(chosen.answers, there.answers);
    assert_eq!(chosen.previous_hash(), Some(there.revision_hash().as_str()));
    assert!(chosen.descends_from(&here.revision_hash()));
    assert_eq!(chosen.imported_from, ["b1", "b2"]);
    // Either side arriving again is older now.
    assert_eq!(
        merge_by_writer(Some(&chosen), &here, "b1").0,
        Outcome::Older
    );
    // Another coordinator with the same conflict takes the choice as newer.
    let (outcome, elsewhere) = merge_by_writer(Some(&stored), &chosen, "b3");
    assert_eq!(outcome, Outcome::Newer);
    assert!(elsewhere.expect("settled").conflicts.is_empty());
    assert!(choose(&stored, "no such revision", "t9", Some(writer())).is_none());
}

#[test]
fn an_import_of_a_newer_revision_keeps_the_replaced_one_for_the_archive() {
    let r1 = first_revision("a", "x");
    let r2 = edited(&r1, "y", "t2");
    let (_, stored) = merge_by_writer(None, &r1, "b1");
    let mut merge = Merge::new(stored);
    merge.bundle("b2", [r2.clone()]);
    let aside = merge.set_aside("t9");
    assert_eq!(aside.len(), 1);
    assert_eq!(aside[0].revision.revision_hash(), r1.revision_hash());
    let mut fresh = Merge::new(None);
    fresh.bundle("b2", [r2]);
    assert!(
        fresh.set_aside("t9").is_empty(),
        "a new submission sets nothing aside"
    );
}

#[test]
fn revision_numbers_at_their_limit_never_wrap() {
    let mut top = first_revision("a", "x");
    top.revision = u32::MAX;
    let mut reopened = top.clone();
    reopened.reopen("t2");
    assert_eq!(reopened.revision, u32::MAX);
    let there = edited(&first_revision("a", "x"), "y", "t3");
    let (_, stored) = merge_by_writer(Some(&top), &there, "b");
    let settled = choose(
        &stored.expect("conflict"),
        &there.revision_hash(),
        "t4",
        Some(writer()),
    )
    .expect("head");
    assert_eq!(settled.revision, u32::MAX);
}

proptest! {
    #[test]
    fn an_import_worked_out_again_over_an_unchanged_store_writes_the_same(
        bundles in bundles(),
        split in any::<prop::sample::Index>(),
    ) {
        // What is stored: the first bundles, imported earlier.
        let k = split.index(bundles.len() + 1);
        let stored: Vec<Submission> = import_all(&(0..k).collect::<Vec<_>>(), &bundles)
            .records().values().cloned().collect();
        let mut import = Merge::new(stored.clone());
        for (i, bundle) in bundles.iter().enumerate().skip(k) {
            import.bundle(&format!("bundle-{i}"), bundle.clone());
        }
        let writes: Vec<Submission> = import.writes().into_iter().cloned().collect();
        let again = import.rebase(stored);
        let rewrites: Vec<Submission> = again.writes().into_iter().cloned().collect();
        prop_assert_eq!(rewrites, writes);
    }

    #[test]
    fn an_import_worked_out_again_after_another_write_is_the_same_as_importing_after_it(
        bundles in bundles(),
        split in any::<prop::sample::Index>(),
        meanwhile in any::<prop::sample::Index>(),
    ) {
        // The preview is merged over what was stored; before it is written, another tab
        // imports one more bundle. Working the import out again over the new store gives
        // what importing everything in that order gives.
        prop_assume!(bundles.len() >= 2);
        let k = split.index(bundles.len());
        let extra = k + meanwhile.index(bundles.len() - k);
        let earlier: Vec<usize> = (0..k).collect();
        let stored: Vec<Submission> = import_all(&earlier, &bundles).records().values().cloned().collect();
        let mut import = Merge::new(stored);
        let imported: Vec<usize> = (k..bundles.len()).filter(|i| *i != extra).collect();
        for &i in &imported {
            import.bundle(&format!("bundle-{i}"), bundles[i].clone());
        }
        let mut with_extra = earlier.clone();
        with_extra.push(extra);
        let stored_now: Vec<Submission> = import_all(&with_extra, &bundles).records().values().cloned().collect();
        let rebased = import.rebase(stored_now.clone());
        let mut expected = store_of(&Merge::new(stored_now));
        for record in rebased.writes() {
            expected.insert(record.id.clone(), record.clone());
        }
        let mut all = with_extra.clone();
        all.extend(&imported);
        prop_assert_eq!(expected, store_of(&import_all(&all, &bundles)));
    }
}
