//! Chinese by default, English on demand; the choice is remembered.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

/// Provides the language signal to the whole app and keeps `<html lang>` in step.
pub fn provide() -> RwSignal<Lang> {
    let lang = RwSignal::new(stored());
    provide_context(lang);
    Effect::new(move |_| {
        let code = match lang.get() {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        };
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", code);
        }
        crate::storage::save_lang(if code == "en" { "en" } else { "zh" });
    });
    lang
}

/// The language last chosen on this device.
fn stored() -> Lang {
    match crate::storage::load_lang().as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    }
}

/// The page's language; outside the app's reactive owner (an answer arriving in a spawned task, a
/// modal question), the one last chosen, which the effect above keeps stored.
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(stored()))
}

/// A text in the current language.
pub fn tr(
    zh: &'static str,
    en: &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || if lang.get() == Lang::En { en } else { zh }
}

/// Whether the page is in English (tracked when read inside a reactive closure, so the text follows
/// the language switch).
pub fn is_en() -> bool {
    let lang = use_lang();
    // In a handler or a spawned task nothing observes: read without tracking.
    let now = if leptos::reactive::graph::Observer::get().is_some() {
        lang.get()
    } else {
        lang.get_untracked()
    };
    now == Lang::En
}

/// The one of a pair in the current language: texts, formatted texts or an enum's labels, e.g.
/// `pick(format!("共 {n} 名"), format!("{n} in all"))` or `pick(s.label_zh(), s.label_en())`.
/// Keep the Chinese first and the English right after it: the guard below checks the pairing.
pub fn pick<T>(zh: T, en: T) -> T {
    if is_en() { en } else { zh }
}

