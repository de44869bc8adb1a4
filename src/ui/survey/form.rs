//! The form frame: title, section list, the section on screen, progress, the issue summary,
//! autosave status, answers changed in two tabs at once, and the finalise and new-submission
//! actions.

use leptos::prelude::*;

use crate::core::answers::Answer;
use crate::core::i18n::{Lang, Msg};
use crate::core::reconcile::ContestedAnswer;
use crate::core::submission::Status;
use crate::core::validate::Issue;
use crate::platform::{clock, page, prefs};
use crate::state::survey::{start_new, SaveStatus, SurveyState, FLUSH_EVENT};
use crate::ui::fields::Field;
use crate::ui::i18n::use_i18n;
use crate::ui::route::{self, Page};
use crate::ui::survey::SurveySlot;

/// The whole form for one submission.
#[component]
pub fn FormView(state: SurveyState) -> impl IntoView {
    let i18n = use_i18n();
    provide_context(state);
    // Hidden: write what is pending. Shown again: another tab may have written meanwhile
    // (a frozen tab hears nothing), so look.
    let on_visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if page::is_visible() {
            state.check();
        } else {
            state.flush();
        }
    });
    let flush_closing = window_event_listener(leptos::ev::pagehide, move |_| state.flush());
    let check_shown = window_event_listener(leptos::ev::pageshow, move |_| state.check());
    let flush_asked = window_event_listener_untyped(FLUSH_EVENT, move |_| state.flush());
    let other_tabs = StoredValue::new_local(Some(state.listen_to_other_tabs()));
    on_cleanup(move || {
        on_visibility.remove();
        flush_closing.remove();
        check_shown.remove();
        flush_asked.remove();
        other_tabs.update_value(|l| drop(l.take()));
        state.flush();
    });

    request_animation_frame(|| clock::mark("nahda:survey-ready"));

    let form = state.form.get_value();
    let section_count = form.sections().len();
    let visible_sections = Memo::new(move |_| {
        state.sections_shown.with(|shown| {
            (0..shown.len())
                .filter(|s| shown[*s])
                .collect::<Vec<usize>>()
        })
    });
    // A draft reopens at the section last on screen, if it is still shown; the section on
    // screen is remembered and kept in view in the section strip.
    let submission_id = state.id();
    if let Some(index) = prefs::remembered_section(&submission_id)
        .and_then(|id| form.sections().iter().position(|s| s.id == id))
        .filter(|i| visible_sections.with_untracked(|v| v.contains(i)))
    {
        state.section.set(index);
    }
    let section_ids: Vec<String> = form.sections().iter().map(|s| s.id.clone()).collect();
    Effect::new(move |_| {
        let section = state.section.get();
        if let Some(id) = section_ids.get(section) {
            prefs::remember_section(&submission_id, id);
        }
        request_animation_frame(|| page::reveal(".section-link[aria-current]"));
    });
    let step = move |forward: bool| {
        let current = state.section.get_untracked();
        let visible = visible_sections.get_untracked();
        let next = if forward {
            visible.iter().copied().find(|s| *s > current)
        } else {
            visible.iter().rev().copied().find(|s| *s < current)
        };
        if let Some(next) = next {
            state.section.set(next);
            page::scroll_to_top();
        }
    };
    let title = form.spec().title.clone();

    view! {
        <header class="form-header">
            <h2>{move || title.get(i18n.lang()).to_string()}</h2>
            <StatusLine/>
            <p class="intro form-intro">{move || i18n.t(Msg::SurveyIntro)}</p>
        </header>
        {move || state.notice.get().map(|msg| view! {
            <p class="notice elsewhere-notice" id="elsewhere-notice" role="alert">{move || i18n.t(msg)}</p>
        })}
        <ContestedAnswers/>
        <IssueSummary/>
        <div class="form-layout">
            <nav class="section-list" aria-label=move || i18n.t(Msg::SectionsTitle)>
                <ol>
                    {(0..section_count)
                        .map(|s| {
                            let section_title = form.sections()[s].title.clone();
                            view! {
                                <li class:hidden-section=move || !visible_sections.with(|v| v.contains(&s))>
                                    <button
                                        type="button"
                                        class="section-link"
                                        data-section=form.sections()[s].id.clone()
                                        aria-current=move || (state.section.get() == s).then_some("step")
                                        on:click=move |_| state.section.set(s)
                                    >
                                        {move || section_title.get(i18n.lang()).to_string()}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </nav>
            <div class="section-area">
                <Progress visible_sections/>
                {move || {
                    // Another tab's answers came in: draw the inputs again with them, keeping
                    // the focus where it was.
                    state.refreshed.track();
                    let focused = page::focused_id();
                    request_animation_frame(move || {
                        if let Some(id) = focused {
                            page::focus(&id);
                        }
                    });
                    view! { <Sections visible_sections/> }
                }}
                <div class="section-steps">
                    <button
                        type="button"
                        class="secondary"
                        id="previous-section"
                        disabled=move || visible_sections.with(|v| v.first() == Some(&state.section.get()))
                        on:click=move |_| step(false)
                    >
                        {move || i18n.t(Msg::PreviousSection)}
                    </button>
                    <button
                        type="button"
                        class="secondary"
                        id="next-section"
                        disabled=move || visible_sections.with(|v| v.last() == Some(&state.section.get()))
                        on:click=move |_| step(true)
                    >
                        {move || i18n.t(Msg::NextSection)}
                    </button>
                </div>
                <Actions/>
            </div>
        </div>
    }
}

#[component]
fn Progress(visible_sections: Memo<Vec<usize>>) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<SurveyState>();
    let position = move || {
        let current = state.section.get();
        visible_sections.with(|v| {
            (
                v.iter().position(|s| *s == current).map_or(0, |p| p + 1),
                v.len(),
            )
        })
    };
    view! {
        <div class="progress">
            <span id="section-progress">
                {move || {
                    let (at, of) = position();
                    format!("{} / {of}", Msg::SectionProgress.with(i18n.lang(), &[("n", &i18n.number((at) as u64))]))
                }}
            </span>
            <progress
                max=move || position().1.to_string()
                value=move || position().0.to_string()
                aria-labelledby="section-progress"
            ></progress>
        </div>
    }
}

/// How many questions are drawn ahead in one idle moment at least, when the browser says how
/// long it will stay idle or not (the moment came because the wait was over).
const QUESTIONS_PER_IDLE_MOMENT: usize = 2;

/// How long drawing one question is taken to last, in milliseconds, until it is measured: an
/// idle moment the browser expects to last 40 ms draws five. The questions are drawn after
/// the idle callback returns (the page's updates run as its microtasks), so their count is set
/// beforehand from the time there is, and each idle moment measures the pace for the next.
const ONE_QUESTION_MS: f64 = 8.0;

/// How many questions of the sections not on screen are kept drawn: the whole six-sector
/// survey, while a form of a thousand questions does not hold them all in a cheap phone's
/// memory.
const QUESTIONS_KEPT_DRAWN: usize = 300;

/// The sections of the form: the one on screen, and the sections after it drawn ahead question
/// by question while the phone is idle, hidden, so that going on to one has nothing left to
/// draw. Within [`QUESTIONS_KEPT_DRAWN`] questions, the sections after it are kept (the next
/// one always), then those before it that are drawn, nearest first; the others are let go.
#[component]
fn Sections(visible_sections: Memo<Vec<usize>>) -> impl IntoView {
    let state = expect_context::<SurveyState>();
    let form = state.form.get_value();
    // Whether each question of each section is drawn.
    let drawn: Vec<Vec<RwSignal<bool>>> = form
        .sections()
        .iter()
        .map(|spec| {
            spec.questions
                .iter()
                .map(|_| RwSignal::new(false))
                .collect()
        })
        .collect();
    // Each section change starts a round of drawing ahead, which ends the one before.
    let round = StoredValue::new(0_u64);
    let pace = StoredValue::new(ONE_QUESTION_MS);
    let sections = drawn.clone();
    Effect::new(move |_| {
        let on_screen = state.section.get();
        let mut budget = QUESTIONS_KEPT_DRAWN;
        let mut fits = |s: &usize, always: bool| {
            let size = sections[*s].len();
            let fits = always || size <= budget;
            budget = budget.saturating_sub(size);
            fits
        };
        let (ahead, behind): (Vec<usize>, Vec<usize>) = visible_sections.with(|v| {
            let ahead: Vec<usize> = v
                .iter()
                .filter(|s| **s > on_screen)
                .enumerate()
                .take_while(|(n, s)| fits(s, *n == 0))
                .map(|(_, s)| *s)
                .collect();
            let behind = v
                .iter()
                .rev()
                .filter(|s| **s < on_screen)
                .take_while(|s| fits(s, false))
                .copied()
                .collect();
            (ahead, behind)
        });
        for (s, questions) in sections.iter().enumerate() {
            let keep = s == on_screen || ahead.contains(&s) || behind.contains(&s);
            for question in questions {
                if s == on_screen && !question.get_untracked() {
                    question.set(true);
                } else if !keep && question.get_untracked() {
                    question.set(false);
                }
            }
        }
        round.update_value(|r| *r += 1);
        let queue: Vec<RwSignal<bool>> = ahead
            .iter()
            .flat_map(|s| sections[*s].iter().copied())
            .filter(|q| !q.get_untracked())
            .collect();
        let this_round = round.get_value();
        // Not before the section on screen is: its frame comes first.
        request_animation_frame(move || {
            draw_ahead(
                Drawing {
                    round,
                    this_round,
                    pace,
                },
                queue,
            )
        });
    });
    drawn
        .into_iter()
        .enumerate()
        .map(|(section, drawn)| view! { <SectionView section drawn/> })
        .collect_view()
}

/// A round of drawing ahead: the round it is, the one under way, and the milliseconds one
/// question took to draw, as last measured.
#[derive(Clone, Copy)]
struct Drawing {
    round: StoredValue<u64>,
    this_round: u64,
    pace: StoredValue<f64>,
}

/// Draws the questions of `queue` not yet drawn, in order, as many as an idle moment holds,
/// and leaves the rest for the next one. It ends when all are drawn, when the round is over
/// (another section came on screen) or when the sections were drawn anew.
fn draw_ahead(drawing: Drawing, mut queue: Vec<RwSignal<bool>>) {
    queue.reverse();
    page::when_idle(move |idle| draw_some(drawing, queue, idle));
}

/// One idle moment of [`draw_ahead`]: as many questions as its time holds at the pace last
/// measured, then the next moment.
fn draw_some(drawing: Drawing, mut queue: Vec<RwSignal<bool>>, idle: page::Idle) {
    let pace = drawing.pace.try_get_value().unwrap_or(ONE_QUESTION_MS);
    let count = QUESTIONS_PER_IDLE_MOMENT.max((idle.left_ms() / pace) as usize);
    let started = clock::page_ms();
    let mut drawn = 0;
    while drawn < count {
        if drawing.round.try_get_value() != Some(drawing.this_round) {
            return;
        }
        let Some(question) = queue.pop() else {
            break;
        };
        match question.try_get_untracked() {
            None => return,
            Some(true) => {}
            Some(false) => {
                question.set(true);
                drawn += 1;
            }
        }
    }
    if drawn > 0 {
        // Queued behind the drawing the questions just asked for: it runs once they are drawn.
        leptos::task::spawn_local(async move {
            let took = (clock::page_ms() - started) / drawn as f64;
            drawing.pace.try_set_value(took.clamp(0.25, 50.0));
        });
    }
    if !queue.is_empty() {
        page::when_idle(move |idle| draw_some(drawing, queue, idle));
    }
}

/// One section: its title, description and the questions drawn so far; hidden while another
/// section is on screen.
#[component]
fn SectionView(section: usize, drawn: Vec<RwSignal<bool>>) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<SurveyState>();
    let form = state.form.get_value();
    let Some(spec) = form.sections().get(section).cloned() else {
        return ().into_any();
    };
    let title = spec.title.clone();
    let description = spec.description.clone();
    view! {
        <fieldset class="section" data-section=spec.id.clone()
            hidden=move || state.section.get() != section
            disabled=move || !state.editable()>
            <legend>
                <h3>{move || title.get(i18n.lang()).to_string()}</h3>
            </legend>
            {description.map(|d| view! { <p class="section-description">{move || d.get(i18n.lang()).to_string()}</p> })}
            {spec
                .questions
                .iter()
                .zip(drawn)
                .map(|(q, drawn)| {
                    let id = q.id.clone();
                    move || drawn.get().then(|| view! { <Field id=id.clone() within=Vec::new()/> }.into_any())
                })
                .collect_view()}
        </fieldset>
    }
    .into_any()
}

#[component]
fn StatusLine() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<SurveyState>();
    let status_text = move || match state.status() {
        Status::Draft => i18n.t(Msg::StatusDraft),
        Status::Finalised => i18n.t(Msg::StatusFinalised),
        Status::Exported => i18n.t(Msg::StatusExported),
    };
    view! {
        <div class="status-line">
            <span class="revision" id="submission-revision">
                {move || Msg::RevisionLabel.with(i18n.lang(), &[("n", &i18n.number((state.submission.with(|s| s.revision)) as u64))])}
            </span>
            <span class="badge" id="submission-status" data-status=move || format!("{:?}", state.status()).to_ascii_lowercase()
                data-id=move || state.submission.with(|s| s.id.clone())>
                {status_text}
            </span>
            <span class="save-status" id="save-status" role="status" aria-live="polite"
                data-state=move || match state.save_status.get() {
                    SaveStatus::Saved => "saved",
                    SaveStatus::Pending => "pending",
                    SaveStatus::Failed(_) => "failed",
                }
            >
                {move || match state.save_status.get() {
                    SaveStatus::Saved => i18n.t(Msg::SavedOnDevice),
                    SaveStatus::Pending => i18n.t(Msg::SavePending),
                    SaveStatus::Failed(msg) => i18n.t(msg),
                }}
            </span>
        </div>
    }
}

