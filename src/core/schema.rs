//! Form definitions: the JSON format a coordinator writes and sends to the field, and the check
//! that a definition is well formed before anything uses it. A checked definition is a
//! [`Form`]: the definition plus its parsed expressions and an index of its questions.
//!
//! The format is documented in `docs/form-format.md`.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::core::dependencies::Dependencies;
use crate::core::expr::{is_valid_id, Expr, ParseError};
use crate::core::i18n::{isolate_ltr, Lang, Msg};
use crate::core::idmap::IdMap;

/// The value of the `format` field of every form definition.
pub const FORM_FORMAT: &str = "nahda.form";

/// The severity scale: a severity question's choices are exactly these values, lowest first.
pub const SEVERITY_SCALE: std::ops::RangeInclusive<u8> = 1..=5;

/// A text in both languages.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    #[serde(default)]
    pub ar: String,
    #[serde(default)]
    pub en: String,
}

impl Text {
    /// The text in the given language.
    pub fn get(&self, lang: Lang) -> &str {
        if lang.is_arabic() {
            &self.ar
        } else {
            &self.en
        }
    }

    /// The languages this text lacks.
    pub fn missing(&self) -> Vec<Lang> {
        let mut out = Vec::new();
        if self.ar.trim().is_empty() {
            out.push(Lang::Ar);
        }
        if self.en.trim().is_empty() {
            out.push(Lang::En);
        }
        out
    }
}

/// A form definition as written in JSON.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormSpec {
    pub format: String,
    pub id: String,
    pub version: u32,
    #[serde(default)]
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(default)]
    pub choice_lists: BTreeMap<String, Vec<Choice>>,
    pub sections: Vec<Section>,
}

/// One choice of a choice list.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub value: String,
    #[serde(default)]
    pub label: Text,
    /// Further facts about the choice (such as the region a district is in), which a question's
    /// `choice_filter` reads with `choice('name')`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, String>,
}

/// A section: a page of the form on a phone.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    #[serde(default)]
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relevant: Option<String>,
    pub questions: Vec<Question>,
}

/// A question (or a note, or a repeat group of questions).
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub kind: Kind,
    #[serde(default)]
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Text>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// An answer is needed when the question is shown and this expression is true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_if: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relevant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraint_message: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calculate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub read_only: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choices: Option<String>,
    /// Which choices are offered: those for which this expression is true, `choice('name')`
    /// being the choice's column of that name (cascading selects).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice_filter: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appearance: Option<Appearance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_choices: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub sensitive: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_count: Option<u32>,
    /// For a repeat group: how many instances it has, worked out from other answers (in
    /// place of `min_count` and `max_count` while it gives a number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<String>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// How a single choice is shown.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Appearance {
    Radio,
    Dropdown,
}

macro_rules! kinds {
    ($($variant:ident => $name:literal,)+) => {
        /// The kind of a question: what it asks for and how it is answered.
        #[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(from = "String", into = "String")]
        // The schema lists the kinds the form check accepts; reading accepts any name.
        #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("enum" = [$($name),+])))]
        pub enum Kind {
            $($variant,)+
            /// A kind this version of the app does not know; the form check refuses it.
            Unknown(String),
        }

        impl Kind {
            /// Every known kind.
            pub const ALL: &'static [Kind] = &[$(Kind::$variant),+];

            /// The kind's name in form definitions.
            pub fn name(&self) -> &str {
                match self {
                    $(Kind::$variant => $name,)+
                    Kind::Unknown(name) => name,
                }
            }
        }

        impl From<String> for Kind {
            fn from(name: String) -> Kind {
                match name.as_str() {
                    $($name => Kind::$variant,)+
                    _ => Kind::Unknown(name),
                }
            }
        }
    };
}

kinds! {
    Text => "text",
    LongText => "long_text",
    Integer => "integer",
    Decimal => "decimal",
    Percentage => "percentage",
    SelectOne => "select_one",
    SelectMany => "select_many",
    YesNo => "yes_no",
    Date => "date",
    Time => "time",
    DateTime => "datetime",
    Severity => "severity",
    Ranked => "ranked",
    Phone => "phone",
    Barcode => "barcode",
    Area => "area",
    Gps => "gps",
    GpsLine => "gps_line",
    Photo => "photo",
    Audio => "audio",
    Video => "video",
    Note => "note",
    Repeat => "repeat",
}

