//! CNJ unified case numbers (Resolução CNJ 65/2008): `NNNNNNN-DD.AAAA.J.TR.OOOO`,
//! with check digits DD (ISO 7064 mod 97-10), and the DataJud index of the court
//! that a number names (J: the branch of justice, TR: the court within it).

/// A CNJ number whose check digits are right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CnjNumber {
    /// The 20 digits, as DataJud's `numeroProcesso` has them.
    pub digits: String,
    segment: u8,
    court: u8,
}

/// State courts (J = 8) and electoral courts (J = 6) by TR, in the CNJ's order.
const STATES: [&str; 27] = [
    "ac", "al", "ap", "am", "ba", "ce", "dft", "es", "go", "ma", "mt", "ms", "mg", "pa", "pb", "pr", "pe", "pi", "rj",
    "rn", "rs", "ro", "rr", "sc", "se", "sp", "to",
];

impl CnjNumber {
    /// Parses a reference as staff type it (dots, dashes and spaces are ignored).
    /// None when it is not 20 digits or its check digits are wrong.
    pub fn parse(raw: &str) -> Option<CnjNumber> {
        if raw.chars().any(|c| !(c.is_ascii_digit() || matches!(c, '.' | '-' | ' '))) {
            return None;
        }
        let digits: String = raw.chars().filter(|c| c.is_ascii_digit()).collect();
        if digits.len() != 20 {
            return None;
        }
        let (n, dd, rest) = (&digits[..7], &digits[7..9], &digits[9..]);
        let base: u128 = format!("{n}{rest}00").parse().ok()?;
        let check = 98 - (base % 97);
        if format!("{check:02}") != dd {
            return None;
        }
        Some(CnjNumber { segment: digits[13..14].parse().ok()?, court: digits[14..16].parse().ok()?, digits })
    }

    /// The DataJud index (`api_publica_<alias>`) of the number's court, if DataJud
    /// has one.
    pub fn alias(&self) -> Option<String> {
        let state = |tr: u8| STATES.get(usize::from(tr).checked_sub(1)?).copied();
        match (self.segment, self.court) {
            (3, _) => Some("stj".into()),
            (4, 1..=6) => Some(format!("trf{}", self.court)),
            (5, 0) => Some("tst".into()),
            (5, 1..=24) => Some(format!("trt{}", self.court)),
            (6, 0) => Some("tse".into()),
            (6, tr) => state(tr).map(|s| format!("tre-{}", if s == "dft" { "df" } else { s })),
            (7, _) => Some("stm".into()),
            (8, tr) => state(tr).map(|s| format!("tj{s}")),
            (9, 13) => Some("tjmmg".into()),
            (9, 21) => Some("tjmrs".into()),
            (9, 26) => Some("tjmsp".into()),
            _ => None,
        }
    }
}

/// Formats 18 digits (number, year, J, TR, origin) with their check digits, as a
/// CNJ number is written: for tests and the demo.
pub fn with_check_digits(n: u32, year: u16, j: u8, tr: u8, origin: u16) -> String {
    let base: u128 = format!("{n:07}{year:04}{j}{tr:02}{origin:04}00").parse().unwrap_or(0);
    let dd = 98 - (base % 97);
    format!("{n:07}-{dd:02}.{year:04}.{j}.{tr:02}.{origin:04}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_and_courts() {
        // A TJSP number (origin 0100, São Paulo's central court).
        let good = with_check_digits(1234, 2026, 8, 26, 100);
        let n = CnjNumber::parse(&good).expect("valid");
        assert_eq!(n.digits.len(), 20);
        assert_eq!(n.alias().as_deref(), Some("tjsp"));
        // One digit off: refused.
        let mut bad: Vec<char> = good.chars().collect();
        bad[0] = if bad[0] == '9' { '8' } else { '9' };
        assert_eq!(CnjNumber::parse(&bad.into_iter().collect::<String>()), None);
        assert_eq!(CnjNumber::parse("INV-2026-014"), None);
        assert_eq!(CnjNumber::parse("123"), None);
        assert_eq!(CnjNumber::parse(&with_check_digits(5, 2025, 8, 7, 1)).unwrap().alias().as_deref(), Some("tjdft"));
        assert_eq!(CnjNumber::parse(&with_check_digits(5, 2025, 4, 3, 1)).unwrap().alias().as_deref(), Some("trf3"));
        assert_eq!(CnjNumber::parse(&with_check_digits(5, 2025, 5, 2, 1)).unwrap().alias().as_deref(), Some("trt2"));
        assert_eq!(CnjNumber::parse(&with_check_digits(5, 2025, 6, 26, 1)).unwrap().alias().as_deref(), Some("tre-sp"));
        // The Supreme Court (J = 1) has no DataJud index.
        assert_eq!(CnjNumber::parse(&with_check_digits(5, 2025, 1, 0, 0)).unwrap().alias(), None);
        // A valid TJAL number as staff would type it.
        let real = CnjNumber::parse("0710802-55.2018.8.02.0001").expect("valid");
        assert_eq!(real.digits, "07108025520188020001");
        assert_eq!(real.alias().as_deref(), Some("tjal"));
    }
}
