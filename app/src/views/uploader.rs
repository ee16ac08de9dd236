//! The resumable uploader: with JavaScript, the plain "Add file" form sends
//! its files through the tus protocol instead, in chunks of a few MiB, each
//! with a progress bar, pause and resume, and retries by itself while the
//! connection is down or the server restarts. The upload's address is kept in
//! the browser's local storage under the file's name, size and date, so after
//! a reload the person picks the same file again and it continues from where
//! it stopped, not from zero.

use leptos::prelude::*;

use crate::domain::ids::CaseId;
use crate::domain::uploads::{Attachment, size_label};

/// Where one file is on its way. (The server draws none: it only renders
/// the empty list the browser fills.)
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Progress {
    Sending,
    Paused,
    /// Not reachable just now: it tries again by itself.
    Waiting,
    /// Every byte is there; the server checks it next.
    Sent,
    Refused(String),
}

#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
struct Sending {
    id: usize,
    name: StoredValue<String>,
    size: u64,
    sent: RwSignal<u64>,
    progress: RwSignal<Progress>,
}

/// The "Add file" form of one space (its server-rendered children), taken
/// over once hydrated; without JavaScript the form posts as it is.
#[island]
pub fn ResumableUploader(
    case: CaseId,
    space: Attachment,
    /// For documents with advice: the request the advice answers.
    #[prop(optional)]
    request: Option<i64>,
    children: Children,
) -> impl IntoView {
    let sending = RwSignal::new(Vec::<Sending>::new());
    let wrapper = NodeRef::<leptos::html::Div>::new();
    // Hydrated, several files can be chosen at once (the plain post takes one).
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(div) = wrapper.get()
            && let Ok(Some(input)) = div.query_selector("input[type=file]:not([capture])")
        {
            let _ = input.set_attribute("multiple", "");
        }
    });
    let on_submit = move |ev: leptos::web_sys::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        if let Some(files) = browser::take_files(&ev) {
            ev.prevent_default();
            for (file, caption) in files {
                let item = Sending {
                    id: sending.with_untracked(Vec::len),
                    name: StoredValue::new(file.name()),
                    size: file.size() as u64,
                    sent: RwSignal::new(0),
                    progress: RwSignal::new(Progress::Sending),
                };
                sending.update(|s| s.push(item));
                let place = browser::Place { case, space, request };
                leptos::task::spawn_local(browser::send(file, place, caption, item, sending));
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&ev, case, space, request);
    };
    let rows = move || {
        sending
            .get()
            .into_iter()
            .map(|item| view! { <UploadRow item /> })
            .collect_view()
    };
    view! {
        <div class="uploader" node_ref=wrapper on:submit=on_submit>
            {children()}
            <ul class="uploads" aria-live="polite">{rows}</ul>
        </div>
    }
}

