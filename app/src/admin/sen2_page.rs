//! The DfE's SEN2 return (`/admin/sen2`), for council administrators: the
//! collection year and what it covers, the council's details for the
//! header, the file to upload to the DfE's COLLECT system, and the cases the
//! year should report that are still missing a detail, each linked to where
//! it is kept.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::components::banner::SuccessBanner;
use crate::components::fields::{Choice, Radios, TextInput};
use crate::components::form_page::{FormHeading, PostForm};
use crate::components::forms::{FormState, GoTo, Redact, field_error, form_state};
use crate::domain::dates::long_date;
use crate::domain::sen2::codes::InPost;
use crate::domain::sen2::details::{CouncilInput, CouncilReturn};
use crate::domain::sen2::{Collection, Incomplete};
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sen2Page {
    pub collection: Collection,
    pub council_name: String,
    pub council: CouncilReturn,
    /// How many people the file reports.
    pub reported: usize,
    pub incomplete: Vec<Incomplete>,
}

/// The collection year asked for, or the one being gathered; never one
/// before the person-level return began (2023) or after the one gathered.
#[cfg(feature = "ssr")]
fn collection(year: Option<i32>) -> Collection {
    let gathering = Collection::gathering(crate::state::today());
    year.filter(|y| (2023..=gathering.year).contains(y))
        .map_or(gathering, |year| Collection { year })
}

#[server]
pub async fn get_sen2(year: Option<i32>) -> Result<Sen2Page, AppError> {
    use crate::domain::capability::Capability;
    let viewer = crate::accounts::guard::require(Capability::MakeReturns)?;
    let state = crate::state::AppState::current()?;
    let collection = collection(year);
    let (council_name, council) = crate::store::sen2::council(&state.db, viewer.council).await?;
    let facts = crate::store::sen2::facts(&state.db, viewer.council, collection).await?;
    let gathered = crate::domain::sen2::gather(collection, facts);
    Ok(Sen2Page {
        collection,
        council_name,
        council,
        reported: gathered.persons.len(),
        incomplete: gathered.incomplete,
    })
}

#[server]
pub async fn save_council_return(input: CouncilInput) -> Result<GoTo, AppError> {
    use crate::domain::capability::Capability;
    let viewer = crate::accounts::guard::require(Capability::MakeReturns)?;
    let state = crate::state::AppState::current()?;
    let details = input.validate()?;
    crate::store::sen2::set_council(&state.db, viewer.council, &details).await?;
    crate::store::audit::record(
        &state.db,
        Some(&viewer),
        crate::domain::audit::AuditAction::CouncilReturnDetailsSaved,
        None,
        details.dfe_number.as_deref().unwrap_or_default(),
        chrono::Utc::now(),
    )
    .await?;
    let year = collection(input.year.parse().ok()).year;
    Ok(GoTo::to(format!("{}&saved=1", crate::paths::sen2(year))))
}

impl Redact for SaveCouncilReturn {}

/// The year's return as the DfE's XML, for a council administrator whose
/// council's details are complete. Server-only: the router serves it.
///
/// # Errors
/// `Forbidden` for anyone else; `Validation` while the council's details
/// are incomplete.
#[cfg(feature = "ssr")]
pub async fn return_file(
    viewer: crate::domain::viewer::Viewer,
    state: crate::state::AppState,
    year: i32,
) -> Result<crate::plans::downloads::File, AppError> {
    use crate::domain::capability::Capability;
    if !crate::accounts::guard::may(&viewer, Capability::MakeReturns) {
        return Err(AppError::Forbidden);
    }
    let collection = collection(Some(year));
    let (_, council) = crate::store::sen2::council(&state.db, viewer.council).await?;
    let (Some(la_number), Some(medical_officer), Some(clinical_officer)) =
        (council.dfe_number, council.medical_officer, council.clinical_officer)
    else {
        let mut errors = crate::error::FieldErrors::default();
        errors.add(
            "dfe_number",
            "dfe_number",
            "Enter your council's details before making the return",
        );
        return Err(AppError::Validation(errors));
    };
    let facts = crate::store::sen2::facts(&state.db, viewer.council, collection).await?;
    let gathered = crate::domain::sen2::gather(collection, facts);
    let header = crate::exports::sen2::Header {
        collection,
        la_number,
        medical_officer,
        clinical_officer,
        social_care_officer: council.social_care_officer,
        written_at: chrono::Utc::now(),
    };
    let file = crate::plans::downloads::File {
        name: format!("SEN2-{}-{}.xml", collection.year, header.la_number),
        content_type: "application/xml",
        bytes: crate::exports::sen2::write(&header, &gathered.persons).into_bytes(),
    };
    crate::store::audit::record(
        &state.db,
        Some(&viewer),
        crate::domain::audit::AuditAction::ReturnDownloaded,
        None,
        &format!("{}: {} people", file.name, gathered.persons.len()),
        chrono::Utc::now(),
    )
    .await?;
    Ok(file)
}

