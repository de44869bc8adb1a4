//! The national plan report, laid out for printing (the print stylesheet hides the app's frame
//! and starts each chapter on a new page): cover and method, one chapter per sector with its
//! figures, severity table, priority areas, self-resources, gaps, interventions and
//! recommendations with their sources and the facilitator, and the annex of source bundles.
//! In the app's language; the language switch redraws it in the other.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::aggregate::{aggregate, Filters, Sourced};
use crate::core::areas::AreaList;
use crate::core::i18n::{isolate, CoordinatorMsg, Lang, Msg};
use crate::core::phrase::{count, date, figure, number, Case, Counted};
use crate::core::plan::{plan, Chapter, Plan};
use crate::core::schema::{Form, Text, SEVERITY_SCALE};
use crate::core::sector::Part;
use crate::platform::{clock, page};
use crate::state::coordinator;
use crate::state::library::DEFAULT_FORM_ID;
use crate::ui::i18n::use_i18n;
use crate::ui::route::Page;

/// What a chapter needs besides the plan: names of areas, of choice values and of the forms
/// used.
#[derive(Clone)]
struct Names {
    areas: Arc<AreaList>,
    form: Option<Arc<Form>>,
    /// Each form version the plan draws from: its title (its id when the device lacks it) and
    /// version.
    forms: Vec<(Text, u32)>,
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

    /// The forms used, by title and version, as a list in a sentence.
    fn forms(&self, lang: Lang) -> String {
        self.forms
            .iter()
            .map(|(title, version)| {
                let version =
                    Msg::FormVersion.with(lang, &[("n", &number(u64::from(*version), lang))]);
                format!("{} ({version})", isolate(title.get(lang)))
            })
            .collect::<Vec<_>>()
            .join(lang.list_separator())
    }

    fn choice(&self, question: &str, value: &str, lang: Lang) -> String {
        self.form
            .as_ref()
            .map(|f| f.choice_label(question, value, lang))
            .unwrap_or_else(|| value.to_string())
    }
}

