//! What the views page shows, as sent from its server function.

use serde::{Deserialize, Serialize};

use crate::domain::case::CaseHeading;
use crate::domain::uploads::{Attachment, MediaKind, UploadState};
use crate::domain::views::{Answers, ViewsState};

/// One file in a space, as the person looking may see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileView {
    pub token: String,
    pub name: String,
    pub caption: String,
    pub media: Option<MediaKind>,
    /// A photo with a small copy to show in the list.
    pub thumbnail: bool,
    pub state: UploadState,
    pub refusal: Option<String>,
    /// "Ruth Quillfeather, 3 December 2026 at 10:05".
    pub added: String,
    /// The person looking sent it (and may remove it while the views are a draft).
    pub mine: bool,
}

/// One space: "About me", or the parents' or carers' views.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpaceView {
    pub space: Attachment,
    pub answers: Answers,
    pub state: ViewsState,
    /// What a save must name: 0 before the first.
    pub revision: i32,
    /// "Sent to the council on 3 December 2026 by Ruth Quillfeather".
    pub sent: Option<String>,
    pub files: Vec<FileView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewsPageData {
    pub case: CaseHeading,
    /// The spaces the person may see: both for the family and the council,
    /// only those sent for people giving advice.
    pub spaces: Vec<SpaceView>,
    /// Write, add files, send.
    pub may_add: bool,
    /// Re-open sent views (the caseworker).
    pub may_reopen: bool,
    /// The caseworker has a draft plan open that sent views can be added to.
    pub plan_draft: bool,
    /// "25 MB": the largest file sent without JavaScript.
    pub form_limit: String,
    pub file_limit: String,
}
