use proptest::prelude::*;
use serde_json::{json, Value as Json};

use super::*;
use crate::core::dependencies::Reader;
use crate::core::sector::Sector;
use crate::core::validate::validate;

const TODAY: &str = "2026-11-30";
const PACK: &str = include_str!("../../../public/forms/six-sector-survey.v1.json");

fn text(en: &str) -> Json {
    json!({"ar": format!("ع {en}"), "en": en})
}

fn set(id: &str, value: &str) -> Edit {
    Edit::Set {
        id: id.into(),
        answer: Answer::Text(value.into()),
    }
}

/// Two sections; the second shown when `open` is yes. `people` has a calculation reading it,
/// a constraint reads it, and a repeat group counts toward a calculation.
fn small() -> Form {
    let q = |id: &str, kind: &str| json!({"id": id, "kind": kind, "label": text(id)});
    let spec = json!({
        "format": "nahda.form", "id": "small", "version": 1, "title": text("small"),
        "choice_lists": {"ab": [{"value": "a", "label": text("a")}, {"value": "b", "label": text("b")}]},
        "sections": [
            {"id": "first", "title": text("first"), "questions": [
                q("name", "text"),
                q("open", "yes_no"),
                json!({"id": "people", "kind": "integer", "label": text("people"), "required": true}),
                json!({"id": "doubled", "kind": "integer", "label": text("doubled"), "calculate": "${people} * 2"}),
                json!({"id": "women", "kind": "integer", "label": text("women"),
                       "constraint": ". <= ${doubled}", "constraint_message": text("too many")}),
                json!({"id": "rows", "kind": "repeat", "label": text("rows"), "questions": [
                    json!({"id": "what", "kind": "select_one", "label": text("what"), "choices": "ab", "required": true}),
                    json!({"id": "why", "kind": "text", "label": text("why"), "relevant": "${what} = 'b'", "required": true}),
                ]}),
                json!({"id": "row_count", "kind": "integer", "label": text("row count"), "calculate": "count(${rows})"}),
            ]},
            {"id": "second", "title": text("second"), "relevant": "${open} = 'yes'", "questions": [
                json!({"id": "clinics", "kind": "integer", "label": text("clinics"), "required": true}),
            ]}
        ]
    });
    Form::from_json(&spec.to_string()).expect("valid")
}

#[test]
fn the_graph_names_every_reader_of_an_answer() {
    let form = small();
    let readers = form.dependencies().readers("people");
    assert_eq!(readers, [Reader::Calculation("doubled".into())]);
    assert_eq!(
        form.dependencies().readers("doubled"),
        [Reader::Constraint("women".into())]
    );
    assert_eq!(form.dependencies().readers("open"), [Reader::Section(1)]);
    assert_eq!(form.dependencies().readers("name"), []);
}

#[test]
fn a_keystroke_in_an_answer_nothing_reads_changes_only_that_answer() {
    let form = small();
    let mut evaluation = Evaluation::new(&form, &Answers::new(), TODAY);
    let changes = evaluation.apply(&form, &set("name", "مجلس"));
    assert_eq!(changes.paths, []);
    let changes = evaluation.apply(&form, &set("people", "x"));
    assert_eq!(
        changes.paths,
        [AnswerPath {
            question: "people".into(),
            rows: vec![]
        }]
    );
    assert!(changes.issues);
}

#[test]
fn a_change_reaches_what_reads_it_through_calculations() {
    let form = small();
    let mut evaluation = Evaluation::new(&form, &Answers::new(), TODAY);
    evaluation.apply(&form, &set("people", "5"));
    evaluation.apply(&form, &set("women", "9"));
    let women = AnswerPath {
        question: "women".into(),
        rows: vec![],
    };
    assert_eq!(evaluation.verdict(&women).problem, None);
    let changes = evaluation.apply(&form, &set("people", "4"));
    assert!(changes.paths.contains(&women));
    assert!(matches!(
        evaluation.verdict(&women).problem,
        Some(Problem::Constraint(_))
    ));
    let doubled = AnswerPath {
        question: "doubled".into(),
        rows: vec![],
    };
    assert_eq!(
        evaluation.verdict(&doubled).calculated.as_deref(),
        Some("8")
    );
}

