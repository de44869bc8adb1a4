//! The `nahda` IndexedDB database: its name, its numbered schema versions with their upgrade
//! steps, and typed reads and writes of JSON records. Records cross into JavaScript as plain
//! JSON objects, so the stored data stays readable by any tool.

use idb::event::VersionChangeEvent;
use idb::{
    Database, DatabaseEvent, Event, Factory, IndexParams, KeyPath, ObjectStoreParams, Query,
    Request, TransactionMode,
};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use super::StorageError;

/// The database's name in the browser.
pub const DB_NAME: &str = "nahda";
/// The current schema version; each version has an upgrade step in [`upgrade`].
pub const DB_VERSION: u32 = 2;

/// The object stores, by name.
pub mod stores {
    /// Form definitions, keyed by `[id, version]`.
    pub const FORMS: &str = "forms";
    /// Submissions, keyed by `id`.
    pub const SUBMISSIONS: &str = "submissions";
    /// One record per import, keyed by `id`.
    pub const IMPORTS: &str = "imports";
    /// Settings and the profile, keyed by `key`.
    pub const SETTINGS: &str = "settings";
}

/// An open connection to the database.
pub struct Db {
    inner: Database,
}

impl Db {
    /// Opens the app's database, creating or upgrading it as needed.
    pub async fn open() -> Result<Db, StorageError> {
        Db::open_named(DB_NAME).await
    }

    /// Opens a database of the app's schema under another name (tests use their own).
    pub async fn open_named(name: &str) -> Result<Db, StorageError> {
        Db::open_at(name, DB_VERSION).await
    }

