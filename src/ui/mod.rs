//! The Leptos user interface of the two apps, the field app and the coordinator app (see
//! `core::pages`): a thin layer that renders the core's data and sends the person's actions to
//! `state` and `storage`. No business rule lives here.

mod app;
mod components;
mod fields;
pub mod i18n;
pub mod pages;
pub mod route;
pub mod survey;

use leptos::prelude::*;

use crate::ui::pages::{
    CoordinatorPage, CoordinatorSettingsPage, ExportPage, FieldSettingsPage, ImportPage, PlanPage,
    SubmissionsPage,
};
use crate::ui::route::{Page, Side};
use crate::ui::survey::SurveyPage;

pub use app::App;

/// Mounts the field app on `<body>`.
pub fn mount_field() {
    route::enter(Side::Field);
    leptos::mount::mount_to_body(|| view! { <App side=Side::Field page_view=field_page/> });
}

/// Mounts the coordinator app on `<body>`.
pub fn mount_coordinator() {
    route::enter(Side::Coordinator);
    leptos::mount::mount_to_body(
        || view! { <App side=Side::Coordinator page_view=coordinator_page/> },
    );
}

/// The field app's pages; the frame never asks it for another.
fn field_page(page: Page) -> AnyView {
    match page {
        Page::Survey => view! { <SurveyPage/> }.into_any(),
        Page::Submissions => view! { <SubmissionsPage/> }.into_any(),
        Page::Export => view! { <ExportPage/> }.into_any(),
        Page::Settings => view! { <FieldSettingsPage/> }.into_any(),
        Page::Import | Page::Coordinator | Page::Plan => ().into_any(),
    }
}

/// The coordinator app's pages; the frame never asks it for another.
fn coordinator_page(page: Page) -> AnyView {
    match page {
        Page::Import => view! { <ImportPage/> }.into_any(),
        Page::Coordinator => view! { <CoordinatorPage/> }.into_any(),
        Page::Plan => view! { <PlanPage/> }.into_any(),
        Page::Settings => view! { <CoordinatorSettingsPage/> }.into_any(),
        Page::Survey | Page::Submissions | Page::Export => ().into_any(),
    }
}
