use serde_json::json;

use super::*;

const TODAY: &str = "2026-11-29";
const PACK: &str = include_str!("../../../public/forms/six-sector-survey.v1.json");

/// A form with one question of every kind.
fn every_kind() -> Form {
    let t = |en: &str| json!({"ar": format!("ع {en}"), "en": en});
    let q = |id: &str, kind: &str| json!({"id": id, "kind": kind, "label": t(id)});
    let mut questions = vec![
        q("name", "text"),
        q("story", "long_text"),
        json!({"id": "people", "kind": "integer", "label": t("people"), "min": 0, "max": 1000000}),
        json!({"id": "cost", "kind": "decimal", "label": t("cost"), "min": 0}),
        q("share", "percentage"),
        json!({"id": "status", "kind": "select_one", "label": t("status"), "choices": "status"}),
        json!({"id": "needs", "kind": "select_many", "label": t("needs"), "choices": "needs", "max_choices": 2}),
        q("open", "yes_no"),
        json!({"id": "when", "kind": "date", "label": t("when"), "constraint": ". <= today()",
               "constraint_message": t("not in the future")}),
        json!({"id": "severity", "kind": "severity", "label": t("severity"), "choices": "severity", "required": true}),
        json!({"id": "top", "kind": "ranked", "label": t("top"), "choices": "needs"}),
        q("phone", "phone"),
        q("area", "area"),
        q("gps", "gps"),
        q("route", "gps_line"),
        q("at", "time"),
        q("moment", "datetime"),
        q("note", "note"),
        json!({"id": "functioning", "kind": "integer", "label": t("functioning"),
               "constraint": "${people} = '' or . <= ${people}", "constraint_message": t("at most people")}),
        json!({"id": "other", "kind": "text", "label": t("other"), "required": true,
               "relevant": "selected(${needs}, 'other')"}),
        json!({"id": "actors", "kind": "repeat", "label": t("actors"), "min_count": 1, "max_count": 2,
        "questions": [
            json!({"id": "org", "kind": "text", "label": t("org"), "required": true}),
            json!({"id": "staff", "kind": "integer", "label": t("staff"), "min": 0}),
            json!({"id": "staff_women", "kind": "integer", "label": t("staff women"),
                   "relevant": "${staff} > 0",
                   "constraint": ". <= ${staff}", "constraint_message": t("at most staff")}),
        ]}),
        json!({"id": "staff_total", "kind": "integer", "label": t("staff total"), "calculate": "sum(${staff})"}),
    ];
    questions.push(json!({"id": "actor_count", "kind": "integer", "label": t("actor count"), "calculate": "count(${actors})"}));
    let choice = |v: &str| json!({"value": v, "label": t(v)});
    let scale: Vec<serde_json::Value> = ["1", "2", "3", "4", "5"]
        .iter()
        .map(|v| choice(v))
        .collect();
    let spec = json!({
        "format": "nahda.form", "id": "kinds", "version": 3, "title": t("kinds"),
        "choice_lists": {
            "status": [choice("functioning"), choice("closed")],
            "needs": [choice("water"), choice("power"), choice("food"), choice("other")],
            "severity": scale,
        },
        "sections": [
            {"id": "main", "title": t("main"), "questions": questions},
            {"id": "health", "title": t("health"), "relevant": "selected(${needs}, 'water')",
             "questions": [json!({"id": "clinics", "kind": "integer", "label": t("clinics"), "required": true})]}
        ]
    });
    Form::from_json(&spec.to_string()).expect("the fixture form is valid")
}

fn text(s: &str) -> Answer {
    Answer::Text(s.into())
}

fn choices(values: &[&str]) -> Answer {
    Answer::Choices(values.iter().map(|v| v.to_string()).collect())
}

