//! What can go wrong when storing or reading, as values the UI can explain to the person.

use thiserror::Error;

/// A failed storage operation.
#[derive(Debug, Error)]
pub enum StorageError {
    /// The browser offers no IndexedDB (some private modes) or refused to open it.
    #[error("this browser does not allow saving data here: {0}")]
    Unavailable(String),
    /// The device or the browser's quota is full.
    #[error("the storage on this device is full")]
    QuotaExceeded,
    /// A record could not be turned into stored form, or read back.
    #[error("a stored record could not be read: {0}")]
    Corrupt(String),
    /// Any other IndexedDB failure, with the browser's words.
    #[error("saving failed: {0}")]
    Failed(String),
}

impl From<idb::Error> for StorageError {
    fn from(error: idb::Error) -> Self {
        let text = error.to_string();
        if text.contains("QuotaExceeded") {
            StorageError::QuotaExceeded
        } else {
            StorageError::Failed(text)
        }
    }
}