    /// Opens a database at a given schema version, running the upgrade steps up to it: the
    /// app always asks for [`DB_VERSION`]; migration tests build older versions first.
    pub async fn open_at(name: &str, version: u32) -> Result<Db, StorageError> {
        let factory = Factory::new().map_err(|e| StorageError::Unavailable(e.to_string()))?;
        let mut request = factory
            .open(name, Some(version))
            .map_err(|e| StorageError::Unavailable(e.to_string()))?;
        request.on_upgrade_needed(move |event| upgrade(&event, version));
        let mut inner = request
            .await
            .map_err(|e| StorageError::Unavailable(e.to_string()))?;
        // When another tab upgrades the database, or the person clears the site's data, this
        // connection must step aside; the next operation opens a fresh one.
        inner.on_version_change(|event| {
            if let Some(database) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::IdbDatabase>().ok())
            {
                database.close();
            }
            super::forget_shared();
        });
        // The browser closes the connection itself when the site's data is cleared.
        inner.on_close(|_| super::forget_shared());
        Ok(Db { inner })
    }

    /// Deletes a database and everything in it (tests, and "clear all data").
    pub async fn delete_named(name: &str) -> Result<(), StorageError> {
        let factory = Factory::new().map_err(|e| StorageError::Unavailable(e.to_string()))?;
        factory.delete(name)?.await?;
        Ok(())
    }

    /// The names of the object stores this database has.
    pub fn store_names(&self) -> Vec<String> {
        self.inner.store_names()
    }

    /// Writes one record, replacing the record with the same key, in its own transaction.
    pub async fn put<T: Serialize>(&self, store: &str, record: &T) -> Result<(), StorageError> {
        let value = to_js(record)?;
        let transaction = self
            .inner
            .transaction(&[store], TransactionMode::ReadWrite)?;
        transaction.object_store(store)?.put(&value, None)?.await?;
        committed(transaction).await
    }

    /// Writes many records into several stores in one transaction: all of them or none.
    pub async fn put_batch(&self, batch: &[(&str, Vec<JsValue>)]) -> Result<(), StorageError> {
        let names: Vec<&str> = batch.iter().map(|(store, _)| *store).collect();
        let transaction = self.inner.transaction(&names, TransactionMode::ReadWrite)?;
        // Requests are queued without awaiting each: the transaction stays busy until the last
        // completes, and a failure of any aborts them all. A record refused on the spot aborts
        // the transaction here, before the queued writes could commit.
        let queued = batch.iter().try_for_each(|(store, records)| {
            let store = transaction.object_store(store)?;
            records
                .iter()
                .try_for_each(|record| store.put(record, None).map(drop))
        });
        match queued {
            Ok(()) => committed(transaction).await,
            Err(error) => {
                let _ = transaction.abort();
                Err(error.into())
            }
        }
    }

    /// Reads the record with this key, if there is one.
    pub async fn get<T: DeserializeOwned>(
        &self,
        store: &str,
        key: &JsValue,
    ) -> Result<Option<T>, StorageError> {
        let transaction = self
            .inner
            .transaction(&[store], TransactionMode::ReadOnly)?;
        let value = transaction
            .object_store(store)?
            .get(Query::Key(key.clone()))?
            .await?;
        transaction.await?;
        value.map(|v| from_js(&v)).transpose()
    }

    /// Reads the records with these keys in one transaction, in the keys' order; `None` where
    /// there is none.
    pub async fn get_many<T: DeserializeOwned>(
        &self,
        store: &str,
        keys: &[JsValue],
    ) -> Result<Vec<Option<T>>, StorageError> {
        let transaction = self
            .inner
            .transaction(&[store], TransactionMode::ReadOnly)?;
        let object_store = transaction.object_store(store)?;
        // Every request is queued before the first is awaited, so the transaction stays open.
        let requests = keys
            .iter()
            .map(|key| object_store.get(Query::Key(key.clone())))
            .collect::<Result<Vec<_>, _>>()?;
        let mut records = Vec::with_capacity(requests.len());
        for request in requests {
            records.push(request.await?.map(|v| from_js(&v)).transpose()?);
        }
        transaction.await?;
        Ok(records)
    }

    /// Reads every record of a store, in key order.
    pub async fn all<T: DeserializeOwned>(&self, store: &str) -> Result<Vec<T>, StorageError> {
        let transaction = self
            .inner
            .transaction(&[store], TransactionMode::ReadOnly)?;
        let values = transaction
            .object_store(store)?
            .get_all(None, None)?
            .await?;
        transaction.await?;
        // One crossing from JavaScript for the whole store, not one per record: opening a
        // coordinator's 100,000 submissions is several times faster this way.
        let array: js_sys::Array = values.into_iter().collect();
        from_js(&array.into())
    }

    /// Keys of the records of a store whose index holds this value (e.g. submissions by sector).
    pub async fn keys_by_index(
        &self,
        store: &str,
        index: &str,
        value: &JsValue,
    ) -> Result<Vec<JsValue>, StorageError> {
        let transaction = self
            .inner
            .transaction(&[store], TransactionMode::ReadOnly)?;
        let keys = transaction
            .object_store(store)?
            .index(index)?
            .get_all_keys(Some(Query::Key(value.clone())), None)?
            .await?;
        transaction.await?;
        Ok(keys)
    }

    /// Names of the indexes of a store.
    pub fn index_names(&self, store: &str) -> Result<Vec<String>, StorageError> {
        let transaction = self
            .inner
            .transaction(&[store], TransactionMode::ReadOnly)?;
        Ok(transaction.object_store(store)?.index_names())
    }

    /// Deletes the record with this key, in its own transaction.
    pub async fn delete(&self, store: &str, key: &JsValue) -> Result<(), StorageError> {
        let transaction = self
            .inner
            .transaction(&[store], TransactionMode::ReadWrite)?;
        transaction
            .object_store(store)?
            .delete(Query::Key(key.clone()))?
            .await?;
        committed(transaction).await
    }

    /// Closes the connection; later operations fail with a typed error.
    pub fn close(&self) {
        self.inner.close();
    }
}

