//! The only place that touches `window` directly: the address bar, the document's language
//! attributes and small preferences kept in `localStorage`.

pub mod location;
pub mod prefs;
