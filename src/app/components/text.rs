//! Words and dates in the user's language.
use crate::i18n::*;
use crate::model::matter::{LinkKind, MatterKind, MatterStatus, Visibility};
use chrono::NaiveDate;

/// The message for an error code (see `AppError::code`).
pub fn error_text(l: Locale, code: &str) -> String {
    match code {
        "required" => td_string!(l, errors.required),
        "too_long" => td_string!(l, errors.too_long),
        "bad_email" => td_string!(l, errors.bad_email),
        "bad_date" => td_string!(l, errors.bad_date),
        "bad_choice" => td_string!(l, errors.bad_choice),
        "bad_document" => td_string!(l, errors.bad_document),
        "bad_phone" => td_string!(l, errors.bad_phone),
        "password_short" => td_string!(l, errors.password_short),
        "ends_before_start" => td_string!(l, errors.ends_before_start),
        "team_required" => td_string!(l, errors.team_required),
        "email_taken" => td_string!(l, errors.email_taken),
        "email_is_staff" => td_string!(l, errors.email_is_staff),
        "email_is_client" => td_string!(l, errors.email_is_client),
        "name_taken" => td_string!(l, errors.name_taken),
        "link_self" => td_string!(l, errors.link_self),
        "link_exists" => td_string!(l, errors.link_exists),
        "column_not_empty" => td_string!(l, errors.column_not_empty),
        "last_column" => td_string!(l, errors.last_column),
        "too_many_columns" => td_string!(l, errors.too_many_columns),
        "too_many" => td_string!(l, errors.too_many),
        "cannot_deactivate_self" => td_string!(l, errors.cannot_deactivate_self),
        "cannot_demote_self" => td_string!(l, errors.cannot_demote_self),
        "unauthorized" => td_string!(l, errors.unauthorized),
        "not_found" => td_string!(l, errors.not_found),
        "rate_limited" => td_string!(l, errors.rate_limited),
        "forbidden" => td_string!(l, errors.forbidden),
        "offline" => td_string!(l, errors.offline),
        "bad_request" => td_string!(l, errors.bad_request),
        "bad_emails" => td_string!(l, errors.bad_emails),
        "emails_are_staff" => td_string!(l, errors.emails_are_staff),
        "blocks_required" => td_string!(l, errors.blocks_required),
        "date_in_past" => td_string!(l, errors.date_in_past),
        "not_link_access" => td_string!(l, errors.not_link_access),
        "ticket_closed" => td_string!(l, errors.ticket_closed),
        "ticket_has_task" => td_string!(l, errors.ticket_has_task),
        "preview_read_only" => td_string!(l, errors.preview_read_only),
        "file_too_large" => td_string!(l, errors.file_too_large),
        "ticket_files_too_large" => td_string!(l, errors.ticket_files_too_large),
        "file_type_refused" => td_string!(l, errors.file_type_refused),
        "file_empty" => td_string!(l, errors.file_empty),
        "bad_file_name" => td_string!(l, errors.bad_file_name),
        "upload_failed" => td_string!(l, errors.upload_failed),
        "movement_automatic" => td_string!(l, errors.movement_automatic),
        "phrase_taken" => td_string!(l, errors.phrase_taken),
        "datajud_off" => td_string!(l, errors.datajud_off),
        "bad_number" => td_string!(l, errors.bad_number),
        "unknown_court" => td_string!(l, errors.unknown_court),
        "court_down" => td_string!(l, errors.court_down),
        "court_timeout" => td_string!(l, errors.court_timeout),
        "court_refused_key" => td_string!(l, errors.court_refused_key),
        "bad_answer" => td_string!(l, errors.bad_answer),
        "not_at_court" => td_string!(l, errors.not_at_court),
        "bad_json" => td_string!(l, errors.bad_json),
        "unknown_matter" => td_string!(l, errors.unknown_matter),
        "ambiguous_matter" => td_string!(l, errors.ambiguous_matter),
        "bad_source" => td_string!(l, errors.bad_source),
        "too_many_lines" => td_string!(l, errors.too_many_lines),
        "publication_imported" => td_string!(l, errors.publication_imported),
        "bad_hours" => td_string!(l, errors.bad_hours),
        "bad_days" => td_string!(l, errors.bad_days),
        _ => td_string!(l, errors.internal),
    }
    .to_string()
}

/// The message for `e`, naming the refused items when there are some.
pub fn error_message(l: Locale, e: &crate::model::AppError) -> String {
    match e {
        crate::model::AppError::Rejected { items, .. } => format!("{} {}", error_text(l, e.code()), items.join(", ")),
        _ => error_text(l, e.code()),
    }
}

/// Label of a shareable block.
pub fn block_label(l: Locale, b: crate::model::sharing::Block) -> String {
    use crate::model::sharing::Block::*;
    match b {
        Deadline => td_string!(l, blocks.deadline),
        Schedule => td_string!(l, blocks.schedule),
        Tasks => td_string!(l, blocks.tasks),
        Cycles => td_string!(l, blocks.cycles),
        AutoMovements => td_string!(l, blocks.auto_movements),
        ManualMovements => td_string!(l, blocks.manual_movements),
        Publications => td_string!(l, blocks.publications),
        Documents => td_string!(l, blocks.documents),
    }
    .to_string()
}

/// An epoch-millisecond time as the user's locale writes date and time: Brasília
/// time (UTC−3, no daylight saving since 2019) in Portuguese, UTC in English. The
/// same on the server and in the browser, so hydration matches.
pub fn fmt_time(l: Locale, ms: i64) -> String {
    let Some(t) = chrono::DateTime::from_timestamp_millis(ms) else { return String::new() };
    match l {
        Locale::en => t.format("%m/%d/%Y %H:%M UTC").to_string(),
        _ => (t - chrono::Duration::hours(3)).format("%d/%m/%Y %H:%M").to_string(),
    }
}

