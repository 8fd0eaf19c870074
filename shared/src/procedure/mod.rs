//! 第四章 after submission: the channel's ranked list, 答辩评审, 差额 field inspection, the public notice
//! with its objections, approval with a plaque number; the board every reviewer works from; the
//! timeline and the diff between versions an applicant and a reviewer both read.

mod board;
mod files;
mod history;
mod notice;
mod selection;

pub use board::*;
pub use files::*;
pub use history::*;
pub use notice::*;
pub use selection::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::FieldError;
    use crate::workflow::AppState;
    use crate::{Level, Tenths};
    use chrono::NaiveDate;
    use serde_json::json;

    fn defended(id: i32, level: Level, score: i32) -> Defended {
        Defended {
            id,
            state: AppState::DefenseReview,
            level,
            defense_score: Some(Tenths::from_tenths(score)),
        }
    }

    fn list(candidates: &[i32], reason: Option<&str>) -> InspectionList {
        InspectionList {
            level: Level::National,
            candidates: candidates.to_vec(),
            reason: reason.map(str::to_owned),
        }
    }

    fn fields(r: Result<(), Vec<FieldError>>) -> Vec<String> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn four_national_slots_and_three_defended_candidates_can_still_select_two() {
        // The example: 差额 means more inspected than selected, not more than the slots.
        let pool = [
            defended(1, Level::National, 880),
            defended(2, Level::National, 850),
            defended(3, Level::National, 790),
        ];
        let l = list(&[1, 2, 3], None);
        assert!(check_inspection_list(&l, &pool, &pool).is_ok());
        assert_eq!(proposal_cap(4, 3), 2);
        assert!(check_proposals(Level::National, 4, 3, 0, 2).is_ok());
        assert!(check_proposals(Level::National, 4, 3, 0, 3).is_err());
        assert!(
            check_proposals(Level::National, 4, 3, 1, 2).is_err(),
            "with one already proposed"
        );
        assert_eq!(proposal_cap(1, 5), 1, "never more than the slots");
        assert_eq!(proposal_cap(3, 0), 0);
    }

    #[test]
    fn an_inspection_list_has_at_least_two_defended_candidates_of_its_level() {
        let pool = [
            defended(1, Level::National, 880),
            defended(2, Level::Regional, 850),
        ];
        assert_eq!(
            fields(check_inspection_list(&list(&[1], None), &pool[..1], &pool)),
            ["candidates"]
        );
        assert_eq!(
            fields(check_inspection_list(&list(&[1, 2], None), &pool, &pool)),
            ["candidates[1]"]
        );
        let mut undefended = defended(3, Level::National, 0);
        undefended.defense_score = None;
        assert_eq!(
            fields(check_inspection_list(
                &list(&[1, 3], None),
                &[pool[0], undefended],
                &pool
            )),
            ["candidates[1]"]
        );
        assert_eq!(
            fields(check_inspection_list(
                &list(&[1, 1], None),
                &[pool[0], pool[0]],
                &pool
            )),
            ["candidates"]
        );
    }

    #[test]
    fn departing_from_the_defense_ranking_needs_a_reason() {
        let pool = [
            defended(1, Level::National, 880),
            defended(2, Level::National, 850),
            defended(3, Level::National, 790),
        ];
        assert_eq!(defense_ranking(&pool, Level::National), [1, 2, 3]);
        // Reordered, or a better candidate left out.
        for (ids, listed) in [
            (vec![2, 1], vec![pool[1], pool[0]]),
            (vec![1, 3], vec![pool[0], pool[2]]),
        ] {
            assert_eq!(
                fields(check_inspection_list(&list(&ids, None), &listed, &pool)),
                ["reason"]
            );
            assert_eq!(
                fields(check_inspection_list(
                    &list(&ids, Some(" ")),
                    &listed,
                    &pool
                )),
                ["reason"]
            );
            assert!(
                check_inspection_list(
                    &list(&ids, Some("第 2 名申报单位正在整改，先行考察第 3 名")),
                    &listed,
                    &pool
                )
                .is_ok()
            );
        }
        // The top two in order need none; equal scores may go either way.
        assert!(check_inspection_list(&list(&[1, 2], None), &pool[..2], &pool).is_ok());
        let tied = [
            defended(4, Level::National, 850),
            defended(5, Level::National, 850),
        ];
        assert!(check_inspection_list(&list(&[5, 4], None), &[tied[1], tied[0]], &tied).is_ok());
    }

    #[test]
    fn uploads_are_typed_by_content() {
        assert_eq!(
            check_upload("application/pdf", b"%PDF-1.7\n"),
            Ok(FileType::Pdf)
        );
        assert_eq!(
            check_upload("image/png", b"\x89PNG\r\n\x1a\n...."),
            Ok(FileType::Png)
        );
        assert_eq!(
            check_upload("image/jpeg", b"\xff\xd8\xff\xe0"),
            Ok(FileType::Jpeg)
        );
        let wrong = check_upload("image/png", b"%PDF-1.7").expect_err("an error");
        assert_eq!(wrong.field, "file");
        assert!(check_upload("text/html", b"<html>").is_err());
        assert!(check_upload("application/pdf", b"").is_err());
        let big = vec![b'%'; ATTACHMENT_MAX_BYTES + 1];
        assert!(check_upload("application/pdf", &big).is_err());
    }

    #[test]
    fn filenames_lose_their_path() {
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(clean_filename("C:\\x\\证书.pdf"), "证书.pdf");
        assert_eq!(clean_filename("..."), "file");
        assert_eq!(clean_filename("a\"b\n.pdf"), "ab.pdf");
    }

    #[test]
    fn diff_names_each_changed_leaf() {
        let a = json!({"unit": {"employees": 100, "kind": "enterprise"}, "x": [1]});
        let b = json!({"unit": {"employees": 120, "kind": "enterprise"}, "x": [1, 2], "y": 1});
        let d = diff(&a, &b);
        let paths: Vec<&str> = d.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["unit.employees", "x", "y"]);
        assert_eq!(d[0].before, Some(json!(100)));
        assert_eq!(d[2].before, None);
        assert!(diff(&a, &a).is_empty());
    }

    #[test]
    fn plaque_numbers_are_zero_padded() {
        assert_eq!(plaque_no(2026, 7), "宁人社工作室〔2026〕007号");
    }

    #[test]
    fn recommendation_lists_are_checked() {
        let today = NaiveDate::from_ymd_opt(2026, 10, 1).expect("a value");
        let ok = RecommendationList {
            round_id: 1,
            party_meeting_date: today,
            party_meeting_ref: "银人社党组〔2026〕12号".into(),
            ranked: vec![3, 1],
        };
        assert!(ok.check(today).is_ok());
        let bad = RecommendationList {
            ranked: vec![1, 1],
            party_meeting_ref: " ".into(),
            party_meeting_date: today.succ_opt().expect("a value"),
            ..ok
        };
        let fields: Vec<String> = bad
            .check(today)
            .expect_err("an error")
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["ranked", "party_meeting_date", "party_meeting_ref"]
        );
    }
}
