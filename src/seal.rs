//! Sealed bundles: a bundle (or any file) encrypted in the age file format
//! (<https://age-encryption.org/v1>, written out in `age`), either to one or more coordinators'
//! X25519 recipients (`age1…`) or with a passphrase (scrypt), so that it opens with the
//! standard `age` command-line tool as well as in the app (binary or `--armor` text), and nobody who picks up the file on
//! the way can read it. A coordinator's identity (`AGE-SECRET-KEY-1…`) stays on their device;
//! it leaves it only sealed with a passphrase. Pure: no browser; the app runs it in a web
//! worker, loaded only when a file is sealed or opened.

mod age;

use serde::{Deserialize, Serialize};

use crate::core::i18n::Msg;
use age::{Key, OpenError};

/// The largest scrypt work factor (log2 of N) a passphrase-sealed file may ask for: 2^20,
/// above the age tool's 2^18, and bounded so that a file cannot make the device work for
/// minutes.
const MAX_WORK_FACTOR: u8 = 20;

/// The fewest characters a passphrase that seals a file may have.
pub const MIN_PASSPHRASE: usize = 10;

/// Why a file could not be sealed or opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("not a recipient: expected an age1… public key")]
    NotARecipient,
    #[error("not an identity: expected an AGE-SECRET-KEY-1… key")]
    NotAnIdentity,
    #[error("nothing to seal the file for")]
    NoRecipient,
    #[error("the file is sealed for someone else")]
    NotForYou,
    #[error("the passphrase is not the one the file was sealed with")]
    WrongPassphrase,
    #[error("the file is sealed with a passphrase")]
    NeedsPassphrase,
    #[error("the sealed file is damaged or cut off")]
    Damaged,
    #[error("the passphrase is shorter than {MIN_PASSPHRASE} characters")]
    ShortPassphrase,
    #[error("the sealing code could not be loaded")]
    Unavailable,
}

impl SealError {
    /// What to tell the person.
    pub fn msg(&self) -> Msg {
        match self {
            SealError::NotARecipient => Msg::SealNotARecipient,
            SealError::NotAnIdentity => Msg::SealNotAnIdentity,
            SealError::NoRecipient => Msg::SealNoRecipient,
            SealError::NotForYou => Msg::SealNotForYou,
            SealError::WrongPassphrase => Msg::SealWrongPassphrase,
            SealError::NeedsPassphrase => Msg::SealNeedsPassphrase,
            SealError::Damaged => Msg::SealDamaged,
            SealError::ShortPassphrase => Msg::SealPassphraseShort,
            SealError::Unavailable => Msg::SealUnavailable,
        }
    }

    /// The error of this name (its `Debug` form), as the sealing worker sends it back.
    pub fn named(name: &str) -> SealError {
        [
            SealError::NotARecipient,
            SealError::NotAnIdentity,
            SealError::NoRecipient,
            SealError::NotForYou,
            SealError::WrongPassphrase,
            SealError::NeedsPassphrase,
            SealError::ShortPassphrase,
            SealError::Unavailable,
        ]
        .into_iter()
        .find(|e| format!("{e:?}") == name)
        .unwrap_or(SealError::Damaged)
    }
}

/// A coordinator's sealing identity, kept on their device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealingIdentity {
    /// `AGE-SECRET-KEY-1…`: it leaves the device only sealed with a passphrase.
    pub secret: String,
    /// `age1…`: what senders seal for.
    pub recipient: String,
    pub created_at: String,
}

/// A coordinator's public sealing key, as a field user added it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealRecipient {
    pub name: String,
    /// `age1…`.
    pub recipient: String,
    pub added_at: String,
}

/// The identities as a key file in the form `age-keygen` writes (a comment with the date and
/// the public key, then the secret key), so that a copy, once opened with the age tool, is a
/// key file it reads (`age -d -i`).
pub fn identity_file(identities: &[SealingIdentity]) -> String {
    identities
        .iter()
        .map(|i| {
            format!(
                "# created: {}\n# public key: {}\n{}\n",
                i.created_at, i.recipient, i.secret
            )
        })
        .collect()
}

/// The secret keys in a key file (`AGE-SECRET-KEY-1…` lines, other lines ignored).
pub fn identities_in(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .map(str::to_string)
        .collect()
}

/// True when the bytes are an age file, binary or in its text form.
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(age::MAGIC)
        || bytes
            .trim_ascii_start()
            .starts_with(age::ARMOR_BEGIN.as_bytes())
}

/// A new X25519 identity: `(its secret key, its public recipient)`.
pub fn new_identity() -> (String, String) {
    let secret = age::new_secret();
    (
        age::identity_text(&secret),
        age::recipient_text(&age::public_key(&secret)),
    )
}

fn identity_key(identity: &str) -> Result<[u8; 32], SealError> {
    age::identity_key(identity.trim()).ok_or(SealError::NotAnIdentity)
}

/// The recipient (public key) of a secret identity.
pub fn recipient_of(identity: &str) -> Result<String, SealError> {
    identity_key(identity).map(|secret| age::recipient_text(&age::public_key(&secret)))
}

fn recipient_key(recipient: &str) -> Result<[u8; 32], SealError> {
    age::recipient_key(recipient.trim()).ok_or(SealError::NotARecipient)
}

/// Checks a pasted recipient; gives it trimmed.
pub fn read_recipient(text: &str) -> Result<String, SealError> {
    recipient_key(text).map(|public| age::recipient_text(&public))
}

