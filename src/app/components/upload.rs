//! Files in the browser: uploads one file at a time with a progress bar each
//! (XMLHttpRequest upload events), and the list of a ticket's attached files.
use super::text::error_message;
use crate::i18n::*;
use crate::model::ticket::Attachment;
use crate::model::AppError;
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;

/// One upload's progress as shown under the form.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadState {
    pub name: String,
    /// 0–100.
    pub pct: u32,
    pub error: Option<AppError>,
    pub done: bool,
}

/// "1.2 MB", "25 MB", "830 KB", "12 B".
pub fn human_size(n: i64) -> String {
    match n {
        n if n >= 1_000_000 => match (n + 50_000) / 100_000 {
            tenths if tenths % 10 == 0 => format!("{} MB", tenths / 10),
            tenths => format!("{}.{} MB", tenths / 10, tenths % 10),
        },
        n if n >= 1_000 => format!("{} KB", n / 1_000),
        n => format!("{n} B"),
    }
}

/// The files of a ticket, as download links.
#[component]
pub fn AttachmentList(files: Vec<Attachment>) -> impl IntoView {
    let i18n = use_i18n();
    if files.is_empty() {
        return ().into_sync_any();
    }
    view! {
        <div class="attachments">
            <h3>{t!(i18n, tickets.attachments)}</h3>
            <ul class="link-list">
                {files.into_iter().map(|f| view! {
                    <li>
                        <a href=format!("/files/{}", f.id) download=f.file_name.clone()>{f.file_name.clone()}</a>
                        <span class="muted small">{format!(" · {}", human_size(f.size))}</span>
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
    .into_sync_any()
}

/// Progress bars of the uploads in flight (or failed).
#[component]
pub fn UploadProgress(uploads: RwSignal<Vec<UploadState>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        uploads
            .get()
            .into_iter()
            .map(|u| {
                let name = u.name.clone();
                let pct = u.pct;
                view! {
                    <div class="upload">
                        <span class="small">{move || t_string!(i18n, tickets.uploading, name = name.clone()).to_string()}</span>
                        <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=pct aria-label=u.name.clone()>
                            <div class="progress-fill" style=format!("width:{pct}%")></div>
                        </div>
                        {u.error.clone().map(|e| view! { <p class="field-error" role="alert">{format!("{}: {}", u.name, error_message(i18n.get_locale(), &e))}</p> })}
                    </div>
                }
            })
            .collect_view()
    }
}

/// Uploads `files` one after the other with `PUT {target}name=…` (`target` ends in
/// `?` or `&`), updating `uploads`; calls `done` when all have finished (some may
/// have failed). A file over `max_bytes` is refused here, before any byte is sent.
#[cfg(feature = "hydrate")]
pub fn upload_all(target: String, files: Vec<web_sys::File>, max_bytes: Option<u64>, uploads: RwSignal<Vec<UploadState>>, done: Callback<()>) {
    let too_big = |f: &web_sys::File| max_bytes.is_some_and(|m| f.size() > m as f64);
    uploads.set(
        files
            .iter()
            .map(|f| UploadState {
                name: f.name(),
                pct: 0,
                error: too_big(f).then(|| AppError::TooLarge { field: "file".into(), code: "file_too_large".into() }),
                done: false,
            })
            .collect(),
    );
    let sendable = files.into_iter().map(|f| (!too_big(&f)).then_some(f)).collect();
    upload_next(target, sendable, 0, uploads, done);
}

#[cfg(feature = "hydrate")]
fn upload_next(target: String, files: Vec<Option<web_sys::File>>, i: usize, uploads: RwSignal<Vec<UploadState>>, done: Callback<()>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let Some(file) = files.get(i).cloned() else {
        done.run(());
        return;
    };
    let Some(file) = file else {
        // Refused before sending (too large): on to the next one.
        upload_next(target, files, i + 1, uploads, done);
        return;
    };
    let set = move |f: &dyn Fn(&mut UploadState)| uploads.update(|u| if let Some(s) = u.get_mut(i) { f(s) });
    let Ok(xhr) = web_sys::XmlHttpRequest::new() else { return };
    let url = format!("{target}name={}", js_sys::encode_uri_component(&file.name()));
    if xhr.open("PUT", &url).is_err() {
        return;
    }
    if let Ok(up) = xhr.upload() {
        let progress = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                let pct = (e.loaded() / e.total() * 100.0).round() as u32;
                set(&|s| s.pct = pct.min(99));
            }
        });
        up.set_onprogress(Some(progress.as_ref().unchecked_ref()));
        progress.forget();
    }
    let x = xhr.clone();
    let finished = Closure::<dyn FnMut()>::new(move || {
        let status = x.status().unwrap_or(0);
        if status == 201 {
            set(&|s| {
                s.pct = 100;
                s.done = true;
            });
        } else {
            let text = x.response_text().ok().flatten().unwrap_or_default();
            let err: AppError = serde_json::from_str(&text).unwrap_or(AppError::invalid("file", "upload_failed"));
            set(&|s| s.error = Some(err.clone()));
        }
        upload_next(target.clone(), files.clone(), i + 1, uploads, done);
    });
    xhr.set_onloadend(Some(finished.as_ref().unchecked_ref()));
    finished.forget();
    let _ = xhr.send_with_opt_blob(Some(&file));
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_as_people_write_them() {
        use super::human_size;
        assert_eq!(human_size(25_000_000), "25 MB");
        assert_eq!(human_size(100_000_000), "100 MB");
        assert_eq!(human_size(1_234_567), "1.2 MB");
        assert_eq!(human_size(1_960_000), "2 MB");
        assert_eq!(human_size(830_400), "830 KB");
        assert_eq!(human_size(12), "12 B");
    }
}