#[test]
fn a_section_shown_brings_its_questions_and_their_issues() {
    let form = small();
    let mut evaluation = Evaluation::new(&form, &Answers::new(), TODAY);
    assert!(!evaluation.section_shown(1));
    let clinics = AnswerPath {
        question: "clinics".into(),
        rows: vec![],
    };
    assert!(!evaluation.verdict(&clinics).relevant);
    let changes = evaluation.apply(&form, &set("open", "yes"));
    assert!(changes.sections);
    assert!(changes.paths.contains(&clinics));
    assert_eq!(
        evaluation.verdict(&clinics).problem,
        Some(Problem::Required)
    );
}

#[test]
fn rows_added_and_removed_keep_their_verdicts_in_step() {
    let form = small();
    let mut evaluation = Evaluation::new(&form, &Answers::new(), TODAY);
    let group = || "rows".to_string();
    evaluation.apply(
        &form,
        &Edit::AddRow {
            within: vec![],
            group: group(),
        },
    );
    evaluation.apply(
        &form,
        &Edit::AddRow {
            within: vec![],
            group: group(),
        },
    );
    let in_row = |id: &str, row: usize, value: &str| Edit::SetInRow {
        within: vec![(group(), row)],
        id: id.into(),
        answer: Answer::Text(value.into()),
    };
    evaluation.apply(&form, &in_row("what", 1, "b"));
    let why = |row| AnswerPath {
        question: "why".into(),
        rows: vec![row],
    };
    assert!(!evaluation.verdict(&why(0)).relevant);
    assert_eq!(evaluation.verdict(&why(1)).problem, Some(Problem::Required));
    let changes = evaluation.apply(
        &form,
        &Edit::RemoveRow {
            within: vec![],
            group: group(),
            row: 0,
        },
    );
    assert!(changes.issues);
    assert_eq!(evaluation.verdict(&why(0)).problem, Some(Problem::Required));
    assert_eq!(evaluation.verdict(&why(1)), Verdict::default());
    let count = AnswerPath {
        question: "row_count".into(),
        rows: vec![],
    };
    assert_eq!(evaluation.verdict(&count).calculated.as_deref(), Some("1"));
}

#[test]
fn issues_come_in_form_order_as_validation_gives_them() {
    let form = small();
    let mut typed = Answers::new();
    let mut evaluation = Evaluation::new(&form, &typed, TODAY);
    for edit in [
        set("open", "yes"),
        set("women", "3"),
        Edit::AddRow {
            within: vec![],
            group: "rows".into(),
        },
    ] {
        edit.apply(&mut typed);
        evaluation.apply(&form, &edit);
    }
    let expected = validate(&form, &calculate(&form, &typed, TODAY), TODAY);
    assert_eq!(evaluation.issues(&form), expected);
    let order: Vec<&str> = expected.iter().map(|i| i.path.question.as_str()).collect();
    assert_eq!(order, ["people", "women", "what", "clinics"]);
}

#[test]
fn typing_in_the_largest_form_touches_one_answer() {
    let form = Form::from_json(PACK).expect("the pack");
    let mut evaluation = Evaluation::new(&form, &Answers::new(), TODAY);
    let sectors = Answer::Choices(Sector::ALL.map(|s| s.key().to_string()).to_vec());
    let changes = evaluation.apply(
        &form,
        &Edit::Set {
            id: "sectors".into(),
            answer: sectors,
        },
    );
    assert!(changes.sections);
    let typed = form
        .question_ids()
        .iter()
        .find(|id| {
            id.starts_with("inf_") && form.question(id).is_some_and(|q| q.kind == Kind::Text)
        })
        .expect("a text question in infrastructure");
    let mut total = 0;
    for text in ["م", "مد", "مدر", "مدرسة"] {
        total += evaluation.apply(&form, &set(typed, text)).paths.len();
    }
    assert!(total <= 1, "{total} answers redrawn for four keystrokes");
}

