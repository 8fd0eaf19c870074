//! Every list's export: CSV (RFC 4180, UTF-8 with a byte-order mark so Excel reads Chinese) and
//! xlsx, from one table of text cells. Cells a spreadsheet would run as formulas are made inert.

use crate::error::ApiError;
pub use shared::api::query::ExportFormat;

/// A file to send: an export, an xlsx, an evidence file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    /// The ASCII file name every browser understands.
    pub ascii_name: String,
    /// The real (Chinese) name, sent as well where there is one (RFC 5987).
    pub utf8_name: Option<String>,
    pub mime: String,
    pub bytes: Vec<u8>,
    pub cache_control: Option<&'static str>,
}

impl Download {
    pub fn new(ascii_name: String, mime: &str, bytes: Vec<u8>) -> Download {
        Download {
            ascii_name,
            utf8_name: None,
            mime: mime.to_owned(),
            bytes,
            cache_control: None,
        }
    }

    /// `filename="…"`, and `filename*=UTF-8''…` with the real name percent-encoded.
    pub fn filename_param(&self) -> String {
        let ascii = format!("filename=\"{}\"", self.ascii_name);
        match &self.utf8_name {
            None => ascii,
            Some(name) => {
                let encoded: String = name
                    .bytes()
                    .map(|b| {
                        if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                            (b as char).to_string()
                        } else {
                            format!("%{b:02X}")
                        }
                    })
                    .collect();
                format!("{ascii}; filename*=UTF-8''{encoded}")
            }
        }
    }
}

pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A cell that a spreadsheet would not run as a formula (=, +, -, @ lead a formula in Excel).
fn inert(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    fn field(out: &mut String, cell: &str) {
        let cell = inert(cell);
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    let mut out = String::from("\u{FEFF}");
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        for (i, c) in cells.enumerate() {
            if i > 0 {
                out.push(',');
            }
            field(&mut out, c);
        }
        out.push_str("\r\n");
    };
    line(&mut headers.iter().copied());
    for r in rows {
        line(&mut r.iter().map(String::as_str));
    }
    out.into_bytes()
}

pub fn xlsx(sheet_name: &str, headers: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, ApiError> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| ApiError::Internal(format!("xlsx: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name).map_err(err)?;
    let bold = Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        sheet
            .write_string_with_format(0, c, *h, &bold)
            .map_err(err)?;
        sheet.set_column_width(c, 14).map_err(err)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            sheet.write_string(r, c, cell).map_err(err)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    book.save_to_buffer().map_err(err)
}

/// The table as a download named `name`.csv or .xlsx.
pub fn table(
    format: ExportFormat,
    name: &str,
    sheet_name: &str,
    headers: &[&str],
    rows: &[Vec<String>],
) -> Result<Download, ApiError> {
    let (mime, ext, body) = match format {
        ExportFormat::Csv => ("text/csv; charset=utf-8", "csv", csv(headers, rows)),
        ExportFormat::Xlsx => ("", "xlsx", xlsx(sheet_name, headers, rows)?),
    };
    let mime = if ext == "xlsx" { XLSX_MIME } else { mime };
    Ok(Download::new(format!("{name}.{ext}"), mime, body))
}
