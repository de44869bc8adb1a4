//! Validation of a submission's answers against its form: relevance (skip logic), conversion of
//! each answer by its kind, required answers, ranges and constraints. The result is a list of
//! issues, each pointing at one answer, never a panic. A draft may have issues; only a
//! submission without any can be finalised, and finalising drops the answers of questions that
//! are hidden, so no stale answer leaves the device.

use std::ops::RangeInclusive;

use crate::core::answers::{Answer, AnswerScope, Answers};
use crate::core::decimal::decimal;
use crate::core::expr::{format_number, parse_number, Expr, Value};
use crate::core::i18n::{isolate, normalize_digits, Lang, Msg};
use crate::core::media::{self, FileProblem};
use crate::core::order;
use crate::core::phrase::{in_digits, number};
use crate::core::schema::{Form, Kind, Question, Text};

/// The longest answer a short text question takes, in characters.
pub const MAX_SHORT_TEXT: usize = 1_000;
/// The longest answer a long text question takes, in characters.
pub const MAX_LONG_TEXT: usize = 10_000;
/// How many digits a phone number has, country code included.
const PHONE_DIGITS: RangeInclusive<usize> = 6..=15;
/// The values a percentage takes.
const PERCENTAGE: RangeInclusive<f64> = 0.0..=100.0;

/// Which answer an issue is about: a question, and for a question inside repeat groups the
/// place of its instance in each group, outermost first.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AnswerPath {
    pub question: String,
    pub rows: Vec<usize>,
}

impl AnswerPath {
    /// The id of the answer's input in the page, used to link a message to its input.
    pub fn dom_id(&self) -> String {
        let mut id = format!("q-{}", self.question);
        for row in &self.rows {
            id.push_str(&format!("-{row}"));
        }
        id
    }

    /// The instances of its repeat groups as a person reads them ("row 2 › row 1"), if any.
    pub fn rows_shown(&self, lang: Lang) -> Option<String> {
        let shown: Vec<String> = self
            .rows
            .iter()
            .map(|r| Msg::RowNumber.with(lang, &[("n", &number(*r as u64 + 1, lang))]))
            .collect();
        (!shown.is_empty()).then(|| shown.join(" › "))
    }
}

/// What is wrong with one answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Required,
    NotANumber,
    /// A comma where it cannot separate thousands (`6,5`).
    NumberComma,
    NotAWholeNumber,
    BelowMin(f64),
    AboveMax(f64),
    NotAPercentage,
    NotADate,
    NotATime,
    NotADateTime,
    /// A file not of the question's kind (a recording for a photo), or damaged.
    NotOfKind,
    /// A file larger than the kind's limit, in bytes.
    FileTooLarge(usize),
    UnknownChoice(String),
    TooManyChoices(u32),
    /// A choice picked again: its label, and the place (from 1) where it is picked again.
    RepeatedChoice(Text, usize),
    NotAPhone,
    NotAnArea,
    NotAPoint,
    /// A line on the map with fewer than two points.
    TooFewPoints,
    TooLong(usize),
    TooFewRows(u32),
    TooManyRows(u32),
    /// The answer does not have the shape its question kind gives (e.g. a list for a number).
    WrongShape,
    /// The form's own constraint failed; its message comes from the form.
    Constraint(Text),
    /// The answer was changed in two places at once; the person has to choose a value.
    Contested,
}

