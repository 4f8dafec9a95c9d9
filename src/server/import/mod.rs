//! The generic import of movements and publications from other feeds, as JSON lines:
//! `{"reference": "0001234-03.2026.8.26.0100", "date": "2026-11-30", "text": "…",
//!   "source": "escritorio-digital", "external_id": "abc-123"}`, with `"kind":
//! "publication"` (and an optional `"journal"`) for a publication; movement is the
//! default. Each line is added, skipped (that feed already brought it: same source and id)
//! or refused with a reason; one bad line never stops the others. Reached over HTTP
//! (`POST /integrations/import`, `Authorization: Bearer <API token>`) and from the
//! command line (`portico import`).
use crate::app::components::text::error_text;
use crate::i18n::Locale;
use crate::model::fields::{optional_text, required_text};
use crate::model::import::{IMPORT_BYTES_MAX, IMPORT_LINES_MAX, ImportReport, LineOutcome, LineResult};
use crate::model::movement::{MOVEMENT_MAX, MovementSource};
use crate::model::publication::{JOURNAL_MAX, PUBLICATION_MAX};
use crate::model::AppError;
use crate::server::db::Db;
use crate::server::repo::movements::{self, FeedMovement};
use crate::server::repo::publications::{self, FeedPublication};
use std::collections::HashMap;

pub mod http;

/// Where the HTTP import is.
pub const PATH: &str = "/integrations/import";

/// The longest feed name and feed id.
const SOURCE_MAX: usize = 40;
const EXTERNAL_ID_MAX: usize = 200;

/// A reference number as it is compared: letters and digits only, lower-cased, so
/// "0001234-03.2026.8.26.0100" and "00012340320268260100" are the same matter.
fn reference_key(raw: &str) -> String {
    raw.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// `YYYY-MM-DD`, or a time (`YYYY-MM-DDTHH:MM[:SS]`, or RFC 3339 with an offset,
/// kept in Brasília time as DataJud's are) between 1900 and a year from now.
fn occurred_at(raw: &str) -> Result<String, AppError> {
    let raw = raw.trim();
    let bad = || AppError::invalid("date", "bad_date");
    let (date, value) = if let Ok(d) = chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        (d, d.to_string())
    } else {
        let with_time = chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
            .ok()
            .map(|t| t.format("%Y-%m-%dT%H:%M").to_string())
            .or_else(|| super::datajud::answer::moment(raw))
            .ok_or_else(bad)?;
        let d = chrono::NaiveDate::parse_from_str(&with_time[..10], "%Y-%m-%d").map_err(|_| bad())?;
        (d, with_time)
    };
    let latest = chrono::Utc::now().date_naive() + chrono::Duration::days(366);
    if chrono::Datelike::year(&date) < 1900 || date > latest {
        return Err(bad());
    }
    Ok(value)
}

/// A string field of a line (missing, not a string or blank: required).
fn field<'a>(line: &'a serde_json::Map<String, serde_json::Value>, name: &str) -> Result<&'a str, AppError> {
    line.get(name).and_then(|v| v.as_str()).filter(|s| !s.trim().is_empty()).ok_or_else(|| AppError::invalid(name, "required"))
}

/// What one line brings.
#[derive(Debug)]
enum Item {
    Movement(FeedMovement),
    Publication(FeedPublication),
}

/// One line checked: the matter's reference key and what it brings.
fn parse_line(raw: &str) -> Result<(String, Item), AppError> {
    let value: serde_json::Value = serde_json::from_str(raw).map_err(|_| AppError::invalid("line", "bad_json"))?;
    let obj = value.as_object().ok_or_else(|| AppError::invalid("line", "bad_json"))?;
    let publication = match obj.get("kind") {
        None | Some(serde_json::Value::Null) => false,
        Some(k) => match k.as_str().map(str::trim) {
            Some("movement") => false,
            Some("publication") => true,
            _ => return Err(AppError::invalid("kind", "bad_choice")),
        },
    };
    let reference = reference_key(field(obj, "reference")?);
    if reference.is_empty() {
        return Err(AppError::invalid("reference", "unknown_matter"));
    }
    let occurred_at = occurred_at(field(obj, "date")?)?;
    let text = required_text("text", field(obj, "text")?, if publication { PUBLICATION_MAX } else { MOVEMENT_MAX })?;
    let source = field(obj, "source")?.trim().to_lowercase();
    if source.chars().count() > SOURCE_MAX || !source.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) {
        return Err(AppError::invalid("source", "bad_source"));
    }
    let external_id = required_text("external_id", field(obj, "external_id")?, EXTERNAL_ID_MAX)?;
    let external_id = format!("{source}:{external_id}");
    let item = if publication {
        let journal = match obj.get("journal") {
            None | Some(serde_json::Value::Null) => String::new(),
            Some(j) => optional_text("journal", j.as_str().ok_or_else(|| AppError::invalid("journal", "bad_choice"))?, JOURNAL_MAX)?,
        };
        Item::Publication(FeedPublication { external_id, published_on: occurred_at[..10].to_string(), journal, text })
    } else {
        Item::Movement(FeedMovement { source: MovementSource::Import, external_id, occurred_at, text })
    };
    Ok((reference, item))
}

fn refused(line: usize, e: AppError, locale: Locale) -> LineOutcome {
    let (field, code) = match e {
        AppError::Invalid { field, code } => (field, code),
        other => ("line".to_string(), other.to_string()),
    };
    LineOutcome { line, result: LineResult::Refused, message: Some(format!("{field}: {}", error_text(locale, &code))), field: Some(field), code: Some(code) }
}

