//! One component per page.

mod coordinator;
mod export;
mod import;
mod plan;
mod settings;
mod submissions;

pub use coordinator::CoordinatorPage;
pub use export::ExportPage;
pub use import::ImportPage;
pub use plan::PlanPage;
pub use settings::{CoordinatorSettingsPage, FieldSettingsPage};
pub use submissions::SubmissionsPage;