fn valid() -> Answers {
    let mut row = Answers::new();
    row.insert("org".into(), text("منظمة الأمل"));
    row.insert("staff".into(), text("٤"));
    row.insert("staff_women".into(), text("2"));
    Answers::from([
        ("name".into(), text("المجلس المحلي")),
        ("people".into(), text("١٢٠٠")),
        ("cost".into(), text("٣٫٥")),
        ("share".into(), text("40")),
        ("status".into(), text("functioning")),
        ("needs".into(), choices(&["power"])),
        ("open".into(), text("yes")),
        ("when".into(), text("2026-11-01")),
        ("severity".into(), text("4")),
        ("top".into(), choices(&["food", "water"])),
        ("phone".into(), text("+٩٠ ٥٣٢ ١٢٣ ٤٥ ٦٧")),
        (
            "area".into(),
            Answer::Area {
                code: "SY020400".into(),
                name: String::new(),
            },
        ),
        (
            "gps".into(),
            Answer::Point {
                lat: 36.58,
                lon: 37.04,
                accuracy: None,
            },
        ),
        ("functioning".into(), text("800")),
        ("actors".into(), Answer::Rows(vec![row])),
    ])
}

fn problem_of(answers: &Answers, id: &str) -> Option<Problem> {
    validate(&every_kind(), answers, TODAY)
        .into_iter()
        .find(|i| i.path.question == id)
        .map(|i| i.problem)
}

fn with(id: &str, answer: Answer) -> Answers {
    let mut answers = valid();
    answers.insert(id.into(), answer);
    answers
}

#[test]
fn a_complete_submission_has_no_issue() {
    assert_eq!(validate(&every_kind(), &valid(), TODAY), vec![]);
}

#[test]
fn numbers_are_checked_by_kind_and_range() {
    assert_eq!(
        problem_of(&with("people", text("many")), "people"),
        Some(Problem::NotANumber)
    );
    assert_eq!(
        problem_of(&with("people", text("12.5")), "people"),
        Some(Problem::NotAWholeNumber)
    );
    assert_eq!(
        problem_of(&with("people", text("-1")), "people"),
        Some(Problem::BelowMin(0.0))
    );
    assert_eq!(
        problem_of(&with("people", text("2000000")), "people"),
        Some(Problem::AboveMax(1e6))
    );
    assert_eq!(problem_of(&with("people", text(" ٧ ")), "people"), None);
    assert_eq!(
        problem_of(&with("cost", text("1,5")), "cost"),
        Some(Problem::NumberComma),
        "a comma that cannot separate thousands is named"
    );
    assert_eq!(problem_of(&with("people", text("6,500")), "people"), None);
    assert_eq!(problem_of(&with("people", text("٦٬٥٠٠")), "people"), None);
    assert_eq!(
        problem_of(&with("people", text("1,234,567")), "people"),
        Some(Problem::AboveMax(1e6)),
        "read as 1234567"
    );
    assert_eq!(
        problem_of(&with("people", text("65,00")), "people"),
        Some(Problem::NumberComma)
    );
    assert_eq!(problem_of(&with("cost", text("٢٫٧٥")), "cost"), None);
    assert_eq!(
        problem_of(&with("share", text("101")), "share"),
        Some(Problem::NotAPercentage)
    );
    assert_eq!(problem_of(&with("share", text("١٠٠")), "share"), None);
}

#[test]
fn messages_speak_the_readers_digits_and_name_choices_by_their_labels() {
    assert_eq!(
        Problem::BelowMin(0.0).message(Lang::Ar),
        "يجب ألا تقل القيمة عن ٠."
    );
    assert_eq!(
        Problem::AboveMax(1e6).message(Lang::En),
        "The value must be at most 1000000."
    );
    let label = Text {
        ar: "الميزانية التشغيلية".into(),
        en: "Operating budget".into(),
    };
    let repeated = Problem::RepeatedChoice(label, 3);
    assert_eq!(
        repeated.message(Lang::Ar),
        "الخيار «\u{2068}الميزانية التشغيلية\u{2069}» مختار مرة ثانية في الموضع ٣."
    );
    assert!(repeated.message(Lang::En).contains("Operating budget"));
    assert!(Problem::NumberComma.message(Lang::En).contains("6,500"));
}

