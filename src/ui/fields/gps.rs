//! A point from the phone's location, taken when the person asks, with its accuracy; and a
//! line on the map, a point added each time the person asks (walking a road or a canal).

use leptos::prelude::*;

use crate::core::answers::Answer;
use crate::core::i18n::Msg;
use crate::core::phrase::number;
use crate::core::validate::line_points;
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
                .with(|answers| ctx.target.with_value(|t| t.read(answers).cloned()))
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

/// The button that adds the current point to the line, the number of points and the last
/// one, and ways to remove the last point or clear the line.
pub fn line(ctx: InputCtx) -> impl Fn() -> AnyView + Clone {
    move || {
        let i18n = use_i18n();
        let state = expect_context::<SurveyState>();
        let failed = RwSignal::new(false);
        let written = Memo::new(move |_| {
            state.answers.with(|answers| {
                ctx.target
                    .with_value(|t| t.read(answers).map(|a| a.text().to_string()))
                    .unwrap_or_default()
            })
        });
        let add = move |_| {
            failed.set(false);
            leptos::task::spawn_local(async move {
                match geo::current_position().await {
                    Some((lat, lon, _)) => {
                        let mut line = written.get_untracked();
                        if !line.is_empty() {
                            line.push(';');
                        }
                        line.push_str(&format!("{lat} {lon}"));
                        ctx.write(&state, Answer::Text(line));
                    }
                    None => failed.set(true),
                }
            });
        };
        let undo = move |_| {
            let line = written.get_untracked();
            let kept = line.rsplit_once(';').map_or("", |(kept, _)| kept);
            ctx.write(&state, Answer::Text(kept.to_string()));
        };
        view! {
            <div class="gps" role="group" aria-labelledby=format!("{}-label", ctx.id())>
                <button type="button" class="secondary" id=ctx.id() on:click=add>
                    {move || i18n.t(Msg::LineAdd)}
                </button>
                {move || {
                    let points = line_points(&written.get()).unwrap_or_default();
                    let last = points.last().copied();
                    last.map(|(lat, lon)| view! {
                        <span class="gps-count">{move || Msg::LinePoints.with(i18n.lang(), &[("n", &number(points.len() as u64, i18n.lang()))])}</span>
                        <span class="gps-value" dir="ltr">{format!("{lat:.5}, {lon:.5}")}</span>
                        <button type="button" class="secondary" on:click=undo>
                            {move || i18n.t(Msg::LineUndo)}
                        </button>
                    })
                }}
                <Show when=move || failed.get()>
                    <p class="message">{move || i18n.t(Msg::GpsFailed)}</p>
                </Show>
            </div>
        }
        .into_any()
    }
}
