//! This device's signing key (made on first start, its private half never leaving the
//! browser's key store) and the senders' keys the person trusts: add one from pasted text,
//! rename it, mark it as a coordinator's or a form author's, revoke it.

use std::cell::RefCell;

use crate::core::i18n::Msg;
use crate::core::keys::{read_key_text, PublicKey};
use crate::core::order;
use crate::core::trust::{Trust, TrustedKey};
use crate::platform::clock;
use crate::platform::crypto::{self, KeyPair};
use crate::state::store::db;
use crate::storage::{keys, Batch};

thread_local! {
    /// The key pair once read, for the rest of the visit.
    static OWN: RefCell<Option<(KeyPair, PublicKey)>> = const { RefCell::new(None) };
}

async fn own() -> Result<(KeyPair, PublicKey), Msg> {
    if let Some(own) = OWN.with(|o| o.borrow().clone()) {
        return Ok(own);
    }
    let db = db().await?;
    let own = match keys::device_pair(&db).await? {
        Some(own) => own,
        None => {
            let (pair, public) = crypto::new_key_pair()
                .await
                .map_err(|_| Msg::KeyUnavailable)?;
            if keys::keep_device_pair(&db, &pair, &public).await? {
                (pair, public)
            } else {
                keys::device_pair(&db).await?.ok_or(Msg::KeyUnavailable)?
            }
        }
    };
    OWN.with(|o| *o.borrow_mut() = Some(own.clone()));
    Ok(own)
}

/// This device's public key, made the first time it is asked for.
pub async fn own_key() -> Result<PublicKey, Msg> {
    Ok(own().await?.1)
}

/// The signature of `message` with this device's key.
pub async fn sign(message: &[u8]) -> Result<String, Msg> {
    let (pair, _) = own().await?;
    crypto::sign(&pair, message)
        .await
        .map_err(|_| Msg::KeyUnavailable)
}

/// Every sender's key the person was asked about and trusted (revoked ones included), the
/// latest first.
pub async fn trusted_keys() -> Result<Vec<TrustedKey>, Msg> {
    let mut list = keys::trusted(&*db().await?).await?;
    order::sort_by(&mut list, |a, b| b.added_at.cmp(&a.added_at));
    Ok(list)
}

/// This device's key and the keys it trusts.
pub async fn trust() -> Result<Trust, Msg> {
    Ok(Trust::new(Some(own_key().await?), trusted_keys().await?))
}

/// Writes trusted keys (new or changed).
pub async fn keep(changed: &[TrustedKey]) -> Result<(), Msg> {
    let mut batch = Batch::new();
    for key in changed {
        batch.trusted_key(key)?;
    }
    Ok(db().await?.write(batch).await?)
}

/// A key to trust from pasted text (`nahda-key 1 …`), under the name the person gives it (or
/// the name the text came with).
pub async fn add_from_text(text: &str, name: &str) -> Result<TrustedKey, Msg> {
    let (key, named) = read_key_text(text).map_err(|_| Msg::KeyTextInvalid)?;
    if key == own_key().await? {
        return Err(Msg::KeyIsOwn);
    }
    let name = if name.trim().is_empty() {
        named
    } else {
        name.trim().to_string()
    };
    if name.is_empty() {
        return Err(Msg::KeyNeedsName);
    }
    let existing = trusted_keys().await?;
    let entry = match existing.into_iter().find(|k| k.key == key) {
        Some(mut known) => {
            known.name = name;
            known.revoked_at = None;
            known
        }
        None => TrustedKey {
            key,
            name,
            coordinator: false,
            form_author: false,
            added_at: clock::now(),
            revoked_at: None,
        },
    };
    keep(std::slice::from_ref(&entry)).await?;
    Ok(entry)
}
