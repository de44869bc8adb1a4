//! The language of the interface as reactive state: the current [`Lang`] and the digits it is
//! written in, the switch, the lookup of message texts (`Msg`, `CoordinatorMsg`), and stored
//! timestamps in the device's local time. The choices are remembered across reloads by
//! `platform::prefs`, which the first frame reads, and kept in IndexedDB too
//! (`state::profile`), which a browser killed seconds after the choice still has: the page
//! takes that copy when the two differ.

use leptos::prelude::*;

use crate::core::i18n::{Lang, Message};
use crate::core::phrase;
use crate::platform::{clock, prefs};
use crate::state::profile::{self, LanguageChoice};

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
        let lang = self.lang.get_untracked().with_latin_digits(latin);
        self.choose(LanguageChoice {
            lang,
            latin_digits: latin,
        });
        keep(lang, latin);
    }

    /// Takes the choice kept in IndexedDB when it differs from the one this page started with
    /// (which `localStorage` lost: the browser was killed seconds after the choice), unless
    /// the person chose again while it was read.
    pub fn take_kept(&self) {
        let i18n = *self;
        let now = move || LanguageChoice {
            lang: i18n.lang.get_untracked(),
            latin_digits: prefs::saved_latin_digits(),
        };
        leptos::task::spawn_local(async move {
            let started = now();
            if let Ok(Some(kept)) = profile::kept_language().await {
                if kept != started && now() == started {
                    i18n.choose(kept);
                }
            }
        });
    }

    /// Applies a choice to the document and the page, and remembers it in `localStorage`.
    fn choose(&self, choice: LanguageChoice) {
        prefs::save_language(choice.lang);
        prefs::save_latin_digits(choice.latin_digits);
        prefs::apply_language(choice.lang);
        prefs::apply_digits(choice.latin_digits);
        self.lang.set(choice.lang);
    }

    /// A message in the current language (tracked).
    pub fn t(&self, msg: impl Message) -> &'static str {
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
        let latin_digits = prefs::saved_latin_digits();
        let next = self
            .lang
            .get_untracked()
            .other()
            .with_latin_digits(latin_digits);
        self.choose(LanguageChoice {
            lang: next,
            latin_digits,
        });
        keep(next, latin_digits);
    }
}

/// Keeps a choice in IndexedDB too. A failed write leaves the choice to `localStorage` alone,
/// as before there was this copy: it is a preference, not an answer.
fn keep(lang: Lang, latin_digits: bool) {
    leptos::task::spawn_local(async move {
        let _ = profile::keep_language(LanguageChoice { lang, latin_digits }).await;
    });
}

/// The language context of the app.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
