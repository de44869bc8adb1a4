//! The frame of both apps: language context, header with the language switch, navigation, and
//! the page chosen by the URL fragment, drawn by the app's own `page_view` (so each app's
//! module holds only its own pages).

use leptos::prelude::*;

use crate::core::i18n::Msg;
use crate::platform::{clock, location, offline, page, quota};
use crate::state::survey::{saves_settled, FLUSH_EVENT};
use crate::storage::events::{self, StorageEvent};
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::route::{self, Page, Side};

/// The word the service worker (`public/sw.js`) puts in the field app's address when it could
/// neither find the coordinator app in its cache nor fetch it.
const UNAVAILABLE_FLAG: &str = "coordinator-unavailable";

/// The frame of one of the two apps, `side`, drawing its pages with `page_view`.
#[component]
pub fn App(side: Side, page_view: fn(Page) -> AnyView) -> impl IntoView {
    provide_context(I18n::from_saved());
    let i18n = use_i18n();
    i18n.take_kept();
    let update_ready = RwSignal::new(false);
    offline::register_service_worker(move || update_ready.set(true));
    // Ask once per visit that the browser keep the data; Settings shows the answer. Make this
    // device's signing key on its first start.
    leptos::task::spawn_local(async {
        let _ = quota::request_persistence().await;
        let _ = crate::state::keys::own_key().await;
    });
    let storage_banner = RwSignal::new(None::<StorageBanner>);
    events::listen(move |event| match event {
        StorageEvent::Blocked => storage_banner.set(Some(StorageBanner::CloseOtherTabs)),
        StorageEvent::Opened => {
            storage_banner.update(|b| {
                if *b == Some(StorageBanner::CloseOtherTabs) {
                    *b = None;
                }
            });
        }
        StorageEvent::Outdated => {
            storage_banner.set(Some(StorageBanner::StorageOutdated));
            offline::reload_once_for_update();
        }
        StorageEvent::UpgradedElsewhere => {
            storage_banner.set(Some(StorageBanner::UpdatedElsewhere));
            // Write what the page holds, let the other tab upgrade, then load the new version
            // (or, when this page was just reloaded for it, say that it is outdated).
            leptos::task::spawn_local(async move {
                flush_everything().await;
                crate::storage::close_shared();
                clock::after(1_000).await;
                if !offline::reload_once_for_update() {
                    storage_banner.set(Some(StorageBanner::StorageOutdated));
                }
            });
        }
    });
    // The service worker sent the person back here: the other app is not on this device and
    // the network did not answer.
    let unavailable = location::take_flag(UNAVAILABLE_FLAG);
    let page = RwSignal::new(Page::from_hash(&location::hash(), side));
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        page.set(Page::from_hash(&location::hash(), side));
    });
    on_cleanup(move || listener.remove());

    view! {
        <Header/>
        {move || storage_banner.get().map(|banner| view! {
            <p class="error-banner storage-banner" id="storage-banner" role="alert" data-msg=banner.name()>{move || i18n.t(banner.msg())}</p>
        })}
        {unavailable.then(|| view! {
            <p class="error-banner" id="coordinator-unavailable" role="alert">{move || i18n.t(Msg::CoordinatorNotHere)}</p>
        })}
        <Show when=move || update_ready.get()>
            <UpdateBanner/>
        </Show>
        <Navigation current=page/>
        <main id="main">{move || {
            let page = page.get();
            if page.is_in(side) {
                page_view(page)
            } else {
                // A page of the other app (an old bookmark, a link typed by hand): load it there.
                location::replace(&route::href(page));
                ().into_any()
            }
        }}</main>
    }
}

/// What the banner above every page says about this device's storage.
#[derive(Clone, Copy, PartialEq)]
enum StorageBanner {
    CloseOtherTabs,
    StorageOutdated,
    UpdatedElsewhere,
}

impl StorageBanner {
    fn msg(self) -> Msg {
        match self {
            StorageBanner::CloseOtherTabs => Msg::CloseOtherTabs,
            StorageBanner::StorageOutdated => Msg::StorageOutdated,
            StorageBanner::UpdatedElsewhere => Msg::UpdatedElsewhere,
        }
    }

    /// Its name in the page (`data-msg`), which says which banner is up in either language.
    fn name(self) -> &'static str {
        match self {
            StorageBanner::CloseOtherTabs => "CloseOtherTabs",
            StorageBanner::StorageOutdated => "StorageOutdated",
            StorageBanner::UpdatedElsewhere => "UpdatedElsewhere",
        }
    }
}

/// Asks every open survey to write what it holds, and waits until it is written.
async fn flush_everything() {
    page::dispatch(FLUSH_EVENT);
    saves_settled().await;
}

/// A new version is installed: say so, and reload when the person agrees — after every pending
/// answer is written.
#[component]
fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let reload = move |_| {
        leptos::task::spawn_local(async {
            flush_everything().await;
            offline::apply_update().await;
        });
    };
    view! {
        <div class="update-banner" id="update-banner" role="status">
            <p>{move || i18n.t(Msg::UpdateReady)}</p>
            <button type="button" id="update-reload" on:click=reload>{move || i18n.t(Msg::UpdateReload)}</button>
        </div>
    }
}

#[component]
fn Header() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="app-header">
            <div class="brand">
                <h1>{move || i18n.t(Msg::AppName)}</h1>
                <p class="tagline">{move || i18n.t(Msg::AppTagline)}</p>
            </div>
            <button
                type="button"
                class="lang-switch"
                id="lang-switch"
                lang=move || i18n.lang().other().code()
                title=move || i18n.t(Msg::SwitchLanguageLabel)
                on:click=move |_| i18n.toggle()
            >
                {move || i18n.t(Msg::SwitchLanguage)}
            </button>
        </header>
    }
}

#[component]
fn Navigation(current: RwSignal<Page>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="app-nav" aria-label=move || i18n.t(Msg::MainNavigation)>
            <ul>
                {Page::ALL
                    .into_iter()
                    .map(|page| {
                        view! {
                            <li>
                                <a
                                    href=route::href(page)
                                    data-nav=page.slug()
                                    aria-current=move || (current.get() == page).then_some("page")
                                >
                                    {move || i18n.t(page.title())}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
