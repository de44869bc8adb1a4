//! A page that is not built yet: its title, what it will be for, and that it is being built.

use leptos::prelude::*;

use crate::core::i18n::Msg;
use crate::ui::i18n::use_i18n;
use crate::ui::route::Page;

/// What a page will hold, said to the person until it does.
#[component]
pub fn Placeholder(page: Page, intro: Msg) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-page=page.slug()>
            <h2>{move || i18n.t(page.title())}</h2>
            <p class="intro">{move || i18n.t(intro)}</p>
            <p class="notice">{move || i18n.t(Msg::NotYet)}</p>
        </section>
    }
}
