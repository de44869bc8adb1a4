//! Typed answers: one line (text, a phone number, numbers, a date) or several lines. The answer
//! is kept as typed; validation reads numbers from it.

use leptos::prelude::*;

use crate::core::answers::Answer;
use crate::state::survey::SurveyState;
use crate::ui::fields::InputCtx;

/// How a typed answer is entered.
#[derive(Clone, Copy)]
pub enum Typed {
    /// One line: an `<input>` of this type, with the keyboard `inputmode` asks for on phones.
    Line {
        kind: &'static str,
        inputmode: Option<&'static str>,
    },
    /// Several lines: a `<textarea>`.
    Lines,
}

impl Typed {
    pub fn line(kind: &'static str, inputmode: Option<&'static str>) -> Typed {
        Typed::Line { kind, inputmode }
    }
}

/// The input of a typed answer; every keystroke writes the answer.
pub fn typed(ctx: InputCtx, shape: Typed) -> impl Fn() -> AnyView + Clone {
    move || {
        let state = expect_context::<SurveyState>();
        let initial = ctx.initial_text(&state);
        let write = move |ev: leptos::ev::Event| {
            ctx.target
                .with_value(|t| state.set_answer_at(t, Answer::Text(event_target_value(&ev))))
        };
        let touched = move |_| ctx.touched.set(true);
        let described = ctx.described();
        match shape {
            Typed::Line { kind, inputmode } => view! {
                <input type=kind id=ctx.id() {..described} inputmode=inputmode autocomplete="off"
                    dir="auto" prop:value=initial on:input=write on:change=touched/>
            }
            .into_any(),
            Typed::Lines => view! {
                <textarea id=ctx.id() {..described} rows="4" dir="auto"
                    prop:value=initial on:input=write on:change=touched></textarea>
            }
            .into_any(),
        }
    }
}
