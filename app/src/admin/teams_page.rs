//! Teams, for council administrators: each team and setting with the
//! address its requests for advice and information are emailed to (a shared
//! inbox, say); a team without one is emailed through its managers. A school
//! or college also has its URN, which the SEN2 return names it by.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::components::banner::SuccessBanner;
use crate::components::error_summary::ErrorSummary;
use crate::components::fields::TextInput;
use crate::components::forms::{FormState, GoTo, Redact, field_error, form_state};
use crate::domain::ids::TeamId;
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRow {
    pub id: TeamId,
    pub name: String,
    pub kind: String,
    pub contact_email: String,
    /// Only settings have one.
    pub urn: Option<String>,
}

#[server]
pub async fn list_teams() -> Result<Vec<TeamRow>, AppError> {
    let viewer = crate::accounts::guard::require(crate::domain::capability::Capability::ManageTeams)?;
    let state = crate::state::AppState::current()?;
    Ok(crate::store::teams::contacts(&state.db, viewer.council)
        .await?
        .into_iter()
        .map(|t| TeamRow {
            id: t.id,
            name: t.name,
            kind: t.kind.label().to_owned(),
            contact_email: t.contact_email.unwrap_or_default(),
            urn: (t.kind == crate::domain::team_kind::TeamKind::EducationSetting).then(|| t.urn.unwrap_or_default()),
        })
        .collect())
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TeamContactInput {
    pub team: String,
    /// Blank to email the team's managers instead.
    pub email: String,
    /// A setting's URN; absent for other teams.
    pub urn: Option<String>,
}

#[server]
pub async fn set_team_contact(input: TeamContactInput) -> Result<GoTo, AppError> {
    use crate::domain::passwords::looks_like_email;
    let viewer = crate::accounts::guard::require(crate::domain::capability::Capability::ManageTeams)?;
    let state = crate::state::AppState::current()?;
    let team = input.team.parse::<TeamId>().map_err(|_| AppError::NotFound)?;
    let email = input.email.trim();
    let mut errors = crate::error::FieldErrors::default();
    if !email.is_empty() && !looks_like_email(email) {
        errors.add(
            "email",
            &format!("contact-{team}"),
            "Enter an email address in the correct format, like team@example.org, or leave it blank",
        );
    }
    let typed_urn = input.urn.as_deref().map(str::trim).unwrap_or_default();
    let urn = crate::domain::sen2::codes::urn(typed_urn);
    if !typed_urn.is_empty() && urn.is_none() {
        errors.add(
            "urn",
            &format!("urn-{team}"),
            "Enter the URN as 6 numbers, like 100123, or leave it blank",
        );
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let address = (!email.is_empty()).then(|| crate::store::accounts::normalise_email(email));
    if !crate::store::teams::set_contact(&state.db, viewer.council, team, address).await? {
        return Err(AppError::NotFound);
    }
    // Only a setting has a URN (its field is shown only for settings).
    if input.urn.is_some() {
        crate::store::teams::set_urn(&state.db, viewer.council, team, urn).await?;
    }
    let detail = format!("Team {team}: {}", if email.is_empty() { "managers" } else { email });
    crate::store::audit::record(
        &state.db,
        Some(&viewer),
        crate::domain::audit::AuditAction::TeamContactSet,
        None,
        &detail,
        chrono::Utc::now(),
    )
    .await?;
    Ok(GoTo::to(format!("{}?saved={team}#team-{team}", crate::paths::TEAMS)))
}

impl Redact for SetTeamContact {}

#[component]
pub fn TeamsPage() -> impl IntoView {
    let teams = Resource::new(|| (), |_| list_teams());
    let saved = use_query_map().with_untracked(|q| q.get_str("saved").is_some());
    view! {
        <Title text="Teams - EHC hub" />
        {saved.then(|| view! { <SuccessBanner message="Details saved." /> })}
        <h1 class="heading-l">"Teams"</h1>
        <p class="body">"Requests for advice and information to a team are emailed to its contact address. A team without one is emailed through its managers. The emails say only the case reference, never the child's details."</p>
        <Suspense fallback=|| view! { <p class="body">"Loading the teams…"</p> }>
            {move || Suspend::new(async move {
                match teams.await {
                    Ok(teams) => teams.into_iter().map(|team| view! { <TeamForm team /> }).collect_view().into_any(),
                    Err(err) => crate::plans::load::error_page(err).into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TeamForm(team: TeamRow) -> impl IntoView {
    let FormState { error, submitted } = form_state::<SetTeamContact>();
    let id = team.id;
    let typed = submitted.map(|s| s.input).filter(|i| i.team == id.to_string());
    let this_form = typed.is_some();
    let error = Signal::derive(move || error.get().filter(|_| this_form));
    let value = typed.as_ref().map_or(team.contact_email.clone(), |t| t.email.clone());
    let urn = team.urn.clone().map(|kept| {
        let value = typed.and_then(|t| t.urn).unwrap_or(kept);
        view! {
            <TextInput
                id=format!("urn-{id}")
                name="input[urn]"
                label=format!("URN of {}", team.name)
                hint="Its unique reference number on Get Information about Schools: 6 numbers. The SEN2 return names the setting by it."
                value
                error=field_error(error, "urn")
                inputmode="numeric"
                autocomplete="off"
            />
        }
    });
    view! {
        <section class="team" id=format!("team-{id}") aria-labelledby=format!("team-{id}-heading")>
            <h2 class="heading-m" id=format!("team-{id}-heading")>{team.name.clone()}</h2>
            <p class="hint">{team.kind}</p>
            <ErrorSummary error />
            <form method="post" action=crate::paths::TEAMS novalidate>
                <input type="hidden" name="input[team]" value=id.to_string() />
                <TextInput
                    id=format!("contact-{id}")
                    name="input[email]"
                    label=format!("Contact address for {}", team.name)
                    hint="Leave blank to email the team's managers."
                    value
                    error=field_error(error, "email")
                    input_type="email"
                    autocomplete="off"
                />
                {urn}
                <button type="submit" class="button button--secondary">"Save"<span class="visually-hidden">{format!(" the details of {}", team.name)}</span></button>
            </form>
        </section>
    }
}
