//! The export page: choose what goes out (all finalised, only those not exported yet, or by
//! sector, area and dates), see how many and how big, then save the bundle as a file or share
//! it from the phone.

use leptos::prelude::*;

use crate::bundle::export::Selection;
use crate::bundle::export::{Sending, Sensitive};
use crate::core::areas::AreaList;
use crate::core::health::format_bytes;
use crate::core::i18n::{normalize_digits, Msg};
use crate::state::bundles::{self, ExportChoices, PreparedExport, Shared};
use crate::state::library::load_areas;
use crate::ui::i18n::use_i18n;
use crate::ui::pages::submissions::{AreaOptions, SectorOptions};
use crate::ui::route::Page;

/// The three ways of choosing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    All,
    OnlyNew,
    Filtered,
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
    let shareable = bundles::can_share();
    leptos::task::spawn_local(async move { areas.set(load_areas().await) });
    // Whenever the choice changes, the bundle is built again to show its count and size.
    let prepare = move || {
        let chosen = selection(which.get_untracked(), &filter.get_untracked());
        let choices = choices.get_untracked();
        leptos::task::spawn_local(async move {
            prepared.set(Some(
                bundles::prepare_export(&chosen, Sending::OwnSurveys, choices).await,
            ));
        });
    };
    Effect::new(move |_| {
        which.track();
        filter.track();
        choices.track();
        prepare();
    });
    let send = move |share: bool| {
        let Some(Ok(bundle)) = prepared.get_untracked() else {
            return;
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = if share {
                bundles::share_export(&bundle)
                    .await
                    .map(|shared| match shared {
                        Shared::Sent => Msg::ExportShared,
                        Shared::Cancelled => Msg::ExportShareCancelled,
                    })
            } else {
                bundles::save_export(&bundle)
                    .await
                    .map(|()| Msg::ExportSaved)
            };
            let handed_over = matches!(result, Ok(Msg::ExportShared | Msg::ExportSaved));
            sent.set(handed_over.then(|| bundle.clone()));
            outcome.set(Some(result.map(|msg| (msg, bundle.file_name.clone()))));
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
        view! {
            <label class="choice">
                <input type="radio" name="export-which" id=id
                    prop:checked=move || which.get() == value
                    on:change=move |_| which.set(value)/>
                <span>{move || i18n.t(msg)}</span>
            </label>
        }
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
                                {move || i18n.t(Msg::ExportCount)
                                    .replace("{n}", &count.to_string())
                                    .replace("{s}", &format_bytes(size, i18n.lang()))}
                            </p>
                            {(withheld > 0).then(|| view! {
                                <p class="notice" id="export-withheld" data-count=withheld>
                                    {move || i18n.t(Msg::ExportWithheld).replace("{n}", &withheld.to_string())}
                                </p>
                            })}
                            {needs_profile.then(|| view! {
                                <p class="error-banner" id="export-needs-profile">
                                    {move || i18n.t(Msg::ExportNeedsProfile)} " "
                                    <a href=Page::Settings.href()>{move || i18n.t(Msg::NavSettings)}</a>
                                </p>
                            })}
                        }
                        .into_any()
                    }
                    Err(msg) => view! { <p class="error-banner">{move || i18n.t(msg)}</p> }.into_any(),
                })}
            </div>
            <fieldset class="export-choices">
                <legend>{move || i18n.t(Msg::ExportWhatGoesOut)}</legend>
                <label class="choice">
                    <input type="checkbox" id="export-sensitive"
                        prop:checked=move || choices.with(|c| c.sensitive == Sensitive::Include)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            choices.update(|c| c.sensitive = if on { Sensitive::Include } else { Sensitive::Withhold });
                        }/>
                    <span>{move || i18n.t(Msg::ExportIncludeSensitive)}</span>
                </label>
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
                {shareable.then(|| view! {
                    <button type="button" class="secondary" id="export-share"
                        disabled=nothing_to_send
                        on:click=move |_| send(true)>
                        {move || i18n.t(Msg::ExportShare)}
                    </button>
                })}
            </div>
            <div id="export-result" role="status" aria-live="polite" data-attempts=move || attempts.get()>
                {move || outcome.get().map(|o| match o {
                    Ok((msg, file)) => view! {
                        <p class="ok" data-outcome=format!("{msg:?}")>{move || i18n.t(msg).replace("{f}", &file)}</p>
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
