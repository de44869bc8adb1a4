//! The submissions kept on this device. They are read with their write versions and written
//! only through a [`Batch`](super::Batch) that names the version each was read at; each one's
//! report for the coordinator's picture is written and deleted with it.

use wasm_bindgen::JsValue;

use crate::core::aggregate::Report;
use crate::core::submission::Submission;

use super::db::{stores, Db, WriteVersion};
use super::StorageError;

/// A stored submission and the write version it was read at.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub submission: Submission,
    pub version: WriteVersion,
}

/// The submission with this id, if there is one.
pub async fn get(db: &Db, id: &str) -> Result<Option<Stored>, StorageError> {
    Ok(db
        .get_versioned(stores::SUBMISSIONS, id)
        .await?
        .map(|(submission, version)| Stored {
            submission,
            version,
        }))
}

/// Every stored submission.
pub async fn all(db: &Db) -> Result<Vec<Submission>, StorageError> {
    db.all(stores::SUBMISSIONS).await
}

/// What every stored submission tells the coordinator's picture, read without the
/// submissions themselves.
pub async fn reports(db: &Db) -> Result<Vec<Report>, StorageError> {
    db.reports().await
}

/// Every stored submission with its write version.
pub async fn all_versioned(db: &Db) -> Result<Vec<Stored>, StorageError> {
    Ok(db
        .all_versioned(stores::SUBMISSIONS)
        .await?
        .into_iter()
        .map(|(submission, version)| Stored {
            submission,
            version,
        })
        .collect())
}

/// The ids of the submissions with this status (`draft`, `finalised`, `exported`).
pub async fn ids_with_status(db: &Db, status: &str) -> Result<Vec<String>, StorageError> {
    let keys = db
        .keys_by_index(stores::SUBMISSIONS, "status", &JsValue::from_str(status))
        .await?;
    Ok(keys.iter().filter_map(JsValue::as_string).collect())
}

/// The submissions stored under these ids (those not stored are left out), read in one
/// transaction with their write versions.
pub async fn get_many(db: &Db, ids: &[String]) -> Result<Vec<Stored>, StorageError> {
    let found = db.get_many_versioned(stores::SUBMISSIONS, ids).await?;
    Ok(found
        .into_iter()
        .flatten()
        .map(|(submission, version)| Stored {
            submission,
            version,
        })
        .collect())
}
