//! The form definitions a device holds, every version side by side: a submission is always
//! shown and validated with the version it was filled with, and a new submission uses the
//! newest version of its form.

use std::sync::Arc;

use crate::core::order;
use crate::core::schema::{Form, FormSpec};

/// What adding a definition to the library did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// A form or version the device did not have.
    New,
    /// The very same definition was already there; nothing changed.
    AlreadyThere,
}

/// Why a definition was not added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LibraryError {
    /// Another definition with the same id and version is stored: a changed form must carry a
    /// new version number, or submissions would be read with the wrong questions.
    #[error("a different definition of {id} version {version} is already on this device")]
    VersionClash { id: String, version: u32 },
}

/// The checked form definitions of this device.
#[derive(Debug, Clone, Default)]
pub struct FormLibrary {
    forms: Vec<Arc<Form>>,
}

impl FormLibrary {
    /// A library of checked forms; definitions that do not pass the check are left out.
    pub fn from_specs(specs: Vec<FormSpec>) -> FormLibrary {
        let mut library = FormLibrary::default();
        for spec in specs {
            if let Ok(form) = Form::check(spec) {
                let _ = library.add(form);
            }
        }
        library
    }

    /// Adds a checked form, refusing a different definition under an existing id and version.
    pub fn add(&mut self, form: Form) -> Result<Added, LibraryError> {
        match self.get(form.id(), form.version()) {
            Some(existing) if existing.spec() == form.spec() => Ok(Added::AlreadyThere),
            Some(_) => Err(LibraryError::VersionClash {
                id: form.id().to_string(),
                version: form.version(),
            }),
            None => {
                self.forms.push(Arc::new(form));
                order::sort_by(&mut self.forms, |a, b| {
                    (a.id(), a.version()).cmp(&(b.id(), b.version()))
                });
                Ok(Added::New)
            }
        }
    }

    /// The form with this id and version.
    pub fn get(&self, id: &str, version: u32) -> Option<Arc<Form>> {
        self.forms
            .iter()
            .find(|f| f.id() == id && f.version() == version)
            .cloned()
    }

    /// The newest version of a form.
    pub fn latest(&self, id: &str) -> Option<Arc<Form>> {
        self.forms.iter().rev().find(|f| f.id() == id).cloned()
    }

    /// The newest version of every form, for starting a new submission.
    pub fn latest_of_each(&self) -> Vec<Arc<Form>> {
        let mut out: Vec<Arc<Form>> = Vec::new();
        for form in &self.forms {
            match out.last() {
                Some(last) if last.id() == form.id() => {
                    *out.last_mut().expect("last") = form.clone()
                }
                _ => out.push(form.clone()),
            }
        }
        out
    }

    /// Every form and version, ordered by id then version.
    pub fn all(&self) -> &[Arc<Form>] {
        &self.forms
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const PACK: &str = include_str!("../../public/forms/six-sector-survey.v1.json");

    fn version(n: u32, title: &str) -> Form {
        let mut spec: FormSpec = serde_json::from_str(PACK).expect("pack");
        spec.version = n;
        spec.title.en = title.into();
        Form::check(spec).expect("valid")
    }

    #[test]
    fn versions_live_side_by_side_and_the_newest_is_latest() {
        let mut library = FormLibrary::default();
        assert_eq!(library.add(version(2, "second")), Ok(Added::New));
        assert_eq!(library.add(version(1, "first")), Ok(Added::New));
        assert_eq!(
            library
                .get("six-sector-survey", 1)
                .map(|f| f.spec().title.en.clone())
                .as_deref(),
            Some("first")
        );
        assert_eq!(
            library.latest("six-sector-survey").map(|f| f.version()),
            Some(2)
        );
        assert_eq!(library.latest_of_each().len(), 1);
        assert_eq!(library.all().len(), 2);
        assert!(library.get("six-sector-survey", 3).is_none());
    }

    #[test]
    fn the_same_definition_twice_changes_nothing() {
        let mut library = FormLibrary::default();
        library.add(version(1, "first")).expect("added");
        assert_eq!(library.add(version(1, "first")), Ok(Added::AlreadyThere));
        assert_eq!(library.all().len(), 1);
    }

    #[test]
    fn a_changed_definition_under_the_same_version_is_refused() {
        let mut library = FormLibrary::default();
        library.add(version(1, "first")).expect("added");
        assert_eq!(
            library.add(version(1, "edited")),
            Err(LibraryError::VersionClash {
                id: "six-sector-survey".into(),
                version: 1
            })
        );
        assert_eq!(
            library
                .get("six-sector-survey", 1)
                .map(|f| f.spec().title.en.clone())
                .as_deref(),
            Some("first")
        );
    }

    #[test]
    fn invalid_stored_definitions_are_left_out() {
        let mut broken: FormSpec = serde_json::from_str(PACK).expect("pack");
        broken.sections.clear();
        let good: FormSpec = serde_json::from_str(PACK).expect("pack");
        let library = FormLibrary::from_specs(vec![broken, good]);
        assert_eq!(library.all().len(), 1);
    }
}
