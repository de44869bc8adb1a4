//! One component per page. Pages that later issues fill say plainly what is not there yet.

mod placeholder;
mod settings;

pub use placeholder::Placeholder;
pub use settings::SettingsPage;
