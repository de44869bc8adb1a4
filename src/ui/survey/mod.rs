//! The survey page: loads the form, the area list and the submission being filled, then shows
//! one section at a time with the section list, progress, autosave status and finalising.

mod form;

use leptos::prelude::*;

use crate::core::i18n::Msg;
use crate::platform::{prefs, quota};
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
            <PersistNotice/>
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

/// When the browser has not promised to keep the data, what to do about it; dismissible.
#[component]
fn PersistNotice() -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(false);
    if !prefs::persist_notice_dismissed() {
        leptos::task::spawn_local(async move {
            let persisted = match quota::request_persistence().await {
                Some(true) => Some(true),
                _ => quota::health().await.persisted,
            };
            shown.set(persisted == Some(false));
        });
    }
    view! {
        <Show when=move || shown.get()>
            <div class="notice persist-notice" id="persist-notice" role="note">
                <p>{move || i18n.t(Msg::PersistNotice)}</p>
                <button type="button" class="secondary" id="persist-notice-dismiss" on:click=move |_| {
                    prefs::dismiss_persist_notice();
                    shown.set(false);
                }>
                    {move || i18n.t(Msg::PersistNoticeDismiss)}
                </button>
            </div>
        </Show>
    }
}
