//! An XLSForm workbook read as a Nahda form definition: the `survey`, `choices` and `settings`
//! sheets (names and columns matched without regard to case, old spellings too), question
//! types mapped to Nahda's kinds, groups to sections, XPath to Nahda's expressions, and the
//! Arabic and English texts picked from the language columns. Every row that cannot be read is
//! reported with its sheet, row and column, and nothing is returned unless the whole workbook
//! reads and the result passes the form check (`Form::check`).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::core::expr::{BinOp, Expr, ParseError};
use crate::core::i18n::{has_arabic, isolate, isolate_ltr, Lang};
use crate::core::phrase::number;
use crate::core::schema::{
    Appearance, Choice, Form, FormError, FormSpec, Kind, Place, Question, Section, Text,
    FORM_FORMAT,
};
use crate::xlsform::loops;
use crate::xlsform::messages::XlsMsg;
use crate::xlsform::sheet::{column_letters, Sheet, Workbook};
use crate::xlsform::xpath::{self, XPathError};

/// A workbook read as a form, with what the person should know about how it was read.
#[derive(Debug)]
pub struct Imported {
    pub form: Form,
    pub notes: Vec<Note>,
}

/// One thing wrong in a workbook, where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub sheet: String,
    /// The row as the spreadsheet numbers it (1 is the header); 0 for the whole sheet.
    pub row: usize,
    /// The column's header and letter, when one column is at fault.
    pub column: Option<(String, usize)>,
    pub issue: Issue,
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq)]
pub enum Issue {
    NotAWorkbook(String),
    /// A list file that is not text in UTF-8.
    NotUtf8(String),
    /// A cell of a list file opens a quote that is never closed.
    UnclosedQuote,
    NoSurveySheet,
    NoColumn(&'static str),
    DuplicateColumn(String),
    /// Valid XLSForm that Nahda cannot carry out yet.
    Unsupported(Feature),
    UnknownType(String),
    MissingName,
    MissingList,
    UnknownList(String),
    /// The CSV file a list is read from was not given with the workbook.
    MissingFile(String),
    DuplicateChoice {
        list: String,
        value: String,
    },
    MissingChoiceName,
    MissingCalculation,
    UnmatchedEnd(String),
    Unclosed(String),
    UnknownName(String),
    /// The expression as written, and the parser's problem when it got that far.
    BadExpression(String, Option<ParseError>),
    BadNumber(String),
    BadNahdaColumn(String),
    /// The form built from the workbook fails Nahda's form check.
    Check(FormError),
}

/// A feature of XLSForm that Nahda does not support yet, named so that the person knows what to
/// change and the project knows what to build next.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Feature {
    Function(String),
    Path(String),
    Type(String),
    Column(String),
    /// `read_only` or `default` given as an expression.
    Condition(String),
    /// A `regex()` pattern outside what `core::pattern` reads.
    Pattern(String),
}

/// What the person should know about a workbook that was read.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    Metadata(Vec<String>),
    Languages {
        arabic: String,
        english: String,
    },
    IgnoredLanguages(Vec<String>),
    Copied(usize),
    Calculations(usize),
    GenericConstraint(usize),
    RequiredMessages(usize),
    Appearances(Vec<String>),
    Version(String),
    DroppedDuplicates(usize),
    GroupHeadings(usize),
    /// The files lists were read from, with their number of choices.
    ListFiles(Vec<(String, usize)>),
    /// CSV files picked with the workbook that no question reads from.
    UnusedFiles(Vec<String>),
}

impl Feature {
    /// The feature in words.
    pub fn message(&self, lang: Lang) -> String {
        let code = |s: &str| isolate_ltr(s);
        match self {
            Feature::Function(n) => XlsMsg::FeatureFunction.with(lang, &[("n", &code(n))]),
            Feature::Path(n) => XlsMsg::FeaturePath.with(lang, &[("n", &code(n))]),
            Feature::Type(n) => XlsMsg::FeatureType.with(lang, &[("n", &code(n))]),
            Feature::Column(n) => XlsMsg::FeatureColumn.with(lang, &[("n", &code(n))]),
            Feature::Condition(n) => XlsMsg::FeatureCondition.with(lang, &[("n", &code(n))]),
            Feature::Pattern(p) => XlsMsg::FeaturePattern.with(lang, &[("p", &code(p))]),
        }
    }
}

impl Problem {
    /// Where and what, in words of the language.
    pub fn message(&self, lang: Lang) -> String {
        let issue = self.issue.message(lang);
        if self.row == 0 {
            return issue;
        }
        let sheet = isolate_ltr(&self.sheet);
        let row = number(self.row as u64, lang);
        let place = match &self.column {
            Some((header, index)) => XlsMsg::PlaceColumn.with(
                lang,
                &[
                    ("s", &sheet),
                    ("r", &row),
                    (
                        "c",
                        &isolate_ltr(&format!("{header} ({})", column_letters(*index))),
                    ),
                ],
            ),
            None => XlsMsg::Place.with(lang, &[("s", &sheet), ("r", &row)]),
        };
        format!("{place}: {issue}")
    }
}

impl Issue {
    /// The feature this problem is about, when the workbook is valid XLSForm that Nahda does
    /// not support yet.
    pub fn unsupported(&self) -> Option<&Feature> {
        match self {
            Issue::Unsupported(feature) => Some(feature),
            _ => None,
        }
    }

    fn message(&self, lang: Lang) -> String {
        let code = |s: &str| isolate_ltr(s);
        let text = |msg: XlsMsg| msg.text(lang).to_string();
        match self {
            Issue::NotAWorkbook(e) => XlsMsg::NotAWorkbook.with(lang, &[("e", &code(e))]),
            Issue::NotUtf8(f) => XlsMsg::NotUtf8.with(lang, &[("f", &code(f))]),
            Issue::UnclosedQuote => text(XlsMsg::UnclosedQuote),
            Issue::NoSurveySheet => text(XlsMsg::NoSurveySheet),
            Issue::NoColumn(c) => XlsMsg::NoColumn.with(lang, &[("c", &code(c))]),
            Issue::DuplicateColumn(c) => XlsMsg::DuplicateColumn.with(lang, &[("c", &code(c))]),
            Issue::Unsupported(f) => XlsMsg::Unsupported.with(lang, &[("f", &f.message(lang))]),
            Issue::UnknownType(t) => XlsMsg::UnknownType.with(lang, &[("t", &code(t))]),
            Issue::MissingName => text(XlsMsg::MissingName),
            Issue::MissingList => text(XlsMsg::MissingList),
            Issue::UnknownList(l) => XlsMsg::UnknownList.with(lang, &[("l", &code(l))]),
            Issue::MissingFile(f) => XlsMsg::MissingFile.with(lang, &[("f", &code(f))]),
            Issue::DuplicateChoice { list, value } => {
                XlsMsg::DuplicateChoice.with(lang, &[("v", &code(value)), ("l", &code(list))])
            }
            Issue::MissingChoiceName => text(XlsMsg::MissingChoiceName),
            Issue::MissingCalculation => text(XlsMsg::MissingCalculation),
            Issue::UnmatchedEnd(t) => XlsMsg::UnmatchedEnd.with(lang, &[("t", &code(t))]),
            Issue::Unclosed(n) => XlsMsg::Unclosed.with(lang, &[("n", &code(n))]),
            Issue::UnknownName(n) => XlsMsg::UnknownName.with(lang, &[("n", &code(n))]),
            Issue::BadExpression(written, problem) => {
                let problem = problem
                    .as_ref()
                    .map(|p| format!(": {}", p.problem_message(lang)));
                XlsMsg::BadExpression.with(
                    lang,
                    &[(
                        "e",
                        &format!("{}{}", code(written), problem.unwrap_or_default()),
                    )],
                )
            }
            Issue::BadNumber(v) => XlsMsg::BadNumber.with(lang, &[("v", &code(v))]),
            Issue::BadNahdaColumn(e) => XlsMsg::BadNahdaColumn.with(lang, &[("e", &code(e))]),
            Issue::Check(error) => error.message(lang),
        }
    }
}

