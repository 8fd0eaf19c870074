//! 第六章 a studio's life: the studios, their reports, assessments' results, changes, exits, and
//! each role's reminders.

use super::query::StudioFilter;
use super::{NoQuery, endpoints};
use crate::life::{
    AnnualReportInput, AnnualReportView, ChangeView, Decision, Digest, NewChange, NewExit,
    StudioLife as StudioLifeView,
};
use crate::studio::{StudioList, StudioRow};

endpoints! {
    /// The studios the caller may see (applicant: its unit; recommender: its channel; HRSS: all).
    ListStudios: Get "/api/studios" [StudioFilter] (()) => 200 StudioList;
    /// One studio (404 outside the caller's scope).
    GetStudio: Get "/api/studios/{id}" [NoQuery] (()) => 200 StudioRow;
    /// Status, reports, assessments, changes, the exit and what is due.
    StudioLife: Get "/api/studios/{id}/life" [NoQuery] (()) => 200 StudioLifeView;
    /// 第十五条: the unit saves its annual summary, plan and figures, or files them.
    SaveReport: Put "/api/studios/{id}/reports" [NoQuery] (AnnualReportInput) => 200 AnnualReportView;
    /// 第十六条: the unit asks to change the leader or the host, within 60 days of the event.
    RequestChange: Post "/api/studios/{id}/changes" [NoQuery] (NewChange) => 201 ChangeView;
    /// 第十六条（二）: the new unit joins the host change (联合上报) or declines it.
    JoinChange: Post "/api/changes/{id}/join" [NoQuery] (Decision) => 200 ChangeView;
    /// HRSS approves or rejects a change request.
    DecideChange: Post "/api/changes/{id}/decide" [NoQuery] (Decision) => 200 ChangeView;
    /// 第十八条: HRSS decides an exit; unused funds become a return due; the 3-year ban starts.
    Exit: Post "/api/studios/{id}/exit" [NoQuery] (NewExit) => 201 StudioLifeView;
    /// Each role's digest of what is due and overdue.
    Notifications: Get "/api/notifications" [NoQuery] (()) => 200 Digest;
}
