//! A point from the phone's location, taken when the person asks, with its accuracy.

use leptos::prelude::*;

use crate::core::answers::Answer;
use crate::core::i18n::Msg;
use crate::core::phrase::number;
use crate::platform::geo;
use crate::state::survey::SurveyState;
use crate::ui::fields::InputCtx;
use crate::ui::i18n::use_i18n;

/// The button that takes the point, the point taken and a way to clear it.
pub fn capture(ctx: InputCtx) -> impl Fn() -> AnyView + Clone {
    move || {
        let i18n = use_i18n();
        let state = expect_context::<SurveyState>();
        let failed = RwSignal::new(false);
        let point = Memo::new(move |_| {
            state
                .answers
                .with(|answers| ctx.target.with_value(|t| t.read(answers)))
        });
        let capture = move |_| {
            failed.set(false);
            leptos::task::spawn_local(async move {
                match geo::current_position().await {
                    Some((lat, lon, accuracy)) => ctx.write(
                        &state,
                        Answer::Point {
                            lat,
                            lon,
                            accuracy: Some(accuracy),
                        },
                    ),
                    None => failed.set(true),
                }
            });
        };
        view! {
            <div class="gps" role="group" aria-labelledby=format!("{}-label", ctx.id())>
                <button type="button" class="secondary" id=ctx.id() on:click=capture>
                    {move || i18n.t(Msg::GpsCapture)}
                </button>
                {move || match point.get() {
                    Some(Answer::Point { lat, lon, accuracy }) => view! {
                        <span class="gps-value" dir="ltr">{format!("{lat:.5}, {lon:.5}")}</span>
                        {accuracy.map(|a| view! {
                            <span class="gps-accuracy">{move || Msg::GpsAccuracy.with(i18n.lang(), &[("n", &number(a.round() as u64, i18n.lang()))])}</span>
                        })}
                        <button type="button" class="secondary" on:click=move |_| ctx.write(&state, Answer::Text(String::new()))>
                            {move || i18n.t(Msg::GpsClear)}
                        </button>
                    }
                    .into_any(),
                    _ => ().into_any(),
                }}
                <Show when=move || failed.get()>
                    <p class="message">{move || i18n.t(Msg::GpsFailed)}</p>
                </Show>
            </div>
        }
        .into_any()
    }
}
