//! The export page: choose what goes out (all finalised, only those not exported yet, or by
//! sector, area and dates), see how many and how big, choose whether to seal it (for chosen
//! coordinators or with a passphrase), then save the bundle as a file or share it from the
//! phone.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::bundle::export::Selection;
use crate::bundle::export::{Sending, Sensitive};
use crate::core::areas::AreaList;
use crate::core::health::format_bytes;
use crate::core::i18n::{isolate_ltr, normalize_digits, Msg};
use crate::core::order;
use crate::core::phrase::{self, Case, Counted};
use crate::seal::SealRecipient;
use crate::state::bundles::{self, ExportChoices, PreparedExport, Shared};
use crate::state::library::load_areas;
use crate::state::sealing::{self, Sealing};
use crate::ui::components::{radio, AreaOptions, SectorOptions};
use crate::ui::i18n::use_i18n;
use crate::ui::route::{self, Page};

/// The three ways of choosing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    All,
    OnlyNew,
    Filtered,
}

/// How the bundle is sealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SealMode {
    None,
    ForCoordinators,
    Passphrase,
}

/// What the filter fields hold.
#[derive(Debug, Clone, Default, PartialEq)]
struct Filter {
    sector: String,
    area: String,
    from: String,
    to: String,
}

fn selection(which: Which, filter: &Filter) -> Selection {
    let some = |v: &str| (!v.is_empty()).then(|| normalize_digits(v));
    match which {
        Which::All => Selection::default(),
        Which::OnlyNew => Selection {
            only_new: true,
            ..Selection::default()
        },
        Which::Filtered => Selection {
            sector: some(&filter.sector),
            area: some(&filter.area),
            from: some(&filter.from),
            to: some(&filter.to),
            ..Selection::default()
        },
    }
}

