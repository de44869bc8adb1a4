//! What every input of an answer is given: which answer it edits and how it is described to
//! assistive technology (`InputCtx`).

use leptos::prelude::*;

use crate::core::answers::Answer;
use crate::core::reconcile::AnswerAt;
use crate::state::survey::SurveyState;

/// What an input needs: where its answer goes and how it is described.
#[derive(Clone, Copy)]
pub struct InputCtx {
    /// The answer it edits.
    pub target: StoredValue<AnswerAt>,
    pub dom_id: StoredValue<String>,
    pub described_by: StoredValue<String>,
    pub touched: RwSignal<bool>,
    pub invalid: Signal<bool>,
    pub required: Signal<bool>,
}

impl InputCtx {
    /// The answer now, without tracking it: to fill an input when it is drawn, or to toggle
    /// one choice of several.
    pub fn answer(&self, state: &SurveyState) -> Option<Answer> {
        state
            .answers
            .with_untracked(|answers| self.target.with_value(|t| t.read(answers).cloned()))
    }

    /// The answer's text now, untracked (empty for none): what a text input, a drop-down or a
    /// set of radio buttons starts with.
    pub fn initial_text(&self, state: &SurveyState) -> String {
        self.answer(state)
            .map(|a| a.text().to_string())
            .unwrap_or_default()
    }

    /// Writes an answer and marks the field as touched.
    pub fn write(&self, state: &SurveyState, answer: Answer) {
        self.target.with_value(|t| state.set_answer_at(t, answer));
        self.touched.set(true);
    }

    /// Whether a choice (by its place in the list) is offered now: every choice, unless the
    /// question's choice filter leaves it out (followed as the answers it reads change).
    pub fn offered(
        &self,
        state: &SurveyState,
    ) -> impl Fn(usize) -> bool + Clone + Send + Sync + 'static {
        let verdict = state.verdict(&self.target.with_value(|t| t.path()));
        move |i: usize| verdict.with(|v| v.offered.as_ref().is_none_or(|o| o.contains(&i)))
    }

    /// The input's id.
    pub fn id(&self) -> String {
        self.dom_id.get_value()
    }

    /// The attributes every input of an answer carries: what describes it (hint, message),
    /// whether its answer is shown as invalid, whether it is required.
    pub fn described(&self) -> impl leptos::attr::Attribute + use<> {
        let (invalid, required) = (self.invalid, self.required);
        view! {
            <{..}
                aria-describedby=self.described_by.get_value()
                aria-invalid=move || invalid.get().then_some("true")
                aria-required=move || required.get().then_some("true")
            />
        }
    }
}
