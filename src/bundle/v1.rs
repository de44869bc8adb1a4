//! Bundle format 1: its serde types. Never edit these; add `v2` for a breaking change.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::schema::FormSpec;

/// The value of the `format` field of every bundle.
pub const FORMAT: &str = "nahda.bundle";
/// This format's version.
pub const VERSION: u32 = 1;

/// Who made the bundle.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Producer {
    /// The name of the organisation or council that exported, as set on its device.
    pub entity_name: String,
    /// The exporting device's id: a random UUID, made the first time the device needed one.
    pub device_id: String,
    /// The version of the app that wrote the bundle.
    pub app_version: String,
}

/// One submission as it travels.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    /// The submission's id (a UUID), the same on every device and in every revision.
    pub id: String,
    /// 1 for the first revision; each reopening of a finalised submission adds 1.
    pub revision: u32,
    /// The revision hash of the revision this one was reopened from (absent for revision 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_hash: Option<String>,
    /// The revision hashes of every revision this one descends from, oldest first; its last
    /// is `previous_hash`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<String>,
    /// The id of the form definition it was filled with.
    pub form_id: String,
    /// The version of that form definition.
    pub form_version: u32,
    /// `draft` or `finalised`.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(extend("enum" = ["draft", "finalised"]))
    )]
    pub status: String,
    /// Copied from the answer to the question `entity_name`, trimmed.
    pub entity_name: String,
    /// Copied from the `code` of the answer to the form's first `area` question.
    pub area_code: String,
    /// Copied from the answer to the question `sectors`.
    pub sectors: Vec<String>,
    /// When the submission was started (RFC 3339, UTC).
    pub created_at: String,
    /// When its answers last changed (RFC 3339, UTC); its first 10 characters are the "today"
    /// its date checks are made on.
    pub updated_at: String,
    /// Answers by question id, in the shapes `docs/form-format.md` describes.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "BTreeMap<String, crate::core::answers::Answer>")
    )]
    pub answers: BTreeMap<String, serde_json::Value>,
}

/// What the digest covers: everything but the bundle's own id, its time and the digest.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Content {
    /// Always `nahda.bundle`.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(extend("const" = "nahda.bundle"))
    )]
    pub format: String,
    /// The format version: 1. A reader refuses a bundle of a newer version.
    pub version: u32,
    pub producer: Producer,
    /// The form definitions the submissions use, so a reader who never had them can check them.
    pub forms: Vec<FormSpec>,
    /// Ordered by id.
    pub submissions: Vec<Submission>,
}

/// A bundle file of format 1.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// The first 16 hex digits of the digest: the same data always gives the same id.
    pub id: String,
    /// When the bundle was written (RFC 3339, UTC). Not covered by the digest.
    pub created_at: String,
    #[serde(flatten)]
    pub content: Content,
    /// SHA-256 (hex) of the canonical JSON of `content`.
    pub digest: String,
}
