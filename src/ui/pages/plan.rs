//! The national plan report, laid out for printing (the print stylesheet hides the app's frame
//! and starts each chapter on a new page): cover and method, one chapter per sector with its
//! figures, severity table, priority areas, self-resources, gaps, interventions and
//! recommendations with their sources and the facilitator, and the annex of source bundles.
//! In the app's language; the language switch redraws it in the other.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::aggregate::{aggregate, figure, Filters, Sourced};
use crate::core::areas::AreaList;
use crate::core::i18n::{isolate_ltr, Lang, Msg};
use crate::core::plan::{plan, Chapter, Plan};
use crate::core::schema::Form;
use crate::core::sector::Part;
use crate::platform::{clock, page};
use crate::state::coordinator;
use crate::state::library::DEFAULT_FORM_ID;
use crate::ui::i18n::use_i18n;
use crate::ui::route::Page;

/// What a chapter needs besides the plan: names of areas and of choice values.
#[derive(Clone)]
struct Names {
    areas: Arc<AreaList>,
    form: Option<Arc<Form>>,
}

impl Names {
    fn area(&self, code: &str, lang: Lang) -> String {
        let name = self.areas.full_name(code, lang);
        if name.is_empty() {
            code.to_string()
        } else {
            name
        }
    }

    fn choice(&self, question: &str, value: &str, lang: Lang) -> String {
        self.form
            .as_ref()
            .map(|f| f.choice_label(question, value, lang))
            .unwrap_or_else(|| value.to_string())
    }
}

fn number(n: Option<f64>) -> String {
    n.map(figure).unwrap_or_else(|| "–".into())
}

/// The page.
#[component]
pub fn PlanPage() -> impl IntoView {
    let i18n = use_i18n();
    let loaded = RwSignal::new(None::<Result<(Plan, Names), Msg>>);
    leptos::task::spawn_local(async move {
        let result = coordinator::load().await.map(|h| {
            let picture = aggregate(&h.submissions, &Filters::default());
            let report = plan(&picture, &h.facilitators, h.sources(), &clock::now());
            let names = Names {
                areas: Arc::new(h.areas.clone()),
                form: h.library.latest(DEFAULT_FORM_ID),
            };
            (report, names)
        });
        loaded.set(Some(result));
    });
    let print = move |_| page::print();
    view! {
        <section class="page plan" data-page=Page::Plan.slug()>
            <div class="no-print">
                <h2>{move || i18n.t(Msg::NavPlan)}</h2>
                <p class="intro">{move || i18n.t(Msg::PlanIntro)}</p>
                <button type="button" id="plan-print" on:click=print>{move || i18n.t(Msg::PlanPrint)}</button>
            </div>
            {move || loaded.get().map(|result| match result {
                Err(msg) => view! { <p class="error-banner">{move || i18n.t(msg)}</p> }.into_any(),
                Ok((report, _)) if report.method.submissions == 0 => view! {
                    <p class="notice" id="plan-empty">{move || i18n.t(Msg::PlanNothing)}</p>
                }.into_any(),
                Ok((report, names)) => view! { <Report report names/> }.into_any(),
            })}
        </section>
    }
}

