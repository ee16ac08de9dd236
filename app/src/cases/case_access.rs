//! Who may see a case besides council staff: the list on the case page, and
//! giving an existing account access (a parent to their child's case, a
//! professional asked to contribute). Caseworkers and administrators only.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::error_summary::ErrorSummary;
use crate::components::fields::TextInput;
use crate::components::forms::{FormState, NextPage, Redact, field_error, form_state};
use crate::domain::access::Link;
use crate::domain::case::CasePerson;
use crate::domain::ids::CaseId;
use crate::error::AppError;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GiveAccessInput {
    pub case: String,
    pub email: String,
}

/// Back to the case page, which says who was added.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessGiven {
    pub case: CaseId,
}

impl NextPage for AccessGiven {
    fn next_page(&self) -> String {
        format!("{}?access=1", crate::paths::case(self.case))
    }
}

#[server]
pub async fn give_access(input: GiveAccessInput) -> Result<AccessGiven, AppError> {
    use crate::domain::access::link_for;
    use crate::domain::capability::Capability;
    use crate::error::FieldErrors;
    use crate::store::{accounts, case_links};
    let case = input.case.parse::<CaseId>().map_err(|_| AppError::NotFound)?;
    let ctx = super::context::CaseContext::open(case, Capability::GiveAccess).await?;
    let (viewer, state) = (&ctx.viewer, &ctx.state);
    let on_email = |message: &str| {
        let mut errors = FieldErrors::default();
        errors.add("email", "email", message);
        AppError::Validation(errors)
    };
    if input.email.trim().is_empty() {
        return Err(on_email("Enter the email address of the person's account"));
    }
    let Some(person) = accounts::find_for_sign_in(&state.db, &input.email)
        .await?
        .map(|r| r.viewer)
    else {
        return Err(on_email("No account uses this email address: invite the person first"));
    };
    if person.council != viewer.council {
        return Err(on_email("No account uses this email address: invite the person first"));
    }
    let Some(link) = link_for(person.role) else {
        return Err(on_email("Council staff see every case already"));
    };
    if case_links::is_linked(&state.db, case, person.account).await? {
        return Err(on_email("This person can already see the case"));
    }
    let txn = ctx.begin().await?;
    case_links::link(&txn, case, Some(person.account), None, link, chrono::Utc::now()).await?;
    let detail = format!("{} ({})", person.email, person.role.label());
    ctx.apply(
        &txn,
        crate::domain::workflow::CaseEvent::AccessGiven,
        &detail,
        Vec::new(),
    )
    .await?;
    ctx.commit(txn).await?;
    Ok(AccessGiven { case })
}

impl Redact for GiveAccess {}

fn link_label(link: Link) -> &'static str {
    match link {
        Link::Family => "Family",
        Link::Contributor => "Contributing",
        Link::TeamManagerOfAskedTeam => "Team asked",
    }
}

/// The list of people with access, and the form to add one.
#[component]
pub fn CaseAccess(case: CaseId, people: Vec<CasePerson>, manageable: bool) -> impl IntoView {
    let FormState { error, submitted } = form_state::<GiveAccess>();
    let typed = submitted.map(|s| s.input).unwrap_or_default();
    let rows = people
        .into_iter()
        .map(|p| {
            let who = match p.email {
                Some(email) => format!("{} ({email})", p.name),
                None => p.name,
            };
            view! {
                <tr>
                    <td data-label="Who">{who}</td>
                    <td data-label="Role">{p.role.map(|r| r.label()).unwrap_or("Team")}</td>
                    <td data-label="Access">{link_label(p.link)}</td>
                </tr>
            }
        })
        .collect_view();
    let form = manageable.then(|| {
        view! {
            <form method="post" action=crate::paths::case(case) novalidate>
                <input type="hidden" name="input[case]" value=case.to_string() />
                <TextInput
                    id="email"
                    name="input[email]"
                    label="Give a person access to this case"
                    hint="The email address of their EHC hub account: a parent or carer, young person, advocate, professional or setting."
                    value=typed.email
                    error=field_error(error, "email")
                    autocomplete="off"
                    input_type="email"
                />
                <button type="submit" class="button button--secondary">"Give access"</button>
            </form>
        }
    });
    view! {
        <h2 class="heading-m" id="people">"People with access"</h2>
        <ErrorSummary error />
        <p class="body">"Council staff see every case. These people see this case too."</p>
        <table class="table case-table">
            <caption class="visually-hidden">"People with access to this case"</caption>
            <thead><tr><th scope="col">"Who"</th><th scope="col">"Role"</th><th scope="col">"Access"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
        {form}
    }
}