/// The page.
#[component]
pub fn PlanPage() -> impl IntoView {
    let i18n = use_i18n();
    let loaded = RwSignal::new(None::<Result<(Plan, Names), Msg>>);
    leptos::task::spawn_local(async move {
        let result = coordinator::load().await.map(|h| {
            let picture = aggregate(&h.reports, &Filters::default());
            let report = plan(&picture, &h.facilitators, h.sources(), &clock::now());
            let forms = picture
                .form_versions
                .iter()
                .map(|(id, version)| {
                    let title = h.library.get(id, *version).map_or_else(
                        || Text {
                            ar: id.clone(),
                            en: id.clone(),
                        },
                        |f| f.spec().title.clone(),
                    );
                    (title, *version)
                })
                .collect();
            let names = Names {
                areas: Arc::new(h.areas.clone()),
                form: h.library.latest(DEFAULT_FORM_ID),
                forms,
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
                <p class="intro">{move || i18n.t(CoordinatorMsg::PlanIntro)}</p>
                <button type="button" id="plan-print" on:click=print>{move || i18n.t(CoordinatorMsg::PlanPrint)}</button>
            </div>
            {move || loaded.get().map(|result| match result {
                Err(msg) => view! { <p class="error-banner">{move || i18n.t(msg)}</p> }.into_any(),
                Ok((report, _)) if report.method.submissions == 0 => view! {
                    <p class="notice" id="plan-empty">{move || i18n.t(CoordinatorMsg::PlanNothing)}</p>
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
    let generated = report.generated_at.clone();
    let forms = names.clone();
    let method_text = move || {
        let lang = i18n.lang();
        let day = |d: &Option<String>| d.as_deref().map_or_else(|| "–".into(), |d| date(d, lang));
        CoordinatorMsg::PlanMethod.with(
            lang,
            &[
                (
                    "n",
                    &count(
                        Counted::Submission,
                        method.submissions,
                        Case::Genitive,
                        lang,
                    ),
                ),
                (
                    "e",
                    &count(Counted::Entity, method.entities, Case::Nominative, lang),
                ),
                (
                    "a",
                    &count(Counted::Area, method.areas, Case::Genitive, lang),
                ),
                ("f", &day(&method.first_day)),
                ("l", &day(&method.last_day)),
                ("v", &forms.forms(lang)),
                ("lo", &number((*SEVERITY_SCALE.start()).into(), lang)),
                ("hi", &number((*SEVERITY_SCALE.end()).into(), lang)),
            ],
        )
    };
    let conflicts = method.conflicts;
    let kinds = method.entity_types.clone();
    let kind_names = names.clone();
    let kinds_text = move || {
        let lang = i18n.lang();
        kinds
            .iter()
            .map(|(kind, n)| {
                let name = if kind.is_empty() {
                    CoordinatorMsg::PlanKindNotSaid.text(lang).to_string()
                } else {
                    kind_names.choice("entity_type", kind, lang)
                };
                format!("{name} ({})", number(*n as u64, lang))
            })
            .collect::<Vec<_>>()
            .join(lang.list_separator())
    };
    view! {
        <article class="report" id="plan-report">
            <header class="cover">
                <h2 id="plan-title">{move || i18n.t(CoordinatorMsg::PlanTitle)}</h2>
                <p class="date">{move || date(&generated, i18n.lang())}</p>
                <section class="method" id="plan-method">
                    <h3>{move || i18n.t(CoordinatorMsg::PlanMethodTitle)}</h3>
                    <p data-submissions=method.submissions data-entities=method.entities data-areas=method.areas>
                        {method_text}
                    </p>
                    <p class="entity-kinds" id="plan-entity-kinds">
                        <strong>{move || i18n.t(CoordinatorMsg::PlanEntityKinds)}</strong> " " {kinds_text}
                    </p>
                    {(conflicts > 0).then(|| view! {
                        <p class="notice">{move || CoordinatorMsg::PlanConflictsNote.with(i18n.lang(), &[("c", &number(conflicts as u64, i18n.lang()))])}</p>
                    })}
                </section>
            </header>
            {report.chapters.into_iter().enumerate().map(|(i, chapter)| view! {
                <ChapterView position=i + 1 chapter names=names.clone()/>
            }).collect_view()}
            <section class="annex" id="plan-sources">
                <h3>{move || i18n.t(CoordinatorMsg::PlanSources)}</h3>
                {if sources.is_empty() {
                    view! { <p>{move || i18n.t(CoordinatorMsg::PlanNoSources)}</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {sources.into_iter().map(|s| view! {
                                <li data-bundle=s.bundle_id.clone()>
                                    <strong><bdi>{s.entity.clone()}</bdi></strong> " — "
                                    {move || CoordinatorMsg::PlanSourceLine.with(i18n.lang(), &[
                                        ("n", &count(Counted::Submission, s.submissions, Case::Nominative, i18n.lang())),
                                        ("d", &date(&s.created_at, i18n.lang())),
                                        ("i", &date(&s.imported_at, i18n.lang())),
                                        ("f", &isolate(&s.file_name)),
                                    ])}
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
        return view! { <p class="none">{move || i18n.t(CoordinatorMsg::PlanNone)}</p> }.into_any();
    }
    view! {
        <ul class=class>
            {items.into_iter().map(|s| {
                let names = names.clone();
                view! {
                    <li>
                        <bdi>{s.text.clone()}</bdi>
                        " — " <em><bdi>{s.entity.clone()}</bdi></em> ", " {move || names.area(&s.area_code, i18n.lang())}
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
        let lang = i18n.lang();
        CoordinatorMsg::PlanChapterSummary.with(
            lang,
            &[
                ("a", &count(Counted::Area, c.areas, Case::Nominative, lang)),
                (
                    "r",
                    &count(Counted::Report, c.reports, Case::Nominative, lang),
                ),
                ("m", &figure(c.median, lang)),
            ],
        )
    };
    let area = {
        let names = names.clone();
        move |code: &str| names.area(code, i18n.lang())
    };
    let facilitator = chapter.facilitator.clone();
    let short = chapter.shortfall;
    view! {
        <section class="chapter" data-sector=sector.key()>
            <h3>{move || CoordinatorMsg::PlanChapter.with(i18n.lang(), &[("n", &number(position as u64, i18n.lang())), ("s", i18n.t(sector.name()))])}</h3>
            <p class="chapter-summary" data-areas=chapter.areas data-reports=chapter.reports>{summary}</p>
            <p class="chapter-facilitator">
                {match facilitator {
                    Some(f) => view! {
                        <strong>{move || i18n.t(CoordinatorMsg::PlanFacilitator)}</strong> " "
                        <bdi>{f.name.clone()}</bdi> " — " <bdi>{f.organisation.clone()}</bdi> " — " <span dir="ltr">{f.contact.clone()}</span>
                    }.into_any(),
                    None => view! { <em>{move || i18n.t(CoordinatorMsg::PlanNoFacilitator)}</em> }.into_any(),
                }}
            </p>
            <h4>{move || i18n.t(CoordinatorMsg::PlanSeverityTable)}</h4>
            <div class="table-scroll">
            <table class="severity-table">
                <thead><tr>
                    <th scope="col">{move || i18n.t(Msg::FilterArea)}</th>
                    <th scope="col">{move || i18n.t(CoordinatorMsg::CsvReports)}</th>
                    <th scope="col">{move || i18n.t(CoordinatorMsg::CsvSeverityMedian)}</th>
                    <th scope="col">{move || i18n.t(CoordinatorMsg::PlanRange)}</th>
                    <th scope="col">{move || i18n.t(CoordinatorMsg::CsvPopulation)}</th>
                    <th scope="col">{move || i18n.t(CoordinatorMsg::CsvActors)}</th>
                </tr></thead>
                <tbody>
                    {chapter.rows.iter().map(|r| {
                        let (code, area) = (r.area_code.clone(), area.clone());
                        let r = r.clone();
                        let lang = move || i18n.lang();
                        // A range says something only when two reports or more give a severity.
                        let range = move || match (r.min, r.max) {
                            (Some(lo), Some(hi)) if r.reports > 1 => format!(
                                "{}–{}{}",
                                number(u64::from(lo), lang()),
                                number(u64::from(hi), lang()),
                                if r.disagrees { " ≠" } else { "" }
                            ),
                            _ => "–".into(),
                        };
                        view! {
                            <tr data-area=r.area_code.clone()>
                                <th scope="row">{move || area(&code)}</th>
                                <td>{move || number(r.reports as u64, lang())}</td>
                                <td class="median">{move || figure(r.median, lang())}</td>
                                <td class="range">{range}</td>
                                <td>{move || figure(r.population, lang())}</td>
                                <td>{move || number(r.actors as u64, lang())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            <h4>{move || i18n.t(CoordinatorMsg::PlanPriorityAreas)}</h4>
            <ol class="priority-areas">
                {chapter.priority_areas.iter().map(|code| {
                    let (code, area) = (code.clone(), area.clone());
                    view! { <li>{move || area(&code)}</li> }
                }).collect_view()}
            </ol>
            <h4>{move || i18n.t(CoordinatorMsg::PlanNeeds)}</h4>
            <ul class="needs">
                {chapter.needs.iter().map(|(value, n)| {
                    let (names, value, question) = (names.clone(), value.clone(), needs_question.clone());
                    let n = *n as u64;
                    view! { <li>{move || names.choice(&question, &value, i18n.lang())} " (" {move || number(n, i18n.lang())} ")"</li> }
                }).collect_view()}
            </ul>
            <h4>{move || i18n.t(CoordinatorMsg::PlanSelfResources)}</h4>
            <ul class="resources">
                {chapter.resources.iter().map(|(value, n)| {
                    let (names, value, question) = (names.clone(), value.clone(), resources_question.clone());
                    let n = *n as u64;
                    view! { <li>{move || names.choice(&question, &value, i18n.lang())} " (" {move || number(n, i18n.lang())} ")"</li> }
                }).collect_view()}
            </ul>
            {sourced_list(chapter.resource_details.clone(), names.clone(), "resource-details")}
            <h4>{move || i18n.t(CoordinatorMsg::PlanGaps)}</h4>
            <p class="shortfall">{move || {
                let lang = i18n.lang();
                CoordinatorMsg::PlanShortfall.with(lang, &[
                    ("w", &number(short.areas_without_resources as u64, lang)),
                    ("n", &count(Counted::Area, short.areas_with_needs, Case::Genitive, lang)),
                ])
            }}</p>
            {(!chapter.needs_without_lead.is_empty()).then(|| {
                let codes = chapter.needs_without_lead.clone();
                let area = area.clone();
                view! {
                    <p class="no-lead">{move || i18n.t(CoordinatorMsg::PlanNeedsNoLead)} " "
                        {move || codes.iter().map(|c| area(c)).collect::<Vec<_>>().join(i18n.lang().list_semicolon())}
                    </p>
                }
            })}
            <h4>{move || i18n.t(CoordinatorMsg::PlanInterventions)}</h4>
            {if chapter.interventions.is_empty() {
                view! { <p class="none">{move || i18n.t(CoordinatorMsg::PlanNone)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                    <table class="interventions">
                        <thead><tr>
                            <th scope="col">{move || i18n.t(CoordinatorMsg::PlanInterventions)}</th>
                            <th scope="col">{move || i18n.t(CoordinatorMsg::PlanLead)}</th>
                            <th scope="col">{move || i18n.t(CoordinatorMsg::PlanCost)}</th>
                            <th scope="col">{move || i18n.t(CoordinatorMsg::PlanSource)}</th>
                        </tr></thead>
                        <tbody>
                            {chapter.interventions.iter().map(|it| {
                                let (code, area) = (it.area_code.clone(), area.clone());
                                let cost = it.cost_usd;
                                view! {
                                    <tr>
                                        <td dir="auto">{it.title.clone()}</td>
                                        <td dir="auto">{it.lead.clone()}</td>
                                        <td>{move || figure(cost, i18n.lang())}</td>
                                        <td><bdi>{it.entity.clone()}</bdi> ", " {move || area(&code)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }.into_any()
            }}
            <h4>{move || i18n.t(CoordinatorMsg::PlanRecommendations)}</h4>
            {sourced_list(chapter.recommendations.clone(), names.clone(), "recommendations")}
        </section>
    }
}
