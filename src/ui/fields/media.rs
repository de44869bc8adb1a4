//! A photo, recording or clip taken or picked on the phone: the button that picks it, the file
//! shown (the picture, or a player), its size, and a way to remove it.

use leptos::prelude::*;

use crate::core::answers::Answer;
use crate::core::i18n::Msg;
use crate::core::media::{check, data_url, from_data_url, limit, FileProblem};
use crate::core::phrase::number;
use crate::core::schema::Kind;
use crate::platform::files::FileError;
use crate::platform::media;
use crate::state::survey::SurveyState;
use crate::ui::components::take_picked_file;
use crate::ui::fields::InputCtx;
use crate::ui::i18n::use_i18n;

/// Why a picked file was not taken: it stays as it was.
#[derive(Clone, Copy, PartialEq)]
enum Refusal {
    /// Larger than this many bytes.
    TooLarge(f64),
    Unreadable,
    /// Not a file of the question's kind (a document for a photo).
    NotOfKind,
}

/// The picker and the file picked, for a question of `kind` (photo, audio or video).
pub fn attach(ctx: InputCtx, kind: Kind) -> impl Fn() -> AnyView + Clone {
    move || {
        let i18n = use_i18n();
        let state = expect_context::<SurveyState>();
        let failed = RwSignal::new(None::<Refusal>);
        let reading = RwSignal::new(false);
        let file = Memo::new(move |_| {
            state
                .answers
                .with(|answers| ctx.target.with_value(|t| t.read(answers).cloned()))
        });
        let kind = kind.clone();
        let (accept, pick) = match kind {
            Kind::Photo => ("image/*", Msg::MediaPickPhoto),
            Kind::Audio => ("audio/*", Msg::MediaPickAudio),
            _ => ("video/*", Msg::MediaPickVideo),
        };
        let limit = limit(&kind).unwrap_or_default() as f64;
        let picked = move |ev: leptos::ev::Event| {
            let Some(picked) = take_picked_file(&ev) else {
                return;
            };
            failed.set(None);
            reading.set(true);
            let kind = kind.clone();
            leptos::task::spawn_local(async move {
                let read = if kind == Kind::Photo {
                    media::photo(&picked).await
                } else {
                    media::as_is(&picked, limit).await
                };
                reading.set(false);
                let refusal = match read.map(|url| from_data_url(&url)) {
                    Ok(Some((media_type, data))) => match check(&kind, &media_type, &data) {
                        Ok(()) => {
                            ctx.write(&state, Answer::File { media_type, data });
                            None
                        }
                        Err(FileProblem::TooLarge(limit)) => Some(Refusal::TooLarge(limit as f64)),
                        Err(FileProblem::NotOfKind) => Some(Refusal::NotOfKind),
                    },
                    Ok(None) | Err(FileError::Unreadable) => Some(Refusal::Unreadable),
                    Err(FileError::TooLarge { limit }) => Some(Refusal::TooLarge(limit)),
                };
                failed.set(refusal);
            });
        };
        let input_id = ctx.id();
        view! {
            <div class="media" role="group" aria-labelledby=format!("{}-label", ctx.id())>
                <input
                    type="file"
                    class="visually-hidden"
                    id=input_id.clone()
                    accept=accept
                    aria-describedby=ctx.described_by.get_value()
                    on:change=picked
                />
                <label class="media-pick" for=input_id>
                    {move || i18n.t(pick)}
                </label>
                <Show when=move || reading.get()>
                    <span class="media-reading" role="status">{move || i18n.t(Msg::MediaReading)}</span>
                </Show>
                {move || match file.get() {
                    Some(answer @ Answer::File { .. }) => {
                        let Answer::File { media_type, data } = &answer else {
                            return ().into_any();
                        };
                        let url = data_url(media_type, data);
                        let shown = answer.shown(None, "", i18n.lang());
                        let player = match media_type.split('/').next() {
                            Some("image") => view! { <img class="media-photo" src=url alt=shown.clone()/> }.into_any(),
                            Some("audio") => view! { <audio class="media-player" controls src=url></audio> }.into_any(),
                            _ => view! { <video class="media-player" controls src=url></video> }.into_any(),
                        };
                        view! {
                            <figure class="media-file">
                                {player}
                                <figcaption class="media-size">{shown}</figcaption>
                            </figure>
                            <button type="button" class="secondary" on:click=move |_| ctx.write(&state, Answer::Text(String::new()))>
                                {move || i18n.t(Msg::MediaRemove)}
                            </button>
                        }
                        .into_any()
                    }
                    _ => ().into_any(),
                }}
                {move || failed.get().map(|refusal| {
                    let message = match refusal {
                        Refusal::TooLarge(limit) => Msg::ErrFileTooLarge.with(
                            i18n.lang(),
                            &[("n", &number((limit / 1024.0) as u64, i18n.lang()))],
                        ),
                        Refusal::Unreadable => i18n.t(Msg::MediaUnreadable).to_string(),
                        Refusal::NotOfKind => i18n.t(Msg::ErrNotOfKind).to_string(),
                    };
                    view! { <p class="message" role="alert">{message}</p> }
                })}
            </div>
        }
        .into_any()
    }
}
