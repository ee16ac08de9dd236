//! Typed ids, so a case id can never be passed where a team id is expected.
//! On the server they are sea-orm value types: entities hold them too, so a
//! row read from the database already carries the right kind of id.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse().map(Self)
            }
        }
    };
}

typed_id!(
    /// A local authority (council) running the hub.
    LocalAuthorityId
);
typed_id!(
    /// A team or organisation: a service (educational psychology, a health
    /// trust's team, social care) or an education setting.
    TeamId
);
typed_id!(
    /// A child or young person.
    ChildId
);
typed_id!(
    /// One EHC case: from the request for assessment through to the plan and its reviews.
    CaseId
);
typed_id!(
    /// A person who signs in.
    AccountId
);
typed_id!(
    /// One version of a case's EHC plan.
    PlanVersionId
);
typed_id!(
    /// A request to a school or setting to say whether it can meet a child's needs.
    ConsultationId
);
typed_id!(
    /// One email in the outbox.
    EmailId
);
