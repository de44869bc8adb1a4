//! The coordinator's dashboard: filters; the matrix of areas (grouped by governorate) × the six
//! sectors, each cell coloured by median severity with the number shown, the count of reports
//! and a mark where reports disagree, opening the reports behind it; two SVG charts; the gaps
//! with their ranking rule; the conflicts inbox; the sector facilitators; and the exports
//! (CSV of the matrix and per sector, the merged bundle, the plan as JSON).

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::prelude::*;

use crate::bundle::export::{Selection, Sending};
use crate::core::aggregate::{
    aggregate_into, ranked_gaps, shortfalls, Cell, Filters, Picture, Report,
};
use crate::core::csv::{self, Hashtags};
use crate::core::dashboard::{
    grouped, needs_without_lead, severity_by_sector, submissions_by_group, undecided_conflicts,
    AreaRow,
};
use crate::core::i18n::{isolate, isolate_ltr, CoordinatorMsg, Lang, Msg};
use crate::core::phrase::{count, figure, number, Case, Counted};
use crate::core::plan::{plan, Facilitator, Facilitators};
use crate::core::schema::{Form, SEVERITY_SCALE};
use crate::core::sector::{Part, Sector};
use crate::core::submission::Submission;
use crate::core::trust::{Signer, Trust};
use crate::platform::{clock, location, page};
use crate::state::bundles::{self, ExportChoices};
use crate::state::coordinator::{self, Holdings};
use crate::state::library::DEFAULT_FORM_ID;
use crate::state::sealing::Sealing;
use crate::state::submissions as actions;
use crate::ui::i18n::use_i18n;
use crate::ui::route::{self, Page};

/// How many reports are gathered into the picture between two turns of the page.
const PICTURE_SLICE: usize = 25_000;

/// How many ranked gaps are listed.
const GAPS_LISTED: usize = 10;

/// The page's data, shared by its parts.
#[derive(Clone, Copy)]
struct Coordinator {
    holdings: RwSignal<Holdings>,
    filters: RwSignal<Filters>,
    /// The picture of the reports the filters keep, gathered again a slice at a time when
    /// either changes.
    picture: ReadSignal<Picture>,
    /// The newest version of the default form: choice labels and lists.
    form: Signal<Option<Arc<Form>>>,
    message: RwSignal<Option<Msg>>,
}

impl Coordinator {
    fn reload(self) {
        leptos::task::spawn_local(async move {
            match coordinator::load().await {
                Ok(h) => self.holdings.set(h),
                Err(msg) => self.message.set(Some(msg)),
            }
        });
    }

    fn label(&self, question: &str, value: &str, lang: Lang) -> String {
        self.form.with_untracked(|f| {
            f.as_ref()
                .map(|f| f.choice_label(question, value, lang))
                .unwrap_or_else(|| value.to_string())
        })
    }

    fn area_name(&self, code: &str, lang: Lang) -> String {
        self.holdings.with(|h| {
            let name = h.areas.full_name(code, lang);
            if name.is_empty() {
                code.to_string()
            } else {
                name
            }
        })
    }
}

