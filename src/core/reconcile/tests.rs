use proptest::prelude::*;

use super::*;

fn text(s: &str) -> Answer {
    Answer::Text(s.into())
}

fn answers(pairs: &[(&str, Answer)]) -> Answers {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn row(pairs: &[(&str, &str)]) -> Answers {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), text(v)))
        .collect()
}

#[test]
fn changes_to_different_questions_are_both_kept() {
    let base = answers(&[("a", text("1"))]);
    let mine = answers(&[("a", text("1")), ("b", text("mine"))]);
    let stored = answers(&[("a", text("2"))]);
    let out = reconcile(&base, &mine, &stored, "t");
    assert_eq!(
        out.answers,
        answers(&[("a", text("2")), ("b", text("mine"))])
    );
    assert!(out.contested.is_empty());
}

#[test]
fn the_same_question_changed_on_both_sides_keeps_both_values() {
    let base = answers(&[("a", text("1"))]);
    let mine = answers(&[("a", text("here"))]);
    let stored = answers(&[("a", text("there"))]);
    let out = reconcile(&base, &mine, &stored, "t");
    assert_eq!(out.answers, mine);
    assert_eq!(
        out.contested,
        [ContestedAnswer {
            at: AnswerAt::question("a"),
            other: Some(text("there")),
            when: "t".into(),
        }]
    );
}

#[test]
fn a_question_cleared_elsewhere_while_changed_here_is_contested_as_cleared() {
    let base = answers(&[("a", text("1"))]);
    let mine = answers(&[("a", text("2"))]);
    let out = reconcile(&base, &mine, &Answers::new(), "t");
    assert_eq!(out.answers, mine);
    assert_eq!(out.contested[0].other, None);
}

#[test]
fn an_empty_answer_is_the_same_as_none() {
    let base = answers(&[("a", text(""))]);
    let mine = Answers::new();
    let stored = answers(&[("a", text("x"))]);
    let out = reconcile(&base, &mine, &stored, "t");
    assert_eq!(out.answers, stored);
    assert!(out.contested.is_empty());
}

#[test]
fn rows_of_a_repeat_group_merge_question_by_question() {
    let base = answers(&[("g", Answer::Rows(vec![row(&[("x", "1"), ("y", "1")])]))]);
    let mine = answers(&[("g", Answer::Rows(vec![row(&[("x", "2"), ("y", "1")])]))]);
    let stored = answers(&[("g", Answer::Rows(vec![row(&[("x", "1"), ("y", "3")])]))]);
    let out = reconcile(&base, &mine, &stored, "t");
    assert_eq!(
        out.answers,
        answers(&[("g", Answer::Rows(vec![row(&[("x", "2"), ("y", "3")])]))])
    );
    assert!(out.contested.is_empty());

    let stored = answers(&[("g", Answer::Rows(vec![row(&[("x", "4"), ("y", "1")])]))]);
    let out = reconcile(&base, &mine, &stored, "t");
    assert_eq!(
        out.contested[0].at,
        AnswerAt {
            question: "x".into(),
            within: vec![("g".into(), 0)],
        }
    );
    assert_eq!(out.contested[0].other, Some(text("4")));
}

#[test]
fn a_question_of_a_repeat_inside_a_repeat_is_merged_in_its_own_instance() {
    let household = |age: &str, school: &str| {
        answers(&[(
            "members",
            Answer::Rows(vec![
                row(&[("age", "40")]),
                row(&[("age", age), ("school", school)]),
            ]),
        )])
    };
    let all = |h: Answers| answers(&[("households", Answer::Rows(vec![row(&[]), h]))]);
    let base = all(household("9", "no"));
    let mine = all(household("10", "no"));
    let stored = all(household("9", "yes"));
    let out = reconcile(&base, &mine, &stored, "t");
    assert_eq!(out.answers, all(household("10", "yes")));
    assert!(out.contested.is_empty());

    let stored = all(household("11", "no"));
    let out = reconcile(&base, &mine, &stored, "t");
    let at = AnswerAt {
        question: "age".into(),
        within: vec![("households".into(), 1), ("members".into(), 1)],
    };
    assert_eq!(out.contested[0].at, at);
    assert_eq!(at.read(&out.answers), Some(&text("10")));
    assert_eq!(out.contested[0].other, Some(text("11")));
    assert_eq!(at.path().dom_id(), "q-age-1-1");
}

