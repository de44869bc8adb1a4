//! Bundles: the files in which submissions leave one device and reach another. This module owns
//! the on-disk formats, kept apart from the core's types so that the core can change without
//! changing a format that files in the field already use. A breaking change adds a new version
//! module and never edits an old one.
//!
//! Reading is two-phase, as in ripgrep's arguments: raw text → [`import::VerifiedBundle`]
//! (format, version, digest, duplicates, forms, answers all checked) → core types.

pub mod export;
pub mod import;
pub mod v1;
pub mod v2;