#[test]
fn choices_must_come_from_the_list() {
    assert_eq!(
        problem_of(&with("status", text("open")), "status"),
        Some(Problem::UnknownChoice("open".into()))
    );
    assert_eq!(
        problem_of(
            &with("needs", choices(&["water", "power", "food"])),
            "needs"
        ),
        Some(Problem::TooManyChoices(2))
    );
    assert_eq!(
        problem_of(&with("needs", choices(&["gold"])), "needs"),
        Some(Problem::UnknownChoice("gold".into()))
    );
    assert_eq!(
        problem_of(&with("top", choices(&["food", "food"])), "top"),
        Some(Problem::RepeatedChoice(
            Text {
                ar: "ع food".into(),
                en: "food".into()
            },
            2
        ))
    );
    assert_eq!(
        problem_of(
            &with("top", choices(&["food", "water", "power", "other"])),
            "top"
        ),
        Some(Problem::TooManyChoices(3)),
        "a ranked choice keeps three by default"
    );
    assert_eq!(
        problem_of(&with("open", text("maybe")), "open"),
        Some(Problem::UnknownChoice("maybe".into()))
    );
    assert_eq!(
        problem_of(&with("severity", text("6")), "severity"),
        Some(Problem::UnknownChoice("6".into()))
    );
}

#[test]
fn a_line_on_the_map_needs_two_points_in_range() {
    for (typed, problem) in [
        ("36.58 37.05;36.59 37.06", None),
        ("36.58 37.05 410 5;36.59 37.06 412 4.5;36.6 37.07", None),
        ("36.58 37.05", Some(Problem::TooFewPoints)),
        ("36.58 37.05;", Some(Problem::NotAPoint)),
        ("36.58;36.59 37.06", Some(Problem::NotAPoint)),
        ("96.58 37.05;36.59 37.06", Some(Problem::NotAPoint)),
        ("36.58 37.05;36.59 NaN", Some(Problem::NotAPoint)),
        ("a b;c d", Some(Problem::NotAPoint)),
    ] {
        assert_eq!(
            problem_of(&with("route", text(typed)), "route"),
            problem,
            "{typed}"
        );
    }
}

#[test]
fn times_and_dates_with_times_are_checked() {
    for (typed, problem) in [
        ("09:30", None),
        ("٢٣:٥٩", None),
        ("23:59:59", None),
        ("24:00", Some(Problem::NotATime)),
        ("9:30", Some(Problem::NotATime)),
        ("09:60", Some(Problem::NotATime)),
        ("09:30 pm", Some(Problem::NotATime)),
    ] {
        assert_eq!(
            problem_of(&with("at", text(typed)), "at"),
            problem,
            "{typed}"
        );
    }
    for (typed, problem) in [
        ("2026-11-30T09:30", None),
        ("2024-02-29T00:00:00", None),
        ("2026-02-30T09:30", Some(Problem::NotADateTime)),
        ("2026-11-30 09:30", Some(Problem::NotADateTime)),
        ("2026-11-30", Some(Problem::NotADateTime)),
        ("2026-11-30T25:00", Some(Problem::NotADateTime)),
    ] {
        assert_eq!(
            problem_of(&with("moment", text(typed)), "moment"),
            problem,
            "{typed}"
        );
    }
}

