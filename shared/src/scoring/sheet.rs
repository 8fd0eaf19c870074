//! One expert's score sheet as the rules see it: whether it counts, its status, and the decision
//! on every edit a tablet sends (a score, a comment, a signature). The server decides with these
//! functions before it stores anything; the tablet asks the same question before it queues a tap.

use super::{PanelPurpose, Rubric};
use crate::decision::Reason;
use crate::{Level, Tenths};
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
pub enum PanelState {
    Open,
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SheetStatus {
    /// Nothing scored yet.
    Empty,
    Draft,
    Signed,
    /// The expert declared a conflict or the system found one: never counts.
    Recused,
}

/// What the rules read of a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetFacts {
    /// The sheet is the caller's own.
    pub mine: bool,
    pub panel_closed: bool,
    /// The conflict of interest found, or the expert's own recusal: the sheet never counts.
    pub excluded: Option<String>,
    pub signed: bool,
}

impl SheetFacts {
    /// A sheet counts towards the aggregate when it is signed and neither conflicted nor recused.
    pub fn counts(&self) -> bool {
        self.signed && self.excluded.is_none()
    }

    /// Still to be signed: scoring cannot close while any sheet is.
    pub fn pending(&self) -> bool {
        !self.signed && self.excluded.is_none()
    }

    /// `scored`: whether any item has a value.
    pub fn status(&self, scored: bool) -> SheetStatus {
        if self.excluded.is_some() {
            SheetStatus::Recused
        } else if self.signed {
            SheetStatus::Signed
        } else if scored {
            SheetStatus::Draft
        } else {
            SheetStatus::Empty
        }
    }
}

/// What a tablet asks to do with a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "edit")]
pub enum Edit {
    Score {
        item: String,
        value: Tenths,
    },
    Comment {
        text: String,
    },
    /// `unscored`: items of the rubric without a value.
    Sign {
        signature: String,
        unscored: usize,
    },
}

/// The rules an edit is held against besides the sheet: the rubric and, for an assessment, the
/// studio's level, whose 附件 scores are the only ones allowed.
#[derive(Debug, Clone, Copy)]
pub struct EditRules<'a> {
    pub purpose: PanelPurpose,
    pub rubric: &'a Rubric,
    pub level: Option<Level>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "decision")]
pub enum EditDecision {
    Accept,
    /// Nothing to do (a signature on a sheet already signed): acknowledged, nothing changes.
    AlreadyDone,
    Refuse(Reason),
}

pub const SIGNATURE_PREFIX: &str = "data:image/png;base64,";
pub const SIGNATURE_MIN_BYTES: usize = 100;
pub const SIGNATURE_MAX_BYTES: usize = 200 * 1024;
pub const COMMENT_MAX_CHARS: usize = 2000;

fn article(purpose: PanelPurpose) -> &'static str {
    match purpose {
        PanelPurpose::Defense => "第十一条（三）",
        PanelPurpose::Annual => "第十五条（一）",
        PanelPurpose::EndOfTerm => "第十五条（二）",
    }
}

