//! The survey being filled: its form, its answers as fine-grained state, autosave, and
//! finalising. Every change is written to IndexedDB within [`SAVE_DELAY_MS`] of the last
//! keystroke, and at once when the page is hidden or closed.

use std::sync::Arc;

use gloo::timers::callback::Timeout;
use leptos::prelude::*;

use crate::core::answers::{Answer, Answers};
use crate::core::areas::AreaList;
use crate::core::i18n::Msg;
use crate::core::library::FormLibrary;
use crate::core::profile::Profile;
use crate::core::schema::Form;
use crate::core::submission::{Status, Submission};
use crate::core::validate::{validate, Issue};
use crate::platform::{clock, fetch, ids};
use crate::storage::{self, forms, settings, submissions, StorageError};

/// How long after the last change the answers are written.
pub const SAVE_DELAY_MS: u32 = 300;
/// The form pack that ships with the app: its file, id and version.
pub const DEFAULT_FORM_PATH: &str = "forms/six-sector-survey.v1.json";
pub const DEFAULT_FORM_ID: &str = "six-sector-survey";
pub const DEFAULT_FORM_VERSION: u32 = 1;
/// The area list that ships with the app.
pub const DEFAULT_AREAS_PATH: &str = "areas.json";

/// Where the answers are, as far as saving goes.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// Everything on screen is stored.
    Saved,
    /// A change waits to be written.
    Pending,
    /// The last write failed; the answers are still on screen.
    Failed(Msg),
}

/// The window event that asks the survey to write a pending change at once (sent before the page
/// reloads for a new version of the app).
pub const FLUSH_EVENT: &str = "nahda:flush";

