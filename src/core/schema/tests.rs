use serde_json::json;

use super::*;

const PACK: &str = include_str!("../../../public/forms/six-sector-survey.v1.json");

fn minimal() -> serde_json::Value {
    json!({
        "format": "nahda.form",
        "id": "mini",
        "version": 1,
        "title": {"ar": "استمارة", "en": "Form"},
        "choice_lists": {
            "yn": [{"value": "yes", "label": {"ar": "نعم", "en": "Yes"}},
                   {"value": "no", "label": {"ar": "لا", "en": "No"}}]
        },
        "sections": [{
            "id": "main",
            "title": {"ar": "القسم", "en": "Section"},
            "questions": [
                {"id": "total", "kind": "integer", "label": {"ar": "المجموع", "en": "Total"}, "min": 0},
                {"id": "part", "kind": "integer", "label": {"ar": "الجزء", "en": "Part"},
                 "constraint": ". <= ${total}",
                 "constraint_message": {"ar": "أكبر من المجموع", "en": "More than the total"}},
                {"id": "open", "kind": "select_one", "label": {"ar": "مفتوح؟", "en": "Open?"}, "choices": "yn"},
                {"id": "actors", "kind": "repeat", "label": {"ar": "الجهات", "en": "Actors"},
                 "questions": [
                    {"id": "actor_name", "kind": "text", "label": {"ar": "الاسم", "en": "Name"}}
                 ]}
            ]
        }]
    })
}

fn errors_of(value: serde_json::Value) -> Vec<FormError> {
    Form::from_json(&value.to_string()).expect_err("the definition should be refused")
}

fn has(errors: &[FormError], place: Place, matches: impl Fn(&FormProblem) -> bool) -> bool {
    errors
        .iter()
        .any(|e| e.place == place && matches(&e.problem))
}

#[test]
fn the_shipped_pack_is_a_valid_form() {
    let form = Form::from_json(PACK).unwrap_or_else(|errors| {
        panic!(
            "the shipped pack is invalid:\n{}",
            errors
                .iter()
                .map(|e| format!("  {e}\n"))
                .collect::<String>()
        )
    });
    assert_eq!(form.id(), "six-sector-survey");
    let sections: Vec<&str> = form.sections().iter().map(|s| s.id.as_str()).collect();
    for sector in [
        "governance",
        "economy",
        "infrastructure",
        "education",
        "health",
        "rule_of_law",
    ] {
        assert!(sections.contains(&sector), "no section for {sector}");
        let section = form
            .sections()
            .iter()
            .position(|s| s.id == sector)
            .expect("section");
        let relevance = form
            .section_relevance(section)
            .expect("a sector section is relevant only when chosen");
        assert_eq!(
            relevance.to_string(),
            format!("selected(${{sectors}}, '{sector}')")
        );
    }
}

#[test]
fn the_shipped_pack_uses_every_kind_a_survey_needs() {
    let form = Form::from_json(PACK).expect("valid");
    let used: HashSet<&str> = form
        .question_ids()
        .iter()
        .filter_map(|id| form.question(id))
        .map(|q| q.kind.name())
        .collect();
    for kind in [
        "text",
        "long_text",
        "integer",
        "decimal",
        "percentage",
        "select_one",
        "select_many",
        "yes_no",
        "date",
        "severity",
        "ranked",
        "phone",
        "area",
        "gps",
        "repeat",
    ] {
        assert!(used.contains(kind), "the pack never uses {kind}");
    }
}

#[test]
fn the_shipped_pack_has_both_languages_everywhere() {
    let form = Form::from_json(PACK).expect("valid");
    for id in form.question_ids() {
        let question = form.question(id).expect("question");
        assert!(question.label.missing().is_empty(), "{id}");
        if let Some(message) = &question.constraint_message {
            assert!(message.missing().is_empty(), "{id}");
        }
    }
    for list in form.spec().choice_lists.values() {
        assert!(list.iter().all(|c| c.label.missing().is_empty()));
    }
}

