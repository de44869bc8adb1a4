//! The service worker (`public/sw.js`) that keeps the app in the browser's cache for offline use.

/// Registers the service worker; the app works the same without one (older browsers, or a
/// page not served over HTTPS or localhost).
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    let has_service_worker = js_sys::Reflect::has(
        &navigator,
        &wasm_bindgen::JsValue::from_str("serviceWorker"),
    )
    .unwrap_or(false);
    if has_service_worker {
        let _ = navigator.service_worker().register("sw.js");
    }
}
