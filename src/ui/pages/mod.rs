//! One component per page. Pages that later issues fill say plainly what is not there yet.

mod export;
mod import;
mod placeholder;
mod settings;
pub mod submissions;

pub use export::ExportPage;
pub use import::ImportPage;
pub use placeholder::Placeholder;
pub use settings::SettingsPage;
pub use submissions::SubmissionsPage;
