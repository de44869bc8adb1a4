use proptest::prelude::*;

use super::*;
use crate::core::evaluation::tests::{generated, seed};
use crate::core::expr::Expr;
use crate::core::i18n::Lang;
use crate::core::schema::{Form, FormSpec, Kind, Question};

const PACK: &str = include_str!("../../public/forms/six-sector-survey.v1.json");

/// The form as it means: every expression printed the way the expression language prints it
/// (not by its spacing), no choice list on a kind that takes none, and no choice list that no
/// question uses.
fn normalized(mut spec: FormSpec) -> FormSpec {
    fn expression(written: &mut Option<String>) {
        if let Some(w) = written {
            *w = Expr::parse(w)
                .expect("a checked form's expression parses")
                .to_string();
        }
    }
    fn question(q: &mut Question, used: &mut Vec<String>) {
        expression(&mut q.relevant);
        expression(&mut q.constraint);
        expression(&mut q.calculate);
        expression(&mut q.required_if);
        expression(&mut q.count);
        if !q.kind.uses_choices() {
            q.choices = None;
        }
        used.extend(q.choices.clone());
        for child in &mut q.questions {
            question(child, used);
        }
    }
    let mut used = Vec::new();
    for section in &mut spec.sections {
        expression(&mut section.relevant);
        for q in &mut section.questions {
            question(q, &mut used);
        }
    }
    spec.choice_lists.retain(|name, _| used.contains(name));
    spec
}

/// The form written as an `.xlsx` file and read back.
fn round_trip(form: &Form) -> Result<Imported, Vec<Problem>> {
    let bytes = export::export(form.spec())
        .write()
        .expect("the workbook is written");
    let book = Workbook::read(&bytes).expect("the written workbook reads");
    import(&book, "fallback")
}

#[test]
fn the_six_sector_survey_comes_back_the_same() {
    let form = Form::from_json(PACK).expect("the pack is valid");
    let back = round_trip(&form).unwrap_or_else(|problems| {
        panic!(
            "{:#?}",
            problems
                .iter()
                .map(|p| p.message(Lang::En))
                .collect::<Vec<_>>()
        )
    });
    let json = |spec: FormSpec| serde_json::to_string_pretty(&normalized(spec)).unwrap();
    let (back, sent) = (json(back.form.spec().clone()), json(form.spec().clone()));
    for (i, (b, s)) in back.lines().zip(sent.lines()).enumerate() {
        assert_eq!(b, s, "line {i}");
    }
    assert_eq!(back, sent);
}

#[test]
fn the_same_form_gives_the_same_file() {
    let form = Form::from_json(PACK).expect("the pack is valid");
    let once = export::export(form.spec()).write().unwrap();
    let twice = export::export(form.spec()).write().unwrap();
    assert_eq!(once, twice);
}

/// A workbook from rows of cells, sheet by sheet.
fn book(sheets: &[(&str, &[&[&str]])]) -> Workbook {
    Workbook {
        sheets: sheets
            .iter()
            .map(|(name, rows)| sheet::Sheet {
                name: name.to_string(),
                rows: rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.to_string()).collect())
                    .collect(),
            })
            .collect(),
    }
}

