//! The import page: pick several bundle files or drop them on the page; every file is checked
//! with a progress bar; a preview per file shows what is new, duplicate, newer, older, in
//! conflict or refused (with the reason); the person confirms and it is written all at once.
//! The bundles imported before are listed below.

use std::collections::BTreeMap;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::bundle::import::{ImportRecord, Rejection};
use crate::core::i18n::{isolate, isolate_ltr, CoordinatorMsg, Msg};
use crate::core::keys::PublicKey;
use crate::core::merge::Counts;
use crate::core::phrase::{count, date, Case, Counted};
use crate::core::schema::Text;
use crate::core::trust::Signer;
use crate::seal::SealError;
use crate::state::bundles::{self, FileProblem, ImportPreview, Opened, PickedFile};
use crate::ui::i18n::use_i18n;
use crate::ui::route::Page;

/// How many refused submissions of one file are listed by id.
const REJECTIONS_LISTED: usize = 50;

/// Where the import is.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Idle,
    /// Files checked (a fraction while one is under way), of how many.
    Checking {
        done: f64,
        total: usize,
    },
    Preview,
    Writing,
    Done(Counts),
    Failed(Msg),
}

/// One file as the preview shows it.
#[derive(Debug, Clone, PartialEq)]
enum FileView {
    Refused {
        file_name: String,
        problem: FileProblem,
    },
    Checked {
        file_name: String,
        bundle_id: String,
        entity: String,
        created_at: String,
        signer: Signer,
        /// The person chose to trust the key that signed it (seen here for the first time).
        trusted: bool,
        counts: Counts,
        rejected: Vec<(String, Rejection)>,
        rejected_total: usize,
        imported_before: Option<String>,
        dated_ahead: usize,
        /// The form versions it carries that the device lacks: id, version, title.
        new_forms: Vec<(String, u32, Text)>,
        opened: Option<Opened>,
    },
}

