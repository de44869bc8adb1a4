//! The age file format, version 1 (<https://age-encryption.org/v1>), as far as sealed bundles
//! use it: a random file key wrapped for X25519 recipients or with a passphrase (scrypt), the
//! header and its MAC, the payload in ChaCha20-Poly1305 chunks of 64 KiB, the armored text form
//! (read only), and the Bech32 keys (`age1…`, `AGE-SECRET-KEY-1…`). `tests/age_interop.rs` holds
//! it to the age command-line tool in both directions.

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::ChaCha20Poly1305;
use curve25519_dalek::constants::X25519_BASEPOINT;
use curve25519_dalek::montgomery::MontgomeryPoint;
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The first line of every age file.
pub const MAGIC: &[u8] = b"age-encryption.org/v1\n";
/// The first line of an age file in its text form (`age --armor`).
pub const ARMOR_BEGIN: &str = "-----BEGIN AGE ENCRYPTED FILE-----";
const ARMOR_END: &str = "-----END AGE ENCRYPTED FILE-----";
const X25519_LABEL: &[u8] = b"age-encryption.org/v1/X25519";
const SCRYPT_LABEL: &[u8] = b"age-encryption.org/v1/scrypt";
const RECIPIENT_PREFIX: &str = "age";
const IDENTITY_PREFIX: &str = "age-secret-key-";
/// Plaintext bytes per payload chunk.
const CHUNK: usize = 64 * 1024;
/// Poly1305's tag after each encrypted chunk or file key.
const TAG: usize = 16;
/// Columns of a stanza's body and of the armored text.
const COLUMNS: usize = 64;
/// The work factor (log2 of N) of scrypt when sealing with a passphrase: the age tool's.
pub const SCRYPT_WORK_FACTOR: u8 = 18;

/// The key a file's payload is sealed with, wrapped in each stanza of its header.
type FileKey = [u8; 16];

/// Why an age file could not be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenError {
    /// Not an age file, or damaged, cut off or tampered with.
    Damaged,
    /// None of the keys given unwraps the file key: sealed for someone else, or another
    /// passphrase.
    NoMatchingKey,
}

/// How a header's file key is unwrapped.
pub enum Key<'a> {
    /// Secret X25519 keys (32 bytes each).
    Identities(&'a [[u8; 32]]),
    /// A passphrase, and the largest scrypt work factor the file may ask for.
    Passphrase(&'a str, u8),
}

/// One recipient's stanza in the header: `-> tag args…` and its body.
pub struct Stanza {
    tag: String,
    args: Vec<String>,
    body: Vec<u8>,
}

/// A file read as far as its header: the stanzas, the MAC, the bytes the MAC covers, and the
/// payload after it.
pub struct Sealed {
    stanzas: Vec<Stanza>,
    mac: Vec<u8>,
    /// The header from its first byte to its `---` included.
    covered: Vec<u8>,
    payload: Vec<u8>,
}

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0; N];
    getrandom::getrandom(&mut bytes).expect("the platform gives random bytes");
    bytes
}

fn hkdf(salt: &[u8], info: &[u8], secret: &[u8]) -> [u8; 32] {
    let mut key = [0; 32];
    Hkdf::<Sha256>::new(Some(salt), secret)
        .expand(info, &mut key)
        .expect("32 bytes is a length HKDF-SHA-256 gives");
    key
}

fn seal_chunk(key: &[u8; 32], nonce: [u8; 12], plaintext: &[u8]) -> Vec<u8> {
    ChaCha20Poly1305::new(key.into())
        .encrypt(&nonce.into(), plaintext)
        .expect("ChaCha20-Poly1305 seals any length the format uses")
}

fn open_chunk(key: &[u8; 32], nonce: [u8; 12], sealed: &[u8]) -> Option<Vec<u8>> {
    ChaCha20Poly1305::new(key.into())
        .decrypt(&nonce.into(), sealed)
        .ok()
}

fn header_mac(file_key: &FileKey) -> Hmac<Sha256> {
    <Hmac<Sha256> as Mac>::new_from_slice(&hkdf(&[], b"header", file_key))
        .expect("HMAC takes a key of any length")
}

