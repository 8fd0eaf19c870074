//! Who is who: the leader's 居民身份证号 (GB 11643-1999) and the unit's 统一社会信用代码
//! (GB 32100-2015), checked by their check characters, and the masked form shown on screens.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why a number was refused, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdError {
    pub zh: String,
    pub en: String,
}

fn bad(zh: impl Into<String>, en: impl Into<String>) -> IdError {
    IdError {
        zh: zh.into(),
        en: en.into(),
    }
}

/// GB 11643-1999 weights of the first 17 digits (2^(17−i) mod 11).
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The check character for each remainder of the weighted sum mod 11.
const ID_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// A validated 18-character resident identity number (居民身份证号), upper-case `X`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct IdNumber(String);

impl IdNumber {
    /// Checks length, digits, the birth date (digits 7–14) and the GB 11643 check digit.
    pub fn parse(text: &str) -> Result<IdNumber, IdError> {
        let t: String = text.trim().to_uppercase();
        let chars: Vec<char> = t.chars().collect();
        if chars.len() != 18 {
            return Err(bad(
                "身份证号应为 18 位",
                "an identity number has 18 characters",
            ));
        }
        let Some(digits) = chars[..17]
            .iter()
            .map(|c| c.to_digit(10))
            .collect::<Option<Vec<u32>>>()
        else {
            return Err(bad(
                "身份证号前 17 位应为数字",
                "the first 17 characters must be digits",
            ));
        };
        if digits[0] == 0 {
            return Err(bad("身份证号的地区码不正确", "the area code is not valid"));
        }
        if Self::birth_date_of(&t).is_none() {
            return Err(bad(
                "身份证号中的出生日期不正确",
                "the birth date inside the number is not a date",
            ));
        }
        let expected = id_check(&digits);
        if chars[17] != expected {
            return Err(bad(
                "身份证号校验位不正确，请核对",
                "the check digit does not match: check the number",
            ));
        }
        Ok(IdNumber(t))
    }

    /// Builds a valid number from its parts (demo data and tests): area code, birth date and a
    /// 3-digit sequence (odd for men, even for women).
    pub fn compose(area: u32, birth: NaiveDate, seq: u32) -> Option<IdNumber> {
        let body = format!("{area:06}{}{seq:03}", birth.format("%Y%m%d"));
        let digits: Vec<u32> = body
            .chars()
            .map(|c| c.to_digit(10))
            .collect::<Option<_>>()?;
        if digits.len() != 17 {
            return None;
        }
        IdNumber::parse(&format!("{body}{}", id_check(&digits))).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date the number encodes.
    pub fn birth_date(&self) -> NaiveDate {
        Self::birth_date_of(&self.0).unwrap_or_default()
    }

    fn birth_date_of(t: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(t.get(6..14)?, "%Y%m%d").ok()
    }

    /// As shown on screens and in exports for others: area code and the last 4 characters,
    /// e.g. `640104********123X`.
    pub fn masked(&self) -> String {
        mask_id(&self.0)
    }
}

/// The masked form of an identity number as typed (first 6 and last 4 characters kept).
pub fn mask_id(text: &str) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    if chars.len() < 10 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 10))
}

fn id_check(digits: &[u32]) -> char {
    let sum: u32 = digits.iter().zip(ID_WEIGHTS).map(|(d, w)| d * w).sum();
    ID_CHECK[(sum % 11) as usize]
}

impl TryFrom<String> for IdNumber {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        IdNumber::parse(&s).map_err(|e| e.en)
    }
}

impl From<IdNumber> for String {
    fn from(v: IdNumber) -> String {
        v.0
    }
}

impl std::fmt::Display for IdNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// GB 32100-2015's alphabet: digits and 21 capitals (no I, O, S, V, Z).
const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of the first 17 characters (3^i mod 31).
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
/// GB 11714 (the organisation code inside, characters 9–17) weights of its first 8 characters.
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// A validated unified social credit code (统一社会信用代码).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct CreditCode(String);

fn uscc_value(c: char) -> Option<u32> {
    USCC_ALPHABET.find(c).and_then(|i| u32::try_from(i).ok())
}

fn uscc_check(values: &[u32]) -> char {
    let sum: u32 = values.iter().zip(USCC_WEIGHTS).map(|(v, w)| v * w).sum();
    let c = (31 - sum % 31) % 31;
    USCC_ALPHABET.chars().nth(c as usize).unwrap_or('0')
}

/// GB 11714 reads letters as A = 10 … Z = 35 (its own alphabet, unlike GB 32100's).
fn org_check(chars: &[char]) -> char {
    let value = |c: &char| match c {
        '0'..='9' => c.to_digit(10).unwrap_or(0),
        'A'..='Z' => u32::from(*c) - u32::from('A') + 10,
        _ => 0,
    };
    let sum: u32 = chars
        .iter()
        .map(value)
        .zip(ORG_WEIGHTS)
        .map(|(v, w)| v * w)
        .sum();
    match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10).unwrap_or('0'),
    }
}

