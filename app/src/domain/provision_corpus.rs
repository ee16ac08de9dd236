//! A labelled corpus of provision and outcome wordings, and a test that
//! measures the provision checker against it, so a change to the checker
//! shows what it gains and what it breaks. Run it with
//! `cargo test -p app --lib provision_corpus -- --nocapture` to see the table.
//!
//! Sources: the good and bad examples in the councils' guide for health
//! professionals (seed 002), the SEND Code of Practice's demand that
//! provision be specific and quantified (who, what, how often, for how long,
//! reviewed when), and wordings written for this corpus in the way
//! therapists, psychologists, nurses, social workers and schools write them.
//!
//! Each entry is labelled with what a careful SEN caseworker would flag, not
//! with what the checker happens to say. The conventions:
//!
//! - Vague: a hedge or an open-ended amount that a tribunal would strike out
//!   ("access to", "regular", "as required", "may", "should", "up to 10
//!   hours", "where possible", "would benefit from"). A cap on group size ("a
//!   group of up to 4") is not vague: it bounds who else is there, not how
//!   much help the child gets.
//! - A vague phrase standing in for an answer does not answer it: "regular
//!   sessions" is Vague and MissingHowOften. A capped amount ("up to 3 hours")
//!   still says how long.
//! - MissingWho: no role or service delivers it ("staff", "carers" and the
//!   professional who reviews it count: the guidance's own example names its
//!   therapist only as the reviewer).
//! - MissingHowOften: no frequency. "Every lesson", "at every transition",
//!   "throughout the school day" and a count of sessions say it; a frequency
//!   that belongs to the review ("reviewed termly") does not.
//! - MissingDuration: neither a length (of each session or of the whole
//!   programme) nor a group size. A term, the school year, "until the annual
//!   review", a count of sessions, a lesson, lunchtime or transition bound it;
//!   so do "1:1", "in pairs", "a group of 4" and "a class of 28".
//! - MissingReview: no review, reassessment or evaluation. Provision that
//!   recurs each term or year (refresher training "annually") is looked at
//!   again each time, as the guidance's first example shows.
//! - NoTimeFrame: an outcome with no "by when". NotMeasurable: no observable
//!   result ("feel happier", "improve", "make progress", "more confident").

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::provision_check::{OutcomeIssue, ProvisionDraft, ProvisionIssue, check_outcome, check_provision};

/// The kinds of issue, the unit the checker is scored on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Finding {
    Vague,
    MissingWho,
    MissingHowOften,
    MissingDuration,
    MissingReview,
    NoTimeFrame,
    NotMeasurable,
}

use Finding::*;

const KINDS: [Finding; 7] = [
    Vague,
    MissingWho,
    MissingHowOften,
    MissingDuration,
    MissingReview,
    NoTimeFrame,
    NotMeasurable,
];

/// None of the four questions about provision answered.
const ALL_FOUR: &[Finding] = &[MissingWho, MissingHowOften, MissingDuration, MissingReview];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Provision,
    Outcome,
}

struct Entry {
    kind: Kind,
    text: &'static str,
    /// Structured fields beside provision: who, how often, how long or group size, review.
    fields: [&'static str; 4],
    expected: &'static [Finding],
}

const fn provision(text: &'static str, expected: &'static [Finding]) -> Entry {
    Entry {
        kind: Kind::Provision,
        text,
        fields: ["", "", "", ""],
        expected,
    }
}

const fn provision_with(text: &'static str, fields: [&'static str; 4], expected: &'static [Finding]) -> Entry {
    Entry {
        kind: Kind::Provision,
        text,
        fields,
        expected,
    }
}

const fn outcome(text: &'static str, expected: &'static [Finding]) -> Entry {
    Entry {
        kind: Kind::Outcome,
        text,
        fields: ["", "", "", ""],
        expected,
    }
}