impl Note {
    /// The note in words of the language.
    pub fn message(&self, lang: Lang) -> String {
        let list = |items: &[String]| {
            let items: Vec<String> = items.iter().map(|i| isolate(i)).collect();
            items.join(if lang.is_arabic() { "، " } else { ", " })
        };
        let n = |n: usize| number(n as u64, lang);
        match self {
            Note::Metadata(types) => XlsMsg::NoteMetadata.with(lang, &[("t", &list(types))]),
            Note::Languages { arabic, english } => XlsMsg::NoteLanguages
                .with(lang, &[("a", &isolate(arabic)), ("e", &isolate(english))]),
            Note::IgnoredLanguages(l) => {
                XlsMsg::NoteIgnoredLanguages.with(lang, &[("l", &list(l))])
            }
            Note::Copied(k) => XlsMsg::NoteCopied.with(lang, &[("n", &n(*k))]),
            Note::Calculations(k) => XlsMsg::NoteCalculations.with(lang, &[("n", &n(*k))]),
            Note::GenericConstraint(k) => {
                XlsMsg::NoteGenericConstraint.with(lang, &[("n", &n(*k))])
            }
            Note::RequiredMessages(k) => XlsMsg::NoteRequiredMessages.with(lang, &[("n", &n(*k))]),
            Note::Appearances(a) => XlsMsg::NoteAppearances.with(lang, &[("a", &list(a))]),
            Note::Version(v) => XlsMsg::NoteVersion.with(lang, &[("v", &isolate_ltr(v))]),
            Note::DroppedDuplicates(k) => {
                XlsMsg::NoteDroppedDuplicates.with(lang, &[("n", &n(*k))])
            }
            Note::GroupHeadings(k) => XlsMsg::NoteGroupHeadings.with(lang, &[("n", &n(*k))]),
            Note::ListFiles(files) => {
                let read: Vec<String> = files
                    .iter()
                    .map(|(file, k)| format!("{}: {}", isolate(file), n(*k)))
                    .collect();
                XlsMsg::NoteListFiles.with(
                    lang,
                    &[("l", &read.join(if lang.is_arabic() { "، " } else { ", " }))],
                )
            }
            Note::UnusedFiles(files) => XlsMsg::NoteUnusedFiles.with(lang, &[("l", &list(files))]),
        }
    }
}

/// Nahda-only fields of a question, section or form, written by the export in a column named
/// `nahda` that ODK and Kobo ignore, so that a form sent out as XLSForm comes back the same.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NahdaColumn {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// A section's id, when its group could not be named after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_choices: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_count: Option<u32>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sensitive: bool,
    /// Radio buttons asked for, which XLSForm has no appearance for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appearance: Option<Appearance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

impl NahdaColumn {
    /// The column's cell: empty when there is nothing to say.
    pub(crate) fn cell(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        if json == "{}" {
            String::new()
        } else {
            json
        }
    }
}

/// The kinds the export marks in the `nahda` column, with the XLSForm type it writes for each:
/// the import takes the mark only on a row of that type.
pub(crate) fn written_as(kind: &Kind) -> Option<&'static str> {
    Some(match kind {
        Kind::LongText | Kind::Phone | Kind::Area => "text",
        Kind::Percentage => "decimal",
        Kind::YesNo | Kind::Severity => "select_one",
        Kind::Ranked => "rank",
        _ => return None,
    })
}

/// The columns of the choices sheet that are not a choice's own further columns (which a
/// choice filter reads).
const CHOICE_SHEET_COLUMNS: &[&str] = &[
    "list_name",
    "list name",
    "name",
    "label",
    "image",
    "audio",
    "video",
    "big-image",
    "media",
];

/// A choice's further columns: those of the choices sheet that are not its list, name, label or
/// media, by their header, where the row has a value.
fn further_columns(columns: &Columns, row: &[String]) -> BTreeMap<String, String> {
    columns
        .all
        .iter()
        .filter(|c| c.lang.is_none() && !CHOICE_SHEET_COLUMNS.contains(&c.base.as_str()))
        .filter_map(|c| {
            let cell = row.get(c.index).map_or("", |t| t.trim());
            (!cell.is_empty()).then(|| (c.header.clone(), cell.to_string()))
        })
        .collect()
}

/// The list the export writes for a yes/no question (Nahda's `yes_no` kind has none).
pub(crate) const YES_NO_LIST: &str = "nahda_yes_no";

/// A column of a sheet: its base name (`label`, `relevant`) and language, if any.
#[derive(Debug, Clone)]
pub(super) struct Column {
    pub index: usize,
    pub header: String,
    pub base: String,
    pub lang: Option<String>,
}

/// The columns of a sheet, read from its first row.
pub(super) struct Columns {
    sheet: String,
    pub all: Vec<Column>,
}

impl Columns {
    pub fn read(sheet: &Sheet, problems: &mut Vec<Problem>) -> Columns {
        let mut all: Vec<Column> = Vec::new();
        let header = sheet.rows.first().cloned().unwrap_or_default();
        for (index, text) in header.iter().enumerate() {
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            let (base, lang) = split_header(text);
            if all.iter().any(|c| c.base == base && c.lang == lang) {
                problems.push(Problem {
                    sheet: sheet.name.clone(),
                    row: 1,
                    column: Some((text.to_string(), index)),
                    issue: Issue::DuplicateColumn(text.to_string()),
                });
            }
            all.push(Column {
                index,
                header: text.to_string(),
                base,
                lang,
            });
        }
        Columns {
            sheet: sheet.name.clone(),
            all,
        }
    }

    pub fn find(&self, base: &str) -> Option<&Column> {
        self.all.iter().find(|c| c.base == base && c.lang.is_none())
    }

    /// The header of a choices sheet's list column (`list_name`, or the old `list name`).
    pub fn list_column(&self) -> &'static str {
        if self.find("list_name").is_some() {
            "list_name"
        } else {
            "list name"
        }
    }

    pub fn has(&self, base: &str) -> bool {
        self.all.iter().any(|c| c.base == base)
    }

    /// The text of the cell in this row under the column without a language.
    pub fn cell<'a>(&self, row: &'a [String], base: &str) -> &'a str {
        self.find(base)
            .and_then(|c| row.get(c.index))
            .map_or("", |s| s.trim())
    }

    /// The place of a cell, for a problem.
    pub fn at(&self, row: usize, base: &str, issue: Issue) -> Problem {
        Problem {
            sheet: self.sheet.clone(),
            row,
            column: self
                .all
                .iter()
                .find(|c| c.base == base)
                .map(|c| (c.header.clone(), c.index)),
            issue,
        }
    }
}

/// `label::Arabic (ar)` → (`label`, `Arabic (ar)`); `label:English` → (`label`, `English`);
/// `bind::relevant` and `bind:relevant` → `relevant`. Names are lowercase, spaces as `_`.
fn split_header(text: &str) -> (String, Option<String>) {
    let lower = text.to_lowercase();
    let mut rest = text;
    for prefix in [
        "bind::",
        "bind:",
        "body::",
        "body:",
        "control::",
        "control:",
    ] {
        if lower.starts_with(prefix) {
            rest = &text[prefix.len()..];
            break;
        }
    }
    let (base, lang) = if let Some((base, lang)) = rest.split_once("::") {
        (base, Some(lang))
    } else if rest.to_lowercase().starts_with("jr:") {
        (rest, None)
    } else if let Some((base, lang)) = rest.split_once(':') {
        (base, Some(lang))
    } else {
        (rest, None)
    };
    let base = base.trim().to_lowercase().replace(' ', "_");
    let base = match base.as_str() {
        "jr:constraintmsg" => "constraint_message".to_string(),
        "jr:requiredmsg" => "required_message".to_string(),
        "readonly" => "read_only".to_string(),
        "jr:count" => "repeat_count".to_string(),
        "calculate" => "calculation".to_string(),
        "value" => "name".to_string(),
        _ => base,
    };
    let lang = lang.map(|l| l.trim().to_string()).filter(|l| !l.is_empty());
    (base, lang)
}

