//! Every form the pages draw, posted as a browser without JavaScript posts
//! it, with its own field names but values mutated: dropped, repeated,
//! emptied, out of range, hostile or far too long. The server function
//! fuzzing (`fuzz.rs`) mostly stops where arguments fail to parse; these
//! posts carry the fields a real form sends, so they reach the checks and
//! stores behind them. No answer may be a server error, and the server must
//! keep serving. The corpus comes from a fixed seed, so a failure repeats.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use axum::Router;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use common::{get, post_form, send, sign_in, with_cookie};

/// Posts per form.
const POSTS: usize = 120;

/// Values that are valid somewhere, out of range, or hostile.
const VALUES: &[&str] = &[
    "",
    " ",
    "0",
    "-1",
    "1",
    "3",
    "999999999",
    "9223372036854775808",
    "NaN",
    "2026-02-30",
    "31",
    "13",
    "1899",
    "10000",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\u{202e}gnp.exe",
    "Łucja Wiśniewska 🧒",
    "\u{0}",
    "drafting",
    "shared",
    "final",
    "caseworker",
    "la_admin",
    "parent_carer",
    "can_meet",
    "save",
    "stay",
    "nobody@example.org",
    "caseworker@demo-council.test",
];

/// One form as the page drew it: where it posts and its named fields with
/// the values they start with.
#[derive(Clone, Debug)]
struct Form {
    action: String,
    fields: Vec<(String, String)>,
}