/// The nonce of the payload's chunk `counter`: an 11-byte big-endian counter and a flag on the
/// last chunk.
fn chunk_nonce(counter: usize, last: bool) -> [u8; 12] {
    let mut nonce = [0; 12];
    nonce[3..11].copy_from_slice(&(counter as u64).to_be_bytes());
    nonce[11] = u8::from(last);
    nonce
}

/// A sealed file: `stanzas` made for a new file key by `wrap`, the header, its MAC, and the
/// payload.
pub fn seal(plaintext: &[u8], wrap: impl Fn(&FileKey) -> Vec<Stanza>) -> Vec<u8> {
    let file_key: FileKey = random();
    let mut sealed = Vec::with_capacity(plaintext.len() + plaintext.len() / CHUNK * TAG + 512);
    sealed.extend_from_slice(MAGIC);
    for stanza in wrap(&file_key) {
        stanza.write(&mut sealed);
    }
    sealed.extend_from_slice(b"---");
    let mut mac = header_mac(&file_key);
    mac.update(&sealed);
    sealed.push(b' ');
    sealed.extend_from_slice(
        STANDARD_NO_PAD
            .encode(mac.finalize().into_bytes())
            .as_bytes(),
    );
    sealed.push(b'\n');
    let nonce: [u8; 16] = random();
    sealed.extend_from_slice(&nonce);
    let key = hkdf(&nonce, b"payload", &file_key);
    let chunks: Vec<&[u8]> = if plaintext.is_empty() {
        vec![&[]]
    } else {
        plaintext.chunks(CHUNK).collect()
    };
    let last = chunks.len() - 1;
    for (counter, chunk) in chunks.into_iter().enumerate() {
        sealed.extend(seal_chunk(
            &key,
            chunk_nonce(counter, counter == last),
            chunk,
        ));
    }
    sealed
}

/// The stanzas that wrap a file key for each of these X25519 recipients.
pub fn for_recipients(recipients: &[[u8; 32]]) -> impl Fn(&FileKey) -> Vec<Stanza> + '_ {
    move |file_key| {
        recipients
            .iter()
            .map(|recipient| {
                let ephemeral: [u8; 32] = random();
                let share = X25519_BASEPOINT.mul_clamped(ephemeral).to_bytes();
                let shared = MontgomeryPoint(*recipient)
                    .mul_clamped(ephemeral)
                    .to_bytes();
                let key = hkdf(&[share, *recipient].concat(), X25519_LABEL, &shared);
                Stanza {
                    tag: "X25519".into(),
                    args: vec![STANDARD_NO_PAD.encode(share)],
                    body: seal_chunk(&key, [0; 12], file_key),
                }
            })
            .collect()
    }
}

/// The one stanza that wraps a file key with a passphrase.
pub fn with_passphrase(passphrase: &str) -> impl Fn(&FileKey) -> Vec<Stanza> + '_ {
    move |file_key| {
        let salt: [u8; 16] = random();
        let key = scrypt_key(passphrase, &salt, SCRYPT_WORK_FACTOR);
        vec![Stanza {
            tag: "scrypt".into(),
            args: vec![STANDARD_NO_PAD.encode(salt), SCRYPT_WORK_FACTOR.to_string()],
            body: seal_chunk(&key, [0; 12], file_key),
        }]
    }
}

fn scrypt_key(passphrase: &str, salt: &[u8], work_factor: u8) -> [u8; 32] {
    let params = scrypt::Params::new(work_factor, 8, 1, 32)
        .expect("work factors up to the format's limit are valid scrypt parameters");
    let mut key = [0; 32];
    scrypt::scrypt(
        passphrase.as_bytes(),
        &[SCRYPT_LABEL, salt].concat(),
        &params,
        &mut key,
    )
    .expect("32 bytes is a length scrypt gives");
    key
}

/// The public key of a secret X25519 key.
pub fn public_key(secret: &[u8; 32]) -> [u8; 32] {
    X25519_BASEPOINT.mul_clamped(*secret).to_bytes()
}

/// A new secret X25519 key.
pub fn new_secret() -> [u8; 32] {
    random()
}

