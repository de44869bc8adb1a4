//! The six sectors of the recovery plan, as the workshop named them, and the convention by
//! which a form's question ids speak of a sector (`docs/form-format.md`): the sector's prefix,
//! an underscore and the part (`hea_severity`, `edu_priority_needs`).

use serde::{Deserialize, Serialize};

use crate::core::i18n::Msg;

/// A sector of the plan; written in files by its key (`rule_of_law`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    Governance,
    Economy,
    Infrastructure,
    Education,
    Health,
    RuleOfLaw,
}

impl Sector {
    /// The six sectors in the order of the plan.
    pub const ALL: [Sector; 6] = [
        Sector::Governance,
        Sector::Economy,
        Sector::Infrastructure,
        Sector::Education,
        Sector::Health,
        Sector::RuleOfLaw,
    ];

    /// The key used in forms and bundles.
    pub fn key(self) -> &'static str {
        match self {
            Sector::Governance => "governance",
            Sector::Economy => "economy",
            Sector::Infrastructure => "infrastructure",
            Sector::Education => "education",
            Sector::Health => "health",
            Sector::RuleOfLaw => "rule_of_law",
        }
    }

    /// The prefix of the sector's question ids in a form (`hea_severity`).
    pub fn prefix(self) -> &'static str {
        match self {
            Sector::Governance => "gov",
            Sector::Economy => "eco",
            Sector::Infrastructure => "inf",
            Sector::Education => "edu",
            Sector::Health => "hea",
            Sector::RuleOfLaw => "rol",
        }
    }

    /// Its place in the plan's order, from 0.
    pub fn index(self) -> usize {
        Sector::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The sector's name.
    pub fn name(self) -> Msg {
        match self {
            Sector::Governance => Msg::SectorGovernance,
            Sector::Economy => Msg::SectorEconomy,
            Sector::Infrastructure => Msg::SectorInfrastructure,
            Sector::Education => Msg::SectorEducation,
            Sector::Health => Msg::SectorHealth,
            Sector::RuleOfLaw => Msg::SectorRuleOfLaw,
        }
    }

    /// The sector with this key.
    pub fn from_key(key: &str) -> Option<Sector> {
        Sector::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The id of this sector's question for a part of the survey (`hea_severity`).
    pub fn question(self, part: Part) -> String {
        format!("{}_{}", self.prefix(), part.suffix())
    }
}

/// The parts of the survey each sector asks about, in the order of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Severity of the situation, 1–5.
    Severity,
    /// Priority needs (a multiple choice).
    PriorityNeeds,
    /// Kinds of self-resources (a multiple choice).
    Resources,
    /// Self-resources in words.
    ResourcesDetail,
    /// Actors present (a repeat group) and, in each row, the actor's name.
    Actors,
    ActorName,
    /// Proposed interventions (a repeat group) and the answers of each row.
    Interventions,
    InterventionTitle,
    InterventionBeneficiaries,
    InterventionDurationMonths,
    InterventionCostUsd,
    InterventionLead,
    /// Recommendations in words.
    Recommendations,
}

impl Part {
    fn suffix(self) -> &'static str {
        match self {
            Part::Severity => "severity",
            Part::PriorityNeeds => "priority_needs",
            Part::Resources => "resources",
            Part::ResourcesDetail => "resources_detail",
            Part::Actors => "actors",
            Part::ActorName => "actor_name",
            Part::Interventions => "interventions",
            Part::InterventionTitle => "int_title",
            Part::InterventionBeneficiaries => "int_beneficiaries",
            Part::InterventionDurationMonths => "int_duration_months",
            Part::InterventionCostUsd => "int_cost_usd",
            Part::InterventionLead => "int_lead_org",
            Part::Recommendations => "recommendations",
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_pack_offers_exactly_the_six_sectors() {
        let pack: serde_json::Value =
            serde_json::from_str(include_str!("../../public/forms/six-sector-survey.v1.json"))
                .expect("pack");
        let sectors = pack["sections"]
            .as_array()
            .expect("sections")
            .iter()
            .flat_map(|s| s["questions"].as_array().cloned().unwrap_or_default())
            .find(|q| q["id"] == "sectors")
            .expect("the sectors question");
        let list = sectors["choices"].as_str().expect("a choice list");
        let values: Vec<&str> = pack["choice_lists"][list]
            .as_array()
            .expect("list")
            .iter()
            .filter_map(|c| c["value"].as_str())
            .collect();
        let keys: Vec<&str> = Sector::ALL.iter().map(|s| s.key()).collect();
        assert_eq!(values, keys);
        assert!(keys.iter().all(|k| Sector::from_key(k).is_some()));
    }

    #[test]
    fn every_sector_question_the_convention_names_is_in_the_shipped_pack() {
        let pack = crate::core::schema::Form::from_json(include_str!(
            "../../public/forms/six-sector-survey.v1.json"
        ))
        .expect("the pack");
        let parts = [
            Part::Severity,
            Part::PriorityNeeds,
            Part::Resources,
            Part::ResourcesDetail,
            Part::Actors,
            Part::ActorName,
            Part::Interventions,
            Part::InterventionTitle,
            Part::InterventionBeneficiaries,
            Part::InterventionDurationMonths,
            Part::InterventionCostUsd,
            Part::InterventionLead,
            Part::Recommendations,
        ];
        for sector in Sector::ALL {
            for part in parts {
                let id = sector.question(part);
                assert!(pack.question(&id).is_some(), "{id} is in the pack");
            }
        }
        assert_eq!(Sector::Health.question(Part::Severity), "hea_severity");
    }

    #[test]
    fn a_sector_is_written_in_files_by_its_key() {
        for sector in Sector::ALL {
            let json = serde_json::to_string(&sector).expect("json");
            assert_eq!(json, format!("\"{}\"", sector.key()));
            assert_eq!(serde_json::from_str::<Sector>(&json).expect("back"), sector);
        }
    }
}
