use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn yes(on: NaiveDate) -> Option<DecisionFacts> {
    Some(DecisionFacts {
        agreed: true,
        on,
        mediation: false,
        appeal: false,
    })
}

fn no(on: NaiveDate) -> Option<DecisionFacts> {
    Some(DecisionFacts {
        agreed: false,
        on,
        mediation: true,
        appeal: true,
    })
}

/// A case with every detail the return needs, received in 2026.
fn complete() -> CaseFacts {
    CaseFacts {
        case: CaseId(1),
        reference: "RIV-000001".to_owned(),
        first_name: "Amara".to_owned(),
        last_name: "Okafor".to_owned(),
        date_of_birth: day(2016, 5, 4),
        sex: Some(Sex::Female),
        ethnicity: Some(Ethnicity::BlackAfrican),
        upn: Some("A12345678901B".to_owned()),
        upn_unknown: None,
        requested_by: Requester::School,
        received_on: day(2026, 2, 2),
        assess: None,
        issue: None,
        plan_issued_on: None,
        last_reviewed_on: None,
        closed: false,
        ceased: None,
        excepted: false,
        has_setting: true,
        setting_urn: Some("100123".to_owned()),
        primary_need: None,
        secondary_need: None,
    }
}

const Y2027: Collection = Collection { year: 2027 };

#[test]
fn the_census_day_is_the_third_thursday_of_january() {
    assert_eq!(Collection { year: 2024 }.reference_date(), day(2024, 1, 18));
    assert_eq!(Collection { year: 2025 }.reference_date(), day(2025, 1, 16));
    assert_eq!(Collection { year: 2026 }.reference_date(), day(2026, 1, 15));
    assert_eq!(Y2027.reference_date(), day(2027, 1, 21));
    assert_eq!(Y2027.period(), (day(2026, 1, 1), day(2026, 12, 31)));
    assert_eq!(Collection::gathering(day(2026, 12, 3)), Y2027);
}

#[test]
fn a_request_not_yet_decided_is_reported_as_awaiting() {
    let gathered = gather(Y2027, vec![complete()]);
    assert!(gathered.incomplete.is_empty());
    let request = &gathered.persons[0].request;
    assert_eq!(request.outcome, Outcome::Awaiting);
    assert_eq!(request.source, "2");
    assert!(!request.aged_19_to_25);
    assert_eq!(request.assessment, None);
    assert_eq!(request.challenged, None);
}

#[test]
fn a_plan_issued_in_the_year_is_named_and_active_on_the_census_day() {
    let facts = CaseFacts {
        assess: yes(day(2026, 3, 10)),
        issue: yes(day(2026, 5, 20)),
        plan_issued_on: Some(day(2026, 6, 15)),
        excepted: true,
        primary_need: Some(NeedType::Autism),
        secondary_need: Some(NeedType::Slcn),
        ..complete()
    };
    let gathered = gather(Y2027, vec![facts]);
    let request = &gathered.persons[0].request;
    assert_eq!(request.outcome, Outcome::Yes(day(2026, 3, 10)));
    let assessment = request.assessment.clone().unwrap();
    assert_eq!(assessment.outcome, Outcome::Yes(day(2026, 6, 15)));
    assert_eq!(assessment.exceptions_apply, Some(true));
    assert_eq!(
        assessment.named_plan.map(|p| (p.start, p.urn)),
        Some((day(2026, 6, 15), "100123".to_owned()))
    );
    let active = request.active_plan.clone().unwrap();
    assert_eq!(active.needs, vec![NeedType::Autism, NeedType::Slcn]);
}

#[test]
fn refusals_carry_their_mediation_and_appeal() {
    let facts = CaseFacts {
        assess: no(day(2026, 3, 10)),
        closed: true,
        ..complete()
    };
    let request = gather(Y2027, vec![facts]).persons[0].request.clone();
    assert_eq!(request.outcome, Outcome::No(day(2026, 3, 10)));
    assert_eq!(
        request.challenged,
        Some(Challenged {
            mediation: true,
            appeal: true
        })
    );
    assert_eq!(request.assessment, None);
}

#[test]
fn a_plan_from_an_earlier_year_is_historical_but_still_active() {
    let facts = CaseFacts {
        received_on: day(2024, 9, 1),
        assess: yes(day(2024, 10, 1)),
        issue: yes(day(2024, 12, 1)),
        plan_issued_on: Some(day(2025, 1, 10)),
        primary_need: Some(NeedType::Semh),
        ..complete()
    };
    let request = gather(Y2027, vec![facts]).persons[0].request.clone();
    assert_eq!(request.outcome, Outcome::Historical);
    assert_eq!(request.assessment.clone().unwrap().outcome, Outcome::Historical);
    assert!(request.active_plan.is_some());
}

