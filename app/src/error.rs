//! `AppError`: the one error type that crosses the wire from server functions
//! to pages. Internal causes are logged on the server and never sent.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// One problem with what the user typed, shown beside the field and in the
/// error summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's name in the input struct, used to place the message.
    pub field: String,
    /// The id of the element the error summary links to (for a date, the box that is wrong).
    pub target: String,
    pub message: String,
}

/// Field errors in the order the fields appear on the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, target: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            target: target.to_owned(),
            message: message.into(),
        });
    }

    /// The first message for a field, if it has one.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A text answer, trimmed. Adds `missing` when it is empty (if an answer
    /// is required) and "{what} must be {max} characters or fewer" when it
    /// is too long.
    pub fn text(&mut self, field: &str, value: &str, missing: Option<&str>, max: usize, what: &str) -> String {
        let text = value.trim();
        if text.is_empty() {
            if let Some(message) = missing {
                self.add(field, field, message);
            }
        } else if text.chars().count() > max {
            self.add(field, field, format!("{what} must be {max} characters or fewer"));
        }
        text.to_owned()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("You need to sign in to continue.")]
    Unauthenticated,
    #[error("You do not have permission to do this.")]
    Forbidden,
    #[error("Page not found.")]
    NotFound,
    #[error("There is a problem with what was entered.")]
    Validation(FieldErrors),
    /// The request itself could not be read: missing, malformed or mistyped
    /// fields that no page of the hub sends.
    #[error("The form could not be read. Go back, reload the page and try again.")]
    BadRequest,
    #[error("Someone else changed this while you were working on it.")]
    Conflict,
    #[error("The service could not be reached. Check your connection and try again.")]
    Unreachable,
    #[error("Sorry, there is a problem with the service. Try again later.")]
    Internal,
}

impl AppError {
    /// Answers the page being rendered on the server with this error's status.
    pub fn set_page_status(&self) {
        #[cfg(feature = "ssr")]
        if let (Some(options), Ok(code)) = (
            leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
            axum::http::StatusCode::from_u16(self.status()),
        ) {
            options.set_status(code);
        }
    }

    /// The HTTP status a page or server function answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Validation(_) => 422,
            AppError::BadRequest => 400,
            AppError::Conflict => 409,
            AppError::Unreachable => 503,
            AppError::Internal => 500,
        }
    }

    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Validation(errors) => Some(errors),
            _ => None,
        }
    }

    /// Logs the real cause on the server and returns the plain message for the user.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "internal error");
        AppError::Internal
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Validation(errors)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The browser could not reach the server, or the reply did not arrive.
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Unreachable,
            // Arguments that could not be read are the caller's mistake, not a fault.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::BadRequest,
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_) => AppError::BadRequest,
            other => {
                #[cfg(feature = "ssr")]
                tracing::warn!(error = %other, "server function failed before running");
                #[cfg(not(feature = "ssr"))]
                let _ = other;
                AppError::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        AppError::internal(err)
    }
}
