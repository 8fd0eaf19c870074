//! 第五章 the money of one studio: its entitlement (第十二条), disbursements, usage by purpose
//! (第十三条), returns of unused funds (第十八条), and reversals. Entries are never edited: a mistake
//! is corrected by a reversal that points at it. The invariants hold after every entry:
//! disbursed ≤ entitled; used ≤ disbursed; returned ≤ disbursed − used; no amount negative.

use crate::decision::Reason;
use crate::money::Fen;
use crate::subsidy::Purpose;
use crate::wire::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(
    feature = "sea-orm",
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
pub enum EntryKind {
    /// Paid to the studio's unit (finance), with a voucher number and the paying office.
    Disbursement,
    /// Spent, by purpose (the studio's unit reports it).
    Usage,
    /// Unused funds paid back (第十八条: on exit, or when the term ends).
    Return,
    /// Cancels an earlier entry, which stays on the ledger.
    Reversal,
}

impl EntryKind {
    pub const ALL: [EntryKind; 4] = [
        EntryKind::Disbursement,
        EntryKind::Usage,
        EntryKind::Return,
        EntryKind::Reversal,
    ];
    pub fn label_zh(self) -> &'static str {
        match self {
            EntryKind::Disbursement => "拨付",
            EntryKind::Usage => "使用",
            EntryKind::Return => "缴回",
            EntryKind::Reversal => "冲销",
        }
    }
    /// The English label of [`EntryKind::label_zh`].
    pub fn label_en(self) -> &'static str {
        match self {
            EntryKind::Disbursement => "disbursement",
            EntryKind::Usage => "usage",
            EntryKind::Return => "return",
            EntryKind::Reversal => "reversal",
        }
    }
}

/// The kind of money an entry moves: its own kind, or for a reversal the kind of the entry it
/// cancels (so the reversal belongs to whoever owns that money).
pub fn effect_of(kind: EntryKind, reversed: Option<EntryKind>) -> EntryKind {
    match (kind, reversed) {
        (EntryKind::Reversal, Some(original)) => original,
        (kind, _) => kind,
    }
}

/// Who records what: finance moves the money (disbursements, returns, their reversals); the
/// studio's unit reports its usage (第十三条) and reverses its own. An exited or revoked studio
/// (第十七条, 第十八条) gets no new money and reports no new spending; returns and corrections go on.
pub fn may_record(
    role: crate::account::Role,
    kind: EntryKind,
    effect: EntryKind,
    studio: crate::life::StudioStatus,
) -> Result<(), crate::decision::Reason> {
    use crate::account::Role;
    use crate::life::StudioStatus;
    let owner = match effect {
        EntryKind::Usage => Role::Applicant,
        _ => Role::Finance,
    };
    if role != owner {
        return Err(crate::decision::Reason::new(
            "ledger.not_yours",
            "第十三条",
            "拨付、缴回由财务人员录入；资金使用由工作室所在单位填报",
            "finance records disbursements and returns; the studio's unit reports usage",
        ));
    }
    if matches!(studio, StudioStatus::Exited | StudioStatus::Revoked)
        && matches!(kind, EntryKind::Disbursement | EntryKind::Usage)
    {
        return Err(crate::decision::Reason::new(
            "ledger.studio_ended",
            "第十八条",
            "工作室已退出或被取消称号，不能再拨付或填报使用；未使用资金应予缴回",
            "an exited or revoked studio gets no new money and reports no new spending",
        ));
    }
    Ok(())
}

/// One stored entry, as the rules read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Entry {
    pub id: i32,
    pub kind: EntryKind,
    /// Always positive; a reversal carries the amount of the entry it cancels.
    pub amount: Fen,
    /// The entry a reversal cancels.
    pub reverses: Option<i32>,
}

/// A studio's money at a moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Balance {
    pub entitled: Fen,
    pub disbursed: Fen,
    pub used: Fen,
    pub returned: Fen,
}