/// The examples in seed 002, good and made vague, as the checker's own tests use them.
const GUIDANCE: &[Entry] = &[
    provision(
        "Within the first week of the school term training will be delivered to school staff by the Epilepsy Nurse on seizure management and refresher training will be offered annually.",
        &[],
    ),
    provision(
        "Dylan will be offered a 6-week CBT group programme by a qualified CAMHS clinician, attending 1 hour per week followed by a review appointment with Dylan and his parents.",
        &[],
    ),
    provision(
        "Lucy will be offered a 1-hour speech and language therapy session in school per week for 6 weeks. Resources to support ongoing practice of speech and language therapy skills will be supplied to school staff and parents. Progress will be reviewed by the Speech and Language Therapist 3 months following the start of therapy.",
        &[],
    ),
    provision(
        "Lucy will have access to speech and language therapy as required.",
        &[Vague, MissingWho, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "Dylan will have regular CBT sessions with a CAMHS clinician.",
        &[Vague, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "School staff will support Emma as appropriate.",
        &[Vague, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "Up to 3 hours of teaching assistant support may be provided each week, reviewed termly.",
        &[Vague],
    ),
    provision(
        "Training will be delivered to school staff by the Epilepsy Nurse.",
        &[MissingHowOften, MissingDuration, MissingReview],
    ),
    outcome(
        "By the end of key stage 2 Emma will be able to use and maintain her hearing aids independently so that she can enjoy overnight stays with friends.",
        &[],
    ),
    outcome(
        "Within the next half term Emma will have learnt to recognise the low battery signal and change her hearing aid battery.",
        &[],
    ),
    outcome(
        "Within the next academic term Bobby will be able to identify and use at least two coping strategies to manage anxiety so that he can attend youth club once a week without his parents.",
        &[],
    ),
    outcome("Emma will improve her confidence.", &[NoTimeFrame, NotMeasurable]),
    outcome(
        "Bobby will be supported to manage his anxiety where possible.",
        &[Vague, NoTimeFrame, NotMeasurable],
    ),
    outcome("By July 2027 Sian will feel happier at school.", &[NotMeasurable]),
];

/// Well specified, but in ways that are easy to misread: the time frame is a
/// term, the school year or the next review; the group size is a class or a
/// group; the provision is bound to each lesson, transition or lunchtime.
/// All must pass.
const UNUSUAL_BUT_SPECIFIC: &[Entry] = &[
    provision(
        "A speech and language therapist will see Maya for a weekly individual session for the autumn term, and review her targets with her class teacher at the end of the term.",
        &[],
    ),
    provision(
        "Rowan will be taught touch-typing by a teaching assistant three times a week throughout the school year, with progress reviewed each term.",
        &[],
    ),
    provision(
        "The specialist teacher for hearing impairment will visit Ezra in class once a fortnight for the academic year 2026/27 and review his listening targets with the SENCO at each visit.",
        &[],
    ),
    provision(
        "Maya will attend a social communication group run by a speech and language therapist once a week until the annual review.",
        &[],
    ),
    provision(
        "A teaching assistant trained by the occupational therapist will deliver Rowan's fine motor programme daily for one half term, after which the occupational therapist will review it.",
        &[],
    ),
    provision(
        "A teaching assistant will support Ezra with recording in a class of 28 in every maths and English lesson, reviewed termly by the SENCO.",
        &[],
    ),
    provision(
        "Maya will be taught phonics by a specialist teacher in a group of 4, four times a week, reviewed at the end of each half term.",
        &[],
    ),
    provision(
        "Rowan will practise turn-taking games with a teaching assistant in a small group of no more than 6 pupils twice a week, reviewed each term.",
        &[],
    ),
    provision(
        "Ezra will have 1:1 support from a trained teaching assistant in every lesson, reviewed termly by the SENCO.",
        &[],
    ),
    provision(
        "Maya will have one-to-one reading with a teaching assistant every day, reviewed at the end of each term by the class teacher.",
        &[],
    ),
    provision(
        "A teaching assistant will support Rowan at every transition between lessons, using his visual timetable, reviewed at each termly SEN review.",
        &[],
    ),
    provision(
        "A midday supervisor trained in Maya's communication plan will support her daily during lunchtime, reviewed each half term by the SENCO.",
        &[],
    ),
    provision(
        "The class teacher will give Ezra a printed task plan at the start of each lesson, reviewed at his annual review.",
        &[],
    ),
    provision(
        "A trained adult will stay with Rowan throughout lunchtime every day, reviewed termly by the SENCO.",
        &[],
    ),
    provision(
        "The qualified teacher of the deaf will visit Ezra once every half term for the rest of the school year and review the use of his radio aid with class staff.",
        &[],
    ),
    provision(
        "Maya will be taught in a class of no more than 8 pupils by a qualified teacher throughout the school day, with the arrangement reviewed at each annual review.",
        &[],
    ),
    provision(
        "Rowan will have two physiotherapy sessions per week with the physiotherapist for the spring term, reviewed at the end of the term.",
        &[],
    ),
    provision(
        "A specialist teacher for autism will teach Ezra a weekly lesson in a group of 3 until the end of Year 6, reviewed each term.",
        &[],
    ),
    provision(
        "Maya will have 1:1 support from a trained teaching assistant on all school trips, reviewed at her annual review.",
        &[],
    ),
    provision(
        "Two trained carers will help Rowan with washing and dressing at home each morning and evening, for 45 minutes each time, reviewed by his social worker every six months.",
        &[],
    ),
    provision(
        "Ezra will have an overnight short break at Oak House one weekend a month throughout the year, with residential care staff, reviewed at his child in need review every six months.",
        &[],
    ),
    provision(
        "The speech and language therapist will teach Maya to use her communication aid in six sessions over the summer term, reviewed at the end of the term.",
        &[],
    ),
    provision(
        "Rowan will use a writing slope and pencil grip in all written lessons, set up by his teaching assistant and reviewed by the occupational therapist after one term.",
        &[],
    ),
    provision(
        "Rowan will attend a Lego therapy group led by a trained teaching assistant in a group of 3, once a week for two terms, reviewed by the SENCO at the end of each term.",
        &[],
    ),
    provision(
        "Ezra will have a 40-minute session with the speech and language therapist every week until his annual review in May 2027.",
        &[],
    ),
    provision(
        "Maya will work with a teaching assistant in a group of up to 4 pupils for 20 minutes daily, reviewed termly.",
        &[],
    ),
    provision(
        "The CAMHS clinician will see Ezra for 8 weekly sessions of family therapy, with a review appointment after the last session.",
        &[],
    ),
    provision(
        "The educational psychologist will hold three consultation sessions with Maya's class teacher in the autumn term, with a review meeting in December 2026.",
        &[],
    ),
    provision(
        "A learning support assistant will sit with Rowan during assemblies and whole-school events every week, reviewed each term.",
        &[],
    ),
    provision(
        "Ezra will eat lunch with a trained member of staff beside him at every meal in school, following the speech and language therapist's eating and drinking plan, reviewed by the therapist every 3 months.",
        &[],
    ),
    provision(
        "Rowan will be pre-taught topic vocabulary by a teaching assistant in pairs, twice a week, reviewed at the end of each topic.",
        &[],
    ),
    provision(
        "Rowan's social worker will arrange 2 nights of overnight short breaks each month at Oak House, reviewed at his child in need review every three months.",
        &[],
    ),
    provision(
        "The school nurse will train the staff who support Maya to give her rescue medication within the first week of each school year, and refresh the training each term.",
        &[],
    ),
    provision(
        "Ezra will be supported by a teaching assistant in all PE lessons and every break time throughout the school year, reviewed termly.",
        &[],
    ),
    provision(
        "Rowan will be met at the taxi by his key worker and walked to class at the start of every school day for the autumn term, reviewed at the end of the term.",
        &[],
    ),
    provision(
        "The occupational therapist will visit Maya at home once, for 90 minutes, to set up her bathing equipment, and review its use with her parents after 4 weeks.",
        &[],
    ),
    provision(
        "A teaching assistant will read Rowan's tests to him in a separate room for the full length of each exam, reviewed each year by the SENCO.",
        &[],
    ),
    provision(
        "Teachers will give Ezra instructions in short chunks with a visual prompt in every lesson, reviewed at the end of each term.",
        &[],
    ),
];

/// Ordinary well-specified provision, across the services. All must pass.
const SPECIFIC: &[Entry] = &[
    provision(
        "Maya will have a 30-minute speech and language therapy session once a week with a speech and language therapist for 12 weeks, reviewed at the end of the block.",
        &[],
    ),
    provision(
        "A teaching assistant will deliver Rowan's occupational therapy programme for 15 minutes three times a week, reviewed by the occupational therapist every 6 weeks.",
        &[],
    ),
    provision(
        "The educational psychologist will observe Ezra in class and meet his teachers for 2 hours once a term, and review his targets with the SENCO each term.",
        &[],
    ),
    provision(
        "A CAMHS practitioner will see Maya for 50 minutes each week for 10 weeks, followed by a review with Maya and her parents.",
        &[],
    ),
    provision(
        "A trained teaching assistant will give Rowan 20 minutes of precision teaching daily, reviewed each half term by the class teacher.",
        &[],
    ),
    provision(
        "Ezra will have hydrotherapy with a physiotherapist for 30 minutes once a fortnight, reviewed every 12 weeks.",
        &[],
    ),
    provision(
        "A family support worker will visit Maya's home for one hour every fortnight for six months, reviewed at the end of that period.",
        &[],
    ),
    provision(
        "A personal assistant will support Rowan to attend a youth club for 2 hours every Friday evening, reviewed after 3 months by his social worker.",
        &[],
    ),
    provision(
        "Ezra will have 25 hours a week of support from a teaching assistant trained in Makaton, reviewed at each annual review.",
        &[],
    ),
    provision(
        "Maya will attend 6 weekly sessions of a CBT group run by a CAMHS clinician, 1 hour per week, with a review appointment at the end.",
        &[],
    ),
    provision(
        "A speech and language therapist will train Rowan's class teacher and teaching assistant for 90 minutes once a term and review his targets at the same visit.",
        &[],
    ),
    provision(
        "Ezra will be taught to use a screen reader by the qualified teacher of vision impairment for 45 minutes twice a week, reviewed each term.",
        &[],
    ),
    provision(
        "The SENCO will hold a 20-minute planning meeting with Maya's teaching assistant every Monday, reviewed at the end of each term.",
        &[],
    ),
    provision(
        "Rowan will have a 1-hour lesson with a dyslexia specialist teacher once a week for 2 terms, reviewed at the end of each term.",
        &[],
    ),
    provision(
        "Maya's key worker will have a 10-minute check-in with her at the start of every school day, reviewed half termly.",
        &[],
    ),
    provision(
        "A teaching assistant trained by the diabetes nurse will check Ezra's blood glucose for 5 minutes before lunch every day, and the diabetes nurse will review his care plan each term.",
        &[],
    ),
    provision(
        "A physiotherapist will write Maya's stretching programme and a teaching assistant will carry it out with her for 20 minutes every day, reviewed by the physiotherapist every 8 weeks.",
        &[],
    ),
    provision(
        "Rowan will receive 12 sessions of 45 minutes of play therapy from a qualified play therapist, once a week, with a review meeting with his parents after the last session.",
        &[],
    ),
    provision(
        "Ezra's social worker will arrange 4 hours of short breaks every Saturday with an approved short breaks provider, reviewed at his child in need review every three months.",
        &[],
    ),
    provision(
        "The SENCO will meet Maya's parents for 30 minutes once each half term to share progress, and review the plan with them at the annual review.",
        &[],
    ),
    provision(
        "Rowan will have a sensory circuit led by a teaching assistant for 10 minutes every morning before lessons, reviewed half termly by the occupational therapist.",
        &[],
    ),
    provision(
        "Maya will have speech and language therapy from a speech and language therapist for 45 minutes each week, in a pair with a peer, reviewed every 10 weeks.",
        &[],
    ),
    provision(
        "Ezra will attend a 6-week anger management group run by a learning mentor, 1 hour each week, reviewed in the final session.",
        &[],
    ),
    provision(
        "Ezra's carers will help him with dressing each morning for 20 minutes, reviewed at his child in need review.",
        &[],
    ),
    provision(
        "Rowan will have a 30-minute session with the school counsellor every Tuesday for 8 weeks, followed by a review with his parents.",
        &[],
    ),
];

/// Vague provision: every one must be caught.
const VAGUE: &[Entry] = &[
    provision(
        "Maya will have access to a quiet space when needed.",
        &[Vague, MissingWho, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "Rowan will receive regular input from the occupational therapist.",
        &[Vague, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "Ezra may benefit from a social skills group run by a teaching assistant.",
        &[Vague, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "Speech and language therapy advice will be given to school as required.",
        &[Vague, MissingWho, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "Up to 10 hours of teaching assistant support each week, reviewed termly.",
        &[Vague],
    ),
    provision(
        "Maya should have opportunities to practise her speaking skills with peers.",
        &[Vague, MissingWho, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "Staff will give Rowan movement breaks where possible.",
        &[Vague, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "The educational psychologist could offer consultation to school staff.",
        &[Vague, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "A teaching assistant will support Ezra as and when required for 20 minutes, reviewed termly.",
        &[Vague, MissingHowOften],
    ),
    provision(
        "Maya would benefit from small group work with a teaching assistant.",
        &[Vague, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "Rowan will have a high level of support from a teaching assistant throughout the school day.",
        &[Vague, MissingReview],
    ),
    provision(
        "Ezra will be offered periodic check-ins with the school nurse.",
        &[Vague, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "The speech and language therapist will visit school occasionally to advise staff, reviewed annually.",
        &[Vague, MissingHowOften, MissingDuration],
    ),
    provision(
        "Maya will have frequent opportunities for movement during lessons.",
        &[Vague, MissingWho, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "Ezra will have support at lunchtime if needed.",
        &[Vague, MissingWho, MissingHowOften, MissingReview],
    ),
    provision(
        "Maya will be able to use the sensory room as necessary, supervised by a teaching assistant.",
        &[Vague, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "A teaching assistant will help with recording when appropriate, for up to 2 hours a day.",
        &[Vague, MissingReview],
    ),
    provision(
        "Rowan may need a referral to CAMHS, and the school nurse will keep an eye on his mood.",
        &[Vague, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "Ezra will have a reduced timetable for as long as necessary.",
        &[Vague, MissingWho, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "A speech and language therapist will see Maya frequently throughout the school year, reviewed at the annual review.",
        &[Vague, MissingHowOften],
    ),
    provision(
        "Where appropriate, Rowan will be withdrawn from class for 1:1 work with a teaching assistant, reviewed each term.",
        &[Vague, MissingHowOften],
    ),
    provision(
        "Staff will use visual supports with Ezra wherever possible.",
        &[Vague, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "The occupational therapist might provide a sloping board and advise on seating.",
        &[Vague, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "Maya will have the opportunity to attend a club run by a learning mentor, reviewed termly.",
        &[Vague, MissingHowOften, MissingDuration],
    ),
    provision(
        "Ezra will receive support from CAMHS as needed.",
        &[Vague, MissingWho, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "A teaching assistant will support Maya during lessons when required, reviewed termly.",
        &[Vague, MissingHowOften],
    ),
    provision(
        "Rowan's family will be offered short breaks as and when they are available.",
        &[Vague, MissingWho, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "Staff will help Ezra with toileting if required.",
        &[Vague, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "The physiotherapist will review Maya's programme and school staff may carry out her exercises if they have time.",
        &[Vague, MissingHowOften, MissingDuration],
    ),
    provision(
        "Rowan will have a minimum of 3 sessions of speech and language therapy a term where possible, from a speech and language therapist, reviewed annually.",
        &[Vague],
    ),
    provision(
        "Support from an educational psychologist should be available to school staff each term.",
        &[Vague, MissingDuration],
    ),
    provision(
        "Ezra will get help from a teaching assistant with his personal care when appropriate, reviewed at his annual review.",
        &[Vague, MissingHowOften, MissingDuration],
    ),
];

/// Specific, with no vague words, but with something left out.
const INCOMPLETE: &[Entry] = &[
    provision(
        "Maya will have speech and language therapy with a speech and language therapist for 30 minutes each week.",
        &[MissingReview],
    ),
    provision(
        "Rowan will have weekly sessions with the occupational therapist, reviewed termly.",
        &[MissingDuration],
    ),
    provision(
        "Ezra will have a 45-minute session with a CAMHS clinician for 8 weeks, followed by a review.",
        &[MissingHowOften],
    ),
    provision(
        "Maya will practise her handwriting programme daily for 10 minutes, reviewed by the end of the spring term.",
        &[MissingWho],
    ),
    provision(
        "Rowan will attend a 20-minute social skills group three times a week for the autumn term.",
        &[MissingWho, MissingReview],
    ),
    provision(
        "The educational psychologist will work with Ezra's teachers, reviewed at the end of each term.",
        &[MissingHowOften, MissingDuration],
    ),
    provision(
        "A teaching assistant will deliver a daily reading intervention, reviewed every 6 weeks.",
        &[MissingDuration],
    ),
    provision(
        "Maya will have physiotherapy with the physiotherapist once a week for 30 minutes.",
        &[MissingReview],
    ),
    provision(
        "A teaching assistant will support Rowan in a group of 4 for phonics, reviewed termly.",
        &[MissingHowOften],
    ),
    provision(
        "Ezra will be taught life skills by a specialist teacher for two hours a week.",
        &[MissingReview],
    ),
    provision(
        "The social worker will arrange overnight short breaks for Maya, reviewed at her child in need review every 3 months.",
        &[MissingHowOften, MissingDuration],
    ),
    provision(
        "A nurse will train school staff in Rowan's gastrostomy feeding.",
        &[MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "Sessions of 30 minutes twice a week, reviewed at the end of each term.",
        &[MissingWho],
    ),
    provision(
        "Rowan will see the school counsellor weekly for 40 minutes.",
        &[MissingReview],
    ),
    provision(
        "Ezra will have 1:1 support from a teaching assistant for 10 hours a week.",
        &[MissingReview],
    ),
    provision("Speech and language therapy.", ALL_FOUR),
    provision(
        "Maya will work on her attention and listening in class.",
        &[MissingWho, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "A teaching assistant will run a nurture group for Ezra, reviewed at the annual review.",
        &[MissingHowOften, MissingDuration],
    ),
];

/// Provision with the structured fields filled in, or some of them.
const WITH_FIELDS: &[Entry] = &[
    provision_with(
        "Speech and language therapy in school.",
        [
            "Speech and language therapist",
            "Once a week",
            "45 minutes, 1:1",
            "End of spring term 2027",
        ],
        &[],
    ),
    provision_with(
        "Speech and language therapy in school.",
        ["Speech and language therapist", "Once a week", "45 minutes, 1:1", " "],
        &[MissingReview],
    ),
    provision_with(
        "Individual sessions to work on the skills in this outcome, using the programme set by the therapist.",
        [
            "Speech and language therapist",
            "Weekly",
            "30 minutes for 12 weeks",
            "Termly",
        ],
        &[],
    ),
    provision_with(
        "Small-group practice of the same skills with peers.",
        [
            "Teaching assistant trained by the therapist",
            "Three times a week",
            "20 minutes; group of up to 4",
            "Termly",
        ],
        &[],
    ),
    provision_with(
        "Visual timetable and task plan, shown before each lesson.",
        [
            "Class teacher",
            "Daily",
            "5 minutes at the start of each lesson",
            "At each annual review",
        ],
        &[],
    ),
    provision_with(
        "Meeting with Maya's parents to share progress and strategies for home.",
        ["SENCO", "Once each term", "30 minutes", "Termly"],
        &[],
    ),
    provision_with(
        "Occupational therapy to develop Rowan's handwriting.",
        ["Occupational therapist", "", "", ""],
        &[MissingHowOften, MissingDuration, MissingReview],
    ),
    provision_with(
        "Regular physiotherapy.",
        ["Physiotherapist", "As required", "", "Annually"],
        &[Vague, MissingHowOften, MissingDuration],
    ),
    provision_with(
        "Support with personal care.",
        [
            "Two trained carers",
            "Twice a day",
            "",
            "Every six months by the social worker",
        ],
        &[MissingDuration],
    ),
    provision_with(
        "A quiet space to eat.",
        ["", "Daily", "Lunchtime", "Termly"],
        &[MissingWho],
    ),
    provision_with(
        "Advice to school staff on Ezra's sensory needs.",
        ["Occupational therapist", "Once a term", "1 hour", ""],
        &[MissingReview],
    ),
    provision_with(
        "Social skills group.",
        [
            "Learning mentor",
            "Weekly",
            "Group of 6, 45 minutes",
            "At the end of each term",
        ],
        &[],
    ),
    provision_with(
        "Short breaks at Oak House.",
        [
            "Residential care staff",
            "One weekend a month",
            "2 nights",
            "Child in need review every 3 months",
        ],
        &[],
    ),
    provision_with(
        "Teaching assistant support in class.",
        ["Teaching assistant", "When needed", "Up to 2 hours", "Termly"],
        &[Vague, MissingHowOften],
    ),
];

/// Outcomes and steps written the SMART way the guidance asks. All must pass.
const GOOD_OUTCOMES: &[Entry] = &[
    outcome(
        "By the end of Year 4, Rowan will be able to dress and undress for PE independently in under 10 minutes.",
        &[],
    ),
    outcome(
        "By July 2027, Ezra will read and spell 50 high-frequency words accurately.",
        &[],
    ),
    outcome(
        "By the end of the spring term, Maya will use her communication book to make a choice at snack time on 4 out of 5 occasions.",
        &[],
    ),
    outcome(
        "Within the next 6 weeks, Rowan will be able to walk from his classroom to the hall using his walker.",
        &[],
    ),
    outcome(
        "By the end of Key Stage 3, Ezra will travel to school by bus on his own.",
        &[],
    ),
    outcome(
        "By the summer half term, Maya will tell an adult when she needs the toilet on at least 4 out of 5 occasions.",
        &[],
    ),
    outcome(
        "By her annual review in 2027, Maya will be able to name three feelings and a calming strategy for each.",
        &[],
    ),
    outcome(
        "By the end of Year 6, Rowan will be able to write a paragraph of at least 5 sentences independently.",
        &[],
    ),
    outcome(
        "By the end of the autumn term, Ezra will be able to stay in class through a change of routine on at least 4 out of 5 occasions.",
        &[],
    ),
    outcome(
        "By the time he leaves primary school, Rowan will be able to cross a quiet road safely with an adult nearby.",
        &[],
    ),
    outcome(
        "By the end of Year 11, Ezra will be able to take his own medication at the right times, asking staff for help when he needs it.",
        &[],
    ),
    outcome(
        "By Christmas, Maya will be able to wear her hearing aids for the whole school day without taking them out.",
        &[],
    ),
    outcome(
        "In the next 12 weeks, Rowan will be able to use 10 new signs to ask for food and drink.",
        &[],
    ),
    outcome(
        "By the end of this academic year, Ezra will be able to take part in a 5-minute conversation with a peer about a shared interest.",
        &[],
    ),
    outcome("During Year 5, Maya will learn to tie her shoelaces without help.", &[]),
    outcome(
        "By age 16, Rowan will be able to prepare a simple meal safely in the school kitchen.",
        &[],
    ),
    outcome(
        "By the end of Key Stage 2 Ezra will be able to follow a three-step instruction without a visual prompt.",
        &[],
    ),
    outcome(
        "Before he moves to secondary school in September 2027, Rowan will be able to use a bus timetable to plan a journey.",
        &[],
    ),
    outcome(
        "By the autumn half term, Maya will walk 20 metres with her walking frame without stopping.",
        &[],
    ),
    outcome(
        "Within two terms, Ezra will be able to ask for a break using his break card instead of leaving the room.",
        &[],
    ),
    outcome(
        "By Easter 2027, Maya will be able to write her first name unaided.",
        &[],
    ),
    outcome(
        "By the end of Year 9, Rowan will be able to work out the change from a £5 note using a calculator.",
        &[],
    ),
    outcome(
        "By the end of the school year, Ezra will be able to drink thin drinks safely from an open cup, as checked by the speech and language therapist.",
        &[],
    ),
    outcome(
        "By July 2027 Maya will read a book at book band 6 with 90% accuracy.",
        &[],
    ),
    outcome(
        "By the end of the summer term, Rowan will be able to do this with a visual prompt on 4 out of 5 occasions.",
        &[],
    ),
];

/// Outcomes with no time frame, nothing to measure, or hedged.
const WEAK_OUTCOMES: &[Entry] = &[
    outcome(
        "Maya will improve her communication skills.",
        &[NoTimeFrame, NotMeasurable],
    ),
    outcome(
        "Rowan will make good progress in reading by the end of the year.",
        &[NotMeasurable],
    ),
    outcome(
        "Ezra will be supported to feel less anxious.",
        &[NoTimeFrame, NotMeasurable],
    ),
    outcome(
        "By the end of Year 5, Maya will have more confidence in class.",
        &[NotMeasurable],
    ),
    outcome("Rowan will be able to write his name.", &[NoTimeFrame]),
    outcome(
        "Maya will be able to use her hearing aids independently.",
        &[NoTimeFrame],
    ),
    outcome(
        "By the end of Year 5, Ezra may be able to read simple sentences.",
        &[Vague],
    ),
    outcome(
        "Maya will have access to speech therapy so that her speech improves.",
        &[Vague, NoTimeFrame, NotMeasurable],
    ),
    outcome("Rowan will engage more in lessons.", &[NoTimeFrame, NotMeasurable]),
    outcome(
        "Ezra will develop his independence skills over time.",
        &[NoTimeFrame, NotMeasurable],
    ),
    outcome(
        "By the end of Key Stage 2, Maya will understand her feelings better.",
        &[NotMeasurable],
    ),
    outcome(
        "Rowan will be able to play with children in his year group at lunchtime.",
        &[NoTimeFrame],
    ),
    outcome(
        "Ezra will continue to make progress with his speech, with regular therapy.",
        &[Vague, NoTimeFrame, NotMeasurable],
    ),
    outcome(
        "Within the year, Maya will be happier and more settled.",
        &[NotMeasurable],
    ),
    outcome(
        "Maya will have opportunities to develop friendships.",
        &[Vague, NoTimeFrame, NotMeasurable],
    ),
    outcome(
        "Rowan will be able to walk independently with his frame in school.",
        &[NoTimeFrame],
    ),
    outcome("Ezra should be able to dress himself by the end of Year 3.", &[Vague]),
    outcome(
        "By the end of Year 8, Maya will be able to check her own blood glucose with support as needed.",
        &[Vague],
    ),
    outcome("Rowan's anxiety will reduce.", &[NoTimeFrame, NotMeasurable]),
    outcome(
        "By September 2027, Ezra will have a better understanding of road safety.",
        &[NotMeasurable],
    ),
    outcome(
        "Ezra will be able to ask for help in class on 4 out of 5 occasions.",
        &[NoTimeFrame],
    ),
    outcome(
        "Maya will achieve her potential in maths.",
        &[NoTimeFrame, NotMeasurable],
    ),
    outcome(
        "Rowan will have regular opportunities for talking.",
        &[Vague, NoTimeFrame, NotMeasurable],
    ),
    outcome(
        "By the end of the spring term, Maya will be more independent where possible.",
        &[Vague, NotMeasurable],
    ),
];

/// The demo plan's outcomes and steps (`store::demo_plan`), whose own test
/// needs the server build: they must pass here too.
const DEMO_PLAN: &[Entry] = &[
    outcome(
        "By the end of Key Stage 2, Maya will be able to ask an adult for help in class using a short sentence, on at least 4 out of 5 occasions.",
        &[],
    ),
    outcome(
        "By July 2027 Maya will be able to follow a three-step spoken instruction in class without a visual prompt.",
        &[],
    ),
    outcome(
        "By the end of Year 3 Maya will be able to take turns in a small-group conversation for at least 5 minutes.",
        &[],
    ),
    outcome(
        "By July 2027 Maya will be able to read and understand a book at book band 6 independently.",
        &[],
    ),
    outcome(
        "By the end of Year 3 Maya will be able to add and subtract numbers to 20 without apparatus.",
        &[],
    ),
    outcome(
        "By the end of Key Stage 2 Maya will be able to write a short paragraph of at least 5 sentences independently.",
        &[],
    ),
    outcome(
        "By July 2027 Maya will be able to name three feelings and a calming strategy for each, without adult prompting.",
        &[],
    ),
    outcome(
        "By the end of Year 3 Maya will be able to stay in class through a change of routine on at least 4 out of 5 occasions.",
        &[],
    ),
    outcome(
        "By July 2027 Maya will be able to join a lunchtime club with peers for at least 20 minutes.",
        &[],
    ),
    outcome(
        "By July 2027 Maya will be able to write for 10 minutes without a break, using a pencil grip.",
        &[],
    ),
    outcome(
        "By the end of Year 3 Maya will be able to use ear defenders independently when the room is loud.",
        &[],
    ),
    outcome(
        "By July 2027 Maya will be able to complete a PE lesson with the rest of the class, with at least 30 minutes of activity.",
        &[],
    ),
    outcome(
        "By the end of the autumn term, Maya will be able to do this with an adult's support on 3 out of 5 occasions.",
        &[],
    ),
    outcome(
        "By the end of the spring term, Maya will be able to do this with a visual prompt on 4 out of 5 occasions.",
        &[],
    ),
    outcome(
        "By the end of the summer term, Maya will be able to do this independently on 4 out of 5 occasions.",
        &[],
    ),
];

/// Written and labelled after the checker's rules were changed, without
/// running the checker on them first: a check on wordings the rules were not
/// shaped by. Some are expected to be judged wrongly; they stay, labelled as
/// a caseworker would, so the table shows the checker's real limits.
const HELD_OUT: &[Entry] = &[
    provision(
        "Ezra will receive a 20-minute Attention Autism session from a trained teaching assistant four times a week in a group of 5, reviewed by the specialist teacher each half term.",
        &[],
    ),
    provision(
        "A Qualified Teacher of the Visually Impaired (QTVI) will visit Maya fortnightly for 1 hour to advise staff, with a written review each term.",
        &[],
    ),
    provision(
        "Maya will have Makaton signing modelled by all adults in her class throughout the school day, reviewed termly by the speech and language therapist.",
        &[],
    ),
    provision(
        "A speech and language therapist will provide a block of 6 weekly 45-minute sessions each term, with progress reviewed at the end of each block.",
        &[],
    ),
    provision(
        "Maya will get support from the school nurse as and when she needs it.",
        &[Vague, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "Rowan will have access to a laptop for extended writing tasks.",
        &[Vague, MissingWho, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "A learning mentor will meet Ezra every Monday morning for 15 minutes to plan his week, reviewed each half term.",
        &[],
    ),
    provision(
        "Maya will be given extra support at unstructured times.",
        &[Vague, MissingWho, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "The physiotherapist will provide a programme of exercises for staff to carry out with Rowan, and will review it.",
        &[MissingHowOften, MissingDuration],
    ),
    provision(
        "Ezra will work 1:1 with a teaching assistant for 30 minutes each afternoon on his reading targets.",
        &[MissingReview],
    ),
    provision(
        "A CAMHS clinical psychologist will offer Maya and her parents 6 sessions of parent-child therapy, fortnightly, reviewed after the sixth session.",
        &[],
    ),
    provision(
        "Rowan will have his medication given by trained staff at 12:30 each school day, in line with his health care plan, which the school nurse reviews every year.",
        &[],
    ),
    provision(
        "Ezra should be given a copy of the teacher's notes in each lesson.",
        &[Vague, MissingReview],
    ),
    provision(
        "Maya will attend a weekly swimming lesson with a qualified instructor and a 1:1 teaching assistant for the summer term, reviewed at the end of the term.",
        &[],
    ),
    provision(
        "Rowan will spend one Saturday a month with a specialist foster carer, from 10am to 4pm, reviewed at his child in need review.",
        &[],
    ),
    provision(
        "Ezra will be taught in a nurture group of 8 pupils with a teacher and two teaching assistants every morning, reviewed termly.",
        &[],
    ),
    provision(
        "Regular liaison between the SENCO and the speech and language therapist.",
        &[Vague, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "The occupational therapist will train all staff working with Maya on her sensory diet, in a 1-hour session at the start of the autumn term, refreshed every year.",
        &[],
    ),
    provision(
        "Rowan needs a quiet, low-arousal classroom with a small number of pupils.",
        &[Vague, MissingWho, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "Ezra will have a 5-minute check-in and check-out with his key adult at the start and end of each school day, reviewed every half term.",
        &[],
    ),
    provision(
        "Maya will be supported by a teaching assistant with her personal care needs as they arise, reviewed annually.",
        &[Vague, MissingHowOften, MissingDuration],
    ),
    provision(
        "Speech and language therapy: 12 x 30 minute sessions over the spring and summer terms, delivered by a speech and language therapist, with a review report at the end.",
        &[],
    ),
    provision(
        "Maya will receive input from the educational psychologist for 3 hours per term.",
        &[MissingReview],
    ),
    provision(
        "Rowan may be offered a place at the holiday club in August.",
        &[Vague, MissingWho, MissingHowOften, MissingDuration, MissingReview],
    ),
    provision(
        "A teaching assistant will support Ezra for the full school day, five days a week, during term time, reviewed at each annual review.",
        &[],
    ),
    outcome(
        "By the end of Year 2, Ezra will be able to recognise and name all 26 letters of the alphabet.",
        &[],
    ),
    outcome("Maya will be happier at school by next summer.", &[NotMeasurable]),
    outcome(
        "By the end of the academic year, Rowan will use 3-word sentences to ask for things in 8 out of 10 opportunities.",
        &[],
    ),
    outcome("Ezra will be more resilient.", &[NoTimeFrame, NotMeasurable]),
    outcome(
        "Within 12 months, Maya will feel more confident about going to the shops.",
        &[NotMeasurable],
    ),
    outcome(
        "By the February half term, Rowan will be able to stay seated for the register.",
        &[],
    ),
    outcome(
        "By the age of 16, Maya will wash and dress herself without adult help.",
        &[],
    ),
    outcome(
        "By July 2028, Ezra will have improved his handwriting.",
        &[NotMeasurable],
    ),
    outcome(
        "By the end of Year 10, Rowan will travel independently to college on the bus twice a week.",
        &[],
    ),
    outcome("Ezra will make friends.", &[NoTimeFrame, NotMeasurable]),
    outcome(
        "By Easter, Maya will be able to use her inhaler with a spacer, with staff checking her technique.",
        &[],
    ),
    outcome(
        "In time, Rowan may be able to attend a mainstream class for some lessons.",
        &[Vague, NoTimeFrame],
    ),
    outcome(
        "During the spring term, Ezra will write his name and address from memory.",
        &[],
    ),
    outcome("By the end of Key Stage 4 Maya will achieve a grade 4 in English.", &[]),
];

/// Every entry, section by section.
fn corpus() -> impl Iterator<Item = &'static Entry> {
    [
        GUIDANCE,
        UNUSUAL_BUT_SPECIFIC,
        SPECIFIC,
        VAGUE,
        INCOMPLETE,
        WITH_FIELDS,
        GOOD_OUTCOMES,
        WEAK_OUTCOMES,
        DEMO_PLAN,
        HELD_OUT,
    ]
    .into_iter()
    .flatten()
}

fn provision_finding(issue: &ProvisionIssue) -> Finding {
    match issue {
        ProvisionIssue::Vague(_) => Vague,
        ProvisionIssue::MissingWho => MissingWho,
        ProvisionIssue::MissingHowOften => MissingHowOften,
        ProvisionIssue::MissingDuration => MissingDuration,
        ProvisionIssue::MissingReview => MissingReview,
    }
}

fn outcome_finding(issue: &OutcomeIssue) -> Finding {
    match issue {
        OutcomeIssue::Vague(_) => Vague,
        OutcomeIssue::NoTimeFrame => NoTimeFrame,
        OutcomeIssue::NotMeasurable => NotMeasurable,
    }
}

/// The kinds of issue the checker finds in an entry.
fn judge(entry: &Entry) -> BTreeSet<Finding> {
    match entry.kind {
        Kind::Provision => {
            let [who, how_often, duration, review] = entry.fields;
            let draft = ProvisionDraft {
                text: entry.text.to_owned(),
                who: who.to_owned(),
                how_often: how_often.to_owned(),
                duration: duration.to_owned(),
                review: review.to_owned(),
            };
            check_provision(&draft).iter().map(provision_finding).collect()
        }
        Kind::Outcome => check_outcome(entry.text).iter().map(outcome_finding).collect(),
    }
}

#[derive(Default, Clone, Copy)]
struct Counts {
    true_positives: usize,
    false_positives: usize,
    false_negatives: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }

    /// Of what was flagged, the share that should have been; 1 when nothing was flagged.
    fn precision(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_positives)
    }

    /// Of what should have been flagged, the share that was; 1 when nothing should have been.
    fn recall(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_negatives)
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 { 1.0 } else { part as f64 / whole as f64 }
}

/// One entry the checker got wrong, for the failure messages.
struct Miss {
    text: &'static str,
    expected: BTreeSet<Finding>,
    found: BTreeSet<Finding>,
}

impl std::fmt::Display for Miss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "  expected {:?}, found {:?}: {}",
            self.expected, self.found, self.text
        )
    }
}

struct Report {
    per_kind: Vec<(Finding, Counts)>,
    entries: usize,
    exactly_right: usize,
    clean: usize,
    /// Entries labelled clean that the checker flagged.
    false_alarms: Vec<Miss>,
    /// Every entry judged other than labelled.
    wrong: Vec<Miss>,
    /// Entries labelled vague that the checker let through.
    vague_missed: Vec<Miss>,
}

impl Report {
    fn overall(&self) -> Counts {
        let mut all = Counts::default();
        for (_, counts) in &self.per_kind {
            all.add(*counts);
        }
        all
    }

    fn counts(&self, kind: Finding) -> Counts {
        self.per_kind
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, c)| *c)
            .unwrap_or_default()
    }

    fn exact_match(&self) -> f64 {
        ratio(self.exactly_right, self.entries)
    }

    fn false_alarm_rate(&self) -> f64 {
        // No clean entries would make the rate meaningless: count it as all false alarms.
        if self.clean == 0 {
            1.0
        } else {
            self.false_alarms.len() as f64 / self.clean as f64
        }
    }

    fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<17}{:>5}{:>5}{:>5}{:>11}{:>8}",
            "issue kind", "TP", "FP", "FN", "precision", "recall"
        );
        let row = |out: &mut String, name: &str, c: Counts| {
            let _ = writeln!(
                out,
                "{:<17}{:>5}{:>5}{:>5}{:>10.1}%{:>7.1}%",
                name,
                c.true_positives,
                c.false_positives,
                c.false_negatives,
                100.0 * c.precision(),
                100.0 * c.recall()
            );
        };
        for (kind, counts) in &self.per_kind {
            row(&mut out, &format!("{kind:?}"), *counts);
        }
        row(&mut out, "all kinds", self.overall());
        let _ = writeln!(
            out,
            "entries {}: exactly right {} ({:.1}%); false alarms on the {} clean entries: {} ({:.1}%)",
            self.entries,
            self.exactly_right,
            100.0 * self.exact_match(),
            self.clean,
            self.false_alarms.len(),
            100.0 * self.false_alarm_rate()
        );
        out
    }
}

fn measure() -> Report {
    let mut per_kind: Vec<(Finding, Counts)> = KINDS.iter().map(|k| (*k, Counts::default())).collect();
    let mut report = Report {
        per_kind: Vec::new(),
        entries: 0,
        exactly_right: 0,
        clean: 0,
        false_alarms: Vec::new(),
        wrong: Vec::new(),
        vague_missed: Vec::new(),
    };
    for entry in corpus() {
        let expected: BTreeSet<Finding> = entry.expected.iter().copied().collect();
        let found = judge(entry);
        for (kind, counts) in &mut per_kind {
            match (expected.contains(kind), found.contains(kind)) {
                (true, true) => counts.true_positives += 1,
                (false, true) => counts.false_positives += 1,
                (true, false) => counts.false_negatives += 1,
                (false, false) => {}
            }
        }
        report.entries += 1;
        let miss = || Miss {
            text: entry.text,
            expected: expected.clone(),
            found: found.clone(),
        };
        if expected.is_empty() {
            report.clean += 1;
            if !found.is_empty() {
                report.false_alarms.push(miss());
            }
        }
        if expected.contains(&Vague) && !found.contains(&Vague) {
            report.vague_missed.push(miss());
        }
        if expected == found {
            report.exactly_right += 1;
        } else {
            report.wrong.push(miss());
        }
    }
    report.per_kind = per_kind;
    report
}

fn list(misses: &[Miss]) -> String {
    misses.iter().map(|m| format!("{m}\n")).collect()
}

#[test]
fn the_corpus_is_large_and_varied_enough_to_trust() {
    assert!(corpus().count() >= 120, "{} entries", corpus().count());
    assert!(UNUSUAL_BUT_SPECIFIC.len() >= 25);
    assert!(UNUSUAL_BUT_SPECIFIC.iter().all(|e| e.expected.is_empty()));
    let vague = corpus().filter(|e| e.expected.contains(&Vague)).count();
    assert!(vague >= 25, "{vague} vague entries");
    assert!(VAGUE.iter().all(|e| e.expected.contains(&Vague)));
    // Outcome issues only on outcomes, provision issues only on provision.
    for entry in corpus() {
        let outcome_only = [NoTimeFrame, NotMeasurable];
        let is_outcome = entry.kind == Kind::Outcome;
        assert!(
            entry
                .expected
                .iter()
                .all(|f| *f == Vague || outcome_only.contains(f) == is_outcome),
            "{}",
            entry.text
        );
    }
}

#[test]
fn the_checker_is_precise_and_catches_vague_wording_on_the_corpus() {
    let report = measure();
    println!("\nProvision checker on the labelled corpus\n{}", report.table());
    if !report.wrong.is_empty() {
        println!("Judged differently from the label:\n{}", list(&report.wrong));
    }
    assert!(
        report.false_alarm_rate() <= 0.05,
        "false alarms on {:.1}% of the clean entries (at most 5% allowed):\n{}",
        100.0 * report.false_alarm_rate(),
        list(&report.false_alarms)
    );
    assert!(
        report.exact_match() >= 0.90,
        "only {:.1}% of entries judged exactly right (at least 90% needed); wrong:\n{}",
        100.0 * report.exact_match(),
        list(&report.wrong)
    );
    let vague_recall = report.counts(Vague).recall();
    assert!(
        vague_recall >= 0.95,
        "recall on Vague {:.1}% (at least 95% needed); vague wording let through:\n{}",
        100.0 * vague_recall,
        list(&report.vague_missed)
    );
}
