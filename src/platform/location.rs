//! The URL fragment that selects the page.

/// The current `location.hash`, or an empty string when there is none.
pub fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Goes to another page of the app by its fragment (`#/survey`).
pub fn go_to(fragment: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(fragment);
    }
}
