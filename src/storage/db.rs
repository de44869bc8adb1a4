//! The `nahda` IndexedDB database: its name, its numbered schema versions with their upgrade
//! steps, and typed reads and writes of JSON records. Records cross into JavaScript as plain
//! JSON objects, so the stored data stays readable by any tool.
//!
//! Every stored submission carries a write version (`write_version`, kept by this module and
//! never by the core): a write names the version it read, and is refused when the stored one
//! has moved on since (another tab wrote), inside the same transaction — so no tab ever
//! overwrites what another saved without having seen it.

use std::collections::{BTreeMap, HashSet};

use idb::event::VersionChangeEvent;
use idb::{
    Database, DatabaseEvent, Event, Factory, IndexParams, KeyPath, ObjectStoreParams, Query,
    Request, TransactionMode,
};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use super::events::{self, StorageEvent};
use super::settings::Setting;
use super::StorageError;
use crate::bundle::import::ImportRecord;
use crate::core::aggregate::{Report, REPORT_FORMAT};
use crate::core::archive::ArchivedRevision;
use crate::core::order;
use crate::core::schema::FormSpec;
use crate::core::submission::Submission;
use crate::core::trust::TrustedKey;
use crate::platform::clock;

/// The database's name in the browser.
pub const DB_NAME: &str = "nahda";
/// The current schema version; each version has an upgrade step in [`upgrade`].
pub const DB_VERSION: u32 = 6;
/// How many records hold the submissions' reports (see [`stores::REPORTS`]).
pub const REPORT_BUCKETS: u32 = 256;
/// How many buckets of reports are read between two turns of the page.
const BUCKETS_PER_TURN: usize = 16;
/// The field of a stored submission that holds its write version.
pub const WRITE_VERSION: &str = "write_version";

/// How many times a record has been written on this device: 0 for a record stored before
/// write versions existed, `None` for a record that is not stored.
pub type WriteVersion = u64;

/// How hard a write transaction insists that its data reached the disk before it reports
/// success. Chromium's default, relaxed, survives a killed tab or browser; strict also
/// survives a power cut, at the cost of a flush, and is asked for finalising, imports,
/// settlements and restores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    #[default]
    Relaxed,
    Strict,
}

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
    /// Revisions set aside (by settlements, imports, restores), keyed by `key`.
    pub const ARCHIVE: &str = "archive";
    /// This device's own keys, keyed by `key` (its signing key pair as the browser's
    /// `CryptoKey`s, never read as JSON).
    pub const KEYS: &str = "keys";
    /// The senders' keys this device trusts, keyed by `key` (the public key).
    pub const TRUSTED: &str = "trusted";
    /// What each submission tells the coordinator's picture (`core::aggregate::Report`), as
    /// JSON text, spread over [`REPORT_BUCKETS`](super::REPORT_BUCKETS) records keyed by
    /// `bucket`, each holding the `format` of its reports and the submission `ids` and their
    /// `reports` in the same order:
    /// written in the same transaction as the submission, deleted with it. A few hundred
    /// records read far faster than one per submission.
    pub const REPORTS: &str = "reports";
}

/// An open connection to the database.
pub struct Db {
    inner: Database,
    raw: web_sys::IdbDatabase,
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
        // Another tab holds the database open at an older version and does not let go.
        request.on_blocked(|_| events::emit(StorageEvent::Blocked));
        let opened = request.await;
        events::emit(StorageEvent::Opened);
        let raw: web_sys::IdbDatabase = opened
            .map_err(|e| {
                if e.to_string().contains("VersionError") {
                    events::emit(StorageEvent::Outdated);
                    StorageError::Outdated
                } else {
                    StorageError::Unavailable(e.to_string())
                }
            })?
            .into();
        let mut inner = Database::from(raw.clone());
        // Another tab upgrades the database (a newer version of the app) or the person
        // clears the site's data: this connection must step aside, once the page has written
        // what it holds; it closes itself when the app says so (`close_shared`).
        inner.on_version_change(|_| events::emit(StorageEvent::UpgradedElsewhere));
        // The browser closes the connection itself when the site's data is cleared.
        inner.on_close(|_| super::forget_shared());
        Ok(Db { inner, raw })
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

