//! The reporting entity's profile, the device id and the language chosen on the device, kept in
//! settings. Saving the profile also fills the draft being filled, where its reporting entity
//! is still empty.

use crate::core::i18n::{Lang, Msg};
use crate::core::profile::Profile;
use crate::platform::{ids, prefs};
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

/// The interface language chosen on this device and whether Arabic pages write Latin digits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LanguageChoice {
    pub lang: Lang,
    pub latin_digits: bool,
}

impl LanguageChoice {
    /// As kept: the language's code and the digits' (`en arab`, `ar latn`).
    fn to_setting(self) -> String {
        format!(
            "{} {}",
            self.lang.code(),
            prefs::digits_code(self.latin_digits)
        )
    }

    fn from_setting(kept: &str) -> Option<LanguageChoice> {
        let (code, digits) = kept.split_once(' ')?;
        let latin_digits = digits == prefs::digits_code(true);
        Some(LanguageChoice {
            lang: Lang::from_code(code).with_latin_digits(latin_digits),
            latin_digits,
        })
    }
}

/// The language chosen on this device, as last kept in IndexedDB.
pub async fn kept_language() -> Result<Option<LanguageChoice>, Msg> {
    let kept: Option<String> = settings::get(&*db().await?, settings::LANGUAGE).await?;
    Ok(kept.as_deref().and_then(LanguageChoice::from_setting))
}

/// Keeps the language chosen on this device in IndexedDB, which, unlike `localStorage`, has it
/// on disk when the write completes.
pub async fn keep_language(choice: LanguageChoice) -> Result<(), Msg> {
    Ok(settings::set(&*db().await?, settings::LANGUAGE, choice.to_setting()).await?)
}