/// The list of issues after a finalise attempt, each a button that opens its question.
#[component]
fn IssueSummary() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<SurveyState>();
    let shown = move || {
        state.show_all_issues.get() && state.editable() && state.issues.with(|i| !i.is_empty())
    };
    view! {
        <Show when=shown>
            <div class="issue-summary" id="issue-summary" role="alert" tabindex="-1">
                <h3>{move || Msg::IssuesTitle.with(i18n.lang(), &[("n", &i18n.number((state.issues.with(Vec::len)) as u64))])}</h3>
                <p>{move || i18n.t(Msg::IssuesHelp)}</p>
                <ul>
                    {move || state.issues.get().into_iter().map(|issue| view! { <IssueLink issue/> }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}

#[component]
fn IssueLink(issue: Issue) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<SurveyState>();
    let form = state.form.get_value();
    let question = form.question(&issue.path.question).cloned();
    let node = form.node(&issue.path.question).cloned();
    let section_title = node
        .as_ref()
        .map(|n| form.sections()[n.section].title.clone())
        .unwrap_or_default();
    let label = question.map(|q| q.label).unwrap_or_default();
    let target = issue.path.dom_id();
    let problem = issue.problem.clone();
    let rows = issue.path.clone();
    let go = move |_| {
        if let Some(node) = &node {
            state.section.set(node.section);
        }
        let target = target.clone();
        request_animation_frame(move || page::show_and_focus(&target));
    };
    view! {
        <li>
            <button type="button" class="issue-link" on:click=go>
                <span class="issue-where">
                    {move || section_title.get(i18n.lang()).to_string()} " › " {move || label.get(i18n.lang()).to_string()}
                    {move || rows.rows_shown(i18n.lang()).map(|r| format!(" ({r})"))}
                </span>
                ": "
                <span class="issue-problem">{move || problem.message(i18n.lang())}</span>
            </button>
        </li>
    }
}

#[component]
fn Actions() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<SurveyState>();
    let finalise = move |_| {
        if state.finalise().is_err() {
            request_animation_frame(|| page::show_and_focus("issue-summary"));
        }
    };
    let slot = expect_context::<SurveySlot>();
    let start_new = move |_| {
        // A draft nobody answered is already a new submission; a draft with answers is
        // left only when the person says so.
        if state.editable() {
            if state.is_blank() {
                state.section.set(0);
                page::scroll_to_top();
                return;
            }
            let asked = page::confirm(i18n.t(Msg::ConfirmNewSubmission));
            if !asked {
                return;
            }
        }
        let areas = state.areas.get_value();
        leptos::task::spawn_local(async move {
            let next = start_new(areas).await.map(SurveyState::new);
            slot.0.set(Some(next));
            page::scroll_to_top();
        });
    };
    view! {
        <div class="form-actions">
            <Show
                when=move || state.editable()
                fallback=move || view! {
                    <p class="notice" id="finalised-notice">{move || i18n.t(Msg::FinalisedNotice)}</p>
                    <a class="button-link" id="go-export" href=route::href(Page::Export)>{move || i18n.t(Msg::FinalisedExport)}</a>
                    <button type="button" class="secondary" id="reopen" on:click=move |_| state.reopen()>
                        {move || i18n.t(Msg::Reopen)}
                    </button>
                }
            >
                <button type="button" id="finalise" on:click=finalise>{move || i18n.t(Msg::Finalise)}</button>
            </Show>
            <button type="button" class="secondary" id="new-submission" on:click=start_new>
                {move || i18n.t(Msg::NewSubmission)}
            </button>
        </div>
    }
}

