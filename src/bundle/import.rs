//! Import, first phase: a bundle file's text → a verified bundle. The version is read first;
//! then the content is deserialised (format 1 or 2; the submissions of format 2 a slice at a
//! time, [`Reading`], so a page can take turns in between), its digest checked, the signature of a
//! format 2 bundle checked against the key it names, duplicates refused, the forms it carries
//! checked, and every submission checked against its own form version, its revision history
//! bounded and consistent. Problems with the whole file are a [`BundleError`]; a submission
//! that cannot be taken is a [`Rejection`] beside the accepted ones. Nothing here writes
//! anything, and nothing here decides whom to trust: that is the person's (`core::trust`).

use std::collections::HashSet;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{error::Category, value::RawValue, Value};

use crate::bundle::{v1, v2};
use crate::core::answers::Answers;
use crate::core::digest::digest_of;
use crate::core::header::FileHeader;
use crate::core::i18n::{isolate_ltr, CoordinatorMsg, Lang};
use crate::core::keys::{signed_message, PublicKey};
use crate::core::library::{FormLibrary, LibraryError};
use crate::core::phrase::number;
use crate::core::schema::{Form, FormSpec};
use crate::core::submission::{Status, Submission};
use crate::core::validate::{validate, Issue, Problem};

/// The highest revision number a submission may carry.
pub const MAX_REVISION: u32 = 100_000;
/// The most revisions a submission's history may list.
pub const MAX_HISTORY: usize = 10_000;

/// Why a whole bundle file is refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BundleError {
    #[error("the file is empty")]
    Empty,
    #[error("the file ends too early: it was cut off while being copied or sent")]
    Truncated,
    #[error("the file is not JSON (line {line}, column {column})")]
    NotJson { line: usize, column: usize },
    #[error("the file is not a Nahda bundle")]
    WrongFormat,
    #[error("the bundle was made by a newer version of the app (format {0}); update the app")]
    NewerVersion(u64),
    #[error("the bundle is damaged: {0}")]
    Damaged(String),
    #[error("the bundle's content does not match its digest: it was changed or damaged")]
    DigestMismatch,
    #[error("the bundle should be signed and is not: it was changed after it was made")]
    Unsigned,
    #[error("the bundle's signature is not its sender's: it was changed or forged")]
    BadSignature,
    #[error("the submission {0} appears twice in the bundle")]
    DuplicateSubmission(String),
    #[error("the bundle carries a form definition that is not valid: {0}")]
    InvalidForm(String),
    #[error("the bundle carries a different definition of {0} version {1} than this device has")]
    FormClash(String, u32),
}

/// Why one submission of a bundle cannot be taken.
#[derive(Debug, Clone, PartialEq)]
pub enum Rejection {
    /// Its form version is neither on this device nor in the bundle.
    UnknownForm { form_id: String, version: u32 },
    /// Its answers do not have the shapes of their questions, or its status is unknown.
    Malformed(String),
    /// Its revision number or history is out of bounds or inconsistent.
    BadHistory(String),
    /// Its answers fail its own form's checks.
    Invalid(Vec<Issue>),
}

impl BundleError {
    /// What to tell the person, in their language.
    pub fn message(&self, lang: Lang) -> String {
        let text = |msg: CoordinatorMsg| msg.text(lang).to_string();
        match self {
            BundleError::Empty => text(CoordinatorMsg::BundleEmpty),
            BundleError::Truncated => text(CoordinatorMsg::BundleTruncated),
            BundleError::NotJson { line, column } => CoordinatorMsg::BundleNotJson.with(
                lang,
                &[
                    ("l", &number(*line as u64, lang)),
                    ("c", &number(*column as u64, lang)),
                ],
            ),
            BundleError::WrongFormat => text(CoordinatorMsg::BundleWrongFormat),
            BundleError::NewerVersion(v) => {
                CoordinatorMsg::BundleNewer.with(lang, &[("n", &number(*v, lang))])
            }
            BundleError::Damaged(_) => text(CoordinatorMsg::BundleDamaged),
            BundleError::DigestMismatch => text(CoordinatorMsg::BundleDigestMismatch),
            BundleError::Unsigned => text(CoordinatorMsg::BundleUnsigned),
            BundleError::BadSignature => text(CoordinatorMsg::BundleBadSignature),
            BundleError::DuplicateSubmission(id) => {
                CoordinatorMsg::BundleDuplicateSubmission.with(lang, &[("n", &isolate_ltr(id))])
            }
            BundleError::InvalidForm(_) => text(CoordinatorMsg::BundleInvalidForm),
            BundleError::FormClash(id, version) => CoordinatorMsg::BundleFormClash
                .with(lang, &[("n", &isolate_ltr(&format!("{id} v{version}")))]),
        }
    }
}