#[test]
fn a_minimal_form_is_accepted_and_indexed() {
    let form = Form::from_json(&minimal().to_string()).expect("valid");
    assert_eq!(
        form.question_ids(),
        ["total", "part", "open", "actors", "actor_name"]
    );
    assert_eq!(
        form.repeat_of("actor_name").map(|q| q.id.as_str()),
        Some("actors")
    );
    assert_eq!(form.repeat_of("total"), None);
    assert_eq!(form.choices(form.question("open").expect("q")).len(), 2);
    assert!(form
        .logic("part")
        .and_then(|l| l.constraint.as_ref())
        .is_some());
}

#[test]
fn a_definition_round_trips_through_json() {
    let form = Form::from_json(PACK).expect("valid");
    let printed = serde_json::to_string(form.spec()).expect("prints");
    let again = Form::from_json(&printed).expect("still valid");
    assert_eq!(again.spec(), form.spec());
}

#[test]
fn not_json_and_unknown_fields_are_refused() {
    let errors = Form::from_json("{ not json").expect_err("refused");
    assert!(matches!(errors[0].problem, FormProblem::NotJson(_)));
    let mut value = minimal();
    value["sections"][0]["questions"][0]["relevent"] = json!("1 = 1");
    let errors = errors_of(value);
    assert!(matches!(&errors[0].problem, FormProblem::NotJson(text) if text.contains("relevent")));
}

#[test]
fn a_wrong_format_name_is_refused() {
    let mut value = minimal();
    value["format"] = json!("odk.xform");
    assert!(has(&errors_of(value), Place::Form, |p| matches!(
        p,
        FormProblem::WrongFormat(_)
    )));
}

#[test]
fn unknown_kinds_name_the_question() {
    let mut value = minimal();
    value["sections"][0]["questions"][0]["kind"] = json!("slider");
    let errors = errors_of(value);
    assert!(has(&errors, Place::Question("total".into()), |p| *p
        == FormProblem::UnknownKind("slider".into())));
    assert_eq!(
        errors[0].to_string(),
        "question 'total': unknown kind 'slider'"
    );
}

#[test]
fn duplicate_ids_are_refused_even_inside_repeats() {
    let mut value = minimal();
    value["sections"][0]["questions"][3]["questions"][0]["id"] = json!("total");
    assert!(has(
        &errors_of(value),
        Place::Question("total".into()),
        |p| matches!(p, FormProblem::DuplicateId(_))
    ));
}

#[test]
fn references_to_missing_questions_are_refused() {
    let mut value = minimal();
    value["sections"][0]["questions"][1]["constraint"] = json!(". <= ${totl}");
    let errors = errors_of(value);
    assert!(has(
        &errors,
        Place::Question("part".into()),
        |p| matches!(p,
        FormProblem::UnknownReference { slot: "constraint", id } if id == "totl")
    ));
}

#[test]
fn expressions_that_do_not_parse_name_question_and_column() {
    let mut value = minimal();
    value["sections"][0]["questions"][2]["relevant"] = json!("${total} >");
    let errors = errors_of(value);
    let error = errors
        .iter()
        .find(|e| e.place == Place::Question("open".into()))
        .expect("error on open");
    assert_eq!(
        error.to_string(),
        "question 'open': the relevant expression does not parse: column 11: expected a value, found the end"
    );
}

#[test]
fn labels_missing_a_language_are_refused() {
    let mut value = minimal();
    value["sections"][0]["questions"][0]["label"] = json!({"ar": "المجموع"});
    assert!(has(
        &errors_of(value),
        Place::Question("total".into()),
        |p| {
            *p == FormProblem::MissingText {
                what: "label",
                lang: Lang::En,
            }
        }
    ));
    let mut value = minimal();
    value["choice_lists"]["yn"][0]["label"] = json!({"en": "Yes"});
    assert!(has(
        &errors_of(value),
        Place::ChoiceList("yn".into()),
        |p| matches!(p, FormProblem::MissingText { lang: Lang::Ar, .. })
    ));
}

