//! The language of the interface as reactive state: the current [`Lang`] and the digits it is
//! written in, the switch, the lookup of [`Msg`] texts, and stored timestamps in the device's
//! local time. The choices are remembered across reloads by `platform::prefs`.

use leptos::prelude::*;

use crate::core::i18n::{Lang, Msg};
use crate::core::phrase;
use crate::platform::{clock, prefs};

/// The app-wide language, provided as context by the app.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// Starts in the language and digits remembered on this device: Arabic in Arabic-Indic
    /// digits when none are.
    pub fn from_saved() -> Self {
        let latin_digits = prefs::saved_latin_digits();
        let lang = prefs::saved_language()
            .unwrap_or_default()
            .with_latin_digits(latin_digits);
        prefs::apply_language(lang);
        prefs::apply_digits(latin_digits);
        I18n {
            lang: RwSignal::new(lang),
        }
    }

    /// The current language, with the digits it is written in (tracked).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// Writes Arabic pages' numbers in Latin digits, or back in Arabic-Indic ones, and
    /// remembers the choice.
    pub fn set_latin_digits(&self, latin: bool) {
        prefs::save_latin_digits(latin);
        prefs::apply_digits(latin);
        self.lang
            .update(|lang| *lang = lang.with_latin_digits(latin));
    }

    /// A message in the current language (tracked).
    pub fn t(&self, msg: Msg) -> &'static str {
        msg.text(self.lang.get())
    }

    /// A whole number in the page's digits, grouped.
    pub fn number(&self, n: u64) -> String {
        phrase::number(n, self.lang())
    }

    /// A stored timestamp in this device's local time, in the page's digits; with the time
    /// zone named when `zoned`.
    pub fn local_time(&self, timestamp: &str, zoned: bool) -> String {
        clock::local(timestamp).map_or_else(
            || timestamp.to_string(),
            |at| phrase::moment(&at, zoned, self.lang()),
        )
    }

    /// Switches to the other language, applies it to the document and remembers it.
    pub fn toggle(&self) {
        let next = self
            .lang
            .get_untracked()
            .other()
            .with_latin_digits(prefs::saved_latin_digits());
        prefs::apply_language(next);
        prefs::save_language(next);
        self.lang.set(next);
    }
}

/// The language context of the app.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