impl Rejection {
    /// Why the submission was refused, in the person's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Rejection::UnknownForm { form_id, version } => CoordinatorMsg::RejectUnknownForm.with(
                lang,
                &[("n", &isolate_ltr(&format!("{form_id} v{version}")))],
            ),
            Rejection::Malformed(_) => CoordinatorMsg::RejectMalformed.text(lang).to_string(),
            Rejection::BadHistory(_) => CoordinatorMsg::RejectBadHistory.text(lang).to_string(),
            Rejection::Invalid(issues) => {
                let first = issues
                    .first()
                    .map(|i| {
                        format!(
                            "{} — {}",
                            isolate_ltr(&i.path.question),
                            i.problem.message(lang)
                        )
                    })
                    .unwrap_or_default();
                CoordinatorMsg::RejectInvalid.with(lang, &[("n", &first)])
            }
        }
    }
}

/// One line of the import log: a bundle this device imported, and what it brought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRecord {
    /// The bundle's id.
    pub id: String,
    pub file_name: String,
    pub imported_at: String,
    /// When the bundle was made, and by whom.
    pub created_at: String,
    pub producer: v2::Producer,
    /// The key that signed it (none for a bundle of format 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<PublicKey>,
    pub submissions: usize,
    pub new: usize,
    pub duplicate: usize,
    pub newer: usize,
    pub older: usize,
    pub conflict: usize,
    pub rejected: usize,
}

/// A bundle as received, whichever format version it was written in.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    pub id: String,
    pub created_at: String,
    /// The format version of the file.
    pub version: u32,
    pub producer: v2::Producer,
    /// The key that signed it and the entity it signs for; `None` for format 1.
    pub signer: Option<v2::Signer>,
    pub forms: Vec<FormSpec>,
    pub submissions: Vec<v2::Submission>,
    /// Sensitive questions whose answers were left out.
    pub withheld: Vec<String>,
}

impl Received {
    /// The key that signed it.
    pub fn signed_by(&self) -> Option<PublicKey> {
        self.signer.as_ref().map(|s| s.public_key)
    }
}

/// A bundle that passed every check of the whole file.
#[derive(Debug, Clone)]
pub struct VerifiedBundle {
    pub bundle: Received,
    /// Form versions the bundle brings that this device does not have yet.
    pub new_forms: Vec<Arc<Form>>,
    pub accepted: Vec<Submission>,
    pub rejected: Vec<(String, Rejection)>,
}

/// A bundle whose whole-file checks passed; its submissions are still to be checked one by
/// one with [`check`], which a page can do a slice at a time to stay responsive.
#[derive(Debug, Clone)]
pub struct ReadBundle {
    pub bundle: Received,
    /// This device's forms and the bundle's.
    pub forms: FormLibrary,
    /// Form versions the bundle brings that this device does not have yet.
    pub new_forms: Vec<Arc<Form>>,
}

/// Reads and verifies a bundle against the forms this device holds.
pub fn verify(text: &str, library: &FormLibrary) -> Result<VerifiedBundle, BundleError> {
    let read = read(text, library)?;
    let mut accepted = Vec::new();
    let mut rejected = Vec::new();
    for item in &read.bundle.submissions {
        match check(item, &read.forms, &read.bundle) {
            Ok(submission) => accepted.push(submission),
            Err(reason) => rejected.push((item.id.clone(), reason)),
        }
    }
    Ok(VerifiedBundle {
        bundle: read.bundle,
        new_forms: read.new_forms,
        accepted,
        rejected,
    })
}

