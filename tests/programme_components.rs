//! Browser tests of the programme view (wasm-bindgen-test in headless Chromium), rendered
//! with real optimiser results computed here by the core with `run_staged`: Jackman over
//! two weeks with three candidate plans (a plan within a budget; an impossible target, so
//! no plan), and two southwest crossings sharing a budget (the frontier across crossings
//! and the roll-ups).
//! Run with `make test`, or by hand:
//! `CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test --target wasm32-unknown-unknown -p egress --test programme_components`
#![cfg(target_arch = "wasm32")]

mod common;

use std::rc::Rc;

use common::render;
use egress::programme::{ProgrammeReport, ProgrammeReportProps};
use egress::results::format::raw;
use egress_core::decide::programme::{Optimiser, ProgrammeResult};
use egress_core::experiment::run_staged;
use egress_core::scenario::programme::{
    CandidateSpace, CostBasis, Goal, Programme, Resource, ScheduleFamily, Search, Target,
};
use egress_core::scenario::{OperatingHours, Scenario, Selection, Technique, presets, validate};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

fn space() -> CandidateSpace {
    CandidateSpace {
        schedules: vec![ScheduleFamily::PulseRandom],
        operations_per_week: vec![1, 3, 7],
        duration_hours: vec![2.0],
        daily_windows: vec![OperatingHours::STAFFED],
        teams: vec![1],
        crew_size: vec![2],
        selection: vec![Selection::All],
        technique: vec![Technique::Interview],
        nii_units_bought: vec![0],
    }
}

fn optimise(mut scenario: Scenario, goal: Goal) -> (Rc<Scenario>, Rc<ProgrammeResult>) {
    scenario.horizon_days = 14;
    scenario.programme = Some(Programme {
        goal,
        crossings: Vec::new(),
        floor_operations_per_week: 1,
        space: Some(space()),
        search: Search {
            first_stage: 3,
            max_replications: 6,
            alpha: 0.05,
            indifference: 0.01,
        },
    });
    let valid = validate(scenario.clone()).expect("a valid scenario");
    let mut optimiser = Optimiser::new(valid).expect("an optimiser");
    let result = run_staged(&mut optimiser).expect("the stages merge");
    (Rc::new(scenario), Rc::new(result))
}

fn jackman(goal: Goal) -> (Rc<Scenario>, Rc<ProgrammeResult>) {
    optimise(presets::preset("jackman").unwrap(), goal)
}

fn two_crossings() -> (Rc<Scenario>, Rc<ProgrammeResult>) {
    let mut s = presets::preset("southwest").unwrap();
    s.crossings.truncate(2);
    for strategy in &mut s.strategies {
        strategy.overrides.clear();
    }
    s.strategies.truncate(1);
    optimise(
        s,
        Goal::Allocate {
            budget: 400_000.0,
            resource: Resource::FullCost,
        },
    )
}

async fn report(scenario: Rc<Scenario>, result: Rc<ProgrammeResult>) -> Element {
    render::<ProgrammeReport>(ProgrammeReportProps { result, scenario }).await
}

fn attr(root: &Element, selector: &str, name: &str) -> Option<String> {
    root.query_selector(selector).unwrap()?.get_attribute(name)
}

