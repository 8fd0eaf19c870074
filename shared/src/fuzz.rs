//! Entry points for fuzzing the rules' input parsing: every way text or bytes from outside reach
//! `shared`. Each must return without panicking whatever it is given. `fuzz/` drives them with
//! cargo-fuzz (nightly, libFuzzer); `shared/tests/fuzz_inputs.rs` drives the same functions with
//! proptest on stable, in every test run.

use crate::Fen;
use chrono::NaiveDate;

/// Dates the rules are asked about from outside, bounded as the server bounds them.
fn a_date(data: &[u8]) -> NaiveDate {
    let n = data.iter().take(4).fold(0u32, |acc, b| {
        acc.wrapping_mul(257).wrapping_add(u32::from(*b))
    });
    // 1900-01-01 plus up to ~300 years.
    NaiveDate::from_ymd_opt(1900, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(n % 110_000))))
        .unwrap_or(NaiveDate::MIN)
}

/// JSON bodies of the public and signed-in endpoints: parse, validate, evaluate.
pub fn json_bodies(data: &[u8]) {
    let today = a_date(data);
    if let Ok(input) = serde_json::from_slice::<crate::eligibility::EligibilityInput>(data)
        && input.check().is_ok()
    {
        let report = crate::eligibility::evaluate(&input, &Default::default());
        assert!(!report.findings.is_empty());
    }
    if let Ok(input) = serde_json::from_slice::<crate::assessment::AssessmentInput>(data)
        && let Ok((score, _)) = crate::assessment::assess(&input)
    {
        assert!(
            score.total.tenths() >= 0 && score.total.tenths() <= 1000,
            "{score:?}"
        );
    }
    if let Ok(entry) = serde_json::from_slice::<crate::ledger::NewEntry>(data) {
        let _ = entry.check(today);
    }
    if let Ok(report) = serde_json::from_slice::<crate::life::AnnualReportInput>(data) {
        let _ = report.check();
    }
    if let Ok(change) = serde_json::from_slice::<crate::life::NewChange>(data) {
        let _ = change.check(today);
    }
    if let Ok(exit) = serde_json::from_slice::<crate::life::NewExit>(data)
        && exit.check(today).is_ok()
    {
        assert!(exit.ban_until() > exit.decided_on);
    }
    if let Ok(panel) = serde_json::from_slice::<crate::panel::NewPanel>(data) {
        let _ = panel.check();
    }
    if let Ok(app) = serde_json::from_slice::<crate::application::NewApplication>(data) {
        let _ = app.facts.check();
    }
}

/// Amounts typed in yuan: parsed exactly, and what parses prints back to the same fen.
pub fn money_text(text: &str) {
    if let Some(f) = Fen::parse_yuan(text) {
        assert!(f.fen() >= 0);
        let printed = f.to_string();
        assert_eq!(Fen::parse_yuan(&printed), Some(f), "{text:?} → {printed}");
    }
}

/// Uploads and their names: the type is recognised by content, the name made safe.
pub fn upload(data: &[u8]) {
    let name = String::from_utf8_lossy(data);
    let clean = crate::procedure::clean_filename(&name);
    assert!(!clean.is_empty() && clean.chars().count() <= 120);
    assert!(!clean.contains(['/', '\\', '"']) && !clean.chars().any(char::is_control));
    for mime in [
        "application/pdf",
        "image/png",
        "image/jpeg",
        "text/html",
        "",
    ] {
        let _ = crate::procedure::check_upload(mime, data);
    }
}

/// Dates into every deadline of the measures.
pub fn deadlines(data: &[u8]) {
    use crate::deadlines::*;
    let d = a_date(data);
    let e = a_date(data.get(4..).unwrap_or_default());
    assert!(ban_until(d) > d);
    let cal = crate::calendar::HolidayCalendar::embedded();
    assert!(change_due(&cal, d).day > d);
    assert!(rectification_due(d) > d);
    assert!(default_term_end(d) > d);
    let (from, until) = end_of_term_window(d);
    assert!(from <= until);
    let _ = report_filing(2026, Some(d), Some(e), e);
    let _ = crate::calendar::age_on(d, e);
    // Any date chrono can hold: no panic, even where the answer saturates.
    let raw = i32::from_le_bytes([
        *data.first().unwrap_or(&0),
        *data.get(1).unwrap_or(&0),
        *data.get(2).unwrap_or(&0),
        *data.get(3).unwrap_or(&0),
    ]);
    if let Some(any) = NaiveDate::from_num_days_from_ce_opt(raw) {
        let _ = (
            ban_until(any),
            change_due(&cal, any),
            rectification_due(any),
        );
        let _ = (
            default_term_end(any),
            end_of_term_window(any),
            outlives_measures(any),
        );
        let _ = crate::calendar::age_on(any, d);
        let _ = crate::life::countdown(&cal, any, d);
    }
    let o = crate::life::Obligations {
        status: crate::life::StudioStatus::Building,
        term_start: d.min(e),
        term_end: d.max(e),
        reports_filed: vec![],
        annual_assessed: vec![],
        end_of_term_done: false,
        rectification_until: Some(e),
        open_changes: vec![(1, d)],
    };
    let _ = crate::life::obligations(&o, e);
}
