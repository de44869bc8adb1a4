//! The sealing worker (`src/bin/seal.rs`), started when a file is sealed or opened: each call
//! posts a request and waits for its answer, so the page never waits on the age code or its
//! passphrase derivation. The worker is stopped as soon as no call waits on it, which gives
//! back the memory a passphrase takes (scrypt at 2^18 needs 256 MiB).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::seal::SealError;

/// The loader Trunk writes for the worker.
const WORKER_SCRIPT: &str = "./nahda-seal_loader.js";
/// What the worker posts once it listens.
pub const READY: &str = "ready";

struct Sealer {
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
    static SEALER: RefCell<Option<Sealer>> = const { RefCell::new(None) };
}

fn started() -> Result<(), SealError> {
    SEALER.with(|cell| {
        if let Some(sealer) = cell.borrow_mut().take_if(|s| s.ended.get()) {
            sealer.worker.terminate();
        }
        if cell.borrow().is_some() {
            return Ok(());
        }
        let worker = web_sys::Worker::new(WORKER_SCRIPT).map_err(|_| SealError::Unavailable)?;
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
        // A worker that cannot load (offline before its files were cached) answers every
        // waiting call with `Unavailable`, and is started afresh on the next call.
        let failed = waiting.clone();
        let failing = ended.clone();
        let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| {
            let answer = Object::new();
            let _ = Reflect::set(&answer, &"error".into(), &"Unavailable".into());
            for (_, resolve) in failed.borrow_mut().drain() {
                let _ = resolve.call1(&JsValue::NULL, &answer);
            }
            failing.set(true);
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        *cell.borrow_mut() = Some(Sealer {
            worker,
            next: 0,
            waiting,
            _on_message: on_message,
            _on_error: on_error,
            ended,
            queued,
        });
        Ok(())
    })
}

async fn call(request: Object) -> Result<JsValue, SealError> {
    started()?;
    let promise = SEALER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let sealer = slot.as_mut().ok_or(SealError::Damaged)?;
        sealer.next += 1;
        let id = sealer.next;
        let _ = Reflect::set(&request, &"id".into(), &id.into());
        let waiting = sealer.waiting.clone();
        let promise = Promise::new(&mut |resolve, _| {
            waiting.borrow_mut().insert(id, resolve);
        });
        match sealer.queued.borrow_mut().as_mut() {
            Some(held) => held.push(request),
            None => sealer
                .worker
                .post_message(&request)
                .map_err(|_| SealError::Damaged)?,
        }
        Ok::<Promise, SealError>(promise)
    })?;
    let answer = JsFuture::from(promise)
        .await
        .map_err(|_| SealError::Damaged)?;
    if let Some(name) = Reflect::get(&answer, &"error".into())
        .ok()
        .and_then(|e| e.as_string())
    {
        return Err(SealError::named(&name));
    }
    Reflect::get(&answer, &"ok".into()).map_err(|_| SealError::Damaged)
}

fn request(op: &str, data: Option<&[u8]>) -> Object {
    let request = Object::new();
    let _ = Reflect::set(&request, &"op".into(), &op.into());
    if let Some(data) = data {
        let _ = Reflect::set(&request, &"data".into(), &Uint8Array::from(data).into());
    }
    request
}

fn list(values: &[String]) -> JsValue {
    values
        .iter()
        .map(|v| JsValue::from_str(v))
        .collect::<Array>()
        .into()
}

fn bytes_of(value: JsValue) -> Vec<u8> {
    Uint8Array::new(&value).to_vec()
}

/// Seals for these recipients (`age1…`).
pub async fn seal_for(data: &[u8], recipients: &[String]) -> Result<Vec<u8>, SealError> {
    let request = request("seal_for", Some(data));
    let _ = Reflect::set(&request, &"recipients".into(), &list(recipients));
    call(request).await.map(bytes_of)
}

/// Seals with a passphrase.
pub async fn seal_with_passphrase(data: &[u8], passphrase: &str) -> Result<Vec<u8>, SealError> {
    let request = request("seal_with_passphrase", Some(data));
    let _ = Reflect::set(&request, &"passphrase".into(), &passphrase.into());
    call(request).await.map(bytes_of)
}

/// Opens a sealed file with these identities, or with the passphrase it was sealed with:
/// its content, and whether the passphrase opened it.
pub async fn open(
    sealed: &[u8],
    identities: &[String],
    passphrase: Option<&str>,
) -> Result<(Vec<u8>, bool), SealError> {
    let request = request("open", Some(sealed));
    let _ = Reflect::set(&request, &"identities".into(), &list(identities));
    if let Some(passphrase) = passphrase {
        let _ = Reflect::set(&request, &"passphrase".into(), &passphrase.into());
    }
    let answer = Array::from(&call(request).await?);
    Ok((bytes_of(answer.get(0)), answer.get(1).is_truthy()))
}

/// The recipient (`age1…`) of a secret identity (`AGE-SECRET-KEY-1…`).
pub async fn recipient_of(identity: &str) -> Result<String, SealError> {
    let request = request("recipient_of", None);
    let _ = Reflect::set(&request, &"text".into(), &identity.into());
    call(request)
        .await?
        .as_string()
        .ok_or(SealError::NotAnIdentity)
}

/// A pasted recipient checked (`age1…`), trimmed.
pub async fn read_recipient(text: &str) -> Result<String, SealError> {
    let request = request("read_recipient", None);
    let _ = Reflect::set(&request, &"text".into(), &text.into());
    call(request)
        .await?
        .as_string()
        .ok_or(SealError::NotARecipient)
}

/// A new identity: `(secret, recipient)`.
pub async fn new_identity() -> Result<(String, String), SealError> {
    let pair = call(request("new_identity", None)).await?;
    let pair = Array::from(&pair);
    match (pair.get(0).as_string(), pair.get(1).as_string()) {
        (Some(secret), Some(recipient)) => Ok((secret, recipient)),
        _ => Err(SealError::Damaged),
    }
}
