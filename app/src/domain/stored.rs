//! Enums stored in the database by a stable name. One list of variants and
//! their names gives the enum, `ALL`, `as_str` and `parse`, and on the server
//! a sea-orm active enum, so an entity's column is the domain type itself and
//! a variant can never be missing from `ALL` or from the stored names.

/// Declares an enum whose variants are stored as the given strings.
///
/// ```ignore
/// stored_enum! {
///     /// Who asked.
///     #[derive(Hash)]
///     pub enum Requester {
///         Parent = "parent",
///         School = "school",
///     }
/// }
/// ```
///
/// Every enum gets `Clone, Copy, Debug, PartialEq, Eq, Serialize,
/// Deserialize`; further derives and serde attributes are passed through.
/// Both engines store the names as text.
macro_rules! stored_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $stored:literal ),+ $(,)?
        }
    ) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        $(#[$meta])*
        #[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
        #[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                #[cfg_attr(feature = "ssr", sea_orm(string_value = $stored))]
                $variant,
            )+
        }

        impl $name {
            /// Every variant, in the order declared.
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];

            /// The stable name stored in the database (and used in forms and addresses).
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $stored,)+
                }
            }

            /// The variant stored under `s`, if any.
            pub fn parse(s: &str) -> Option<$name> {
                match s {
                    $($stored => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

pub(crate) use stored_enum;

#[cfg(test)]
mod tests {
    use crate::domain::access::Link;
    use crate::domain::audit::AuditAction;
    use crate::domain::plan::consultation::Answer;
    use crate::domain::plan::part::{Part, PartStatus};
    use crate::domain::plan::version::VersionState;
    use crate::domain::requester::Requester;
    use crate::domain::role::Role;
    use crate::domain::stage::Stage;
    use crate::domain::team_kind::TeamKind;

    /// Every stored name reads back as its variant, and no two variants share one.
    fn round_trips<T: Copy + PartialEq + std::fmt::Debug>(
        all: &[T],
        as_str: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) {
        let mut names: Vec<&str> = all.iter().map(|v| as_str(*v)).collect();
        for v in all {
            assert_eq!(parse(as_str(*v)), Some(*v));
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all.len(), "two variants share a stored name");
        assert_eq!(parse("no such name"), None);
    }

    #[test]
    fn every_stored_enum_round_trips() {
        round_trips(&Role::ALL, Role::as_str, Role::parse);
        round_trips(&Stage::ALL, Stage::as_str, Stage::parse);
        round_trips(&Link::ALL, Link::as_str, Link::parse);
        round_trips(&Requester::ALL, Requester::as_str, Requester::parse);
        round_trips(&TeamKind::ALL, TeamKind::as_str, TeamKind::parse);
        round_trips(&AuditAction::ALL, AuditAction::as_str, AuditAction::parse);
        round_trips(&VersionState::ALL, VersionState::as_str, VersionState::parse);
        round_trips(&Part::ALL, Part::as_str, Part::parse);
        round_trips(&PartStatus::ALL, PartStatus::as_str, PartStatus::parse);
        round_trips(&Answer::ALL, Answer::as_str, Answer::parse);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_database_stores_the_same_names() {
        use sea_orm::ActiveEnum;
        for stage in Stage::ALL {
            assert_eq!(stage.to_value(), stage.as_str());
        }
        for role in Role::ALL {
            assert_eq!(Role::try_from_value(&role.as_str().to_owned()).ok(), Some(role));
        }
    }
}
