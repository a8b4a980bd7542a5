//! The window is locked down: its content security policy allows no remote origin, no inline or
//! evaluated script, and exists; its capabilities grant the main window only our own commands and
//! the file dialogs; nothing in the UI loads from the network. Reads `tauri.conf.json`,
//! `src-tauri/capabilities/*.json`, `src-tauri/build.rs` and `src-tauri/Cargo.toml`.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The only origin besides our own: Tauri's IPC (custom protocol, and its localhost twin on
/// Windows).
const IPC: [&str; 2] = ["ipc:", "http://ipc.localhost"];

/// Plugin permissions the main window may hold besides our commands: open and save dialogs.
const PLUGIN_PERMISSIONS: [&str; 2] = ["dialog:allow-open", "dialog:allow-save"];

/// Plugins the window may link: dialogs, and the single-instance guard (which grants nothing).
const PLUGINS: [&str; 2] = ["tauri-plugin-dialog", "tauri-plugin-single-instance"];

/// A CSP as directive → sources, from Tauri's object form or a policy string.
fn directives(csp: &Value) -> BTreeMap<String, Vec<String>> {
    let split = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
    match csp {
        Value::String(policy) => policy
            .split(';')
            .filter_map(|d| {
                let mut words = d.split_whitespace();
                let name = words.next()?.to_string();
                Some((name, words.map(String::from).collect()))
            })
            .collect(),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| {
                let sources = match v {
                    Value::String(s) => split(s),
                    Value::Array(a) => a.iter().filter_map(Value::as_str).flat_map(split).collect(),
                    other => panic!("CSP directive {k}: unexpected {other}"),
                };
                (k.clone(), sources)
            })
            .collect(),
        other => panic!("the CSP is neither a string nor an object: {other}"),
    }
}

/// Everything wrong with one policy, one line each.
fn csp_faults(name: &str, csp: &Value) -> Vec<String> {
    let mut faults = Vec::new();
    if csp.is_null() {
        return vec![format!("{name}: missing (null allows everything)")];
    }
    let d = directives(csp);
    for required in [
        "default-src",
        "script-src",
        "connect-src",
        "object-src",
        "base-uri",
    ] {
        if !d.contains_key(required) {
            faults.push(format!("{name}: no {required}"));
        }
    }
    if d.get("object-src").is_some_and(|s| s != &["'none'"]) {
        faults.push(format!("{name}: object-src must be 'none'"));
    }
    for (directive, sources) in &d {
        for s in sources {
            let lower = s.to_lowercase();
            let remote = lower.contains("://")
                || lower.starts_with("http:")
                || lower.starts_with("https:")
                || lower.starts_with("ws:")
                || lower.starts_with("wss:")
                || lower.contains('*')
                || (!lower.starts_with('\'') && lower.contains('.'));
            let allowed_here = match lower.as_str() {
                "'self'" | "'none'" => true,
                "ipc:" | "http://ipc.localhost" => directive == "connect-src",
                "data:" => matches!(directive.as_str(), "img-src" | "font-src"),
                "'unsafe-inline'" => directive == "style-src",
                _ => false,
            };
            if remote && !IPC.contains(&lower.as_str()) {
                faults.push(format!("{name}: {directive} allows the remote origin {s}"));
            } else if matches!(
                lower.as_str(),
                "'unsafe-eval'" | "'wasm-unsafe-eval'" | "'unsafe-hashes'" | "'strict-dynamic'"
            ) || (lower == "'unsafe-inline'" && directive != "style-src")
            {
                faults.push(format!("{name}: {directive} allows {s}"));
            } else if !allowed_here {
                faults.push(format!(
                    "{name}: {directive} allows {s}, which this app does not need"
                ));
            }
        }
    }
    faults
}

/// Every fault of `tauri.conf.json`'s window and security settings.
fn config_faults(conf: &Value) -> Vec<String> {
    let mut faults = Vec::new();
    let security = &conf["app"]["security"];
    faults.extend(csp_faults("csp", &security["csp"]));
    if !security["devCsp"].is_null() {
        faults.extend(csp_faults("devCsp", &security["devCsp"]));
    }
    if security["dangerousDisableAssetCspModification"] != Value::Null
        && security["dangerousDisableAssetCspModification"] != Value::Bool(false)
    {
        faults.push("dangerousDisableAssetCspModification is set".into());
    }
    if security["assetProtocol"]["enable"] == Value::Bool(true) {
        faults.push("the asset protocol is enabled (it serves files from disk)".into());
    }
    if security["capabilities"]
        .as_array()
        .is_some_and(|c| !c.is_empty())
    {
        faults.push("capabilities inline in tauri.conf.json escape the capability check".into());
    }
    if security["freezePrototype"] != Value::Bool(true) {
        faults.push("freezePrototype is not on".into());
    }
    if conf["app"]["withGlobalTauri"] == Value::Bool(true) {
        faults.push("withGlobalTauri exposes the API to any script".into());
    }
    for w in conf["app"]["windows"].as_array().into_iter().flatten() {
        if let Some(url) = w["url"].as_str() {
            if url.contains("://") {
                faults.push(format!("window {} loads {url}", w["label"]));
            }
        }
    }
    if let Some(dist) = conf["build"]["frontendDist"].as_str() {
        if dist.contains("://") {
            faults.push(format!("frontendDist is remote: {dist}"));
        }
    }
    if let Some(dev) = conf["build"]["devUrl"].as_str() {
        if !dev.starts_with("http://localhost:") {
            faults.push(format!("devUrl is not on this machine: {dev}"));
        }
    }
    faults
}

