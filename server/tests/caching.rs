//! What browsers and proxies may keep: nothing about a child (pages, server
//! function answers, downloads, redirects), so a plan does not stay in a
//! shared computer's cache after sign-out; the static bundle and public files
//! may be cached.

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use leptos::server_fn::ServerFn;
use tower::ServiceExt;

use common::{get, post_form, sign_in, with_cookie};

/// The status and `Cache-Control` of an answer.
async fn cache_control(app: &Router, req: Request<Body>) -> (StatusCode, String) {
    let res = app.clone().oneshot(req).await.unwrap();
    let value = res
        .headers()
        .get(header::CACHE_CONTROL)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (res.status(), value)
}

#[tokio::test]
async fn nothing_about_a_child_may_be_kept_by_a_cache() {
    let (app, outbox, _) = common::app_with_state().await;
    let cookie = sign_in(&app, &outbox, "caseworker").await;
    for path in [
        "/cases",
        "/cases/3",
        "/cases/3/plan",
        "/cases/3/plan/edit/communication",
    ] {
        let (status, cache) = cache_control(&app, with_cookie(get(path), &cookie)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(cache, "no-store", "{path}");
    }
    // The answer a hydrated page gets from a server function.
    let list = Request::post(app::cases::case_list_page::ListCases::PATH)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::ORIGIN, common::ORIGIN)
        .body(Body::from(
            "filter%5Btray%5D=InProgress&filter%5Bsearch%5D=&filter%5Bpage%5D=1",
        ))
        .unwrap();
    let (status, cache) = cache_control(&app, with_cookie(list, &cookie)).await;
    assert_eq!((status, cache.as_str()), (StatusCode::OK, "no-store"));
    // The sign-in page, a page that is not there, and signing out.
    let (status, cache) = cache_control(&app, get("/sign-in")).await;
    assert_eq!((status, cache.as_str()), (StatusCode::OK, "no-store"));
    let (status, cache) = cache_control(&app, with_cookie(get("/no-such-page"), &cookie)).await;
    assert_eq!((status, cache.as_str()), (StatusCode::NOT_FOUND, "no-store"));
    let (status, cache) = cache_control(&app, with_cookie(post_form("/sign-out", ""), &cookie)).await;
    assert_eq!((status, cache.as_str()), (StatusCode::SEE_OTHER, "no-store"));
}

#[tokio::test]
async fn the_bundle_and_public_files_may_be_cached() {
    let site = std::env::temp_dir().join(format!("ehc-site-{}", std::process::id()));
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::write(site.join("pkg/ehc_hub.css"), "body { margin: 0 }").unwrap();
    std::fs::write(site.join("favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    let site_root = site.clone();
    let (app, _, _) = common::app_with_config(move |config| config.site_root = site_root).await;
    for path in ["/pkg/ehc_hub.css", "/favicon.svg"] {
        let (status, cache) = cache_control(&app, get(path)).await;
        assert_eq!((status, cache.as_str()), (StatusCode::OK, "no-cache"), "{path}");
    }
    let _ = std::fs::remove_dir_all(site);
}