/// Which language a column's language name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tongue {
    Arabic,
    English,
    Other,
}

pub(super) fn tongue(name: &str) -> Tongue {
    let lower = name.to_lowercase();
    let code = lower
        .rsplit_once('(')
        .map(|(_, c)| c.trim_end_matches(')').trim().to_string());
    if lower.contains("arabic")
        || lower.contains("عرب")
        || lower == "ar"
        || code.as_deref() == Some("ar")
    {
        Tongue::Arabic
    } else if lower.contains("english") || lower == "en" || code.as_deref() == Some("en") {
        Tongue::English
    } else {
        Tongue::Other
    }
}

/// How the texts of the workbook are read into Arabic and English.
struct Languages {
    arabic: Option<String>,
    english: Option<String>,
    /// Where the columns without a language belong.
    unmarked: Tongue,
    /// The language read for English when the workbook has none (its default, or the first).
    stand_in: Option<String>,
    copied: usize,
}

impl Languages {
    /// The languages of the survey sheet and of the sheets its lists are read from (`lists`:
    /// the choices sheet and the list files).
    fn read(survey: (&Columns, &Sheet), lists: &[(&Columns, &Sheet)], default: &str) -> Languages {
        let mut named: Vec<String> = Vec::new();
        for columns in std::iter::once(survey.0).chain(lists.iter().map(|(c, _)| *c)) {
            for c in &columns.all {
                if matches!(c.base.as_str(), "label" | "hint" | "constraint_message") {
                    if let Some(lang) = &c.lang {
                        if !named.contains(lang) {
                            named.push(lang.clone());
                        }
                    }
                }
            }
        }
        let pick = |t: Tongue| named.iter().find(|l| tongue(l) == t).cloned();
        let arabic = pick(Tongue::Arabic);
        let english = pick(Tongue::English);
        // Columns without a language hold the default language: named in the settings, or
        // else Arabic when their labels are written in Arabic letters.
        let unmarked = if !default.is_empty() {
            tongue(default)
        } else {
            let labels = |columns: &Columns, sheet: &Sheet| {
                columns.find("label").is_some_and(|c| {
                    sheet
                        .rows
                        .iter()
                        .skip(1)
                        .any(|r| r.get(c.index).is_some_and(|t| has_arabic(t)))
                })
            };
            let arabic_letters =
                labels(survey.0, survey.1) || lists.iter().any(|(c, s)| labels(c, s));
            if arabic_letters {
                Tongue::Arabic
            } else {
                Tongue::Other
            }
        };
        // Without English, English speakers read the default language, or the first other.
        let stand_in = match english {
            Some(_) => None,
            None => named
                .iter()
                .find(|l| **l == default && tongue(l) == Tongue::Other)
                .or_else(|| named.iter().find(|l| tongue(l) == Tongue::Other))
                .cloned(),
        };
        Languages {
            arabic,
            english,
            unmarked,
            stand_in,
            copied: 0,
        }
    }

    /// The text of a row under `base` (`label`, `hint`, …) in Arabic and English, one copied
    /// to the other when only one is written; `None` when neither is.
    fn text(&mut self, columns: &Columns, row: &[String], base: &str) -> Option<Text> {
        let cell = |lang: Option<&String>| -> String {
            columns
                .all
                .iter()
                .find(|c| c.base == base && c.lang.as_ref() == lang)
                .and_then(|c| row.get(c.index))
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let unmarked = cell(None);
        let first = |texts: [String; 2]| {
            texts
                .into_iter()
                .find(|t| !t.is_empty())
                .unwrap_or_default()
        };
        let ar = first([
            self.arabic
                .as_ref()
                .map(|l| cell(Some(l)))
                .unwrap_or_default(),
            if self.unmarked == Tongue::Arabic {
                unmarked.clone()
            } else {
                String::new()
            },
        ]);
        let en = first([
            self.english
                .as_ref()
                .or(self.stand_in.as_ref())
                .map(|l| cell(Some(l)))
                .unwrap_or_default(),
            if self.unmarked != Tongue::Arabic {
                unmarked
            } else {
                String::new()
            },
        ]);
        match (ar.is_empty(), en.is_empty()) {
            (true, true) => None,
            (false, false) => Some(Text { ar, en }),
            (true, false) => {
                self.copied += 1;
                Some(Text { ar: en.clone(), en })
            }
            (false, true) => {
                self.copied += 1;
                Some(Text { en: ar.clone(), ar })
            }
        }
    }

    fn note(&self) -> Note {
        let unmarked = |t: Tongue| (self.unmarked == t).then(|| "label".to_string());
        let arabic = self.arabic.clone().or(unmarked(Tongue::Arabic));
        let english = self
            .english
            .clone()
            .or(self.stand_in.clone())
            .or_else(|| (self.unmarked != Tongue::Arabic).then(|| "label".to_string()));
        Note::Languages {
            arabic: arabic.or(english.clone()).unwrap_or_default(),
            english: english.or(self.arabic.clone()).unwrap_or_default(),
        }
    }
}

/// Marks the name of a list of the `external_choices` sheet while the workbook is read (no
/// list name in a workbook holds a control character).
const EXTERNAL: &str = "\u{1}external";
/// Marks the name of the CSV file a list is read from (`select_one_from_file`).
const FROM_FILE: &str = "\u{1}file";

/// A row's type, read.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum RowType {
    BeginGroup,
    EndGroup,
    BeginRepeat,
    EndRepeat,
    /// A question of this kind, with its choice list and whether "or other" is asked.
    Question(Kind, Option<String>, bool),
    Calculate,
    Acknowledge,
    Range,
    Metadata(String),
    Unsupported(String),
    Unknown(String),
    /// `end loop` without its `begin loop` (`loops` wrote out every loop that has one).
    EndLoop,
}

