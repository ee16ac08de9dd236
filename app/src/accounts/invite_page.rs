//! Inviting a person: a caseworker, council administrator or team manager
//! adds someone, who gets an email with a link to set their password. Team
//! managers add members to their own team only.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::components::banner::SuccessBanner;
use crate::components::fields::{Choice, Radios, Select, TextInput};
use crate::components::form_page::{FormHeading, PostForm};
use crate::components::forms::GoTo;
use crate::components::forms::{FormState, Redact, field_error, form_state};
use crate::domain::ids::TeamId;
use crate::domain::role::Role;
use crate::error::AppError;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InviteInput {
    pub name: String,
    pub email: String,
    /// A [`Role`] by its stored name.
    pub role: String,
    /// A team id, for roles that belong to a team.
    pub team: String,
}

/// What the person inviting may choose from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteOptions {
    pub roles: Vec<Role>,
    pub teams: Vec<(TeamId, String)>,
}

/// The roles a person may give when inviting.
pub fn roles_invitable_by(inviter: Role) -> Vec<Role> {
    Role::ALL
        .into_iter()
        .filter(|r| crate::domain::capability::may_invite(inviter, *r))
        .collect()
}

/// Roles whose accounts belong to a team or setting.
pub fn needs_team(role: Role) -> bool {
    matches!(role, Role::Professional | Role::TeamManager | Role::EducationSetting)
}

/// How long an invitation link works.
#[cfg(feature = "ssr")]
const INVITATION_DAYS: i64 = 7;

#[cfg(feature = "ssr")]
async fn choices_for(
    viewer: &crate::domain::viewer::Viewer,
) -> Result<(Vec<Role>, Vec<(TeamId, String, crate::domain::team_kind::TeamKind)>), AppError> {
    crate::accounts::guard::require(crate::domain::capability::Capability::InvitePeople)?;
    let roles = roles_invitable_by(viewer.role);
    let state = crate::state::AppState::current()?;
    // Team managers add people to their own team only.
    let teams = crate::store::teams::all(&state.db, viewer.council)
        .await?
        .into_iter()
        .filter(|(id, _, _)| viewer.role != Role::TeamManager || Some(*id) == viewer.team)
        .collect();
    Ok((roles, teams))
}

/// A person being invited.
#[cfg(feature = "ssr")]
pub struct Invitee<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub role: Role,
    pub team: Option<TeamId>,
}

/// Creates the invited person's account and queues the email with their
/// link to set a password, in `txn`. The caller has checked the address is
/// free and the inviter may give the role.
///
/// # Errors
/// A database error.
#[cfg(feature = "ssr")]
pub async fn send_invitation(
    txn: &impl sea_orm::ConnectionTrait,
    state: &crate::state::AppState,
    inviter: &crate::domain::viewer::Viewer,
    invitee: Invitee<'_>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<crate::domain::ids::AccountId, AppError> {
    use crate::store::{accounts, tokens};
    let account = accounts::create(
        txn,
        inviter.council,
        invitee.email,
        invitee.name,
        invitee.role,
        invitee.team,
        None,
        now,
    )
    .await?;
    let expires = now + chrono::TimeDelta::days(INVITATION_DAYS);
    let token = tokens::issue(txn, account, tokens::Purpose::Invitation, expires, now).await?;
    let email = crate::notify::mail::Email {
        to: accounts::normalise_email(invitee.email),
        subject: format!("{} has invited you to the EHC hub", inviter.name),
        body: format!(
            "{} has invited you to the EHC hub, where {} works with families and professionals \
             on Education, Health and Care plans.\n\n\
             To set up your account, open this link within {INVITATION_DAYS} days and choose a password:\n\
             {}/register?token={token}\n\n\
             If you were not expecting this, you can ignore this email.",
            inviter.name, state.council_name, state.public_url
        ),
    };
    crate::notify::outbox::queue(txn, email, None).await?;
    Ok(account)
}

#[server]
pub async fn invite_choices() -> Result<InviteOptions, AppError> {
    let viewer = crate::accounts::guard::require_viewer()?;
    let (roles, teams) = choices_for(&viewer).await?;
    Ok(InviteOptions {
        roles,
        teams: teams.into_iter().map(|(id, name, _)| (id, name)).collect(),
    })
}

