//! The import log: one record per bundle imported on this device.

use crate::bundle::import::ImportRecord;

use super::db::{stores, Db};
use super::StorageError;

/// Every bundle imported here.
pub async fn all(db: &Db) -> Result<Vec<ImportRecord>, StorageError> {
    db.all(stores::IMPORTS).await
}
