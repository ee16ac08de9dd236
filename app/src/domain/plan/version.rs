//! Versions of a plan: drafts the caseworker writes, drafts shared for
//! comment, and the final plan issued. Only a draft being written can change;
//! a change to a shared or issued plan is a new version.

use crate::domain::stored::stored_enum;

stored_enum! {
    #[derive(Hash)]
    #[serde(rename_all = "snake_case")]
    pub enum VersionState {
        /// Being written; only the council sees it.
        Drafting = "drafting",
        /// Shared with the family, professionals and settings for comment.
        Shared = "shared",
        /// The final plan, issued.
        Issued = "issued",
    }
}

impl VersionState {
    /// Whether people outside the council may read it.
    pub fn is_published(self) -> bool {
        self != VersionState::Drafting
    }
}

/// How a version is named on screen, in emails and on downloads.
pub fn version_name(number: i32, state: VersionState) -> String {
    match state {
        VersionState::Drafting => format!("Draft version {number} (not shared)"),
        VersionState::Shared => format!("Draft version {number}"),
        VersionState::Issued => format!("Final plan (version {number})"),
    }
}
