//! Bundles on this device: preparing an export (what goes out, its size, who sends it), saving
//! or sharing it and marking what went out (and undoing that mark); checking picked bundle
//! files one at a time (size first, then every check of the format, a slice of submissions at
//! a time so the page stays responsive) into a preview; and writing a confirmed import —
//! forms, submissions, the revisions it sets aside and the import log — in one transaction
//! that overwrites nothing written since the preview.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::bundle::export::{
    self, export, mark_exported, unmark_exported, ExportFrom, Selection, Sending, Sensitive,
};
use crate::bundle::import::{check, BundleError, ImportRecord, ReadBundle, Reading, Rejection};
use crate::bundle::v2;
use crate::core::i18n::{isolate, Lang, Msg};
use crate::core::keys::PublicKey;
use crate::core::library::FormLibrary;
use crate::core::merge::heads;
use crate::core::merge::{Counts, Merge, Report};
use crate::core::order;
use crate::core::phrase;
use crate::core::profile::Profile;
use crate::core::schema::FormSpec;
use crate::core::submission::Submission;
use crate::core::trust::{Signer, Trust, TrustedKey};
use crate::platform::clock;
use crate::platform::files::{self, FileError};
use crate::platform::share::{self, ShareError};
use crate::seal::{self, SealError};
use crate::state::keys;
use crate::state::library::load_library;
use crate::state::profile;
use crate::state::sealing::{self, Sealing, SEALED_MIME};
use crate::state::store::{self, db};
use crate::storage::{imports, settings, submissions, Batch, StorageError, WriteVersion};

/// The largest bundle file read, in bytes: 10,000 submissions take about 20 MB.
pub const MAX_BUNDLE_FILE: f64 = 64.0 * 1024.0 * 1024.0;
/// The media type bundles are saved and shared as.
const BUNDLE_MIME: &str = "application/json";
/// How many submissions are checked between two turns of the browser.
const SLICE: usize = 200;
/// The part of a file's progress that is its reading (parsing and digest); the rest is checking
/// its submissions.
const READING_SHARE: f64 = 0.25;
/// How many times a write is worked out again when another tab wrote the same submissions
/// in between.
const ATTEMPTS: usize = 5;

/// A bundle ready to save: its text, id, file name and which submissions it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedExport {
    pub json: String,
    pub bundle_id: String,
    pub file_name: String,
    pub ids: Vec<String>,
    /// No sender can be named: the profile must be set before this bundle goes out.
    pub needs_profile: bool,
    /// The sensitive questions whose answers the bundle leaves out.
    pub withheld: usize,
    /// What the person chose when it was made.
    pub choices: ExportChoices,
}

/// What the person chose about what leaves the device with a bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportChoices {
    /// Send this device's id.
    pub device_id: bool,
    /// Whether the answers of sensitive questions go out.
    pub sensitive: Sensitive,
}

impl Default for ExportChoices {
    fn default() -> Self {
        ExportChoices {
            device_id: false,
            sensitive: Sensitive::Withhold,
        }
    }
}

/// Builds the bundle of the submissions the selection keeps, sent and signed by this device's
/// reporting entity.
pub async fn prepare_export(
    selection: &Selection,
    sending: Sending,
    choices: ExportChoices,
) -> Result<PreparedExport, Msg> {
    clock::mark("nahda:export-start");
    let db = db().await?;
    let library = load_library(&db).await?;
    let all = submissions::all(&db).await?;
    let chosen: Vec<Submission> = all.into_iter().filter(|s| selection.keeps(s)).collect();
    let profile: Profile = settings::get(&db, settings::PROFILE)
        .await?
        .unwrap_or_default();
    let sender = export::sender(&profile.entity_name, &chosen, sending);
    let needs_profile = sender.is_none() && !chosen.is_empty();
    let entity_name = sender.unwrap_or_default();
    let device_id = if choices.device_id {
        Some(profile::device_id().await?)
    } else {
        None
    };
    let from = ExportFrom {
        entity_name: entity_name.clone(),
        device_id,
        app_version: env!("CARGO_PKG_VERSION").into(),
        public_key: keys::own_key().await?,
    };
    let unsigned = export(&chosen, &library, &from, &clock::now(), choices.sensitive);
    let withheld = unsigned.content.withheld.len();
    let signature = keys::sign(&unsigned.message()).await?;
    let bundle = unsigned.signed(signature);
    let prepared = PreparedExport {
        json: serde_json::to_string(&bundle).map_err(|_| Msg::ExportFailed)?,
        bundle_id: bundle.id,
        file_name: export::file_name(&entity_name, &clock::today()),
        ids: chosen.into_iter().map(|s| s.id).collect(),
        needs_profile,
        withheld,
        choices,
    };
    clock::measure_since("nahda:export", "nahda:export-start");
    Ok(prepared)
}

