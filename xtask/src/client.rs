//! Builds the browser client into `dist/`: cargo (wasm32, size-optimised) → wasm-bindgen (as a
//! library, version pinned to the `wasm-bindgen` crate) → wasm-opt from npm binaryen (when
//! installed) → public.html / index.html, boot scripts, style.css → brotli and gzip copies. Two
//! bundles: `public` (public pages, small) and `app` (with the signed-in back office).

use crate::util;
use anyhow::{Context, Result};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";

/// One wasm bundle: its name in `dist/`, the cargo features, and the page that loads it.
struct Bundle {
    name: &'static str,
    features: &'static [&'static str],
    html: &'static str,
}

/// The public bundle (self-check and other public pages) stays small for first-time visitors;
/// the office bundle adds the signed-in back office.
const BUNDLES: [Bundle; 2] = [
    Bundle {
        name: "public",
        features: &["--no-default-features"],
        html: "public.html",
    },
    Bundle {
        name: "app",
        features: &[],
        html: "index.html",
    },
];

pub fn build(root: &Path) -> Result<PathBuf> {
    let dist = root.join("dist");
    let _ = fs::remove_dir_all(&dist);
    fs::create_dir_all(&dist)?;
    for bundle in &BUNDLES {
        build_bundle(root, &dist, bundle)?;
    }
    fs::write(dist.join("style.css"), stylesheet(&root.join("style"))?)?;
    fs::write(dist.join("favicon.svg"), FAVICON)?;
    fs::write(dist.join("sw.js"), service_worker(&dist)?)?;
    precompress(&dist)?;
    report_sizes(&dist)?;
    Ok(dist)
}

fn build_bundle(root: &Path, dist: &Path, bundle: &Bundle) -> Result<()> {
    let name = bundle.name;
    let t = util::step(&format!("client ({name}): cargo build (wasm32)"));
    let mut args = vec![
        "build",
        "-p",
        "app",
        "--target",
        TARGET,
        "--profile",
        PROFILE,
    ];
    args.extend_from_slice(bundle.features);
    util::cargo(root, &args)?;
    util::done("cargo build", t);

    let t = util::step(&format!("client ({name}): wasm-bindgen"));
    let target = util::target_dir(root)?;
    let wasm = target.join(TARGET).join(PROFILE).join("app.wasm");
    let bindgen_out = target.join("bindgen").join(name);
    let _ = fs::remove_dir_all(&bindgen_out);
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .out_name(name)
        .typescript(false)
        .remove_producers_section(true)
        .generate(&bindgen_out)?;
    util::done("wasm-bindgen", t);

    fs::copy(
        bindgen_out.join(format!("{name}.js")),
        dist.join(format!("{name}.js")),
    )?;
    optimise(
        root,
        &bindgen_out.join(format!("{name}_bg.wasm")),
        &dist.join(format!("{name}_bg.wasm")),
    )?;
    // The office bundle registers the service worker that keeps its shell for offline tablets.
    let register = if name == "app" {
        "if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js');\n"
    } else {
        ""
    };
    fs::write(
        dist.join(format!("boot-{name}.js")),
        format!(
            "import init from '/{name}.js';\ninit({{ module_or_path: '/{name}_bg.wasm' }});\n{register}"
        ),
    )?;
    fs::write(dist.join(bundle.html), INDEX_HTML.replace("{bundle}", name))?;
    Ok(())
}

/// wasm-opt -Oz from npm binaryen (xtask/npm); without it the bindgen output is used as is.
fn optimise(root: &Path, input: &Path, output: &Path) -> Result<()> {
    let wasm_opt = root.join("xtask/npm/node_modules/.bin/wasm-opt");
    if !wasm_opt.is_file() {
        println!("    wasm-opt not installed (npm binaryen): shipping the unoptimised wasm");
        fs::copy(input, output)?;
        return Ok(());
    }
    let t = util::step("client: wasm-opt -Oz");
    util::run(
        std::process::Command::new(wasm_opt)
            .args(["-Oz", "--strip-debug", "--strip-producers"])
            .args([
                "--enable-bulk-memory",
                "--enable-sign-ext",
                "--enable-nontrapping-float-to-int",
                "--enable-mutable-globals",
                "--enable-reference-types",
                "--enable-multivalue",
            ])
            .arg(input)
            .arg("-o")
            .arg(output),
    )?;
    util::done("client: wasm-opt", t);
    Ok(())
}

