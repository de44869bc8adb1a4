//! Two copies of one submission edited at once — two browser tabs, or the installed app beside a
//! tab — and what happens when one of them learns that the stored record moved on: the other
//! copy's changes are taken in question by question, and where both changed the same question
//! the value on screen is kept and the other is recorded as a [`ContestedAnswer`], so the person
//! sees both values and chooses. No order of events loses an answer: every value typed in
//! either copy ends up in the answers or in the contested list.

use serde::{Deserialize, Serialize};

use crate::core::answers::{Answer, Answers};

/// Where an answer is: a question, or a question inside one instance of a repeat group.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AnswerAt {
    pub question: String,
    /// The repeat group and the instance, for a question inside a repeat group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<(String, usize)>,
}

impl AnswerAt {
    /// A question outside repeat groups.
    pub fn question(id: &str) -> AnswerAt {
        AnswerAt {
            question: id.to_string(),
            row: None,
        }
    }

    /// The answer there, if any.
    pub fn read<'a>(&self, answers: &'a Answers) -> Option<&'a Answer> {
        match &self.row {
            None => answers.get(&self.question),
            Some((group, row)) => match answers.get(group) {
                Some(Answer::Rows(rows)) => rows.get(*row).and_then(|r| r.get(&self.question)),
                _ => None,
            },
        }
    }

    /// Sets (or, with `None` or an empty answer, clears) the answer there. A row that no
    /// longer exists is left alone.
    pub fn write(&self, answers: &mut Answers, answer: Option<Answer>) {
        let answer = answer.filter(|a| !a.is_empty());
        let target = match &self.row {
            None => Some(answers),
            Some((group, row)) => match answers.get_mut(group) {
                Some(Answer::Rows(rows)) => rows.get_mut(*row),
                _ => None,
            },
        };
        if let Some(target) = target {
            match answer {
                Some(answer) => {
                    target.insert(self.question.clone(), answer);
                }
                None => {
                    target.remove(&self.question);
                }
            }
        }
    }
}

/// A question changed in two places at once: the submission's answers hold one value, and
/// this holds the other, until the person chooses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContestedAnswer {
    pub at: AnswerAt,
    /// The other value (`None`: it was cleared there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<Answer>,
    /// When the two values met.
    pub when: String,
}

/// The answers after taking in the stored record's changes, and the questions both sides
/// changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reconciled {
    pub answers: Answers,
    pub contested: Vec<ContestedAnswer>,
}

/// Takes the stored answers' changes into this copy's answers. `base` is what this copy last
/// read or wrote, `mine` what it shows now, `stored` what is stored now. A question changed
/// only here keeps this copy's value, one changed only there takes the stored value, and one
/// changed differently on both sides keeps this copy's value with the stored one contested.
/// Inside a repeat group whose instances were neither added nor removed, each question of
/// each instance is taken on its own.
pub fn reconcile(base: &Answers, mine: &Answers, stored: &Answers, when: &str) -> Reconciled {
    let mut out = Reconciled::default();
    for key in keys(&[base, mine, stored]) {
        let (b, m, s) = (get(base, key), get(mine, key), get(stored, key));
        let value = if m == b || m == s {
            s.cloned()
        } else if s == b {
            m.cloned()
        } else if let (Some(Answer::Rows(br)), Some(Answer::Rows(mr)), Some(Answer::Rows(sr))) =
            (b, m, s)
        {
            if br.len() == mr.len() && mr.len() == sr.len() {
                let rows = (0..mr.len())
                    .map(|i| merge_row(key, i, &br[i], &mr[i], &sr[i], when, &mut out.contested))
                    .collect();
                Some(Answer::Rows(rows))
            } else {
                out.contested
                    .push(contest(AnswerAt::question(key), s, when));
                m.cloned()
            }
        } else {
            out.contested
                .push(contest(AnswerAt::question(key), s, when));
            m.cloned()
        };
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            out.answers.insert(key.clone(), value);
        }
    }
    out
}

fn merge_row(
    group: &str,
    row: usize,
    base: &Answers,
    mine: &Answers,
    stored: &Answers,
    when: &str,
    contested: &mut Vec<ContestedAnswer>,
) -> Answers {
    let mut out = Answers::new();
    for key in keys(&[base, mine, stored]) {
        let (b, m, s) = (get(base, key), get(mine, key), get(stored, key));
        let value = if m == b || m == s {
            s
        } else if s == b {
            m
        } else {
            let at = AnswerAt {
                question: key.clone(),
                row: Some((group.to_string(), row)),
            };
            contested.push(contest(at, s, when));
            m
        };
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            out.insert(key.clone(), value.clone());
        }
    }
    out
}

fn contest(at: AnswerAt, other: Option<&Answer>, when: &str) -> ContestedAnswer {
    ContestedAnswer {
        at,
        other: other.cloned(),
        when: when.to_string(),
    }
}

/// An answer that is there and not empty: an empty answer and none are the same.
fn get<'a>(answers: &'a Answers, key: &str) -> Option<&'a Answer> {
    answers.get(key).filter(|a| !a.is_empty())
}

/// Every key of these answer maps, once, in order.
fn keys<'a>(maps: &[&'a Answers]) -> Vec<&'a String> {
    let mut all: Vec<&String> = maps.iter().flat_map(|m| m.keys()).collect();
    all.sort();
    all.dedup();
    all
}

/// What this copy changed since `base`, as contested answers: used when the stored record can
/// no longer be edited (it was finalised elsewhere), so the changes are set aside beside it
/// instead of being written into it or lost.
pub fn set_aside(base: &Answers, mine: &Answers, when: &str) -> Vec<ContestedAnswer> {
    let mut out = Vec::new();
    for key in keys(&[base, mine]) {
        let (b, m) = (get(base, key), get(mine, key));
        if b != m {
            out.push(contest(AnswerAt::question(key), m, when));
        }
    }
    out
}

/// Adds newly contested answers to those already recorded; a newer value at the same place
/// replaces the older one, and one equal to the answer itself is no contest at all.
pub fn record(recorded: &mut Vec<ContestedAnswer>, answers: &Answers, new: Vec<ContestedAnswer>) {
    for contested in new {
        recorded.retain(|c| c.at != contested.at);
        recorded.push(contested);
    }
    recorded.retain(|c| c.at.read(answers) != c.other.as_ref());
    recorded.sort_by(|a, b| a.at.cmp(&b.at));
}

/// The person's choice on a contested answer: keep the answer as it is, or take the other
/// value. Either way the contest is over. `false` when nothing is contested there.
pub fn settle(
    answers: &mut Answers,
    contested: &mut Vec<ContestedAnswer>,
    at: &AnswerAt,
    take_other: bool,
) -> bool {
    let Some(index) = contested.iter().position(|c| &c.at == at) else {
        return false;
    };
    let chosen = contested.remove(index);
    if take_other {
        chosen.at.write(answers, chosen.other);
    }
    true
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
