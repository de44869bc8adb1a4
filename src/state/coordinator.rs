//! What the coordinator works from: every stored submission with the forms, the area list,
//! the import log, the sector facilitators and the decisions on conflicts; and the actions on
//! them — saving the facilitators, settling a conflict (a chosen revision, or both kept), and
//! saving the CSV files and the plan.

use crate::bundle::import::ImportRecord;
use crate::core::areas::AreaList;
use crate::core::i18n::Msg;
use crate::core::library::FormLibrary;
use crate::core::merge::{choose, heads, Decision};
use crate::core::plan::{Facilitators, Source};
use crate::core::submission::Submission;
use crate::platform::{clock, files};
use crate::state::survey::{load_areas, load_library, storage_message};
use crate::storage::db::{stores, to_js};
use crate::storage::settings::{self, Setting};
use crate::storage::{self, imports, submissions, Db};

async fn db() -> Result<std::rc::Rc<Db>, Msg> {
    storage::shared().await.map_err(|e| storage_message(&e))
}

/// Everything the coordinator pages show.
#[derive(Debug, Clone, Default)]
pub struct Holdings {
    pub submissions: Vec<Submission>,
    pub library: FormLibrary,
    pub areas: AreaList,
    pub imports: Vec<ImportRecord>,
    pub facilitators: Facilitators,
    pub decisions: Vec<Decision>,
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
    let js = |e: storage::StorageError| storage_message(&e);
    let mut imports = imports::all(&db).await.map_err(js)?;
    imports.sort_by(|a, b| a.imported_at.cmp(&b.imported_at));
    Ok(Holdings {
        submissions: submissions::all(&db).await.map_err(js)?,
        library: load_library(&db).await?,
        areas: load_areas().await,
        imports,
        facilitators: settings::get(&db, settings::FACILITATORS)
            .await
            .map_err(js)?
            .unwrap_or_default(),
        decisions: settings::get(&db, settings::CONFLICT_DECISIONS)
            .await
            .map_err(js)?
            .unwrap_or_default(),
    })
}

/// Saves the facilitators of the six sectors.
pub async fn save_facilitators(facilitators: &Facilitators) -> Result<(), Msg> {
    settings::set(&*db().await?, settings::FACILITATORS, facilitators)
        .await
        .map_err(|e| storage_message(&e))
}

/// Settles a conflict: `Some(hash)` keeps that revision (as a new revision descending from
/// every head), `None` keeps both as they are. The decision is recorded with the submission
/// in one transaction.
pub async fn decide(id: &str, keep: Option<String>) -> Result<(), Msg> {
    let db = db().await?;
    let js = |e: storage::StorageError| storage_message(&e);
    let stored = submissions::get(&db, id)
        .await
        .map_err(js)?
        .ok_or(Msg::SaveFailed)?;
    let now = clock::now();
    let all: Vec<String> = heads(&stored)
        .iter()
        .map(Submission::revision_hash)
        .collect();
    let (record, kept) = match keep {
        Some(hash) => (
            Some(choose(&stored, &hash, &now).ok_or(Msg::SaveFailed)?),
            vec![hash],
        ),
        None => (None, all.clone()),
    };
    let mut decisions: Vec<Decision> = settings::get(&db, settings::CONFLICT_DECISIONS)
        .await
        .map_err(js)?
        .unwrap_or_default();
    decisions.push(Decision {
        submission: id.to_string(),
        set_aside: all.into_iter().filter(|h| !kept.contains(h)).collect(),
        kept,
        at: now,
    });
    let setting = to_js(&Setting {
        key: settings::CONFLICT_DECISIONS.to_string(),
        value: decisions,
    })
    .map_err(js)?;
    let records = record
        .iter()
        .map(to_js)
        .collect::<Result<Vec<_>, _>>()
        .map_err(js)?;
    db.put_batch(&[
        (stores::SUBMISSIONS, records),
        (stores::SETTINGS, vec![setting]),
    ])
    .await
    .map_err(js)
}

/// Saves a text file (CSV or JSON) to the downloads.
pub fn save_file(name: &str, text: &str, mime: &str) -> Result<(), Msg> {
    files::save_text(name, text, mime).map_err(|_| Msg::SaveFailed)
}
