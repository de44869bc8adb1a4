//! Canonical serialisation and SHA-256 digests: the same content always gives the same bytes
//! (object keys sorted, no insignificant white space), so its digest identifies it on any
//! device. Submission revisions and bundles are identified this way.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The canonical JSON text of a value: keys sorted, compact.
pub fn canonical_json<T: Serialize>(value: &T) -> String {
    // serde_json's Value keeps object keys in a sorted map, so going through it sorts them.
    serde_json::to_value(value)
        .map(|v| v.to_string())
        .unwrap_or_default()
}

/// The SHA-256 of some bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Bytes as lowercase hexadecimal digits, two a byte: digests, keys and signatures.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    text
}

/// The SHA-256 of a text given a piece at a time: the digest of a large value written as its
/// parts are read, so that no one step holds the whole.
#[derive(Default)]
pub struct DigestWriter(Sha256);

impl DigestWriter {
    /// Adds text as it is.
    pub fn text(&mut self, text: &str) {
        self.0.update(text.as_bytes());
    }

    /// The digest of everything added, as lowercase hex.
    pub fn hex(self) -> String {
        hex(&self.0.finalize())
    }
}

/// The digest of a value's canonical JSON.
pub fn digest_of<T: Serialize>(value: &T) -> String {
    sha256_hex(canonical_json(value).as_bytes())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn key_order_does_not_change_the_digest() {
        let a: serde_json::Value =
            serde_json::from_str(r#"{"b": 1, "a": {"y": [1, 2], "x": "نص"}}"#).expect("json");
        let b: serde_json::Value =
            serde_json::from_str(r#"{"a": {"x": "نص", "y": [1, 2]}, "b": 1}"#).expect("json");
        assert_eq!(canonical_json(&a), r#"{"a":{"x":"نص","y":[1,2]},"b":1}"#);
        assert_eq!(digest_of(&a), digest_of(&b));
        assert_ne!(digest_of(&a), digest_of(&json!({"a": 1})));
    }

    #[test]
    fn a_digest_written_in_pieces_is_the_digest_of_the_whole() {
        let whole = json!({"a": [{"y": 2, "x": 1}, {"z": "نص"}], "b": true});
        let mut writer = DigestWriter::default();
        writer.text(r#"{"a":["#);
        writer.text(&canonical_json(&json!({"y": 2, "x": 1})));
        writer.text(",");
        writer.text(&canonical_json(&json!({"z": "نص"})));
        writer.text(r#"],"b":true}"#);
        assert_eq!(writer.hex(), digest_of(&whole));
    }

    #[test]
    fn sha256_matches_the_standard_test_vector() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