impl CreditCode {
    /// Checks the alphabet, the 6-digit administrative division code, the GB 11714 check of the
    /// organisation code inside it and the GB 32100 check character.
    pub fn parse(text: &str) -> Result<CreditCode, IdError> {
        let t: String = text.trim().to_uppercase();
        let chars: Vec<char> = t.chars().collect();
        if chars.len() != 18 {
            return Err(bad(
                "统一社会信用代码应为 18 位",
                "a unified social credit code has 18 characters",
            ));
        }
        let Some(values) = chars
            .iter()
            .map(|c| uscc_value(*c))
            .collect::<Option<Vec<u32>>>()
        else {
            return Err(bad(
                "统一社会信用代码含有不允许的字符（不使用 I、O、S、V、Z）",
                "the code has a character outside its alphabet (no I, O, S, V, Z)",
            ));
        };
        if !chars[2..8].iter().all(char::is_ascii_digit) {
            return Err(bad(
                "统一社会信用代码第 3–8 位应为行政区划代码",
                "characters 3–8 must be the administrative division code",
            ));
        }
        if chars[16] != org_check(&chars[8..16]) {
            return Err(bad(
                "统一社会信用代码中的组织机构代码（第 9–17 位）校验不正确",
                "the organisation code inside (characters 9–17) fails its check",
            ));
        }
        if chars[17] != uscc_check(&values[..17]) {
            return Err(bad(
                "统一社会信用代码校验位不正确，请核对",
                "the check character does not match: check the code",
            ));
        }
        Ok(CreditCode(t))
    }

    /// Builds a valid code (demo data and tests): registration authority and type (`91` for a
    /// company registered with market regulation), division code and an 8-character body.
    pub fn compose(kind: &str, division: u32, body: &str) -> Option<CreditCode> {
        let mut head = format!("{kind}{division:06}{body}");
        let chars: Vec<char> = head.chars().collect();
        if chars.len() != 16 || chars.iter().any(|c| uscc_value(*c).is_none()) {
            return None;
        }
        head.push(org_check(&chars[8..16]));
        let values: Vec<u32> = head.chars().map(uscc_value).collect::<Option<_>>()?;
        head.push(uscc_check(&values));
        CreditCode::parse(&head).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The administrative division code (GB/T 2260) the code was issued in.
    pub fn division(&self) -> u32 {
        self.0.get(2..8).and_then(|d| d.parse().ok()).unwrap_or(0)
    }
}

impl TryFrom<String> for CreditCode {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        CreditCode::parse(&s).map_err(|e| e.en)
    }
}

impl From<CreditCode> for String {
    fn from(v: CreditCode) -> String {
        v.0
    }
}

impl std::fmt::Display for CreditCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::date;

    #[test]
    fn the_standards_own_identity_example_is_valid() {
        // GB 11643-1999's example: 北京市朝阳区, born 1949-12-31, sequence 002, check X.
        let id = IdNumber::parse("11010519491231002x").expect("valid");
        assert_eq!(id.as_str(), "11010519491231002X");
        assert_eq!(id.birth_date(), date(1949, 12, 31));
        assert_eq!(id.masked(), "110105********002X");
    }

    #[test]
    fn identity_numbers_are_refused_for_each_defect() {
        assert!(
            IdNumber::parse("110105194912310021").is_err(),
            "wrong check digit"
        );
        assert!(IdNumber::parse("11010519491331002X").is_err(), "13th month");
        assert!(IdNumber::parse("1101051949123100").is_err(), "too short");
        assert!(
            IdNumber::parse("11010519491231A02X").is_err(),
            "a letter inside"
        );
        assert!(
            IdNumber::parse("01010519491231002X").is_err(),
            "area code 0…"
        );
    }

    #[test]
    fn composed_identity_numbers_round_trip() {
        let id = IdNumber::compose(640104, date(1972, 3, 8), 37).expect("valid");
        assert_eq!(id.birth_date(), date(1972, 3, 8));
        assert_eq!(IdNumber::parse(id.as_str()), Ok(id.clone()));
    }

    #[test]
    fn credit_codes_check_both_check_characters() {
        // A code often cited as the example of GB 32100.
        let c = CreditCode::parse("91350100M000100Y43").expect("valid");
        assert_eq!(c.division(), 350100);
        assert!(
            CreditCode::parse("91350100M000100Y44").is_err(),
            "last character"
        );
        assert!(
            CreditCode::parse("91350100M000100Z43").is_err(),
            "Z is not in the alphabet"
        );
        assert!(
            CreditCode::parse("91350100M000101Y43").is_err(),
            "organisation code check"
        );
        let made = CreditCode::compose("91", 640104, "73001234").expect("valid");
        assert_eq!(CreditCode::parse(made.as_str()), Ok(made));
    }
}