impl From<Kind> for String {
    fn from(kind: Kind) -> String {
        kind.name().to_string()
    }
}

impl Kind {
    /// Kinds whose answer is picked from a choice list.
    pub fn uses_choices(&self) -> bool {
        matches!(
            self,
            Kind::SelectOne | Kind::SelectMany | Kind::Ranked | Kind::Severity
        )
    }

    /// Kinds typed as numbers (numeric keyboard, Arabic-Indic digits accepted).
    pub fn is_numeric(&self) -> bool {
        matches!(self, Kind::Integer | Kind::Decimal | Kind::Percentage)
    }

    /// Kinds that hold an answer (a note does not).
    pub fn has_answer(&self) -> bool {
        !matches!(self, Kind::Note)
    }
}

/// Where in a form definition a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Form,
    Section(String),
    Question(String),
    ChoiceList(String),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Form => write!(f, "the form"),
            Place::Section(id) => write!(f, "section '{id}'"),
            Place::Question(id) => write!(f, "question '{id}'"),
            Place::ChoiceList(id) => write!(f, "choice list '{id}'"),
        }
    }
}

impl Place {
    fn in_words(&self, lang: Lang) -> String {
        let (msg, id) = match self {
            Place::Form => return Msg::FormPlaceForm.text(lang).to_string(),
            Place::Section(id) => (Msg::FormPlaceSection, id),
            Place::Question(id) => (Msg::FormPlaceQuestion, id),
            Place::ChoiceList(id) => (Msg::FormPlaceChoiceList, id),
        };
        msg.with(lang, &[("id", &isolate_ltr(id))])
    }
}

impl FormError {
    /// Where and what, in words of the language; ids and pieces of the definition are kept
    /// as written.
    pub fn message(&self, lang: Lang) -> String {
        format!(
            "{}: {}",
            self.place.in_words(lang),
            self.problem.message(lang)
        )
    }
}

impl FormProblem {
    fn message(&self, lang: Lang) -> String {
        let text = |msg: Msg| msg.text(lang).to_string();
        let code = |s: &str| isolate_ltr(s);
        match self {
            FormProblem::NotJson(error) => Msg::FormNotJson.with(lang, &[("e", &code(error))]),
            FormProblem::WrongFormat(format) => {
                Msg::FormWrongFormat.with(lang, &[("f", &code(format)), ("n", &code(FORM_FORMAT))])
            }
            FormProblem::BadId(id) => Msg::FormBadId.with(lang, &[("id", &code(id))]),
            FormProblem::DuplicateId(id) => Msg::FormDuplicateId.with(lang, &[("id", &code(id))]),
            FormProblem::UnknownKind(kind) => {
                Msg::FormUnknownKind.with(lang, &[("k", &code(kind))])
            }
            FormProblem::MissingText {
                what,
                lang: missing,
            } => if missing.is_arabic() {
                Msg::FormMissingArabic
            } else {
                Msg::FormMissingEnglish
            }
            .with(lang, &[("w", &code(what))]),
            FormProblem::BadExpression { slot, error } => Msg::FormBadExpression
                .with(lang, &[("s", &code(slot)), ("e", &error.message(lang))]),
            FormProblem::UnknownReference { slot, id } => {
                Msg::FormUnknownReference.with(lang, &[("s", &code(slot)), ("id", &code(id))])
            }
            FormProblem::ReferenceIntoRepeat { slot, id } => {
                Msg::FormReferenceIntoRepeat.with(lang, &[("s", &code(slot)), ("id", &code(id))])
            }
            FormProblem::UnreadablePattern { slot, pattern } => {
                Msg::FormUnreadablePattern.with(lang, &[("s", &code(slot)), ("p", &code(pattern))])
            }
            FormProblem::ConstraintWithoutMessage => text(Msg::FormConstraintWithoutMessage),
            FormProblem::MissingChoices(kind) => {
                Msg::FormMissingChoices.with(lang, &[("k", &code(kind))])
            }
            FormProblem::UnknownChoiceList(id) => {
                Msg::FormUnknownChoiceList.with(lang, &[("id", &code(id))])
            }
            FormProblem::EmptyChoiceList => text(Msg::FormEmptyChoiceList),
            FormProblem::DuplicateChoice(value) => {
                Msg::FormDuplicateChoice.with(lang, &[("v", &code(value))])
            }
            FormProblem::BadSeverityScale => text(Msg::FormBadSeverityScale),
            FormProblem::QuestionsOutsideRepeat => text(Msg::FormQuestionsOutsideRepeat),
            FormProblem::EmptyRepeat => text(Msg::FormEmptyRepeat),
            FormProblem::CountOutsideRepeat => text(Msg::FormCountOutsideRepeat),
            FormProblem::MinAboveMax { min, max } => Msg::FormMinAboveMax.with(
                lang,
                &[
                    ("min", &code(&min.to_string())),
                    ("max", &code(&max.to_string())),
                ],
            ),
            FormProblem::CircularCalculation(circle) => {
                Msg::FormCircularCalculation.with(lang, &[("q", &code(&circle.join(" → ")))])
            }
            FormProblem::NoSections => text(Msg::FormNoSections),
        }
    }
}

