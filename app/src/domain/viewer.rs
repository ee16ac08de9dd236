//! The signed-in person as pages and server functions see them.

use serde::{Deserialize, Serialize};

use crate::domain::ids::{AccountId, LocalAuthorityId, TeamId};
use crate::domain::role::Role;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub account: AccountId,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// The council the account belongs to.
    pub council: LocalAuthorityId,
    /// The team of a professional, team manager or education setting.
    pub team: Option<TeamId>,
    /// Signs in with codes from an authenticator app rather than by email.
    pub authenticator: bool,
}
