//! Random identifiers, from the browser's cryptographic generator.

/// A new random UUID (version 4), e.g. for a submission.
pub fn new_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(fallback_id)
}

/// Without `crypto.randomUUID` (very old browsers): time and `Math.random`, still unique enough
/// for one device's submissions.
fn fallback_id() -> String {
    let time = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 1e15) as u64;
    format!("{time:x}-{random:x}")
}
