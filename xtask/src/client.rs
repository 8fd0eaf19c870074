//! Builds the browser client into `dist/`: cargo (wasm32, size-optimised) → wasm-bindgen (as a
//! library, version pinned to the `wasm-bindgen` crate) → wasm-opt from npm binaryen (when
//! installed) → index.html, boot.js, style.css → brotli and gzip copies for the server.

use crate::util;
use anyhow::{Context, Result};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";

pub fn build(root: &Path) -> Result<PathBuf> {
    let t = util::step("client: cargo build (wasm32)");
    util::cargo(
        root,
        &[
            "build",
            "-p",
            "app",
            "--target",
            TARGET,
            "--profile",
            PROFILE,
        ],
    )?;
    util::done("client: cargo build", t);

    let t = util::step("client: wasm-bindgen");
    let wasm = root
        .join("target")
        .join(TARGET)
        .join(PROFILE)
        .join("app.wasm");
    let bindgen_out = root.join("target/bindgen/app");
    let _ = fs::remove_dir_all(&bindgen_out);
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .out_name("app")
        .typescript(false)
        .remove_producers_section(true)
        .generate(&bindgen_out)?;
    util::done("client: wasm-bindgen", t);

    let dist = root.join("dist");
    let _ = fs::remove_dir_all(&dist);
    fs::create_dir_all(&dist)?;
    fs::copy(bindgen_out.join("app.js"), dist.join("app.js"))?;
    optimise(
        root,
        &bindgen_out.join("app_bg.wasm"),
        &dist.join("app_bg.wasm"),
    )?;
    fs::write(dist.join("boot.js"), BOOT_JS)?;
    fs::write(dist.join("index.html"), INDEX_HTML)?;
    fs::write(dist.join("style.css"), stylesheet(&root.join("style"))?)?;
    fs::write(dist.join("favicon.svg"), FAVICON)?;
    precompress(&dist)?;
    report_sizes(&dist)?;
    Ok(dist)
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

fn report_sizes(dist: &Path) -> Result<()> {
    println!(
        "    {:<14} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    let (mut raw_total, mut gz_total, mut br_total) = (0, 0, 0);
    for name in [
        "index.html",
        "boot.js",
        "app.js",
        "app_bg.wasm",
        "style.css",
        "favicon.svg",
    ] {
        let size = |p: PathBuf| fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let raw = size(dist.join(name));
        let gz = size(dist.join(format!("{name}.gz")));
        let br = size(dist.join(format!("{name}.br")));
        (raw_total, gz_total, br_total) = (raw_total + raw, gz_total + gz, br_total + br);
        println!("    {name:<14} {raw:>10} {gz:>10} {br:>10}");
    }
    println!(
        "    {:<14} {raw_total:>10} {gz_total:>10} {br_total:>10}",
        "total"
    );
    Ok(())
}

const BOOT_JS: &str = "import init from '/app.js';\ninit({ module_or_path: '/app_bg.wasm' });\n";

const FAVICON: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#b4232a"/><text x="16" y="23" font-size="19" text-anchor="middle" fill="#fff" font-family="sans-serif">匠</text></svg>"##;

const INDEX_HTML: &str = r#"<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="宁夏回族自治区技能大师工作室管理系统：申报资格自查、评审、资金与考核">
<title>技能大师工作室管理系统</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="preload" href="/app_bg.wasm" as="fetch" type="application/wasm" crossorigin>
<link rel="modulepreload" href="/app.js">
<link rel="stylesheet" href="/style.css">
<script type="module" src="/boot.js"></script>
</head>
<body>
<noscript>本系统需要启用 JavaScript。This site needs JavaScript.</noscript>
</body>
</html>
"#;
