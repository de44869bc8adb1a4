//! The coordinator's picture: every stored finalised submission (own and imported; the revision
//! shown of each, with conflicts counted) gathered per area and sector — reports, reporting
//! entities, severity (median, range, disagreement), population, actors present, needs,
//! self-resources, interventions with their proposed leads, and recommendations — and the gaps
//! that follow from it, each ranked by a rule that can be said in plain words. The picture is
//! made from each submission's [`Report`], which the storage keeps beside the submission.
//!
//! A form feeds the picture through question ids that follow the sector convention of
//! `core::sector` (`Sector::question`), plus `entity_type`, `authority`, `population` and
//! `assessment_date`.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::core::answers::{Answer, Answers};
use crate::core::expr::parse_number;
use crate::core::i18n::normalize_digits;
use crate::core::order;
use crate::core::sector::{Part, Sector};
use crate::core::submission::{Status, Submission};

/// Which submissions the picture is made of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Only this form id and version.
    pub form: Option<(String, u32)>,
    /// Only those assessed on or after this day (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Only those assessed on or before this day.
    pub to: Option<String>,
    /// Only those from this kind of entity (a value of the `entity_type` list).
    pub entity_type: Option<String>,
    /// Only areas administered by this authority (a value of the `authority` list).
    pub authority: Option<String>,
}

/// The day a submission speaks of: its assessment date, or the day it was last changed.
pub fn report_day(submission: &Submission) -> String {
    let assessed = submission
        .answers
        .get("assessment_date")
        .map(|a| normalize_digits(a.text()))
        .unwrap_or_default();
    if assessed.len() == 10 {
        assessed
    } else {
        submission.updated_at.chars().take(10).collect()
    }
}

fn text_of(answers: &Answers, id: &str) -> String {
    answers
        .get(id)
        .map(|a| a.text().trim().to_string())
        .unwrap_or_default()
}

fn number_of(answers: &Answers, id: &str) -> Option<f64> {
    parse_number(&text_of(answers, id))
}

fn rows_of<'a>(answers: &'a Answers, id: &str) -> &'a [Answers] {
    match answers.get(id) {
        Some(Answer::Rows(rows)) => rows,
        _ => &[],
    }
}

impl Filters {
    /// True when the report belongs to the picture.
    pub fn keeps(&self, report: &Report) -> bool {
        report.counted
            && self.form.as_ref().is_none_or(|(id, version)| {
                report.form_id == *id && report.form_version == *version
            })
            && self
                .from
                .as_deref()
                .is_none_or(|from| report.day.as_str() >= from)
            && self
                .to
                .as_deref()
                .is_none_or(|to| report.day.as_str() <= to)
            && self
                .entity_type
                .as_ref()
                .is_none_or(|t| report.entity_type == *t)
            && self
                .authority
                .as_ref()
                .is_none_or(|a| report.authority == *a)
    }
}

/// The format of stored reports: raised whenever [`Report`] or [`Report::of`] changes, so that
/// reports stored by an earlier version of the app are made again from the submissions.
pub const REPORT_FORMAT: u32 = 1;

/// What one submission tells the picture, and nothing else of it: the storage keeps one
/// beside each submission, written in the same transaction, so the dashboard opens from these
/// small records instead of reading and parsing every full submission.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The submission's id.
    pub id: String,
    pub form_id: String,
    pub form_version: u32,
    pub entity_name: String,
    /// The kind of entity the report says it is (a value of `entity_type`; empty when it does
    /// not say).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub entity_type: String,
    /// The authority administering the area (a value of `authority`; empty when not said).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub authority: String,
    pub area_code: String,
    /// The day the submission speaks of ([`report_day`]).
    pub day: String,
    /// Finalised or exported and not in the trash: part of the picture.
    pub counted: bool,
    /// It has revisions in conflict.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub conflicted: bool,
    /// The population the report gives for the area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<f64>,
    /// What it says of each sector it covers, in the order it names them.
    pub sectors: Vec<SectorReport>,
}

/// What a report says of one sector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectorReport {
    pub sector: Sector,
    /// The severity given (a whole number from 1 to 5), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<u8>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<String>,
    /// Priority needs, as choice values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
    /// Kinds of self-resources, as choice values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resources_detail: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub recommendation: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interventions: Vec<Proposal>,
}

