//! The provision checker: flags special educational provision that is not
//! specified and quantified (who delivers it, how often, for how long, when it
//! is reviewed) and the vague phrases tribunals strike out ("access to",
//! "regular", "as required"...), and outcomes with no time frame or no
//! measurable result. Used as the caseworker types, again before sharing, and
//! over what professionals write in their advice, so a false alarm costs
//! trust: `provision_corpus` measures it against labelled wordings.
//!
//! Structured fields, when filled in, answer a question on their own; the
//! free text can answer it too, so well-written text (the examples in the
//! councils' guidance) passes without them. "How long" is answered by a
//! length ("30 minutes", "for 6 weeks"), a span of the school calendar ("for
//! the autumn term", "until the annual review"), the occasion it is bound to
//! ("in every lesson", "during lunchtime") or a group size ("1:1", "in a
//! class of 28"). What is said about the review ("reviewed termly") does not
//! say how often or how long the provision itself is.
//!
//! Plain word lists and small scanners, no regular expressions: it runs in
//! the browser too.

use serde::{Deserialize, Serialize};

/// Phrases that leave provision or an outcome open to interpretation.
pub const VAGUE_PHRASES: [&str; 47] = [
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
    "opportunities to",
    "opportunity for",
    "as necessary",
    "when needed",
    "when required",
    "if required",
    "when appropriate",
    "if appropriate",
    "if possible",
    "wherever possible",
    "as far as possible",
    "as much as possible",
    "periodic",
    "periodically",
    "occasional",
    "occasionally",
    "from time to time",
    "frequent",
    "frequently",
    "should",
    "would benefit from",
    "high level of",
    "high levels of",
    "until further notice",
    "as they arise",
    "as it arises",
    "as needs arise",
    "small number of",
];

/// Who delivers provision; each may also be plural ("teachers", "carers").
const WHO: &[&str] = &[
    "teacher",
    "senco",
    "therapist",
    "physiotherapist",
    "physio",
    "nurse",
    "clinician",
    "psychologist",
    "staff",
    "practitioner",
    "worker",
    "keyworker",
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
    "carer",
    "childminder",
    "supervisor",
    "escort",
    "doctor",
    "dietitian",
    "audiologist",
    "orthoptist",
    "visitor",
    // The initials schools and services write: SaLT, SLT, OT, TA, LSA, HLTA, EP,
    // qualified teachers of the visually impaired and of the deaf.
    "salt",
    "slt",
    "ot",
    "ta",
    "lsa",
    "hlta",
    "ep",
    "qtvi",
    "qtod",
];

/// After "by the", words that make it a date rather than a person ("by the end of the term").
const NOT_SOMEONE: &[&str] = &[
    "end",
    "time",
    "start",
    "beginning",
    "middle",
    "age",
    "next",
    "following",
    "autumn",
    "spring",
    "summer",
];

const HOW_OFTEN: &[&str] = &[
    "per week",
    "per day",
    "per term",
    "per half term",
    "per month",
    "per year",
    "per session",
    "per night",
    "a week",
    "a day",
    "a term",
    "a half term",
    "a month",
    "a year",
    "a fortnight",
    "a night",
    "every",
    "weekly",
    "daily",
    "fortnightly",
    "monthly",
    "termly",
    "annually",
    "yearly",
    "once",
    "twice",
    "alternate",
    "weekends",
    "mondays",
    "tuesdays",
    "wednesdays",
    "thursdays",
    "fridays",
    "saturdays",
    "sundays",
];

/// Support that is there all the time answers "how often" and "how long" at once.
const CONTINUOUS: &[&str] = &[
    "throughout the day",
    "throughout the school day",
    "all day",
    "at all times",
    "full time",
];

/// What "each" or "all" can recur with: "each morning", "all PE lessons", "each school year".
const RECURRING: &[&str] = &[
    "lesson",
    "lunchtime",
    "break",
    "breaktime",
    "playtime",
    "transition",
    "assembly",
    "journey",
    "trip",
    "visit",
    "meal",
    "mealtime",
    "exam",
    "test",
    "morning",
    "afternoon",
    "evening",
    "night",
    "day",
    "week",
    "fortnight",
    "weekend",
    "month",
    "term",
    "year",
];

