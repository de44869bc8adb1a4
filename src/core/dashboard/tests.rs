use super::*;
use crate::core::aggregate::tests::{c, corpus, picture_of, report, t};
use crate::core::aggregate::Filters;
use crate::core::merge::heads;

const PACK: &str = include_str!("../../../public/forms/six-sector-survey.v1.json");
const AREAS: &str = include_str!("../../../public/areas.json");

fn pack() -> Form {
    Form::from_json(PACK).expect("pack")
}

fn library() -> FormLibrary {
    let mut library = FormLibrary::default();
    library.add(pack()).expect("add");
    library
}

fn health(id: &str, area: &str, severity: &str) -> Submission {
    report(
        id,
        area,
        id,
        &[("sectors", c(&["health"])), ("hea_severity", t(severity))],
    )
}

#[test]
fn areas_are_grouped_by_governorate_and_unknown_codes_come_last_under_their_code() {
    let areas = AreaList::from_json(AREAS).expect("areas");
    let picture = picture_of(
        &[
            health("a", "SY020001", "3"),
            health("b", "SY01", "4"),
            health("c", "XX99", "2"),
            health("d", "SY0200", "5"),
        ],
        &Filters::default(),
    );
    let groups = grouped(&picture, &areas, Lang::En);
    let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["Damascus", "Aleppo", "Areas not in the list"]);
    assert_eq!(
        groups[1].areas,
        [
            AreaRow {
                code: "SY0200".into(),
                name: "Jebel Saman".into()
            },
            AreaRow {
                code: "SY020001".into(),
                name: "Jebel Saman › Atareb".into()
            },
        ]
    );
    assert_eq!(
        groups[0].areas[0].name, "Damascus",
        "a governorate names itself"
    );
    assert_eq!(groups[2].areas[0].name, "XX99");
    let arabic = grouped(&picture, &areas, Lang::Ar);
    assert_eq!(arabic[1].name, "حلب");
}

#[test]
fn the_charts_give_each_sectors_median_and_each_groups_submissions() {
    let areas = AreaList::from_json(AREAS).expect("areas");
    let mut education = health("e", "SY01", "1");
    education.sectors = vec!["education".into(), "health".into()];
    education.answers.insert("edu_severity".into(), t("2"));
    let picture = picture_of(
        &[
            health("a", "SY020001", "3"),
            health("b", "SY0200", "5"),
            health("c", "SY01", "4"),
            education,
        ],
        &Filters::default(),
    );
    assert_eq!(
        severity_by_sector(&picture),
        [(Sector::Education, 2.0), (Sector::Health, 3.5)],
        "health: 1, 3, 4, 5 — sectors without a severity are left out"
    );
    let groups = grouped(&picture, &areas, Lang::En);
    assert_eq!(
        submissions_by_group(&picture, &groups),
        [("Damascus".to_string(), 2), ("Aleppo".to_string(), 2)],
        "a submission counts once, whatever the sectors it covers"
    );
}

#[test]
fn needs_without_a_lead_are_named_by_their_labels() {
    let report = report(
        "a",
        "SY01",
        "Council",
        &[
            ("sectors", c(&["health"])),
            ("hea_priority_needs", c(&["medicines"])),
        ],
    );
    let picture = picture_of(&[report], &Filters::default());
    let form = pack();
    let unled = needs_without_lead(&picture, Some(&form), Lang::En);
    assert_eq!(unled.len(), 1);
    assert_eq!(unled[0].sector, Sector::Health);
    assert_eq!(
        unled[0].needs,
        [form.choice_label("hea_priority_needs", "medicines", Lang::En)]
    );
    assert_ne!(unled[0].needs[0], "medicines", "the pack labels the value");
    assert_eq!(
        needs_without_lead(&picture, None, Lang::En)[0].needs,
        ["medicines"]
    );
}