#[test]
fn dates_phones_areas_and_points_are_checked() {
    assert_eq!(
        problem_of(&with("when", text("2026-02-30")), "when"),
        Some(Problem::NotADate)
    );
    assert_eq!(
        problem_of(&with("when", text("29/11/2026")), "when"),
        Some(Problem::NotADate)
    );
    assert_eq!(
        problem_of(&with("when", text("2024-02-29")), "when"),
        None,
        "a leap day"
    );
    assert!(
        matches!(
            problem_of(&with("when", text("2026-11-30")), "when"),
            Some(Problem::Constraint(_))
        ),
        "the future"
    );
    assert_eq!(
        problem_of(&with("phone", text("12345")), "phone"),
        Some(Problem::NotAPhone)
    );
    assert_eq!(
        problem_of(&with("phone", text("0944 abc 123")), "phone"),
        Some(Problem::NotAPhone)
    );
    assert_eq!(
        problem_of(&with("phone", text("0944-123-456")), "phone"),
        None
    );
    assert_eq!(
        problem_of(
            &with(
                "area",
                Answer::Area {
                    code: "Aleppo".into(),
                    name: String::new()
                }
            ),
            "area"
        ),
        Some(Problem::NotAnArea)
    );
    assert_eq!(
        problem_of(
            &with(
                "area",
                Answer::Area {
                    code: "SY0204".into(),
                    name: "قرية".into()
                }
            ),
            "area"
        ),
        None
    );
    assert_eq!(
        problem_of(
            &with(
                "area",
                Answer::Area {
                    code: String::new(),
                    name: "قرية".into()
                }
            ),
            "area"
        ),
        None
    );
    assert_eq!(
        problem_of(
            &with(
                "gps",
                Answer::Point {
                    lat: 91.0,
                    lon: 0.0,
                    accuracy: None
                }
            ),
            "gps"
        ),
        Some(Problem::NotAPoint)
    );
}

#[test]
fn text_length_is_limited() {
    let long = "ب".repeat(MAX_SHORT_TEXT + 1);
    assert_eq!(
        problem_of(&with("name", text(&long)), "name"),
        Some(Problem::TooLong(MAX_SHORT_TEXT))
    );
    assert_eq!(problem_of(&with("story", text(&long)), "story"), None);
}

#[test]
fn an_answer_of_the_wrong_shape_is_an_issue_not_a_panic() {
    assert_eq!(
        problem_of(&with("people", choices(&["1"])), "people"),
        Some(Problem::WrongShape)
    );
    assert_eq!(
        problem_of(&with("needs", text("water")), "needs"),
        Some(Problem::WrongShape)
    );
    assert_eq!(
        problem_of(&with("actors", text("x")), "actors"),
        Some(Problem::WrongShape)
    );
}

#[test]
fn required_questions_are_required_only_when_shown() {
    let mut answers = valid();
    answers.remove("severity");
    assert_eq!(problem_of(&answers, "severity"), Some(Problem::Required));
    assert_eq!(
        problem_of(&with("severity", text("  ")), "severity"),
        Some(Problem::Required)
    );
    // "other" is required, but shown only when "other" is ticked.
    assert_eq!(problem_of(&valid(), "other"), None);
    assert_eq!(
        problem_of(&with("needs", choices(&["other"])), "other"),
        Some(Problem::Required)
    );
    // The health section is shown only when water is a need.
    assert_eq!(problem_of(&valid(), "clinics"), None);
    assert_eq!(
        problem_of(&with("needs", choices(&["water"])), "clinics"),
        Some(Problem::Required)
    );
}

#[test]
fn constraints_compare_with_other_answers() {
    assert!(
        matches!(problem_of(&with("functioning", text("1300")), "functioning"), Some(Problem::Constraint(m)) if m.en == "at most people")
    );
    assert_eq!(
        problem_of(&with("functioning", text("1200")), "functioning"),
        None
    );
    let mut answers = valid();
    answers.remove("people");
    assert_eq!(
        problem_of(&answers, "functioning"),
        None,
        "no total, nothing to compare with"
    );
}

#[test]
fn repeat_groups_check_counts_and_each_instance() {
    assert_eq!(
        problem_of(&with("actors", Answer::Rows(vec![])), "actors"),
        Some(Problem::Required)
    );
    let Answer::Rows(rows) = &valid()["actors"] else {
        unreachable!()
    };
    let three = Answer::Rows(vec![rows[0].clone(), rows[0].clone(), rows[0].clone()]);
    assert_eq!(
        problem_of(&with("actors", three), "actors"),
        Some(Problem::TooManyRows(2))
    );

    let mut second = rows[0].clone();
    second.insert("staff_women".into(), text("9"));
    second.remove("org");
    let issues = validate(
        &every_kind(),
        &with("actors", Answer::Rows(vec![rows[0].clone(), second])),
        TODAY,
    );
    let paths: Vec<(String, Vec<usize>)> = issues
        .iter()
        .map(|i| (i.path.question.clone(), i.path.rows.clone()))
        .collect();
    assert_eq!(
        paths,
        [("org".into(), vec![1]), ("staff_women".into(), vec![1])]
    );
    assert_eq!(issues[0].path.dom_id(), "q-org-1");
}

