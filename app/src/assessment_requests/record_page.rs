//! The request behind a case (`/cases/{id}/request`), the first step of its
//! pathway: who asked and when, and for a request made online what it said.
//! Just after sending, the person who asked sees the confirmation here: the
//! reference, what happens next and by when, and where to add documents and
//! views.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use crate::domain::assessment_request::{RequestDetails, WhatHappensNext};
use crate::domain::dates::long_date;
use crate::domain::ids::CaseId;
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRequest {
    pub case: CaseId,
    pub reference: String,
    pub child_name: String,
    pub requested_by: String,
    pub received_on: NaiveDate,
    pub setting: Option<String>,
    pub next: WhatHappensNext,
    /// What an online request said; none for one registered by the council.
    pub online: Option<OnlineRecord>,
    pub may_add_views: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnlineRecord {
    pub made_by: String,
    pub details: RequestDetails,
}

#[server]
pub async fn get_case_request(case: CaseId) -> Result<CaseRequest, AppError> {
    use crate::domain::capability::Capability;
    let ctx = crate::cases::context::CaseContext::open(case, Capability::ViewCase).await?;
    let db = &ctx.state.db;
    let detail = crate::store::cases::detail(db, case, crate::state::today(), &ctx.state.limits)
        .await?
        .ok_or(AppError::NotFound)?;
    let online = crate::store::assessment_requests::for_case(db, case)
        .await?
        .map(|saved| OnlineRecord {
            made_by: saved.made_by,
            details: saved.details,
        });
    Ok(CaseRequest {
        case,
        reference: detail.reference,
        child_name: format!("{} {}", detail.first_name, detail.last_name),
        requested_by: detail.requested_by.label().to_owned(),
        received_on: detail.received_on,
        setting: detail.setting,
        next: WhatHappensNext::from(detail.received_on, &ctx.state.limits),
        online,
        may_add_views: ctx.may(Capability::ContributeViews),
    })
}

#[component]
pub fn CaseRequestPage() -> impl IntoView {
    let params = use_params_map();
    let case = move || params.with(|p| p.get_str("id").and_then(|id| id.parse::<CaseId>().ok()));
    let sent = use_query_map().with_untracked(|q| q.get_str("sent").is_some());
    let page = Resource::new(case, |case| async move {
        match case {
            Some(case) => get_case_request(case).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <RequestRecord page sent /> }.into_any(),
                    Err(err) => {
                        err.set_page_status();
                        view! {
                            <h1 class="heading-l">{err.to_string()}</h1>
                            <p class="body"><a class="link" href=crate::paths::CASES>"Go back to your cases"</a></p>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

fn row(key: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{key}</dt>
            <dd class="summary-list__value pre-line">{value}</dd>
        </div>
    }
}

#[component]
fn RequestRecord(page: CaseRequest, sent: bool) -> impl IntoView {
    let case = page.case;
    let confirmation = sent.then(|| {
        view! {
            <div class="panel panel--confirmation" id="request-sent">
                <h1 class="panel__title">"Request sent"</h1>
                <div class="panel__body">"Your reference is"<br /><strong>{page.reference.clone()}</strong></div>
            </div>
            <p class="body">"We have sent you an email to confirm it. The child's school or setting has been told."</p>
        }
    });
    let heading = (!sent).then(|| {
        view! {
            <span class="caption-l">{format!("{} · {}", page.child_name, page.reference)}</span>
            <h1 class="heading-l">"The request for an assessment"</h1>
        }
    });
    let add_views = page.may_add_views.then(|| {
        view! {
            <h2 class="heading-m">"Add documents and views"</h2>
            <p class="body">"Reports, letters from doctors or therapists, photos and the child's own views help the council decide. You can add them now or later."</p>
            <p class="body"><a class="button" href=crate::paths::views(case) role="button">"Add documents and views"</a></p>
        }
    });
    let said = page.online.clone().map(|online| {
        let d = online.details;
        let areas = d.areas.iter().map(|a| a.title()).collect::<Vec<_>>().join(", ");
        let responsibility = d.parental_responsibility.map(|yes| {
            row(
                "Parental responsibility",
                if yes {
                    "The person who asked has parental responsibility".to_owned()
                } else {
                    "The person who asked does not have parental responsibility".to_owned()
                },
            )
        });
        let others = (!d.others_with_responsibility.is_empty())
            .then(|| row("Others with parental responsibility", d.others_with_responsibility.clone()));
        let family = (!d.family_name.is_empty()).then(|| {
            view! {
                {row("Family", format!("{} ({})", d.family_name, d.family_email))}
                {row("Family's agreement", if d.consent { "Confirmed by the person who asked".to_owned() } else { "Not confirmed".to_owned() })}
            }
        });
        let phone = (!d.phone.is_empty()).then(|| row("Telephone", d.phone.clone()));
        view! {
            <h2 class="heading-m">"What the request said"</h2>
            <dl class="summary-list">
                {row("Asked by", online.made_by)}
                {responsibility}
                {others}
                {family}
                {phone}
                {row("Where help is needed", areas)}
                {row("Why they are asking", d.reasons)}
                {row("Support tried so far", d.support_tried)}
            </dl>
        }
    });
    view! {
        <div class="grid-row">
            <div class="column-two-thirds">
                {confirmation}
                {heading}
                <dl class="summary-list">
                    {row("Child or young person", page.child_name.clone())}
                    {row("Reference", page.reference.clone())}
                    {row("Made by", page.requested_by.clone())}
                    {row("Received", long_date(page.received_on))}
                    {row("School or setting", page.setting.clone().unwrap_or_else(|| "None".to_owned()))}
                </dl>
                <h2 class="heading-m" id="what-happens-next">"What happens next"</h2>
                <ol class="list list--number">
                    <li>{format!("By {} the council tells the family whether it will carry out an EHC needs assessment. It may ask the school and professionals who know the child for information first.", long_date(page.next.decision_by))}</li>
                    <li>"If it assesses, it asks education, health and social care, and the family, for advice."</li>
                    <li>{format!("If a plan is needed, the final plan is due by {}.", long_date(page.next.final_plan_by))}</li>
                </ol>
                {add_views}
                {said}
                <p class="body"><a class="link" href=crate::paths::case(case)>"Go to the case"</a></p>
            </div>
        </div>
    }
}
