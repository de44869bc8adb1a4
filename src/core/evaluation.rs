//! A submission evaluated as it is filled: each answer's relevance and issue, each section's
//! relevance and each calculated value, kept up to date one edit at a time. An edit works out
//! again only what reads the answers it changed, following the form's dependency graph
//! (`core::dependencies`) transitively in a fixed order — calculations in their order, then
//! sections, then questions — so a keystroke costs what depends on it, not the whole form.
//!
//! The result is, by construction and by property test, what a full evaluation gives: the
//! calculations of `validate::calculate`, the relevance of `validate::is_relevant` and the
//! issues of `validate::validate`, all over the answers with their calculations.

use std::collections::BTreeSet;

use crate::core::answers::{instance, instance_mut, put, Answer, AnswerScope, Answers};
use crate::core::dependencies::{Dependencies, Reader};
use crate::core::idmap::IdMap;
use crate::core::order;
use crate::core::schema::{Form, Kind, Question};
use crate::core::validate::{
    calculate, calculate_one, check_answer, is_relevant, is_required, offered_choices,
    section_is_relevant, AnswerPath, Issue, Problem,
};

/// One change a person makes to the answers. `within` names the repeat instance an edit
/// happens in: each repeat group around it and the instance's place, outermost first.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Sets (or clears, when empty) the answer to a question outside repeat groups.
    Set { id: String, answer: Answer },
    /// Sets (or clears) the answer to a question inside one instance of a repeat group.
    SetInRow {
        within: Vec<(String, usize)>,
        id: String,
        answer: Answer,
    },
    /// Adds an empty instance to a repeat group.
    AddRow {
        within: Vec<(String, usize)>,
        group: String,
    },
    /// Removes one instance of a repeat group.
    RemoveRow {
        within: Vec<(String, usize)>,
        group: String,
        row: usize,
    },
}

impl Edit {
    /// Makes the change in `answers`; nothing when its repeat instance is not there.
    pub fn apply(&self, answers: &mut Answers) {
        match self {
            Edit::Set { id, answer } => put(answers, id, Some(answer.clone())),
            Edit::SetInRow { within, id, answer } => {
                if let Some(answers) = instance_mut(answers, within) {
                    put(answers, id, Some(answer.clone()));
                }
            }
            Edit::AddRow { within, group } => {
                let Some(answers) = instance_mut(answers, within) else {
                    return;
                };
                let entry = answers
                    .entry(group.clone())
                    .or_insert_with(|| Answer::Rows(Vec::new()));
                match entry {
                    Answer::Rows(rows) => rows.push(Answers::new()),
                    other => *other = Answer::Rows(vec![Answers::new()]),
                }
            }
            Edit::RemoveRow { within, group, row } => {
                let Some(answers) = instance_mut(answers, within) else {
                    return;
                };
                if let Some(Answer::Rows(rows)) = answers.get_mut(group) {
                    if *row < rows.len() {
                        rows.remove(*row);
                    }
                    if rows.is_empty() {
                        answers.remove(group);
                    }
                }
            }
        }
    }

    /// The questions whose answers the change touches: the repeat groups it happens in, and
    /// a repeat group's answer changed as a whole, or its instances added or removed, touch
    /// every question in it.
    fn touches(&self, form: &Form) -> Vec<String> {
        let (within, id) = match self {
            Edit::Set { id, .. } => (&[][..], id),
            Edit::SetInRow { within, id, .. } => (within.as_slice(), id),
            Edit::AddRow { within, group } | Edit::RemoveRow { within, group, .. } => {
                (within.as_slice(), group)
            }
        };
        let mut touched: Vec<String> = within.iter().map(|(group, _)| group.clone()).collect();
        touched.extend(form.with_descendants(id));
        touched
    }

    /// True when the change may take instances of a repeat group away.
    fn removes_rows(&self, form: &Form) -> bool {
        match self {
            Edit::Set { id, .. } | Edit::SetInRow { id, .. } => {
                form.question(id).is_some_and(|q| q.kind == Kind::Repeat)
            }
            Edit::AddRow { .. } => false,
            Edit::RemoveRow { .. } => true,
        }
    }
}

/// What the page shows of one answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Verdict {
    /// The question is shown.
    pub relevant: bool,
    /// The question needs an answer now: always, or by its `required_if`.
    pub required: bool,
    /// What is wrong with the answer of a shown question.
    pub problem: Option<Problem>,
    /// The value of a calculated question, as text.
    pub calculated: Option<String>,
    /// The choices (by their place in the list) a question with a choice filter offers now.
    pub offered: Option<Vec<usize>>,
}

/// What an edit changed, for the page to redraw only that.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Changes {
    /// The answers whose verdict changed (or appeared).
    pub paths: Vec<AnswerPath>,
    /// A section was shown or hidden.
    pub sections: bool,
    /// An issue appeared, went or changed.
    pub issues: bool,
}

/// The evaluation of a submission's answers against its form.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    today: String,
    /// The answers as typed, with every calculation computed.
    answers: Answers,
    sections: Vec<bool>,
    verdicts: IdMap<AnswerPath, Verdict>,
}