/// Occasions with a length of their own: provision bound to one lasts as long as it does.
const OCCASIONS: &[&str] = &[
    "lesson",
    "lunchtime",
    "break",
    "breaktime",
    "playtime",
    "transition",
    "assembly",
    "journey",
    "trip",
    "meal",
    "mealtime",
    "exam",
    "test",
];

/// Things provision is counted in: "six sessions", "three consultation visits".
const SITTINGS: &[&str] = &[
    "session",
    "visit",
    "appointment",
    "meeting",
    "consultation",
    "lesson",
    "block",
];

/// Frequencies that also mean the provision is looked at again each time.
const PERIODIC: &[&str] = &[
    "annually",
    "yearly",
    "termly",
    "half termly",
    "each term",
    "every term",
    "each half term",
    "every half term",
    "each year",
    "every year",
];

/// Words that say the provision will be reviewed.
const REVIEWED: &[&str] = &[
    "review",
    "reviewed",
    "reviews",
    "reviewing",
    "reassess",
    "reassessed",
    "re assessed",
    "evaluate",
    "evaluated",
];

/// Words that can stand between the verb "review" and when it happens ("will review it at the end of each term").
const REVIEW_TIMING: &[&str] = &[
    "at",
    "in",
    "on",
    "after",
    "by",
    "every",
    "each",
    "the",
    "end",
    "of",
    "termly",
    "annually",
    "yearly",
    "monthly",
    "weekly",
    "fortnightly",
    "half",
    "term",
    "terms",
    "year",
    "years",
    "week",
    "weeks",
    "month",
    "months",
    "first",
    "last",
    "final",
    "next",
    "annual",
    "a",
    "an",
    "once",
    "twice",
    "per",
    "within",
    "school",
    "academic",
    "autumn",
    "spring",
    "summer",
];

const TIME_UNITS: &[&str] = &[
    "minute",
    "min",
    "hour",
    "hr",
    "day",
    "week",
    "fortnight",
    "month",
    "term",
    "year",
    "session",
    "night",
    "weekend",
    "morning",
    "afternoon",
    "evening",
];

const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "ninety",
];

/// Parts of the school calendar a span of provision can run over: "the autumn term", "the school year", "key stage 2".
const PERIODS: &[&str] = &["term", "year", "stage", "day", "holiday"];

/// Where a span can end besides a period: "until the annual review", "until the end of Year 6", "until July".
const ENDPOINTS: &[&str] = &["review", "end", "christmas", "easter", "summer"];

/// Words that can stand between the start of a span and its period ("for the rest of the spring term").
const SPAN_FILLERS: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "next",
    "coming",
    "current",
    "rest",
    "remainder",
    "whole",
    "full",
    "entire",
    "of",
    "first",
    "last",
    "final",
    "remaining",
    "same",
    "autumn",
    "spring",
    "summer",
    "school",
    "academic",
    "calendar",
    "half",
    "key",
    "annual",
    "termly",
    "his",
    "her",
    "their",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words for a group, and for the others in it.
const GROUPS: &[&str] = &["group", "groups", "class", "classes", "set"];
const PEERS: &[&str] = &["pupil", "peer", "child", "children", "student", "learner", "other"];

/// What can stand between "a group of" and its size ("no more than", "up to", "a maximum of").
const SIZE_CAPS: &[&str] = &[
    "no", "not", "more", "than", "up", "to", "at", "most", "a", "maximum", "max", "between",
];

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
/// spaces, "." where a sentence ends and "," where a clause does, and a space
/// at each end: phrases match whole words only, and neither phrases nor spans
/// of time run from one sentence or clause into the next.
fn words(text: &str) -> String {
    let mut out = String::from(" ");
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            continue;
        }
        if !out.ends_with(' ') {
            out.push(' ');
        }
        let mark = match c {
            '.' | ';' | '!' | '?' | '\n' => ".",
            ',' => ",",
            _ => continue,
        };
        // One mark between words is enough, and none before the first word.
        if out.len() > 1 && !out.ends_with(". ") && !out.ends_with(", ") {
            out.push_str(mark);
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

fn is_mark(word: &str) -> bool {
    word == "." || word == ","
}

/// The word, or its plural: "teachers", "lessons", "assemblies".
fn is_word(word: &str, singular: &str) -> bool {
    word == singular
        || word.strip_suffix('s') == Some(singular)
        || word
            .strip_suffix("ies")
            .zip(singular.strip_suffix('y'))
            .is_some_and(|(stem, singular_stem)| stem == singular_stem)
}

fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| is_word(word, w))
}

