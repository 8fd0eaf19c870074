//! Expert panels (答辩评审 第十一条（三）, 考核 第十五条): forming them, the chair's work, closing
//! scoring into a ranking, and the export.

use super::{File, NoQuery, endpoints};
use crate::panel::{NewPanel, PanelSummary, PanelView, Recusal, Reopen, RubricUpdate};

endpoints! {
    /// HRSS (or a city bureau for its annual assessments) forms a panel; conflicts are found.
    CreatePanel: Post "/api/panels" [NoQuery] (NewPanel) => 201 PanelView;
    /// The panels the caller organises, chairs or sits on.
    ListPanels: Get "/api/panels" [NoQuery] (()) => 200 Vec<PanelSummary>;
    /// One panel: an expert sees only their own sheets until the chair closes scoring.
    GetPanel: Get "/api/panels/{id}" [NoQuery] (()) => 200 PanelView;
    /// HRSS changes the rubric until the first score.
    UpdateRubric: Put "/api/panels/{id}/rubric" [NoQuery] (RubricUpdate) => 200 PanelView;
    /// An expert recuses themself from a candidate, with a reason: that sheet never counts.
    Recuse: Post "/api/panels/{id}/recusals" [NoQuery] (Recusal) => 200 PanelView;
    /// The chair reopens a signed sheet, with a reason, so its expert can change it.
    ReopenSheet: Post "/api/sheets/{id}/reopen" [NoQuery] (Reopen) => 200 PanelView;
    /// The chair closes scoring: the ranking, every score visible, each result recorded.
    ClosePanel: Post "/api/panels/{id}/close" [NoQuery] (()) => 200 PanelView;
    /// Score sheets and ranking of a closed panel as xlsx (HRSS and the chair).
    ExportPanel: Get "/api/panels/{id}/export" [NoQuery] (()) => 200 File;
}
