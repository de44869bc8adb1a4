//! The fields of a Nahda file (a bundle, a backup) read before anything else: its format, its
//! version and whether it is signed, taken by a light first pass over the whole text, which
//! checks the text's syntax without building it in memory, so a file of another kind or
//! version is refused before its content is parsed.

use serde::Deserialize;
use serde_json::Value;

/// A file's format, version and signature, as found (any JSON value, or absent).
#[derive(Deserialize)]
pub struct FileHeader {
    #[serde(default)]
    pub format: Option<Value>,
    #[serde(default)]
    pub version: Option<Value>,
    #[serde(default)]
    pub signature: Option<Value>,
}