    /// Writes one record of a store other than the submissions, replacing the record with
    /// the same key, in its own transaction.
    pub async fn put<T: Serialize>(
        &self,
        store: &'static str,
        record: &T,
    ) -> Result<(), StorageError> {
        let mut batch = Batch::new();
        batch.put(store, record)?;
        self.write(batch).await
    }

    /// Writes a batch in one transaction: all of it or nothing. Each submission in it is
    /// written only if its stored write version is still the one it was read at; otherwise
    /// nothing is written and the error names the submissions that moved on.
    pub async fn write(&self, batch: Batch<'_>) -> Result<(), StorageError> {
        let mut names: Vec<&str> = batch.puts.iter().map(|(store, _)| *store).collect();
        names.extend(batch.deletes.iter().map(|(store, _)| *store));
        if !batch.checked.is_empty() {
            names.extend([stores::SUBMISSIONS, stores::REPORTS]);
        }
        order::sort(&mut names);
        names.dedup();
        if names.is_empty() {
            return Ok(());
        }
        let transaction = self.transaction(&names, batch.durability)?;
        if !batch.checked.is_empty() {
            let submissions = transaction.object_store(stores::SUBMISSIONS)?;

            // The checks are queued a slice at a time, the next slice as the last of the one
            // before is answered, so the transaction stays open and the page gets turns in
            // between. A check reads only keys, never the record, except for a record stored
            // before write versions existed.
            let mut moved = Vec::new();
            for slice in batch.checked.chunks(REQUEST_SLICE) {
                // Those that were not stored are looked for all at once.
                let mut absent: Vec<&str> = slice
                    .iter()
                    .filter(|(_, read)| read.is_none())
                    .map(|(key, _)| key.as_str())
                    .collect();
                order::sort_by(&mut absent, |a, b| key_order(a, b));
                let stored = stored_among(&submissions, &absent).await?;
                moved.extend(
                    absent
                        .into_iter()
                        .filter(|key| stored.contains(*key))
                        .map(String::from),
                );
                let read_at: Vec<(&String, WriteVersion)> = slice
                    .iter()
                    .filter_map(|(key, read)| read.map(|read| (key, read)))
                    .collect();
                let probes = read_at
                    .iter()
                    .map(|(key, read)| {
                        let key = JsValue::from_str(key);
                        Ok(match read {
                            0 => Probe::Unversioned(submissions.get(Query::Key(key))?),
                            v => {
                                let at: js_sys::Array =
                                    [key, JsValue::from_f64(*v as f64)].into_iter().collect();
                                let by_version = submissions.index(WRITE_INDEX)?;
                                Probe::At(by_version.get_key(Query::Key(at.into()))?)
                            }
                        })
                    })
                    .collect::<Result<Vec<_>, idb::Error>>()?;
                for (probe, (key, _)) in probes.into_iter().zip(&read_at) {
                    let still = match probe {
                        Probe::At(request) => request.await?.is_some(),
                        Probe::Unversioned(request) => {
                            request.await?.as_ref().map(write_version) == Some(0)
                        }
                    };
                    if !still {
                        moved.push(key.to_string());
                    }
                }
            }
            if !moved.is_empty() {
                let _ = transaction.abort();
                return Err(StorageError::Moved(moved));
            }
        }
        // Requests are queued without awaiting each: the transaction stays busy until the last
        // completes, and a failure of any aborts them all. A record refused on the spot aborts
        // the transaction here, before the queued writes could commit. Submissions become
        // JavaScript objects one at a time, each left to the collector once it is queued, so
        // a big import never holds them all at once; after each slice the writer waits for
        // the slice's last write, which lets the page draw and answer in between while the
        // transaction stays open.
        let queued = async {
            let submissions = if batch.submissions.is_empty() {
                None
            } else {
                Some(transaction.object_store(stores::SUBMISSIONS)?)
            };
            let mut reported = ReportChanges::default();
            let mut slices = batch.submissions.chunks(WRITE_SLICE).peekable();
            while let Some(slice) = slices.next() {
                let mut last = None;
                for (record, next) in slice {
                    let value = to_js(*record)?;
                    js_sys::Reflect::set(
                        &value,
                        &JsValue::from_str(WRITE_VERSION),
                        &(*next as f64).into(),
                    )
                    .map_err(|_| StorageError::Corrupt("write version".into()))?;
                    if let Some(store) = &submissions {
                        last = Some(store.put(&value, None)?);
                    }
                    reported.set(&record.id, Some(report_json(record)?));
                }
                if let (Some(last), true) = (last, slices.peek().is_some()) {
                    last.await?;
                }
            }
            for (store, record) in &batch.puts {
                transaction.object_store(store)?.put(record, None)?;
            }
            for (store, key) in &batch.deletes {
                transaction
                    .object_store(store)?
                    .delete(Query::Key(key.clone()))?;
                if *store == stores::SUBMISSIONS {
                    reported.set(&key.as_string().unwrap_or_default(), None);
                }
            }
            if !reported.0.is_empty() {
                reported
                    .write(&transaction.object_store(stores::REPORTS)?)
                    .await?;
            }
            Ok::<(), StorageError>(())
        };
        match queued.await {
            Ok(()) => committed(transaction).await,
            Err(error) => {
                let _ = transaction.abort();
                Err(error)
            }
        }
    }

