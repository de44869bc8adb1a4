//! Which expressions read which answers: the dependency graph of a form version, built once
//! when the form is checked. Every expression's inputs are known from its references —
//! section relevance, question relevance, constraints, calculations, choice filters,
//! `required_if` and a repeat group's `count` — so a changed answer
//! needs only what reads it worked out again (`core::evaluation`). Calculations are put in an
//! order where each comes after the calculations it uses; calculations that use each other in
//! a circle are refused, naming the questions of the circle.

use std::collections::HashSet;

use crate::core::expr::Expr;
use crate::core::idmap::IdMap;
use crate::core::schema::Logic;

/// An expression that reads answers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Reader {
    /// The relevance of a section (by its index).
    Section(usize),
    /// The relevance of a question.
    Relevance(String),
    /// What checks a question's answer: its constraint, its `required_if` and, for a repeat
    /// group, its `count`.
    Constraint(String),
    /// The calculation of a question.
    Calculation(String),
    /// Which choices a question offers.
    ChoiceFilter(String),
}

/// The readers of every answer, and the order of the calculations.
#[derive(Debug, Clone, Default)]
pub struct Dependencies {
    readers: IdMap<String, Vec<Reader>>,
    calculation_order: Vec<String>,
}

impl Dependencies {
    /// The graph of a form's expressions: `order` is every question id in document order,
    /// `logic` their parsed expressions, `sections` each section's relevance. A circle of
    /// calculations is refused with its questions in order, the first repeated at the end.
    pub fn build(
        order: &[String],
        logic: &IdMap<String, Logic>,
        sections: &[Option<Expr>],
    ) -> Result<Dependencies, Vec<String>> {
        let mut readers: IdMap<String, Vec<Reader>> = IdMap::default();
        let mut add = |expr: Option<&Expr>, reader: Reader| {
            let Some(expr) = expr else { return };
            let mut seen = HashSet::new();
            for id in expr.references() {
                if seen.insert(id) {
                    readers
                        .entry(id.to_string())
                        .or_default()
                        .push(reader.clone());
                }
            }
        };
        for (s, relevance) in sections.iter().enumerate() {
            add(relevance.as_ref(), Reader::Section(s));
        }
        for id in order {
            let Some(l) = logic.get(id) else { continue };
            add(l.relevant.as_ref(), Reader::Relevance(id.clone()));
            add(l.constraint.as_ref(), Reader::Constraint(id.clone()));
            add(l.required_if.as_ref(), Reader::Constraint(id.clone()));
            add(l.count.as_ref(), Reader::Constraint(id.clone()));
            add(l.calculate.as_ref(), Reader::Calculation(id.clone()));
            add(l.choice_filter.as_ref(), Reader::ChoiceFilter(id.clone()));
        }
        let calculation_order = calculation_order(order, logic)?;
        Ok(Dependencies {
            readers,
            calculation_order,
        })
    }

    /// The expressions that read the answer to a question.
    pub fn readers(&self, id: &str) -> &[Reader] {
        self.readers.get(id).map_or(&[], Vec::as_slice)
    }

    /// Questions with a calculation, in an order where each comes after those it uses.
    pub fn calculation_order(&self) -> &[String] {
        &self.calculation_order
    }
}

/// The calculated questions another calculation uses.
fn calculations_used<'a>(id: &str, logic: &'a IdMap<String, Logic>) -> Vec<&'a str> {
    logic
        .get(id)
        .and_then(|l| l.calculate.as_ref())
        .map(Expr::references)
        .unwrap_or_default()
        .into_iter()
        .filter(|u| logic.get(*u).is_some_and(|l| l.calculate.is_some()))
        .collect()
}

/// Orders the calculated questions so that each comes after the calculated questions it uses;
/// a circle when they depend on each other in one.
fn calculation_order(
    order: &[String],
    logic: &IdMap<String, Logic>,
) -> Result<Vec<String>, Vec<String>> {
    let mut pending: Vec<&String> = order
        .iter()
        .filter(|id| logic.get(*id).is_some_and(|l| l.calculate.is_some()))
        .collect();
    let mut done: Vec<String> = Vec::new();
    while !pending.is_empty() {
        let before = pending.len();
        pending.retain(|id| {
            let ready = calculations_used(id, logic)
                .iter()
                .all(|u| done.iter().any(|d| d == u));
            if ready {
                done.push((*id).clone());
            }
            !ready
        });
        if pending.len() == before {
            return Err(circle(pending[0], &pending, logic));
        }
    }
    Ok(done)
}

/// A circle among the calculations left waiting: from `start`, follow a waiting calculation
/// each one uses until one comes round again. Every waiting calculation uses another waiting
/// one, so the walk always closes.
fn circle(start: &str, pending: &[&String], logic: &IdMap<String, Logic>) -> Vec<String> {
    let mut path: Vec<String> = vec![start.to_string()];
    loop {
        let last = path.last().map(String::as_str).unwrap_or(start);
        let Some(next) = calculations_used(last, logic)
            .into_iter()
            .find(|u| pending.iter().any(|p| p == u))
        else {
            return path;
        };
        if let Some(at) = path.iter().position(|p| p == next) {
            let mut circle = path.split_off(at);
            circle.push(next.to_string());
            return circle;
        }
        path.push(next.to_string());
    }
}
