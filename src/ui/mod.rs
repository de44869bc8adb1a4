//! The Leptos user interface: a thin layer that renders the core's data and sends the person's
//! actions to `state` and `storage`. No business rule lives here.

mod app;
mod components;
mod fields;
pub mod i18n;
pub mod pages;
pub mod route;
pub mod survey;

pub use app::App;

/// Mounts the app on `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(App);
}