/// Where a phrase (words separated by single spaces) starts.
fn positions<'a>(tokens: &'a [&'a str], phrase: &'a str) -> impl Iterator<Item = usize> + 'a {
    let len = phrase.split(' ').count();
    (0..tokens.len())
        .filter(move |&i| tokens.len() >= i + len && phrase.split(' ').zip(&tokens[i..i + len]).all(|(p, t)| p == *t))
}

fn has(tokens: &[&str], phrase: &str) -> bool {
    positions(tokens, phrase).next().is_some()
}

fn has_any(tokens: &[&str], phrases: &[&str]) -> bool {
    phrases.iter().any(|p| has(tokens, p))
}

/// The phrase, with a plural "s" allowed on its last word ("teaching assistants").
fn has_plural(tokens: &[&str], phrase: &str) -> bool {
    let parts: Vec<&str> = phrase.split(' ').collect();
    let Some((last, rest)) = parts.split_last() else {
        return false;
    };
    tokens
        .windows(parts.len())
        .any(|w| w[..rest.len()] == *rest && is_word(w[rest.len()], last))
}

fn is_number(word: &str) -> bool {
    (!word.is_empty() && word.chars().all(|c| c.is_ascii_digit())) || NUMBER_WORDS.contains(&word)
}

fn is_time_unit(word: &str) -> bool {
    is_one_of(word, TIME_UNITS)
}

/// The word before position `i`, or "." at the start.
fn word_before<'a>(tokens: &[&'a str], i: usize) -> &'a str {
    i.checked_sub(1).and_then(|j| tokens.get(j)).copied().unwrap_or(".")
}

/// The word after position `i`, or "." at the end.
fn word_after<'a>(tokens: &[&'a str], i: usize) -> &'a str {
    tokens.get(i + 1).copied().unwrap_or(".")
}

/// "May" the month rather than the verb: "in May", "14 May", "May 2027",
/// "the May half term", or a field that just says "May".
fn is_the_month(tokens: &[&str], i: usize) -> bool {
    const BEFORE_A_DATE: &[&str] = &[
        "in", "by", "until", "till", "of", "from", "during", "before", "after", "since", "early", "late", "mid", "end",
    ];
    let (prev, next) = (word_before(tokens, i), word_after(tokens, i));
    BEFORE_A_DATE.contains(&prev) || is_number(prev) || is_number(next) || next == "half" || is_mark(next)
}

/// "Up to" capping a group ("a group of up to 4 pupils") bounds who else is
/// there, not how much help the child gets.
fn caps_a_group(tokens: &[&str], i: usize) -> bool {
    i >= 2 && tokens[i - 1] == "of" && GROUPS.contains(&tokens[i - 2]) && is_number(word_after(tokens, i + 1))
}

/// Where a vague phrase is used vaguely.
fn vague_uses<'a>(tokens: &'a [&'a str], phrase: &'a str) -> impl Iterator<Item = usize> + 'a {
    positions(tokens, phrase).filter(move |&i| match phrase {
        "may" => !is_the_month(tokens, i),
        "up to" => !caps_a_group(tokens, i),
        _ => true,
    })
}

fn vague_in(tokens: &[&str]) -> Vec<String> {
    let found: Vec<&str> = VAGUE_PHRASES
        .iter()
        .copied()
        .filter(|p| vague_uses(tokens, p).next().is_some())
        .collect();
    // "support as appropriate" already says "as appropriate": report the longer phrase once.
    found
        .iter()
        .filter(|p| !found.iter().any(|longer| longer != *p && longer.contains(**p)))
        .map(|p| (*p).to_owned())
        .collect()
}

fn vague_phrases(normalised: &str) -> Vec<String> {
    let tokens: Vec<&str> = normalised.split_whitespace().collect();
    vague_in(&tokens)
}

