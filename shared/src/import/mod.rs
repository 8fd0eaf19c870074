//! Onboarding the programme's history (issue #19): units, experts and studios approved before this
//! system, from the spreadsheets offices keep. The server reads a file into a [`Table`]; here each
//! row is checked into a record with every bad cell named (sheet, row, column, reason), so a dry
//! run and the import that follows decide alike. The same columns make the template and the
//! registry's export, so an export imports back unchanged.

pub mod experts;
#[cfg(test)]
mod kinds_tests;
pub mod studios;
pub mod units;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Units,
    Experts,
    Studios,
}

impl ImportKind {
    pub const ALL: [ImportKind; 3] = [ImportKind::Units, ImportKind::Experts, ImportKind::Studios];

    pub fn label_zh(self) -> &'static str {
        match self {
            ImportKind::Units => "依托单位",
            ImportKind::Experts => "评审专家",
            ImportKind::Studios => "已认定的工作室",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            ImportKind::Units => "Host units",
            ImportKind::Experts => "Experts",
            ImportKind::Studios => "Approved studios",
        }
    }

    /// The sheet's name in the template and the export.
    pub fn sheet(self) -> &'static str {
        match self {
            ImportKind::Units => "单位",
            ImportKind::Experts => "专家",
            ImportKind::Studios => "工作室",
        }
    }

    /// The ASCII stem of its files.
    pub fn file_stem(self) -> &'static str {
        match self {
            ImportKind::Units => "units",
            ImportKind::Experts => "experts",
            ImportKind::Studios => "studios",
        }
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            ImportKind::Units => &units::COLUMNS,
            ImportKind::Experts => &experts::COLUMNS,
            ImportKind::Studios => &studios::COLUMNS,
        }
    }

    /// The template's example row.
    pub fn example(self) -> Vec<String> {
        self.columns()
            .iter()
            .map(|c| c.example.to_owned())
            .collect()
    }
}

/// One column of a file: its header (Chinese; the English name is accepted too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub zh: &'static str,
    pub en: &'static str,
    pub required: bool,
    pub example: &'static str,
}

/// The most data rows one file may hold.
pub const MAX_ROWS: usize = 20_000;

/// A sheet (or a CSV file) as text cells; the first row is the header.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub sheet: String,
    pub rows: Vec<Vec<String>>,
}

/// One bad cell (or a bad file, row 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowError {
    pub sheet: String,
    /// The spreadsheet's row number (the header is row 1).
    pub row: u32,
    /// The column's header.
    pub column: String,
    pub zh: String,
    pub en: String,
}

/// What an import does (or did) to one row's object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowAction {
    Create,
    Update,
    Unchanged,
}

impl RowAction {
    pub const ALL: [RowAction; 3] = [RowAction::Create, RowAction::Update, RowAction::Unchanged];
    pub fn label_zh(self) -> &'static str {
        match self {
            RowAction::Create => "新增",
            RowAction::Update => "更新",
            RowAction::Unchanged => "无变化",
        }
    }
    /// The English label of [`RowAction::label_zh`].
    pub fn label_en(self) -> &'static str {
        match self {
            RowAction::Create => "new",
            RowAction::Update => "update",
            RowAction::Unchanged => "no change",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowOutcome {
    pub row: u32,
    /// The natural key: credit code, ID number (masked) or plaque no.
    pub key: String,
    pub name: String,
    pub action: RowAction,
}

/// A dry run's (or an import's) report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    pub kind: ImportKind,
    /// SHA-256 of the file, hex; the confirm step names it so only the file previewed is applied.
    pub sha256: String,
    pub sheet: String,
    /// Data rows read (blank rows skipped).
    pub rows: u32,
    pub errors: Vec<RowError>,
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub outcomes: Vec<RowOutcome>,
    /// Whether this report's changes were written (false for a dry run).
    pub applied: bool,
}

impl ImportReport {
    /// Tallies `outcomes`.
    pub fn new(
        kind: ImportKind,
        sha256: String,
        sheet: String,
        rows: u32,
        errors: Vec<RowError>,
        outcomes: Vec<RowOutcome>,
    ) -> ImportReport {
        let count = |a: RowAction| {
            u32::try_from(outcomes.iter().filter(|o| o.action == a).count()).unwrap_or(u32::MAX)
        };
        ImportReport {
            kind,
            sha256,
            sheet,
            rows,
            created: count(RowAction::Create),
            updated: count(RowAction::Update),
            unchanged: count(RowAction::Unchanged),
            errors,
            outcomes,
            applied: false,
        }
    }
}

/// One data row, its cells in the kind's column order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub sheet: String,
    pub no: u32,
    pub cells: Vec<String>,
    columns: &'static [Column],
}

impl Row {
    /// The cell of column `i` (trimmed; empty when the file has no such column).
    pub fn get(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", String::as_str)
    }

