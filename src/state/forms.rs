//! Loading a form definition from a file a coordinator sent: read (size checked first),
//! checked, compared with the versions already here, and only then stored.

use crate::core::i18n::Msg;
use crate::core::library::{Added, FormLibrary, LibraryError};
use crate::core::schema::{Form, FormError};
use crate::platform::files::{self, FileError};
use crate::state::library::load_library;
use crate::state::store::db;
use crate::storage::{forms, settings};

/// The largest form definition file read, in bytes (the shipped pack is about 150 kB).
pub const MAX_FORM_FILE: f64 = 2.0 * 1024.0 * 1024.0;

/// What loading a form file did, for the person.
#[derive(Debug, Clone, PartialEq)]
pub enum FormFileOutcome {
    /// Stored; the form's title in both languages.
    Added {
        ar: String,
        en: String,
    },
    AlreadyThere,
    /// Refused with a message, and for an invalid definition the problems found.
    Refused {
        msg: Msg,
        details: Vec<FormError>,
    },
}

/// Every form on this device.
pub async fn library() -> Result<FormLibrary, Msg> {
    load_library(&*db().await?).await
}

/// Reads, checks and stores a form definition file. Nothing is stored unless every check passes.
pub async fn load_form_file(file: &web_sys::File) -> FormFileOutcome {
    let refused = |msg: Msg| FormFileOutcome::Refused {
        msg,
        details: Vec::new(),
    };
    let json = match files::read_text(file, MAX_FORM_FILE).await {
        Ok(json) => json,
        Err(FileError::TooLarge { .. }) => return refused(Msg::FileTooLarge),
        Err(FileError::Unreadable) => return refused(Msg::FileUnreadable),
    };
    let form = match Form::from_json(&json) {
        Ok(form) => form,
        Err(errors) => {
            return FormFileOutcome::Refused {
                msg: Msg::FormFileInvalid,
                details: errors,
            }
        }
    };
    let db = match db().await {
        Ok(db) => db,
        Err(msg) => return refused(msg),
    };
    let mut library = match load_library(&db).await {
        Ok(library) => library,
        Err(msg) => return refused(msg),
    };
    let spec = form.spec().clone();
    match library.add(form) {
        Err(LibraryError::VersionClash { .. }) => refused(Msg::FormVersionClash),
        Ok(Added::AlreadyThere) => FormFileOutcome::AlreadyThere,
        Ok(Added::New) => {
            // A form loaded here is the one new submissions start from.
            let saved = forms::save(&db, &spec)
                .await
                .and(settings::set(&db, settings::FORM_FOR_NEW, (&spec.id, spec.version)).await);
            match saved {
                Ok(()) => FormFileOutcome::Added {
                    ar: spec.title.ar,
                    en: spec.title.en,
                },
                Err(error) => refused(error.into()),
            }
        }
    }
}
