//! Forms that work before the WASM loads, with JavaScript off, and hydrated.
//!
//! A form posts to its own page address. Without JavaScript the server runs
//! the same server function, then either redirects to the next page or renders
//! the page again with the rejected input and its errors (see the server's
//! `forms` module). Hydrated, the submit is intercepted and sent to the server
//! function directly, so nothing reloads and nothing typed is lost. Either way
//! the personal data typed never goes into a URL.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::web_sys::SubmitEvent;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A submission the server refused, provided to the page it renders again.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Rejected<S> {
    /// What was posted, if it could be read.
    pub submitted: Option<S>,
    pub error: AppError,
}

/// What of a rejected submission may be shown again. It travels back in the
/// page (and its hydration data), so secrets such as passwords are removed.
pub trait Redact {
    fn redact(self) -> Self;
}

/// The page to show after a form's server function succeeds.
pub trait NextPage {
    fn next_page(&self) -> String;
}

/// Reads the rejected submission for this form, on the server from the
/// request and in the browser from the hydration data, so both render alike.
pub fn rejected_submission<S>() -> Option<Rejected<S>>
where
    S: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
{
    SharedValue::new(use_context::<Rejected<S>>).into_inner()
}

/// The submit handler of a hydrated form: sends the form's fields to the
/// server function instead of posting the page.
pub fn submit_with<S>(action: ServerAction<S>) -> impl Fn(SubmitEvent) + 'static
where
    S: ServerFn<Error = AppError> + DeserializeOwned + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    move |ev: SubmitEvent| {
        ev.prevent_default();
        match S::from_event(&ev) {
            Ok(input) => {
                action.dispatch(input);
            }
            Err(err) => {
                leptos::logging::error!("form fields did not match the server function: {err:?}");
                action.value().set(Some(Err(AppError::Internal)));
            }
        }
    }
}

/// The latest answer from the server, or, before any, the error the page was
/// rendered with (a rejected post without JavaScript).
pub fn latest_error<S>(action: ServerAction<S>, first: Option<AppError>) -> Signal<Option<AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || match action.value().get() {
        Some(Err(e)) => Some(e),
        Some(Ok(_)) => None,
        None => first.clone(),
    })
}

/// The message for one field, if the error has one.
pub fn field_error(error: Signal<Option<AppError>>, name: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || {
        error.with(|e| {
            e.as_ref()
                .and_then(AppError::field_errors)
                .and_then(|f| f.get(name).map(str::to_owned))
        })
    })
}

/// After a hydrated form succeeds, load its next page in full. Used where the
/// server set or cleared the session cookie, so every part of the next page
/// sees the new state.
pub fn reload_into_next_page<S>(action: ServerAction<S>)
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: NextPage + Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if let Some(Ok(output)) = action.value().get() {
            let _ = window().location().set_href(&output.next_page());
        }
    });
}

/// A form's server action, the error to show, and what was posted when the
/// server refused it without JavaScript (to fill the fields in again).
pub struct FormState<S>
where
    S: ServerFn + 'static,
{
    pub action: ServerAction<S>,
    pub error: Signal<Option<AppError>>,
    pub submitted: Option<S>,
}

/// Sets up a form page for server function `S`.
pub fn form_state<S>() -> FormState<S>
where
    S: ServerFn<Error = AppError> + Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let action = ServerAction::<S>::new();
    let rejected = rejected_submission::<S>();
    let submitted = rejected.as_ref().and_then(|r| r.submitted.clone());
    let error = latest_error(action, rejected.map(|r| r.error));
    FormState {
        action,
        error,
        submitted,
    }
}
