//! One question on screen, whatever its kind: label, hint, the input for its kind, and its
//! message. Each kind's input is a module of its own; `input` holds what they all are given.
//! Each field reads the answers once to fill its input and then only writes; its relevance and
//! its message follow its own verdict (`SurveyState::verdict`), which only the edits that
//! change it notify, so typing in one field never re-runs anything of the others.

mod area;
mod barcode;
mod calculated;
mod choice;
mod gps;
mod input;
mod media;
mod ranked;
mod repeat;
mod text;

use leptos::prelude::*;

use crate::core::i18n::Msg;
use crate::core::reconcile::AnswerAt;
use crate::core::schema::{Choice, Kind, Question};
use crate::core::submission::contested_issues;
use crate::core::validate::Problem;
use crate::state::survey::SurveyState;
use crate::ui::i18n::use_i18n;

pub use input::InputCtx;
use text::Typed;

/// One question; `within` names its repeat instance (see `AnswerAt`).
#[component]
pub fn Field(id: String, within: Vec<(String, usize)>) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<SurveyState>();
    let form = state.form.get_value();
    let Some(question) = form.question(&id).cloned() else {
        return ().into_any();
    };
    let target = AnswerAt {
        question: id.clone(),
        within,
    };
    let path = target.path();
    let dom_id = path.dom_id();
    let target = StoredValue::new(target);

    let verdict = state.verdict(&path);
    let relevant = Memo::new({
        let verdict = verdict.clone();
        move |_| verdict.with(|v| v.relevant)
    });
    let required = Memo::new({
        let verdict = verdict.clone();
        move |_| verdict.with(|v| v.required)
    });
    let touched = RwSignal::new(false);
    let contested = Memo::new({
        let path = path.clone();
        move |_| {
            state
                .contested
                .with(|c| contested_issues(c).iter().any(|i| i.path == path))
        }
    });
    let issue = Memo::new(move |_| {
        if contested.get() {
            Some(Problem::Contested)
        } else {
            verdict.with(|v| v.problem.clone())
        }
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
        required: required.into(),
    };
    let label = question.label.clone();
    let hint = question.hint.clone();
    let kind = question.kind.clone();
    // Kinds with one input take a <label for>; groups of inputs are labelled by id.
    let labelled_by_for = match kind {
        Kind::SelectOne => choice::is_dropdown(&question, form.choices(&question).len()),
        Kind::Text
        | Kind::LongText
        | Kind::Integer
        | Kind::Decimal
        | Kind::Percentage
        | Kind::Date
        | Kind::Time
        | Kind::DateTime
        | Kind::Barcode
        | Kind::Phone => true,
        _ => false,
    };
    let label_id = format!("{dom_id}-label");
    let error_id = format!("{dom_id}-error");
    let required = ctx.required;
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
                        required.get().then(|| view! {
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
        return calculated::value(ctx).into();
    }
    match question.kind {
        Kind::Text => text::typed(ctx, Typed::line("text", None)).into(),
        Kind::Phone => text::typed(ctx, Typed::line("tel", Some("tel"))).into(),
        Kind::Integer => text::typed(ctx, Typed::line("text", Some("numeric"))).into(),
        Kind::Decimal | Kind::Percentage => {
            text::typed(ctx, Typed::line("text", Some("decimal"))).into()
        }
        Kind::Date => text::typed(ctx, Typed::line("date", None)).into(),
        Kind::Time => text::typed(ctx, Typed::line("time", None)).into(),
        Kind::DateTime => text::typed(ctx, Typed::line("datetime-local", None)).into(),
        Kind::LongText => text::typed(ctx, Typed::Lines).into(),
        Kind::SelectOne if choice::is_dropdown(&question, choices.len()) => {
            choice::dropdown(ctx, choices).into()
        }
        Kind::SelectOne | Kind::Severity => {
            choice::radios(ctx, choices, question.kind == Kind::Severity).into()
        }
        Kind::YesNo => choice::radios(ctx, choice::yes_no(), false).into(),
        Kind::SelectMany => choice::checkboxes(ctx, choices).into(),
        Kind::Ranked => {
            ranked::slots(ctx, choices, question.max_choices.unwrap_or(3) as usize).into()
        }
        Kind::Area => (move || view! { <area::AreaInput ctx/> }).into(),
        Kind::Gps => gps::capture(ctx).into(),
        Kind::Barcode => {
            let typed = text::typed(ctx, Typed::line("text", None));
            let scan = barcode::scan(ctx);
            (move || view! { {typed()} {scan()} }.into_any()).into()
        }
        Kind::GpsLine => gps::line(ctx).into(),
        Kind::Photo | Kind::Audio | Kind::Video => media::attach(ctx, question.kind.clone()).into(),
        Kind::Repeat => {
            let question = question.clone();
            (move || view! { <repeat::RepeatField question=question.clone() ctx/> }).into()
        }
        Kind::Note | Kind::Unknown(_) => (|| ()).into(),
    }
}
