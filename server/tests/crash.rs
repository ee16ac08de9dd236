//! The real server, killed with SIGKILL while people save and sign in, again
//! and again on one database (an SQLite file, and a PostgreSQL database when
//! the test script started a server): every save it acknowledged is still
//! there after each restart, every session it opened still works, and the
//! database passes its integrity check at the end.

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect, Statement};

/// How many times the server is killed.
const KILLS: usize = 20;

/// People saving at once.
const WRITERS: usize = 4;

struct Server {
    child: Child,
}

struct Run {
    dir: PathBuf,
    port: u16,
    database_url: String,
}

impl Run {
    fn outbox(&self) -> PathBuf {
        self.dir.join("outbox")
    }

    /// Starts the server and waits until it answers.
    fn start(&self) -> Server {
        let child = Command::new(env!("CARGO_BIN_EXE_ehc-hub"))
            .env("EHC_PORT", self.port.to_string())
            .env("EHC_DATA_DIR", &self.dir)
            .env("DATABASE_URL", &self.database_url)
            // PostgreSQL asks for the key every instance shares.
            .env("EHC_SECRET_KEY", "5a".repeat(32))
            .env("EHC_OUTBOX_DIR", self.outbox())
            .env("EHC_SITE_ROOT", self.dir.join("site"))
            .env("EHC_PUBLIC_URL", format!("http://127.0.0.1:{}", self.port))
            .env("EHC_DEMO_DATA", "true")
            .env("RUST_LOG", "error")
            .env_remove("EHC_SMTP_HOST")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while request(self.port, "GET", "/sign-in", None, "").is_err() {
            assert!(started.elapsed() < Duration::from_secs(60), "the server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Server { child }
    }
}

impl Server {
    /// SIGKILL: no shutdown, no flush, no goodbye.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

/// An answer's status, its headers, and its first bytes.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request as a browser without JavaScript sends it.
fn request(port: u16, method: &str, path: &str, cookie: Option<&str>, form: &str) -> std::io::Result<Answer> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
         Accept: text/html\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n",
        form.len()
    );
    if let Some(cookie) = cookie {
        head.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(form.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw);
    let (head, _) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("cut off"))?;
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status"))?;
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
    Ok(Answer { status, headers })
}

/// The sign-in code in the newest email that has one.
fn latest_code(outbox: &Path) -> Option<String> {
    let mut files: Vec<_> = std::fs::read_dir(outbox)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    files.sort();
    files.iter().rev().find_map(|f| {
        let mail = std::fs::read_to_string(f).ok()?;
        let at = mail.find("Your sign-in code is ")? + "Your sign-in code is ".len();
        mail.get(at..at + 6).map(str::to_owned)
    })
}

/// Signs the caseworker in; the session cookie once the server said so.
fn sign_in(port: u16, outbox: &Path) -> std::io::Result<String> {
    let form = "input%5Bemail%5D=caseworker%40demo-council.test&input%5Bpassword%5D=demo-password-2026";
    let before = latest_code(outbox);
    let answer = request(port, "POST", "/sign-in", None, form)?;
    let cookie = answer
        .header("set-cookie")
        .and_then(|c| c.split(';').next())
        .ok_or_else(|| std::io::Error::other("no session"))?
        .to_owned();
    let started = Instant::now();
    let code = loop {
        match latest_code(outbox) {
            Some(code) if Some(&code) != before.as_ref() => break code,
            _ if started.elapsed() > Duration::from_secs(10) => return Err(std::io::Error::other("no code")),
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    };
    let answer = request(
        port,
        "POST",
        "/sign-in/code",
        Some(&cookie),
        &format!("input%5Bcode%5D={code}"),
    )?;
    match answer.header("location") {
        Some("/cases") => Ok(cookie),
        _ => Err(std::io::Error::other("code refused")),
    }
}

/// A surname made of letters only, unique to the number.
fn surname(mut n: usize) -> String {
    let mut name = String::from("Crash");
    loop {
        name.push(char::from(b'a' + u8::try_from(n % 26).unwrap()));
        n /= 26;
        if n == 0 {
            return name;
        }
    }
}

/// Registers a request for a child with this surname; true once the server acknowledged it.
fn register(port: u16, cookie: &str, surname: &str) -> bool {
    let form = format!(
        "input%5Bfirst_name%5D=Kit&input%5Blast_name%5D={surname}&input%5Bdate_of_birth%5D%5Bday%5D=12\
         &input%5Bdate_of_birth%5D%5Bmonth%5D=5&input%5Bdate_of_birth%5D%5Byear%5D=2016&input%5Bsetting%5D=none\
         &input%5Brequested_by%5D=parent&input%5Breceived_on%5D%5Bday%5D=2&input%5Breceived_on%5D%5Bmonth%5D=11\
         &input%5Breceived_on%5D%5Byear%5D=2026"
    );
    request(port, "POST", "/cases/new", Some(cookie), &form)
        .is_ok_and(|a| a.status == 303 && a.header("location").is_some_and(|l| l.ends_with("?registered=1")))
}

#[tokio::test(flavor = "multi_thread")]
async fn acknowledged_saves_and_sign_ins_survive_sigkill_on_sqlite() {
    let dir = run_dir("sqlite");
    let url = format!("sqlite://{}/ehc-hub.db?mode=rwc", dir.display());
    let db = kill_again_and_again(dir, url).await;
    let check = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "PRAGMA integrity_check",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(check.try_get_by_index::<String>(0).unwrap(), "ok");
}

#[tokio::test(flavor = "multi_thread")]
async fn acknowledged_saves_and_sign_ins_survive_sigkill_on_postgres() {
    let Ok(server) = std::env::var("EHC_TEST_POSTGRES") else {
        assert!(
            std::env::var("EHC_REQUIRE_POSTGRES").is_err(),
            "EHC_REQUIRE_POSTGRES is set but EHC_TEST_POSTGRES is not"
        );
        return;
    };
    let name = format!("ehc_crash_{}", std::process::id());
    let admin = sea_orm::Database::connect(format!("{server}/postgres")).await.unwrap();
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
        .await
        .unwrap();
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    let db = kill_again_and_again(run_dir("postgres"), format!("{server}/{name}")).await;
    // amcheck reads every B-tree index page and checks its keys against the
    // table; an index torn by a kill would fail here.
    db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS amcheck")
        .await
        .unwrap();
    let checked = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT count(bt_index_check(index => c.oid, heapallindexed => true))::bigint \
             FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam \
             WHERE n.nspname = 'public' AND a.amname = 'btree'",
        ))
        .await
        .unwrap()
        .unwrap();
    assert!(
        checked.try_get_by_index::<i64>(0).unwrap() > 10,
        "too few indexes checked"
    );
    db.close().await.unwrap();
    admin
        .execute_unprepared(&format!("DROP DATABASE {name}"))
        .await
        .unwrap();
}

