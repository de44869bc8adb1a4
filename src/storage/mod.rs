//! IndexedDB, through the `idb` crate: the database, its numbered schema versions, and typed
//! access to its object stores. Everything the app keeps lives here; nothing above this module
//! touches IndexedDB.

pub mod db;
mod error;

pub use error::StorageError;
