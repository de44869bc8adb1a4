//! The sealing worker: a web worker of its own, with its own small WebAssembly module, that
//! seals and opens files in the age format (`nahda::seal`). The app loads it only when a file
//! is sealed or opened, so the age code and its slow passphrase derivation never weigh on the
//! first visit or freeze the page.
//!
//! Once it listens it posts `"ready"`. Requests are objects `{id, op, data, recipients, identities, passphrase, text}`; each answer is
//! `{id, ok}` or `{id, error}` with the name of the `SealError`.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let _ = replies.post_message(&worker::answer(&event.data()));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages sent before this point found no listener: the page holds its requests until now.
    let _ = scope.post_message(&nahda::platform::sealer::READY.into());
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use nahda::seal::{self, SealError};
    use wasm_bindgen::{JsCast, JsValue};

    fn field(request: &JsValue, name: &str) -> JsValue {
        Reflect::get(request, &name.into()).unwrap_or(JsValue::UNDEFINED)
    }

    fn strings(value: JsValue) -> Vec<String> {
        if Array::is_array(&value) {
            Array::from(&value)
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        } else {
            Vec::new()
        }
    }

    fn bytes(value: JsValue) -> Vec<u8> {
        if value.is_instance_of::<Uint8Array>() {
            Uint8Array::from(value).to_vec()
        } else {
            Vec::new()
        }
    }

    fn run(request: &JsValue) -> Result<JsValue, SealError> {
        let data = || bytes(field(request, "data"));
        let passphrase = field(request, "passphrase").as_string();
        match field(request, "op").as_string().as_deref() {
            Some("seal_for") => {
                let sealed = seal::seal_for(&data(), &strings(field(request, "recipients")))?;
                Ok(Uint8Array::from(sealed.as_slice()).into())
            }
            Some("seal_with_passphrase") => {
                let sealed =
                    seal::seal_with_passphrase(&data(), passphrase.as_deref().unwrap_or_default())?;
                Ok(Uint8Array::from(sealed.as_slice()).into())
            }
            Some("open") => {
                let sealed = data();
                let opened = seal::open(
                    &sealed,
                    &strings(field(request, "identities")),
                    passphrase.as_deref(),
                )?;
                let by_passphrase = seal::needs_passphrase(&sealed);
                Ok(Array::of2(&Uint8Array::from(opened.as_slice()), &by_passphrase.into()).into())
            }
            Some("new_identity") => {
                let (secret, recipient) = seal::new_identity();
                Ok(Array::of2(&secret.into(), &recipient.into()).into())
            }
            Some("recipient_of") => {
                let text = field(request, "text").as_string().unwrap_or_default();
                seal::recipient_of(&text).map(JsValue::from)
            }
            Some("read_recipient") => {
                let text = field(request, "text").as_string().unwrap_or_default();
                seal::read_recipient(&text).map(JsValue::from)
            }
            _ => Err(SealError::Damaged),
        }
    }

    /// The answer to one request.
    pub fn answer(request: &JsValue) -> JsValue {
        let answer = Object::new();
        let _ = Reflect::set(&answer, &"id".into(), &field(request, "id"));
        let _ = match run(request) {
            Ok(value) => Reflect::set(&answer, &"ok".into(), &value),
            Err(error) => Reflect::set(&answer, &"error".into(), &format!("{error:?}").into()),
        };
        answer.into()
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The sealing worker runs in the browser, started by the app.");
}
