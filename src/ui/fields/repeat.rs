//! A repeat group: its instances, each with the group's questions (a repeat group among them
//! drawn the same way inside the instance), and buttons to add and remove instances. The list
//! is drawn again only when the number of instances changes.

use leptos::prelude::*;

use crate::core::answers::{instance, Answer};
use crate::core::i18n::Msg;
use crate::core::schema::Question;
use crate::state::survey::SurveyState;
use crate::ui::fields::{Field, InputCtx};
use crate::ui::i18n::use_i18n;

/// The instances of a repeat group.
#[component]
pub fn RepeatField(question: Question, ctx: InputCtx) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<SurveyState>();
    let group = question.id.clone();
    let within = ctx.target.with_value(|t| t.within.clone());
    let count = Memo::new({
        let (group, within) = (group.clone(), within.clone());
        move |_| {
            state.answers.with(|answers| {
                match instance(answers, &within).and_then(|a| a.get(&group)) {
                    Some(Answer::Rows(rows)) => rows.len(),
                    _ => 0,
                }
            })
        }
    });
    // A count worked out from answers stands in for max_count: its message says how many.
    let max = question
        .max_count
        .filter(|_| question.count.is_none())
        .map(|m| m as usize);
    let children: Vec<String> = question.questions.iter().map(|q| q.id.clone()).collect();
    let add_group = group.clone();
    let add_within = within.clone();
    view! {
        <div class="repeat" role="group" aria-labelledby=format!("{}-label", ctx.id()) aria-describedby=ctx.described_by.get_value()>
            {move || {
                (0..count.get())
                    .map(|row| {
                        let mut inside = within.clone();
                        inside.push((group.clone(), row));
                        let remove_group = group.clone();
                        let remove_within = within.clone();
                        view! {
                            <div class="repeat-row" data-row=row>
                                <p class="repeat-title">{move || Msg::RowNumber.with(i18n.lang(), &[("n", &i18n.number((row + 1) as u64))])}</p>
                                {children
                                    .iter()
                                    .map(|child| view! { <Field id=child.clone() within=inside.clone()/> })
                                    .collect_view()}
                                <button
                                    type="button"
                                    class="secondary remove-row"
                                    on:click=move |_| state.remove_row(&remove_within, &remove_group, row)
                                >
                                    {move || i18n.t(Msg::RemoveRow)}
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <button
                type="button"
                class="secondary add-row"
                id=format!("{}-add", ctx.id())
                disabled=move || max.is_some_and(|m| count.get() >= m)
                on:click=move |_| {
                    state.add_row(&add_within, &add_group);
                    ctx.touched.set(true);
                }
            >
                "+ " {move || i18n.t(Msg::AddRow)}
            </button>
        </div>
    }
}