/// `2026-11-22` as the user's locale writes dates.
pub fn fmt_date(l: Locale, iso: &str) -> String {
    match NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => match l {
            Locale::en => d.format("%m/%d/%Y").to_string(),
            _ => d.format("%d/%m/%Y").to_string(),
        },
        Err(_) => iso.to_string(),
    }
}

/// A movement's moment, `2026-11-22` or `2026-11-22T14:05`, as the user's locale
/// writes it (a date, with the time when there is one).
pub fn fmt_moment(l: Locale, iso: &str) -> String {
    match chrono::NaiveDateTime::parse_from_str(iso, "%Y-%m-%dT%H:%M") {
        Ok(t) => match l {
            Locale::en => t.format("%m/%d/%Y %H:%M").to_string(),
            _ => t.format("%d/%m/%Y %H:%M").to_string(),
        },
        Err(_) => fmt_date(l, iso),
    }
}

/// Label of a matter kind.
pub fn kind_label(l: Locale, k: MatterKind) -> String {
    match k {
        MatterKind::Legal => td_string!(l, kind.legal),
        MatterKind::Project => td_string!(l, kind.project),
        MatterKind::Recurring => td_string!(l, kind.recurring),
    }
    .to_string()
}

/// Label of a matter status.
pub fn status_label(l: Locale, s: MatterStatus) -> String {
    match s {
        MatterStatus::Active => td_string!(l, status.active),
        MatterStatus::OnHold => td_string!(l, status.on_hold),
        MatterStatus::Closed => td_string!(l, status.closed),
    }
    .to_string()
}

/// Label of a visibility.
pub fn visibility_label(l: Locale, v: Visibility) -> String {
    match v {
        Visibility::Workspace => td_string!(l, visibility.workspace),
        Visibility::Team => td_string!(l, visibility.team),
        Visibility::Private => td_string!(l, visibility.private),
    }
    .to_string()
}

/// Label of a link, seen from the matter on screen.
pub fn link_label(l: Locale, k: LinkKind, incoming: bool) -> String {
    match (k, incoming) {
        (LinkKind::Appeal, true) => td_string!(l, links.has_appeal),
        (LinkKind::Appeal, false) => td_string!(l, links.is_appeal_of),
        (LinkKind::Related, _) => td_string!(l, links.related),
    }
    .to_string()
}

/// Whole days from `today` to `iso` (negative when past).
pub fn days_between(today: &str, iso: &str) -> Option<i64> {
    let a = NaiveDate::parse_from_str(today, "%Y-%m-%d").ok()?;
    let b = NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok()?;
    Some((b - a).num_days())
}

/// Label of a ticket priority.
pub fn priority_label(l: Locale, p: crate::model::ticket::Priority) -> String {
    use crate::model::ticket::Priority::*;
    match p {
        Low => td_string!(l, tickets.priority_low),
        Normal => td_string!(l, tickets.priority_normal),
        High => td_string!(l, tickets.priority_high),
        Urgent => td_string!(l, tickets.priority_urgent),
    }
    .to_string()
}

/// How long ago `then` was, from `now` (epoch ms): "3 d", "5 h", "12 min".
pub fn age(l: Locale, then: i64, now: i64) -> String {
    let mins = ((now - then).max(0) / 60_000) as i64;
    if mins >= 24 * 60 {
        td_string!(l, tickets.days, count = mins / (24 * 60)).to_string()
    } else if mins >= 60 {
        td_string!(l, tickets.hours, count = mins / 60).to_string()
    } else {
        td_string!(l, tickets.minutes, count = mins).to_string()
    }
}

/// The default name of a ticket state (workspaces may rename them).
pub fn state_label(l: Locale, s: crate::model::ticket::TicketState) -> String {
    use crate::model::ticket::TicketState::*;
    match s {
        Received => td_string!(l, tickets.state_received),
        InProgress => td_string!(l, tickets.state_in_progress),
        Done => td_string!(l, tickets.state_done),
        Closed => td_string!(l, tickets.state_closed),
    }
    .to_string()
}

/// A whole number with the language's digit grouping (10.000 in pt-BR, 10,000 in English).
pub fn fmt_count(l: Locale, n: i64) -> String {
    let sep = if l == Locale::en { ',' } else { '.' };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_language() {
        assert_eq!(fmt_count(Locale::pt_BR, 10_000), "10.000");
        assert_eq!(fmt_count(Locale::en, 1_234_567), "1,234,567");
        assert_eq!(fmt_count(Locale::en, 999), "999");
        assert_eq!(fmt_count(Locale::pt_BR, -1000), "-1.000");
        assert_eq!(fmt_count(Locale::pt_BR, 0), "0");
    }
}

/// The page's `<title>` in the user's language, following a language switch.
///
/// The title is read by leptos_meta after the page's reactive owner may already be
/// gone (a request cancelled mid-render), so it reads the language from its own
/// reference-counted copy, never from the (disposable) i18n signal.
#[leptos::component]
pub fn PageTitle(text: fn(Locale) -> String) -> impl leptos::IntoView {
    use leptos::prelude::*;
    let i18n = use_i18n();
    let locale = ArcRwSignal::new(i18n.get_locale_untracked());
    let follow = locale.clone();
    Effect::new(move |_| follow.set(i18n.get_locale()));
    leptos::view! { <leptos_meta::Title text=move || text(locale.get())/> }
}
