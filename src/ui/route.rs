//! Which of the two apps runs in this page, and the addresses of pages seen from it. The pages
//! themselves and their addresses are `core::pages`.

use std::sync::OnceLock;

pub use crate::core::pages::{Page, Side};

/// The app running in this page, set once when it is mounted.
static CURRENT: OnceLock<Side> = OnceLock::new();

/// Records which app runs in this page; called once, before the app is mounted.
pub fn enter(side: Side) {
    let _ = CURRENT.set(side);
}

/// The app running in this page (the field app until one is entered).
pub fn current() -> Side {
    CURRENT.get().copied().unwrap_or(Side::Field)
}

/// The address of a page from the app running in this page.
pub fn href(page: Page) -> String {
    page.href_from(current())
}
