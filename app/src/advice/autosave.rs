//! Autosave for the advice template's questions: an island around the
//! server-rendered form that, once hydrated, posts the form to its server
//! function a few seconds after typing stops and carries the new revision on
//! (a save over a newer one is refused and said, never overwrites). It posts
//! the form as it stands rather than through a typed server action, so the
//! browser bundle carries no second copy of the form's decoding. Without
//! JavaScript the form's own buttons save.

use leptos::html;
use leptos::prelude::*;

/// Milliseconds after the last keystroke before the questions save.
const AUTOSAVE_AFTER_MS: u64 = 2_500;

/// What the save line says after an answer from the server (for a save, the
/// new revision and when it was saved, read from its JSON), and whether
/// autosave stops.
fn said(status: u16, saved: Option<(i32, String)>) -> (String, Option<i32>, bool) {
    match (status, saved) {
        (200, Some((revision, at))) => (format!("Saved {at}"), Some(revision), false),
        (200, None) => ("Not saved yet: your answers are still here.".to_owned(), None, false),
        (409, _) => (
            "Not saved: your advice was saved somewhere else meanwhile. Select Save and come back later to see it."
                .to_owned(),
            None,
            true,
        ),
        (422, _) => (
            "Not saved yet: an answer needs changing. Select Save and come back later to see which.".to_owned(),
            None,
            false,
        ),
        _ => (
            "Not saved yet: the hub could not be reached. Your answers are still here.".to_owned(),
            None,
            false,
        ),
    }
}

#[island]
pub fn QuestionsAutosave(
    /// False while the page shows that someone else saved first: only a
    /// deliberate save may replace their version.
    autosave: bool,
    children: Children,
) -> impl IntoView {
    let wrapper = NodeRef::<html::Div>::new();
    let line = RwSignal::new(String::new());
    let stopped = RwSignal::new(!autosave);
    let sending = RwSignal::new(false);
    let typed = StoredValue::new(0_u64);
    let answered = move |status: u16, saved: Option<(i32, String)>| {
        sending.set(false);
        let (text, revision, stop) = said(status, saved);
        #[cfg(feature = "hydrate")]
        if let (Some(revision), Some(div)) = (revision, wrapper.get_untracked())
            && let Ok(Some(field)) = div.query_selector("input[name='input[revision]']")
            && let Ok(field) = leptos::wasm_bindgen::JsCast::dyn_into::<leptos::web_sys::HtmlInputElement>(field)
        {
            field.set_value(&revision.to_string());
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = revision;
        if stop {
            stopped.set(true);
        }
        line.set(text);
    };
    let on_input = move |_| {
        typed.update_value(|n| *n += 1);
        let mine = typed.get_value();
        set_timeout(
            move || {
                if typed.try_get_value() == Some(mine)
                    && sending.try_get_untracked() == Some(false)
                    && stopped.try_get_untracked() == Some(false)
                {
                    sending.set(true);
                    line.set("Saving…".to_owned());
                    #[cfg(feature = "hydrate")]
                    if browser::post(wrapper, answered).is_none() {
                        sending.set(false);
                    }
                    #[cfg(not(feature = "hydrate"))]
                    let _ = answered;
                }
            },
            std::time::Duration::from_millis(AUTOSAVE_AFTER_MS),
        );
    };
    // A deliberate save goes as a page post: no autosave may race it.
    let on_submit = move |_| typed.update_value(|n| *n += 1);
    view! {
        <div node_ref=wrapper on:input=on_input on:change=on_input on:submit=on_submit>
            <p class="save-bar__state" role="status" aria-live="polite">{move || line.get()}</p>
            {children()}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use leptos::server_fn::ServerFn;
    use leptos::wasm_bindgen::JsCast;
    use leptos::wasm_bindgen::closure::Closure;
    use leptos::web_sys::{FormData, HtmlFormElement, UrlSearchParams, XmlHttpRequest};

    /// Posts the form inside `wrapper` to the questions' server function, as
    /// an autosave; `done` hears the status and, for a save, the new revision
    /// and when it was saved (read by the browser's own JSON parser).
    pub fn post(
        wrapper: NodeRef<leptos::html::Div>,
        done: impl Fn(u16, Option<(i32, String)>) + 'static,
    ) -> Option<()> {
        let form: HtmlFormElement = wrapper.get_untracked()?.query_selector("form").ok()??.dyn_into().ok()?;
        let data = FormData::new_with_form(&form).ok()?;
        data.set_with_str("input[intent]", "autosave").ok()?;
        let body = UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
        let xhr = XmlHttpRequest::new().ok()?;
        xhr.open_with_async("POST", super::super::response::SaveAdviceHeader::PATH, true)
            .ok()?;
        xhr.set_request_header("Content-Type", "application/x-www-form-urlencoded")
            .ok()?;
        xhr.set_request_header("Accept", "application/json").ok()?;
        let answer = xhr.clone();
        let finished = Closure::<dyn Fn()>::new(move || {
            let saved = answer
                .response_text()
                .ok()
                .flatten()
                .and_then(|text| js_sys::JSON::parse(&text).ok())
                .and_then(|json| {
                    let field = |name: &str| js_sys::Reflect::get(&json, &name.into()).ok();
                    let revision = field("revision")?.as_f64()?;
                    let at = field("saved_at")?.as_string()?;
                    Some((revision as i32, at))
                });
            done(answer.status().unwrap_or(0), saved)
        });
        xhr.set_onloadend(Some(finished.as_ref().unchecked_ref()));
        // One closure per save, freed with its request.
        finished.forget();
        xhr.send_with_opt_str(Some(&String::from(body.to_string()))).ok()?;
        Some(())
    }
}