#[test]
fn calculations_see_repeat_groups() {
    let answers = calculate(&every_kind(), &valid(), TODAY);
    assert_eq!(answers["staff_total"], text("4"));
    assert_eq!(answers["actor_count"], text("1"));
}

#[test]
fn finalising_drops_hidden_answers_and_keeps_shown_ones() {
    let form = every_kind();
    let mut answers = valid();
    answers.insert(
        "other".into(),
        text("stale: other was ticked, then unticked"),
    );
    answers.insert("clinics".into(), text("3"));
    answers.insert("not_in_form".into(), text("x"));
    let Answer::Rows(mut rows) = answers["actors"].clone() else {
        unreachable!()
    };
    rows[0].insert("staff".into(), text("0"));
    answers.insert("actors".into(), Answer::Rows(rows));
    let kept = finalise(&form, &answers, TODAY).expect("valid");
    assert!(!kept.contains_key("other"));
    assert!(
        !kept.contains_key("clinics"),
        "the health section is hidden"
    );
    assert!(!kept.contains_key("not_in_form"));
    let Answer::Rows(rows) = &kept["actors"] else {
        unreachable!()
    };
    assert!(
        !rows[0].contains_key("staff_women"),
        "hidden inside its instance"
    );
    assert_eq!(kept["name"], text("المجلس المحلي"));
    assert_eq!(kept["staff_total"], text("0"));
}

#[test]
fn finalising_drops_answers_hidden_by_other_hidden_answers() {
    let t = |en: &str| json!({"ar": format!("ع {en}"), "en": en});
    let spec = json!({
        "format": "nahda.form", "id": "chain", "version": 1, "title": t("chain"),
        "sections": [{"id": "main", "title": t("main"), "questions": [
            {"id": "a", "kind": "text", "label": t("a")},
            {"id": "b", "kind": "text", "label": t("b"), "relevant": "${a} = 'x'"},
            {"id": "c", "kind": "text", "label": t("c"), "relevant": "${b} = 'y'"},
        ]}]
    });
    let form = Form::from_json(&spec.to_string()).expect("valid");
    let answers = Answers::from([
        ("a".into(), text("changed")),
        ("b".into(), text("y")),
        ("c".into(), text("stale")),
    ]);
    let kept = finalise(&form, &answers, TODAY).expect("valid");
    assert_eq!(
        kept.keys().collect::<Vec<_>>(),
        ["a"],
        "b is hidden by a, then c by b"
    );
}

#[test]
fn finalising_can_need_an_answer_a_hidden_answer_stood_in_for() {
    let t = |en: &str| json!({"ar": format!("ع {en}"), "en": en});
    let spec = json!({
        "format": "nahda.form", "id": "contact", "version": 1, "title": t("contact"),
        "sections": [{"id": "main", "title": t("main"), "questions": [
            {"id": "has_phone", "kind": "yes_no", "label": t("has_phone")},
            {"id": "phone", "kind": "phone", "label": t("phone"), "relevant": "${has_phone} = 'yes'"},
            {"id": "address", "kind": "text", "label": t("address"), "required_if": "${phone} = ''"},
        ]}]
    });
    let form = Form::from_json(&spec.to_string()).expect("valid");
    // A phone typed, then "no phone": the draft keeps the number, hidden.
    let answers = Answers::from([
        ("has_phone".into(), text("no")),
        ("phone".into(), text("0999123456")),
    ]);
    assert!(
        validate(&form, &answers, TODAY).is_empty(),
        "the draft as it is"
    );
    let issues = finalise(&form, &answers, TODAY).expect_err("the address is needed");
    assert_eq!(
        issues
            .iter()
            .map(|i| (i.path.question.as_str(), &i.problem))
            .collect::<Vec<_>>(),
        [("address", &Problem::Required)]
    );
}

