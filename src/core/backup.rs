//! The full backup of a device: every form definition, every submission (the trash included)
//! and the settings, in one self-checking file, and the plan for restoring it into a browser
//! that may already hold some of it — without duplicating or losing anything.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::error::Category;
use serde_json::Value;

use crate::core::archive::{set_aside, ArchivedRevision, SetAsideBy};
use crate::core::digest::digest_of;
use crate::core::header::FileHeader;
use crate::core::keys::{signed_message, PublicKey};
use crate::core::merge::{absorb, heads, Outcome};
use crate::core::schema::FormSpec;
use crate::core::submission::Submission;
use crate::core::trust::Authority;

/// The value of the `format` field of a backup file.
pub const BACKUP_FORMAT: &str = "nahda.backup";
/// The backup format version this app writes and the newest it reads: 2 is signed by the
/// device that saved it; 1 (unsigned) still restores.
pub const BACKUP_VERSION: u32 = 2;
/// Settings that belong to one browser and are never restored into another.
pub const DEVICE_SETTINGS: [&str; 4] =
    ["device_id", "current_submission", "last_backup", "language"];

/// What a backup holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BackupContent {
    pub forms: Vec<FormSpec>,
    pub submissions: Vec<Submission>,
    pub settings: BTreeMap<String, Value>,
}

/// A backup file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub version: u32,
    pub created_at: String,
    pub device_id: String,
    pub content: BackupContent,
    /// SHA-256 of the canonical JSON of `content`.
    pub digest: String,
    /// The key of the device that saved it (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_by: Option<PublicKey>,
    /// Its Ed25519 signature (128 hex digits) of the bytes `nahda.backup v2 <digest>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// Why a file cannot be restored.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BackupError {
    #[error("the file is not JSON")]
    NotJson,
    #[error("the file is not a Nahda backup")]
    WrongFormat,
    #[error("the backup was made by a newer version of the app (format {0})")]
    NewerVersion(u32),
    #[error("the backup is damaged: {0}")]
    Damaged(String),
    #[error("the backup's content does not match its digest: it was changed or damaged")]
    DigestMismatch,
    #[error("the backup's signature is missing or not its device's: it was changed")]
    BadSignature,
}

/// The kind of file a backup's signature names.
const SIGNED_KIND: &str = "nahda.backup";

impl Backup {
    /// A backup of this content, to be signed by `signer` (see [`Backup::message`]).
    pub fn new(
        content: BackupContent,
        device_id: &str,
        created_at: &str,
        signer: PublicKey,
    ) -> Backup {
        Backup {
            format: BACKUP_FORMAT.into(),
            version: BACKUP_VERSION,
            created_at: created_at.into(),
            device_id: device_id.into(),
            digest: digest_of(&content),
            content,
            signed_by: Some(signer),
            signature: None,
        }
    }

    /// The bytes the device signs.
    pub fn message(&self) -> Vec<u8> {
        signed_message(SIGNED_KIND, BACKUP_VERSION, &self.digest)
    }

    /// The file's text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a backup file: the format and version first, then the content, then the digest.
    pub fn from_json(json: &str) -> Result<Backup, BackupError> {
        let header: FileHeader = serde_json::from_str(json).map_err(|e| match e.classify() {
            Category::Data => BackupError::WrongFormat,
            Category::Syntax | Category::Eof | Category::Io => BackupError::NotJson,
        })?;
        if !json.trim_start().starts_with('{')
            || header.format.as_ref().and_then(Value::as_str) != Some(BACKUP_FORMAT)
        {
            return Err(BackupError::WrongFormat);
        }
        match header.version.as_ref().and_then(Value::as_u64) {
            Some(v) if v > u64::from(BACKUP_VERSION) => {
                return Err(BackupError::NewerVersion(v as u32))
            }
            Some(_) => {}
            None => return Err(BackupError::Damaged("no version".into())),
        }
        let backup: Backup =
            serde_json::from_str(json).map_err(|e| BackupError::Damaged(e.to_string()))?;
        if digest_of(&backup.content) != backup.digest {
            return Err(BackupError::DigestMismatch);
        }
        if backup.version >= 2 {
            let signed = match (&backup.signed_by, &backup.signature) {
                (Some(key), Some(signature)) => key.verifies(
                    &signed_message(SIGNED_KIND, backup.version, &backup.digest),
                    signature,
                ),
                _ => false,
            };
            if !signed {
                return Err(BackupError::BadSignature);
            }
        }
        Ok(backup)
    }
}

