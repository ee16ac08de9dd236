//! The pages of one request's advice. For the person asked: the template's
//! questions, the areas (each written in the area editor), and "Check and
//! submit", which shows the whole advice and asks for confirmation. For
//! everyone else who may read it: the advice, read-only.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::response::{ResponseData, SaveAdviceHeader, SubmitAdvice, get_response};
use crate::components::banner::SuccessBanner;
use crate::components::error_summary::ErrorSummary;
use crate::components::fields::{Choice, Radios, TextArea, TextInput};
use crate::components::forms::{FormState, field_error, form_state};
use crate::error::AppError;

fn request_param() -> impl Fn() -> Option<i64> + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get_str("request").and_then(|r| r.parse().ok()))
}

fn load() -> Resource<Result<ResponseData, AppError>> {
    let case = crate::plans::load::case_param();
    let request = request_param();
    Resource::new(
        move || (case(), request()),
        |(case, request)| async move {
            match (case, request) {
                (Some(case), Some(request)) => get_response(case, request).await,
                _ => Err(AppError::NotFound),
            }
        },
    )
}

#[component]
pub fn ResponsePage() -> impl IntoView {
    crate::plans::load::loaded(load(), "Loading the advice…", |data| {
        if data.editable {
            view! { <WriteAdvice data /> }.into_any()
        } else {
            view! { <ReadAdvice data /> }.into_any()
        }
    })
}

#[component]
pub fn SubmitPage() -> impl IntoView {
    crate::plans::load::loaded(load(), "Loading the advice…", |data| view! { <CheckAndSubmit data /> })
}

fn yes_no() -> Vec<Choice> {
    vec![Choice::new("yes", "Yes"), Choice::new("no", "No")]
}

fn answer(value: Option<bool>) -> String {
    match value {
        Some(true) => "yes".to_owned(),
        Some(false) => "no".to_owned(),
        None => String::new(),
    }
}

/// The documents attached to the advice; for its writer, with the form that adds one.
#[component]
fn Documents(
    data: ResponseData,
    /// The plain form's problem with the last file, if any.
    #[prop(default = None)]
    error: Option<String>,
) -> impl IntoView {
    use crate::domain::uploads::{Attachment, UploadState};
    let case = data.case.id;
    let request = data.request;
    let rows = if data.documents.is_empty() {
        view! { <p class="body hint">"No documents attached."</p> }.into_any()
    } else {
        let items = data
            .documents
            .into_iter()
            .map(|d| {
                let state = match d.state {
                    UploadState::Ready => view! {
                        <a class="link" href=crate::paths::case_file(case, &d.token)>{d.name.clone()}</a>
                    }
                    .into_any(),
                    UploadState::Refused => view! {
                        <span>{d.name.clone()}</span>
                        <p class="error-message">{d.refusal.clone().unwrap_or_default()}</p>
                    }
                    .into_any(),
                    UploadState::Receiving | UploadState::Checking => view! {
                        <span>{d.name.clone()}</span>" "<strong class="tag tag--grey">"Being checked"</strong>
                    }
                    .into_any(),
                };
                view! { <li>{state}</li> }
            })
            .collect_view();
        view! { <ul class="list list--bullet">{items}</ul> }.into_any()
    };
    let add = data.editable.then(|| {
        view! {
            <crate::views::uploader::ResumableUploader case space=Attachment::AdviceDocument request=request>
                <crate::views::views_page::AddFileForm
                    action=crate::paths::advice_upload(case, request)
                    space=Attachment::AdviceDocument
                    form_limit=data.form_limit.clone()
                    file_limit=data.file_limit.clone()
                    error
                />
            </crate::views::uploader::ResumableUploader>
        }
    });
    view! {
        <section id="advice_document" aria-labelledby="documents-heading">
            <h2 class="heading-m" id="documents-heading">"Documents"</h2>
            <p class="body hint">"Reports, clinic letters and assessments that go with the advice."</p>
            {rows}
            {add}
        </section>
    }
}

