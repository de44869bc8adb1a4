//! Small pieces several pages and fields share: the options of a choice list, of the six
//! sectors and of the governorates and their districts, a radio button bound to a signal, and
//! the file picked in a file input.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::areas::AreaList;
use crate::core::i18n::Msg;
use crate::core::schema::Choice;
use crate::core::sector::Sector;
use crate::ui::i18n::use_i18n;

/// The `<option>`s of a choice list, after an empty "Choose…", with `selected` chosen.
pub fn choice_options(
    choices: &[Choice],
    selected: &str,
    offered: impl Fn(usize) -> bool + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = choices
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let label = c.label.clone();
            let hidden = {
                let offered = offered.clone();
                move || !offered(i)
            };
            view! {
                <option value=c.value.clone() selected=selected == c.value hidden=hidden>
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

/// The six sectors as options of a select, by key.
#[component]
pub fn SectorOptions() -> impl IntoView {
    let i18n = use_i18n();
    Sector::ALL
        .map(|s| view! { <option value=s.key()>{move || i18n.t(s.name())}</option> })
        .collect_view()
}

/// The governorates and their districts as options of a select, by P-code.
#[component]
pub fn AreaOptions(areas: RwSignal<AreaList>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang();
        areas.with(|list| {
            list.children(None)
                .into_iter()
                .flat_map(|gov| {
                    let districts = list.children(Some(&gov.code));
                    std::iter::once((gov.code.clone(), gov.name.get(lang).to_string()))
                        .chain(districts.into_iter().map(|d| {
                            (
                                d.code.clone(),
                                format!("{} › {}", gov.name.get(lang), d.name.get(lang)),
                            )
                        }))
                        .collect::<Vec<_>>()
                })
                .map(|(code, name)| view! { <option value=code>{name}</option> })
                .collect_view()
        })
    }
}

/// A radio button of the group `name` that sets `chosen` to `value` and shows whether it is
/// the one chosen.
pub fn radio<T>(
    chosen: RwSignal<T>,
    name: &'static str,
    value: T,
    id: &'static str,
    msg: Msg,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <label class="choice">
            <input type="radio" name=name id=id
                prop:checked=move || chosen.get() == value
                on:change=move |_| chosen.set(value)/>
            <span>{move || i18n.t(msg)}</span>
        </label>
    }
}

/// The file picked in a file input, which is then emptied so the same file can be picked again.
pub fn take_picked_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    take_picked_files(ev).into_iter().next()
}

/// The files picked in a file input (`multiple`), which is then emptied.
pub fn take_picked_files(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = input.files();
    let picked = files
        .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
        .unwrap_or_default();
    input.set_value("");
    picked
}
