//! The survey being filled: its form, the answers on screen, and the writer that keeps them
//! stored. Every change is written as soon as the page has drawn it, a frame later (changes
//! made meanwhile go together, and a change made while a write is under way goes in the next
//! one), and at once when the page is hidden or closed, so a killed browser loses nothing
//! typed before it was killed.
//!
//! The same submission may be open in two tabs. Each write names the write version this tab
//! last read or wrote; when another tab wrote in between, the write is refused, this tab reads
//! the stored record and takes its changes in question by question (`core::reconcile`), and
//! writes again. Tabs tell each other what they wrote (`platform::tabs`), so a tab also takes
//! in changes it did not collide with. A question changed in both keeps both values until the
//! person chooses, and changes made in a tab whose submission was finalised elsewhere are set
//! aside beside it, never written into it and never lost.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::answers::{Answer, Answers};
use crate::core::areas::AreaList;
use crate::core::evaluation::{Changes, Edit, Evaluation, Verdict};
use crate::core::i18n::Msg;
use crate::core::keys::PublicKey;
use crate::core::profile::Profile;
use crate::core::reconcile::{self, AnswerAt, ContestedAnswer};
use crate::core::schema::Form;
use crate::core::submission::{contested_issues, Status, Submission};
use crate::core::validate::{default_answers, AnswerPath, Issue};
use crate::platform::{clock, ids, tabs};
use crate::state::keys;
use crate::state::library::{form_for_new_drafts, load_areas, load_library};
use crate::state::store::{self, db};
use crate::storage::submissions::{self, Stored};
use crate::storage::{settings, Batch, Db, StorageError, WriteVersion};

/// Where the answers are, as far as saving goes.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// Everything on screen is stored.
    Saved,
    /// A change is being written.
    Pending,
    /// The last write failed; the answers are still on screen.
    Failed(Msg),
}

/// The window event that asks the survey to write a pending change at once (sent before the page
/// reloads for a new version of the app).
pub const FLUSH_EVENT: &str = "nahda:flush";

/// How many times one change is retried against another tab's writes before giving up.
const MAX_RETRIES: u32 = 5;

