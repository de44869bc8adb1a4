//! What the coordinator works from: what every stored submission tells the picture (its
//! report) and the submissions in conflict in full, with the forms, the area list,
//! the import log, the sector facilitators and the decisions on conflicts; and the actions on
//! them — saving the facilitators, settling a conflict (a chosen revision, or both kept; what
//! is not kept goes to the archive), and saving the CSV files and the plan.

use crate::bundle::import::ImportRecord;
use crate::core::aggregate::Report;
use crate::core::archive::{set_aside, SetAsideBy};
use crate::core::areas::AreaList;
use crate::core::i18n::Msg;
use crate::core::library::FormLibrary;
use crate::core::merge::{choose, heads, Decision};
use crate::core::order;
use crate::core::plan::{Facilitators, Source};
use crate::core::submission::Submission;
use crate::core::trust::Trust;
use crate::platform::{clock, files};
use crate::state::keys;
use crate::state::library::{load_areas, load_library};
use crate::state::store::{self, db};
use crate::storage::settings;
use crate::storage::{imports, submissions, Batch, StorageError};

/// How many times a settlement is worked out again when another tab wrote meanwhile.
const ATTEMPTS: usize = 5;

/// Everything the coordinator pages show.
#[derive(Debug, Clone, Default)]
pub struct Holdings {
    /// What every stored submission tells the picture.
    pub reports: Vec<Report>,
    /// The stored submissions with revisions in conflict, in full.
    pub conflicted: Vec<Submission>,
    pub library: FormLibrary,
    pub areas: AreaList,
    pub imports: Vec<ImportRecord>,
    pub facilitators: Facilitators,
    pub decisions: Vec<Decision>,
    /// This device's key and the keys it trusts: whose device signed a revision.
    pub trust: Trust,
}

impl Holdings {
    /// The source bundles, for the plan's annex.
    pub fn sources(&self) -> Vec<Source> {
        self.imports
            .iter()
            .map(|r| Source {
                bundle_id: r.id.clone(),
                file_name: r.file_name.clone(),
                entity: r.producer.entity_name.clone(),
                created_at: r.created_at.clone(),
                imported_at: r.imported_at.clone(),
                submissions: r.submissions,
            })
            .collect()
    }
}

/// Loads what the coordinator works from.
pub async fn load() -> Result<Holdings, Msg> {
    let db = db().await?;
    let mut imports = imports::all(&db).await?;
    order::sort_by(&mut imports, |a, b| a.imported_at.cmp(&b.imported_at));
    clock::mark("nahda:coordinator-reports-start");
    let reports = submissions::reports(&db).await?;
    clock::measure_since(
        "nahda:coordinator-reports",
        "nahda:coordinator-reports-start",
    );
    let conflicted: Vec<String> = reports
        .iter()
        .filter(|r| r.conflicted)
        .map(|r| r.id.clone())
        .collect();
    Ok(Holdings {
        conflicted: submissions::get_many(&db, &conflicted)
            .await?
            .into_iter()
            .map(|stored| stored.submission)
            .collect(),
        reports,
        library: load_library(&db).await?,
        areas: load_areas().await,
        imports,
        facilitators: settings::get(&db, settings::FACILITATORS)
            .await?
            .unwrap_or_default(),
        decisions: settings::get(&db, settings::CONFLICT_DECISIONS)
            .await?
            .unwrap_or_default(),
        trust: keys::trust().await?,
    })
}

/// Saves the facilitators of the six sectors.
pub async fn save_facilitators(facilitators: &Facilitators) -> Result<(), Msg> {
    Ok(settings::set(&*db().await?, settings::FACILITATORS, facilitators).await?)
}

/// Settles a conflict: `Some(hash)` keeps that revision (as a new revision descending from
/// every head), `None` keeps both as they are. The decision, the submission and the
/// revisions set aside are written in one transaction.
pub async fn decide(id: &str, keep: Option<String>) -> Result<(), Msg> {
    let db = db().await?;
    for _ in 0..ATTEMPTS {
        let stored = submissions::get(&db, id).await?.ok_or(Msg::SaveFailed)?;
        let now = clock::now();
        let all: Vec<String> = heads(&stored.submission)
            .iter()
            .map(Submission::revision_hash)
            .collect();
        let chosen = match &keep {
            Some(hash) => Some(
                choose(&stored.submission, hash, &now, keys::own_key().await.ok())
                    .ok_or(Msg::SaveFailed)?,
            ),
            None => None,
        };
        let mut batch = Batch::new().strict();
        if let Some(record) = &chosen {
            for aside in set_aside(&stored.submission, record, SetAsideBy::Settlement, &now) {
                batch.archived(&aside)?;
            }
            batch.submission(record, Some(stored.version));
        }
        let kept = keep.clone().map_or_else(|| all.clone(), |hash| vec![hash]);
        let mut decisions: Vec<Decision> = settings::get(&db, settings::CONFLICT_DECISIONS)
            .await?
            .unwrap_or_default();
        decisions.push(Decision {
            submission: id.to_string(),
            set_aside: all.into_iter().filter(|h| !kept.contains(h)).collect(),
            kept,
            at: now,
        });
        batch.setting(settings::CONFLICT_DECISIONS, &decisions)?;
        match store::write(&db, batch, &[id.to_string()]).await {
            Err(StorageError::Moved(_)) => continue,
            done => return Ok(done?),
        }
    }
    Err(Msg::ChangedElsewhere)
}

/// Saves a text file (CSV or JSON) to the downloads.
pub fn save_file(name: &str, text: &str, mime: &str) -> Result<(), Msg> {
    files::save_text(name, text, mime).map_err(|_| Msg::SaveFailed)
}
