//! A calculated answer: shown, never typed, worked out from the answers it reads.

use leptos::prelude::*;

use crate::core::i18n::Msg;
use crate::core::reconcile::AnswerAt;
use crate::state::survey::SurveyState;
use crate::ui::fields::InputCtx;
use crate::ui::i18n::use_i18n;

/// The calculated value, kept up to date.
pub fn value(ctx: InputCtx) -> impl Fn() -> AnyView + Clone {
    move || {
        let i18n = use_i18n();
        let state = expect_context::<SurveyState>();
        let verdict = state.verdict(&ctx.target.with_value(AnswerAt::path));
        let value = Memo::new(move |_| verdict.with(|v| v.calculated.clone().unwrap_or_default()));
        view! {
            <output id=ctx.id() class="calculated" title=move || i18n.t(Msg::CalculatedValue)>{move || value.get()}</output>
        }
        .into_any()
    }
}
