//! The reporting entity's profile and the device id, kept in settings.

use crate::core::i18n::Msg;
use crate::core::profile::Profile;
use crate::platform::ids;
use crate::state::survey::storage_message;
use crate::storage::{self, settings};

/// The saved profile (empty when none was saved).
pub async fn load() -> Result<Profile, Msg> {
    let db = storage::shared().await.map_err(|e| storage_message(&e))?;
    settings::get(&db, settings::PROFILE)
        .await
        .map(Option::unwrap_or_default)
        .map_err(|e| storage_message(&e))
}

/// Saves the profile; new submissions start with it.
pub async fn save(profile: Profile) -> Result<(), Msg> {
    let db = storage::shared().await.map_err(|e| storage_message(&e))?;
    settings::set(&db, settings::PROFILE, &profile)
        .await
        .map_err(|e| storage_message(&e))
}

/// This device's id, created and stored the first time it is asked for.
pub async fn device_id() -> Result<String, Msg> {
    let db = storage::shared().await.map_err(|e| storage_message(&e))?;
    if let Some(id) = settings::get::<String>(&db, settings::DEVICE_ID)
        .await
        .map_err(|e| storage_message(&e))?
    {
        return Ok(id);
    }
    let id = ids::new_id();
    settings::set(&db, settings::DEVICE_ID, &id)
        .await
        .map_err(|e| storage_message(&e))?;
    Ok(id)
}
