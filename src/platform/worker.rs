//! Web workers of their own WebAssembly module (`src/bin/seal.rs`, `src/bin/xlsform.rs`),
//! started when first called: each call posts a request and waits for its answer, so the page
//! never waits on the work. A worker is stopped as soon as no call waits on it, which gives back
//! its memory. Both sides live here: [`call`] for the page, [`serve`] for the worker.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What a worker posts once it listens.
const READY: &str = "ready";

/// Why a call got no answer from its worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerError {
    /// The worker could not be loaded (offline before its files were cached).
    Unavailable,
    /// The worker or its answer broke.
    Damaged,
    /// The worker's own error, by name.
    Named(String),
}

struct Running {
    worker: web_sys::Worker,
    next: u32,
    waiting: Rc<RefCell<HashMap<u32, Function>>>,
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
    /// The worker was stopped (nothing left to do) or failed to load: the next call starts
    /// another.
    ended: Rc<Cell<bool>>,
    /// Requests made before the worker listens (a message it gets before would be lost);
    /// `None` once it does.
    queued: Rc<RefCell<Option<Vec<Object>>>>,
}

thread_local! {
    static WORKERS: RefCell<HashMap<&'static str, Running>> = RefCell::new(HashMap::new());
}

fn started(script: &'static str) -> Result<(), WorkerError> {
    WORKERS.with(|cell| {
        let mut workers = cell.borrow_mut();
        if workers.get(script).is_some_and(|w| w.ended.get()) {
            if let Some(old) = workers.remove(script) {
                old.worker.terminate();
            }
        }
        if workers.contains_key(script) {
            return Ok(());
        }
        let worker = web_sys::Worker::new(script).map_err(|_| WorkerError::Unavailable)?;
        let waiting: Rc<RefCell<HashMap<u32, Function>>> = Rc::default();
        let ended = Rc::new(Cell::new(false));
        let queued: Rc<RefCell<Option<Vec<Object>>>> = Rc::new(RefCell::new(Some(Vec::new())));
        let answers = waiting.clone();
        let (stopping, idle, held) = (worker.clone(), ended.clone(), queued.clone());
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let data = event.data();
                // The worker says it listens: the requests held until then go to it.
                if data.as_string().as_deref() == Some(READY) {
                    for request in held.borrow_mut().take().unwrap_or_default() {
                        let _ = stopping.post_message(&request);
                    }
                    return;
                }
                let id = Reflect::get(&data, &"id".into())
                    .ok()
                    .and_then(|v| v.as_f64())
                    .map(|v| v as u32);
                if let Some(resolve) = id.and_then(|id| answers.borrow_mut().remove(&id)) {
                    let _ = resolve.call1(&JsValue::NULL, &data);
                }
                if answers.borrow().is_empty() {
                    stopping.terminate();
                    idle.set(true);
                }
            });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // A worker that cannot load answers every waiting call with `Unavailable`, and is
        // started afresh on the next call.
        let failed = waiting.clone();
        let failing = ended.clone();
        let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| {
            let answer = Object::new();
            let _ = Reflect::set(&answer, &"unavailable".into(), &true.into());
            for (_, resolve) in failed.borrow_mut().drain() {
                let _ = resolve.call1(&JsValue::NULL, &answer);
            }
            failing.set(true);
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        workers.insert(
            script,
            Running {
                worker,
                next: 0,
                waiting,
                _on_message: on_message,
                _on_error: on_error,
                ended,
                queued,
            },
        );
        Ok(())
    })
}

/// Sends a request to the worker of this loader script (the one Trunk writes, such as
/// `./nahda-seal_loader.js`), starting it if needed, and waits for its answer.
pub async fn call(script: &'static str, request: Object) -> Result<JsValue, WorkerError> {
    started(script)?;
    let promise = WORKERS.with(|cell| {
        let mut workers = cell.borrow_mut();
        let running = workers.get_mut(script).ok_or(WorkerError::Damaged)?;
        running.next += 1;
        let id = running.next;
        let _ = Reflect::set(&request, &"id".into(), &id.into());
        let waiting = running.waiting.clone();
        let promise = Promise::new(&mut |resolve, _| {
            waiting.borrow_mut().insert(id, resolve);
        });
        match running.queued.borrow_mut().as_mut() {
            Some(held) => held.push(request),
            None => running
                .worker
                .post_message(&request)
                .map_err(|_| WorkerError::Damaged)?,
        }
        Ok::<Promise, WorkerError>(promise)
    })?;
    let answer = JsFuture::from(promise)
        .await
        .map_err(|_| WorkerError::Damaged)?;
    if field(&answer, "unavailable").is_truthy() {
        return Err(WorkerError::Unavailable);
    }
    if let Some(name) = field(&answer, "error").as_string() {
        return Err(WorkerError::Named(name));
    }
    Reflect::get(&answer, &"ok".into()).map_err(|_| WorkerError::Damaged)
}

/// A request with its operation and, if any, its bytes.
pub fn request(op: &str, data: Option<&[u8]>) -> Object {
    let request = Object::new();
    let _ = Reflect::set(&request, &"op".into(), &op.into());
    if let Some(data) = data {
        let _ = Reflect::set(&request, &"data".into(), &Uint8Array::from(data).into());
    }
    request
}

/// A field of a request or an answer; undefined when it has none.
pub fn field(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// The bytes a request or an answer carries; empty when it carries none.
pub fn bytes(value: JsValue) -> Vec<u8> {
    if value.is_instance_of::<Uint8Array>() {
        Uint8Array::from(value).to_vec()
    } else {
        Vec::new()
    }
}

/// Runs in a worker: answers every request with `run`'s result, `{id, ok}` or `{id, error}`
/// with the error's name, and says it listens.
pub fn serve<E: std::fmt::Debug + 'static>(run: fn(&JsValue) -> Result<JsValue, E>) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let request = event.data();
            let answer = Object::new();
            let _ = Reflect::set(&answer, &"id".into(), &field(&request, "id"));
            let _ = match run(&request) {
                Ok(value) => Reflect::set(&answer, &"ok".into(), &value),
                Err(error) => Reflect::set(&answer, &"error".into(), &format!("{error:?}").into()),
            };
            let _ = replies.post_message(&answer);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages sent before this point found no listener: the page holds its requests until now.
    let _ = scope.post_message(&READY.into());
}
