//! Every form the pages draw posts to an address the server answers, so a
//! form whose POST route was forgotten fails here, not only in a browser with
//! JavaScript off.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

use axum::http::StatusCode;

use common::{get, post_form, send, sign_in, with_cookie};

/// The `action` of every `<form method="post">` in a page.
fn post_actions(html: &str) -> Vec<String> {
    let mut actions = Vec::new();
    for form in html.split("<form").skip(1) {
        let tag = &form[..form.find('>').unwrap_or(form.len())];
        if !tag.contains(r#"method="post""#) {
            continue;
        }
        if let Some(at) = tag.find(r#"action=""#) {
            let rest = &tag[at + 8..];
            actions.push(rest[..rest.find('"').unwrap()].replace("&amp;", "&"));
        }
    }
    actions
}

#[tokio::test]
async fn every_form_on_every_page_posts_to_a_route_the_server_answers() {
    let (app, outbox, state) = common::app_with_state().await;
    // An email given up on, so the email log shows its "Send again" form.
    let email = app::notify::mail::Email {
        to: "nobody@example.org".into(),
        subject: "Test".into(),
        body: "Test\n".into(),
    };
    app::store::outbox::enqueue(&state.db, &email, None, chrono::Utc::now() + chrono::TimeDelta::days(1))
        .await
        .unwrap();
    {
        use app::store::entities::email_outbox::{Column, EmailState, Entity};
        use sea_orm::{EntityTrait, sea_query::Expr};
        Entity::update_many()
            .col_expr(Column::State, Expr::value(EmailState::Failed))
            .exec(&state.db)
            .await
            .unwrap();
    }
    let visits = common::PAGES_WITH_FORMS;
    let mut actions = BTreeSet::new();
    for page in ["/sign-in", "/password/forgot"] {
        let (status, _, html) = send(&app, get(page)).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        actions.extend(post_actions(&html));
    }
    for (who, pages) in visits {
        let cookie = sign_in(&app, &outbox, who).await;
        for page in pages {
            let (status, _, html) = send(&app, with_cookie(get(page), &cookie)).await;
            assert_eq!(status, StatusCode::OK, "{who} {page}");
            actions.extend(post_actions(&html));
        }
    }
    // The plan page's forms, the case's access form, sign-out and more: enough
    // that a page's forms were really read.
    assert!(actions.len() >= 8, "{actions:?}");
    assert!(actions.contains("/admin/emails"), "{actions:?}");
    for action in &actions {
        // Signed out, so no post changes anything; a missing route answers
        // 404 or 405 whoever asks.
        let (status, _, _) = send(&app, post_form(action, "")).await;
        assert!(
            status != StatusCode::NOT_FOUND && status != StatusCode::METHOD_NOT_ALLOWED,
            "the form posting to {action} reaches no route ({status})"
        );
    }
}

#[test]
fn every_typed_address_is_a_page_in_the_route_table() {
    let pages: BTreeSet<String> = leptos_axum::generate_route_list(app::app::App)
        .iter()
        .map(|r| r.path().to_owned())
        .collect();
    for pattern in app::paths::pattern::PAGES {
        assert!(pages.contains(pattern), "{pattern} is not a page: {pages:?}");
    }
}
