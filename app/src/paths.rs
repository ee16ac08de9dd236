//! Page addresses, built from typed ids so links, form actions and
//! redirects cannot drift from the routes. [`pattern`] holds the same
//! addresses as the server's router writes them; a server test checks each
//! is a page in the route table of `app.rs` (whose `path!` macro needs
//! literals of its own).

use crate::domain::ids::CaseId;
use crate::domain::plan::part::Part;

pub const CASES: &str = "/cases";
pub const NEW_CASE: &str = "/cases/new";
pub const SIGN_IN: &str = "/sign-in";
pub const SIGN_IN_CODE: &str = "/sign-in/code";
pub const SIGN_OUT: &str = "/sign-out";
pub const PASSWORD_FORGOT: &str = "/password/forgot";
pub const PASSWORD_RESET: &str = "/password/reset";
pub const REGISTER: &str = "/register";
pub const SECURITY: &str = "/account/security";
pub const SECURITY_EMAIL: &str = "/account/security/email";
pub const SECURITY_SESSIONS: &str = "/account/security/sessions";
pub const INVITE: &str = "/people/invite";
/// The requests for advice made to a professional, or to a manager's team.
pub const REQUESTS: &str = "/requests";
pub const EMAIL_LOG: &str = "/admin/emails";
pub const AUDIT_LOG: &str = "/admin/audit";
pub const TEAMS: &str = "/admin/teams";
/// The council's figures: time limits met, cases at risk.
pub const FIGURES: &str = "/admin/figures";
/// The DfE's SEN2 return: the council's details, the file, the cases
/// still missing something.
pub const SEN2: &str = "/admin/sen2";

/// The SEN2 return of collection year `year`, as XML.
pub fn sen2_file(year: i32) -> String {
    format!("/admin/sen2/{year}/return.xml")
}

/// The SEN2 page for collection year `year`.
pub fn sen2(year: i32) -> String {
    format!("{SEN2}?year={year}")
}
/// The start page for requesting an assessment, open to anyone.
pub const REQUEST_START: &str = "/request-an-assessment";
/// The online request form.
pub const REQUEST_FORM: &str = "/request-an-assessment/form";

/// The forms that share the plan page, each posting to it with `?form=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanForm {
    Start,
    Comment,
    Respond,
    Consult,
    Answer,
}

