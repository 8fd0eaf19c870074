//! The tablet's queue: every tap kept on the device with its own id, decided by shared's ladder
//! before it is queued, and the marks the browser suite reads.

use crate::storage;
use shared::Tenths;
use shared::panel::{PanelState, PanelView, SheetStatus, SheetView, SyncRequest};
use shared::scoring::{Edit, EditDecision, EditRules, SheetFacts, decide_edit};
use std::collections::BTreeMap;

pub(super) const QUEUE_KEY: &str = "skill-studio.score-queue.v1";

pub(super) fn packet_key(panel: i32) -> String {
    format!("skill-studio.panel.{panel}")
}

pub(super) fn now_utc() -> chrono::DateTime<chrono::Utc> {
    let ms = js_sys::Date::now() as i64;
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// An id no other tap on any tablet will have: this device's random id, the time and a counter.
pub(super) fn change_id() -> String {
    let device = storage::load_json::<String>("skill-studio.device-id").unwrap_or_else(|| {
        let id = format!("{:08x}", (js_sys::Math::random() * 4_294_967_295.0) as u64);
        storage::save_json("skill-studio.device-id", &id);
        id
    });
    let n = storage::load_json::<u64>("skill-studio.change-counter").unwrap_or(0) + 1;
    storage::save_json("skill-studio.change-counter", &n);
    format!("{device}-{}-{n}", js_sys::Date::now() as u64)
}

pub(super) fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

pub(super) fn measure(name: &str, start: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark(name, start);
    }
}

/// What the tablet shows for its own sheets: the server's values with the queued changes on top.
pub(super) fn local_values(sheet: &SheetView, queue: &SyncRequest) -> BTreeMap<String, Tenths> {
    let mut values = sheet.values.clone();
    for c in queue.changes.iter().filter(|c| c.sheet_id == sheet.id) {
        values.insert(c.item.clone(), c.value);
    }
    values
}

pub(super) fn locally_signed(sheet: &SheetView, queue: &SyncRequest) -> bool {
    sheet.status == SheetStatus::Signed || queue.signs.iter().any(|s| s.sheet_id == sheet.id)
}

/// The server's own decision on an edit, asked on the device before it is queued: a tap the
/// server would refuse is refused here at once, with the same reason.
pub(super) fn decide_locally(
    packet: Option<&PanelView>,
    queue: &SyncRequest,
    sheet_id: i32,
    edit: &Edit,
) -> EditDecision {
    let Some(p) = packet else {
        return EditDecision::Accept;
    };
    let sheet = p.sheets.iter().find(|s| s.id == sheet_id);
    let facts = SheetFacts {
        mine: sheet.is_some(),
        panel_closed: p.state == PanelState::Closed,
        excluded: sheet.and_then(|s| s.recusal.clone()),
        signed: sheet.is_some_and(|s| locally_signed(s, queue)),
    };
    let level = sheet
        .and_then(|s| p.candidates.iter().find(|c| c.id == s.candidate_id))
        .map(|c| c.level);
    let rules = EditRules {
        purpose: p.purpose,
        rubric: &p.rubric,
        level,
    };
    decide_edit(&facts, &rules, edit)
}
