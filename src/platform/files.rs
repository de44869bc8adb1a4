//! Files in and out: files the person picks (their size checked before anything is read, so a
//! huge file never lands in memory) and files the app saves to the downloads.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a picked file was not read.
#[derive(Debug, Clone, PartialEq)]
pub enum FileError {
    /// Larger than the limit, in bytes; not read at all.
    TooLarge { limit: f64 },
    /// The browser could not read it, or it is not text.
    Unreadable,
}

/// Reads a picked file as text when it is at most `limit` bytes.
pub async fn read_text(file: &web_sys::File, limit: f64) -> Result<String, FileError> {
    if file.size() > limit {
        return Err(FileError::TooLarge { limit });
    }
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| FileError::Unreadable)?;
    text.as_string().ok_or(FileError::Unreadable)
}

/// Reads a picked file's bytes when it is at most `limit` bytes.
pub async fn read_bytes(file: &web_sys::File, limit: f64) -> Result<Vec<u8>, FileError> {
    if file.size() > limit {
        return Err(FileError::TooLarge { limit });
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| FileError::Unreadable)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Saves bytes as a file in the browser's downloads, under the given name.
pub fn save_bytes(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), FileError> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    download(file_name, &parts, mime)
}

/// Saves text as a file in the browser's downloads, under the given name.
pub fn save_text(file_name: &str, text: &str, mime: &str) -> Result<(), FileError> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    download(file_name, &parts, mime)
}

fn download(file_name: &str, parts: &js_sys::Array, mime: &str) -> Result<(), FileError> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_buffer_source_sequence_and_options(parts, &options)
        .map_err(|_| FileError::Unreadable)?;
    let url =
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| FileError::Unreadable)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(FileError::Unreadable)?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| FileError::Unreadable)?
        .dyn_into()
        .map_err(|_| FileError::Unreadable)?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // The download has started from the link; the URL can go once the click is handled.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
