//! A file as a [`Table`] of text cells: an xlsx workbook (the kind's sheet, or the first), or a CSV
//! in UTF-8 (with or without a byte-order mark) or GB18030, as Excel on a Chinese Windows saves it.

use crate::error::ApiError;
use shared::import::{ImportKind, Table};
use shared::wire::FieldError;

fn unreadable(zh: &str, en: &str) -> ApiError {
    ApiError::Validation(vec![FieldError::new("file", zh, en)])
}

/// Reads `bytes` for `kind`.
pub fn table(kind: ImportKind, bytes: &[u8]) -> Result<Table, ApiError> {
    if bytes.is_empty() {
        return Err(unreadable("文件是空的", "the file is empty"));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        xlsx(kind, bytes)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Err(unreadable(
            "不支持旧版 .xls 文件：请在 Excel 或 WPS 中另存为 .xlsx 或 CSV",
            "old .xls files are not read: save as .xlsx or CSV",
        ))
    } else {
        csv(kind, bytes)
    }
}

/// The text of a CSV file: UTF-8 when it is valid UTF-8, otherwise GB18030 (a superset of GBK and
/// GB2312); anything neither is refused rather than guessed.
pub fn decode(bytes: &[u8]) -> Result<String, ApiError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    // No byte-order-mark sniffing: bytes that are neither UTF-8 nor GB18030 are refused, not read
    // as UTF-16.
    let Some(text) =
        encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
    else {
        return Err(unreadable(
            "无法识别文件的编码：请保存为 UTF-8 或 GB18030（GBK）编码的 CSV，或 .xlsx",
            "the encoding is neither UTF-8 nor GB18030: save as CSV (UTF-8 or GBK) or .xlsx",
        ));
    };
    Ok(text.into_owned())
}

fn csv(kind: ImportKind, bytes: &[u8]) -> Result<Table, ApiError> {
    let text = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            ApiError::Validation(vec![FieldError::new(
                "file",
                format!("CSV 第 {} 行无法读取：{e}", n + 1),
                format!("CSV row {} cannot be read: {e}", n + 1),
            )])
        })?;
        rows.push(record.iter().map(str::to_owned).collect());
    }
    Ok(Table {
        sheet: kind.sheet().to_owned(),
        rows,
    })
}

fn xlsx(kind: ImportKind, bytes: &[u8]) -> Result<Table, ApiError> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|_| {
        unreadable(
            "无法打开这个 .xlsx 文件（文件损坏或不是 Excel 工作簿）",
            "this .xlsx cannot be opened",
        )
    })?;
    let names = book.sheet_names();
    let sheet = names
        .iter()
        .find(|n| n.trim() == kind.sheet())
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| unreadable("工作簿里没有工作表", "the workbook has no sheet"))?;
    let range = book
        .worksheet_range(&sheet)
        .map_err(|_| unreadable("无法读取工作表", "the sheet cannot be read"))?;
    // The range starts at its first used cell; keep spreadsheet row numbers (the header is row 1).
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); usize::try_from(top).unwrap_or(0)];
    for r in range.rows() {
        let mut cells = vec![String::new(); usize::try_from(left).unwrap_or(0)];
        cells.extend(r.iter().map(cell));
        rows.push(cells);
    }
    Ok(Table { sheet, rows })
}

/// A cell as text: whole numbers without a decimal point (an identity number typed as a number
/// is still refused by its check, not silently rounded), dates as `YYYY-MM-DD`.
fn cell(c: &calamine::Data) -> String {
    use calamine::Data;
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) if dt.time() == chrono::NaiveTime::MIN => dt.date().to_string(),
            Some(dt) => dt.to_string(),
            None => d.as_f64().to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.split('T').next().unwrap_or(s).to_owned(),
        Data::Error(e) => format!("#{e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb18030_and_utf8_with_a_bom_read_alike() {
        let text = "统一社会信用代码,单位名称\r\n91640100MA76XY411K,宁夏示例装备制造有限公司\r\n";
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let a = table(ImportKind::Units, &gb).expect("gb18030");
        let b = table(ImportKind::Units, &bom).expect("utf-8");
        assert_eq!(a, b);
        assert_eq!(a.rows[1][1], "宁夏示例装备制造有限公司");
    }

    #[test]
    fn other_bytes_are_refused_with_the_field_named() {
        for bytes in [&b""[..], b"\xD0\xCF\x11\xE0rest", b"\xFF\xFE\xFD\x81"] {
            match table(ImportKind::Units, bytes) {
                Err(ApiError::Validation(f)) => assert_eq!(f[0].field, "file"),
                other => panic!("{other:?}"),
            }
        }
    }
}