impl Stanza {
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"-> ");
        out.extend_from_slice(self.tag.as_bytes());
        for arg in &self.args {
            out.push(b' ');
            out.extend_from_slice(arg.as_bytes());
        }
        out.push(b'\n');
        let body = STANDARD_NO_PAD.encode(&self.body);
        for line in body.as_bytes().chunks(COLUMNS) {
            out.extend_from_slice(line);
            out.push(b'\n');
        }
        // The last line of a body is shorter than a full one: empty when the body fills its
        // lines exactly (or is empty).
        if body.len().is_multiple_of(COLUMNS) {
            out.push(b'\n');
        }
    }
}

/// The line at the start of `bytes` without its line feed, and what follows it.
fn line(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let end = bytes.iter().position(|&b| b == b'\n')?;
    Some((&bytes[..end], &bytes[end + 1..]))
}

/// A word of a stanza's first line: printable ASCII, not empty.
fn word(bytes: &[u8]) -> Option<String> {
    (!bytes.is_empty() && bytes.iter().all(|b| (0x21..=0x7e).contains(b)))
        .then(|| String::from_utf8_lossy(bytes).into_owned())
}

/// The binary form of an armored file (standard base64 with padding, in lines of 64 columns
/// but the last, between the BEGIN and END lines; surrounding white space and CRLF line ends
/// are accepted).
fn dearmor(text: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(text).ok()?.trim();
    let inner = text.strip_prefix(ARMOR_BEGIN)?.strip_suffix(ARMOR_END)?;
    if !inner.ends_with('\n') {
        return None;
    }
    let lines: Vec<&str> = inner.lines().collect();
    let ["", lines @ ..] = lines.as_slice() else {
        return None;
    };
    let (last, full) = lines.split_last()?;
    if full.iter().any(|l| l.len() != COLUMNS) || last.is_empty() || last.len() > COLUMNS {
        return None;
    }
    STANDARD.decode(lines.concat()).ok()
}

/// Reads a file, binary or armored, as far as its header.
pub fn read(bytes: &[u8]) -> Result<Sealed, OpenError> {
    let dearmored;
    let bytes = if bytes.starts_with(MAGIC) {
        bytes
    } else {
        dearmored = dearmor(bytes).ok_or(OpenError::Damaged)?;
        &dearmored
    };
    read_binary(bytes).ok_or(OpenError::Damaged)
}

fn read_binary(bytes: &[u8]) -> Option<Sealed> {
    let mut rest = bytes.strip_prefix(MAGIC)?;
    let mut stanzas = Vec::new();
    loop {
        let (first, mut after) = line(rest)?;
        if let Some(mac) = first.strip_prefix(b"--- ") {
            let covered = bytes.len() - rest.len() + 3;
            let mac = STANDARD_NO_PAD.decode(mac).ok().filter(|m| m.len() == 32)?;
            return Some(Sealed {
                stanzas,
                mac,
                covered: bytes[..covered].to_vec(),
                payload: after.to_vec(),
            });
        }
        let mut words = first.strip_prefix(b"-> ")?.split(|&b| b == b' ');
        let tag = word(words.next()?)?;
        let args = words.map(word).collect::<Option<Vec<_>>>()?;
        let mut body = Vec::new();
        loop {
            let (text, next) = line(after)?;
            after = next;
            if text.len() > COLUMNS {
                return None;
            }
            body.extend_from_slice(text);
            if text.len() < COLUMNS {
                break;
            }
        }
        let body = STANDARD_NO_PAD.decode(&body).ok()?;
        stanzas.push(Stanza { tag, args, body });
        rest = after;
    }
}

impl Sealed {
    /// True when the file is sealed with a passphrase.
    pub fn needs_passphrase(&self) -> bool {
        self.stanzas.iter().any(|s| s.tag == "scrypt")
    }

