//! "My submissions": every submission on this device with its status, area, sectors and last
//! change; filters by status, sector and area; text search; open, duplicate, delete to the
//! trash, restore, empty the trash (with a second step before finalised surveys that exist
//! nowhere else go), and the history of revisions set aside, each of which can come back.

use leptos::prelude::*;

use crate::core::archive::{ArchivedRevision, SetAsideBy};
use crate::core::areas::AreaList;
use crate::core::i18n::{Lang, Msg};
use crate::core::listing::SubmissionFilter;
use crate::core::phrase::{count, Case, Counted};
use crate::core::sector::Sector;
use crate::core::submission::{Status, Submission};
use crate::platform::{location, page};
use crate::state::backup::save_backup;
use crate::state::library::load_areas;
use crate::state::submissions::{self as actions, Emptied};
use crate::ui::components::{AreaOptions, SectorOptions};
use crate::ui::i18n::use_i18n;
use crate::ui::route::{self, Page};

/// How many submissions are drawn at a time.
const PAGE_SIZE: usize = 100;

/// The page.
#[component]
pub fn SubmissionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let all = RwSignal::new(Vec::<Submission>::new());
    let error = RwSignal::new(None::<Msg>);
    let areas = RwSignal::new(AreaList::default());
    let filter = RwSignal::new(SubmissionFilter::default());
    // A long list is drawn a page at a time, so a coordinator's 10,000 stay quick to open.
    let limit = RwSignal::new(PAGE_SIZE);
    // Finalised surveys in the trash that exist nowhere else, when emptying it was refused.
    let unexported = RwSignal::new(None::<usize>);
    let archived = RwSignal::new(std::collections::BTreeMap::<String, usize>::new());
    let reload = move || {
        leptos::task::spawn_local(async move {
            match actions::list().await {
                Ok(list) => all.set(list),
                Err(msg) => error.set(Some(msg)),
            }
            if let Ok(counts) = actions::archived_counts().await {
                archived.set(counts);
            }
        });
    };
    reload();
    // Another tab wrote submissions: show them as they are now.
    let listening = crate::platform::tabs::listen(move |_| reload());
    let listening = StoredValue::new_local(Some(listening));
    on_cleanup(move || listening.update_value(|l| drop(l.take())));
    let empty = move |confirmed: Option<usize>| {
        leptos::task::spawn_local(async move {
            match actions::empty_trash(confirmed).await {
                Ok(Emptied::Deleted(_)) => {
                    unexported.set(None);
                    reload();
                }
                Ok(Emptied::Unexported(n)) => unexported.set(Some(n)),
                Err(msg) => error.set(Some(msg)),
            }
        });
    };
    let backup_then_empty = move |_| {
        leptos::task::spawn_local(async move {
            match save_backup().await {
                Ok(()) => empty(None),
                Err(msg) => error.set(Some(msg)),
            }
        });
    };
    leptos::task::spawn_local(async move { areas.set(load_areas().await) });

    let shown = Memo::new(move |_| {
        all.with(|list| {
            filter.with(|f| {
                f.apply(list)
                    .into_iter()
                    .cloned()
                    .collect::<Vec<Submission>>()
            })
        })
    });
    let run =
        move |action: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), Msg>>>>,
              then_open: bool| {
            leptos::task::spawn_local(async move {
                match action.await {
                    Ok(()) if then_open => {
                        location::go_to(&route::href(Page::Survey));
                    }
                    Ok(()) => reload(),
                    Err(msg) => error.set(Some(msg)),
                }
            });
        };
    let confirm = move |msg: Msg| page::confirm(i18n.t(msg));

    view! {
        <section class="page" data-page=Page::Submissions.slug()>
            <h2>{move || i18n.t(Msg::NavSubmissions)}</h2>
            <p class="intro">{move || i18n.t(Msg::SubmissionsIntro)}</p>
            {move || error.get().map(|msg| view! { <p class="error-banner" role="alert">{move || i18n.t(msg)}</p> })}
            <Filters filter areas/>
            <p class="count" id="submission-count">
                {move || Msg::SubmissionsCount.with(i18n.lang(), &[("n", &i18n.number((shown.with(Vec::len)) as u64))])}
            </p>
            <Show when=move || filter.with(|f| f.trash) && shown.with(|s| !s.is_empty())>
                <button
                    type="button"
                    class="danger"
                    id="empty-trash"
                    on:click=move |_| {
                        if confirm(Msg::ConfirmEmptyTrash) {
                            empty(None);
                        }
                    }
                >
                    {move || i18n.t(Msg::EmptyTrash)}
                </button>
            </Show>
            {move || unexported.get().map(|n| view! {
                <div class="error-banner trash-guard" id="trash-guard" role="alert" data-count=n>
                    <p>{move || Msg::TrashUnexported.with(i18n.lang(), &[("n", &count(Counted::Submission, n, Case::Nominative, i18n.lang()))])}</p>
                    <div class="actions">
                        <button type="button" id="trash-backup-first" on:click=backup_then_empty>
                            {move || i18n.t(Msg::TrashBackupFirst)}
                        </button>
                        <button type="button" class="danger" id="trash-delete-unexported" on:click=move |_| empty(Some(n))>
                            {move || Msg::TrashDeleteUnexported.with(i18n.lang(), &[("n", &count(Counted::Submission, n, Case::Nominative, i18n.lang()))])}
                        </button>
                    </div>
                </div>
            })}
            <Show
                when=move || shown.with(|s| !s.is_empty())
                fallback=move || view! { <p class="notice" id="no-submissions">{move || i18n.t(Msg::NoSubmissions)}</p> }
            >
                <ul class="submission-list" id="submission-list">
                    {move || {
                        shown
                            .get()
                            .into_iter()
                            .take(limit.get())
                            .map(|s| {
                                let id = s.id.clone();
                                let (open_id, copy_id, delete_id) = (id.clone(), id.clone(), id.clone());
                                let in_trash = s.is_deleted();
                                let area = s.area_code.clone();
                                let area_name = Signal::derive(move || {
                                    let lang = i18n.lang();
                                    areas.with(|list| {
                                        let name = list.full_name(&area, lang);
                                        if name.is_empty() { area.clone() } else { name }
                                    })
                                });
                                let sectors = s.sectors.clone();
                                let entity = s.entity_name.clone();
                                let status = s.status;
                                let revision = s.revision;
                                let conflicts = s.conflicts.len();
                                let imported = !s.imported_from.is_empty();
                                let updated = s.updated_at.clone();
                                let history_id = id.clone();
                                let set_aside = Memo::new(move |_| archived.with(|a| a.get(&history_id).copied().unwrap_or(0)));
                                let history_open = RwSignal::new(false);
                                let history_of = id.clone();
                                view! {
                                    <li class="submission" data-id=id.clone() data-status=status_key(status) data-revision=revision data-conflicts=conflicts>
                                        <div class="submission-main">
                                            <strong class="entity">
                                                {move || if entity.is_empty() { i18n.t(Msg::Unnamed).to_string() } else { entity.clone() }}
                                            </strong>
                                            <span class="badge" data-status=status_key(status)>{move || i18n.t(status_msg(status))}</span>
                                            {(conflicts > 0).then(|| view! { <span class="badge conflict-mark">{move || i18n.t(Msg::ConflictMark)}</span> })}
                                            {imported.then(|| view! { <span class="badge imported-mark">{move || i18n.t(Msg::ImportedFromMark)}</span> })}
                                            <span class="area">{area_name}</span>
                                            <span class="sectors">
                                                {move || sector_names(&sectors, i18n.lang())}
                                            </span>
                                            <span class="updated">{move || i18n.local_time(&updated, false)}</span>
                                        </div>
                                        <Show when=move || { set_aside.get() > 0 }>
                                            <button type="button" class="secondary history-toggle" aria-expanded=move || history_open.get().to_string()
                                                on:click=move |_| history_open.update(|o| *o = !*o)>
                                                {move || Msg::HistoryShow.with(i18n.lang(), &[("n", &i18n.number((set_aside.get()) as u64))])}
                                            </button>
                                        </Show>
                                        <Show when=move || history_open.get()>
                                            <History id=history_of.clone() on_reinstated=Callback::new(move |()| reload())/>
                                        </Show>
                                        <div class="submission-actions">
                                            {if in_trash {
                                                view! {
                                                    <button type="button" class="secondary restore" on:click=move |_| {
                                                        run(Box::pin(actions::set_deleted(delete_id.clone(), false)), false)
                                                    }>{move || i18n.t(Msg::Restore)}</button>
                                                }
                                                .into_any()
                                            } else {
                                                view! {
                                                    <button type="button" class="open" on:click=move |_| {
                                                        run(Box::pin(actions::open(open_id.clone())), true)
                                                    }>{move || i18n.t(Msg::Open)}</button>
                                                    <button type="button" class="secondary duplicate" on:click=move |_| {
                                                        run(Box::pin(actions::duplicate(copy_id.clone())), true)
                                                    }>{move || i18n.t(Msg::Duplicate)}</button>
                                                    <button type="button" class="secondary delete" on:click=move |_| {
                                                        if confirm(Msg::ConfirmDelete) {
                                                            run(Box::pin(actions::set_deleted(delete_id.clone(), true)), false);
                                                        }
                                                    }>{move || i18n.t(Msg::Delete)}</button>
                                                }
                                                .into_any()
                                            }}
                                        </div>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <Show when=move || { shown.with(Vec::len) > limit.get() }>
                    <button type="button" class="secondary" id="show-more" on:click=move |_| limit.update(|l| *l += PAGE_SIZE)>
                        {move || i18n.t(Msg::ShowMore)}
                    </button>
                </Show>
            </Show>
        </section>
    }
}

/// The revisions set aside from one submission, each with a button that brings it back.
#[component]
fn History(id: String, on_reinstated: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let revisions = RwSignal::new(Vec::<ArchivedRevision>::new());
    let error = RwSignal::new(None::<Msg>);
    leptos::task::spawn_local(async move {
        match actions::history(&id).await {
            Ok(list) => revisions.set(list),
            Err(msg) => error.set(Some(msg)),
        }
    });
    let reinstate = move |archived: ArchivedRevision| {
        let confirmed = page::confirm(i18n.t(Msg::HistoryConfirmReinstate));
        if !confirmed {
            return;
        }
        leptos::task::spawn_local(async move {
            match actions::reinstate_revision(&archived).await {
                Ok(()) => on_reinstated.run(()),
                Err(msg) => error.set(Some(msg)),
            }
        });
    };
    view! {
        <div class="history">
            {move || error.get().map(|msg| view! { <p class="error-banner" role="alert">{move || i18n.t(msg)}</p> })}
            <ul class="set-aside">
                {move || revisions.get().into_iter().map(|archived| {
                    let by = match archived.by {
                        SetAsideBy::Settlement => Msg::SetAsideBySettlement,
                        SetAsideBy::Import => Msg::SetAsideByImport,
                        SetAsideBy::Restore => Msg::SetAsideByRestore,
                        SetAsideBy::Reinstatement => Msg::SetAsideByReinstatement,
                    };
                    let when = archived.at.clone();
                    let revision = archived.revision.revision;
                    let entity = archived.revision.entity_name.clone();
                    let key = archived.key.clone();
                    view! {
                        <li class="archived" data-key=key>
                            <span>{move || Msg::RevisionLabel.with(i18n.lang(), &[("n", &i18n.number((revision) as u64))])}</span>
                            " · " <span dir="auto">{entity}</span>
                            " · " <span>{move || i18n.t(by)}</span>
                            " · " <span>{move || i18n.local_time(&when, false)}</span>
                            <button type="button" class="secondary reinstate" on:click=move |_| reinstate(archived.clone())>
                                {move || i18n.t(Msg::HistoryReinstate)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn Filters(filter: RwSignal<SubmissionFilter>, areas: RwSignal<AreaList>) -> impl IntoView {
    let i18n = use_i18n();
    let statuses = [Status::Draft, Status::Finalised, Status::Exported];
    view! {
        <div class="filters">
            <label>
                <span>{move || i18n.t(Msg::FilterStatus)}</span>
                <select id="filter-status" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| f.status = statuses.into_iter().find(|s| status_key(*s) == value));
                }>
                    <option value="">{move || i18n.t(Msg::FilterAll)}</option>
                    {statuses.map(|s| view! { <option value=status_key(s)>{move || i18n.t(status_msg(s))}</option> }).collect_view()}
                </select>
            </label>
            <label>
                <span>{move || i18n.t(Msg::FilterSector)}</span>
                <select id="filter-sector" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| f.sector = (!value.is_empty()).then_some(value));
                }>
                    <option value="">{move || i18n.t(Msg::FilterAll)}</option>
                    <SectorOptions/>
                </select>
            </label>
            <label>
                <span>{move || i18n.t(Msg::FilterArea)}</span>
                <select id="filter-area" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| f.area = (!value.is_empty()).then_some(value));
                }>
                    <option value="">{move || i18n.t(Msg::FilterAll)}</option>
                    <AreaOptions areas/>
                </select>
            </label>
            <label>
                <span>{move || i18n.t(Msg::FilterSearch)}</span>
                <input
                    type="search"
                    id="filter-text"
                    dir="auto"
                    on:input=move |ev| filter.update(|f| f.text = event_target_value(&ev))
                    on:change=move |ev| filter.update(|f| f.text = event_target_value(&ev))
                />
            </label>
            <label class="trash-toggle">
                <input type="checkbox" id="filter-trash" on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    filter.update(|f| f.trash = on);
                }/>
                <span>{move || i18n.t(Msg::ShowTrash)}</span>
            </label>
        </div>
    }
}

fn status_key(status: Status) -> &'static str {
    match status {
        Status::Draft => "draft",
        Status::Finalised => "finalised",
        Status::Exported => "exported",
    }
}

fn status_msg(status: Status) -> Msg {
    match status {
        Status::Draft => Msg::StatusDraft,
        Status::Finalised => Msg::StatusFinalised,
        Status::Exported => Msg::StatusExported,
    }
}

fn sector_names(keys: &[String], lang: Lang) -> String {
    keys.iter()
        .map(|k| Sector::from_key(k).map_or(k.as_str(), |s| s.name().text(lang)))
        .collect::<Vec<_>>()
        .join(lang.list_separator())
}
