//! Browser tests of the "How sure are we?" views (wasm-bindgen-test in headless
//! Chromium), rendered with real outcomes computed here by the core's staged analyses
//! (`run_staged`) on a tiny Jackman: two weeks, 2 replications.
//! Run by hand:
//! `CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test --target wasm32-unknown-unknown -p egress --test assurance_components`
#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::render;
use egress::assurance::calibration::{CalibrationView, CalibrationViewProps, rebased};
use egress::assurance::robustness::{RobustnessView, RobustnessViewProps};
use egress::assurance::sensitivity::{SensitivityView, SensitivityViewProps};
use egress::assurance::tornado::{TornadoChart, TornadoChartProps};
use egress_core::decide::analyses::{
    CalibrationAnalysis, CalibrationReport, RobustnessAnalysis, SensitivityAnalysis,
};
use egress_core::decide::robustness::{Criterion, Robustness};
use egress_core::decide::sensitivity::Sensitivity;
use egress_core::experiment::run_staged;
use egress_core::scenario::{Contraband, Scenario, ValidScenario, presets, record, validate};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    static CALIBRATION: RefCell<Option<Rc<CalibrationReport>>> = const { RefCell::new(None) };
    static SENSITIVITY: RefCell<Option<Rc<Sensitivity>>> = const { RefCell::new(None) };
}

/// Jackman, two weeks, 2 replications, with the GAO record.
fn tiny() -> ValidScenario {
    let mut s = presets::preset("jackman").expect("preset");
    s.horizon_days = 14;
    s.replications = 2;
    s.record = record::record_preset("gao-21-322");
    validate(s).expect("valid")
}

/// San Ysidro, one week, 2 replications, with the OIG record: enough traffic that the
/// baseline seizes firearms and currency.
fn busy() -> ValidScenario {
    let mut s = presets::preset("san-ysidro").expect("preset");
    s.horizon_days = 7;
    s.replications = 2;
    s.record = record::record_preset("oig-fy2018-22");
    validate(s).expect("valid")
}

fn calibration() -> Rc<CalibrationReport> {
    CALIBRATION.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                let report = run_staged(&mut CalibrationAnalysis::new(busy(), true))
                    .expect("merged")
                    .expect("calibrated");
                Rc::new(report)
            })
            .clone()
    })
}

/// Four assumptions, every strategy: enough for a tornado, small for a debug build.
fn sensitivity() -> Rc<Sensitivity> {
    SENSITIVITY.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                let ids: Vec<String> = [
                    "adaptive_share",
                    "prevalence",
                    "spotting_probability",
                    "loaded_hourly_rate",
                ]
                .map(String::from)
                .to_vec();
                let s = run_staged(&mut SensitivityAnalysis::new(&tiny(), Some(&ids)))
                    .expect("merged")
                    .expect("analysed");
                Rc::new(s)
            })
            .clone()
    })
}

fn robustness() -> Rc<Robustness> {
    let r = run_staged(&mut RobustnessAnalysis::new(&tiny(), 8, 1))
        .expect("merged")
        .expect("analysed");
    Rc::new(r)
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok())
        .collect()
}

fn attr(e: &Element, name: &str) -> String {
    e.get_attribute(name).unwrap_or_default()
}

fn no_inline_style(root: &Element) {
    assert!(
        root.query_selector("[style]").unwrap().is_none(),
        "an element has a style attribute (the CSP forbids inline styles)"
    );
}

#[wasm_bindgen_test]
async fn calibration_shows_simulated_against_recorded_and_the_multiplier() {
    let report = calibration();
    let root = render::<CalibrationView>(CalibrationViewProps {
        report: report.clone(),
        stale: false,
    })
    .await;
    no_inline_style(&root);
    let rows = all(&root, "#calibration-table tbody tr");
    assert_eq!(rows.len(), report.calibration.entries.len());
    let firearms = &rows[0];
    assert_eq!(attr(firearms, "data-contraband"), "firearms");
    let entry = &report.calibration.entries[0];
    let text = firearms.text_content().unwrap_or_default();
    match entry.multiplier {
        Some(m) => {
            let shown: f64 = attr(firearms, "data-multiplier").parse().expect("a number");
            assert_eq!(shown, m.estimate);
            assert!(text.contains("95%"), "{text}");
        }
        None => panic!("the baseline seizes firearms at San Ysidro: {text}"),
    }
    assert!(text.contains("461"), "the recorded figure: {text}");
    assert!(text.contains("Poisson"), "the model is stated: {text}");
    // One table per explanation, each naming its verdict.
    let explanations = all(&root, "[data-explanation]");
    assert_eq!(explanations.len(), report.explanations.len());
    for (table, e) in explanations.iter().zip(&report.explanations) {
        let best = all(table, "tr[data-best=\"true\"]");
        assert_eq!(best.len(), 1, "one strategy detects most under {}", e.name);
    }
    let button = root.query_selector("#rebase").unwrap().expect("re-base");
    assert_eq!(
        button.has_attribute("disabled"),
        report
            .calibration
            .entries
            .iter()
            .all(|e| e.multiplier.is_none())
    );
}

#[wasm_bindgen_test]
async fn a_stale_calibration_cannot_be_rebased_on() {
    let root = render::<CalibrationView>(CalibrationViewProps {
        report: calibration(),
        stale: true,
    })
    .await;
    let button = root.query_selector("#rebase").unwrap().expect("re-base");
    assert!(button.has_attribute("disabled"));
    assert_eq!(
        attr(
            &root.query_selector("#calibration-result").unwrap().unwrap(),
            "data-stale"
        ),
        "true"
    );
}

