//! For local runs only (demo data, no SMTP server): a page listing the mail
//! in the outbox folder, so sign-in codes and invitation links are one click
//! away. Never mounted otherwise.

use std::path::PathBuf;

use axum::response::Html;

/// The newest messages first, at most this many.
const SHOWN: usize = 20;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub async fn outbox_page(dir: PathBuf) -> Html<String> {
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