#[test]
fn contests_in_a_removed_instance_go_with_it_and_later_ones_follow_their_instances() {
    let at = |h: usize, m: usize| AnswerAt {
        question: "age".into(),
        within: vec![("households".into(), h), ("members".into(), m)],
    };
    let contest = |at: AnswerAt| ContestedAnswer {
        at,
        other: Some(text("7")),
        when: "t".into(),
    };
    let mut contested = vec![
        contest(at(0, 0)),
        contest(at(1, 0)),
        contest(at(1, 2)),
        contest(at(2, 1)),
        contest(AnswerAt::question("households")),
    ];
    // The second member of the second household is removed.
    row_removed(&mut contested, &[("households".into(), 1)], "members", 1);
    let places: Vec<AnswerAt> = contested.iter().map(|c| c.at.clone()).collect();
    assert_eq!(
        places,
        [
            at(0, 0),
            at(1, 0),
            at(1, 1),
            at(2, 1),
            AnswerAt::question("households")
        ]
    );
    // Then the first household.
    row_removed(&mut contested, &[], "households", 0);
    let places: Vec<AnswerAt> = contested.iter().map(|c| c.at.clone()).collect();
    assert_eq!(
        places,
        [
            at(0, 0),
            at(0, 1),
            at(1, 1),
            AnswerAt::question("households")
        ]
    );
}

#[test]
fn a_contested_place_stored_before_groups_nested_reads_back() {
    let old: AnswerAt = serde_json::from_str(r#"{"question": "x", "row": ["g", 2]}"#)
        .expect("the stored shape of one group");
    assert_eq!(old.within, [("g".to_string(), 2)]);
    assert_eq!(
        serde_json::to_string(&old).expect("writes"),
        r#"{"question":"x","row":["g",2]}"#,
        "one group is written as it always was"
    );
    let nested = AnswerAt {
        question: "age".into(),
        within: vec![("households".into(), 1), ("members".into(), 0)],
    };
    let json = serde_json::to_string(&nested).expect("writes");
    assert_eq!(
        json,
        r#"{"question":"age","row":[["households",1],["members",0]]}"#
    );
    assert_eq!(
        serde_json::from_str::<AnswerAt>(&json).expect("reads"),
        nested
    );
    let top: AnswerAt = serde_json::from_str(r#"{"question": "x"}"#).expect("no group");
    assert_eq!(top, AnswerAt::question("x"));
}

#[test]
fn rows_added_on_both_sides_contest_the_whole_group() {
    let base = answers(&[("g", Answer::Rows(vec![row(&[("x", "1")])]))]);
    let mine = answers(&[(
        "g",
        Answer::Rows(vec![row(&[("x", "1")]), row(&[("x", "mine")])]),
    )]);
    let stored = answers(&[(
        "g",
        Answer::Rows(vec![row(&[("x", "1")]), row(&[("x", "theirs")])]),
    )]);
    let out = reconcile(&base, &mine, &stored, "t");
    assert_eq!(out.answers, mine);
    assert_eq!(out.contested[0].at, AnswerAt::question("g"));
    assert_eq!(out.contested[0].other, stored.get("g").cloned());
}

#[test]
fn changes_set_aside_beside_a_record_that_can_no_longer_be_edited() {
    let base = answers(&[("a", text("1")), ("b", text("1"))]);
    let mine = answers(&[("a", text("2")), ("c", text("new"))]);
    let aside = set_aside(&base, &mine, "t");
    let at: Vec<&str> = aside.iter().map(|c| c.at.question.as_str()).collect();
    assert_eq!(at, ["a", "b", "c"]);
    assert_eq!(aside[1].other, None, "b was cleared here");
}

#[test]
fn recording_replaces_a_contest_at_the_same_place_and_drops_one_that_agrees() {
    let mut answers_now = answers(&[("a", text("1")), ("b", text("2"))]);
    let mut recorded = vec![contest(AnswerAt::question("a"), Some(&text("old")), "t0")];
    record(
        &mut recorded,
        &answers_now,
        vec![
            contest(AnswerAt::question("a"), Some(&text("newer")), "t1"),
            contest(AnswerAt::question("b"), Some(&text("2")), "t1"),
        ],
    );
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].other, Some(text("newer")));

    assert!(settle(
        &mut answers_now,
        &mut recorded,
        &AnswerAt::question("a"),
        true
    ));
    assert_eq!(answers_now["a"], text("newer"));
    assert!(recorded.is_empty());
    assert!(!settle(
        &mut answers_now,
        &mut recorded,
        &AnswerAt::question("a"),
        true
    ));
}