/// The value of attribute `name` in one tag's text, unescaped.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let at = tag.find(&needle)? + needle.len();
    let rest = &tag[at..];
    Some(unescape(&rest[..rest.find('"')?]))
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every `<form method="post">` in a page, with its inputs, text areas and
/// selects (each select's first option's value).
fn post_forms(html: &str) -> Vec<Form> {
    let mut forms = Vec::new();
    for chunk in html.split("<form").skip(1) {
        let tag_end = chunk.find('>').unwrap_or(chunk.len());
        let tag = &chunk[..tag_end];
        if !tag.contains(r#"method="post""#) {
            continue;
        }
        let Some(action) = attribute(tag, "action") else {
            continue;
        };
        let inner = &chunk[tag_end..chunk.find("</form>").unwrap_or(chunk.len())];
        let mut fields = Vec::new();
        for (opening, kind) in [("<input", "input"), ("<textarea", "textarea"), ("<select", "select")] {
            for part in inner.split(opening).skip(1) {
                let tag = &part[..part.find('>').unwrap_or(part.len())];
                let Some(name) = attribute(tag, "name") else { continue };
                let value = match kind {
                    "textarea" => part
                        .find('>')
                        .and_then(|open| {
                            let text = &part[open + 1..];
                            text.find("</textarea>").map(|close| unescape(&text[..close]))
                        })
                        .unwrap_or_default(),
                    "select" => part
                        .split("<option")
                        .nth(1)
                        .and_then(|option| attribute(&option[..option.find('>').unwrap_or(0)], "value"))
                        .unwrap_or_default(),
                    _ => {
                        let checkable = tag.contains(r#"type="checkbox""#) || tag.contains(r#"type="radio""#);
                        // Unchecked boxes are not sent; a checked one is, like the first radio.
                        if checkable && fields.iter().any(|(n, _): &(String, String)| *n == name) {
                            continue;
                        }
                        attribute(tag, "value").unwrap_or_default()
                    }
                };
                fields.push((name, value));
            }
        }
        forms.push(Form { action, fields });
    }
    forms
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

fn random_value(rng: &mut StdRng, original: &str) -> String {
    match rng.gen_range(0..12) {
        0 => "x".repeat(rng.gen_range(1_000..60_000)),
        1 => format!("{original}{original}"),
        2 => original.chars().rev().collect(),
        3 => (0..rng.gen_range(1..30))
            .map(|_| char::from(rng.gen_range(0x20_u8..0x7f)))
            .collect(),
        _ => VALUES[rng.gen_range(0..VALUES.len())].to_owned(),
    }
}

/// The form's fields with some values kept, some dropped, some repeated and
/// some replaced; now and then a field the form never had.
fn mutated_body(rng: &mut StdRng, form: &Form) -> String {
    let mut pairs = Vec::new();
    for (name, value) in &form.fields {
        match rng.gen_range(0..10) {
            0 => {}
            1 => {
                pairs.push((name.clone(), value.clone()));
                pairs.push((name.clone(), random_value(rng, value)));
            }
            2..=4 => pairs.push((name.clone(), random_value(rng, value))),
            _ => pairs.push((name.clone(), value.clone())),
        }
    }
    if rng.gen_range(0..6) == 0 {
        let name = ["input[unknown]", "form[outcomes][99][text]", "input[revision]", "x"][rng.gen_range(0..4)];
        pairs.push((name.to_owned(), random_value(rng, "")));
    }
    pairs
        .iter()
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Forms that end the poster's own session or change how they sign in are
/// posted last, once each person's other forms are done.
fn changes_own_sign_in(action: &str) -> bool {
    action.starts_with("/sign-out") || action.starts_with("/account/")
}

/// What the posts were answered, the server errors among them, and how many forms were posted.
#[derive(Default)]
struct Tally {
    statuses: BTreeMap<u16, usize>,
    failures: Vec<String>,
    forms: usize,
}

impl Tally {
    /// Posts `form` [`POSTS`] times with mutated fields, as `who`.
    async fn post_mutated(&mut self, app: &Router, rng: &mut StdRng, form: &Form, who: &str, cookie: Option<&str>) {
        self.forms += 1;
        for _ in 0..POSTS {
            let body = mutated_body(rng, form);
            let mut req = post_form(&form.action, &body);
            if let Some(cookie) = cookie {
                req = with_cookie(req, cookie);
            }
            let (status, _, answer) = send(app, req).await;
            *self.statuses.entry(status.as_u16()).or_default() += 1;
            if status.is_server_error() {
                let answer: String = answer.chars().take(300).collect();
                self.failures
                    .push(format!("{who} {} {status} {body:.300}: {answer}", form.action));
            }
        }
    }
}

#[tokio::test]
async fn no_form_post_fails_or_panics_on_mutated_fields() {
    let (app, outbox, _state) = common::app_with_state().await;
    let visits = common::PAGES_WITH_FORMS;
    let mut rng = StdRng::seed_from_u64(20_261_202);
    let mut tally = Tally::default();
    for (who, pages) in visits {
        let mut forms: BTreeMap<String, Form> = BTreeMap::new();
        let cookie = sign_in(&app, &outbox, who).await;
        for page in pages {
            let (status, _, html) = send(&app, with_cookie(get(page), &cookie)).await;
            assert!(status.is_success(), "{who} {page}: {status}");
            for form in post_forms(&html) {
                // The most fields of any form posting to that address.
                let keep = forms
                    .get(&form.action)
                    .is_none_or(|seen| seen.fields.len() < form.fields.len());
                if keep {
                    forms.insert(form.action.clone(), form);
                }
            }
        }
        let (mine, own_sign_in): (Vec<Form>, Vec<Form>) =
            forms.into_values().partition(|form| !changes_own_sign_in(&form.action));
        for form in &mine {
            // A fresh session for each form, in case a post ended the last one.
            let cookie = sign_in(&app, &outbox, who).await;
            tally.post_mutated(&app, &mut rng, form, who, Some(&cookie)).await;
        }
        // Wrong passwords typed into the sign-in security forms lock the
        // account, so those share one last session and nothing signs in after.
        if !own_sign_in.is_empty() {
            let cookie = sign_in(&app, &outbox, who).await;
            for form in &own_sign_in {
                tally.post_mutated(&app, &mut rng, form, who, Some(&cookie)).await;
            }
        }
    }
    for page in ["/sign-in", "/password/forgot"] {
        let (_, _, html) = send(&app, get(page)).await;
        for form in post_forms(&html) {
            tally.post_mutated(&app, &mut rng, &form, "signed out", None).await;
        }
    }
    let Tally {
        statuses,
        failures,
        forms: posted,
    } = tally;
    let calls: usize = statuses.values().sum();
    println!("{calls} posts to {posted} forms; answers by status: {statuses:?}");
    // Enough forms that the pages were really read: the plan page alone has several.
    assert!(posted >= 15, "only {posted} forms found");
    assert!(
        failures.is_empty(),
        "{} of {calls} posts answered a server error:\n{}",
        failures.len(),
        failures.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
    // Still serving: a real sign-in works after all of that.
    sign_in(&app, &outbox, "admin").await;
}
