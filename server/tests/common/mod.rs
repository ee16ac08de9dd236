//! Helpers shared by the server's integration tests: the real router on a
//! fresh database with demo data, requests as browsers send them, and
//! signing in through the real forms.

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use app::state::AppState;
use server::config::Config;
use server::routes::router;
use server::startup::build_state;

/// The address the test server is reached at (`EHC_PUBLIC_URL`), which a
/// browser names as the `Origin` of its posts.
pub const ORIGIN: &str = "http://127.0.0.1:3000";

pub mod tus;

pub static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The real router on a fresh in-memory database with demo data, and the
/// folder its mail goes to.
pub async fn app() -> (Router, std::path::PathBuf) {
    let (router, outbox, _) = app_with_state().await;
    (router, outbox)
}

/// The router, its outbox folder, and its state for reaching the database directly.
pub async fn app_with_state() -> (Router, std::path::PathBuf, AppState) {
    app_with_config(|_| {}).await
}

/// As [`app_with_state`], with settings changed by `adjust` first.
pub async fn app_with_config(adjust: impl FnOnce(&mut Config)) -> (Router, std::path::PathBuf, AppState) {
    let _ = tracing_subscriber::fmt()
        .with_env_filter("debug,sqlx=warn,sea_orm=warn,hyper=warn")
        .with_test_writer()
        .try_init();
    let mut config = Config::from_env().unwrap();
    config.database_url = "sqlite::memory:".into();
    config.demo_data = true;
    config.demo_extra_cases = 0;
    config.public_url = ORIGIN.to_owned();
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    config.outbox_dir = std::env::temp_dir().join(format!("ehc-outbox-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&config.outbox_dir);
    config.upload_staging = std::env::temp_dir().join(format!("ehc-staging-{}-{n}", std::process::id()));
    config.files_dir = std::env::temp_dir().join(format!("ehc-files-{}-{n}", std::process::id()));
    config.clamd = None;
    adjust(&mut config);
    let state = build_state(&config).await.unwrap();
    (router(state.clone()), config.outbox_dir, state)
}

/// How many emails the outbox folder holds.
/// A demo account's id, by its email address.
pub async fn account_id(db: &sea_orm::DatabaseConnection, email: &str) -> app::domain::ids::AccountId {
    app::store::accounts::find_for_sign_in(db, email)
        .await
        .unwrap()
        .unwrap()
        .viewer
        .account
}

pub fn mail_count(outbox: &std::path::Path) -> usize {
    std::fs::read_dir(outbox).map(|d| d.count()).unwrap_or(0)
}

/// The emails in the outbox folder, oldest first.
pub fn mails(outbox: &std::path::Path) -> Vec<String> {
    let mut files: Vec<_> = std::fs::read_dir(outbox)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect()
}

/// Waits for the email worker to deliver more than `before` emails (it sends
/// in the background, a moment after the request that queued them).
pub async fn wait_for_mail(outbox: &std::path::Path, before: usize) {
    for _ in 0..200 {
        if mail_count(outbox) > before {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("no new email arrived in {}", outbox.display());
}

/// The sign-in code in the newest email, once one more than `before` has arrived.
pub async fn new_code(outbox: &std::path::Path, before: usize) -> String {
    wait_for_mail(outbox, before).await;
    latest_code(outbox)
}

/// The sign-in code in the newest email in the outbox.
pub fn latest_code(outbox: &std::path::Path) -> String {
    let mut files: Vec<_> = std::fs::read_dir(outbox).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mail = std::fs::read_to_string(files.last().unwrap()).unwrap();
    let at = mail.find("Your sign-in code is ").unwrap() + "Your sign-in code is ".len();
    mail[at..at + 6].to_owned()
}

pub fn cookie_of(response_cookie: &str) -> String {
    response_cookie.split(';').next().unwrap().to_owned()
}

/// Signs in through the real forms, as a browser without JavaScript would,
/// and returns the session cookie.
pub async fn sign_in(app: &Router, outbox: &std::path::Path, who: &str) -> String {
    let form = format!("input%5Bemail%5D={who}%40demo-council.test&input%5Bpassword%5D=demo-password-2026");
    let before = mail_count(outbox);
    let res = app.clone().oneshot(post_form("/sign-in", &form)).await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[header::LOCATION], "/sign-in/code");
    let cookie = cookie_of(res.headers()[header::SET_COOKIE].to_str().unwrap());
    let code = format!("input%5Bcode%5D={}", new_code(outbox, before).await);
    let mut req = post_form("/sign-in/code", &code);
    req.headers_mut().insert(header::COOKIE, cookie.parse().unwrap());
    let res = app.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[header::LOCATION], "/cases");
    cookie
}

pub fn with_cookie(mut req: Request<Body>, cookie: &str) -> Request<Body> {
    req.headers_mut().insert(header::COOKIE, cookie.parse().unwrap());
    req
}

pub async fn send(app: &Router, req: Request<Body>) -> (StatusCode, Option<String>, String) {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let location = res
        .headers()
        .get(header::LOCATION)
        .map(|l| l.to_str().unwrap().to_owned());
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, location, String::from_utf8_lossy(&body).into_owned())
}

/// A server function call as the hydrated browser sends it, with the session
/// cookie if there is one.
pub fn api_call(path: &str, content_type: &str, body: Vec<u8>, cookie: Option<&str>) -> Request<Body> {
    let mut req = Request::post(path)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ACCEPT, "application/json")
        .header(header::ORIGIN, ORIGIN)
        .body(Body::from(body))
        .unwrap();
    if let Some(cookie) = cookie {
        req.headers_mut().insert(header::COOKIE, cookie.parse().unwrap());
    }
    req
}

