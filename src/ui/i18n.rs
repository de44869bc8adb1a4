//! The language of the interface as reactive state: the current [`Lang`], the switch, and the
//! lookup of [`Msg`] texts. The choice is remembered across reloads by `platform::prefs`.

use leptos::prelude::*;

use crate::core::i18n::{Lang, Msg};
use crate::platform::prefs;

/// The app-wide language, provided as context by the app.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// Starts in the language remembered on this device, Arabic when none is.
    pub fn from_saved() -> Self {
        let lang = prefs::saved_language().unwrap_or_default();
        prefs::apply_language(lang);
        I18n {
            lang: RwSignal::new(lang),
        }
    }

    /// The current language (tracked).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// A message in the current language (tracked).
    pub fn t(&self, msg: Msg) -> &'static str {
        msg.text(self.lang.get())
    }

    /// Switches to the other language, applies it to the document and remembers it.
    pub fn toggle(&self) {
        let next = self.lang.get_untracked().other();
        prefs::apply_language(next);
        prefs::save_language(next);
        self.lang.set(next);
    }
}

/// The language context of the app.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
