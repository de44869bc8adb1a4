//! The coordinator's dashboard as data, drawn from the picture and the stored records so the
//! page only lays it out: the areas grouped by governorate, the series of the two charts, the
//! needs that no intervention has a lead for, and the conflicts still waiting for a decision
//! with the answers on which their revisions differ, as a person reads them.

use std::collections::BTreeSet;

use crate::core::aggregate::Picture;
use crate::core::answers::{Answer, Answers};
use crate::core::areas::AreaList;
use crate::core::i18n::{CoordinatorMsg, Lang, Msg};
use crate::core::library::FormLibrary;
use crate::core::merge::{heads, Decision};
use crate::core::order;
use crate::core::phrase::number;
use crate::core::schema::Form;
use crate::core::sector::{Part, Sector};
use crate::core::submission::Submission;

/// An area of the picture, by code, with its name below the governorate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaRow {
    pub code: String,
    pub name: String,
}

/// The areas of one governorate (or those the area list does not know), in code order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaGroup {
    pub name: String,
    pub areas: Vec<AreaRow>,
}

/// The areas of the picture grouped by governorate, in the order of their codes; an area the
/// list does not know goes to a last group, "Other areas", under its code.
pub fn grouped(picture: &Picture, areas: &AreaList, lang: Lang) -> Vec<AreaGroup> {
    let mut groups: Vec<AreaGroup> = Vec::new();
    let mut unknown = Vec::new();
    for code in &picture.areas {
        let path = areas.path(code);
        let Some(governorate) = path.first() else {
            unknown.push(AreaRow {
                code: code.clone(),
                name: code.clone(),
            });
            continue;
        };
        let group = governorate.name.get(lang);
        let name = if path.len() > 1 {
            path[1..]
                .iter()
                .map(|a| a.name.get(lang))
                .collect::<Vec<_>>()
                .join(" › ")
        } else {
            group.to_string()
        };
        let row = AreaRow {
            code: code.clone(),
            name,
        };
        match groups.iter_mut().find(|g| g.name == group) {
            Some(g) => g.areas.push(row),
            None => groups.push(AreaGroup {
                name: group.to_string(),
                areas: vec![row],
            }),
        }
    }
    if !unknown.is_empty() {
        groups.push(AreaGroup {
            name: CoordinatorMsg::CoordOtherAreas.text(lang).to_string(),
            areas: unknown,
        });
    }
    groups
}

/// The first chart: the median severity of each sector that has one, in the plan's order.
pub fn severity_by_sector(picture: &Picture) -> Vec<(Sector, f64)> {
    Sector::ALL
        .into_iter()
        .filter_map(|s| picture.sector_median(s).map(|m| (s, m)))
        .collect()
}

/// The second chart: how many submissions speak of each group's areas (a submission counts
/// once, whatever the number of sectors it covers, so the bars add up to the summary's count).
pub fn submissions_by_group(picture: &Picture, groups: &[AreaGroup]) -> Vec<(String, usize)> {
    groups
        .iter()
        .map(|g| {
            let submissions: BTreeSet<&str> = g
                .areas
                .iter()
                .flat_map(|a| Sector::ALL.map(|s| picture.cell(&a.code, s)))
                .flatten()
                .flat_map(|c| c.submissions.iter().map(String::as_str))
                .collect();
            (g.name.clone(), submissions.len())
        })
        .collect()
}

/// Needs reported where no intervention has a proposed lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unled {
    pub area_code: String,
    pub sector: Sector,
    /// The needs by their labels in `form` (their values when the form does not list them).
    pub needs: Vec<String>,
}

/// Every area and sector whose reports name needs that no intervention has a lead for.
pub fn needs_without_lead(picture: &Picture, form: Option<&Form>, lang: Lang) -> Vec<Unled> {
    picture
        .cells
        .values()
        .filter(|c| c.needs_without_lead())
        .map(|c| {
            let question = c.sector.question(Part::PriorityNeeds);
            Unled {
                area_code: c.area_code.clone(),
                sector: c.sector,
                needs: c
                    .needs
                    .keys()
                    .map(|n| form.map_or_else(|| n.clone(), |f| f.choice_label(&question, n, lang)))
                    .collect(),
            }
        })
        .collect()
}

/// A submission whose revisions wait for the coordinator to choose.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub id: String,
    pub entity: String,
    /// The revision shown first, then its rivals.
    pub revisions: Vec<Submission>,
    /// The answers that are not the same in every revision, in the order of the form.
    pub differences: Vec<Difference>,
}

