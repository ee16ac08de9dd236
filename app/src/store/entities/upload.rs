//! A file sent to a case: still arriving, being checked, ready or refused.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{AccountId, CaseId};
use crate::domain::uploads::{Attachment, MediaKind, UploadState};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "upload")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub token: String,
    pub case_id: CaseId,
    pub account_id: AccountId,
    pub attachment: Attachment,
    pub file_name: String,
    pub caption: String,
    pub length: i64,
    pub received: i64,
    pub state: UploadState,
    pub media: Option<MediaKind>,
    pub content_type: Option<String>,
    pub refusal: Option<String>,
    pub storage_key: Option<String>,
    pub thumbnail_key: Option<String>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub completed_at: Option<DateTimeUtc>,
    /// The request appending to the upload now, and until when its lease runs.
    pub writer: Option<String>,
    pub writing_until: Option<DateTimeUtc>,
    /// For a document attached to advice: the request the advice answers.
    pub advice_request_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
