//! The pure core: form definitions, expressions, answers, validation and the translation table.
//! Nothing here touches the browser, the clock or randomness; ids and dates are passed in.

pub mod aggregate;
pub mod answers;
pub mod archive;
pub mod areas;
pub mod backup;
pub mod csv;
pub mod dashboard;
pub mod decimal;
pub mod dependencies;
pub mod digest;
pub mod evaluation;
pub mod expr;
pub mod fold;
pub mod header;
pub mod health;
pub mod i18n;
pub mod idmap;
pub mod keys;
pub mod library;
pub mod listing;
pub mod media;
pub mod merge;
pub mod order;
pub mod pages;
pub mod pattern;
pub mod phrase;
pub mod plan;
pub mod profile;
pub mod reconcile;
pub mod schema;
pub mod sector;
pub mod submission;
pub mod trust;
pub mod validate;
