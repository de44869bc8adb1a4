//! The form definitions kept on this device, by form id and version.

use crate::core::schema::FormSpec;

use super::db::{stores, Db};
use super::StorageError;

/// Stores a form definition (replacing the same id and version).
pub async fn save(db: &Db, spec: &FormSpec) -> Result<(), StorageError> {
    db.put(stores::FORMS, spec).await
}

/// Every stored form definition.
pub async fn all(db: &Db) -> Result<Vec<FormSpec>, StorageError> {
    db.all(stores::FORMS).await
}