/// All `style/*.css`, in name order (tokens first by their `00-` prefix).
fn stylesheet(dir: &Path) -> Result<String> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "css"))
        .collect();
    files.sort();
    let mut css = String::new();
    for f in files {
        css.push_str(&fs::read_to_string(&f)?);
        css.push('\n');
    }
    Ok(css)
}

fn precompress(dist: &Path) -> Result<()> {
    for entry in fs::read_dir(dist)? {
        let path = entry?.path();
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        if !matches!(ext, "js" | "wasm" | "css" | "html" | "svg") {
            continue;
        }
        let bytes = fs::read(&path)?;
        let mut br = Vec::new();
        {
            let mut w = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
            w.write_all(&bytes)?;
        }
        fs::write(path.with_extension(format!("{ext}.br")), br)?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes)?;
        fs::write(path.with_extension(format!("{ext}.gz")), gz.finish()?)?;
    }
    Ok(())
}

/// What a first visit to each entry page loads, raw and compressed.
fn report_sizes(dist: &Path) -> Result<()> {
    for bundle in &BUNDLES {
        let n = bundle.name;
        let files = [
            bundle.html.to_owned(),
            format!("boot-{n}.js"),
            format!("{n}.js"),
            format!("{n}_bg.wasm"),
            "style.css".to_owned(),
            "favicon.svg".to_owned(),
        ];
        println!(
            "    {:<16} {:>10} {:>10} {:>10}",
            "file", "raw", "gzip", "brotli"
        );
        let (mut raw_total, mut gz_total, mut br_total) = (0, 0, 0);
        for name in &files {
            let size = |p: PathBuf| fs::metadata(p).map(|m| m.len()).unwrap_or(0);
            let raw = size(dist.join(name));
            let gz = size(dist.join(format!("{name}.gz")));
            let br = size(dist.join(format!("{name}.br")));
            (raw_total, gz_total, br_total) = (raw_total + raw, gz_total + gz, br_total + br);
            println!("    {name:<16} {raw:>10} {gz:>10} {br:>10}");
        }
        println!(
            "    {:<16} {raw_total:>10} {gz_total:>10} {br_total:>10}",
            format!("first load ({n})")
        );
    }
    Ok(())
}

const FAVICON: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#b4232a"/><text x="16" y="23" font-size="19" text-anchor="middle" fill="#fff" font-family="sans-serif">匠</text></svg>"##;

const INDEX_HTML: &str = r#"<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="宁夏回族自治区技能大师工作室管理系统：申报资格自查、评审、资金与考核">
<title>技能大师工作室管理系统</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="preload" href="/{bundle}_bg.wasm" as="fetch" type="application/wasm" crossorigin>
<link rel="modulepreload" href="/{bundle}.js">
<link rel="stylesheet" href="/style.css">
<script type="module" src="/boot-{bundle}.js"></script>
</head>
<body>
<noscript>本系统需要启用 JavaScript。This site needs JavaScript.</noscript>
</body>
</html>
"#;

/// The shell the office bundle needs to start without a network: cached on install, served cache
/// first; pages fall back to the cached `index.html` when offline. The API is never cached (the
/// tablet keeps its own data in local storage). The cache name changes with every build.
fn service_worker(dist: &Path) -> Result<String> {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in SHELL {
        fs::read(dist.join(f.trim_start_matches('/')))?.hash(&mut h);
    }
    let files = SHELL
        .iter()
        .map(|f| format!("'{f}'"))
        .collect::<Vec<_>>()
        .join(", ");
    Ok(SERVICE_WORKER
        .replace("{version}", &format!("{:016x}", h.finish()))
        .replace("{files}", &files))
}

const SHELL: [&str; 6] = [
    "/index.html",
    "/app.js",
    "/app_bg.wasm",
    "/boot-app.js",
    "/style.css",
    "/favicon.svg",
];

const SERVICE_WORKER: &str = r#"// Generated by `cargo xtask build`: the office shell for offline use.
const CACHE = 'studio-shell-{version}';
const SHELL = [{files}];
self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (e) => {
  e.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (e.request.mode === 'navigate') {
    e.respondWith(fetch(e.request).catch(() => caches.match('/index.html')));
    return;
  }
  if (SHELL.includes(url.pathname)) {
    e.respondWith(caches.match(url.pathname).then((hit) => hit || fetch(e.request)));
  }
});
"#;