#[test]
fn calculations_run_inside_each_repeat_instance() {
    let t = |en: &str| json!({"ar": format!("ع {en}"), "en": en});
    let spec = json!({
        "format": "nahda.form", "id": "calc", "version": 1, "title": t("calc"),
        "sections": [{"id": "main", "title": t("main"), "questions": [
            {"id": "items", "kind": "repeat", "label": t("items"), "questions": [
                {"id": "qty", "kind": "integer", "label": t("qty")},
                {"id": "price", "kind": "decimal", "label": t("price")},
                {"id": "line", "kind": "decimal", "label": t("line"), "calculate": "${qty} * ${price}"},
            ]},
            {"id": "total", "kind": "decimal", "label": t("total"), "calculate": "sum(${line})"},
        ]}]
    });
    let form = Form::from_json(&spec.to_string()).expect("valid");
    let row =
        |q: &str, p: &str| Answers::from([("qty".into(), text(q)), ("price".into(), text(p))]);
    let answers = Answers::from([(
        "items".into(),
        Answer::Rows(vec![row("2", "1.5"), row("٣", "2")]),
    )]);
    let done = calculate(&form, &answers, TODAY);
    let Answer::Rows(rows) = &done["items"] else {
        unreachable!()
    };
    assert_eq!(rows[0]["line"], text("3"));
    assert_eq!(rows[1]["line"], text("6"));
    assert_eq!(done["total"], text("9"));
}

/// Households, each with its members: a repeat group inside a repeat group.
fn households() -> Form {
    let t = |en: &str| json!({"ar": format!("ع {en}"), "en": en});
    let spec = json!({
        "format": "nahda.form", "id": "census", "version": 1, "title": t("census"),
        "sections": [{"id": "main", "title": t("main"), "questions": [
            {"id": "village", "kind": "text", "label": t("village")},
            {"id": "households", "kind": "repeat", "label": t("households"), "questions": [
                {"id": "head", "kind": "text", "label": t("head"), "required": true},
                {"id": "members", "kind": "repeat", "label": t("members"),
                 "relevant": "${head} != ''", "questions": [
                    {"id": "age", "kind": "integer", "label": t("age"), "required": true},
                    {"id": "school", "kind": "yes_no", "label": t("school"), "required": true,
                     "relevant": "${age} < 18 and ${village} != ''"},
                    {"id": "tag", "kind": "text", "label": t("tag"),
                     "calculate": "concat(${head}, '/', ${age})"},
                ]},
                {"id": "size", "kind": "integer", "label": t("size"), "calculate": "count(${members})"},
                {"id": "ages", "kind": "integer", "label": t("ages"), "calculate": "sum(${age})"},
            ]},
            {"id": "people", "kind": "integer", "label": t("people"), "calculate": "count(${members})"},
        ]}]
    });
    Form::from_json(&spec.to_string()).expect("valid")
}

fn household(head: &str, ages: &[&str]) -> Answers {
    let members = ages
        .iter()
        .map(|age| Answers::from([("age".into(), text(age))]))
        .collect();
    Answers::from([
        ("head".into(), text(head)),
        ("members".into(), Answer::Rows(members)),
    ])
}

