//! One question on screen, whatever its kind: label, hint, the input for its kind, and its
//! message. Each field reads the answers once to fill its input and then only writes; its
//! relevance and its message are small memos, so typing in one field never re-renders others.

use leptos::prelude::*;

use crate::core::answers::{Answer, AnswerScope, Answers};
use crate::core::i18n::Msg;
use crate::core::schema::{Appearance, Choice, Kind, Question};
use crate::core::validate::{is_relevant, AnswerPath, Problem};
use crate::platform::geo;
use crate::state::survey::SurveyState;
use crate::ui::i18n::use_i18n;
use crate::ui::survey::area::AreaInput;
use crate::ui::survey::repeat::RepeatField;

/// Which answer a field edits: a question, inside one repeat instance or not.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub id: String,
    pub row: Option<(String, usize)>,
}

impl Target {
    /// The answer as it is now.
    pub fn read(&self, answers: &Answers) -> Option<Answer> {
        match &self.row {
            None => answers.get(&self.id).cloned(),
            Some((group, row)) => match answers.get(group) {
                Some(Answer::Rows(rows)) => rows.get(*row).and_then(|r| r.get(&self.id)).cloned(),
                _ => None,
            },
        }
    }

    /// Stores a new answer.
    pub fn write(&self, state: &SurveyState, answer: Answer) {
        match &self.row {
            None => state.set_answer(&self.id, answer),
            Some((group, row)) => state.set_row_answer(group, *row, &self.id, answer),
        }
    }

    /// The answer's path, as validation names it.
    pub fn path(&self) -> AnswerPath {
        AnswerPath {
            question: self.id.clone(),
            row: self.row.as_ref().map(|(_, r)| *r),
        }
    }
}

/// What an input needs: where its answer goes and how it is described.
#[derive(Clone, Copy)]
pub struct InputCtx {
    pub target: StoredValue<Target>,
    pub dom_id: StoredValue<String>,
    pub described_by: StoredValue<String>,
    pub touched: RwSignal<bool>,
    pub invalid: Signal<bool>,
    pub required: bool,
}

impl InputCtx {
    /// The answer now, without tracking it: to fill an input when it is drawn, or to toggle
    /// one choice of several.
    pub fn answer(&self, state: &SurveyState) -> Option<Answer> {
        state
            .answers
            .with_untracked(|answers| self.target.with_value(|t| t.read(answers)))
    }

    /// Writes an answer and marks the field as touched.
    pub fn write(&self, state: &SurveyState, answer: Answer) {
        self.target.with_value(|t| t.write(state, answer));
        self.touched.set(true);
    }

    /// The input's id.
    pub fn id(&self) -> String {
        self.dom_id.get_value()
    }
}

