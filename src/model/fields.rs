//! Domain values that parse, not validate: holding one means the input was good.
use super::error::AppError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A required single-line text of bounded length (titles, names).
pub fn required_text(field: &str, raw: &str, max: usize) -> Result<String, AppError> {
    let v = raw.trim();
    if v.is_empty() {
        return Err(AppError::invalid(field, "required"));
    }
    if v.chars().count() > max {
        return Err(AppError::invalid(field, "too_long"));
    }
    Ok(v.to_string())
}

/// An optional text of bounded length (descriptions, notes); empty is fine.
pub fn optional_text(field: &str, raw: &str, max: usize) -> Result<String, AppError> {
    let v = raw.trim();
    if v.chars().count() > max {
        return Err(AppError::invalid(field, "too_long"));
    }
    Ok(v.to_string())
}

/// Maximum length of titles and names.
pub const TITLE_MAX: usize = 200;
/// Maximum length of long texts.
pub const TEXT_MAX: usize = 10_000;

/// A lower-cased email address with a plausible shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// Parses `raw` for `field`, refusing anything that is not `local@domain.tld`.
    pub fn parse(field: &str, raw: &str) -> Result<Email, AppError> {
        let v = raw.trim().to_lowercase();
        if v.is_empty() {
            return Err(AppError::invalid(field, "required"));
        }
        let bad = || AppError::invalid(field, "bad_email");
        if v.len() > 254 || v.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad());
        }
        let (local, domain) = v.split_once('@').ok_or_else(bad)?;
        if local.is_empty()
            || domain.contains('@')
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
            || domain.contains("..")
            || local.contains(['<', '>', ',', ';', '"', '(', ')', '[', ']', '\\'])
            || domain.contains(['<', '>', ',', ';', '"', '(', ')', '[', ']', '\\', '_'])
        {
            return Err(bad());
        }
        Ok(Email(v))
    }
    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Parses an ISO date (`YYYY-MM-DD`) for `field`; `None` when blank.
pub fn optional_date(field: &str, raw: &str) -> Result<Option<NaiveDate>, AppError> {
    let v = raw.trim();
    if v.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| AppError::invalid(field, "bad_date"))
}

/// Parses a required ISO date for `field`.
pub fn required_date(field: &str, raw: &str) -> Result<NaiveDate, AppError> {
    optional_date(field, raw)?.ok_or_else(|| AppError::invalid(field, "required"))
}

/// A password of at least 10 characters (and at most 200).
pub fn new_password(field: &str, raw: &str) -> Result<String, AppError> {
    let n = raw.chars().count();
    if n < 10 {
        return Err(AppError::invalid(field, "password_short"));
    }
    if n > 200 {
        return Err(AppError::invalid(field, "too_long"));
    }
    Ok(raw.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(Email::parse("e", " Ana@Firm.COM ").unwrap().as_str(), "ana@firm.com");
        for bad in ["", "ana", "ana@", "@firm.com", "ana@firm", "a b@firm.com", "ana@@firm.com", "ana@firm..com"] {
            assert!(Email::parse("e", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn texts_and_dates() {
        assert_eq!(required_text("t", "  x ", 5).unwrap(), "x");
        assert_eq!(required_text("t", "   ", 5), Err(AppError::invalid("t", "required")));
        assert_eq!(required_text("t", "ççççççç", 5), Err(AppError::invalid("t", "too_long")));
        assert!(optional_date("d", "").unwrap().is_none());
        assert!(optional_date("d", "2026-02-30").is_err());
        assert!(required_date("d", "2026-02-28").is_ok());
    }
}