impl Evaluation {
    /// Evaluates every expression and answer: the full evaluation.
    pub fn new(form: &Form, typed: &Answers, today: &str) -> Evaluation {
        let answers = calculate(form, typed, today);
        let scope = AnswerScope::new(form, &answers, today);
        let sections = (0..form.sections().len())
            .map(|s| section_is_relevant(form, s, &scope))
            .collect();
        let mut evaluation = Evaluation {
            today: today.to_string(),
            answers,
            sections,
            verdicts: IdMap::default(),
        };
        for path in evaluation.paths(form) {
            let verdict = evaluation.judge(form, &path);
            evaluation.verdicts.insert(path, verdict);
        }
        evaluation
    }

    /// Takes in one edit of the typed answers, working out again only what reads what it
    /// changed.
    pub fn apply(&mut self, form: &Form, edit: &Edit) -> Changes {
        edit.apply(&mut self.answers);
        let mut removed_issue = false;
        if edit.removes_rows(form) {
            // Verdicts of instances no longer there go (and with them any issue).
            let answers = &self.answers;
            self.verdicts.retain(|path, verdict| {
                let kept = is_there(form, answers, path);
                removed_issue |= !kept && verdict.problem.is_some();
                kept
            });
        }
        let mut changes = self.refresh(form, edit.touches(form));
        changes.issues |= removed_issue;
        changes
    }

    /// Takes in answers replaced as a whole (another tab's, a settled contest, a finalised
    /// record): evaluated in full, with what changed.
    pub fn replace(&mut self, form: &Form, typed: &Answers) -> Changes {
        let fresh = Evaluation::new(form, typed, &self.today);
        let mut changes = Changes {
            sections: fresh.sections != self.sections,
            ..Changes::default()
        };
        for (path, verdict) in &fresh.verdicts {
            let before = self.verdicts.get(path);
            if before != Some(verdict) {
                changes.issues |=
                    before.and_then(|v| v.problem.as_ref()) != verdict.problem.as_ref();
                changes.paths.push(path.clone());
            }
        }
        changes.issues |= self
            .verdicts
            .iter()
            .any(|(path, v)| v.problem.is_some() && !fresh.verdicts.contains_key(path));
        *self = fresh;
        changes
    }

    /// What the page shows of an answer (a hidden question with no issue when unknown).
    pub fn verdict(&self, path: &AnswerPath) -> Verdict {
        self.verdicts.get(path).cloned().unwrap_or_default()
    }

    /// True when the section is shown.
    pub fn section_shown(&self, section: usize) -> bool {
        self.sections.get(section).copied().unwrap_or(false)
    }

    /// Every issue, in the order of the form: a question's, then those of its repeat
    /// instances in order.
    pub fn issues(&self, form: &Form) -> Vec<Issue> {
        self.paths(form)
            .into_iter()
            .filter_map(|path| {
                let problem = self.verdicts.get(&path)?.problem.clone()?;
                Some(Issue { path, problem })
            })
            .collect()
    }

    /// Every answer the form has room for, in form order.
    fn paths(&self, form: &Form) -> Vec<AnswerPath> {
        let mut paths = Vec::new();
        for id in form.question_ids() {
            if let (Some(question), []) = (form.question(id), form.repeats(id)) {
                push_paths(question, &self.answers, &[], &mut paths);
            }
        }
        paths
    }

    /// The paths of a question's answer in every instance of its repeat groups.
    fn paths_of(&self, form: &Form, id: &str) -> Vec<AnswerPath> {
        let mut rows = Vec::new();
        instances(&self.answers, form.repeats(id), &mut Vec::new(), &mut rows);
        rows.into_iter()
            .map(|rows| AnswerPath {
                question: id.to_string(),
                rows,
            })
            .collect()
    }

    /// The verdict on one answer, from the answers as they are.
    fn judge(&self, form: &Form, path: &AnswerPath) -> Verdict {
        let Some(question) = form.question(&path.question) else {
            return Verdict::default();
        };
        let groups = form.repeats(&path.question);
        if groups.len() != path.rows.len() {
            return Verdict::default();
        }
        let scope = AnswerScope::new(form, &self.answers, &self.today);
        judge_in(form, question, &scope, &self.answers, groups, &path.rows)
    }

