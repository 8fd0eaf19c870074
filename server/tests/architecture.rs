//! The server's shape, held by a test: calls go one way (http → service → store → entity), no
//! store names http, no domain reaches into another domain's store, the infrastructure under the
//! domains names none of them, no file depends on itself through others, and `shared` does no IO.
//!
//! The graph is read from the sources: every `use` tree and every `crate::…`/`super::…` path in
//! code (comments and strings stripped), resolved to the file of the longest module it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The domains of the server (one directory each).
const DOMAINS: &[&str] = &[
    "accounts",
    "admin",
    "applications",
    "dashboard",
    "digest",
    "ledger",
    "life",
    "panels",
    "procedure",
    "public",
    "scoring",
    "studios",
];

/// What every domain stands on; none of it may name a domain.
const INFRASTRUCTURE: &[&str] = &[
    "actor",
    "audit",
    "clock",
    "config",
    "db",
    "net",
    "entity",
    "error",
    "export",
    "state",
    "telemetry",
    "web",
    "work",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a file under `src` (`panels/service.rs` → `panels::service`).
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|s| s.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The code of a file without comments, string and char literals (their text is not a path).
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                while i < b.len() {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            b'r' if b.get(i + 1) == Some(&b'#')
                || (b.get(i + 1) == Some(&b'"')
                    && (i == 0 || !b[i - 1].is_ascii_alphanumeric())) =>
            {
                // A raw string: r"…" or r#"…"#.
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    out.push('r');
                    i += 1;
                    continue;
                }
                j += 1;
                let close: Vec<u8> = std::iter::once(b'"')
                    .chain(std::iter::repeat_n(b'#', hashes))
                    .collect();
                while j < b.len() && !b[j..].starts_with(&close) {
                    j += 1;
                }
                i = j + close.len();
                out.push_str("\"\"");
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
                out.push_str("\"\"");
            }
            b'\'' => {
                // A char literal ('a', '\n', '"'), or a lifetime ('a) which stays.
                let close = if b.get(i + 1) == Some(&b'\\') {
                    b[i + 2..]
                        .iter()
                        .position(|&c| c == b'\'')
                        .map(|p| i + 2 + p)
                } else {
                    let ch_len = text[i + 1..].chars().next().map_or(1, char::len_utf8);
                    (b.get(i + 1 + ch_len) == Some(&b'\'')).then_some(i + 1 + ch_len)
                };
                match close {
                    Some(c) => {
                        out.push_str("' '");
                        i = c + 1;
                    }
                    None => {
                        out.push('\'');
                        i += 1;
                    }
                }
            }
            _ => {
                let ch = text[i..].chars().next().expect("a char");
                out.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    out
}

/// The paths of a `use` tree (`crate::a::{b, c::{d, e}}` → `crate::a::b`, `crate::a::c::d`, …).
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        // A leaf, perhaps renamed (`a::b as c`).
        let leaf = tree.split(" as ").next().unwrap_or(tree);
        let leaf: String = leaf.chars().filter(|c| !c.is_whitespace()).collect();
        return vec![leaf.trim_end_matches("::").to_owned()];
    };
    let prefix: String = tree[..open]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .flat_map(|p| {
            let p = if p == "self" { "" } else { p };
            expand(p)
                .into_iter()
                .map(|x| format!("{prefix}{x}").trim_end_matches("::").to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every module path a file names, absolute (`crate::` stripped, `super::` and `self::` resolved).
fn references(module: &[String], is_mod_file: bool, code: &str) -> BTreeSet<Vec<String>> {
    let mut raw: Vec<String> = Vec::new();
    // `use` trees.
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let before = rest[..at].chars().last();
        let after = &rest[at + 4..];
        rest = after;
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let end = after.find(';').unwrap_or(after.len());
        raw.extend(expand(&after[..end]));
    }
    // Paths in code.
    for anchor in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(p) = code[from..].find(anchor) {
            let at = from + p;
            from = at + anchor.len();
            let before = code[..at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let path: String = code[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            raw.push(path.trim_end_matches(':').to_owned());
        }
    }
    let mut out = BTreeSet::new();
    for path in raw {
        let segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        let Some(first) = segs.first() else { continue };
        // A file's own module for `self`; its parent for `super` (a mod.rs is its directory).
        let here: Vec<String> = module.to_vec();
        // `super` of a mod.rs is its directory's parent, as of any file of that module.
        let _ = is_mod_file;
        let parent: Vec<String> = here[..here.len().saturating_sub(1)].to_vec();
        let (mut base, rest): (Vec<String>, &[&str]) = match *first {
            "crate" => (Vec::new(), &segs[1..]),
            "super" => {
                let mut b = parent.clone();
                let mut r = &segs[1..];
                while r.first() == Some(&"super") {
                    b.pop();
                    r = &r[1..];
                }
                (b, r)
            }
            "self" => (here.clone(), &segs[1..]),
            _ => continue,
        };
        base.extend(rest.iter().map(|s| (*s).to_owned()));
        out.insert(base);
    }
    out
}

struct Graph {
    /// Module path of each file.
    files: BTreeMap<Vec<String>, PathBuf>,
    /// File → the files it names.
    edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    /// File → the code it has (for crate names such as `axum`).
    code: BTreeMap<Vec<String>, String>,
}

fn graph(src: &Path) -> Graph {
    let mut paths = Vec::new();
    rust_files(src, &mut paths);
    let mut files = BTreeMap::new();
    let mut code = BTreeMap::new();
    let mut named = BTreeMap::new();
    for p in &paths {
        let m = module_of(src, p);
        let text = code_only(&std::fs::read_to_string(p).expect("readable"));
        let is_mod = p.file_name().is_some_and(|n| n == "mod.rs");
        named.insert(m.clone(), references(&m, is_mod, &text));
        code.insert(m.clone(), text);
        files.insert(m, p.clone());
    }
    // Resolve each named path to the file of its longest module prefix.
    let mut edges = BTreeMap::new();
    for (m, refs) in named {
        let mut to = BTreeSet::new();
        for r in refs {
            let target = (0..=r.len())
                .rev()
                .map(|n| r[..n].to_vec())
                .find(|prefix| files.contains_key(prefix));
            if let Some(t) = target
                && t != m
                && !t.is_empty()
            {
                to.insert(t);
            }
        }
        edges.insert(m, to);
    }
    Graph { files, edges, code }
}

fn name(m: &[String]) -> String {
    m.join("::")
}

fn layer(m: &[String]) -> Option<&'static str> {
    let domain = DOMAINS
        .iter()
        .any(|d| m.first().map(String::as_str) == Some(d));
    if !domain || m.len() < 2 {
        return None;
    }
    Some(match m[1].as_str() {
        "http" => "http",
        "store" => "store",
        _ => "service",
    })
}

fn server_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn calls_go_one_way_through_each_domain() {
    let g = graph(&server_src());
    let mut wrong = Vec::new();
    for (m, to) in &g.edges {
        let Some(l) = layer(m) else { continue };
        let code = &g.code[m];
        for t in to {
            let named = name(t);
            let tl = layer(t);
            let other_domain = t.first() != m.first() && tl.is_some();
            let bad = match l {
                // A store queries; it names no http, no service, no web.
                "store" => {
                    tl == Some("http") || tl == Some("service") || t[0] == "web" || t[0] == "work"
                }
                // A use case names no http and no web.
                "service" => tl == Some("http") || t[0] == "web",
                // A handler extracts, calls a service, replies: no store, no entity.
                _ => tl == Some("store") || t[0] == "entity",
            } || (other_domain && tl == Some("store"));
            if bad {
                wrong.push(format!("{} ({l}) → {named}", name(m)));
            }
        }
        if l != "http" && (code.contains("axum::") || code.contains("use axum")) {
            wrong.push(format!("{} ({l}) names axum", name(m)));
        }
    }
    assert!(
        wrong.is_empty(),
        "against the direction:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_infrastructure_names_no_domain() {
    let g = graph(&server_src());
    let mut wrong = Vec::new();
    for (m, to) in &g.edges {
        if !m
            .first()
            .is_some_and(|f| INFRASTRUCTURE.contains(&f.as_str()))
        {
            continue;
        }
        for t in to {
            if DOMAINS.contains(&t[0].as_str()) {
                wrong.push(format!("{} → {}", name(m), name(t)));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "infrastructure naming a domain:\n{}",
        wrong.join("\n")
    );
}

/// Tarjan's strongly connected components: any of more than one file is a circle.
fn circles(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<String>> {
    struct T<'a> {
        edges: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<&'a Vec<String>, usize>,
        low: BTreeMap<&'a Vec<String>, usize>,
        stack: Vec<&'a Vec<String>>,
        on: BTreeSet<&'a Vec<String>>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    impl<'a> T<'a> {
        fn visit(&mut self, v: &'a Vec<String>) {
            self.index.insert(v, self.next);
            self.low.insert(v, self.next);
            self.next += 1;
            self.stack.push(v);
            self.on.insert(v);
            for w in self.edges.get(v).into_iter().flatten() {
                if !self.edges.contains_key(w) {
                    continue;
                }
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let lw = self.low[w];
                    let lv = self.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(lw);
                } else if self.on.contains(w) {
                    let iw = self.index[w];
                    let lv = self.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut scc = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on.remove(w);
                    scc.push(name(w));
                    if w == v {
                        break;
                    }
                }
                if scc.len() > 1 {
                    scc.sort();
                    self.out.push(scc);
                }
            }
        }
    }
    let mut t = T {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !t.index.contains_key(v) {
            t.visit(v);
        }
    }
    t.out
}

#[test]
fn no_file_depends_on_itself_through_others() {
    let g = graph(&server_src());
    // A parent's `mod` lines are not dependencies; a child naming an item of its mod.rs is.
    let found = circles(&g.edges);
    assert!(found.is_empty(), "circles of files: {found:?}");
    assert!(g.files.len() > 60, "{} files read", g.files.len());
}

#[test]
fn the_reader_sees_what_it_should() {
    // The parser itself: use trees, super, self, comments and strings.
    assert_eq!(
        expand("crate::a::{b, c::{d, e as f}, self}"),
        [
            "crate::a::b",
            "crate::a::c::d",
            "crate::a::c::e",
            "crate::a"
        ]
    );
    let code =
        code_only("use super::store; // crate::web\nlet s = \"crate::http\"; crate::x::y(1);");
    let m = vec!["panels".to_owned(), "service".to_owned()];
    let refs = references(&m, false, &code);
    let names: Vec<String> = refs.iter().map(|r| name(r)).collect();
    assert_eq!(names, ["panels::store", "x::y"]);
    let mut edges = BTreeMap::new();
    let v = |s: &str| vec![s.to_owned()];
    edges.insert(v("a"), BTreeSet::from([v("b")]));
    edges.insert(v("b"), BTreeSet::from([v("a")]));
    edges.insert(v("c"), BTreeSet::from([v("a")]));
    assert_eq!(circles(&edges), [vec!["a".to_owned(), "b".to_owned()]]);
}

/// `#[…]` attributes removed (shared's database derives are gated attributes, not IO).
fn without_attributes(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[") {
        out.push_str(&rest[..at]);
        let mut depth = 0;
        let mut end = rest.len();
        for (i, c) in rest[at + 1..].char_indices() {
            match c {
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        end = at + 1 + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn shared_does_no_io() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    let forbidden = [
        "std::fs",
        "std::net",
        "std::io",
        "std::env",
        "std::process",
        "std::thread",
        "tokio",
        "sea_orm",
        "axum",
        "reqwest",
        "gloo",
        "web_sys",
        "SystemTime",
        "Utc::now",
        "Local::now",
    ];
    let mut wrong = Vec::new();
    for p in &paths {
        let code = without_attributes(&code_only(&std::fs::read_to_string(p).expect("readable")));
        for f in forbidden {
            if code.contains(f) {
                wrong.push(format!("{}: {f}", p.display()));
            }
        }
    }
    assert!(paths.len() > 30, "{} files read", paths.len());
    assert!(wrong.is_empty(), "IO in shared:\n{}", wrong.join("\n"));
}
