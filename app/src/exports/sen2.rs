//! The SEN2 return written as the DfE's person-level XML: a header naming
//! the collection and the council, then each person with their request,
//! assessment, named plan and active plan, in the order the schema's
//! sequences require. Server-only.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::sen2::codes::InPost;
use crate::domain::sen2::{ActivePlan, AssessmentRecord, Challenged, Collection, Person, RequestRecord};

/// The council's answers in the header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub collection: Collection,
    /// The council's DfE number.
    pub la_number: String,
    pub medical_officer: InPost,
    pub clinical_officer: InPost,
    pub social_care_officer: Option<InPost>,
    pub written_at: DateTime<Utc>,
}

/// The whole return.
pub fn write(header: &Header, persons: &[Person]) -> String {
    let mut xml = Xml::default();
    xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.open("Message");
    xml.open("Header");
    xml.open("CollectionDetails");
    xml.text("Collection", "SEN2");
    xml.text("Year", &header.collection.year.to_string());
    xml.date("ReferenceDate", header.collection.reference_date());
    xml.close("CollectionDetails");
    xml.open("Source");
    xml.text("SourceLevel", "L");
    xml.text("LEA", &header.la_number);
    xml.text("SoftwareCode", "EHC hub");
    xml.text("Release", env!("CARGO_PKG_VERSION"));
    xml.text("SerialNo", "001");
    xml.text("DateTime", &header.written_at.format("%Y-%m-%dT%H:%M:%S").to_string());
    xml.text("DMO", header.medical_officer.as_str());
    xml.text("DCO", header.clinical_officer.as_str());
    if let Some(dsco) = header.social_care_officer {
        xml.text("DSCO", dsco.as_str());
    }
    xml.close("Source");
    xml.close("Header");
    if !persons.is_empty() {
        xml.open("Persons");
        for person in persons {
            write_person(&mut xml, person);
        }
        xml.close("Persons");
    }
    xml.close("Message");
    xml.out
}

fn write_person(xml: &mut Xml, person: &Person) {
    xml.open("Person");
    xml.text("Surname", &person.surname);
    xml.text("Forename", &person.forename);
    xml.date("PersonBirthDate", person.birth);
    xml.text("Sex", person.sex.as_str());
    xml.text("Ethnicity", person.ethnicity.as_str());
    match &person.upn {
        Ok(upn) => xml.text("UPN", upn),
        Err(unknown) => xml.text("UPNunknown", unknown.as_str()),
    }
    write_request(xml, &person.request);
    xml.close("Person");
}

fn write_request(xml: &mut Xml, request: &RequestRecord) {
    xml.open("Requests");
    xml.date("ReceivedDate", request.received_on);
    xml.text("RequestSource", request.source);
    xml.flag("RYA", request.aged_19_to_25);
    if let Some(day) = request.outcome.date() {
        xml.date("RequestOutcomeDate", day);
    }
    xml.text("RequestOutcome", request.outcome.code());
    if let Some(Challenged { mediation, appeal }) = request.challenged {
        xml.flag("RequestMediation", mediation);
        xml.flag("RequestTribunal", appeal);
    }
    if let Some(assessment) = &request.assessment {
        write_assessment(xml, assessment);
    }
    if let Some(active) = &request.active_plan {
        write_active_plan(xml, active);
    }
    xml.close("Requests");
}

fn write_assessment(xml: &mut Xml, assessment: &AssessmentRecord) {
    xml.open("Assessment");
    xml.text("AssessmentOutcome", assessment.outcome.code());
    if let Some(day) = assessment.outcome.date() {
        xml.date("AssessmentOutcomeDate", day);
    }
    if let Some(Challenged { mediation, appeal }) = assessment.challenged {
        xml.flag("AssessmentMediation", mediation);
        xml.flag("AssessmentTribunal", appeal);
    }
    if let Some(apply) = assessment.exceptions_apply {
        xml.flag("Week20", apply);
    }
    if let Some(plan) = &assessment.named_plan {
        xml.open("NamedPlan");
        xml.date("StartDate", plan.start);
        xml.open("PlanDetail");
        xml.text("URN", &plan.urn);
        xml.text("PlacementRank", "1");
        xml.close("PlanDetail");
        if let Some((on, reason)) = plan.ceased {
            xml.date("CeaseDate", on);
            xml.text("CeaseReason", reason.as_str());
        }
        xml.close("NamedPlan");
    }
    xml.close("Assessment");
}