/// Local time in Ningxia (UTC+8, no daylight saving) of a timestamp, to the minute.
pub fn local_minute(t: chrono::DateTime<chrono::Utc>) -> String {
    (t + chrono::Duration::hours(8))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    //! Issue #20: every text of the interface exists in English. The convention that makes it
    //! checkable: a Chinese literal is followed right away by its English twin (`tr("中", "En")`,
    //! `pick(format!("中 {n}"), format!("En {n}"))`, `col("中", "En")`, `zh="中" en="En"`), and an
    //! enum's Chinese label is shown beside its English one.

    use std::path::{Path, PathBuf};

    /// Not texts to translate: the language switch names Chinese in Chinese; the brand mark is
    /// hidden from assistive technology.
    const ALLOWED: [&str; 2] = ["中文", "匠"];

    /// Records, not interface: (file, text). What an administrator's switch writes to the audit
    /// trail as its reason, and the paying office a disbursement form starts with (a value the
    /// finance officer may edit, stored as typed).
    const RECORDS: [(&str, &str); 3] = [
        ("admin_users.rs", "管理员停用"),
        ("admin_users.rs", "管理员启用"),
        ("studio.rs", "自治区财政厅"),
    ];

    fn is_chinese(c: char) -> bool {
        matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
    }

    /// The string literals of `src` outside comments: (start, end, text) in bytes.
    fn literals(src: &str) -> Vec<(usize, usize, &str)> {
        let b = src.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        let find = |from: usize, what: &[u8]| {
            b[from..]
                .windows(what.len())
                .position(|w| w == what)
                .map(|n| from + n)
        };
        while i < b.len() {
            if b[i..].starts_with(b"//") {
                i = find(i, b"\n").unwrap_or(b.len());
            } else if b[i..].starts_with(b"/*") {
                i = find(i, b"*/").map_or(b.len(), |n| n + 2);
            } else if b[i] == b'\'' {
                // A char literal ('"', '\'', '、'); a lifetime ('a) moves on by one.
                let rest = &src[i + 1..];
                let mut chars = rest.char_indices();
                match chars.next() {
                    Some((_, '\\')) => {
                        let close = rest[2..].find('\'').map_or(1, |n| n + 3);
                        i += 1 + close;
                    }
                    Some((_, c)) if rest[c.len_utf8()..].starts_with('\'') => {
                        i += 2 + c.len_utf8();
                    }
                    _ => i += 1,
                }
            } else if b[i] == b'"' {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                out.push((i, j + 1, &src[i + 1..j]));
                i = j + 1;
            } else {
                i += 1;
            }
        }
        out
    }

    /// Where the English twin must start: past whitespace, `)`, `,`, `&`, `format!(`, a
    /// conversion, or an `…en=` attribute name.
    fn twin_start(src: &str, mut i: usize) -> usize {
        const TOKENS: [&str; 7] = [
            ")",
            ",",
            "&",
            "format!(",
            ".to_owned()",
            ".to_string()",
            ".into()",
        ];
        loop {
            let rest = &src[i..];
            let ws = rest.len() - rest.trim_start().len();
            if ws > 0 {
                i += ws;
                continue;
            }
            if let Some(t) = TOKENS.iter().find(|t| rest.starts_with(**t)) {
                i += t.len();
                continue;
            }
            let word = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            if word >= 2
                && rest[..word].ends_with("en")
                && rest[word..].trim_start().starts_with('=')
            {
                i += word + rest[word..].find('=').unwrap_or(0) + 1;
                continue;
            }
            return i;
        }
    }

    fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("the sources") {
            let path = entry.expect("a source").path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// Every defect of `src` (a file called `name`) as "line: text".
    fn untranslated_in(name: &str, src: &str) -> Vec<String> {
        let body = src.split("#[cfg(test)]").next().unwrap_or(src);
        let lits = literals(body);
        let line = |at: usize| body[..at].matches('\n').count() + 1;
        let mut bad = Vec::new();
        for (k, &(start, end, text)) in lits.iter().enumerate() {
            if !text.chars().any(is_chinese)
                || ALLOWED.contains(&text)
                || RECORDS.contains(&(name, text))
            {
                continue;
            }
            let twin = lits.get(k + 1).filter(|&&(s, _, t)| {
                s == twin_start(body, end) && !t.is_empty() && !t.chars().any(is_chinese)
            });
            if twin.is_none() {
                bad.push(format!("{}: \"{text}\" has no English twin", line(start)));
            }
        }
        // An enum's Chinese label has its English one in the same statement (±3 lines).
        let lines: Vec<&str> = body
            .lines()
            .map(|l| l.split("//").next().unwrap_or(l))
            .collect();
        for (n, l) in lines.iter().enumerate() {
            if !l.contains(".label_zh()") {
                continue;
            }
            let near = &lines[n.saturating_sub(3)..(n + 4).min(lines.len())];
            let count = |what: &str| near.iter().map(|l| l.matches(what).count()).sum::<usize>();
            if count(".label_zh()") > count(".label_en()") {
                bad.push(format!("{}: a label in Chinese only: {}", n + 1, l.trim()));
            }
        }
        bad
    }

    fn untranslated(src: &str) -> Vec<String> {
        untranslated_in("test.rs", src)
    }

    #[test]
    fn the_guard_sees_what_it_guards() {
        assert!(untranslated(r#"view! { <p>"工作室"</p> }"#).len() == 1);
        assert!(untranslated(r#"tr("工作室", "Studios")"#).is_empty());
        assert!(untranslated(r#"pick(format!("共 {n} 名"), format!("{n} in all"))"#).is_empty());
        assert!(!untranslated(r#"col("年度", "年度")"#).is_empty());
        assert!(untranslated(r#"<CheckField zh="是" en="Yes" />"#).is_empty());
        assert!(untranslated(r#"// "注释" is a comment"#).is_empty());
        assert!(untranslated(r#"let c = '"'; tr("引号", "Quote")"#).is_empty());
        assert!(untranslated("<td>{s.label_zh()}</td>").len() == 1);
        assert!(untranslated("{move || pick(s.label_zh(), s.label_en())}").is_empty());
    }

    #[test]
    fn every_text_has_its_english() {
        let mut files = Vec::new();
        sources(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        files.sort();
        assert!(files.len() > 30, "the client's sources: {}", files.len());
        let mut report = Vec::new();
        for f in &files {
            let src = std::fs::read_to_string(f).expect("a readable source");
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            for d in untranslated_in(name, &src) {
                report.push(format!("{}:{d}", f.display()));
            }
        }
        assert!(
            report.is_empty(),
            "{} text(s) without English:\n{}",
            report.len(),
            report.join("\n")
        );
    }
}
