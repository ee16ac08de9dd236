//! The DfE's codes the SEN2 return is written in, as the hub stores them:
//! each variant is stored under its SEN2 code, so the return writes what was
//! kept. Labels are the plain words the forms show.

use crate::domain::requester::Requester;
use crate::domain::stored::stored_enum;

stored_enum! {
    /// The child's sex, as the school census and SEN2 record it.
    pub enum Sex {
        Male = "M",
        Female = "F",
    }
}

impl Sex {
    pub fn label(self) -> &'static str {
        match self {
            Sex::Male => "Male",
            Sex::Female => "Female",
        }
    }
}

stored_enum! {
    /// The main ethnic groups of the DfE's code set (the extended codes
    /// refine these; every main code is accepted by the return).
    pub enum Ethnicity {
        WhiteBritish = "WBRI",
        WhiteIrish = "WIRI",
        IrishTraveller = "WIRT",
        Roma = "WROM",
        WhiteOther = "WOTH",
        WhiteBlackCaribbean = "MWBC",
        WhiteBlackAfrican = "MWBA",
        WhiteAsian = "MWAS",
        MixedOther = "MOTH",
        Indian = "AIND",
        Pakistani = "APKN",
        Bangladeshi = "ABAN",
        AsianOther = "AOTH",
        BlackCaribbean = "BCRB",
        BlackAfrican = "BAFR",
        BlackOther = "BOTH",
        Chinese = "CHNE",
        Other = "OOTH",
        Refused = "REFU",
        NotYetObtained = "NOBT",
    }
}

impl Ethnicity {
    pub fn label(self) -> &'static str {
        match self {
            Ethnicity::WhiteBritish => "White – British",
            Ethnicity::WhiteIrish => "White – Irish",
            Ethnicity::IrishTraveller => "Traveller of Irish heritage",
            Ethnicity::Roma => "Gypsy or Roma",
            Ethnicity::WhiteOther => "Any other White background",
            Ethnicity::WhiteBlackCaribbean => "White and Black Caribbean",
            Ethnicity::WhiteBlackAfrican => "White and Black African",
            Ethnicity::WhiteAsian => "White and Asian",
            Ethnicity::MixedOther => "Any other mixed background",
            Ethnicity::Indian => "Indian",
            Ethnicity::Pakistani => "Pakistani",
            Ethnicity::Bangladeshi => "Bangladeshi",
            Ethnicity::AsianOther => "Any other Asian background",
            Ethnicity::BlackCaribbean => "Black Caribbean",
            Ethnicity::BlackAfrican => "Black African",
            Ethnicity::BlackOther => "Any other Black background",
            Ethnicity::Chinese => "Chinese",
            Ethnicity::Other => "Any other ethnic group",
            Ethnicity::Refused => "The family would rather not say",
            Ethnicity::NotYetObtained => "Not known yet",
        }
    }
}

stored_enum! {
    /// Why a child has no unique pupil number (UPN) to report.
    pub enum UpnUnknown {
        UnderSix = "UN1",
        NeverInStateSchool = "UN2",
        EducatedOutsideEngland = "UN3",
        Discrepancy = "UN5",
        NewToArea = "UN8",
        YoungPersonNeverInStateEducation = "UN9",
        NoFurtherAction = "UN10",
    }
}

impl UpnUnknown {
    pub fn label(self) -> &'static str {
        match self {
            UpnUnknown::UnderSix => "Under 6 and not yet given a UPN",
            UpnUnknown::NeverInStateSchool => "Has never attended a state-funded school in England",
            UpnUnknown::EducatedOutsideEngland => "Educated outside England",
            UpnUnknown::Discrepancy => "The records of the child's name or date of birth disagree",
            UpnUnknown::NewToArea => "New to the council in the last week of the year",
            UpnUnknown::YoungPersonNeverInStateEducation => {
                "A young person who never attended a state-funded school or college"
            }
            UpnUnknown::NoFurtherAction => "The request went no further before a UPN was found",
        }
    }
}

stored_enum! {
    /// A type of special educational need, as the school census records it.
    pub enum NeedType {
        Spld = "SPLD",
        Mld = "MLD",
        Sld = "SLD",
        Pmld = "PMLD",
        Semh = "SEMH",
        Slcn = "SLCN",
        Hearing = "HI",
        Vision = "VI",
        MultiSensory = "MSI",
        Physical = "PD",
        Autism = "ASD",
        DownSyndrome = "DS",
        Other = "OTH",
    }
}

