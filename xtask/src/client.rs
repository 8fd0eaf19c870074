//! Builds the browser client into `dist/`: cargo (wasm32, size-optimised) → wasm-bindgen (as a
//! library, version pinned to the `wasm-bindgen` crate) → wasm-opt from npm binaryen (when
//! installed) → one page per bundle, boot scripts, style.css → brotli and gzip copies. One bundle
//! per role's first page: `public` (public pages), `tablet` (the expert's installable scoring app,
//! with its manifest, icons and service worker), `applicant` (the application editor), `app` (the
//! office's core: workbench, reminders, applications, studios), `selection` (board and panels),
//! `admin` and `dashboard`. Moving between bundles is a page load; within one, the router's.

use crate::{tablet, util};
use anyhow::{Context, Result};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";

/// One wasm bundle: its name in `dist/`, the cargo features, and the page that loads it.
struct Bundle {
    name: &'static str,
    package: &'static str,
    /// Its stylesheet: the public pages' own (`public.css`, without the back office's rules) or
    /// the whole `style.css`.
    css: &'static str,
    features: &'static [&'static str],
    html: &'static str,
}

/// The hello-world Leptos CSR app (`baseline/`), built with the same profile and tools.
const BASELINE: Bundle = Bundle {
    name: "baseline",
    package: "baseline",
    css: "style.css",
    features: &[],
    html: "baseline.html",
};

/// One bundle per role's first page, each with only its pages (the server routes the same split:
/// `server::startup::BUNDLE_PAGES`); what they share lives in `shared` and the common components.
const BUNDLES: [Bundle; 7] = [
    Bundle {
        name: "public",
        package: "app",
        css: "public.css",
        features: &["--no-default-features", "--features", "public"],
        html: "public.html",
    },
    Bundle {
        name: "tablet",
        package: "app",
        css: "style.css",
        features: &["--no-default-features", "--features", "tablet"],
        html: "tablet.html",
    },
    Bundle {
        name: "applicant",
        package: "app",
        css: "style.css",
        features: &["--no-default-features", "--features", "applicant"],
        html: "applicant.html",
    },
    Bundle {
        name: "app",
        package: "app",
        css: "style.css",
        features: &["--no-default-features", "--features", "office"],
        html: "index.html",
    },
    Bundle {
        name: "selection",
        package: "app",
        css: "style.css",
        features: &["--no-default-features", "--features", "selection"],
        html: "selection.html",
    },
    Bundle {
        name: "admin",
        package: "app",
        css: "style.css",
        features: &["--no-default-features", "--features", "admin"],
        html: "admin.html",
    },
    Bundle {
        name: "dashboard",
        package: "app",
        css: "style.css",
        features: &["--no-default-features", "--features", "dashboard"],
        html: "dashboard.html",
    },
];

pub fn build(root: &Path) -> Result<PathBuf> {
    let dist = root.join("dist");
    let _ = fs::remove_dir_all(&dist);
    fs::create_dir_all(&dist)?;
    for bundle in &BUNDLES {
        build_bundle(root, &dist, bundle)?;
    }
    // The yardstick, built alike but kept out of `dist/`.
    let yard = util::target_dir(root)?.join("baseline-dist");
    let _ = fs::remove_dir_all(&yard);
    fs::create_dir_all(&yard)?;
    build_bundle(root, &yard, &BASELINE)?;
    precompress(&yard)?;
    fs::write(
        dist.join("style.css"),
        stylesheet(&root.join("style"), true)?,
    )?;
    fs::write(
        dist.join("public.css"),
        stylesheet(&root.join("style"), false)?,
    )?;
    fs::write(dist.join("favicon.svg"), FAVICON)?;
    tablet::write(&dist)?;
    precompress(&dist)?;
    report_sizes(&dist, &yard)?;
    Ok(dist)
}

