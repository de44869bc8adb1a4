//! Sealing on this device: a coordinator's sealing identities (made here; their secret halves
//! leave the device only in a copy sealed with a passphrase), the coordinators' public sealing
//! keys a field user seals bundles for, and sealing or opening a file through the sealing
//! worker.

use crate::core::i18n::Msg;
use crate::platform::files::{self, FileError};
use crate::platform::{clock, sealer};
use crate::seal::{self, SealError, SealRecipient, SealingIdentity};
use crate::state::store::db;
use crate::storage::{keys, settings};

/// The largest copy of sealing identities read, in bytes.
const MAX_IDENTITY_COPY: f64 = 64.0 * 1024.0;
/// The media type of sealed files.
pub const SEALED_MIME: &str = "application/octet-stream";

/// How a file is sealed, as the person chose on the export page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Sealing {
    /// Not sealed: anyone who gets the file can read it.
    #[default]
    None,
    /// For these coordinators' recipients (`age1…`).
    For(Vec<String>),
    /// With a passphrase.
    Passphrase(String),
}

impl Sealing {
    /// True when the file is sealed.
    pub fn seals(&self) -> bool {
        !matches!(self, Sealing::None)
    }

    /// The file's bytes as they go out.
    pub async fn apply(&self, plain: &[u8]) -> Result<Vec<u8>, Msg> {
        let sealed = match self {
            Sealing::None => return Ok(plain.to_vec()),
            Sealing::For(recipients) => sealer::seal_for(plain, recipients).await,
            Sealing::Passphrase(passphrase) => {
                check_passphrase(passphrase)?;
                sealer::seal_with_passphrase(plain, passphrase).await
            }
        };
        sealed.map_err(|e| e.msg())
    }
}

/// Refuses a passphrase too short to protect anything, before any slow work.
fn check_passphrase(passphrase: &str) -> Result<(), Msg> {
    if passphrase.chars().count() < seal::MIN_PASSPHRASE {
        return Err(SealError::ShortPassphrase.msg());
    }
    Ok(())
}

/// The sealing identities on this device, the first made first.
pub async fn identities() -> Result<Vec<SealingIdentity>, Msg> {
    Ok(keys::sealing_identities(&*db().await?).await?)
}

/// Makes a sealing identity, kept after those already here.
pub async fn create_identity() -> Result<Vec<SealingIdentity>, Msg> {
    let (secret, recipient) = sealer::new_identity().await.map_err(|e| e.msg())?;
    let db = db().await?;
    let mut list = keys::sealing_identities(&db).await?;
    list.push(SealingIdentity {
        secret,
        recipient,
        created_at: clock::now(),
    });
    keys::keep_sealing_identities(&db, &list).await?;
    Ok(list)
}

/// Saves every sealing identity as a key file sealed with the passphrase (it opens with
/// `age -d`); gives the file's name.
pub async fn save_identity_copy(passphrase: &str) -> Result<String, Msg> {
    check_passphrase(passphrase)?;
    let list = identities().await?;
    let sealed = sealer::seal_with_passphrase(seal::identity_file(&list).as_bytes(), passphrase)
        .await
        .map_err(|e| e.msg())?;
    let file_name = format!("nahda-sealing-keys-{}.txt.age", clock::today());
    files::save_bytes(&file_name, &sealed, SEALED_MIME).map_err(|_| Msg::ExportFailed)?;
    Ok(file_name)
}

/// Adds the identities of a copy, opened with its passphrase, to those on this device; gives
/// how many were new.
pub async fn restore_identity_copy(file: &web_sys::File, passphrase: &str) -> Result<usize, Msg> {
    let bytes = files::read_bytes(file, MAX_IDENTITY_COPY)
        .await
        .map_err(|e| match e {
            FileError::TooLarge { .. } | FileError::Unreadable => Msg::FileUnreadable,
        })?;
    let (opened, _) = sealer::open(&bytes, &[], Some(passphrase))
        .await
        .map_err(|e| e.msg())?;
    let text = String::from_utf8(opened).map_err(|_| SealError::NotAnIdentity.msg())?;
    let secrets = seal::identities_in(&text);
    if secrets.is_empty() {
        return Err(SealError::NotAnIdentity.msg());
    }
    let db = db().await?;
    let mut list = keys::sealing_identities(&db).await?;
    let mut added = 0;
    for secret in secrets {
        let recipient = sealer::recipient_of(&secret).await.map_err(|e| e.msg())?;
        if list.iter().all(|i| i.recipient != recipient) {
            list.push(SealingIdentity {
                secret,
                recipient,
                created_at: clock::now(),
            });
            added += 1;
        }
    }
    keys::keep_sealing_identities(&db, &list).await?;
    Ok(added)
}

/// Opens a sealed file with this device's identities, or with the passphrase: its content,
/// and whether the passphrase opened it.
pub async fn open(sealed: &[u8], passphrase: Option<&str>) -> Result<(Vec<u8>, bool), SealError> {
    let secrets: Vec<String> = identities()
        .await
        .map_err(|_| SealError::Unavailable)?
        .into_iter()
        .map(|i| i.secret)
        .collect();
    sealer::open(sealed, &secrets, passphrase).await
}

/// The coordinators' sealing keys bundles can be sealed for, in the order added.
pub async fn recipients() -> Result<Vec<SealRecipient>, Msg> {
    Ok(settings::get(&*db().await?, settings::SEAL_FOR)
        .await?
        .unwrap_or_default())
}

/// Adds a coordinator's pasted sealing key under the name given (or renames it, when known).
pub async fn add_recipient(text: &str, name: &str) -> Result<Vec<SealRecipient>, Msg> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Msg::KeyNeedsName);
    }
    let recipient = sealer::read_recipient(text).await.map_err(|e| e.msg())?;
    let mut list = recipients().await?;
    match list.iter_mut().find(|r| r.recipient == recipient) {
        Some(known) => known.name = name.to_string(),
        None => list.push(SealRecipient {
            name: name.to_string(),
            recipient,
            added_at: clock::now(),
        }),
    }
    settings::set(&*db().await?, settings::SEAL_FOR, &list).await?;
    Ok(list)
}

/// Removes a coordinator's sealing key.
pub async fn remove_recipient(recipient: &str) -> Result<Vec<SealRecipient>, Msg> {
    let mut list = recipients().await?;
    list.retain(|r| r.recipient != recipient);
    settings::set(&*db().await?, settings::SEAL_FOR, &list).await?;
    Ok(list)
}
