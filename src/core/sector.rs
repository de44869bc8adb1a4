//! The six sectors of the recovery plan, as the workshop named them.

use crate::core::i18n::Msg;

/// A sector of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
}