#[test]
fn constraints_need_a_message_in_both_languages() {
    let mut value = minimal();
    value["sections"][0]["questions"][1]["constraint_message"] = json!({"en": "Too big"});
    assert!(has(
        &errors_of(value),
        Place::Question("part".into()),
        |p| *p == FormProblem::ConstraintWithoutMessage
    ));
}

#[test]
fn choice_questions_need_an_existing_list() {
    let mut value = minimal();
    value["sections"][0]["questions"][2]["choices"] = json!("nope");
    assert!(has(
        &errors_of(value.clone()),
        Place::Question("open".into()),
        |p| matches!(p, FormProblem::UnknownChoiceList(_))
    ));
    value["sections"][0]["questions"][2]
        .as_object_mut()
        .expect("object")
        .remove("choices");
    assert!(has(
        &errors_of(value),
        Place::Question("open".into()),
        |p| matches!(p, FormProblem::MissingChoices(_))
    ));
}

#[test]
fn severity_needs_the_five_step_scale() {
    let mut value = minimal();
    value["sections"][0]["questions"][2]["kind"] = json!("severity");
    assert!(has(
        &errors_of(value),
        Place::Question("open".into()),
        |p| *p == FormProblem::BadSeverityScale
    ));
}

/// A repeat group inside another: each of its questions reads its own instance and the one
/// around it as single answers, and a question outside them only counts or sums.
fn nested() -> serde_json::Value {
    let mut value = minimal();
    let actors = value["sections"][0]["questions"][3]["questions"]
        .as_array_mut()
        .expect("the group's questions");
    actors.push(json!(
    {"id": "sites", "kind": "repeat", "label": {"ar": "المواقع", "en": "Sites"},
     "questions": [
        {"id": "site", "kind": "text", "label": {"ar": "الموقع", "en": "Site"},
         "relevant": "${actor_name} != '' and ${total} > 0"},
        {"id": "beds", "kind": "integer", "label": {"ar": "الأسرة", "en": "Beds"},
         "relevant": "${site} != ''"}
     ]}));
    value
}

#[test]
fn repeats_nest_and_read_their_own_and_outer_instances() {
    let mut value = nested();
    value["sections"][0]["questions"][1]["relevant"] = json!("sum(${beds}) > count(${sites})");
    let form = Form::from_json(&value.to_string()).expect("a repeat inside a repeat is valid");
    assert_eq!(form.repeats("beds"), ["actors", "sites"]);
    assert_eq!(form.repeat_of("beds").map(|q| q.id.as_str()), Some("sites"));
    assert_eq!(
        form.question_ids(),
        [
            "total",
            "part",
            "open",
            "actors",
            "actor_name",
            "sites",
            "site",
            "beds"
        ]
    );
    assert_eq!(
        form.with_descendants("actors"),
        ["actors", "actor_name", "sites", "site", "beds"]
    );
}

#[test]
fn a_nested_repeat_is_read_only_by_count_or_sum_from_the_group_around_it() {
    let mut value = nested();
    value["sections"][0]["questions"][3]["questions"][0]["relevant"] = json!("${beds} > 1");
    assert!(has(
        &errors_of(value),
        Place::Question("actor_name".into()),
        |p| matches!(p, FormProblem::ReferenceIntoRepeat { id, .. } if id == "beds")
    ));
}

#[test]
fn only_a_repeat_has_a_count() {
    let mut value = minimal();
    value["sections"][0]["questions"][0]["count"] = json!("2");
    assert!(has(
        &errors_of(value),
        Place::Question("total".into()),
        |p| *p == FormProblem::CountOutsideRepeat
    ));
}

#[test]
fn only_repeats_hold_questions() {
    let mut value = minimal();
    value["sections"][0]["questions"][0]["questions"] =
        json!([{"id": "deep", "kind": "text", "label": {"ar": "ع", "en": "d"}}]);
    assert!(has(
        &errors_of(value),
        Place::Question("total".into()),
        |p| *p == FormProblem::QuestionsOutsideRepeat
    ));
}

