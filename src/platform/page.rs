//! The page itself: asking the person to confirm, printing, the focus and the scroll, whether
//! the page is on screen, work left for when it is idle, and events dispatched on the window.

use wasm_bindgen::{JsCast, JsValue};

fn element(id: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into()
        .ok()
}

/// Asks the person a yes-or-no question in the browser's own dialog; `false` when it cannot.
pub fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Scrolls back to the top of the page.
pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The id of the element that has the focus, if it has one.
pub fn focused_id() -> Option<String> {
    let id = web_sys::window()?.document()?.active_element()?.id();
    (!id.is_empty()).then_some(id)
}

/// Gives the focus back to the element with this id (after it was drawn again).
pub fn focus(id: &str) {
    if let Some(element) = element(id) {
        let _ = element.focus();
    }
}

/// Scrolls the element with this id into view and gives it the focus.
pub fn show_and_focus(id: &str) {
    if let Some(element) = element(id) {
        element.scroll_into_view();
        let _ = element.focus();
    }
}

/// Scrolls the first element `selector` matches into view within its scrolling box (the
/// section strip on a phone), moving as little as possible.
pub fn reveal(selector: &str) {
    let found = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten());
    if let Some(element) = found {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        options.set_inline(web_sys::ScrollLogicalPosition::Center);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// True when the page is on screen (not a background tab, not a locked phone).
pub fn is_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
}

/// Dispatches an event of this name on the window, for whoever listens.
pub fn dispatch(event_name: &str) {
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(event_name)) {
        let _ = window.dispatch_event(&event);
    }
}

/// How long work left for an idle moment waits at most: a browser may find no idle moment
/// for seconds (Chromium, after a click, until something else happens on the page).
const IDLE_WAIT_MS: u32 = 200;

/// An idle moment: how long the browser expects the page to stay idle.
pub struct Idle(Option<web_sys::IdleDeadline>);

impl Idle {
    /// The milliseconds left of the idle moment: 0 when it came because the wait was over, or
    /// where the browser does not say.
    pub fn left_ms(&self) -> f64 {
        self.0
            .as_ref()
            .filter(|deadline| !deadline.did_timeout())
            .map_or(0.0, web_sys::IdleDeadline::time_remaining)
    }
}

/// Runs `work` once the page is idle, or after [`IDLE_WAIT_MS`] at the latest
/// (`requestIdleCallback`; a zero timeout where the browser has none, as Safari), so that it
/// does not delay what the person is doing.
pub fn when_idle(work: impl FnOnce(Idle) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = wasm_bindgen::closure::Closure::once_into_js(move |deadline: JsValue| {
        work(Idle(deadline.dyn_into().ok()))
    });
    let callback = callback.unchecked_ref();
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(IDLE_WAIT_MS);
    if window
        .request_idle_callback_with_options(callback, &options)
        .is_err()
    {
        let _ = window.set_timeout_with_callback(callback);
    }
}
