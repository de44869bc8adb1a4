//! The sealing worker: a web worker of its own, with its own small WebAssembly module, that
//! seals and opens files in the age format (`nahda::seal`). The app loads it only when a file
//! is sealed or opened, so the age code and its slow passphrase derivation never weigh on the
//! first visit or freeze the page.
//!
//! Once it listens it posts `"ready"`. Requests are objects `{id, op, data, recipients, identities, passphrase, text}`; each answer is
//! `{id, ok}` or `{id, error}` with the name of the `SealError`.

#[cfg(target_arch = "wasm32")]
fn main() {
    nahda::platform::worker::serve(worker::run);
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, Uint8Array};
    use nahda::platform::worker::{bytes, field};
    use nahda::seal::{self, SealError};
    use wasm_bindgen::JsValue;

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

    pub fn run(request: &JsValue) -> Result<JsValue, SealError> {
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
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The sealing worker runs in the browser, started by the app.");
}
