//! Actions on the submissions of this device: list, open, duplicate, move to the trash,
//! restore, empty the trash. Each writes to storage first; the page then reloads its list.

use crate::core::i18n::Msg;
use crate::core::submission::Submission;
use crate::platform::{clock, ids};
use crate::state::survey::{load_library, storage_message};
use crate::storage::{self, settings, submissions, Db};

async fn db() -> Result<std::rc::Rc<Db>, Msg> {
    storage::shared().await.map_err(|e| storage_message(&e))
}

async fn get(db: &Db, id: &str) -> Result<Submission, Msg> {
    submissions::get(db, id)
        .await
        .map_err(|e| storage_message(&e))?
        .ok_or(Msg::SaveFailed)
}

/// Every submission on this device, the trash included.
pub async fn list() -> Result<Vec<Submission>, Msg> {
    submissions::all(&*db().await?)
        .await
        .map_err(|e| storage_message(&e))
}

/// Makes a submission the one the survey page shows.
pub async fn open(id: String) -> Result<(), Msg> {
    settings::set(&*db().await?, settings::CURRENT_SUBMISSION, &id)
        .await
        .map_err(|e| storage_message(&e))
}

/// Stores a copy of a submission as a new draft and opens it.
pub async fn duplicate(id: String) -> Result<(), Msg> {
    let db = db().await?;
    let original = get(&db, &id).await?;
    let library = load_library(&db).await?;
    let form = library
        .get(&original.form_id, original.form_version)
        .ok_or(Msg::FormNotLoaded)?;
    let copy = original.duplicate(ids::new_id(), &form, &clock::now());
    submissions::save(&db, &copy)
        .await
        .map_err(|e| storage_message(&e))?;
    open(copy.id).await
}

/// Moves a submission to the trash, or back out of it.
pub async fn set_deleted(id: String, deleted: bool) -> Result<(), Msg> {
    let db = db().await?;
    let mut submission = get(&db, &id).await?;
    submission.deleted_at = deleted.then(clock::now);
    submissions::save(&db, &submission)
        .await
        .map_err(|e| storage_message(&e))
}

/// Deletes every submission in the trash for good.
pub async fn empty_trash() -> Result<(), Msg> {
    let db = db().await?;
    let all = submissions::all(&db)
        .await
        .map_err(|e| storage_message(&e))?;
    for submission in all.iter().filter(|s| s.is_deleted()) {
        submissions::delete_forever(&db, &submission.id)
            .await
            .map_err(|e| storage_message(&e))?;
    }
    Ok(())
}
