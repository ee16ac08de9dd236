//! Exceptions to the time limits (`/cases/{id}/exceptions`): those recorded
//! on the case, and the form a caseworker records one on. The case page
//! shows each beside the deadlines it excuses.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use crate::components::fields::{Choice, DateInput, Radios, TextArea};
use crate::components::form_page::{FormHeading, PostForm};
use crate::components::forms::{FormState, GoTo, Redact, field_error, form_state};
use crate::domain::exception::{CaseException, ExceptionInput, ExceptionKind};
use crate::domain::ids::CaseId;
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExceptionsPage {
    pub case: CaseId,
    pub caption: String,
    pub exceptions: Vec<CaseException>,
    pub may_record: bool,
}

#[server]
pub async fn get_exceptions(case: CaseId) -> Result<ExceptionsPage, AppError> {
    use crate::domain::capability::Capability;
    let ctx = super::context::CaseContext::open(case, Capability::ViewCase).await?;
    Ok(ExceptionsPage {
        case,
        caption: format!("{} · {}", ctx.case.child_name, ctx.case.reference),
        exceptions: crate::store::decisions::exceptions(&ctx.state.db, case).await?,
        may_record: ctx.may(Capability::RecordException),
    })
}

#[server]
pub async fn record_exception(input: ExceptionInput) -> Result<GoTo, AppError> {
    use crate::domain::capability::Capability;
    use crate::domain::workflow::CaseEvent;
    let case = input.case.parse::<CaseId>().map_err(|_| AppError::NotFound)?;
    let ctx = super::context::CaseContext::open(case, Capability::RecordException).await?;
    let received = crate::store::cases::detail(&ctx.state.db, case, crate::state::today(), &ctx.state.limits)
        .await?
        .ok_or(AppError::NotFound)?
        .received_on;
    let exception = input.validate(received)?;
    let txn = ctx.begin().await?;
    ctx.apply(&txn, CaseEvent::ExceptionRecorded, exception.kind.label(), Vec::new())
        .await?;
    crate::store::decisions::record_exception(&txn, case, &exception, ctx.viewer.account, chrono::Utc::now()).await?;
    ctx.commit(txn).await?;
    Ok(GoTo::to(format!(
        "{}?exception=recorded#timeline-heading",
        crate::paths::case(case)
    )))
}

impl Redact for RecordException {}

#[component]
pub fn ExceptionsPageView() -> impl IntoView {
    let params = use_params_map();
    let case = move || params.with(|p| p.get_str("id").and_then(|id| id.parse::<CaseId>().ok()));
    let page = Resource::new(case, |case| async move {
        match case {
            Some(case) => get_exceptions(case).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Exceptions page /> }.into_any(),
                    Err(err) => {
                        err.set_page_status();
                        view! {
                            <h1 class="heading-l">{err.to_string()}</h1>
                            <p class="body"><a class="link" href=crate::paths::CASES>"Go back to your cases"</a></p>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Exceptions(page: ExceptionsPage) -> impl IntoView {
    let FormState { error, submitted } = form_state::<RecordException>();
    let typed = submitted.map(|s| s.input).unwrap_or_default();
    let field = move |name: &'static str| field_error(error, name);
    let case = page.case;
    let recorded = (!page.exceptions.is_empty()).then(|| {
        view! {
            <h2 class="heading-m">"Recorded on this case"</h2>
            <ExceptionList exceptions=page.exceptions.clone() />
        }
    });
    let kinds: Vec<Choice> = ExceptionKind::ALL
        .iter()
        .map(|k| Choice::new(k.as_str(), format!("{} ({})", k.label(), k.regulation())))
        .collect();
    let form = page.may_record.then(|| {
        view! {
            <h2 class="heading-m">"Record an exception"</h2>
            <PostForm action=crate::paths::exceptions(case)>
                <input type="hidden" name="input[case]" value=case.to_string() />
                <Radios id="kind" name="input[kind]" legend="Which exception applies?" choices=kinds selected=typed.kind.clone() error=field("kind") />
                <DateInput id="starts_on" name="input[starts_on]" legend="Date it started" hint="For example, 1 12 2026" value=typed.starts_on.clone() error=field("starts_on") />
                <DateInput id="ends_on" name="input[ends_on]" legend="Date it ended (leave blank if it is still going on)" hint="For example, 5 1 2027" value=typed.ends_on.clone() error=field("ends_on") />
                <TextArea id="note" name="input[note]" label="What happened" hint="Kept on the case; not sent to anyone." value=typed.note.clone() error=field("note") />
                <button type="submit" class="button">"Record exception"</button>
            </PostForm>
        }
    });
    view! {
        <FormHeading heading="Exceptions to the time limits" caption=page.caption.clone() error />
        <p class="body">
            "The 6, 16 and 20-week time limits do not apply when one of these makes them impractical to meet. The council must still act as soon as it can, and the council's figures count plans with and without exceptions."
        </p>
        {recorded}
        {form}
        <p class="body"><a class="link" href=crate::paths::case(case)>"Back to the case"</a></p>
    }
}

/// Each exception, its period and its note.
#[component]
pub fn ExceptionList(exceptions: Vec<CaseException>) -> impl IntoView {
    let rows = exceptions
        .into_iter()
        .map(|e| {
            view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">{e.kind.label()}</dt>
                    <dd class="summary-list__value">{e.period()}<br /><span class="hint pre-line">{e.note.clone()}</span></dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="summary-list">{rows}</dl> }
}
