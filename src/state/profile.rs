//! The reporting entity's profile and the device id, kept in settings. Saving the profile also
//! fills the draft being filled, where its reporting entity is still empty.

use crate::core::i18n::Msg;
use crate::core::profile::Profile;
use crate::platform::ids;
use crate::state::library::load_library;
use crate::state::store::{self, db};
use crate::storage::{settings, submissions, Batch};

/// The saved profile (empty when none was saved).
pub async fn load() -> Result<Profile, Msg> {
    Ok(settings::get(&*db().await?, settings::PROFILE)
        .await?
        .unwrap_or_default())
}

/// Saves the profile; new submissions start with it, and the draft being filled takes it
/// where it is still empty.
pub async fn save(profile: Profile) -> Result<(), Msg> {
    let db = db().await?;
    settings::set(&db, settings::PROFILE, &profile).await?;
    let Some(id) = settings::get::<String>(&db, settings::CURRENT_SUBMISSION).await? else {
        return Ok(());
    };
    let Some(stored) = submissions::get(&db, &id).await? else {
        return Ok(());
    };
    let draft = stored.submission;
    let library = load_library(&db).await?;
    let Some(form) = library.get(&draft.form_id, draft.form_version) else {
        return Ok(());
    };
    if !draft.is_editable() {
        return Ok(());
    }
    if let Some(filled) = profile.fill_empty(&form, &draft.answers) {
        let mut record = draft;
        record.start_with(&form, filled);
        let mut batch = Batch::new();
        batch.submission(&record, Some(stored.version));
        // A survey open in another tab takes the filled answers in as another tab's edit.
        store::write(&db, batch, std::slice::from_ref(&id)).await?;
    }
    Ok(())
}

/// This device's id, created and stored the first time it is asked for.
pub async fn device_id() -> Result<String, Msg> {
    let db = db().await?;
    if let Some(id) = settings::get::<String>(&db, settings::DEVICE_ID).await? {
        return Ok(id);
    }
    let id = ids::new_id();
    settings::set(&db, settings::DEVICE_ID, &id).await?;
    Ok(id)
}