/// The answers changed in two tabs at once: each with both values and the choice.
#[component]
fn ContestedAnswers() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<SurveyState>();
    view! {
        <Show when=move || state.contested.with(|c| !c.is_empty())>
            <div class="contested" id="contested" role="alert">
                <h3>{move || i18n.t(Msg::ContestedTitle)}</h3>
                <p>{move || i18n.t(if state.editable() { Msg::ContestedHelp } else { Msg::ContestedHelpReopen })}</p>
                <ul>
                    {move || state.contested.get().into_iter().map(|c| view! { <ContestedItem contested=c/> }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}

#[component]
fn ContestedItem(contested: ContestedAnswer) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<SurveyState>();
    let form = state.form.get_value();
    let label = form
        .question(&contested.at.question)
        .map(|q| q.label.clone())
        .unwrap_or_default();
    let rows = contested.at.path();
    let at = StoredValue::new(contested.at.clone());
    let here = Memo::new(move |_| {
        state
            .answers
            .with(|answers| at.with_value(|at| at.read(answers).cloned()))
    });
    let other = contested.other.clone();
    let show = move |answer: Option<Answer>, lang: Lang| {
        answer.map_or_else(
            || Msg::ContestedBlank.text(lang).to_string(),
            |a| {
                a.shown(
                    Some(&state.form.get_value()),
                    &at.get_value().question,
                    lang,
                )
            },
        )
    };
    let other_text = move || show(other.clone(), i18n.lang());
    view! {
        <li class="contested-answer" data-question=contested.at.question.clone()>
            <strong>{move || label.get(i18n.lang()).to_string()}
                {move || rows.rows_shown(i18n.lang()).map(|r| format!(" ({r})"))}
            </strong>
            <dl>
                <dt>{move || i18n.t(Msg::ContestedKept)}</dt>
                <dd dir="auto" class="kept-value">{move || show(here.get(), i18n.lang())}</dd>
                <dt>{move || i18n.t(Msg::ContestedOther)}</dt>
                <dd dir="auto" class="other-value">{other_text}</dd>
            </dl>
            <button type="button" class="secondary keep-kept" on:click=move |_| state.settle_contested(&at.get_value(), false)>
                {move || i18n.t(Msg::ContestedKeep)}
            </button>
            <Show when=move || state.editable()>
                <button type="button" class="secondary take-other" on:click=move |_| state.settle_contested(&at.get_value(), true)>
                    {move || i18n.t(Msg::ContestedTakeOther)}
                </button>
            </Show>
        </li>
    }
}
