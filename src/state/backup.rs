//! The full backup: gathering everything on this device into one file, and restoring such a
//! file — verified and planned before anything is written, then written in one transaction
//! that nothing written meanwhile is overwritten by, with what it replaces kept in the archive.

use crate::core::backup::{plan_restore, Backup, BackupContent, BackupError};
use crate::core::i18n::Msg;
use crate::core::order;
use crate::platform::clock;
use crate::platform::files::{self, FileError};
use crate::state::store::{self, db};
use crate::state::{keys, profile};
use crate::storage::settings;
use crate::storage::{forms, submissions, Batch, Db, StorageError, WriteVersion};

/// The largest backup file read, in bytes.
pub const MAX_BACKUP_FILE: f64 = 200.0 * 1024.0 * 1024.0;

/// How many times a restore is planned again when another tab wrote meanwhile.
const ATTEMPTS: usize = 5;

/// What a restore did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RestoreReport {
    pub added: usize,
    pub updated: usize,
    pub conflicts: usize,
    pub unchanged: usize,
}

/// Everything stored, and the write version of each submission.
async fn stored_content(db: &Db) -> Result<(BackupContent, Vec<WriteVersion>), StorageError> {
    let (submissions, versions) = submissions::all_versioned(db)
        .await?
        .into_iter()
        .map(|s| (s.submission, s.version))
        .unzip();
    let content = BackupContent {
        forms: forms::all(db).await?,
        submissions,
        settings: order::map_of(
            settings::all(db)
                .await?
                .into_iter()
                .map(|s| (s.key, s.value)),
        ),
    };
    Ok((content, versions))
}

/// Saves a backup of everything on this device to the downloads, and remembers when.
pub async fn save_backup() -> Result<(), Msg> {
    let db = db().await?;
    let (content, _) = stored_content(&db).await?;
    let device = profile::device_id().await?;
    let now = clock::now();
    let mut backup = Backup::new(content, &device, &now, keys::own_key().await?);
    backup.signature = Some(keys::sign(&backup.message()).await?);
    let name = format!("nahda-backup-{}.json", clock::today());
    files::save_text(&name, &backup.to_json(), "application/json").map_err(|_| Msg::SaveFailed)?;
    Ok(settings::set(&db, settings::LAST_BACKUP, &now).await?)
}

/// Restores a backup file into this browser without duplicating or losing anything.
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
        BackupError::Damaged(_) | BackupError::DigestMismatch | BackupError::BadSignature => {
            Msg::BackupDamaged
        }
    })?;
    let db = db().await?;
    let authority = keys::trust().await?.authority();
    for _ in 0..ATTEMPTS {
        let (stored, versions) = stored_content(&db).await?;
        let plan = plan_restore(&backup.content, &stored, &clock::now(), &authority);
        let read: std::collections::HashMap<&str, WriteVersion> = stored
            .submissions
            .iter()
            .map(|s| s.id.as_str())
            .zip(versions.iter().copied())
            .collect();
        let mut batch = Batch::new().strict();
        for form in &plan.forms {
            batch.form(form)?;
        }
        for record in &plan.submissions {
            batch.submission(record, read.get(record.id.as_str()).copied());
        }
        for aside in &plan.archive {
            batch.archived(aside)?;
        }
        for (key, value) in &plan.settings {
            batch.setting(key, value)?;
        }
        let ids: Vec<String> = plan.submissions.iter().map(|s| s.id.clone()).collect();
        match store::write(&db, batch, &ids).await {
            Err(StorageError::Moved(_)) => continue,
            done => {
                done?;
                return Ok(RestoreReport {
                    added: plan.added,
                    updated: plan.updated,
                    conflicts: plan.conflicts,
                    unchanged: plan.unchanged,
                });
            }
        }
    }
    Err(Msg::ChangedElsewhere)
}
