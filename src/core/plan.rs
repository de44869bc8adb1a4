//! The national plan: the picture turned into a report — the method (how many entities, areas,
//! dates, form versions), one chapter per sector (summary figures, the severity table of
//! areas, priority areas, self-resources, gaps, interventions and recommendations each with
//! its source, the sector's facilitator) and the source bundles. The printable page and the
//! plan's JSON file are both drawn from [`Plan`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::aggregate::{
    ranked_gaps, shortfalls, Cell, Intervention, Picture, Shortfall, Sourced,
};
use crate::core::order;
use crate::core::sector::Sector;

/// How many priority areas a chapter names.
pub const PRIORITY_AREAS: usize = 5;

/// The person who leads a sector's part of the plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facilitator {
    pub name: String,
    pub organisation: String,
    pub contact: String,
}

impl Facilitator {
    /// True when nothing is filled in.
    pub fn is_empty(&self) -> bool {
        self.name.trim().is_empty()
            && self.organisation.trim().is_empty()
            && self.contact.trim().is_empty()
    }
}

/// Facilitators by sector key.
pub type Facilitators = BTreeMap<String, Facilitator>;

/// A bundle the picture's data came in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub bundle_id: String,
    pub file_name: String,
    pub entity: String,
    pub created_at: String,
    pub imported_at: String,
    pub submissions: usize,
}

/// How the plan was made.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Method {
    pub submissions: usize,
    pub entities: usize,
    /// How many entities of each kind (a value of `entity_type`, empty when not said)
    /// contributed, the most numerous first.
    pub entity_types: Vec<(String, usize)>,
    pub areas: usize,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    /// `form-id v1`, one per form version used.
    pub form_versions: Vec<String>,
    pub conflicts: usize,
}

/// One area's line in a chapter's severity table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub area_code: String,
    pub reports: usize,
    pub entities: usize,
    pub median: Option<f64>,
    pub min: Option<u8>,
    pub max: Option<u8>,
    pub disagrees: bool,
    pub population: Option<f64>,
    pub actors: usize,
    pub conflicts: usize,
}

/// One sector's chapter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chapter {
    pub sector: Sector,
    pub facilitator: Option<Facilitator>,
    pub areas: usize,
    pub reports: usize,
    /// The median of every severity reported in the sector.
    pub median: Option<f64>,
    /// The areas, worst first (the ranking rule of the gaps).
    pub rows: Vec<Row>,
    pub priority_areas: Vec<String>,
    /// Priority needs and how many reports name each, most named first.
    pub needs: Vec<(String, usize)>,
    /// Self-resources and how many reports name each, most named first.
    pub resources: Vec<(String, usize)>,
    pub resource_details: Vec<Sourced>,
    /// Areas with needs and no intervention with a proposed lead.
    pub needs_without_lead: Vec<String>,
    pub shortfall: Shortfall,
    pub interventions: Vec<Intervention>,
    pub recommendations: Vec<Sourced>,
}

/// The whole plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub generated_at: String,
    pub method: Method,
    pub chapters: Vec<Chapter>,
    pub sources: Vec<Source>,
}