impl Problem {
    /// The message a person reads, in their language.
    pub fn message(&self, lang: Lang) -> String {
        let with = |msg: Msg, n: String| msg.with(lang, &[("n", &n)]);
        let count = |n: usize| number(n as u64, lang);
        let figure = |n: f64| in_digits(&format_number(n), lang);
        let between =
            |msg: Msg, lo: String, hi: String| msg.with(lang, &[("lo", &lo), ("hi", &hi)]);
        match self {
            Problem::Required => Msg::ErrRequired.text(lang).into(),
            Problem::NotANumber => Msg::ErrNotANumber.text(lang).into(),
            Problem::NumberComma => Msg::ErrNumberComma.with(
                lang,
                &[("t", &number(6500, lang)), ("d", &in_digits("6.5", lang))],
            ),
            Problem::NotAWholeNumber => Msg::ErrNotAWholeNumber.text(lang).into(),
            Problem::BelowMin(min) => with(Msg::ErrBelowMin, figure(*min)),
            Problem::AboveMax(max) => with(Msg::ErrAboveMax, figure(*max)),
            Problem::NotAPercentage => between(
                Msg::ErrNotAPercentage,
                figure(*PERCENTAGE.start()),
                figure(*PERCENTAGE.end()),
            ),
            Problem::NotADate => Msg::ErrNotADate.text(lang).into(),
            Problem::NotATime => Msg::ErrNotATime.text(lang).into(),
            Problem::NotADateTime => Msg::ErrNotADateTime.text(lang).into(),
            Problem::NotOfKind => Msg::ErrNotOfKind.text(lang).into(),
            Problem::FileTooLarge(bytes) => with(Msg::ErrFileTooLarge, count(bytes / 1024)),
            Problem::UnknownChoice(value) => with(Msg::ErrUnknownChoice, isolate(value)),
            Problem::TooManyChoices(n) => with(Msg::ErrTooManyChoices, count(*n as usize)),
            Problem::RepeatedChoice(label, place) => Msg::ErrRepeatedChoice.with(
                lang,
                &[("c", &isolate(label.get(lang))), ("r", &count(*place))],
            ),
            Problem::NotAPhone => between(
                Msg::ErrNotAPhone,
                count(*PHONE_DIGITS.start()),
                count(*PHONE_DIGITS.end()),
            ),
            Problem::NotAnArea => Msg::ErrNotAnArea.text(lang).into(),
            Problem::NotAPoint => Msg::ErrNotAPoint.text(lang).into(),
            Problem::TooFewPoints => Msg::ErrTooFewPoints.text(lang).into(),
            Problem::TooLong(n) => with(Msg::ErrTooLong, count(*n)),
            Problem::TooFewRows(n) => with(Msg::ErrTooFewRows, count(*n as usize)),
            Problem::TooManyRows(n) => with(Msg::ErrTooManyRows, count(*n as usize)),
            Problem::WrongShape => Msg::ErrWrongShape.text(lang).into(),
            Problem::Constraint(text) => text.get(lang).into(),
            Problem::Contested => Msg::ErrContested.text(lang).into(),
        }
    }
}

/// One issue: an answer and what is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub path: AnswerPath,
    pub problem: Problem,
}

/// True when the section is shown.
pub fn section_is_relevant(form: &Form, section: usize, scope: &AnswerScope) -> bool {
    form.section_relevance(section)
        .is_none_or(|e| e.is_true(scope))
}

/// True when the question is shown: its section, its repeat group (for a child, evaluated
/// outside the instance) and its own relevance are all true. `scope` carries the repeat
/// instance for a question inside a repeat group.
pub fn is_relevant(form: &Form, id: &str, scope: &AnswerScope) -> bool {
    let Some(node) = form.node(id) else {
        return false;
    };
    // The section's relevance reads the submission, never one instance.
    let top = AnswerScope {
        row: None,
        ..*scope
    };
    if !section_is_relevant(form, node.section, &top) {
        return false;
    }
    // Each repeat group around it is shown, evaluated outside its instance.
    let mut outside = *scope;
    for group in form.repeats(id).iter().rev() {
        outside = outside.outside();
        if !own_relevance(form, group, &outside) {
            return false;
        }
    }
    own_relevance(form, id, scope)
}

fn own_relevance(form: &Form, id: &str, scope: &AnswerScope) -> bool {
    form.logic(id)
        .and_then(|l| l.relevant.as_ref())
        .is_none_or(|e| e.is_true(scope))
}

/// Every issue of the submission's shown questions.
pub fn validate(form: &Form, answers: &Answers, today: &str) -> Vec<Issue> {
    let scope = AnswerScope::new(form, answers, today);
    let mut issues = Vec::new();
    // In document order, each section's relevance worked out once for all its questions.
    let sections = form.spec().sections.iter().enumerate();
    let shown = sections.filter(|(index, _)| section_is_relevant(form, *index, &scope));
    for question in shown.flat_map(|(_, section)| &section.questions) {
        validate_question(form, question, answers, &scope, &[], &mut issues);
    }
    issues
}

