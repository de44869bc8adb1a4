//! The archive of set-aside revisions, found by submission.

use wasm_bindgen::JsValue;

use crate::core::archive::ArchivedRevision;

use super::db::{stores, Db};
use super::StorageError;

/// The revisions set aside from one submission.
pub async fn of_submission(db: &Db, id: &str) -> Result<Vec<ArchivedRevision>, StorageError> {
    db.all_by_index(stores::ARCHIVE, "submission", &JsValue::from_str(id))
        .await
}

/// Every archived revision.
pub async fn all(db: &Db) -> Result<Vec<ArchivedRevision>, StorageError> {
    db.all(stores::ARCHIVE).await
}