/// The writer's page: the questions, then the areas, then submitting.
#[component]
fn WriteAdvice(data: ResponseData) -> impl IntoView {
    let case = data.case.id;
    let request = data.request;
    let FormState { error, submitted } = form_state::<SaveAdviceHeader>();
    let conflict = error.get_untracked() == Some(AppError::Conflict);
    let typed = submitted
        .map(|s| s.input)
        .unwrap_or_else(|| super::response::HeaderInput {
            on_behalf: if data.header.on_behalf { "yes" } else { "no" }.to_owned(),
            on_behalf_of: data.header.on_behalf_of.clone(),
            giver_name: data.header.giver_name.clone(),
            giver_role: data.header.giver_role.clone(),
            will_provide: answer(data.header.will_provide),
            no_reason: data.header.no_reason.clone(),
            ..Default::default()
        });
    let query = use_query_map();
    let saved = query
        .with_untracked(|q| q.get_str("done") == Some("saved"))
        .then(|| view! { <SuccessBanner message="Your advice has been saved. You can come back to it at any time before you submit it." /> });
    let added = query.with_untracked(|q| q.get_str("done") == Some("added")).then(
        || view! { <SuccessBanner message="Document added. It is being checked, then it appears with your advice." /> },
    );
    let file_error = query.with_untracked(|q| {
        q.get_str("file_error")
            .map(|code| crate::views::views_page::file_problem(code, &data.form_limit, &data.file_limit))
    });
    let documents = view! { <Documents data=data.clone() error=file_error /> };
    let conflict_note = conflict.then(|| {
        view! {
            <div class="panel panel--warning" role="alert">
                <p class="body">{format!("Your advice was saved somewhere else ({}) while you were editing. Your answers below have not been saved: check them and save again.", data.saved_at.clone().unwrap_or_default())}</p>
            </div>
        }
    });
    let areas = data
        .areas
        .iter()
        .map(|a| {
            let (tag, link) = if a.written {
                (
                    view! { <strong class="tag tag--green">"Written"</strong> }.into_any(),
                    "Change",
                )
            } else {
                (
                    view! { <strong class="tag tag--grey">"Not written"</strong> }.into_any(),
                    "Write",
                )
            };
            view! {
                <li class="task-list__item task-list__sub">
                    <a class="link" href=crate::paths::advice_area(case, request, a.part)>
                        {link}<span class="visually-hidden">" about"</span>" "{a.part.title()}
                    </a>
                    {tag}
                </li>
            }
        })
        .collect_view();
    // A refused save keeps the revision it was typed over, so a save made
    // meanwhile is still caught; after a conflict, saving again replaces it.
    let revision = if conflict || typed.revision.is_empty() {
        data.revision.to_string()
    } else {
        typed.revision.clone()
    };
    view! {
        <Title text=format!("Your advice: case {} - EHC hub", data.case.reference) />
        <a class="back-link" href=crate::paths::advice(case)>"Back to advice and information"</a>
        {saved}
        {added}
        <span class="caption-l">{format!("{} · {}", data.case.reference, data.kind.label())}</span>
        <h1 class="heading-l">"Your advice"</h1>
        <p class="body">{format!("Due by {}. Save as you go: nobody else sees your advice until you submit it, except the manager of your team.", data.due_on)}</p>
        {data.saved_at.clone().map(|at| view! { <p class="hint">{format!("Last saved {at}")}</p> })}
        <ErrorSummary error />
        {conflict_note}
        <h2 class="heading-m" id="about">"About this advice"</h2>
        <super::autosave::QuestionsAutosave autosave=!conflict>
        <form id="advice-header" method="post" action=crate::paths::advice_response(case, request) novalidate>
            <input type="hidden" name="input[case]" value=case.to_string() />
            <input type="hidden" name="input[request]" value=request.to_string() />
            <input type="hidden" name="input[revision]" value=revision />
            <Radios id="on_behalf" name="input[on_behalf]" legend="Are you responding on behalf of someone else?" choices=yes_no() selected=typed.on_behalf error=field_error(error, "on_behalf") />
            <TextInput id="on_behalf_of" name="input[on_behalf_of]" label="If yes, who are you responding for?" value=typed.on_behalf_of error=field_error(error, "on_behalf_of") />
            <TextInput id="giver_name" name="input[giver_name]" label="Name of the person giving the advice" hint="This is the name the plan lists in section K." value=typed.giver_name error=field_error(error, "giver_name") autocomplete="name" />
            <TextInput id="giver_role" name="input[giver_role]" label="Their job title or role" value=typed.giver_role error=field_error(error, "giver_role") autocomplete="organization-title" />
            <Radios id="will_provide" name="input[will_provide]" legend="Will you provide information and advice?" choices=yes_no() selected=typed.will_provide error=field_error(error, "will_provide") />
            <TextArea id="no_reason" name="input[no_reason]" label="If no, why not?" value=typed.no_reason error=field_error(error, "no_reason") rows=3 />
            <h2 class="heading-m" id="areas">"Areas"</h2>
            <p class="body">"Write about the areas in your expertise only. Save your answers above first: each area opens in its own page."</p>
            {field_error(error, "areas").get_untracked().map(|m| view! { <p class="error-message"><span class="visually-hidden">"Error: "</span>{m}</p> })}
            <ul class="task-list">{areas}</ul>
            <div class="button-group">
                <button type="submit" class="button button--secondary" name="input[intent]" value="save">"Save and come back later"</button>
            </div>
        </form>
        </super::autosave::QuestionsAutosave>
        {documents}
        <h2 class="heading-m">"Submit your advice"</h2>
        <p class="body">"When your answers, areas and documents are ready, check everything before you submit it."</p>
        // Part of the form above (the documents' forms sit between), so what
        // was typed in it is saved before the check.
        <button type="submit" class="button" form="advice-header" name="input[intent]" value="check">"Check and submit"</button>
    }
}

