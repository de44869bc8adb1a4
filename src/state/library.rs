//! The forms and the area list this device works with: every form definition stored here (the
//! shipped pack is fetched and stored on first use), the form new submissions start from, and
//! the shipped area list.

use crate::core::areas::AreaList;
use crate::core::i18n::Msg;
use crate::core::library::FormLibrary;
use std::sync::Arc;

use crate::core::schema::Form;
use crate::platform::fetch;
use crate::storage::{forms, settings, Db};

/// The form pack that ships with the app: its file, id and version.
pub const DEFAULT_FORM_PATH: &str = "forms/six-sector-survey.v1.json";
pub const DEFAULT_FORM_ID: &str = "six-sector-survey";
pub const DEFAULT_FORM_VERSION: u32 = 1;
/// The area list that ships with the app.
pub const DEFAULT_AREAS_PATH: &str = "areas.json";

/// The shipped area list (empty when it cannot be read: the area question then takes typed
/// names only).
pub async fn load_areas() -> AreaList {
    fetch::fetch_text(DEFAULT_AREAS_PATH)
        .await
        .ok()
        .and_then(|json| AreaList::from_json(&json).ok())
        .unwrap_or_default()
}

/// The form version new submissions start from: the one last loaded from a file in Settings,
/// or the shipped pack. A form that came inside a bundle never becomes it by itself.
pub async fn form_for_new_drafts(db: &Db, library: &FormLibrary) -> Result<Arc<Form>, Msg> {
    let chosen: Option<(String, u32)> = settings::get(db, settings::FORM_FOR_NEW).await?;
    chosen
        .and_then(|(id, version)| library.get(&id, version))
        .or_else(|| library.get(DEFAULT_FORM_ID, DEFAULT_FORM_VERSION))
        .ok_or(Msg::FormNotLoaded)
}

/// Every form definition on this device; the shipped pack is fetched and stored on first use.
pub async fn load_library(db: &Db) -> Result<FormLibrary, Msg> {
    let specs = forms::all(db).await?;
    let mut library = FormLibrary::from_specs(specs);
    if library.get(DEFAULT_FORM_ID, DEFAULT_FORM_VERSION).is_none() {
        let json = fetch::fetch_text(DEFAULT_FORM_PATH)
            .await
            .map_err(|_| Msg::FormNotLoaded)?;
        let form = Form::from_json(&json).map_err(|_| Msg::FormNotLoaded)?;
        forms::save(db, form.spec()).await?;
        let _ = library.add(form);
    }
    Ok(library)
}
