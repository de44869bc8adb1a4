//! The settings page: the forms on this device and loading a new form version from a file.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::i18n::{Lang, Msg};
use crate::state::forms::{library, load_form_file, FormFileOutcome, MAX_FORM_FILE};
use crate::ui::i18n::use_i18n;
use crate::ui::route::Page;

/// The settings page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-page=Page::Settings.slug()>
            <h2>{move || i18n.t(Msg::NavSettings)}</h2>
            <FormsOnDevice/>
        </section>
    }
}

#[component]
fn FormsOnDevice() -> impl IntoView {
    let i18n = use_i18n();
    let forms = RwSignal::new(Vec::<(String, u32, String, String)>::new());
    let outcome = RwSignal::new(None::<FormFileOutcome>);
    let attempts = RwSignal::new(0u32);
    let refresh = move || {
        leptos::task::spawn_local(async move {
            if let Ok(library) = library().await {
                forms.set(
                    library
                        .all()
                        .iter()
                        .map(|f| {
                            let title = &f.spec().title;
                            (
                                f.id().to_string(),
                                f.version(),
                                title.ar.clone(),
                                title.en.clone(),
                            )
                        })
                        .collect(),
                );
            }
        });
    };
    refresh();
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        outcome.set(None);
        leptos::task::spawn_local(async move {
            outcome.set(Some(load_form_file(&file).await));
            attempts.update(|n| *n += 1);
            refresh();
        });
    };
    let limit_mb = (MAX_FORM_FILE / 1024.0 / 1024.0).to_string();
    view! {
        <h3>{move || i18n.t(Msg::FormsTitle)}</h3>
        <ul id="form-list">
            {move || {
                forms
                    .get()
                    .into_iter()
                    .map(|(id, version, ar, en)| {
                        view! {
                            <li data-form=id.clone() data-version=version>
                                {move || if i18n.lang() == Lang::Ar { ar.clone() } else { en.clone() }}
                                " — " <code>{id.clone()}</code> " · "
                                {move || i18n.t(Msg::FormVersion).replace("{n}", &version.to_string())}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
        <p class="intro">{move || i18n.t(Msg::FormFileHelp)}</p>
        <label for="form-file" class="file-label">{move || i18n.t(Msg::FormFileLabel)}</label>
        <input type="file" id="form-file" accept=".json,application/json" on:change=on_file/>
        <div id="form-file-result" role="status" aria-live="polite" data-attempts=move || attempts.get()>
            {move || {
                let limit_mb = limit_mb.clone();
                outcome.get().map(|o| match o {
                    FormFileOutcome::Added { ar, en } => view! {
                        <p class="ok">
                            {move || i18n.t(Msg::FormAdded).replace("{n}", if i18n.lang() == Lang::Ar { &ar } else { &en })}
                        </p>
                    }
                    .into_any(),
                    FormFileOutcome::AlreadyThere => view! { <p class="notice">{move || i18n.t(Msg::FormAlreadyThere)}</p> }.into_any(),
                    FormFileOutcome::Refused { msg, details } => view! {
                        <div class="error-banner">
                            <p>{move || i18n.t(msg).replace("{n}", &limit_mb)}</p>
                            <ul class="details" dir="ltr">
                                {details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                            </ul>
                        </div>
                    }
                    .into_any(),
                })
            }}
        </div>
    }
}