/// One thing wrong with a form definition.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{place}: {problem}")]
pub struct FormError {
    pub place: Place,
    pub problem: FormProblem,
}

/// What is wrong at a [`Place`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FormProblem {
    #[error("the file is not a form definition: {0}")]
    NotJson(String),
    #[error("the format is '{0}', not '{FORM_FORMAT}'")]
    WrongFormat(String),
    #[error("the id '{0}' is not valid (lowercase letters, digits and _, starting with a letter)")]
    BadId(String),
    #[error("the id '{0}' is used more than once")]
    DuplicateId(String),
    #[error("unknown kind '{0}'")]
    UnknownKind(String),
    #[error("the {what} has no text in {lang:?}")]
    MissingText { what: &'static str, lang: Lang },
    #[error("the {slot} expression does not parse: {error}")]
    BadExpression {
        slot: &'static str,
        error: ParseError,
    },
    #[error("the {slot} expression refers to '{id}', which is not a question of this form")]
    UnknownReference { slot: &'static str, id: String },
    #[error("the {slot} expression refers to '{id}', inside another repeat group")]
    ReferenceIntoRepeat { slot: &'static str, id: String },
    #[error("the {slot} expression's regex() pattern '{pattern}' uses what Nahda cannot read")]
    UnreadablePattern { slot: &'static str, pattern: String },
    #[error("a constraint needs a constraint_message in both languages")]
    ConstraintWithoutMessage,
    #[error("a {0} question needs a choice list")]
    MissingChoices(String),
    #[error("the choice list '{0}' does not exist")]
    UnknownChoiceList(String),
    #[error("the choice list is empty")]
    EmptyChoiceList,
    #[error("the value '{0}' appears twice")]
    DuplicateChoice(String),
    #[error("a severity question needs a choice list of exactly 1, 2, 3, 4, 5")]
    BadSeverityScale,
    #[error("only a repeat group may contain questions")]
    QuestionsOutsideRepeat,
    #[error("a repeat group needs at least one question")]
    EmptyRepeat,
    #[error("only a repeat group has a count")]
    CountOutsideRepeat,
    #[error("min ({min}) is greater than max ({max})")]
    MinAboveMax { min: f64, max: f64 },
    /// The questions of the circle in order, the first repeated at the end.
    #[error("the calculations refer to each other in a circle: {}", .0.join(" → "))]
    CircularCalculation(Vec<String>),
    #[error("the form has no sections")]
    NoSections,
}

/// Where a question sits in the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Index of its section.
    pub section: usize,
    /// Index in the section's questions.
    pub index: usize,
    /// Its place among its repeat group's questions, and that group's among its own, up to
    /// the question at `index` (empty for a question of the section itself).
    pub within: Vec<usize>,
    /// The repeat groups it is inside, outermost first.
    pub repeats: Vec<String>,
}

/// The parsed expressions of a question.
#[derive(Debug, Clone, Default)]
pub struct Logic {
    pub relevant: Option<Expr>,
    pub constraint: Option<Expr>,
    pub calculate: Option<Expr>,
    pub choice_filter: Option<Expr>,
    pub required_if: Option<Expr>,
    pub count: Option<Expr>,
}

/// A checked form definition, ready to render, validate and evaluate.
#[derive(Debug, Clone)]
pub struct Form {
    spec: FormSpec,
    nodes: IdMap<String, Node>,
    order: Vec<String>,
    logic: IdMap<String, Logic>,
    section_relevance: Vec<Option<Expr>>,
    dependencies: Dependencies,
}

impl Form {
    /// Reads and checks a form definition from JSON.
    pub fn from_json(json: &str) -> Result<Form, Vec<FormError>> {
        let spec: FormSpec = serde_json::from_str(json).map_err(|e| {
            vec![FormError {
                place: Place::Form,
                problem: FormProblem::NotJson(e.to_string()),
            }]
        })?;
        Form::check(spec)
    }

    /// Checks a definition; every problem found is returned, each naming its place.
    pub fn check(spec: FormSpec) -> Result<Form, Vec<FormError>> {
        let mut errors = Vec::new();
        let mut push =
            |place: Place, problem: FormProblem| errors.push(FormError { place, problem });

        if spec.format != FORM_FORMAT {
            push(Place::Form, FormProblem::WrongFormat(spec.format.clone()));
        }
        if !is_valid_form_id(&spec.id) {
            push(Place::Form, FormProblem::BadId(spec.id.clone()));
        }
        check_text(&spec.title, "title", Place::Form, &mut push);
        if let Some(description) = &spec.description {
            check_text(description, "description", Place::Form, &mut push);
        }
        if spec.sections.is_empty() {
            push(Place::Form, FormProblem::NoSections);
        }
        for (name, choices) in &spec.choice_lists {
            let place = || Place::ChoiceList(name.clone());
            if choices.is_empty() {
                push(place(), FormProblem::EmptyChoiceList);
            }
            // A value may appear twice only with different columns: a district of the same
            // name in two regions, which a choice filter tells apart.
            let mut values = HashSet::new();
            for choice in choices {
                if !values.insert((choice.value.as_str(), &choice.columns)) {
                    push(place(), FormProblem::DuplicateChoice(choice.value.clone()));
                }
                check_text(&choice.label, "label of a choice", place(), &mut push);
            }
        }

        // Index every question, in document order.
        let mut nodes = IdMap::default();
        let mut order = Vec::new();
        let mut section_ids = HashSet::new();
        for (s, section) in spec.sections.iter().enumerate() {
            if !is_valid_id(&section.id) {
                push(
                    Place::Section(section.id.clone()),
                    FormProblem::BadId(section.id.clone()),
                );
            }
            if !section_ids.insert(section.id.as_str()) {
                push(
                    Place::Section(section.id.clone()),
                    FormProblem::DuplicateId(section.id.clone()),
                );
            }
            check_text(
                &section.title,
                "title",
                Place::Section(section.id.clone()),
                &mut push,
            );
            for (q, question) in section.questions.iter().enumerate() {
                // Depth first, so a group's questions come right after it.
                let mut stack = vec![(question, Vec::new(), Vec::new())];
                while let Some((item, within, repeats)) = stack.pop() {
                    let place = Place::Question(item.id.clone());
                    if !is_valid_id(&item.id) {
                        push(place.clone(), FormProblem::BadId(item.id.clone()));
                    }
                    check_question(item, &spec, &mut push);
                    let mut inner: Vec<String> = repeats.clone();
                    inner.push(item.id.clone());
                    for (c, child) in item.questions.iter().enumerate().rev() {
                        let mut place = within.clone();
                        place.push(c);
                        stack.push((child, place, inner.clone()));
                    }
                    let node = Node {
                        section: s,
                        index: q,
                        within,
                        repeats,
                    };
                    if nodes.insert(item.id.clone(), node).is_some() {
                        push(place, FormProblem::DuplicateId(item.id.clone()));
                    } else {
                        order.push(item.id.clone());
                    }
                }
            }
        }

        // Parse every expression and resolve its references.
        let mut logic = IdMap::default();
        // `scope`: the repeat groups, outermost first, whose instance the expression is in.
        let mut parse =
            |source: &Option<String>, slot: &'static str, place: &Place, scope: &[String]| {
                let source = source.as_deref()?;
                match Expr::parse(source) {
                    Err(error) => {
                        push(place.clone(), FormProblem::BadExpression { slot, error });
                        None
                    }
                    Ok(expr) => {
                        for pattern in expr.unreadable_patterns() {
                            push(
                                place.clone(),
                                FormProblem::UnreadablePattern {
                                    slot,
                                    pattern: pattern.into(),
                                },
                            );
                        }
                        for id in expr.references() {
                            let Some(node) = nodes.get(id) else {
                                push(
                                    place.clone(),
                                    FormProblem::UnknownReference {
                                        slot,
                                        id: id.into(),
                                    },
                                );
                                continue;
                            };
                            // A question has one answer in each instance of its repeat group:
                            // read as it is in the instance of this group or of one around
                            // it, and otherwise only counted or summed.
                            if !scope.starts_with(&node.repeats) && !aggregates(&expr, id) {
                                push(
                                    place.clone(),
                                    FormProblem::ReferenceIntoRepeat {
                                        slot,
                                        id: id.into(),
                                    },
                                );
                            }
                        }
                        Some(expr)
                    }
                }
            };
        let mut section_relevance = Vec::new();
        for section in &spec.sections {
            let place = Place::Section(section.id.clone());
            section_relevance.push(parse(&section.relevant, "relevant", &place, &[]));
        }
        for id in &order {
            let node = &nodes[id];
            let item = question_at(&spec.sections, node);
            let place = Place::Question(item.id.clone());
            let scope = node.repeats.as_slice();
            // A repeat group's constraint reads its own questions.
            let mut own = node.repeats.clone();
            if item.kind == Kind::Repeat {
                own.push(item.id.clone());
            }
            let parsed = Logic {
                relevant: parse(&item.relevant, "relevant", &place, scope),
                constraint: parse(&item.constraint, "constraint", &place, &own),
                calculate: parse(&item.calculate, "calculate", &place, scope),
                choice_filter: parse(&item.choice_filter, "choice_filter", &place, scope),
                required_if: parse(&item.required_if, "required_if", &place, scope),
                // Worked out where the group is, outside its instances.
                count: parse(&item.count, "count", &place, scope),
            };
            logic.insert(item.id.clone(), parsed);
        }

        let dependencies = match Dependencies::build(&order, &logic, &section_relevance) {
            Ok(dependencies) => dependencies,
            Err(circle) => {
                let place = Place::Question(circle[0].clone());
                push(place, FormProblem::CircularCalculation(circle));
                Dependencies::default()
            }
        };

        if errors.is_empty() {
            Ok(Form {
                spec,
                nodes,
                order,
                logic,
                section_relevance,
                dependencies,
            })
        } else {
            Err(errors)
        }
    }

    /// The definition as written.
    pub fn spec(&self) -> &FormSpec {
        &self.spec
    }

    /// The form's id.
    pub fn id(&self) -> &str {
        &self.spec.id
    }

    /// The form's version.
    pub fn version(&self) -> u32 {
        self.spec.version
    }

    /// The sections, in order.
    pub fn sections(&self) -> &[Section] {
        &self.spec.sections
    }

    /// Every question id in document order (repeat children right after their group).
    pub fn question_ids(&self) -> &[String] {
        &self.order
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        Some(question_at(&self.spec.sections, self.nodes.get(id)?))
    }

    /// Where the question sits.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.get(id)
    }

    /// The repeat group a question belongs to, if it is inside one (the innermost).
    pub fn repeat_of(&self, id: &str) -> Option<&Question> {
        self.question(self.nodes.get(id)?.repeats.last()?)
    }

    /// The repeat groups a question is inside, outermost first.
    pub fn repeats(&self, id: &str) -> &[String] {
        self.nodes.get(id).map_or(&[], |n| n.repeats.as_slice())
    }

    /// A question and every question inside it, at any depth.
    pub fn with_descendants(&self, id: &str) -> Vec<String> {
        let mut out = vec![id.to_string()];
        let mut next = 0;
        while let Some(current) = out.get(next) {
            let children = self.question(current).map(|q| &q.questions);
            let ids: Vec<String> = children
                .into_iter()
                .flatten()
                .map(|q| q.id.clone())
                .collect();
            out.extend(ids);
            next += 1;
        }
        out
    }

    /// The parsed expressions of a question.
    pub fn logic(&self, id: &str) -> Option<&Logic> {
        self.logic.get(id)
    }

    /// The parsed relevance of a section.
    pub fn section_relevance(&self, section: usize) -> Option<&Expr> {
        self.section_relevance.get(section).and_then(Option::as_ref)
    }

    /// The choices a question offers.
    pub fn choices(&self, question: &Question) -> &[Choice] {
        question
            .choices
            .as_ref()
            .and_then(|name| self.spec.choice_lists.get(name))
            .map_or(&[], Vec::as_slice)
    }

    /// The label of a choice value of a question in a language; the value itself when the
    /// question or the value is unknown.
    pub fn choice_label(&self, question_id: &str, value: &str, lang: Lang) -> String {
        self.question(question_id)
            .and_then(|q| self.choices(q).iter().find(|c| c.value == value))
            .map(|c| c.label.get(lang).to_string())
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| value.to_string())
    }

    /// Questions with a calculation, in an order where each comes after those it uses.
    pub fn calculation_order(&self) -> &[String] {
        self.dependencies.calculation_order()
    }

    /// Which expressions read which answers.
    pub fn dependencies(&self) -> &Dependencies {
        &self.dependencies
    }
}