pub(super) fn row_type(written: &str) -> RowType {
    let words: Vec<&str> = written.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let joined = lower.join(" ");
    let mut list_words = lower.len();
    let mut or_other = false;
    for suffix in [
        &["or_other"][..],
        &["or", "other"],
        &["or", "specify", "other"],
    ] {
        if lower.len() > suffix.len() && lower[lower.len() - suffix.len()..] == *suffix {
            list_words = lower.len() - suffix.len();
            or_other = true;
            break;
        }
    }
    let select = |prefix: &[&str]| -> Option<Option<String>> {
        let n = prefix.len();
        (lower.len() >= n && lower[..n] == *prefix)
            .then(|| (list_words > n).then(|| words[n..list_words].join(" ")))
    };
    for (prefix, kind) in [
        (&["select_one"][..], Kind::SelectOne),
        (&["select", "one", "from"], Kind::SelectOne),
        (&["select", "one"], Kind::SelectOne),
        (&["select1"], Kind::SelectOne),
        (&["select_multiple"], Kind::SelectMany),
        (
            &["select", "all", "that", "apply", "from"],
            Kind::SelectMany,
        ),
        (&["select", "all", "that", "apply"], Kind::SelectMany),
        (&["select", "multiple", "from"], Kind::SelectMany),
        (&["select", "multiple"], Kind::SelectMany),
        (&["rank"], Kind::Ranked),
        (&["select_one_external"], Kind::SelectOne),
    ] {
        if let Some(list) = select(prefix) {
            let list = match prefix {
                ["select_one_external"] => list.map(|l| format!("{l}{EXTERNAL}")),
                _ => list,
            };
            return RowType::Question(kind, list, or_other);
        }
    }
    match joined.as_str() {
        "begin group" | "begin_group" => RowType::BeginGroup,
        "end group" | "end_group" => RowType::EndGroup,
        "begin repeat" | "begin_repeat" => RowType::BeginRepeat,
        "end repeat" | "end_repeat" => RowType::EndRepeat,
        "end loop" | "end_loop" => RowType::EndLoop,
        "text" | "string" => RowType::Question(Kind::Text, None, false),
        "integer" | "int" => RowType::Question(Kind::Integer, None, false),
        "decimal" => RowType::Question(Kind::Decimal, None, false),
        "date" => RowType::Question(Kind::Date, None, false),
        "time" => RowType::Question(Kind::Time, None, false),
        "datetime" => RowType::Question(Kind::DateTime, None, false),
        "geopoint" | "gps" | "location" => RowType::Question(Kind::Gps, None, false),
        "note" => RowType::Question(Kind::Note, None, false),
        "calculate" => RowType::Calculate,
        "acknowledge" | "trigger" => RowType::Acknowledge,
        "range" => RowType::Range,
        "start" | "end" | "today" | "deviceid" | "subscriberid" | "simserial" | "phonenumber"
        | "username" | "email" | "audit" | "start-geopoint" | "imei" | "uri:deviceid"
        | "uri:email" | "uri:username" | "uri:phonenumber" | "uri:subscriberid"
        | "uri:simserial" => RowType::Metadata(joined),
        "image" | "photo" => RowType::Question(Kind::Photo, None, false),
        "audio" => RowType::Question(Kind::Audio, None, false),
        "barcode" => RowType::Question(Kind::Barcode, None, false),
        "geotrace" => RowType::Question(Kind::GpsLine, None, false),
        "video" => RowType::Question(Kind::Video, None, false),
        "file"
        | "geoshape"
        | "hidden"
        | "xml-external"
        | "csv-external"
        | "background-audio"
        | "background-geopoint" => RowType::Unsupported(joined),
        _ if lower.first().is_some_and(|w| w == "osm") => RowType::Unsupported("osm".into()),
        _ if lower.first().is_some_and(|w| {
            matches!(
                w.as_str(),
                "select_one_from_file" | "select_multiple_from_file"
            )
        }) =>
        {
            let kind = if lower[0] == "select_one_from_file" {
                Kind::SelectOne
            } else {
                Kind::SelectMany
            };
            let extension = words
                .get(1)
                .and_then(|file| file.rsplit_once('.'))
                .map(|(_, extension)| extension.to_lowercase());
            match (words.get(1), extension.as_deref()) {
                (Some(file), Some("csv")) => {
                    RowType::Question(kind, Some(format!("{file}{FROM_FILE}")), or_other)
                }
                (Some(_), Some(extension @ ("xml" | "geojson"))) => {
                    RowType::Unsupported(format!("{} .{extension}", lower[0]))
                }
                (None, _) => RowType::Question(kind, None, false),
                (Some(_), _) => RowType::Unknown(written.trim().to_string()),
            }
        }
        _ => RowType::Unknown(written.trim().to_string()),
    }
}

/// `yes`, `true`, `TRUE()` and `1` are yes; empty, `no`, `false` and `0` are no; anything
/// else is an expression.
fn yes_no(cell: &str) -> Option<bool> {
    let lower = cell.trim().trim_start_matches('=').trim().to_lowercase();
    match lower.as_str() {
        "yes" | "true" | "true()" | "1" => Some(true),
        "" | "no" | "false" | "false()" | "0" => Some(false),
        _ => None,
    }
}

/// An XLSForm name as a Nahda id: lowercase ASCII letters, digits and `_`, starting with a
/// letter (`Age-Group.1` → `age_group_1`; a name without any ASCII letter or digit → `q`).
fn nahda_id(name: &str) -> String {
    let mut id: String = name
        .trim()
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9' | '_') => c,
            _ => '_',
        })
        .collect();
    if !id.chars().any(|c| c.is_ascii_alphanumeric()) {
        id = "q".into();
    } else if !id.starts_with(|c: char| c.is_ascii_lowercase()) {
        id.insert_str(0, "q_");
    }
    id
}

/// Gives each name an id of its own: the same name gives the same id, and two names that
/// read alike get `_2`, `_3`…
#[derive(Default)]
struct Ids {
    by_name: HashMap<String, String>,
    taken: HashSet<String>,
}

impl Ids {
    fn assign(&mut self, name: &str) -> String {
        self.assign_from(name, nahda_id(name))
    }

