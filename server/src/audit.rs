//! The audit trail (第十九条): appending (in the change's transaction, holding the chain's head),
//! enqueueing (for the tablets' sync, linked shortly after by whoever holds the head next), and
//! verification. Each entry's hash covers its fields and the previous entry's hash, so editing or
//! deleting an entry breaks the chain from there on; `prev_hash` is UNIQUE, so the chain cannot
//! fork. Nothing updates or deletes chained rows.

pub use crate::actor::Actor;
use crate::entity::{audit_head, audit_log, audit_pending};
use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, QueryOrder,
    QuerySelect,
};
use sha2::{Digest, Sha256};
use shared::account::{AuditEntry, AuditVerification};

/// The hash the first entry links to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened to which object; `before`/`after` are JSON snapshots.
#[derive(Debug, Clone, Default)]
pub struct Event {
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub reason: Option<String>,
}

impl Event {
    pub fn new(action: &str, object_type: &str, object_id: impl ToString) -> Event {
        Event {
            action: action.into(),
            object_type: object_type.into(),
            object_id: object_id.to_string(),
            ..Event::default()
        }
    }
    pub fn before(mut self, v: &impl serde::Serialize) -> Event {
        self.before = serde_json::to_string(v).ok();
        self
    }
    pub fn after(mut self, v: &impl serde::Serialize) -> Event {
        self.after = serde_json::to_string(v).ok();
        self
    }
    pub fn reason(mut self, r: Option<String>) -> Event {
        self.reason = r.filter(|r| !r.trim().is_empty());
        self
    }
}

fn timestamp(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// SHA-256 over the length-prefixed fields, so no two different entries encode alike.
fn digest(prev: &str, at: &DateTime<Utc>, m: &audit_log::Model) -> String {
    let fields: [Option<String>; 11] = [
        Some(prev.to_owned()),
        Some(timestamp(at)),
        m.actor_id.map(|i| i.to_string()),
        Some(m.actor.clone()),
        m.role.map(|r| shared::wire::enum_name(&r)),
        Some(m.action.clone()),
        Some(m.object_type.clone()),
        Some(m.object_id.clone()),
        m.before.clone(),
        m.after.clone(),
        m.reason.clone(),
    ];
    let mut h = Sha256::new();
    for f in &fields {
        match f {
            Some(s) => h.update(format!("{}:{s}|", s.len())),
            None => h.update("-|"),
        }
    }
    format!("{:x}", h.finalize())
}

/// Column limits of `audit_log.actor` / `object_id` (characters).
const SHORT_TEXT: usize = 64;

fn short(text: String) -> String {
    if text.chars().count() <= SHORT_TEXT {
        text
    } else {
        text.chars().take(SHORT_TEXT).collect()
    }
}

/// Links `entries` (their fields filled, `seq` and hashes not), oldest first, after the head and
/// moves the head to the last: the hashes are chained in memory and the rows written in a few
/// statements, whatever their number. The caller's transaction holds the head (see
/// [`crate::state::AppState::begin_audited`]); the first statement takes it again for callers that
/// write outside one (the seed).
async fn link<C: ConnectionTrait>(db: &C, entries: Vec<audit_log::Model>) -> Result<(), DbErr> {
    if entries.is_empty() {
        return Ok(());
    }
    db.execute_unprepared("UPDATE audit_head SET seq = seq WHERE id = 1")
        .await?;
    let head = audit_head::Entity::find_by_id(1)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("audit_head".into()))?;
    let mut prev = head.hash;
    let mut rows = Vec::with_capacity(entries.len());
    for mut m in entries {
        m.prev_hash = prev;
        m.hash = digest(&m.prev_hash, &m.at, &m);
        prev = m.hash.clone();
        let mut row = sea_orm::IntoActiveModel::into_active_model(m);
        row.seq = sea_orm::ActiveValue::NotSet;
        rows.push(row);
    }
    // In order: each row's sequence number follows the one before it (one multi-row insert per
    // chunk, numbered in the order of its rows), which is the order the chain is verified in.
    let mut seq = head.seq;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(200).collect();
        if let Some(last) = audit_log::Entity::insert_many(chunk)
            .exec(db)
            .await?
            .last_insert_id
        {
            seq = last;
        }
    }
    audit_head::Entity::update(audit_head::ActiveModel {
        id: Set(1),
        seq: Set(seq),
        hash: Set(prev),
    })
    .exec(db)
    .await?;
    Ok(())
}

fn entry(at: DateTime<Utc>, actor: &Actor, event: Event) -> audit_log::Model {
    audit_log::Model {
        seq: 0,
        at,
        actor_id: actor.id,
        actor: short(actor.username.clone()),
        role: actor.role,
        action: event.action,
        object_type: event.object_type,
        object_id: short(event.object_id),
        before: event.before,
        after: event.after,
        reason: event.reason,
        prev_hash: String::new(),
        hash: String::new(),
    }
}

/// Appends one entry, inside the transaction that makes the change. The head row is written first,
/// so concurrent appends wait for each other (SQLite's write lock, PostgreSQL's row lock) and the
/// chain links in commit order.
pub async fn append<C: ConnectionTrait>(
    db: &C,
    at: DateTime<Utc>,
    actor: &Actor,
    event: Event,
) -> Result<(), DbErr> {
    link(db, vec![entry(at, actor, event)]).await
}

