//! HRSS's administration: accounts, the audit trail, the working-day calendar, the unit registry,
//! the policies, experts' affiliations and exceptions to the ban.

use super::query::{AuditQuery, ImportQuery, UnitQuery};
use super::{File, NoQuery, endpoints};
use crate::account::{AuditEntry, AuditVerification, NewUser, UserSummary, UserUpdate};
use crate::calendar::{HolidaySchedule, ScheduleYear};
use crate::import::ImportReport;
use crate::life::{BanOverride, NewBanOverride};
use crate::policy::{PoliciesView, PolicyChange};
use crate::registry::{ExpertView, OrgOption, UnitInput, UnitOption, UnitView};
use crate::scoring::Affiliation;

endpoints! {
    /// HRSS: every account with its role and scope.
    ListUsers: Get "/api/admin/users" [NoQuery] (()) => 200 Vec<UserSummary>;
    /// HRSS: a new account (audited).
    CreateUser: Post "/api/admin/users" [NoQuery] (NewUser) => 201 UserSummary;
    /// HRSS: changes an account's name, role, scope or password, or disables it (audited).
    UpdateUser: Patch "/api/admin/users/{id}" [NoQuery] (UserUpdate) => 200 UserSummary;
    /// HRSS: the units and organisations an account may be scoped to.
    Scopes: Get "/api/admin/scopes" [NoQuery] (()) => 200 crate::account::Scopes;
    /// HRSS: the audit trail, newest first, optionally of one object.
    AuditLog: Get "/api/admin/audit" [AuditQuery] (()) => 200 Vec<AuditEntry>;
    /// HRSS: checks the audit chain and names the first broken entry.
    VerifyAudit: Get "/api/admin/audit/verify" [NoQuery] (()) => 200 AuditVerification;
    /// The working-day calendar: the years built in and those HRSS entered.
    ListHolidays: Get "/api/admin/holidays" [NoQuery] (()) => 200 Vec<ScheduleYear>;
    /// HRSS enters or replaces a year's holiday schedule once the State Council publishes it.
    PutHolidays: Put "/api/admin/holidays/{year}" [NoQuery] (HolidaySchedule) => 200 ScheduleYear;
    /// The unit registry, searched by name or credit code and filtered by city.
    ListUnits: Get "/api/admin/units" [UnitQuery] (()) => 200 Vec<UnitView>;
    /// HRSS registers a unit with its channel (第十一条（一）) and system (audited).
    CreateUnit: Post "/api/admin/units" [NoQuery] (UnitInput) => 201 UnitView;
    /// HRSS edits a unit (audited).
    UpdateUnit: Put "/api/admin/units/{id}" [NoQuery] (UnitInput) => 200 UnitView;
    /// The organisations a channel can be.
    ListOrgs: Get "/api/admin/orgs" [NoQuery] (()) => 200 Vec<OrgOption>;
    /// The policies the measures leave open: exactly 60 points, whom the ban binds.
    GetPolicies: Get "/api/admin/policies" [NoQuery] (()) => 200 PoliciesView;
    /// HRSS sets the policies, with a reason (audited).
    PutPolicies: Put "/api/admin/policies" [NoQuery] (PolicyChange) => 200 PoliciesView;
    /// Where an expert works or worked (3 years back) and which organisation they belong to.
    GetAffiliations: Get "/api/admin/users/{id}/affiliations" [NoQuery] (()) => 200 Vec<Affiliation>;
    /// HRSS replaces an expert's affiliations (audited).
    PutAffiliations: Put "/api/admin/users/{id}/affiliations" [NoQuery] (Vec<Affiliation>) => 200 Vec<Affiliation>;
    /// 第十八条 "原则上": the exceptions HRSS granted to the ban.
    ListBanOverrides: Get "/api/admin/ban-overrides" [NoQuery] (()) => 200 Vec<BanOverride>;
    /// HRSS excepts one exit, for one round and one subject, with a reason (audited).
    GrantBanOverride: Post "/api/admin/ban-overrides" [NoQuery] (NewBanOverride) => 201 BanOverride;
    /// Registered units by part of the name or the credit code (at most 20), for pickers: any
    /// signed-in user (the host-change form).
    PickUnits: Get "/api/units" [UnitQuery] (()) => 200 Vec<UnitOption>;
    /// The expert roster: HRSS sees every expert; a city bureau the enabled ones, each with the
    /// bureau's studios they may not assess.
    ListExperts: Get "/api/experts" [NoQuery] (()) => 200 Vec<ExpertView>;
    /// HRSS: an import's template (xlsx), a header row in Chinese and an example row.
    ImportTemplate: Get "/api/admin/imports/template" [ImportQuery] (()) => 200 File;
    /// HRSS: a dry run of an import (the body is the xlsx or CSV file, UTF-8 or GB18030): every
    /// bad cell by sheet, row and column, and what would be created, updated or left.
    PreviewImport: Post "/api/admin/imports/preview" [ImportQuery] (File) => 200 ImportReport;
    /// HRSS: applies the file previewed (`sha256`) in one transaction, or nothing (audited with
    /// the file's SHA-256). A file with any error is refused (422, every cell named).
    ApplyImport: Post "/api/admin/imports" [ImportQuery] (File) => 200 ImportReport;
    /// HRSS: the registry in the import's columns (xlsx), so it imports back unchanged.
    ExportRegistry: Get "/api/admin/imports/export" [ImportQuery] (()) => 200 File;
}
