//! The only place that touches `window` directly: the address bar, the clock, random ids,
//! files served beside the app, the page's visibility, and the document's language attributes.

pub mod clipboard;
pub mod clock;
pub mod crypto;
pub mod fetch;
pub mod files;
pub mod geo;
pub mod ids;
pub mod location;
pub mod media;
pub mod offline;
pub mod page;
pub mod prefs;
pub mod quota;
pub mod sealer;
pub mod share;
pub mod tabs;
pub mod worker;
pub mod xlsform;