/// Commits a read-write transaction and waits until it is done; an aborted transaction (for
/// instance when the disk is full) is an error, and none of its writes happened.
async fn committed(transaction: idb::Transaction) -> Result<(), StorageError> {
    // Keep a handle on the raw transaction: after an abort, its error says why.
    let raw: web_sys::IdbTransaction = transaction.into();
    let watched = raw.clone();
    let result = idb::Transaction::from(raw).commit()?.await?;
    if result.is_committed() {
        return Ok(());
    }
    match watched.error().map(|e| e.name()) {
        Some(name) if name == "QuotaExceededError" => Err(StorageError::QuotaExceeded),
        Some(name) => Err(StorageError::Failed(format!("{name}; nothing was stored"))),
        None => Err(StorageError::Failed(
            "the write was aborted; nothing was stored".into(),
        )),
    }
}

/// Runs each schema step between the stored version and `target`, in order, inside the
/// upgrade transaction; if a step fails the transaction is aborted and the database stays at
/// its old version with its data untouched.
fn upgrade(event: &VersionChangeEvent, target: u32) {
    let old_version = event.old_version().unwrap_or(0);
    let (Ok(database), Ok(request)) = (event.database(), event.target()) else {
        return;
    };
    let Some(transaction) = request.transaction() else {
        return;
    };
    let mut outcome = Ok(());
    for step in (old_version + 1)..=target {
        outcome = outcome.and_then(|()| match step {
            1 => create_stores(&database),
            2 => index_sectors_and_trash(&transaction),
            _ => Ok(()),
        });
    }
    if outcome.is_err() {
        let _ = transaction.abort();
    }
}

/// Version 1: the four object stores and the submission indexes.
fn create_stores(database: &Database) -> Result<(), idb::Error> {
    let by = |key: &str| {
        let mut params = ObjectStoreParams::new();
        params.key_path(Some(KeyPath::new_single(key)));
        params
    };
    let mut form_params = ObjectStoreParams::new();
    form_params.key_path(Some(KeyPath::new_array(["id", "version"])));
    database.create_object_store(stores::FORMS, form_params)?;
    let submissions = database.create_object_store(stores::SUBMISSIONS, by("id"))?;
    for (index, path) in [
        ("status", "status"),
        ("form", "form_id"),
        ("area", "area_code"),
        ("entity", "entity_name"),
        ("updated", "updated_at"),
    ] {
        submissions.create_index(index, KeyPath::new_single(path), Some(IndexParams::new()))?;
    }
    database.create_object_store(stores::IMPORTS, by("id"))?;
    database.create_object_store(stores::SETTINGS, by("key"))?;
    Ok(())
}

/// Version 2: find submissions by sector (one index entry per sector) and list the trash.
fn index_sectors_and_trash(transaction: &idb::Transaction) -> Result<(), idb::Error> {
    let submissions = transaction.object_store(stores::SUBMISSIONS)?;
    let mut per_sector = IndexParams::new();
    per_sector.multi_entry(true);
    submissions.create_index("sector", KeyPath::new_single("sectors"), Some(per_sector))?;
    submissions.create_index(
        "deleted",
        KeyPath::new_single("deleted_at"),
        Some(IndexParams::new()),
    )?;
    Ok(())
}

/// A record as the JavaScript object IndexedDB stores.
pub fn to_js<T: Serialize>(record: &T) -> Result<JsValue, StorageError> {
    let json = serde_json::to_string(record).map_err(|e| StorageError::Corrupt(e.to_string()))?;
    js_sys::JSON::parse(&json).map_err(|_| StorageError::Corrupt("JSON.parse".into()))
}

fn from_js<T: DeserializeOwned>(value: &JsValue) -> Result<T, StorageError> {
    let json: String = js_sys::JSON::stringify(value)
        .map_err(|_| StorageError::Corrupt("JSON.stringify".into()))?
        .into();
    serde_json::from_str(&json).map_err(|e| StorageError::Corrupt(e.to_string()))
}
