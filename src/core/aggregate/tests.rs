use super::*;
use crate::bundle::import::verify;
use crate::core::library::FormLibrary;
use crate::core::merge::Merge;
use crate::core::schema::Form;
use proptest::prelude::*;

const PACK: &str = include_str!("../../../public/forms/six-sector-survey.v1.json");

/// What a coordinator holds after importing the sample bundles of the corpus in order: three
/// entities, two areas, and one submission in conflict.
fn imported(files: &[&str]) -> Vec<Submission> {
    let mut library = FormLibrary::default();
    library
        .add(Form::from_json(PACK).expect("pack"))
        .expect("add");
    let bundles: Vec<_> = files
        .iter()
        .map(|text| verify(text, &library).expect("a good bundle"))
        .collect();
    // The coordinator trusts every sender of these files to correct any submission.
    let senders = bundles
        .iter()
        .filter_map(|b| b.bundle.signed_by())
        .map(|key| crate::core::trust::TrustedKey {
            key,
            name: String::new(),
            coordinator: true,
            form_author: false,
            added_at: String::new(),
            revoked_at: None,
        })
        .collect();
    let mut merge =
        Merge::new([]).trusting(crate::core::trust::Trust::new(None, senders).authority());
    for verified in bundles {
        merge.bundle(&verified.bundle.id, verified.accepted.clone());
    }
    merge.records().values().cloned().collect()
}

/// The picture of these submissions, through the reports stored beside them.
pub(crate) fn picture_of(submissions: &[Submission], filters: &Filters) -> Picture {
    let reports: Vec<Report> = submissions.iter().map(Report::of).collect();
    aggregate(&reports, filters)
}

pub(crate) fn corpus() -> Vec<Submission> {
    imported(&[
        include_str!("../../../tests/bundles/valid.json"),
        include_str!("../../../tests/bundles/revised.json"),
        include_str!("../../../tests/bundles/conflict.json"),
    ])
}

pub(crate) fn report(id: &str, area: &str, entity: &str, answers: &[(&str, Answer)]) -> Submission {
    let answers: Answers = answers
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    Submission {
        id: id.into(),
        form_id: "f".into(),
        form_version: 1,
        status: Status::Finalised,
        entity_name: entity.into(),
        area_code: area.into(),
        sectors: answers
            .get("sectors")
            .map(Answer::choices)
            .unwrap_or_default(),
        updated_at: "2026-11-20T10:00:00Z".into(),
        answers,
        ..Submission::default()
    }
}

pub(crate) fn t(s: &str) -> Answer {
    Answer::Text(s.into())
}

pub(crate) fn c(values: &[&str]) -> Answer {
    Answer::Choices(values.iter().map(|v| v.to_string()).collect())
}

#[test]
fn the_sample_bundles_give_cells_per_area_and_sector_with_the_conflict_flagged() {
    let picture = picture_of(&corpus(), &Filters::default());
    assert_eq!(picture.submissions, 3);
    assert_eq!(picture.entities.len(), 3);
    assert_eq!(picture.areas.len(), 2);
    assert_eq!(picture.conflicts, ["1c0b5e3a-6f2d-4a8b-9e71-3d5c2a4f6b01"]);
    let health = picture
        .cell("SY020400", Sector::Health)
        .expect("health in A'zaz");
    assert_eq!(
        health.reports(),
        2,
        "the council and the NGO both report health"
    );
    assert_eq!(health.entities.len(), 2);
    assert_eq!(health.conflicts, 1);
    assert!(health.median().is_some());
    assert!(picture.cell("SY020403", Sector::Health).is_none());
    assert!(picture.cell("SY020403", Sector::Education).is_some());
}

#[test]
fn severity_median_range_and_disagreement() {
    let sev = |id: &str, s: &str| {
        report(
            id,
            "SY02",
            id,
            &[("sectors", c(&["health"])), ("hea_severity", t(s))],
        )
    };
    let picture = picture_of(
        &[sev("a", "2"), sev("b", "٥"), sev("c", "4"), sev("d", "5")],
        &Filters::default(),
    );
    let cell = picture.cell("SY02", Sector::Health).expect("cell");
    assert_eq!(
        cell.severities,
        [2, 4, 5, 5],
        "Arabic-Indic digits are read"
    );
    assert_eq!(cell.median(), Some(4.5));
    assert_eq!(cell.range(), Some((2, 5)));
    assert!(cell.disagrees());
    let agreeing = picture_of(&[sev("a", "4"), sev("b", "5")], &Filters::default());
    assert!(!agreeing
        .cell("SY02", Sector::Health)
        .expect("cell")
        .disagrees());
}

