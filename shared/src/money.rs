//! Money in integer fen (分): exact, never floating point.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount of money in fen (1 yuan = 100 fen). Negative values are allowed for arithmetic
/// (e.g. a reversal); the ledger decides what may be stored.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Fen(i64);

impl Fen {
    pub const ZERO: Fen = Fen(0);

    /// An amount counted in fen (分): `from_fen(150)` is ¥1.50.
    pub const fn from_fen(fen: i64) -> Fen {
        Fen(fen)
    }

    /// Whole yuan. For constants; [`Fen::try_yuan`] checks.
    pub const fn yuan(yuan: i64) -> Fen {
        Fen(yuan * 100)
    }

    /// Whole yuan, `None` beyond the range an amount can hold.
    pub fn try_yuan(yuan: i64) -> Option<Fen> {
        yuan.checked_mul(100).map(Fen)
    }

    /// The amount in fen.
    pub const fn fen(self) -> i64 {
        self.0
    }

    /// Yuan with two decimals and no grouping (`-1234.05`), as exports write amounts.
    pub fn plain_yuan(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    pub fn checked_add(self, other: Fen) -> Option<Fen> {
        self.0.checked_add(other.0).map(Fen)
    }

    pub fn checked_sub(self, other: Fen) -> Option<Fen> {
        self.0.checked_sub(other.0).map(Fen)
    }

    /// Parses an amount typed in yuan: `1234.56`, `1,234.5`, `¥100`; at most two decimals, no
    /// sign. Exact: the text is read as digits, never through a float.
    pub fn parse_yuan(text: &str) -> Option<Fen> {
        let t = text.trim().replace([',', '，', '¥'], "");
        let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || frac.len() > 2 || !digits(frac) {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let frac: i64 = format!("{frac:0<2}").parse().ok()?;
        whole.checked_mul(100)?.checked_add(frac).map(Fen)
    }
}

impl fmt::Display for Fen {
    /// `¥1,234,567.89`, negative as `-¥12.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let yuan = (abs / 100).to_string();
        let mut grouped = String::with_capacity(yuan.len() + yuan.len() / 3);
        for (i, c) in yuan.chars().enumerate() {
            if i > 0 && (yuan.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "{sign}¥{grouped}.{:02}", abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::Fen;

    #[test]
    fn yuan_text_parses_exactly() {
        assert_eq!(Fen::parse_yuan("12345.67"), Some(Fen::from_fen(1_234_567)));
        assert_eq!(Fen::parse_yuan("¥1,000.5"), Some(Fen::from_fen(100_050)));
        assert_eq!(Fen::parse_yuan("100000"), Some(Fen::from_fen(10_000_000)));
        for bad in ["", "-1", "1.234", "1e3", ".5", "abc"] {
            assert_eq!(Fen::parse_yuan(bad), None, "{bad}");
        }
    }

    #[test]
    fn money_is_shown_as_yuan_with_thousands_separators() {
        assert_eq!(Fen::from_fen(30_000_000).to_string(), "¥300,000.00");
        assert_eq!(Fen::from_fen(123_456_789).to_string(), "¥1,234,567.89");
        assert_eq!(Fen::from_fen(5).to_string(), "¥0.05");
        assert_eq!(Fen::from_fen(-1_200).to_string(), "-¥12.00");
        assert_eq!(Fen::from_fen(100_000).to_string(), "¥1,000.00");
        assert_eq!(
            Fen::from_fen(i64::MIN).to_string(),
            "-¥92,233,720,368,547,758.08"
        );
    }
}
