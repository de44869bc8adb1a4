//! XLSForm in and out: a workbook of the format KoboToolbox and ODK use read as a Nahda form
//! definition ([`import`]), and a Nahda form written as such a workbook ([`export`]). Pure, and
//! tested natively; the app runs it in a web worker of its own (`src/bin/xlsform.rs`), loaded
//! only when a coordinator loads or saves a workbook, so the field's first visit never
//! downloads it. The mapping is documented in `docs/form-format.md` §13.

pub mod export;
pub mod import;
mod loops;
pub mod messages;
pub mod sheet;
pub mod xpath;

pub use import::{import, Feature, Imported, Issue, Note, Problem};
pub use sheet::{Sheet, Workbook};

use serde::{Deserialize, Serialize};

use crate::core::i18n::Lang;
use crate::core::schema::Form;

/// A message as the page may show it: in Arabic, in Arabic with Latin digits, in English.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Said {
    pub ar: String,
    pub ar_latn: String,
    pub en: String,
}

impl Said {
    fn of(message: impl Fn(Lang) -> String) -> Said {
        Said {
            ar: message(Lang::Ar),
            ar_latn: message(Lang::ArLatn),
            en: message(Lang::En),
        }
    }

    /// The message in this language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ar => &self.ar,
            Lang::ArLatn => &self.ar_latn,
            Lang::En => &self.en,
        }
    }
}

/// A workbook read, as the worker hands it to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reading {
    /// The form definition in Nahda's JSON format, and what the person should know.
    Form { json: String, notes: Vec<Said> },
    /// Every problem, placed on its sheet, row and column.
    Refused { problems: Vec<Said> },
}

/// Reads an `.xlsx` file as a form; `file_name` names the form when its settings do not.
/// `list_files` are the CSV files (name and bytes, in UTF-8) its questions read their lists
/// from (`select_one_from_file`), picked with it.
pub fn read_xlsx(bytes: &[u8], file_name: &str, list_files: &[(String, Vec<u8>)]) -> Reading {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    let whole = |issue: Issue| Problem {
        sheet: String::new(),
        row: 0,
        column: None,
        issue,
    };
    let read = Workbook::read(bytes)
        .map_err(|e| vec![whole(Issue::NotAWorkbook(e))])
        .and_then(|mut book| {
            let mut unread = Vec::new();
            for (name, bytes) in list_files {
                match std::str::from_utf8(bytes).map(|text| Sheet::from_csv(name, text)) {
                    Ok(Ok(sheet)) => book.sheets.push(sheet),
                    Ok(Err(row)) => unread.push(Problem {
                        sheet: name.clone(),
                        row,
                        column: None,
                        issue: Issue::UnclosedQuote,
                    }),
                    Err(_) => unread.push(whole(Issue::NotUtf8(name.clone()))),
                }
            }
            if unread.is_empty() {
                import(&book, stem)
            } else {
                Err(unread)
            }
        });
    match read {
        Ok(done) => Reading::Form {
            json: serde_json::to_string_pretty(done.form.spec()).unwrap_or_default(),
            notes: done
                .notes
                .iter()
                .map(|n| Said::of(|lang| n.message(lang)))
                .collect(),
        },
        Err(problems) => Reading::Refused {
            problems: problems
                .iter()
                .map(|p| Said::of(|lang| p.message(lang)))
                .collect(),
        },
    }
}

/// Writes a form definition (Nahda's JSON format) as an `.xlsx` file.
pub fn write_xlsx(form_json: &str) -> Result<Vec<u8>, String> {
    let form = Form::from_json(form_json).map_err(|errors| {
        errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    export::export(form.spec()).write()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
