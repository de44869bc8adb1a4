//! One component per page. Pages that later issues fill say plainly what is not there yet.

mod placeholder;

pub use placeholder::Placeholder;
