//! The views page of a case: for each space ("About me", the parents' or
//! carers' views) the four questions, the files added with who added them,
//! a way to add more, and "Send to the council". Sent views are read-only
//! until the caseworker re-opens them.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use super::types::{FileView, SpaceView, ViewsPageData};
use super::uploader::ResumableUploader;
use crate::components::banner::SuccessBanner;
use crate::components::error_summary::ErrorSummary;
use crate::components::fields::{TextArea, TextInput};
use crate::components::forms::{FormState, GoTo, Redact, field_error, form_state};
use crate::domain::ids::CaseId;
use crate::domain::uploads::{Attachment, MediaKind, UploadState};
use crate::domain::views::{Answers, ViewsState, intro, prompts, title};
use crate::error::AppError;

#[server]
pub async fn get_views(case: CaseId) -> Result<ViewsPageData, AppError> {
    use crate::domain::capability::Capability;
    use crate::domain::uploads::size_label;
    let ctx = crate::cases::context::CaseContext::open(case, Capability::ReadViews).await?;
    let spaces = super::load::spaces(&ctx).await?;
    ctx.record(crate::domain::audit::AuditAction::ViewsRead, "", chrono::Utc::now())
        .await?;
    let limits = ctx.state.uploads.limits;
    Ok(ViewsPageData {
        may_add: ctx.may(Capability::ContributeViews),
        may_reopen: ctx.may(Capability::WritePlan),
        plan_draft: ctx.may(Capability::WritePlan) && ctx.open_draft().await?.is_some(),
        form_limit: size_label(limits.max_form_file),
        file_limit: size_label(limits.max_file),
        case: ctx.case,
        spaces,
    })
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SaveViewsInput {
    pub case: String,
    pub space: String,
    pub revision: String,
    pub liked: String,
    pub important: String,
    pub support: String,
    pub hopes: String,
    /// `send` to send to the council; anything else saves a draft.
    pub intent: String,
}

impl SaveViewsInput {
    /// The answers as typed.
    pub fn answers(&self) -> Answers {
        Answers {
            liked: self.liked.clone(),
            important: self.important.clone(),
            support: self.support.clone(),
            hopes: self.hopes.clone(),
        }
    }
}

#[server]
pub async fn save_views(input: SaveViewsInput) -> Result<GoTo, AppError> {
    use crate::domain::audit::AuditAction;
    use crate::domain::capability::Capability;
    use crate::error::FieldErrors;
    use crate::store::views::{Save, Saved, save};
    let case = input.case.parse::<CaseId>().map_err(|_| AppError::NotFound)?;
    let space = Attachment::parse(&input.space).ok_or(AppError::NotFound)?;
    let revision = input.revision.trim().parse::<i32>().map_err(|_| AppError::Conflict)?;
    let ctx = crate::cases::context::CaseContext::open(case, Capability::ContributeViews).await?;
    let answers = input.answers().trimmed();
    let send = input.intent == "send";
    let mut errors = FieldErrors::default();
    for (field, message) in answers.problems() {
        errors.add(field, &format!("{}-{field}", space.as_str()), &message);
    }
    if send && answers.is_empty() {
        let files = crate::store::uploads::attached(&ctx.state.db, case, space).await?;
        if !files.iter().any(|f| f.state == UploadState::Ready) {
            errors.add(
                "liked",
                &format!("{}-liked", space.as_str()),
                "Answer at least one question, or add a file, before sending",
            );
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = chrono::Utc::now();
    let saving = Save {
        space,
        answers: &answers,
        revision,
        send,
        by: ctx.viewer.account,
        now,
    };
    if save(&ctx.state.db, case, saving).await? == Saved::Conflict {
        let mut errors = FieldErrors::default();
        errors.add(
            "liked",
            &format!("{}-liked", space.as_str()),
            "Someone else saved these views, or sent them, while you were writing. Your words are still below: copy anything you need, then open the page again",
        );
        return Err(AppError::Validation(errors));
    }
    let (action, done) = if send {
        (AuditAction::ViewsSent, "sent")
    } else {
        (AuditAction::ViewsSaved, "saved")
    };
    ctx.record(action, title(space), now).await?;
    Ok(GoTo::to(format!(
        "{}?done={done}#{}",
        crate::paths::views(case),
        space.as_str()
    )))
}

impl Redact for SaveViews {}

#[server]
pub async fn reopen_views(case: CaseId, space: Attachment) -> Result<GoTo, AppError> {
    use crate::domain::capability::Capability;
    let ctx = crate::cases::context::CaseContext::open(case, Capability::WritePlan).await?;
    let now = chrono::Utc::now();
    if !crate::store::views::reopen(&ctx.state.db, case, space, now).await? {
        return Err(AppError::Conflict);
    }
    ctx.record(crate::domain::audit::AuditAction::ViewsReopened, title(space), now)
        .await?;
    Ok(GoTo::to(format!(
        "{}?done=reopened#{}",
        crate::paths::views(case),
        space.as_str()
    )))
}

impl Redact for ReopenViews {}

#[server]
pub async fn remove_view_file(case: CaseId, token: String) -> Result<GoTo, AppError> {
    use crate::domain::capability::Capability;
    let ctx = crate::cases::context::CaseContext::open(case, Capability::ContributeViews).await?;
    let db = &ctx.state.db;
    let upload = crate::store::uploads::by_token(db, &token)
        .await?
        .filter(|u| u.case_id == case && u.account_id == ctx.viewer.account)
        .ok_or(AppError::NotFound)?;
    if crate::store::views::is_sent(db, case, upload.attachment).await? {
        return Err(AppError::Conflict);
    }
    crate::store::uploads::remove(db, upload.id).await?;
    for key in [&upload.storage_key, &upload.thumbnail_key].into_iter().flatten() {
        ctx.state
            .uploads
            .storage
            .remove(key)
            .await
            .map_err(AppError::internal)?;
    }
    ctx.record(
        crate::domain::audit::AuditAction::FileRemoved,
        &upload.file_name,
        chrono::Utc::now(),
    )
    .await?;
    Ok(GoTo::to(format!(
        "{}?done=removed#{}",
        crate::paths::views(case),
        upload.attachment.as_str()
    )))
}

impl Redact for RemoveViewFile {}

/// Copies a sent space's answers, and a line with a link for each file, into
/// section A of the open draft plan, after what is there; the caseworker
/// then edits section A into the plan's words.
#[server]
pub async fn use_views_in_plan(case: CaseId, space: Attachment) -> Result<GoTo, AppError> {
    use crate::domain::capability::Capability;
    use crate::domain::plan::content::PartContent;
    use crate::domain::plan::part::{Part, PartStatus};
    use crate::domain::views::{ListedFile, for_section_a};
    use crate::store::plans::{Saved, parts, save_part};
    let ctx = crate::cases::context::CaseContext::open(case, Capability::WritePlan).await?;
    let draft = ctx.open_draft().await?.ok_or(AppError::Conflict)?;
    let sent = super::load::spaces(&ctx)
        .await?
        .into_iter()
        .find(|s| s.space == space && s.state == ViewsState::Sent)
        .ok_or(AppError::Conflict)?;
    let db = &ctx.state.db;
    let section = parts(db, draft.id)
        .await?
        .into_iter()
        .find(|p| p.part == Part::A)
        .ok_or(AppError::NotFound)?;
    let PartContent::Views(mut views) = section.content else {
        return Err(AppError::internal("section A does not hold views"));
    };
    let files: Vec<_> = sent
        .files
        .iter()
        .filter(|f| f.state == UploadState::Ready)
        .map(|f| ListedFile {
            kind: f.media.map_or("File", MediaKind::label),
            name: &f.name,
            caption: &f.caption,
            link: format!("{}{}", ctx.state.public_url, crate::paths::case_file(case, &f.token)),
        })
        .collect();
    let text = for_section_a(space, &sent.answers, &files);
    let field = match space {
        Attachment::ChildViews => &mut views.about_me,
        Attachment::ParentViews => &mut views.parent_views,
        Attachment::AdviceDocument => return Err(AppError::NotFound),
    };
    *field = if field.trim().is_empty() {
        text
    } else {
        format!("{}\n\n{text}", field.trim_end())
    };
    let status = match section.status {
        PartStatus::NotStarted | PartStatus::NotApplicable => PartStatus::InProgress,
        other => other,
    };
    let now = chrono::Utc::now();
    let saved = save_part(
        db,
        draft.id,
        Part::A,
        section.revision,
        status,
        &PartContent::Views(views),
        ctx.viewer.account,
        now,
    )
    .await?;
    if !matches!(saved, Saved::Revision(_)) {
        return Err(AppError::Conflict);
    }
    ctx.record(
        crate::domain::audit::AuditAction::PlanSectionSaved,
        &format!("Section A: added {}", title(space)),
        now,
    )
    .await?;
    Ok(GoTo::to(crate::paths::plan_part(case, Part::A)))
}

impl Redact for UseViewsInPlan {}

fn done_message(done: &str) -> Option<&'static str> {
    Some(match done {
        "saved" => "Your views are saved. You can come back and add to them.",
        "sent" => "Sent to the council. Your caseworker will use them in the plan.",
        "reopened" => "The views are open for changes again.",
        "removed" => "The file was removed.",
        "added" => "File added. It can be seen once it has been checked for viruses.",
        _ => return None,
    })
}

/// What went wrong with a file sent without JavaScript, from the code the
/// upload's answer put in the address (never text from the address itself).
/// The message for a problem code the plain file form comes back with.
pub fn file_problem(code: &str, form_limit: &str, file_limit: &str) -> String {
    use crate::domain::uploads::{MALWARE_REFUSED, TYPE_REFUSED};
    match code {
        "missing" => "Select a file to add".to_owned(),
        "too_large" => format!(
            "The file must be smaller than {form_limit} here. Turn on JavaScript to send files up to {file_limit}, or choose a smaller file"
        ),
        "case_full" => "There is not enough room left on this case for this file. Remove a file you no longer need, or ask your caseworker".to_owned(),
        "type" => TYPE_REFUSED.to_owned(),
        "malware" => MALWARE_REFUSED.to_owned(),
        "caption" => "The caption must be 500 characters or fewer".to_owned(),
        "sent" => "These views have been sent to the council. Ask your caseworker to re-open them to add more".to_owned(),
        _ => "The file could not be added. Try again".to_owned(),
    }
}

#[component]
pub fn ViewsPage() -> impl IntoView {
    let case = crate::plans::load::case_param();
    let query = leptos_router::hooks::use_query_map();
    let page = Resource::new(case, |id| async move {
        match id {
            Some(id) => get_views(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let done = move || query.with(|q| q.get_str("done").and_then(done_message));
    let file_error = move || {
        query.with(|q| {
            let space = q.get_str("for").and_then(Attachment::parse)?;
            Some((space, q.get_str("file_error")?.to_owned()))
        })
    };
    view! {
        <Suspense fallback=|| view! { <p class="body">"Loading the views…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(data) => {
                        let file_error = file_error().map(|(space, code)| (space, file_problem(&code, &data.form_limit, &data.file_limit)));
                        view! { <ViewsBody data done=done() file_error /> }.into_any()
                    }
                    Err(err) => crate::plans::load::error_page(err).into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ViewsBody(
    data: ViewsPageData,
    done: Option<&'static str>,
    file_error: Option<(Attachment, String)>,
) -> impl IntoView {
    let case = data.case.clone();
    let heading = "Views of the child and family";
    let empty = data.spaces.is_empty().then(|| {
        view! { <p class="body">"Nothing has been sent to the council yet."</p> }
    });
    let ViewsPageData {
        spaces,
        may_add,
        may_reopen,
        plan_draft,
        form_limit,
        file_limit,
        ..
    } = data;
    let spaces = spaces
        .into_iter()
        .map(|space| {
            let file_error = file_error
                .as_ref()
                .filter(|(at, _)| *at == space.space)
                .map(|(_, message)| message.clone());
            view! {
                <Space
                    case=case.id
                    space
                    may_add
                    may_reopen
                    plan_draft
                    form_limit=form_limit.clone()
                    file_limit=file_limit.clone()
                    file_error
                />
            }
        })
        .collect_view();
    view! {
        <Title text=format!("{heading}: {} ({}) - EHC hub", case.child_name, case.reference) />
        <a class="back-link" href=crate::paths::case(case.id)>"Back to the case"</a>
        {done.map(|message| view! { <SuccessBanner message /> })}
        <span class="caption-l">{format!("{} · {}", case.reference, case.child_name)}</span>
        <h1 class="heading-l">{heading}</h1>
        <p class="body">"In your own words, and with photos, drawings, videos or recordings. The council uses them to write section A of the plan, and everyone giving advice reads them."</p>
        {empty}
        {spaces}
    }
}

#[component]
fn Space(
    case: CaseId,
    space: SpaceView,
    may_add: bool,
    may_reopen: bool,
    /// There is a draft plan this space's views could go into.
    plan_draft: bool,
    form_limit: String,
    file_limit: String,
    /// Why a file sent without JavaScript was not taken.
    file_error: Option<String>,
) -> impl IntoView {
    let id = space.space.as_str();
    let open = space.state == ViewsState::Drafting;
    let editable = may_add && open;
    let body = if editable {
        view! { <AnswersForm case space=space.clone() /> }.into_any()
    } else {
        view! { <AnswersRead space=space.clone() /> }.into_any()
    };
    let status = match &space.sent {
        Some(sent) => {
            view! { <p class="body"><strong class="tag tag--green">"Sent"</strong>" "{sent.clone()}</p> }.into_any()
        }
        None => view! { <p class="body"><strong class="tag tag--grey">"Not sent yet"</strong></p> }.into_any(),
    };
    let use_in_plan = (plan_draft && !open).then(|| {
        view! { <SpaceAction case id form="use" label="Add these views to section A of the draft plan" class="button" /> }
    });
    let reopen = (may_reopen && !open).then(|| {
        view! { <SpaceAction case id form="reopen" label="Re-open for changes" class="button button--secondary" /> }
    });
    let files = view! { <FileList case files=space.files.clone() removable=editable /> };
    // After the files, so words and files are both in before sending; it
    // sends the answers form above (with what is typed in it).
    let send = editable.then(|| {
        view! {
            <h3 class="heading-m">"Send to the council"</h3>
            <p class="body">"When you have finished, send your views. You cannot change them after that unless you ask your caseworker."</p>
            <button type="submit" class="button" form=format!("{id}-answers") name="input[intent]" value="send">"Send to the council"</button>
        }
    });
    let add = editable.then(|| {
        view! {
            <ResumableUploader case space=space.space>
                <AddFileForm action=crate::paths::views_form(case, "upload") space=space.space form_limit file_limit error=file_error />
            </ResumableUploader>
        }
    });
    view! {
        <section class="views-space" id=id aria-labelledby=format!("{id}-heading")>
            <h2 class="heading-l" id=format!("{id}-heading")>{title(space.space)}</h2>
            <p class="body hint">{intro(space.space)}</p>
            {status}
            {body}
            <h3 class="heading-m">"Photos, videos and documents"</h3>
            {files}
            {add}
            {send}
            {use_in_plan}
            {reopen}
        </section>
    }
}

/// A button the caseworker presses for a whole space, posted as a form.
#[component]
fn SpaceAction(
    case: CaseId,
    id: &'static str,
    form: &'static str,
    label: &'static str,
    class: &'static str,
) -> impl IntoView {
    view! {
        <form method="post" action=crate::paths::views_form(case, form) novalidate>
            <input type="hidden" name="case" value=case.to_string() />
            <input type="hidden" name="space" value=id />
            <button type="submit" class=class>{label}</button>
        </form>
    }
}

#[component]
fn AnswersRead(space: SpaceView) -> impl IntoView {
    prompts(space.space)
        .into_iter()
        .map(|p| {
            let answer = space.answers.get(p.field).to_owned();
            let text = if answer.is_empty() {
                "Not answered.".to_owned()
            } else {
                answer
            };
            view! {
                <h3 class="heading-s">{p.label}</h3>
                <p class="body plan-text">{text}</p>
            }
        })
        .collect_view()
}

#[component]
fn AnswersForm(case: CaseId, space: SpaceView) -> impl IntoView {
    let FormState { error, submitted } = form_state::<SaveViews>();
    // Two spaces share the page: only the one posted shows its error and text.
    let id = space.space.as_str();
    let mine = submitted.as_ref().is_none_or(|s| s.input.space == id);
    let typed = submitted.filter(|s| s.input.space == id).map(|s| s.input.answers());
    let error = Signal::derive(move || if mine { error.get() } else { None });
    let fields = prompts(space.space)
        .into_iter()
        .map(|p| {
            let value = typed.as_ref().unwrap_or(&space.answers).get(p.field).to_owned();
            view! {
                <TextArea
                    id=format!("{id}-{}", p.field)
                    name=format!("input[{}]", p.field)
                    label=p.label
                    hint=p.hint
                    value
                    error=field_error(error, p.field)
                    rows=4
                    bold_label=true
                />
            }
        })
        .collect_view();
    view! {
        <form method="post" action=crate::paths::views(case) id=format!("{id}-answers") novalidate>
            <ErrorSummary error />
            <input type="hidden" name="input[case]" value=case.to_string() />
            <input type="hidden" name="input[space]" value=id />
            <input type="hidden" name="input[revision]" value=space.revision.to_string() />
            {fields}
            <button type="submit" class="button button--secondary" name="input[intent]" value="save">"Save and come back later"</button>
        </form>
    }
}

#[component]
fn FileList(case: CaseId, files: Vec<FileView>, removable: bool) -> impl IntoView {
    if files.is_empty() {
        return view! { <p class="body">"No files added yet."</p> }.into_any();
    }
    let items = files
        .into_iter()
        .map(|f| {
            let href = crate::paths::case_file(case, &f.token);
            let preview = match (f.state, f.media) {
                (UploadState::Ready, Some(MediaKind::Photo)) if f.thumbnail => {
                    let small = crate::paths::case_file_thumbnail(case, &f.token);
                    view! { <img class="file__photo" src=small alt=if f.caption.is_empty() { format!("Photo: {}", f.name) } else { f.caption.clone() } loading="lazy" /> }.into_any()
                }
                (UploadState::Ready, Some(MediaKind::Video)) => {
                    view! { <video class="file__video" src=href.clone() controls preload="metadata"></video> }.into_any()
                }
                (UploadState::Ready, Some(MediaKind::Audio)) => {
                    view! { <audio src=href.clone() controls preload="metadata"></audio> }.into_any()
                }
                _ => ().into_any(),
            };
            let status = match f.state {
                UploadState::Ready => view! { <a class="link" href=href.clone()>{format!("Open {}", f.name)}</a> }.into_any(),
                UploadState::Checking => view! { <span>{f.name.clone()}" "<strong class="tag tag--blue">"Checking for viruses"</strong></span> }.into_any(),
                UploadState::Receiving => view! { <span>{f.name.clone()}" "<strong class="tag tag--yellow">"Not finished sending"</strong>" Choose the same file again to carry on."</span> }.into_any(),
                UploadState::Refused => view! {
                    <span>{f.name.clone()}" "<strong class="tag tag--red">"Not added"</strong></span>
                    <span class="error-message">{f.refusal.clone().unwrap_or_default()}</span>
                }
                .into_any(),
            };
            let remove = (removable && f.mine).then(|| {
                view! {
                    <form method="post" action=crate::paths::views_form(case, "remove") novalidate>
                        <input type="hidden" name="case" value=case.to_string() />
                        <input type="hidden" name="token" value=f.token.clone() />
                        <button type="submit" class="button button--secondary button--small">{format!("Remove {}", f.name)}</button>
                    </form>
                }
            });
            let caption = (!f.caption.is_empty()).then(|| view! { <p class="body">{f.caption.clone()}</p> });
            view! {
                <li class="file">
                    {preview}
                    <p class="body">{status}</p>
                    {caption}
                    <p class="comment__meta">{format!("Added by {}", f.added)}</p>
                    {remove}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="files">{items}</ul> }.into_any()
}

/// A plain form upload that works without JavaScript, for files up to the
/// form limit; with JavaScript, the resumable uploader takes over.
#[component]
pub fn AddFileForm(
    /// Where the plain form posts.
    action: String,
    space: Attachment,
    form_limit: String,
    file_limit: String,
    error: Option<String>,
) -> impl IntoView {
    let id = space.as_str();
    let input_id = format!("{id}-file");
    let summary = error.clone().map(|message| {
        view! {
            <div class="error-summary" role="alert" tabindex="-1" aria-labelledby=format!("{id}-file-problem")>
                <h2 class="error-summary__title" id=format!("{id}-file-problem")>"There is a problem"</h2>
                <ul class="list error-summary__list"><li><a href=format!("#{input_id}")>{message}</a></li></ul>
            </div>
        }
    });
    let group = if error.is_some() {
        "form-group form-group--error"
    } else {
        "form-group"
    };
    view! {
        <form class="add-file" method="post" action=action enctype="multipart/form-data" novalidate>
            {summary}
            <input type="hidden" name="space" value=id />
            <div class=group>
                <label class="label label--bold" for=input_id.clone()>"Add a photo, video, recording or document"</label>
                <div class="hint" id=format!("{id}-file-hint")>{format!("Photos, videos, audio, PDF and Word, Excel or PowerPoint files, up to {file_limit} each ({form_limit} if JavaScript is off). A file that stops sending carries on from where it stopped.")}</div>
                {error.map(|message| view! { <p class="error-message" id=format!("{id}-file-error")><span class="visually-hidden">"Error: "</span>{message}</p> })}
                <input class="file-upload" type="file" id=input_id name="file" aria-describedby=format!("{id}-file-hint") accept="image/*,video/*,audio/*,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp" />
            </div>
            <div class="form-group">
                <label class="label" for=format!("{id}-camera")>"Or take a photo or video now"</label>
                <input class="file-upload" type="file" id=format!("{id}-camera") name="file" accept="image/*,video/*" capture="environment" />
            </div>
            <TextInput id=format!("{id}-caption") name="caption" label="Caption (optional)" value=String::new() error=Signal::derive(|| None::<String>) />
            <button type="submit" class="button button--secondary">"Add file"</button>
        </form>
    }
}
