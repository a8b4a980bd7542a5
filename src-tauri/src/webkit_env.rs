//! Linux: the environment WebKitGTK starts in, set before GTK starts (issue 7, idle memory).
//!
//! The window is drawn in software, so the app process should load no GL driver. The main
//! webview's hardware acceleration is off (see `run`), yet two start-up probes still
//! open the GL stack in the app process: GTK's GLX visual check when it opens the display, and
//! WebKit's EGL query for the DRM render node it would hand to a DMA-BUF renderer. On Mesa each
//! load maps the DRI megadriver and LLVM, about 24 MB in our process for nothing it draws
//! (scripts/bench-window.sh). These are documented switches, set only when the user has not set
//! them, and read once before GTK starts.
//!
//! WebKit 2.50's web process still opens EGL: it paints even non-composited pages through a GL
//! context, so that cost stays (see README, Performance).
//!
//! WebKit's helper processes inherit the environment, and glibc gives each of their threads its
//! own malloc arena; two arenas are plenty for one local page and hold about 3 MB less.
//!
//! JavaScriptCore's optimizing JIT (DFG, and FTL above it) is for scripts that run hot for
//! seconds; the window's scripts answer a keystroke or a reply in milliseconds, which the
//! interpreter and the baseline JIT serve. Without it the web process holds about 5 MB less.

use std::path::Path;

/// The variables to set: `(name, value)` for each one not already in the environment.
pub fn overrides(get: impl Fn(&str) -> Option<String>, dri: &Path) -> Vec<(&'static str, String)> {
    let is_set = |name: &str| get(name).is_some();
    let mut out = Vec::new();
    let tuned = get("GLIBC_TUNABLES").is_some_and(|t| t.contains("glibc.malloc.arena_max"));
    if !is_set("MALLOC_ARENA_MAX") && !tuned {
        out.push(("MALLOC_ARENA_MAX", "2".to_string()));
    }
    // why: GTK then skips its GLX probe; nothing in the app uses GtkGLArea.
    if !is_set("GDK_GL") {
        out.push(("GDK_GL", "disable".to_string()));
    }
    // why: shared-memory frames are what a non-accelerated page uses anyway; this is also the
    // usual fix for blank WebKitGTK windows on some NVIDIA and AMD drivers.
    let dmabuf_off = match get("WEBKIT_DISABLE_DMABUF_RENDERER") {
        Some(value) => value != "0",
        None => {
            out.push(("WEBKIT_DISABLE_DMABUF_RENDERER", "1".to_string()));
            true
        }
    };
    // why: naming the render node stops WebKit opening EGL to ask for it. Without DMA-BUF it is
    // never opened; with no render node at all any non-empty name does, and none is used.
    if dmabuf_off && !is_set("WEBKIT_WEB_RENDER_DEVICE_FILE") {
        out.push(("WEBKIT_WEB_RENDER_DEVICE_FILE", render_node(dri)));
    }
    if !is_set("JSC_useDFGJIT") {
        out.push(("JSC_useDFGJIT", "0".to_string()));
    }
    out
}

/// The machine's first render node (`/dev/dri/renderD128` on most), or "none".
fn render_node(dri: &Path) -> String {
    let mut nodes: Vec<_> = std::fs::read_dir(dri)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("renderD"))
        })
        .collect();
    nodes.sort();
    nodes
        .first()
        .map_or_else(|| "none".to_string(), |p| p.to_string_lossy().into_owned())
}

/// Sets the overrides; call before anything starts GTK or another thread.
pub fn apply() {
    for (name, value) in overrides(
        |n| std::env::var_os(n).map(|v| v.to_string_lossy().into_owned()),
        Path::new("/dev/dri"),
    ) {
        std::env::set_var(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_all_five_on_a_machine_without_a_gpu() {
        let dir = tempfile::tempdir().unwrap();
        let got = overrides(|_| None, &dir.path().join("missing"));
        assert_eq!(
            got,
            vec![
                ("MALLOC_ARENA_MAX", "2".to_string()),
                ("GDK_GL", "disable".to_string()),
                ("WEBKIT_DISABLE_DMABUF_RENDERER", "1".to_string()),
                ("WEBKIT_WEB_RENDER_DEVICE_FILE", "none".to_string()),
                ("JSC_useDFGJIT", "0".to_string()),
            ]
        );
    }

    #[test]
    fn names_the_first_render_node() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["card0", "renderD129", "renderD128"] {
            std::fs::write(dir.path().join(f), "").unwrap();
        }
        let got = overrides(|_| None, dir.path());
        let want = dir.path().join("renderD128").to_string_lossy().into_owned();
        assert_eq!(got[3], ("WEBKIT_WEB_RENDER_DEVICE_FILE", want));
    }

    #[test]
    fn leaves_what_the_user_set() {
        let dir = tempfile::tempdir().unwrap();
        let user = |pairs: &'static [(&'static str, &'static str)]| {
            move |n: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == n)
                    .map(|(_, v)| v.to_string())
            }
        };
        // DMA-BUF turned back on: WebKit must then find the device itself.
        let got = overrides(
            user(&[
                ("WEBKIT_DISABLE_DMABUF_RENDERER", "0"),
                ("GLIBC_TUNABLES", "glibc.malloc.arena_max=4"),
                ("JSC_useDFGJIT", "1"),
            ]),
            dir.path(),
        );
        assert_eq!(got, vec![("GDK_GL", "disable".to_string())]);
        // Other glibc tunables leave the arenas to us.
        let got = overrides(
            user(&[("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=0")]),
            dir.path(),
        );
        assert_eq!(got[0], ("MALLOC_ARENA_MAX", "2".to_string()));
        // DMA-BUF turned off by the user: the device query is still skipped.
        let got = overrides(
            user(&[
                ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
                ("GDK_GL", ""),
                ("MALLOC_ARENA_MAX", "4"),
            ]),
            dir.path(),
        );
        assert_eq!(
            got,
            vec![
                ("WEBKIT_WEB_RENDER_DEVICE_FILE", "none".to_string()),
                ("JSC_useDFGJIT", "0".to_string())
            ]
        );
        const ALL: [(&str, &str); 5] = [
            ("MALLOC_ARENA_MAX", "8"),
            ("GDK_GL", "x"),
            ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
            ("WEBKIT_WEB_RENDER_DEVICE_FILE", "/dev/dri/renderD128"),
            ("JSC_useDFGJIT", "1"),
        ];
        assert!(overrides(user(&ALL), dir.path()).is_empty());
    }
}