impl Balance {
    /// Disbursed and neither used nor returned: what the unit still holds.
    pub fn held(&self) -> Fen {
        Fen::from_fen(self.disbursed.fen() - self.used.fen() - self.returned.fen())
    }
    /// Entitled and not yet disbursed.
    pub fn outstanding(&self) -> Fen {
        Fen::from_fen(self.entitled.fen() - self.disbursed.fen())
    }
}

/// Why an entry may not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerError {
    Field(FieldError),
    /// The entry would break an invariant; the reason names it and the figures.
    Invariant(Reason),
}

/// The balance of `entries` (reversed entries and their reversals cancel out).
pub fn balance(entitled: Fen, entries: &[Entry]) -> Balance {
    let reversed: Vec<i32> = entries
        .iter()
        .filter(|e| e.kind == EntryKind::Reversal)
        .filter_map(|e| e.reverses)
        .collect();
    let mut b = Balance {
        entitled,
        ..Balance::default()
    };
    for e in entries.iter().filter(|e| !reversed.contains(&e.id)) {
        let slot = match e.kind {
            EntryKind::Disbursement => &mut b.disbursed,
            EntryKind::Usage => &mut b.used,
            EntryKind::Return => &mut b.returned,
            EntryKind::Reversal => continue,
        };
        *slot = Fen::from_fen(slot.fen().saturating_add(e.amount.fen()));
    }
    b
}

/// Largest single amount accepted: more than any entitlement of 第十二条.
pub const MAX_ENTRY: Fen = Fen::yuan(10_000_000);

/// Checks a new entry against the ledger it joins and returns the balance after it; nothing is
/// written unless this succeeds.
pub fn check_entry(entitled: Fen, existing: &[Entry], new: &Entry) -> Result<Balance, LedgerError> {
    let field = |f: &str, zh: &str, en: &str| LedgerError::Field(FieldError::new(f, zh, en));
    if new.kind == EntryKind::Reversal {
        let Some(target) = new
            .reverses
            .and_then(|id| existing.iter().find(|e| e.id == id))
        else {
            return Err(field(
                "reverses",
                "请选择要冲销的记录",
                "choose the entry to reverse",
            ));
        };
        if target.kind == EntryKind::Reversal {
            return Err(field(
                "reverses",
                "冲销记录不能再被冲销，请重新录入正确的记录",
                "a reversal cannot be reversed",
            ));
        }
        if existing
            .iter()
            .any(|e| e.kind == EntryKind::Reversal && e.reverses == Some(target.id))
        {
            return Err(field(
                "reverses",
                "该记录已被冲销",
                "that entry is already reversed",
            ));
        }
    } else {
        if new.reverses.is_some() {
            return Err(field(
                "reverses",
                "只有冲销记录才指向其他记录",
                "only a reversal points at another entry",
            ));
        }
        if new.amount.fen() <= 0 || new.amount > MAX_ENTRY {
            return Err(field(
                "amount_fen",
                "金额须大于 0 且不超过 1000 万元",
                "the amount must be above 0 and at most ¥10,000,000",
            ));
        }
    }
    let mut all = existing.to_vec();
    all.push(new.clone());
    let after = balance(entitled, &all);
    if after.disbursed > after.entitled {
        let (paid, entitled) = (after.disbursed, after.entitled);
        return Err(LedgerError::Invariant(Reason::new(
            "ledger.over_entitlement",
            "第十二条",
            format!("拨付合计 {paid} 将超过核定补助 {entitled}（第十二条）"),
            format!(
                "Disbursements of {paid} would exceed the entitled subsidy of {entitled} (Art. 12)"
            ),
        )));
    }
    if after.used > after.disbursed {
        let (used, paid) = (after.used, after.disbursed);
        return Err(LedgerError::Invariant(Reason::new(
            "ledger.over_disbursed",
            "第十三条",
            format!("使用合计 {used} 将超过已拨付 {paid}"),
            format!("Usage of {used} would exceed the {paid} disbursed"),
        )));
    }
    if after.held().fen() < 0 {
        let held = Fen::from_fen(after.disbursed.fen() - after.used.fen());
        let (returned, paid, used) = (after.returned, after.disbursed, after.used);
        return Err(LedgerError::Invariant(Reason::new(
            "ledger.over_held",
            "第十八条",
            format!("缴回合计 {returned} 将超过结余 {held}（已拨付 {paid} − 已使用 {used}）"),
            format!(
                "Returns of {returned} would exceed the {held} held ({paid} disbursed − {used} used)"
            ),
        )));
    }
    Ok(after)
}