/// Changes the bundle's submissions as stored, all in one transaction, again if another tab
/// wrote some of them in between.
async fn change_sent(prepared: &PreparedExport, edit: impl Fn(&mut Submission)) -> Result<(), Msg> {
    let db = db().await?;
    for _ in 0..ATTEMPTS {
        let mut records = Vec::new();
        for stored in submissions::get_many(&db, &prepared.ids).await? {
            let mut record = stored.submission.clone();
            edit(&mut record);
            if record != stored.submission {
                records.push((record, stored.version));
            }
        }
        let mut batch = Batch::new();
        for (record, read) in &records {
            batch.submission(record, Some(*read));
        }
        let changed: Vec<String> = records.iter().map(|(r, _)| r.id.clone()).collect();
        match store::write(&db, batch, &changed).await {
            Err(StorageError::Moved(_)) => continue,
            done => return Ok(done?),
        }
    }
    Err(Msg::ChangedElsewhere)
}

/// The bundle's file as it goes out, sealed as chosen: its name, bytes and media type.
async fn outgoing(
    prepared: &PreparedExport,
    sealing: &Sealing,
) -> Result<(String, Vec<u8>, &'static str), Msg> {
    if prepared.needs_profile {
        return Err(Msg::ExportNeedsProfile);
    }
    let bytes = sealing.apply(prepared.json.as_bytes()).await?;
    Ok(if sealing.seals() {
        (format!("{}.age", prepared.file_name), bytes, SEALED_MIME)
    } else {
        (prepared.file_name.clone(), bytes, BUNDLE_MIME)
    })
}

/// Saves the bundle, sealed as chosen, to the downloads and marks what went out: the file was
/// handed to the browser's downloads. The mark can be undone when the file did not arrive.
/// Gives the file's name.
pub async fn save_export(prepared: &PreparedExport, sealing: &Sealing) -> Result<String, Msg> {
    let (file_name, bytes, mime) = outgoing(prepared, sealing).await?;
    files::save_bytes(&file_name, &bytes, mime).map_err(|_| Msg::ExportFailed)?;
    change_sent(prepared, |s| mark_exported(s, &prepared.bundle_id)).await?;
    Ok(file_name)
}

/// Takes back the "exported" mark of a bundle's submissions (the file never reached anyone).
pub async fn undo_export(prepared: &PreparedExport) -> Result<(), Msg> {
    change_sent(prepared, |s| unmark_exported(s, &prepared.bundle_id)).await
}

/// True when the phone can share the bundle file (messaging apps, Bluetooth, e-mail), sealed
/// or not.
pub fn can_share(sealed: bool) -> bool {
    share::can_share_files(if sealed { SEALED_MIME } else { BUNDLE_MIME })
}

/// How handing the bundle to the share sheet went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shared {
    /// An app took the file; its submissions are marked as exported.
    Sent,
    /// The person closed the share sheet: nothing went out and nothing was marked.
    Cancelled,
}

