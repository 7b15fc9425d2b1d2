//! Browser tests of the presentational components (wasm-bindgen-test in headless
//! Chromium). Run with `make test`, or by hand:
//! `CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test --target wasm32-unknown-unknown -p egress`
#![cfg(target_arch = "wasm32")]

mod common;

use common::render;
use egress::APP_TITLE;
use egress::components::{
    Shell, ShellProps, WorkerStatus, WorkerStatusBadge, WorkerStatusBadgeProps,
};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;
use yew::{Html, html};

wasm_bindgen_test_configure!(run_in_browser);

fn text_of(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn shell_shows_title_and_both_sides() {
    let root = render::<Shell>(ShellProps {
        worker_status: WorkerStatus::Starting,
        toolbar: Html::default(),
        editor: html! { <p id="editor-slot">{ "editor" }</p> },
        results: Html::default(),
    })
    .await;

    assert_eq!(text_of(&root, "header h1"), APP_TITLE);
    assert_eq!(text_of(&root, "#editor h2"), "Scenario editor");
    assert_eq!(text_of(&root, "#results h2"), "Results");
    assert_eq!(text_of(&root, "#editor #editor-slot"), "editor");
    // The editor comes before the results in the workspace (left, then right).
    let sections = root.query_selector_all("main.workspace > section").unwrap();
    assert_eq!(sections.length(), 2);
    let first: Element = wasm_bindgen::JsCast::unchecked_into(sections.get(0).unwrap());
    assert_eq!(first.id(), "editor");
    // No inline styles: the Content-Security-Policy would block them.
    assert!(root.query_selector("[style]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn worker_status_badge_reflects_the_status() {
    let ready = render::<WorkerStatusBadge>(WorkerStatusBadgeProps {
        status: WorkerStatus::Ready {
            version: "0.1.0".into(),
        },
    })
    .await;
    let badge = ready.query_selector("#worker-status").unwrap().unwrap();
    assert_eq!(badge.get_attribute("data-state").as_deref(), Some("ready"));
    assert_eq!(badge.text_content().unwrap(), "Simulation worker ready");

    let failed = render::<WorkerStatusBadge>(WorkerStatusBadgeProps {
        status: WorkerStatus::Failed {
            message: "no answer".into(),
        },
    })
    .await;
    let badge = failed.query_selector("#worker-status").unwrap().unwrap();
    assert_eq!(badge.get_attribute("data-state").as_deref(), Some("failed"));
    assert!(badge.text_content().unwrap().contains("no answer"));
}