/// A new entry on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewEntry {
    pub kind: EntryKind,
    /// Integer fen (¥1,234.56 is 123456).
    #[serde(default)]
    pub amount_fen: Fen,
    pub occurred_on: NaiveDate,
    /// Usage only (第十三条).
    #[serde(default)]
    pub purpose: Option<Purpose>,
    #[serde(default)]
    pub description: String,
    /// Disbursements and returns: the voucher (凭证号).
    #[serde(default)]
    pub voucher_no: String,
    /// Disbursements: who paid (e.g. 自治区财政厅).
    #[serde(default)]
    pub paying_office: String,
    /// Reversals: the entry cancelled (and a reason in `description`).
    #[serde(default)]
    pub reverses: Option<i32>,
}

impl NewEntry {
    /// The fields each kind needs; the amounts are checked by [`check_entry`].
    pub fn check(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Vec::new();
        let text = |s: &str| s.trim().chars().count();
        if self.occurred_on > today {
            e.push(FieldError::new(
                "occurred_on",
                "日期不能晚于今天",
                "the date is in the future",
            ));
        }
        match self.kind {
            EntryKind::Disbursement => {
                if text(&self.voucher_no) == 0 || text(&self.voucher_no) > 64 {
                    e.push(FieldError::new(
                        "voucher_no",
                        "请填写凭证号（最多 64 字）",
                        "enter the voucher number",
                    ));
                }
                if text(&self.paying_office) == 0 || text(&self.paying_office) > 64 {
                    e.push(FieldError::new(
                        "paying_office",
                        "请填写拨付单位（最多 64 字）",
                        "enter the paying office",
                    ));
                }
            }
            EntryKind::Usage => {
                if self.purpose.is_none() {
                    e.push(FieldError::new(
                        "purpose",
                        "请选择资金用途（第十三条）",
                        "choose the purpose (Art. 13)",
                    ));
                }
                if text(&self.description) == 0 {
                    e.push(FieldError::new(
                        "description",
                        "请说明使用内容",
                        "describe the use",
                    ));
                }
            }
            EntryKind::Return => {
                if text(&self.voucher_no) == 0 || text(&self.voucher_no) > 64 {
                    e.push(FieldError::new(
                        "voucher_no",
                        "请填写缴款凭证号（最多 64 字）",
                        "enter the voucher number",
                    ));
                }
            }
            EntryKind::Reversal => {
                if text(&self.description) == 0 {
                    e.push(FieldError::new(
                        "description",
                        "请填写冲销理由",
                        "give the reason for the reversal",
                    ));
                }
            }
        }
        if text(&self.description) > 1000 {
            e.push(FieldError::new(
                "description",
                "说明最多 1000 字",
                "at most 1000 characters",
            ));
        }
        if self.kind != EntryKind::Reversal
            && (self.amount_fen.fen() <= 0 || self.amount_fen > MAX_ENTRY)
        {
            e.push(FieldError::new(
                "amount_fen",
                "金额须大于 0 且不超过 1000 万元",
                "the amount must be above 0 and at most ¥10,000,000",
            ));
        }
        if self.kind != EntryKind::Usage && self.purpose.is_some() {
            e.push(FieldError::new(
                "purpose",
                "只有使用记录有用途",
                "only usage has a purpose",
            ));
        }
        if e.is_empty() { Ok(()) } else { Err(e) }
    }
}

