//! The app's other tabs on this device (two browser tabs, or the installed app beside a tab):
//! after writing submissions a tab announces their ids on a `BroadcastChannel`, and every
//! other tab of the app hears it and takes the change in. A tab does not hear itself.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The channel's name, the same in every tab of the app.
const CHANNEL: &str = "nahda";

type Listener = Rc<dyn Fn(&[String])>;

struct Channel {
    channel: web_sys::BroadcastChannel,
    listeners: Vec<(u64, Listener)>,
    next: u64,
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
}

thread_local! {
    static CHANNEL_OF_PAGE: RefCell<Option<Channel>> = const { RefCell::new(None) };
}

fn with_channel<R>(f: impl FnOnce(&mut Channel) -> R) -> Option<R> {
    CHANNEL_OF_PAGE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let channel = web_sys::BroadcastChannel::new(CHANNEL).ok()?;
            let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(heard);
            channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            *slot = Some(Channel {
                channel,
                listeners: Vec::new(),
                next: 0,
                _on_message: on_message,
            });
        }
        slot.as_mut().map(f)
    })
}

fn heard(event: web_sys::MessageEvent) {
    let data = event.data();
    if !js_sys::Array::is_array(&data) {
        return;
    }
    let ids: Vec<String> = js_sys::Array::from(&data)
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    let listeners: Vec<Listener> = CHANNEL_OF_PAGE.with(|cell| {
        cell.borrow()
            .as_ref()
            .map(|c| c.listeners.iter().map(|(_, l)| l.clone()).collect())
            .unwrap_or_default()
    });
    for listener in listeners {
        listener(&ids);
    }
}

/// Tells the other tabs that these submissions were written.
pub fn announce(ids: &[String]) {
    if ids.is_empty() {
        return;
    }
    let data: js_sys::Array = ids.iter().map(|id| JsValue::from_str(id)).collect();
    with_channel(|c| c.channel.post_message(&data));
}

/// Listens to the other tabs' announcements until the returned handle is dropped.
pub fn listen(listener: impl Fn(&[String]) + 'static) -> Listening {
    let id = with_channel(|c| {
        c.next += 1;
        c.listeners.push((c.next, Rc::new(listener)));
        c.next
    });
    Listening(id)
}

/// An active listener; dropping it stops listening.
pub struct Listening(Option<u64>);

impl Drop for Listening {
    fn drop(&mut self) {
        if let Some(id) = self.0 {
            with_channel(|c| c.listeners.retain(|(l, _)| *l != id));
        }
    }
}