    /// Gives `key` an id made from `base`.
    fn assign_from(&mut self, key: &str, base: String) -> String {
        if let Some(id) = self.by_name.get(key) {
            return id.clone();
        }
        let mut id = base.clone();
        let mut n = 2;
        while self.taken.contains(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(id.clone());
        self.by_name.insert(key.to_string(), id.clone());
        id
    }

    fn get(&self, name: &str) -> Option<String> {
        self.by_name.get(name).cloned()
    }

    /// The id of the question on row `row` named `name`: its own when the name was used on an
    /// earlier row too (in another group, as XLSForm allows), else the name's.
    fn of_row(&self, name: &str, row: usize) -> Option<String> {
        self.get(&unnamed(row)).or_else(|| self.get(name))
    }
}

/// The key of a row without a name (no XLSForm name has a space).
fn unnamed(row: usize) -> String {
    format!("row {row}")
}

/// A block open while the survey sheet is read.
enum Frame {
    /// A top-level group: a section of its own.
    Section {
        row: usize,
        name: String,
    },
    /// A group inside a section or a repeat: its relevance applies to what it holds.
    Group {
        row: usize,
        name: String,
        relevant: Option<Expr>,
    },
    Repeat {
        row: usize,
        question: Box<Question>,
    },
}

/// Reads a workbook as a Nahda form. `fallback_id` (the file's name) is used when the settings
/// give no form id.
pub fn import(workbook: &Workbook, fallback_id: &str) -> Result<Imported, Vec<Problem>> {
    let unrolled = loops::unroll(workbook)?;
    read(&unrolled.workbook, fallback_id).map_err(|problems| unrolled.place(problems))
}

/// Reads a workbook without loops (`loops::unroll`) as a Nahda form.
fn read(workbook: &Workbook, fallback_id: &str) -> Result<Imported, Vec<Problem>> {
    let mut problems = Vec::new();
    let Some(survey) = workbook.sheet("survey") else {
        return Err(vec![Problem {
            sheet: "survey".into(),
            row: 0,
            column: None,
            issue: Issue::NoSurveySheet,
        }]);
    };
    let survey_columns = Columns::read(survey, &mut problems);
    for required in ["type", "name"] {
        if !survey_columns.has(required) {
            problems.push(Problem {
                sheet: survey.name.clone(),
                row: 1,
                column: None,
                issue: Issue::NoColumn(required),
            });
        }
    }
    let choices_sheet = workbook.sheet("choices");
    let choice_columns = choices_sheet.map(|s| Columns::read(s, &mut problems));
    // The lists of `select_one_external` questions (in ODK, long lists searched as typed).
    let external_sheet = workbook.sheet("external_choices");
    let external_columns = external_sheet.map(|s| Columns::read(s, &mut problems));
    let settings_sheet = workbook.sheet("settings");
    let settings_columns = settings_sheet.map(|s| Columns::read(s, &mut problems));
    let setting = |name: &str| -> String {
        match (settings_sheet, &settings_columns) {
            (Some(sheet), Some(columns)) => sheet
                .rows
                .get(1)
                .map(|row| columns.cell(row, name).to_string())
                .unwrap_or_default(),
            _ => String::new(),
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut notes = Vec::new();
    // The CSV files the questions read their lists from, each as a sheet of the workbook.
    let mut files: Vec<(String, &Sheet)> = Vec::new();
    for row in survey.rows.iter().skip(1) {
        if let RowType::Question(_, Some(list), _) = row_type(survey_columns.cell(row, "type")) {
            let file = list.trim_end_matches(FROM_FILE);
            if list.ends_with(FROM_FILE) && !files.iter().any(|(l, _)| *l == list) {
                if let Some(sheet) = workbook.sheet(file) {
                    files.push((list, sheet));
                }
            }
        }
    }
    let file_columns: Vec<Columns> = files
        .iter()
        .map(|(_, sheet)| Columns::read(sheet, &mut problems))
        .collect();
    for ((_, sheet), columns) in files.iter().zip(&file_columns) {
        if !columns.has("name") {
            problems.push(Problem {
                sheet: sheet.name.clone(),
                row: 1,
                column: None,
                issue: Issue::NoColumn("name"),
            });
        }
    }
    let list_sheets: Vec<(&Columns, &Sheet)> = choice_columns
        .as_ref()
        .zip(choices_sheet)
        .into_iter()
        .chain(
            file_columns
                .iter()
                .zip(files.iter().map(|(_, sheet)| *sheet)),
        )
        .collect();
    let mut languages = Languages::read(
        (&survey_columns, survey),
        &list_sheets,
        &setting("default_language"),
    );

    // The form's own fields.
    let nahda_settings: NahdaColumn = nahda_column(&setting("nahda")).unwrap_or_default();
    let form_id = {
        let written = [setting("form_id"), setting("id_string")]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or_else(|| fallback_id.to_string());
        form_id(&written)
    };
    let version_written = setting("version");
    let version = if version_written.is_empty() {
        1
    } else {
        version_written.parse::<u32>().unwrap_or_else(|_| {
            notes.push(Note::Version(version_written.clone()));
            1
        })
    };
    let title_written = [setting("form_title"), setting("title")]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| form_id.clone());
    let title = nahda_settings.title.clone().unwrap_or(Text {
        ar: title_written.clone(),
        en: title_written,
    });

    // Choice lists.
    let allow_duplicates = yes_no(&setting("allow_choice_duplicates")) == Some(true);
    let mut lists: BTreeMap<String, Vec<Choice>> = BTreeMap::new();
    let mut list_rows: HashMap<String, (String, usize)> = HashMap::new();
    let mut dropped = 0;
    let sources = [
        (choices_sheet, choice_columns.as_ref(), None),
        (external_sheet, external_columns.as_ref(), Some(EXTERNAL)),
    ]
    .into_iter()
    .chain(
        files
            .iter()
            .zip(&file_columns)
            .map(|((list, sheet), columns)| (Some(*sheet), Some(columns), Some(list.as_str()))),
    );
    for (sheet, columns, marked) in sources {
        let (Some(sheet), Some(columns)) = (sheet, columns) else {
            continue;
        };
        if let Some(file) = marked.filter(|m| m.ends_with(FROM_FILE) && !columns.has("name")) {
            // Refused above for its missing column; its questions find it picked.
            lists.entry(file.to_string()).or_default();
            continue;
        }
        let list_column = columns.list_column();
        // An external list may name a value again under other columns, as pyxform lets it,
        // and so may a list file.
        let external = marked.is_some();
        for (index, row) in sheet.rows.iter().enumerate().skip(1) {
            if row.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let list = match marked {
                Some(file) if file.ends_with(FROM_FILE) => file.to_string(),
                Some(mark) => format!("{}{mark}", columns.cell(row, list_column)),
                None => columns.cell(row, list_column).to_string(),
            };
            if list.is_empty() || list == EXTERNAL {
                continue;
            }
            let value = columns.cell(row, "name");
            if value.is_empty() {
                problems.push(columns.at(index + 1, "name", Issue::MissingChoiceName));
                continue;
            }
            list_rows
                .entry(list.clone())
                .or_insert((sheet.name.clone(), index + 1));
            let further = further_columns(columns, row);
            let choices = lists.entry(list.clone()).or_default();
            // With `allow_choice_duplicates`, a value may come again with other columns (a
            // county of the same name in two states); the same choice twice is dropped.
            let again_allowed = allow_duplicates || external;
            if choices
                .iter()
                .any(|c| c.value == value && (!again_allowed || c.columns == further))
            {
                if again_allowed {
                    dropped += 1;
                } else {
                    problems.push(columns.at(
                        index + 1,
                        "name",
                        Issue::DuplicateChoice {
                            list: list.to_string(),
                            value: value.to_string(),
                        },
                    ));
                }
                continue;
            }
            let label = languages
                .text(columns, row, "label")
                .unwrap_or_else(|| Text {
                    ar: value.to_string(),
                    en: value.to_string(),
                });
            choices.push(Choice {
                value: value.to_string(),
                label,
                columns: further,
            });
        }
    }
    if dropped > 0 {
        notes.push(Note::DroppedDuplicates(dropped));
    }
    // An external list takes its own name, or `{name}_external` beside a list of that name in
    // the choices sheet; a list file its name without `.csv`, or `{name}_file`.
    let marked_lists: Vec<String> = lists
        .keys()
        .filter(|name| name.contains('\u{1}'))
        .cloned()
        .collect();
    let mut marked_names = HashMap::new();
    for marked in marked_lists {
        let (mut name, again) = match marked.strip_suffix(FROM_FILE) {
            Some(file) => (
                nahda_id(file.rsplit_once('.').map_or(file, |(stem, _)| stem)),
                "_file",
            ),
            None => (marked.trim_end_matches(EXTERNAL).to_string(), "_external"),
        };
        while lists.contains_key(&name) {
            name.push_str(again);
        }
        if let Some(choices) = lists.remove(&marked) {
            lists.insert(name.clone(), choices);
        }
        if let Some(row) = list_rows.remove(&marked) {
            list_rows.insert(name.clone(), row);
        }
        marked_names.insert(marked, name);
    }

    // Names first, so that an expression may refer to a question further down.
    let mut ids = Ids::default();
    for (index, row) in survey.rows.iter().enumerate().skip(1) {
        let name = survey_columns.cell(row, "name");
        let kind = row_type(survey_columns.cell(row, "type"));
        if !name.is_empty()
            && !matches!(
                kind,
                RowType::Metadata(_) | RowType::EndGroup | RowType::EndRepeat
            )
        {
            if ids.get(name).is_some() {
                ids.assign_from(&unnamed(index + 1), nahda_id(name));
            } else {
                ids.assign(name);
            }
        } else if name.is_empty() && kind == RowType::Question(Kind::Note, None, false) {
            // A note needs no name: nothing refers to it and it holds no answer.
            ids.assign_from(&unnamed(index + 1), format!("note_{}", index + 1));
        }
    }
    let mut section_ids = Ids::default();

    let read_files: Vec<(String, usize)> = files
        .iter()
        .map(|(marked, sheet)| {
            let choices = marked_names.get(marked).and_then(|name| lists.get(name));
            (sheet.name.clone(), choices.map_or(0, Vec::len))
        })
        .collect();
    // Every CSV file picked joins the workbook as a sheet of its name (`read_xlsx`).
    let unused_files: Vec<String> = workbook
        .sheets
        .iter()
        .filter(|sheet| sheet.name.to_lowercase().ends_with(".csv"))
        .filter(|sheet| !files.iter().any(|(_, read)| read.name == sheet.name))
        .map(|sheet| sheet.name.clone())
        .collect();
    let mut reader = Reader {
        columns: &survey_columns,
        ids: &ids,
        problems: Vec::new(),
        lists: &mut lists,
        marked_names: &marked_names,
        calculations: 0,
        generic_constraints: 0,
        required_messages: 0,
        headings: 0,
        appearances: Vec::new(),
    };
    let mut layout = Layout {
        sections: Vec::new(),
        loose_open: false,
        loose_count: 0,
        title: title.clone(),
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut metadata: Vec<String> = Vec::new();
    for (index, row) in survey.rows.iter().enumerate().skip(1) {
        let number = index + 1;
        let written_type = survey_columns.cell(row, "type");
        if written_type.is_empty() {
            continue;
        }
        let kind = row_type(written_type);
        let name = survey_columns.cell(row, "name");
        match kind {
            RowType::Metadata(t) => {
                if !metadata.contains(&t) {
                    metadata.push(t);
                }
            }
            RowType::Unknown(t) => {
                reader
                    .problems
                    .push(survey_columns.at(number, "type", Issue::UnknownType(t)))
            }
            RowType::Unsupported(t) => reader.problems.push(survey_columns.at(
                number,
                "type",
                Issue::Unsupported(Feature::Type(t)),
            )),
            RowType::EndLoop => reader.problems.push(survey_columns.at(
                number,
                "type",
                Issue::UnmatchedEnd(written_type.into()),
            )),
            RowType::BeginGroup => {
                let relevant = reader.expression(row, number, "relevant");
                if stack.is_empty() {
                    layout.loose_open = false;
                    let id = match nahda_column(survey_columns.cell(row, "nahda")) {
                        Ok(NahdaColumn { id: Some(id), .. }) => section_ids.assign_from(name, id),
                        _ => section_ids.assign(if name.is_empty() { "section" } else { name }),
                    };
                    let title = languages
                        .text(&survey_columns, row, "label")
                        .unwrap_or_else(|| title.clone());
                    let description = languages.text(&survey_columns, row, "hint");
                    layout.sections.push(Section {
                        id,
                        title,
                        description,
                        relevant: relevant.map(|e| e.to_string()),
                        questions: Vec::new(),
                    });
                    stack.push(Frame::Section {
                        row: number,
                        name: name.to_string(),
                    });
                } else {
                    if let Some(label) = languages.text(&survey_columns, row, "label") {
                        if !name.is_empty() {
                            reader.headings += 1;
                            let heading = Question {
                                relevant: and_all(&stack, relevant.clone()).map(|e| e.to_string()),
                                ..question(
                                    ids.of_row(name, number).unwrap_or_default(),
                                    Kind::Note,
                                    label,
                                )
                            };
                            layout.place(&mut stack, heading);
                        }
                    }
                    stack.push(Frame::Group {
                        row: number,
                        name: name.to_string(),
                        relevant,
                    });
                }
            }
            RowType::BeginRepeat => {
                if name.is_empty() {
                    reader
                        .problems
                        .push(survey_columns.at(number, "name", Issue::MissingName));
                }
                let own = reader.expression(row, number, "relevant");
                let label = languages
                    .text(&survey_columns, row, "label")
                    .unwrap_or_else(|| same(name));
                let mut repeat = Question {
                    relevant: and_all(&stack, own).map(|e| e.to_string()),
                    ..question(
                        ids.of_row(name, number).unwrap_or_default(),
                        Kind::Repeat,
                        label,
                    )
                };
                repeat.hint = languages.text(&survey_columns, row, "hint");
                reader.required(row, number, &mut repeat);
                if let Some(constraint) = reader.expression(row, number, "constraint") {
                    repeat.constraint = Some(constraint.to_string());
                    repeat.constraint_message =
                        languages.text(&survey_columns, row, "constraint_message");
                }
                let count = survey_columns.cell(row, "repeat_count");
                if !count.is_empty() {
                    match count.parse::<f64>() {
                        Ok(n) if n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) => {
                            repeat.min_count = Some(n as u32);
                            repeat.max_count = Some(n as u32);
                        }
                        _ => {
                            let counted = reader.expression(row, number, "repeat_count");
                            repeat.count = counted.map(|e| e.to_string());
                        }
                    }
                }
                reader.nahda(row, number, &mut repeat);
                stack.push(Frame::Repeat {
                    row: number,
                    question: Box::new(repeat),
                });
            }
            RowType::EndGroup | RowType::EndRepeat => {
                let closes = match stack.last() {
                    Some(Frame::Section { .. } | Frame::Group { .. }) => kind == RowType::EndGroup,
                    Some(Frame::Repeat { .. }) => kind == RowType::EndRepeat,
                    _ => false,
                };
                if !closes {
                    reader.problems.push(survey_columns.at(
                        number,
                        "type",
                        Issue::UnmatchedEnd(written_type.into()),
                    ));
                    continue;
                }
                if let Some(Frame::Repeat { question, .. }) = stack.pop() {
                    layout.place(&mut stack, *question);
                }
            }
            RowType::Question(..) | RowType::Calculate | RowType::Acknowledge | RowType::Range => {
                let id = match ids.of_row(name, number) {
                    Some(id) => id,
                    None => {
                        reader
                            .problems
                            .push(survey_columns.at(number, "name", Issue::MissingName));
                        continue;
                    }
                };
                let Some(mut asked) = reader.question(&mut languages, row, number, &kind, id, name)
                else {
                    continue;
                };
                let own = asked.relevant.take().and_then(|r| Expr::parse(&r).ok());
                asked.relevant = and_all(&stack, own).map(|e| e.to_string());
                let other = match &kind {
                    RowType::Question(_, _, true) => {
                        Some(specify_other(&asked, &mut ids_for_other(&ids, &asked.id)))
                    }
                    _ => None,
                };
                layout.place(&mut stack, asked);
                if let Some(other) = other {
                    layout.place(&mut stack, other);
                }
            }
        }
    }
    for frame in stack.iter().rev() {
        match frame {
            Frame::Section { row, name } | Frame::Group { row, name, .. } => reader
                .problems
                .push(survey_columns.at(*row, "type", Issue::Unclosed(name.clone()))),
            Frame::Repeat { row, question } => reader.problems.push(survey_columns.at(
                *row,
                "type",
                Issue::Unclosed(question.id.clone()),
            )),
        }
    }
    let Reader {
        problems: mut found,
        calculations,
        generic_constraints,
        required_messages,
        headings,
        appearances,
        ..
    } = reader;
    problems.append(&mut found);
    if !problems.is_empty() {
        return Err(problems);
    }
    if !metadata.is_empty() {
        notes.push(Note::Metadata(metadata));
    }
    notes.push(languages.note());
    if !read_files.is_empty() {
        notes.push(Note::ListFiles(read_files));
    }
    if !unused_files.is_empty() {
        notes.push(Note::UnusedFiles(unused_files));
    }
    let ignored: Vec<String> = {
        let mut all: Vec<String> = Vec::new();
        for columns in std::iter::once(&survey_columns).chain(choice_columns.as_ref()) {
            for c in &columns.all {
                if let Some(lang) = &c.lang {
                    let used = Some(lang) == languages.arabic.as_ref()
                        || Some(lang) == languages.english.as_ref()
                        || Some(lang) == languages.stand_in.as_ref();
                    if matches!(c.base.as_str(), "label" | "hint" | "constraint_message")
                        && !used
                        && !all.contains(lang)
                    {
                        all.push(lang.clone());
                    }
                }
            }
        }
        all
    };
    if !ignored.is_empty() {
        notes.push(Note::IgnoredLanguages(ignored));
    }
    for (count, note) in [
        (languages.copied, Note::Copied as fn(usize) -> Note),
        (calculations, Note::Calculations),
        (generic_constraints, Note::GenericConstraint),
        (required_messages, Note::RequiredMessages),
        (headings, Note::GroupHeadings),
    ] {
        if count > 0 {
            notes.push(note(count));
        }
    }
    if !appearances.is_empty() {
        notes.push(Note::Appearances(appearances));
    }
    let spec = FormSpec {
        format: FORM_FORMAT.into(),
        id: form_id,
        version,
        title,
        description: nahda_settings.description,
        choice_lists: {
            let used = used_lists(&layout.sections);
            lists
                .into_iter()
                .filter(|(name, _)| used.contains(name))
                .collect()
        },
        sections: layout.sections,
    };
    Form::check(spec)
        .map(|form| Imported { form, notes })
        .map_err(|errors| {
            errors
                .into_iter()
                .map(|error| {
                    let (sheet, row) = match &error.place {
                        Place::Question(id) | Place::Section(id) => (
                            survey.name.clone(),
                            row_of(survey, &survey_columns, &ids, &section_ids, id),
                        ),
                        Place::ChoiceList(name) => list_rows.get(name).cloned().unwrap_or((
                            choices_sheet.map_or("choices".into(), |s| s.name.clone()),
                            0,
                        )),
                        Place::Form => (survey.name.clone(), 0),
                    };
                    Problem {
                        sheet,
                        row,
                        column: None,
                        issue: Issue::Check(error),
                    }
                })
                .collect()
        })
}

/// The choice lists the questions use: a workbook's other lists are left out.
fn used_lists(sections: &[Section]) -> HashSet<String> {
    fn walk(questions: &[Question], used: &mut HashSet<String>) {
        for q in questions {
            used.extend(q.choices.clone());
            walk(&q.questions, used);
        }
    }
    let mut used = HashSet::new();
    for section in sections {
        walk(&section.questions, &mut used);
    }
    used
}

/// The row where the question or section with this id is written.
fn row_of(survey: &Sheet, columns: &Columns, ids: &Ids, sections: &Ids, id: &str) -> usize {
    survey
        .rows
        .iter()
        .enumerate()
        .skip(1)
        .find(|(index, row)| {
            let name = columns.cell(row, "name");
            !name.is_empty()
                && (ids.of_row(name, index + 1).as_deref() == Some(id)
                    || sections.get(name).as_deref() == Some(id))
        })
        .map_or(0, |(index, _)| index + 1)
}

/// The ids already taken, for naming the "specify other" question after its select.
fn ids_for_other(ids: &Ids, id: &str) -> String {
    let mut other = format!("{id}_other");
    let mut n = 2;
    while ids.taken.contains(&other) {
        other = format!("{id}_other_{n}");
        n += 1;
    }
    other
}

/// The text question XLSForm's `or_other` adds after its select, shown when "other" is chosen.
fn specify_other(select: &Question, id: &mut String) -> Question {
    let text = |msg: XlsMsg| Text {
        ar: msg.text(Lang::Ar).into(),
        en: msg.text(Lang::En).into(),
    };
    let chosen = Expr::Call(
        crate::core::expr::Func::Selected,
        vec![Expr::Ref(select.id.clone()), Expr::Str("other".into())],
    );
    let relevant = match select.relevant.as_deref().and_then(|r| Expr::parse(r).ok()) {
        Some(shown) => Expr::Binary(BinOp::And, Box::new(shown), Box::new(chosen)),
        None => chosen,
    };
    Question {
        relevant: Some(relevant.to_string()),
        ..question(
            std::mem::take(id),
            Kind::Text,
            text(XlsMsg::LabelSpecifyOther),
        )
    }
}

/// A question with these fields and nothing else.
fn question(id: String, kind: Kind, label: Text) -> Question {
    Question {
        id,
        kind,
        label,
        hint: None,
        required: false,
        relevant: None,
        constraint: None,
        constraint_message: None,
        calculate: None,
        default: None,
        read_only: false,
        choices: None,
        choice_filter: None,
        appearance: None,
        max_choices: None,
        min: None,
        max: None,
        sensitive: false,
        questions: Vec::new(),
        min_count: None,
        max_count: None,
        required_if: None,
        count: None,
    }
}

fn same(name: &str) -> Text {
    Text {
        ar: name.to_string(),
        en: name.to_string(),
    }
}

/// The relevance of the groups open inside the innermost section or repeat, and then `own`,
/// all of which must hold.
fn and_all(stack: &[Frame], own: Option<Expr>) -> Option<Expr> {
    let inner = stack
        .iter()
        .rev()
        .take_while(|f| matches!(f, Frame::Group { .. }))
        .collect::<Vec<_>>();
    let mut all: Vec<Expr> = inner
        .into_iter()
        .rev()
        .filter_map(|f| match f {
            Frame::Group { relevant, .. } => relevant.clone(),
            _ => None,
        })
        .collect();
    all.extend(own);
    all.into_iter()
        .reduce(|a, b| Expr::Binary(BinOp::And, Box::new(a), Box::new(b)))
}

/// The sections being filled as the survey sheet is read.
struct Layout {
    sections: Vec<Section>,
    /// The last section holds questions outside any group, and takes the next ones.
    loose_open: bool,
    loose_count: usize,
    /// The form's title, which a section of questions outside any group takes.
    title: Text,
}

impl Layout {
    /// Puts a question where the open blocks say: in the innermost repeat, else in the open
    /// section, else in a section of the questions outside any group.
    fn place(&mut self, stack: &mut [Frame], asked: Question) {
        if let Some(Frame::Repeat { question, .. }) = stack
            .iter_mut()
            .rev()
            .find(|f| matches!(f, Frame::Repeat { .. }))
        {
            question.questions.push(asked);
            return;
        }
        if stack.is_empty() && !self.loose_open {
            self.loose_count += 1;
            self.sections.push(Section {
                id: format!("part_{}", self.loose_count),
                title: self.title.clone(),
                description: None,
                relevant: None,
                questions: Vec::new(),
            });
            self.loose_open = true;
        }
        if let Some(section) = self.sections.last_mut() {
            section.questions.push(asked);
        }
    }
}

/// A form id as Nahda accepts it: lowercase letters, digits, `_`, `-` and `.`, from a letter.
fn form_id(written: &str) -> String {
    let mut id: String = written
        .trim()
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9' | '_' | '-' | '.') => c,
            _ => '-',
        })
        .collect();
    if !id.starts_with(|c: char| c.is_ascii_lowercase()) {
        id.insert_str(0, "form-");
    }
    id
}