/// The question a node places.
fn question_at<'s>(sections: &'s [Section], node: &Node) -> &'s Question {
    let top = &sections[node.section].questions[node.index];
    node.within
        .iter()
        .fold(top, |group, c| &group.questions[*c])
}

fn is_valid_form_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_' | '-' | '.'))
}

/// True when every use of `${id}` in the expression is the argument of `count()` or `sum()`.
fn aggregates(expr: &Expr, id: &str) -> bool {
    use crate::core::expr::Func;
    match expr {
        Expr::Ref(r) => r != id,
        Expr::Call(Func::Count | Func::Sum, args) if matches!(args.as_slice(), [Expr::Ref(r)] if r == id) => {
            true
        }
        Expr::Call(_, args) => args.iter().all(|a| aggregates(a, id)),
        Expr::Neg(inner) => aggregates(inner, id),
        Expr::Binary(_, a, b) => aggregates(a, id) && aggregates(b, id),
        Expr::Num(_) | Expr::Str(_) | Expr::Current => true,
    }
}

fn check_text(
    text: &Text,
    what: &'static str,
    place: Place,
    push: &mut impl FnMut(Place, FormProblem),
) {
    for lang in text.missing() {
        push(place.clone(), FormProblem::MissingText { what, lang });
    }
}

fn check_question(question: &Question, spec: &FormSpec, push: &mut impl FnMut(Place, FormProblem)) {
    let place = || Place::Question(question.id.clone());
    if let Kind::Unknown(name) = &question.kind {
        push(place(), FormProblem::UnknownKind(name.clone()));
    }
    check_text(&question.label, "label", place(), push);
    if let Some(hint) = &question.hint {
        check_text(hint, "hint", place(), push);
    }
    if question.constraint.is_some() {
        let complete = question
            .constraint_message
            .as_ref()
            .is_some_and(|m| m.missing().is_empty());
        if !complete {
            push(place(), FormProblem::ConstraintWithoutMessage);
        }
    }
    if question.kind.uses_choices() {
        match &question.choices {
            None => push(
                place(),
                FormProblem::MissingChoices(question.kind.name().into()),
            ),
            Some(name) => match spec.choice_lists.get(name) {
                None => push(place(), FormProblem::UnknownChoiceList(name.clone())),
                Some(list) if question.kind == Kind::Severity => {
                    let values: Vec<String> = list.iter().map(|c| c.value.clone()).collect();
                    let scale: Vec<String> = SEVERITY_SCALE.map(|n| n.to_string()).collect();
                    if values != scale {
                        push(place(), FormProblem::BadSeverityScale);
                    }
                }
                Some(_) => {}
            },
        }
    }
    if let (Some(min), Some(max)) = (question.min, question.max) {
        if min > max {
            push(place(), FormProblem::MinAboveMax { min, max });
        }
    }
    if let (Some(min), Some(max)) = (question.min_count, question.max_count) {
        if min > max {
            push(
                place(),
                FormProblem::MinAboveMax {
                    min: min.into(),
                    max: max.into(),
                },
            );
        }
    }
    match question.kind {
        Kind::Repeat if question.questions.is_empty() => push(place(), FormProblem::EmptyRepeat),
        Kind::Repeat => {}
        _ if !question.questions.is_empty() => push(place(), FormProblem::QuestionsOutsideRepeat),
        _ if question.count.is_some() => push(place(), FormProblem::CountOutsideRepeat),
        _ => {}
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
