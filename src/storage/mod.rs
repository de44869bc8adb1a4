//! IndexedDB, through the `idb` crate: the database, its numbered schema versions, and typed
//! access to its object stores. Everything the app keeps lives here; nothing above this module
//! touches IndexedDB.

pub mod archive;
pub mod db;
mod error;
pub mod events;
pub mod forms;
pub mod imports;
pub mod keys;
pub mod settings;
pub mod submissions;

use std::cell::RefCell;
use std::rc::Rc;

pub use db::{Batch, Db, WriteVersion};
pub use error::StorageError;

thread_local! {
    static SHARED: RefCell<Option<Rc<Db>>> = const { RefCell::new(None) };
}

/// Drops the shared connection, so that the next use opens the database again.
pub(crate) fn forget_shared() {
    SHARED.with(|s| *s.borrow_mut() = None);
}

/// Closes the shared connection (another tab is upgrading the database and waits for it);
/// later operations open it again and learn whether this page is outdated.
pub fn close_shared() {
    if let Some(db) = SHARED.with(|s| s.borrow_mut().take()) {
        db.close();
    }
}

/// The app's database connection, opened on first use and shared afterwards.
pub async fn shared() -> Result<Rc<Db>, StorageError> {
    if let Some(db) = SHARED.with(|s| s.borrow().clone()) {
        return Ok(db);
    }
    let opened = Rc::new(Db::open().await?);
    // Two callers may have opened at once: the first kept is the one shared, and the other
    // connection closes as it is dropped, so no stray connection holds up another tab's
    // upgrade.
    Ok(SHARED.with(|s| s.borrow_mut().get_or_insert(opened).clone()))
}
