//! A calculated answer: shown, never typed, worked out from the answers it reads.

use leptos::prelude::*;

use crate::core::answers::AnswerScope;
use crate::core::i18n::Msg;
use crate::state::survey::SurveyState;
use crate::ui::fields::InputCtx;
use crate::ui::i18n::use_i18n;

/// The calculated value, kept up to date.
pub fn value(ctx: InputCtx) -> impl Fn() -> AnyView + Clone {
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
