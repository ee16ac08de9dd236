//! Who holds the case: the caseworker named on the case page, and the form
//! a caseworker or administrator gives a case awaiting allocation to someone
//! (themselves, usually) or passes it on with. It is the case event
//! `CaseAllocated`, so it is audited; the new holder is emailed.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::error_summary::ErrorSummary;
use crate::components::fields::{Choice, Select};
use crate::components::forms::{FormState, GoTo, Redact, field_error, form_state};
use crate::domain::ids::{AccountId, CaseId};
use crate::error::AppError;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AllocateInput {
    pub case: String,
    /// The caseworker holding the case when the form was shown; empty for none.
    pub from: String,
    pub to: String,
}

/// Who holds the case, and whom it could go to, for those who allocate.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub caseworker: Option<(AccountId, String)>,
    /// Empty for those who may not allocate.
    pub caseworkers: Vec<(AccountId, String)>,
}

#[server]
pub async fn allocate_case(input: AllocateInput) -> Result<GoTo, AppError> {
    use crate::domain::capability::Capability;
    use crate::domain::workflow::CaseEvent;
    use crate::error::FieldErrors;
    use crate::store::allocation;
    let case = input.case.parse::<CaseId>().map_err(|_| AppError::NotFound)?;
    let ctx = super::context::CaseContext::open(case, Capability::AllocateCase).await?;
    let db = &ctx.state.db;
    let caseworkers = allocation::caseworkers(db, ctx.viewer.council).await?;
    let Some((to, name)) = input
        .to
        .parse::<AccountId>()
        .ok()
        .and_then(|to| caseworkers.into_iter().find(|c| c.0 == to))
    else {
        let mut errors = FieldErrors::default();
        errors.add("to", "to", "Select the caseworker to hold the case");
        return Err(errors.into());
    };
    let from = match input.from.as_str() {
        "" => None,
        id => Some(id.parse::<AccountId>().map_err(|_| AppError::Conflict)?),
    };
    let txn = ctx.begin().await?;
    if !allocation::allocate(&txn, case, from, to).await? {
        // Someone else allocated it since the page was shown.
        return Err(AppError::Conflict);
    }
    let emails = match crate::store::accounts::find(&txn, to).await? {
        Some(holder) if holder.account != ctx.viewer.account => vec![crate::notify::mail::Email {
            to: holder.email,
            subject: format!("Case {} is now yours", ctx.case.reference),
            body: format!(
                "{} gave you case {} to hold.\n\nSign in to see it: {}{}\n",
                ctx.viewer.name,
                ctx.case.reference,
                ctx.state.public_url,
                crate::paths::case(case)
            ),
        }],
        _ => Vec::new(),
    };
    ctx.apply(&txn, CaseEvent::CaseAllocated, &name, emails).await?;
    ctx.commit(txn).await?;
    Ok(GoTo::to(format!("{}?allocated=1", crate::paths::case(case))))
}

impl Redact for AllocateCase {}

/// The caseworker line, and the form for those who allocate.
#[component]
pub fn CaseHolder(case: CaseId, holder: Holder, me: AccountId) -> impl IntoView {
    let FormState { error, submitted } = form_state::<AllocateCase>();
    let typed = submitted.map(|s| s.input).unwrap_or_default();
    let from = holder.caseworker.as_ref().map(|c| c.0.to_string()).unwrap_or_default();
    let held_by = holder.caseworker.as_ref().map(|c| c.1.clone());
    let form = (!holder.caseworkers.is_empty()).then(|| {
        // A case awaiting allocation offers the person themselves first.
        let selected = if typed.to.is_empty() {
            match &holder.caseworker {
                None if holder.caseworkers.iter().any(|c| c.0 == me) => me.to_string(),
                _ => String::new(),
            }
        } else {
            typed.to.clone()
        };
        let choices: Vec<Choice> = holder
            .caseworkers
            .iter()
            .map(|(id, name)| Choice::new(id.to_string(), name.clone()))
            .collect();
        let (label, button) = if holder.caseworker.is_some() {
            ("Pass the case to", "Pass on the case")
        } else {
            ("Allocate the case to", "Allocate the case")
        };
        view! {
            <form method="post" action=crate::paths::case_allocation(case) novalidate>
                <input type="hidden" name="input[case]" value=case.to_string() />
                <input type="hidden" name="input[from]" value=from />
                <Select id="to" name="input[to]" label=label placeholder="Choose a caseworker" choices selected error=field_error(error, "to") />
                <button type="submit" class="button button--secondary">{button}</button>
            </form>
        }
    });
    view! {
        <h2 class="heading-m" id="caseworker">"Caseworker"</h2>
        <ErrorSummary error />
        <p class="body" id="held-by">
            {match held_by {
                Some(name) => view! { "Held by "<strong>{name}</strong> }.into_any(),
                None => view! { <strong class="tag tag--yellow">"Awaiting allocation"</strong> }.into_any(),
            }}
        </p>
        {form}
    }
}