fn build_bundle(root: &Path, dist: &Path, bundle: &Bundle) -> Result<()> {
    let name = bundle.name;
    let t = util::step(&format!("client ({name}): cargo build (wasm32)"));
    let mut args = vec![
        "build",
        "-p",
        bundle.package,
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
    let wasm = target
        .join(TARGET)
        .join(PROFILE)
        .join(format!("{}.wasm", bundle.package));
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

    // The glue starts itself (one request fewer than a separate boot script): wasm-bindgen's
    // module ends with its init function, which the appended line calls.
    let glue = fs::read_to_string(bindgen_out.join(format!("{name}.js")))?;
    anyhow::ensure!(
        glue.contains("__wbg_init as default"),
        "wasm-bindgen's glue no longer exports __wbg_init"
    );
    optimise(
        root,
        &bindgen_out.join(format!("{name}_bg.wasm")),
        &dist.join(format!("{name}_bg.wasm")),
    )?;
    // The tablet registers the service worker that keeps its bundle for scoring offline.
    let register = if name == "tablet" {
        "if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js', { scope: '/scoring' });\n"
    } else {
        ""
    };
    fs::write(
        dist.join(format!("{name}.js")),
        format!("{glue}\n__wbg_init({{ module_or_path: '/{name}_bg.wasm' }});\n{register}"),
    )?;
    let head = if name == "tablet" { tablet::HEAD } else { "" };
    fs::write(
        dist.join(bundle.html),
        INDEX_HTML
            .replace("{bundle}", name)
            .replace("{head}", head)
            .replace("{css}", bundle.css)
            .replace("{favicon}", &favicon_url()),
    )?;
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

/// All `style/*.css`, in name order (tokens first by their `00-` prefix); without `office`, not the
/// back office's (`52-…` its lists and actions, `55-…` the selection procedure, `58-…` a studio's
/// life).
fn stylesheet(dir: &Path, office: bool) -> Result<String> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "css"))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            office || !["52-", "55-", "58-"].iter().any(|p| name.starts_with(p))
        })
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

/// What a first visit to each entry page loads, raw and compressed; written to
/// `dist/first-load.json` too (brotli bytes per bundle, and the hello-world baseline's), which the
/// browser suite prints beside what it measures on the wire.
fn report_sizes(dist: &Path, yard: &Path) -> Result<()> {
    let mut json = Vec::new();
    for (bundle, dir) in BUNDLES
        .iter()
        .map(|b| (b, dist))
        .chain(std::iter::once((&BASELINE, yard)))
    {
        let n = bundle.name;
        let mut files = vec![
            bundle.html.to_owned(),
            format!("{n}.js"),
            format!("{n}_bg.wasm"),
        ];
        if n != "baseline" {
            files.push(bundle.css.to_owned());
        }
        println!(
            "    {:<16} {:>10} {:>10} {:>10}",
            "file", "raw", "gzip", "brotli"
        );
        let (mut raw_total, mut gz_total, mut br_total) = (0, 0, 0);
        for name in &files {
            let size = |p: PathBuf| fs::metadata(p).map(|m| m.len()).unwrap_or(0);
            let raw = size(dir.join(name));
            let gz = size(dir.join(format!("{name}.gz")));
            let br = size(dir.join(format!("{name}.br")));
            (raw_total, gz_total, br_total) = (raw_total + raw, gz_total + gz, br_total + br);
            println!("    {name:<16} {raw:>10} {gz:>10} {br:>10}");
        }
        println!(
            "    {:<16} {raw_total:>10} {gz_total:>10} {br_total:>10}",
            format!("first load ({n})")
        );
        json.push(format!("\"{n}\": {br_total}"));
    }
    fs::write(
        dist.join("first-load.json"),
        format!("{{ {} }}\n", json.join(", ")),
    )?;
    Ok(())
}

/// The icon inline in each page (a data URL: no request of its own on a first visit).
fn favicon_url() -> String {
    let svg = FAVICON
        .replace('"', "'")
        .replace('#', "%23")
        .replace('<', "%3C")
        .replace('>', "%3E");
    format!("data:image/svg+xml,{svg}")
}

const FAVICON: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#b4232a"/><text x="16" y="23" font-size="19" text-anchor="middle" fill="#fff" font-family="sans-serif">匠</text></svg>"##;

const INDEX_HTML: &str = r#"<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="宁夏回族自治区技能大师工作室管理系统：申报资格自查、评审、资金与考核">
<title>技能大师工作室管理系统</title>
<link rel="icon" href="{favicon}" type="image/svg+xml">
<link rel="preload" href="/{bundle}_bg.wasm" as="fetch" type="application/wasm" crossorigin>
<link rel="stylesheet" href="/{css}">
{head}<script type="module" src="/{bundle}.js"></script>
</head>
<body>
<noscript>本系统需要启用 JavaScript。This site needs JavaScript.</noscript>
</body>
</html>
"#;
