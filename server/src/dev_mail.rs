//! For local runs only (demo data, no SMTP server): a page listing the mail
//! in the outbox folder, so sign-in codes and invitation links are one click
//! away. Never mounted otherwise, and shown only to a browser on the machine
//! the hub runs on: the mail holds everyone's sign-in codes.

use std::net::IpAddr;
use std::path::PathBuf;

use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use app::accounts::guard::address_of;

/// The newest messages first, at most this many.
const SHOWN: usize = 20;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Whether the request comes from this machine. A request that came through
/// a proxy the hub was not told to trust does not count, even though the
/// proxy itself connects from this machine.
pub fn from_this_machine(req: &Request, trust_forwarded_for: bool) -> bool {
    let headers = req.headers();
    let proxied = headers.contains_key("x-forwarded-for") || headers.contains_key(axum::http::header::FORWARDED);
    if proxied && !trust_forwarded_for {
        return false;
    }
    address_of(headers, req.extensions(), trust_forwarded_for)
        .parse::<IpAddr>()
        .is_ok_and(|ip| ip.to_canonical().is_loopback())
}

/// The outbox for a browser on this machine; "not found" for anyone else.
pub async fn outbox_page(dir: PathBuf, trust_forwarded_for: bool, req: Request) -> Response {
    if !from_this_machine(&req, trust_forwarded_for) {
        tracing::warn!("the local outbox page was asked for from another machine");
        return (StatusCode::NOT_FOUND, "Page not found.").into_response();
    }
    outbox_html(dir).into_response()
}

fn outbox_html(dir: PathBuf) -> Html<String> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    let items: String = files
        .iter()
        .rev()
        .take(SHOWN)
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .map(|mail| format!("<article class=\"dev-mail\"><pre>{}</pre></article>", escape(&mail)))
        .collect();
    let items = if items.is_empty() {
        "<p class=\"body\">No mail yet.</p>".to_owned()
    } else {
        items
    };
    Html(format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Outbox (local runs only) - EHC hub</title><link rel=\"stylesheet\" href=\"/pkg/ehc_hub.css\"></head>\
         <body><main class=\"width-container main-wrapper\"><h1 class=\"heading-l\">Outbox</h1>\
         <p class=\"body\">Mail the hub has sent, newest first. This page exists only in local runs with demo data.</p>\
         {items}</main></body></html>"
    ))
}