#[test]
fn a_repeat_inside_a_repeat_reads_its_own_instance_and_the_one_around_it() {
    let form = households();
    let answers = Answers::from([
        ("village".into(), text("Atareb")),
        (
            "households".into(),
            Answer::Rows(vec![
                household("Amal", &["40", "9"]),
                household("Omar", &["٧"]),
            ]),
        ),
    ]);
    let done = calculate(&form, &answers, TODAY);
    let Answer::Rows(households) = &done["households"] else {
        unreachable!()
    };
    assert_eq!(households[0]["size"], text("2"));
    assert_eq!(households[0]["ages"], text("49"));
    assert_eq!(households[1]["size"], text("1"));
    assert_eq!(done["people"], text("3"));
    let Answer::Rows(members) = &households[1]["members"] else {
        unreachable!()
    };
    assert_eq!(members[0]["tag"], text("Omar/٧"));

    // The children are asked about school, in their own household's instance.
    let paths: Vec<(String, Vec<usize>)> = validate(&form, &done, TODAY)
        .into_iter()
        .map(|i| (i.path.question, i.path.rows))
        .collect();
    assert_eq!(
        paths,
        [("school".into(), vec![0, 1]), ("school".into(), vec![1, 0])]
    );
    let issue = validate(&form, &done, TODAY).remove(0);
    assert_eq!(issue.path.dom_id(), "q-school-0-1");
    assert_eq!(
        issue.path.rows_shown(Lang::En).as_deref(),
        Some("Number 1 › Number 2")
    );
}

#[test]
fn a_repeat_inside_a_hidden_instance_is_dropped_when_finalising() {
    let form = households();
    let mut nameless = household("", &["30"]);
    nameless.remove("head");
    let answers = Answers::from([(
        "households".into(),
        Answer::Rows(vec![household("Amal", &["40"]), nameless]),
    )]);
    let kept = prune(&form, &calculate(&form, &answers, TODAY), TODAY);
    let Answer::Rows(households) = &kept["households"] else {
        unreachable!()
    };
    assert!(households[0].contains_key("members"));
    assert!(!households[1].contains_key("members"));
    // The second household's head is required; its members were not shown.
    let issues = validate(&form, &kept, TODAY);
    assert_eq!(issues.len(), 1);
    assert_eq!(
        issues[0].path,
        AnswerPath {
            question: "head".into(),
            rows: vec![1]
        }
    );
}

#[test]
fn a_question_is_required_when_its_condition_holds_and_a_group_has_the_count_it_is_given() {
    let t = |en: &str| json!({"ar": format!("ع {en}"), "en": en});
    let spec = json!({
        "format": "nahda.form", "id": "plots", "version": 1, "title": t("plots"),
        "sections": [{"id": "main", "title": t("main"), "questions": [
            {"id": "stems", "kind": "integer", "label": t("stems")},
            {"id": "stem", "kind": "repeat", "label": t("stem"), "count": "${stems}", "questions": [
                {"id": "health", "kind": "text", "label": t("health")},
                {"id": "height", "kind": "decimal", "label": t("height"),
                 "required_if": "${health} = 'dead'"},
            ]},
        ]}]
    });
    let form = Form::from_json(&spec.to_string()).expect("valid");
    let stem = |health: &str| Answers::from([("health".into(), text(health))]);
    let issues = |answers: &Answers| -> Vec<(String, Vec<usize>, Problem)> {
        validate(&form, answers, TODAY)
            .into_iter()
            .map(|i| (i.path.question, i.path.rows, i.problem))
            .collect()
    };
    // No count yet: any number of instances.
    assert_eq!(issues(&Answers::new()), []);
    let two = Answer::Rows(vec![stem("alive"), stem("dead")]);
    let answers = Answers::from([("stems".into(), text("٣")), ("stem".into(), two.clone())]);
    assert_eq!(
        issues(&answers),
        [
            ("stem".into(), vec![], Problem::TooFewRows(3)),
            ("height".into(), vec![1], Problem::Required),
        ]
    );
    let answers = Answers::from([("stems".into(), text("1")), ("stem".into(), two)]);
    assert_eq!(issues(&answers)[0].2, Problem::TooManyRows(1));
    let answers = Answers::from([("stems".into(), text("2"))]);
    assert_eq!(
        issues(&answers),
        [("stem".into(), vec![], Problem::TooFewRows(2))]
    );
    let scope = AnswerScope::new(&form, &answers, TODAY);
    let height = form.question("height").expect("height");
    let dead = stem("dead");
    assert!(is_required(&form, height, &scope.in_row("stem", &dead)));
    assert!(!is_required(
        &form,
        height,
        &scope.in_row("stem", &stem("alive"))
    ));
}

