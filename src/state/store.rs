//! The state layer's one way to storage: the shared database connection, writes that tell the
//! app's other tabs what changed, and what a storage failure means to the person.

use std::rc::Rc;

use crate::core::i18n::Msg;
use crate::platform::tabs;
use crate::storage::{self, Batch, Db, StorageError};

impl From<StorageError> for Msg {
    fn from(error: StorageError) -> Msg {
        match error {
            StorageError::Unavailable(_) => Msg::StorageUnavailable,
            StorageError::QuotaExceeded => Msg::StorageFull,
            StorageError::Moved(_) => Msg::ChangedElsewhere,
            StorageError::Outdated => Msg::StorageOutdated,
            StorageError::Corrupt(_) | StorageError::Failed(_) => Msg::SaveFailed,
        }
    }
}

/// The app's database connection.
pub async fn db() -> Result<Rc<Db>, Msg> {
    Ok(storage::shared().await?)
}

/// Writes a batch in one transaction, then tells the other tabs which submissions changed.
pub async fn write(db: &Db, batch: Batch<'_>, changed: &[String]) -> Result<(), StorageError> {
    db.write(batch).await?;
    tabs::announce(changed);
    Ok(())
}