#[server]
pub async fn invite_person(input: InviteInput) -> Result<GoTo, AppError> {
    use crate::domain::audit::AuditAction;
    use crate::domain::passwords::looks_like_email;
    use crate::domain::team_kind::TeamKind;
    use crate::error::FieldErrors;
    use crate::state::AppState;
    use crate::store::{accounts, audit};

    let viewer = crate::accounts::guard::require_viewer()?;
    let (roles, teams) = choices_for(&viewer).await?;
    let state = AppState::current()?;
    let mut errors = FieldErrors::default();
    let name = input.name.trim();
    if name.is_empty() {
        errors.add("name", "name", "Enter the person's full name");
    }
    if !looks_like_email(&input.email) {
        errors.add(
            "email",
            "email",
            "Enter an email address in the correct format, like name@example.com",
        );
    } else if accounts::email_in_use(&state.db, &input.email).await? {
        errors.add("email", "email", "An account already uses this email address");
    }
    let role = Role::parse(&input.role).filter(|r| roles.contains(r));
    if role.is_none() {
        errors.add(
            "role",
            &format!("role-{}", roles[0].as_str()),
            "Select the person's role",
        );
    }
    let team = input
        .team
        .parse::<TeamId>()
        .ok()
        .filter(|t| teams.iter().any(|(id, _, _)| id == t));
    let kind_of = |t: TeamId| teams.iter().find(|(id, _, _)| *id == t).map(|(_, _, k)| *k);
    if let Some(role) = role.filter(|r| needs_team(*r)) {
        match team.and_then(kind_of) {
            None => errors.add("team", "team", "Select the person's team or setting"),
            Some(TeamKind::EducationSetting) if role != Role::EducationSetting => errors.add(
                "team",
                "team",
                "Select a team: a school or college is for the education setting role",
            ),
            Some(kind) if role == Role::EducationSetting && kind != TeamKind::EducationSetting => {
                errors.add("team", "team", "Select a school, college or nursery")
            }
            Some(_) => {}
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let Some(role) = role else {
        return Err(AppError::Forbidden);
    };
    let team = team.filter(|_| needs_team(role));
    let now = chrono::Utc::now();
    // The account, its link and the email are saved together, or not at all.
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    let invitee = Invitee {
        name,
        email: &input.email,
        role,
        team,
    };
    send_invitation(&txn, &state, &viewer, invitee, now).await?;
    let detail = format!("{} as {}", accounts::normalise_email(&input.email), role.label());
    audit::record(&txn, Some(&viewer), AuditAction::PersonInvited, None, &detail, now).await?;
    txn.commit().await?;
    state.outbox.wake();
    Ok(GoTo::to("/people/invite?sent=1"))
}

impl Redact for InvitePerson {}

#[component]
pub fn InvitePage() -> impl IntoView {
    let FormState { error, submitted } = form_state::<InvitePerson>();
    let typed = submitted.map(|s| s.input).unwrap_or_default();
    let choices = Resource::new(|| (), |_| invite_choices());
    let sent = use_query_map().with_untracked(|q| q.get_str("sent").is_some());
    let banner = sent.then(|| {
        view! { <SuccessBanner message="Invitation sent. The link in it works for 7 days." /> }
    });
    view! {
        <div class="grid-row">
            <div class="column-two-thirds">
                {banner}
                <FormHeading heading="Invite a person" error />
                <p class="body">"They will get an email with a link to set a password. After that, they sign in with their password and a code sent to their email."</p>
                <Suspense fallback=|| view! { <p class="body">"Loading…"</p> }>
                    {
                        let typed = typed.clone();
                        move || {
                            let typed = typed.clone();
                            Suspend::new(async move {
                                match choices.await {
                                    Err(err) => view! { <p class="body">{err.to_string()}</p> }.into_any(),
                                    Ok(choices) => {
                                        let roles: Vec<Choice> = choices.roles.iter().map(|r| Choice::new(r.as_str(), r.label())).collect();
                                        let teams: Vec<Choice> = choices.teams.iter().map(|(id, name)| Choice::new(id.to_string(), name.clone())).collect();
                                        view! {
                                            <PostForm action=crate::paths::INVITE>
                                                <TextInput id="name" name="input[name]" label="Full name" value=typed.name error=field_error(error, "name") autocomplete="off" />
                                                <TextInput id="email" name="input[email]" label="Email address" value=typed.email error=field_error(error, "email") autocomplete="off" input_type="email" />
                                                <Radios id="role" name="input[role]" legend="Role" choices=roles selected=typed.role error=field_error(error, "role") />
                                                <Select id="team" name="input[team]" label="Team or setting (for professionals, team managers and education settings)" placeholder="Choose a team or setting" choices=teams selected=typed.team error=field_error(error, "team") />
                                                <button type="submit" class="button">"Send invitation"</button>
                                            </PostForm>
                                        }
                                        .into_any()
                                    }
                                }
                            })
                        }
                    }
                </Suspense>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_may_give_which_role() {
        assert_eq!(roles_invitable_by(Role::LaAdmin).len(), Role::ALL.len());
        assert!(!roles_invitable_by(Role::Caseworker).contains(&Role::LaAdmin));
        assert!(roles_invitable_by(Role::Caseworker).contains(&Role::ParentCarer));
        assert_eq!(roles_invitable_by(Role::TeamManager), vec![Role::Professional]);
        for role in [
            Role::Professional,
            Role::ParentCarer,
            Role::PanelMember,
            Role::EducationSetting,
        ] {
            assert!(roles_invitable_by(role).is_empty(), "{role:?}");
        }
    }
}