thread_local! {
    /// Autosaves started and not finished.
    static SAVES_IN_FLIGHT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Waits (up to five seconds) until every autosave started has finished.
pub async fn saves_settled() {
    for _ in 0..100 {
        if SAVES_IN_FLIGHT.get() == 0 {
            return;
        }
        clock::after(50).await;
    }
}

/// What went wrong opening the survey.
pub fn storage_message(error: &StorageError) -> Msg {
    match error {
        StorageError::Unavailable(_) => Msg::StorageUnavailable,
        StorageError::QuotaExceeded => Msg::StorageFull,
        StorageError::Corrupt(_) | StorageError::Failed(_) => Msg::SaveFailed,
    }
}

/// The survey page's state.
#[derive(Clone, Copy)]
pub struct SurveyState {
    pub form: StoredValue<Arc<Form>>,
    pub areas: StoredValue<Arc<AreaList>>,
    /// The submission as last saved (its answers may lag behind [`SurveyState::answers`]).
    pub submission: RwSignal<Submission>,
    /// The answers on screen.
    pub answers: RwSignal<Answers>,
    pub save_status: RwSignal<SaveStatus>,
    /// Show every issue, not only those of questions already touched (after "Finalise").
    pub show_all_issues: RwSignal<bool>,
    /// The section on screen.
    pub section: RwSignal<usize>,
    pub today: StoredValue<String>,
    /// Issues of the answers on screen, recomputed after each change.
    pub issues: Memo<Vec<Issue>>,
    pending: StoredValue<Option<Timeout>, LocalStorage>,
}

/// Everything the survey page needs, loaded from storage and the shipped files.
pub struct Loaded {
    pub form: Arc<Form>,
    pub areas: Arc<AreaList>,
    pub submission: Submission,
}

/// Loads the area list, and the submission being filled with the form version it was filled
/// with; a new draft of the newest version of the shipped form when there is none.
pub async fn load_current() -> Result<Loaded, Msg> {
    let db = storage::shared().await.map_err(|e| storage_message(&e))?;
    let library = load_library(&db).await?;
    let areas = load_areas().await;
    let current: Option<String> = settings::get(&db, settings::CURRENT_SUBMISSION)
        .await
        .map_err(|e| storage_message(&e))?;
    let stored = match current {
        Some(id) => submissions::get(&db, &id)
            .await
            .map_err(|e| storage_message(&e))?,
        None => None,
    };
    let with_form = stored
        .filter(|s| !s.is_deleted())
        .and_then(|s| library.get(&s.form_id, s.form_version).map(|f| (f, s)));
    let (form, submission) = match with_form {
        Some(pair) => pair,
        None => {
            let form = library.latest(DEFAULT_FORM_ID).ok_or(Msg::FormNotLoaded)?;
            let draft = new_draft(&form).await?;
            (form, draft)
        }
    };
    Ok(Loaded {
        form,
        areas: Arc::new(areas),
        submission,
    })
}

/// The shipped area list (empty when it cannot be read: the area question then takes typed
/// names only).
pub async fn load_areas() -> AreaList {
    fetch::fetch_text(DEFAULT_AREAS_PATH)
        .await
        .ok()
        .and_then(|json| AreaList::from_json(&json).ok())
        .unwrap_or_default()
}

/// Every form definition on this device; the shipped pack is fetched and stored on first use.
pub async fn load_library(db: &storage::Db) -> Result<FormLibrary, Msg> {
    let specs = forms::all(db).await.map_err(|e| storage_message(&e))?;
    let mut library = FormLibrary::from_specs(specs);
    if library.get(DEFAULT_FORM_ID, DEFAULT_FORM_VERSION).is_none() {
        let json = fetch::fetch_text(DEFAULT_FORM_PATH)
            .await
            .map_err(|_| Msg::FormNotLoaded)?;
        let form = Form::from_json(&json).map_err(|_| Msg::FormNotLoaded)?;
        forms::save(db, form.spec())
            .await
            .map_err(|e| storage_message(&e))?;
        let _ = library.add(form);
    }
    Ok(library)
}

/// A new draft of the newest version of a form on this device, ready to fill.
pub async fn start_new(form_id: &str, areas: Arc<AreaList>) -> Result<Loaded, Msg> {
    let db = storage::shared().await.map_err(|e| storage_message(&e))?;
    let form = load_library(&db)
        .await?
        .latest(form_id)
        .ok_or(Msg::FormNotLoaded)?;
    let submission = new_draft(&form).await?;
    Ok(Loaded {
        form,
        areas,
        submission,
    })
}

/// A new draft, remembered as the submission being filled.
pub async fn new_draft(form: &Form) -> Result<Submission, Msg> {
    let db = storage::shared().await.map_err(|e| storage_message(&e))?;
    let now = clock::now();
    let mut draft = Submission::new_draft(ids::new_id(), form, &now);
    let profile: Profile = settings::get(&db, settings::PROFILE)
        .await
        .map_err(|e| storage_message(&e))?
        .unwrap_or_default();
    let mut answers = draft.answers.clone();
    answers.extend(profile.answers_for(form));
    draft.set_answers(form, answers, &now);
    submissions::save(&db, &draft)
        .await
        .map_err(|e| storage_message(&e))?;
    settings::set(&db, settings::CURRENT_SUBMISSION, &draft.id)
        .await
        .map_err(|e| storage_message(&e))?;
    Ok(draft)
}

impl SurveyState {
    /// State over a loaded survey.
    pub fn new(loaded: Loaded) -> SurveyState {
        let form = StoredValue::new(loaded.form);
        let today = StoredValue::new(clock::today());
        let answers = RwSignal::new(loaded.submission.answers.clone());
        let issues = Memo::new(move |_| {
            answers.with(|a| form.with_value(|f| today.with_value(|t| validate(f, a, t))))
        });
        SurveyState {
            form,
            areas: StoredValue::new(loaded.areas),
            submission: RwSignal::new(loaded.submission),
            answers,
            save_status: RwSignal::new(SaveStatus::Saved),
            show_all_issues: RwSignal::new(false),
            section: RwSignal::new(0),
            today,
            issues,
            pending: StoredValue::new_local(None),
        }
    }

    /// True while the submission may be edited.
    pub fn editable(&self) -> bool {
        self.submission.with(Submission::is_editable)
    }

    /// Sets (or clears, when empty) the answer to a question outside repeat groups.
    pub fn set_answer(&self, id: &str, answer: Answer) {
        if !self.editable() {
            return;
        }
        self.answers.update(|answers| {
            if answer.is_empty() {
                answers.remove(id);
            } else {
                answers.insert(id.to_string(), answer);
            }
        });
        self.schedule_save();
    }

    /// Sets the answer to a question inside one instance of a repeat group.
    pub fn set_row_answer(&self, group: &str, row: usize, id: &str, answer: Answer) {
        if !self.editable() {
            return;
        }
        self.answers.update(|answers| {
            if let Some(Answer::Rows(rows)) = answers.get_mut(group) {
                if let Some(instance) = rows.get_mut(row) {
                    if answer.is_empty() {
                        instance.remove(id);
                    } else {
                        instance.insert(id.to_string(), answer);
                    }
                }
            }
        });
        self.schedule_save();
    }

    /// Adds an empty instance to a repeat group.
    pub fn add_row(&self, group: &str) {
        if !self.editable() {
            return;
        }
        self.answers.update(|answers| {
            let entry = answers
                .entry(group.to_string())
                .or_insert_with(|| Answer::Rows(Vec::new()));
            match entry {
                Answer::Rows(rows) => rows.push(Answers::new()),
                other => *other = Answer::Rows(vec![Answers::new()]),
            }
        });
        self.schedule_save();
    }

    /// Removes one instance of a repeat group.
    pub fn remove_row(&self, group: &str, row: usize) {
        if !self.editable() {
            return;
        }
        self.answers.update(|answers| {
            if let Some(Answer::Rows(rows)) = answers.get_mut(group) {
                if row < rows.len() {
                    rows.remove(row);
                }
                if rows.is_empty() {
                    answers.remove(group);
                }
            }
        });
        self.schedule_save();
    }

    fn schedule_save(&self) {
        self.save_status.set(SaveStatus::Pending);
        let state = *self;
        let timer = Timeout::new(SAVE_DELAY_MS, move || state.save_now());
        self.pending.update_value(|pending| {
            if let Some(old) = pending.replace(timer) {
                old.cancel();
            }
        });
    }

    /// Writes a pending change now (the page is being hidden or closed).
    pub fn flush(&self) {
        let had_pending = self
            .pending
            .try_update_value(|pending| pending.take().map(Timeout::cancel).is_some())
            .unwrap_or(false);
        if had_pending {
            self.save_now();
        }
    }

    fn save_now(&self) {
        self.pending.update_value(|pending| *pending = None);
        let mut record = self.submission.get_untracked();
        let answers = self.answers.get_untracked();
        self.form
            .with_value(|form| record.set_answers(form, answers, &clock::now()));
        let state = *self;
        clock::mark("nahda:save-start");
        SAVES_IN_FLIGHT.set(SAVES_IN_FLIGHT.get() + 1);
        leptos::task::spawn_local(async move {
            let written = write(&record).await;
            SAVES_IN_FLIGHT.set(SAVES_IN_FLIGHT.get().saturating_sub(1));
            match written {
                Ok(()) => {
                    clock::measure_since("nahda:save", "nahda:save-start");
                    let current = state.pending.with_value(Option::is_none);
                    state.submission.set(record);
                    if current {
                        state.save_status.set(SaveStatus::Saved);
                    }
                }
                Err(error) => state
                    .save_status
                    .set(SaveStatus::Failed(storage_message(&error))),
            }
        });
    }

    /// Tries to finalise: on success the submission is stored as finalised and becomes
    /// read-only; otherwise every issue is shown and nothing is stored.
    pub fn finalise(&self) -> Result<(), Vec<Issue>> {
        self.show_all_issues.set(true);
        let mut record = self.submission.get_untracked();
        record.answers = self.answers.get_untracked();
        let today = self.today.get_value();
        self.form
            .with_value(|form| record.finalise(form, &today, &clock::now()))?;
        self.pending
            .update_value(|pending| drop(pending.take().map(Timeout::cancel)));
        let state = *self;
        leptos::task::spawn_local(async move {
            match write(&record).await {
                Ok(()) => {
                    state.answers.set(record.answers.clone());
                    state.submission.set(record);
                    state.save_status.set(SaveStatus::Saved);
                }
                Err(error) => state
                    .save_status
                    .set(SaveStatus::Failed(storage_message(&error))),
            }
        });
        Ok(())
    }

    /// Reopens a finalised submission for editing as its next revision, and stores it.
    pub fn reopen(&self) {
        let mut record = self.submission.get_untracked();
        record.reopen(&clock::now());
        let state = *self;
        leptos::task::spawn_local(async move {
            match write(&record).await {
                Ok(()) => {
                    state.show_all_issues.set(false);
                    state.submission.set(record);
                    state.save_status.set(SaveStatus::Saved);
                }
                Err(error) => state
                    .save_status
                    .set(SaveStatus::Failed(storage_message(&error))),
            }
        });
    }

    /// The submission's status (tracked).
    pub fn status(&self) -> Status {
        self.submission.with(|s| s.status)
    }
}

async fn write(record: &Submission) -> Result<(), StorageError> {
    let db = storage::shared().await?;
    submissions::save(&db, record).await
}