#[test]
fn a_repeat_child_is_only_counted_or_summed_from_outside() {
    let mut value = minimal();
    value["sections"][0]["questions"][2]["relevant"] = json!("${actor_name} = 'x'");
    assert!(has(
        &errors_of(value),
        Place::Question("open".into()),
        |p| matches!(p, FormProblem::ReferenceIntoRepeat { .. })
    ));
    let mut value = minimal();
    value["sections"][0]["questions"][2]["relevant"] =
        json!("count(${actor_name}) > 0 and count(${actors}) > 0");
    Form::from_json(&value.to_string()).expect("counting from outside is fine");
}

#[test]
fn circular_calculations_are_refused() {
    let mut value = minimal();
    value["sections"][0]["questions"][0]["calculate"] = json!("${part} + 1");
    value["sections"][0]["questions"][1]["calculate"] = json!("${total} - 1");
    let errors = errors_of(value);
    assert!(has(&errors, Place::Question("total".into()), |p| *p
        == FormProblem::CircularCalculation(vec![
            "total".into(),
            "part".into(),
            "total".into()
        ])));
    let message = errors[0].message(Lang::Ar);
    assert!(message.contains("total → part → total"), "{message}");
    assert!(message.contains("دائرة"), "{message}");
}

#[test]
fn a_circle_is_named_without_the_calculations_that_only_lead_into_it() {
    let mut value = minimal();
    value["sections"][0]["questions"][0]["calculate"] = json!("${part} + 1");
    value["sections"][0]["questions"][1]["calculate"] = json!("${part} * 2");
    assert!(has(
        &errors_of(value),
        Place::Question("part".into()),
        |p| *p == FormProblem::CircularCalculation(vec!["part".into(), "part".into()])
    ));
}

#[test]
fn calculations_are_ordered_by_what_they_use() {
    let mut value = minimal();
    value["sections"][0]["questions"][0]["calculate"] = json!("${part} * 2");
    value["sections"][0]["questions"][1]["calculate"] = json!("3");
    let form = Form::from_json(&value.to_string()).expect("valid");
    assert_eq!(form.calculation_order(), ["part", "total"]);
}

#[test]
fn min_above_max_is_refused() {
    let mut value = minimal();
    value["sections"][0]["questions"][0]["max"] = json!(-1);
    assert!(has(
        &errors_of(value),
        Place::Question("total".into()),
        |p| matches!(p, FormProblem::MinAboveMax { .. })
    ));
}

#[test]
fn problems_are_told_in_both_languages_with_ids_kept_as_written() {
    let mut value = minimal();
    value["sections"][0]["questions"][0]["label"] = json!({"en": "Total"});
    value["sections"][0]["questions"][0]["relevant"] = json!("1 +");
    let errors = errors_of(value);
    let english: Vec<String> = errors.iter().map(|e| e.message(Lang::En)).collect();
    let arabic: Vec<String> = errors.iter().map(|e| e.message(Lang::Ar)).collect();
    assert!(
        english.contains(
            &"question \u{2066}total\u{2069}: the \u{2066}label\u{2069} field has no Arabic text"
                .to_string()
        ),
        "{english:?}"
    );
    assert!(
        english.contains(
            &"question \u{2066}total\u{2069}: the \u{2066}relevant\u{2069} expression does not parse: column 4: expected a value, found the end of the expression"
                .to_string()
        ),
        "{english:?}"
    );
    assert!(
        arabic.contains(
            &"السؤال \u{2066}total\u{2069}: الحقل \u{2066}label\u{2069} بلا نص بالعربية".to_string()
        ),
        "{arabic:?}"
    );
    assert!(
        arabic
            .iter()
            .any(|m| m.contains("كان المتوقع قيمة، فوُجد نهاية العبارة")),
        "{arabic:?}"
    );
    // No English word is left in the Arabic messages but the ids and field names as written.
    for message in &arabic {
        let outside: String = message
            .split('\u{2066}')
            .map(|part| part.split_once('\u{2069}').map_or(part, |(_, rest)| rest))
            .collect();
        assert!(
            !outside.chars().any(|c| c.is_ascii_alphabetic()),
            "{message}"
        );
    }
}