/// The advice as everyone reads it.
#[component]
pub fn AdviceBody(data: ResponseData) -> impl IntoView {
    let h = data.header.clone();
    // Read here, documents are listed without the form that adds them.
    let documents_of = ResponseData {
        editable: false,
        ..data.clone()
    };
    let row = |key: &'static str, value: String| {
        (!value.trim().is_empty()).then(|| {
            view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">{key}</dt>
                    <dd class="summary-list__value">{value}</dd>
                </div>
            }
        })
    };
    let will = match h.will_provide {
        Some(true) => "Yes".to_owned(),
        Some(false) => format!("No: {}", h.no_reason),
        None => "Not answered yet".to_owned(),
    };
    let areas = if data.written.is_empty() {
        view! { <p class="body hint">"No area written yet."</p> }.into_any()
    } else {
        data.written
            .into_iter()
            .map(|(part, area)| {
                view! {
                    <section class="advice-area">
                        <h2 class="heading-m">{part.title()}</h2>
                        <crate::plans::document::AreaBody part area />
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <dl class="summary-list">
            {row("Advice given by", h.giver_name)}
            {row("Job title or role", h.giver_role)}
            {row("On behalf of", if h.on_behalf { h.on_behalf_of } else { String::new() })}
            {row("Will provide information and advice", will)}
            {row("Team", data.member_of.unwrap_or_default())}
            {row("Submitted", data.submitted_on.unwrap_or_default())}
        </dl>
        {areas}
        <Documents data=documents_of />
    }
}

#[component]
fn ReadAdvice(data: ResponseData) -> impl IntoView {
    let case = data.case.id;
    let heading = if data.submitted_on.is_some() {
        format!("Advice from {}", data.header.giver_name)
    } else {
        format!("Draft advice from {}", data.asked)
    };
    let draft_note = data.submitted_on.is_none().then(|| {
        view! { <div class="warning-text"><strong>{format!("This is a draft: {} has not submitted it yet ({}).", data.asked, data.status.label())}</strong></div> }
    });
    view! {
        <Title text=format!("{heading}: case {} - EHC hub", data.case.reference) />
        <a class="back-link" href=crate::paths::advice(case)>"Back to advice and information"</a>
        <span class="caption-l">{format!("{} · {} · {}", data.case.reference, data.case.child_name, data.kind.label())}</span>
        <h1 class="heading-l">{heading}</h1>
        {draft_note}
        <p class="body"><a class="link" href=crate::paths::advice_pdf(case, data.request) download>"Download the advice (PDF)"</a></p>
        <AdviceBody data />
    }
}

#[component]
fn CheckAndSubmit(data: ResponseData) -> impl IntoView {
    let case = data.case.id;
    let request = data.request;
    let FormState { error, .. } = form_state::<SubmitAdvice>();
    if !data.editable {
        return view! {
            <h1 class="heading-l">"This advice has been submitted"</h1>
            <p class="body"><a class="link" href=crate::paths::advice_response(case, request)>"Read the advice"</a></p>
        }
        .into_any();
    }
    let problems = (!data.problems.is_empty()).then(|| {
        let items = data
            .problems
            .iter()
            .map(|p| view! { <li><a class="link" href=format!("{}#about", crate::paths::advice_response(case, request))>{p.clone()}</a></li> })
            .collect_view();
        view! {
            <div class="error-summary" role="alert" tabindex="-1">
                <h2 class="error-summary__title">"Before you can submit your advice"</h2>
                <ul class="error-summary__list">{items}</ul>
            </div>
        }
    });
    let ready = data.problems.is_empty();
    let revision = data.revision;
    view! {
        <Title text=format!("Check your advice: case {} - EHC hub", data.case.reference) />
        <a class="back-link" href=crate::paths::advice_response(case, request)>"Back to your advice"</a>
        <span class="caption-l">{format!("{} · {}", data.case.reference, data.kind.label())}</span>
        <h1 class="heading-l">"Check your advice before you submit it"</h1>
        <ErrorSummary error />
        {problems}
        <AdviceBody data />
        {ready.then(|| view! {
            <h2 class="heading-m">"Now submit your advice"</h2>
            <div class="warning-text">
                <strong>"Once you submit it, nobody can change your advice. The caseworker, the family and the other professionals on the case will be able to read it."</strong>
            </div>
            <form method="post" action=crate::paths::advice_submit(case, request) novalidate>
                <input type="hidden" name="input[case]" value=case.to_string() />
                <input type="hidden" name="input[request]" value=request.to_string() />
                <input type="hidden" name="input[revision]" value=revision.to_string() />
                <button type="submit" class="button">"Submit advice"</button>
            </form>
        })}
    }
    .into_any()
}