#[component]
fn Report(report: Plan, names: Names) -> impl IntoView {
    let i18n = use_i18n();
    let method = report.method.clone();
    let sources = report.sources.clone();
    view! {
        <article class="report" id="plan-report">
            <header class="cover">
                <h2 id="plan-title">{move || i18n.t(Msg::PlanTitle)}</h2>
                <p class="date" dir="ltr">{report.generated_at.chars().take(10).collect::<String>()}</p>
            </header>
            <section class="method" id="plan-method">
                <h3>{move || i18n.t(Msg::PlanMethodTitle)}</h3>
                <p data-submissions=method.submissions data-entities=method.entities data-areas=method.areas>
                    {move || i18n.t(Msg::PlanMethod)
                        .replace("{n}", &method.submissions.to_string())
                        .replace("{e}", &method.entities.to_string())
                        .replace("{a}", &method.areas.to_string())
                        .replace("{f}", &isolate_ltr(method.first_day.as_deref().unwrap_or("–")))
                        .replace("{l}", &isolate_ltr(method.last_day.as_deref().unwrap_or("–")))
                        .replace("{v}", &isolate_ltr(&method.form_versions.join(", ")))}
                </p>
                {(method.conflicts > 0).then(|| view! {
                    <p class="notice">{move || i18n.t(Msg::PlanConflictsNote).replace("{c}", &method.conflicts.to_string())}</p>
                })}
            </section>
            {report.chapters.into_iter().enumerate().map(|(i, chapter)| view! {
                <ChapterView position=i + 1 chapter names=names.clone()/>
            }).collect_view()}
            <section class="annex" id="plan-sources">
                <h3>{move || i18n.t(Msg::PlanSources)}</h3>
                {if sources.is_empty() {
                    view! { <p>{move || i18n.t(Msg::PlanNoSources)}</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {sources.into_iter().map(|s| view! {
                                <li data-bundle=s.bundle_id.clone()>
                                    <code>{s.bundle_id.clone()}</code> " · " <span dir="auto">{s.file_name.clone()}</span>
                                    " · " <span dir="auto">{s.entity.clone()}</span> " · " <span dir="ltr">{s.created_at.chars().take(10).collect::<String>()}</span>
                                    " · " {s.submissions}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </article>
    }
}

fn sourced_list(items: Vec<Sourced>, names: Names, class: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    if items.is_empty() {
        return view! { <p class="none">{move || i18n.t(Msg::PlanNone)}</p> }.into_any();
    }
    view! {
        <ul class=class>
            {items.into_iter().map(|s| {
                let names = names.clone();
                view! {
                    <li>
                        <span dir="auto">{s.text.clone()}</span>
                        " — " <em dir="auto">{s.entity.clone()}</em> ", " {move || names.area(&s.area_code, i18n.lang())}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn ChapterView(position: usize, chapter: Chapter, names: Names) -> impl IntoView {
    let i18n = use_i18n();
    let sector = chapter.sector;
    let needs_question = sector.question(Part::PriorityNeeds);
    let resources_question = sector.question(Part::Resources);
    let c = chapter.clone();
    let summary = move || {
        i18n.t(Msg::PlanChapterSummary)
            .replace("{a}", &c.areas.to_string())
            .replace("{r}", &c.reports.to_string())
            .replace("{m}", &number(c.median))
    };
    let area = {
        let names = names.clone();
        move |code: &str| names.area(code, i18n.lang())
    };
    let facilitator = chapter.facilitator.clone();
    let short = chapter.shortfall;
    view! {
        <section class="chapter" data-sector=sector.key()>
            <h3>{move || i18n.t(Msg::PlanChapter).replace("{n}", &position.to_string()).replace("{s}", i18n.t(sector.name()))}</h3>
            <p class="chapter-summary" data-areas=chapter.areas data-reports=chapter.reports>{summary}</p>
            <p class="chapter-facilitator">
                {match facilitator {
                    Some(f) => view! {
                        <strong>{move || i18n.t(Msg::PlanFacilitator)}</strong> " "
                        <span dir="auto">{f.name.clone()}</span> " — " <span dir="auto">{f.organisation.clone()}</span> " — " <span dir="ltr">{f.contact.clone()}</span>
                    }.into_any(),
                    None => view! { <em>{move || i18n.t(Msg::PlanNoFacilitator)}</em> }.into_any(),
                }}
            </p>
            <h4>{move || i18n.t(Msg::PlanSeverityTable)}</h4>
            <div class="table-scroll">
            <table class="severity-table">
                <thead><tr>
                    <th scope="col">{move || i18n.t(Msg::FilterArea)}</th>
                    <th scope="col">{move || i18n.t(Msg::CsvReports)}</th>
                    <th scope="col">{move || i18n.t(Msg::CsvSeverityMedian)}</th>
                    <th scope="col">{move || i18n.t(Msg::PlanRange)}</th>
                    <th scope="col">{move || i18n.t(Msg::CsvPopulation)}</th>
                    <th scope="col">{move || i18n.t(Msg::CsvActors)}</th>
                </tr></thead>
                <tbody>
                    {chapter.rows.iter().map(|r| {
                        let (code, area) = (r.area_code.clone(), area.clone());
                        let range = match (r.min, r.max) {
                            (Some(lo), Some(hi)) => format!("{lo}–{hi}{}", if r.disagrees { " ≠" } else { "" }),
                            _ => "–".into(),
                        };
                        view! {
                            <tr data-area=r.area_code.clone()>
                                <th scope="row">{move || area(&code)}</th>
                                <td>{r.reports}</td>
                                <td class="median">{number(r.median)}</td>
                                <td>{range}</td>
                                <td>{number(r.population)}</td>
                                <td>{r.actors}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            <h4>{move || i18n.t(Msg::PlanPriorityAreas)}</h4>
            <ol class="priority-areas">
                {chapter.priority_areas.iter().map(|code| {
                    let (code, area) = (code.clone(), area.clone());
                    view! { <li>{move || area(&code)}</li> }
                }).collect_view()}
            </ol>
            <h4>{move || i18n.t(Msg::PlanNeeds)}</h4>
            <ul class="needs">
                {chapter.needs.iter().map(|(value, n)| {
                    let (names, value, question) = (names.clone(), value.clone(), needs_question.clone());
                    view! { <li>{move || names.choice(&question, &value, i18n.lang())} " (" {*n} ")"</li> }
                }).collect_view()}
            </ul>
            <h4>{move || i18n.t(Msg::PlanSelfResources)}</h4>
            <ul class="resources">
                {chapter.resources.iter().map(|(value, n)| {
                    let (names, value, question) = (names.clone(), value.clone(), resources_question.clone());
                    view! { <li>{move || names.choice(&question, &value, i18n.lang())} " (" {*n} ")"</li> }
                }).collect_view()}
            </ul>
            {sourced_list(chapter.resource_details.clone(), names.clone(), "resource-details")}
            <h4>{move || i18n.t(Msg::PlanGaps)}</h4>
            <p class="shortfall">{move || i18n.t(Msg::PlanShortfall)
                .replace("{w}", &short.areas_without_resources.to_string())
                .replace("{n}", &short.areas_with_needs.to_string())}</p>
            {(!chapter.needs_without_lead.is_empty()).then(|| {
                let codes = chapter.needs_without_lead.clone();
                let area = area.clone();
                view! {
                    <p class="no-lead">{move || i18n.t(Msg::PlanNeedsNoLead)} " "
                        {move || codes.iter().map(|c| area(c)).collect::<Vec<_>>().join("؛ ")}
                    </p>
                }
            })}
            <h4>{move || i18n.t(Msg::PlanInterventions)}</h4>
            {if chapter.interventions.is_empty() {
                view! { <p class="none">{move || i18n.t(Msg::PlanNone)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                    <table class="interventions">
                        <thead><tr>
                            <th scope="col">{move || i18n.t(Msg::PlanInterventions)}</th>
                            <th scope="col">{move || i18n.t(Msg::PlanLead)}</th>
                            <th scope="col">{move || i18n.t(Msg::PlanCost)}</th>
                            <th scope="col">{move || i18n.t(Msg::PlanSource)}</th>
                        </tr></thead>
                        <tbody>
                            {chapter.interventions.iter().map(|it| {
                                let (code, area) = (it.area_code.clone(), area.clone());
                                view! {
                                    <tr>
                                        <td dir="auto">{it.title.clone()}</td>
                                        <td dir="auto">{it.lead.clone()}</td>
                                        <td>{number(it.cost_usd)}</td>
                                        <td><span dir="auto">{it.entity.clone()}</span> ", " {move || area(&code)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }.into_any()
            }}
            <h4>{move || i18n.t(Msg::PlanRecommendations)}</h4>
            {sourced_list(chapter.recommendations.clone(), names.clone(), "recommendations")}
        </section>
    }
}
