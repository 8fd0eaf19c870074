//! Scores in integer tenths of a point: exact, never floating point.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A score in tenths of a point (29.9 points = `Tenths::from_tenths(299)`).
///
/// On the wire it is a JSON number with one decimal (`29.9`); it is produced from the
/// decimal text, so no float arithmetic ever touches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Tenths(i32);

impl Tenths {
    pub const ZERO: Tenths = Tenths(0);

    /// A score counted in tenths: `from_tenths(299)` is 29.9 points.
    pub const fn from_tenths(tenths: i32) -> Tenths {
        Tenths(tenths)
    }

    /// Whole points: `points(30)` is 30.0. For constants; [`Tenths::try_points`] checks.
    pub const fn points(points: i32) -> Tenths {
        Tenths(points * 10)
    }

    /// Whole points, `None` beyond the range a score can hold.
    pub fn try_points(points: i64) -> Option<Tenths> {
        Tenths::try_from_tenths(points.checked_mul(10)?)
    }

    /// Tenths from a wider integer (a sum, a stored value), `None` beyond the range.
    pub fn try_from_tenths(tenths: i64) -> Option<Tenths> {
        i32::try_from(tenths).ok().map(Tenths)
    }

    /// The score in tenths of a point.
    pub const fn tenths(self) -> i32 {
        self.0
    }

    pub fn checked_add(self, other: Tenths) -> Option<Tenths> {
        self.0.checked_add(other.0).map(Tenths)
    }

    /// Parses `"25.1"`, `"25"`, `"-0.5"`; at most one decimal.
    pub fn parse(text: &str) -> Option<Tenths> {
        let text = text.trim();
        let (neg, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, frac) = match digits.split_once('.') {
            Some((w, f)) => (w, f),
            None => (digits, ""),
        };
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 1 {
            return None;
        }
        if !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let whole: i32 = whole.parse().ok()?;
        let frac: i32 = if frac.is_empty() {
            0
        } else {
            frac.parse().ok()?
        };
        let value = whole.checked_mul(10)?.checked_add(frac)?;
        Some(Tenths::from_tenths(if neg { -value } else { value }))
    }
}

impl fmt::Display for Tenths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{}", abs / 10, abs % 10)
    }
}

impl Serialize for Tenths {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The shortest decimal that round-trips: `25.1` stays `25.1` in JSON.
        let as_number: f64 = self
            .to_string()
            .parse()
            .map_err(serde::ser::Error::custom)?;
        serializer.serialize_f64(as_number)
    }
}

impl<'de> Deserialize<'de> for Tenths {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let number = f64::deserialize(deserializer)?;
        // Format with enough digits to see whether more than one decimal was sent.
        let text = format!("{number}");
        Tenths::parse(&text)
            .ok_or_else(|| serde::de::Error::custom("a score has at most one decimal"))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Tenths {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Number)
            .description(Some("points with one decimal (exact tenths)"))
            .multiple_of(Some(0.1))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Tenths {}

#[cfg(test)]
mod tests {
    use super::Tenths;

    #[test]
    fn tenths_print_and_parse_with_one_decimal() {
        assert_eq!(Tenths::from_tenths(251).to_string(), "25.1");
        assert_eq!(Tenths::from_tenths(300).to_string(), "30.0");
        assert_eq!(Tenths::from_tenths(-5).to_string(), "-0.5");
        assert_eq!(Tenths::parse("25.1"), Some(Tenths::from_tenths(251)));
        assert_eq!(Tenths::parse("25"), Some(Tenths::from_tenths(250)));
        assert_eq!(Tenths::parse("25.15"), None);
        assert_eq!(Tenths::parse("abc"), None);
        assert_eq!(Tenths::parse(".5"), None);
    }

    #[test]
    fn tenths_are_json_numbers_with_one_decimal() {
        assert_eq!(
            serde_json::to_string(&Tenths::from_tenths(251))
                .ok()
                .as_deref(),
            Some("25.1")
        );
        assert_eq!(
            serde_json::to_string(&Tenths::from_tenths(1000))
                .ok()
                .as_deref(),
            Some("100.0")
        );
        assert_eq!(
            serde_json::from_str::<Tenths>("29.9").ok(),
            Some(Tenths::from_tenths(299))
        );
        assert!(serde_json::from_str::<Tenths>("29.95").is_err());
    }
}