#[test]
fn a_conflict_waits_until_decided_and_shows_what_differs_by_label() {
    let stored = corpus();
    let conflicts = undecided_conflicts(&stored, &[], &library(), Lang::En);
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let conflict = &conflicts[0];
    assert_eq!(conflict.id, "1c0b5e3a-6f2d-4a8b-9e71-3d5c2a4f6b01");
    assert_eq!(conflict.revisions.len(), 2);
    assert!(!conflict.differences.is_empty());
    let form = pack();
    for difference in &conflict.differences {
        assert_eq!(difference.values.len(), 2);
        assert_ne!(difference.values[0], difference.values[1], "{difference:?}");
        assert!(
            !difference.values.iter().any(|v| v.starts_with('"')),
            "values are not JSON: {difference:?}"
        );
        if let Some(question) = form.question(&difference.question) {
            assert!(difference.label.ends_with(question.label.get(Lang::En)));
        }
    }
    let held = stored.iter().find(|s| s.id == conflict.id).expect("stored");
    let kept: Vec<String> = heads(held).iter().map(Submission::revision_hash).collect();
    let decided = Decision {
        submission: conflict.id.clone(),
        kept,
        set_aside: Vec::new(),
        at: "2026-11-29T10:00:00Z".into(),
    };
    assert!(undecided_conflicts(
        &stored,
        std::slice::from_ref(&decided),
        &library(),
        Lang::En
    )
    .is_empty());
    let other = Decision {
        kept: vec!["a revision since replaced".into()],
        ..decided
    };
    assert_eq!(
        undecided_conflicts(&stored, &[other], &library(), Lang::En).len(),
        1,
        "a decision on other revisions does not settle this one"
    );
}

#[test]
fn revisions_are_compared_answer_by_answer_and_row_by_row() {
    let form = pack();
    let row = |name: &str| -> Answers { [("hea_actor_name".to_string(), t(name))].into() };
    let mut first = report(
        "s",
        "SY01",
        "Council",
        &[
            ("hea_severity", t("3")),
            ("hea_priority_needs", c(&["medicines"])),
            (
                "hea_actors",
                Answer::Rows(vec![row("Red Crescent"), row("MSF")]),
            ),
            ("population", t("1000")),
        ],
    );
    first.revision = 2;
    let mut second = first.clone();
    second.answers.insert("hea_severity".into(), t("5"));
    second.answers.insert(
        "hea_actors".into(),
        Answer::Rows(vec![row("Red Crescent"), row("WHO"), row("UNICEF")]),
    );
    second.answers.remove("hea_priority_needs");
    let found = differences(&[first, second], Some(&form), Lang::En);
    let questions: Vec<&str> = found.iter().map(|d| d.question.as_str()).collect();
    assert_eq!(
        questions,
        [
            "hea_severity",
            "hea_priority_needs",
            "hea_actor_name",
            "hea_actor_name"
        ],
        "in the form's order; equal answers and equal rows are left out"
    );
    let severity = |n: &str| form.choice_label("hea_severity", n, Lang::En);
    assert_eq!(found[0].values, [severity("3"), severity("5")]);
    assert!(
        found[0].values[1].starts_with("5 — "),
        "{:?}",
        found[0].values
    );
    assert_eq!(
        found[1].values,
        [
            form.choice_label("hea_priority_needs", "medicines", Lang::En),
            "(empty)".to_string()
        ]
    );
    assert!(found[2].label.contains("(Number 2)"), "{}", found[2].label);
    assert_eq!(found[2].values, ["MSF", "WHO"]);
    assert!(found[3].label.contains("(Number 3)"), "{}", found[3].label);
    assert_eq!(found[3].values, ["(empty)", "UNICEF"]);
}

#[test]
fn a_repeat_inside_a_repeat_is_compared_row_by_row_inside_each_row() {
    let household = |ages: &[&str]| -> Answers {
        let members = ages
            .iter()
            .map(|age| Answers::from([("age".to_string(), t(age))]))
            .collect();
        [("members".to_string(), Answer::Rows(members))].into()
    };
    let first = report(
        "s",
        "SY01",
        "Council",
        &[(
            "households",
            Answer::Rows(vec![household(&["40"]), household(&["40", "9"])]),
        )],
    );
    let mut second = first.clone();
    second.answers.insert(
        "households".into(),
        Answer::Rows(vec![household(&["40"]), household(&["40", "10"])]),
    );
    let found = differences(&[first, second], None, Lang::En);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].label,
        "households (Number 2): members (Number 2): age"
    );
    assert_eq!(found[0].values, ["9", "10"]);
}