#[test]
fn needs_resources_actors_interventions_and_recommendations_keep_their_source() {
    let row = |pairs: &[(&str, &str)]| -> Answers {
        pairs.iter().map(|(k, v)| (k.to_string(), t(v))).collect()
    };
    let a = report(
        "a",
        "SY02",
        "Council A",
        &[
            ("sectors", c(&["education"])),
            ("population", t("12000")),
            ("edu_priority_needs", c(&["salaries", "books"])),
            ("edu_resources", c(&["human"])),
            ("edu_resources_detail", t("Volunteer teachers")),
            (
                "edu_actors",
                Answer::Rows(vec![row(&[("edu_actor_name", "UNICEF")])]),
            ),
            (
                "edu_interventions",
                Answer::Rows(vec![row(&[
                    ("edu_int_title", "Pay teachers"),
                    ("edu_int_cost_usd", "50000"),
                    ("edu_int_lead_org", "Council A"),
                ])]),
            ),
            ("edu_recommendations", t("Reopen two schools")),
        ],
    );
    let b = report(
        "b",
        "SY02",
        "NGO B",
        &[
            ("sectors", c(&["education"])),
            ("population", t("15000")),
            ("edu_priority_needs", c(&["salaries"])),
        ],
    );
    let picture = picture_of(&[a, b], &Filters::default());
    let cell = picture.cell("SY02", Sector::Education).expect("cell");
    assert_eq!(cell.needs.get("salaries"), Some(&2));
    assert_eq!(cell.needs.get("books"), Some(&1));
    assert_eq!(cell.resources.get("human"), Some(&1));
    assert_eq!(
        cell.population,
        Some(15000.0),
        "the largest population reported"
    );
    assert_eq!(cell.actors.iter().collect::<Vec<_>>(), ["UNICEF"]);
    assert_eq!(cell.interventions[0].lead, "Council A");
    assert_eq!(cell.interventions[0].cost_usd, Some(50000.0));
    assert_eq!(cell.recommendations[0].entity, "Council A");
    assert_eq!(cell.resource_details[0].text, "Volunteer teachers");
    assert!(!cell.needs_without_lead());
}

#[test]
fn gaps_are_ranked_by_severity_then_population_then_fewest_actors() {
    let cell = |id: &str, area: &str, severity: &str, population: &str, actors: usize| {
        let rows = (0..actors)
            .map(|i| Answers::from([("hea_actor_name".to_string(), t(&format!("actor {i}")))]))
            .collect();
        report(
            id,
            area,
            id,
            &[
                ("sectors", c(&["health"])),
                ("hea_severity", t(severity)),
                ("population", t(population)),
                ("hea_actors", Answer::Rows(rows)),
            ],
        )
    };
    let picture = picture_of(
        &[
            cell("a", "A", "3", "90000", 0),
            cell("b", "B", "5", "1000", 3),
            cell("c", "C", "5", "1000", 1),
            cell("d", "D", "5", "50000", 4),
        ],
        &Filters::default(),
    );
    let order: Vec<&str> = ranked_gaps(&picture)
        .iter()
        .map(|c| c.area_code.as_str())
        .collect();
    assert_eq!(order, ["D", "C", "B", "A"]);
}

#[test]
fn needs_without_a_lead_and_sectors_short_of_self_resources() {
    let picture = picture_of(
        &[
            report(
                "a",
                "A",
                "x",
                &[
                    ("sectors", c(&["health"])),
                    ("hea_priority_needs", c(&["medicines"])),
                ],
            ),
            report(
                "b",
                "B",
                "y",
                &[
                    ("sectors", c(&["health"])),
                    ("hea_priority_needs", c(&["fuel_power"])),
                    ("hea_resources", c(&["human"])),
                ],
            ),
        ],
        &Filters::default(),
    );
    assert!(picture
        .cell("A", Sector::Health)
        .expect("A")
        .needs_without_lead());
    let health = shortfalls(&picture)[Sector::Health.index()];
    assert_eq!(health.areas_with_needs, 2);
    assert_eq!(health.areas_without_resources, 1);
    assert_eq!(
        shortfalls(&picture)[Sector::Education.index()].areas_with_needs,
        0
    );
}

#[test]
fn filters_keep_form_version_dates_entity_type_and_authority() {
    let mut old = report(
        "old",
        "A",
        "x",
        &[
            ("sectors", c(&["health"])),
            ("assessment_date", t("2026-01-10")),
            ("entity_type", t("ngo")),
            ("authority", t("local_council")),
        ],
    );
    old.form_version = 0;
    let new = report(
        "new",
        "A",
        "y",
        &[
            ("sectors", c(&["health"])),
            ("assessment_date", t("2026-11-10")),
            ("entity_type", t("local_council")),
            ("authority", t("interim_government")),
        ],
    );
    let mut draft = new.clone();
    draft.id = "draft".into();
    draft.status = Status::Draft;
    let all = [old, new, draft];
    let count = |f: Filters| picture_of(&all, &f).submissions;
    assert_eq!(
        count(Filters::default()),
        2,
        "drafts are not part of the picture"
    );
    assert_eq!(
        count(Filters {
            form: Some(("f".into(), 1)),
            ..Filters::default()
        }),
        1
    );
    assert_eq!(
        count(Filters {
            from: Some("2026-06-01".into()),
            ..Filters::default()
        }),
        1
    );
    assert_eq!(
        count(Filters {
            to: Some("2026-06-01".into()),
            ..Filters::default()
        }),
        1
    );
    assert_eq!(
        count(Filters {
            entity_type: Some("ngo".into()),
            ..Filters::default()
        }),
        1
    );
    assert_eq!(
        count(Filters {
            authority: Some("interim_government".into()),
            ..Filters::default()
        }),
        1
    );
    let picture = picture_of(&all, &Filters::default());
    assert_eq!(picture.first_day.as_deref(), Some("2026-01-10"));
    assert_eq!(picture.last_day.as_deref(), Some("2026-11-10"));
}