/// Hands the bundle, sealed as chosen, to the share sheet and marks what went out once an app
/// took it.
pub async fn share_export(prepared: &PreparedExport, sealing: &Sealing) -> Result<Shared, Msg> {
    let (file_name, bytes, mime) = outgoing(prepared, sealing).await?;
    match share::share_file(&file_name, &bytes, mime).await {
        Ok(()) => {
            change_sent(prepared, |s| mark_exported(s, &prepared.bundle_id)).await?;
            Ok(Shared::Sent)
        }
        Err(ShareError::Cancelled) => Ok(Shared::Cancelled),
        Err(ShareError::Failed) => Err(Msg::ExportFailed),
    }
}

/// Why a picked file cannot be imported at all.
#[derive(Debug, Clone, PartialEq)]
pub enum FileProblem {
    TooLarge,
    Unreadable,
    Bundle(BundleError),
    /// Signed by a key the person revoked (the name they gave it).
    Revoked(String),
    /// Sealed, and not opened: for someone else, needing its passphrase, or damaged.
    Sealed(SealError),
}

impl FileProblem {
    /// What to tell the person.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FileProblem::TooLarge => Msg::FileTooLarge.with(
                lang,
                &[(
                    "n",
                    &phrase::figure(Some(MAX_BUNDLE_FILE / 1024.0 / 1024.0), lang),
                )],
            ),
            FileProblem::Unreadable => Msg::FileUnreadable.text(lang).to_string(),
            FileProblem::Bundle(error) => error.message(lang),
            FileProblem::Revoked(name) => Msg::ImportRevoked.with(lang, &[("n", &isolate(name))]),
            FileProblem::Sealed(error) => error.msg().text(lang).to_string(),
        }
    }
}

/// One picked file that passed the whole-file checks, and what importing it would do.
#[derive(Debug, Clone)]
pub struct CheckedFile {
    pub file_name: String,
    pub bundle_id: String,
    pub created_at: String,
    pub producer: v2::Producer,
    /// Who signed it, as this device sees the key.
    pub signer: Signer,
    pub rejected: Vec<(String, Rejection)>,
    pub report: Report,
    /// When this bundle was imported here before.
    pub imported_before: Option<String>,
    /// How many of its submissions were last changed more than a day after this device's
    /// today: the sender's clock is wrong, or the dates were made up.
    pub dated_ahead: usize,
    /// The form versions it brings that the device lacks.
    pub new_forms: Vec<FormSpec>,
    /// How it was opened, when it came sealed.
    pub opened: Option<Opened>,
}

/// How a sealed file was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// With this device's sealing identity.
    ByKey,
    /// With the passphrase the person typed.
    ByPassphrase,
}

/// A picked file's text, opened first when it is sealed (with this device's sealing
/// identities, or the passphrase typed for it).
async fn read_picked(
    file: &web_sys::File,
    passphrase: Option<&str>,
) -> Result<(String, Option<Opened>), FileProblem> {
    let bytes = files::read_bytes(file, MAX_BUNDLE_FILE)
        .await
        .map_err(|e| match e {
            FileError::TooLarge { .. } => FileProblem::TooLarge,
            FileError::Unreadable => FileProblem::Unreadable,
        })?;
    let (bytes, opened) = if seal::is_sealed(&bytes) {
        let (plain, by_passphrase) = sealing::open(&bytes, passphrase)
            .await
            .map_err(FileProblem::Sealed)?;
        let opened = if by_passphrase {
            Opened::ByPassphrase
        } else {
            Opened::ByKey
        };
        (plain, Some(opened))
    } else {
        (bytes, None)
    };
    // As a browser reads text: UTF-8, any byte order mark dropped, bad bytes replaced.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok((text, opened))
}

/// One picked file in the preview.
#[derive(Debug, Clone)]
pub enum PickedFile {
    Refused {
        file_name: String,
        problem: FileProblem,
    },
    Checked(CheckedFile),
}