thread_local! {
    /// Writers running and not finished.
    static WRITERS_RUNNING: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Waits (up to five seconds) until every write started has finished.
pub async fn saves_settled() {
    for _ in 0..100 {
        if WRITERS_RUNNING.get() == 0 {
            return;
        }
        clock::after(50).await;
    }
}

/// What the writer has to do, coalesced: many changes before it runs are one save.
#[derive(Default)]
struct Work {
    running: bool,
    check: bool,
    finalise: bool,
    reopen: bool,
    save: bool,
    retries: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Job {
    Check,
    Finalise,
    Reopen,
    Save,
}

impl Work {
    /// The next job, in a fixed order: take in what other tabs wrote first.
    fn next(&mut self) -> Option<Job> {
        let job = if std::mem::take(&mut self.check) {
            Job::Check
        } else if std::mem::take(&mut self.finalise) {
            Job::Finalise
        } else if std::mem::take(&mut self.reopen) {
            Job::Reopen
        } else if std::mem::take(&mut self.save) {
            Job::Save
        } else {
            self.running = false;
            return None;
        };
        Some(job)
    }

    fn idle(&self) -> bool {
        !(self.check || self.finalise || self.reopen || self.save)
    }

    /// True when a save is all there is to do.
    fn only_save(&self) -> bool {
        self.save && !(self.check || self.finalise || self.reopen)
    }
}

/// The survey page's state.
#[derive(Clone, Copy)]
pub struct SurveyState {
    pub form: StoredValue<Arc<Form>>,
    pub areas: StoredValue<Arc<AreaList>>,
    /// The submission as this tab last read or wrote it (the answers on screen may be ahead).
    pub submission: RwSignal<Submission>,
    /// The answers on screen.
    pub answers: RwSignal<Answers>,
    /// The answers changed in two places at once, as this tab shows them.
    pub contested: RwSignal<Vec<ContestedAnswer>>,
    pub save_status: RwSignal<SaveStatus>,
    /// Show every issue, not only those of questions already touched (after "Finalise").
    pub show_all_issues: RwSignal<bool>,
    /// The section on screen.
    pub section: RwSignal<usize>,
    pub today: StoredValue<String>,
    /// Issues of the answers on screen, in form order (gathered again only when an edit
    /// changed one), then those only the last Finalise found.
    pub issues: Memo<Vec<Issue>>,
    /// What stopped the last Finalise that the answers on screen do not show: finalising drops
    /// the answers of hidden questions, and one of them may have been what another question
    /// needed (an answer required only when it is empty). Cleared by the next change.
    finalise_found: RwSignal<Vec<Issue>>,
    /// Whether each section is shown.
    pub sections_shown: RwSignal<Vec<bool>>,
    /// The answers on screen evaluated, kept up to date edit by edit.
    evaluation: StoredValue<Evaluation>,
    /// The verdict of each answer a field shows.
    verdicts: StoredValue<HashMap<AnswerPath, ArcRwSignal<Verdict>>>,
    issues_changed: Trigger,
    /// Counts the times the answers on screen were changed by another tab, so that the inputs
    /// draw the new values.
    pub refreshed: RwSignal<u64>,
    /// Something another tab did that the person should know.
    pub notice: RwSignal<Option<Msg>>,
    /// The write version of `submission` (`None`: not stored).
    version: StoredValue<Option<WriteVersion>>,
    /// This device's key.
    own: StoredValue<Option<PublicKey>>,
    work: StoredValue<Work, LocalStorage>,
    /// Ends the writer's wait for the next frame, while it waits.
    hurry: StoredValue<Option<js_sys::Function>, LocalStorage>,
}

/// Everything the survey page needs, loaded from storage and the shipped files.
pub struct Loaded {
    pub form: Arc<Form>,
    pub areas: Arc<AreaList>,
    pub submission: Submission,
    pub version: Option<WriteVersion>,
    /// This device's key: the person's edits are its revisions.
    pub own: Option<PublicKey>,
}

async fn profile(db: &Db) -> Result<Profile, Msg> {
    Ok(settings::get(db, settings::PROFILE)
        .await?
        .unwrap_or_default())
}

/// The answers a new draft of this form starts with.
fn start_answers(form: &Form, profile: &Profile) -> Answers {
    let mut answers = default_answers(form);
    answers.extend(profile.answers_for(form));
    answers
}

/// Loads the area list, and the submission being filled with the form version it was filled
/// with; a new draft of the newest version of the shipped form when there is none. A draft
/// whose reporting entity is still empty takes the profile's. Blank drafts left behind are
/// cleaned up.
pub async fn load_current() -> Result<Loaded, Msg> {
    let db = db().await?;
    let library = load_library(&db).await?;
    let areas = load_areas().await;
    let profile = profile(&db).await?;
    let current: Option<String> = settings::get(&db, settings::CURRENT_SUBMISSION).await?;
    let stored = match current {
        Some(id) => submissions::get(&db, &id).await?,
        None => None,
    };
    let with_form = stored.filter(|s| !s.submission.is_deleted()).and_then(|s| {
        let form = library.get(&s.submission.form_id, s.submission.form_version)?;
        Some((form, s))
    });
    let own = keys::own_key().await.ok();
    let (form, mut stored) = match with_form {
        Some(pair) => pair,
        None => {
            let form = form_for_new_drafts(&db, &library).await?;
            let draft = new_draft(&db, &form, &profile, own).await?;
            (form, draft)
        }
    };
    if stored.submission.is_editable() {
        if let Some(filled) = profile.fill_empty(&form, &stored.submission.answers) {
            let mut record = stored.submission.clone();
            record.start_with(&form, filled);
            // Another tab writing meanwhile only means the draft is filled later.
            if write(&db, &record, Some(stored.version), false)
                .await
                .is_ok()
            {
                stored = Stored {
                    submission: record,
                    version: stored.version + 1,
                };
            }
        }
    }
    let keep = stored.submission.id.clone();
    leptos::task::spawn_local(async move {
        let _ = clean_blank_drafts(&keep).await;
    });
    Ok(Loaded {
        form,
        areas: Arc::new(areas),
        submission: stored.submission,
        version: Some(stored.version),
        own,
    })
}

/// Deletes the drafts nobody answered, but the one being filled.
async fn clean_blank_drafts(keep: &str) -> Result<(), Msg> {
    let db = db().await?;
    let drafts = submissions::ids_with_status(&db, "draft").await?;
    let mut batch = Batch::new();
    let mut gone = Vec::new();
    for stored in submissions::get_many(&db, &drafts).await? {
        let s = &stored.submission;
        if s.is_blank() && s.id != keep {
            batch.delete_submission(&s.id, stored.version);
            gone.push(s.id.clone());
        }
    }
    if !gone.is_empty() {
        store::write(&db, batch, &gone).await?;
    }
    Ok(())
}

/// A new draft of the form new submissions start from, ready to fill.
pub async fn start_new(areas: Arc<AreaList>) -> Result<Loaded, Msg> {
    let db = db().await?;
    let form = form_for_new_drafts(&db, &load_library(&db).await?).await?;
    let profile = profile(&db).await?;
    let own = keys::own_key().await.ok();
    let stored = new_draft(&db, &form, &profile, own).await?;
    Ok(Loaded {
        form,
        areas,
        submission: stored.submission,
        version: Some(stored.version),
        own,
    })
}

/// A new draft with the profile's answers, written by this device, stored and remembered as
/// the submission being filled.
async fn new_draft(
    db: &Db,
    form: &Form,
    profile: &Profile,
    own: Option<PublicKey>,
) -> Result<Stored, Msg> {
    let mut draft = Submission::new_draft(ids::new_id(), form, &clock::now());
    draft.start_with(form, start_answers(form, profile));
    draft.signed_by = own;
    write(db, &draft, None, false).await?;
    settings::set(db, settings::CURRENT_SUBMISSION, &draft.id).await?;
    Ok(Stored {
        submission: draft,
        version: 1,
    })
}

/// Writes one submission read at `read`, and tells the other tabs.
async fn write(
    db: &Db,
    record: &Submission,
    read: Option<WriteVersion>,
    strict: bool,
) -> Result<(), StorageError> {
    let mut batch = Batch::new();
    batch.submission(record, read);
    let batch = if strict { batch.strict() } else { batch };
    store::write(db, batch, std::slice::from_ref(&record.id)).await
}

impl SurveyState {
    /// State over a loaded survey.
    pub fn new(loaded: Loaded) -> SurveyState {
        let form = StoredValue::new(loaded.form);
        let today = StoredValue::new(clock::today());
        let answers = RwSignal::new(loaded.submission.answers.clone());
        let contested = RwSignal::new(loaded.submission.contested.clone());
        let evaluation = form.with_value(|f| {
            let evaluation =
                today.with_value(|t| Evaluation::new(f, &loaded.submission.answers, t));
            StoredValue::new(evaluation)
        });
        let sections_shown = RwSignal::new(evaluation.with_value(|e| {
            form.with_value(|f| {
                (0..f.sections().len())
                    .map(|s| e.section_shown(s))
                    .collect()
            })
        }));
        let issues_changed = Trigger::new();
        let finalise_found = RwSignal::new(Vec::new());
        let issues = Memo::new(move |_| {
            issues_changed.track();
            let mut issues = contested.with(|c| contested_issues(c));
            issues.extend(evaluation.with_value(|e| form.with_value(|f| e.issues(f))));
            finalise_found.with(|found: &Vec<Issue>| {
                let only_found: Vec<Issue> = found
                    .iter()
                    .filter(|issue| !issues.contains(issue))
                    .cloned()
                    .collect();
                issues.extend(only_found);
            });
            issues
        });
        SurveyState {
            form,
            areas: StoredValue::new(loaded.areas),
            contested,
            submission: RwSignal::new(loaded.submission),
            answers,
            save_status: RwSignal::new(SaveStatus::Saved),
            show_all_issues: RwSignal::new(false),
            section: RwSignal::new(0),
            today,
            issues,
            finalise_found,
            sections_shown,
            evaluation,
            verdicts: StoredValue::new(HashMap::new()),
            issues_changed,
            refreshed: RwSignal::new(0),
            notice: RwSignal::new(None),
            version: StoredValue::new(loaded.version),
            own: StoredValue::new(loaded.own),
            work: StoredValue::new_local(Work::default()),
            hurry: StoredValue::new_local(None),
        }
    }

    /// True while the submission may be edited.
    pub fn editable(&self) -> bool {
        self.submission.with(Submission::is_editable)
    }

    /// True when nobody answered anything: what a new draft would be.
    pub fn is_blank(&self) -> bool {
        self.submission
            .with_untracked(|s| s.is_blank() && self.answers.with_untracked(|a| *a == s.answers))
    }

    /// The submission's id.
    pub fn id(&self) -> String {
        self.submission.with_untracked(|s| s.id.clone())
    }

    /// Sets (or clears, when empty) the answer to a question outside repeat groups.
    pub fn set_answer(&self, id: &str, answer: Answer) {
        self.edit(Edit::Set {
            id: id.to_string(),
            answer,
        });
    }

    /// Sets (or clears) the answer there, inside repeat instances or not.
    pub fn set_answer_at(&self, at: &AnswerAt, answer: Answer) {
        if at.within.is_empty() {
            self.set_answer(&at.question, answer);
        } else {
            self.edit(Edit::SetInRow {
                within: at.within.clone(),
                id: at.question.clone(),
                answer,
            });
        }
    }

    /// Adds an empty instance to a repeat group (inside the instance `within`, for a group
    /// inside another).
    pub fn add_row(&self, within: &[(String, usize)], group: &str) {
        self.edit(Edit::AddRow {
            within: within.to_vec(),
            group: group.to_string(),
        });
    }

    /// Removes one instance of a repeat group.
    pub fn remove_row(&self, within: &[(String, usize)], group: &str, row: usize) {
        if !self.editable() {
            return;
        }
        self.contested
            .update(|contested| reconcile::row_removed(contested, within, group, row));
        self.edit(Edit::RemoveRow {
            within: within.to_vec(),
            group: group.to_string(),
            row,
        });
    }

    /// One change by the person: the answers on screen, what depends on them, and a save.
    fn edit(&self, edit: Edit) {
        if !self.editable() {
            return;
        }
        self.answers.update(|answers| edit.apply(answers));
        let changes = self
            .evaluation
            .try_update_value(|e| self.form.with_value(|form| e.apply(form, &edit)));
        self.publish(changes.unwrap_or_default());
        self.request(|w| w.save = true);
    }

    /// Answers replaced as a whole (another tab's, a settled contest, a finalised record).
    fn show_answers(&self, answers: Answers) {
        let changes = self
            .evaluation
            .try_update_value(|e| self.form.with_value(|form| e.replace(form, &answers)));
        self.answers.set(answers);
        self.publish(changes.unwrap_or_default());
    }

    /// Tells the page what an evaluation changed: the verdicts of those answers, the sections
    /// shown, the issues.
    fn publish(&self, changes: Changes) {
        if self
            .finalise_found
            .with_untracked(|found| !found.is_empty())
        {
            self.finalise_found.set(Vec::new());
        }
        self.evaluation.with_value(|e| {
            self.verdicts.with_value(|signals| {
                for path in &changes.paths {
                    if let Some(signal) = signals.get(path) {
                        signal.set(e.verdict(path));
                    }
                }
            });
            if changes.sections {
                let count = self.form.with_value(|f| f.sections().len());
                self.sections_shown
                    .set((0..count).map(|s| e.section_shown(s)).collect());
            }
        });
        if changes.issues {
            self.issues_changed.notify();
        }
    }

    /// What the page shows of one answer, kept up to date: only the edits that change it
    /// notify it.
    pub fn verdict(&self, path: &AnswerPath) -> ArcRwSignal<Verdict> {
        let existing = self
            .verdicts
            .with_value(|signals| signals.get(path).cloned());
        existing.unwrap_or_else(|| {
            let signal = ArcRwSignal::new(self.evaluation.with_value(|e| e.verdict(path)));
            self.verdicts
                .update_value(|signals| drop(signals.insert(path.clone(), signal.clone())));
            signal
        })
    }

    /// The person's choice on an answer changed in two places: keep the one on screen, or
    /// take the other.
    pub fn settle_contested(&self, at: &AnswerAt, take_other: bool) {
        if take_other && !self.editable() {
            return;
        }
        let mut answers = self.answers.get_untracked();
        let mut contested = self.contested.get_untracked();
        if !reconcile::settle(&mut answers, &mut contested, at, take_other) {
            return;
        }
        if take_other {
            self.show_answers(answers);
            self.refreshed.update(|n| *n += 1);
        }
        self.contested.set(contested);
        self.request(|w| w.save = true);
    }

    /// Another tab wrote this submission (or may have): read it and take its changes in.
    pub fn check(&self) {
        self.request(|w| w.check = true);
    }

    /// Writes what is pending now (the page is being hidden or closed): the writer is already
    /// on its way when anything is pending, so this only makes sure it runs.
    pub fn flush(&self) {
        self.request(|_| {});
        self.hurry();
    }

    /// Tries to finalise: on success the submission is stored as finalised and becomes
    /// read-only; otherwise every issue is shown and nothing is stored.
    pub fn finalise(&self) -> Result<(), Vec<Issue>> {
        self.show_all_issues.set(true);
        if let Err(issues) = self.finalised_record() {
            self.finalise_found.set(issues.clone());
            return Err(issues);
        }
        self.request(|w| w.finalise = true);
        Ok(())
    }

    /// Reopens a finalised submission for editing as its next revision, and stores it.
    pub fn reopen(&self) {
        self.request(|w| w.reopen = true);
    }

    /// The submission's status (tracked).
    pub fn status(&self) -> Status {
        self.submission.with(|s| s.status)
    }

    fn request(&self, change: impl FnOnce(&mut Work)) {
        let start = self
            .work
            .try_update_value(|work| {
                change(work);
                let start = !work.running && !work.idle();
                work.running |= start;
                start
            })
            .unwrap_or(false);
        if !self.work.with_value(Work::idle) {
            self.save_status.set(SaveStatus::Pending);
        }
        if !self.work.with_value(Work::only_save) {
            self.hurry();
        }
        if start {
            let state = *self;
            WRITERS_RUNNING.set(WRITERS_RUNNING.get() + 1);
            leptos::task::spawn_local(async move {
                state.run().await;
                WRITERS_RUNNING.set(WRITERS_RUNNING.get().saturating_sub(1));
            });
        }
    }

    /// Ends the writer's wait for the next frame: what is pending is written now.
    fn hurry(&self) {
        if let Some(Some(end)) = self.hurry.try_with_value(Clone::clone) {
            let _ = end.call0(&wasm_bindgen::JsValue::NULL);
        }
    }

    /// A save alone waits until the page has drawn the change, so that what the person typed
    /// is on screen before the write starts (about a frame, 16 ms, later); what is typed
    /// meanwhile goes in the same write. Anything else pending, or the page being hidden or
    /// closed, ends the wait.
    async fn frame_drawn(&self) {
        if !self.work.try_with_value(Work::only_save).unwrap_or(false) {
            return;
        }
        let frame = clock::after_frame();
        self.hurry.try_set_value(frame.end());
        frame.wait().await;
        self.hurry.try_set_value(None);
    }

    async fn run(self) {
        let mut failed = None;
        loop {
            self.frame_drawn().await;
            let Some(job) = self.work.try_update_value(Work::next).flatten() else {
                break;
            };
            let done = match job {
                Job::Check => self.take_in_stored().await,
                Job::Save => self.save().await,
                Job::Finalise => self.write_finalised().await,
                Job::Reopen => self.write_reopened().await,
            };
            match done {
                Ok(()) => failed = None,
                Err(StorageError::Moved(_)) => {
                    let retries = self
                        .work
                        .try_update_value(|w| {
                            w.retries += 1;
                            w.retries
                        })
                        .unwrap_or(MAX_RETRIES);
                    if retries > MAX_RETRIES {
                        failed = Some(Msg::ChangedElsewhere);
                        continue;
                    }
                    // Take in what the other tab wrote; a save or reopen is tried again, a
                    // finalise is not: the person checks the answers that came in first.
                    self.work.update_value(|w| {
                        w.check = true;
                        w.save |= job == Job::Save;
                        w.reopen |= job == Job::Reopen;
                    });
                    if job == Job::Finalise {
                        self.notice.set(Some(Msg::FinaliseChangedElsewhere));
                    }
                }
                Err(error) => failed = Some(error.into()),
            }
        }
        self.save_status
            .set(failed.map_or(SaveStatus::Saved, SaveStatus::Failed));
        self.work.update_value(|w| w.retries = 0);
    }

    /// The record this tab would store now: the submission with the answers on screen (when
    /// it may be edited) and the contested answers as shown.
    fn record_to_write(&self) -> Submission {
        let mut record = self.submission.get_untracked();
        if record.is_editable() {
            let answers = self.answers.get_untracked();
            if answers != record.answers {
                self.form
                    .with_value(|form| record.set_answers(form, answers, &clock::now()));
                record.signed_by = self.own.get_value();
            }
        }
        record.contested = self.contested.get_untracked();
        record
    }

    fn finalised_record(&self) -> Result<Submission, Vec<Issue>> {
        let mut record = self.record_to_write();
        let today = self.today.get_value();
        self.form
            .with_value(|form| record.finalise(form, &today, &clock::now()))?;
        Ok(record)
    }

    /// Stores `record`, read at this tab's write version; on success it is what this tab
    /// knows as stored.
    async fn store(&self, record: Submission, strict: bool) -> Result<(), StorageError> {
        let read = self.version.get_value();
        let db = crate::storage::shared().await?;
        clock::mark("nahda:save-start");
        write(&db, &record, read, strict).await?;
        clock::measure_since("nahda:save", "nahda:save-start");
        self.version.set_value(Some(read.map_or(1, |v| v + 1)));
        self.submission.set(record);
        Ok(())
    }

    async fn save(&self) -> Result<(), StorageError> {
        let record = self.record_to_write();
        if self.version.get_value().is_some() && self.submission.with_untracked(|s| *s == record) {
            return Ok(());
        }
        self.store(record, false).await
    }

    async fn write_finalised(&self) -> Result<(), StorageError> {
        let Ok(record) = self.finalised_record() else {
            return Ok(());
        };
        let answers = record.answers.clone();
        self.store(record, true).await?;
        self.show_answers(answers);
        self.notice.set(None);
        Ok(())
    }

    async fn write_reopened(&self) -> Result<(), StorageError> {
        let mut record = self.record_to_write();
        if record.status == Status::Draft {
            return Ok(());
        }
        record.reopen(&clock::now());
        record.signed_by = self.own.get_value();
        self.store(record, true).await?;
        self.show_all_issues.set(false);
        Ok(())
    }

    /// Reads the stored record; when another tab wrote it since this tab last did, takes its
    /// changes in (question by question, contested where both changed the same one), and
    /// asks for a save when what this tab shows differs from what is stored.
    async fn take_in_stored(&self) -> Result<(), StorageError> {
        let db = crate::storage::shared().await?;
        let id = self.id();
        let Some(stored) = submissions::get(&db, &id).await? else {
            // Deleted elsewhere (a blank draft cleaned up, or the trash emptied): what is on
            // screen is written again rather than lost.
            if self.version.get_value().is_some() {
                self.version.set_value(None);
                self.work.update_value(|w| w.save = true);
            }
            return Ok(());
        };
        if Some(stored.version) == self.version.get_value() {
            return Ok(());
        }
        let now = clock::now();
        let known = self.submission.get_untracked();
        let mine = self.answers.get_untracked();
        let shown = self.contested.get_untracked();
        // The contests this tab added or settled and did not store yet.
        let added: Vec<ContestedAnswer> = shown
            .iter()
            .filter(|c| !known.contested.contains(c))
            .cloned()
            .collect();
        let settled: Vec<AnswerAt> = known
            .contested
            .iter()
            .filter(|c| !shown.iter().any(|s| s.at == c.at))
            .map(|c| c.at.clone())
            .collect();
        let theirs = stored.submission;
        let (answers, new) = if theirs.is_editable() {
            let merged = reconcile::reconcile(&known.answers, &mine, &theirs.answers, &now);
            (merged.answers, merged.contested)
        } else {
            let aside = reconcile::set_aside(&known.answers, &mine, &now);
            if !aside.is_empty() {
                self.notice.set(Some(Msg::FinalisedElsewhere));
            }
            (theirs.answers.clone(), aside)
        };
        let mut contested: Vec<ContestedAnswer> = theirs
            .contested
            .iter()
            .filter(|c| !settled.contains(&c.at))
            .cloned()
            .collect();
        reconcile::record(
            &mut contested,
            &answers,
            added.into_iter().chain(new).collect(),
        );
        let differs = answers != theirs.answers || contested != theirs.contested;
        if answers != mine {
            self.show_answers(answers);
            self.refreshed.update(|n| *n += 1);
        }
        self.contested.set(contested);
        self.version.set_value(Some(stored.version));
        self.submission.set(theirs);
        if differs {
            self.work.update_value(|w| w.save = true);
        }
        Ok(())
    }

    /// Listens to the other tabs: when one writes this submission, take it in.
    pub fn listen_to_other_tabs(&self) -> tabs::Listening {
        let state = *self;
        tabs::listen(move |ids| {
            if state
                .submission
                .try_with_untracked(|s| ids.contains(&s.id))
                .unwrap_or(false)
            {
                state.check();
            }
        })
    }
}