/// The issue of a shown question's answer among `answers` (the submission's, or those of the
/// repeat instance at `rows`), then those of each of its instances for a repeat group.
fn validate_question(
    form: &Form,
    question: &Question,
    answers: &Answers,
    scope: &AnswerScope,
    rows: &[usize],
    issues: &mut Vec<Issue>,
) {
    if !question.kind.has_answer() || !own_relevance(form, &question.id, scope) {
        return;
    }
    let answer = answers.get(&question.id);
    if let Some(problem) = check_answer(form, question, answer, scope) {
        issues.push(Issue {
            path: AnswerPath {
                question: question.id.clone(),
                rows: rows.to_vec(),
            },
            problem,
        });
    }
    if let (Kind::Repeat, Some(Answer::Rows(instances))) = (&question.kind, answer) {
        for (r, row) in instances.iter().enumerate() {
            let row_scope = scope.in_row(&question.id, row);
            let mut at = rows.to_vec();
            at.push(r);
            for child in &question.questions {
                validate_question(form, child, row, &row_scope, &at, issues);
            }
        }
    }
}

/// The problem with one answer of a shown question, if any: shape and conversion first, then
/// required, then range, then the form's constraint (only for an answer that is there).
pub fn check_answer(
    form: &Form,
    question: &Question,
    answer: Option<&Answer>,
    scope: &AnswerScope,
) -> Option<Problem> {
    let logic = form.logic(&question.id);
    // A count worked out from other answers, while it is a whole number, is the number of
    // a repeat group's instances: it alone says whether none is right.
    let count = logic
        .and_then(|l| l.count.as_ref())
        .map(|e| e.eval(scope).as_num())
        .filter(|n| *n >= 0.0 && *n <= f64::from(u32::MAX) && n.fract() == 0.0)
        .map(|n| n as u32);
    let (min_count, max_count) = match count {
        Some(n) => (Some(n), Some(n)),
        None => (question.min_count, question.max_count),
    };
    if answer.is_none_or(Answer::is_empty) {
        let required = count.is_none() && is_required(form, question, scope);
        return match (question.kind == Kind::Repeat, min_count.unwrap_or(0)) {
            (true, n) if n > 1 => Some(Problem::TooFewRows(n)),
            (true, 1) => Some(Problem::Required),
            _ => required.then_some(Problem::Required),
        };
    }
    let answer = answer?;
    if let (Kind::Repeat, Answer::Rows(rows)) = (&question.kind, answer) {
        let n = rows.len() as u32;
        if let Some(min) = min_count.filter(|min| n < *min) {
            return Some(Problem::TooFewRows(min));
        }
        if let Some(max) = max_count.filter(|max| n > *max) {
            return Some(Problem::TooManyRows(max));
        }
    } else if let Some(problem) = check_kind(form, question, answer, scope) {
        return Some(problem);
    }
    let constraint = logic.and_then(|l| l.constraint.as_ref())?;
    let holds = constraint.is_true(&scope.checking(Some(answer)));
    (!holds).then(|| Problem::Constraint(question.constraint_message.clone().unwrap_or_default()))
}

/// True when a shown question needs an answer: always (`required`), or now (`required_if`).
pub fn is_required(form: &Form, question: &Question, scope: &AnswerScope) -> bool {
    question.required
        || form
            .logic(&question.id)
            .and_then(|l| l.required_if.as_ref())
            .is_some_and(|e| e.is_true(scope))
}

/// The choices a question offers, by their place in its list: all of them, or those its
/// `choice_filter` is true for (a value may be in a list twice, with other columns).
pub fn offered_choices(form: &Form, question: &Question, scope: &AnswerScope) -> Vec<usize> {
    let choices = form.choices(question).iter().enumerate();
    match form
        .logic(&question.id)
        .and_then(|l| l.choice_filter.as_ref())
    {
        None => choices.map(|(i, _)| i).collect(),
        Some(filter) => choices
            .filter(|(_, c)| filter.is_true(&scope.deciding(c)))
            .map(|(i, _)| i)
            .collect(),
    }
}