/// The page.
#[component]
pub fn CoordinatorPage() -> impl IntoView {
    let i18n = use_i18n();
    let holdings = RwSignal::new(Holdings::default());
    let filters = RwSignal::new(Filters::default());
    let (picture, set_picture) = signal(Picture::default());
    // Each change starts a new gathering; one overtaken by a later change stops.
    let gathering = StoredValue::new(0u64);
    Effect::new(move |_| {
        let filters = filters.get();
        holdings.track();
        let this = gathering.get_value() + 1;
        gathering.set_value(this);
        leptos::task::spawn_local(async move {
            clock::mark("nahda:dashboard-start");
            let mut gathered = Picture::default();
            let Some(total) = holdings.try_with_untracked(|h| h.reports.len()) else {
                return;
            };
            for start in (0..total).step_by(PICTURE_SLICE) {
                if start > 0 {
                    clock::next_turn().await;
                    // Overtaken by a later change, or the page is gone.
                    if gathering.try_get_value() != Some(this) {
                        return;
                    }
                }
                let added = holdings.try_with_untracked(|h| {
                    let end = (start + PICTURE_SLICE).min(h.reports.len());
                    aggregate_into(&mut gathered, &h.reports[start.min(end)..end], &filters);
                });
                if added.is_none() {
                    return;
                }
            }
            clock::measure_since("nahda:dashboard", "nahda:dashboard-start");
            let _ = set_picture.try_set(gathered);
        });
    });
    let form = Signal::derive(move || holdings.with(|h| h.library.latest(DEFAULT_FORM_ID)));
    let page = Coordinator {
        holdings,
        filters,
        picture,
        form,
        message: RwSignal::new(None),
    };
    page.reload();
    provide_context(page);
    view! {
        <section class="page coordinator" data-page=Page::Coordinator.slug()>
            <h2>{move || i18n.t(Msg::NavCoordinator)}</h2>
            <p class="intro">{move || i18n.t(CoordinatorMsg::CoordinatorIntro)}</p>
            {move || page.message.get().map(|m| view! { <p class="error-banner" role="alert">{move || i18n.t(m)}</p> })}
            <FilterBar/>
            <p id="coord-summary" data-submissions=move || picture.with(|p| p.submissions)>
                {move || picture.with(|p| {
                    let lang = i18n.lang();
                    CoordinatorMsg::CoordSummary.with(lang, &[
                        ("n", &count(Counted::Submission, p.submissions, Case::Nominative, lang)),
                        ("e", &count(Counted::Entity, p.entities.len(), Case::Genitive, lang)),
                        ("a", &count(Counted::Area, p.areas.len(), Case::Genitive, lang)),
                        ("c", &number(p.conflicts.len() as u64, lang)),
                    ])
                })}
            </p>
            <Show
                when=move || picture.with(|p| p.submissions > 0)
                fallback=move || view! { <p class="notice" id="coord-empty">{move || i18n.t(CoordinatorMsg::CoordNothingMatches)}</p> }
            >
                <Matrix/>
                <Charts/>
                <Gaps/>
            </Show>
            <Conflicts/>
            <FacilitatorsForm/>
            <Exports/>
        </section>
    }
}

#[component]
fn FilterBar() -> impl IntoView {
    let i18n = use_i18n();
    let page = expect_context::<Coordinator>();
    let set = move |f: fn(&mut Filters, Option<String>)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            page.filters
                .update(|filters| f(filters, (!value.is_empty()).then_some(value)));
        }
    };
    let options = move |question: &'static str| {
        move || {
            page.form.with(|f| {
                f.as_ref()
                    .and_then(|f| f.question(question).map(|q| f.choices(q).to_vec()))
                    .unwrap_or_default()
                    .into_iter()
                    .map(|c| {
                        let label = c.label.get(i18n.lang()).to_string();
                        view! { <option value=c.value>{label}</option> }
                    })
                    .collect_view()
            })
        }
    };
    view! {
        <div class="filters" id="coord-filters">
            <label>
                <span>{move || i18n.t(CoordinatorMsg::CoordFormVersion)}</span>
                <select id="coord-form" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    page.filters.update(|f| {
                        f.form = value.split_once('@').and_then(|(id, v)| Some((id.to_string(), v.parse().ok()?)));
                    });
                }>
                    <option value="">{move || i18n.t(Msg::FilterAll)}</option>
                    {move || page.holdings.with(|h| h.library.all().iter().map(|f| {
                        let value = format!("{}@{}", f.id(), f.version());
                        let label = format!("{} v{}", f.spec().title.get(i18n.lang()), f.version());
                        view! { <option value=value>{label}</option> }
                    }).collect_view())}
                </select>
            </label>
            <label>
                <span>{move || i18n.t(CoordinatorMsg::CoordFrom)}</span>
                <input type="date" id="coord-from" on:change=set(|f, v| f.from = v)/>
            </label>
            <label>
                <span>{move || i18n.t(CoordinatorMsg::CoordTo)}</span>
                <input type="date" id="coord-to" on:change=set(|f, v| f.to = v)/>
            </label>
            <label>
                <span>{move || i18n.t(CoordinatorMsg::CoordEntityType)}</span>
                <select id="coord-entity-type" on:change=set(|f, v| f.entity_type = v)>
                    <option value="">{move || i18n.t(Msg::FilterAll)}</option>
                    {options("entity_type")}
                </select>
            </label>
            <label>
                <span>{move || i18n.t(CoordinatorMsg::CoordAuthority)}</span>
                <select id="coord-authority" on:change=set(|f, v| f.authority = v)>
                    <option value="">{move || i18n.t(Msg::FilterAll)}</option>
                    {options("authority")}
                </select>
            </label>
        </div>
    }
}

