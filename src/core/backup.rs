//! The full backup of a device: every form definition, every submission (the trash included)
//! and the settings, in one self-checking file, and the plan for restoring it into a browser
//! that may already hold some of it — without duplicating or losing anything.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::core::digest::digest_of;
use crate::core::schema::FormSpec;
use crate::core::submission::Submission;

/// The value of the `format` field of a backup file.
pub const BACKUP_FORMAT: &str = "nahda.backup";
/// The backup format version this app writes and the newest it reads.
pub const BACKUP_VERSION: u32 = 1;
/// Settings that belong to one browser and are never restored into another.
pub const DEVICE_SETTINGS: [&str; 2] = ["device_id", "current_submission"];

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
}

impl Backup {
    /// A backup of this content.
    pub fn new(content: BackupContent, device_id: &str, created_at: &str) -> Backup {
        Backup {
            format: BACKUP_FORMAT.into(),
            version: BACKUP_VERSION,
            created_at: created_at.into(),
            device_id: device_id.into(),
            digest: digest_of(&content),
            content,
        }
    }

    /// The file's text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a backup file: the format and version first, then the content, then the digest.
    pub fn from_json(json: &str) -> Result<Backup, BackupError> {
        let value: Value = serde_json::from_str(json).map_err(|_| BackupError::NotJson)?;
        if value.get("format").and_then(Value::as_str) != Some(BACKUP_FORMAT) {
            return Err(BackupError::WrongFormat);
        }
        match value.get("version").and_then(Value::as_u64) {
            Some(v) if v > u64::from(BACKUP_VERSION) => {
                return Err(BackupError::NewerVersion(v as u32))
            }
            Some(_) => {}
            None => return Err(BackupError::Damaged("no version".into())),
        }
        let backup: Backup =
            serde_json::from_value(value).map_err(|e| BackupError::Damaged(e.to_string()))?;
        if digest_of(&backup.content) != backup.digest {
            return Err(BackupError::DigestMismatch);
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
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// Plans a restore into a browser that holds `stored`: missing forms and settings are added
/// (never this browser's own device settings); a submission is added when missing, replaces
/// the stored one only when it is a later revision (or the same revision changed later), and
/// is otherwise left as it is. Restoring the same backup twice changes nothing the second time.
pub fn plan_restore(backup: &BackupContent, stored: &BackupContent) -> RestorePlan {
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
        match by_id.get(incoming.id.as_str()) {
            None => {
                plan.added += 1;
                plan.submissions.push(incoming.clone());
            }
            Some(current) => {
                let later = (incoming.revision, &incoming.updated_at)
                    > (current.revision, &current.updated_at);
                if later {
                    plan.updated += 1;
                    plan.submissions.push(incoming.clone());
                } else {
                    plan.unchanged += 1;
                }
            }
        }
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

    fn submission(id: &str, revision: u32, updated: &str, name: &str) -> Submission {
        let form = form();
        let mut s = Submission::new_draft(id.into(), form, "t0");
        s.set_answers(
            form,
            Answers::from([("entity_name".into(), Answer::Text(name.into()))]),
            updated,
        );
        s.revision = revision;
        s
    }

    fn content(submissions: Vec<Submission>) -> BackupContent {
        BackupContent {
            forms: vec![form().spec().clone()],
            submissions,
            settings: BTreeMap::from([
                ("profile".into(), serde_json::json!({"entity_name": "مجلس"})),
                ("device_id".into(), Value::String("old-device".into())),
            ]),
        }
    }

    #[test]
    fn a_backup_round_trips_and_detects_changes() {
        let backup = Backup::new(
            content(vec![submission("a", 1, "t1", "A")]),
            "dev",
            "2026-11-29",
        );
        let json = backup.to_json();
        assert_eq!(Backup::from_json(&json), Ok(backup));
        let edited = json.replace("\"A\"", "\"B\"");
        assert_eq!(Backup::from_json(&edited), Err(BackupError::DigestMismatch));
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        assert_eq!(Backup::from_json("not json"), Err(BackupError::NotJson));
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
        let backup = content(vec![
            submission("a", 1, "t1", "A"),
            submission("b", 2, "t1", "B"),
        ]);
        let plan = plan_restore(&backup, &BackupContent::default());
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
    fn later_revisions_win_and_nothing_is_duplicated() {
        let stored = content(vec![
            submission("a", 2, "t5", "stored newer"),
            submission("b", 1, "t1", "B old"),
        ]);
        let backup = content(vec![
            submission("a", 1, "t9", "backup older revision"),
            submission("b", 1, "t2", "B edited later"),
            submission("c", 1, "t1", "C"),
        ]);
        let plan = plan_restore(&backup, &stored);
        assert_eq!((plan.added, plan.updated, plan.unchanged), (1, 1, 1));
        let ids: Vec<&str> = plan.submissions.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["b", "c"]);
        assert!(plan.forms.is_empty() && plan.settings.is_empty());
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

    proptest! {
        #[test]
        fn restoring_twice_changes_nothing_the_second_time(
            stored in prop::collection::vec((0u8..6, 1u32..4, 0u8..5), 0..6),
            incoming in prop::collection::vec((0u8..6, 1u32..4, 0u8..5), 0..6),
        ) {
            let make = |rows: &[(u8, u32, u8)]| {
                let mut seen = std::collections::HashSet::new();
                content(rows.iter().filter(|(id, _, _)| seen.insert(*id))
                    .map(|(id, rev, t)| submission(&format!("s{id}"), *rev, &format!("t{t}"), "x")).collect())
            };
            let (stored, backup) = (make(&stored), make(&incoming));
            let once = apply(&stored, &plan_restore(&backup, &stored));
            let second = plan_restore(&backup, &once);
            prop_assert!(second.submissions.is_empty() && second.forms.is_empty() && second.settings.is_empty());
            // No id twice, and every submission of either side is there.
            let mut ids: Vec<&str> = once.submissions.iter().map(|s| s.id.as_str()).collect();
            let count = ids.len();
            ids.sort();
            ids.dedup();
            prop_assert_eq!(ids.len(), count);
            for s in stored.submissions.iter().chain(&backup.submissions) {
                prop_assert!(ids.contains(&s.id.as_str()));
            }
        }
    }
}
