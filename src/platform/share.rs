//! Sharing a file through the phone's share sheet (the Web Share API with files), where the
//! browser has it. Called through `Reflect` because web-sys only offers it as unstable.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn navigator() -> Option<JsValue> {
    web_sys::window().map(|w| w.navigator().into())
}

fn method(target: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()?
        .dyn_into::<Function>()
        .ok()
}

fn share_data(file_name: &str, bytes: &[u8], mime: &str) -> Option<Object> {
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let file = web_sys::File::new_with_buffer_source_sequence_and_options(
        &Array::of1(&js_sys::Uint8Array::from(bytes)),
        file_name,
        &options,
    )
    .ok()?;
    let data = Object::new();
    Reflect::set(&data, &"files".into(), &Array::of1(&file)).ok()?;
    Some(data)
}

/// True when this browser can share a file of this type.
pub fn can_share_files(mime: &str) -> bool {
    let (Some(navigator), Some(data)) = (navigator(), share_data("probe", &[], mime)) else {
        return false;
    };
    method(&navigator, "share").is_some()
        && method(&navigator, "canShare")
            .and_then(|can| can.call1(&navigator, &data).ok())
            .is_some_and(|answer| answer.is_truthy())
}

/// Why a file was not shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareError {
    /// The person closed the share sheet.
    Cancelled,
    /// The browser refused or failed.
    Failed,
}

/// Opens the share sheet with the file; `Ok` once an app took it.
pub async fn share_file(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), ShareError> {
    let navigator = navigator().ok_or(ShareError::Failed)?;
    let data = share_data(file_name, bytes, mime).ok_or(ShareError::Failed)?;
    let share = method(&navigator, "share").ok_or(ShareError::Failed)?;
    let promise: js_sys::Promise = share
        .call1(&navigator, &data)
        .and_then(|p| p.dyn_into())
        .map_err(|_| ShareError::Failed)?;
    JsFuture::from(promise).await.map(drop).map_err(|error| {
        // Closing the share sheet rejects with an AbortError.
        let name = error
            .dyn_ref::<web_sys::DomException>()
            .map(|e| e.name())
            .unwrap_or_default();
        if name == "AbortError" {
            ShareError::Cancelled
        } else {
            ShareError::Failed
        }
    })
}
