//! Sealing in Settings: a coordinator's own sealing key (make it, copy its public half, save a
//! copy of its secret half sealed with a passphrase, restore such a copy), and the
//! coordinators' sealing keys a field user seals bundles for (paste, name, remove).

use leptos::prelude::*;

use crate::core::i18n::{isolate_ltr, Msg};
use crate::platform::clipboard;
use crate::seal::{SealRecipient, SealingIdentity};
use crate::state::sealing;
use crate::ui::i18n::use_i18n;

use crate::ui::components::take_picked_file;

/// An outcome line: a message and the value put into it (`{f}` or `{n}`), or what went wrong.
type Outcome = Option<Result<(Msg, String), Msg>>;

fn outcome_line(
    outcome: RwSignal<Outcome>,
    attempts: RwSignal<u32>,
    id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p id=id role="status" aria-live="polite" data-attempts=move || attempts.get()>
            {move || outcome.get().map(|o| match o {
                Ok((msg, value)) => view! {
                    <span class="ok">{move || msg.with(i18n.lang(), &[("f", &isolate_ltr(&value)), ("n", &value)])}</span>
                }
                .into_any(),
                Err(msg) => view! { <span class="error-banner">{move || i18n.t(msg)}</span> }.into_any(),
            })}
        </p>
    }
}

/// A coordinator's sealing keys on this device.
#[component]
pub fn SealingKeys() -> impl IntoView {
    let i18n = use_i18n();
    let identities = RwSignal::new(Vec::<SealingIdentity>::new());
    let passphrase = RwSignal::new(String::new());
    let outcome = RwSignal::new(None);
    let attempts = RwSignal::new(0u32);
    let copied = RwSignal::new(false);
    let busy = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        if let Ok(list) = sealing::identities().await {
            identities.set(list);
        }
    });
    let finish = move |result: Result<(Msg, String), Msg>| {
        outcome.set(Some(result));
        attempts.update(|n| *n += 1);
        busy.set(false);
    };
    let create = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match sealing::create_identity().await {
                Ok(list) => {
                    identities.set(list);
                    outcome.set(None);
                    busy.set(false);
                }
                Err(msg) => finish(Err(msg)),
            }
        });
    };
    let save_copy = move |_| {
        busy.set(true);
        let typed = passphrase.get_untracked();
        leptos::task::spawn_local(async move {
            finish(
                sealing::save_identity_copy(&typed)
                    .await
                    .map(|file| (Msg::SealingCopySaved, file)),
            );
        });
    };
    let restore = move |ev: leptos::ev::Event| {
        let Some(file) = take_picked_file(&ev) else {
            return;
        };
        busy.set(true);
        let typed = passphrase.get_untracked();
        leptos::task::spawn_local(async move {
            let restored = sealing::restore_identity_copy(&file, &typed).await;
            if let Ok(list) = sealing::identities().await {
                identities.set(list);
            }
            finish(restored.map(|n| (Msg::SealingRestored, n.to_string())));
        });
    };
    // The public keys, one a line, to send to the field.
    let public = move || {
        identities.with(|list| {
            list.iter()
                .map(|i| i.recipient.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
    };
    view! {
        <h4>{move || i18n.t(Msg::SealingOwnTitle)}</h4>
        <p class="intro">{move || i18n.t(Msg::SealingOwnHelp)}</p>
        {move || if identities.with(Vec::is_empty) {
            view! {
                <button type="button" id="sealing-create" disabled=move || busy.get() on:click=create>
                    {move || i18n.t(Msg::SealingCreate)}
                </button>
            }
            .into_any()
        } else {
            view! {
                <textarea id="sealing-recipient" readonly rows="2" dir="ltr" prop:value=public></textarea>
                <button type="button" class="secondary" id="sealing-copy" on:click=move |_| {
                    copied.set(clipboard::copy(&public()));
                }>{move || i18n.t(Msg::SealingCopy)}</button>
                <Show when=move || copied.get()>
                    <span class="ok" role="status">{move || i18n.t(Msg::DeviceKeyCopied)}</span>
                </Show>
            }
            .into_any()
        }}
        <label class="setting">
            <span>{move || i18n.t(Msg::SealingCopyPassphrase)}</span>
            <input type="text" id="sealing-passphrase" autocomplete="off" spellcheck="false" dir="auto"
                prop:value=move || passphrase.get()
                on:input=move |ev| passphrase.set(event_target_value(&ev))/>
        </label>
        <div class="actions">
            <button type="button" class="secondary" id="sealing-save-copy"
                disabled=move || busy.get() || identities.with(Vec::is_empty)
                on:click=save_copy>
                {move || i18n.t(Msg::SealingCopySave)}
            </button>
            <label for="sealing-restore" class="file-label secondary">{move || i18n.t(Msg::SealingRestore)}</label>
            <input type="file" id="sealing-restore" accept=".age" on:change=restore/>
        </div>
        {outcome_line(outcome, attempts, "sealing-result")}
    }
}

/// The coordinators' sealing keys bundles can be sealed for.
#[component]
pub fn SealFor() -> impl IntoView {
    let i18n = use_i18n();
    let list = RwSignal::new(Vec::<SealRecipient>::new());
    let pasted = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let outcome = RwSignal::new(None);
    let attempts = RwSignal::new(0u32);
    leptos::task::spawn_local(async move {
        if let Ok(known) = sealing::recipients().await {
            list.set(known);
        }
    });
    let finish = move |result: Result<Vec<SealRecipient>, Msg>| {
        outcome.set(Some(result.map(|known| {
            list.set(known);
            (Msg::TrustedSaved, String::new())
        })));
        attempts.update(|n| *n += 1);
    };
    let add = move |_| {
        let (text, given) = (pasted.get_untracked(), name.get_untracked());
        leptos::task::spawn_local(async move {
            let added = sealing::add_recipient(&text, &given).await;
            if added.is_ok() {
                pasted.set(String::new());
                name.set(String::new());
            }
            finish(added);
        });
    };
    view! {
        <h4>{move || i18n.t(Msg::SealForTitle)}</h4>
        <p class="intro">{move || i18n.t(Msg::SealForHelp)}</p>
        <ul class="seal-for" id="seal-for">
            {move || list.get().into_iter().map(|r| {
                let key = r.recipient.clone();
                let shown = r.recipient.clone();
                view! {
                    <li class="seal-for-entry" data-recipient=r.recipient>
                        <bdi class="seal-for-name">{r.name}</bdi>
                        <code dir="ltr">{shown}</code>
                        <button type="button" class="secondary seal-for-remove" on:click=move |_| {
                            let key = key.clone();
                            leptos::task::spawn_local(async move {
                                finish(sealing::remove_recipient(&key).await);
                            });
                        }>{move || i18n.t(Msg::SealForRemove)}</button>
                    </li>
                }
            }).collect_view()}
        </ul>
        <div class="add-key">
            <label class="setting">
                <span>{move || i18n.t(Msg::SealForPaste)}</span>
                <textarea id="seal-for-text" rows="2" dir="ltr" prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
            </label>
            <label class="setting">
                <span>{move || i18n.t(Msg::TrustedName)}</span>
                <input type="text" id="seal-for-name" dir="auto" prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
            </label>
            <button type="button" id="seal-for-add" on:click=add>{move || i18n.t(Msg::SealForAdd)}</button>
        </div>
        {outcome_line(outcome, attempts, "seal-for-result")}
    }
}