/// Whether a structured field says something once its vague phrases are set
/// aside: "As required" does not say how often; "Up to 2 hours" still says how long.
fn answers(field: &str) -> bool {
    let normalised = words(field);
    let tokens: Vec<&str> = normalised.split_whitespace().filter(|w| !is_mark(w)).collect();
    let mut vague = vec![false; tokens.len()];
    for phrase in VAGUE_PHRASES {
        let len = phrase.split(' ').count();
        for i in vague_uses(&tokens, phrase) {
            vague[i..i + len].iter_mut().for_each(|v| *v = true);
        }
    }
    vague.contains(&false)
}

/// "By the Epilepsy Nurse", but not "by the end of the term".
fn by_someone(tokens: &[&str]) -> bool {
    tokens.windows(3).any(|w| {
        w[0] == "by"
            && matches!(w[1], "a" | "an" | "the")
            && !NOT_SOMEONE.contains(&w[2])
            && !is_mark(w[2])
            && !is_number(w[2])
    })
}

fn says_who(tokens: &[&str]) -> bool {
    WHO.iter().any(|role| has_plural(tokens, role)) || by_someone(tokens)
}

/// Whether, within `reach` words and not past a clause, a word of `ends`
/// comes (allowing plurals), with only words of `between` (or numbers) before it.
/// `between` empty lets any word stand between.
fn reaches(rest: &[&str], ends: &[&str], between: &[&str], reach: usize) -> bool {
    for (j, word) in rest.iter().take(reach).enumerate() {
        if is_mark(word) {
            return false;
        }
        // "Year group" is a class of children, not a year.
        if is_one_of(word, ends) && !(*word == "year" && is_one_of(word_after(rest, j), GROUPS)) {
            return true;
        }
        if !between.is_empty() && !between.contains(word) && !is_number(word) {
            return false;
        }
    }
    false
}

/// "Six sessions", "three consultation visits", "12 sessions of 45 minutes":
/// a number of sittings says how often and how long, however they are spread.
fn counts_sittings(tokens: &[&str]) -> bool {
    (0..tokens.len()).any(|i| {
        let next = word_after(tokens, i);
        // "30-minute sessions" are a length, not a count; "12 x 30 minutes" is a count.
        is_number(tokens[i])
            && (next == "x"
                || is_one_of(next, SITTINGS)
                || (!is_mark(next) && !is_time_unit(next) && is_one_of(word_after(tokens, i + 1), SITTINGS)))
    })
}

/// "Each morning", "all PE lessons", "each school year".
fn recurs(tokens: &[&str]) -> bool {
    (0..tokens.len()).any(|i| matches!(tokens[i], "each" | "all") && reaches(&tokens[i + 1..], RECURRING, &[], 4))
}

fn says_how_often(tokens: &[&str]) -> bool {
    has_any(tokens, HOW_OFTEN) || has_any(tokens, CONTINUOUS) || recurs(tokens) || counts_sittings(tokens)
}

/// A number then a unit of time, perhaps with a word between: "1 hour",
/// "6-week", "30 minutes", "6 weekly sessions", "one half term", "30mins", "an hour".
fn is_amount_of_time(tokens: &[&str], i: usize) -> bool {
    const NOT_BETWEEN: &[&str] = &[
        "per", "a", "an", "each", "every", "times", "out", "of", "in", "and", "or", "to",
    ];
    let word = tokens[i];
    let next = word_after(tokens, i);
    let glued = word
        .find(|c: char| !c.is_ascii_digit())
        .is_some_and(|at| at > 0 && is_time_unit(&word[at..]));
    glued
        || (word == "an" && is_time_unit(next))
        || (is_number(word)
            && (is_time_unit(next)
                || (!is_mark(next)
                    && !is_number(next)
                    && !NOT_BETWEEN.contains(&next)
                    && is_time_unit(word_after(tokens, i + 1)))))
}

fn has_amount_of_time(tokens: &[&str]) -> bool {
    (0..tokens.len()).any(|i| is_amount_of_time(tokens, i))
}

