//! The provision checker: flags special educational provision that is not
//! specified and quantified (who delivers it, how often, for how long, when it
//! is reviewed) and the vague phrases tribunals strike out ("access to",
//! "regular", "as required"...), and outcomes with no time frame or no
//! measurable result. Used as the caseworker types and again before sharing.
//!
//! Structured fields, when filled in, answer a question on their own; the
//! free text can answer it too, so well-written text (the examples in the
//! councils' guidance) passes without them.

use serde::{Deserialize, Serialize};

/// Phrases that leave provision or an outcome open to interpretation.
pub const VAGUE_PHRASES: [&str; 19] = [
    "access to",
    "regular",
    "regularly",
    "as required",
    "as needed",
    "as appropriate",
    "support as appropriate",
    "opportunities for",
    "opportunity to",
    "up to",
    "may",
    "might",
    "could",
    "where possible",
    "when possible",
    "if needed",
    "if necessary",
    "as and when",
    "where appropriate",
];

const WHO: [&str; 24] = [
    "by a ",
    "by an ",
    "by the ",
    "teacher",
    "teaching assistant",
    "senco",
    "therapist",
    "nurse",
    "clinician",
    "psychologist",
    "staff",
    "practitioner",
    "worker",
    "specialist",
    "mentor",
    "tutor",
    "adult",
    "paediatrician",
    "consultant",
    "assistant",
    "instructor",
    "coach",
    "counsellor",
    "social worker",
];

const HOW_OFTEN: [&str; 23] = [
    "per week",
    "per day",
    "per term",
    "per month",
    "per year",
    "per session",
    "a week",
    "a day",
    "a term",
    "a month",
    "each week",
    "each day",
    "each term",
    "every ",
    "weekly",
    "daily",
    "fortnightly",
    "monthly",
    "termly",
    "annually",
    "yearly",
    "once",
    "twice",
];

/// Frequencies that also mean the provision is looked at again each time.
const PERIODIC: [&str; 4] = ["annually", "yearly", "termly", "each term"];

const TIME_UNITS: [&str; 9] = ["minute", "min", "hour", "hr", "day", "week", "month", "term", "session"];

/// Provision as drafted: the free text and the structured fields beside it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProvisionDraft {
    pub text: String,
    pub who: String,
    pub how_often: String,
    /// How long, or the group size.
    pub duration: String,
    pub review: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProvisionIssue {
    Vague(String),
    MissingWho,
    MissingHowOften,
    MissingDuration,
    MissingReview,
}

