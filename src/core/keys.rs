//! Signing keys: who sent a bundle. Each device holds an Ed25519 key pair (the private half
//! never leaves the browser's key store); a bundle carries the sender's public key and a
//! signature over its content digest, and the core checks that signature. Two people compare a
//! key by its fingerprint, read out over a phone call in short groups of digits, in either
//! digit system; a key is passed on as one line of text to paste.

use std::fmt;

use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::core::digest::{hex, sha256_hex};
use crate::core::i18n::Lang;
use crate::core::phrase::in_digits;

/// What a bundle's or a backup's signature is made over: a fixed prefix naming the kind of
/// file and its format version, then the content digest (hex), so a signature of one kind of
/// file can never pass for another.
pub fn signed_message(kind: &str, version: u32, digest: &str) -> Vec<u8> {
    format!("{kind} v{version} {digest}").into_bytes()
}

/// An Ed25519 public key.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PublicKey([u8; 32]);

/// Why a key or signature could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("not a key: expected 64 hexadecimal digits")]
    NotAKey,
    #[error("not a signature: expected 128 hexadecimal digits")]
    NotASignature,
    #[error("not a key text: expected `nahda-key 1 <key> <name>`")]
    NotAKeyText,
}

fn from_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let text = text.trim();
    if text.len() != N * 2 || !text.is_ascii() {
        return None;
    }
    let mut out = [0u8; N];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

impl PublicKey {
    /// The key from its 32 raw bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> PublicKey {
        PublicKey(bytes)
    }

    /// The key from 64 hexadecimal digits.
    pub fn from_hex(text: &str) -> Result<PublicKey, KeyError> {
        from_hex(text).map(PublicKey).ok_or(KeyError::NotAKey)
    }

    /// The key as 64 lowercase hexadecimal digits, as bundles carry it.
    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }

    /// True when `signature` (128 hexadecimal digits) is this key's signature of `message`.
    /// A malformed key or signature is never valid.
    pub fn verifies(&self, message: &[u8], signature: &str) -> bool {
        let (Ok(key), Some(bytes)) = (VerifyingKey::from_bytes(&self.0), from_hex::<64>(signature))
        else {
            return false;
        };
        key.verify(message, &Signature::from_bytes(&bytes)).is_ok()
    }

    /// The fingerprint two people compare: twenty decimal digits from the key's SHA-256.
    pub fn fingerprint(&self) -> Fingerprint {
        let hash = sha256_hex(&self.0);
        let first = u64::from_str_radix(&hash[..16], 16).unwrap_or_default();
        Fingerprint(format!("{first:020}"))
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.to_hex())
    }
}

impl Serialize for PublicKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for PublicKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PublicKey::from_hex(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for PublicKey {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PublicKey".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9a-f]{64}$",
            "description": "An Ed25519 public key: 32 bytes as 64 lowercase hexadecimal digits."
        })
    }
}

/// A key's fingerprint: twenty decimal digits, shown in five groups of four.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Fingerprint(String);

impl Fingerprint {
    /// The twenty digits, Latin.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// The fingerprint in five groups of four digits, in the digit system of the language
    /// (Arabic-Indic for Arabic), to read out over a phone call.
    pub fn grouped(&self, lang: Lang) -> String {
        let groups: Vec<&str> = self
            .0
            .as_bytes()
            .chunks(4)
            .filter_map(|group| std::str::from_utf8(group).ok())
            .collect();
        in_digits(&groups.join(" "), lang)
    }
}

/// The one line of text a key is passed on as: `nahda-key 1 <64 hex digits> <name>`.
pub fn key_text(key: &PublicKey, name: &str) -> String {
    format!("nahda-key 1 {} {}", key.to_hex(), name.trim())
}

/// Reads a pasted key text: the key and the name it came with (which may be empty).
pub fn read_key_text(text: &str) -> Result<(PublicKey, String), KeyError> {
    let mut parts = text.trim().splitn(4, char::is_whitespace);
    if parts.next() != Some("nahda-key") || parts.next() != Some("1") {
        return Err(KeyError::NotAKeyText);
    }
    let key = PublicKey::from_hex(parts.next().unwrap_or_default())?;
    Ok((key, parts.next().unwrap_or_default().trim().to_string()))
}

/// Checks a signature given as hex digits: the typed error says which part is malformed.
pub fn check_signature_text(signature: &str) -> Result<(), KeyError> {
    from_hex::<64>(signature)
        .map(drop)
        .ok_or(KeyError::NotASignature)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey};

    fn signing(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    fn public(key: &SigningKey) -> PublicKey {
        PublicKey::from_bytes(key.verifying_key().to_bytes())
    }

    #[test]
    fn a_signature_verifies_with_its_key_only_and_only_for_its_message() {
        let key = signing(7);
        let message = signed_message("nahda.bundle", 2, "ab12");
        let signature = hex(&key.sign(&message).to_bytes());
        assert!(public(&key).verifies(&message, &signature));
        assert!(!public(&signing(8)).verifies(&message, &signature));
        assert!(!public(&key).verifies(&signed_message("nahda.bundle", 2, "ab13"), &signature));
        assert!(!public(&key).verifies(&signed_message("nahda.backup", 2, "ab12"), &signature));
        assert!(!public(&key).verifies(&message, "not hex"));
        assert!(!public(&key).verifies(&message, &signature[..100]));
    }

    #[test]
    fn keys_round_trip_through_hex_and_key_text() {
        let key = public(&signing(1));
        assert_eq!(PublicKey::from_hex(&key.to_hex()), Ok(key));
        assert_eq!(PublicKey::from_hex("zz"), Err(KeyError::NotAKey));
        let text = key_text(&key, " مجلس أعزاز المحلي ");
        assert!(text.starts_with("nahda-key 1 "));
        assert_eq!(
            read_key_text(&format!("  {text}\n")),
            Ok((key, "مجلس أعزاز المحلي".to_string()))
        );
        assert_eq!(read_key_text("age1xyz"), Err(KeyError::NotAKeyText));
        assert_eq!(read_key_text("nahda-key 1 1234"), Err(KeyError::NotAKey));
        let json = serde_json::to_string(&key).expect("json");
        assert_eq!(serde_json::from_str::<PublicKey>(&json).expect("back"), key);
    }

    #[test]
    fn a_fingerprint_is_twenty_digits_read_in_either_digit_system() {
        let fingerprint = public(&signing(3)).fingerprint();
        assert_eq!(fingerprint.digits().len(), 20);
        assert!(fingerprint.digits().bytes().all(|d| d.is_ascii_digit()));
        let latin = fingerprint.grouped(Lang::En);
        assert_eq!(latin.split(' ').count(), 5);
        assert_eq!(latin.replace(' ', ""), fingerprint.digits());
        let arabic = fingerprint.grouped(Lang::Ar);
        assert_eq!(crate::core::i18n::normalize_digits(&arabic), latin);
        assert!(arabic.chars().all(|c| c == ' ' || ('٠'..='٩').contains(&c)));
        assert_ne!(public(&signing(4)).fingerprint(), fingerprint);
    }
}