/// The page.
#[component]
pub fn ExportPage() -> impl IntoView {
    let i18n = use_i18n();
    let which = RwSignal::new(Which::All);
    let filter = RwSignal::new(Filter::default());
    let choices = RwSignal::new(ExportChoices::default());
    let areas = RwSignal::new(AreaList::default());
    let prepared = RwSignal::new(None::<Result<PreparedExport, Msg>>);
    let outcome = RwSignal::new(None::<Result<(Msg, String), Msg>>);
    // The bundle last handed over, whose "exported" mark can be undone.
    let sent = RwSignal::new(None::<PreparedExport>);
    let attempts = RwSignal::new(0u32);
    let busy = RwSignal::new(false);
    let seal_mode = RwSignal::new(SealMode::None);
    let recipients = RwSignal::new(Vec::<SealRecipient>::new());
    // The coordinators' keys chosen to seal for (all of them at first).
    let sealing_for = RwSignal::new(BTreeSet::<String>::new());
    let passphrase = RwSignal::new(String::new());
    let shareable = [bundles::can_share(false), bundles::can_share(true)];
    leptos::task::spawn_local(async move { areas.set(load_areas().await) });
    leptos::task::spawn_local(async move {
        if let Ok(list) = sealing::recipients().await {
            sealing_for.set(order::set_of(list.iter().map(|r| r.recipient.clone())));
            recipients.set(list);
        }
    });
    // A sealed bundle carries the sensitive answers: only those it is sealed for read them.
    let effective = move || {
        let mut chosen = choices.get();
        if seal_mode.get() != SealMode::None {
            chosen.sensitive = Sensitive::Include;
        }
        chosen
    };
    let sealing_now = move || match seal_mode.get_untracked() {
        SealMode::None => Sealing::None,
        SealMode::ForCoordinators => {
            let chosen = sealing_for.get_untracked();
            Sealing::For(
                recipients
                    .get_untracked()
                    .into_iter()
                    .map(|r| r.recipient)
                    .filter(|r| chosen.contains(r))
                    .collect(),
            )
        }
        SealMode::Passphrase => Sealing::Passphrase(passphrase.get_untracked()),
    };
    // Whenever the choice changes, the bundle is built again to show its count and size.
    let prepare = move || {
        let chosen = selection(which.get_untracked(), &filter.get_untracked());
        let choices = untrack(effective);
        leptos::task::spawn_local(async move {
            prepared.set(Some(
                bundles::prepare_export(&chosen, Sending::OwnSurveys, choices).await,
            ));
        });
    };
    Effect::new(move |_| {
        which.track();
        filter.track();
        effective();
        prepare();
    });
    let send = move |share: bool| {
        // A bundle made before the last change of choice waits for the one being made.
        let Some(Ok(bundle)) = prepared
            .get_untracked()
            .filter(|p| matches!(p, Ok(b) if b.choices == untrack(effective)))
        else {
            return;
        };
        let sealing = sealing_now();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = if share {
                bundles::share_export(&bundle, &sealing)
                    .await
                    .map(|shared| match shared {
                        Shared::Sent => (Msg::ExportShared, bundle.file_name.clone()),
                        Shared::Cancelled => (Msg::ExportShareCancelled, bundle.file_name.clone()),
                    })
            } else {
                bundles::save_export(&bundle, &sealing)
                    .await
                    .map(|file_name| (Msg::ExportSaved, file_name))
            };
            let handed_over = matches!(result, Ok((Msg::ExportShared | Msg::ExportSaved, _)));
            sent.set(handed_over.then(|| bundle.clone()));
            outcome.set(Some(result));
            attempts.update(|n| *n += 1);
            busy.set(false);
            prepare();
        });
    };
    let undo = move |_| {
        let Some(bundle) = sent.get_untracked() else {
            return;
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = bundles::undo_export(&bundle)
                .await
                .map(|()| (Msg::ExportUndone, bundle.file_name.clone()));
            if result.is_ok() {
                sent.set(None);
            }
            outcome.set(Some(result));
            attempts.update(|n| *n += 1);
            busy.set(false);
            prepare();
        });
    };
    // How many and how big, without copying the bundle's text on every redraw.
    let summary = Memo::new(move |_| {
        prepared.with(|p| {
            p.as_ref().map(|r| {
                r.as_ref()
                    .map(|b| (b.ids.len(), b.json.len(), b.needs_profile, b.withheld))
                    .map_err(|m| *m)
            })
        })
    });
    let nothing_to_send =
        move || busy.get() || !matches!(summary.get(), Some(Ok((count, _, false, _))) if count > 0);
    let choice = move |value: Which, id: &'static str, msg: Msg| {
        radio(which, "export-which", value, id, msg)
    };
    let seal_choice = move |value: SealMode, id: &'static str, msg: Msg| {
        radio(seal_mode, "export-seal", value, id, msg)
    };
    let field = move |id: &'static str, msg: Msg, set: fn(&mut Filter, String)| {
        view! {
            <label class="setting">
                <span>{move || i18n.t(msg)}</span>
                <input type="date" id=id on:change=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| set(f, value));
                }/>
            </label>
        }
    };
    view! {
        <section class="page" data-page=Page::Export.slug()>
            <h2>{move || i18n.t(Msg::NavExport)}</h2>
            <p class="intro">{move || i18n.t(Msg::ExportIntro)}</p>
            <fieldset class="export-which">
                <legend>{move || i18n.t(Msg::ExportWhich)}</legend>
                {choice(Which::All, "export-all", Msg::ExportAll)}
                {choice(Which::OnlyNew, "export-new", Msg::ExportOnlyNew)}
                {choice(Which::Filtered, "export-filtered", Msg::ExportFiltered)}
            </fieldset>
            <Show when=move || which.get() == Which::Filtered>
                <div class="filters" id="export-filters">
                    <label>
                        <span>{move || i18n.t(Msg::FilterSector)}</span>
                        <select id="export-sector" on:change=move |ev| {
                            let value = event_target_value(&ev);
                            filter.update(|f| f.sector = value);
                        }>
                            <option value="">{move || i18n.t(Msg::ExportAnySector)}</option>
                            <SectorOptions/>
                        </select>
                    </label>
                    <label>
                        <span>{move || i18n.t(Msg::FilterArea)}</span>
                        <select id="export-area" on:change=move |ev| {
                            let value = event_target_value(&ev);
                            filter.update(|f| f.area = value);
                        }>
                            <option value="">{move || i18n.t(Msg::ExportAnyArea)}</option>
                            <AreaOptions areas/>
                        </select>
                    </label>
                    {field("export-from", Msg::ExportFrom, |f, v| f.from = v)}
                    {field("export-to", Msg::ExportTo, |f, v| f.to = v)}
                </div>
            </Show>
            <div id="export-summary" role="status" aria-live="polite">
                {move || summary.get().map(|p| match p {
                    Ok((0, _, _, _)) => view! {
                        <p class="notice" id="export-count" data-count="0">{move || i18n.t(Msg::ExportNothing)}</p>
                    }
                    .into_any(),
                    Ok((count, size, needs_profile, withheld)) => {
                        let size = size as f64;
                        view! {
                            <p id="export-count" data-count=count>
                                {move || Msg::ExportCount.with(i18n.lang(), &[
                                    ("n", &phrase::count(Counted::Submission, count, Case::Nominative, i18n.lang())),
                                    ("s", &format_bytes(size, i18n.lang())),
                                ])}
                            </p>
                            {(withheld > 0).then(|| view! {
                                <p class="notice" id="export-withheld" data-count=withheld>
                                    {move || Msg::ExportWithheld.with(i18n.lang(), &[("n", &phrase::count(Counted::Question, withheld, Case::Nominative, i18n.lang()))])}
                                </p>
                            })}
                            {needs_profile.then(|| view! {
                                <p class="error-banner" id="export-needs-profile">
                                    {move || i18n.t(Msg::ExportNeedsProfile)} " "
                                    <a href=route::href(Page::Settings)>{move || i18n.t(Msg::NavSettings)}</a>
                                </p>
                            })}
                        }
                        .into_any()
                    }
                    Err(msg) => view! { <p class="error-banner">{move || i18n.t(msg)}</p> }.into_any(),
                })}
            </div>
            <fieldset class="export-sealing">
                <legend>{move || i18n.t(Msg::ExportSealing)}</legend>
                {seal_choice(SealMode::None, "export-seal-none", Msg::ExportSealNone)}
                {seal_choice(SealMode::ForCoordinators, "export-seal-for", Msg::ExportSealFor)}
                <Show when=move || seal_mode.get() == SealMode::ForCoordinators>
                    <div class="seal-recipients" id="export-seal-recipients">
                        {move || {
                            let list = recipients.get();
                            if list.is_empty() {
                                return view! {
                                    <p class="notice" id="export-seal-no-coordinator">
                                        {move || i18n.t(Msg::ExportSealNoCoordinator)} " "
                                        <a href=route::href(Page::Settings)>{move || i18n.t(Msg::NavSettings)}</a>
                                    </p>
                                }
                                .into_any();
                            }
                            list.into_iter().map(|r| {
                                let key = r.recipient.clone();
                                let checked = key.clone();
                                view! {
                                    <label class="choice seal-recipient" data-recipient=r.recipient>
                                        <input type="checkbox"
                                            prop:checked=move || sealing_for.with(|s| s.contains(&checked))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                let key = key.clone();
                                                sealing_for.update(|s| {
                                                    if on { s.insert(key); } else { s.remove(&key); }
                                                });
                                            }/>
                                        <bdi>{r.name}</bdi>
                                    </label>
                                }
                            }).collect_view().into_any()
                        }}
                    </div>
                </Show>
                {seal_choice(SealMode::Passphrase, "export-seal-passphrase", Msg::ExportSealPassphrase)}
                <Show when=move || seal_mode.get() == SealMode::Passphrase>
                    <label class="setting">
                        <span>{move || i18n.t(Msg::ImportPassphrase)}</span>
                        <input type="text" id="export-passphrase" autocomplete="off" spellcheck="false"
                            dir="auto" prop:value=move || passphrase.get()
                            on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                    </label>
                </Show>
            </fieldset>
            <fieldset class="export-choices">
                <legend>{move || i18n.t(Msg::ExportWhatGoesOut)}</legend>
                {move || if seal_mode.get() == SealMode::None {
                    view! {
                        <label class="choice">
                            <input type="checkbox" id="export-sensitive"
                                prop:checked=move || choices.with(|c| c.sensitive == Sensitive::Include)
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    choices.update(|c| c.sensitive = if on { Sensitive::Include } else { Sensitive::Withhold });
                                }/>
                            <span>{move || i18n.t(Msg::ExportIncludeSensitive)}</span>
                        </label>
                    }
                    .into_any()
                } else {
                    view! {
                        <p class="notice" id="export-sealed-sensitive">{move || i18n.t(Msg::ExportSealedSensitive)}</p>
                    }
                    .into_any()
                }}
                <label class="choice">
                    <input type="checkbox" id="export-device-id"
                        prop:checked=move || choices.with(|c| c.device_id)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            choices.update(|c| c.device_id = on);
                        }/>
                    <span>{move || i18n.t(Msg::ExportIncludeDeviceId)}</span>
                </label>
            </fieldset>
            <div class="actions">
                <button type="button" id="export-save"
                    disabled=nothing_to_send
                    on:click=move |_| send(false)>
                    {move || i18n.t(Msg::ExportSave)}
                </button>
                <Show when=move || shareable[usize::from(seal_mode.get() != SealMode::None)]>
                    <button type="button" class="secondary" id="export-share"
                        disabled=nothing_to_send
                        on:click=move |_| send(true)>
                        {move || i18n.t(Msg::ExportShare)}
                    </button>
                </Show>
            </div>
            <div id="export-result" role="status" aria-live="polite" data-attempts=move || attempts.get()>
                {move || outcome.get().map(|o| match o {
                    Ok((msg, file)) => view! {
                        <p class="ok">{move || msg.with(i18n.lang(), &[("f", &isolate_ltr(&file))])}</p>
                    }
                    .into_any(),
                    Err(msg) => view! { <p class="error-banner">{move || i18n.t(msg)}</p> }.into_any(),
                })}
                <Show when=move || sent.with(Option::is_some)>
                    <button type="button" class="secondary" id="export-undo" on:click=undo>
                        {move || i18n.t(Msg::ExportUndo)}
                    </button>
                </Show>
            </div>
        </section>
    }
}
