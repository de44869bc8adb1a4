//! The area list: governorates, districts, sub-districts and communities with their P-codes,
//! as a tree the area question picks from. A default list ships in `public/areas.json`; a
//! coordinator can load a fuller one in the same format.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::core::i18n::Lang;
use crate::core::schema::Text;

/// The value of the `format` field of an area list.
pub const AREAS_FORMAT: &str = "nahda.areas";

/// An administrative level, from the governorate (1) down to the community (4).
pub const LEVELS: [u8; 4] = [1, 2, 3, 4];

/// One area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub code: String,
    pub level: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub name: Text,
}

/// An area list as written in JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaListSpec {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub source: Text,
    pub areas: Vec<Area>,
}

/// What is wrong with an area list.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AreaListError {
    #[error("the file is not an area list: {0}")]
    NotJson(String),
    #[error("the format is '{0}', not '{AREAS_FORMAT}'")]
    WrongFormat(String),
    #[error("the code '{0}' appears twice")]
    DuplicateCode(String),
    #[error("area '{0}' names a parent that is not listed before it")]
    UnknownParent(String),
    #[error("area '{0}' is not one level below its parent")]
    WrongLevel(String),
    #[error("area '{0}' lacks its Arabic or English name")]
    MissingName(String),
}

/// A checked area list with its tree.
#[derive(Debug, Clone, Default)]
pub struct AreaList {
    areas: Vec<Area>,
    by_code: HashMap<String, usize>,
    children: HashMap<Option<String>, Vec<usize>>,
    source: Text,
}

impl AreaList {
    /// Reads and checks an area list from JSON.
    pub fn from_json(json: &str) -> Result<AreaList, AreaListError> {
        let spec: AreaListSpec =
            serde_json::from_str(json).map_err(|e| AreaListError::NotJson(e.to_string()))?;
        AreaList::check(spec)
    }

    /// Checks a list: codes unique, every parent listed first and one level up, both names.
    pub fn check(spec: AreaListSpec) -> Result<AreaList, AreaListError> {
        if spec.format != AREAS_FORMAT {
            return Err(AreaListError::WrongFormat(spec.format));
        }
        let mut list = AreaList {
            source: spec.source,
            ..AreaList::default()
        };
        let mut seen = HashSet::new();
        for (i, area) in spec.areas.into_iter().enumerate() {
            if !seen.insert(area.code.clone()) {
                return Err(AreaListError::DuplicateCode(area.code));
            }
            if !area.name.missing().is_empty() {
                return Err(AreaListError::MissingName(area.code));
            }
            match &area.parent {
                None if area.level != 1 => return Err(AreaListError::WrongLevel(area.code)),
                None => {}
                Some(parent) => match list.by_code.get(parent) {
                    None => return Err(AreaListError::UnknownParent(area.code)),
                    Some(&p) if list.areas[p].level + 1 != area.level => {
                        return Err(AreaListError::WrongLevel(area.code))
                    }
                    Some(_) => {}
                },
            }
            list.by_code.insert(area.code.clone(), i);
            list.children
                .entry(area.parent.clone())
                .or_default()
                .push(i);
            list.areas.push(area);
        }
        Ok(list)
    }

    /// Where the list comes from, to tell the person.
    pub fn source(&self) -> &Text {
        &self.source
    }

    /// The area with this code.
    pub fn get(&self, code: &str) -> Option<&Area> {
        self.by_code.get(code).map(|&i| &self.areas[i])
    }

    /// The areas directly under `parent` (`None`: the governorates).
    pub fn children(&self, parent: Option<&str>) -> Vec<&Area> {
        self.children
            .get(&parent.map(str::to_string))
            .map(|ids| ids.iter().map(|&i| &self.areas[i]).collect())
            .unwrap_or_default()
    }

    /// The chain from the governorate down to the area itself.
    pub fn path(&self, code: &str) -> Vec<&Area> {
        let mut path = Vec::new();
        let mut at = self.get(code);
        while let Some(area) = at {
            path.push(area);
            at = area.parent.as_deref().and_then(|p| self.get(p));
            if path.len() > LEVELS.len() {
                break;
            }
        }
        path.reverse();
        path
    }

    /// The area's names from the top down, e.g. "Aleppo › A'zaz › A'zaz".
    pub fn full_name(&self, code: &str, lang: Lang) -> String {
        self.path(code)
            .iter()
            .map(|a| a.name.get(lang))
            .collect::<Vec<_>>()
            .join(" › ")
    }

    /// Number of areas in the list.
    pub fn len(&self) -> usize {
        self.areas.len()
    }

    /// True for an empty list.
    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const SHIPPED: &str = include_str!("../../public/areas.json");

    #[test]
    fn the_shipped_list_is_valid_and_uses_p_codes() {
        let list = AreaList::from_json(SHIPPED).expect("valid");
        assert_eq!(list.children(None).len(), 14, "fourteen governorates");
        assert_eq!(list.get("SY02").map(|a| a.name.en.as_str()), Some("Aleppo"));
        assert_eq!(list.get("SY07").map(|a| a.name.ar.as_str()), Some("إدلب"));
        for code in ["SY020400", "SY070301", "C4121"] {
            assert!(crate::core::validate::is_area_code(code));
            assert!(list.get(code).is_some(), "{code} missing");
        }
        assert!(!list.source().en.is_empty());
    }

    #[test]
    fn paths_run_from_governorate_to_community() {
        let list = AreaList::from_json(SHIPPED).expect("valid");
        let codes: Vec<&str> = list.path("C4121").iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["SY07", "SY0703", "SY070301", "C4121"]);
        assert!(list
            .full_name("C4121", Lang::En)
            .starts_with("Idleb › Harim"));
        assert!(list.path("nowhere").is_empty());
    }

    #[test]
    fn broken_lists_are_refused() {
        let area = |code: &str, level: u8, parent: Option<&str>| Area {
            code: code.into(),
            level,
            parent: parent.map(str::to_string),
            name: Text {
                ar: "أ".into(),
                en: "a".into(),
            },
        };
        let spec = |areas| AreaListSpec {
            format: AREAS_FORMAT.into(),
            version: 1,
            source: Text::default(),
            areas,
        };
        assert_eq!(
            AreaList::check(spec(vec![area("SY02", 1, None), area("SY02", 1, None)])).unwrap_err(),
            AreaListError::DuplicateCode("SY02".into())
        );
        assert_eq!(
            AreaList::check(spec(vec![area("SY0204", 2, Some("SY02"))])).unwrap_err(),
            AreaListError::UnknownParent("SY0204".into())
        );
        assert_eq!(
            AreaList::check(spec(vec![
                area("SY02", 1, None),
                area("SY020400", 3, Some("SY02"))
            ]))
            .unwrap_err(),
            AreaListError::WrongLevel("SY020400".into())
        );
        assert!(matches!(
            AreaList::from_json("[]"),
            Err(AreaListError::NotJson(_))
        ));
    }
}
