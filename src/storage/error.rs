//! What can go wrong when storing or reading, as values the UI can explain to the person.

use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};

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
    /// These submissions were written elsewhere (another tab) since they were read; nothing
    /// was written. Read them again and retry.
    #[error("changed elsewhere since it was read: {0:?}")]
    Moved(Vec<String>),
    /// A newer version of the app changed the database on this device; this page is outdated.
    #[error("a newer version of the app uses this database")]
    Outdated,
    /// Any other IndexedDB failure, with the browser's words.
    #[error("saving failed: {0}")]
    Failed(String),
}

impl StorageError {
    /// The error a browser exception stands for.
    pub fn from_js(error: &JsValue) -> StorageError {
        let name = error
            .dyn_ref::<web_sys::DomException>()
            .map(|e| e.name())
            .unwrap_or_else(|| format!("{error:?}"));
        match name.as_str() {
            "QuotaExceededError" => StorageError::QuotaExceeded,
            "InvalidStateError" => StorageError::Unavailable(name),
            _ => StorageError::Failed(name),
        }
    }
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
