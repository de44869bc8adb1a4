//! A Nahda form written as an XLSForm workbook that pyxform, KoboToolbox and ODK accept: sections
//! as groups (one page each in ODK Collect), kinds as XLSForm types, expressions in XPath, and
//! Arabic and English in language columns, Arabic the default. What XLSForm has no column for
//! (a kind such as `area` or `severity`, number bounds, repeat counts, personal data) goes into
//! a column named `nahda`, which other tools ignore and [`super::import`] reads back, so that a
//! form comes back the same.

use crate::core::expr::Expr;
use crate::core::i18n::Lang;
use crate::core::schema::{Appearance, Choice, FormSpec, Kind, Question, Section, Text};
use crate::xlsform::import::{written_as, NahdaColumn, YES_NO_LIST};
use crate::xlsform::messages::XlsMsg;
use crate::xlsform::sheet::{Sheet, Workbook};

const ARABIC: &str = "Arabic (ar)";
const ENGLISH: &str = "English (en)";

const SURVEY_COLUMNS: [&str; 19] = [
    "type",
    "name",
    "label::Arabic (ar)",
    "label::English (en)",
    "hint::Arabic (ar)",
    "hint::English (en)",
    "required",
    "relevant",
    "constraint",
    "constraint_message::Arabic (ar)",
    "constraint_message::English (en)",
    "calculation",
    "choice_filter",
    "default",
    "read_only",
    "appearance",
    "repeat_count",
    "nahda",
    "",
];

/// One row of the survey sheet, by column.
#[derive(Default)]
struct Row {
    cells: [String; SURVEY_COLUMNS.len()],
}

impl Row {
    fn set(&mut self, column: &str, value: impl Into<String>) {
        if let Some(i) = SURVEY_COLUMNS.iter().position(|c| *c == column) {
            self.cells[i] = value.into();
        }
    }

    fn text(&mut self, base: &str, text: Option<&Text>) {
        if let Some(text) = text {
            self.set(&format!("{base}::{ARABIC}"), text.ar.clone());
            self.set(&format!("{base}::{ENGLISH}"), text.en.clone());
        }
    }
}

/// An expression of the form in XPath.
fn xpath(written: &Option<String>) -> String {
    written.as_deref().map_or(String::new(), |w| {
        Expr::parse(w).map_or_else(|_| w.to_string(), |e| e.to_xpath())
    })
}

/// The form as an XLSForm workbook.
pub fn export(spec: &FormSpec) -> Workbook {
    fn ids<'s>(questions: &'s [Question], out: &mut Vec<&'s str>) {
        for q in questions {
            out.push(&q.id);
            ids(&q.questions, out);
        }
    }
    let mut question_ids = Vec::new();
    for section in &spec.sections {
        ids(&section.questions, &mut question_ids);
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut uses_yes_no = false;
    for section in &spec.sections {
        rows.push(group(section, question_ids.contains(&section.id.as_str())));
        for q in &section.questions {
            uses_yes_no |= write_question(q, &mut rows);
        }
        let mut end = Row::default();
        end.set("type", "end group");
        rows.push(end);
    }
    let mut survey = vec![SURVEY_COLUMNS
        .iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()];
    survey.extend(rows.into_iter().map(|r| r.cells.to_vec()));

    // A choice's further columns, which choice filters read, each a column of the sheet.
    let mut extra: Vec<&str> = Vec::new();
    for choice in spec.choice_lists.values().flatten() {
        for name in choice.columns.keys() {
            if !extra.contains(&name.as_str()) {
                extra.push(name);
            }
        }
    }
    let header = [
        "list_name".to_string(),
        "name".into(),
        format!("label::{ARABIC}"),
        format!("label::{ENGLISH}"),
    ];
    let mut choices = vec![header
        .into_iter()
        .chain(extra.iter().map(|e| e.to_string()))
        .collect::<Vec<_>>()];
    let mut lists: Vec<(&str, Vec<Choice>)> = spec
        .choice_lists
        .iter()
        .map(|(name, list)| (name.as_str(), list.clone()))
        .collect();
    if uses_yes_no {
        let choice = |value: &str, msg: XlsMsg| Choice {
            value: value.into(),
            label: Text {
                ar: msg.text(Lang::Ar).into(),
                en: msg.text(Lang::En).into(),
            },
            columns: Default::default(),
        };
        lists.push((
            YES_NO_LIST,
            vec![
                choice("yes", XlsMsg::LabelYes),
                choice("no", XlsMsg::LabelNo),
            ],
        ));
    }
    for (name, list) in lists {
        for choice in list {
            let mut row = vec![
                name.to_string(),
                choice.value,
                choice.label.ar,
                choice.label.en,
            ];
            row.extend(
                extra
                    .iter()
                    .map(|e| choice.columns.get(*e).cloned().unwrap_or_default()),
            );
            choices.push(row);
        }
    }

    let form = NahdaColumn {
        title: Some(spec.title.clone()),
        description: spec.description.clone(),
        ..NahdaColumn::default()
    };
    let settings = vec![
        vec![
            "form_id".into(),
            "version".into(),
            "form_title".into(),
            "default_language".into(),
            "nahda".into(),
        ],
        vec![
            spec.id.clone(),
            spec.version.to_string(),
            spec.title.ar.clone(),
            ARABIC.into(),
            form.cell(),
        ],
    ];
    Workbook {
        sheets: vec![
            Sheet {
                name: "survey".into(),
                rows: survey,
            },
            Sheet {
                name: "choices".into(),
                rows: choices,
            },
            Sheet {
                name: "settings".into(),
                rows: settings,
            },
        ],
    }
}

