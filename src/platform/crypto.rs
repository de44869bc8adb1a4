//! The browser's Web Crypto, for this device's signing key: an Ed25519 key pair whose private
//! half is created non-extractable (no script, not even the app's, can read it out), kept as a
//! `CryptoKey` in IndexedDB, and used to sign. Verifying lives in the core (`core::keys`).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::core::digest::hex;
use crate::core::keys::PublicKey;

/// Why the key could not be made or used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CryptoUnavailable(pub String);

fn subtle() -> Result<web_sys::SubtleCrypto, CryptoUnavailable> {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.subtle())
        .ok_or_else(|| CryptoUnavailable("no Web Crypto".into()))
}

fn failed(error: JsValue) -> CryptoUnavailable {
    CryptoUnavailable(
        error
            .dyn_ref::<web_sys::DomException>()
            .map(|e| format!("{}: {}", e.name(), e.message()))
            .unwrap_or_else(|| format!("{error:?}")),
    )
}

/// A key pair as the browser holds it: a plain object `{privateKey, publicKey}` of
/// `CryptoKey`s that IndexedDB stores as it is. Nothing outside the browser can read its
/// private half.
#[derive(Debug, Clone)]
pub struct KeyPair(JsValue);

impl KeyPair {
    /// The pair as read back from IndexedDB.
    pub fn from_stored(value: JsValue) -> KeyPair {
        KeyPair(value)
    }

    /// The pair as IndexedDB stores it.
    pub fn stored(&self) -> &JsValue {
        &self.0
    }
}

/// A new key pair and its public key.
pub async fn new_key_pair() -> Result<(KeyPair, PublicKey), CryptoUnavailable> {
    let subtle = subtle()?;
    let usages = js_sys::Array::of1(&"sign".into());
    let pair = JsFuture::from(
        subtle
            .generate_key_with_str("Ed25519", false, &usages)
            .map_err(failed)?,
    )
    .await
    .map_err(failed)?;
    let public: web_sys::CryptoKey = js_sys::Reflect::get(&pair, &"publicKey".into())
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    let raw = JsFuture::from(subtle.export_key("raw", &public).map_err(failed)?)
        .await
        .map_err(failed)?;
    let bytes = js_sys::Uint8Array::new(&raw).to_vec();
    let bytes: [u8; 32] = bytes
        .try_into()
        .map_err(|_| CryptoUnavailable("the public key is not 32 bytes".into()))?;
    Ok((KeyPair(pair), PublicKey::from_bytes(bytes)))
}

/// The signature (128 hex digits) of `message` with the private key of `pair`.
pub async fn sign(pair: &KeyPair, message: &[u8]) -> Result<String, CryptoUnavailable> {
    let private: web_sys::CryptoKey = js_sys::Reflect::get(&pair.0, &"privateKey".into())
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    let signature = JsFuture::from(
        subtle()?
            .sign_with_str_and_u8_array("Ed25519", &private, message)
            .map_err(failed)?,
    )
    .await
    .map_err(failed)?;
    Ok(hex(&js_sys::Uint8Array::new(&signature).to_vec()))
}