    /// A read-write transaction over these stores, with this durability.
    fn transaction(
        &self,
        names: &[&str],
        durability: Durability,
    ) -> Result<idb::Transaction, StorageError> {
        let stores: js_sys::Array = names.iter().map(|n| JsValue::from_str(n)).collect();
        let options = js_sys::Object::new();
        let level = match durability {
            Durability::Relaxed => "relaxed",
            Durability::Strict => "strict",
        };
        let _ = js_sys::Reflect::set(&options, &"durability".into(), &level.into());
        // `IDBDatabase.transaction(stores, mode, {durability})`: web-sys offers the options
        // only behind its unstable flag.
        let open: js_sys::Function = js_sys::Reflect::get(&self.raw, &"transaction".into())
            .and_then(|f| f.dyn_into())
            .map_err(|e| StorageError::from_js(&e))?;
        open.call3(&self.raw, &stores, &"readwrite".into(), &options)
            .and_then(|t| t.dyn_into::<web_sys::IdbTransaction>())
            .map(idb::Transaction::from)
            .map_err(|e| StorageError::from_js(&e))
    }

    /// Reads a submission-like record with its write version, if there is one.
    pub async fn get_versioned<T: DeserializeOwned>(
        &self,
        store: &str,
        key: &str,
    ) -> Result<Option<(T, WriteVersion)>, StorageError> {
        Ok(self
            .get_many_versioned(store, &[key.to_string()])
            .await?
            .pop()
            .flatten())
    }