fn check_kind(
    form: &Form,
    question: &Question,
    answer: &Answer,
    scope: &AnswerScope,
) -> Option<Problem> {
    let text = match answer {
        Answer::Text(text) => Some(text.trim()),
        _ => None,
    };
    let range = |n: f64| {
        if question.min.is_some_and(|min| n < min) {
            question.min.map(Problem::BelowMin)
        } else if question.max.is_some_and(|max| n > max) {
            question.max.map(Problem::AboveMax)
        } else {
            None
        }
    };
    let choice_values = || {
        let choices = form.choices(question);
        offered_choices(form, question, scope)
            .into_iter()
            .filter_map(|i| choices.get(i).map(|c| c.value.as_str()))
            .collect::<Vec<_>>()
    };
    match (&question.kind, answer) {
        (Kind::Text | Kind::Barcode, Answer::Text(t)) => {
            (t.chars().count() > MAX_SHORT_TEXT).then_some(Problem::TooLong(MAX_SHORT_TEXT))
        }
        (Kind::LongText, Answer::Text(t)) => {
            (t.chars().count() > MAX_LONG_TEXT).then_some(Problem::TooLong(MAX_LONG_TEXT))
        }
        (Kind::Integer, Answer::Text(_)) => match text.and_then(parse_number) {
            None => Some(not_a_number(text)),
            Some(n) if n.fract() != 0.0 => Some(Problem::NotAWholeNumber),
            Some(n) => range(n),
        },
        (Kind::Decimal, Answer::Text(_)) => text
            .and_then(parse_number)
            .map_or(Some(not_a_number(text)), range),
        (Kind::Percentage, Answer::Text(_)) => match text.and_then(parse_number) {
            None => Some(not_a_number(text)),
            Some(n) if !PERCENTAGE.contains(&n) => Some(Problem::NotAPercentage),
            Some(_) => None,
        },
        (Kind::Date, Answer::Text(_)) => (!text.is_some_and(is_date)).then_some(Problem::NotADate),
        (Kind::Time, Answer::Text(_)) => (!text.is_some_and(is_time)).then_some(Problem::NotATime),
        (Kind::DateTime, Answer::Text(_)) => {
            (!text.is_some_and(is_date_time)).then_some(Problem::NotADateTime)
        }
        (Kind::Phone, Answer::Text(_)) => {
            (!text.is_some_and(is_phone)).then_some(Problem::NotAPhone)
        }
        (Kind::YesNo, Answer::Text(t)) => {
            (!matches!(t.as_str(), "yes" | "no")).then(|| Problem::UnknownChoice(t.clone()))
        }
        (Kind::SelectOne | Kind::Severity, Answer::Text(t)) => {
            (!choice_values().contains(&t.as_str())).then(|| Problem::UnknownChoice(t.clone()))
        }
        (Kind::SelectMany | Kind::Ranked, Answer::Choices(values)) => {
            let known = choice_values();
            let limit = question
                .max_choices
                .or((question.kind == Kind::Ranked).then_some(3));
            if let Some(unknown) = values.iter().find(|v| !known.contains(&v.as_str())) {
                Some(Problem::UnknownChoice(unknown.clone()))
            } else if let Some((i, _)) = values
                .iter()
                .enumerate()
                .find(|(i, v)| values[..*i].contains(v))
            {
                let label = form
                    .choices(question)
                    .iter()
                    .find(|c| c.value == values[i])
                    .map(|c| c.label.clone())
                    .unwrap_or_default();
                Some(Problem::RepeatedChoice(label, i + 1))
            } else {
                limit
                    .filter(|n| values.len() > *n as usize)
                    .map(Problem::TooManyChoices)
            }
        }
        (Kind::Photo | Kind::Audio | Kind::Video, Answer::File { media_type, data }) => {
            match media::check(&question.kind, media_type, data) {
                Ok(()) => None,
                Err(FileProblem::NotOfKind) => Some(Problem::NotOfKind),
                Err(FileProblem::TooLarge(limit)) => Some(Problem::FileTooLarge(limit)),
            }
        }
        (Kind::Area, Answer::Area { code, name }) => {
            let code_ok = code.is_empty() || is_area_code(code);
            let something = !code.trim().is_empty() || !name.trim().is_empty();
            (!(code_ok && something) || name.chars().count() > MAX_SHORT_TEXT)
                .then_some(Problem::NotAnArea)
        }
        (Kind::Gps, Answer::Point { lat, lon, .. }) => (!((-90.0..=90.0).contains(lat)
            && (-180.0..=180.0).contains(lon)))
        .then_some(Problem::NotAPoint),
        (Kind::GpsLine, Answer::Text(_)) => match text.and_then(line_points) {
            None => Some(Problem::NotAPoint),
            Some(points) if points.len() < 2 => Some(Problem::TooFewPoints),
            Some(_) => None,
        },
        _ => Some(Problem::WrongShape),
    }
}