/// Imports `body` (JSON lines) into workspace `workspace_id`. Lines are checked
/// first; the valid ones are then written in one transaction (a fault of ours
/// writes none of them). Blank lines are passed over; lines count from 1.
pub async fn run(db: &Db, workspace_id: &str, body: &str, locale: Locale) -> Result<ImportReport, AppError> {
    if body.len() > IMPORT_BYTES_MAX {
        return Err(AppError::TooLarge { field: "body".into(), code: "file_too_large".into() });
    }
    let lines: Vec<(usize, &str)> =
        body.lines().enumerate().map(|(i, l)| (i + 1, l.trim())).filter(|(_, l)| !l.is_empty()).collect();
    if lines.is_empty() {
        return Err(AppError::invalid("body", "required"));
    }
    if lines.len() > IMPORT_LINES_MAX {
        return Err(AppError::invalid("body", "too_many_lines"));
    }
    let matters: Vec<(String, String)> = sqlx::query_as("SELECT id, reference FROM matters WHERE workspace_id = $1 AND reference <> ''")
        .bind(workspace_id)
        .fetch_all(&db.pool)
        .await?;
    let mut by_reference: HashMap<String, Vec<String>> = HashMap::new();
    for (id, reference) in matters {
        by_reference.entry(reference_key(&reference)).or_default().push(id);
    }
    let mut report = ImportReport::default();
    let mut tx = db.begin().await?;
    for (n, raw) in lines {
        let checked = parse_line(raw).and_then(|(key, m)| match by_reference.get(&key).map(Vec::as_slice) {
            Some([matter_id]) => Ok((matter_id.clone(), m)),
            Some(_) => Err(AppError::invalid("reference", "ambiguous_matter")),
            None => Err(AppError::invalid("reference", "unknown_matter")),
        });
        let outcome = match checked {
            Ok((matter_id, item)) => {
                let added = match &item {
                    Item::Movement(m) => movements::add_from_feed(&mut *tx, &matter_id, m).await?,
                    Item::Publication(p) => publications::add_from_feed(&mut *tx, &matter_id, p).await?,
                };
                LineOutcome { line: n, result: if added { LineResult::Added } else { LineResult::Skipped }, field: None, code: None, message: None }
            }
            Err(e) => refused(n, e, locale),
        };
        match outcome.result {
            LineResult::Added => report.added += 1,
            LineResult::Skipped => report.skipped += 1,
            LineResult::Refused => report.refused += 1,
        }
        report.lines.push(outcome);
    }
    tx.commit().await?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_compare_by_letters_and_digits() {
        assert_eq!(reference_key("0001234-03.2026.8.26.0100"), reference_key(" 00012340320268260100 "));
        assert_ne!(reference_key("0001234-03.2026.8.26.0100"), reference_key("0001234-03.2026.8.26.0101"));
    }

    #[test]
    fn dates_are_days_or_minutes_in_a_sane_range() {
        assert_eq!(occurred_at("2026-11-30").unwrap(), "2026-11-30");
        assert_eq!(occurred_at("2026-11-30T14:05").unwrap(), "2026-11-30T14:05");
        assert_eq!(occurred_at("2026-11-30T14:05:09").unwrap(), "2026-11-30T14:05");
        assert_eq!(occurred_at("2026-11-30T17:05:00Z").unwrap(), "2026-11-30T14:05", "Brasília time");
        for bad in ["30/11/2026", "2026-13-01", "1850-01-01", "9999-01-01", "amanhã", ""] {
            assert!(occurred_at(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_line_names_what_is_wrong() {
        let code = |raw: &str| match parse_line(raw) {
            Err(AppError::Invalid { field, code }) => format!("{field}:{code}"),
            other => format!("{other:?}"),
        };
        let ok = r#"{"reference":"1","date":"2026-01-02","text":"Juntada","source":"feed","external_id":"9"}"#;
        match parse_line(ok).unwrap().1 {
            Item::Movement(m) => assert_eq!(m.external_id, "feed:9"),
            other => panic!("{other:?}"),
        }
        let publication = r#"{"kind":"publication","journal":"DJE-SP","reference":"1","date":"2026-01-02T10:00","text":"Intimação","source":"feed","external_id":"9"}"#;
        match parse_line(publication).unwrap().1 {
            Item::Publication(p) => assert_eq!((p.published_on.as_str(), p.journal.as_str()), ("2026-01-02", "DJE-SP")),
            other => panic!("{other:?}"),
        }
        assert_eq!(code(&ok.replace(r#""reference""#, r#""kind":"evento","reference""#)), "kind:bad_choice");
        assert_eq!(code("{not json"), "line:bad_json");
        assert_eq!(code("[1,2]"), "line:bad_json");
        assert_eq!(code(r#"{"date":"2026-01-02","text":"x","source":"f","external_id":"1"}"#), "reference:required");
        assert_eq!(code(r#"{"reference":"1","date":"ontem","text":"x","source":"f","external_id":"1"}"#), "date:bad_date");
        assert_eq!(code(r#"{"reference":"1","date":"2026-01-02","text":"  ","source":"f","external_id":"1"}"#), "text:required");
        assert_eq!(code(r#"{"reference":"1","date":"2026-01-02","text":"x","source":"a b","external_id":"1"}"#), "source:bad_source");
        assert_eq!(code(r#"{"reference":"1","date":"2026-01-02","text":"x","source":"f","external_id":5}"#), "external_id:required");
    }
}
