//! Actions on the submissions of this device: list, open, duplicate, move to the trash,
//! restore, empty the trash (never destroying a finalised survey that exists nowhere else
//! without a second, explicit step), and the history of revisions set aside, any of which can
//! be reinstated. Each reads what is stored and writes only if nobody wrote in between.

use crate::core::archive::{reinstate, set_aside, ArchivedRevision, SetAsideBy};
use crate::core::i18n::Msg;
use crate::core::listing::unexported_in_trash;
use crate::core::order;
use crate::core::submission::Submission;
use crate::platform::{clock, ids};
use crate::state::keys;
use crate::state::library::load_library;
use crate::state::store::{self, db};
use crate::storage::submissions::{self, Stored};
use crate::storage::{archive, settings, Batch, Db, StorageError};

/// How many times an action is tried again when another tab wrote the same submission
/// in between.
const ATTEMPTS: usize = 5;

async fn get(db: &Db, id: &str) -> Result<Stored, Msg> {
    submissions::get(db, id).await?.ok_or(Msg::SaveFailed)
}

/// Reads a submission, changes it and writes it back, again if another tab wrote in between.
async fn change(id: &str, edit: impl Fn(&mut Submission)) -> Result<(), Msg> {
    let db = db().await?;
    for _ in 0..ATTEMPTS {
        let stored = get(&db, id).await?;
        let mut record = stored.submission.clone();
        edit(&mut record);
        let mut batch = Batch::new();
        batch.submission(&record, Some(stored.version));
        match store::write(&db, batch, &[id.to_string()]).await {
            Err(StorageError::Moved(_)) => continue,
            done => return Ok(done?),
        }
    }
    Err(Msg::ChangedElsewhere)
}

/// Every submission on this device, the trash included; drafts nobody answered are left out.
pub async fn list() -> Result<Vec<Submission>, Msg> {
    let mut all = submissions::all(&*db().await?).await?;
    all.retain(|s| !s.is_blank());
    Ok(all)
}

/// Makes a submission the one the survey page shows.
pub async fn open(id: String) -> Result<(), Msg> {
    Ok(settings::set(&*db().await?, settings::CURRENT_SUBMISSION, &id).await?)
}

/// Stores a copy of a submission as a new draft and opens it.
pub async fn duplicate(id: String) -> Result<(), Msg> {
    let db = db().await?;
    let original = get(&db, &id).await?.submission;
    let library = load_library(&db).await?;
    let form = library
        .get(&original.form_id, original.form_version)
        .ok_or(Msg::FormNotLoaded)?;
    let mut copy = original.duplicate(ids::new_id(), &form, &clock::now());
    copy.signed_by = keys::own_key().await.ok();
    let mut batch = Batch::new();
    batch.submission(&copy, None);
    store::write(&db, batch, std::slice::from_ref(&copy.id)).await?;
    open(copy.id).await
}

/// Moves a submission to the trash, or back out of it.
pub async fn set_deleted(id: String, deleted: bool) -> Result<(), Msg> {
    let at = deleted.then(clock::now);
    change(&id, |s| s.deleted_at = at.clone()).await
}

/// What emptying the trash did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emptied {
    /// These many submissions were deleted for good.
    Deleted(usize),
    /// Nothing was deleted: these many finalised surveys in the trash were never exported
    /// and are in no backup. Save a backup first, or confirm that they go.
    Unexported(usize),
}

/// Deletes every submission in the trash for good. Finalised surveys that were never
/// exported and are in no backup are deleted only when `unexported_confirmed` says how many
/// the person agreed to lose; otherwise nothing is deleted.
pub async fn empty_trash(unexported_confirmed: Option<usize>) -> Result<Emptied, Msg> {
    let db = db().await?;
    for _ in 0..ATTEMPTS {
        let trash: Vec<Stored> = submissions::all_versioned(&db)
            .await?
            .into_iter()
            .filter(|s| s.submission.is_deleted())
            .collect();
        let last_backup: Option<String> = settings::get(&db, settings::LAST_BACKUP).await?;
        let at_risk =
            unexported_in_trash(trash.iter().map(|s| &s.submission), last_backup.as_deref());
        if at_risk > 0 && unexported_confirmed != Some(at_risk) {
            return Ok(Emptied::Unexported(at_risk));
        }
        let mut batch = Batch::new().strict();
        let ids: Vec<String> = trash.iter().map(|s| s.submission.id.clone()).collect();
        for stored in &trash {
            batch.delete_submission(&stored.submission.id, stored.version);
        }
        match store::write(&db, batch, &ids).await {
            Err(StorageError::Moved(_)) => continue,
            done => {
                done?;
                return Ok(Emptied::Deleted(ids.len()));
            }
        }
    }
    Err(Msg::ChangedElsewhere)
}

/// How many revisions are set aside from each submission that has any.
pub async fn archived_counts() -> Result<std::collections::BTreeMap<String, usize>, Msg> {
    let mut counts = std::collections::BTreeMap::new();
    for archived in archive::all(&*db().await?).await? {
        *counts.entry(archived.submission).or_insert(0) += 1;
    }
    Ok(counts)
}

/// The revisions set aside from a submission, the latest first.
pub async fn history(id: &str) -> Result<Vec<ArchivedRevision>, Msg> {
    let mut archived = archive::of_submission(&*db().await?, id).await?;
    order::sort_by(&mut archived, |a, b| b.at.cmp(&a.at));
    Ok(archived)
}

/// Brings an archived revision back as the submission's next revision; the revision it
/// replaces goes to the archive in the same transaction.
pub async fn reinstate_revision(archived: &ArchivedRevision) -> Result<(), Msg> {
    let db = db().await?;
    let id = archived.submission.clone();
    for _ in 0..ATTEMPTS {
        let stored = get(&db, &id).await?;
        let now = clock::now();
        let next = reinstate(
            &stored.submission,
            &archived.revision,
            &now,
            keys::own_key().await.ok(),
        );
        let mut batch = Batch::new().strict();
        batch.submission(&next, Some(stored.version));
        for aside in set_aside(&stored.submission, &next, SetAsideBy::Reinstatement, &now) {
            batch.archived(&aside)?;
        }
        match store::write(&db, batch, std::slice::from_ref(&id)).await {
            Err(StorageError::Moved(_)) => continue,
            done => return Ok(done?),
        }
    }
    Err(Msg::ChangedElsewhere)
}