/// Everything the import of the picked files would write, worked out before any write: the
/// files' submissions live only in the merge (no second copy), with the write version each
/// stored submission it merges with was read at.
#[derive(Debug, Clone, Default)]
pub struct ImportPreview {
    pub files: Vec<PickedFile>,
    trust: Trust,
    merge: Merge,
    versions: HashMap<String, WriteVersion>,
    /// Keys seen for the first time that the person chose to trust, as the entities their
    /// bundles name: already trusted in this preview's merge, kept when it is confirmed.
    trusting: BTreeMap<PublicKey, String>,
    /// Form versions the bundles carry that the person chose to add (`id`, `version`).
    adding: BTreeSet<(String, u32)>,
}

impl ImportPreview {
    /// The outcome counts over all files.
    pub fn counts(&self) -> Counts {
        let mut total = Counts::default();
        for file in self.checked() {
            total.absorb(file.report.counts);
        }
        total
    }

    fn checked(&self) -> impl Iterator<Item = &CheckedFile> {
        self.files.iter().filter_map(|f| match f {
            PickedFile::Checked(c) => Some(c),
            PickedFile::Refused { .. } => None,
        })
    }

    /// True when confirming would write something: a submission, a form, or a bundle not in
    /// the import log yet.
    pub fn writes_anything(&self) -> bool {
        self.counts().changes() > 0
            || self
                .checked()
                .any(|f| f.imported_before.is_none() || !f.new_forms.is_empty())
    }

    /// The keys seen for the first time that this preview trusts (as the entity each names).
    pub fn trusting(&self) -> &BTreeMap<PublicKey, String> {
        &self.trusting
    }

    /// Adds (or not) a form version a bundle carries, once the import is confirmed.
    pub fn add_form(&mut self, id: &str, version: u32, add: bool) {
        let form = (id.to_string(), version);
        if add {
            self.adding.insert(form);
        } else {
            self.adding.remove(&form);
        }
    }

    /// The form versions the bundles carry that will be added: those the person chose, and
    /// those of senders trusted as form authors (or this device itself).
    fn forms_added(&self) -> Vec<&FormSpec> {
        let mut out: Vec<&FormSpec> = Vec::new();
        for file in self.checked() {
            let by_author = matches!(&file.signer, Signer::Own)
                || matches!(&file.signer, Signer::Known(k) if k.form_author);
            for form in &file.new_forms {
                let chosen = self.adding.contains(&(form.id.clone(), form.version));
                let known = out
                    .iter()
                    .any(|f| f.id == form.id && f.version == form.version);
                if (by_author || chosen) && !known {
                    out.push(form);
                }
            }
        }
        out
    }

    /// The form versions carried but not added: submissions that use them are left out.
    fn forms_left_out(&self) -> BTreeSet<(String, u32)> {
        let added: BTreeSet<(String, u32)> = self
            .forms_added()
            .iter()
            .map(|f| (f.id.clone(), f.version))
            .collect();
        self.checked()
            .flat_map(|f| &f.new_forms)
            .map(|f| (f.id.clone(), f.version))
            .filter(|f| !added.contains(f))
            .collect()
    }
}

