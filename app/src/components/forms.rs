//! Forms that work with JavaScript off and before any WASM loads.
//!
//! A form posts to its own page address. The server runs the page's server
//! function, then either redirects to the next page or renders the page again
//! with the rejected input and its errors (see the server's `forms` module).
//! Forms are server-rendered HTML and stay that way in the browser: with or
//! without JavaScript, a form is a page post, and the personal data typed
//! never goes into a URL.

use leptos::prelude::*;
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
/// page, so secrets such as passwords are removed. By default everything
/// typed comes back: a form with a secret says so by removing it.
pub trait Redact: Sized {
    fn redact(self) -> Self {
        self
    }
}

/// The page to show after a form's server function succeeds.
pub trait NextPage {
    fn next_page(&self) -> String;
}

/// A server function's answer that is only where to go next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoTo {
    pub next: String,
}

impl GoTo {
    pub fn to(next: impl Into<String>) -> GoTo {
        GoTo { next: next.into() }
    }
}

impl NextPage for GoTo {
    fn next_page(&self) -> String {
        self.next.clone()
    }
}

/// The rejected submission for this form, while the server renders the page
/// again after a refused post.
pub fn rejected_submission<S>() -> Option<Rejected<S>>
where
    S: Clone + Send + Sync + 'static,
{
    use_context::<Rejected<S>>()
}

/// A server-rendered form's error to show and what a refused post typed.
pub struct FormState<S> {
    pub error: Signal<Option<AppError>>,
    pub submitted: Option<S>,
}

/// Sets up a server-rendered form for server function `S`.
pub fn form_state<S>() -> FormState<S>
where
    S: Clone + Send + Sync + 'static,
{
    let rejected = rejected_submission::<S>();
    let submitted = rejected.as_ref().and_then(|r| r.submitted.clone());
    FormState {
        error: Signal::stored(rejected.map(|r| r.error)),
        submitted,
    }
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