/// What restoring a backup will write, worked out before anything is written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RestorePlan {
    pub forms: Vec<FormSpec>,
    pub submissions: Vec<Submission>,
    pub settings: Vec<(String, Value)>,
    /// The revisions the restore takes out of stored submissions, to keep in the archive.
    pub archive: Vec<ArchivedRevision>,
    pub added: usize,
    pub updated: usize,
    /// Submissions edited both here and in the backup independently: both revisions are kept
    /// side by side, as a conflict to choose from.
    pub conflicts: usize,
    pub unchanged: usize,
}

/// Plans a restore into a browser that holds `stored`: missing forms and settings are added
/// (never this browser's own device settings); a submission is added when missing, and
/// otherwise each revision of it in the backup is merged into the stored one by revision
/// hashes and history, never by clocks — a later revision replaces the one it descends from
/// (which goes to the archive), an independent edit is kept beside the stored one as a
/// conflict, and an earlier or equal one changes nothing. Nothing stored is dropped, and
/// restoring the same backup twice changes nothing the second time.
pub fn plan_restore(
    backup: &BackupContent,
    stored: &BackupContent,
    now: &str,
    authority: &Authority,
) -> RestorePlan {
    let mut plan = RestorePlan::default();
    for form in &backup.forms {
        let known = stored
            .forms
            .iter()
            .any(|f| f.id == form.id && f.version == form.version);
        if !known {
            plan.forms.push(form.clone());
        }
    }
    let by_id: HashMap<&str, &Submission> = stored
        .submissions
        .iter()
        .map(|s| (s.id.as_str(), s))
        .collect();
    for incoming in &backup.submissions {
        let Some(current) = by_id.get(incoming.id.as_str()) else {
            plan.added += 1;
            plan.submissions.push(incoming.clone());
            continue;
        };
        let mut record = (*current).clone();
        let mut conflict = false;
        for head in heads(incoming) {
            let (outcome, next) = absorb(&record, head, authority);
            conflict |= outcome == Outcome::Conflict;
            record = next;
        }
        for bundle in &incoming.imported_from {
            if let Err(at) = record.imported_from.binary_search(bundle) {
                record.imported_from.insert(at, bundle.clone());
            }
        }
        for bundle in &incoming.exported_in {
            if !record.exported_in.contains(bundle) {
                record.exported_in.push(bundle.clone());
            }
        }
        if record == **current {
            plan.unchanged += 1;
            continue;
        }
        if conflict {
            plan.conflicts += 1;
        } else {
            plan.updated += 1;
        }
        plan.archive
            .extend(set_aside(current, &record, SetAsideBy::Restore, now));
        plan.submissions.push(record);
    }
    for (key, value) in &backup.settings {
        if !DEVICE_SETTINGS.contains(&key.as_str()) && !stored.settings.contains_key(key) {
            plan.settings.push((key.clone(), value.clone()));
        }
    }
    plan
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::answers::{Answer, Answers};
    use crate::core::schema::Form;
    use proptest::prelude::*;

    const PACK: &str = include_str!("../../public/forms/six-sector-survey.v1.json");

    fn form() -> &'static Form {
        static FORM: std::sync::OnceLock<Form> = std::sync::OnceLock::new();
        FORM.get_or_init(|| Form::from_json(PACK).expect("pack"))
    }

    fn submission(id: &str, name: &str) -> Submission {
        let form = form();
        let mut s = Submission::new_draft(id.into(), form, "t0");
        s.set_answers(
            form,
            Answers::from([("entity_name".into(), Answer::Text(name.into()))]),
            "t1",
        );
        s.status = crate::core::submission::Status::Finalised;
        s.signed_by = Some(crate::core::keys::PublicKey::from_bytes([1; 32]));
        s
    }

    /// The next revision, as reopening, editing and finalising make it.
    fn edited(s: &Submission, name: &str) -> Submission {
        let mut next = s.clone();
        next.reopen("t2");
        next.set_answers(
            form(),
            Answers::from([("entity_name".into(), Answer::Text(name.into()))]),
            "t3",
        );
        next.status = crate::core::submission::Status::Finalised;
        next
    }

    fn content(submissions: Vec<Submission>) -> BackupContent {
        BackupContent {
            forms: vec![form().spec().clone()],
            submissions,
            settings: BTreeMap::from([
                ("profile".into(), serde_json::json!({"entity_name": "مجلس"})),
                ("device_id".into(), Value::String("old-device".into())),
                ("language".into(), Value::String("en arab".into())),
            ]),
        }
    }

    #[test]
    fn a_backup_round_trips_and_detects_changes() {
        use ed25519_dalek::{Signer, SigningKey};
        let device = SigningKey::from_bytes(&[5; 32]);
        let key = PublicKey::from_bytes(device.verifying_key().to_bytes());
        let mut backup = Backup::new(
            content(vec![submission("a", "A")]),
            "dev",
            "2026-11-29",
            key,
        );
        let unsigned = backup.to_json();
        assert_eq!(Backup::from_json(&unsigned), Err(BackupError::BadSignature));
        let signature = crate::core::digest::hex(&device.sign(&backup.message()).to_bytes());
        backup.signature = Some(signature);
        let json = backup.to_json();
        assert_eq!(Backup::from_json(&json), Ok(backup.clone()));
        let edited = json.replace("\"A\"", "\"B\"");
        assert_eq!(Backup::from_json(&edited), Err(BackupError::DigestMismatch));
        // Signed by another key than the one it names: refused.
        let mut other = backup.clone();
        other.signed_by = Some(PublicKey::from_bytes([9; 32]));
        assert_eq!(
            Backup::from_json(&other.to_json()),
            Err(BackupError::BadSignature)
        );
        // A backup of format 1 (unsigned) still restores.
        let mut old: serde_json::Value = serde_json::from_str(&json).expect("json");
        old["version"] = serde_json::json!(1);
        let fields = old.as_object_mut().expect("object");
        fields.remove("signature");
        fields.remove("signed_by");
        assert!(Backup::from_json(&old.to_string()).is_ok());
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        assert_eq!(Backup::from_json("not json"), Err(BackupError::NotJson));
        assert_eq!(
            Backup::from_json("{\"format\": \"nahda.backup\", \"vers"),
            Err(BackupError::NotJson)
        );
        for other_json in ["[\"nahda.backup\", 2]", "\"nahda.backup\"", "2", "null"] {
            assert_eq!(
                Backup::from_json(other_json),
                Err(BackupError::WrongFormat),
                "{other_json}"
            );
        }
        assert_eq!(
            Backup::from_json("{\"format\": \"other\"}"),
            Err(BackupError::WrongFormat)
        );
        assert_eq!(
            Backup::from_json("{\"format\": \"nahda.backup\", \"version\": 9}"),
            Err(BackupError::NewerVersion(9))
        );
        assert!(matches!(
            Backup::from_json("{\"format\": \"nahda.backup\", \"version\": 1}"),
            Err(BackupError::Damaged(_))
        ));
    }

    #[test]
    fn restoring_into_an_empty_browser_adds_everything_but_device_settings() {
        let backup = content(vec![submission("a", "A"), submission("b", "B")]);
        let plan = plan_restore(
            &backup,
            &BackupContent::default(),
            "now",
            &Authority::default(),
        );
        assert_eq!((plan.added, plan.updated, plan.unchanged), (2, 0, 0));
        assert_eq!(plan.forms.len(), 1);
        assert_eq!(
            plan.settings
                .iter()
                .map(|(k, _)| k.as_str())
                .collect::<Vec<_>>(),
            ["profile"]
        );
    }

    #[test]
    fn later_revisions_win_by_history_not_by_clock_and_nothing_is_lost() {
        let a1 = submission("a", "A first");
        let a2 = edited(&a1, "A second");
        let b1 = submission("b", "B first");
        let b2 = edited(&b1, "B second");
        let c1 = submission("c", "C first");
        let c_here = edited(&c1, "C edited here");
        let mut c_there = edited(&c1, "C edited in the backup");
        // The backup's clock says its edit is older; clocks decide nothing.
        c_there.updated_at = "t0".into();
        let stored = content(vec![a2.clone(), b1.clone(), c_here.clone()]);
        let backup = content(vec![a1, b2.clone(), c_there.clone(), submission("d", "D")]);
        let plan = plan_restore(&backup, &stored, "now", &Authority::default());
        assert_eq!(
            (plan.added, plan.updated, plan.conflicts, plan.unchanged),
            (1, 1, 1, 1)
        );
        let written: BTreeMap<&str, &Submission> = plan
            .submissions
            .iter()
            .map(|s| (s.id.as_str(), s))
            .collect();
        assert_eq!(written["b"].answers, b2.answers, "the later revision of b");
        let c = written["c"];
        assert_eq!(c.conflicts.len(), 1, "both edits of c are kept");
        let both: Vec<&Answers> = [&c.answers, &c.conflicts[0].answers].into();
        assert!(both.contains(&&c_here.answers) && both.contains(&&c_there.answers));
        assert_eq!(plan.archive.len(), 1, "b's replaced revision is archived");
        assert_eq!(plan.archive[0].revision.answers, b1.answers);
        assert!(plan.forms.is_empty() && plan.settings.is_empty());
    }

    #[test]
    fn conflicts_kept_on_the_device_survive_a_restore() {
        let a1 = submission("a", "A");
        let mut stored_a = edited(&a1, "here");
        stored_a.conflicts = vec![edited(&a1, "there")];
        let stored = content(vec![stored_a.clone()]);
        let plan = plan_restore(&content(vec![a1]), &stored, "now", &Authority::default());
        assert_eq!(plan.unchanged, 1);
        assert!(plan.submissions.is_empty());
    }

    fn apply(stored: &BackupContent, plan: &RestorePlan) -> BackupContent {
        let mut out = stored.clone();
        out.forms.extend(plan.forms.iter().cloned());
        for s in &plan.submissions {
            out.submissions.retain(|x| x.id != s.id);
            out.submissions.push(s.clone());
        }
        out.settings.extend(plan.settings.iter().cloned());
        out
    }

    /// Revisions of submission `id`: three in a line, and one edited independently of the
    /// second.
    fn revisions(id: u8) -> [Submission; 4] {
        let r1 = submission(&format!("s{id}"), "1");
        let r2 = edited(&r1, "2");
        let r3 = edited(&r2, "3");
        let branch = edited(&r1, "branch");
        [r1, r2, r3, branch]
    }

    proptest! {
        #[test]
        fn restoring_twice_changes_nothing_the_second_time_and_nothing_is_lost(
            stored in prop::collection::vec((0u8..6, 0usize..4), 0..6),
            incoming in prop::collection::vec((0u8..6, 0usize..4), 0..6),
        ) {
            let make = |rows: &[(u8, usize)]| {
                let mut seen = std::collections::HashSet::new();
                content(rows.iter().filter(|(id, _)| seen.insert(*id))
                    .map(|(id, pick)| revisions(*id)[*pick].clone()).collect())
            };
            let (stored, backup) = (make(&stored), make(&incoming));
            let plan = plan_restore(&backup, &stored, "now", &Authority::default());
            let once = apply(&stored, &plan);
            let second = plan_restore(&backup, &once, "now", &Authority::default());
            prop_assert!(second.submissions.is_empty() && second.forms.is_empty() && second.settings.is_empty());
            // No id twice.
            let mut ids: Vec<&str> = once.submissions.iter().map(|s| s.id.as_str()).collect();
            let count = ids.len();
            ids.sort();
            ids.dedup();
            prop_assert_eq!(ids.len(), count);
            // Every revision of either side is kept, superseded by a later one, or archived.
            for s in stored.submissions.iter().chain(&backup.submissions) {
                let record = once.submissions.iter().find(|r| r.id == s.id).expect("kept");
                let hash = s.revision_hash();
                let kept = heads(record).iter().any(|h| h.revision_hash() == hash);
                let superseded = heads(record).iter().any(|h| h.descends_from(&hash));
                let archived = plan.archive.iter().any(|a| a.revision.revision_hash() == hash);
                prop_assert!(kept || superseded || archived, "{} lost", s.id);
            }
        }
    }
}