/// Any answers a sector's questions may hold: severities in any digits or none, choices,
/// actor and intervention rows with blank names and titles, and free text.
fn arb_sector_answers() -> impl Strategy<Value = Vec<(String, Answer)>> {
    let text = "[ a-z٠-٩0-9.]{0,6}";
    (
        0..6usize,
        text,
        proptest::collection::vec("[a-z]{0,3}", 0..3),
        proptest::collection::vec(text, 0..3),
        proptest::collection::vec((text, text, text), 0..3),
        text,
    )
        .prop_map(|(sector, severity, needs, actors, interventions, detail)| {
            let sector = Sector::ALL[sector];
            let q = |part: Part| sector.question(part);
            let row = |pairs: Vec<(String, String)>| -> Answers {
                pairs
                    .into_iter()
                    .map(|(k, v)| (k, Answer::Text(v)))
                    .collect()
            };
            vec![
                (q(Part::Severity), t(&severity)),
                (q(Part::PriorityNeeds), Answer::Choices(needs.clone())),
                (q(Part::Resources), Answer::Choices(needs)),
                (q(Part::ResourcesDetail), t(&detail)),
                (q(Part::Recommendations), t(&detail)),
                (
                    q(Part::Actors),
                    Answer::Rows(
                        actors
                            .into_iter()
                            .map(|a| row(vec![(q(Part::ActorName), a)]))
                            .collect(),
                    ),
                ),
                (
                    q(Part::Interventions),
                    Answer::Rows(
                        interventions
                            .into_iter()
                            .map(|(title, cost, lead)| {
                                row(vec![
                                    (q(Part::InterventionTitle), title),
                                    (q(Part::InterventionCostUsd), cost),
                                    (q(Part::InterventionLead), lead),
                                ])
                            })
                            .collect(),
                    ),
                ),
            ]
        })
}

proptest! {
    /// The report kept in storage reads back as written, and the picture made from reports
    /// read back is the picture made from the submissions.
    #[test]
    fn a_stored_report_reads_back_as_it_was_written(
        said in proptest::collection::vec(arb_sector_answers(), 1..4),
        population in "[0-9٠-٩]{0,5}",
        draft in any::<bool>(),
        deleted in any::<bool>(),
        conflicted in any::<bool>(),
    ) {
        let sectors: Vec<String> = said
            .iter()
            .map(|answers| answers[0].0.clone())
            .filter_map(|id| Sector::ALL.into_iter().find(|s| s.question(Part::Severity) == id))
            .map(|s| s.key().to_string())
            .collect();
        let mut answers: Vec<(&str, Answer)> = said
            .iter()
            .flatten()
            .map(|(id, answer)| (id.as_str(), answer.clone()))
            .collect();
        answers.push(("population", t(&population)));
        answers.push(("entity_type", t("ngo")));
        let mut submission = report("s", "SY02", "Entity", &answers);
        submission.sectors = sectors;
        if draft {
            submission.status = Status::Draft;
        }
        if deleted {
            submission.deleted_at = Some("2026-11-21T00:00:00Z".into());
        }
        if conflicted {
            submission.conflicts = vec![submission.clone()];
        }
        let written = Report::of(&submission);
        prop_assert_eq!(written.counted, !draft && !deleted);
        prop_assert_eq!(written.conflicted, conflicted);
        let read: Report = serde_json::from_str(&serde_json::to_string(&written).unwrap()).unwrap();
        prop_assert_eq!(&read, &written);
        prop_assert_eq!(
            aggregate(&[read], &Filters::default()),
            picture_of(std::slice::from_ref(&submission), &Filters::default())
        );
    }

    /// A picture gathered a slice of the reports at a time is the picture gathered at once.
    #[test]
    fn a_picture_gathered_in_slices_is_the_picture_gathered_at_once(
        said in proptest::collection::vec(arb_sector_answers(), 1..12),
        slice in 1..5usize,
    ) {
        let reports: Vec<Report> = said
            .iter()
            .enumerate()
            .map(|(n, answers)| {
                let key = Sector::ALL
                    .into_iter()
                    .find(|s| s.question(Part::Severity) == answers[0].0)
                    .map(|s| s.key().to_string());
                let pairs: Vec<(&str, Answer)> =
                    answers.iter().map(|(id, a)| (id.as_str(), a.clone())).collect();
                let mut submission =
                    report(&format!("s{n}"), &format!("SY0{}", n % 3), &format!("E{}", n % 4), &pairs);
                submission.sectors = key.into_iter().collect();
                Report::of(&submission)
            })
            .collect();
        let mut sliced = Picture::default();
        for part in reports.chunks(slice) {
            aggregate_into(&mut sliced, part, &Filters::default());
        }
        prop_assert_eq!(sliced, aggregate(&reports, &Filters::default()));
    }
}