    /// The payload, opened with the file key one of `keys` unwraps from the header, once the
    /// header's MAC and every chunk are checked.
    pub fn open(&self, keys: Key) -> Result<Vec<u8>, OpenError> {
        let file_key = match keys {
            Key::Identities(secrets) => self.unwrap_x25519(secrets)?,
            Key::Passphrase(passphrase, most_work) => self.unwrap_scrypt(passphrase, most_work)?,
        };
        let mut mac = header_mac(&file_key);
        mac.update(&self.covered);
        mac.verify_slice(&self.mac)
            .map_err(|_| OpenError::Damaged)?;
        let (nonce, payload) = self
            .payload
            .split_at_checked(16)
            .ok_or(OpenError::Damaged)?;
        let key = hkdf(nonce, b"payload", &file_key);
        let chunks: Vec<&[u8]> = payload.chunks(CHUNK + TAG).collect();
        let last = chunks.len().checked_sub(1).ok_or(OpenError::Damaged)?;
        let mut plaintext = Vec::with_capacity(payload.len());
        for (counter, chunk) in chunks.into_iter().enumerate() {
            let opened = open_chunk(&key, chunk_nonce(counter, counter == last), chunk)
                .ok_or(OpenError::Damaged)?;
            if opened.is_empty() && counter > 0 {
                return Err(OpenError::Damaged);
            }
            plaintext.extend(opened);
        }
        Ok(plaintext)
    }

    fn unwrap_x25519(&self, secrets: &[[u8; 32]]) -> Result<FileKey, OpenError> {
        if self.needs_passphrase() {
            return Err(OpenError::NoMatchingKey);
        }
        for stanza in self.stanzas.iter().filter(|s| s.tag == "X25519") {
            let share: [u8; 32] = match stanza.args.as_slice() {
                [share] => STANDARD_NO_PAD
                    .decode(share)
                    .ok()
                    .and_then(|s| s.try_into().ok())
                    .ok_or(OpenError::Damaged)?,
                _ => return Err(OpenError::Damaged),
            };
            if stanza.body.len() != 16 + TAG {
                return Err(OpenError::Damaged);
            }
            for secret in secrets {
                let shared = MontgomeryPoint(share).mul_clamped(*secret).to_bytes();
                if shared == [0; 32] {
                    return Err(OpenError::Damaged);
                }
                let key = hkdf(&[share, public_key(secret)].concat(), X25519_LABEL, &shared);
                if let Some(file_key) = open_chunk(&key, [0; 12], &stanza.body) {
                    return file_key.try_into().map_err(|_| OpenError::Damaged);
                }
            }
        }
        Err(OpenError::NoMatchingKey)
    }

    fn unwrap_scrypt(&self, passphrase: &str, most_work: u8) -> Result<FileKey, OpenError> {
        let [stanza] = self.stanzas.as_slice() else {
            return Err(if self.needs_passphrase() {
                OpenError::Damaged
            } else {
                OpenError::NoMatchingKey
            });
        };
        let (salt, work_factor) = match stanza.args.as_slice() {
            [salt, work_factor] if stanza.tag == "scrypt" => (salt, work_factor),
            _ => return Err(OpenError::NoMatchingKey),
        };
        let salt = STANDARD_NO_PAD
            .decode(salt)
            .ok()
            .filter(|s| s.len() == 16)
            .ok_or(OpenError::Damaged)?;
        let work_factor = work_factor
            .parse::<u8>()
            .ok()
            .filter(|w| (1..=most_work).contains(w) && !work_factor.starts_with('0'))
            .ok_or(OpenError::Damaged)?;
        if stanza.body.len() != 16 + TAG {
            return Err(OpenError::Damaged);
        }
        let key = scrypt_key(passphrase, &salt, work_factor);
        open_chunk(&key, [0; 12], &stanza.body)
            .ok_or(OpenError::NoMatchingKey)?
            .try_into()
            .map_err(|_| OpenError::Damaged)
    }
}

/// Bech32 (BIP 173), the text form of age's keys.
const BECH32: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn bech32_checksum(hrp: &str, values: &[u8]) -> u32 {
    const GENERATOR: [u32; 5] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    let expanded = hrp.bytes().map(|c| c >> 5).chain([0]);
    let expanded = expanded.chain(hrp.bytes().map(|c| c & 31));
    expanded
        .chain(values.iter().copied())
        .fold(1, |check, value| {
            let top = check >> 25;
            let check = ((check & 0x1ff_ffff) << 5) ^ u32::from(value);
            (0..5)
                .filter(|i| (top >> i) & 1 == 1)
                .fold(check, |c, i| c ^ GENERATOR[i])
        })
}