/// Seals for these recipients (`age1…`): any one of their identities opens it.
pub fn seal_for(plaintext: &[u8], recipients: &[String]) -> Result<Vec<u8>, SealError> {
    let recipients = recipients
        .iter()
        .map(|r| recipient_key(r))
        .collect::<Result<Vec<_>, _>>()?;
    if recipients.is_empty() {
        return Err(SealError::NoRecipient);
    }
    Ok(age::seal(plaintext, age::for_recipients(&recipients)))
}

/// Seals with a passphrase.
pub fn seal_with_passphrase(plaintext: &[u8], passphrase: &str) -> Result<Vec<u8>, SealError> {
    if passphrase.chars().count() < MIN_PASSPHRASE {
        return Err(SealError::ShortPassphrase);
    }
    Ok(age::seal(plaintext, age::with_passphrase(passphrase)))
}

/// True when the file is sealed with a passphrase (rather than for recipients).
pub fn needs_passphrase(sealed: &[u8]) -> bool {
    age::read(sealed).is_ok_and(|s| s.needs_passphrase())
}

/// Opens a file sealed for one of these identities (`AGE-SECRET-KEY-1…`), or with the
/// passphrase when it was sealed with one.
pub fn open(
    sealed: &[u8],
    identities: &[String],
    passphrase: Option<&str>,
) -> Result<Vec<u8>, SealError> {
    let sealed = age::read(sealed).map_err(|_| SealError::Damaged)?;
    if sealed.needs_passphrase() {
        let passphrase = passphrase.ok_or(SealError::NeedsPassphrase)?;
        // The age tool seals with a work factor of 2^18; a file asking for more than
        // MAX_WORK_FACTOR is refused rather than make a phone work for minutes.
        return sealed
            .open(Key::Passphrase(passphrase, MAX_WORK_FACTOR))
            .map_err(|e| match e {
                OpenError::NoMatchingKey => SealError::WrongPassphrase,
                OpenError::Damaged => SealError::Damaged,
            });
    }
    let secrets = identities
        .iter()
        .map(|i| identity_key(i))
        .collect::<Result<Vec<_>, _>>()?;
    sealed.open(Key::Identities(&secrets)).map_err(|e| match e {
        OpenError::NoMatchingKey => SealError::NotForYou,
        OpenError::Damaged => SealError::Damaged,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_sealed_for_a_coordinator_opens_only_with_their_identity() {
        let (secret, recipient) = new_identity();
        let (other, _) = new_identity();
        let bundle = br#"{"format":"nahda.bundle","version":2}"#;
        let sealed = seal_for(bundle, std::slice::from_ref(&recipient)).expect("sealed");
        assert!(is_sealed(&sealed));
        assert!(!is_sealed(bundle));
        assert!(!needs_passphrase(&sealed));
        assert_eq!(
            open(&sealed, std::slice::from_ref(&secret), None).as_deref(),
            Ok(&bundle[..])
        );
        assert_eq!(open(&sealed, &[other], None), Err(SealError::NotForYou));
        assert_eq!(recipient_of(&secret), Ok(recipient.clone()));
        assert_eq!(read_recipient(&format!(" {recipient}\n")), Ok(recipient));
        assert_eq!(
            read_recipient("nahda-key 1 00"),
            Err(SealError::NotARecipient)
        );
        assert_eq!(seal_for(bundle, &[]), Err(SealError::NoRecipient));
    }

    #[test]
    fn a_bundle_sealed_with_a_passphrase_opens_with_it_only() {
        let sealed = seal_with_passphrase(b"secret survey", "correct horse").expect("sealed");
        assert!(needs_passphrase(&sealed));
        assert!(!needs_passphrase(b"secret survey"));
        assert_eq!(open(&sealed, &[], None), Err(SealError::NeedsPassphrase));
        assert_eq!(
            open(&sealed, &[], Some("wrong")),
            Err(SealError::WrongPassphrase)
        );
        assert_eq!(
            open(&sealed, &[], Some("correct horse")).as_deref(),
            Ok(&b"secret survey"[..])
        );
        assert_eq!(
            seal_with_passphrase(b"x", "short"),
            Err(SealError::ShortPassphrase)
        );
        for error in [
            SealError::NotForYou,
            SealError::ShortPassphrase,
            SealError::Damaged,
        ] {
            assert_eq!(SealError::named(&format!("{error:?}")), error);
        }
        assert_eq!(SealError::named("anything else"), SealError::Damaged);
    }

    #[test]
    fn a_copy_of_the_identities_reads_back_as_the_same_secret_keys() {
        let made: Vec<SealingIdentity> = (0..2)
            .map(|n| {
                let (secret, recipient) = new_identity();
                SealingIdentity {
                    secret,
                    recipient,
                    created_at: format!("2026-11-2{n}T10:00:00Z"),
                }
            })
            .collect();
        let file = identity_file(&made);
        let read = identities_in(&file);
        assert_eq!(read.len(), 2);
        for (secret, identity) in read.iter().zip(&made) {
            assert_eq!(secret, &identity.secret);
            assert_eq!(recipient_of(secret), Ok(identity.recipient.clone()));
        }
        assert!(identities_in("# public key: age1xyz\nnot a key\n").is_empty());
    }

    #[test]
    fn a_damaged_or_cut_sealed_file_is_refused() {
        let (secret, recipient) = new_identity();
        let sealed = seal_for(b"{}", &[recipient]).expect("sealed");
        let cut = &sealed[..sealed.len() - 5];
        assert_eq!(
            open(cut, std::slice::from_ref(&secret), None),
            Err(SealError::Damaged)
        );
        assert_eq!(
            open(b"not sealed", &[secret], None),
            Err(SealError::Damaged)
        );
    }
}