    /// Works out again what reads the answers to `touched`, transitively: the calculations
    /// that read them (in calculation order, each adding what reads it), the sections whose
    /// relevance reads them, and the questions whose answer, relevance or constraint does —
    /// with every question of a section shown or hidden and of a repeat group touched.
    fn refresh(&mut self, form: &Form, touched: Vec<String>) -> Changes {
        let dependencies = form.dependencies();
        let mut changed: BTreeSet<String> = order::set_of(touched);
        let mut due: BTreeSet<&str> = BTreeSet::new();
        for id in &changed {
            if let Some(id) = form.question(id).map(|q| q.id.as_str()) {
                due.insert(id);
            }
            due.extend(calculations_reading(dependencies, id));
        }
        for id in dependencies.calculation_order() {
            if !due.contains(id.as_str()) {
                continue;
            }
            calculate_one(form, &mut self.answers, id, &self.today);
            due.extend(calculations_reading(dependencies, id));
            changed.insert(id.clone());
            changed.extend(form.repeats(id).iter().cloned());
        }

        let mut changes = Changes::default();
        let mut recheck: BTreeSet<String> = changed.clone();
        let scope = AnswerScope::new(form, &self.answers, &self.today);
        for id in &changed {
            for reader in dependencies.readers(id) {
                match reader {
                    Reader::Relevance(q) | Reader::Constraint(q) | Reader::ChoiceFilter(q) => {
                        recheck.insert(q.clone());
                    }
                    Reader::Section(s) => {
                        let shown = section_is_relevant(form, *s, &scope);
                        if self.sections.get(*s) != Some(&shown) {
                            self.sections[*s] = shown;
                            changes.sections = true;
                            let questions = &form.sections()[*s].questions;
                            recheck.extend(questions.iter().map(|q| q.id.clone()));
                        }
                    }
                    Reader::Calculation(_) => {}
                }
            }
        }
        let inside: Vec<String> = recheck
            .iter()
            .filter(|id| form.question(id).is_some_and(|q| q.kind == Kind::Repeat))
            .flat_map(|id| form.with_descendants(id))
            .collect();
        recheck.extend(inside);

        for id in &recheck {
            let paths = self.paths_of(form, id);
            for path in paths {
                let verdict = self.judge(form, &path);
                let before = self.verdicts.get(&path);
                if before != Some(&verdict) {
                    changes.issues |=
                        before.and_then(|v| v.problem.as_ref()) != verdict.problem.as_ref();
                    self.verdicts.insert(path.clone(), verdict);
                    changes.paths.push(path);
                }
            }
        }
        changes
    }
}

/// The path of a question's answer among `answers` (the submission's, or those of the
/// instance at `rows`), then for a repeat group those of its questions in each instance.
fn push_paths(question: &Question, answers: &Answers, rows: &[usize], out: &mut Vec<AnswerPath>) {
    out.push(AnswerPath {
        question: question.id.clone(),
        rows: rows.to_vec(),
    });
    if let Some(Answer::Rows(instances)) = answers.get(&question.id) {
        for (r, row) in instances.iter().enumerate() {
            let mut at = rows.to_vec();
            at.push(r);
            for child in &question.questions {
                push_paths(child, row, &at, out);
            }
        }
    }
}

/// The places of every instance of the innermost of `groups` (outermost first) below
/// `answers`, each as its instance's place in each group.
fn instances(answers: &Answers, groups: &[String], at: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    let Some((group, inner)) = groups.split_first() else {
        out.push(at.clone());
        return;
    };
    if let Some(Answer::Rows(rows)) = answers.get(group) {
        for (r, row) in rows.iter().enumerate() {
            at.push(r);
            instances(row, inner, at, out);
            at.pop();
        }
    }
}

/// True when the repeat instance of an answer's path is there.
fn is_there(form: &Form, answers: &Answers, path: &AnswerPath) -> bool {
    let groups = form.repeats(&path.question);
    let within: Vec<(String, usize)> = groups
        .iter()
        .cloned()
        .zip(path.rows.iter().copied())
        .collect();
    groups.len() == path.rows.len() && instance(answers, &within).is_some()
}

/// The verdict on a question's answer among `answers`, in the instance at `rows` of the
/// repeat groups `groups` below them.
fn judge_in(
    form: &Form,
    question: &Question,
    scope: &AnswerScope,
    answers: &Answers,
    groups: &[String],
    rows: &[usize],
) -> Verdict {
    if let (Some((group, groups)), Some((row, rows))) = (groups.split_first(), rows.split_first()) {
        return match answers.get(group) {
            Some(Answer::Rows(instances)) if *row < instances.len() => {
                let instance = &instances[*row];
                judge_in(
                    form,
                    question,
                    &scope.in_row(group, instance),
                    instance,
                    groups,
                    rows,
                )
            }
            _ => Verdict::default(),
        };
    }
    let answer = answers.get(&question.id);
    let relevant = is_relevant(form, &question.id, scope);
    let required = is_required(form, question, scope);
    let problem = (relevant && question.kind.has_answer())
        .then(|| check_answer(form, question, answer, scope))
        .flatten();
    let calculated = question
        .calculate
        .is_some()
        .then(|| answer.map(|a| a.text().to_string()).unwrap_or_default());
    let offered = form
        .logic(&question.id)
        .and_then(|l| l.choice_filter.as_ref())
        .map(|_| offered_choices(form, question, scope));
    Verdict {
        relevant,
        required,
        problem,
        calculated,
        offered,
    }
}

/// The calculations that read the answer to a question.
fn calculations_reading<'f>(
    dependencies: &'f Dependencies,
    id: &str,
) -> impl Iterator<Item = &'f str> + use<'f> {
    dependencies
        .readers(id)
        .iter()
        .filter_map(|reader| match reader {
            Reader::Calculation(c) => Some(c.as_str()),
            _ => None,
        })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests;
