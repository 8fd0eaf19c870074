//! A closed panel as a workbook: the ranking (with each expert's total and the scores dropped)
//! and every score sheet.

use crate::error::ApiError;
use shared::panel::PanelView;

pub fn panel(v: &PanelView) -> Result<Vec<u8>, ApiError> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| ApiError::Internal(format!("xlsx: {e}"));
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let ranking = book.add_worksheet();
    ranking.set_name("排名").map_err(err)?;
    let experts: Vec<String> = v
        .ranking
        .as_ref()
        .and_then(|r| r.first())
        .map(|r| r.totals.iter().map(|(n, _)| n.clone()).collect())
        .unwrap_or_default();
    let mut header = vec![
        "名次".to_owned(),
        "工作室".into(),
        "依托单位".into(),
        "汇总得分".into(),
    ];
    header.extend(experts.iter().cloned());
    header.push("去掉的分数".into());
    for (c, h) in header.iter().enumerate() {
        ranking
            .write_string_with_format(0, u16::try_from(c).unwrap_or(0), h, &bold)
            .map_err(err)?;
    }
    for (r, row) in v.ranking.iter().flatten().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(0);
        let mut cells = vec![
            row.place.to_string(),
            row.studio_name.clone(),
            row.unit_name.clone(),
            row.score.to_string(),
        ];
        cells.extend(
            row.totals
                .iter()
                .map(|(_, t)| t.map(|t| t.to_string()).unwrap_or_else(|| "回避".into())),
        );
        cells.push(row.dropped.join("、"));
        for (c, cell) in cells.iter().enumerate() {
            ranking
                .write_string(r, u16::try_from(c).unwrap_or(0), cell)
                .map_err(err)?;
        }
    }
    let sheets = book.add_worksheet();
    sheets.set_name("评分表").map_err(err)?;
    let mut header = vec!["专家".to_owned(), "评审对象".into()];
    header.extend(
        v.rubric
            .items
            .iter()
            .map(|i| format!("{}（{}）", i.label, i.max)),
    );
    header.extend(["合计".into(), "状态".into(), "签名时间".into()]);
    for (c, h) in header.iter().enumerate() {
        sheets
            .write_string_with_format(0, u16::try_from(c).unwrap_or(0), h, &bold)
            .map_err(err)?;
    }
    for (r, s) in v.sheets.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(0);
        let cand = v
            .candidates
            .iter()
            .find(|c| c.id == s.candidate_id)
            .map(|c| c.studio_name.clone())
            .unwrap_or_default();
        let mut cells = vec![s.expert_name.clone(), cand];
        cells.extend(v.rubric.items.iter().map(|i| {
            s.values
                .get(&i.key)
                .map(|t| t.to_string())
                .unwrap_or_default()
        }));
        cells.push(s.total.map(|t| t.to_string()).unwrap_or_default());
        cells.push(
            s.recusal
                .clone()
                .map(|r| format!("回避：{r}"))
                .unwrap_or_else(|| "已签名".into()),
        );
        cells.push(
            s.signed_at
                .map(|t| {
                    (t + chrono::Duration::hours(8))
                        .format("%Y-%m-%d %H:%M")
                        .to_string()
                })
                .unwrap_or_default(),
        );
        for (c, cell) in cells.iter().enumerate() {
            sheets
                .write_string(r, u16::try_from(c).unwrap_or(0), cell)
                .map_err(err)?;
        }
    }
    book.save_to_buffer().map_err(err)
}
