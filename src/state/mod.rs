//! App-wide state over the core types, and the actions that change it: each action writes to
//! storage and then updates what the page shows, so nothing on screen is unsaved for long.

pub mod backup;
pub mod bundles;
pub mod coordinator;
pub mod forms;
pub mod keys;
pub mod library;
pub mod profile;
pub mod sealing;
pub mod store;
pub mod submissions;
pub mod survey;