#[component]
fn UploadRow(item: Sending) -> impl IntoView {
    let name = item.name.get_value();
    let status = move || {
        let of = format!("{} of {}", size_label(item.sent.get()), size_label(item.size));
        match item.progress.get() {
            Progress::Sending => format!("Sending: {of}"),
            Progress::Paused => format!("Paused: {of}"),
            Progress::Waiting => format!("No connection. It carries on by itself when it can: {of}"),
            Progress::Sent => "Sent. Checking it for viruses…".to_owned(),
            Progress::Refused(why) => why,
        }
    };
    let running = move || matches!(item.progress.get(), Progress::Sending | Progress::Waiting);
    let can_toggle = move || running() || item.progress.get() == Progress::Paused;
    let toggle = move |_| {
        if running() {
            item.progress.set(Progress::Paused);
            #[cfg(feature = "hydrate")]
            browser::abort(item.id);
        } else {
            item.progress.set(Progress::Sending);
        }
    };
    let label = {
        let name = name.clone();
        move || {
            if running() {
                format!("Pause {name}")
            } else {
                format!("Resume {name}")
            }
        }
    };
    let refused = move || matches!(item.progress.get(), Progress::Refused(_));
    view! {
        <li class="upload">
            <p class="body upload__name">{name.clone()}</p>
            <progress
                class="upload__bar"
                max=item.size.to_string()
                value=move || item.sent.get().to_string()
                aria-label=format!("Sending {name}")
            ></progress>
            <p class="body upload__status" class:error-message=refused>{status}</p>
            <Show when=can_toggle>
                <button type="button" class="button button--secondary button--small" on:click=toggle>{label.clone()}</button>
            </Show>
        </li>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    //! The browser's side of the protocol: XHR (it reports upload progress,
    //! `fetch` does not), Blob slices through `gloo-file`, local storage.

    use std::cell::RefCell;
    use std::collections::HashMap;

    use leptos::prelude::*;
    use leptos::wasm_bindgen::{JsCast, closure::Closure};
    use leptos::web_sys::{self, XmlHttpRequest};

    use super::{Progress, Sending};
    use crate::domain::ids::CaseId;
    use crate::domain::uploads::Attachment;

    /// What a dropped connection can lose at most.
    const CHUNK: u64 = 4 * 1024 * 1024;

    thread_local! {
        /// The request each file has on its way, to abort on "Pause".
        static CURRENT: RefCell<HashMap<usize, XmlHttpRequest>> = RefCell::new(HashMap::new());
    }

    pub fn abort(id: usize) {
        CURRENT.with(|c| {
            if let Some(xhr) = c.borrow_mut().remove(&id) {
                let _ = xhr.abort();
            }
        });
    }

    /// The files chosen in the form being submitted, with its caption; the
    /// inputs are cleared for the next. `None` when nothing was chosen: the
    /// plain post then shows the server's message beside the field.
    pub fn take_files(ev: &web_sys::SubmitEvent) -> Option<Vec<(web_sys::File, String)>> {
        let form: web_sys::HtmlFormElement = ev.target()?.dyn_into().ok()?;
        let caption_input = form
            .query_selector("input[name=caption]")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::HtmlInputElement>().ok());
        let caption = caption_input.as_ref().map(|c| c.value()).unwrap_or_default();
        let inputs = form.query_selector_all("input[type=file]").ok()?;
        let mut files = Vec::new();
        for i in 0..inputs.length() {
            let Some(input) = inputs
                .get(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                continue;
            };
            let list = input.files();
            for f in 0..list.as_ref().map_or(0, web_sys::FileList::length) {
                if let Some(file) = list.as_ref().and_then(|l| l.get(f)) {
                    files.push((file, caption.clone()));
                }
            }
        }
        if files.is_empty() {
            return None;
        }
        for i in 0..inputs.length() {
            if let Some(input) = inputs
                .get(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                input.set_value("");
            }
        }
        if let Some(c) = caption_input {
            c.set_value("");
        }
        Some(files)
    }

    struct Reply {
        status: u16,
        offset: Option<u64>,
        location: Option<String>,
        text: String,
    }

    async fn sleep(ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }

    /// One request for file `id`; `Err` when no answer came (no connection,
    /// the server down, or paused).
    async fn request(
        id: usize,
        method: &str,
        url: &str,
        headers: &[(&str, String)],
        body: Option<&web_sys::Blob>,
        on_progress: Option<Box<dyn FnMut(f64)>>,
    ) -> Result<Reply, ()> {
        let xhr = XmlHttpRequest::new().map_err(|_| ())?;
        xhr.open_with_async(method, url, true).map_err(|_| ())?;
        xhr.set_request_header("Tus-Resumable", "1.0.0").map_err(|_| ())?;
        for (name, value) in headers {
            xhr.set_request_header(name, value).map_err(|_| ())?;
        }
        let answered = js_sys::Promise::new(&mut |resolve, reject| {
            xhr.set_onload(Some(resolve.unchecked_ref()));
            xhr.set_onerror(Some(reject.unchecked_ref()));
            xhr.set_onabort(Some(reject.unchecked_ref()));
            xhr.set_ontimeout(Some(reject.unchecked_ref()));
        });
        // Kept until the answer: the browser calls it as bytes leave.
        let progress = on_progress.map(|mut report| {
            Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| report(e.loaded()))
        });
        if let (Some(progress), Ok(upload)) = (&progress, xhr.upload()) {
            upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
        }
        CURRENT.with(|c| c.borrow_mut().insert(id, xhr.clone()));
        let sent = match body {
            Some(blob) => xhr.send_with_opt_blob(Some(blob)),
            None => xhr.send(),
        };
        let answer = match sent {
            Ok(()) => wasm_bindgen_futures::JsFuture::from(answered).await.map_err(|_| ()),
            Err(_) => Err(()),
        };
        CURRENT.with(|c| c.borrow_mut().remove(&id));
        if let Ok(upload) = xhr.upload() {
            upload.set_onprogress(None);
        }
        drop(progress);
        answer?;
        let header = |name: &str| xhr.get_response_header(name).ok().flatten();
        Ok(Reply {
            status: xhr.status().unwrap_or(0),
            offset: header("Upload-Offset").and_then(|o| o.parse().ok()),
            location: header("Location"),
            text: xhr.response_text().ok().flatten().unwrap_or_default(),
        })
    }

    /// Where the file goes on the case.
    #[derive(Clone, Copy)]
    pub struct Place {
        pub case: CaseId,
        pub space: Attachment,
        pub request: Option<i64>,
    }

    fn metadata(place: Place, name: &str, caption: &str) -> String {
        let b64 = |s: &str| {
            web_sys::window()
                .and_then(|w| w.btoa(&utf8_as_latin1(s)).ok())
                .unwrap_or_default()
        };
        let request = place
            .request
            .map(|r| format!(",request {}", b64(&r.to_string())))
            .unwrap_or_default();
        format!(
            "case {},attachment {},filename {},caption {}{request}",
            b64(&place.case.to_string()),
            b64(place.space.as_str()),
            b64(name),
            b64(caption)
        )
    }

    /// `btoa` takes one byte per character: the UTF-8 bytes, as such.
    fn utf8_as_latin1(s: &str) -> String {
        s.bytes().map(char::from).collect()
    }

    /// Sends one file from wherever its upload stands, until it is all there
    /// or refused. Nothing but a refusal stops it.
    pub async fn send(file: web_sys::File, place: Place, caption: String, item: Sending, all: RwSignal<Vec<Sending>>) {
        let Place { case, space, .. } = place;
        let key = format!(
            "ehc-upload:{case}:{}{}:{}:{}:{}",
            space.as_str(),
            place.request.map(|r| format!(":{r}")).unwrap_or_default(),
            file.name(),
            file.size(),
            file.last_modified()
        );
        let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
        let forget = || {
            if let Some(s) = &storage {
                let _ = s.remove_item(&key);
            }
        };
        let name = file.name();
        let file = gloo_file::File::from(file);
        let size = file.size();
        let mut url = storage.as_ref().and_then(|s| s.get_item(&key).ok().flatten());
        let mut offset: Option<u64> = None;
        let mut wait = 1000;
        let refuse = |why: String| {
            item.progress.set(Progress::Refused(if why.trim().is_empty() {
                "The file could not be sent. Try again".to_owned()
            } else {
                why
            }));
        };
        loop {
            if item.progress.get_untracked() == Progress::Paused {
                sleep(300).await;
                continue;
            }
            let Some(at) = url.clone() else {
                let headers = [
                    ("Upload-Length", size.to_string()),
                    ("Upload-Metadata", metadata(place, &name, &caption)),
                ];
                match request(item.id, "POST", "/uploads", &headers, None, None).await {
                    Ok(Reply {
                        status: 201,
                        location: Some(at),
                        ..
                    }) => {
                        if let Some(s) = &storage {
                            let _ = s.set_item(&key, &at);
                        }
                        url = Some(at);
                        offset = Some(0);
                    }
                    Ok(r) if (400..500).contains(&r.status) => return refuse(r.text),
                    _ => wait_for_connection(item, &mut wait).await,
                }
                continue;
            };
            let Some(from) = offset else {
                // Where it stands: after a drop, a pause or a reload.
                match request(item.id, "HEAD", &at, &[], None, None).await {
                    Ok(Reply {
                        status: 200,
                        offset: Some(o),
                        ..
                    }) => offset = Some(o),
                    Ok(r) if matches!(r.status, 404 | 410) => {
                        forget();
                        url = None;
                    }
                    Ok(r) if (400..500).contains(&r.status) => return refuse(r.text),
                    _ => wait_for_connection(item, &mut wait).await,
                }
                continue;
            };
            item.sent.set(from);
            if from >= size {
                forget();
                item.progress.set(Progress::Sent);
                return all_sent(all, space);
            }
            item.progress.set(Progress::Sending);
            let chunk = file.slice(from, (from + CHUNK).min(size));
            let sent = item.sent;
            let headers = [
                ("Upload-Offset", from.to_string()),
                ("Content-Type", "application/offset+octet-stream".to_owned()),
            ];
            let report = Box::new(move |loaded: f64| sent.set(from + loaded as u64));
            match request(item.id, "PATCH", &at, &headers, Some(chunk.as_ref()), Some(report)).await {
                Ok(Reply {
                    status: 204,
                    offset: Some(o),
                    ..
                }) => {
                    offset = Some(o);
                    wait = 1000;
                }
                // Out of step, or another request still writing: ask again.
                Ok(r) if matches!(r.status, 409 | 423 | 460) => {
                    offset = None;
                    sleep(500).await;
                }
                Ok(r) if matches!(r.status, 404 | 410) => {
                    forget();
                    url = None;
                    offset = None;
                }
                Ok(r) if (400..500).contains(&r.status) => {
                    forget();
                    return refuse(r.text);
                }
                _ => {
                    offset = None;
                    if item.progress.get_untracked() != Progress::Paused {
                        wait_for_connection(item, &mut wait).await;
                    }
                }
            }
        }
    }

    /// No answer: the connection is down or the server is restarting. Each
    /// wait is longer, up to 15 seconds.
    async fn wait_for_connection(item: Sending, wait: &mut i32) {
        item.progress.set(Progress::Waiting);
        sleep(*wait).await;
        *wait = (*wait * 2).min(15_000);
    }

    /// Once every file chosen is all there, the page shows them as the
    /// server lists them. A refusal stays on screen instead.
    fn all_sent(all: RwSignal<Vec<Sending>>, space: Attachment) {
        let done = all.with_untracked(|s| s.iter().all(|i| i.progress.get_untracked() == Progress::Sent));
        if done && let Some(window) = web_sys::window() {
            let location = window.location();
            let path = location.pathname().unwrap_or_default();
            let _ = location.set_href(&format!("{path}?done=added#{}", space.as_str()));
        }
    }
}