#[test]
fn defaults_fill_a_new_draft() {
    let t = |en: &str| json!({"ar": format!("ع {en}"), "en": en});
    let spec = json!({
        "format": "nahda.form", "id": "defaults", "version": 1, "title": t("d"),
        "choice_lists": {"c": [{"value": "x", "label": t("x")}, {"value": "y", "label": t("y")}]},
        "sections": [{"id": "main", "title": t("main"), "questions": [
            {"id": "country", "kind": "text", "label": t("country"), "default": "Syria"},
            {"id": "many", "kind": "select_many", "label": t("many"), "choices": "c", "default": "x y"},
            {"id": "none", "kind": "text", "label": t("none")},
        ]}]
    });
    let form = Form::from_json(&spec.to_string()).expect("valid");
    let defaults = default_answers(&form);
    assert_eq!(defaults["country"], text("Syria"));
    assert_eq!(defaults["many"], choices(&["x", "y"]));
    assert!(!defaults.contains_key("none"));
}

#[test]
fn finalising_refuses_an_invalid_submission() {
    let mut answers = valid();
    answers.remove("severity");
    let issues = finalise(&every_kind(), &answers, TODAY).expect_err("severity is missing");
    assert_eq!(issues.len(), 1);
    assert_eq!(
        issues[0].problem.message(Lang::En),
        "This question is required."
    );
    assert_eq!(issues[0].problem.message(Lang::Ar), "هذا السؤال مطلوب.");
}

#[test]
fn messages_fill_in_their_numbers() {
    assert_eq!(
        Problem::BelowMin(0.0).message(Lang::En),
        "The value must be at least 0."
    );
    assert_eq!(
        Problem::TooManyChoices(3).message(Lang::Ar),
        "اختر ٣ على الأكثر."
    );
}

#[test]
fn the_shipped_pack_validates_a_filled_health_survey() {
    let form = Form::from_json(PACK).expect("valid pack");
    let mut answers = Answers::from([
        ("entity_name".into(), text("المجلس المحلي في أعزاز")),
        (
            "area".into(),
            Answer::Area {
                code: "SY020400".into(),
                name: String::new(),
            },
        ),
        ("assessment_date".into(), text("2026-11-20")),
        ("sectors".into(), choices(&["health"])),
    ]);
    let issues = validate(&form, &answers, TODAY);
    let missing: Vec<&str> = issues.iter().map(|i| i.path.question.as_str()).collect();
    assert!(
        missing.contains(&"hea_severity"),
        "severity is required for a chosen sector: {missing:?}"
    );
    assert!(
        !missing.iter().any(|id| id.starts_with("gov_")),
        "governance is not chosen: {missing:?}"
    );
    answers.insert("hea_severity".into(), text("3"));
    let left: Vec<String> = validate(&form, &answers, TODAY)
        .into_iter()
        .map(|i| i.path.question)
        .collect();
    assert!(!left.contains(&"hea_severity".to_string()));
}

#[test]
fn the_limits_a_message_names_are_written_in_the_readers_digits() {
    assert_eq!(
        Problem::NotAPhone.message(Lang::Ar),
        "اكتب رقم هاتف صحيحاً: من ٦ إلى ١٥ رقماً، ويمكن أن يبدأ بـ +."
    );
    assert_eq!(
        Problem::NotAPercentage.message(Lang::ArLatn),
        "النسبة المئوية بين 0 و100."
    );
    assert_eq!(
        Problem::NumberComma.message(Lang::Ar),
        "الفاصلة تفصل الآلاف فقط (٦٬٥٠٠)، والفاصلة العشرية نقطة أو «٫» (٦٫٥)."
    );
    assert_eq!(
        Problem::NumberComma.message(Lang::En),
        "A comma only separates thousands (6,500); decimals take a point (6.5)."
    );
}
