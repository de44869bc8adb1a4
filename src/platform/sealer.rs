//! The sealing worker (`src/bin/seal.rs`), started when a file is sealed or opened
//! (`platform::worker`), so the page never waits on the age code or its passphrase derivation;
//! stopped when no call waits on it, which gives back the memory a passphrase takes (scrypt at
//! 2^18 needs 256 MiB).

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::JsValue;

use crate::platform::worker::{self, request, WorkerError};
use crate::seal::SealError;

/// The loader Trunk writes for the worker.
const WORKER_SCRIPT: &str = "./nahda-seal_loader.js";

async fn call(request: Object) -> Result<JsValue, SealError> {
    worker::call(WORKER_SCRIPT, request)
        .await
        .map_err(|error| match error {
            WorkerError::Unavailable => SealError::Unavailable,
            WorkerError::Damaged => SealError::Damaged,
            WorkerError::Named(name) => SealError::named(&name),
        })
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
