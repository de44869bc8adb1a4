//! Chosen answers: one value from a list (radio buttons, a drop-down, a severity scale, yes or
//! no) or several (check boxes, kept in the list's order).

use leptos::prelude::*;

use crate::core::answers::Answer;
use crate::core::i18n::{Lang, Msg};
use crate::core::schema::{Appearance, Choice, Kind, Question, Text};
use crate::state::survey::SurveyState;
use crate::ui::components::choice_options;
use crate::ui::fields::InputCtx;
use crate::ui::i18n::use_i18n;

/// The two choices of a yes/no question.
pub fn yes_no() -> Vec<Choice> {
    let both = |msg: Msg| Text {
        ar: msg.text(Lang::Ar).into(),
        en: msg.text(Lang::En).into(),
    };
    vec![
        Choice {
            value: "yes".into(),
            label: both(Msg::Yes),
            columns: Default::default(),
        },
        Choice {
            value: "no".into(),
            label: both(Msg::No),
            columns: Default::default(),
        },
    ]
}

/// A single choice of more choices than this is drawn as a drop-down unless its appearance
/// says radio buttons: a list of villages read from a file would be a page of radio buttons.
const LONG_LIST: usize = 20;

/// True when a single choice of `choices` choices is drawn as a drop-down.
pub fn is_dropdown(question: &Question, choices: usize) -> bool {
    question.kind == Kind::SelectOne
        && match question.appearance {
            Some(Appearance::Dropdown) => true,
            Some(Appearance::Radio) => false,
            None => choices > LONG_LIST,
        }
}

pub fn dropdown(ctx: InputCtx, choices: Vec<Choice>) -> impl Fn() -> AnyView + Clone {
    move || {
        let state = expect_context::<SurveyState>();
        let initial = ctx.initial_text(&state);
        let described = ctx.described();
        view! {
            <select
                id=ctx.id()
                {..described}
                on:change=move |ev| ctx.write(&state, Answer::Text(event_target_value(&ev)))
            >
                {choice_options(&choices, &initial, ctx.offered(&state))}
            </select>
        }
        .into_any()
    }
}

pub fn radios(ctx: InputCtx, choices: Vec<Choice>, scale: bool) -> impl Fn() -> AnyView + Clone {
    move || {
        let i18n = use_i18n();
        let state = expect_context::<SurveyState>();
        let initial = ctx.initial_text(&state);
        let name = ctx.id();
        let described = ctx.described();
        let offered = ctx.offered(&state);
        view! {
            <div
                class="choices"
                class:scale=scale
                role="radiogroup"
                aria-labelledby=format!("{name}-label")
                {..described}
            >
                {choices
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let label = c.label.clone();
                        let value = c.value.clone();
                        let id = if i == 0 { name.clone() } else { format!("{name}-{i}") };
                        let shown = {
                            let offered = offered.clone();
                            move || !offered(i)
                        };
                        view! {
                            <label class="choice" data-value=c.value.clone() hidden=shown>
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

pub fn checkboxes(ctx: InputCtx, choices: Vec<Choice>) -> impl Fn() -> AnyView + Clone {
    move || {
        let i18n = use_i18n();
        let state = expect_context::<SurveyState>();
        let initial = ctx.answer(&state).map(|a| a.choices()).unwrap_or_default();
        let name = ctx.id();
        let order: Vec<String> = choices.iter().map(|c| c.value.clone()).collect();
        let offered = ctx.offered(&state);
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
                        let (values, still_offered) = (order.clone(), offered.clone());
                        let id = if i == 0 { name.clone() } else { format!("{name}-{i}") };
                        let toggle = move |ev: leptos::ev::Event| {
                            let on = event_target_checked(&ev);
                            let mut ticked = ctx.answer(&state).map(|a| a.choices()).unwrap_or_default();
                            // A value the choice filter no longer offers cannot be unticked on
                            // screen: it goes with this change.
                            ticked.retain(|v| {
                                *v != value
                                    && values.iter().enumerate().any(|(j, w)| w == v && still_offered(j))
                            });
                            if on {
                                ticked.push(value.clone());
                            }
                            crate::core::order::sort_by_key(&mut ticked, |v| order.iter().position(|o| o == v));
                            ctx.write(&state, Answer::Choices(ticked));
                        };
                        let shown = {
                            let offered = offered.clone();
                            move || !offered(i)
                        };
                        view! {
                            <label class="choice" data-value=c.value.clone() hidden=shown>
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
