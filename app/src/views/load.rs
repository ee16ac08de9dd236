//! Reading a case's views for the person asking: which spaces and files
//! they may see. Server-only.

use std::collections::HashMap;

use super::types::{FileView, SpaceView};
use crate::cases::context::CaseContext;
use crate::domain::capability::Capability;
use crate::domain::dates::long_date;
use crate::domain::uploads::UploadState;
use crate::domain::views::{Answers, SPACES, ViewsState};
use crate::error::AppError;
use crate::store::plans::{names, shown};

/// Each space the person may see, with its files. Spaces still being
/// written are for the family and the council; people giving advice see
/// only what was sent. A file not yet checked, or refused, is shown only to
/// the person who sent it.
///
/// # Errors
/// A database error.
pub async fn spaces(ctx: &CaseContext) -> Result<Vec<SpaceView>, AppError> {
    let db = &ctx.state.db;
    let rows = crate::store::views::spaces(db, ctx.case.id).await?;
    let writer = ctx.may(Capability::ContributeViews);
    let mut people = Vec::new();
    let mut spaces = Vec::new();
    for space in SPACES {
        let row = rows.iter().find(|r| r.space == space);
        let state = row.map_or(ViewsState::Drafting, |r| r.state);
        if state == ViewsState::Drafting && !writer {
            continue;
        }
        let files: Vec<_> = crate::store::uploads::attached(db, ctx.case.id, space)
            .await?
            .into_iter()
            .filter(|u| u.state == UploadState::Ready || u.account_id == ctx.viewer.account)
            .collect();
        people.extend(files.iter().map(|f| f.account_id));
        people.extend(row.and_then(|r| r.sent_by));
        spaces.push((space, row.cloned(), files));
    }
    let names: HashMap<_, _> = names(db, people).await?;
    let name = |id| names.get(&id).map(|(n, _)| n.clone()).unwrap_or_default();
    Ok(spaces
        .into_iter()
        .map(|(space, row, files)| SpaceView {
            space,
            answers: row.as_ref().map_or_else(Answers::default, |r| Answers {
                liked: r.liked.clone(),
                important: r.important.clone(),
                support: r.support.clone(),
                hopes: r.hopes.clone(),
            }),
            state: row.as_ref().map_or(ViewsState::Drafting, |r| r.state),
            revision: row.as_ref().map_or(0, |r| r.revision),
            sent: row.as_ref().filter(|r| r.state == ViewsState::Sent).map(|r| {
                let on = r.sent_at.map(|t| long_date(t.date_naive())).unwrap_or_default();
                match r.sent_by {
                    Some(by) => format!("Sent to the council on {on} by {}.", name(by)),
                    None => format!("Sent to the council on {on}."),
                }
            }),
            files: files
                .into_iter()
                .map(|f| FileView {
                    added: format!("{}, {}", name(f.account_id), shown(f.created_at)),
                    mine: f.account_id == ctx.viewer.account,
                    token: f.token,
                    name: f.file_name,
                    caption: f.caption,
                    media: f.media,
                    thumbnail: f.thumbnail_key.is_some(),
                    state: f.state,
                    refusal: f.refusal,
                })
                .collect(),
        })
        .collect())
}