/// The id names the bundle in the import log and in each submission's provenance, so it must
/// be the one its content gives.
fn check_id(id: &str, digest: &str) -> Result<(), BundleError> {
    if digest.starts_with(id) && id.len() == 16 {
        Ok(())
    } else {
        Err(BundleError::Damaged("the id is not the digest's".into()))
    }
}

fn received_v1(text: &str) -> Result<Received, BundleError> {
    let bundle: v1::Bundle =
        serde_json::from_str(text).map_err(|e| BundleError::Damaged(e.to_string()))?;
    if digest_of(&bundle.content) != bundle.digest {
        return Err(BundleError::DigestMismatch);
    }
    check_id(&bundle.id, &bundle.digest)?;
    Ok(Received {
        id: bundle.id,
        created_at: bundle.created_at,
        version: v1::VERSION,
        producer: bundle.content.producer.into(),
        signer: None,
        forms: bundle.content.forms,
        submissions: bundle
            .content
            .submissions
            .into_iter()
            .map(v2::Submission::from)
            .collect(),
        withheld: Vec::new(),
    })
}

/// A bundle of format 2 as first parsed: every field but the submissions, which stay text
/// until they are read in turn.
#[derive(Deserialize)]
struct RawV2<'a> {
    id: String,
    created_at: String,
    format: String,
    version: u32,
    producer: v2::Producer,
    signer: v2::Signer,
    forms: Vec<FormSpec>,
    #[serde(borrow)]
    submissions: Vec<&'a RawValue>,
    #[serde(default)]
    withheld: Vec<String>,
    digest: String,
    signature: String,
}

/// A bundle file being read: the whole file's syntax, format and version are checked; the
/// submissions of a signed bundle are parsed and added to the digest a slice at a time
/// ([`Reading::read_some`]), so that a page can take turns in between; [`Reading::finish`]
/// then checks the digest, the signature, duplicates and the carried forms.
pub struct Reading<'a> {
    state: ReadingState<'a>,
}

enum ReadingState<'a> {
    /// A bundle of format 1, read whole.
    Whole(Box<Received>),
    /// A bundle of format 2, its submissions read in turn.
    Signed(Box<SignedReading<'a>>),
}

struct SignedReading<'a> {
    /// The file's text.
    text: &'a str,
    id: String,
    created_at: String,
    digest: String,
    signature: String,
    /// The content, its submissions added as they are read.
    content: v2::Content,
    unread: std::vec::IntoIter<&'a RawValue>,
    total: usize,
    digesting: v2::ContentDigest,
}

impl<'a> Reading<'a> {
    /// Checks the whole file's syntax, format and version, and parses all of it but the
    /// submissions.
    pub fn start(text: &'a str) -> Result<Reading<'a>, BundleError> {
        // Some editors and tools put a byte order mark before the JSON.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(BundleError::Empty);
        }
        // A first light pass reads only the format, the version and whether there is a
        // signature (and checks the syntax of the whole text) without building it in memory,
        // so that a file of another kind or version is refused before the content is parsed.
        let header: FileHeader = serde_json::from_str(text).map_err(|e| match e.classify() {
            Category::Eof => BundleError::Truncated,
            Category::Syntax => BundleError::NotJson {
                line: e.line(),
                column: e.column(),
            },
            Category::Data | Category::Io => BundleError::WrongFormat,
        })?;
        if !text.trim_start().starts_with('{')
            || header.format.as_ref().and_then(Value::as_str) != Some(v1::FORMAT)
        {
            return Err(BundleError::WrongFormat);
        }
        let state = match header.version.as_ref().and_then(Value::as_u64) {
            Some(v) if v > u64::from(v2::VERSION) => return Err(BundleError::NewerVersion(v)),
            Some(2) if !header.signature.as_ref().is_some_and(Value::is_string) => {
                return Err(BundleError::Unsigned)
            }
            Some(2) => ReadingState::Signed(Box::new(SignedReading::start(text)?)),
            Some(1) => ReadingState::Whole(Box::new(received_v1(text)?)),
            _ => return Err(BundleError::Damaged("no valid version".into())),
        };
        Ok(Reading { state })
    }