/// Records one entry in the change's transaction without taking the head: it waits in
/// `audit_pending` and [`chain_pending`] links it (the next audited write, the chainer, or a reader
/// of the trail, whichever comes first). For writes many people make at once — the tablets' sync —
/// so that they do not queue on one row.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    at: DateTime<Utc>,
    actor: &Actor,
    event: Event,
) -> Result<(), DbErr> {
    let m = entry(at, actor, event);
    audit_pending::ActiveModel {
        at: Set(m.at),
        actor_id: Set(m.actor_id),
        actor: Set(m.actor),
        role: Set(m.role),
        action: Set(m.action),
        object_type: Set(m.object_type),
        object_id: Set(m.object_id),
        before: Set(m.before),
        after: Set(m.after),
        reason: Set(m.reason),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Links every committed pending entry (up to 1,000 a call), oldest first, in a transaction that
/// holds the head: in a few statements whatever their number ([`link`]), so linking keeps up with
/// many tablets and an audited write waiting on the head is not held up by them.
pub async fn chain_pending<C: ConnectionTrait>(db: &C) -> Result<usize, DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let pending = audit_pending::Entity::find()
        .order_by_asc(audit_pending::Column::Id)
        .limit(1000)
        .all(db)
        .await?;
    let Some(last) = pending.last().map(|p| p.id) else {
        return Ok(0);
    };
    let n = pending.len();
    let entries = pending
        .into_iter()
        .map(|p| audit_log::Model {
            seq: 0,
            at: p.at,
            actor_id: p.actor_id,
            actor: p.actor,
            role: p.role,
            action: p.action,
            object_type: p.object_type,
            object_id: p.object_id,
            before: p.before,
            after: p.after,
            reason: p.reason,
            prev_hash: String::new(),
            hash: String::new(),
        })
        .collect();
    link(db, entries).await?;
    audit_pending::Entity::delete_many()
        .filter(audit_pending::Column::Id.lte(last))
        .exec(db)
        .await?;
    Ok(n)
}

/// Whether entries wait to be linked (a cheap look, without the head).
pub async fn any_pending<C: ConnectionTrait>(db: &C) -> Result<bool, DbErr> {
    Ok(audit_pending::Entity::find().one(db).await?.is_some())
}

/// Walks the whole chain in order and names the first entry that does not match.
pub async fn verify<C: ConnectionTrait>(db: &C) -> Result<AuditVerification, DbErr> {
    let mut expected_prev = GENESIS.to_owned();
    let mut count = 0u64;
    let mut after_seq = i64::MIN;
    loop {
        use sea_orm::{ColumnTrait, QueryFilter};
        let page = audit_log::Entity::find()
            .filter(audit_log::Column::Seq.gt(after_seq))
            .order_by_asc(audit_log::Column::Seq)
            .limit(1000)
            .all(db)
            .await?;
        if page.is_empty() {
            break;
        }
        for m in page {
            after_seq = m.seq;
            count += 1;
            let recomputed = digest(&m.prev_hash, &m.at, &m);
            let broken = if m.prev_hash != expected_prev {
                Some((
                    "与前一条记录的链接不符（前一条被修改或删除）",
                    "its link to the entry before does not match (that one was changed or deleted)",
                ))
            } else if recomputed != m.hash {
                Some((
                    "记录内容与其哈希不符（记录被修改）",
                    "its content does not match its hash (the entry was changed)",
                ))
            } else {
                None
            };
            if let Some((why, why_en)) = broken {
                let seq = m.seq;
                return Ok(AuditVerification {
                    ok: false,
                    entries: count,
                    first_broken_seq: Some(seq),
                    message: format!("第 {seq} 条审计记录校验失败：{why}"),
                    message_en: format!("Audit entry {seq} fails the check: {why_en}"),
                });
            }
            expected_prev = m.hash;
        }
    }
    let head = audit_head::Entity::find_by_id(1).one(db).await?;
    if let Some(head) = head
        && head.hash != expected_prev
    {
        let last = if count == 0 { 0 } else { after_seq };
        return Ok(AuditVerification {
            ok: false,
            entries: count,
            first_broken_seq: Some(last + 1),
            message: format!(
                "审计链末尾不完整：最新记录应为第 {} 条，现只到第 {last} 条（末尾记录被删除）",
                head.seq
            ),
            message_en: format!(
                "The audit chain's end is missing: the latest entry should be no. {}, the chain stops at no. {last} (entries at the end were deleted)",
                head.seq
            ),
        });
    }
    Ok(AuditVerification {
        ok: true,
        entries: count,
        first_broken_seq: None,
        message: format!("审计链完整：共 {count} 条，末条哈希 {expected_prev}"),
        message_en: format!(
            "The audit chain is whole: {count} entries, the last hash {expected_prev}"
        ),
    })
}

pub fn to_wire(m: audit_log::Model) -> AuditEntry {
    AuditEntry {
        seq: m.seq,
        at: timestamp(&m.at),
        actor: m.actor,
        role: m.role,
        action: m.action,
        object_type: m.object_type,
        object_id: m.object_id,
        before: m.before,
        after: m.after,
        reason: m.reason,
        hash: m.hash,
    }
}
