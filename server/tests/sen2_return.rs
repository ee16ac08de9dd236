//! The DfE's SEN2 return, through the real forms and the download: the
//! council's administrator sees which cases are missing details, the council
//! enters its own, caseworkers keep each case's (bad input refused beside
//! the field, a save over someone else's refused), and the file reports the
//! demo cases and passes the schema's check with `xmllint`. Nobody but the
//! council's administrators may make it.

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use leptos::server_fn::ServerFn;
use serde_json::Value;

use app::admin::sen2_page::GetSen2;
use app::cases::return_details::GetReturnDetails;

const SCHEMA: &str = include_str!("sen2/sen2_schema_2026.xsd");

use common::json;

/// `xmllint`'s verdict on `xml` against the SEN2 schema: `Ok` or its message.
fn check_against_schema(xml: &str) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("ehc-sen2-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    // XML Schema patterns are anchored already: `^` and `$` are not anchors
    // there, so the schema's `^\d{1,6}$` as written matches no URN at all
    // (see sen2/README.md). Read them as their authors meant.
    let schema = SCHEMA.replace(r"^\d{1,6}$", r"\d{1,6}").replace(r"^\d{8}$", r"\d{8}");
    assert_ne!(schema, SCHEMA, "the schema's URN pattern is as the README says");
    std::fs::write(dir.join("sen2.xsd"), schema).unwrap();
    std::fs::write(dir.join("return.xml"), xml).unwrap();
    let out = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(dir.join("sen2.xsd"))
        .arg(dir.join("return.xml"))
        .output()
        .expect("xmllint runs (Debian package libxml2-utils; .ci/lib.sh installs it)");
    let _ = std::fs::remove_dir_all(&dir);
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

fn enc(s: &str) -> String {
    s.replace('|', "%7C")
}

/// The details form of case `id`, as its page showed it, with `fields`.
async fn details_form(app: &axum::Router, cookie: &str, id: i64, fields: &str) -> String {
    let page = json(app, cookie, GetReturnDetails::PATH, &format!("case={id}")).await;
    let details: app::domain::sen2::details::ReturnDetails = serde_json::from_value(page["details"].clone()).unwrap();
    // The setting as the page's list shows it, unless the test chooses one.
    let setting = if fields.contains("setting") {
        String::new()
    } else {
        format!(
            "&input%5Bsetting%5D={}",
            details.setting.map(|t| t.to_string()).unwrap_or_default()
        )
    };
    format!(
        "input%5Bcase%5D={id}&input%5Bshown%5D={}&{fields}{setting}",
        enc(&details.fingerprint())
    )
}

#[tokio::test]
async fn the_council_makes_its_sen2_return_from_what_the_hub_kept() {
    let (app, outbox, state) = common::app_with_state().await;
    let admin = common::sign_in(&app, &outbox, "admin").await;
    let caseworker = common::sign_in(&app, &outbox, "caseworker").await;
    let year = app::domain::sen2::Collection::gathering(app::state::today()).year;
    let file = app::paths::sen2_file(year);

    // At first every demo case lacks the child's details, and the council its own.
    let page = json(&app, &admin, GetSen2::PATH, "").await;
    assert_eq!(page["collection"]["year"], year);
    assert_eq!(page["reported"], 0);
    let incomplete = page["incomplete"].as_array().unwrap();
    assert_eq!(incomplete.len(), 5, "{incomplete:?}");
    let poppy = incomplete.iter().find(|c| c["case"] == 1).unwrap();
    assert_eq!(poppy["missing"], serde_json::json!(["Sex", "Ethnicity", "Upn"]));
    let (status, _, html) = common::send(&app, common::with_cookie(common::get("/admin/sen2"), &admin)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("details below to make the file."), "{html}");
    let req = common::with_cookie(common::get(&file), &admin);
    assert_eq!(common::send(&app, req).await.0, StatusCode::UNPROCESSABLE_ENTITY);

    // Caseworkers keep cases' details; the return itself is the administrators'.
    let req = common::with_cookie(common::get(&file), &caseworker);
    assert_eq!(common::send(&app, req).await.0, StatusCode::FORBIDDEN);
    let req = common::with_cookie(common::get("/admin/sen2"), &caseworker);
    assert_eq!(common::send(&app, req).await.0, StatusCode::FORBIDDEN);

    // The council's number must be three digits; what was typed stays.
    let req = common::with_cookie(
        common::post_form(
            "/admin/sen2",
            "input%5Byear%5D=&input%5Bdfe_number%5D=32&input%5Bmedical_officer%5D=Y",
        ),
        &admin,
    );
    let (status, _, body) = common::send(&app, req).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("3-digit DfE number, like 320"), "{body}");
    assert!(
        body.contains("Say whether a designated clinical officer is in post"),
        "{body}"
    );
    assert!(body.contains(r#"value="32""#), "{body}");
    // The London number: the schema's list of councils is London's (sen2/README.md).
    let req = common::with_cookie(
        common::post_form(
            "/admin/sen2",
            &format!(
                "input%5Byear%5D={year}&input%5Bdfe_number%5D=320&input%5Bmedical_officer%5D=Y&input%5Bclinical_officer%5D=R"
            ),
        ),
        &admin,
    );
    let (status, location, _) = common::send(&app, req).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.unwrap(), format!("/admin/sen2?year={year}&saved=1"));

    // A malformed UPN is refused beside the field, keeping what was typed.
    let form = details_form(&app, &caseworker, 2, "input%5Bsex%5D=M&input%5Bupn%5D=B1234").await;
    let req = common::with_cookie(common::post_form("/cases/2/return-details", &form), &caseworker);
    let (status, _, body) = common::send(&app, req).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains("Enter a unique pupil number in the correct format"),
        "{body}"
    );
    assert!(body.contains(r#"value="B1234""#), "{body}");

    // Each case's details, as a caseworker keeps them.
    let details = [
        (1, "F", "WBRI", "input%5Bupn_unknown%5D=UN2", ""),
        (2, "M", "BAFR", "input%5Bupn%5D=b12345678901c", ""),
        (3, "F", "AIND", "input%5Bupn_unknown%5D=UN1", "ASD"),
        (4, "M", "MWBC", "input%5Bupn%5D=C12345678901D", "SLCN"),
        (5, "F", "CHNE", "input%5Bupn%5D=D123456789012", "SEMH"),
    ];
    let mut first_shown = String::new();
    for (id, sex, ethnicity, upn, need) in details {
        let fields = format!(
            "input%5Bsex%5D={sex}&input%5Bethnicity%5D={ethnicity}&{upn}&input%5Bprimary_need%5D={need}&input%5Bsecondary_need%5D={}",
            if id == 4 { "ASD" } else { "" }
        );
        let form = details_form(&app, &caseworker, id, &fields).await;
        if id == 1 {
            first_shown = form.clone();
        }
        let req = common::with_cookie(
            common::post_form(&format!("/cases/{id}/return-details"), &form),
            &caseworker,
        );
        let (status, location, body) = common::send(&app, req).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "case {id}: {body}");
        assert_eq!(location.unwrap(), format!("/cases/{id}/return-details?saved=1"));
    }
    // The child moves school: the case's setting changes with the details,
    // to one of the council's settings only.
    let page = json(&app, &caseworker, GetReturnDetails::PATH, "case=3").await;
    let hillcrest = page["settings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Hillcrest Academy")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let keep = "input%5Bsex%5D=F&input%5Bethnicity%5D=AIND&input%5Bupn_unknown%5D=UN1&input%5Bprimary_need%5D=ASD";
    let form = details_form(&app, &caseworker, 3, &format!("{keep}&input%5Bsetting%5D=999999")).await;
    let req = common::with_cookie(common::post_form("/cases/3/return-details", &form), &caseworker);
    let (status, _, body) = common::send(&app, req).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains("Choose one of the council&#x27;s settings")
            || body.contains("Choose one of the council's settings"),
        "{body}"
    );
    let form = details_form(&app, &caseworker, 3, &format!("{keep}&input%5Bsetting%5D={hillcrest}")).await;
    let req = common::with_cookie(common::post_form("/cases/3/return-details", &form), &caseworker);
    assert_eq!(common::send(&app, req).await.0, StatusCode::SEE_OTHER);
    let case = json(&app, &caseworker, app::cases::case_summary_page::GetCase::PATH, "id=3").await;
    assert_eq!(case["setting"], "Hillcrest Academy");

    // A save made on a page showing details someone has since changed is refused.
    let req = common::with_cookie(common::post_form("/cases/1/return-details", &first_shown), &caseworker);
    assert_eq!(common::send(&app, req).await.0, StatusCode::CONFLICT);
    // The family may not keep them.
    let parent = common::sign_in(&app, &outbox, "parent").await;
    let req = common::with_cookie(common::get("/cases/1/return-details"), &parent);
    assert_eq!(common::send(&app, req).await.0, StatusCode::FORBIDDEN);

    // The plans in force name their settings by URN, entered on the Teams page.
    let page = json(&app, &admin, GetSen2::PATH, "").await;
    let missing: Vec<Value> = page["incomplete"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["missing"].as_array().unwrap().clone())
        .collect();
    assert!(missing.iter().all(|m| m == "SettingUrn"), "{missing:?}");
    assert!(!missing.is_empty());
    let council = app::store::councils::ensure(&state.db, "Demo Council", "DC")
        .await
        .unwrap();
    for (n, setting) in app::store::teams::settings(&state.db, council)
        .await
        .unwrap()
        .into_iter()
        .enumerate()
    {
        let form = format!(
            "input%5Bteam%5D={}&input%5Bemail%5D=&input%5Burn%5D=10012{n}",
            setting.id
        );
        let req = common::with_cookie(common::post_form("/admin/teams", &form), &admin);
        let (status, _, body) = common::send(&app, req).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    }
    // Isla's plan ceases today: she has moved to another council. "Another
    // reason" needs saying; the case closes and she is told.
    let page = json(&app, &caseworker, app::cases::cease_page::GetCeasePlan::PATH, "case=5").await;
    assert!(page["plan_in_force"].is_string(), "{page}");
    let version = page["version"].as_i64().unwrap();
    let today = app::state::today();
    let cease = |reason: &str| {
        use chrono::Datelike;
        format!(
            "input%5Bcase%5D=5&input%5Bversion%5D={version}&input%5Breason%5D={reason}&input%5Bceased_on%5D%5Bday%5D={}&input%5Bceased_on%5D%5Bmonth%5D={}&input%5Bceased_on%5D%5Byear%5D={}&input%5Bnote%5D=",
            today.day(),
            today.month(),
            today.year()
        )
    };
    let req = common::with_cookie(common::post_form("/cases/5/cease", &cease("9")), &caseworker);
    let (status, _, body) = common::send(&app, req).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Say why the plan ceased"), "{body}");
    assert!(body.contains(r#"value="9" checked"#), "the reason chosen is kept");
    let req = common::with_cookie(common::get("/cases/5/cease"), &parent);
    assert_eq!(common::send(&app, req).await.0, StatusCode::NOT_FOUND);
    let before = common::mail_count(&outbox);
    let req = common::with_cookie(common::post_form("/cases/5/cease", &cease("5")), &caseworker);
    let (status, location, _) = common::send(&app, req).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/cases/5/cease?done=ceased"));
    let case = json(&app, &caseworker, app::cases::case_summary_page::GetCase::PATH, "id=5").await;
    assert_eq!(
        case["stage"],
        serde_json::to_value(app::domain::stage::Stage::Closed).unwrap()
    );
    common::wait_for_mail(&outbox, before).await;
    assert!(
        common::mails(&outbox)
            .iter()
            .any(|m| m.contains("To: young.person@") && m.contains("The EHC plan has ceased") && !m.contains("Isla")),
        "Isla is told, without her name"
    );
    // Once ceased, it cannot cease again.
    let req = common::with_cookie(common::post_form("/cases/5/cease", &cease("5")), &caseworker);
    assert_eq!(common::send(&app, req).await.0, StatusCode::CONFLICT);

    let page = json(&app, &admin, GetSen2::PATH, "").await;
    assert_eq!(page["incomplete"], serde_json::json!([]));
    assert_eq!(page["reported"], 5);

    // The file: every case, in the DfE's codes, and valid against the schema.
    let req = common::with_cookie(common::get(&file), &admin);
    let (status, _, xml) = common::send(&app, req).await;
    assert_eq!(status, StatusCode::OK, "{xml}");
    assert!(xml.contains("<LEA>320</LEA>"));
    assert!(xml.contains("<DMO>Y</DMO>") && xml.contains("<DCO>R</DCO>"));
    assert_eq!(xml.matches("<Person>").count(), 5);
    assert!(xml.contains("<UPN>B12345678901C</UPN>"), "the UPN in capitals");
    assert!(xml.contains("<UPNunknown>UN2</UPNunknown>"));
    assert!(
        xml.contains("<RequestOutcome>A</RequestOutcome>"),
        "Poppy's request awaits its decision"
    );
    assert!(xml.contains("<SENtype>SLCN</SENtype>") && xml.contains("<SENtypeRank>2</SENtypeRank>"));
    assert!(xml.contains("<ActivePlans>"), "the plans in force on the census day");
    assert!(
        xml.contains(&format!("<CeaseDate>{today}</CeaseDate>")) && xml.contains("<CeaseReason>5</CeaseReason>"),
        "Isla's plan, ceased in the year"
    );
    check_against_schema(&xml).unwrap();
    // The check can fail: a sex the DfE does not code is refused.
    let wrong = xml.replacen("<Sex>F</Sex>", "<Sex>X</Sex>", 1);
    assert!(check_against_schema(&wrong).unwrap_err().contains("Sex"));
}