#[test]
fn an_arabic_workbook_in_old_spellings_reads_as_its_author_meant() {
    let workbook = book(&[
        (
            "Survey",
            &[
                &[
                    "Type",
                    "Name",
                    "label:Arabic",
                    "label:English",
                    "bind::relevant",
                    "constraint",
                    "jr:constraintMsg",
                    "required",
                ],
                &["start", "start", "", "", "", "", "", ""],
                &["begin group", "water", "المياه", "Water", "", "", "", ""],
                &[
                    "integer",
                    "Points-Total",
                    "عدد النقاط",
                    "Water points",
                    "",
                    ". >= 0",
                    "",
                    "TRUE()",
                ],
                &[
                    "select one from yn or specify other",
                    "works",
                    "هل تعمل؟",
                    "Working?",
                    "${Points-Total} > 0",
                    "",
                    "",
                    "no",
                ],
                &[
                    "begin repeat",
                    "repairs",
                    "الإصلاحات",
                    "Repairs",
                    "",
                    "",
                    "",
                    "",
                ],
                &[
                    "decimal",
                    "cost",
                    "الكلفة",
                    "",
                    "",
                    ". div 2 < 1000",
                    "أقل من ألفين",
                    "",
                ],
                &["end repeat", "", "", "", "", "", "", ""],
                &["end group", "", "", "", "", "", "", ""],
                &["note", "", "شكراً", "Thanks", "", "", "", ""],
            ],
        ),
        (
            "choices",
            &[
                &["list name", "name", "label:Arabic", "label:English"],
                &["yn", "yes", "نعم", "Yes"],
                &["yn", "no", "لا", "No"],
            ],
        ),
        (
            "settings",
            &[
                &["form_id", "version", "form_title"],
                &["Water Points", "7", "نقاط المياه"],
            ],
        ),
    ]);
    let done = import(&workbook, "fallback").unwrap_or_else(|p| panic!("{p:#?}"));
    let spec = done.form.spec();
    assert_eq!((spec.id.as_str(), spec.version), ("water-points", 7));
    assert_eq!(spec.sections.len(), 2);
    assert_eq!(spec.sections[0].id, "water");
    let total = done
        .form
        .question("points_total")
        .expect("the name became an id");
    assert!(total.required);
    assert_eq!(total.constraint.as_deref(), Some(". >= 0"));
    assert_eq!(
        total.constraint_message.as_ref().map(|t| t.en.as_str()),
        Some("The answer does not meet the question's condition.")
    );
    let works = done.form.question("works").unwrap();
    assert_eq!(works.relevant.as_deref(), Some("${points_total} > 0"));
    assert_eq!(works.choices.as_deref(), Some("yn_or_other"));
    let other = done
        .form
        .question("works_other")
        .expect("or other adds a text question");
    assert_eq!(
        other.relevant.as_deref(),
        Some("${points_total} > 0 and selected(${works}, 'other')")
    );
    let cost = done.form.question("cost").unwrap();
    assert_eq!(
        done.form.repeat_of("cost").map(|r| r.id.as_str()),
        Some("repairs")
    );
    assert_eq!(cost.constraint.as_deref(), Some(". / 2 < 1000"));
    assert_eq!(
        cost.label.en, "الكلفة",
        "a text in one language is copied to the other"
    );
    assert_eq!(
        done.form.question("note_10").map(|q| &q.kind),
        Some(&Kind::Note)
    );
    assert!(done.notes.contains(&Note::Metadata(vec!["start".into()])));
    assert!(done.notes.contains(&Note::GenericConstraint(1)));
}

#[test]
fn times_and_dates_with_times_keep_their_kinds_both_ways() {
    let workbook = book(&[(
        "survey",
        &[
            &["type", "name", "label"],
            &["time", "opened_at", "Opening hour"],
            &["dateTime", "visited", "Visit"],
        ],
    )]);
    let done = import(&workbook, "hours").expect("time and datetime are read");
    let kind = |id: &str| done.form.question(id).map(|q| q.kind.clone());
    assert_eq!(kind("opened_at"), Some(Kind::Time));
    assert_eq!(kind("visited"), Some(Kind::DateTime));
    let back = round_trip(&done.form).expect("they are written back");
    assert_eq!(
        back.form.question("visited").map(|q| &q.kind),
        Some(&Kind::DateTime)
    );
}

