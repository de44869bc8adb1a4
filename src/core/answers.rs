//! Answers: what a person has entered for one submission, kept exactly as typed (a number field
//! holds the text "١٢" until it is validated), the view of those answers that expressions
//! evaluate against, and an answer as a person reads it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::expr::{Scope, Value};
use crate::core::i18n::{Lang, Msg};
use crate::core::media::size;
use crate::core::phrase::{count, number, Case, Counted};
use crate::core::schema::{Choice, Form, Kind};

/// The answers of a submission (or of one instance of a repeat group), by question id.
pub type Answers = BTreeMap<String, Answer>;

/// One answer, in the shape its question kind gives it.
// The fields of each shape are declared in the order of their names, so that an answer's JSON
// text is its canonical JSON (`Submission::revision_hash` relies on it).
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    /// Typed text, a number or date as typed, a single choice's value, `yes`/`no`.
    Text(String),
    /// The values of a multiple choice, or of a ranked choice in order of rank.
    Choices(Vec<String>),
    /// A point from the phone's location.
    Point {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        accuracy: Option<f64>,
        lat: f64,
        lon: f64,
    },
    /// An area from the area list by its P-code; `name` holds a place typed by hand when it is
    /// not in the list (then `code` is the closest listed area above it, or empty).
    Area {
        code: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        name: String,
    },
    /// A photo, recording or clip: its media type and its bytes in base64 (`core::media`).
    File { data: String, media_type: String },
    /// The instances of a repeat group, each with its own answers.
    Rows(Vec<Answers>),
}

impl Answer {
    /// True when nothing is answered.
    pub fn is_empty(&self) -> bool {
        match self {
            Answer::Text(text) => text.trim().is_empty(),
            Answer::Choices(values) => values.is_empty(),
            Answer::Point { .. } => false,
            Answer::Area { code, name } => code.trim().is_empty() && name.trim().is_empty(),
            Answer::File { data, .. } => data.is_empty(),
            Answer::Rows(rows) => rows.is_empty(),
        }
    }

    /// The answer as an expression value.
    pub fn value(&self) -> Value {
        match self {
            _ if self.is_empty() => Value::Empty,
            Answer::Text(text) => Value::Text(text.clone()),
            Answer::Choices(values) => Value::Choices(values.clone()),
            Answer::Point { lat, lon, .. } => Value::Text(format!("{lat} {lon}")),
            Answer::Area { code, name } if code.is_empty() => Value::Text(name.clone()),
            Answer::Area { code, .. } => Value::Text(code.clone()),
            Answer::File { media_type, .. } => Value::Text(media_type.clone()),
            Answer::Rows(rows) => Value::Rows(rows.len()),
        }
    }

    /// The text of a text answer, or an empty string.
    pub fn text(&self) -> &str {
        match self {
            Answer::Text(text) => text,
            _ => "",
        }
    }

    /// The answer as a person reads it: the labels of chosen values (from the question's list
    /// in `form`, their values without it), the text of the rest, the number of rows of a
    /// repeat group.
    pub fn shown(&self, form: Option<&Form>, question: &str, lang: Lang) -> String {
        let label = |value: &str| {
            form.and_then(|f| {
                let q = f.question(question)?;
                f.choices(q).iter().find(|c| c.value == value)
            })
            .map_or_else(|| value.to_string(), |c| c.label.get(lang).to_string())
        };
        match self {
            Answer::Text(text) => label(text),
            Answer::Choices(values) => values
                .iter()
                .map(|v| label(v))
                .collect::<Vec<_>>()
                .join(lang.list_separator()),
            Answer::Point { lat, lon, .. } => format!("{lat:.5}, {lon:.5}"),
            Answer::Area { code, name } => {
                if name.is_empty() {
                    code.clone()
                } else {
                    name.clone()
                }
            }
            Answer::File { media_type, data } => {
                let msg = match media_type.split('/').next() {
                    Some("image") => Msg::FilePhoto,
                    Some("audio") => Msg::FileAudio,
                    _ => Msg::FileVideo,
                };
                msg.with(
                    lang,
                    &[("n", &number(size(data).div_ceil(1024) as u64, lang))],
                )
            }
            Answer::Rows(rows) => count(Counted::Row, rows.len(), Case::Nominative, lang),
        }
    }

    /// The values of a choice answer (a single choice gives one value).
    pub fn choices(&self) -> Vec<String> {
        match self {
            Answer::Choices(values) => values.clone(),
            Answer::Text(text) if !text.is_empty() => vec![text.clone()],
            _ => Vec::new(),
        }
    }
}