fn nahda_column(cell: &str) -> Result<NahdaColumn, String> {
    if cell.trim().is_empty() {
        return Ok(NahdaColumn::default());
    }
    serde_json::from_str(cell).map_err(|e| e.to_string())
}

/// Reads the question rows of the survey sheet.
struct Reader<'a> {
    columns: &'a Columns,
    ids: &'a Ids,
    problems: Vec<Problem>,
    lists: &'a mut BTreeMap<String, Vec<Choice>>,
    /// The name each external list and list file (by its name marked [`EXTERNAL`] or
    /// [`FROM_FILE`]) was given.
    marked_names: &'a HashMap<String, String>,
    calculations: usize,
    generic_constraints: usize,
    required_messages: usize,
    headings: usize,
    appearances: Vec<String>,
}

impl Reader<'_> {
    /// The `required` column: yes or no, or an expression that says when.
    fn required(&mut self, row: &[String], number: usize, asked: &mut Question) {
        match yes_no(self.columns.cell(row, "required")) {
            Some(required) => asked.required = required,
            None => {
                let when = self.expression(row, number, "required");
                asked.required_if = when.map(|e| e.to_string());
            }
        }
    }

    /// The expression in a column of the row, read; a problem and `None` if it does not read.
    /// A `choice_filter` reads bare names as the choices' columns.
    fn expression(&mut self, row: &[String], number: usize, base: &str) -> Option<Expr> {
        let written = self.columns.cell(row, base);
        if written.is_empty() {
            return None;
        }
        let ids = self.ids;
        match xpath::read(written, &|name| ids.get(name), base == "choice_filter") {
            Ok(expr) => {
                let unreadable: Vec<Problem> = expr
                    .unreadable_patterns()
                    .into_iter()
                    .map(|p| {
                        self.columns.at(
                            number,
                            base,
                            Issue::Unsupported(Feature::Pattern(p.into())),
                        )
                    })
                    .collect();
                if unreadable.is_empty() {
                    Some(expr)
                } else {
                    self.problems.extend(unreadable);
                    None
                }
            }
            Err(error) => {
                let issue = match error {
                    XPathError::Function(n) => Issue::Unsupported(Feature::Function(n)),
                    XPathError::Path(p) => Issue::Unsupported(Feature::Path(p)),
                    XPathError::UnknownName(n) => Issue::UnknownName(n),
                    XPathError::Syntax(e) => Issue::BadExpression(written.to_string(), e),
                };
                self.problems.push(self.columns.at(number, base, issue));
                None
            }
        }
    }

    fn question(
        &mut self,
        languages: &mut Languages,
        row: &[String],
        number: usize,
        kind: &RowType,
        id: String,
        name: &str,
    ) -> Option<Question> {
        let columns = self.columns;
        let row_kind = kind;
        let label = languages
            .text(columns, row, "label")
            .unwrap_or_else(|| same(name));
        let (kind, list) = match kind {
            RowType::Question(kind, list, _) => (kind.clone(), list.clone()),
            RowType::Calculate => {
                self.calculations += 1;
                (Kind::Text, None)
            }
            RowType::Acknowledge => (Kind::SelectOne, Some(self.acknowledge_list())),
            RowType::Range => (Kind::Integer, None),
            _ => return None,
        };
        let mut asked = question(id, kind, label);
        asked.hint = languages.text(columns, row, "hint");
        if let Some(list) = list {
            let list = self.marked_names.get(&list).cloned().unwrap_or(list);
            if !self.lists.contains_key(&list) {
                let issue = match list.strip_suffix(FROM_FILE) {
                    Some(file) => Issue::MissingFile(file.to_string()),
                    None => Issue::UnknownList(list.trim_end_matches(EXTERNAL).to_string()),
                };
                self.problems.push(columns.at(number, "type", issue));
                return None;
            }
            if asked.kind == Kind::Ranked {
                asked.max_choices = self.lists.get(&list).map(|l| l.len() as u32);
            }
            if matches!(row_kind, RowType::Question(_, _, true)) {
                // or_other: the list with "other" added.
                let mut with_other = self.lists.get(&list).cloned().unwrap_or_default();
                let named = format!("{list}_or_other");
                if !with_other.iter().any(|c| c.value == "other") {
                    with_other.push(Choice {
                        value: "other".into(),
                        label: Text {
                            ar: XlsMsg::LabelOther.text(Lang::Ar).into(),
                            en: XlsMsg::LabelOther.text(Lang::En).into(),
                        },
                        columns: BTreeMap::new(),
                    });
                }
                self.lists.insert(named.clone(), with_other);
                asked.choices = Some(named);
            } else {
                asked.choices = Some(list);
            }
        } else if asked.kind.uses_choices() {
            self.problems
                .push(columns.at(number, "type", Issue::MissingList));
            return None;
        }
        if *row_kind == RowType::Range {
            self.range(row, number, &mut asked);
        }
        let appearance = columns.cell(row, "appearance").to_lowercase();
        for word in appearance.split_whitespace() {
            match (word, &asked.kind) {
                ("multiline", Kind::Text) => asked.kind = Kind::LongText,
                ("minimal" | "autocomplete" | "search", Kind::SelectOne) => {
                    asked.appearance = Some(Appearance::Dropdown)
                }
                _ => {
                    if !self.appearances.iter().any(|a| a == word) {
                        self.appearances.push(word.to_string());
                    }
                }
            }
        }
        asked.relevant = self
            .expression(row, number, "relevant")
            .map(|e| e.to_string());
        if let Some(constraint) = self.expression(row, number, "constraint") {
            asked.constraint = Some(constraint.to_string());
            asked.constraint_message =
                languages
                    .text(columns, row, "constraint_message")
                    .or_else(|| {
                        self.generic_constraints += 1;
                        Some(Text {
                            ar: XlsMsg::GenericConstraint.text(Lang::Ar).into(),
                            en: XlsMsg::GenericConstraint.text(Lang::En).into(),
                        })
                    });
        }
        let calculation = self.expression(row, number, "calculation");
        if *row_kind == RowType::Calculate && columns.cell(row, "calculation").is_empty() {
            self.problems
                .push(columns.at(number, "calculation", Issue::MissingCalculation));
        }
        asked.calculate = calculation.map(|e| e.to_string());
        self.required(row, number, &mut asked);
        match yes_no(columns.cell(row, "read_only")) {
            Some(value) => asked.read_only = value,
            None => self.problems.push(columns.at(
                number,
                "read_only",
                Issue::Unsupported(Feature::Condition("read_only".into())),
            )),
        }
        if (asked.required || asked.required_if.is_some())
            && languages.text(columns, row, "required_message").is_some()
        {
            self.required_messages += 1;
        }
        let default = columns.cell(row, "default");
        if !default.is_empty() {
            if default.contains('(') || default.contains("${") {
                self.problems.push(columns.at(
                    number,
                    "default",
                    Issue::Unsupported(Feature::Condition("default".into())),
                ));
            } else {
                asked.default = Some(default.to_string());
            }
        }
        // A trigger that names no question is a mistake, whatever the app.
        let before = self.problems.len();
        let _ = self.expression(row, number, "trigger");
        if self.problems[before..]
            .iter()
            .any(|p| p.issue.unsupported().is_none())
        {
            return None;
        }
        self.problems.truncate(before);
        asked.choice_filter = self
            .expression(row, number, "choice_filter")
            .map(|e| e.to_string());
        for unsupported in ["trigger"] {
            if !columns.cell(row, unsupported).is_empty() {
                self.problems.push(columns.at(
                    number,
                    unsupported,
                    Issue::Unsupported(Feature::Column(unsupported.into())),
                ));
            }
        }
        self.nahda(row, number, &mut asked);
        Some(asked)
    }

    /// The one-choice list an `acknowledge` question is answered with.
    fn acknowledge_list(&mut self) -> String {
        let name = "nahda_acknowledge".to_string();
        self.lists.entry(name.clone()).or_insert_with(|| {
            vec![Choice {
                value: "OK".into(),
                label: Text {
                    ar: XlsMsg::LabelOk.text(Lang::Ar).into(),
                    en: XlsMsg::LabelOk.text(Lang::En).into(),
                },
                columns: BTreeMap::new(),
            }]
        });
        name
    }

    /// `range`'s parameters (`start=0 end=17 step=1`) as the number's bounds.
    fn range(&mut self, row: &[String], number: usize, asked: &mut Question) {
        let (mut start, mut end, mut step) = (1.0, 10.0, 1.0);
        for pair in self
            .columns
            .cell(row, "parameters")
            .split([' ', ';', ','])
            .filter(|p| !p.is_empty())
        {
            let Some((key, value)) = pair.split_once('=') else {
                continue;
            };
            let Ok(value) = value.trim().parse::<f64>() else {
                self.problems.push(self.columns.at(
                    number,
                    "parameters",
                    Issue::BadNumber(pair.to_string()),
                ));
                continue;
            };
            match key.trim().to_lowercase().as_str() {
                "start" => start = value,
                "end" => end = value,
                "step" => step = value,
                _ => {}
            }
        }
        if [start, end, step].iter().any(|v| v.fract() != 0.0) {
            asked.kind = Kind::Decimal;
        }
        asked.min = Some(start.min(end));
        asked.max = Some(start.max(end));
    }

    /// Applies the `nahda` column the export writes.
    fn nahda(&mut self, row: &[String], number: usize, asked: &mut Question) {
        let extra = match nahda_column(self.columns.cell(row, "nahda")) {
            Ok(extra) => extra,
            Err(e) => {
                self.problems
                    .push(self.columns.at(number, "nahda", Issue::BadNahdaColumn(e)));
                return;
            }
        };
        if let Some(kind) = extra.kind.clone() {
            let written = row_type(self.columns.cell(row, "type"));
            let fits = matches!(
                (&written, written_as(&kind)),
                (RowType::Question(Kind::Text, ..), Some("text"))
                    | (RowType::Question(Kind::Decimal, ..), Some("decimal"))
                    | (RowType::Question(Kind::SelectOne, ..), Some("select_one"))
                    | (RowType::Question(Kind::Ranked, ..), Some("rank"))
            );
            if fits {
                asked.kind = kind.clone();
                if kind == Kind::YesNo {
                    asked.choices = None;
                    asked.appearance = None;
                }
                if kind == Kind::Severity {
                    asked.appearance = None;
                }
            }
        }
        // A kind marked by the export brings its own limit, or none (a ranked question's
        // default); XLSForm's `rank` may order every choice.
        if extra.kind.is_some() || extra.max_choices.is_some() {
            asked.max_choices = extra.max_choices;
        }
        asked.min = extra.min.or(asked.min);
        asked.max = extra.max.or(asked.max);
        asked.min_count = extra.min_count.or(asked.min_count);
        asked.max_count = extra.max_count.or(asked.max_count);
        asked.sensitive = extra.sensitive;
        asked.appearance = extra.appearance.or(asked.appearance);
    }
}