/// The colour class of a median severity.
fn severity_class(cell: &Cell) -> String {
    match cell.median() {
        Some(m) => format!("cell sev-{}", m.round() as u8),
        None => "cell sev-none".into(),
    }
}

#[component]
fn Matrix() -> impl IntoView {
    let i18n = use_i18n();
    let page = expect_context::<Coordinator>();
    let open = RwSignal::new(None::<(String, Sector)>);
    view! {
        <h3>{move || i18n.t(CoordinatorMsg::CoordMatrixTitle)}</h3>
        <Legend/>
        <div class="matrix-scroll">
            <table class="matrix" id="matrix">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t(Msg::FilterArea)}</th>
                        {Sector::ALL.map(|s| view! { <th scope="col">{move || i18n.t(s.name())}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let lang = i18n.lang();
                        let groups = page.picture.with(|p| page.holdings.with(|h| grouped(p, &h.areas, lang)));
                        groups.into_iter().map(|group| view! {
                            <tr class="group"><th colspan="7" scope="rowgroup">{group.name}</th></tr>
                            {group.areas.into_iter().map(|AreaRow { code, name }| {
                                let cells = Sector::ALL.map(|sector| {
                                    let cell = page.picture.with(|p| p.cell(&code, sector).cloned());
                                    let code = code.clone();
                                    let area_name = name.clone();
                                    match cell {
                                        None => view! { <td class="empty" data-area=code data-sector=sector.key()></td> }.into_any(),
                                        Some(cell) => {
                                            let label = format!(
                                                "{} — {}: {}",
                                                area_name,
                                                sector.name().text(lang),
                                                CoordinatorMsg::CoordCellLabel.with(lang, &[
                                                    ("m", &figure(cell.median(), lang)),
                                                    ("n", &count(Counted::Report, cell.reports(), Case::Nominative, lang)),
                                                ])
                                            );
                                            let disagrees = cell.disagrees();
                                            let target = (code.clone(), sector);
                                            view! {
                                                <td data-area=code.clone() data-sector=sector.key()>
                                                    <button type="button" class=severity_class(&cell)
                                                        data-median=figure(cell.median(), Lang::En)
                                                        data-reports=cell.reports()
                                                        data-disagrees=disagrees.to_string()
                                                        aria-label=label.clone() title=label
                                                        on:click=move |_| open.set(Some(target.clone()))>
                                                        <span class="median">{figure(cell.median(), lang)}</span>
                                                        <span class="reports">"(" {number(cell.reports() as u64, lang)} ")"</span>
                                                        {disagrees.then(|| view! { <span class="disagree" aria-hidden="true">"≠"</span> })}
                                                    </button>
                                                </td>
                                            }.into_any()
                                        }
                                    }
                                });
                                view! {
                                    <tr data-area=code.clone()>
                                        <th scope="row" dir="auto">{name.clone()}</th>
                                        {cells.into_iter().collect_view()}
                                    </tr>
                                }
                            }).collect_view()}
                        }).collect_view()
                    }}
                </tbody>
            </table>
        </div>
        {move || open.get().map(|(code, sector)| view! { <CellReports code sector/> })}
    }
}

