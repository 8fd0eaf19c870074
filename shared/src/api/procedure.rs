//! 第四章 from the organisers' side: rounds, the channel's ranked list, the defense score, the
//! 差额 inspection, the public notice and its objections, closing a round, and the board.

use super::query::{BoardQuery, ExportQuery, ObjectionFilter};
use super::{File, NoQuery, endpoints};
use crate::application::{ApplicationView, NewRound, Round};
use crate::procedure::{
    BoardPage, CloseRound as CloseRoundBody, CloseSummary, DefenseScore as DefenseScoreBody,
    InspectionList as InspectionListBody, InspectionResult as InspectionResultBody, NewNotice,
    NoticeView, ObjectionResolution, ObjectionView, RecommendationList,
};

endpoints! {
    /// The yearly calls for applications.
    ListRounds: Get "/api/rounds" [NoQuery] (()) => 200 Vec<Round>;
    /// HRSS opens a yearly call with its slots per level (第四条).
    CreateRound: Post "/api/rounds" [NoQuery] (NewRound) => 201 Round;
    /// 第十一条（二）: the channel's ranked list with its Party-group meeting, all or nothing.
    Recommend: Post "/api/recommendations" [NoQuery] (RecommendationList) => 201 Vec<ApplicationView>;
    /// 答辩评审: the panel's aggregate in tenths (entered by HRSS when no tablet panel scored it).
    DefenseScore: Post "/api/applications/{id}/defense-score" [NoQuery] (DefenseScoreBody) => 200 ApplicationView;
    /// 第十一条（四）: the 差额 inspection list of a level, at least 2, in the ranking's order.
    InspectionList: Post "/api/rounds/{id}/inspection" [NoQuery] (InspectionListBody) => 200 Vec<ApplicationView>;
    /// 第十一条（四）: an inspection's outcome.
    InspectionResult: Post "/api/applications/{id}/inspection-result" [NoQuery] (InspectionResultBody) => 200 ApplicationView;
    /// 第十一条（五）: the proposed list on notice for 5 working days.
    PublishNotice: Post "/api/rounds/{id}/notices" [NoQuery] (NewNotice) => 201 NoticeView;
    /// HRSS: the objections filed during a round's notices.
    ListObjections: Get "/api/objections" [ObjectionFilter] (()) => 200 Vec<ObjectionView>;
    /// HRSS records an objection's outcome.
    ResolveObjection: Post "/api/objections/{id}/resolve" [NoQuery] (ObjectionResolution) => 200 ObjectionView;
    /// Closes a round: what HRSS holds and did not approve is not selected, with the reason.
    CloseRound: Post "/api/rounds/{id}/close" [NoQuery] (CloseRoundBody) => 200 CloseSummary;
    /// The recommender's queue and the HRSS round board, filtered, sorted and paged.
    Board: Get "/api/board" [BoardQuery] (()) => 200 BoardPage;
    /// The board as CSV (UTF-8 with BOM, formulas made inert) or xlsx.
    BoardExport: Get "/api/board/export" [ExportQuery<BoardQuery>] (()) => 200 File;
}