/// Why a typed text is not a number: a misplaced comma is named, as people type `6,5`.
fn not_a_number(text: Option<&str>) -> Problem {
    if text.is_some_and(|t| t.contains([',', '\u{066C}'])) {
        Problem::NumberComma
    } else {
        Problem::NotANumber
    }
}

/// True for a calendar date written `YYYY-MM-DD`.
pub fn is_date(text: &str) -> bool {
    let text = normalize_digits(text);
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// True for a time of day written `HH:MM` or `HH:MM:SS` (24 hours), as a time input gives it.
pub fn is_time(text: &str) -> bool {
    let text = normalize_digits(text);
    let parts: Vec<&str> = text.split(':').collect();
    let field =
        |part: &str, below: u32| part.len() == 2 && part.parse::<u32>().is_ok_and(|n| n < below);
    match parts.as_slice() {
        [h, m] => field(h, 24) && field(m, 60),
        [h, m, s] => field(h, 24) && field(m, 60) && field(s, 60),
        _ => false,
    }
}

/// True for a date and time of day written `YYYY-MM-DDTHH:MM` (seconds optional), as a
/// date-and-time input gives it.
pub fn is_date_time(text: &str) -> bool {
    text.split_once('T')
        .is_some_and(|(date, time)| is_date(date) && is_time(time))
}

/// The points of a line on the map, written `lat lon;lat lon;…` as ODK writes a geotrace (a
/// third and fourth number, its altitude and accuracy, are allowed and not read); `None` when
/// a point is not numbers with its latitude and longitude in range.
pub fn line_points(text: &str) -> Option<Vec<(f64, f64)>> {
    text.split(';')
        .map(|point| {
            let numbers: Vec<f64> = point
                .split_whitespace()
                .map(decimal)
                .collect::<Option<_>>()?;
            match numbers[..] {
                [lat, lon, ..]
                    if numbers.len() <= 4
                        && (-90.0..=90.0).contains(&lat)
                        && (-180.0..=180.0).contains(&lon) =>
                {
                    Some((lat, lon))
                }
                _ => None,
            }
        })
        .collect()
}

/// True for a phone number: an optional `+`, then 6 to 15 digits, with spaces, dashes,
/// dots or parentheses between them. Arabic-Indic digits are accepted.
pub fn is_phone(text: &str) -> bool {
    let text = normalize_digits(text);
    let body = text.trim().strip_prefix('+').unwrap_or(text.trim());
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'))
    {
        return false;
    }
    let digits = body.chars().filter(char::is_ascii_digit).count();
    PHONE_DIGITS.contains(&digits)
}

/// True for an OCHA-style P-code: `SY` and an even number of digits (2 to 8), or `C` and digits.
pub fn is_area_code(code: &str) -> bool {
    if let Some(digits) = code.strip_prefix("SY") {
        digits.len() % 2 == 0
            && (2..=8).contains(&digits.len())
            && digits.chars().all(|c| c.is_ascii_digit())
    } else if let Some(digits) = code.strip_prefix('C') {
        !digits.is_empty() && digits.len() <= 8 && digits.chars().all(|c| c.is_ascii_digit())
    } else {
        false
    }
}

/// The answers with every calculated question computed, in dependency order; a calculated
/// question inside a repeat group is computed in each of its instances.
pub fn calculate(form: &Form, answers: &Answers, today: &str) -> Answers {
    let mut out = answers.clone();
    for id in form.calculation_order() {
        calculate_one(form, &mut out, id, today);
    }
    out
}

/// Computes one calculated question into `answers` (in each instance of its repeat group),
/// from the answers as they are; nothing for a question without a calculation.
pub fn calculate_one(form: &Form, answers: &mut Answers, id: &str, today: &str) {
    let Some(expr) = form.logic(id).and_then(|l| l.calculate.as_ref()) else {
        return;
    };
    let as_answer = |value: Value| {
        Answer::Text(match value {
            Value::Num(n) => format_number(n),
            other => other.as_text(),
        })
    };
    match form.repeats(id) {
        [] => {
            let value = expr.eval(&AnswerScope::new(form, answers, today));
            answers.insert(id.to_string(), as_answer(value));
        }
        groups => {
            let scope = AnswerScope::new(form, answers, today);
            let computed = calculated_rows(&scope, answers, groups, id, expr, &as_answer);
            if let Some(rows) = computed {
                answers.insert(groups[0].clone(), rows);
            }
        }
    }
}

/// The instances of the repeat group `groups[0]` in `answers`, with question `id` computed in
/// each instance of the innermost group of `groups`.
fn calculated_rows(
    scope: &AnswerScope,
    answers: &Answers,
    groups: &[String],
    id: &str,
    expr: &Expr,
    as_answer: &dyn Fn(Value) -> Answer,
) -> Option<Answer> {
    let (group, inner) = groups.split_first()?;
    let Some(Answer::Rows(rows)) = answers.get(group) else {
        return None;
    };
    let computed = rows.iter().map(|row| {
        let row_scope = scope.in_row(group, row);
        let mut out = row.clone();
        match inner.first() {
            None => {
                out.insert(id.to_string(), as_answer(expr.eval(&row_scope)));
            }
            Some(next) => {
                if let Some(rows) = calculated_rows(&row_scope, row, inner, id, expr, as_answer) {
                    out.insert(next.clone(), rows);
                }
            }
        }
        out
    });
    Some(Answer::Rows(computed.collect()))
}

/// The answers of shown questions only: hidden questions' answers, answers to questions the
/// form does not have, and hidden repeat children are dropped.
pub fn prune(form: &Form, answers: &Answers, today: &str) -> Answers {
    // Dropping one hidden answer can hide another question whose relevance depends on it, so
    // prune until nothing changes (at most once per question).
    let mut current = answers.clone();
    for _ in 0..=form.question_ids().len() {
        let next = prune_once(form, &current, today);
        if next == current {
            break;
        }
        current = next;
    }
    current
}

fn prune_once(form: &Form, answers: &Answers, today: &str) -> Answers {
    let scope = AnswerScope::new(form, answers, today);
    let mut out = Answers::new();
    for (id, answer) in answers {
        let Some(question) = form.question(id) else {
            continue;
        };
        if form.repeat_of(id).is_some() || !is_relevant(form, id, &scope) {
            continue;
        }
        let kept = kept_rows(form, question, answer, &scope);
        if !kept.is_empty() {
            out.insert(id.clone(), kept);
        }
    }
    out
}

/// A repeat group's answer with the answers of hidden questions and of questions it does not
/// have dropped from each instance, at any depth; any other answer as it is.
fn kept_rows(form: &Form, question: &Question, answer: &Answer, scope: &AnswerScope) -> Answer {
    let (Answer::Rows(rows), Kind::Repeat) = (answer, &question.kind) else {
        return answer.clone();
    };
    let kept = rows.iter().map(|row| {
        let row_scope = scope.in_row(&question.id, row);
        order::map_of(row.iter().filter_map(|(id, answer)| {
            let child = question.questions.iter().find(|q| &q.id == id)?;
            own_relevance(form, id, &row_scope)
                .then(|| (id.clone(), kept_rows(form, child, answer, &row_scope)))
        }))
    });
    Answer::Rows(kept.collect())
}

/// The answers a new draft starts with: each question's `default`, outside repeat groups
/// (choices of a multiple or ranked choice separated by spaces).
pub fn default_answers(form: &Form) -> Answers {
    order::map_of(
        form.question_ids()
            .iter()
            .filter(|id| form.repeat_of(id).is_none())
            .filter_map(|id| {
                let question = form.question(id)?;
                let default = question.default.as_deref()?.trim();
                let answer = match question.kind {
                    Kind::SelectMany | Kind::Ranked => {
                        Answer::Choices(default.split_whitespace().map(str::to_string).collect())
                    }
                    _ => Answer::Text(default.to_string()),
                };
                (!answer.is_empty()).then(|| (id.clone(), answer))
            }),
    )
}

/// Finalises a submission's answers: calculations computed, hidden answers dropped, and every
/// remaining answer valid; otherwise the issues that stop it.
pub fn finalise(form: &Form, answers: &Answers, today: &str) -> Result<Answers, Vec<Issue>> {
    let calculated = calculate(form, answers, today);
    let kept = prune(form, &calculated, today);
    let issues = validate(form, &kept, today);
    if issues.is_empty() {
        Ok(kept)
    } else {
        Err(issues)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