    /// Reads the records with these keys (texts) in one transaction, in the keys' order, each
    /// with its write version; `None` where there is none. A slice of keys at a time, the page
    /// getting a turn in between: which of them are stored is found from one listing of the
    /// keys between the slice's first and last, and only those are read.
    pub async fn get_many_versioned<T: DeserializeOwned>(
        &self,
        store: &str,
        keys: &[String],
    ) -> Result<Vec<Option<(T, WriteVersion)>>, StorageError> {
        let transaction = self
            .inner
            .transaction(&[store], TransactionMode::ReadOnly)?;
        let object_store = transaction.object_store(store)?;
        let mut records: Vec<Option<(T, WriteVersion)>> = keys.iter().map(|_| None).collect();
        let mut places: Vec<usize> = (0..keys.len()).collect();
        order::sort_by(&mut places, |a, b| key_order(&keys[*a], &keys[*b]));
        for slice in places.chunks(REQUEST_SLICE) {
            let sorted: Vec<&str> = slice.iter().map(|at| keys[*at].as_str()).collect();
            let stored = stored_among(&object_store, &sorted).await?;
            let requests = slice
                .iter()
                .filter(|at| stored.contains(&keys[**at]))
                .map(|at| {
                    Ok((
                        *at,
                        object_store.get(Query::Key(JsValue::from_str(&keys[*at])))?,
                    ))
                })
                .collect::<Result<Vec<_>, idb::Error>>()?;
            for (at, request) in requests {
                records[at] = request
                    .await?
                    .map(|v| from_js(&v).map(|record| (record, write_version(&v))))
                    .transpose()?;
            }
        }
        transaction.await?;
        Ok(records)
    }

