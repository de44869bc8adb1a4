//! Loading a form definition from a file a coordinator sent, in Nahda's JSON format or as an
//! XLSForm workbook with the CSV files its lists are read from (read by the XLSForm worker):
//! read (size checked first), checked, compared
//! with the versions already here, and only then stored. And a form saved as an XLSForm
//! workbook.

use crate::core::i18n::Lang;
use crate::core::i18n::Msg;
use crate::core::library::{Added, FormLibrary, LibraryError};
use crate::core::schema::{Form, FormError};
use crate::platform::files::{self, FileError};
use crate::platform::worker::WorkerError;
use crate::platform::xlsform;
use crate::state::library::load_library;
use crate::state::store::db;
use crate::storage::{forms, settings};
use crate::xlsform::{Reading, Said};

/// The largest form definition file read, in bytes (the shipped pack is about 150 kB).
pub const MAX_FORM_FILE: f64 = 2.0 * 1024.0 * 1024.0;

/// What loading a form file did, for the person.
#[derive(Debug, Clone, PartialEq)]
pub enum FormFileOutcome {
    /// Stored; the form's title in both languages, and how a workbook was read.
    Added {
        ar: String,
        en: String,
        notes: Vec<Said>,
    },
    AlreadyThere,
    /// Refused with a message, and for an invalid definition the problems found.
    Refused {
        msg: Msg,
        details: Vec<Detail>,
    },
}

/// One problem of a refused file.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    Form(FormError),
    Workbook(Said),
}

impl Detail {
    /// The problem in words of the language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Detail::Form(error) => error.message(lang),
            Detail::Workbook(said) => said.get(lang).to_string(),
        }
    }
}

/// True for an XLSForm workbook: an `.xlsx` file, which is a zip archive.
fn is_workbook(name: &str, bytes: &[u8]) -> bool {
    name.to_ascii_lowercase().ends_with(".xlsx") || bytes.starts_with(b"PK\x03\x04")
}

fn worker_msg(error: WorkerError) -> Msg {
    match error {
        WorkerError::Unavailable => Msg::XlsFormUnavailable,
        WorkerError::Damaged | WorkerError::Named(_) => Msg::XlsFormFailed,
    }
}

/// Every form on this device.
pub async fn library() -> Result<FormLibrary, Msg> {
    load_library(&*db().await?).await
}

/// True for a CSV file a workbook's list is read from.
fn is_list_file(file: &web_sys::File) -> bool {
    file.name().to_ascii_lowercase().ends_with(".csv")
}

/// Reads, checks and stores the form definition file among `picked`: a JSON definition, or a
/// workbook with the CSV files its lists are read from. Nothing is stored unless every check
/// passes.
pub async fn load_form_files(picked: &[web_sys::File]) -> FormFileOutcome {
    let refused = |msg: Msg| FormFileOutcome::Refused {
        msg,
        details: Vec::new(),
    };
    let (lists, forms): (Vec<&web_sys::File>, Vec<&web_sys::File>) =
        picked.iter().partition(|f| is_list_file(f));
    let [file] = forms.as_slice() else {
        return refused(Msg::FormFilePickOne);
    };
    let read = |file: &web_sys::File| {
        let file = file.clone();
        async move {
            files::read_bytes(&file, MAX_FORM_FILE)
                .await
                .map_err(|error| match error {
                    FileError::TooLarge { .. } => Msg::FileTooLarge,
                    FileError::Unreadable => Msg::FileUnreadable,
                })
        }
    };
    let bytes = match read(file).await {
        Ok(bytes) => bytes,
        Err(msg) => return refused(msg),
    };
    let (json, notes) = if is_workbook(&file.name(), &bytes) {
        let mut list_files = Vec::new();
        for list in lists {
            match read(list).await {
                Ok(bytes) => list_files.push((list.name(), bytes)),
                Err(msg) => return refused(msg),
            }
        }
        match xlsform::read(&bytes, &file.name(), &list_files).await {
            Ok(Reading::Form { json, notes }) => (json, notes),
            Ok(Reading::Refused { problems }) => {
                return FormFileOutcome::Refused {
                    msg: Msg::XlsFormInvalid,
                    details: problems.into_iter().map(Detail::Workbook).collect(),
                }
            }
            Err(error) => return refused(worker_msg(error)),
        }
    } else if !lists.is_empty() {
        return refused(Msg::FormFileListsWithoutWorkbook);
    } else {
        // A byte-order mark (Windows Notepad writes one) is not part of the JSON.
        let text = String::from_utf8_lossy(&bytes);
        (text.trim_start_matches('\u{feff}').to_string(), Vec::new())
    };
    let form = match Form::from_json(&json) {
        Ok(form) => form,
        Err(errors) => {
            return FormFileOutcome::Refused {
                msg: Msg::FormFileInvalid,
                details: errors.into_iter().map(Detail::Form).collect(),
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
                    notes,
                },
                Err(error) => refused(error.into()),
            }
        }
    }
}

/// Saves the form of this id and version as an XLSForm workbook (`{id}.v{version}.xlsx`), for
/// KoboToolbox and ODK.
pub async fn save_as_xlsform(id: &str, version: u32) -> Result<(), Msg> {
    let library = library().await?;
    let form = library.get(id, version).ok_or(Msg::XlsFormFailed)?;
    let json = serde_json::to_string(form.spec()).map_err(|_| Msg::XlsFormFailed)?;
    let bytes = xlsform::write(&json).await.map_err(worker_msg)?;
    files::save_bytes(
        &format!("{id}.v{version}.xlsx"),
        &bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    .map_err(|_| Msg::XlsFormNotSaved)
}
