//! A team manager's part after answering yes: allocating the team's request
//! to members (or to a new member added by name and email, who is invited
//! and joins the team), and closing or re-opening a member's request. The
//! team's response is complete when every member allocated has submitted or
//! been closed. Each change emails the people it concerns, without the
//! child's details, and shows in the case's activity.

use std::collections::BTreeMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::error_summary::ErrorSummary;
use crate::components::fields::{Checkboxes, Choice, TextInput};
use crate::components::forms::{FormState, GoTo, Redact, field_error, form_state};
use crate::domain::ids::CaseId;
use crate::error::AppError;

/// A team's request its manager can allocate, with the members not yet on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    pub request: i64,
    pub team: String,
    pub members: Vec<Choice>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AllocateInput {
    pub case: String,
    pub request: String,
    /// Members ticked: account id to `yes`.
    pub members: BTreeMap<String, String>,
    /// A new member to add to the team and allocate.
    pub new_name: String,
    pub new_email: String,
}

#[server]
pub async fn allocate_request(input: AllocateInput) -> Result<GoTo, AppError> {
    use crate::domain::capability::Capability;
    use crate::domain::ids::AccountId;
    use crate::domain::passwords::looks_like_email;
    use crate::domain::role::Role;
    use crate::error::FieldErrors;
    use crate::store::{accounts, advice_requests};
    let case = input.case.parse::<CaseId>().map_err(|_| AppError::NotFound)?;
    let ctx = crate::cases::context::CaseContext::open(case, Capability::AnswerForTeam).await?;
    let id = input.request.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let db = &ctx.state.db;
    let request = advice_requests::one(db, case, id).await?.ok_or(AppError::NotFound)?;
    let Some(team) = request.team.filter(|t| ctx.viewer.team == Some(*t)) else {
        return Err(AppError::Forbidden);
    };
    if !request.answer.is_some_and(crate::domain::advice::TeamAnswer::is_yes) {
        return Err(AppError::Conflict);
    }
    let members = advice_requests::members(db, team).await?;
    let chosen: Vec<AccountId> = input
        .members
        .keys()
        .filter_map(|k| k.parse::<AccountId>().ok())
        .filter(|m| members.iter().any(|(id, _, _)| id == m))
        .collect();
    let new_name = input.new_name.trim();
    let new_email = input.new_email.trim();
    let adding = !new_name.is_empty() || !new_email.is_empty();
    let mut errors = FieldErrors::default();
    if adding {
        if new_name.is_empty() {
            errors.add(
                "new_name",
                &format!("new-name-{id}"),
                "Enter the new member's full name",
            );
        }
        if !looks_like_email(new_email) {
            errors.add(
                "new_email",
                &format!("new-email-{id}"),
                "Enter an email address in the correct format, like name@example.com",
            );
        } else if accounts::email_in_use(db, new_email).await? {
            errors.add(
                "new_email",
                &format!("new-email-{id}"),
                "An account already uses this email address: tick them above if they are in your team",
            );
        }
    } else if chosen.is_empty() {
        let first = members
            .first()
            .map_or(format!("new-name-{id}"), |(m, _, _)| format!("members-{id}-{m}"));
        errors.add("members", &first, "Select a member of your team, or add a new member");
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = chrono::Utc::now();
    let txn = ctx.begin().await?;
    let mut to_allocate = chosen;
    if adding {
        let invitee = crate::accounts::invite_page::Invitee {
            name: new_name,
            email: new_email,
            role: Role::Professional,
            team: Some(team),
        };
        let account =
            crate::accounts::invite_page::send_invitation(&txn, &ctx.state, &ctx.viewer, invitee, now).await?;
        to_allocate.push(account);
    }
    let added = advice_requests::allocate(&txn, (case, team, id), &to_allocate, now).await?;
    if added.is_empty() {
        // Everyone ticked was already allocated: nothing changes.
        drop(txn);
        return Ok(GoTo::to(format!("{}?done=allocated", crate::paths::advice(case))));
    }
    let mut names = Vec::new();
    let mut addresses = Vec::new();
    for member in &added {
        if let Some((_, name, email)) = members.iter().find(|(m, _, _)| m == member) {
            names.push(name.clone());
            addresses.push(email.clone());
        } else if let Some(found) = accounts::find(&txn, *member).await? {
            names.push(found.name);
            addresses.push(accounts::normalise_email(new_email));
        }
    }
    let emails = super::notify::allocated(&ctx, &request, &addresses);
    let detail = format!("{} allocated to {}", request.asked, names.join(", "));
    ctx.apply(
        &txn,
        crate::domain::workflow::CaseEvent::AdviceAllocated,
        &detail,
        emails,
    )
    .await?;
    ctx.commit(txn).await?;
    Ok(GoTo::to(format!("{}?done=allocated", crate::paths::advice(case))))
}

impl Redact for AllocateRequest {}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberRequestInput {
    pub case: String,
    pub request: String,
    pub version: String,
    /// `close` or `reopen`.
    pub action: String,
}

#[server]
pub async fn close_or_reopen_request(input: MemberRequestInput) -> Result<GoTo, AppError> {
    use crate::domain::capability::Capability;
    use crate::domain::workflow::CaseEvent;
    use crate::store::{accounts, advice_requests};
    let case = input.case.parse::<CaseId>().map_err(|_| AppError::NotFound)?;
    let ctx = crate::cases::context::CaseContext::open(case, Capability::AnswerForTeam).await?;
    let id = input.request.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let version = input.version.parse::<i32>().map_err(|_| AppError::Conflict)?;
    let close = match input.action.as_str() {
        "close" => true,
        "reopen" => false,
        _ => return Err(AppError::NotFound),
    };
    let team = ctx.viewer.team.ok_or(AppError::Forbidden)?;
    let db = &ctx.state.db;
    let request = advice_requests::one(db, case, id).await?.ok_or(AppError::NotFound)?;
    let member = match request.person {
        Some(person) => accounts::find(db, person).await?,
        None => None,
    };
    let emails = member
        .map(|m| super::notify::closed_or_reopened(&ctx, close, &m.email))
        .into_iter()
        .collect();
    let txn = ctx.begin().await?;
    let now = chrono::Utc::now();
    if !advice_requests::close_or_reopen(&txn, (case, team, id, version), close, now).await? {
        return Err(AppError::Conflict);
    }
    let (event, done) = if close {
        (CaseEvent::AdviceClosed, "closed")
    } else {
        (CaseEvent::AdviceReopened, "reopened")
    };
    let detail = format!(
        "{}: {}",
        request.asked,
        if close { "closed by manager" } else { "response pending" }
    );
    ctx.apply(&txn, event, &detail, emails).await?;
    ctx.commit(txn).await?;
    Ok(GoTo::to(format!("{}?done={done}", crate::paths::advice(case))))
}

impl Redact for CloseOrReopenRequest {}

/// Allocating a team's request: members to tick, or a new member to add.
#[component]
pub fn AllocateForm(case: CaseId, allocation: Allocation) -> impl IntoView {
    let FormState { error, submitted } = form_state::<AllocateRequest>();
    let request = allocation.request;
    let typed = submitted
        .map(|s| s.input)
        .filter(|input| input.request == request.to_string())
        .unwrap_or_default();
    let this_form = !typed.request.is_empty();
    let error = Signal::derive(move || error.get().filter(|_| this_form));
    let ticked: Vec<String> = typed.members.keys().cloned().collect();
    let members = (!allocation.members.is_empty()).then(|| {
        view! {
            <Checkboxes
                id=format!("members-{request}")
                name="input[members]"
                legend="Members of your team"
                hint="Select everyone who will give advice. Each gets their own request and an email."
                choices=allocation.members
                checked=ticked
                error=field_error(error, "members")
            />
        }
    });
    view! {
        <h2 class="heading-m" id=format!("allocate-{request}")>{format!("Allocate the request to {}", allocation.team)}</h2>
        <ErrorSummary error />
        <form method="post" action=crate::paths::advice_form(case, "allocate") novalidate>
            <input type="hidden" name="input[case]" value=case.to_string() />
            <input type="hidden" name="input[request]" value=request.to_string() />
            {members}
            <fieldset class="fieldset">
                <legend class="fieldset__legend">"Add a new member to your team"</legend>
                <p class="hint">"They get an email to set up their account, join your team and are allocated this request."</p>
                <TextInput id=format!("new-name-{request}") name="input[new_name]" label="Full name" value=typed.new_name error=field_error(error, "new_name") autocomplete="off" />
                <TextInput id=format!("new-email-{request}") name="input[new_email]" label="Email address" value=typed.new_email error=field_error(error, "new_email") autocomplete="off" input_type="email" />
            </fieldset>
            <button type="submit" class="button">"Allocate"</button>
        </form>
    }
}

/// The manager's button on a member's request: close it, or re-open it.
#[component]
pub fn MemberButton(
    case: CaseId,
    request: i64,
    version: i32,
    closed: bool,
    #[prop(into)] who: String,
) -> impl IntoView {
    let (action, label) = if closed {
        ("reopen", "Re-open request")
    } else {
        ("close", "Close request")
    };
    view! {
        <form method="post" action=crate::paths::advice_form(case, "member") class="inline-form">
            <input type="hidden" name="input[case]" value=case.to_string() />
            <input type="hidden" name="input[request]" value=request.to_string() />
            <input type="hidden" name="input[version]" value=version.to_string() />
            <input type="hidden" name="input[action]" value=action />
            <button type="submit" class="button button--small button--secondary">
                {label}<span class="visually-hidden">{format!(" for {who}")}</span>
            </button>
        </form>
    }
}
