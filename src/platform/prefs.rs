//! Device preferences that must be known before anything else renders, kept in `localStorage`
//! because it is synchronous: the interface language and its digits, whether the person dismissed the notice
//! about the browser not keeping the data, and the section of the survey last on screen (so a
//! draft reopens where the person left it). Everything else lives in IndexedDB.

use crate::core::i18n::Lang;

const LANGUAGE_KEY: &str = "nahda.lang";
const DIGITS_KEY: &str = "nahda.digits";
const PERSIST_NOTICE_KEY: &str = "nahda.persist-notice-dismissed";
const SECTION_KEY: &str = "nahda.section";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language chosen on this device, if one was.
pub fn saved_language() -> Option<Lang> {
    local_storage()?
        .get_item(LANGUAGE_KEY)
        .ok()
        .flatten()
        .map(|code| Lang::from_code(&code))
}

/// Remembers the language. When storage is refused (some private modes), the choice lasts for
/// this visit only; nothing else depends on it.
pub fn save_language(lang: Lang) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(LANGUAGE_KEY, lang.code());
    }
}

/// True when Arabic pages are to write numbers in Latin digits on this device.
pub fn saved_latin_digits() -> bool {
    local_storage()
        .and_then(|s| s.get_item(DIGITS_KEY).ok().flatten())
        .is_some_and(|digits| digits == digits_code(true))
}

/// Remembers the digits Arabic pages write numbers in (CLDR's names: `arab`, `latn`).
pub fn save_latin_digits(latin: bool) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(DIGITS_KEY, digits_code(latin));
    }
}

/// Sets `<html lang dir>` so the browser lays the page out in the language's direction.
pub fn apply_language(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
        let _ = root.set_attribute("dir", lang.dir());
    }
}

/// Marks `<html data-digits>` with the digits Arabic pages write numbers in (`arab` or
/// `latn`), so the style sheet numbers ordered lists in the same digits as the text.
pub fn apply_digits(latin: bool) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-digits", digits_code(latin));
    }
}

/// The CLDR name of the digits Arabic pages write numbers in.
pub fn digits_code(latin: bool) -> &'static str {
    if latin {
        "latn"
    } else {
        "arab"
    }
}

/// True when the person dismissed the notice that the browser may clear the data.
pub fn persist_notice_dismissed() -> bool {
    local_storage()
        .and_then(|s| s.get_item(PERSIST_NOTICE_KEY).ok().flatten())
        .is_some()
}

/// Remembers that the notice was dismissed.
pub fn dismiss_persist_notice() {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(PERSIST_NOTICE_KEY, "1");
    }
}

/// Remembers the section on screen for this submission (only the latest one is kept).
pub fn remember_section(submission: &str, section: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(SECTION_KEY, &format!("{submission} {section}"));
    }
}

/// The section last on screen for this submission, if it is the one remembered.
pub fn remembered_section(submission: &str) -> Option<String> {
    let stored = local_storage()?.get_item(SECTION_KEY).ok().flatten()?;
    let (id, section) = stored.split_once(' ')?;
    (id == submission).then(|| section.to_string())
}