    /// Reads up to `count` more submissions; true once every one is read.
    pub fn read_some(&mut self, count: usize) -> Result<bool, BundleError> {
        let ReadingState::Signed(reading) = &mut self.state else {
            return Ok(true);
        };
        for raw in reading.unread.by_ref().take(count) {
            let submission: v2::Submission = serde_json::from_str(raw.get())
                .map_err(|e| BundleError::Damaged(in_file(reading.text, raw.get(), &e)))?;
            reading.digesting.submission(&submission);
            reading.content.submissions.push(submission);
        }
        Ok(reading.unread.len() == 0)
    }

    /// How much of the submissions is read, from 0 to 1.
    pub fn fraction(&self) -> f64 {
        match &self.state {
            ReadingState::Whole(_) => 1.0,
            ReadingState::Signed(reading) => {
                1.0 - reading.unread.len() as f64 / reading.total.max(1) as f64
            }
        }
    }

    /// The checks of the whole file once its submissions are read (it reads those left):
    /// digest, id, signature, duplicate submissions and the forms it carries, checked
    /// against this device's.
    pub fn finish(mut self, library: &FormLibrary) -> Result<ReadBundle, BundleError> {
        self.read_some(usize::MAX)?;
        let bundle = match self.state {
            ReadingState::Whole(received) => *received,
            ReadingState::Signed(reading) => reading.verified()?,
        };
        let mut seen = HashSet::new();
        if let Some(twice) = bundle
            .submissions
            .iter()
            .find(|s| !seen.insert(s.id.as_str()))
        {
            return Err(BundleError::DuplicateSubmission(twice.id.clone()));
        }

        let mut forms = library.clone();
        let mut new_forms = Vec::new();
        for spec in &bundle.forms {
            let form = Form::check(spec.clone()).map_err(|errors| {
                BundleError::InvalidForm(
                    errors.first().map(ToString::to_string).unwrap_or_default(),
                )
            })?;
            let (id, version) = (form.id().to_string(), form.version());
            match forms.add(form) {
                Err(LibraryError::VersionClash { .. }) => {
                    return Err(BundleError::FormClash(id, version))
                }
                Ok(crate::core::library::Added::New) => new_forms.extend(forms.get(&id, version)),
                Ok(crate::core::library::Added::AlreadyThere) => {}
            }
        }

        Ok(ReadBundle {
            bundle,
            forms,
            new_forms,
        })
    }
}