/// Sets the answer to `id`, or clears it when there is none or it is empty.
pub fn put(answers: &mut Answers, id: &str, answer: Option<Answer>) {
    match answer.filter(|a| !a.is_empty()) {
        Some(answer) => {
            answers.insert(id.to_string(), answer);
        }
        None => {
            answers.remove(id);
        }
    }
}

/// The answers of one repeat instance, found by each repeat group around it and the
/// instance's place in it, outermost first; the submission's own answers for none.
pub fn instance<'a>(answers: &'a Answers, within: &[(String, usize)]) -> Option<&'a Answers> {
    within
        .iter()
        .try_fold(answers, |answers, (group, row)| match answers.get(group) {
            Some(Answer::Rows(rows)) => rows.get(*row),
            _ => None,
        })
}

/// The answers of one repeat instance, to change them (see [`instance`]).
pub fn instance_mut<'a>(
    answers: &'a mut Answers,
    within: &[(String, usize)],
) -> Option<&'a mut Answers> {
    within.iter().try_fold(answers, |answers, (group, row)| {
        match answers.get_mut(group) {
            Some(Answer::Rows(rows)) => rows.get_mut(*row),
            _ => None,
        }
    })
}

/// One instance of a repeat group an expression is evaluated in, and the instance of the
/// group around it, if that group is inside another.
#[derive(Clone, Copy)]
pub struct Instance<'a> {
    pub group: &'a str,
    pub answers: &'a Answers,
    pub outer: Option<&'a Instance<'a>>,
}

/// What an expression sees: the submission's answers, the repeat instance it is evaluated in
/// (if any), the answer being checked, and today's date.
#[derive(Clone, Copy)]
pub struct AnswerScope<'a> {
    pub form: &'a Form,
    pub answers: &'a Answers,
    /// The innermost repeat instance, when evaluating inside a repeat group.
    pub row: Option<Instance<'a>>,
    pub current: Option<&'a Answer>,
    pub today: &'a str,
    /// The choice a choice filter is deciding on.
    pub choice: Option<&'a Choice>,
}

impl<'a> AnswerScope<'a> {
    /// A scope over the whole submission.
    pub fn new(form: &'a Form, answers: &'a Answers, today: &'a str) -> Self {
        AnswerScope {
            form,
            answers,
            row: None,
            current: None,
            today,
            choice: None,
        }
    }

    /// The same scope inside one instance of a repeat group (of this scope's instance, for a
    /// group inside another).
    pub fn in_row<'s>(&'s self, group: &'s str, row: &'s Answers) -> AnswerScope<'s> {
        AnswerScope {
            row: Some(Instance {
                group,
                answers: row,
                outer: self.row.as_ref(),
            }),
            ..*self
        }
    }

    /// The same scope outside its innermost repeat instance.
    pub fn outside(&self) -> Self {
        AnswerScope {
            row: self.row.and_then(|i| i.outer.copied()),
            ..*self
        }
    }

    /// The same scope checking one answer.
    pub fn checking(&self, current: Option<&'a Answer>) -> Self {
        AnswerScope { current, ..*self }
    }

    /// The same scope deciding whether a choice is offered.
    pub fn deciding(&self, choice: &'a Choice) -> Self {
        AnswerScope {
            choice: Some(choice),
            ..*self
        }
    }
}

/// The values of question `id` in every instance of the repeat groups `groups` (outermost
/// first) below `answers`; a repeat group's value is its instances, all counted together.
fn gather(answers: &Answers, groups: &[String], id: &str, out: &mut Vec<Value>) {
    match groups.split_first() {
        None => out.push(answers.get(id).map_or(Value::Empty, Answer::value)),
        Some((group, inner)) => {
            if let Some(Answer::Rows(rows)) = answers.get(group) {
                for row in rows {
                    gather(row, inner, id, out);
                }
            }
        }
    }
}

