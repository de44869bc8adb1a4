//! Bundles on this device: preparing an export (what goes out, its size), saving or sharing it
//! and marking what went out; checking picked bundle files (size first, then every check of
//! the format, a slice of submissions at a time so the page stays responsive) into a preview;
//! and writing a confirmed import — forms, submissions and the import log — in one transaction.

use std::collections::BTreeMap;

use crate::bundle::export::{self, export, mark_exported, ExportFrom, Selection};
use crate::bundle::import::{check, read, BundleError, ImportRecord, ReadBundle, Rejection};
use crate::bundle::v1;
use crate::core::i18n::{Lang, Msg};
use crate::core::library::FormLibrary;
use crate::core::merge::{Counts, Merge, Report};
use crate::core::profile::Profile;
use crate::core::schema::FormSpec;
use crate::core::submission::Submission;
use crate::platform::files::{self, FileError};
use crate::platform::{clock, share};
use crate::state::profile;
use crate::state::survey::{load_library, storage_message};
use crate::storage::db::{stores, to_js};
use crate::storage::{self, imports, settings, submissions, Db, StorageError};

/// The largest bundle file read, in bytes: 10,000 submissions take about 20 MB.
pub const MAX_BUNDLE_FILE: f64 = 64.0 * 1024.0 * 1024.0;
/// The media type bundles are saved and shared as.
const BUNDLE_MIME: &str = "application/json";
/// How many submissions are checked between two turns of the browser.
const SLICE: usize = 200;

async fn db() -> Result<std::rc::Rc<Db>, Msg> {
    storage::shared().await.map_err(|e| storage_message(&e))
}

/// A bundle ready to save: its text, id, file name and which submissions it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedExport {
    pub json: String,
    pub bundle_id: String,
    pub file_name: String,
    pub ids: Vec<String>,
}

/// Builds the bundle of the submissions the selection keeps.
pub async fn prepare_export(selection: &Selection) -> Result<PreparedExport, Msg> {
    clock::mark("nahda:export-start");
    let db = db().await?;
    let library = load_library(&db).await?;
    let all = submissions::all(&db)
        .await
        .map_err(|e| storage_message(&e))?;
    let chosen: Vec<Submission> = all.into_iter().filter(|s| selection.keeps(s)).collect();
    let profile: Profile = settings::get(&db, settings::PROFILE)
        .await
        .map_err(|e| storage_message(&e))?
        .unwrap_or_default();
    let entity_name = if profile.entity_name.trim().is_empty() {
        chosen
            .first()
            .map(|s| s.entity_name.clone())
            .unwrap_or_default()
    } else {
        profile.entity_name.clone()
    };
    let from = ExportFrom {
        entity_name: entity_name.clone(),
        device_id: profile::device_id().await?,
        app_version: env!("CARGO_PKG_VERSION").into(),
    };
    let bundle = export(&chosen, &library, &from, &clock::now());
    let prepared = PreparedExport {
        json: serde_json::to_string(&bundle).map_err(|_| Msg::ExportFailed)?,
        bundle_id: bundle.id,
        file_name: export::file_name(&entity_name, &clock::today()),
        ids: chosen.into_iter().map(|s| s.id).collect(),
    };
    clock::measure_since("nahda:export", "nahda:export-start");
    Ok(prepared)
}

/// Marks the bundle's submissions as exported in it, all in one transaction.
async fn mark_sent(prepared: &PreparedExport) -> Result<(), Msg> {
    let db = db().await?;
    let mut sent = submissions::get_many(&db, &prepared.ids)
        .await
        .map_err(|e| storage_message(&e))?;
    sent.iter_mut()
        .for_each(|s| mark_exported(s, &prepared.bundle_id));
    let records = sent
        .iter()
        .map(to_js)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| storage_message(&e))?;
    db.put_batch(&[(stores::SUBMISSIONS, records)])
        .await
        .map_err(|e| storage_message(&e))
}

/// Saves the bundle to the downloads and marks what went out.
pub async fn save_export(prepared: &PreparedExport) -> Result<(), Msg> {
    files::save_text(&prepared.file_name, &prepared.json, BUNDLE_MIME)
        .map_err(|_| Msg::ExportFailed)?;
    mark_sent(prepared).await
}

/// True when the phone can share the bundle file (messaging apps, Bluetooth, e-mail).
pub fn can_share() -> bool {
    share::can_share_files(BUNDLE_MIME)
}