/// Decides one edit of one sheet: the same ladder for every edit (whose sheet, the panel still
/// open, the sheet neither excluded nor signed), then what the edit itself needs.
pub fn decide_edit(sheet: &SheetFacts, rules: &EditRules<'_>, edit: &Edit) -> EditDecision {
    let at = article(rules.purpose);
    let refuse =
        |code: &str, zh: String, en: &str| EditDecision::Refuse(Reason::new(code, at, zh, en));
    if !sheet.mine {
        return refuse("sheet.not_yours", "不是您的评分表".into(), "not your sheet");
    }
    if let Edit::Sign { .. } = edit
        && sheet.signed
    {
        return EditDecision::AlreadyDone;
    }
    if sheet.panel_closed {
        return refuse(
            "panel.closed",
            "评审组已结束评分".into(),
            "scoring has closed",
        );
    }
    match (edit, &sheet.excluded) {
        (Edit::Score { .. }, Some(why)) => {
            return refuse(
                "sheet.excluded",
                format!("已回避，不能评分：{why}"),
                "the sheet is recused: it takes no score",
            );
        }
        (Edit::Sign { .. }, Some(_)) => {
            return refuse(
                "sheet.excluded",
                "已回避，不能签名".into(),
                "the sheet is recused",
            );
        }
        _ => {}
    }
    if sheet.signed {
        return refuse(
            "sheet.signed",
            "评分表已签名锁定，须组长重新开启后才能修改".into(),
            "the sheet is signed: the chair must reopen it first",
        );
    }
    match edit {
        Edit::Score { item, value } => {
            if let Err(why) = rules.rubric.check_value(item, *value) {
                return refuse("score.out_of_rubric", why, "not a value the rubric allows");
            }
            if rules.purpose != PanelPurpose::Defense
                && let Some(level) = rules.level
                && let Err(why) = crate::assessment::check_choice(level, item, *value)
            {
                return EditDecision::Refuse(Reason::new(
                    "score.not_a_choice",
                    "附件",
                    why,
                    "not one of the annex's scores for this item",
                ));
            }
        }
        Edit::Comment { text } => {
            if text.chars().count() > COMMENT_MAX_CHARS {
                return refuse(
                    "comment.too_long",
                    "评语最多 2000 字".into(),
                    "a comment has at most 2000 characters",
                );
            }
        }
        Edit::Sign {
            signature,
            unscored,
        } => {
            if *unscored > 0 {
                return refuse(
                    "sign.unscored",
                    "尚有未评分的项目，不能签名提交".into(),
                    "some items have no score yet",
                );
            }
            if !signature.starts_with(SIGNATURE_PREFIX)
                || signature.len() > SIGNATURE_MAX_BYTES
                || signature.len() < SIGNATURE_MIN_BYTES
            {
                return refuse(
                    "sign.invalid",
                    "签名无效（须在屏幕上手写签名）".into(),
                    "the signature must be drawn on the screen",
                );
            }
        }
    }
    EditDecision::Accept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::{assessment_rubric, defense_rubric};

    fn open_sheet() -> SheetFacts {
        SheetFacts {
            mine: true,
            panel_closed: false,
            excluded: None,
            signed: false,
        }
    }

    fn code(d: EditDecision) -> String {
        match d {
            EditDecision::Refuse(r) => r.code,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn the_same_ladder_refuses_every_edit_in_the_same_order() {
        let rubric = defense_rubric();
        let rules = EditRules {
            purpose: PanelPurpose::Defense,
            rubric: &rubric,
            level: None,
        };
        let score = Edit::Score {
            item: "skill".into(),
            value: Tenths::from_tenths(200),
        };
        assert_eq!(
            decide_edit(&open_sheet(), &rules, &score),
            EditDecision::Accept
        );
        let theirs = SheetFacts {
            mine: false,
            ..open_sheet()
        };
        assert_eq!(
            code(decide_edit(&theirs, &rules, &score)),
            "sheet.not_yours"
        );
        let closed = SheetFacts {
            panel_closed: true,
            signed: true,
            ..open_sheet()
        };
        assert_eq!(code(decide_edit(&closed, &rules, &score)), "panel.closed");
        let recused = SheetFacts {
            excluded: Some("评审专家现任职于申报单位".into()),
            ..open_sheet()
        };
        let d = decide_edit(&recused, &rules, &score);
        assert!(
            matches!(&d, EditDecision::Refuse(r) if r.zh.contains("现任职") && r.article == "第十一条（三）")
        );
        let signed = SheetFacts {
            signed: true,
            ..open_sheet()
        };
        assert_eq!(code(decide_edit(&signed, &rules, &score)), "sheet.signed");
        let comment = Edit::Comment { text: "好".into() };
        assert_eq!(code(decide_edit(&signed, &rules, &comment)), "sheet.signed");
        // A comment on a recused sheet is kept (the panel's minutes), a signature is not.
        assert_eq!(
            decide_edit(&recused, &rules, &comment),
            EditDecision::Accept
        );
        let sign = Edit::Sign {
            signature: format!("{SIGNATURE_PREFIX}{}", "A".repeat(200)),
            unscored: 0,
        };
        assert_eq!(code(decide_edit(&recused, &rules, &sign)), "sheet.excluded");
        assert_eq!(
            decide_edit(&signed, &rules, &sign),
            EditDecision::AlreadyDone
        );
    }

    #[test]
    fn scores_keep_to_the_rubric_and_on_assessments_to_the_annexs_choices() {
        let defense = defense_rubric();
        let rules = EditRules {
            purpose: PanelPurpose::Defense,
            rubric: &defense,
            level: None,
        };
        let at = |item: &str, t: i32| Edit::Score {
            item: item.into(),
            value: Tenths::from_tenths(t),
        };
        assert_eq!(
            code(decide_edit(&open_sheet(), &rules, &at("skill", 243))),
            "score.out_of_rubric"
        );
        let annex = assessment_rubric();
        let rules = EditRules {
            purpose: PanelPurpose::EndOfTerm,
            rubric: &annex,
            level: Some(Level::Regional),
        };
        // Media: 10, 8, 6, 4 or 0 — 7 is inside the maximum but not a choice.
        assert_eq!(
            decide_edit(&open_sheet(), &rules, &at("media", 60)),
            EditDecision::Accept
        );
        let d = decide_edit(&open_sheet(), &rules, &at("media", 70));
        assert!(
            matches!(&d, EditDecision::Refuse(r) if r.code == "score.not_a_choice" && r.article == "附件")
        );
    }

    #[test]
    fn a_signature_needs_every_item_and_a_drawn_image() {
        let rubric = defense_rubric();
        let rules = EditRules {
            purpose: PanelPurpose::Defense,
            rubric: &rubric,
            level: None,
        };
        let drawn = format!("{SIGNATURE_PREFIX}{}", "A".repeat(200));
        let sign = |signature: &str, unscored| Edit::Sign {
            signature: signature.into(),
            unscored,
        };
        assert_eq!(
            code(decide_edit(&open_sheet(), &rules, &sign(&drawn, 2))),
            "sign.unscored"
        );
        assert_eq!(
            code(decide_edit(&open_sheet(), &rules, &sign("x", 0))),
            "sign.invalid"
        );
        assert_eq!(
            decide_edit(&open_sheet(), &rules, &sign(&drawn, 0)),
            EditDecision::Accept
        );
    }

    #[test]
    fn a_sheet_counts_only_signed_and_not_excluded() {
        let signed = SheetFacts {
            signed: true,
            ..open_sheet()
        };
        assert!(signed.counts() && !signed.pending());
        assert_eq!(signed.status(true), SheetStatus::Signed);
        let recused = SheetFacts {
            signed: true,
            excluded: Some("回避".into()),
            ..open_sheet()
        };
        assert!(!recused.counts() && !recused.pending());
        assert_eq!(recused.status(true), SheetStatus::Recused);
        assert!(open_sheet().pending() && !open_sheet().counts());
        assert_eq!(open_sheet().status(false), SheetStatus::Empty);
        assert_eq!(open_sheet().status(true), SheetStatus::Draft);
    }
}
