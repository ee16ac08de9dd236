//! Every registered server function called with malformed, missing,
//! oversized and random input: as a signed-in caseworker, as a parent and as
//! nobody. No answer may be a server error and the server must never panic:
//! bad input is the caller's mistake, answered 4xx. The corpus comes from a
//! fixed seed, so a failure repeats exactly.

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use axum::Router;
use http_body_util::BodyExt;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tower::ServiceExt;

/// Calls per server function and caller.
const CALLS: usize = 300;

/// Field names the hub's forms and server functions use, and a few they do not.
const KEYS: &[&str] = &[
    "case",
    "version",
    "part",
    "body",
    "revision",
    "intent",
    "consultation",
    "setting",
    "from",
    "to",
    "tray",
    "q",
    "email",
    "preferred_setting",
    "input[email]",
    "input[password]",
    "input[code]",
    "input[name]",
    "input[role]",
    "input[team]",
    "input[first_name]",
    "input[last_name]",
    "input[date_of_birth][day]",
    "input[date_of_birth][month]",
    "input[date_of_birth][year]",
    "input[received_on][year]",
    "input[requested_by]",
    "input[setting]",
    "input[answer]",
    "input[reasons]",
    "input[setting_name]",
    "input[setting_type]",
    "input[secret]",
    "input[token]",
    "input[person]",
    "input[account]",
    "input[new_password]",
    "form[about_me]",
    "form[needs]",
    "form[outcomes][0][text]",
    "form[outcomes][0][steps][0]",
    "form[outcomes][0][provisions][0][what]",
    "form[outcomes][4294967296][provisions][0][who]",
    "form[outcomes][][steps][]",
    "filter[person]",
    "input",
    "input[",
    "[]",
    "a[b][c][d][e][f][g][h]",
];

/// Values that are valid somewhere, out of range, or hostile.
const VALUES: &[&str] = &[
    "",
    "1",
    "3",
    "0",
    "-1",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "1e309",
    "NaN",
    "a",
    "%00",
    "%FF%FE",
    "%",
    "%%",
    "%2",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "Łucja Wiśniewska",
    "%E2%80%AE",
    "true",
    "null",
    "[]",
    "{}",
    "2026-13-45",
    "drafting",
    "shared",
    "save",
    "stay",
    "can_meet",
    "cannot_meet",
    "communication",
    "k",
    "caseworker",
    "la_admin",
    "caseworker%40demo-council.test",
];

/// One request body and its content type.
struct Case {
    content_type: &'static str,
    body: Vec<u8>,
}

fn random_value(rng: &mut StdRng) -> String {
    match rng.gen_range(0..10) {
        0 => "x".repeat(rng.gen_range(1_000..20_000)),
        1 => (0..rng.gen_range(1..40))
            .map(|_| format!("%{:02X}", rng.r#gen::<u8>()))
            .collect(),
        _ => VALUES[rng.gen_range(0..VALUES.len())].to_owned(),
    }
}

fn random_case(rng: &mut StdRng) -> Case {
    match rng.gen_range(0..20) {
        // Raw bytes, not even UTF-8.
        0 => Case {
            content_type: "application/x-www-form-urlencoded",
            body: (0..rng.gen_range(0..400)).map(|_| rng.r#gen()).collect(),
        },
        // JSON where a form is expected, well formed or not.
        1 => Case {
            content_type: "application/json",
            body: [r#"{"case":1}"#, "{", "[1,2,3]", r#"{"input":{"email":null}}"#, "null"][rng.gen_range(0..5)]
                .as_bytes()
                .to_vec(),
        },
        // Far past any form's size.
        2 => Case {
            content_type: "application/x-www-form-urlencoded",
            body: format!("case=3&body={}", "y".repeat(400_000)).into_bytes(),
        },
        // Nothing at all.
        3 => Case {
            content_type: "application/x-www-form-urlencoded",
            body: Vec::new(),
        },
        // Fields with plausible names and random values, often repeated.
        _ => {
            let pairs: Vec<String> = (0..rng.gen_range(1..10))
                .map(|_| format!("{}={}", KEYS[rng.gen_range(0..KEYS.len())], random_value(rng)))
                .collect();
            Case {
                content_type: "application/x-www-form-urlencoded",
                body: pairs.join("&").into_bytes(),
            }
        }
    }
}

/// What the calls were answered, and the server errors among them.
#[derive(Default)]
struct Tally {
    statuses: BTreeMap<u16, usize>,
    failures: Vec<String>,
}

impl Tally {
    /// Makes one call and notes its answer; panics, as the test should, if the server does.
    async fn call(&mut self, app: &Router, path: &str, cookie: Option<&str>, case: &Case) {
        let (status, body) = status_of(app, path, cookie, case).await;
        *self.statuses.entry(status).or_default() += 1;
        if status >= 500 {
            let sent = String::from_utf8_lossy(&case.body);
            self.failures.push(format!("{path} {status} {sent:?}: {body}"));
        }
    }
}

async fn status_of(app: &Router, path: &str, cookie: Option<&str>, case: &Case) -> (u16, String) {
    let req = common::api_call(path, case.content_type, case.body.clone(), cookie);
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        String::from_utf8_lossy(&body[..body.len().min(300)]).into_owned(),
    )
}

#[tokio::test]
async fn no_server_function_fails_or_panics_on_bad_input() {
    let (app, outbox, _state) = common::app_with_state().await;
    let mut paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    paths.sort_unstable();
    // Signing out and signing in change the caller's own session, and wrong
    // passwords count against them: those are called last, as nobody.
    let (public, signed_in): (Vec<&str>, Vec<&str>) = paths.iter().partition(|p| {
        [
            "/sign_in",
            "/sign_out",
            "/confirm_code",
            "/request_password_reset",
            "/set_password",
        ]
        .iter()
        .any(|name| p.contains(name))
    });
    // Changing the second factor asks for the password again, and random
    // passwords lock the account: those come after every other function.
    let mut signed_in = signed_in;
    signed_in.sort_by_key(|p| {
        ["/enable_authenticator", "/use_email_codes"]
            .iter()
            .any(|name| p.contains(name))
    });
    let mut rng = StdRng::seed_from_u64(20_261_202);
    let mut tally = Tally::default();
    for path in &signed_in {
        // A fresh session for each function, in case one ends it.
        let caseworker = common::sign_in(&app, &outbox, "caseworker").await;
        let carer = common::sign_in(&app, &outbox, "carer").await;
        for n in 0..CALLS {
            let cookie = [None, Some(caseworker.as_str()), Some(carer.as_str())][n % 3];
            tally.call(&app, path, cookie, &random_case(&mut rng)).await;
        }
    }
    for path in &public {
        for _ in 0..CALLS {
            tally.call(&app, path, None, &random_case(&mut rng)).await;
        }
    }
    let Tally { statuses, failures } = tally;
    let calls: usize = statuses.values().sum();
    println!(
        "{calls} calls to {} server functions; answers by status: {statuses:?}",
        paths.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {calls} calls answered a server error:\n{}",
        failures.len(),
        failures.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
    // Still serving: a real sign-in works after all of that.
    common::sign_in(&app, &outbox, "admin").await;
}
