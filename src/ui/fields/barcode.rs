//! A code (barcode, QR code) read from a picture taken with the camera, where the browser
//! reads codes, into the code's typed input; either way the answer is the code's text.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::answers::Answer;
use crate::core::i18n::Msg;
use crate::platform::media;
use crate::state::survey::SurveyState;
use crate::ui::components::take_picked_file;
use crate::ui::fields::InputCtx;
use crate::ui::i18n::use_i18n;

/// What went wrong reading a code.
#[derive(Clone, Copy, PartialEq)]
enum Failure {
    NoCode,
    Unreadable,
}

/// The camera button where codes can be read (nothing where they cannot), beside the code's
/// typed input (`text::typed`), which it fills with the code it reads.
pub fn scan(ctx: InputCtx) -> impl Fn() -> AnyView + Clone {
    move || {
        if !media::reads_codes() {
            return ().into_any();
        }
        let i18n = use_i18n();
        let state = expect_context::<SurveyState>();
        let failed = RwSignal::new(None::<Failure>);
        let picked = move |ev: leptos::ev::Event| {
            let Some(picture) = take_picked_file(&ev) else {
                return;
            };
            failed.set(None);
            leptos::task::spawn_local(async move {
                match media::read_code(&picture).await {
                    Ok(Some(code)) => {
                        // The typed input shows what it was given once; the code read is put in it.
                        if let Some(input) = document()
                            .get_element_by_id(&ctx.id())
                            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                        {
                            input.set_value(&code);
                        }
                        ctx.write(&state, Answer::Text(code));
                    }
                    Ok(None) => failed.set(Some(Failure::NoCode)),
                    Err(_) => failed.set(Some(Failure::Unreadable)),
                }
            });
        };
        let scan_id = format!("{}-scan", ctx.id());
        view! {
            <div class="media">
                <input type="file" class="visually-hidden" id=scan_id.clone()
                    accept="image/*" capture="environment" on:change=picked/>
                <label class="media-pick" for=scan_id>{move || i18n.t(Msg::CodeScan)}</label>
                {move || failed.get().map(|failure| {
                    let msg = match failure {
                        Failure::NoCode => Msg::CodeNotFound,
                        Failure::Unreadable => Msg::MediaUnreadable,
                    };
                    view! { <p class="message" role="alert">{move || i18n.t(msg)}</p> }
                })}
            </div>
        }
        .into_any()
    }
}
