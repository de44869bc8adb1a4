//! What happens to the database that the page must react to, although no action of its own
//! asked for it: another tab holds an older version open and blocks an upgrade, or another tab
//! upgraded the database and this page must write what it holds and step aside.

use std::cell::RefCell;
use std::rc::Rc;

/// Something that happened to the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageEvent {
    /// Opening waits for other tabs of an older version to close.
    Blocked,
    /// Opening finished (successfully or not): nothing waits any more.
    Opened,
    /// A newer version of the app upgraded the database: this page is outdated.
    Outdated,
    /// A newer version of the app, in another tab, wants to upgrade the database: this page
    /// must write what it holds and close its connection (`storage::close_shared`).
    UpgradedElsewhere,
}

type Listener = Rc<dyn Fn(StorageEvent)>;

thread_local! {
    static LISTENERS: RefCell<Vec<Listener>> = const { RefCell::new(Vec::new()) };
}

/// Calls `listener` on every later event, for as long as the page lives.
pub fn listen(listener: impl Fn(StorageEvent) + 'static) {
    LISTENERS.with(|l| l.borrow_mut().push(Rc::new(listener)));
}

/// Tells every listener.
pub(crate) fn emit(event: StorageEvent) {
    let listeners: Vec<Listener> = LISTENERS.with(|l| l.borrow().clone());
    for listener in listeners {
        listener(event);
    }
}