#[test]
fn photos_recordings_clips_and_codes_keep_their_kinds_both_ways() {
    let workbook = book(&[(
        "survey",
        &[
            &["type", "name", "label"],
            &["image", "front", "Front of the building"],
            &["audio", "story", "Story"],
            &["video", "walk", "Walk around"],
            &["barcode", "tag", "Asset tag"],
        ],
    )]);
    let done = import(&workbook, "media").expect("media questions are read");
    let back = round_trip(&done.form).expect("they are written back");
    for (id, kind) in [
        ("front", Kind::Photo),
        ("story", Kind::Audio),
        ("walk", Kind::Video),
        ("tag", Kind::Barcode),
    ] {
        assert_eq!(done.form.question(id).map(|q| &q.kind), Some(&kind));
        assert_eq!(back.form.question(id).map(|q| &q.kind), Some(&kind));
    }
}

#[test]
fn an_external_list_is_read_from_its_own_sheet_beside_a_list_of_the_same_name() {
    let workbook = book(&[
        (
            "survey",
            &[
                &["type", "name", "label", "choice_filter"],
                &["select_one places", "kind", "Kind", ""],
                &[
                    "select_one_external places",
                    "place",
                    "Place",
                    "kind=${kind}",
                ],
            ],
        ),
        (
            "choices",
            &[
                &["list_name", "name", "label"],
                &["places", "camp", "Camp"],
                &["places", "town", "Town"],
            ],
        ),
        (
            "EXTERNAL_CHOICES",
            &[
                &["list_name", "name", "label", "kind"],
                &["places", "atmeh", "Atmeh", "camp"],
                &["places", "atmeh", "Atmeh", "town"],
                &["places", "azaz", "Azaz", "town"],
            ],
        ),
    ]);
    let done = import(&workbook, "places").expect("select_one_external is read");
    let list_of = |id: &str| {
        let form = &done.form;
        let q = form.question(id).expect(id);
        (
            q.choices.clone(),
            form.choices(q)
                .iter()
                .map(|c| c.value.clone())
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        list_of("kind"),
        (Some("places".into()), vec!["camp".into(), "town".into()])
    );
    assert_eq!(
        list_of("place"),
        (
            Some("places_external".into()),
            vec!["atmeh".into(), "atmeh".into(), "azaz".into()]
        ),
        "a value may come again under other columns"
    );
}

#[test]
fn a_list_is_read_from_the_csv_file_picked_with_the_workbook() {
    let workbook = book(&[
        (
            "survey",
            &[
                &["type", "name", "label", "choice_filter"],
                &["select_one towns", "district", "District", ""],
                &[
                    "select_one_from_file towns.csv",
                    "town",
                    "Town",
                    "district=${district}",
                ],
                &["select_multiple_from_file Camps.CSV", "camps", "Camps", ""],
            ],
        ),
        (
            "choices",
            &[
                &["list_name", "name", "label"],
                &["towns", "azaz", "Azaz district"],
                &["towns", "afrin", "Afrin district"],
            ],
        ),
    ])
    .write()
    .expect("writes");
    let towns = "\u{feff}name,label::Arabic (ar),label::English (en),district\r\n\
                 azaz_city,أعزاز,Azaz,azaz\r\n\
                 sawran,\"صوران، الريف\",\"Sawran, rural\",azaz\r\n\
                 jindires,جنديرس,Jindires,afrin\r\n";
    let files = [
        ("towns.csv".to_string(), towns.as_bytes().to_vec()),
        (
            "Camps.CSV".to_string(),
            b"name,label\natmeh,Atmeh\n".to_vec(),
        ),
    ];
    let mut picked = files.to_vec();
    picked.push(("notes.csv".to_string(), b"name,label\n".to_vec()));
    let Reading::Form { json, notes } = read_xlsx(&workbook, "towns.xlsx", &picked) else {
        panic!("the workbook reads with its files");
    };
    let said: Vec<&str> = notes.iter().map(|n| n.en.as_str()).collect();
    assert!(
        said.contains(&"Lists read from files (file: choices): \u{2068}towns.csv\u{2069}: 3, \u{2068}Camps.CSV\u{2069}: 1"),
        "{said:?}"
    );
    assert!(
        said.contains(&"Files picked that no question reads from: \u{2068}notes.csv\u{2069}"),
        "{said:?}"
    );
    let form = Form::from_json(&json).expect("a valid form");
    let list_of = |id: &str| {
        let q = form.question(id).expect(id);
        let choices = form.choices(q);
        (
            q.choices.clone().unwrap_or_default(),
            choices.iter().map(|c| c.value.clone()).collect::<Vec<_>>(),
            choices
                .iter()
                .map(|c| c.label.ar.clone())
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        list_of("town"),
        (
            "towns_file".to_string(),
            vec!["azaz_city".into(), "sawran".into(), "jindires".into()],
            vec!["أعزاز".into(), "صوران، الريف".into(), "جنديرس".into()]
        ),
        "the file's list, named after it beside the choices sheet's list of that name"
    );
    let town = form.question("town").expect("asked");
    assert_eq!(
        form.choices(town)[2]
            .columns
            .get("district")
            .map(String::as_str),
        Some("afrin"),
        "the file's further columns filter its choices"
    );
    assert_eq!(list_of("camps").0, "camps");
    assert_eq!(
        form.question("camps").map(|q| &q.kind),
        Some(&Kind::SelectMany)
    );

    let Reading::Refused { problems } = read_xlsx(&workbook, "towns.xlsx", &files[..1]) else {
        panic!("a list file left out is refused");
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].en,
        "sheet \u{2066}survey\u{2069}, row 4, column \u{2066}type (A)\u{2069}: the choice list is read from the file \u{2066}Camps.CSV\u{2069}, which was not picked with the workbook: pick the workbook and the file together"
    );
    assert!(problems[0].ar.contains("اختر المصنف والملف معاً"));

    // Excel's "CSV" on an Arabic Windows is Windows-1256, not UTF-8: refused, not misread.
    let windows_1256 = vec![b'n', b'a', b'm', b'e', b'\n', 0xC3, 0xDA, 0xD2, 0xC7, 0xD2];
    let Reading::Refused { problems } = read_xlsx(
        &workbook,
        "towns.xlsx",
        &[files[0].clone(), ("Camps.CSV".into(), windows_1256)],
    ) else {
        panic!("a list file not in UTF-8 is refused");
    };
    assert_eq!(
        problems[0].en,
        "the file \u{2066}Camps.CSV\u{2069} is not text in UTF-8: save it from Excel as “CSV UTF-8”"
    );
    // Blank rows are left out; a quote never closed is refused where it opens.
    let Reading::Form { .. } = read_xlsx(
        &workbook,
        "towns.xlsx",
        &[
            files[0].clone(),
            (
                "Camps.CSV".into(),
                b"name,label\n\natmeh,Atmeh\n,,\n".to_vec(),
            ),
        ],
    ) else {
        panic!("blank rows are left out");
    };
    let Reading::Refused { problems } = read_xlsx(
        &workbook,
        "towns.xlsx",
        &[
            files[0].clone(),
            (
                "Camps.CSV".into(),
                b"name,label\natmeh,\"Atmeh\nazaz,Azaz\n".to_vec(),
            ),
        ],
    ) else {
        panic!("a quote never closed is refused");
    };
    assert_eq!(
        problems[0].en,
        "sheet \u{2066}Camps.CSV\u{2069}, row 2: a cell in quotes starts here and is never closed"
    );
    // A semicolon-separated file has no name column.
    let Reading::Refused { problems } = read_xlsx(
        &workbook,
        "towns.xlsx",
        &[
            files[0].clone(),
            ("Camps.CSV".into(), b"name;label\natmeh;Atmeh\n".to_vec()),
        ],
    ) else {
        panic!("a list file without a name column is refused");
    };
    assert_eq!(
        problems.iter().map(|p| p.en.as_str()).collect::<Vec<_>>(),
        ["sheet \u{2066}Camps.CSV\u{2069}, row 1: there is no \u{2066}name\u{2069} column"]
    );

    let xml = book(&[(
        "survey",
        &[
            &["type", "name", "label"],
            &["select_one_from_file places.xml", "p", "P"],
        ],
    )]);
    assert_eq!(
        import(&xml, "xml").unwrap_err()[0].issue,
        Issue::Unsupported(Feature::Type("select_one_from_file .xml".into()))
    );
    let no_extension = book(&[(
        "survey",
        &[
            &["type", "name", "label"],
            &["select_one_from_file places", "p", "P"],
        ],
    )]);
    assert_eq!(
        import(&no_extension, "places").unwrap_err()[0].issue,
        Issue::UnknownType("select_one_from_file places".into())
    );
}

#[test]
fn a_name_used_again_in_another_group_gets_an_id_of_its_own() {
    let workbook = book(&[(
        "survey",
        &[
            &["type", "name", "label", "relevant"],
            &["begin group", "maize", "Maize", ""],
            &["integer", "price", "Price", ""],
            &["end group", "", "", ""],
            &["begin group", "beans", "Beans", ""],
            &["integer", "price", "Price", ""],
            &["integer", "sold", "Sold", "${price} > 0"],
            &["end group", "", "", ""],
        ],
    )]);
    let done = import(&workbook, "market").expect("XLSForm allows it");
    assert_eq!(
        done.form.question_ids(),
        ["price", "price_2", "sold"],
        "each row keeps its question"
    );
    assert_eq!(
        done.form
            .question("sold")
            .and_then(|q| q.relevant.as_deref()),
        Some("${price} > 0"),
        "a reference reads the first of that name"
    );
}

#[test]
fn repeats_nest_and_count_their_instances_from_an_answer() {
    let workbook = book(&[(
        "survey",
        &[
            &["type", "name", "label", "required", "repeat_count"],
            &["begin repeat", "trees", "Trees", "", ""],
            &["integer", "stem_count", "Stems", "yes", ""],
            &["begin repeat", "stems", "Stems", "", "${stem_count}"],
            &["text", "health", "Health", "", ""],
            &["decimal", "height", "Height", "${health} = 'dead'", ""],
            &["end repeat", "", "", "", ""],
            &["end repeat", "", "", "", ""],
        ],
    )]);
    let done = import(&workbook, "biomass").expect("a repeat inside a repeat");
    assert_eq!(done.form.repeats("height"), ["trees", "stems"]);
    let stems = done.form.question("stems").expect("the inner group");
    assert_eq!(stems.count.as_deref(), Some("${stem_count}"));
    let height = done.form.question("height").expect("height");
    assert_eq!(height.required_if.as_deref(), Some("${health} = 'dead'"));
    assert!(!height.required);

    let back = round_trip(&done.form).expect("goes out and comes back");
    assert_eq!(
        normalized(back.form.spec().clone()),
        normalized(done.form.spec().clone())
    );
}

#[test]
fn a_loop_over_a_list_asks_its_questions_once_for_each_choice() {
    let workbook = book(&[
        (
            "survey",
            &[
                &[
                    "type",
                    "name",
                    "label::Arabic (ar)",
                    "label::English (en)",
                    "relevant",
                ],
                &[
                    "begin loop over toilet",
                    "toilets",
                    "المراحيض",
                    "Toilets",
                    "",
                ],
                &[
                    "integer",
                    "number",
                    "كم %(label)s؟",
                    "How many %(label)s?",
                    "",
                ],
                &[
                    "text",
                    "state",
                    "حال %(name)s",
                    "State of %(name)s",
                    "${number} > 0",
                ],
                &["end loop", "", "", "", ""],
                &["text", "after", "بعد", "After", "${number_pit} > 1"],
            ],
        ),
        (
            "choices",
            &[
                &[
                    "list_name",
                    "name",
                    "label::English (en)",
                    "label::Arabic (ar)",
                ],
                &["toilet", "pit", "Pit latrine", "حفرة"],
                &["toilet", "flush", "Flush toilet", "مرحاض بالماء"],
            ],
        ),
    ]);
    let done = import(&workbook, "toilets").expect("a loop reads");
    assert_eq!(
        done.form.question_ids(),
        [
            "toilets_pit",
            "number_pit",
            "state_pit",
            "toilets_flush",
            "number_flush",
            "state_flush",
            "after"
        ],
        "a heading for each choice, then the loop's questions named after it"
    );
    let question = |id: &str| done.form.question(id).expect("asked");
    assert_eq!(question("number_flush").label.ar, "كم مرحاض بالماء؟");
    assert_eq!(question("number_flush").label.en, "How many Flush toilet?");
    assert_eq!(question("toilets_pit").label.en, "Pit latrine");
    assert_eq!(question("state_pit").label.en, "State of pit");
    assert_eq!(
        question("state_flush").relevant.as_deref(),
        Some("${number_flush} > 0"),
        "a reference inside the loop reads the same choice's answer"
    );
    assert_eq!(done.form.spec().sections[0].title.en, "Toilets");

    // A choice named like a question of the loop, another named in Arabic, a question named
    // like a choice after the loop, and labels in another order on the choices sheet.
    let workbook = book(&[
        (
            "survey",
            &[
                &[
                    "type",
                    "name",
                    "label::English (en)",
                    "label::Arabic (ar)",
                    "relevant",
                ],
                &[
                    "begin loop over source",
                    "sources",
                    "Sources",
                    "المصادر",
                    "",
                ],
                &[
                    "select_one yn",
                    "reason",
                    "Uses %(label)s?",
                    "يستخدم %(label)s؟",
                    "",
                ],
                &["text", "reason_other", "Why", "لماذا", "${reason} = 'yes'"],
                &["end loop", "", "", "", ""],
                &["text", "well", "Well", "بئر", ""],
                &["text", "after", "After", "بعد", "${well} != ''"],
            ],
        ),
        (
            "choices",
            &[
                &["list_name", "name", "label::English", "label::Arabic"],
                &["source", "well", "Well", "بئر"],
                &["source", "other", "Other", "غيره"],
                &["source", "نهر", "River", "نهر"],
                &["yn", "yes", "Yes", "نعم"],
            ],
        ),
    ]);
    let done = import(&workbook, "sources").expect("reads");
    let relevant = |id: &str| {
        done.form
            .question(id)
            .and_then(|q| q.relevant.clone())
            .unwrap_or_default()
    };
    assert_eq!(relevant("reason_other_other"), "${reason_other} = 'yes'");
    assert_eq!(relevant("reason_other_3"), "${reason_3} = 'yes'");
    assert_eq!(
        relevant("after"),
        "${well} != ''",
        "the question, not the loop's group"
    );
    assert_eq!(
        done.form.question("reason_3").map(|q| q.label.ar.as_str()),
        Some("يستخدم نهر؟"),
        "the Arabic label, matched by language"
    );

    let bad = book(&[
        (
            "survey",
            &[
                &["type", "name", "label", "relevant"],
                &["begin loop over nothing", "a", "A", ""],
                &["end loop", "", "", ""],
                &["begin_loop over sizes", "d", "D", ""],
            ],
        ),
        (
            "choices",
            &[&["list name", "name", "label"], &["sizes", "s", "Small"]],
        ),
    ]);
    let placed: Vec<(usize, Issue)> = import(&bad, "bad")
        .unwrap_err()
        .into_iter()
        .map(|p| (p.row, p.issue))
        .collect();
    assert_eq!(
        placed,
        [
            (2, Issue::UnknownList("nothing".into())),
            (4, Issue::Unclosed("d".into())),
        ],
        "a loop that cannot be written out is refused where it begins, before anything is read"
    );
    let read_after = book(&[
        (
            "survey",
            &[
                &["type", "name", "label", "relevant"],
                &["begin loop over sizes", "b", "B", ""],
                &["integer", "n", "N %(label)s", "${gone} = 1"],
                &["end loop", "", "", ""],
                &["text", "c", "C", "${missing} = 1"],
            ],
        ),
        (
            "choices",
            &[
                &["list name", "name", "label"],
                &["sizes", "s", "Small"],
                &["sizes", "m", "Medium"],
            ],
        ),
    ]);
    let placed: Vec<(usize, Issue)> = import(&read_after, "bad")
        .unwrap_err()
        .into_iter()
        .map(|p| (p.row, p.issue))
        .collect();
    assert_eq!(
        placed,
        [
            (3, Issue::UnknownName("gone".into())),
            (3, Issue::UnknownName("gone".into())),
            (5, Issue::UnknownName("missing".into())),
        ],
        "a problem inside a loop is placed on the workbook's own row, once for each choice"
    );
}

#[test]
fn bad_workbooks_are_refused_with_every_row_named_and_nothing_returned() {
    let workbook = book(&[(
        "survey",
        &[
            &["type", "name", "label", "relevant", "label"],
            &["integer", "a", "A", "", ""],
        ],
    )]);
    let problems = import(&workbook, "f").unwrap_err();
    assert_eq!(problems[0].message(Lang::En), "sheet \u{2066}survey\u{2069}, row 1, column \u{2066}label (E)\u{2069}: the column \u{2066}label\u{2069} appears twice");
    assert!(problems[0]
        .message(Lang::Ar)
        .starts_with("ورقة \u{2066}survey\u{2069}، الصف ١، العمود"));

    let workbook = book(&[(
        "survey",
        &[
            &["type", "name", "label", "relevant", "constraint"],
            &["integer", "a", "A", "${nobody} = 1", ""],
            &["textX", "b", "B", "", ""],
            &["select_one missing", "c", "C", "", ""],
            &["text", "d", "D", "", "regex(., '(?=[0-9])')"],
            &["geoshape", "e", "E", "", ""],
            &["begin group", "g", "G", "", ""],
        ],
    )]);
    let problems = import(&workbook, "f").unwrap_err();
    let placed: Vec<(usize, Option<&str>)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_ref().map(|c| c.0.as_str())))
        .collect();
    assert_eq!(
        placed,
        [
            (2, Some("relevant")),
            (3, Some("type")),
            (4, Some("type")),
            (5, Some("constraint")),
            (6, Some("type")),
            (7, Some("type"))
        ]
    );
    assert_eq!(
        problems[3].issue,
        Issue::Unsupported(Feature::Pattern("(?=[0-9])".into()))
    );
    assert_eq!(
        problems[4].issue,
        Issue::Unsupported(Feature::Type("geoshape".into()))
    );
    assert_eq!(problems[5].issue, Issue::Unclosed("g".into()));
    for p in &problems {
        assert!(!p.message(Lang::Ar).is_empty() && p.message(Lang::Ar) != p.message(Lang::En));
    }

    let not_xlsx = Workbook::read(b"{\"format\": \"nahda.form\"}");
    assert!(not_xlsx.is_err());
    assert_eq!(
        import(&Workbook::default(), "f").unwrap_err()[0].issue,
        Issue::NoSurveySheet
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any form, written as XLSForm and read back, is the same form.
    #[test]
    fn a_form_comes_back_from_xlsform_the_same(
        top in prop::collection::vec(seed(), 1..9),
        children in prop::collection::vec(seed(), 1..4),
        nested in prop::collection::vec(seed(), 1..3),
        sections in 1..4usize,
        shown in prop::collection::vec(0..16usize, 3),
    ) {
        let form = generated(&top, &children, &nested, sections, &shown);
        let back = round_trip(&form).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        prop_assert_eq!(normalized(back.form.spec().clone()), normalized(form.spec().clone()));
    }

    /// Any expression goes out as XPath and comes back the same.
    #[test]
    fn an_expression_comes_back_from_xpath_the_same(expr in crate::core::expr::tests::arb_expr()) {
        prop_assert_eq!(xpath::read(&expr.to_xpath(), &|n| Some(n.to_string()), true), Ok(expr));
    }
}
