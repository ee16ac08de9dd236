//! Ceasing a plan (`/cases/{id}/cease`): a caseworker records that the
//! council has stopped maintaining a plan in force, on which day and why
//! (the reasons the SEN2 return counts). Recording is the case event
//! `PlanCeased`, which closes the case; the family and the school are told.
//! A plan that has ceased shows when and why here and on the case page.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::fields::{Choice, DateInput, Radios, TextArea};
use crate::components::form_page::{FormHeading, PostForm};
use crate::components::forms::{FormState, GoTo, Redact, field_error, form_state};
use crate::domain::cease::{CeaseInput, CeaseReason, Ceased};
use crate::domain::dates::long_date;
use crate::domain::ids::CaseId;
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CeasePage {
    pub case: CaseId,
    pub caption: String,
    pub version: i32,
    /// The day the plan in force was issued; none when no plan is in force.
    pub plan_in_force: Option<NaiveDate>,
    /// The plan has ceased already.
    pub ceased: Option<Ceased>,
}

#[server]
pub async fn get_cease_plan(case: CaseId) -> Result<CeasePage, AppError> {
    use crate::domain::capability::Capability;
    let ctx = super::context::CaseContext::open(case, Capability::CeasePlan).await?;
    let in_force = ctx.case.stage.tray() == crate::domain::stage::Tray::Live;
    Ok(CeasePage {
        case,
        caption: format!("{} · {}", ctx.case.child_name, ctx.case.reference),
        version: ctx.version,
        plan_in_force: ctx.plan_issued_on.filter(|_| in_force),
        ceased: crate::store::cease::of_case(&ctx.state.db, case).await?,
    })
}

#[server]
pub async fn cease_plan(input: CeaseInput) -> Result<GoTo, AppError> {
    use crate::domain::capability::Capability;
    use crate::domain::workflow::CaseEvent;
    let case = input.case.parse::<CaseId>().map_err(|_| AppError::NotFound)?;
    let ctx = super::context::CaseContext::open(case, Capability::CeasePlan).await?;
    if input.version.parse::<i32>().ok() != Some(ctx.version) {
        return Err(AppError::Conflict);
    }
    let issued = ctx.plan_issued_on.ok_or(AppError::Conflict)?;
    let ceased = input.validate(issued, crate::state::today())?;
    let emails = crate::decisions::notify::ceased(&ctx, &ceased).await?;
    let txn = ctx.begin().await?;
    ctx.apply(
        &txn,
        CaseEvent::PlanCeased { on: ceased.on },
        ceased.reason.label(),
        emails,
    )
    .await?;
    crate::store::cease::record(&txn, case, &ceased).await?;
    ctx.commit(txn).await?;
    Ok(GoTo::to(format!("{}?done=ceased", crate::paths::cease(case))))
}

impl Redact for CeasePlan {}

#[component]
pub fn CeasePageView() -> impl IntoView {
    let case = crate::plans::load::case_param();
    let page = Resource::new(case, |case| async move {
        match case {
            Some(case) => get_cease_plan(case).await,
            None => Err(AppError::NotFound),
        }
    });
    crate::plans::load::loaded(page, "Loading…", |page| view! { <CeaseForm page /> })
}

#[component]
fn CeaseForm(page: CeasePage) -> impl IntoView {
    let FormState { error, submitted } = form_state::<CeasePlan>();
    let typed = submitted.map(|s| s.input).unwrap_or_default();
    let field = move |name: &'static str| field_error(error, name);
    let case = page.case;
    let back = view! { <p class="body"><a class="link" href=crate::paths::case(case)>"Back to the case"</a></p> };
    if let Some(ceased) = page.ceased {
        let note = (!ceased.note.is_empty()).then(|| view! { <p class="body pre-line">{ceased.note.clone()}</p> });
        return view! {
            <div class="panel panel--confirmation">
                <h1 class="panel__title">"The plan has ceased"</h1>
                <div class="panel__body">{format!("On {}", long_date(ceased.on))}</div>
            </div>
            <p class="body">{ceased.reason.label()}</p>
            {note}
            <p class="body">"The family and the school have been told. The case is closed: it shows in the closed cases."</p>
            {back}
        }
        .into_any();
    }
    let Some(issued) = page.plan_in_force else {
        return view! {
            <h1 class="heading-l">"Cease the plan"</h1>
            <p class="body">"This case has no plan in force: only an issued plan can cease."</p>
            {back}
        }
        .into_any();
    };
    let reasons: Vec<Choice> = CeaseReason::ALL
        .iter()
        .map(|r| Choice::new(r.as_str(), r.label()))
        .collect();
    view! {
        <FormHeading heading="Cease the plan" caption=page.caption.clone() error />
        <p class="body">{format!("The plan was issued on {}.", long_date(issued))}</p>
        <div class="warning-text">
            <strong>"Record this once the plan has stopped:"</strong>
            " after the family has been told of the decision to cease it, and the time for an appeal has passed or the appeal has ended. The case closes, and the family and the school are emailed."
        </div>
        <PostForm action=crate::paths::cease(case)>
            <input type="hidden" name="input[case]" value=case.to_string() />
            <input type="hidden" name="input[version]" value=page.version.to_string() />
            <Radios id="reason" name="input[reason]" legend="Why did the plan cease?" choices=reasons selected=typed.reason.clone() error=field("reason") />
            <DateInput id="ceased_on" name="input[ceased_on]" legend="Date the plan ceased" hint="For example, 31 7 2027" value=typed.ceased_on.clone() error=field("ceased_on") />
            <TextArea id="note" name="input[note]" label="Note (optional unless the reason is another one)" hint="Kept on the case for the council; not sent to anyone." value=typed.note.clone() error=field("note") />
            <button type="submit" class="button button--warning">"Cease the plan"</button>
        </PostForm>
        {back}
    }
    .into_any()
}
