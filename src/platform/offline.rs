//! The service worker (`public/sw.js`) that keeps the app in the browser's cache for offline use,
//! and the switch to a new version: when a new build has been installed beside the running one,
//! the app is told; when the person agrees, the new worker takes over and the page reloads.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::core::decimal::decimal;

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// True when a worker is installed and waiting while another one controls the page: a new
/// version is ready.
fn waiting_update(registration: &web_sys::ServiceWorkerRegistration) -> bool {
    registration.waiting().is_some() && container().and_then(|c| c.controller()).is_some()
}

/// Registers the service worker and calls `on_update` when a new version is ready. The app works
/// the same without a service worker (older browsers, or a page not served over HTTPS or
/// localhost).
pub fn register_service_worker(on_update: impl Fn() + Clone + 'static) {
    let Some(container) = container() else {
        return;
    };
    let registering = container.register("sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = JsFuture::from(registering).await else {
            return;
        };
        let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
        if waiting_update(&registration) {
            on_update();
        }
        let watched = registration.clone();
        let on_found = Closure::<dyn Fn()>::new(move || {
            let Some(installing) = watched.installing() else {
                return;
            };
            let (registration, on_update) = (watched.clone(), on_update.clone());
            let on_state = Closure::<dyn Fn()>::new(move || {
                if waiting_update(&registration) {
                    on_update();
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
    });
}

/// Lets the waiting worker take over, and reloads the page once it controls it.
pub async fn apply_update() {
    let Some(container) = container() else {
        return;
    };
    let reload = Closure::<dyn Fn()>::new(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    let Ok(registration) = JsFuture::from(container.get_registration()).await else {
        return;
    };
    let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
    if let Some(waiting) = registration.waiting() {
        let _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
    }
}

/// Reloads the page to load the app's newest version (a newer version upgraded the database),
/// at most once a minute, so a page whose service worker still serves the old version does not
/// reload over and over: it then says what to do instead. True when it reloads.
pub fn reload_once_for_update() -> bool {
    const KEY: &str = "nahda.reloaded-for-update";
    let Some(window) = web_sys::window() else {
        return false;
    };
    let now = js_sys::Date::now();
    let session = window.session_storage().ok().flatten();
    let last = session
        .as_ref()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|v| decimal(&v));
    if last.is_some_and(|last| now - last < 60_000.0) {
        return false;
    }
    if let Some(session) = session {
        let _ = session.set_item(KEY, &now.to_string());
    }
    window.location().reload().is_ok()
}