#[component]
fn Legend() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="legend" id="severity-legend">
            <span>
                {move || CoordinatorMsg::CoordLegend.with(i18n.lang(), &[
                    ("lo", &i18n.number((*SEVERITY_SCALE.start()).into())),
                    ("hi", &i18n.number((*SEVERITY_SCALE.end()).into())),
                ])}
            </span>
            {SEVERITY_SCALE.map(|n| view! { <span class=format!("swatch sev-{n}")>{move || i18n.number(n.into())}</span> }).collect_view()}
            <span class="swatch-note">"(n) " {move || i18n.t(CoordinatorMsg::CsvReports)} " · ≠ " {move || i18n.t(CoordinatorMsg::CsvDisagreement)}</span>
        </div>
    }
}

/// The reports behind one cell, each with its severity and a link to open it.
#[component]
fn CellReports(code: String, sector: Sector) -> impl IntoView {
    let i18n = use_i18n();
    let page = expect_context::<Coordinator>();
    let ids: BTreeSet<String> = page.picture.with(|p| {
        p.cell(&code, sector)
            .map(|c| c.submissions.iter().cloned().collect())
            .unwrap_or_default()
    });
    let reports: Vec<(Report, Option<u8>)> = page.holdings.with(|h| {
        h.reports
            .iter()
            .filter(|r| ids.contains(&r.id))
            .map(|r| {
                let severity = r
                    .sectors
                    .iter()
                    .find(|said| said.sector == sector)
                    .and_then(|said| said.severity);
                (r.clone(), severity)
            })
            .collect()
    });
    let title = {
        let code = code.clone();
        move || {
            format!(
                "{} — {}",
                page.area_name(&code, i18n.lang()),
                i18n.t(sector.name())
            )
        }
    };
    view! {
        <div class="cell-reports" id="cell-reports" data-area=code.clone() data-sector=sector.key()>
            <h4>{title}</h4>
            <ul>
                {reports.into_iter().map(|(r, severity)| {
                    let id = r.id.clone();
                    view! {
                        <li data-id=r.id.clone()>
                            <strong dir="auto">{r.entity_name.clone()}</strong>
                            " · " {move || i18n.t(CoordinatorMsg::CoordReportSeverity)} ": "
                            {move || severity.map(|n| number(u64::from(n), i18n.lang()))}
                            {r.conflicted.then(|| view! { <span class="badge conflict-mark">{move || i18n.t(Msg::ConflictMark)}</span> })}
                            <button type="button" class="secondary" on:click=move |_| {
                                let id = id.clone();
                                leptos::task::spawn_local(async move {
                                    if actions::open(id).await.is_ok() {
                                        location::go_to(&route::href(Page::Survey));
                                    }
                                });
                            }>{move || i18n.t(Msg::Open)}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// Two bar charts: the median severity of each sector, and the reports per governorate.
#[component]
fn Charts() -> impl IntoView {
    let i18n = use_i18n();
    let page = expect_context::<Coordinator>();
    let bars = move |values: Vec<(String, f64)>, max: f64, id: &'static str, title: String| {
        let height = 24 * values.len() + 8;
        view! {
            <figure class="chart">
                <figcaption>{title.clone()}</figcaption>
                <svg id=id role="img" aria-label=title viewBox=format!("0 0 320 {height}") width="100%">
                    {values.into_iter().enumerate().map(|(i, (label, value))| {
                        let y = 4 + 24 * i;
                        let width = if max > 0.0 { 180.0 * value / max } else { 0.0 };
                        view! {
                            <g>
                                <text x="0" y=y + 15 class="chart-label">{label}</text>
                                <rect x="120" y=y width=format!("{width:.1}") height="18" class="chart-bar"></rect>
                                <text x=format!("{:.1}", 124.0 + width) y=y + 15 class="chart-value">{figure(Some(value), i18n.lang())}</text>
                            </g>
                        }
                    }).collect_view()}
                </svg>
            </figure>
        }
    };
    view! {
        <div class="charts">
            {move || {
                let lang = i18n.lang();
                let by_sector: Vec<(String, f64)> = page.picture.with(severity_by_sector)
                    .into_iter()
                    .map(|(s, m)| (s.name().text(lang).to_string(), m))
                    .collect();
                bars(by_sector, 5.0, "chart-severity", i18n.t(CoordinatorMsg::CoordChartSeverity).to_string())
            }}
            {move || {
                let lang = i18n.lang();
                let by_group: Vec<(String, f64)> = page.picture.with(|p| page.holdings.with(|h| {
                    submissions_by_group(p, &grouped(p, &h.areas, lang))
                }))
                    .into_iter()
                    .map(|(group, reports)| (group, reports as f64))
                    .collect();
                let max = by_group.iter().map(|(_, v)| *v).fold(0.0, f64::max);
                bars(by_group, max, "chart-coverage", i18n.t(CoordinatorMsg::CoordChartCoverage).to_string())
            }}
        </div>
    }
}

#[component]
fn Gaps() -> impl IntoView {
    let i18n = use_i18n();
    let page = expect_context::<Coordinator>();
    view! {
        <h3>{move || i18n.t(CoordinatorMsg::CoordGapsTitle)}</h3>
        <p class="intro" id="gap-rule">{move || i18n.t(CoordinatorMsg::CoordGapRule)}</p>
        <ol class="gaps" id="gaps">
            {move || {
                let lang = i18n.lang();
                page.picture.with(|p| ranked_gaps(p).into_iter().take(GAPS_LISTED).map(|c| {
                    let sector = c.sector.name().text(lang);
                    let text = CoordinatorMsg::CoordGapLine.with(lang, &[
                        ("m", &figure(c.median(), lang)),
                        ("p", &figure(c.population.map(f64::round), lang)),
                        ("a", &number(c.actors.len() as u64, lang)),
                    ]);
                    view! {
                        <li data-area=c.area_code.clone() data-sector=c.sector.key()>
                            <strong>{page.area_name(&c.area_code, lang)} " — " {sector}</strong> ": " {text}
                        </li>
                    }
                }).collect_view())
            }}
        </ol>
        <h4>{move || i18n.t(CoordinatorMsg::CoordNoLeadTitle)}</h4>
        <ul id="needs-without-lead">
            {move || {
                let lang = i18n.lang();
                let unled = page.picture.with(|p| page.form.with(|f| needs_without_lead(p, f.as_deref(), lang)));
                unled.into_iter().map(|u| view! {
                    <li data-area=u.area_code.clone() data-sector=u.sector.key()>
                        <strong>{page.area_name(&u.area_code, lang)} " — " {u.sector.name().text(lang)}</strong> ": " {u.needs.join(lang.list_separator())}
                    </li>
                }).collect_view()
            }}
        </ul>
        <h4>{move || i18n.t(CoordinatorMsg::CoordShortfallTitle)}</h4>
        <div class="table-scroll">
        <table class="shortfalls" id="shortfalls">
            <thead><tr>
                <th scope="col">{move || i18n.t(Msg::FilterSector)}</th>
                <th scope="col">{move || i18n.t(CoordinatorMsg::CoordAreasWithNeeds)}</th>
                <th scope="col">{move || i18n.t(CoordinatorMsg::CoordAreasWithoutResources)}</th>
            </tr></thead>
            <tbody>
                {move || {
                    let short = page.picture.with(shortfalls);
                    Sector::ALL.map(|s| {
                        let row = short[s.index()];
                        view! {
                            <tr data-sector=s.key()>
                                <th scope="row">{move || i18n.t(s.name())}</th>
                                <td>{row.areas_with_needs}</td>
                                <td>{row.areas_without_resources}</td>
                            </tr>
                        }
                    }).collect_view()
                }}
            </tbody>
        </table>
        </div>
    }
}

#[component]
fn Conflicts() -> impl IntoView {
    let i18n = use_i18n();
    let page = expect_context::<Coordinator>();
    let decide = move |id: String, keep: Option<String>| {
        leptos::task::spawn_local(async move {
            match coordinator::decide(&id, keep).await {
                Ok(()) => page.reload(),
                Err(msg) => page.message.set(Some(msg)),
            }
        });
    };
    view! {
        <h3>{move || i18n.t(CoordinatorMsg::CoordConflictsTitle)}</h3>
        <p class="intro">{move || i18n.t(CoordinatorMsg::CoordConflictsHelp)}</p>
        <ul class="conflicts" id="conflicts">
            {move || {
                let pending = page.holdings.with(|h| undecided_conflicts(&h.conflicted, &h.decisions, &h.library, i18n.lang()));
                if pending.is_empty() {
                    return view! { <li class="notice" id="no-conflicts">{move || i18n.t(CoordinatorMsg::CoordNoConflicts)}</li> }.into_any();
                }
                pending.into_iter().map(|conflict| {
                    let id = conflict.id.clone();
                    let differences = conflict.differences;
                    let both_id = id.clone();
                    let lang = i18n.lang();
                    let described: Vec<String> = conflict.revisions.iter().map(|r| CoordinatorMsg::CoordRevisionBy.with(lang, &[
                        ("n", &number(u64::from(r.revision), lang)),
                        ("e", &isolate(&r.entity_name)),
                        ("t", &i18n.local_time(&r.updated_at, true)),
                    ])).collect();
                    view! {
                        <li class="conflict" data-id=id.clone()>
                            <strong><bdi>{conflict.entity}</bdi></strong> " · " <code>{id.clone()}</code>
                            <div class="revisions">
                                {conflict.revisions.into_iter().enumerate().map(|(side, r)| {
                                    let hash = r.revision_hash();
                                    let (id, keep) = (id.clone(), hash.clone());
                                    let kept = described[side].clone();
                                    let set_aside: Vec<String> = described.iter().enumerate().filter(|(i, _)| *i != side).map(|(_, d)| d.clone()).collect();
                                    let signer = page.holdings.with_untracked(|h| signed_on(&h.trust, &r, lang));
                                    let confirm = CoordinatorMsg::CoordKeepConfirm.with(lang, &[("k", &kept), ("s", &set_aside.join(lang.list_separator()))]);
                                    view! {
                                        <div class="revision-card" data-hash=hash>
                                            <p class="revision-by">{kept.clone()}</p>
                                            <p class="revision-signer">{signer}</p>
                                            <dl>
                                                {differences.iter().map(|d| view! {
                                                    <dt data-question=d.question.clone()>{d.label.clone()}</dt>
                                                    <dd dir="auto">{d.values[side].clone()}</dd>
                                                }).collect_view()}
                                            </dl>
                                            <button type="button" class="keep-revision" on:click=move |_| {
                                                if page::confirm(&confirm) {
                                                    decide(id.clone(), Some(keep.clone()));
                                                }
                                            }>
                                                {move || i18n.t(CoordinatorMsg::CoordKeepThis)}
                                            </button>
                                        </div>
                                    }
                                }).collect_view()}
                            </div>
                            <button type="button" class="secondary keep-both" on:click=move |_| decide(both_id.clone(), None)>
                                {move || i18n.t(CoordinatorMsg::CoordKeepBoth)}
                            </button>
                        </li>
                    }
                }).collect_view().into_any()
            }}
        </ul>
        <p class="decisions" id="decision-count" data-count=move || page.holdings.with(|h| h.decisions.len())>
            {move || CoordinatorMsg::CoordDecisions.with(i18n.lang(), &[("n", &number(page.holdings.with(|h| h.decisions.len()) as u64, i18n.lang()))])}
        </p>
    }
}

#[component]
fn FacilitatorsForm() -> impl IntoView {
    let i18n = use_i18n();
    let page = expect_context::<Coordinator>();
    let draft = StoredValue::new(Facilitators::new());
    let saved = RwSignal::new(None::<Msg>);
    let attempts = RwSignal::new(0u32);
    let field = move |sector: Sector,
                      part: &'static str,
                      msg: CoordinatorMsg,
                      get: fn(&Facilitator) -> String,
                      set: fn(&mut Facilitator, String)| {
        let id = format!("facilitator-{}-{part}", sector.key());
        view! {
            <label class="setting">
                <span>{move || i18n.t(msg)}</span>
                <input type="text" id=id dir="auto"
                    prop:value=move || page.holdings.with(|h| h.facilitators.get(sector.key()).map(get).unwrap_or_default())
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        draft.update_value(|d| {
                            if d.is_empty() {
                                *d = page.holdings.with_untracked(|h| h.facilitators.clone());
                            }
                            set(d.entry(sector.key().to_string()).or_default(), value);
                        });
                    }/>
            </label>
        }
    };
    view! {
        <h3>{move || i18n.t(CoordinatorMsg::CoordFacilitatorsTitle)}</h3>
        <p class="intro">{move || i18n.t(CoordinatorMsg::CoordFacilitatorsHelp)}</p>
        <div class="facilitators" id="facilitators">
            {Sector::ALL.map(|s| view! {
                <fieldset class="facilitator" data-sector=s.key()>
                    <legend>{move || i18n.t(s.name())}</legend>
                    {field(s, "name", CoordinatorMsg::FacilitatorName, |f| f.name.clone(), |f, v| f.name = v)}
                    {field(s, "organisation", CoordinatorMsg::FacilitatorOrganisation, |f| f.organisation.clone(), |f, v| f.organisation = v)}
                    {field(s, "contact", CoordinatorMsg::FacilitatorContact, |f| f.contact.clone(), |f, v| f.contact = v)}
                </fieldset>
            }).collect_view()}
        </div>
        <button type="button" id="facilitators-save" on:click=move |_| {
            let facilitators = draft.get_value();
            leptos::task::spawn_local(async move {
                let result = coordinator::save_facilitators(&facilitators).await;
                saved.set(Some(result.map(|()| Msg::FacilitatorsSaved).unwrap_or_else(|m| m)));
                attempts.update(|n| *n += 1);
                page.reload();
            });
        }>{move || i18n.t(CoordinatorMsg::FacilitatorsSave)}</button>
        <p id="facilitators-result" role="status" aria-live="polite" data-attempts=move || attempts.get()>
            {move || saved.get().map(|m| i18n.t(m))}
        </p>
    }
}

#[component]
fn Exports() -> impl IntoView {
    let i18n = use_i18n();
    let page = expect_context::<Coordinator>();
    let outcome = RwSignal::new(None::<Msg>);
    let attempts = RwSignal::new(0u32);
    let hashtags = RwSignal::new(Hashtags::LeftOut);
    let done = move |result: Result<(), Msg>| {
        outcome.set(Some(result.map(|()| Msg::CoordSaved).unwrap_or_else(|m| m)));
        attempts.update(|n| *n += 1);
    };
    let csv_name = move |what: &str| {
        let tagged = if hashtags.get_untracked() == Hashtags::Included {
            "-hxl"
        } else {
            ""
        };
        format!(
            "nahda-{what}-{}{tagged}-{}.csv",
            i18n.lang().code(),
            clock::today()
        )
    };
    let save_matrix = move |_| {
        let lang = i18n.lang();
        let text = page.picture.with(|p| {
            page.holdings
                .with(|h| csv::matrix(p, &h.areas, lang, hashtags.get_untracked()))
        });
        done(coordinator::save_file(
            &csv_name("matrix"),
            &text,
            "text/csv;charset=utf-8",
        ));
    };
    let save_sector = move |sector: Sector| {
        let lang = i18n.lang();
        let question = sector.question(Part::PriorityNeeds);
        let resources = sector.question(Part::Resources);
        let label = move |value: &str| {
            let need = page.label(&question, value, lang);
            if need == value {
                page.label(&resources, value, lang)
            } else {
                need
            }
        };
        let text = page.picture.with(|p| {
            page.holdings
                .with(|h| csv::sector(p, sector, &h.areas, lang, &label, hashtags.get_untracked()))
        });
        done(coordinator::save_file(
            &csv_name(sector.key()),
            &text,
            "text/csv;charset=utf-8",
        ));
    };
    let save_bundle = move |_| {
        leptos::task::spawn_local(async move {
            let result = match bundles::prepare_export(
                &Selection::default(),
                Sending::Merged,
                ExportChoices::default(),
            )
            .await
            {
                Ok(bundle) => bundles::save_export(&bundle, &Sealing::None)
                    .await
                    .map(drop),
                Err(msg) => Err(msg),
            };
            done(result);
        });
    };
    let save_plan = move |_| {
        let report = page.picture.with(|p| {
            page.holdings
                .with(|h| plan(p, &h.facilitators, h.sources(), &clock::now()))
        });
        let text = serde_json::to_string_pretty(&report).unwrap_or_default();
        done(coordinator::save_file(
            &format!("nahda-plan-{}.json", clock::today()),
            &text,
            "application/json",
        ));
    };
    view! {
        <h3>{move || i18n.t(CoordinatorMsg::CoordExportsTitle)}</h3>
        <p class="intro">{move || i18n.t(CoordinatorMsg::CoordExportsHelp)}</p>
        <div class="actions exports">
            <label class="choice csv-hxl">
                <input type="checkbox" id="csv-hxl" on:change=move |ev| hashtags.set(
                    if event_target_checked(&ev) { Hashtags::Included } else { Hashtags::LeftOut }
                )/>
                <span>{move || i18n.t(CoordinatorMsg::CoordCsvHxl)}</span>
            </label>
            <button type="button" id="csv-matrix" on:click=save_matrix>{move || i18n.t(CoordinatorMsg::CoordCsvMatrix)}</button>
            {Sector::ALL.map(|s| view! {
                <button type="button" class="secondary" id=format!("csv-sector-{}", s.key()) on:click=move |_| save_sector(s)>
                    {move || CoordinatorMsg::CoordCsvSector.with(i18n.lang(), &[("s", i18n.t(s.name()))])}
                </button>
            }).collect_view()}
            <button type="button" class="secondary" id="merged-bundle" on:click=save_bundle>{move || i18n.t(CoordinatorMsg::CoordMergedBundle)}</button>
            <button type="button" class="secondary" id="plan-json" on:click=save_plan>{move || i18n.t(CoordinatorMsg::CoordPlanJson)}</button>
            <a class="button-link" id="open-plan" href=route::href(Page::Plan)>{move || i18n.t(CoordinatorMsg::CoordOpenPlan)}</a>
        </div>
        <p id="exports-result" role="status" aria-live="polite" data-attempts=move || attempts.get()>
            {move || outcome.get().map(|m| i18n.t(m))}
        </p>
    }
}

/// Which device signed a revision, as this device knows it: itself, a trusted sender by name,
/// a revoked one, or a key not trusted here; each with the key's fingerprint.
fn signed_on(trust: &Trust, revision: &Submission, lang: Lang) -> String {
    let Some(key) = revision.signed_by else {
        return CoordinatorMsg::CoordUnsigned.text(lang).to_string();
    };
    let fingerprint = isolate_ltr(&key.fingerprint().grouped(lang));
    match trust.signer(Some(&key), &revision.entity_name) {
        Signer::Own => CoordinatorMsg::CoordSignedHere.text(lang).to_string(),
        Signer::Known(k) => CoordinatorMsg::CoordSignedByKnown
            .with(lang, &[("n", &isolate(&k.name)), ("k", &fingerprint)]),
        Signer::Revoked(k) => CoordinatorMsg::CoordSignedByRevoked
            .with(lang, &[("n", &isolate(&k.name)), ("k", &fingerprint)]),
        Signer::FirstSeen { .. } | Signer::Unsigned => {
            CoordinatorMsg::CoordSignedBy.with(lang, &[("k", &fingerprint)])
        }
    }
}
