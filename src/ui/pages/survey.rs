//! The survey page: the form the person fills.

use leptos::prelude::*;

use crate::core::i18n::Msg;
use crate::ui::i18n::use_i18n;
use crate::ui::route::Page;

/// The survey page.
#[component]
pub fn SurveyPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-page=Page::Survey.slug()>
            <h2>{move || i18n.t(Msg::NavSurvey)}</h2>
            <p class="intro">{move || i18n.t(Msg::SurveyIntro)}</p>
            <p class="notice">{move || i18n.t(Msg::NotYet)}</p>
        </section>
    }
}
