//! Two copies of one submission edited at once — two browser tabs, or the installed app beside a
//! tab — and what happens when one of them learns that the stored record moved on: the other
//! copy's changes are taken in question by question, and where both changed the same question
//! the value on screen is kept and the other is recorded as a [`ContestedAnswer`], so the person
//! sees both values and chooses. No order of events loses an answer: every value typed in
//! either copy ends up in the answers or in the contested list.

use serde::{Deserialize, Serialize};

use crate::core::answers::{instance, instance_mut, put, Answer, Answers};
use crate::core::order;
use crate::core::validate::AnswerPath;

/// Where an answer is: a question, and for a question inside repeat groups each group
/// around it and the instance's place, outermost first.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AnswerAt {
    pub question: String,
    /// Stored as `row`, which held a single group and instance before groups could nest, and
    /// still does for one (an older copy of the app in another tab reads it).
    #[serde(
        rename = "row",
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "write_instances",
        deserialize_with = "instances"
    )]
    pub within: Vec<(String, usize)>,
}

/// The instances of an `AnswerAt` to store: the one group and instance, or a list.
fn write_instances<S: serde::Serializer>(
    within: &[(String, usize)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match within {
        [one] => one.serialize(serializer),
        all => all.serialize(serializer),
    }
}

/// The instances of an `AnswerAt` as stored: a list, or the one group and instance.
fn instances<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<(String, usize)>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Stored {
        One((String, usize)),
        Many(Vec<(String, usize)>),
    }
    Ok(match Stored::deserialize(deserializer)? {
        Stored::One(instance) => vec![instance],
        Stored::Many(instances) => instances,
    })
}

impl AnswerAt {
    /// A question outside repeat groups.
    pub fn question(id: &str) -> AnswerAt {
        AnswerAt {
            question: id.to_string(),
            within: Vec::new(),
        }
    }

    /// The answer there, if any.
    pub fn read<'a>(&self, answers: &'a Answers) -> Option<&'a Answer> {
        instance(answers, &self.within)?.get(&self.question)
    }

    /// Sets (or, with `None` or an empty answer, clears) the answer there. A row that no
    /// longer exists is left alone.
    pub fn write(&self, answers: &mut Answers, answer: Option<Answer>) {
        if let Some(target) = instance_mut(answers, &self.within) {
            put(target, &self.question, answer);
        }
    }

    /// The answer's path, as validation names it.
    pub fn path(&self) -> AnswerPath {
        AnswerPath {
            question: self.question.clone(),
            rows: self.within.iter().map(|(_, row)| *row).collect(),
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
    out.answers = merge(&[], base, mine, stored, when, &mut out.contested);
    out
}

/// The three-way merge of the answers of one repeat instance (`within`), or of the submission.
fn merge(
    within: &[(String, usize)],
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
            s.cloned()
        } else if s == b {
            m.cloned()
        } else if let (Some(Answer::Rows(br)), Some(Answer::Rows(mr)), Some(Answer::Rows(sr))) =
            (b, m, s)
        {
            if br.len() == mr.len() && mr.len() == sr.len() {
                let rows = (0..mr.len())
                    .map(|i| {
                        let mut at = within.to_vec();
                        at.push((key.clone(), i));
                        merge(&at, &br[i], &mr[i], &sr[i], when, contested)
                    })
                    .collect();
                Some(Answer::Rows(rows))
            } else {
                contested.push(contest(answer_at(within, key), s, when));
                m.cloned()
            }
        } else {
            contested.push(contest(answer_at(within, key), s, when));
            m.cloned()
        };
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            out.insert(key.clone(), value);
        }
    }
    out
}

fn answer_at(within: &[(String, usize)], question: &str) -> AnswerAt {
    AnswerAt {
        question: question.to_string(),
        within: within.to_vec(),
    }
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
    order::sort(&mut all);
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
    order::sort_by(recorded, |a, b| a.at.cmp(&b.at));
}

/// The contested answers after the person removes instance `row` of the repeat group `group`
/// (inside the instance `within`): those in it go with it, as its answers do, and those of the
/// instances after it follow them to their new places, so no contest points at another
/// instance's answer.
pub fn row_removed(
    contested: &mut Vec<ContestedAnswer>,
    within: &[(String, usize)],
    group: &str,
    row: usize,
) {
    let depth = within.len();
    contested.retain_mut(|c| {
        let inside = c.at.within.len() > depth
            && c.at.within[..depth] == *within
            && c.at.within[depth].0 == group;
        if !inside {
            return true;
        }
        let place = &mut c.at.within[depth].1;
        match (*place).cmp(&row) {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Equal => false,
            std::cmp::Ordering::Greater => {
                *place -= 1;
                true
            }
        }
    });
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
