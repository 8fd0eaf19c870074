//! 第十一条（三） and 第十五条 on the tablet and the server: the decision on each edit of a score
//! sheet, and a panel's ranking from its sheets.

use serde::Deserialize;
use shared::scoring::{
    Aggregation, EditDecision, EditRules, PanelPurpose, RankedSheet, RankingCandidate, SheetFacts,
    TieBreaker, Unranked, assessment_rubric, decide_edit, defense_rubric, rank_sheets,
};
use shared::{Level, Tenths};
use std::collections::BTreeMap;

pub const SHEET_EDITS: &str = include_str!("../../tests/vectors/sheet_edits.json");
pub const RANKING: &str = include_str!("../../tests/vectors/ranking.json");

#[derive(Deserialize)]
pub struct SheetEditCase {
    name: String,
    purpose: PanelPurpose,
    level: Option<Level>,
    sheet: SheetFacts,
    edit: shared::scoring::Edit,
    /// `accept`, `already_done`, or the refusal's code.
    expect: String,
}

pub fn sheet_edit(c: &SheetEditCase, bad: &mut Vec<String>) {
    let rubric = if c.purpose == PanelPurpose::Defense {
        defense_rubric()
    } else {
        assessment_rubric()
    };
    let rules = EditRules {
        purpose: c.purpose,
        rubric: &rubric,
        level: c.level,
    };
    let got = match decide_edit(&c.sheet, &rules, &c.edit) {
        EditDecision::Accept => "accept".to_owned(),
        EditDecision::AlreadyDone => "already_done".to_owned(),
        EditDecision::Refuse(r) => r.code,
    };
    if got != c.expect {
        bad.push(format!("{}: {got}, expected {}", c.name, c.expect));
    }
}

#[derive(Deserialize)]
struct SheetIn {
    candidate: i32,
    expert: i32,
    counts: bool,
    values: BTreeMap<String, Tenths>,
}

#[derive(Deserialize)]
struct CandidateIn {
    id: i32,
    channel_rank: Option<u32>,
}

#[derive(Deserialize)]
struct PlacedOut {
    candidate: i32,
    place: u32,
    score: Tenths,
    dropped: Vec<i32>,
    #[serde(default)]
    item_means: BTreeMap<String, Tenths>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RankingExpect {
    Placed(Vec<PlacedOut>),
    Unranked { unranked: i32 },
}

#[derive(Deserialize)]
pub struct RankingCase {
    name: String,
    aggregation: Aggregation,
    breakers: Vec<TieBreaker>,
    candidates: Vec<CandidateIn>,
    experts: Vec<i32>,
    sheets: Vec<SheetIn>,
    expect: RankingExpect,
}

pub fn ranking(c: &RankingCase, bad: &mut Vec<String>) {
    let rubric = defense_rubric();
    let sheets: Vec<RankedSheet<'_>> = c
        .sheets
        .iter()
        .map(|s| RankedSheet {
            candidate: s.candidate,
            expert: s.expert,
            counts: s.counts,
            values: &s.values,
        })
        .collect();
    let cands: Vec<RankingCandidate> = c
        .candidates
        .iter()
        .map(|x| RankingCandidate {
            id: x.id,
            channel_rank: x.channel_rank,
        })
        .collect();
    let got = rank_sheets(
        &rubric,
        c.aggregation,
        &c.breakers,
        &cands,
        &c.experts,
        &sheets,
    );
    match (&c.expect, got) {
        (RankingExpect::Unranked { unranked }, Err(Unranked { candidate }))
            if *unranked == candidate => {}
        (RankingExpect::Placed(want), Ok(placed)) => {
            if want.len() != placed.len() {
                return bad.push(format!(
                    "{}: {} placed, expected {}",
                    c.name,
                    placed.len(),
                    want.len()
                ));
            }
            for (w, p) in want.iter().zip(&placed) {
                let means_ok = w
                    .item_means
                    .iter()
                    .all(|(k, v)| p.item_means.get(k) == Some(v));
                if w.candidate != p.candidate
                    || w.place != p.place
                    || w.score != p.score
                    || w.dropped != p.dropped
                    || !means_ok
                {
                    bad.push(format!(
                        "{}: got candidate {} place {} score {} dropped {:?} means {:?}, expected candidate {} place {} score {} dropped {:?}",
                        c.name, p.candidate, p.place, p.score, p.dropped, p.item_means, w.candidate, w.place, w.score, w.dropped
                    ));
                }
            }
        }
        (_, got) => bad.push(format!("{}: {got:?}", c.name)),
    }
}