fn most_named_first(counts: BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut list: Vec<(String, usize)> = counts.into_iter().collect();
    order::sort_by(&mut list, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

/// Draws the plan from the picture.
pub fn plan(
    picture: &Picture,
    facilitators: &Facilitators,
    sources: Vec<Source>,
    generated_at: &str,
) -> Plan {
    let gaps = ranked_gaps(picture);
    let short = shortfalls(picture);
    let chapters = Sector::ALL
        .iter()
        .map(|&sector| {
            // Areas with a severity, worst first; then those whose reports give none.
            let ranked: Vec<&Cell> = gaps
                .iter()
                .filter(|c| c.sector == sector)
                .copied()
                .collect();
            let unrated = picture.sector(sector).filter(|c| c.median().is_none());
            let rows: Vec<Row> = ranked
                .iter()
                .copied()
                .chain(unrated)
                .map(|c| Row {
                    area_code: c.area_code.clone(),
                    reports: c.reports(),
                    entities: c.entities.len(),
                    median: c.median(),
                    min: c.range().map(|r| r.0),
                    max: c.range().map(|r| r.1),
                    disagrees: c.disagrees(),
                    population: c.population,
                    actors: c.actors.len(),
                    conflicts: c.conflicts,
                })
                .collect();
            let cells: Vec<_> = picture.sector(sector).collect();
            let mut needs = BTreeMap::new();
            let mut resources = BTreeMap::new();
            for cell in &cells {
                for (k, n) in &cell.needs {
                    *needs.entry(k.clone()).or_default() += n;
                }
                for (k, n) in &cell.resources {
                    *resources.entry(k.clone()).or_default() += n;
                }
            }
            Chapter {
                sector,
                facilitator: facilitators
                    .get(sector.key())
                    .filter(|f| !f.is_empty())
                    .cloned(),
                areas: cells.len(),
                reports: cells.iter().map(|c| c.reports()).sum(),
                median: picture.sector_median(sector),
                priority_areas: ranked
                    .iter()
                    .take(PRIORITY_AREAS)
                    .map(|c| c.area_code.clone())
                    .collect(),
                rows,
                needs: most_named_first(needs),
                resources: most_named_first(resources),
                resource_details: cells
                    .iter()
                    .flat_map(|c| c.resource_details.clone())
                    .collect(),
                needs_without_lead: cells
                    .iter()
                    .filter(|c| c.needs_without_lead())
                    .map(|c| c.area_code.clone())
                    .collect(),
                shortfall: short[sector.index()],
                interventions: cells.iter().flat_map(|c| c.interventions.clone()).collect(),
                recommendations: cells
                    .iter()
                    .flat_map(|c| c.recommendations.clone())
                    .collect(),
            }
        })
        .collect();
    Plan {
        generated_at: generated_at.to_string(),
        method: Method {
            submissions: picture.submissions,
            entities: picture.entities.len(),
            entity_types: most_named_first(
                picture
                    .entity_types
                    .iter()
                    .map(|(kind, names)| (kind.clone(), names.len()))
                    .collect(),
            ),
            areas: picture.areas.len(),
            first_day: picture.first_day.clone(),
            last_day: picture.last_day.clone(),
            form_versions: picture
                .form_versions
                .iter()
                .map(|(id, v)| format!("{id} v{v}"))
                .collect(),
            conflicts: picture.conflicts.len(),
        },
        chapters,
        sources,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::aggregate::tests::picture_of;
    use crate::core::aggregate::Filters;
    use crate::core::answers::{Answer, Answers};
    use crate::core::submission::{Status, Submission};

    fn report(id: &str, area: &str, severity: &str, lead: &str) -> Submission {
        let row = Answers::from([
            (
                "hea_int_title".to_string(),
                Answer::Text("Reopen the clinic".into()),
            ),
            ("hea_int_lead_org".to_string(), Answer::Text(lead.into())),
        ]);
        Submission {
            id: id.into(),
            status: Status::Finalised,
            entity_name: format!("entity {id}"),
            area_code: area.into(),
            sectors: vec!["health".into()],
            answers: Answers::from([
                ("hea_severity".to_string(), Answer::Text(severity.into())),
                (
                    "hea_priority_needs".to_string(),
                    Answer::Choices(vec!["medicines".into()]),
                ),
                ("hea_interventions".to_string(), Answer::Rows(vec![row])),
                (
                    "hea_recommendations".to_string(),
                    Answer::Text(format!("advice {id}")),
                ),
            ]),
            ..Submission::default()
        }
    }

    #[test]
    fn each_sector_has_a_chapter_with_its_areas_worst_first_and_its_facilitator() {
        let picture = picture_of(
            &[
                report("a", "A", "2", "Council"),
                report("b", "B", "5", ""),
                report("c", "B", "4", ""),
            ],
            &Filters::default(),
        );
        let facilitators = Facilitators::from([(
            "health".to_string(),
            Facilitator {
                name: "Dr. Rana".into(),
                organisation: "Health directorate".into(),
                contact: "+90 555".into(),
            },
        )]);
        let plan = plan(&picture, &facilitators, Vec::new(), "2026-11-29");
        assert_eq!(plan.chapters.len(), 6);
        let health = &plan.chapters[Sector::Health.index()];
        assert_eq!(
            health.facilitator.as_ref().map(|f| f.name.as_str()),
            Some("Dr. Rana")
        );
        assert!(plan.chapters[Sector::Education.index()]
            .facilitator
            .is_none());
        assert_eq!((health.areas, health.reports), (2, 3));
        assert_eq!(health.median, Some(4.0));
        let order: Vec<&str> = health.rows.iter().map(|r| r.area_code.as_str()).collect();
        assert_eq!(order, ["B", "A"]);
        assert_eq!(health.priority_areas, ["B", "A"]);
        assert_eq!(health.needs, [("medicines".to_string(), 3)]);
        assert_eq!(health.needs_without_lead, ["B"]);
        assert_eq!(health.interventions.len(), 3);
        assert_eq!(health.recommendations.len(), 3);
        assert_eq!(plan.method.submissions, 3);
        let json = serde_json::to_value(&plan).expect("the plan as JSON");
        assert_eq!(json["chapters"][4]["sector"], "health");
    }

    #[test]
    fn the_method_counts_contributing_entities_by_kind() {
        let of_kind = |id: &str, entity: &str, kind: &str| {
            let mut s = report(id, "A", "3", "");
            s.entity_name = entity.into();
            if !kind.is_empty() {
                s.answers
                    .insert("entity_type".into(), Answer::Text(kind.into()));
            }
            s
        };
        let picture = picture_of(
            &[
                of_kind("a", "Azaz council", "local_council"),
                of_kind("b", "Azaz council", "local_council"),
                of_kind("c", "Marea council", "local_council"),
                of_kind("d", "Basma relief", "ngo"),
                of_kind("e", "Someone", ""),
            ],
            &Filters::default(),
        );
        let plan = plan(&picture, &Facilitators::new(), Vec::new(), "2026-11-29");
        assert_eq!(
            plan.method.entity_types,
            [
                ("local_council".to_string(), 2),
                (String::new(), 1),
                ("ngo".to_string(), 1)
            ],
            "each entity once, the most numerous kind first"
        );
    }
}