/// An intervention as a report proposes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beneficiaries: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_months: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_usd: Option<f64>,
    /// The organisation proposed to lead it (empty: no lead yet).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lead: String,
}

impl Report {
    /// What a submission tells the picture.
    pub fn of(submission: &Submission) -> Report {
        let answers = &submission.answers;
        Report {
            id: submission.id.clone(),
            form_id: submission.form_id.clone(),
            form_version: submission.form_version,
            entity_name: submission.entity_name.clone(),
            entity_type: text_of(answers, "entity_type"),
            authority: text_of(answers, "authority"),
            area_code: submission.area_code.clone(),
            day: report_day(submission),
            counted: !submission.is_deleted() && submission.status != Status::Draft,
            conflicted: !submission.conflicts.is_empty(),
            population: number_of(answers, "population"),
            sectors: submission
                .sectors
                .iter()
                .filter_map(|k| Sector::from_key(k))
                .map(|sector| SectorReport::of(answers, sector))
                .collect(),
        }
    }
}

impl SectorReport {
    fn of(answers: &Answers, sector: Sector) -> SectorReport {
        let question = |part: Part| sector.question(part);
        let choices = |part: Part| {
            answers
                .get(&question(part))
                .map(Answer::choices)
                .unwrap_or_default()
        };
        SectorReport {
            sector,
            severity: number_of(answers, &question(Part::Severity))
                .filter(|n| (1.0..=5.0).contains(n) && n.fract() == 0.0)
                .map(|n| n as u8),
            actors: rows_of(answers, &question(Part::Actors))
                .iter()
                .map(|row| text_of(row, &question(Part::ActorName)))
                .filter(|name| !name.is_empty())
                .collect(),
            needs: choices(Part::PriorityNeeds),
            resources: choices(Part::Resources),
            resources_detail: text_of(answers, &question(Part::ResourcesDetail)),
            recommendation: text_of(answers, &question(Part::Recommendations)),
            interventions: rows_of(answers, &question(Part::Interventions))
                .iter()
                .map(|row| Proposal {
                    title: text_of(row, &question(Part::InterventionTitle)),
                    beneficiaries: number_of(row, &question(Part::InterventionBeneficiaries)),
                    duration_months: number_of(row, &question(Part::InterventionDurationMonths)),
                    cost_usd: number_of(row, &question(Part::InterventionCostUsd)),
                    lead: text_of(row, &question(Part::InterventionLead)),
                })
                .filter(|p| !p.title.is_empty())
                .collect(),
        }
    }
}

/// An intervention a report proposes, with who proposed it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Intervention {
    pub title: String,
    pub beneficiaries: Option<f64>,
    pub duration_months: Option<f64>,
    pub cost_usd: Option<f64>,
    /// The organisation proposed to lead it (empty: no lead yet).
    pub lead: String,
    /// The reporting entity that proposed it.
    pub entity: String,
    pub area_code: String,
}

/// A text a report gives (self-resources in detail, a recommendation), with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sourced {
    pub text: String,
    pub entity: String,
    pub area_code: String,
}

/// A figure as people read it: whole numbers without decimals, others with one.
pub fn figure(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n:.1}")
    }
}

/// The median of sorted severities (the mean of the two middle ones for an even count).
pub fn median_of(sorted: &[u8]) -> Option<f64> {
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(f64::from(sorted[n / 2])),
        n => Some((f64::from(sorted[n / 2 - 1]) + f64::from(sorted[n / 2])) / 2.0),
    }
}

/// Everything the reports say about one sector in one area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub area_code: String,
    pub sector: Sector,
    /// The submissions behind the cell, by id.
    pub submissions: Vec<String>,
    pub entities: BTreeSet<String>,
    /// Severities reported (1–5), sorted.
    pub severities: Vec<u8>,
    /// The largest population any report gives for the area.
    pub population: Option<f64>,
    /// Actors present, by name.
    pub actors: BTreeSet<String>,
    /// Priority needs (choice values) and how many reports name each.
    pub needs: BTreeMap<String, usize>,
    /// Kinds of self-resources (choice values) and how many reports name each.
    pub resources: BTreeMap<String, usize>,
    pub resource_details: Vec<Sourced>,
    pub interventions: Vec<Intervention>,
    pub recommendations: Vec<Sourced>,
    /// How many of its submissions have revisions in conflict.
    pub conflicts: usize,
}