impl Scope for AnswerScope<'_> {
    /// A question of the same instance or of one around it has one value; one inside repeat
    /// groups this scope is not in has one per instance (`Value::Many`), and a repeat group
    /// there counts all its instances (`Value::Rows`).
    fn answer(&self, id: &str) -> Value {
        let repeats = self.form.repeats(id);
        let mut instance = self.row.as_ref();
        let (answers, below) = loop {
            match instance {
                None => break (self.answers, repeats),
                Some(i) => match repeats.iter().position(|g| g == i.group) {
                    Some(k) => break (i.answers, &repeats[k + 1..]),
                    None => instance = i.outer,
                },
            }
        };
        let is_repeat = || matches!(self.form.question(id).map(|q| &q.kind), Some(Kind::Repeat));
        if below.is_empty() {
            return answers.get(id).map_or_else(
                || {
                    if is_repeat() {
                        Value::Rows(0)
                    } else {
                        Value::Empty
                    }
                },
                Answer::value,
            );
        }
        let mut values = Vec::new();
        gather(answers, below, id, &mut values);
        if is_repeat() {
            let count = |v: &Value| match v {
                Value::Rows(n) => *n,
                _ => 0,
            };
            Value::Rows(values.iter().map(count).sum())
        } else {
            Value::Many(values)
        }
    }

    fn current(&self) -> Value {
        self.current.map_or(Value::Empty, Answer::value)
    }

    fn today(&self) -> &str {
        self.today
    }

    /// `choice('name')` is the choice's value itself unless it has a column of that name, as
    /// a bare `name` in an XLSForm choice filter is.
    fn choice_column(&self, name: &str) -> Value {
        let Some(choice) = self.choice else {
            return Value::Empty;
        };
        match choice.columns.get(name) {
            Some(v) => Value::Text(v.clone()),
            None if name == "name" => Value::Text(choice.value.clone()),
            None => Value::Empty,
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn answer() -> impl Strategy<Value = Answer> {
        let text = "[a-z٠-٩ ]{0,8}";
        let leaf = prop_oneof![
            text.prop_map(Answer::Text),
            prop::collection::vec(text, 0..4).prop_map(Answer::Choices),
            (
                -90.0..90.0f64,
                -180.0..180.0f64,
                prop::option::of(0.0..100.0f64)
            )
                .prop_map(|(lat, lon, accuracy)| Answer::Point { lat, lon, accuracy }),
            ("[A-Z0-9]{0,8}", text).prop_map(|(code, name)| Answer::Area { code, name }),
            ("(image|audio|video)/[a-z]{1,5}", "([A-Za-z0-9+/]{4}){0,6}")
                .prop_map(|(media_type, data)| Answer::File { media_type, data }),
        ];
        leaf.prop_recursive(2, 12, 3, |inner| {
            prop::collection::vec(prop::collection::btree_map("[a-z]{1,6}", inner, 1..3), 1..3)
                .prop_map(Answer::Rows)
        })
    }

    proptest! {
        /// Exactly, to the last bit of a coordinate: a bundle's digest is computed again from
        /// the answers read, so a point that read back 1 ULP off would fail the digest check.
        #[test]
        fn every_answer_reads_back_as_written(original in answer()) {
            let json = serde_json::to_string(&original).expect("writes");
            let read: Answer = serde_json::from_str(&json).expect("reads");
            prop_assert_eq!(read, original);
        }
    }

    #[test]
    fn answers_round_trip_through_json_in_their_shapes() {
        let json = r#"{
            "name": "المجلس المحلي",
            "sectors": ["health", "education"],
            "where": {"code": "SY020400"},
            "unlisted": {"code": "SY0204", "name": "قرية صغيرة"},
            "gps": {"lat": 36.58, "lon": 37.05, "accuracy": 12.5},
            "photo": {"media_type": "image/jpeg", "data": "/9j/4AAQ"},
            "actors": [{"org": "A", "activity": "B"}]
        }"#;
        let answers: Answers = serde_json::from_str(json).expect("parses");
        assert_eq!(answers["name"], Answer::Text("المجلس المحلي".into()));
        assert_eq!(
            answers["sectors"],
            Answer::Choices(vec!["health".into(), "education".into()])
        );
        assert_eq!(
            answers["where"],
            Answer::Area {
                code: "SY020400".into(),
                name: String::new()
            }
        );
        assert!(matches!(
            answers["gps"],
            Answer::Point {
                accuracy: Some(_),
                ..
            }
        ));
        assert_eq!(
            answers["photo"],
            Answer::File {
                media_type: "image/jpeg".into(),
                data: "/9j/4AAQ".into()
            }
        );
        assert_eq!(
            answers["photo"].shown(None, "photo", Lang::En),
            "Photo, 1 KB"
        );
        assert!(matches!(&answers["actors"], Answer::Rows(rows) if rows.len() == 1));
        let again: Answers =
            serde_json::from_str(&serde_json::to_string(&answers).expect("prints"))
                .expect("parses again");
        assert_eq!(again, answers);
    }

    #[test]
    fn blank_answers_are_empty() {
        assert!(Answer::Text("  ".into()).is_empty());
        assert!(Answer::Choices(vec![]).is_empty());
        assert!(Answer::Area {
            code: String::new(),
            name: " ".into()
        }
        .is_empty());
        assert!(!Answer::Area {
            code: String::new(),
            name: "x".into()
        }
        .is_empty());
        assert_eq!(Answer::Text(" ".into()).value(), Value::Empty);
    }
}
