//! The area question: governorate → district → sub-district → community from the area list,
//! each level offered once the one above is chosen, and a name typed by hand for a place the
//! list does not have. The answer keeps the most precise code chosen.

use leptos::prelude::*;

use crate::core::answers::Answer;
use crate::core::areas::LEVELS;
use crate::core::i18n::Msg;
use crate::state::survey::SurveyState;
use crate::ui::fields::InputCtx;
use crate::ui::i18n::use_i18n;

const LEVEL_NAMES: [Msg; 4] = [
    Msg::AreaGovernorate,
    Msg::AreaDistrict,
    Msg::AreaSubDistrict,
    Msg::AreaCommunity,
];

/// The cascading area picker.
#[component]
pub fn AreaInput(ctx: InputCtx) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<SurveyState>();
    let areas = state.areas.get_value();
    let (initial_code, initial_name) = match ctx.answer(&state) {
        Some(Answer::Area { code, name }) => (code, name),
        _ => (String::new(), String::new()),
    };
    let chosen = RwSignal::new(
        areas
            .path(&initial_code)
            .iter()
            .map(|a| a.code.clone())
            .collect::<Vec<String>>(),
    );
    let name = StoredValue::new(initial_name.clone());
    let save = move || {
        let code = chosen.with_untracked(|c| c.last().cloned().unwrap_or_default());
        ctx.write(
            &state,
            Answer::Area {
                code,
                name: name.get_value(),
            },
        );
    };
    let base = ctx.id();
    let source = areas.source().clone();
    view! {
        <div class="area-picker" role="group" aria-labelledby=format!("{base}-label") aria-describedby=ctx.described_by.get_value()>
            {LEVELS
                .iter()
                .enumerate()
                .map(|(depth, _)| {
                    let areas = areas.clone();
                    let id = if depth == 0 { base.clone() } else { format!("{base}-level-{depth}") };
                    let options = Memo::new(move |_| {
                        chosen.with(|c| {
                            let parent = if depth == 0 { None } else { c.get(depth - 1).map(String::as_str) };
                            if depth > 0 && parent.is_none() {
                                return Vec::new();
                            }
                            areas
                                .children(parent)
                                .into_iter()
                                .map(|a| (a.code.clone(), a.name.clone()))
                                .collect::<Vec<_>>()
                        })
                    });
                    let on_change = move |ev| {
                        let value = event_target_value(&ev);
                        chosen.update(|c| {
                            c.truncate(depth);
                            if !value.is_empty() {
                                c.push(value);
                            }
                        });
                        save();
                    };
                    view! {
                        <Show when=move || options.with(|o| !o.is_empty())>
                            <label class="area-level">
                                <span>{move || i18n.t(LEVEL_NAMES[depth])}</span>
                                <select
                                    id=id.clone()
                                    data-level=depth + 1
                                    aria-invalid=move || ctx.invalid.get().then_some("true")
                                    on:change=on_change
                                >
                                    <option value="">{move || i18n.t(Msg::ChooseOne)}</option>
                                    {move || {
                                        let selected = chosen.with_untracked(|c| c.get(depth).cloned()).unwrap_or_default();
                                        options
                                            .get()
                                            .into_iter()
                                            .map(|(code, label)| {
                                                let is_selected = code == selected;
                                                view! {
                                                    <option value=code.clone() selected=is_selected>
                                                        {move || label.get(i18n.lang()).to_string()}
                                                        " (" {code.clone()} ")"
                                                    </option>
                                                }
                                            })
                                            .collect_view()
                                    }}
                                </select>
                            </label>
                        </Show>
                    }
                })
                .collect_view()}
            <label class="area-level">
                <span>{move || i18n.t(Msg::AreaNotListed)}</span>
                <input
                    type="text"
                    id=format!("{base}-name")
                    dir="auto"
                    autocomplete="off"
                    prop:value=initial_name
                    on:input=move |ev| {
                        name.set_value(event_target_value(&ev));
                        save();
                    }
                />
            </label>
            <p class="area-source">
                {move || i18n.t(Msg::AreaSource)} ": " {move || source.get(i18n.lang()).to_string()}
            </p>
        </div>
    }
}
