//! The phone's location, for the optional GPS question.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// The current position as (latitude, longitude, accuracy in metres), or `None` when the
/// browser has no location, the person refuses, or it takes longer than 20 seconds.
pub async fn current_position() -> Option<(f64, f64, f64)> {
    let geolocation = web_sys::window()?.navigator().geolocation().ok()?;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let options = web_sys::PositionOptions::new();
        options.set_enable_high_accuracy(true);
        options.set_timeout(20_000);
        let _ = geolocation.get_current_position_with_error_callback_and_options(
            &resolve,
            Some(&reject),
            &options,
        );
    });
    // Read by name: browsers call the type `GeolocationPosition` now and `Position` before, so
    // a check of the type would fail on one or the other.
    let position = JsFuture::from(promise).await.ok()?;
    let coords = js_sys::Reflect::get(&position, &JsValue::from_str("coords")).ok()?;
    let number = |name: &str| {
        js_sys::Reflect::get(&coords, &JsValue::from_str(name))
            .ok()?
            .as_f64()
    };
    Some((
        number("latitude")?,
        number("longitude")?,
        number("accuracy")?,
    ))
}