/// Reads and checks the picked files one at a time, and merges each into what is stored
/// under its ids before the next is read, so only one file's text and parsed content is in
/// memory at once. `trusting` are keys seen for the first time that the person chose to
/// trust in an earlier look at the same files (as the entity each names): they count as
/// trusted here. A sealed file is opened with this device's sealing identities, or with the
/// passphrase in `passphrases` under its file name. `progress` is told which file is being
/// checked, of how many, and how far into it. Nothing is written.
pub async fn check_files(
    picked: Vec<web_sys::File>,
    trusting: BTreeMap<PublicKey, String>,
    passphrases: &BTreeMap<String, String>,
    progress: impl Fn(f64, usize),
) -> Result<ImportPreview, Msg> {
    clock::mark("nahda:import-check-start");
    let db = db().await?;
    let mut trusted = keys::trusted_keys().await?;
    trusted.extend(trusting.iter().map(|(key, name)| TrustedKey {
        key: *key,
        name: name.clone(),
        coordinator: false,
        form_author: false,
        added_at: String::new(),
        revoked_at: None,
    }));
    let own = keys::own_key().await.ok();
    let authority = Trust::new(own, trusted).authority();
    let trust = keys::trust().await?;
    let tomorrow = clock::tomorrow();
    let mut library: FormLibrary = load_library(&db).await?;
    let logged: BTreeMap<String, ImportRecord> = imports::all(&db)
        .await?
        .into_iter()
        .map(|r| (r.id.clone(), r))
        .collect();
    let count = picked.len();
    let mut preview = ImportPreview {
        merge: Merge::new([]).trusting(authority),
        trust,
        trusting,
        ..ImportPreview::default()
    };
    for (index, file) in picked.into_iter().enumerate() {
        progress(index as f64, count);
        let file_name = file.name();
        let picked = read_picked(&file, passphrases.get(&file_name).map(String::as_str)).await;
        clock::next_turn().await;
        let read = match picked {
            Ok((text, opened)) => read_in_slices(&text, &library, |part| {
                progress(index as f64 + part * READING_SHARE, count)
            })
            .await
            .map(|read| (read, opened))
            .map_err(FileProblem::Bundle),
            Err(problem) => Err(problem),
        };
        let (read, opened) = match read {
            Ok(read) => read,
            Err(problem) => {
                preview
                    .files
                    .push(PickedFile::Refused { file_name, problem });
                continue;
            }
        };
        let bundle = read.bundle;
        let signer = preview
            .trust
            .signer(bundle.signed_by().as_ref(), &bundle.producer.entity_name);
        if let Signer::Revoked(key) = &signer {
            preview.files.push(PickedFile::Refused {
                file_name,
                problem: FileProblem::Revoked(key.name.clone()),
            });
            continue;
        }
        // A later file is checked against the forms the earlier ones bring.
        library = read.forms.clone();
        let total = bundle.submissions.len().max(1) as f64;
        let dated_ahead = bundle
            .submissions
            .iter()
            .filter(|s| {
                s.updated_at
                    .get(..10)
                    .is_some_and(|day| day > tomorrow.as_str())
            })
            .count();
        let mut ids: Vec<String> = bundle
            .submissions
            .iter()
            .map(|s| s.id.clone())
            .filter(|id| {
                !preview.versions.contains_key(id) && !preview.merge.records().contains_key(id)
            })
            .collect();
        order::sort(&mut ids);
        ids.dedup();
        for stored in submissions::get_many(&db, &ids).await? {
            preview
                .versions
                .insert(stored.submission.id.clone(), stored.version);
            preview.merge.know([stored.submission]);
        }
        let mut report = Report::default();
        let mut rejected = Vec::new();
        let mut done = 0;
        for slice in bundle.submissions.chunks(SLICE) {
            let mut accepted = Vec::with_capacity(slice.len());
            for item in slice {
                match check(item, &read.forms, &bundle) {
                    Ok(submission) => accepted.push(submission),
                    Err(reason) => rejected.push((item.id.clone(), reason)),
                }
            }
            report.absorb(preview.merge.bundle(&bundle.id, accepted));
            done += slice.len();
            progress(
                index as f64 + READING_SHARE + (1.0 - READING_SHARE) * done as f64 / total,
                count,
            );
            clock::next_turn().await;
        }
        preview.files.push(PickedFile::Checked(CheckedFile {
            file_name,
            imported_before: logged.get(&bundle.id).map(|r| r.imported_at.clone()),
            bundle_id: bundle.id,
            created_at: bundle.created_at,
            producer: bundle.producer,
            signer,
            rejected,
            report,
            dated_ahead,
            new_forms: read.new_forms.iter().map(|f| f.spec().clone()).collect(),
            opened,
        }));
    }
    progress(count as f64, count);
    clock::measure_since("nahda:import-check", "nahda:import-check-start");
    Ok(preview)
}

/// Reads a bundle file's text, a slice of its submissions at a time with a turn of the page
/// in between; `progress` is told how much is read, from 0 to 1.
async fn read_in_slices(
    text: &str,
    library: &FormLibrary,
    progress: impl Fn(f64),
) -> Result<ReadBundle, BundleError> {
    let mut reading = Reading::start(text)?;
    clock::next_turn().await;
    while !reading.read_some(SLICE)? {
        progress(reading.fraction());
        clock::next_turn().await;
    }
    reading.finish(library)
}

