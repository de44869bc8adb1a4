//! The browser's storage manager: usage and quota, and the request to keep the app's data.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::core::health::StorageHealth;

fn manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Older browsers have no `navigator.storage`.
    js_sys::Reflect::has(&navigator, &JsValue::from_str("storage"))
        .ok()?
        .then(|| navigator.storage())
}

async fn settle(promise: Result<js_sys::Promise, JsValue>) -> Option<JsValue> {
    JsFuture::from(promise.ok()?).await.ok()
}

/// Usage, quota and whether the data is kept, as far as the browser tells.
pub async fn health() -> StorageHealth {
    let Some(manager) = manager() else {
        return StorageHealth::default();
    };
    let estimate = settle(manager.estimate()).await;
    let field = |name: &str| {
        estimate
            .as_ref()
            .and_then(|e| js_sys::Reflect::get(e, &JsValue::from_str(name)).ok())
            .and_then(|v| v.as_f64())
    };
    StorageHealth {
        usage: field("usage"),
        quota: field("quota"),
        persisted: settle(manager.persisted()).await.and_then(|v| v.as_bool()),
    }
}

/// Asks the browser to keep the app's data even when space runs low; its answer.
pub async fn request_persistence() -> Option<bool> {
    settle(manager()?.persist()).await.and_then(|v| v.as_bool())
}