    /// An error in column `i`.
    pub fn err(&self, i: usize, zh: impl Into<String>, en: impl Into<String>) -> RowError {
        RowError {
            sheet: self.sheet.clone(),
            row: self.no,
            column: self.columns.get(i).map_or("", |c| c.zh).to_owned(),
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// An error for a required column left empty.
    pub fn required(&self, i: usize) -> RowError {
        self.err(i, "必填，不能为空", "required")
    }
}

/// The text of a cell as compared: trimmed, and a quote a spreadsheet export put before `=`, `+`,
/// `-` or `@` (so it would not run as a formula) taken off again.
pub fn clean(cell: &str) -> String {
    let t = cell.trim();
    match t.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_owned(),
        _ => t.to_owned(),
    }
}

/// The data rows of `table` for `kind`, their cells in the kind's column order; or why the file
/// cannot be read at all (a missing or unknown header, no rows, too many rows).
pub fn rows(kind: ImportKind, table: &Table) -> Result<Vec<Row>, Vec<RowError>> {
    let columns = kind.columns();
    let file_err = |row: u32, column: &str, zh: String, en: String| RowError {
        sheet: table.sheet.clone(),
        row,
        column: column.to_owned(),
        zh,
        en,
    };
    let Some(header) = table.rows.first() else {
        return Err(vec![file_err(
            1,
            "",
            "文件是空的：第 1 行应是表头".into(),
            "the file is empty: row 1 should be the header".into(),
        )]);
    };
    let mut errors = Vec::new();
    let mut at: Vec<Option<usize>> = vec![None; columns.len()];
    for (j, h) in header.iter().enumerate() {
        let h = clean(h);
        if h.is_empty() {
            continue;
        }
        let bare = h.trim_end_matches(['*', '＊']);
        match columns
            .iter()
            .position(|c| c.zh == bare || c.en.eq_ignore_ascii_case(bare))
        {
            Some(i) if at[i].is_some() => errors.push(file_err(
                1,
                bare,
                format!("表头“{bare}”出现了两次"),
                format!("the header “{bare}” appears twice"),
            )),
            Some(i) => at[i] = Some(j),
            None => errors.push(file_err(
                1,
                bare,
                format!("不认识的列“{bare}”：请使用模板的表头"),
                format!("unknown column “{bare}”: use the template's headers"),
            )),
        }
    }
    for (i, c) in columns.iter().enumerate() {
        if c.required && at[i].is_none() {
            errors.push(file_err(
                1,
                c.zh,
                format!("缺少必填列“{}”", c.zh),
                format!("the required column “{}” is missing", c.en),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = Vec::new();
    for (n, raw) in table.rows.iter().enumerate().skip(1) {
        let cells: Vec<String> = at
            .iter()
            .map(|j| {
                j.and_then(|j| raw.get(j))
                    .map(|c| clean(c))
                    .unwrap_or_default()
            })
            .collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        out.push(Row {
            sheet: table.sheet.clone(),
            no: u32::try_from(n + 1).unwrap_or(u32::MAX),
            cells,
            columns,
        });
    }
    if out.is_empty() {
        return Err(vec![file_err(
            2,
            "",
            "表头下没有数据行".into(),
            "no data rows below the header".into(),
        )]);
    }
    if out.len() > MAX_ROWS {
        return Err(vec![file_err(
            u32::try_from(MAX_ROWS + 2).unwrap_or(u32::MAX),
            "",
            format!("一个文件最多 {MAX_ROWS} 行，请分成几个文件"),
            format!("at most {MAX_ROWS} rows per file: split it"),
        )]);
    }
    Ok(out)
}

/// A date as offices write it: `2023-05-01`, `2023/5/1`, `2023.5.1` or `2023年5月1日`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim().trim_end_matches('日');
    let parts: Vec<&str> = t.split(['-', '/', '.', '年', '月']).collect();
    let [y, m, d] = parts[..] else { return None };
    let num = |s: &str| s.trim().parse::<u32>().ok();
    NaiveDate::from_ymd_opt(i32::try_from(num(y)?).ok()?, num(m)?, num(d)?)
        .filter(|_| y.trim().len() == 4)
}

/// The label among `values` that `text` names (its Chinese label or its wire name).
pub fn pick<T: Copy + Serialize>(
    values: &[T],
    label: impl Fn(T) -> &'static str,
    text: &str,
) -> Option<T> {
    values
        .iter()
        .copied()
        .find(|v| label(*v) == text || crate::wire::enum_name(v) == text)
}

/// Within-file duplicates of a natural key: each later row is an error in column `col`.
pub fn duplicates<'a>(
    keyed: impl Iterator<Item = (&'a Row, String)>,
    col: usize,
    errors: &mut Vec<RowError>,
) {
    let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for (row, key) in keyed {
        if key.is_empty() {
            continue;
        }
        match seen.get(&key) {
            Some(first) => errors.push(row.err(
                col,
                format!("与第 {first} 行重复"),
                format!("repeats row {first}"),
            )),
            None => {
                seen.insert(key, row.no);
            }
        }
    }
}
