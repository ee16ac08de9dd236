//! The outbox with a real SMTP conversation: while the mail server is down
//! the person's action still succeeds and the email waits; once the server
//! is back the email is sent, once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::http::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{EntityTrait, QueryFilter};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use app::domain::email::EmailStatus;
use app::notify::mail::SmtpSettings;
use app::store::entities::email_outbox;
use app::store::outbox;
use server::config::Config;
use server::routes::router;
use server::startup::build_state;

/// A small SMTP server that accepts every message and counts them.
async fn smtp_server(listener: TcpListener, received: Arc<AtomicUsize>) {
    loop {
        let Ok((socket, _)) = listener.accept().await else {
            return;
        };
        let received = received.clone();
        tokio::spawn(async move {
            let (read, mut write) = socket.into_split();
            let mut lines = BufReader::new(read).lines();
            write.write_all(b"220 test ESMTP\r\n").await.unwrap();
            let mut in_data = false;
            while let Ok(Some(line)) = lines.next_line().await {
                let reply: &[u8] = if in_data {
                    if line != "." {
                        continue;
                    }
                    in_data = false;
                    received.fetch_add(1, Ordering::SeqCst);
                    b"250 queued\r\n"
                } else {
                    match line.get(..4).map(str::to_ascii_uppercase).as_deref() {
                        Some("EHLO") => b"250-test\r\n250 8BITMIME\r\n",
                        Some("DATA") => {
                            in_data = true;
                            b"354 go ahead\r\n"
                        }
                        Some("QUIT") => {
                            write.write_all(b"221 bye\r\n").await.unwrap();
                            return;
                        }
                        _ => b"250 ok\r\n",
                    }
                };
                write.write_all(reply).await.unwrap();
            }
        });
    }
}

#[tokio::test]
async fn a_mail_server_that_fails_then_recovers_sends_the_email_once_and_the_action_stands() {
    // A port with nothing listening: the mail server is down.
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let mut config = Config::from_env().unwrap();
    config.database_url = "sqlite::memory:".into();
    config.demo_data = true;
    config.demo_extra_cases = 0;
    config.smtp = Some(SmtpSettings {
        host: "127.0.0.1".into(),
        port,
        security: "none".into(),
        username: None,
        password: None,
    });
    let state = build_state(&config).await.unwrap();
    let app = router(state.clone());

    // Signing in asks for a code by email: the page goes on to the code step.
    let form = "input%5Bemail%5D=caseworker%40demo-council.test&input%5Bpassword%5D=demo-password-2026";
    let (status, location, _) = common::send(&app, common::post_form("/sign-in", form)).await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/sign-in/code"))
    );

    // The worker tried at once, failed, and will try again later.
    let mut failed = None;
    for _ in 0..200 {
        let log = outbox::recent(&state.db, 10).await.unwrap();
        if log.first().is_some_and(|e| e.attempts == 1) {
            failed = log.first().cloned();
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let failed = failed.expect("a first attempt was recorded");
    assert_eq!(failed.status, EmailStatus::Waiting);
    assert_eq!(failed.to, "caseworker@demo-council.test");
    assert!(failed.last_error.is_some(), "{failed:?}");
    let row = email_outbox::Entity::find_by_id(failed.id)
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(row.next_attempt_at > chrono::Utc::now(), "the retry waits");

    // The mail server comes back, and the retry falls due.
    let received = Arc::new(AtomicUsize::new(0));
    let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    tokio::spawn(smtp_server(listener, received.clone()));
    email_outbox::Entity::update_many()
        .col_expr(email_outbox::Column::NextAttemptAt, Expr::value(chrono::Utc::now()))
        .filter(sea_orm::ColumnTrait::eq(&email_outbox::Column::Id, failed.id))
        .exec(&state.db)
        .await
        .unwrap();
    state.outbox.wake();
    for _ in 0..200 {
        if received.load(Ordering::SeqCst) > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!(received.load(Ordering::SeqCst), 1, "sent once the server is back");

    // Woken again and again, and a second instance starting on the same
    // database: nothing is sent twice.
    for _ in 0..3 {
        state.outbox.wake();
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    server::startup::start_email_worker(&state);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(received.load(Ordering::SeqCst), 1, "never sent twice");
    let log = outbox::recent(&state.db, 10).await.unwrap();
    assert_eq!((log[0].status, log[0].attempts), (EmailStatus::Sent, 2), "{log:?}");
    assert!(log[0].last_error.is_none());
}