/// A span of the school calendar or an occasion the provision is bound to:
/// "for the autumn term", "throughout the school year", "until the annual
/// review", "during lunchtime", "at every transition", "in each lesson".
fn names_a_span(tokens: &[&str]) -> bool {
    (0..tokens.len()).any(|i| {
        let rest = &tokens[i + 1..];
        let occasion = || reaches(rest, OCCASIONS, &[], 4);
        match tokens[i] {
            "for" | "throughout" | "during" | "over" | "across" | "through" => {
                reaches(rest, PERIODS, SPAN_FILLERS, 6) || occasion()
            }
            "until" | "till" => {
                reaches(rest, PERIODS, SPAN_FILLERS, 6)
                    || reaches(rest, ENDPOINTS, SPAN_FILLERS, 6)
                    || reaches(rest, MONTHS, SPAN_FILLERS, 6)
            }
            "at" | "in" | "each" | "every" | "all" => occasion(),
            _ => false,
        }
    })
}

/// "A group of 4", "a class of no more than 8", "with 2 peers", "in pairs", "one-to-one".
fn gives_group_size(tokens: &[&str]) -> bool {
    let sized_group = (0..tokens.len()).any(|i| {
        GROUPS.contains(&tokens[i])
            && word_after(tokens, i) == "of"
            && tokens
                .iter()
                .skip(i + 2)
                .take(5)
                .find(|w| !SIZE_CAPS.contains(w))
                .is_some_and(|w| is_number(w))
    });
    let counted_peers = (0..tokens.len()).any(|i| {
        let next = word_after(tokens, i);
        is_number(tokens[i])
            && !matches!(word_before(tokens, i), "year" | "years")
            && (is_one_of(next, PEERS) || (!is_mark(next) && is_one_of(word_after(tokens, i + 1), PEERS)))
    });
    sized_group
        || counted_peers
        || has_any(
            tokens,
            &[
                "in pairs",
                "in a pair",
                "one to one",
                "1 to 1",
                "one on one",
                "two to one",
                "2 to 1",
            ],
        )
}

/// A ratio of adults to children, as written: "1:1", "2:1", "1-1".
fn has_ratio(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let digit_at = |i: Option<usize>| i.and_then(|i| chars.get(i)).is_some_and(char::is_ascii_digit);
    chars.windows(3).enumerate().any(|(i, w)| {
        let ratio = w[0].is_ascii_digit() && w[2].is_ascii_digit() && (w[1] == ':' || w[0..3] == ['1', '-', '1']);
        // Not a time ("10:30") or a date.
        ratio && !digit_at(i.checked_sub(1)) && !digit_at(Some(i + 3))
    })
}

/// A clock time: "10am", "4 pm".
fn is_clock_time(tokens: &[&str], i: usize) -> bool {
    let word = tokens[i];
    let digits_then = |suffix: &str| {
        word.strip_suffix(suffix)
            .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
    };
    digits_then("am") || digits_then("pm") || (is_number(word) && matches!(word_after(tokens, i), "am" | "pm"))
}

/// From one clock time to another ("from 10am to 4pm") says how long.
fn has_time_range(tokens: &[&str]) -> bool {
    (0..tokens.len()).filter(|&i| is_clock_time(tokens, i)).count() >= 2
}

fn says_how_long(tokens: &[&str], text: &str) -> bool {
    has_any(tokens, &["within the first", "within the next"])
        || has_any(tokens, CONTINUOUS)
        || has_time_range(tokens)
        || has_amount_of_time(tokens)
        || names_a_span(tokens)
        || gives_group_size(tokens)
        || has_ratio(text)
}

/// The provision without what is said about its review: "reviewed termly by
/// the SENCO" says how often the review happens, not the provision. After
/// "reviewed" or "a review" the rest of the clause goes; after the verb
/// ("will review it") only the timing that follows.
fn without_review<'a>(tokens: &[&'a str]) -> Vec<&'a str> {
    const BEFORE_A_VERB: &[&str] = &["will", "to", "and", "also", "then", "must", "can", "shall"];
    let mut kept = Vec::with_capacity(tokens.len());
    let (mut dropping, mut timing) = (false, false);
    for (i, word) in tokens.iter().enumerate() {
        if is_mark(word) {
            (dropping, timing) = (false, false);
            kept.push(*word);
            continue;
        }
        if dropping || (timing && (REVIEW_TIMING.contains(word) || is_number(word))) {
            continue;
        }
        timing = false;
        kept.push(*word);
        if REVIEWED.contains(word) {
            let verb =
                matches!(*word, "review" | "reassess" | "evaluate") && BEFORE_A_VERB.contains(&word_before(tokens, i));
            (dropping, timing) = (!verb, verb);
        }
    }
    kept
}

