//! The settings page: the reporting entity's profile, this device's signing key, the trusted
//! senders, sealing (`sealing`), storage, the forms on this device (and loading a new form
//! version from a file), and backups.

use leptos::prelude::*;

use crate::core::health::{format_bytes, StorageHealth};
use crate::core::i18n::{isolate, Lang, Msg};
use crate::core::keys::{key_text, PublicKey};
use crate::core::phrase::{count, figure, Case, Counted};
use crate::core::profile::Profile;
use crate::core::schema::Choice;
use crate::core::trust::TrustedKey;
use crate::platform::{clipboard, prefs, quota};
use crate::state::backup::{restore_backup, save_backup, RestoreReport};
use crate::state::forms::{
    library, load_form_files, save_as_xlsform, FormFileOutcome, MAX_FORM_FILE,
};
use crate::state::library::DEFAULT_FORM_ID;
use crate::state::{keys, profile};
use crate::ui::components::{choice_options, radio, take_picked_file, take_picked_files};
use crate::ui::i18n::use_i18n;
use crate::ui::route::{Page, Side};

mod sealing;

use sealing::{SealFor, SealingKeys};

/// The field app's settings: the profile, digits, this device's key, the coordinators to seal
/// for, storage, forms and backup, and where the trusted senders are managed.
#[component]
pub fn FieldSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let trusted_elsewhere = view! {
        <h3>{move || i18n.t(Msg::TrustedTitle)}</h3>
        <p class="intro" id="trusted-elsewhere">
            {move || i18n.t(Msg::TrustedInCoordinatorApp)} " "
            <a href=Page::Settings.href_in(Side::Coordinator)>{move || i18n.t(Msg::TrustedOpenCoordinatorSettings)}</a>
        </p>
    };
    settings_page(trusted_elsewhere, ())
}

/// The coordinator app's settings: the field app's, and the trusted senders and the
/// coordinator's own sealing keys, which a coordinator manages.
#[component]
pub fn CoordinatorSettingsPage() -> impl IntoView {
    settings_page(view! { <TrustedSenders/> }, view! { <SealingKeys/> })
}

/// The settings page, with the sections only one app has in their places.
fn settings_page(trusted_senders: impl IntoView, sealing_keys: impl IntoView) -> impl IntoView {
    let i18n = use_i18n();
    // The entity this device reports for, as saved: the key text names it.
    let entity = RwSignal::new(String::new());
    view! {
        <section class="page" data-page=Page::Settings.slug()>
            <h2>{move || i18n.t(Msg::NavSettings)}</h2>
            <ProfileSettings entity/>
            <DigitSettings/>
            <DeviceKey entity/>
            {trusted_senders}
            <h3>{move || i18n.t(Msg::SealingTitle)}</h3>
            <p class="intro">{move || i18n.t(Msg::SealingHelp)}</p>
            <SealFor/>
            {sealing_keys}
            <StorageSettings/>
            <FormsOnDevice/>
            <BackupSettings/>
        </section>
    }
}

/// The digits Arabic pages write numbers in: Arabic-Indic by default, Latin on request.
#[component]
fn DigitSettings() -> impl IntoView {
    let i18n = use_i18n();
    let latin = RwSignal::new(prefs::saved_latin_digits());
    Effect::new(move |before: Option<()>| {
        let latin = latin.get();
        if before.is_some() {
            i18n.set_latin_digits(latin);
        }
    });
    view! {
        <h3>{move || i18n.t(Msg::DigitsTitle)}</h3>
        <p class="intro">{move || i18n.t(Msg::DigitsHelp)}</p>
        <div class="choices" role="radiogroup" aria-label=move || i18n.t(Msg::DigitsTitle)>
            {radio(latin, "digits", false, "digits-arabic", Msg::DigitsArabic)}
            {radio(latin, "digits", true, "digits-latin", Msg::DigitsLatin)}
        </div>
    }
}