/// One question.
#[component]
pub fn Field(id: String, row: Option<(String, usize)>) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<SurveyState>();
    let form = state.form.get_value();
    let Some(question) = form.question(&id).cloned() else {
        return ().into_any();
    };
    let target = Target {
        id: id.clone(),
        row,
    };
    let path = target.path();
    let dom_id = path.dom_id();
    let target = StoredValue::new(target);

    let relevant = Memo::new(move |_| {
        state.answers.with(|answers| {
            state.form.with_value(|form| {
                state.today.with_value(|today| {
                    target.with_value(|t| {
                        let scope = AnswerScope::new(form, answers, today);
                        match &t.row {
                            None => is_relevant(form, &t.id, &scope),
                            Some((group, r)) => match answers.get(group) {
                                Some(Answer::Rows(rows)) => rows.get(*r).is_some_and(|instance| {
                                    is_relevant(form, &t.id, &scope.in_row(group, instance))
                                }),
                                _ => false,
                            },
                        }
                    })
                })
            })
        })
    });
    let touched = RwSignal::new(false);
    let issue = Memo::new(move |_| {
        state.issues.with(|issues| {
            issues
                .iter()
                .find(|i| i.path == path)
                .map(|i| i.problem.clone())
        })
    });
    let shown_issue = Signal::derive(move || {
        if touched.get() || state.show_all_issues.get() {
            issue.get()
        } else {
            None
        }
    });
    let has_hint = question.hint.is_some();
    let described_by = [
        has_hint.then(|| format!("{dom_id}-hint")),
        Some(format!("{dom_id}-error")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let ctx = InputCtx {
        target,
        dom_id: StoredValue::new(dom_id.clone()),
        described_by: StoredValue::new(described_by),
        touched,
        invalid: Signal::derive(move || shown_issue.with(Option::is_some)),
        required: question.required,
    };
    let label = question.label.clone();
    let hint = question.hint.clone();
    let kind = question.kind.clone();
    // Kinds with one input take a <label for>; groups of inputs are labelled by id.
    let labelled_by_for = match kind {
        Kind::SelectOne => question.appearance == Some(Appearance::Dropdown),
        Kind::Text
        | Kind::LongText
        | Kind::Integer
        | Kind::Decimal
        | Kind::Percentage
        | Kind::Date
        | Kind::Phone => true,
        _ => false,
    };
    let label_id = format!("{dom_id}-label");
    let error_id = format!("{dom_id}-error");
    let required = question.required;
    let read_only = question.read_only;
    let question_id = question.id.clone();
    let kind_name = kind.name().to_string();
    let body = input_for(question, ctx);

    view! {
        <Show when=move || relevant.get()>
            <div
                class="question"
                class:has-issue=move || shown_issue.with(Option::is_some)
                data-question=question_id.clone()
                data-kind=kind_name.clone()
            >
                {
                    let label = label.clone();
                    let text = move || label.get(i18n.lang()).to_string();
                    let mark = move || {
                        required.then(|| view! {
                            <span class="required" aria-hidden="true">" *"</span>
                            <span class="visually-hidden">" " {move || i18n.t(Msg::RequiredMark)}</span>
                        })
                    };
                    if labelled_by_for {
                        view! { <label class="label" id=label_id.clone() for=dom_id.clone()>{text}{mark}</label> }.into_any()
                    } else {
                        view! { <span class="label" id=label_id.clone()>{text}{mark}</span> }.into_any()
                    }
                }
                {hint.clone().map(|h| view! {
                    <p class="hint" id=format!("{}-hint", dom_id)>{move || h.get(i18n.lang()).to_string()}</p>
                })}
                <fieldset class="answer" disabled=read_only>
                    {body.run()}
                </fieldset>
                <p class="message" id=error_id.clone() aria-live="polite">
                    {move || shown_issue.get().map(|p: Problem| p.message(i18n.lang()))}
                </p>
            </div>
        </Show>
    }
    .into_any()
}

/// The input for a question's kind.
fn input_for(question: Question, ctx: InputCtx) -> ViewFn {
    let state = expect_context::<SurveyState>();
    let form = state.form.get_value();
    let choices: Vec<Choice> = form.choices(&question).to_vec();
    if question.calculate.is_some() {
        return calculated(ctx).into();
    }
    match question.kind {
        Kind::Text => text_input(ctx, "text", None).into(),
        Kind::Phone => text_input(ctx, "tel", Some("tel")).into(),
        Kind::Integer => text_input(ctx, "text", Some("numeric")).into(),
        Kind::Decimal | Kind::Percentage => text_input(ctx, "text", Some("decimal")).into(),
        Kind::Date => text_input(ctx, "date", None).into(),
        Kind::LongText => long_text(ctx).into(),
        Kind::SelectOne if question.appearance == Some(Appearance::Dropdown) => {
            dropdown(ctx, choices).into()
        }
        Kind::SelectOne | Kind::Severity => {
            radios(ctx, choices, question.kind == Kind::Severity).into()
        }
        Kind::YesNo => {
            let yes_no = vec![
                Choice {
                    value: "yes".into(),
                    label: both(Msg::Yes),
                },
                Choice {
                    value: "no".into(),
                    label: both(Msg::No),
                },
            ];
            radios(ctx, yes_no, false).into()
        }
        Kind::SelectMany => checkboxes(ctx, choices).into(),
        Kind::Ranked => ranked(ctx, choices, question.max_choices.unwrap_or(3) as usize).into(),
        Kind::Area => (move || view! { <AreaInput ctx/> }).into(),
        Kind::Gps => gps(ctx).into(),
        Kind::Repeat => {
            let question = question.clone();
            (move || view! { <RepeatField question=question.clone() ctx/> }).into()
        }
        Kind::Note | Kind::Unknown(_) => (|| ()).into(),
    }
}

/// The `<option>`s of a choice list, after an empty "Choose…", with `selected` chosen.
pub fn choice_options(choices: &[Choice], selected: &str) -> impl IntoView {
    let i18n = use_i18n();
    let options = choices
        .iter()
        .map(|c| {
            let label = c.label.clone();
            view! {
                <option value=c.value.clone() selected=selected == c.value>
                    {move || label.get(i18n.lang()).to_string()}
                </option>
            }
        })
        .collect_view();
    view! {
        <option value="">{move || i18n.t(Msg::ChooseOne)}</option>
        {options}
    }
}

fn both(msg: Msg) -> crate::core::schema::Text {
    use crate::core::i18n::Lang;
    crate::core::schema::Text {
        ar: msg.text(Lang::Ar).into(),
        en: msg.text(Lang::En).into(),
    }
}

fn text_input(
    ctx: InputCtx,
    kind: &'static str,
    inputmode: Option<&'static str>,
) -> impl Fn() -> AnyView + Clone {
    move || {
        let state = expect_context::<SurveyState>();
        let initial = ctx
            .answer(&state)
            .map(|a| a.text().to_string())
            .unwrap_or_default();
        view! {
            <input
                type=kind
                id=ctx.id()
                inputmode=inputmode
                autocomplete="off"
                dir="auto"
                prop:value=initial
                aria-describedby=ctx.described_by.get_value()
                aria-invalid=move || ctx.invalid.get().then_some("true")
                aria-required=ctx.required.then_some("true")
                on:input=move |ev| ctx.target.with_value(|t| t.write(&state, Answer::Text(event_target_value(&ev))))
                on:change=move |_| ctx.touched.set(true)
            />
        }
        .into_any()
    }
}

fn long_text(ctx: InputCtx) -> impl Fn() -> AnyView + Clone {
    move || {
        let state = expect_context::<SurveyState>();
        let initial = ctx
            .answer(&state)
            .map(|a| a.text().to_string())
            .unwrap_or_default();
        view! {
            <textarea
                id=ctx.id()
                rows="4"
                dir="auto"
                prop:value=initial
                aria-describedby=ctx.described_by.get_value()
                aria-invalid=move || ctx.invalid.get().then_some("true")
                aria-required=ctx.required.then_some("true")
                on:input=move |ev| ctx.target.with_value(|t| t.write(&state, Answer::Text(event_target_value(&ev))))
                on:change=move |_| ctx.touched.set(true)
            ></textarea>
        }
        .into_any()
    }
}

fn dropdown(ctx: InputCtx, choices: Vec<Choice>) -> impl Fn() -> AnyView + Clone {
    move || {
        let state = expect_context::<SurveyState>();
        let initial = ctx
            .answer(&state)
            .map(|a| a.text().to_string())
            .unwrap_or_default();
        view! {
            <select
                id=ctx.id()
                aria-describedby=ctx.described_by.get_value()
                aria-invalid=move || ctx.invalid.get().then_some("true")
                aria-required=ctx.required.then_some("true")
                on:change=move |ev| ctx.write(&state, Answer::Text(event_target_value(&ev)))
            >
                {choice_options(&choices, &initial)}
            </select>
        }
        .into_any()
    }
}

fn radios(ctx: InputCtx, choices: Vec<Choice>, scale: bool) -> impl Fn() -> AnyView + Clone {
    move || {
        let i18n = use_i18n();
        let state = expect_context::<SurveyState>();
        let initial = ctx
            .answer(&state)
            .map(|a| a.text().to_string())
            .unwrap_or_default();
        let name = ctx.id();
        view! {
            <div
                class="choices"
                class:scale=scale
                role="radiogroup"
                aria-labelledby=format!("{name}-label")
                aria-describedby=ctx.described_by.get_value()
                aria-invalid=move || ctx.invalid.get().then_some("true")
                aria-required=ctx.required.then_some("true")
            >
                {choices
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let label = c.label.clone();
                        let value = c.value.clone();
                        let id = if i == 0 { name.clone() } else { format!("{name}-{i}") };
                        view! {
                            <label class="choice" data-value=c.value.clone()>
                                <input
                                    type="radio"
                                    id=id
                                    name=name.clone()
                                    value=c.value.clone()
                                    checked=initial == c.value
                                    on:change=move |_| ctx.write(&state, Answer::Text(value.clone()))
                                />
                                <span>{move || label.get(i18n.lang()).to_string()}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        }
        .into_any()
    }
}

fn checkboxes(ctx: InputCtx, choices: Vec<Choice>) -> impl Fn() -> AnyView + Clone {
    move || {
        let i18n = use_i18n();
        let state = expect_context::<SurveyState>();
        let initial = ctx.answer(&state).map(|a| a.choices()).unwrap_or_default();
        let name = ctx.id();
        let order: Vec<String> = choices.iter().map(|c| c.value.clone()).collect();
        view! {
            <div
                class="choices"
                role="group"
                aria-labelledby=format!("{name}-label")
                aria-describedby=ctx.described_by.get_value()
            >
                {choices
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let label = c.label.clone();
                        let value = c.value.clone();
                        let order = order.clone();
                        let id = if i == 0 { name.clone() } else { format!("{name}-{i}") };
                        let toggle = move |ev: leptos::ev::Event| {
                            let on = event_target_checked(&ev);
                            let mut ticked = ctx.answer(&state).map(|a| a.choices()).unwrap_or_default();
                            ticked.retain(|v| *v != value);
                            if on {
                                ticked.push(value.clone());
                            }
                            ticked.sort_by_key(|v| order.iter().position(|o| o == v));
                            ctx.write(&state, Answer::Choices(ticked));
                        };
                        view! {
                            <label class="choice" data-value=c.value.clone()>
                                <input
                                    type="checkbox"
                                    id=id
                                    value=c.value.clone()
                                    checked=initial.contains(&c.value)
                                    aria-invalid=move || ctx.invalid.get().then_some("true")
                                    on:change=toggle
                                />
                                <span>{move || label.get(i18n.lang()).to_string()}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        }
        .into_any()
    }
}

fn ranked(ctx: InputCtx, choices: Vec<Choice>, slots: usize) -> impl Fn() -> AnyView + Clone {
    move || {
        let i18n = use_i18n();
        let state = expect_context::<SurveyState>();
        let mut initial = ctx.answer(&state).map(|a| a.choices()).unwrap_or_default();
        initial.resize(slots, String::new());
        let picked = StoredValue::new(initial.clone());
        let name = ctx.id();
        view! {
            <div class="ranked" role="group" aria-labelledby=format!("{name}-label") aria-describedby=ctx.described_by.get_value()>
                {(0..slots)
                    .map(|slot| {
                        let id = if slot == 0 { name.clone() } else { format!("{name}-{slot}") };
                        let chosen = initial[slot].clone();
                        let choices = choices.clone();
                        view! {
                            <label class="rank">
                                <span>{move || i18n.t(Msg::Priority).replace("{n}", &(slot + 1).to_string())}</span>
                                <select
                                    id=id
                                    aria-invalid=move || ctx.invalid.get().then_some("true")
                                    on:change=move |ev| {
                                        let value = event_target_value(&ev);
                                        picked.update_value(|p| p[slot] = value);
                                        let ordered = picked.with_value(|p| p.iter().filter(|v| !v.is_empty()).cloned().collect());
                                        ctx.write(&state, Answer::Choices(ordered));
                                    }
                                >
                                    {choice_options(&choices, &chosen)}
                                </select>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        }
        .into_any()
    }
}

fn gps(ctx: InputCtx) -> impl Fn() -> AnyView + Clone {
    move || {
        let i18n = use_i18n();
        let state = expect_context::<SurveyState>();
        let failed = RwSignal::new(false);
        let point = Memo::new(move |_| {
            state
                .answers
                .with(|answers| ctx.target.with_value(|t| t.read(answers)))
        });
        let capture = move |_| {
            failed.set(false);
            leptos::task::spawn_local(async move {
                match geo::current_position().await {
                    Some((lat, lon, accuracy)) => ctx.write(
                        &state,
                        Answer::Point {
                            lat,
                            lon,
                            accuracy: Some(accuracy),
                        },
                    ),
                    None => failed.set(true),
                }
            });
        };
        view! {
            <div class="gps" role="group" aria-labelledby=format!("{}-label", ctx.id())>
                <button type="button" class="secondary" id=ctx.id() on:click=capture>
                    {move || i18n.t(Msg::GpsCapture)}
                </button>
                {move || match point.get() {
                    Some(Answer::Point { lat, lon, accuracy }) => view! {
                        <span class="gps-value" dir="ltr">{format!("{lat:.5}, {lon:.5}")}</span>
                        {accuracy.map(|a| view! {
                            <span class="gps-accuracy">{move || i18n.t(Msg::GpsAccuracy).replace("{n}", &format!("{a:.0}"))}</span>
                        })}
                        <button type="button" class="secondary" on:click=move |_| ctx.write(&state, Answer::Text(String::new()))>
                            {move || i18n.t(Msg::GpsClear)}
                        </button>
                    }
                    .into_any(),
                    _ => ().into_any(),
                }}
                <Show when=move || failed.get()>
                    <p class="message">{move || i18n.t(Msg::GpsFailed)}</p>
                </Show>
            </div>
        }
        .into_any()
    }
}

fn calculated(ctx: InputCtx) -> impl Fn() -> AnyView + Clone {
    move || {
        let i18n = use_i18n();
        let state = expect_context::<SurveyState>();
        let value = Memo::new(move |_| {
            state.answers.with(|answers| {
                state.form.with_value(|form| {
                    state.today.with_value(|today| {
                        ctx.target.with_value(|t| {
                            let expr = form.logic(&t.id).and_then(|l| l.calculate.as_ref());
                            let scope = AnswerScope::new(form, answers, today);
                            expr.map(|e| e.eval(&scope).as_text()).unwrap_or_default()
                        })
                    })
                })
            })
        });
        view! {
            <output id=ctx.id() class="calculated" title=move || i18n.t(Msg::CalculatedValue)>{move || value.get()}</output>
        }
        .into_any()
    }
}
