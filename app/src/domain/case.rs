//! One case as every case page heads it: the child, the reference and the
//! stage. Pages, stores and the case context share it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::access::Link;
use super::ids::{AccountId, CaseId};
use super::role::Role;
use super::stage::Stage;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseHeading {
    pub id: CaseId,
    pub reference: String,
    pub child_name: String,
    pub date_of_birth: NaiveDate,
    pub stage: Stage,
}

/// A person (or team) given access to a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasePerson {
    /// The person's account; `None` for a team.
    pub account: Option<AccountId>,
    pub name: String,
    pub email: Option<String>,
    pub role: Option<Role>,
    pub link: Link,
}

/// A person with an account linked to a case: whom its emails go to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedPerson {
    pub account: AccountId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub link: Link,
}