/// The reporting entity's details, which start every new submission, and the device id.
#[component]
fn ProfileSettings(entity: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let loaded = RwSignal::new(None::<Profile>);
    let types = RwSignal::new(Vec::<Choice>::new());
    let device = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Msg>);
    leptos::task::spawn_local(async move {
        if let Ok(lib) = library().await {
            if let Some(form) = lib.latest(DEFAULT_FORM_ID) {
                let list = form
                    .spec()
                    .choice_lists
                    .get("entity_type")
                    .cloned()
                    .unwrap_or_default();
                types.set(list);
            }
        }
        device.set(profile::device_id().await.unwrap_or_default());
        let saved = profile::load().await.unwrap_or_default();
        entity.set(saved.entity_name.clone());
        loaded.set(Some(saved));
    });
    view! {
        <h3>{move || i18n.t(Msg::ProfileTitle)}</h3>
        <p class="intro">{move || i18n.t(Msg::ProfileHelp)}</p>
        {move || loaded.get().map(|p| {
            let draft = StoredValue::new(p.clone());
            let field = move |id: &'static str, msg: Msg, value: String, set: fn(&mut Profile, String)| view! {
                <label class="setting">
                    <span>{move || i18n.t(msg)}</span>
                    <input type="text" id=id dir="auto" prop:value=value
                        on:input=move |ev| draft.update_value(|d| set(d, event_target_value(&ev)))/>
                </label>
            };
            let chosen = p.entity_type.clone();
            view! {
                <div class="profile">
                    {field("profile-entity-name", Msg::ProfileEntityName, p.entity_name.clone(), |d, v| d.entity_name = v)}
                    <label class="setting">
                        <span>{move || i18n.t(Msg::ProfileEntityType)}</span>
                        <select id="profile-entity-type" on:change=move |ev| draft.update_value(|d| d.entity_type = event_target_value(&ev))>
                            {move || choice_options(&types.get(), &chosen, |_: usize| true)}
                        </select>
                    </label>
                    {field("profile-focal-name", Msg::ProfileFocalName, p.focal_name.clone(), |d, v| d.focal_name = v)}
                    {field("profile-focal-role", Msg::ProfileFocalRole, p.focal_role.clone(), |d, v| d.focal_role = v)}
                    <button type="button" id="profile-save" on:click=move |_| {
                        let profile = draft.get_value();
                        let name = profile.entity_name.clone();
                        leptos::task::spawn_local(async move {
                            outcome.set(Some(match profile::save(profile).await {
                                Ok(()) => {
                                    entity.set(name);
                                    Msg::ProfileSaved
                                }
                                Err(msg) => msg,
                            }));
                        });
                    }>{move || i18n.t(Msg::ProfileSave)}</button>
                    <p id="profile-result" role="status" aria-live="polite">{move || outcome.get().map(|m| i18n.t(m))}</p>
                </div>
            }
        })}
        <p class="device-id">{move || i18n.t(Msg::DeviceId)} ": " <code id="device-id">{move || device.get()}</code></p>
    }
}