impl<'a> SignedReading<'a> {
    fn start(text: &'a str) -> Result<SignedReading<'a>, BundleError> {
        let raw: RawV2<'a> =
            serde_json::from_str(text).map_err(|e| BundleError::Damaged(e.to_string()))?;
        let content = v2::Content {
            format: raw.format,
            version: raw.version,
            producer: raw.producer,
            signer: raw.signer,
            forms: raw.forms,
            submissions: Vec::with_capacity(raw.submissions.len()),
            withheld: raw.withheld,
        };
        let digesting = v2::ContentDigest::new(&content);
        let total = raw.submissions.len();
        Ok(SignedReading {
            text,
            id: raw.id,
            created_at: raw.created_at,
            digest: raw.digest,
            signature: raw.signature,
            content,
            unread: raw.submissions.into_iter(),
            total,
            digesting,
        })
    }

    /// The bundle, once its digest, id and signature are its own.
    fn verified(self) -> Result<Received, BundleError> {
        if self.digesting.hex() != self.digest {
            return Err(BundleError::DigestMismatch);
        }
        check_id(&self.id, &self.digest)?;
        let message = signed_message(v2::SIGNED_KIND, v2::VERSION, &self.digest);
        if !self
            .content
            .signer
            .public_key
            .verifies(&message, &self.signature)
        {
            return Err(BundleError::BadSignature);
        }
        Ok(Received {
            id: self.id,
            created_at: self.created_at,
            version: v2::VERSION,
            producer: self.content.producer,
            signer: Some(self.content.signer),
            forms: self.content.forms,
            submissions: self.content.submissions,
            withheld: self.content.withheld,
        })
    }
}

/// A parse error in a part of the file's text, told at its line and column in the whole file.
fn in_file(text: &str, part: &str, error: &serde_json::Error) -> String {
    let offset = (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    let before = text.get(..offset).unwrap_or_default();
    let line = error.line() + before.matches('\n').count();
    let column = match error.line() {
        1 => before.len() - before.rfind('\n').map_or(0, |at| at + 1) + error.column(),
        _ => error.column(),
    };
    let what = error.to_string();
    let what = what
        .strip_suffix(&format!(
            " at line {} column {}",
            error.line(),
            error.column()
        ))
        .unwrap_or(&what);
    format!("{what} at line {line} column {column}")
}

/// The whole-file checks at once: format, version, shape, digest, signature, duplicate ids
/// and carried forms.
pub fn read(text: &str, library: &FormLibrary) -> Result<ReadBundle, BundleError> {
    Reading::start(text)?.finish(library)
}

fn is_hash(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A revision number and history a reader can trust not to overflow or contradict itself:
/// within bounds, every entry a revision hash, none twice, long enough for the revision
/// number (each revision descends from every earlier one), its last entry the previous hash.
fn check_history(item: &v2::Submission) -> Result<(), Rejection> {
    let bad = |why: &str| Err(Rejection::BadHistory(why.to_string()));
    if item.revision == 0 || item.revision > MAX_REVISION {
        return bad("revision number out of range");
    }
    if item.history.len() > MAX_HISTORY {
        return bad("history too long");
    }
    if !item.history.iter().all(|h| is_hash(h)) {
        return bad("a history entry is not a revision hash");
    }
    let distinct: HashSet<&String> = item.history.iter().collect();
    if distinct.len() != item.history.len() {
        return bad("a revision appears twice in the history");
    }
    if item.history.len() + 1 < item.revision as usize {
        return bad("the history is shorter than the revision number");
    }
    if item.previous_hash.as_ref() != item.history.last() {
        return bad("previous_hash is not the last entry of history");
    }
    if item.withheld_from.as_ref().is_some_and(|h| !is_hash(h)) {
        return bad("withheld_from is not a revision hash");
    }
    Ok(())
}

/// Checks one submission of a bundle against its own form version and gives it as a core
/// submission, written by the bundle's signer. A required answer the bundle withheld as
/// sensitive is not missing.
pub fn check(
    item: &v2::Submission,
    forms: &FormLibrary,
    bundle: &Received,
) -> Result<Submission, Rejection> {
    let form = forms
        .get(&item.form_id, item.form_version)
        .ok_or(Rejection::UnknownForm {
            form_id: item.form_id.clone(),
            version: item.form_version,
        })?;
    let status = match item.status.as_str() {
        "draft" => Status::Draft,
        "finalised" => Status::Finalised,
        other => return Err(Rejection::Malformed(format!("unknown status {other}"))),
    };
    check_history(item)?;
    let answers: Answers = item
        .answers
        .iter()
        .map(|(k, v)| serde_json::from_value(v.clone()).map(|a| (k.clone(), a)))
        .collect::<Result<_, _>>()
        .map_err(|e| Rejection::Malformed(e.to_string()))?;
    // The date the submission was last changed is the "today" its date checks were made on.
    let as_of: String = item.updated_at.chars().take(10).collect();
    let issues: Vec<Issue> = validate(&form, &answers, &as_of)
        .into_iter()
        .filter(|i| !(i.problem == Problem::Required && bundle.withheld.contains(&i.path.question)))
        .collect();
    if !issues.is_empty() {
        return Err(Rejection::Invalid(issues));
    }
    let mut submission = Submission::empty(item.id.clone(), &form, &item.created_at);
    submission.set_answers(&form, answers, &item.updated_at);
    submission.status = status;
    submission.revision = item.revision;
    submission.history = item.history.clone();
    submission.complete_hash = item.withheld_from.clone();
    submission.signed_by = bundle.signed_by();
    Ok(submission)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