/// A fresh folder for one engine's run.
fn run_dir(engine: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ehc-crash-{engine}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Kills the server `KILLS` times while people save and sign in, checks that
/// every acknowledged save is there, and gives the database back for the
/// engine's own integrity check.
async fn kill_again_and_again(dir: PathBuf, database_url: String) -> sea_orm::DatabaseConnection {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let run = Arc::new(Run {
        dir: dir.clone(),
        port,
        database_url,
    });
    let saved: Arc<Mutex<Vec<String>>> = Arc::default();
    let sessions: Arc<Mutex<Vec<String>>> = Arc::default();
    let mut rng = rand::rngs::StdRng::seed_from_u64(20_261_202);
    let mut next = 0;
    for kill in 0..KILLS {
        let server = run.start();
        // Every session opened before a kill still works after it.
        for cookie in sessions.lock().unwrap().iter() {
            let answer = request(port, "GET", "/cases", Some(cookie), "").unwrap();
            assert_eq!(answer.status, 200, "a session was lost at kill {kill}");
        }
        let cookie = sign_in(port, &run.outbox()).unwrap();
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                let (cookie, saved) = (cookie.clone(), saved.clone());
                let first = next + w * 10_000;
                std::thread::spawn(move || {
                    for n in first.. {
                        let name = surname(n);
                        if !register(port, &cookie, &name) {
                            return;
                        }
                        saved.lock().unwrap().push(name);
                    }
                })
            })
            .collect();
        let signer = {
            let (run, sessions) = (run.clone(), sessions.clone());
            std::thread::spawn(move || {
                while let Ok(cookie) = sign_in(run.port, &run.outbox()) {
                    sessions.lock().unwrap().push(cookie);
                }
            })
        };
        std::thread::sleep(Duration::from_millis(rng.gen_range(100..600)));
        server.kill();
        for writer in writers {
            writer.join().unwrap();
        }
        signer.join().unwrap();
        next += WRITERS * 10_000;
    }
    let server = run.start();
    let saved = saved.lock().unwrap().clone();
    server.kill();

    let db = sea_orm::Database::connect(&run.database_url).await.unwrap();
    let names: Vec<String> = app::store::entities::child::Entity::find()
        .select_only()
        .column(app::store::entities::child::Column::LastName)
        .into_tuple()
        .all(&db)
        .await
        .unwrap();
    let missing: Vec<_> = saved.iter().filter(|n| !names.contains(n)).collect();
    println!(
        "{}: {KILLS} kills; {} saves and {} sign-ins acknowledged",
        db.get_database_backend().as_str(),
        saved.len(),
        sessions.lock().unwrap().len()
    );
    assert!(saved.len() > KILLS, "too few saves to tell anything: {}", saved.len());
    assert!(missing.is_empty(), "acknowledged but lost: {missing:?}");
    std::fs::remove_dir_all(&dir).unwrap();
    db
}