#[test]
fn a_choice_filter_offers_the_districts_of_the_chosen_region() {
    let district = |v: &str, region: &str| json!({"value": v, "label": text(v), "columns": {"region": region}});
    let spec = json!({
        "format": "nahda.form", "id": "cascade", "version": 1, "title": text("cascade"),
        "choice_lists": {
            "regions": [{"value": "north", "label": text("north")}, {"value": "south", "label": text("south")}],
            "districts": [district("n1", "north"), district("n2", "north"), district("s1", "south")]
        },
        "sections": [{"id": "where", "title": text("where"), "questions": [
            {"id": "region", "kind": "select_one", "label": text("region"), "choices": "regions"},
            {"id": "district", "kind": "select_one", "label": text("district"), "choices": "districts",
             "choice_filter": "choice('region') = ${region}"}
        ]}]
    });
    let form = Form::from_json(&spec.to_string()).expect("valid");
    let path = AnswerPath {
        question: "district".into(),
        rows: vec![],
    };
    let mut evaluation = Evaluation::new(&form, &Answers::new(), TODAY);
    assert_eq!(evaluation.verdict(&path).offered, Some(vec![]));
    let changes = evaluation.apply(&form, &set("region", "north"));
    assert!(
        changes.paths.contains(&path),
        "the district's choices follow the region"
    );
    assert_eq!(evaluation.verdict(&path).offered, Some(vec![0, 1]));
    evaluation.apply(&form, &set("district", "s1"));
    assert_eq!(
        evaluation.verdict(&path).problem,
        Some(Problem::UnknownChoice("s1".into())),
        "a district of another region is not an answer"
    );
    evaluation.apply(&form, &set("region", "south"));
    assert_eq!(evaluation.verdict(&path).problem, None);
}

/// What a generated question is: its kind and what its expressions read.
#[derive(Debug, Clone)]
pub(crate) struct Seed {
    kind: usize,
    relevant: Option<(usize, usize)>,
    constraint: Option<usize>,
    calculate: Option<usize>,
    required: bool,
    required_if: Option<usize>,
}

pub(crate) fn seed() -> impl Strategy<Value = Seed> {
    (
        0..6usize,
        prop::option::of((0..8usize, 0..16usize)),
        prop::option::weighted(0.3, 0..16usize),
        prop::option::weighted(0.3, 0..16usize),
        any::<bool>(),
        prop::option::weighted(0.3, 0..16usize),
    )
        .prop_map(
            |(kind, relevant, constraint, calculate, required, required_if)| Seed {
                kind,
                relevant,
                constraint,
                calculate,
                required,
                required_if,
            },
        )
}