/// A form post as a browser sends it from one of the hub's pages.
pub fn post_form(path: &str, form: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, ORIGIN)
        .header(header::ACCEPT, "text/html")
        .body(Body::from(form.to_owned()))
        .unwrap()
}

pub fn get(path: &str) -> Request<Body> {
    Request::get(path)
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .unwrap()
}

/// The pages each demo person is shown that draw forms: Maya's case (3) has
/// a shared draft the carer is asked about; Poppy's (1) has no plan yet.
pub const PAGES_WITH_FORMS: [(&str, &[&str]); 5] = [
    (
        "caseworker",
        &[
            "/cases",
            "/cases/new",
            "/cases/1",
            "/cases/1/plan",
            "/cases/1/decisions/assess",
            "/cases/2/decisions/issue",
            "/cases/1/exceptions",
            "/cases/1/return-details",
            "/cases/4/cease",
            "/cases/3",
            "/cases/3/plan",
            "/cases/3/plan/issue",
            "/cases/3/plan/edit/a",
            "/cases/3/plan/edit/communication",
            "/cases/3/plan/edit/i",
            "/cases/3/views",
            "/cases/3/advice",
            "/people/invite",
            "/account/security",
        ],
    ),
    (
        "admin",
        &["/admin/audit", "/admin/emails", "/admin/teams", "/admin/sen2"],
    ),
    ("carer", &["/cases/3", "/cases/3/plan", "/cases/3/views"]),
    ("senco", &["/cases/2", "/cases/2/plan"]),
    ("salt.manager", &["/people/invite", "/requests"]),
];

/// ClamAV's daemon, started once for the test binary with a signature
/// database the test writes: the EICAR test file, by its MD5 and by its text.
/// Real signatures cannot be downloaded here, and need not be: the hub's
/// part is to stream the file and read clamd's verdict.
/// The test script starts one for every test binary (`EHC_TEST_CLAMD`);
/// run alone, a test starts its own and leaves it running.
pub fn clamd() -> server::uploads::scan::Scanner {
    if let Ok(setting) = std::env::var("EHC_TEST_CLAMD") {
        return server::uploads::scan::Scanner::parse(&setting).unwrap();
    }
    static CLAMD: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    let socket = CLAMD.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("ehc-clamd-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("db")).unwrap();
        std::fs::write(
            dir.join("db/test.hdb"),
            "44d88612fea8a8f36de82e1278abb02f:68:Test.EICAR.HDB\n",
        )
        .unwrap();
        let text: String = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE"
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        std::fs::write(dir.join("db/test.ndb"), format!("Test.EICAR.NDB:0:*:{text}\n")).unwrap();
        let socket = dir.join("clamd.sock");
        let conf = format!(
            "Foreground yes\nDatabaseDirectory {db}\nLocalSocket {socket}\nTemporaryDirectory {dir}\n\
             StreamMaxLength 2100M\nMaxFileSize 2100M\nMaxScanSize 2100M\nAlertExceedsMax yes\n",
            db = dir.join("db").display(),
            socket = socket.display(),
            dir = dir.display(),
        );
        std::fs::write(dir.join("clamd.conf"), conf).unwrap();
        let clamd = ["/usr/sbin/clamd", "/usr/bin/clamd"]
            .into_iter()
            .find(|p| std::path::Path::new(p).exists())
            .expect("clamd is not installed: the test script installs Debian's clamav-daemon");
        // Left running for the rest of the test binary, which cannot wait for it.
        #[allow(clippy::zombie_processes)]
        std::process::Command::new(clamd)
            .arg("-c")
            .arg(dir.join("clamd.conf"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        for _ in 0..200 {
            if std::os::unix::net::UnixStream::connect(&socket).is_ok() {
                return socket;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("clamd did not start");
    });
    server::uploads::scan::Scanner::Unix(socket.clone())
}

/// A server function's answer, as JSON, which must be a success.
pub async fn json(app: &Router, cookie: &str, path: &str, args: &str) -> serde_json::Value {
    let req = api_call(
        path,
        "application/x-www-form-urlencoded",
        args.as_bytes().to_vec(),
        Some(cookie),
    );
    let (status, _, body) = send(app, req).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    serde_json::from_str(&body).unwrap()
}
