//! One component per page. Pages that later issues fill say plainly what is not there yet.

mod placeholder;
mod settings;
mod submissions;

pub use placeholder::Placeholder;
pub use settings::SettingsPage;
pub use submissions::SubmissionsPage;
