//! "Go to the problem": opens what hides a field (a strategy card, an override's plan,
//! a crossing of the table), then focuses the field of a validation path, or the
//! nearest enclosing field that is on screen.

use std::time::Duration;

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// The index after `name[` at the start of `path`, e.g. 2 for `strategies[2].plan`.
pub fn leading_index(path: &str, name: &str) -> Option<usize> {
    let rest = path.strip_prefix(name)?.strip_prefix('[')?;
    rest.split(']').next()?.parse().ok()
}

/// `strategies[1].overrides[3].plan` → 3.
pub fn override_index(path: &str) -> Option<usize> {
    let (_, rest) = path.split_once(".overrides[")?;
    rest.split(']').next()?.parse().ok()
}

/// Shorter and shorter prefixes of a path: `a.b[2].c` → `a.b[2].c`, `a.b[2]`, `a.b`, `a`.
pub fn prefixes(path: &str) -> Vec<&str> {
    let mut out = vec![path];
    let mut current = path;
    while let Some(cut) = current.rfind(['.', '[']) {
        current = &current[..cut];
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}

fn document() -> Option<Document> {
    web_sys::window().and_then(|w| w.document())
}

fn click(element: Option<Element>) {
    if let Some(e) = element.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        e.click();
    }
}

fn focus_field(path: &str) {
    let Some(doc) = document() else { return };
    for prefix in prefixes(path) {
        let selector = format!(
            "[data-path=\"{prefix}\"] input, [data-path=\"{prefix}\"] select, [data-path=\"{prefix}\"] textarea"
        );
        if let Ok(Some(e)) = doc.query_selector(&selector)
            && let Ok(e) = e.dyn_into::<HtmlElement>()
        {
            e.scroll_into_view_with_bool(false);
            let _ = e.focus();
            return;
        }
    }
}

/// Opens what hides the field of `path`, then focuses it once the page has re-rendered.
pub fn reveal(path: &str) {
    if path.contains('"') || path.contains('\\') {
        return;
    }
    let Some(doc) = document() else { return };
    if let Some(i) = leading_index(path, "strategies") {
        let card = format!(".strategy-card[data-strategy-index=\"{i}\"]");
        if let Ok(Some(toggle)) = doc.query_selector(&format!(
            "{card} .strategy-card__toggle[aria-expanded=\"false\"]"
        )) {
            click(Some(toggle));
        }
        if let Some(j) = override_index(path) {
            click(
                doc.query_selector(&format!(
                    "{card} .override[data-override-index=\"{j}\"] button[aria-expanded=\"false\"]"
                ))
                .ok()
                .flatten(),
            );
        }
    }
    if let Some(i) = leading_index(path, "crossings") {
        let shown = doc
            .query_selector(&format!("[data-path^=\"crossings[{i}].\"]"))
            .ok()
            .flatten()
            .is_some();
        if !shown {
            click(
                doc.query_selector(&format!(
                    "tr[data-crossing-index=\"{i}\"] .link-button[aria-expanded=\"false\"]"
                ))
                .ok()
                .flatten(),
            );
        }
    }
    let path = path.to_string();
    yew::platform::spawn_local(async move {
        yew::platform::time::sleep(Duration::from_millis(30)).await;
        focus_field(&path);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split() {
        assert_eq!(leading_index("strategies[12].plan", "strategies"), Some(12));
        assert_eq!(leading_index("crossings[0]", "crossings"), Some(0));
        assert_eq!(leading_index("crossings", "crossings"), None);
        assert_eq!(leading_index("strategies[1]", "crossings"), None);
        assert_eq!(
            override_index("strategies[1].overrides[3].plan.teams"),
            Some(3)
        );
        assert_eq!(override_index("strategies[1].plan.teams"), None);
        assert_eq!(prefixes("a.b[2].c"), vec!["a.b[2].c", "a.b[2]", "a.b", "a"]);
    }
}