/// A section's `begin group` row. XLSForm names groups and questions in one namespace, so a
/// section whose id is also a question's is named `{id}_section`, its id kept in `nahda`.
fn group(section: &Section, clashes: bool) -> Row {
    let mut row = Row::default();
    row.set("type", "begin group");
    let name = if clashes {
        format!("{}_section", section.id)
    } else {
        section.id.clone()
    };
    row.set("name", name);
    row.text("label", Some(&section.title));
    row.text("hint", section.description.as_ref());
    row.set("relevant", xpath(&section.relevant));
    // One page per section in ODK Collect, which cannot page a repeat inside a field list.
    if !section.questions.iter().any(|q| q.kind == Kind::Repeat) {
        row.set("appearance", "field-list");
    }
    let fields = NahdaColumn {
        id: clashes.then(|| section.id.clone()),
        ..NahdaColumn::default()
    };
    row.set("nahda", fields.cell());
    row
}

/// Writes a question's rows (a repeat's with its questions); true when it is a yes/no question,
/// whose choice list the workbook must carry.
fn write_question(q: &Question, rows: &mut Vec<Row>) -> bool {
    let mut row = Row::default();
    let list = q.choices.clone().unwrap_or_default();
    let xls_type = match &q.kind {
        Kind::Text | Kind::LongText | Kind::Phone | Kind::Area => "text".to_string(),
        Kind::Integer => "integer".into(),
        Kind::Decimal | Kind::Percentage => "decimal".into(),
        Kind::SelectOne | Kind::Severity => format!("select_one {list}"),
        Kind::YesNo => format!("select_one {YES_NO_LIST}"),
        Kind::SelectMany => format!("select_multiple {list}"),
        Kind::Ranked => format!("rank {list}"),
        Kind::Date => "date".into(),
        Kind::Time => "time".into(),
        Kind::DateTime => "datetime".into(),
        Kind::Gps => "geopoint".into(),
        Kind::Barcode => "barcode".into(),
        Kind::GpsLine => "geotrace".into(),
        Kind::Photo => "image".into(),
        Kind::Audio => "audio".into(),
        Kind::Video => "video".into(),
        Kind::Note => "note".into(),
        Kind::Repeat => "begin repeat".into(),
        Kind::Unknown(name) => name.clone(),
    };
    row.set("type", xls_type);
    row.set("name", q.id.clone());
    row.text("label", Some(&q.label));
    row.text("hint", q.hint.as_ref());
    if q.required {
        row.set("required", "yes");
    } else {
        row.set("required", xpath(&q.required_if));
    }
    if q.read_only {
        row.set("read_only", "yes");
    }
    row.set("relevant", xpath(&q.relevant));
    row.set("constraint", xpath(&q.constraint));
    row.text("constraint_message", q.constraint_message.as_ref());
    row.set("calculation", xpath(&q.calculate));
    row.set("choice_filter", xpath(&q.choice_filter));
    row.set("default", q.default.clone().unwrap_or_default());
    let appearance = match (&q.kind, q.appearance) {
        (Kind::LongText, _) => "multiline",
        (Kind::Phone, _) => "numbers",
        (Kind::SelectOne, Some(Appearance::Dropdown)) => "minimal",
        _ => "",
    };
    row.set("appearance", appearance);
    row.set("repeat_count", xpath(&q.count));
    let fields = NahdaColumn {
        kind: written_as(&q.kind).map(|_| q.kind.clone()),
        max_choices: q.max_choices,
        min: q.min,
        max: q.max,
        min_count: q.min_count,
        max_count: q.max_count,
        sensitive: q.sensitive,
        appearance: q.appearance.filter(|a| *a == Appearance::Radio),
        ..NahdaColumn::default()
    };
    row.set("nahda", fields.cell());
    rows.push(row);
    let mut yes_no = q.kind == Kind::YesNo;
    if q.kind == Kind::Repeat {
        for child in &q.questions {
            yes_no |= write_question(child, rows);
        }
        let mut end = Row::default();
        end.set("type", "end repeat");
        rows.push(end);
    }
    yes_no
}
