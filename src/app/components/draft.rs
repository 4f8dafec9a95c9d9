//! A ticket typed offline, kept on this device (localStorage) until it is sent. The
//! page script deletes every draft when the client signs out.
//! The draft is the form's own [`TicketInput`], as JSON (the page script writes the
//! same shape from the form's fields when the app does not run).
use crate::model::ticket::TicketInput;

/// The storage key of the draft for a matter (the page script clears this prefix).
pub fn key(matter_id: &str) -> String {
    format!("portico-draft:{matter_id}")
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

/// The draft kept for `matter_id`, if any (always none on the server).
pub fn load(matter_id: &str) -> Option<TicketInput> {
    #[cfg(feature = "hydrate")]
    {
        let raw = storage()?.get_item(&key(matter_id)).ok()??;
        return serde_json::from_str(&raw).ok();
    }
    #[allow(unreachable_code)]
    {
        let _ = matter_id;
        None
    }
}

/// Keeps `draft` for `matter_id`; false when the device refuses (storage full or off).
pub fn save(matter_id: &str, draft: &TicketInput) -> bool {
    #[cfg(feature = "hydrate")]
    {
        let Ok(raw) = serde_json::to_string(draft) else { return false };
        return storage().is_some_and(|s| s.set_item(&key(matter_id), &raw).is_ok());
    }
    #[allow(unreachable_code)]
    {
        let _ = (matter_id, draft);
        false
    }
}

/// Forgets the draft of `matter_id` (sent).
pub fn remove(matter_id: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(s) = storage() {
        let _ = s.remove_item(&key(matter_id));
    }
    let _ = matter_id;
}

/// False when the browser knows it has no connection (always true on the server).
pub fn online() -> bool {
    #[cfg(feature = "hydrate")]
    {
        return leptos::prelude::window().navigator().on_line();
    }
    #[allow(unreachable_code)]
    true
}