impl Cell {
    /// A cell no report has filled yet.
    pub fn new(area_code: &str, sector: Sector) -> Cell {
        Cell {
            area_code: area_code.to_string(),
            sector,
            submissions: Vec::new(),
            entities: BTreeSet::new(),
            severities: Vec::new(),
            population: None,
            actors: BTreeSet::new(),
            needs: BTreeMap::new(),
            resources: BTreeMap::new(),
            resource_details: Vec::new(),
            interventions: Vec::new(),
            recommendations: Vec::new(),
            conflicts: 0,
        }
    }

    /// How many reports cover this sector in this area.
    pub fn reports(&self) -> usize {
        self.submissions.len()
    }

    /// The median severity.
    pub fn median(&self) -> Option<f64> {
        median_of(&self.severities)
    }

    /// The lowest and highest severity reported.
    pub fn range(&self) -> Option<(u8, u8)> {
        Some((*self.severities.first()?, *self.severities.last()?))
    }

    /// True when reports differ by two points of severity or more.
    pub fn disagrees(&self) -> bool {
        self.range().is_some_and(|(lo, hi)| hi - lo >= 2)
    }

    /// True when needs are reported and no intervention has a proposed lead.
    pub fn needs_without_lead(&self) -> bool {
        !self.needs.is_empty() && self.interventions.iter().all(|i| i.lead.is_empty())
    }
}

/// The whole picture.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Picture {
    /// Cells by area code, then by sector in the plan's order.
    pub cells: BTreeMap<(String, usize), Cell>,
    pub submissions: usize,
    pub entities: BTreeSet<String>,
    /// The reporting entities by the kind they say they are (a value of `entity_type`; empty
    /// when a report does not say).
    pub entity_types: BTreeMap<String, BTreeSet<String>>,
    pub areas: BTreeSet<String>,
    pub form_versions: BTreeSet<(String, u32)>,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    /// Submissions with revisions in conflict, by id.
    pub conflicts: Vec<String>,
}

impl Picture {
    /// The cells of one sector, by area code.
    pub fn sector(&self, sector: Sector) -> impl Iterator<Item = &Cell> {
        let index = sector.index();
        self.cells
            .iter()
            .filter(move |((_, s), _)| *s == index)
            .map(|(_, cell)| cell)
    }

    /// The median of every severity reported in a sector, across its areas.
    pub fn sector_median(&self, sector: Sector) -> Option<f64> {
        // Severities are small numbers: counted, then written out in order, without a sort.
        let mut counts = [0usize; 256];
        for severity in self.sector(sector).flat_map(|c| c.severities.iter()) {
            counts[usize::from(*severity)] += 1;
        }
        let all: Vec<u8> = (0..=u8::MAX)
            .flat_map(|severity| std::iter::repeat_n(severity, counts[usize::from(severity)]))
            .collect();
        median_of(&all)
    }

    /// The cell of an area and sector, if any report covers it.
    pub fn cell(&self, area_code: &str, sector: Sector) -> Option<&Cell> {
        self.cells.get(&(area_code.to_string(), sector.index()))
    }
}

/// Gathers the picture from the reports the filters keep.
pub fn aggregate(reports: &[Report], filters: &Filters) -> Picture {
    let mut picture = Picture::default();
    aggregate_into(&mut picture, reports, filters);
    picture
}

/// Adds to a picture the reports the filters keep: a picture can be gathered a slice of the
/// reports at a time, and is the same as gathered at once.
pub fn aggregate_into(picture: &mut Picture, reports: &[Report], filters: &Filters) {
    for report in reports.iter().filter(|r| filters.keeps(r)) {
        add(picture, report);
    }
}

/// Inserts a copy of `value` unless the set holds it already, so that a value met again
/// costs a lookup and no allocation.
fn insert_new(set: &mut BTreeSet<String>, value: &str) {
    if !set.contains(value) {
        set.insert(value.to_string());
    }
}