/// `bytes` in Bech32 under the lowercase prefix `hrp`.
fn bech32_encode(hrp: &str, bytes: &[u8]) -> String {
    let mut values = Vec::with_capacity(bytes.len() * 8 / 5 + 7);
    let (mut acc, mut bits) = (0u32, 0);
    for &byte in bytes {
        acc = (acc << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            values.push(((acc >> bits) & 31) as u8);
        }
    }
    if bits > 0 {
        values.push(((acc << (5 - bits)) & 31) as u8);
    }
    let check = bech32_checksum(hrp, &[values.as_slice(), &[0; 6]].concat()) ^ 1;
    values.extend((0..6).map(|i| ((check >> (5 * (5 - i))) & 31) as u8));
    let data: String = values.iter().map(|&v| BECH32[v as usize] as char).collect();
    format!("{hrp}1{data}")
}

/// The prefix (lowercase) and the bytes of a Bech32 string, if its checksum holds.
fn bech32_decode(text: &str) -> Option<(String, Vec<u8>)> {
    if text.bytes().any(|b| b.is_ascii_lowercase()) && text.bytes().any(|b| b.is_ascii_uppercase())
    {
        return None;
    }
    let text = text.to_ascii_lowercase();
    let (hrp, data) = text.rsplit_once('1')?;
    if hrp.is_empty() || data.len() < 6 || !hrp.bytes().all(|b| (33..=126).contains(&b)) {
        return None;
    }
    let values = data
        .bytes()
        .map(|c| BECH32.iter().position(|&b| b == c).map(|v| v as u8))
        .collect::<Option<Vec<u8>>>()?;
    if bech32_checksum(hrp, &values) != 1 {
        return None;
    }
    let (mut acc, mut bits, mut bytes) = (0u32, 0, Vec::new());
    for &value in &values[..values.len() - 6] {
        acc = (acc << 5) | u32::from(value);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    (bits < 5 && acc == 0).then(|| (hrp.to_string(), bytes))
}

fn key_from_bech32(text: &str, prefix: &str) -> Option<[u8; 32]> {
    bech32_decode(text)
        .filter(|(hrp, _)| hrp == prefix)
        .and_then(|(_, bytes)| bytes.try_into().ok())
}

/// A recipient's public key as age writes it: `age1…`.
pub fn recipient_text(public: &[u8; 32]) -> String {
    bech32_encode(RECIPIENT_PREFIX, public)
}

/// The public key of a recipient written `age1…`; a point of small order is refused, since
/// sealing for it would give a file key anyone can unwrap.
pub fn recipient_key(text: &str) -> Option<[u8; 32]> {
    key_from_bech32(text, RECIPIENT_PREFIX)
        .filter(|key| MontgomeryPoint(*key).mul_clamped([1; 32]).to_bytes() != [0; 32])
}

/// A secret key as age writes it: `AGE-SECRET-KEY-1…`.
pub fn identity_text(secret: &[u8; 32]) -> String {
    bech32_encode(IDENTITY_PREFIX, secret).to_ascii_uppercase()
}

/// The secret key of an identity written `AGE-SECRET-KEY-1…`.
pub fn identity_key(text: &str) -> Option<[u8; 32]> {
    key_from_bech32(text, IDENTITY_PREFIX)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn keys_read_back_as_written_and_a_damaged_key_is_refused() {
        let secret = new_secret();
        let identity = identity_text(&secret);
        assert!(identity.starts_with("AGE-SECRET-KEY-1") && identity.len() == 74);
        assert_eq!(identity_key(&identity), Some(secret));
        assert_eq!(identity_key(&identity.to_lowercase()), Some(secret));
        let recipient = recipient_text(&public_key(&secret));
        assert!(recipient.starts_with("age1") && recipient.len() == 62);
        assert_eq!(recipient_key(&recipient), Some(public_key(&secret)));
        let mut damaged = identity.clone();
        let changed = if &damaged[20..21] == "Q" { "P" } else { "Q" };
        damaged.replace_range(20..21, changed);
        assert_eq!(identity_key(&damaged), None);
        assert_eq!(
            recipient_key(&identity),
            None,
            "a secret key is no recipient"
        );
        assert_eq!(identity_key(&recipient), None);
        let mixed_case = format!("A{}", &recipient[1..]);
        assert_eq!(recipient_key(&mixed_case), None);
        // Points of order 1 and 8 on Curve25519.
        let order_eight = "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800";
        let order_eight: Vec<u8> = (0..32)
            .map(|i| u8::from_str_radix(&order_eight[2 * i..2 * i + 2], 16).expect("hex"))
            .collect();
        for point in [[0; 32], order_eight.try_into().expect("32 bytes")] {
            assert_eq!(
                recipient_key(&recipient_text(&point)),
                None,
                "a point of small order"
            );
        }
    }

    #[test]
    fn payloads_across_chunk_boundaries_open_as_they_were() {
        let secret = new_secret();
        let recipients = [public_key(&secret)];
        for size in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 7] {
            let plaintext: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            let sealed = seal(&plaintext, for_recipients(&recipients));
            let read = read(&sealed).expect("a header");
            assert!(!read.needs_passphrase());
            assert_eq!(
                read.open(Key::Identities(&[secret])),
                Ok(plaintext),
                "{size}"
            );
        }
    }

    #[test]
    fn a_file_cut_at_a_chunk_boundary_or_changed_anywhere_is_refused() {
        let secret = new_secret();
        let plaintext = vec![7u8; 2 * CHUNK];
        let sealed = seal(&plaintext, for_recipients(&[public_key(&secret)]));
        let open = |bytes: &[u8]| read(bytes).and_then(|r| r.open(Key::Identities(&[secret])));
        let header = sealed.len() - 16 - 2 * (CHUNK + TAG);
        assert_eq!(
            open(&sealed[..sealed.len() - (CHUNK + TAG)]),
            Err(OpenError::Damaged)
        );
        for at in [5, header - 10, header + 3, sealed.len() - 1] {
            let mut changed = sealed.clone();
            changed[at] ^= 1;
            assert!(open(&changed).is_err(), "a change at byte {at}");
        }
        assert_eq!(open(&sealed), Ok(plaintext));
    }

    #[test]
    fn an_armored_file_opens_and_a_malformed_armor_is_refused() {
        let secret = new_secret();
        let sealed = seal(b"bundle", for_recipients(&[public_key(&secret)]));
        let body = STANDARD.encode(&sealed);
        let lines: Vec<&str> = body
            .as_bytes()
            .chunks(COLUMNS)
            .map(|l| std::str::from_utf8(l).expect("base64"))
            .collect();
        let armored = format!("\n{ARMOR_BEGIN}\r\n{}\r\n{ARMOR_END}\n", lines.join("\r\n"));
        let open =
            |text: &str| read(text.as_bytes()).and_then(|r| r.open(Key::Identities(&[secret])));
        assert_eq!(open(&armored), Ok(b"bundle".to_vec()));
        let long_line = format!("{ARMOR_BEGIN}\n{}\n{ARMOR_END}\n", lines.concat());
        assert_eq!(open(&long_line), Err(OpenError::Damaged));
        assert_eq!(
            open(&format!("{ARMOR_BEGIN}\n{ARMOR_END}\n")),
            Err(OpenError::Damaged)
        );
    }

    #[test]
    fn a_passphrase_opens_its_file_and_too_much_work_is_refused() {
        let sealed = seal(b"keys", |file_key| {
            let salt = [3u8; 16];
            let key = scrypt_key("correct horse", &salt, 10);
            vec![Stanza {
                tag: "scrypt".into(),
                args: vec![STANDARD_NO_PAD.encode(salt), "10".into()],
                body: seal_chunk(&key, [0; 12], file_key),
            }]
        });
        let read = read(&sealed).expect("a header");
        assert!(read.needs_passphrase());
        assert_eq!(
            read.open(Key::Passphrase("correct horse", 10)),
            Ok(b"keys".to_vec())
        );
        assert_eq!(
            read.open(Key::Passphrase("wrong horse", 10)),
            Err(OpenError::NoMatchingKey)
        );
        assert_eq!(
            read.open(Key::Passphrase("correct horse", 9)),
            Err(OpenError::Damaged)
        );
        assert_eq!(
            read.open(Key::Identities(&[new_secret()])),
            Err(OpenError::NoMatchingKey)
        );
    }
}