    /// Reads the record with this key, if there is one.
    pub async fn get<T: DeserializeOwned>(
        &self,
        store: &str,
        key: &JsValue,
    ) -> Result<Option<T>, StorageError> {
        self.get_raw(store, key)
            .await?
            .map(|v| from_js(&v))
            .transpose()
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

    /// Every submission's report, in the order of their ids. When the store does not hold one
    /// readable report of the current format per stored submission (the database was just
    /// upgraded, the app changed what a report holds, or submissions were written by another
    /// program), it is first filled again from the submissions, in one transaction.
    pub async fn reports(&self) -> Result<Vec<Report>, StorageError> {
        let transaction = self.inner.transaction(
            &[stores::SUBMISSIONS, stores::REPORTS],
            TransactionMode::ReadOnly,
        )?;
        let submissions = transaction.object_store(stores::SUBMISSIONS)?.count(None)?;
        // Read in a few requests, not one: each answer is a task of its own, so the page is
        // not held while the browser hands over all the reports at once.
        let store = transaction.object_store(stores::REPORTS)?;
        let reads = (0..REPORT_BUCKETS)
            .step_by(BUCKETS_PER_TURN)
            .map(|first| {
                let range = idb::KeyRange::bound(
                    &first.into(),
                    &(first + BUCKETS_PER_TURN as u32).into(),
                    Some(false),
                    Some(true),
                )?;
                store.get_all(Some(range.into()), None)
            })
            .collect::<Result<Vec<_>, idb::Error>>()?;
        let submissions = submissions.await?;
        let mut buckets = Vec::new();
        for read in reads {
            buckets.extend(read.await?);
        }
        transaction.await?;
        clock::next_turn().await;
        let mut count = 0;
        let mut texts = Vec::with_capacity(buckets.len());
        for bucket in &buckets {
            let Some((ids, reports)) = bucket_lists(bucket) else {
                return self.report_every_submission().await;
            };
            count += ids.length();
            texts.push(reports);
        }
        if count != submissions {
            return self.report_every_submission().await;
        }
        // Each bucket's reports cross from JavaScript as one JSON text, taken apart only here;
        // the page gets a turn every few buckets.
        let mut reports: Vec<Report> = Vec::with_capacity(count as usize);
        for (n, texts) in texts.iter().enumerate() {
            if texts.length() == 0 {
                continue;
            }
            let json = format!("[{}]", String::from(texts.join(",")));
            match serde_json::from_str::<Vec<Report>>(&json) {
                Ok(read) => reports.extend(read),
                Err(_) => return self.report_every_submission().await,
            }
            if n % BUCKETS_PER_TURN == BUCKETS_PER_TURN - 1 {
                clock::next_turn().await;
            }
        }
        // The standard library's own sort, not `order`'s: over 100,000 reports it is a third
        // faster, and only the coordinator app, which opens the dashboard, carries it.
        reports.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        Ok(reports)
    }

    /// Replaces the stored reports with the report of every stored submission.
    async fn report_every_submission(&self) -> Result<Vec<Report>, StorageError> {
        let transaction =
            self.transaction(&[stores::SUBMISSIONS, stores::REPORTS], Durability::Relaxed)?;
        let written = async {
            let values = transaction
                .object_store(stores::SUBMISSIONS)?
                .get_all(None, None)?
                .await?;
            let array: js_sys::Array = values.into_iter().collect();
            let submissions: Vec<Submission> = from_js(&array.into())?;
            let store = transaction.object_store(stores::REPORTS)?;
            store.clear()?;
            let mut reported = ReportChanges::default();
            for submission in &submissions {
                reported.set(&submission.id, Some(report_json(submission)?));
            }
            reported.write(&store).await?;
            Ok::<_, StorageError>(submissions.iter().map(Report::of).collect())
        };
        match written.await {
            Ok(reports) => committed(transaction).await.map(|()| reports),
            Err(error) => {
                let _ = transaction.abort();
                Err(error)
            }
        }
    }

    /// Every record of a store, in key order, each with its write version.
    pub async fn all_versioned<T: DeserializeOwned>(
        &self,
        store: &str,
    ) -> Result<Vec<(T, WriteVersion)>, StorageError> {
        #[derive(serde::Deserialize)]
        struct Version {
            #[serde(default)]
            write_version: WriteVersion,
        }
        let transaction = self
            .inner
            .transaction(&[store], TransactionMode::ReadOnly)?;
        let values = transaction
            .object_store(store)?
            .get_all(None, None)?
            .await?;
        transaction.await?;
        let array: js_sys::Array = values.into_iter().collect();
        let json: String = js_sys::JSON::stringify(&array)
            .map_err(|_| StorageError::Corrupt("JSON.stringify".into()))?
            .into();
        let records: Vec<T> =
            serde_json::from_str(&json).map_err(|e| StorageError::Corrupt(e.to_string()))?;
        let versions: Vec<Version> =
            serde_json::from_str(&json).map_err(|e| StorageError::Corrupt(e.to_string()))?;
        Ok(records
            .into_iter()
            .zip(versions.into_iter().map(|v| v.write_version))
            .collect())
    }

    /// Every record of a store whose index holds this value.
    pub async fn all_by_index<T: DeserializeOwned>(
        &self,
        store: &str,
        index: &str,
        value: &JsValue,
    ) -> Result<Vec<T>, StorageError> {
        let transaction = self
            .inner
            .transaction(&[store], TransactionMode::ReadOnly)?;
        let values = transaction
            .object_store(store)?
            .index(index)?
            .get_all(Some(Query::Key(value.clone())), None)?
            .await?;
        transaction.await?;
        let array: js_sys::Array = values.into_iter().collect();
        from_js(&array.into())
    }

    /// A record as the browser holds it (for values that are not JSON, such as `CryptoKey`s).
    pub async fn get_raw(
        &self,
        store: &str,
        key: &JsValue,
    ) -> Result<Option<JsValue>, StorageError> {
        let transaction = self
            .inner
            .transaction(&[store], TransactionMode::ReadOnly)?;
        let value = transaction
            .object_store(store)?
            .get(Query::Key(key.clone()))?
            .await?;
        transaction.await?;
        Ok(value)
    }

    /// Adds a record as the browser holds it, unless one with its key is there already (then
    /// nothing is written and the answer is `false`).
    pub async fn add_raw(
        &self,
        store: &'static str,
        record: &JsValue,
    ) -> Result<bool, StorageError> {
        let transaction = self.transaction(&[store], Durability::Strict)?;
        let added = transaction.object_store(store)?.add(record, None)?.await;
        match added {
            Ok(_) => committed(transaction).await.map(|()| true),
            Err(error) if error.to_string().contains("ConstraintError") => Ok(false),
            Err(error) => Err(error.into()),
        }
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

    /// Closes the connection; later operations fail with a typed error.
    pub fn close(&self) {
        self.inner.close();
    }
}

impl Drop for Db {
    /// A connection nobody holds any more is closed at once, not whenever the collector gets
    /// to it: an open connection holds up another tab's upgrade of the database.
    fn drop(&mut self) {
        self.raw.close();
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
            3 => create_archive(&database).and_then(|()| index_write_versions(&transaction)),
            4 => create_key_stores(&database),
            5 => create_reports(&database),
            6 => drop_unread_indexes(&transaction),
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

/// Version 3: the archive of set-aside revisions, found by submission.
fn create_archive(database: &Database) -> Result<(), idb::Error> {
    let mut params = ObjectStoreParams::new();
    params.key_path(Some(KeyPath::new_single("key")));
    let archive = database.create_object_store(stores::ARCHIVE, params)?;
    archive.create_index(
        "submission",
        KeyPath::new_single("submission"),
        Some(IndexParams::new()),
    )?;
    Ok(())
}

/// How many submissions are queued in a transaction before the page gets a turn.
const WRITE_SLICE: usize = 250;

/// How many reads (of records or keys) are queued at once in a transaction: the page gets a
/// turn between two slices.
const REQUEST_SLICE: usize = 500;

/// The index of submissions by `[id, write_version]`: whether a record is still at the version
/// a write read it at is found from keys alone.
const WRITE_INDEX: &str = "write";

/// The order IndexedDB gives keys that are texts: by UTF-16 code units, which differs from
/// Rust's order of `str` for characters beyond the Basic Multilingual Plane.
fn key_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Which of these keys (sorted by [`key_order`]) the store holds: one listing of the keys
/// between the first and the last, where one request per key would hold the page up.
async fn stored_among(
    store: &idb::ObjectStore,
    sorted: &[&str],
) -> Result<HashSet<String>, StorageError> {
    let (Some(first), Some(last)) = (sorted.first(), sorted.last()) else {
        return Ok(HashSet::new());
    };
    let range = idb::KeyRange::bound(
        &JsValue::from_str(first),
        &JsValue::from_str(last),
        None,
        None,
    )?;
    let keys = store
        .get_all_keys(Some(Query::KeyRange(range)), None)?
        .await?;
    let wanted: HashSet<&str> = sorted.iter().copied().collect();
    Ok(keys
        .iter()
        .filter_map(JsValue::as_string)
        .filter(|key| wanted.contains(key.as_str()))
        .collect())
}

/// How a write checks that a submission is still as it was read.
enum Probe {
    /// It was at this version: the index must still hold it there.
    At(idb::request::GetKeyStoreRequest),
    /// It was stored before write versions existed (version 0).
    Unversioned(idb::request::GetStoreRequest),
}

/// Version 4: this device's keys and the senders' keys it trusts.
fn create_key_stores(database: &Database) -> Result<(), idb::Error> {
    for store in [stores::KEYS, stores::TRUSTED] {
        let mut params = ObjectStoreParams::new();
        params.key_path(Some(KeyPath::new_single("key")));
        database.create_object_store(store, params)?;
    }
    Ok(())
}

/// Version 5: the reports the dashboard opens from. The upgrade leaves the store empty; the
/// first reading of it fills it from the stored submissions ([`Db::reports`]).
fn create_reports(database: &Database) -> Result<(), idb::Error> {
    let mut params = ObjectStoreParams::new();
    params.key_path(Some(KeyPath::new_single("bucket")));
    database.create_object_store(stores::REPORTS, params)?;
    Ok(())
}

/// Version 6: the submission indexes nothing reads any more (by form, area, entity, time of
/// update, sector and trash) are dropped, since every write of a submission updated each of
/// them: the list and the dashboard read whole records or their reports instead.
fn drop_unread_indexes(transaction: &idb::Transaction) -> Result<(), idb::Error> {
    let submissions = transaction.object_store(stores::SUBMISSIONS)?;
    for index in ["form", "area", "entity", "updated", "sector", "deleted"] {
        submissions.delete_index(index)?;
    }
    Ok(())
}

/// Version 3 too: find a submission at a write version from keys alone.
fn index_write_versions(transaction: &idb::Transaction) -> Result<(), idb::Error> {
    transaction
        .object_store(stores::SUBMISSIONS)?
        .create_index(
            WRITE_INDEX,
            KeyPath::new_array(["id", WRITE_VERSION]),
            Some(IndexParams::new()),
        )?;
    Ok(())
}

/// The write version of a stored record (0 when it was stored before write versions).
fn write_version(record: &JsValue) -> WriteVersion {
    js_sys::Reflect::get(record, &JsValue::from_str(WRITE_VERSION))
        .ok()
        .and_then(|v| v.as_f64())
        .map_or(0, |v| v as WriteVersion)
}

/// What one transaction writes: submissions (each checked against the write version it was
/// read at), and records of the other stores. The only way to write several stores at once.
#[derive(Default)]
pub struct Batch<'a> {
    /// Each checked submission's key and the write version it was read at.
    checked: Vec<(String, Option<WriteVersion>)>,
    /// The submissions to write, with the write version each will have.
    submissions: Vec<(&'a Submission, WriteVersion)>,
    puts: Vec<(&'static str, JsValue)>,
    deletes: Vec<(&'static str, JsValue)>,
    durability: Durability,
}

impl<'a> Batch<'a> {
    /// An empty batch, written with relaxed durability.
    pub fn new() -> Batch<'a> {
        Batch::default()
    }

    /// The same batch, written with strict durability.
    pub fn strict(mut self) -> Batch<'a> {
        self.durability = Durability::Strict;
        self
    }

    /// Writes a submission that was read at write version `read` (`None`: not stored).
    pub fn submission(
        &mut self,
        record: &'a Submission,
        read: Option<WriteVersion>,
    ) -> &mut Batch<'a> {
        self.checked.push((record.id.clone(), read));
        self.submissions.push((record, read.map_or(1, |v| v + 1)));
        self
    }

    /// Deletes a submission for good, if it is still at write version `read`.
    pub fn delete_submission(&mut self, id: &str, read: WriteVersion) -> &mut Batch<'a> {
        self.checked.push((id.to_string(), Some(read)));
        self.deletes
            .push((stores::SUBMISSIONS, JsValue::from_str(id)));
        self
    }

    /// Writes a record into a store named by the caller. The app writes through the typed
    /// methods below, which name the store themselves; the browser tests use this one to give
    /// a store a record it refuses.
    pub fn put<T: Serialize>(
        &mut self,
        store: &'static str,
        record: &T,
    ) -> Result<&mut Batch<'a>, StorageError> {
        debug_assert_ne!(store, stores::SUBMISSIONS, "submissions are checked");
        self.puts.push((store, to_js(record)?));
        Ok(self)
    }

    /// Writes a form definition.
    pub fn form(&mut self, form: &FormSpec) -> Result<&mut Batch<'a>, StorageError> {
        self.put(stores::FORMS, form)
    }