#[test]
fn cases_the_year_does_not_touch_are_left_out() {
    let later = CaseFacts {
        received_on: day(2027, 1, 5),
        ..complete()
    };
    let refused_long_ago = CaseFacts {
        received_on: day(2024, 9, 1),
        assess: no(day(2024, 10, 1)),
        closed: true,
        ..complete()
    };
    let gathered = gather(Y2027, vec![later, refused_long_ago]);
    assert!(gathered.persons.is_empty());
    assert!(gathered.incomplete.is_empty());
}

#[test]
fn a_case_missing_details_is_listed_with_what_is_missing() {
    let facts = CaseFacts {
        sex: None,
        upn: None,
        assess: yes(day(2026, 3, 10)),
        plan_issued_on: Some(day(2026, 6, 15)),
        setting_urn: None,
        ..complete()
    };
    let gathered = gather(Y2027, vec![facts]);
    assert!(gathered.persons.is_empty());
    assert_eq!(
        gathered.incomplete[0].missing,
        vec![Missing::Sex, Missing::Upn, Missing::SettingUrn, Missing::PrimaryNeed]
    );
}

#[test]
fn a_young_person_of_19_is_counted_as_such_from_their_birthday() {
    let on_the_day = CaseFacts {
        date_of_birth: day(2007, 2, 2),
        ..complete()
    };
    let day_before = CaseFacts {
        date_of_birth: day(2007, 2, 3),
        ..complete()
    };
    let gathered = gather(Y2027, vec![on_the_day, day_before]);
    assert!(gathered.persons[0].request.aged_19_to_25);
    assert!(!gathered.persons[1].request.aged_19_to_25);
}

#[test]
fn a_case_closed_before_a_decision_is_withdrawn() {
    let facts = CaseFacts {
        closed: true,
        ..complete()
    };
    let request = gather(Y2027, vec![facts]).persons[0].request.clone();
    assert_eq!(request.outcome, Outcome::Withdrawn);
}

#[test]
fn a_refusal_to_assess_overturned_on_appeal_keeps_its_no_and_reports_the_assessment() {
    let reopened = CaseFacts {
        assess: no(day(2026, 3, 10)),
        ..complete()
    };
    let gathered = gather(Y2027, vec![reopened.clone()]);
    let request = &gathered.persons[0].request;
    assert_eq!(request.outcome, Outcome::No(day(2026, 3, 10)));
    assert!(request.challenged.is_some_and(|c| c.appeal));
    let assessment = request.assessment.clone().unwrap();
    assert_eq!(assessment.outcome, Outcome::Awaiting);
    // The plan the order led to is named.
    let issued = CaseFacts {
        plan_issued_on: Some(day(2026, 9, 1)),
        primary_need: Some(NeedType::Autism),
        ..reopened.clone()
    };
    let gathered = gather(Y2027, vec![issued]);
    let assessment = gathered.persons[0].request.assessment.clone().unwrap();
    assert_eq!(
        assessment.named_plan.map(|p| (p.start, p.urn)),
        Some((day(2026, 9, 1), "100123".to_owned()))
    );
    // A refusal that stands has no assessment.
    let closed = CaseFacts {
        closed: true,
        ..reopened
    };
    assert_eq!(gather(Y2027, vec![closed]).persons[0].request.assessment, None);
}

#[test]
fn a_plan_ceased_in_the_year_is_named_with_its_date_and_reason_and_not_active_after() {
    use crate::domain::cease::CeaseReason;
    // Issued in 2024, ceased in October 2026: reported by the 2027 return.
    let facts = CaseFacts {
        received_on: day(2024, 1, 8),
        assess: yes(day(2024, 2, 12)),
        issue: yes(day(2024, 4, 22)),
        plan_issued_on: Some(day(2024, 5, 20)),
        primary_need: Some(NeedType::Autism),
        closed: true,
        ceased: Some((day(2026, 10, 31), CeaseReason::OtherCouncil)),
        ..complete()
    };
    let gathered = gather(Y2027, vec![facts.clone()]);
    let request = &gathered.persons[0].request;
    assert_eq!(request.active_plan, None);
    let plan = request.assessment.clone().unwrap().named_plan.unwrap();
    assert_eq!(
        (plan.start, plan.ceased),
        (day(2024, 5, 20), Some((day(2026, 10, 31), CeaseReason::OtherCouncil)))
    );
    // Ceased after the census day: still in force on it, and not yet ceased in that year.
    let later = CaseFacts {
        ceased: Some((day(2026, 1, 20), CeaseReason::HigherEducation)),
        ..facts
    };
    let census_2026 = gather(Collection { year: 2026 }, vec![later]);
    let request = &census_2026.persons[0].request;
    assert!(request.active_plan.is_some());
    assert_eq!(request.assessment.clone().and_then(|a| a.named_plan), None);
}