fn write_active_plan(xml: &mut Xml, plan: &ActivePlan) {
    xml.open("ActivePlans");
    xml.open("PlacementDetail");
    xml.text("URN", &plan.urn);
    xml.text("PlacementRank", "1");
    xml.close("PlacementDetail");
    for (rank, need) in plan.needs.iter().take(2).enumerate() {
        xml.open("SENneed");
        xml.text("SENtype", need.as_str());
        xml.text("SENtypeRank", &(rank + 1).to_string());
        xml.close("SENneed");
    }
    if let Some(day) = plan.last_review {
        xml.date("LastReview", day);
    }
    xml.close("ActivePlans");
}

/// A small indenting XML writer; every text is escaped.
#[derive(Default)]
struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn open(&mut self, name: &str) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    fn text(&mut self, name: &str, value: &str) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        self.out.push('>');
        for c in value.chars() {
            match c {
                '&' => self.out.push_str("&amp;"),
                '<' => self.out.push_str("&lt;"),
                '>' => self.out.push_str("&gt;"),
                '"' => self.out.push_str("&quot;"),
                '\'' => self.out.push_str("&apos;"),
                // Control characters are not allowed in XML 1.0 at all.
                c if c.is_control() => {}
                c => self.out.push(c),
            }
        }
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    fn date(&mut self, name: &str, day: NaiveDate) {
        self.text(name, &day.format("%Y-%m-%d").to_string());
    }

    fn flag(&mut self, name: &str, yes: bool) {
        self.text(name, if yes { "1" } else { "0" });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sen2::codes::{Ethnicity, Sex, UpnUnknown};
    use crate::domain::sen2::{Outcome, RequestRecord};

    #[test]
    fn names_are_escaped_and_control_characters_dropped() {
        let mut xml = Xml::default();
        xml.text("Surname", "O'Brien & <Sons>\u{7}");
        assert_eq!(xml.out, "<Surname>O&apos;Brien &amp; &lt;Sons&gt;</Surname>\n");
    }

    #[test]
    fn a_person_without_a_upn_says_why_and_elements_keep_the_schema_order() {
        let day = NaiveDate::from_ymd_opt(2026, 2, 2).unwrap();
        let person = Person {
            case: crate::domain::ids::CaseId(1),
            surname: "Okafor".to_owned(),
            forename: "Amara".to_owned(),
            birth: NaiveDate::from_ymd_opt(2022, 5, 4).unwrap(),
            sex: Sex::Female,
            ethnicity: Ethnicity::BlackAfrican,
            upn: Err(UpnUnknown::UnderSix),
            request: RequestRecord {
                received_on: day,
                source: "1",
                aged_19_to_25: false,
                outcome: Outcome::Awaiting,
                challenged: None,
                assessment: None,
                active_plan: None,
            },
        };
        let header = Header {
            collection: Collection { year: 2027 },
            la_number: "320".to_owned(),
            medical_officer: InPost::Yes,
            clinical_officer: InPost::Recruiting,
            social_care_officer: None,
            written_at: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
        };
        let xml = write(&header, &[person]);
        assert!(xml.contains("<UPNunknown>UN1</UPNunknown>"));
        assert!(!xml.contains("<UPN>"));
        assert!(xml.contains("<ReferenceDate>2027-01-21</ReferenceDate>"));
        let order = [
            "<Surname>",
            "<Forename>",
            "<PersonBirthDate>",
            "<Sex>",
            "<Ethnicity>",
            "<UPNunknown>",
            "<Requests>",
        ];
        let at: Vec<usize> = order.iter().map(|tag| xml.find(tag).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{xml}");
    }
}
