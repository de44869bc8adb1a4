//! This device's keys (its signing key pair and, on a coordinator's device, the sealing
//! identities bundles are sealed for) and the senders' keys it trusts. The device's signing key pair is kept
//! as the browser's `CryptoKey`s (its private half cannot be read out); it is made once, and
//! a second tab that makes one at the same moment keeps the first.

use wasm_bindgen::JsValue;

use crate::core::keys::PublicKey;
use crate::core::trust::TrustedKey;
use crate::platform::crypto::KeyPair;
use crate::seal::SealingIdentity;

use super::db::{stores, Db};
use super::settings::Setting;
use super::StorageError;

/// The key of the device's signing key pair in the keys store.
const DEVICE_KEY: &str = "device";

/// The device's signing key pair (`{privateKey, publicKey}`) and its public key, if made.
pub async fn device_pair(db: &Db) -> Result<Option<(KeyPair, PublicKey)>, StorageError> {
    let Some(record) = db
        .get_raw(stores::KEYS, &JsValue::from_str(DEVICE_KEY))
        .await?
    else {
        return Ok(None);
    };
    let field = |name: &str| js_sys::Reflect::get(&record, &JsValue::from_str(name)).ok();
    let public = field("public_key")
        .and_then(|v| v.as_string())
        .and_then(|hex| PublicKey::from_hex(&hex).ok())
        .ok_or_else(|| StorageError::Corrupt("the device key".into()))?;
    let pair = field("pair").ok_or_else(|| StorageError::Corrupt("the device key".into()))?;
    Ok(Some((KeyPair::from_stored(pair), public)))
}

/// Keeps a newly made key pair as the device's, unless another tab kept one first: `false`
/// then, and the caller reads that one.
pub async fn keep_device_pair(
    db: &Db,
    pair: &KeyPair,
    public: &PublicKey,
) -> Result<bool, StorageError> {
    let record = js_sys::Object::new();
    let set = |name: &str, value: &JsValue| js_sys::Reflect::set(&record, &name.into(), value);
    set("key", &DEVICE_KEY.into())
        .and_then(|_| set("pair", pair.stored()))
        .and_then(|_| set("public_key", &public.to_hex().into()))
        .map_err(|_| StorageError::Corrupt("the device key".into()))?;
    db.add_raw(stores::KEYS, &record).await
}

/// Every sender's key this device was told to trust (revoked ones included).
pub async fn trusted(db: &Db) -> Result<Vec<TrustedKey>, StorageError> {
    db.all(stores::TRUSTED).await
}

/// The key of the coordinator's sealing identities in the keys store.
const SEALING: &str = "sealing";

/// The sealing identities made or restored on this device, the first made first.
pub async fn sealing_identities(db: &Db) -> Result<Vec<SealingIdentity>, StorageError> {
    let record: Option<Setting<Vec<SealingIdentity>>> =
        db.get(stores::KEYS, &JsValue::from_str(SEALING)).await?;
    Ok(record.map(|r| r.value).unwrap_or_default())
}

/// Writes the sealing identities.
pub async fn keep_sealing_identities(
    db: &Db,
    identities: &[SealingIdentity],
) -> Result<(), StorageError> {
    db.put(
        stores::KEYS,
        &Setting {
            key: SEALING.to_string(),
            value: identities,
        },
    )
    .await
}