fn add(picture: &mut Picture, r: &Report) {
    picture.submissions += 1;
    insert_new(&mut picture.entities, &r.entity_name);
    match picture.entity_types.get_mut(&r.entity_type) {
        Some(entities) => insert_new(entities, &r.entity_name),
        None => {
            picture.entity_types.insert(
                r.entity_type.clone(),
                BTreeSet::from([r.entity_name.clone()]),
            );
        }
    }
    insert_new(&mut picture.areas, &r.area_code);
    if !picture
        .form_versions
        .iter()
        .any(|(id, v)| *id == r.form_id && *v == r.form_version)
    {
        picture
            .form_versions
            .insert((r.form_id.clone(), r.form_version));
    }
    if picture.first_day.as_ref().is_none_or(|d| r.day < *d) {
        picture.first_day = Some(r.day.clone());
    }
    if picture.last_day.as_ref().is_none_or(|d| r.day > *d) {
        picture.last_day = Some(r.day.clone());
    }
    if r.conflicted {
        picture.conflicts.push(r.id.clone());
    }
    for said in &r.sectors {
        let sector = said.sector;
        let key = (r.area_code.clone(), sector.index());
        let cell = picture
            .cells
            .entry(key)
            .or_insert_with(|| Cell::new(&r.area_code, sector));
        cell.submissions.push(r.id.clone());
        insert_new(&mut cell.entities, &r.entity_name);
        cell.conflicts += usize::from(r.conflicted);
        if let Some(severity) = said.severity {
            let at = cell.severities.partition_point(|&x| x <= severity);
            cell.severities.insert(at, severity);
        }
        if let Some(n) = r.population {
            cell.population = Some(cell.population.map_or(n, |m: f64| m.max(n)));
        }
        for name in &said.actors {
            insert_new(&mut cell.actors, name);
        }
        for need in &said.needs {
            count_in(&mut cell.needs, need);
        }
        for kind in &said.resources {
            count_in(&mut cell.resources, kind);
        }
        let sourced = |text: &str| Sourced {
            text: text.to_string(),
            entity: r.entity_name.clone(),
            area_code: r.area_code.clone(),
        };
        if !said.resources_detail.is_empty() {
            cell.resource_details.push(sourced(&said.resources_detail));
        }
        if !said.recommendation.is_empty() {
            cell.recommendations.push(sourced(&said.recommendation));
        }
        cell.interventions
            .extend(said.interventions.iter().map(|p| Intervention {
                title: p.title.clone(),
                beneficiaries: p.beneficiaries,
                duration_months: p.duration_months,
                cost_usd: p.cost_usd,
                lead: p.lead.clone(),
                entity: r.entity_name.clone(),
                area_code: r.area_code.clone(),
            }));
    }
}

/// Adds one to a value's count, allocating its key only the first time.
fn count_in(counts: &mut BTreeMap<String, usize>, value: &str) {
    match counts.get_mut(value) {
        Some(n) => *n += 1,
        None => {
            counts.insert(value.to_string(), 1);
        }
    }
}

/// The area × sector pairs with a severity, worst first: by median severity (highest first),
/// then by population affected (largest first), then by the number of actors present (fewest
/// first), then by area code.
pub fn ranked_gaps(picture: &Picture) -> Vec<&Cell> {
    let mut cells: Vec<&Cell> = picture
        .cells
        .values()
        .filter(|c| c.median().is_some())
        .collect();
    order::sort_by(&mut cells, |a, b| {
        b.median()
            .partial_cmp(&a.median())
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| {
                b.population
                    .unwrap_or(0.0)
                    .total_cmp(&a.population.unwrap_or(0.0))
            })
            .then_with(|| a.actors.len().cmp(&b.actors.len()))
            .then_with(|| a.area_code.cmp(&b.area_code))
            .then_with(|| a.sector.cmp(&b.sector))
    });
    cells
}

/// How a sector's self-resources compare with its needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Shortfall {
    /// Areas where reports name priority needs in the sector.
    pub areas_with_needs: usize,
    /// Of those, areas where no report names any self-resource.
    pub areas_without_resources: usize,
}

/// Per sector, in the plan's order: where needs are reported and no self-resource is.
pub fn shortfalls(picture: &Picture) -> [Shortfall; 6] {
    Sector::ALL.map(|sector| {
        let with_needs: Vec<&Cell> = picture
            .sector(sector)
            .filter(|c| !c.needs.is_empty())
            .collect();
        Shortfall {
            areas_with_needs: with_needs.len(),
            areas_without_resources: with_needs.iter().filter(|c| c.resources.is_empty()).count(),
        }
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests;
