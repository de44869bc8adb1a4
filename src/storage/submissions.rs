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

/// Removes a submission for good (emptying the trash).
pub async fn delete_forever(db: &Db, id: &str) -> Result<(), StorageError> {
    db.delete(stores::SUBMISSIONS, &JsValue::from_str(id)).await
}

/// The ids of the submissions that cover a sector.
pub async fn ids_by_sector(db: &Db, sector: &str) -> Result<Vec<String>, StorageError> {
    let keys = db
        .keys_by_index(stores::SUBMISSIONS, "sector", &JsValue::from_str(sector))
        .await?;
    Ok(keys.iter().filter_map(JsValue::as_string).collect())
}

/// The submissions stored under these ids (those not stored are left out), read in one
/// transaction.
pub async fn get_many(db: &Db, ids: &[String]) -> Result<Vec<Submission>, StorageError> {
    let keys: Vec<JsValue> = ids.iter().map(|id| JsValue::from_str(id)).collect();
    let found: Vec<Option<Submission>> = db.get_many(stores::SUBMISSIONS, &keys).await?;
    Ok(found.into_iter().flatten().collect())
}
