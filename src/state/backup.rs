//! The full backup: gathering everything on this device into one file, and restoring such a
//! file — verified and planned before anything is written, then written in one transaction.

use crate::core::backup::{plan_restore, Backup, BackupContent, BackupError};
use crate::core::i18n::Msg;
use crate::platform::clock;
use crate::platform::files::{self, FileError};
use crate::state::profile;
use crate::state::survey::storage_message;
use crate::storage::db::{stores, to_js};
use crate::storage::settings::{self, Setting};
use crate::storage::{self, forms, submissions, Db, StorageError};

/// The largest backup file read, in bytes.
pub const MAX_BACKUP_FILE: f64 = 200.0 * 1024.0 * 1024.0;

/// What a restore did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RestoreReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

async fn stored_content(db: &Db) -> Result<BackupContent, StorageError> {
    Ok(BackupContent {
        forms: forms::all(db).await?,
        submissions: submissions::all(db).await?,
        settings: settings::all(db)
            .await?
            .into_iter()
            .map(|s| (s.key, s.value))
            .collect(),
    })
}

/// Saves a backup of everything on this device to the downloads.
pub async fn save_backup() -> Result<(), Msg> {
    let db = storage::shared().await.map_err(|e| storage_message(&e))?;
    let content = stored_content(&db).await.map_err(|e| storage_message(&e))?;
    let device = profile::device_id().await?;
    let backup = Backup::new(content, &device, &clock::now());
    let name = format!("nahda-backup-{}.json", clock::today());
    files::save_text(&name, &backup.to_json(), "application/json").map_err(|_| Msg::SaveFailed)
}

/// Restores a backup file into this browser without duplicating anything.
pub async fn restore_backup(file: &web_sys::File) -> Result<RestoreReport, Msg> {
    let json = files::read_text(file, MAX_BACKUP_FILE)
        .await
        .map_err(|e| match e {
            FileError::TooLarge { .. } => Msg::FileTooLarge,
            FileError::Unreadable => Msg::FileUnreadable,
        })?;
    let backup = Backup::from_json(&json).map_err(|e| match e {
        BackupError::NotJson => Msg::BackupNotJson,
        BackupError::WrongFormat => Msg::BackupWrongFormat,
        BackupError::NewerVersion(_) => Msg::BackupNewer,
        BackupError::Damaged(_) | BackupError::DigestMismatch => Msg::BackupDamaged,
    })?;
    let db = storage::shared().await.map_err(|e| storage_message(&e))?;
    let stored = stored_content(&db).await.map_err(|e| storage_message(&e))?;
    let plan = plan_restore(&backup.content, &stored);
    let js = |e: StorageError| storage_message(&e);
    let forms = plan
        .forms
        .iter()
        .map(to_js)
        .collect::<Result<Vec<_>, _>>()
        .map_err(js)?;
    let records = plan
        .submissions
        .iter()
        .map(to_js)
        .collect::<Result<Vec<_>, _>>()
        .map_err(js)?;
    let settings = plan
        .settings
        .iter()
        .map(|(key, value)| {
            to_js(&Setting {
                key: key.clone(),
                value: value.clone(),
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(js)?;
    db.put_batch(&[
        (stores::FORMS, forms),
        (stores::SUBMISSIONS, records),
        (stores::SETTINGS, settings),
    ])
    .await
    .map_err(js)?;
    Ok(RestoreReport {
        added: plan.added,
        updated: plan.updated,
        unchanged: plan.unchanged,
    })
}