impl PlanForm {
    pub const ALL: [PlanForm; 5] = [
        PlanForm::Start,
        PlanForm::Comment,
        PlanForm::Respond,
        PlanForm::Consult,
        PlanForm::Answer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlanForm::Start => "start",
            PlanForm::Comment => "comment",
            PlanForm::Respond => "respond",
            PlanForm::Consult => "consult",
            PlanForm::Answer => "answer",
        }
    }

    pub fn parse(s: &str) -> Option<PlanForm> {
        PlanForm::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

pub fn case(id: CaseId) -> String {
    format!("/cases/{id}")
}

/// Allocating the case to a caseworker (a form on the case page).
pub fn case_allocation(id: CaseId) -> String {
    format!("/cases/{id}/caseworker")
}

/// The request behind a case, and its confirmation just after sending.
pub fn case_request(id: CaseId) -> String {
    format!("/cases/{id}/request")
}

pub fn plan(id: CaseId) -> String {
    format!("/cases/{id}/plan")
}

/// The plan page showing version `number`.
pub fn plan_version(id: CaseId, number: i32) -> String {
    format!("/cases/{id}/plan?version={number}")
}

/// A version of the plan after someone acted on it: `done` names the banner
/// to show, `anchor` where on the page to land.
pub fn plan_responded(id: CaseId, number: i32, done: &str, anchor: &str) -> String {
    format!("{}&done={done}#{anchor}", plan_version(id, number))
}

/// Where one of the plan page's forms posts.
pub fn plan_form(id: CaseId, form: PlanForm) -> String {
    format!("/cases/{id}/plan?form={}", form.as_str())
}

pub fn plan_part(id: CaseId, part: Part) -> String {
    format!("/cases/{id}/plan/edit/{}", part.as_str())
}

/// Where an area editor's other forms post: `advice` (bring advice in).
pub fn plan_part_form(id: CaseId, part: Part, form: &str) -> String {
    format!("/cases/{id}/plan/edit/{}/{form}", part.as_str())
}

pub fn plan_share(id: CaseId) -> String {
    format!("/cases/{id}/plan/share")
}

pub fn plan_issue(id: CaseId) -> String {
    format!("/cases/{id}/plan/issue")
}

pub fn plan_compare(id: CaseId) -> String {
    format!("/cases/{id}/plan/compare")
}

/// A download of version `number`: `plan.pdf`, `draft-letter.pdf` and so on.
pub fn plan_file(id: CaseId, number: i32, file: &str) -> String {
    format!("/cases/{id}/plan/{number}/{file}")
}

/// The child's and the family's views of the case.
pub fn views(id: CaseId) -> String {
    format!("/cases/{id}/views")
}

/// Where the views page's other forms post: `reopen`, `remove`, `upload`, `use`.
pub fn views_form(id: CaseId, form: &str) -> String {
    format!("/cases/{id}/views/{form}")
}

/// Advice and information asked for on a case.
pub fn advice(id: CaseId) -> String {
    format!("/cases/{id}/advice")
}

/// Where a team manager's answer for their team is posted.
pub fn advice_answer(id: CaseId) -> String {
    format!("/cases/{id}/advice/answer")
}

/// Where the advice page's other forms post: `allocate`, `member`.
pub fn advice_form(id: CaseId, form: &str) -> String {
    format!("/cases/{id}/advice/{form}")
}

/// One request's advice: written by the person asked, read by the others.
pub fn advice_response(id: CaseId, request: i64) -> String {
    format!("/cases/{id}/advice/response/{request}")
}

/// One area of a request's advice, in the editor.
pub fn advice_area(id: CaseId, request: i64, part: Part) -> String {
    format!("/cases/{id}/advice/response/{request}/area/{}", part.as_str())
}

/// Where a document for advice is posted without JavaScript.
pub fn advice_upload(id: CaseId, request: i64) -> String {
    format!("/cases/{id}/advice/response/{request}/upload")
}

/// The advice as a PDF.
pub fn advice_pdf(id: CaseId, request: i64) -> String {
    format!("/cases/{id}/advice/response/{request}/advice.pdf")
}

/// Checking advice before submitting it.
pub fn advice_submit(id: CaseId, request: i64) -> String {
    format!("/cases/{id}/advice/response/{request}/submit")
}

/// The decision whether to assess (`assess`) or whether to issue (`issue`):
/// the evidence and the form, or the decision made.
pub fn decision(id: CaseId, question: crate::domain::decision::DecisionQuestion) -> String {
    format!("/cases/{id}/decisions/{}", question.as_str())
}

/// A decision's letter as a PDF.
/// Recording mediation or an appeal against a decision (a form on its page).
pub fn decision_challenge(id: CaseId, question: crate::domain::decision::DecisionQuestion) -> String {
    format!("/cases/{id}/decisions/{}/challenge", question.as_str())
}

pub fn decision_letter(id: CaseId, question: crate::domain::decision::DecisionQuestion) -> String {
    format!("/cases/{id}/decisions/{}/letter.pdf", question.as_str())
}

/// Where an exception to the time limits is recorded.
pub fn exceptions(id: CaseId) -> String {
    format!("/cases/{id}/exceptions")
}

/// Where a plan in force is recorded as ceased.
pub fn cease(id: CaseId) -> String {
    format!("/cases/{id}/cease")
}

/// The case's details for the SEN2 return.
pub fn return_details(id: CaseId) -> String {
    format!("/cases/{id}/return-details")
}

/// A file on the case, by its upload's token.
pub fn case_file(id: CaseId, token: &str) -> String {
    format!("/cases/{id}/files/{token}")
}

/// The small copy of a photo on the case, shown in lists.
pub fn case_file_thumbnail(id: CaseId, token: &str) -> String {
    format!("/cases/{id}/files/{token}/thumbnail")
}

/// The same addresses as the server's router writes them.
pub mod pattern {
    pub const CASES: &str = super::CASES;
    pub const NEW_CASE: &str = super::NEW_CASE;
    pub const CASE: &str = "/cases/{id}";
    pub const CASE_REQUEST: &str = "/cases/{id}/request";
    pub const CASE_ALLOCATION: &str = "/cases/{id}/caseworker";
    pub const REQUEST_START: &str = super::REQUEST_START;
    pub const REQUEST_FORM: &str = super::REQUEST_FORM;
    pub const PLAN: &str = "/cases/{id}/plan";
    pub const PLAN_PART: &str = "/cases/{id}/plan/edit/{part}";
    pub const PLAN_PART_ADVICE: &str = "/cases/{id}/plan/edit/{part}/advice";
    pub const PLAN_SHARE: &str = "/cases/{id}/plan/share";
    pub const PLAN_ISSUE: &str = "/cases/{id}/plan/issue";
    pub const PLAN_COMPARE: &str = "/cases/{id}/plan/compare";
    pub const PLAN_FILE: &str = "/cases/{id}/plan/{number}/{file}";
    pub const VIEWS: &str = "/cases/{id}/views";
    pub const ADVICE: &str = "/cases/{id}/advice";
    pub const ADVICE_ANSWER: &str = "/cases/{id}/advice/answer";
    pub const ADVICE_ALLOCATE: &str = "/cases/{id}/advice/allocate";
    pub const ADVICE_MEMBER: &str = "/cases/{id}/advice/member";
    pub const ADVICE_RESPONSE: &str = "/cases/{id}/advice/response/{request}";
    pub const ADVICE_AREA: &str = "/cases/{id}/advice/response/{request}/area/{part}";
    pub const ADVICE_SUBMIT: &str = "/cases/{id}/advice/response/{request}/submit";
    pub const ADVICE_PDF: &str = "/cases/{id}/advice/response/{request}/advice.pdf";
    pub const ADVICE_UPLOAD: &str = "/cases/{id}/advice/response/{request}/upload";
    pub const VIEWS_REOPEN: &str = "/cases/{id}/views/reopen";
    pub const VIEWS_REMOVE: &str = "/cases/{id}/views/remove";
    pub const VIEWS_UPLOAD: &str = "/cases/{id}/views/upload";
    pub const VIEWS_USE: &str = "/cases/{id}/views/use";
    pub const DECISION: &str = "/cases/{id}/decisions/{question}";
    pub const DECISION_LETTER: &str = "/cases/{id}/decisions/{question}/letter.pdf";
    pub const DECISION_CHALLENGE: &str = "/cases/{id}/decisions/{question}/challenge";
    pub const EXCEPTIONS: &str = "/cases/{id}/exceptions";
    pub const RETURN_DETAILS: &str = "/cases/{id}/return-details";
    pub const CEASE: &str = "/cases/{id}/cease";
    pub const CASE_FILE: &str = "/cases/{id}/files/{token}";
    pub const CASE_FILE_THUMBNAIL: &str = "/cases/{id}/files/{token}/thumbnail";
    pub const INVITE: &str = super::INVITE;
    pub const REQUESTS: &str = super::REQUESTS;
    pub const EMAIL_LOG: &str = super::EMAIL_LOG;
    pub const TEAMS: &str = super::TEAMS;
    pub const FIGURES: &str = super::FIGURES;
    pub const SEN2: &str = super::SEN2;
    pub const SEN2_FILE: &str = "/admin/sen2/{year}/return.xml";

    /// Every page address above (downloads are files, not pages).
    pub const PAGES: [&str; 28] = [
        CASES,
        NEW_CASE,
        CASE,
        PLAN,
        PLAN_PART,
        PLAN_SHARE,
        PLAN_ISSUE,
        PLAN_COMPARE,
        VIEWS,
        ADVICE,
        ADVICE_RESPONSE,
        ADVICE_AREA,
        ADVICE_SUBMIT,
        DECISION,
        DECISION_CHALLENGE,
        EXCEPTIONS,
        RETURN_DETAILS,
        CEASE,
        CASE_REQUEST,
        CASE_ALLOCATION,
        REQUEST_START,
        REQUEST_FORM,
        REQUESTS,
        INVITE,
        EMAIL_LOG,
        TEAMS,
        FIGURES,
        SEN2,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fills a pattern's `{name}` parts the way the builders do.
    fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
        values.iter().fold(pattern.to_owned(), |p, (name, value)| {
            p.replace(&format!("{{{name}}}"), value)
        })
    }

    #[test]
    fn each_address_is_its_pattern_filled_in() {
        let id = CaseId(42);
        let on = |p: &str| fill(p, &[("id", "42"), ("part", "a"), ("number", "3"), ("file", "plan.pdf")]);
        assert_eq!(case(id), on(pattern::CASE));
        assert_eq!(plan(id), on(pattern::PLAN));
        assert_eq!(plan_part(id, Part::A), on(pattern::PLAN_PART));
        assert_eq!(plan_share(id), on(pattern::PLAN_SHARE));
        assert_eq!(plan_issue(id), on(pattern::PLAN_ISSUE));
        assert_eq!(plan_compare(id), on(pattern::PLAN_COMPARE));
        assert_eq!(plan_file(id, 3, "plan.pdf"), on(pattern::PLAN_FILE));
        assert_eq!(case_request(id), on(pattern::CASE_REQUEST));
        assert_eq!(case_allocation(id), on(pattern::CASE_ALLOCATION));
        let assess = crate::domain::decision::DecisionQuestion::Assess;
        assert_eq!(
            decision_challenge(id, assess),
            fill(pattern::DECISION_CHALLENGE, &[("id", "42"), ("question", "assess")])
        );
        assert_eq!(plan_form(id, PlanForm::Consult), "/cases/42/plan?form=consult");
        assert_eq!(plan_version(id, 2), "/cases/42/plan?version=2");
        for form in PlanForm::ALL {
            assert_eq!(PlanForm::parse(form.as_str()), Some(form));
        }
    }
}