impl NeedType {
    pub fn label(self) -> &'static str {
        match self {
            NeedType::Spld => "Specific learning difficulty",
            NeedType::Mld => "Moderate learning difficulty",
            NeedType::Sld => "Severe learning difficulty",
            NeedType::Pmld => "Profound and multiple learning difficulty",
            NeedType::Semh => "Social, emotional and mental health",
            NeedType::Slcn => "Speech, language and communication needs",
            NeedType::Hearing => "Hearing impairment",
            NeedType::Vision => "Vision impairment",
            NeedType::MultiSensory => "Multi-sensory impairment",
            NeedType::Physical => "Physical disability",
            NeedType::Autism => "Autistic spectrum disorder",
            NeedType::DownSyndrome => "Down syndrome",
            NeedType::Other => "Other difficulty",
        }
    }
}

stored_enum! {
    /// Whether a designated medical, clinical or social care officer is in
    /// post: the council's answers in the return's header.
    pub enum InPost {
        Yes = "Y",
        No = "N",
        Recruiting = "R",
    }
}

impl InPost {
    pub fn label(self) -> &'static str {
        match self {
            InPost::Yes => "Yes",
            InPost::No => "No",
            InPost::Recruiting => "Recruitment in progress",
        }
    }
}

/// The request's source as SEN2 counts it (item 2.2).
pub fn request_source(requester: Requester) -> &'static str {
    match requester {
        Requester::Parent | Requester::YoungPerson => "1",
        Requester::School => "2",
        Requester::Health => "3",
        Requester::SocialCare => "4",
        Requester::Other => "5",
    }
}

/// A unique pupil number's shape: a letter, eleven digits, then a digit or a
/// letter. Written in capitals.
pub fn upn(typed: &str) -> Option<String> {
    let upn = typed.trim().to_ascii_uppercase();
    let b = upn.as_bytes();
    let shaped = b.len() == 13
        && b[0].is_ascii_uppercase()
        && b[1..12].iter().all(u8::is_ascii_digit)
        && b[12].is_ascii_alphanumeric();
    shaped.then_some(upn)
}

/// A school's unique reference number (URN) from Get Information about
/// Schools: six digits.
pub fn urn(typed: &str) -> Option<String> {
    let urn = typed.trim();
    (urn.len() == 6 && urn.bytes().all(|b| b.is_ascii_digit())).then(|| urn.to_owned())
}

/// A council's DfE number (its "LA number"): three digits, from 201 to 999.
pub fn la_number(typed: &str) -> Option<String> {
    let number = typed.trim();
    let valid = number.len() == 3 && number.bytes().all(|b| b.is_ascii_digit()) && number >= "201";
    valid.then(|| number.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_upn_is_a_letter_eleven_digits_and_a_last_character() {
        assert_eq!(upn(" a12345678901b "), Some("A12345678901B".to_owned()));
        assert_eq!(upn("A123456789012"), Some("A123456789012".to_owned()));
        assert_eq!(upn("123456789012B"), None, "starts with a letter");
        assert_eq!(upn("A1234567890B"), None, "thirteen characters");
        assert_eq!(upn("A1234567890XB"), None, "digits in the middle");
    }

    #[test]
    fn a_urn_is_six_digits_and_an_la_number_three() {
        assert_eq!(urn("100123"), Some("100123".to_owned()));
        assert_eq!(urn("10012"), None);
        assert_eq!(urn("10012a"), None);
        assert_eq!(la_number("320"), Some("320".to_owned()));
        assert_eq!(la_number("120"), None);
        assert_eq!(la_number("3200"), None);
    }

    #[test]
    fn every_requester_has_a_source_and_families_count_as_one() {
        assert_eq!(request_source(Requester::Parent), "1");
        assert_eq!(request_source(Requester::YoungPerson), "1");
        assert_eq!(request_source(Requester::School), "2");
        for requester in Requester::ALL {
            assert!(["1", "2", "3", "4", "5"].contains(&request_source(requester)));
        }
    }

    #[test]
    fn codes_are_stored_as_sen2_writes_them() {
        assert_eq!(Ethnicity::parse("WBRI"), Some(Ethnicity::WhiteBritish));
        assert_eq!(NeedType::Autism.as_str(), "ASD");
        assert_eq!(UpnUnknown::UnderSix.as_str(), "UN1");
        assert_eq!(Sex::parse("X"), None);
    }
}