/// Hands the bundle to the share sheet and marks what went out once it was shared.
pub async fn share_export(prepared: &PreparedExport) -> Result<(), Msg> {
    share::share_file(&prepared.file_name, &prepared.json, BUNDLE_MIME)
        .await
        .map_err(|_| Msg::ExportFailed)?;
    mark_sent(prepared).await
}

/// Why a picked file cannot be imported at all.
#[derive(Debug, Clone, PartialEq)]
pub enum FileProblem {
    TooLarge,
    Unreadable,
    Bundle(BundleError),
}

impl FileProblem {
    /// What to tell the person.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FileProblem::TooLarge => Msg::FileTooLarge
                .text(lang)
                .replace("{n}", &(MAX_BUNDLE_FILE / 1024.0 / 1024.0).to_string()),
            FileProblem::Unreadable => Msg::FileUnreadable.text(lang).to_string(),
            FileProblem::Bundle(error) => error.message(lang),
        }
    }
}

/// One picked file that passed the whole-file checks, and what importing it would do.
#[derive(Debug, Clone)]
pub struct CheckedFile {
    pub file_name: String,
    pub bundle_id: String,
    pub created_at: String,
    pub producer: v1::Producer,
    pub accepted: Vec<Submission>,
    pub rejected: Vec<(String, Rejection)>,
    pub report: Report,
    /// When this bundle was imported here before.
    pub imported_before: Option<String>,
}

/// One picked file in the preview.
#[derive(Debug, Clone)]
pub enum PickedFile {
    Refused {
        file_name: String,
        problem: FileProblem,
    },
    Checked(CheckedFile),
}

/// Everything the import of the picked files would write, worked out before any write.
#[derive(Debug, Clone, Default)]
pub struct ImportPreview {
    pub files: Vec<PickedFile>,
    new_forms: Vec<FormSpec>,
}

impl ImportPreview {
    /// The outcome counts over all files.
    pub fn counts(&self) -> Counts {
        let mut total = Counts::default();
        for file in self.checked() {
            total.absorb(file.report.counts);
        }
        total
    }

    fn checked(&self) -> impl Iterator<Item = &CheckedFile> {
        self.files.iter().filter_map(|f| match f {
            PickedFile::Checked(c) => Some(c),
            PickedFile::Refused { .. } => None,
        })
    }

    /// True when confirming would write something: a submission, a form, or a bundle not in
    /// the import log yet.
    pub fn writes_anything(&self) -> bool {
        self.counts().changes() > 0
            || !self.new_forms.is_empty()
            || self.checked().any(|f| f.imported_before.is_none())
    }
}

/// Reads and checks the picked files, then plans their merge into what is stored. `progress`
/// is told how many submissions of how many are checked. Nothing is written.
pub async fn check_files(
    picked: Vec<web_sys::File>,
    progress: impl Fn(usize, usize),
) -> Result<ImportPreview, Msg> {
    clock::mark("nahda:import-read-start");
    let db = db().await?;
    let mut library: FormLibrary = load_library(&db).await?;
    let logged: BTreeMap<String, ImportRecord> = imports::all(&db)
        .await
        .map_err(|e| storage_message(&e))?
        .into_iter()
        .map(|r| (r.id.clone(), r))
        .collect();
    let mut read_files: Vec<(String, Result<ReadBundle, FileProblem>)> = Vec::new();
    for file in picked {
        let name = file.name();
        let result = match files::read_text(&file, MAX_BUNDLE_FILE).await {
            Err(FileError::TooLarge { .. }) => Err(FileProblem::TooLarge),
            Err(FileError::Unreadable) => Err(FileProblem::Unreadable),
            Ok(text) => {
                clock::next_turn().await;
                read(&text, &library).map_err(FileProblem::Bundle)
            }
        };
        // A later file is checked against the forms the earlier ones bring.
        if let Ok(read) = &result {
            library = read.forms.clone();
        }
        read_files.push((name, result));
        clock::next_turn().await;
    }
    let total: usize = read_files
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .map(|r| r.bundle.content.submissions.len())
        .sum();
    clock::measure_since("nahda:import-read", "nahda:import-read-start");
    clock::mark("nahda:import-check-start");
    let mut done = 0;
    progress(done, total);
    let mut preview = ImportPreview::default();
    for (file_name, result) in read_files {
        let read = match result {
            Ok(read) => read,
            Err(problem) => {
                preview
                    .files
                    .push(PickedFile::Refused { file_name, problem });
                continue;
            }
        };
        let mut accepted = Vec::new();
        let mut rejected = Vec::new();
        for slice in read.bundle.content.submissions.chunks(SLICE) {
            for item in slice {
                match check(item, &read.forms) {
                    Ok(submission) => accepted.push(submission),
                    Err(reason) => rejected.push((item.id.clone(), reason)),
                }
            }
            done += slice.len();
            progress(done, total);
            clock::next_turn().await;
        }
        preview
            .new_forms
            .extend(read.new_forms.iter().map(|f| f.spec().clone()));
        let bundle = read.bundle;
        preview.files.push(PickedFile::Checked(CheckedFile {
            file_name,
            imported_before: logged.get(&bundle.id).map(|r| r.imported_at.clone()),
            bundle_id: bundle.id,
            created_at: bundle.created_at,
            producer: bundle.content.producer,
            accepted,
            rejected,
            report: Report::default(),
        }));
    }
    clock::measure_since("nahda:import-check", "nahda:import-check-start");
    clock::mark("nahda:import-merge-start");
    merge_preview(&db, &mut preview).await?;
    clock::measure_since("nahda:import-merge", "nahda:import-merge-start");
    Ok(preview)
}