/// One entry as the ledger page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntryView {
    pub id: i32,
    pub kind: EntryKind,
    pub amount_fen: Fen,
    pub purpose: Option<Purpose>,
    pub description: String,
    pub voucher_no: String,
    pub paying_office: String,
    pub occurred_on: chrono::NaiveDate,
    pub reverses: Option<i32>,
    /// Cancelled by a later reversal.
    pub reversed_by: Option<i32>,
    pub recorded_by: String,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerView {
    pub studio_id: i32,
    pub studio_name: String,
    pub balance: Balance,
    /// Entitled and not yet disbursed.
    pub outstanding_fen: Fen,
    /// Disbursed and neither used nor returned.
    pub held_fen: Fen,
    pub entries: Vec<EntryView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(id: i32, kind: EntryKind, yuan: i64, reverses: Option<i32>) -> Entry {
        Entry {
            id,
            kind,
            amount: Fen::yuan(yuan),
            reverses,
        }
    }

    const ENTITLED: Fen = Fen::yuan(100_000);

    #[test]
    fn disbursed_never_exceeds_the_entitlement() {
        let first = e(1, EntryKind::Disbursement, 60_000, None);
        assert!(check_entry(ENTITLED, &[], &first).is_ok());
        let exact = e(2, EntryKind::Disbursement, 40_000, None);
        assert_eq!(
            check_entry(ENTITLED, std::slice::from_ref(&first), &exact).map(|b| b.outstanding()),
            Ok(Fen::ZERO)
        );
        let over = Entry {
            amount: Fen::from_fen(4_000_001),
            ..exact
        };
        assert!(matches!(
            check_entry(ENTITLED, &[first], &over),
            Err(LedgerError::Invariant(_))
        ));
    }

    #[test]
    fn usage_and_returns_stay_within_what_was_paid() {
        let paid = e(1, EntryKind::Disbursement, 50_000, None);
        let used = e(2, EntryKind::Usage, 30_000, None);
        assert!(check_entry(ENTITLED, std::slice::from_ref(&paid), &used).is_ok());
        let ledger = [paid, used];
        assert!(check_entry(ENTITLED, &ledger, &e(3, EntryKind::Usage, 20_001, None)).is_err());
        assert!(check_entry(ENTITLED, &ledger, &e(3, EntryKind::Return, 20_000, None)).is_ok());
        assert!(check_entry(ENTITLED, &ledger, &e(3, EntryKind::Return, 20_001, None)).is_err());
    }

    #[test]
    fn a_reversal_cancels_its_entry_once_and_may_not_break_the_invariants() {
        let paid = e(1, EntryKind::Disbursement, 50_000, None);
        let wrong = e(2, EntryKind::Usage, 10_000, None);
        let ledger = vec![paid.clone(), wrong];
        let after = check_entry(
            ENTITLED,
            &ledger,
            &e(3, EntryKind::Reversal, 10_000, Some(2)),
        )
        .expect("reversal");
        assert_eq!(after.used, Fen::ZERO);
        let mut reversed = ledger.clone();
        reversed.push(e(3, EntryKind::Reversal, 10_000, Some(2)));
        assert!(
            check_entry(
                ENTITLED,
                &reversed,
                &e(4, EntryKind::Reversal, 10_000, Some(2))
            )
            .is_err()
        );
        assert!(
            check_entry(
                ENTITLED,
                &reversed,
                &e(4, EntryKind::Reversal, 10_000, Some(3))
            )
            .is_err()
        );
        // Reversing the disbursement while its money is used would make used > disbursed.
        let spent = vec![paid, e(2, EntryKind::Usage, 10_000, None)];
        assert!(matches!(
            check_entry(
                ENTITLED,
                &spent,
                &e(3, EntryKind::Reversal, 50_000, Some(1))
            ),
            Err(LedgerError::Invariant(_))
        ));
    }

    #[test]
    fn amounts_are_positive_and_bounded() {
        assert!(check_entry(ENTITLED, &[], &e(1, EntryKind::Disbursement, 0, None)).is_err());
        assert!(
            check_entry(
                ENTITLED,
                &[],
                &Entry {
                    amount: Fen::from_fen(-5),
                    ..e(1, EntryKind::Disbursement, 0, None)
                }
            )
            .is_err()
        );
    }
}