/// Writes a confirmed import in one transaction: the new forms, every changed submission, the
/// revisions it sets aside (to the archive) and the import log. It is written only if none of
/// the submissions it changes was written since the preview; otherwise it is worked out again
/// over what is stored now, so an edit made meanwhile is merged, never overwritten. All or
/// nothing.
pub async fn write_import(preview: &mut ImportPreview) -> Result<Counts, Msg> {
    clock::mark("nahda:import-write-start");
    let db = db().await?;
    let now = clock::now();
    let own = keys::own_key().await.ok();
    // The keys the person chose to trust, as the entities their bundles name.
    let newly_trusted: Vec<TrustedKey> = preview
        .trusting
        .iter()
        .map(|(key, name)| TrustedKey {
            key: *key,
            name: name.clone(),
            coordinator: false,
            form_author: false,
            added_at: now.clone(),
            revoked_at: None,
        })
        .collect();
    let left_out = preview.forms_left_out();
    for _ in 0..ATTEMPTS {
        let now = clock::now();
        let set_aside = preview.merge.set_aside(&now);
        let mut batch = Batch::new().strict();
        for form in preview.forms_added() {
            batch.form(form)?;
        }
        for key in &newly_trusted {
            batch.trusted_key(key)?;
        }
        // Submissions of a carried form the person did not add are not written.
        let writes: Vec<&Submission> = preview
            .merge
            .writes()
            .into_iter()
            .filter(|r| {
                !heads(r)
                    .iter()
                    .any(|h| left_out.contains(&(h.form_id.clone(), h.form_version)))
            })
            .collect();
        for record in &writes {
            batch.submission(record, preview.versions.get(&record.id).copied());
        }
        for aside in &set_aside {
            batch.archived(aside)?;
        }
        for file in preview
            .checked()
            .filter(|f| f.imported_before.is_none() || f.report.counts.changes() > 0)
        {
            let c = file.report.counts;
            batch.import_record(&ImportRecord {
                id: file.bundle_id.clone(),
                file_name: file.file_name.clone(),
                imported_at: now.clone(),
                created_at: file.created_at.clone(),
                producer: file.producer.clone(),
                signer: match &file.signer {
                    Signer::Known(k) | Signer::Revoked(k) => Some(k.key),
                    Signer::FirstSeen { key, .. } => Some(*key),
                    Signer::Own => own,
                    Signer::Unsigned => None,
                },
                submissions: c.total() + file.rejected.len(),
                new: c.new,
                duplicate: c.duplicate,
                newer: c.newer,
                older: c.older,
                conflict: c.conflict,
                rejected: file.rejected.len(),
            })?;
        }
        let changed: Vec<String> = writes.iter().map(|r| r.id.clone()).collect();
        match store::write(&db, batch, &changed).await {
            Err(StorageError::Moved(_)) => {
                let stored = submissions::get_many(&db, &changed).await?;
                preview.versions = stored
                    .iter()
                    .map(|s| (s.submission.id.clone(), s.version))
                    .collect();
                let merge = std::mem::take(&mut preview.merge);
                preview.merge = merge.rebase(stored.into_iter().map(|s| s.submission));
            }
            Err(StorageError::QuotaExceeded) => return Err(Msg::StorageFull),
            Err(_) => return Err(Msg::ImportFailed),
            Ok(()) => {
                clock::measure_since("nahda:import-write", "nahda:import-write-start");
                return Ok(preview.counts());
            }
        }
    }
    Err(Msg::ChangedElsewhere)
}

/// The import log, the latest first.
pub async fn import_log() -> Result<Vec<ImportRecord>, Msg> {
    let mut log = imports::all(&*db().await?).await?;
    order::sort_by(&mut log, |a, b| b.imported_at.cmp(&a.imported_at));
    Ok(log)
}