#[wasm_bindgen_test]
fn rebasing_multiplies_prevalence_and_keeps_its_provenance() {
    let report = calibration();
    let before: Scenario = busy().into_inner();
    let after = rebased(&before, &report);
    let calibrated = after
        .assurance
        .as_ref()
        .and_then(|a| a.calibrated_to.as_ref())
        .expect("provenance kept");
    assert_eq!(calibrated.record, report.calibration.record);
    if let Some(m) = report.calibration.multiplier_of(Contraband::Firearms) {
        assert_eq!(
            calibrated.multiplier_of(Contraband::Firearms),
            Some(m.estimate)
        );
        let p = |s: &Scenario| {
            s.threat
                .contraband
                .firearms
                .prevalence_per_100k
                .personal_vehicles
        };
        assert!((p(&after) - p(&before) * m.estimate).abs() <= 1e-12 * p(&before).max(1.0));
        let note = calibrated.note();
        assert!(
            note.starts_with("calibrated to OIG FY2018–22 record (") && note.contains("firearms ×"),
            "{note}"
        );
    } else {
        panic!("the baseline seizes firearms at San Ysidro");
    }
    // A national record on one crossing can push a prevalence past its range: the
    // editor then shows it on the field (the edit is still made, and undoable).
    if let Err(problems) = validate(after) {
        assert!(
            problems
                .iter()
                .all(|p| p.path.contains(".prevalence_per_100k.")),
            "only prevalence can go out of range: {problems:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn the_tornado_sorts_by_swing_and_marks_flips_in_words() {
    let s = sensitivity();
    for (k, tornado) in s.tornadoes.iter().enumerate() {
        let root = render::<TornadoChart>(TornadoChartProps {
            id: format!("t{k}").into(),
            tornado: tornado.clone(),
            width: 720.0,
            max_rows: usize::MAX,
        })
        .await;
        no_inline_style(&root);
        let rows = all(&root, ".tornado__row");
        assert_eq!(rows.len(), tornado.bars.len());
        let swings: Vec<f64> = rows
            .iter()
            .map(|r| attr(r, "data-swing").parse::<f64>().expect("number").abs())
            .collect();
        assert!(swings.windows(2).all(|w| w[1] <= w[0]), "{swings:?}");
        for (row, bar) in rows.iter().zip(&tornado.bars) {
            let label = row.query_selector(".chart__label").unwrap().unwrap();
            let text = label.text_content().unwrap_or_default();
            assert!(
                text.starts_with(&bar.label[..bar.label.len().min(8)]),
                "planner's name: {text}"
            );
            assert_eq!(
                text.contains('⇄'),
                bar.flips,
                "flip marked in words: {text}"
            );
            assert_eq!(attr(row, "data-flips"), bar.flips.to_string());
            // Both ends are lettered, not told apart by shade alone.
            let ends: Vec<String> = all(row, ".tornado__end")
                .iter()
                .map(|e| e.text_content().unwrap_or_default())
                .collect();
            assert_eq!(ends, ["L", "H"]);
        }
    }
}

#[wasm_bindgen_test]
async fn the_sensitivity_view_opens_on_a_difference_and_lists_flips() {
    let s = sensitivity();
    let root = render::<SensitivityView>(SensitivityViewProps {
        sensitivity: s.clone(),
    })
    .await;
    let options = all(&root, "#tornado-pick option");
    assert_eq!(options.len(), s.tornadoes.len());
    let chart = root
        .query_selector("#tornado svg.tornado")
        .unwrap()
        .expect("a tornado");
    assert_eq!(attr(&chart, "data-difference"), "true");
    assert_eq!(attr(&chart, "data-measure"), "detection_rate");
    let flips = root
        .query_selector("#sensitivity-flips")
        .unwrap()
        .expect("flips");
    let expected = s
        .tornadoes
        .iter()
        .filter(|t| t.difference)
        .map(|t| t.flipping().count())
        .sum::<usize>();
    assert_eq!(attr(&flips, "data-flips"), expected.to_string());
}

#[wasm_bindgen_test]
async fn robustness_shows_shares_per_criterion_and_bands() {
    let r = robustness();
    let root = render::<RobustnessView>(RobustnessViewProps {
        robustness: r.clone(),
        criterion: Criterion::LeastCostPerDetection,
    })
    .await;
    no_inline_style(&root);
    let headers = all(&root, "#robustness-table thead th[data-criterion]");
    assert_eq!(
        attr(&headers[0], "data-criterion"),
        "least_cost_per_detection",
        "the planner's criterion first"
    );
    assert!(
        headers[0]
            .text_content()
            .unwrap_or_default()
            .contains("your criterion")
    );
    let rows = all(&root, "#robustness-table tbody tr");
    assert_eq!(rows.len(), r.strategies.len());
    for (row, s) in rows.iter().zip(&r.strategies) {
        for cell in all(row, "td[data-share]") {
            let criterion = attr(&cell, "data-criterion");
            let shown: f64 = attr(&cell, "data-share").parse().expect("number");
            let (_, want) = s
                .wins
                .iter()
                .find(|(c, _)| serde_json::to_value(c).unwrap() == criterion.as_str())
                .expect("the outcome's criterion");
            assert_eq!(shown, *want);
        }
        let text = row.text_content().unwrap_or_default();
        assert!(text.contains("50%:") && text.contains("90%:"), "{text}");
    }
    // Shares of one criterion add up to at most the worlds simulated.
    for c in Criterion::ALL {
        let total: f64 = r
            .strategies
            .iter()
            .filter_map(|s| s.wins.iter().find(|(k, _)| *k == c).map(|(_, v)| v))
            .sum();
        assert!(total <= 1.0 + 1e-9, "{c:?}: {total}");
    }
}
