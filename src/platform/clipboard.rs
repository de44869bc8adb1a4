//! Copying text for the person to paste elsewhere (a key text into a message).

/// Puts text on the clipboard; `false` when the browser does not let the page do it.
pub fn copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = window.navigator().clipboard();
    let _ = clipboard.write_text(text);
    true
}
