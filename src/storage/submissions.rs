//! The submissions kept on this device.

use wasm_bindgen::JsValue;

use crate::core::submission::Submission;

use super::db::{stores, Db};
use super::StorageError;

/// Stores a submission (replacing the record with the same id).
pub async fn save(db: &Db, submission: &Submission) -> Result<(), StorageError> {
    db.put(stores::SUBMISSIONS, submission).await
}

/// The submission with this id, if there is one.
pub async fn get(db: &Db, id: &str) -> Result<Option<Submission>, StorageError> {
    db.get(stores::SUBMISSIONS, &JsValue::from_str(id)).await
}

/// Every stored submission.
pub async fn all(db: &Db) -> Result<Vec<Submission>, StorageError> {
    db.all(stores::SUBMISSIONS).await
}