fn value() -> impl Strategy<Value = Option<Answer>> {
    prop_oneof![
        Just(None),
        prop::sample::select(vec!["1", "2", "3"]).prop_map(|v| Some(text(v))),
    ]
}

fn leaf_map(keys: &'static [&'static str]) -> impl Strategy<Value = Answers> {
    prop::collection::vec(value(), keys.len()).prop_map(move |values| {
        keys.iter()
            .zip(values)
            .filter_map(|(k, v)| v.map(|v| (k.to_string(), v)))
            .collect()
    })
}

fn answer_map() -> impl Strategy<Value = Answers> {
    (
        leaf_map(&["a", "b", "c"]),
        prop::collection::vec(leaf_map(&["x", "y"]), 0..3),
    )
        .prop_map(|(mut map, rows)| {
            if !rows.is_empty() {
                map.insert("g".into(), Answer::Rows(rows));
            }
            map
        })
}

/// Every place with a leaf answer in either map, down into rows.
fn places(maps: &[&Answers]) -> Vec<AnswerAt> {
    let mut out = Vec::new();
    for map in maps {
        for (key, answer) in map.iter() {
            out.push(AnswerAt::question(key));
            if let Answer::Rows(rows) = answer {
                for (i, r) in rows.iter().enumerate() {
                    for child in r.keys() {
                        out.push(AnswerAt {
                            question: child.clone(),
                            within: vec![(key.clone(), i)],
                        });
                    }
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

proptest! {
    #[test]
    fn nothing_typed_on_either_side_is_lost(
        base in answer_map(),
        mine in answer_map(),
        stored in answer_map(),
    ) {
        let out = reconcile(&base, &mine, &stored, "t");
        for at in places(&[&base, &mine, &stored]) {
            let (b, m, s) = (at.read(&base), at.read(&mine), at.read(&stored));
            let kept = at.read(&out.answers);
            let group_contested = |group: &str| out.contested.iter().any(|c| c.at == AnswerAt::question(group));
            let is_group = [b, m, s].iter().any(|v| matches!(v, Some(Answer::Rows(_))));
            if is_group {
                // Rows are checked question by question below, unless the group is contested
                // as a whole: then this side's rows stay and the other side's are contested.
                if group_contested(&at.question) {
                    prop_assert_eq!(kept, m);
                    prop_assert!(out.contested.iter().any(|c| c.at == at && c.other.as_ref() == s));
                }
                continue;
            }
            if let Some((group, _)) = at.within.first() {
                if group_contested(group) {
                    continue;
                }
            }
            if m != b {
                prop_assert_eq!(kept, m, "a change made here stays at {:?}", at);
            }
            if s != b && s != m {
                let contested = out.contested.iter().any(|c| c.at == at && c.other.as_ref() == s);
                prop_assert!(kept == s || contested, "the stored change at {:?} is kept or contested", at);
            }
        }
    }

    #[test]
    fn a_copy_with_no_change_of_its_own_takes_the_stored_answers(
        base in answer_map(),
        stored in answer_map(),
    ) {
        let out = reconcile(&base, &base, &stored, "t");
        prop_assert_eq!(out.answers, stored);
        prop_assert!(out.contested.is_empty());
    }

    #[test]
    fn when_nothing_moved_elsewhere_this_copy_is_written_as_it_is(
        base in answer_map(),
        mine in answer_map(),
    ) {
        let out = reconcile(&base, &mine, &base, "t");
        prop_assert_eq!(out.answers, mine);
        prop_assert!(out.contested.is_empty());
    }

    #[test]
    fn the_other_copy_then_sees_what_was_written(
        base in answer_map(),
        mine in answer_map(),
        theirs in answer_map(),
    ) {
        // The other copy wrote `theirs`; this one reconciles and writes the result; the other
        // then takes the result in, unchanged: both show the same answers.
        let written = reconcile(&base, &mine, &theirs, "t").answers;
        let seen_there = reconcile(&theirs, &theirs, &written, "t");
        prop_assert_eq!(seen_there.answers, written);
        prop_assert!(seen_there.contested.is_empty());
    }
}