fn says_reviewed(tokens: &[&str]) -> bool {
    has_any(tokens, REVIEWED) || has_any(tokens, PERIODIC)
}

/// Every problem with a piece of provision, vague phrases first (in the text, then in the fields).
pub fn check_provision(draft: &ProvisionDraft) -> Vec<ProvisionIssue> {
    let normalised = words(&draft.text);
    let tokens: Vec<&str> = normalised.split_whitespace().collect();
    let body = without_review(&tokens);
    let fields = [&draft.who, &draft.how_often, &draft.duration, &draft.review];
    let mut vague = vague_in(&tokens);
    for field in fields {
        for phrase in vague_phrases(&words(field)) {
            if !vague.contains(&phrase) {
                vague.push(phrase);
            }
        }
    }
    let mut issues: Vec<ProvisionIssue> = vague.into_iter().map(ProvisionIssue::Vague).collect();
    if !answers(&draft.who) && !says_who(&tokens) {
        issues.push(ProvisionIssue::MissingWho);
    }
    if !answers(&draft.how_often) && !says_how_often(&body) {
        issues.push(ProvisionIssue::MissingHowOften);
    }
    if !answers(&draft.duration) && !says_how_long(&body, &draft.text) {
        issues.push(ProvisionIssue::MissingDuration);
    }
    if !answers(&draft.review) && !says_reviewed(&tokens) {
        issues.push(ProvisionIssue::MissingReview);
    }
    issues
}

const TIME_FRAMES: &[&str] = &[
    "by the end of",
    "at the end of",
    "within the next",
    "within the first",
    "within",
    "by the time",
    "in the next",
    "over the next",
    "by summer",
    "by spring",
    "by autumn",
    "by christmas",
    "by age",
    "by the age of",
];

/// Where an outcome's deadline can fall, after "by", "during", "in", "this"...:
/// "by the summer half term", "during Year 5", "by her annual review" (or a month: "by May").
const DEADLINES: &[&str] = &[
    "term",
    "year",
    "stage",
    "end",
    "review",
    "christmas",
    "easter",
    "summer",
    "spring",
    "autumn",
];

fn has_time_frame(tokens: &[&str]) -> bool {
    let has_year = tokens
        .iter()
        .any(|t| t.len() == 4 && t.starts_with("20") && t.chars().all(|c| c.is_ascii_digit()));
    let deadline = (0..tokens.len()).any(|i| {
        matches!(
            tokens[i],
            "by" | "within" | "during" | "in" | "over" | "before" | "this" | "until"
        ) && (reaches(&tokens[i + 1..], DEADLINES, SPAN_FILLERS, 6)
            || reaches(&tokens[i + 1..], MONTHS, SPAN_FILLERS, 6))
    });
    has_any(tokens, TIME_FRAMES) || has_year || deadline
}

const MEASURABLE: &[&str] = &[
    "will be able to",
    "will have learnt to",
    "will have learned to",
    "at least",
    "independently",
    "without",
    "will be able",
    "will know",
    // A hedge ("may be able to") is vague, but what is hoped for can still be measured.
    "be able to",
    "out of",
    "per cent",
    "percent",
    "on his own",
    "on her own",
    "on their own",
    "by himself",
    "by herself",
    "by themselves",
    "unaided",
];

/// A count in the result ("50 words", "three feelings", "book band 6"), not
/// part of the date: not a year, a year group, a key stage, an age or a day of the month.
fn has_count(tokens: &[&str]) -> bool {
    const DATED: &[&str] = &["year", "years", "stage", "ks", "age", "aged"];
    (0..tokens.len()).any(|i| {
        let (word, prev, next) = (tokens[i], word_before(tokens, i), word_after(tokens, i));
        let small_number = (word.len() <= 3 && is_number(word)) || (NUMBER_WORDS.contains(&word) && word != "one");
        small_number
            && !DATED.contains(&prev)
            && !is_number(prev)
            && !MONTHS.contains(&prev)
            && !MONTHS.contains(&next)
            && !is_time_unit(next)
    })
}