impl ProvisionIssue {
    /// What to tell the person writing it.
    pub fn message(&self) -> String {
        match self {
            ProvisionIssue::Vague(phrase) => {
                format!("“{phrase}” is vague: say exactly what will happen, so it can be checked")
            }
            ProvisionIssue::MissingWho => "Say who will deliver it".to_owned(),
            ProvisionIssue::MissingHowOften => "Say how often it will happen".to_owned(),
            ProvisionIssue::MissingDuration => "Say for how long (or the group size)".to_owned(),
            ProvisionIssue::MissingReview => "Say when it will be reviewed".to_owned(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutcomeIssue {
    Vague(String),
    NoTimeFrame,
    NotMeasurable,
}

impl OutcomeIssue {
    pub fn message(&self) -> String {
        match self {
            OutcomeIssue::Vague(phrase) => format!("“{phrase}” is vague: say exactly what the child will achieve"),
            OutcomeIssue::NoTimeFrame => "Say by when (for example “by the end of key stage 2”)".to_owned(),
            OutcomeIssue::NotMeasurable => {
                "Say what the child will be able to do, so progress can be measured".to_owned()
            }
        }
    }
}

/// Lower case, with anything but letters and digits turned into single
/// spaces and a space at each end, so phrases match whole words only.
fn words(text: &str) -> String {
    let mut out = String::from(" ");
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

fn has_phrase(normalised: &str, phrase: &str) -> bool {
    normalised.contains(&words(phrase))
}

/// Any of the phrases, matched on word boundaries (a phrase ending in a space
/// may run into the next word).
fn mentions(normalised: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| {
        if p.ends_with(' ') {
            normalised.contains(&format!(" {}", words(p).trim_start()))
        } else {
            has_phrase(normalised, p)
        }
    })
}

/// A number followed by a unit of time: "1 hour", "6-week", "30 minutes".
fn has_amount_of_time(normalised: &str) -> bool {
    let tokens: Vec<&str> = normalised.split_whitespace().collect();
    tokens.windows(2).any(|w| {
        w[0].chars().all(|c| c.is_ascii_digit())
            && TIME_UNITS
                .iter()
                .any(|unit| w[1] == *unit || w[1].strip_suffix('s') == Some(unit))
    })
}

fn vague_phrases(normalised: &str) -> Vec<String> {
    let found: Vec<&str> = VAGUE_PHRASES
        .iter()
        .copied()
        .filter(|p| has_phrase(normalised, p))
        .collect();
    // "support as appropriate" already says "as appropriate": report the longer phrase once.
    found
        .iter()
        .filter(|p| !found.iter().any(|longer| longer != *p && longer.contains(**p)))
        .map(|p| (*p).to_owned())
        .collect()
}

/// Every problem with a piece of provision, vague phrases first.
pub fn check_provision(draft: &ProvisionDraft) -> Vec<ProvisionIssue> {
    let text = words(&draft.text);
    let mut issues: Vec<ProvisionIssue> = vague_phrases(&text).into_iter().map(ProvisionIssue::Vague).collect();
    let filled = |field: &str| !field.trim().is_empty();
    if !filled(&draft.who) && !mentions(&text, &WHO) {
        issues.push(ProvisionIssue::MissingWho);
    }
    if !filled(&draft.how_often) && !mentions(&text, &HOW_OFTEN) {
        issues.push(ProvisionIssue::MissingHowOften);
    }
    let time_frame =
        has_amount_of_time(&text) || has_phrase(&text, "within the first") || has_phrase(&text, "within the next");
    if !filled(&draft.duration) && !time_frame {
        issues.push(ProvisionIssue::MissingDuration);
    }
    let reviewed = has_phrase(&text, "review") || has_phrase(&text, "reviewed") || mentions(&text, &PERIODIC);
    if !filled(&draft.review) && !reviewed {
        issues.push(ProvisionIssue::MissingReview);
    }
    issues
}

const TIME_FRAMES: [&str; 10] = [
    "by the end of",
    "within the next",
    "within the first",
    "within",
    "by the time",
    "in the next",
    "by summer",
    "by spring",
    "by autumn",
    "by christmas",
];

const MEASURABLE: [&str; 8] = [
    "will be able to",
    "will have learnt to",
    "will have learned to",
    "at least",
    "independently",
    "without",
    "will be able",
    "will know",
];

/// Every problem with an outcome or a step towards it.
pub fn check_outcome(text: &str) -> Vec<OutcomeIssue> {
    let normalised = words(text);
    let mut issues: Vec<OutcomeIssue> = vague_phrases(&normalised)
        .into_iter()
        .map(OutcomeIssue::Vague)
        .collect();
    let has_year = normalised
        .split_whitespace()
        .any(|t| t.len() == 4 && t.starts_with("20") && t.chars().all(|c| c.is_ascii_digit()));
    if !mentions(&normalised, &TIME_FRAMES) && !has_year {
        issues.push(OutcomeIssue::NoTimeFrame);
    }
    if !mentions(&normalised, &MEASURABLE) && !has_amount_of_time(&normalised) {
        issues.push(OutcomeIssue::NotMeasurable);
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> ProvisionDraft {
        ProvisionDraft {
            text: t.to_owned(),
            ..ProvisionDraft::default()
        }
    }

    /// The good examples in the councils' guidance for health professionals (seed 002).
    const GOOD_PROVISION: [&str; 3] = [
        "Within the first week of the school term training will be delivered to school staff by the Epilepsy Nurse on seizure management and refresher training will be offered annually.",
        "Dylan will be offered a 6-week CBT group programme by a qualified CAMHS clinician, attending 1 hour per week followed by a review appointment with Dylan and his parents.",
        "Lucy will be offered a 1-hour speech and language therapy session in school per week for 6 weeks. Resources to support ongoing practice of speech and language therapy skills will be supplied to school staff and parents. Progress will be reviewed by the Speech and Language Therapist 3 months following the start of therapy.",
    ];

    const GOOD_OUTCOMES: [&str; 3] = [
        "By the end of key stage 2 Emma will be able to use and maintain her hearing aids independently so that she can enjoy overnight stays with friends.",
        "Within the next half term Emma will have learnt to recognise the low battery signal and change her hearing aid battery.",
        "Within the next academic term Bobby will be able to identify and use at least two coping strategies to manage anxiety so that he can attend youth club once a week without his parents.",
    ];

    #[test]
    fn the_guidance_examples_of_good_provision_pass() {
        for example in GOOD_PROVISION {
            assert_eq!(check_provision(&text(example)), vec![], "{example}");
        }
    }

    #[test]
    fn the_guidance_examples_of_good_outcomes_pass() {
        for example in GOOD_OUTCOMES {
            assert_eq!(check_outcome(example), vec![], "{example}");
        }
    }

    #[test]
    fn vague_versions_of_the_examples_are_flagged() {
        use ProvisionIssue::*;
        let cases: [(&str, Vec<ProvisionIssue>); 5] = [
            (
                "Lucy will have access to speech and language therapy as required.",
                vec![
                    Vague("access to".into()),
                    Vague("as required".into()),
                    MissingWho,
                    MissingHowOften,
                    MissingDuration,
                    MissingReview,
                ],
            ),
            (
                "Dylan will have regular CBT sessions with a CAMHS clinician.",
                vec![Vague("regular".into()), MissingHowOften, MissingDuration, MissingReview],
            ),
            (
                "School staff will support Emma as appropriate.",
                vec![
                    Vague("as appropriate".into()),
                    MissingHowOften,
                    MissingDuration,
                    MissingReview,
                ],
            ),
            (
                "Up to 3 hours of teaching assistant support may be provided each week, reviewed termly.",
                vec![Vague("up to".into()), Vague("may".into())],
            ),
            (
                "Training will be delivered to school staff by the Epilepsy Nurse.",
                vec![MissingHowOften, MissingDuration, MissingReview],
            ),
        ];
        for (vague, expected) in cases {
            assert_eq!(check_provision(&text(vague)), expected, "{vague}");
        }
    }

    #[test]
    fn structured_fields_answer_what_the_text_leaves_out() {
        let draft = ProvisionDraft {
            text: "Speech and language therapy in school.".into(),
            who: "Speech and language therapist".into(),
            how_often: "Once a week".into(),
            duration: "45 minutes, 1:1".into(),
            review: "End of spring term 2027".into(),
        };
        assert_eq!(check_provision(&draft), vec![]);
        let missing_review = ProvisionDraft {
            review: " ".into(),
            ..draft
        };
        assert_eq!(check_provision(&missing_review), vec![ProvisionIssue::MissingReview]);
    }

    #[test]
    fn vague_outcomes_are_flagged() {
        use OutcomeIssue::*;
        let cases: [(&str, Vec<OutcomeIssue>); 3] = [
            ("Emma will improve her confidence.", vec![NoTimeFrame, NotMeasurable]),
            (
                "Bobby will be supported to manage his anxiety where possible.",
                vec![Vague("where possible".into()), NoTimeFrame, NotMeasurable],
            ),
            ("By July 2027 Sian will feel happier at school.", vec![NotMeasurable]),
        ];
        for (outcome, expected) in cases {
            assert_eq!(check_outcome(outcome), expected, "{outcome}");
        }
    }

    #[test]
    fn phrases_match_whole_words_only() {
        // "mayor" and "regularity" are not "may" and "regular"; "May" the month is still flagged,
        // which is the safe side.
        assert_eq!(
            vague_phrases(&words("The mayor praised the regularity.")),
            Vec::<String>::new()
        );
        assert_eq!(vague_phrases(&words("Support may be offered.")), vec!["may".to_owned()]);
    }
}
