//! The resumable upload protocol as a phone uses it: create, send part,
//! lose the connection, ask where it stands, resume, finish. And what it
//! refuses: strangers, other people's uploads, wrong offsets, damaged bytes,
//! files too large.

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use sha1::{Digest, Sha1};

use app::domain::uploads::UploadState;
use common::tus::{MAYA, bytes, call, create, decided, head, metadata, patch, phone_photo, send_whole, tus};
use common::{ORIGIN, app_with_config, sign_in};

#[tokio::test]
async fn a_photo_sent_in_parts_resumes_after_a_dropped_connection_and_arrives_whole() {
    let (app, outbox, state) = app_with_config(|_| {}).await;
    let carer = sign_in(&app, &outbox, "carer").await;

    let options = call(&app, tus("OPTIONS", "/uploads", None).body(Body::empty()).unwrap()).await;
    assert_eq!(options.status, StatusCode::NO_CONTENT);
    assert_eq!(
        options.header("tus-extension"),
        Some("creation,termination,expiration,checksum")
    );
    assert_eq!(options.header("tus-max-size"), Some("2147483648"));

    let file = bytes(3 * 1024 * 1024 + 17);
    let created = create(&app, &carer, MAYA, file.len() as u64).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let at = created.header("location").unwrap().to_owned();
    assert!(
        at.starts_with("/uploads/") && at.len() == "/uploads/".len() + 48,
        "{at}"
    );
    assert!(created.header("upload-expires").is_some());
    assert_eq!(head(&app, Some(&carer), &at).await.offset(), Some(0));

    // The first MiB, more than any form post may carry, with its checksum.
    let first = file[..1024 * 1024].to_vec();
    let sent = patch(&app, &carer, &at, 0, first.clone(), Some(&Sha1::digest(&first))).await;
    assert_eq!(sent.status, StatusCode::NO_CONTENT, "{}", sent.body);
    assert_eq!(sent.offset(), Some(1024 * 1024));

    // The signal drops 300 KiB into the next part: what arrived is kept.
    let (from, to) = (1024 * 1024, 1024 * 1024 + 300 * 1024);
    let chunk = bytes::Bytes::copy_from_slice(&file[from..to]);
    let dropped = futures_util::stream::iter(vec![
        Ok(chunk),
        Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "signal lost")),
    ]);
    let req = tus("PATCH", &at, Some(&carer))
        .header(header::CONTENT_TYPE, "application/offset+octet-stream")
        .header("upload-offset", from.to_string())
        .body(Body::from_stream(dropped))
        .unwrap();
    let _ = call(&app, req).await;
    let stands = head(&app, Some(&carer), &at).await;
    assert_eq!(stands.status, StatusCode::OK);
    assert_eq!(stands.offset(), Some(to as u64), "the bytes before the drop were kept");

    // Resuming from an old offset is refused with where it really stands.
    let stale = patch(&app, &carer, &at, from as u64, file[from..].to_vec(), None).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.offset(), Some(to as u64));

    // Damaged bytes are refused and not kept.
    let rest = file[to..].to_vec();
    let damaged = patch(
        &app,
        &carer,
        &at,
        to as u64,
        rest.clone(),
        Some(&Sha1::digest(b"other")),
    )
    .await;
    assert_eq!(damaged.status.as_u16(), 460);
    assert_eq!(head(&app, Some(&carer), &at).await.offset(), Some(to as u64));

    let last = patch(&app, &carer, &at, to as u64, rest.clone(), Some(&Sha1::digest(&rest))).await;
    assert_eq!(last.status, StatusCode::NO_CONTENT, "{}", last.body);
    assert_eq!(last.offset(), Some(file.len() as u64));
    let token = at.trim_start_matches("/uploads/");
    let staged = std::fs::read(state.uploads.staging.join(token)).unwrap();
    assert!(staged == file, "the staged file is the file sent");
    let row = app::store::uploads::by_token(&state.db, token).await.unwrap().unwrap();
    assert_eq!(row.state, UploadState::Checking);
    assert_eq!(row.file_name, "IMG_0001.jpg");
    assert_eq!(row.caption, "Me at the beach");

    // Once whole, nothing more can be sent to it.
    let more = patch(&app, &carer, &at, file.len() as u64, vec![1], None).await;
    assert_eq!(more.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn strangers_other_peoples_uploads_and_oversized_files_are_refused() {
    let (app, outbox, state) = app_with_config(|c| {
        c.upload_limits.max_file = 1024 * 1024;
        c.upload_limits.max_per_case = 3 * 1024 * 1024 / 2;
    })
    .await;
    let carer = sign_in(&app, &outbox, "carer").await;
    let parent = sign_in(&app, &outbox, "parent").await;
    let caseworker = sign_in(&app, &outbox, "caseworker").await;
    let senco = sign_in(&app, &outbox, "senco").await;

    // Nobody signed in.
    let req = tus("POST", "/uploads", None)
        .header("upload-length", "10")
        .header("upload-metadata", metadata(MAYA, "child_views", "a.jpg"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(call(&app, req).await.status, StatusCode::UNAUTHORIZED);
    // Another child's parent, and a setting that may not add views.
    assert_eq!(create(&app, &parent, MAYA, 10).await.status, StatusCode::NOT_FOUND);
    assert_eq!(create(&app, &senco, MAYA, 10).await.status, StatusCode::NOT_FOUND);
    // Without the protocol's version header.
    let req = Request::post("/uploads")
        .header(header::ORIGIN, ORIGIN)
        .header(header::COOKIE, &carer)
        .header("upload-length", "10")
        .header("upload-metadata", metadata(MAYA, "child_views", "a.jpg"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(call(&app, req).await.status, StatusCode::PRECONDITION_FAILED);

    // Too large for one file, then for what is left on the case.
    let big = create(&app, &carer, MAYA, 1024 * 1024 + 1).await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(big.body.contains("smaller than 1 MB"), "{}", big.body);
    assert_eq!(
        create(&app, &carer, MAYA, 1024 * 1024).await.status,
        StatusCode::CREATED
    );
    let full = create(&app, &carer, MAYA, 1024 * 1024).await;
    assert_eq!(full.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(full.body.contains("add up to 1.5 MB"), "{}", full.body);

    // The carer's upload answers nobody else, not even the caseworker.
    let at = create(&app, &carer, MAYA, 100)
        .await
        .header("location")
        .unwrap()
        .to_owned();
    assert_eq!(head(&app, Some(&caseworker), &at).await.status, StatusCode::NOT_FOUND);
    assert_eq!(head(&app, Some(&parent), &at).await.status, StatusCode::NOT_FOUND);
    assert_eq!(head(&app, None, &at).await.status, StatusCode::UNAUTHORIZED);
    let theirs = patch(&app, &caseworker, &at, 0, vec![0; 100], None).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    assert_eq!(head(&app, Some(&carer), &at).await.offset(), Some(0));
    // Addresses that are not tokens are never looked up as files.
    assert_eq!(
        head(&app, Some(&carer), "/uploads/..%2F..%2Fsecret.key").await.status,
        StatusCode::NOT_FOUND
    );

    // More bytes than declared are refused and none kept.
    let over = patch(&app, &carer, &at, 0, vec![7; 101], None).await;
    assert_eq!(over.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(head(&app, Some(&carer), &at).await.offset(), Some(0));

    // The carer gives up on it: gone, with its staged bytes.
    assert_eq!(
        patch(&app, &carer, &at, 0, vec![7; 40], None).await.status,
        StatusCode::NO_CONTENT
    );
    let token = at.trim_start_matches("/uploads/").to_owned();
    assert!(state.uploads.staging.join(&token).exists());
    let req = tus("DELETE", &at, Some(&carer)).body(Body::empty()).unwrap();
    assert_eq!(call(&app, req).await.status, StatusCode::NO_CONTENT);
    assert_eq!(head(&app, Some(&carer), &at).await.status, StatusCode::NOT_FOUND);
    assert!(!state.uploads.staging.join(&token).exists());
}

/// A PDF carrying the EICAR test text, which every scanner treats as malware.
fn pdf_with(text: &str) -> Vec<u8> {
    format!("%PDF-1.4\n1 0 obj << /Title ({text}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n").into_bytes()
}

#[tokio::test]
async fn a_file_is_opened_to_others_only_once_its_type_is_accepted_and_the_scan_is_clean() {
    let scanner = common::clamd();
    let (app, outbox, state) = app_with_config(|c| c.clamd = Some(scanner)).await;
    let carer = sign_in(&app, &outbox, "carer").await;

    // A photo is stored without where it was taken, the right way up.
    let token = send_whole(&app, &carer, &phone_photo()).await;
    let photo = decided(&state, &token).await;
    assert_eq!(photo.state, UploadState::Ready, "{:?}", photo.refusal);
    assert_eq!(photo.media, Some(app::domain::uploads::MediaKind::Photo));
    assert_eq!(photo.content_type.as_deref(), Some("image/jpeg"));
    let key = photo.storage_key.unwrap();
    let stored = state.uploads.storage.bytes(&key).await.unwrap();
    assert!(!stored.windows(3).any(|w| w == b"GPS"), "the location was stored");
    use img_parts::ImageEXIF;
    let exif = img_parts::jpeg::Jpeg::from_bytes(stored).unwrap().exif().unwrap();
    assert_eq!(server::uploads::photos::orientation(&exif), Some(6));
    assert!(!state.uploads.staging.join(&token).exists(), "staged bytes are left");

    // A document with malware in it is refused, plainly, and deleted.
    let token = send_whole(
        &app,
        &carer,
        &pdf_with("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"),
    )
    .await;
    let infected = decided(&state, &token).await;
    assert_eq!(infected.state, UploadState::Refused);
    assert_eq!(infected.refusal.as_deref(), Some(app::domain::uploads::MALWARE_REFUSED));
    assert!(infected.storage_key.is_none());
    assert!(
        !state.uploads.staging.join(&token).exists(),
        "infected bytes are left in staging"
    );

    // A web page named like a photo is refused for its content.
    let token = send_whole(&app, &carer, b"<!DOCTYPE html><script>alert(document.cookie)</script>").await;
    let page = decided(&state, &token).await;
    assert_eq!(page.refusal.as_deref(), Some(app::domain::uploads::TYPE_REFUSED));

    let token = send_whole(&app, &carer, &pdf_with("Rowan's school report")).await;
    assert_eq!(
        decided(&state, &token).await.media,
        Some(app::domain::uploads::MediaKind::Document)
    );
}

#[tokio::test]
async fn without_a_scanner_a_file_waits_and_is_never_passed_as_clean() {
    let (app, outbox, state) = app_with_config(|c| c.clamd = None).await;
    let carer = sign_in(&app, &outbox, "carer").await;
    let token = send_whole(&app, &carer, &pdf_with("Rowan's school report")).await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let waiting = app::store::uploads::by_token(&state.db, &token).await.unwrap().unwrap();
    assert_eq!(waiting.state, UploadState::Checking);
    assert!(waiting.storage_key.is_none());

    // A scanner that answers nothing sensible is no better than none.
    let dir = std::env::temp_dir().join(format!("ehc-fake-clamd-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let socket = dir.join("clamd.sock");
    let _ = std::fs::remove_file(&socket);
    let listener = tokio::net::UnixListener::bind(&socket).unwrap();
    tokio::spawn(async move {
        use tokio::io::AsyncWriteExt;
        while let Ok((mut stream, _)) = listener.accept().await {
            let _ = stream.write_all(b"INSTREAM size limit exceeded. ERROR\0").await;
        }
    });
    let checks = server::uploads::checks::Checks {
        state: state.clone(),
        scanner: Some(server::uploads::scan::Scanner::Unix(socket)),
    };
    assert!(checks.check(&waiting).await.is_err());
    let still = app::store::uploads::by_token(&state.db, &token).await.unwrap().unwrap();
    assert_eq!(still.state, UploadState::Checking);
}

#[tokio::test]
async fn an_upload_left_unfinished_past_its_expiry_is_refused_and_removed_with_its_bytes() {
    let (app, outbox, state) = app_with_config(|c| c.upload_expiry = chrono::TimeDelta::zero()).await;
    let carer = sign_in(&app, &outbox, "carer").await;
    let at = create(&app, &carer, MAYA, 100)
        .await
        .header("location")
        .unwrap()
        .to_owned();
    let token = at.trim_start_matches("/uploads/").to_owned();
    assert!(state.uploads.staging.join(&token).exists());
    tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    let late = patch(&app, &carer, &at, 0, vec![1; 10], None).await;
    assert_eq!(late.status, StatusCode::GONE, "{}", late.body);
    // The checks worker removes it when it next wakes.
    state.uploads.complete.notify_one();
    for _ in 0..200 {
        if app::store::uploads::by_token(&state.db, &token)
            .await
            .unwrap()
            .is_none()
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert!(
        app::store::uploads::by_token(&state.db, &token)
            .await
            .unwrap()
            .is_none(),
        "the upload is still recorded"
    );
    assert!(
        !state.uploads.staging.join(&token).exists(),
        "its bytes are still staged"
    );
    assert_eq!(head(&app, Some(&carer), &at).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn views_sent_to_the_council_take_no_new_upload() {
    let (app, outbox, state) = app_with_config(|_| {}).await;
    let carer = sign_in(&app, &outbox, "carer").await;
    let carer_id = app::store::accounts::find_for_sign_in(&state.db, "carer@demo-council.test")
        .await
        .unwrap()
        .unwrap()
        .viewer
        .account;
    let answers = app::domain::views::Answers {
        liked: "I like trains.".into(),
        ..Default::default()
    };
    let send = app::store::views::Save {
        space: app::domain::uploads::Attachment::ChildViews,
        answers: &answers,
        revision: 0,
        send: true,
        by: carer_id,
        now: chrono::Utc::now(),
    };
    app::store::views::save(&state.db, app::domain::ids::CaseId(MAYA), send)
        .await
        .unwrap();
    let refused = create(&app, &carer, MAYA, 100).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body.contains("sent to the council"), "{}", refused.body);
}
