//! A ranked choice: the first, second, third… priority, each picked from the list.

use leptos::prelude::*;

use crate::core::answers::Answer;
use crate::core::i18n::Msg;
use crate::core::schema::Choice;
use crate::state::survey::SurveyState;
use crate::ui::components::choice_options;
use crate::ui::fields::InputCtx;
use crate::ui::i18n::use_i18n;

/// One drop-down per rank; the answer lists the picked values in order of rank.
pub fn slots(ctx: InputCtx, choices: Vec<Choice>, slots: usize) -> impl Fn() -> AnyView + Clone {
    move || {
        let i18n = use_i18n();
        let state = expect_context::<SurveyState>();
        let mut initial = ctx.answer(&state).map(|a| a.choices()).unwrap_or_default();
        initial.resize(slots, String::new());
        let picked = StoredValue::new(initial.clone());
        let name = ctx.id();
        let offered = ctx.offered(&state);
        view! {
            <div class="ranked" role="group" aria-labelledby=format!("{name}-label") aria-describedby=ctx.described_by.get_value()>
                {(0..slots)
                    .map(|slot| {
                        let id = if slot == 0 { name.clone() } else { format!("{name}-{slot}") };
                        let chosen = initial[slot].clone();
                        let choices = choices.clone();
                        view! {
                            <label class="rank">
                                <span>{move || Msg::Priority.with(i18n.lang(), &[("n", &i18n.number((slot + 1) as u64))])}</span>
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
                                    {choice_options(&choices, &chosen, offered.clone())}
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
