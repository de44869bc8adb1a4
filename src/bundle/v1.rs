//! Bundle format 1: its serde types. Never edit these; add `v2` for a breaking change.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::schema::FormSpec;

/// The value of the `format` field of every bundle.
pub const FORMAT: &str = "nahda.bundle";
/// This format's version.
pub const VERSION: u32 = 1;

/// Who made the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Producer {
    pub entity_name: String,
    pub device_id: String,
    pub app_version: String,
}

/// One submission as it travels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    pub id: String,
    pub revision: u32,
    /// The revision hash of the revision this one was reopened from (absent for revision 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_hash: Option<String>,
    /// The revision hashes of every revision this one descends from, oldest first; its last
    /// is `previous_hash`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<String>,
    pub form_id: String,
    pub form_version: u32,
    pub status: String,
    pub entity_name: String,
    pub area_code: String,
    pub sectors: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Answers by question id, in the shapes `docs/form-format.md` describes.
    pub answers: BTreeMap<String, serde_json::Value>,
}

/// What the digest covers: everything but the bundle's own id, its time and the digest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Content {
    pub format: String,
    pub version: u32,
    pub producer: Producer,
    /// The form definitions the submissions use, so a reader who never had them can check them.
    pub forms: Vec<FormSpec>,
    /// Ordered by id.
    pub submissions: Vec<Submission>,
}

/// A bundle file of format 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// The first 16 hex digits of the digest: the same data always gives the same id.
    pub id: String,
    pub created_at: String,
    #[serde(flatten)]
    pub content: Content,
    /// SHA-256 (hex) of the canonical JSON of `content`.
    pub digest: String,
}