/// A length of time in the result ("for 10 minutes", "in under 10 minutes"),
/// not the time frame ("within 6 weeks", "in the next 12 weeks").
fn has_measured_time(tokens: &[&str]) -> bool {
    const DEADLINE_WORDS: &[&str] = &["within", "next", "in", "over", "after", "by", "following"];
    (0..tokens.len()).any(|i| is_amount_of_time(tokens, i) && !DEADLINE_WORDS.contains(&word_before(tokens, i)))
}

fn is_measurable(tokens: &[&str], text: &str) -> bool {
    has_any(tokens, MEASURABLE) || has_measured_time(tokens) || has_count(tokens) || text.contains('%')
}

/// Every problem with an outcome or a step towards it.
pub fn check_outcome(text: &str) -> Vec<OutcomeIssue> {
    let normalised = words(text);
    let tokens: Vec<&str> = normalised.split_whitespace().collect();
    let mut issues: Vec<OutcomeIssue> = vague_in(&tokens).into_iter().map(OutcomeIssue::Vague).collect();
    if !has_time_frame(&tokens) {
        issues.push(OutcomeIssue::NoTimeFrame);
    }
    if !is_measurable(&tokens, text) {
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
        // "mayor" and "regularity" are not "may" and "regular"; "May" the month is not the verb
        // when it reads as a date.
        assert_eq!(
            vague_phrases(&words("The mayor praised the regularity.")),
            Vec::<String>::new()
        );
        assert_eq!(vague_phrases(&words("Support may be offered.")), vec!["may".to_owned()]);
        assert_eq!(
            vague_phrases(&words("Reviewed in May and again on 14 May 2027.")),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_term_the_school_year_an_occasion_or_a_group_size_says_how_long() {
        for example in [
            "A teaching assistant will deliver the programme twice a week for the autumn term, reviewed termly.",
            "A teaching assistant will deliver the programme twice a week throughout the school year, reviewed termly.",
            "A teaching assistant will deliver the programme twice a week for the academic year 2026/27, reviewed termly.",
            "A teaching assistant will deliver the programme twice a week until the annual review.",
            "A teaching assistant will deliver the programme daily for one half term, reviewed termly.",
            "A teaching assistant will support Maya in a class of 28 twice a week, reviewed termly.",
            "A teaching assistant will deliver the programme in a small group of no more than 6 twice a week, reviewed termly.",
            "A teaching assistant will deliver the programme 1:1 twice a week, reviewed termly.",
            "A teaching assistant will deliver the programme one-to-one twice a week, reviewed termly.",
            "A teaching assistant will support Maya at every transition, reviewed termly.",
            "A teaching assistant will support Maya daily during lunchtime, reviewed termly.",
        ] {
            assert_eq!(check_provision(&text(example)), vec![], "{example}");
        }
    }

    #[test]
    fn when_the_review_happens_does_not_say_how_often_or_how_long_the_provision_is() {
        use ProvisionIssue::*;
        let draft = text("A teaching assistant will deliver a reading programme, reviewed at the end of each term.");
        assert_eq!(check_provision(&draft), vec![MissingHowOften, MissingDuration]);
        // "Up to" a number of hours is still vague, "a group of up to 4" is not.
        assert_eq!(
            check_provision(&text(
                "Up to 2 hours of support from a teaching assistant each week, reviewed termly."
            )),
            vec![Vague("up to".into())]
        );
        assert_eq!(
            check_provision(&text(
                "A teaching assistant will see Ezra in a group of up to 4 weekly, reviewed termly."
            )),
            vec![]
        );
    }

    #[test]
    fn a_field_that_only_hedges_answers_nothing() {
        let draft = ProvisionDraft {
            text: "Support in class.".into(),
            who: "Teaching assistant".into(),
            how_often: "As required".into(),
            duration: "Up to 2 hours".into(),
            review: "Termly".into(),
        };
        assert_eq!(
            check_provision(&draft),
            vec![
                ProvisionIssue::Vague("as required".into()),
                ProvisionIssue::Vague("up to".into()),
                ProvisionIssue::MissingHowOften,
            ]
        );
    }
}