    /// Keeps a revision taken out of a submission in the archive.
    pub fn archived(
        &mut self,
        revision: &ArchivedRevision,
    ) -> Result<&mut Batch<'a>, StorageError> {
        self.put(stores::ARCHIVE, revision)
    }

    /// Writes a setting.
    pub fn setting<T: Serialize>(
        &mut self,
        key: &str,
        value: &T,
    ) -> Result<&mut Batch<'a>, StorageError> {
        self.put(
            stores::SETTINGS,
            &Setting {
                key: key.to_string(),
                value,
            },
        )
    }

    /// Adds a line to the import log.
    pub fn import_record(&mut self, record: &ImportRecord) -> Result<&mut Batch<'a>, StorageError> {
        self.put(stores::IMPORTS, record)
    }

    /// Writes a sender's key the person trusts.
    pub fn trusted_key(&mut self, key: &TrustedKey) -> Result<&mut Batch<'a>, StorageError> {
        self.put(stores::TRUSTED, key)
    }
}

/// The bucket of the reports store that holds a submission's report: a hash of its id
/// (FNV-1a), so that reports spread evenly whatever the ids look like.
fn bucket_of(id: &str) -> u32 {
    let hash = id.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    hash % REPORT_BUCKETS
}

/// A submission's report as the JSON text the reports store keeps.
fn report_json(submission: &Submission) -> Result<String, StorageError> {
    serde_json::to_string(&Report::of(submission)).map_err(|e| StorageError::Corrupt(e.to_string()))
}