/// A form from seeds: top-level questions `t0…` over up to three sections (the later ones
/// shown on a condition), and a repeat group `g` of children `c0…` in the last section, with
/// a repeat group `h` of `d0…` inside it. Relevance reads any question (children through
/// `count` and `sum`; `d…` its own instance's, the instance of `g` around it and the top's);
/// calculations read only earlier questions of their own level, `c0` and `t0`, which are
/// never calculated, and the children of `g` and `h` through `count` and `sum` from outside
/// them, so there is no circle.
pub(crate) fn generated(
    top: &[Seed],
    children: &[Seed],
    nested: &[Seed],
    sections: usize,
    shown: &[usize],
) -> Form {
    let kinds = [
        "text",
        "integer",
        "select_one",
        "select_many",
        "yes_no",
        "note",
    ];
    let n = top.len();
    let t = |i: usize| format!("t{}", i % n);
    let c = |i: usize| format!("c{}", i % children.len());
    let d = |i: usize| format!("d{}", i % nested.len());
    let relevance = |template: usize, target: usize| match template {
        0 => format!("${{{}}} = 'a'", t(target)),
        1 => format!("${{{}}} > 2", t(target)),
        2 => format!("selected(${{{}}}, 'b')", t(target)),
        3 => format!("${{{}}} != ''", t(target)),
        4 => format!("count(${{{}}}) > 1", c(target)),
        5 => "${g} > 1".to_string(),
        6 => format!("sum(${{{}}}) > 3", c(target)),
        _ => format!("count(${{h}}) > 1 or sum(${{{}}}) > 3", d(target)),
    };
    let question =
        |id: String, seed: &Seed, relevant: Option<String>, calculate: Option<String>| {
            let kind = kinds[seed.kind % kinds.len()];
            let mut q =
                json!({"id": id, "kind": kind, "label": text(&id), "required": seed.required});
            if kind.starts_with("select") {
                q["choices"] = json!("abc");
                // Cascading: the choices offered follow another answer.
                if let Some(target) = seed.constraint {
                    q["choice_filter"] =
                        json!(format!("choice('g') = 'x' or ${{{}}} = 'a'", t(target)));
                }
            }
            if let Some(r) = relevant {
                q["relevant"] = json!(r);
            }
            if let Some(target) = seed.required_if.filter(|_| !seed.required) {
                q["required_if"] = json!(format!("${{{}}} = 'b'", t(target)));
            }
            if let Some(target) = seed.constraint {
                q["constraint"] = json!(format!(". != ${{{}}}", t(target)));
                q["constraint_message"] = text("differs");
            }
            if let Some(c) = calculate {
                q["kind"] = json!("integer");
                q["calculate"] = json!(c);
            }
            q
        };
    let mut sections: Vec<Vec<Json>> = vec![Vec::new(); sections];
    for (i, s) in top.iter().enumerate() {
        let calculate = s
            .calculate
            .filter(|_| i > 0)
            .map(|target| match target % 3 {
                0 => format!("${{{}}} + 1", t(target % i)),
                1 => "count(${g})".to_string(),
                _ => format!("sum(${{{}}})", c(target)),
            });
        let relevant = s
            .relevant
            .map(|(template, target)| relevance(template, target));
        let at = i * sections.len() / n;
        sections[at].push(question(format!("t{i}"), s, relevant, calculate));
    }
    // A group's questions: simpler kinds, no constraint, relevance from a template, and a
    // calculation (from the second question on) reading an earlier one (`i` the question's
    // place, `target` its seed's pick).
    let in_group = |seeds: &[Seed],
                    prefix: &str,
                    relevant: &dyn Fn(usize, usize) -> String,
                    calculate: &dyn Fn(usize, usize) -> String|
     -> Vec<Json> {
        seeds
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut s = s.clone();
                s.kind %= 3;
                s.constraint = None;
                let relevant = s
                    .relevant
                    .map(|(template, target)| relevant(template, target));
                let calculate = s
                    .calculate
                    .filter(|_| i > 0)
                    .map(|target| calculate(i, target));
                question(format!("{prefix}{i}"), &s, relevant, calculate)
            })
            .collect()
    };
    let nested_questions = in_group(
        nested,
        "d",
        &|template, target| match template % 3 {
            0 => format!("${{{}}} = 'a'", d(target)),
            1 => format!("${{{}}} > 2", c(target)),
            _ => format!("${{{}}} != ''", t(target)),
        },
        &|i, target| format!("${{d{}}} + ${{c0}} + ${{t0}}", target % i),
    );
    let mut child_questions = in_group(
        children,
        "c",
        &|template, target| match template % 3 {
            0 => format!("${{{}}} = 'a'", c(target)),
            1 => format!("${{{}}} > 2", t(target)),
            _ => format!("count(${{h}}) > 1 or sum(${{{}}}) > 2", d(target)),
        },
        &|i, target| match target % 2 {
            0 => format!("${{c{}}} * 2 + ${{t0}}", target % i),
            _ => format!("sum(${{{}}}) + count(${{h}})", d(target)),
        },
    );
    let mut nested_group =
        json!({"id": "h", "kind": "repeat", "label": text("h"), "questions": nested_questions});
    let mut group = json!({"id": "g", "kind": "repeat", "label": text("g")});
    // A count of instances worked out from an answer: of `g` from the top, of `h` in `g`.
    match shown.first().map(|s| s % 3) {
        Some(1) => group["count"] = json!("${t0}"),
        Some(2) => nested_group["count"] = json!("${c0}"),
        _ => {}
    }
    child_questions.push(nested_group);
    group["questions"] = json!(child_questions);
    if let Some(last) = sections.last_mut() {
        last.push(group);
    }
    let sections: Vec<Json> = sections
        .into_iter()
        .enumerate()
        .map(|(s, questions)| {
            let mut section =
                json!({"id": format!("s{s}"), "title": text("s"), "questions": questions});
            if s > 0 {
                if let Some(target) = shown.get(s) {
                    section["relevant"] = json!(relevance(*target % 8, *target));
                }
            }
            section
        })
        .collect();
    let choice = |v: &str| json!({"value": v, "label": text(v), "columns": {"g": if v == "b" { "y" } else { "x" }}});
    let spec = json!({
        "format": "nahda.form", "id": "generated", "version": 1, "title": text("generated"),
        "choice_lists": {"abc": [choice("a"), choice("b"), choice("c")]},
        "sections": sections,
    });
    Form::from_json(&spec.to_string())
        .unwrap_or_else(|errors| panic!("a generated form is valid: {errors:?}\n{spec:#}"))
}

