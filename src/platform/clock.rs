//! The device's clock: the core never reads it, it is given times from here.

use wasm_bindgen::{JsCast, JsValue};

use crate::core::phrase::Moment;

/// Now, as an RFC 3339 UTC timestamp with milliseconds (`2026-11-29T10:00:00.000Z`).
pub fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Today's date on this device, in local time, as `YYYY-MM-DD`.
pub fn today() -> String {
    let date = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}

/// Tomorrow's date on this device, in local time, as `YYYY-MM-DD`: anything dated after it
/// comes from a wrong clock.
pub fn tomorrow() -> String {
    let date = js_sys::Date::new_0();
    date.set_date(date.get_date() + 1);
    format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}

/// A stored timestamp (RFC 3339, UTC) on this device's clock: its local day, time and zone.
/// `None` when the text is not a timestamp.
pub fn local(timestamp: &str) -> Option<Moment> {
    let date = js_sys::Date::new(&timestamp.into());
    if date.get_time().is_nan() {
        return None;
    }
    Some(Moment {
        day: format!(
            "{:04}-{:02}-{:02}",
            date.get_full_year(),
            date.get_month() + 1,
            date.get_date()
        ),
        time: format!("{:02}:{:02}", date.get_hours(), date.get_minutes()),
        zone: ZONE.with(String::clone),
    })
}

thread_local! {
    /// The device's time zone (`Asia/Damascus`), asked of the browser once per visit.
    static ZONE: String = {
        let options =
            js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
                .resolved_options();
        js_sys::Reflect::get(&options, &"timeZone".into())
            .ok()
            .and_then(|z| z.as_string())
            .unwrap_or_default()
    };
}

/// Milliseconds since the page started, to time work on it (`performance.now()`).
pub fn page_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Leaves a named mark on the page's performance timeline, for the benchmarks to read.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Records the time from the mark `start` until now as the measure `name`.
pub fn measure_since(name: &str, start: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.measure_with_start_mark(name, start);
    }
}

/// Waits until the browser has had a turn: long work done in slices awaits this between them,
/// so the page keeps drawing and answering taps. The turn is a message posted to itself, an
/// ordinary task behind those already waiting: a chain of zero timeouts would be held back
/// 4 ms a turn once nested (the HTML standard's clamp), which adds up over a long import, and
/// `scheduler.yield()` would go before the page's own timers.
pub async fn next_turn() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return after(0).await;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(&resolve));
        let _ = channel.port2().post_message(&JsValue::NULL);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    channel.port1().set_onmessage(None);
}

/// How long [`AfterFrame`] waits at most for a frame: a hidden page draws none.
const FRAME_WAIT_MS: i32 = 100;

/// A wait until the page has drawn its next frame (an animation frame, then a timer it sets,
/// which runs once the frame is painted), or [`FRAME_WAIT_MS`] where no frame comes;
/// [`AfterFrame::end`] ends it at once.
pub struct AfterFrame {
    done: js_sys::Promise,
    end: Option<js_sys::Function>,
}

/// Starts waiting for the page's next frame to be drawn.
pub fn after_frame() -> AfterFrame {
    let mut end = None;
    let done = js_sys::Promise::new(&mut |resolve: js_sys::Function, _| {
        if let Some(window) = web_sys::window() {
            let resolve_after = resolve.clone();
            let after = wasm_bindgen::closure::Closure::once_into_js(move || {
                if let Some(window) = web_sys::window() {
                    let _ = window.set_timeout_with_callback(&resolve_after);
                }
            });
            let _ = window.request_animation_frame(after.unchecked_ref());
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, FRAME_WAIT_MS);
        }
        end = Some(resolve);
    });
    AfterFrame { done, end }
}

impl AfterFrame {
    /// What ends the wait at once when called.
    pub fn end(&self) -> Option<js_sys::Function> {
        self.end.clone()
    }

    /// Waits until the frame is drawn, or the wait is ended.
    pub async fn wait(self) {
        let _ = wasm_bindgen_futures::JsFuture::from(self.done).await;
    }
}

/// Waits this many milliseconds, letting the browser run meanwhile.
pub async fn after(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
