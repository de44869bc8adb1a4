//! Photos, recordings and clips the person picks or takes, read as `data:` URLs: a photo is
//! first drawn again at most [`PHOTO_SIDE`] pixels on its longest side, as JPEG, so a phone's
//! 4 MB picture is kept as a file of a few hundred kilobytes. And the code (barcode, QR code)
//! in a picture, where the browser reads codes.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::core::media::{PHOTO_QUALITY, PHOTO_SIDE};
use crate::platform::files::FileError;

/// The largest picture read at all, before it is made smaller.
const PHOTO_READ_LIMIT: f64 = 40.0 * 1024.0 * 1024.0;

/// Any failure of the browser to read or draw a file.
fn unreadable<E>(_: E) -> FileError {
    FileError::Unreadable
}

/// A photo, made smaller, as a JPEG `data:` URL.
pub async fn photo(file: &web_sys::File) -> Result<String, FileError> {
    if file.size() > PHOTO_READ_LIMIT {
        return Err(FileError::TooLarge {
            limit: PHOTO_READ_LIMIT,
        });
    }
    let window = web_sys::window().ok_or(FileError::Unreadable)?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(
        window
            .create_image_bitmap_with_blob(file)
            .map_err(unreadable)?,
    )
    .await
    .map_err(unreadable)?
    .dyn_into()
    .map_err(unreadable)?;
    let (width, height) = (bitmap.width(), bitmap.height());
    if width == 0 || height == 0 {
        return Err(FileError::Unreadable);
    }
    let scale = (PHOTO_SIDE as f64 / width.max(height) as f64).min(1.0);
    let (w, h) = (
        ((width as f64 * scale).round() as u32).max(1),
        ((height as f64 * scale).round() as u32).max(1),
    );
    let canvas: web_sys::HtmlCanvasElement = window
        .document()
        .ok_or(FileError::Unreadable)?
        .create_element("canvas")
        .map_err(unreadable)?
        .dyn_into()
        .map_err(unreadable)?;
    canvas.set_width(w);
    canvas.set_height(h);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(unreadable)?
        .ok_or(FileError::Unreadable)?
        .dyn_into()
        .map_err(unreadable)?;
    context
        .draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, w as f64, h as f64)
        .map_err(unreadable)?;
    bitmap.close();
    canvas
        .to_data_url_with_type_and_encoder_options("image/jpeg", &JsValue::from(PHOTO_QUALITY))
        .map_err(unreadable)
}

/// A recording or clip as it is, as a `data:` URL, when it is at most `limit` bytes.
pub async fn as_is(file: &web_sys::File, limit: f64) -> Result<String, FileError> {
    if file.size() > limit {
        return Err(FileError::TooLarge { limit });
    }
    let reader = web_sys::FileReader::new().map_err(unreadable)?;
    let read = js_sys::Promise::new(&mut |resolve, reject| {
        reader.set_onload(Some(&resolve));
        reader.set_onerror(Some(&reject));
    });
    reader.read_as_data_url(file).map_err(unreadable)?;
    JsFuture::from(read).await.map_err(unreadable)?;
    reader
        .result()
        .map_err(unreadable)?
        .as_string()
        .ok_or(FileError::Unreadable)
}

/// Whether the browser reads codes from pictures (`BarcodeDetector`: Chrome on Android, not
/// every desktop browser).
pub fn reads_codes() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::get(&w, &JsValue::from_str("BarcodeDetector"))
            .is_ok_and(|c| c.is_function())
    })
}

/// The first code (barcode or QR code) the browser finds in a picture, `None` when it finds
/// none.
pub async fn read_code(file: &web_sys::File) -> Result<Option<String>, FileError> {
    if file.size() > PHOTO_READ_LIMIT {
        return Err(FileError::TooLarge {
            limit: PHOTO_READ_LIMIT,
        });
    }
    let window = web_sys::window().ok_or(FileError::Unreadable)?;
    let bitmap = JsFuture::from(
        window
            .create_image_bitmap_with_blob(file)
            .map_err(unreadable)?,
    )
    .await
    .map_err(unreadable)?;
    let detector_class: js_sys::Function =
        js_sys::Reflect::get(&window, &JsValue::from_str("BarcodeDetector"))
            .map_err(unreadable)?
            .dyn_into()
            .map_err(unreadable)?;
    let detector =
        js_sys::Reflect::construct(&detector_class, &js_sys::Array::new()).map_err(unreadable)?;
    let detect: js_sys::Function = js_sys::Reflect::get(&detector, &JsValue::from_str("detect"))
        .map_err(unreadable)?
        .dyn_into()
        .map_err(unreadable)?;
    let promise: js_sys::Promise = detect
        .call1(&detector, &bitmap)
        .map_err(unreadable)?
        .dyn_into()
        .map_err(unreadable)?;
    let found: js_sys::Array = JsFuture::from(promise)
        .await
        .map_err(unreadable)?
        .dyn_into()
        .map_err(unreadable)?;
    Ok(
        js_sys::Reflect::get(&found.get(0), &JsValue::from_str("rawValue"))
            .ok()
            .and_then(|v| v.as_string())
            .filter(|code| !code.is_empty()),
    )
}
