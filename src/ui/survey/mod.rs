//! The survey page: loads the form, the area list and the submission being filled, then shows
//! one section at a time with the section list, progress, autosave status and finalising.

mod area;
pub mod field;
mod form;
mod repeat;

use leptos::prelude::*;

use crate::core::i18n::Msg;
use crate::state::survey::{load_current, SurveyState};

/// The survey on the page, replaceable (a new submission replaces it).
#[derive(Clone, Copy)]
pub struct SurveySlot(pub RwSignal<Option<Result<SurveyState, Msg>>>);
use crate::ui::i18n::use_i18n;
use crate::ui::route::Page;

/// The survey page.
#[component]
pub fn SurveyPage() -> impl IntoView {
    let i18n = use_i18n();
    let loaded = RwSignal::new(None::<Result<SurveyState, Msg>>);
    provide_context(SurveySlot(loaded));
    leptos::task::spawn_local(async move {
        let result = load_current().await.map(SurveyState::new);
        loaded.set(Some(result));
    });
    view! {
        <section class="page survey" data-page=Page::Survey.slug()>
            {move || match loaded.get() {
                None => view! { <p class="loading">{move || i18n.t(Msg::Loading)}</p> }.into_any(),
                Some(Err(msg)) => view! {
                    <p class="error-banner" role="alert">{move || i18n.t(msg)}</p>
                }
                .into_any(),
                Some(Ok(state)) => view! { <form::FormView state/> }.into_any(),
            }}
        </section>
    }
}