#[wasm_bindgen_test]
async fn a_plan_within_a_budget_shows_its_figures_and_frontier() {
    let (scenario, result) = jackman(Goal::MostWithinBudget {
        budget: 1e9,
        cost: CostBasis::FullCost,
    });
    let root = report(scenario, result.clone()).await;
    let r = &result.crossings[0];
    let chosen = r
        .chosen
        .as_ref()
        .expect("a plan within a budget no plan reaches");
    let row = format!("tr[data-crossing=\"{}\"][data-chosen=\"true\"]", r.crossing);
    assert!(root.query_selector(&row).unwrap().is_some());
    let value = |metric: &str| {
        attr(
            &root,
            &format!(
                "[data-programme-metric=\"{metric}\"][data-crossing=\"{}\"]",
                r.crossing
            ),
            "data-value",
        )
    };
    assert_eq!(
        value("operations_per_week"),
        Some(raw(f64::from(chosen.operations_per_week)))
    );
    assert_eq!(value("detections"), Some(raw(chosen.mean.detections)));
    assert_eq!(value("full_cost"), Some(raw(chosen.mean.full_cost)));
    assert_eq!(value("candidates"), Some(raw(3.0)));
    assert_eq!(value("replications"), Some(r.replications.to_string()));
    assert!(r.replications <= r.replications_equal_allocation);
    let answer = root
        .query_selector("#programme-answer")
        .unwrap()
        .expect("one crossing: the answer in a sentence")
        .text_content()
        .unwrap();
    assert!(
        answer.starts_with(&format!(
            "{}: {} operation",
            r.name, chosen.operations_per_week
        )),
        "{answer}"
    );
    // No target: no chance-of-meeting column.
    assert!(
        root.query_selector("[data-programme-metric=\"chance_of_meeting_target\"]")
            .unwrap()
            .is_none()
    );
    // One crossing: its own frontier, the chosen point marked; no national frontier.
    assert!(
        root.query_selector("#programme-crossing-frontier svg")
            .unwrap()
            .is_some()
    );
    assert!(
        root.query_selector("#programme-frontier")
            .unwrap()
            .is_none()
    );
    assert_eq!(
        attr(
            &root,
            "#programme-crossing-frontier .frontier__chosen",
            "data-detections"
        ),
        Some(raw(chosen.mean.detections))
    );
    let whole = result
        .whole
        .as_ref()
        .expect("the whole programme was simulated");
    assert_eq!(
        attr(&root, "#programme-whole", "data-detections"),
        Some(raw(whole.detections))
    );
    assert_eq!(
        attr(&root, "#programme-whole", "data-sum-of-parts"),
        Some(raw(whole.sum_of_parts))
    );
}

#[wasm_bindgen_test]
async fn a_crossing_with_no_plan_says_why() {
    // No plan detects every carrier.
    let (scenario, result) = jackman(Goal::CheapestForTarget {
        target: Target::DetectionRate { at_least: 1.0 },
        cost: CostBasis::FullCost,
    });
    assert!(result.crossings[0].chosen.is_none());
    let root = report(scenario, result).await;
    assert_eq!(
        attr(&root, "#programme-result", "data-with-plan"),
        Some("0".into())
    );
    let reason = root
        .query_selector("tr[data-chosen=\"false\"] [data-no-plan]")
        .unwrap()
        .expect("the reason")
        .text_content()
        .unwrap();
    assert!(
        reason.starts_with("No plan: no candidate")
            && reason.contains("target")
            && reason.ends_with("Widen the candidate space or lower the target."),
        "{reason}"
    );
    assert_eq!(
        attr(&root, "#programme-whole", "data-whole"),
        Some("none".into())
    );
}

#[wasm_bindgen_test]
async fn a_budget_across_crossings_shows_the_frontier_and_roll_ups() {
    let (scenario, result) = two_crossings();
    let allocation = result.allocation.as_ref().expect("an allocation");
    let root = report(scenario, result.clone()).await;
    assert_eq!(
        attr(&root, "#programme-result", "data-crossings"),
        Some("2".into())
    );
    assert_eq!(
        attr(&root, "#programme-allocation", "data-cost"),
        Some(raw(allocation.cost))
    );
    assert_eq!(
        attr(
            &root,
            "#programme-frontier .frontier__chosen",
            "data-detections"
        ),
        Some(raw(allocation.detections))
    );
    let points = attr(&root, "#programme-frontier svg", "data-points").unwrap();
    assert_eq!(points, allocation.frontier.len().to_string());
    for rollup in &result.rollups {
        let key = format!("{}:{}", rollup.level, rollup.name);
        assert_eq!(
            attr(
                &root,
                &format!("[data-rollup=\"{key}\"][data-rollup-metric=\"detections\"]"),
                "data-value"
            ),
            Some(raw(rollup.detections)),
            "{key}"
        );
    }
    // Two crossings: a picker for the crossing whose frontier is drawn.
    assert!(
        root.query_selector("#programme-frontier-crossing")
            .unwrap()
            .is_some()
    );
}