/// The commands of `src-tauri/build.rs`.
fn commands() -> Vec<String> {
    let build = std::fs::read_to_string(root().join("src-tauri/build.rs")).expect("build.rs");
    let list = build
        .split("const COMMANDS")
        .nth(1)
        .and_then(|s| s.split("];").next())
        .expect("COMMANDS in build.rs");
    list.split('"')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
}

/// Every fault of one capability file.
fn capability_faults(name: &str, cap: &Value, commands: &[String]) -> Vec<String> {
    let mut faults = Vec::new();
    if !cap["remote"].is_null() {
        faults.push(format!(
            "{name}: grants IPC to remote URLs: {}",
            cap["remote"]
        ));
    }
    if cap["windows"] != serde_json::json!(["main"]) {
        faults.push(format!(
            "{name}: windows {} (only \"main\")",
            cap["windows"]
        ));
    }
    if !cap["webviews"].is_null() {
        faults.push(format!("{name}: webviews {}", cap["webviews"]));
    }
    let ours: Vec<String> = commands
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    for p in cap["permissions"].as_array().into_iter().flatten() {
        match p.as_str() {
            Some(id) if ours.iter().any(|o| o == id) || PLUGIN_PERMISSIONS.contains(&id) => {}
            Some(id) => faults.push(format!("{name}: permission {id} is broader than needed")),
            None => faults.push(format!(
                "{name}: scoped permission {p} is broader than needed"
            )),
        }
    }
    faults
}

#[test]
fn the_content_security_policy_allows_no_remote_origin_and_no_inline_script() {
    let conf = json(&root().join("tauri.conf.json"));
    let faults = config_faults(&conf);
    assert!(faults.is_empty(), "tauri.conf.json:\n{}", faults.join("\n"));
}

#[test]
fn the_capabilities_grant_only_our_commands_and_the_file_dialogs() {
    let commands = commands();
    assert!(commands.len() > 30, "{commands:?}");
    let dir = root().join("src-tauri/capabilities");
    let mut files = 0;
    let mut faults = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("capabilities") {
        let path = entry.expect("entry").path();
        let name = path.display().to_string();
        match path.extension().and_then(|e| e.to_str()) {
            Some("json") => {
                files += 1;
                faults.extend(capability_faults(&name, &json(&path), &commands));
            }
            _ => faults.push(format!("{name}: not checked by this test (use JSON)")),
        }
    }
    assert!(files >= 1);
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

#[test]
fn the_window_links_no_plugin_that_would_widen_what_it_can_do() {
    let manifest =
        std::fs::read_to_string(root().join("src-tauri/Cargo.toml")).expect("Cargo.toml");
    let plugins: Vec<&str> = manifest
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.starts_with("tauri-plugin-"))
        .collect();
    for p in &plugins {
        assert!(
            PLUGINS.contains(p),
            "{p} would widen what the window can do"
        );
    }
}

#[test]
fn nothing_in_the_ui_is_loaded_from_the_network() {
    let mut faults = Vec::new();
    let mut stack = vec![root().join("ui/src"), root().join("ui/index.html")];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            for e in std::fs::read_dir(&path).expect("dir").flatten() {
                stack.push(e.path());
            }
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "html" | "svelte" | "css" | "ts" | "js")
            || path.to_string_lossy().contains("/tests/")
        {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for needle in [
            "src=\"http",
            "href=\"http",
            "url(http",
            "url(\"http",
            "url('http",
            "@import \"http",
            "@import url(http",
            "import(\"http",
            "from \"http",
            "from 'http",
        ] {
            if text.contains(needle) {
                faults.push(format!("{}: {needle}…", path.display()));
            }
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

#[test]
fn the_checks_catch_what_they_are_meant_to_catch() {
    // The test of the tests: a policy and a capability that are too wide are caught.
    let commands: Vec<String> = vec!["app_info".into()];
    let wide = serde_json::json!({
        "app": {
            "withGlobalTauri": true,
            "windows": [{"label": "main", "url": "https://example.org"}],
            "security": {
                "csp": {
                    "default-src": "'self' https://cdn.example.org",
                    "script-src": "'self' 'unsafe-inline' 'unsafe-eval'",
                    "connect-src": "'self' ipc: http://ipc.localhost wss://*.example.org",
                    "img-src": "*",
                    "object-src": "'self'",
                    "base-uri": "'none'"
                },
                "freezePrototype": false
            }
        },
        "build": {"devUrl": "http://192.168.1.5:1420"}
    });
    let faults = config_faults(&wide).join("\n");
    for expected in [
        "cdn.example.org",
        "'unsafe-inline'",
        "'unsafe-eval'",
        "wss://*.example.org",
        "img-src allows the remote origin *",
        "object-src must be 'none'",
        "freezePrototype",
        "withGlobalTauri",
        "https://example.org",
        "devUrl",
    ] {
        assert!(faults.contains(expected), "missed {expected}:\n{faults}");
    }
    assert!(
        csp_faults("csp", &Value::Null)[0].contains("missing"),
        "a missing CSP is caught"
    );
    assert!(
        !csp_faults("csp", &Value::String("default-src 'self'".into())).is_empty(),
        "a CSP without script-src, connect-src, object-src and base-uri is caught"
    );
    let cap = serde_json::json!({
        "windows": ["*"],
        "remote": {"urls": ["https://*.example.org"]},
        "permissions": ["allow-app-info", "core:default", "fs:allow-read-file",
                        {"identifier": "http:default", "allow": [{"url": "https://*"}]}]
    });
    let faults = capability_faults("cap", &cap, &commands).join("\n");
    for expected in [
        "remote",
        "windows",
        "core:default",
        "fs:allow-read-file",
        "http:default",
    ] {
        assert!(faults.contains(expected), "missed {expected}:\n{faults}");
    }
}