fn value(pick: usize) -> Answer {
    match pick % 8 {
        0 => Answer::Text("a".into()),
        1 => Answer::Text("b".into()),
        2 => Answer::Text("3".into()),
        3 => Answer::Text("١٢".into()),
        4 => Answer::Text(String::new()),
        5 => Answer::Choices(vec!["a".into(), "b".into()]),
        6 => Answer::Choices(Vec::new()),
        _ => Answer::Text("yes".into()),
    }
}

/// An edit of the generated form from four numbers (`row` picks an instance of `g`, and of
/// `h` inside it).
fn edit(form: &Form, (op, target, row, pick): (usize, usize, usize, usize)) -> Edit {
    let top: Vec<&String> = form
        .question_ids()
        .iter()
        .filter(|id| form.repeat_of(id).is_none())
        .collect();
    let questions = |group: &str| &form.question(group).expect("the group").questions;
    let (children, nested) = (questions("g"), questions("h"));
    let in_g = || vec![("g".to_string(), row % 3)];
    let in_h = || vec![("g".to_string(), row % 3), ("h".to_string(), row / 3 % 3)];
    match op % 9 {
        0..=2 => Edit::Set {
            id: top[target % top.len()].clone(),
            answer: value(pick),
        },
        3 => Edit::SetInRow {
            within: in_g(),
            id: children[target % children.len()].id.clone(),
            answer: value(pick),
        },
        4 => Edit::AddRow {
            within: vec![],
            group: "g".into(),
        },
        5 => Edit::RemoveRow {
            within: vec![],
            group: "g".into(),
            row: row % 3,
        },
        6 => Edit::SetInRow {
            within: in_h(),
            id: nested[target % nested.len()].id.clone(),
            answer: value(pick),
        },
        7 => Edit::AddRow {
            within: in_g(),
            group: "h".into(),
        },
        _ => Edit::RemoveRow {
            within: in_g(),
            group: "h".into(),
            row: row / 3 % 3,
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// On any form and after any sequence of edits, evaluating edit by edit gives exactly
    /// the full evaluation (calculated values, section and question relevance, issues), the
    /// full evaluation is what validation says, and every verdict that changed was reported.
    #[test]
    fn incremental_evaluation_is_full_evaluation(
        top in prop::collection::vec(seed(), 1..9),
        children in prop::collection::vec(seed(), 1..4),
        nested in prop::collection::vec(seed(), 1..3),
        sections in 1..4usize,
        shown in prop::collection::vec(0..16usize, 3),
        edits in prop::collection::vec((0..9usize, 0..16usize, 0..9usize, 0..8usize), 1..30),
    ) {
        let form = generated(&top, &children, &nested, sections, &shown);
        let mut typed = Answers::new();
        let mut incremental = Evaluation::new(&form, &typed, TODAY);
        for numbers in edits {
            let edit = edit(&form, numbers);
            let before = incremental.clone();
            edit.apply(&mut typed);
            let changes = incremental.apply(&form, &edit);
            let full = Evaluation::new(&form, &typed, TODAY);
            prop_assert_eq!(&incremental, &full, "after {:?}", edit);

            let calculated = calculate(&form, &typed, TODAY);
            prop_assert_eq!(full.issues(&form), validate(&form, &calculated, TODAY));
            let scope = AnswerScope::new(&form, &calculated, TODAY);
            for id in form.question_ids().iter().filter(|id| form.repeat_of(id).is_none()) {
                let path = AnswerPath { question: id.clone(), rows: vec![] };
                prop_assert_eq!(full.verdict(&path).relevant, is_relevant(&form, id, &scope));
            }

            for path in full.verdicts.keys() {
                if before.verdict(path) != full.verdict(path) {
                    prop_assert!(changes.paths.contains(path), "{:?} changed unreported", path);
                }
            }
            prop_assert_eq!(changes.sections, before.sections != full.sections);
            if before.issues(&form) != full.issues(&form) {
                prop_assert!(changes.issues);
            }
        }
    }
}
