//! The page's address: the URL fragment that selects the page, and going to another.

/// The current `location.hash`, or an empty string when there is none.
pub fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Goes to a page by its address: a fragment (`#/survey`) stays in this app, any other address
/// (`coordinator.html#/import`) loads the other app.
pub fn go_to(href: &str) {
    if let Some(window) = web_sys::window() {
        let location = window.location();
        let _ = match href.strip_prefix('#') {
            Some(fragment) => location.set_hash(fragment),
            None => location.set_href(href),
        };
    }
}

/// Loads an address in place of this page, leaving no entry in the history (so Back does not
/// come back to a page that only sends the person on).
pub fn replace(href: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(href);
    }
}

/// Whether the address carries `?{name}` (a word the service worker adds when it sends the
/// person back here), which is then taken off the address so a reload does not see it again.
pub fn take_flag(name: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let location = window.location();
    let search = location.search().unwrap_or_default();
    let found = search
        .trim_start_matches('?')
        .split('&')
        .any(|part| part == name);
    if found {
        let path = location.pathname().unwrap_or_default();
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("{path}{}", hash())),
            );
        }
    }
    found
}