#[component]
pub fn Sen2PageView() -> impl IntoView {
    let year = use_query_map().with_untracked(|q| q.get_str("year").and_then(|y| y.parse::<i32>().ok()));
    let page = Resource::new(move || year, get_sen2);
    view! {
        <Title text="SEN2 return - EHC hub" />
        <Suspense fallback=|| view! { <p class="body">"Loading the return…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Sen2View page /> }.into_any(),
                    Err(err) => {
                        err.set_page_status();
                        view! { <h1 class="heading-l">{err.to_string()}</h1> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Sen2View(page: Sen2Page) -> impl IntoView {
    let FormState { error, submitted } = form_state::<SaveCouncilReturn>();
    let year = page.collection.year;
    let (first, last) = page.collection.period();
    let kept = page.council.clone();
    let code = |v: Option<InPost>| v.map(InPost::as_str).unwrap_or_default().to_owned();
    let typed = submitted.map(|s| s.input).unwrap_or_else(|| CouncilInput {
        year: year.to_string(),
        dfe_number: kept.dfe_number.clone().unwrap_or_default(),
        medical_officer: code(kept.medical_officer),
        clinical_officer: code(kept.clinical_officer),
        social_care_officer: code(kept.social_care_officer),
    });
    let field = move |name: &'static str| field_error(error, name);
    let officers: Vec<Choice> = InPost::ALL.iter().map(|v| Choice::new(v.as_str(), v.label())).collect();
    let saved = use_query_map().with_untracked(|q| q.get_str("saved").is_some());
    let download = if page.council.complete() {
        view! {
            <p class="body">{format!("The file reports {} children and young people.", page.reported)}</p>
            <a class="button" href=crate::paths::sen2_file(year) download="">{format!("Download the SEN2 {year} return (XML)")}</a>
        }
        .into_any()
    } else {
        view! { <p class="body">"Enter your council's details below to make the file."</p> }.into_any()
    };
    let incomplete = if page.incomplete.is_empty() {
        view! { <p class="body">"Every case the year reports has the details it needs."</p> }.into_any()
    } else {
        view! {
            <p class="body">{format!("The file leaves out these {} cases until their details are recorded.", page.incomplete.len())}</p>
            <IncompleteTable cases=page.incomplete.clone() />
        }
        .into_any()
    };
    view! {
        {saved.then(|| view! { <SuccessBanner message="Your council's details are saved." /> })}
        <FormHeading heading=format!("SEN2 return {year}") caption=page.council_name.clone() error />
        <p class="body">{format!(
            "Requests, assessments and plans from {} to {}, and the plans in force on {}, the census day.",
            long_date(first),
            long_date(last),
            long_date(page.collection.reference_date())
        )}</p>
        <p class="body"><a class="link" href=crate::paths::sen2(year - 1)>{format!("The SEN2 {} return", year - 1)}</a></p>
        {download}
        <h2 class="heading-m" id="incomplete">"Cases missing details"</h2>
        {incomplete}
        <h2 class="heading-m" id="council">"Your council's details"</h2>
        <PostForm action=crate::paths::SEN2>
            <input type="hidden" name="input[year]" value=year.to_string() />
            <TextInput id="dfe_number" name="input[dfe_number]" label="Your council's DfE number" hint="3 digits, for example 320." value=typed.dfe_number.clone() error=field("dfe_number") inputmode="numeric" autocomplete="off" />
            <Radios id="medical_officer" name="input[medical_officer]" legend="Is a designated medical officer in post?" choices=officers.clone() selected=typed.medical_officer.clone() error=field("medical_officer") />
            <Radios id="clinical_officer" name="input[clinical_officer]" legend="Is a designated clinical officer in post?" choices=officers.clone() selected=typed.clinical_officer.clone() error=field("clinical_officer") />
            <Radios id="social_care_officer" name="input[social_care_officer]" legend="Is a designated social care officer in post? (optional)" choices=officers selected=typed.social_care_officer.clone() error=field("social_care_officer") />
            <button type="submit" class="button button--secondary">"Save your council's details"</button>
        </PostForm>
        <h2 class="heading-m">"Not in the return yet"</h2>
        <p class="body">"The hub does not yet keep personal budgets, residential or work-based placements, a second placement, or ceased plans and their reasons, so the file does not report them."</p>
    }
}

#[component]
fn IncompleteTable(cases: Vec<Incomplete>) -> impl IntoView {
    let rows = cases
        .into_iter()
        .map(|c| {
            let missing = c.missing.iter().map(|m| m.label()).collect::<Vec<_>>().join("; ");
            let fix = if c.missing.iter().any(|m| m.on_the_case()) {
                crate::paths::return_details(c.case)
            } else {
                crate::paths::TEAMS.to_owned()
            };
            view! {
                <tr>
                    <th scope="row"><a class="link" href=fix>{c.name}</a><br /><span class="hint">{c.reference}</span></th>
                    <td>{missing}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table">
            <caption class="visually-hidden">"Cases missing details for the return"</caption>
            <thead><tr><th scope="col">"Case"</th><th scope="col">"Missing"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
