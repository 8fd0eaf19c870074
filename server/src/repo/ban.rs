//! 第十八条 on the database: the exits on record that concern an application (its unit by id,
//! its leader by identity number, or by name where an exit has no number) and HRSS's exceptions
//! for its round, for `shared::eligibility` to weigh.

use crate::entity::{application, ban_override, studio, studio_exit};
use crate::error::ApiError;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};
use shared::application::StudioProfile;
use shared::deadlines::ban_until;
use shared::eligibility::{
    BanException, BanSubject, EligibilityInput, EligibilityPolicy, ExitOnRecord,
};
use shared::life::BanExitView;

/// The eligibility policy of an application: the programme's policies, the exits on record and
/// the exceptions granted for its round; with the exits that bar it on the facts' date, for the
/// page where HRSS may except them.
pub async fn context<C: ConnectionTrait>(
    db: &C,
    m: &application::Model,
    facts: &EligibilityInput,
    profile: &StudioProfile,
) -> Result<(EligibilityPolicy, Vec<BanExitView>), ApiError> {
    let mut policy = crate::repo::policy::policies(db).await?.eligibility();
    let mut found: Vec<(studio_exit::Model, BanSubject, bool)> = studio_exit::Entity::find()
        .filter(studio_exit::Column::UnitId.eq(m.unit_id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e, BanSubject::Unit, false))
        .collect();
    if let Some(id) = profile.leader_id() {
        for e in studio_exit::Entity::find()
            .filter(studio_exit::Column::LeaderIdNumber.eq(id.as_str()))
            .all(db)
            .await?
        {
            found.push((e, BanSubject::Leader, false));
        }
    }
    // An exit recorded without the leader's identity number can only be matched by name (and the
    // birth date, where it was recorded): a person must confirm it.
    let name = profile.leader_name.trim();
    if !name.is_empty() {
        for e in studio_exit::Entity::find()
            .filter(studio_exit::Column::LeaderIdNumber.is_null())
            .filter(studio_exit::Column::LeaderName.eq(name))
            .filter(
                Condition::any()
                    .add(studio_exit::Column::LeaderBirthDate.is_null())
                    .add(studio_exit::Column::LeaderBirthDate.eq(facts.leader.birth_date)),
            )
            .all(db)
            .await?
        {
            found.push((e, BanSubject::Leader, true));
        }
    }
    policy.exits = found
        .iter()
        .map(|(e, subject, by_name)| ExitOnRecord {
            exit_id: e.id,
            decided_on: e.decided_on,
            subject: *subject,
            by_name_only: *by_name,
        })
        .collect();
    policy.round_id = Some(m.round_id);
    policy.exceptions = ban_override::Entity::find()
        .filter(ban_override::Column::RoundId.eq(m.round_id))
        .filter(ban_override::Column::ExitId.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|o| {
            Some(BanException {
                exit_id: o.exit_id?,
                round_id: o.round_id?,
                subject: o.subject,
                reason: o.reason,
            })
        })
        .collect();
    let mut views = Vec::new();
    for (e, subject, by_name) in &found {
        let barred = (*subject == BanSubject::Unit && policy.ban_bars_unit)
            || (*subject == BanSubject::Leader && policy.ban_bars_leader);
        if !barred || facts.application_date > ban_until(e.decided_on) {
            continue;
        }
        let studio_name = studio::Entity::find_by_id(e.studio_id)
            .one(db)
            .await?
            .map(|s| s.name)
            .unwrap_or_default();
        views.push(BanExitView {
            exit_id: e.id,
            studio_name,
            subject: *subject,
            decided_on: e.decided_on,
            ban_until: ban_until(e.decided_on),
            by_name_only: *by_name,
            excepted: policy
                .exceptions
                .iter()
                .any(|x| x.exit_id == e.id && x.subject == *subject),
        });
    }
    Ok((policy, views))
}