#[component]
fn FormsOnDevice() -> impl IntoView {
    let i18n = use_i18n();
    let forms = RwSignal::new(Vec::<(String, u32, String, String)>::new());
    let outcome = RwSignal::new(None::<FormFileOutcome>);
    let saved = RwSignal::new(None::<Result<String, Msg>>);
    let attempts = RwSignal::new(0u32);
    let refresh = move || {
        leptos::task::spawn_local(async move {
            if let Ok(library) = library().await {
                forms.set(
                    library
                        .all()
                        .iter()
                        .map(|f| {
                            let title = &f.spec().title;
                            (
                                f.id().to_string(),
                                f.version(),
                                title.ar.clone(),
                                title.en.clone(),
                            )
                        })
                        .collect(),
                );
            }
        });
    };
    refresh();
    let on_file = move |ev: leptos::ev::Event| {
        let files = take_picked_files(&ev);
        if files.is_empty() {
            return;
        }
        outcome.set(None);
        leptos::task::spawn_local(async move {
            outcome.set(Some(load_form_files(&files).await));
            attempts.update(|n| *n += 1);
            refresh();
        });
    };
    let limit_mb = MAX_FORM_FILE / 1024.0 / 1024.0;
    view! {
        <h3>{move || i18n.t(Msg::FormsTitle)}</h3>
        <ul id="form-list">
            {move || {
                forms
                    .get()
                    .into_iter()
                    .map(|(id, version, ar, en)| {
                        let save = {
                            let id = id.clone();
                            move |_| {
                                let id = id.clone();
                                leptos::task::spawn_local(async move {
                                    let file = format!("{id}.v{version}.xlsx");
                                    saved.set(Some(save_as_xlsform(&id, version).await.map(|()| file)));
                                });
                            }
                        };
                        view! {
                            <li data-form=id.clone() data-version=version>
                                {move || if i18n.lang().is_arabic() { ar.clone() } else { en.clone() }}
                                " — " <code>{id.clone()}</code> " · "
                                {move || Msg::FormVersion.with(i18n.lang(), &[("n", &i18n.number((version) as u64))])}
                                " " <button type="button" class="link save-xlsform" on:click=save>{move || i18n.t(Msg::FormSaveXlsForm)}</button>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
        <div id="xlsform-saved" role="status" aria-live="polite">
            {move || saved.get().map(|done| match done {
                Ok(file) => view! { <p class="ok">{move || Msg::XlsFormSaved.with(i18n.lang(), &[("f", &isolate(&file))])}</p> }.into_any(),
                Err(msg) => view! { <p class="error-banner">{move || i18n.t(msg)}</p> }.into_any(),
            })}
        </div>
        <p class="intro">{move || i18n.t(Msg::FormFileHelp)}</p>
        <label for="form-file" class="file-label">{move || i18n.t(Msg::FormFileLabel)}</label>
        <input type="file" id="form-file" multiple accept=".json,application/json,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,.csv,text/csv" on:change=on_file/>
        <div id="form-file-result" role="status" aria-live="polite" data-attempts=move || attempts.get()>
            {move || {
                outcome.get().map(|o| match o {
                    FormFileOutcome::Added { ar, en, notes } => view! {
                        <p class="ok">
                            {move || Msg::FormAdded.with(i18n.lang(), &[("n", &isolate(if i18n.lang().is_arabic() { &ar } else { &en }))])}
                        </p>
                        <Show when={
                            let any = !notes.is_empty();
                            move || any
                        }>
                            <p>{move || i18n.t(Msg::XlsFormNotes)}</p>
                        </Show>
                        <ul class="details xlsform-notes">
                            {notes.clone().into_iter().map(|n| view! { <li>{move || n.get(i18n.lang()).to_string()}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    FormFileOutcome::AlreadyThere => view! { <p class="notice">{move || i18n.t(Msg::FormAlreadyThere)}</p> }.into_any(),
                    FormFileOutcome::Refused { msg, details } => view! {
                        <div class="error-banner">
                            <p>{move || msg.with(i18n.lang(), &[("n", &figure(Some(limit_mb), i18n.lang()))])}</p>
                            <ul class="details">
                                {details.into_iter().map(|d| view! { <li>{move || d.message(i18n.lang())}</li> }).collect_view()}
                            </ul>
                        </div>
                    }
                    .into_any(),
                })
            }}
        </div>
    }
}

/// This device's signing key: its fingerprint, to read out over a phone call in either digit
/// system, and its text, to send to a coordinator who pastes it.
#[component]
fn DeviceKey(entity: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let key = RwSignal::new(None::<Result<PublicKey, Msg>>);
    let copied = RwSignal::new(false);
    leptos::task::spawn_local(async move { key.set(Some(keys::own_key().await)) });
    view! {
        <h3>{move || i18n.t(Msg::DeviceKeyTitle)}</h3>
        <p class="intro">{move || i18n.t(Msg::DeviceKeyHelp)}</p>
        {move || key.get().map(|k| match k {
            Ok(key) => {
                let fingerprint = key.fingerprint();
                let text = Signal::derive(move || key_text(&key, &entity.get()));
                view! {
                    <dl class="fingerprint-box" id="device-key">
                        <dt>{move || i18n.t(Msg::DeviceKeyFingerprint)}</dt>
                        <dd class="fingerprint" lang="ar" id="device-fingerprint-ar" dir="ltr">{fingerprint.grouped(Lang::Ar)}</dd>
                        <dd class="fingerprint" lang="en" id="device-fingerprint" dir="ltr">{fingerprint.grouped(Lang::En)}</dd>
                    </dl>
                    <label class="setting">
                        <span>{move || i18n.t(Msg::DeviceKeyText)}</span>
                        <textarea id="device-key-text" readonly rows="2" dir="ltr" prop:value=move || text.get()></textarea>
                    </label>
                    <button type="button" class="secondary" id="device-key-copy" on:click=move |_| {
                        copied.set(clipboard::copy(&text.get_untracked()));
                    }>{move || i18n.t(Msg::DeviceKeyCopy)}</button>
                    <Show when=move || copied.get()>
                        <span class="ok" role="status">{move || i18n.t(Msg::DeviceKeyCopied)}</span>
                    </Show>
                }
                .into_any()
            }
            Err(msg) => view! { <p class="error-banner">{move || i18n.t(msg)}</p> }.into_any(),
        })}
    }
}

/// The senders' keys this device trusts: add one from pasted text, rename it, mark it as a
/// coordinator's or a form author's, revoke it (and take a revocation back).
#[component]
fn TrustedSenders() -> impl IntoView {
    let i18n = use_i18n();
    let list = RwSignal::new(Vec::<TrustedKey>::new());
    let outcome = RwSignal::new(None::<Msg>);
    let attempts = RwSignal::new(0u32);
    let pasted = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let refresh = move || {
        leptos::task::spawn_local(async move {
            if let Ok(keys) = keys::trusted_keys().await {
                list.set(keys);
            }
        });
    };
    refresh();
    let finish = move |result: Result<(), Msg>, ok: Msg| {
        outcome.set(Some(result.map_or_else(|m| m, |()| ok)));
        attempts.update(|n| *n += 1);
        refresh();
    };
    let change = move |mut key: TrustedKey, edit: Box<dyn FnOnce(&mut TrustedKey)>| {
        edit(&mut key);
        leptos::task::spawn_local(async move {
            finish(
                keys::keep(std::slice::from_ref(&key)).await,
                Msg::TrustedSaved,
            );
        });
    };
    let add = move |_| {
        let (text, given) = (pasted.get_untracked(), name.get_untracked());
        leptos::task::spawn_local(async move {
            let added = keys::add_from_text(&text, &given).await.map(drop);
            if added.is_ok() {
                pasted.set(String::new());
                name.set(String::new());
            }
            finish(added, Msg::TrustedAdded);
        });
    };
    view! {
        <h3>{move || i18n.t(Msg::TrustedTitle)}</h3>
        <p class="intro">{move || i18n.t(Msg::TrustedHelp)}</p>
        {move || list.with(Vec::is_empty).then(|| view! {
            <p class="notice" id="trusted-none">{move || i18n.t(Msg::TrustedNone)}</p>
        })}
        <ul class="trusted-keys" id="trusted-keys">
            {move || list.get().into_iter().map(|key| {
                let fingerprint = key.key.fingerprint();
                let digits = fingerprint.digits().to_string();
                let revoked = key.revoked_at.is_some();
                let (k1, k2, k3, k4) = (key.clone(), key.clone(), key.clone(), key.clone());
                view! {
                    <li class="trusted-key" class:revoked=revoked data-fingerprint=digits>
                        <input type="text" class="trusted-name" dir="auto" prop:value=key.name.clone()
                            aria-label=move || i18n.t(Msg::TrustedName)
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                change(k1.clone(), Box::new(move |k| k.name = value));
                            }/>
                        <span class="fingerprint" dir="ltr">{move || fingerprint.grouped(i18n.lang())}</span>
                        <label class="choice">
                            <input type="checkbox" class="trusted-coordinator" prop:checked=key.coordinator
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    change(k2.clone(), Box::new(move |k| k.coordinator = on));
                                }/>
                            <span>{move || i18n.t(Msg::TrustedCoordinator)}</span>
                        </label>
                        <label class="choice">
                            <input type="checkbox" class="trusted-form-author" prop:checked=key.form_author
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    change(k3.clone(), Box::new(move |k| k.form_author = on));
                                }/>
                            <span>{move || i18n.t(Msg::TrustedFormAuthor)}</span>
                        </label>
                        <button type="button" class="secondary revoke" on:click=move |_| {
                            let now = (!revoked).then(crate::platform::clock::now);
                            change(k4.clone(), Box::new(move |k| k.revoked_at = now));
                        }>
                            {move || i18n.t(if revoked { Msg::TrustedRestore } else { Msg::TrustedRevoke })}
                        </button>
                    </li>
                }
            }).collect_view()}
        </ul>
        <div class="add-key">
            <label class="setting">
                <span>{move || i18n.t(Msg::TrustedPaste)}</span>
                <textarea id="trusted-key-text" rows="2" dir="ltr" prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
            </label>
            <label class="setting">
                <span>{move || i18n.t(Msg::TrustedName)}</span>
                <input type="text" id="trusted-key-name" dir="auto" prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
            </label>
            <button type="button" id="trusted-key-add" on:click=add>{move || i18n.t(Msg::TrustedAdd)}</button>
        </div>
        <p id="trusted-result" role="status" aria-live="polite" data-attempts=move || attempts.get()>
            {move || outcome.get().map(|m| i18n.t(m))}
        </p>
    }
}

/// Saving a full backup and restoring one.
#[component]
fn BackupSettings() -> impl IntoView {
    let i18n = use_i18n();
    let outcome = RwSignal::new(None::<Result<Option<RestoreReport>, Msg>>);
    let attempts = RwSignal::new(0u32);
    let finish = move |result| {
        outcome.set(Some(result));
        attempts.update(|n| *n += 1);
    };
    let save = move |_| {
        leptos::task::spawn_local(async move { finish(save_backup().await.map(|()| None)) });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = take_picked_file(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move { finish(restore_backup(&file).await.map(Some)) });
    };
    view! {
        <h3>{move || i18n.t(Msg::BackupTitle)}</h3>
        <p class="intro">{move || i18n.t(Msg::BackupHelp)}</p>
        <button type="button" id="backup-save" on:click=save>{move || i18n.t(Msg::BackupSave)}</button>
        <label for="backup-file" class="file-label">{move || i18n.t(Msg::BackupRestoreLabel)}</label>
        <input type="file" id="backup-file" accept=".json,application/json" on:change=on_file/>
        <div id="backup-result" role="status" aria-live="polite" data-attempts=move || attempts.get()>
            {move || outcome.get().map(|o| match o {
                Ok(None) => view! { <p class="ok">{move || i18n.t(Msg::BackupSaved)}</p> }.into_any(),
                Ok(Some(report)) => view! {
                    <p class="ok">
                        {move || Msg::BackupRestored.with(i18n.lang(), &[("n", &count(Counted::Submission, report.added, Case::Nominative, i18n.lang()))])} " "
                        {move || Msg::BackupRestoredDetail.with(i18n.lang(), &[
                            ("u", &i18n.number(report.updated as u64)),
                            ("c", &i18n.number(report.conflicts as u64)),
                            ("k", &i18n.number(report.unchanged as u64)),
                        ])}
                    </p>
                }
                .into_any(),
                Err(msg) => view! {
                    <p class="error-banner">
                        {move || msg.with(i18n.lang(), &[("n", &figure(Some(crate::state::backup::MAX_BACKUP_FILE / 1024.0 / 1024.0), i18n.lang()))])}
                    </p>
                }
                .into_any(),
            })}
        </div>
    }
}

/// How much storage the app uses, whether the browser keeps it, and warnings.
#[component]
fn StorageSettings() -> impl IntoView {
    let i18n = use_i18n();
    let health = RwSignal::new(None::<StorageHealth>);
    leptos::task::spawn_local(async move { health.set(Some(quota::health().await)) });
    view! {
        <h3>{move || i18n.t(Msg::StorageTitle)}</h3>
        {move || health.get().map(|h| {
            let usage = move || match (h.usage, h.quota) {
                (Some(u), Some(q)) => Msg::StorageUsage.with(i18n.lang(), &[("u", &format_bytes(u, i18n.lang())), ("q", &format_bytes(q, i18n.lang()))]),
                _ => i18n.t(Msg::StorageUsageUnknown).to_string(),
            };
            view! {
                <div id="storage-health" data-persisted=h.persisted.map(|p| p.to_string())>
                    <p id="storage-usage">{usage}</p>
                    {(h.persisted == Some(true)).then(|| view! { <p class="ok">{move || i18n.t(Msg::StoragePersisted)}</p> })}
                    {h.warnings().into_iter().map(|w| view! { <p class="error-banner storage-warning">{move || i18n.t(w)}</p> }).collect_view()}
                </div>
            }
        })}
    }
}