/// The reports a transaction writes (`Some`) or deletes (`None`), by bucket.
#[derive(Default)]
struct ReportChanges(BTreeMap<u32, Vec<(String, Option<String>)>>);

impl ReportChanges {
    fn set(&mut self, id: &str, report: Option<String>) {
        self.0
            .entry(bucket_of(id))
            .or_default()
            .push((id.to_string(), report));
    }

    /// Reads each bucket changed, changes it and writes it back, in the transaction of the
    /// store given.
    async fn write(self, store: &idb::ObjectStore) -> Result<(), StorageError> {
        let reads = self
            .0
            .keys()
            .map(|bucket| store.get(Query::Key(JsValue::from(*bucket))))
            .collect::<Result<Vec<_>, idb::Error>>()?;
        for ((bucket, changes), read) in self.0.into_iter().zip(reads) {
            // A bucket of another format or unreadable starts again empty: the reports then
            // no longer match the submissions, and the next reading makes them all again.
            let read = read.await?;
            let (record, ids, reports) =
                match read.and_then(|r| bucket_lists(&r).map(|(ids, reports)| (r, ids, reports))) {
                    Some(found) => found,
                    None => {
                        let (ids, reports) = (js_sys::Array::new(), js_sys::Array::new());
                        let record = js_sys::Object::new();
                        for (field, value) in [
                            ("bucket", JsValue::from(bucket)),
                            ("format", JsValue::from(REPORT_FORMAT)),
                            ("ids", ids.clone().into()),
                            ("reports", reports.clone().into()),
                        ] {
                            let _ = js_sys::Reflect::set(&record, &field.into(), &value);
                        }
                        (record.into(), ids, reports)
                    }
                };
            for (id, report) in changes {
                let at = ids.index_of(&JsValue::from_str(&id), 0);
                match (report, u32::try_from(at)) {
                    (Some(json), Ok(at)) => reports.set(at, json.into()),
                    (Some(json), Err(_)) => {
                        ids.push(&id.into());
                        reports.push(&json.into());
                    }
                    (None, Ok(at)) => {
                        // The last of the lists takes the place of the one deleted.
                        for list in [&ids, &reports] {
                            let last = list.pop();
                            if at < list.length() {
                                list.set(at, last);
                            }
                        }
                    }
                    (None, Err(_)) => {}
                }
            }
            store.put(&record, None)?;
        }
        Ok(())
    }
}

/// A bucket's submission ids and their reports' JSON texts, in the same order; `None` for a
/// bucket of another format than [`REPORT_FORMAT`] or one not readable as a bucket.
fn bucket_lists(bucket: &JsValue) -> Option<(js_sys::Array, js_sys::Array)> {
    let field = |name: &str| js_sys::Reflect::get(bucket, &JsValue::from_str(name)).ok();
    let list = |name: &str| field(name).and_then(|list| list.dyn_into::<js_sys::Array>().ok());
    let format = field("format").and_then(|f| f.as_f64())?;
    match (list("ids"), list("reports")) {
        (Some(ids), Some(reports))
            if format == f64::from(REPORT_FORMAT) && ids.length() == reports.length() =>
        {
            Some((ids, reports))
        }
        _ => None,
    }
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