/// Merges the checked files, in order, into what is stored under their ids, and records each
/// file's report in the preview.
async fn merge_preview(db: &Db, preview: &mut ImportPreview) -> Result<Merge, Msg> {
    let mut ids: Vec<String> = preview
        .checked()
        .flat_map(|f| f.accepted.iter().map(|s| s.id.clone()))
        .collect();
    ids.sort();
    ids.dedup();
    let stored = submissions::get_many(db, &ids)
        .await
        .map_err(|e| storage_message(&e))?;
    let mut merge = Merge::new(stored);
    for file in &mut preview.files {
        if let PickedFile::Checked(file) = file {
            let mut report = Report::default();
            for slice in file.accepted.chunks(SLICE) {
                report.absorb(merge.bundle(&file.bundle_id, slice));
                clock::next_turn().await;
            }
            file.report = report;
        }
    }
    Ok(merge)
}

/// Writes a confirmed import in one transaction: the new forms, every changed submission and
/// the import log. The merge is worked out again from what is stored at this moment, so an
/// edit made since the preview is merged, not overwritten. All or nothing.
pub async fn write_import(preview: &mut ImportPreview) -> Result<Counts, Msg> {
    clock::mark("nahda:import-write-start");
    let db = db().await?;
    let merge = merge_preview(&db, preview).await?;
    let js = |e: StorageError| storage_message(&e);
    let forms = preview
        .new_forms
        .iter()
        .map(to_js)
        .collect::<Result<Vec<_>, _>>()
        .map_err(js)?;
    let mut records = Vec::new();
    for slice in merge.writes().chunks(SLICE) {
        for record in slice {
            records.push(to_js(record).map_err(js)?);
        }
        clock::next_turn().await;
    }
    let now = clock::now();
    let log = preview
        .checked()
        .filter(|f| f.imported_before.is_none() || f.report.counts.changes() > 0)
        .map(|f| {
            let c = f.report.counts;
            to_js(&ImportRecord {
                id: f.bundle_id.clone(),
                file_name: f.file_name.clone(),
                imported_at: now.clone(),
                created_at: f.created_at.clone(),
                producer: f.producer.clone(),
                submissions: c.total() + f.rejected.len(),
                new: c.new,
                duplicate: c.duplicate,
                newer: c.newer,
                older: c.older,
                conflict: c.conflict,
                rejected: f.rejected.len(),
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(js)?;
    db.put_batch(&[
        (stores::FORMS, forms),
        (stores::SUBMISSIONS, records),
        (stores::IMPORTS, log),
    ])
    .await
    .map_err(|e| match e {
        StorageError::QuotaExceeded => Msg::StorageFull,
        _ => Msg::ImportFailed,
    })?;
    clock::measure_since("nahda:import-write", "nahda:import-write-start");
    Ok(preview.counts())
}

/// The import log, the latest first.
pub async fn import_log() -> Result<Vec<ImportRecord>, Msg> {
    let mut log = imports::all(&*db().await?)
        .await
        .map_err(|e| storage_message(&e))?;
    log.sort_by(|a, b| b.imported_at.cmp(&a.imported_at));
    Ok(log)
}
