//! Settings: small named values (the submission being filled, later the profile and the
//! sector facilitators), each stored as `{key, value}`.

use serde::{de::DeserializeOwned, Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::db::{stores, Db};
use super::StorageError;

/// The key of the id of the submission open on the survey page.
pub const CURRENT_SUBMISSION: &str = "current_submission";
/// The key of the reporting entity's profile.
pub const PROFILE: &str = "profile";
/// The key of this device's random id, created on first start.
pub const DEVICE_ID: &str = "device_id";
/// The key of the six sectors' facilitators.
pub const FACILITATORS: &str = "facilitators";
/// The key of the coordinator's decisions on conflicts.
pub const CONFLICT_DECISIONS: &str = "conflict_decisions";
/// The key of the form version new submissions start from (`[id, version]`), set when a form
/// file is loaded in Settings; the shipped pack when none is.
pub const FORM_FOR_NEW: &str = "form_for_new";
/// The key of the coordinators' public sealing keys bundles can be sealed for.
pub const SEAL_FOR: &str = "seal_for";
/// The key of the time the last backup of this device was saved.
pub const LAST_BACKUP: &str = "last_backup";
/// The key of the language and digits chosen on this device: a copy of the choice kept in
/// `localStorage` (`platform::prefs`), which the browser writes to disk only seconds later.
pub const LANGUAGE: &str = "language";

/// A setting as stored.
#[derive(Serialize, Deserialize)]
pub struct Setting<T> {
    pub key: String,
    pub value: T,
}

/// Every setting, as JSON values.
pub async fn all(db: &Db) -> Result<Vec<Setting<serde_json::Value>>, StorageError> {
    db.all(stores::SETTINGS).await
}

/// Reads a setting.
pub async fn get<T: DeserializeOwned>(db: &Db, key: &str) -> Result<Option<T>, StorageError> {
    let record: Option<Setting<T>> = db.get(stores::SETTINGS, &JsValue::from_str(key)).await?;
    Ok(record.map(|r| r.value))
}

/// Writes a setting.
pub async fn set<T: Serialize>(db: &Db, key: &str, value: T) -> Result<(), StorageError> {
    db.put(
        stores::SETTINGS,
        &Setting {
            key: key.to_string(),
            value,
        },
    )
    .await
}