fn views_of(preview: &ImportPreview) -> Vec<FileView> {
    let trusting = preview.trusting();
    preview
        .files
        .iter()
        .map(|f| match f {
            PickedFile::Refused { file_name, problem } => FileView::Refused {
                file_name: file_name.clone(),
                problem: problem.clone(),
            },
            PickedFile::Checked(c) => FileView::Checked {
                file_name: c.file_name.clone(),
                bundle_id: c.bundle_id.clone(),
                entity: c.producer.entity_name.clone(),
                created_at: c.created_at.chars().take(10).collect(),
                signer: c.signer.clone(),
                trusted: matches!(&c.signer, Signer::FirstSeen { key, .. } if trusting.contains_key(key)),
                counts: c.report.counts,
                rejected: c.rejected.iter().take(REJECTIONS_LISTED).cloned().collect(),
                rejected_total: c.rejected.len(),
                imported_before: c
                    .imported_before
                    .as_ref()
                    .map(|d| d.chars().take(10).collect()),
                dated_ahead: c.dated_ahead,
                new_forms: c
                    .new_forms
                    .iter()
                    .map(|f| (f.id.clone(), f.version, f.title.clone()))
                    .collect(),
                opened: c.opened,
            },
        })
        .collect()
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

/// The page.
#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let stage = RwSignal::new(Stage::Idle);
    let files = RwSignal::new(Vec::<FileView>::new());
    let preview = StoredValue::new_local(None::<ImportPreview>);
    let log = RwSignal::new(Vec::<ImportRecord>::new());
    let refresh_log = move || {
        leptos::task::spawn_local(async move {
            if let Ok(records) = bundles::import_log().await {
                log.set(records);
            }
        });
    };
    refresh_log();
    // The files picked, kept to check them again when the person trusts a key.
    let picked_files = StoredValue::new_local(Vec::<web_sys::File>::new());
    let trusting = RwSignal::new(BTreeMap::<PublicKey, String>::new());
    // Passphrases typed for sealed files, by file name.
    let passphrases = StoredValue::new_local(BTreeMap::<String, String>::new());
    let start = move |picked: Vec<web_sys::File>| {
        if picked.is_empty()
            || matches!(
                stage.get_untracked(),
                Stage::Checking { .. } | Stage::Writing
            )
        {
            return;
        }
        files.set(Vec::new());
        stage.set(Stage::Checking {
            done: 0.0,
            total: picked.len(),
        });
        picked_files.set_value(picked.clone());
        let trusted_now = trusting.get_untracked();
        let typed = passphrases.get_value();
        leptos::task::spawn_local(async move {
            let checked = bundles::check_files(picked, trusted_now, &typed, move |done, total| {
                stage.set(Stage::Checking { done, total })
            })
            .await;
            match checked {
                Ok(checked) => {
                    files.set(views_of(&checked));
                    preview.set_value(Some(checked));
                    stage.set(Stage::Preview);
                }
                Err(msg) => stage.set(Stage::Failed(msg)),
            }
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let picked = files_of(input.files());
        input.set_value("");
        start(picked);
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        start(files_of(ev.data_transfer().and_then(|d| d.files())));
    };
    let confirm = move |_| {
        let Some(mut chosen) = preview.get_value() else {
            return;
        };
        stage.set(Stage::Writing);
        leptos::task::spawn_local(async move {
            match bundles::write_import(&mut chosen).await {
                Ok(counts) => {
                    files.set(views_of(&chosen));
                    stage.set(Stage::Done(counts));
                }
                Err(msg) => stage.set(Stage::Failed(msg)),
            }
            preview.set_value(None);
            refresh_log();
        });
    };
    let cancel = move |_| {
        preview.set_value(None);
        files.set(Vec::new());
        stage.set(Stage::Idle);
    };
    // The person's choices in the preview: carried forms to add, and keys to trust (which
    // changes what the import would do, so the files are checked again with it).
    let choices = Callback::new(move |choice: Choice| match choice {
        Choice::AddForm(id, version, on) => preview.update_value(|p| {
            if let Some(p) = p {
                p.add_form(&id, version, on);
            }
        }),
        Choice::TrustKey(key, entity, on) => {
            trusting.update(|t| {
                if on {
                    t.insert(key, entity);
                } else {
                    t.remove(&key);
                }
            });
            start(picked_files.get_value());
        }
        Choice::Passphrase(file_name, typed) => {
            passphrases.update_value(|p| {
                p.insert(file_name, typed);
            });
            start(picked_files.get_value());
        }
    });
    let writes_anything = move || {
        stage.get() == Stage::Preview
            && preview.with_value(|p| p.as_ref().is_some_and(ImportPreview::writes_anything))
    };
    view! {
        <section class="page" data-page=Page::Import.slug()
            on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=on_drop>
            <h2>{move || i18n.t(Msg::NavImport)}</h2>
            <p class="intro">{move || i18n.t(CoordinatorMsg::ImportIntro)}</p>
            <div class="drop-zone">
                <label for="import-files" class="file-label">{move || i18n.t(CoordinatorMsg::ImportPick)}</label>
                <input type="file" id="import-files" multiple accept=".json,.age,application/json" on:change=on_pick/>
                <p class="hint">{move || i18n.t(CoordinatorMsg::ImportDrop)}</p>
            </div>
            <div id="import-status" role="status" aria-live="polite" data-stage=move || match stage.get() {
                Stage::Idle => "idle",
                Stage::Checking { .. } => "checking",
                Stage::Preview => "preview",
                Stage::Writing => "writing",
                Stage::Done(_) => "done",
                Stage::Failed(_) => "failed",
            }>
                {move || match stage.get() {
                    Stage::Checking { done, total } => view! {
                        <p>{move || CoordinatorMsg::ImportChecking.with(i18n.lang(), &[
                            ("d", &i18n.number(((done as usize) + 1).min(total) as u64)),
                            ("n", &i18n.number(total as u64)),
                        ])}</p>
                        <progress id="import-progress" max=total.max(1) value=done></progress>
                    }
                    .into_any(),
                    Stage::Writing => view! { <p>{move || i18n.t(CoordinatorMsg::ImportWriting)}</p> }.into_any(),
                    Stage::Done(c) => view! {
                        <p class="ok" id="import-done">
                            {move || CoordinatorMsg::ImportDone.with(i18n.lang(), &[
                                ("n", &i18n.number(c.new as u64)),
                                ("u", &i18n.number(c.newer as u64)),
                                ("c", &i18n.number(c.conflict as u64)),
                            ])}
                        </p>
                    }
                    .into_any(),
                    Stage::Failed(msg) => view! { <p class="error-banner" role="alert">{move || i18n.t(msg)}</p> }.into_any(),
                    Stage::Idle | Stage::Preview => ().into_any(),
                }}
            </div>
            <Show when=move || !files.with(Vec::is_empty)>
                <h3>{move || i18n.t(CoordinatorMsg::ImportPreviewTitle)}</h3>
                <ul class="import-files" id="import-files-preview">
                    {move || files.get().into_iter().map(|f| view! { <FileCard file=f choices/> }).collect_view()}
                </ul>
            </Show>
            <Show when=move || stage.get() == Stage::Preview>
                <div class="actions">
                    {move || if writes_anything() {
                        view! {
                            <button type="button" id="import-confirm" on:click=confirm>{move || i18n.t(CoordinatorMsg::ImportConfirm)}</button>
                        }
                        .into_any()
                    } else {
                        view! { <p class="notice" id="import-nothing">{move || i18n.t(CoordinatorMsg::ImportNothingNew)}</p> }.into_any()
                    }}
                    <button type="button" class="secondary" id="import-cancel" on:click=cancel>{move || i18n.t(CoordinatorMsg::ImportCancel)}</button>
                </div>
            </Show>
            <h3>{move || i18n.t(CoordinatorMsg::ImportLogTitle)}</h3>
            {move || log.with(Vec::is_empty).then(|| view! {
                <p class="notice" id="import-log-empty">{move || i18n.t(CoordinatorMsg::ImportLogEmpty)}</p>
            })}
            <ul class="import-log" id="import-log">
                {move || log.get().into_iter().map(|r| {
                    view! {
                        <li data-bundle=r.id.clone()>
                            {move || CoordinatorMsg::ImportLogEntry.with(i18n.lang(), &[
                                ("f", &isolate_ltr(&r.file_name)),
                                ("e", &isolate(&r.producer.entity_name)),
                                ("d", &i18n.local_time(&r.imported_at, true)),
                            ])}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A choice the person makes in the preview.
#[derive(Debug, Clone)]
enum Choice {
    /// Trust (or not) a key seen for the first time, as the entity its bundle names.
    TrustKey(PublicKey, String, bool),
    /// Open a sealed file (by name) with this passphrase.
    Passphrase(String, String),
    AddForm(String, u32, bool),
}

/// One file of the preview: refused with its reason, or who signed it, its counts, the forms
/// it carries and its refused submissions.
#[component]
fn FileCard(file: FileView, choices: Callback<Choice>) -> impl IntoView {
    let i18n = use_i18n();
    match file {
        FileView::Refused { file_name, problem } => {
            let asks_passphrase = matches!(
                problem,
                FileProblem::Sealed(SealError::NeedsPassphrase | SealError::WrongPassphrase)
            );
            let typed = RwSignal::new(String::new());
            let named = file_name.clone();
            view! {
                <li class="import-file refused" data-file=file_name.clone()>
                    <strong><bdi dir="ltr">{file_name.clone()}</bdi></strong>
                    <p class="error-banner file-problem">{move || problem.message(i18n.lang())}</p>
                    {asks_passphrase.then(|| view! {
                        <form class="passphrase" on:submit=move |ev| {
                            ev.prevent_default();
                            choices.run(Choice::Passphrase(named.clone(), typed.get_untracked()));
                        }>
                            <label class="setting">
                                <span>{move || i18n.t(Msg::ImportPassphrase)}</span>
                                <input type="text" class="import-passphrase" autocomplete="off" spellcheck="false"
                                    dir="auto" on:input=move |ev| typed.set(event_target_value(&ev))/>
                            </label>
                            <button type="submit" class="import-open">{move || i18n.t(CoordinatorMsg::ImportOpen)}</button>
                        </form>
                    })}
                </li>
            }
            .into_any()
        }
        FileView::Checked {
            file_name,
            bundle_id,
            entity,
            created_at,
            signer,
            trusted,
            counts,
            rejected,
            rejected_total,
            imported_before,
            dated_ahead,
            new_forms,
            opened,
        } => {
            let row = move |outcome: &'static str, msg: CoordinatorMsg, n: usize| {
                view! {
                    <div class="outcome" data-outcome=outcome data-count=n>
                        <dt>{move || i18n.t(msg)}</dt>
                        <dd>{n}</dd>
                    </div>
                }
            };
            view! {
                <li class="import-file checked" data-file=file_name.clone() data-bundle=bundle_id>
                    <strong><bdi dir="ltr">{file_name.clone()}</bdi></strong>
                    <p class="from">
                        {move || CoordinatorMsg::ImportFrom.with(i18n.lang(), &[
                            ("e", &isolate(&entity)),
                            ("d", &date(&created_at, i18n.lang())),
                        ])}
                    </p>
                    {opened.map(|how| {
                        let msg = match how {
                            Opened::ByKey => CoordinatorMsg::ImportSealedByKey,
                            Opened::ByPassphrase => CoordinatorMsg::ImportSealedByPassphrase,
                        };
                        view! { <p class="sealed ok" data-opened=format!("{how:?}")>{move || i18n.t(msg)}</p> }
                    })}
                    <SignerLine signer trusted choices/>
                    {(dated_ahead > 0).then(|| view! {
                        <p class="notice dated-ahead">{move || CoordinatorMsg::ImportDatedAhead.with(i18n.lang(), &[("n", &count(Counted::Submission, dated_ahead, Case::Nominative, i18n.lang()))])}</p>
                    })}
                    {(!new_forms.is_empty()).then(|| view! {
                        <div class="carried-forms">
                            <p>{move || i18n.t(CoordinatorMsg::ImportCarriedForms)}</p>
                            {new_forms.into_iter().map(|(id, version, title)| {
                                let (form_id, form_version) = (id.clone(), version);
                                view! {
                                    <label class="choice carried-form" data-form=id.clone() data-version=version>
                                        <input type="checkbox" on:change=move |ev| {
                                            choices.run(Choice::AddForm(form_id.clone(), form_version, event_target_checked(&ev)));
                                        }/>
                                        <span>{move || CoordinatorMsg::ImportAddForm.with(i18n.lang(), &[
                                            ("t", &isolate(title.get(i18n.lang()))),
                                            ("v", &i18n.number(u64::from(version))),
                                        ])}</span>
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    })}
                    {imported_before.map(|day| view! {
                        <p class="notice imported-before">{move || CoordinatorMsg::ImportAlready.with(i18n.lang(), &[("d", &date(&day, i18n.lang()))])}</p>
                    })}
                    <dl class="outcomes">
                        {row("new", CoordinatorMsg::OutcomeNew, counts.new)}
                        {row("duplicate", CoordinatorMsg::OutcomeDuplicate, counts.duplicate)}
                        {row("newer", CoordinatorMsg::OutcomeNewer, counts.newer)}
                        {row("older", CoordinatorMsg::OutcomeOlder, counts.older)}
                        {row("conflict", CoordinatorMsg::OutcomeConflict, counts.conflict)}
                        {row("rejected", CoordinatorMsg::OutcomeRejected, rejected_total)}
                    </dl>
                    <ul class="rejections">
                        {rejected.into_iter().map(|(id, reason)| view! {
                            <li class="rejection" data-id=id.clone()>
                                <code dir="ltr">{id.clone()}</code> " — "
                                <span dir="auto">{move || reason.message(i18n.lang())}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </li>
            }
            .into_any()
        }
    }
}

/// Who signed a file: this device, a trusted sender, a key seen for the first time (with the
/// choice to trust it), or nobody.
#[component]
fn SignerLine(signer: Signer, trusted: bool, choices: Callback<Choice>) -> impl IntoView {
    let i18n = use_i18n();
    match signer {
        Signer::Own => view! {
            <p class="signer" data-signer="own">{move || i18n.t(CoordinatorMsg::SignerOwn)}</p>
        }
        .into_any(),
        Signer::Known(key) => {
            let name = key.name.clone();
            view! {
                <p class="signer ok" data-signer="known">
                    {move || i18n.t(CoordinatorMsg::SignerKnown)} " "
                    <bdi>{name.clone()}</bdi>
                </p>
            }
            .into_any()
        }
        Signer::FirstSeen { key, entity } => {
            let fingerprint = key.fingerprint();
            let named = entity.clone();
            view! {
                <div class="signer notice" data-signer="first-seen">
                    <p>{move || i18n.t(CoordinatorMsg::SignerFirstSeen)} " "
                        <span class="fingerprint" dir="ltr">{move || fingerprint.grouped(i18n.lang())}</span>
                    </p>
                    <label class="choice">
                        <input type="checkbox" class="trust-key" prop:checked=trusted on:change=move |ev| {
                            choices.run(Choice::TrustKey(key, named.clone(), event_target_checked(&ev)));
                        }/>
                        <span>{move || i18n.t(CoordinatorMsg::SignerTrustAs)} " " <bdi>{entity.clone()}</bdi></span>
                    </label>
                </div>
            }
            .into_any()
        }
        Signer::Unsigned => view! {
            <p class="signer notice" data-signer="unsigned">{move || i18n.t(CoordinatorMsg::SignerUnsigned)}</p>
        }
        .into_any(),
        Signer::Revoked(_) => ().into_any(),
    }
}