/// One answer on which the revisions of a conflict differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The question's id (inside a repeat group: the id of the question in the row).
    pub question: String,
    /// The question's label; inside a repeat group with the group's label and the row number.
    pub label: String,
    /// The answer in each revision, in the order of [`Conflict::revisions`], as a person
    /// reads it ("(empty)" where a revision has none).
    pub values: Vec<String>,
}

/// The stored submissions whose revisions are in conflict and on which the coordinator has not
/// decided, each with what differs between its revisions. A decision settles a conflict only
/// for the revisions it saw: a new rival opens it again.
pub fn undecided_conflicts(
    submissions: &[Submission],
    decisions: &[Decision],
    library: &FormLibrary,
    lang: Lang,
) -> Vec<Conflict> {
    submissions
        .iter()
        .filter_map(|s| {
            let revisions = heads(s);
            let current: Vec<String> = revisions.iter().map(Submission::revision_hash).collect();
            let decided = decisions
                .iter()
                .any(|d| d.submission == s.id && d.kept == current);
            if revisions.len() < 2 || decided {
                return None;
            }
            let form = library
                .get(&s.form_id, s.form_version)
                .or_else(|| library.latest(&s.form_id));
            let differences = differences(&revisions, form.as_deref(), lang);
            Some(Conflict {
                id: s.id.clone(),
                entity: s.entity_name.clone(),
                revisions,
                differences,
            })
        })
        .collect()
}

/// The answers on which the revisions differ. A repeat group is compared row by row (and a
/// group inside it likewise), so a changed answer in one row is shown as that answer, not as
/// the whole group.
pub fn differences(revisions: &[Submission], form: Option<&Form>, lang: Lang) -> Vec<Difference> {
    let answers: Vec<Option<&Answers>> = revisions.iter().map(|r| Some(&r.answers)).collect();
    let mut found = Vec::new();
    compare(&answers, "", form, lang, &mut found);
    found
}

/// The differences among the revisions' answers of one repeat instance (`None` where a
/// revision does not have it), or of the submissions; each label follows `prefix`.
fn compare(
    answers: &[Option<&Answers>],
    prefix: &str,
    form: Option<&Form>,
    lang: Lang,
    found: &mut Vec<Difference>,
) {
    let present: Vec<&Answers> = answers.iter().flatten().copied().collect();
    for id in keys_in_form_order(&present, form) {
        let values: Vec<Option<&Answer>> =
            answers.iter().map(|a| a.and_then(|a| a.get(&id))).collect();
        if values.iter().all(|v| *v == values[0]) {
            continue;
        }
        let label = format!("{prefix}{}", label_of(form, &id, lang));
        let all_rows = values
            .iter()
            .all(|v| matches!(v, None | Some(Answer::Rows(_))));
        if !all_rows {
            found.push(Difference {
                label,
                values: shown(&values, form, &id, lang),
                question: id,
            });
            continue;
        }
        let rows: Vec<&[Answers]> = values
            .iter()
            .map(|v| match v {
                Some(Answer::Rows(rows)) => rows.as_slice(),
                _ => &[],
            })
            .collect();
        let longest = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        for n in 0..longest {
            let in_row: Vec<Option<&Answers>> = rows.iter().map(|r| r.get(n)).collect();
            let row = Msg::RowNumber.with(lang, &[("n", &number(n as u64 + 1, lang))]);
            compare(&in_row, &format!("{label} ({row}): "), form, lang, found);
        }
    }
}

/// Every question id answered in any of `answers`, in the order of the form (ids the form does
/// not know last, by id).
fn keys_in_form_order(answers: &[&Answers], form: Option<&Form>) -> Vec<String> {
    let mut ids: Vec<String> = answers.iter().flat_map(|a| a.keys().cloned()).collect();
    order::sort(&mut ids);
    ids.dedup();
    let place = |id: &str| {
        form.and_then(|f| f.question_ids().iter().position(|q| q == id))
            .unwrap_or(usize::MAX)
    };
    order::sort_by_key(&mut ids, |id| place(id));
    ids
}

fn label_of(form: Option<&Form>, id: &str, lang: Lang) -> String {
    form.and_then(|f| f.question(id))
        .map(|q| q.label.get(lang).to_string())
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| id.to_string())
}

fn shown(values: &[Option<&Answer>], form: Option<&Form>, id: &str, lang: Lang) -> Vec<String> {
    values
        .iter()
        .map(|v| match v {
            None => Msg::ContestedBlank.text(lang).to_string(),
            Some(a) => a.shown(form, id, lang),
        })
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
