//! Browser tests of the results views (wasm-bindgen-test in headless Chromium), rendered
//! with real summaries computed here by the core: the Jackman preset over a full year
//! with 3 replications, and a few southwest crossings for the per-crossing table.
//! Run with `make test`, or by hand:
//! `CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test --target wasm32-unknown-unknown -p egress --test results_components`
#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::render;
use egress::results::charts::{
    IntervalChart, IntervalChartProps, IntervalItem, ParetoChart, ParetoChartProps, ParetoPoint,
    pareto_frontier,
};
use egress::results::crossings::{CrossingTable, CrossingTableProps};
use egress::results::format::raw;
use egress::results::kpi::{KpiTable, KpiTableProps};
use egress::results::metrics::{GROUPS, value_of};
use egress::results::{Phase, ResultsReport, ResultsReportProps};
use egress_core::scenario::{Scenario, presets, validate};
use egress_core::simulation::Model;
use egress_core::summary::{Summary, summarize};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

type Run = (Rc<Scenario>, Rc<Summary>);

thread_local! {
    static JACKMAN: RefCell<Option<Run>> = const { RefCell::new(None) };
    static BORDER: RefCell<Option<Run>> = const { RefCell::new(None) };
}

fn simulate(mut scenario: Scenario, horizon_days: u32, replications: u32) -> Run {
    scenario.horizon_days = horizon_days;
    scenario.replications = replications;
    let model = Model::new(validate(scenario.clone()).expect("the preset is valid"));
    let records = model.run_range(0, replications);
    let summary = summarize(&scenario, &records);
    (Rc::new(scenario), Rc::new(summary))
}

/// Jackman, a year, 3 replications (computed once per test run).
fn jackman() -> Run {
    JACKMAN.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| simulate(presets::preset("jackman").unwrap(), 365, 3))
            .clone()
    })
}

/// The first five crossings of the southwest preset, two months, 2 replications.
fn border() -> Run {
    BORDER.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                let mut scenario = presets::preset("southwest").unwrap();
                scenario.crossings.truncate(5);
                // Overrides name crossings that are gone now.
                for strategy in &mut scenario.strategies {
                    strategy.overrides.clear();
                }
                simulate(scenario, 60, 2)
            })
            .clone()
    })
}

/// Waits `ms` milliseconds (the report draws its parts in staggered tasks).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until every part under `root` shows its summary (parts are drawn in turn).
/// The ceiling (a minute of polling) only catches a part that is never drawn.
async fn settle(root: &Element) {
    for _ in 0..1200 {
        sleep(50).await;
        yew::scheduler::flush().await;
        if root.query_selector("[data-pending]").unwrap().is_none() {
            return;
        }
    }
    panic!("the parts were never all drawn");
}

/// Renders the whole report and waits until every part shows the summary.
async fn render_report(props: ResultsReportProps) -> Element {
    let root = render::<ResultsReport>(props).await;
    settle(&root).await;
    root
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.get(i).unwrap().unchecked_into::<Element>())
        .collect()
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn attr(e: &Element, name: &str) -> String {
    e.get_attribute(name)
        .unwrap_or_else(|| panic!("{} has no {name}", e.outer_html()))
}

fn assert_no_inline_style(root: &Element) {
    assert!(
        root.query_selector("[style]").unwrap().is_none(),
        "an element has a style attribute (the CSP forbids inline styles)"
    );
}

/// Every `data-value` is a number (never NaN, never empty).
fn assert_data_values_are_numbers(root: &Element) {
    for e in all(root, "[data-value]") {
        let v = attr(&e, "data-value");
        let x: f64 = v
            .parse()
            .unwrap_or_else(|_| panic!("data-value {v:?} is not a number"));
        assert!(x.is_finite(), "data-value {v} is not finite");
    }
}

fn index_of_max(values: &[f64]) -> usize {
    (0..values.len())
        .max_by(|a, b| values[*a].total_cmp(&values[*b]))
        .unwrap()
}

fn index_of_min(values: &[f64]) -> usize {
    (0..values.len())
        .min_by(|a, b| values[*a].total_cmp(&values[*b]))
        .unwrap()
}

#[wasm_bindgen_test]
async fn kpi_table_shows_chosen_columns_and_keeps_the_best_of_all() {
    let (_, summary) = jackman();
    let detection: Vec<f64> = summary
        .strategies
        .iter()
        .map(|s| s.detection_rate.mean)
        .collect();
    let best = index_of_max(&detection);
    let other = (1..summary.strategies.len()).find(|&k| k != best).unwrap();
    // A part of a split table: the baseline, then two strategies, one of them the best;
    // an index past the end is left out.
    let columns = vec![0, other, best, 99];
    let root = render::<KpiTable>(KpiTableProps {
        summary: summary.clone(),
        id: "kpi-table-2".into(),
        columns: Some(Rc::new(columns)),
    })
    .await;
    settle(&root).await;
    let table = one(&root, "#kpi-table-2");
    let headers: Vec<String> = all(&table, "thead th.kpi__strategy")
        .iter()
        .map(|h| attr(h, "data-strategy"))
        .collect();
    assert_eq!(headers, ["0", &other.to_string(), &best.to_string()]);
    let cells: Vec<String> = all(&table, "td[data-metric=\"detection_rate\"]")
        .iter()
        .map(|c| attr(c, "data-strategy"))
        .collect();
    assert_eq!(cells, headers);
    let marked = all(
        &table,
        "td[data-metric=\"detection_rate\"][data-best=\"true\"]",
    );
    assert_eq!(marked.len(), 1);
    assert_eq!(attr(&marked[0], "data-strategy"), best.to_string());
    assert_eq!(attr(&one(&table, ".kpi__group-row th"), "colspan"), "4");

    // Without the best column, no cell of the row is marked: the best is of all strategies.
    let root = render::<KpiTable>(KpiTableProps {
        summary: summary.clone(),
        id: "kpi-table-3".into(),
        columns: Some(Rc::new(vec![0, other])),
    })
    .await;
    settle(&root).await;
    let table = one(&root, "#kpi-table-3");
    assert!(all(&table, "td[data-metric=\"detection_rate\"][data-best]").is_empty());
}

#[wasm_bindgen_test]
async fn kpi_table_marks_the_best_and_carries_the_summary_values() {
    let (_, summary) = jackman();
    let root = render::<KpiTable>(KpiTableProps {
        summary: summary.clone(),
        id: "kpi-table".into(),
        columns: None,
    })
    .await;
    settle(&root).await;
    assert_no_inline_style(&root);
    assert_data_values_are_numbers(&root);
    let table = one(&root, "#kpi-table");
    let strategies = summary.strategies.len();
    assert_eq!(all(&table, "thead th.kpi__strategy").len(), strategies);

    // Every cell of every row carries the summary's own number, printed with `{}`.
    for group in &GROUPS {
        for metric in group.metrics {
            let cells = all(&table, &format!("td[data-metric=\"{}\"]", metric.key));
            assert_eq!(
                cells.len(),
                strategies,
                "{} has a cell per strategy",
                metric.key
            );
            for (k, cell) in cells.iter().enumerate() {
                assert_eq!(attr(cell, "data-strategy"), k.to_string());
                match value_of(metric, &summary.strategies[k]) {
                    Some(i) => {
                        assert_eq!(attr(cell, "data-value"), raw(i.mean), "{}[{k}]", metric.key)
                    }
                    None => {
                        assert_eq!(attr(cell, "data-missing"), "true");
                        assert_eq!(
                            cell.text_content().unwrap().trim(),
                            if k == 0 && metric.key.starts_with("versus_baseline") {
                                "baseline"
                            } else {
                                "—"
                            }
                        );
                    }
                }
            }
        }
    }

    // The best detection is the highest, the best budget the lowest.
    let detection: Vec<f64> = summary
        .strategies
        .iter()
        .map(|s| s.detection_rate.mean)
        .collect();
    let best = all(
        &table,
        "td[data-metric=\"detection_rate\"][data-best=\"true\"]",
    );
    assert_eq!(best.len(), 1, "one best detection rate");
    assert_eq!(
        attr(&best[0], "data-strategy"),
        index_of_max(&detection).to_string()
    );
    assert!(
        attr(&best[0], "class")
            .split(' ')
            .any(|c| c == "kpi__cell--best")
    );
    assert!(
        best[0].text_content().unwrap().contains('★'),
        "the marker is visible, not only a colour"
    );

    let budget: Vec<f64> = summary
        .strategies
        .iter()
        .map(|s| s.budget.total.mean)
        .collect();
    let best = all(
        &table,
        "td[data-metric=\"budget.total\"][data-best=\"true\"]",
    );
    assert_eq!(best.len(), 1, "one best budget");
    assert_eq!(
        attr(&best[0], "data-strategy"),
        index_of_min(&budget).to_string()
    );

    // Rows where neither end is better carry no marker.
    assert!(all(&table, "td[data-metric=\"inspections\"][data-best]").is_empty());

    // Paired differences say whether their interval excludes 0.
    for cell in all(
        &table,
        "td[data-metric=\"versus_baseline.detection_rate\"][data-value]",
    ) {
        let k: usize = attr(&cell, "data-strategy").parse().unwrap();
        let d = summary.strategies[k]
            .versus_baseline
            .as_ref()
            .unwrap()
            .detection_rate;
        let expected = d.low > 0.0 || d.high < 0.0;
        assert_eq!(attr(&cell, "data-excludes-zero"), expected.to_string());
        let text = cell.text_content().unwrap();
        assert!(
            text.contains(if expected { "excludes 0" } else { "includes 0" }),
            "{text}"
        );
    }
}

#[wasm_bindgen_test]
async fn detection_chart_draws_interval_whiskers() {
    let (_, summary) = jackman();
    let items: Vec<IntervalItem> = summary
        .strategies
        .iter()
        .enumerate()
        .map(|(index, s)| IntervalItem {
            index,
            name: s.name.clone(),
            interval: s.detection_rate,
        })
        .collect();
    let root = render::<IntervalChart>(IntervalChartProps {
        id: "test-detection".into(),
        title: "Detection".into(),
        description: None,
        metric: "detection_rate".into(),
        unit: egress::results::format::Unit::Percent,
        axis_label: "Detection rate".into(),
        items,
        width: 720.0,
        bands: Vec::new(),
    })
    .await;
    assert_no_inline_style(&root);
    let svg = one(&root, "svg");
    assert!(svg.get_attribute("viewBox").is_some());
    assert_eq!(attr(&svg, "width"), "100%");
    let marks = all(&root, ".mark");
    assert_eq!(marks.len(), summary.strategies.len());
    for mark in &marks {
        let k: usize = attr(mark, "data-strategy").parse().unwrap();
        let i = summary.strategies[k].detection_rate;
        assert_eq!(attr(mark, "tabindex"), "0");
        assert_eq!(attr(mark, "data-value"), raw(i.mean));
        assert_eq!(attr(mark, "data-low"), raw(i.low));
        assert_eq!(attr(mark, "data-high"), raw(i.high));
        let title = one(mark, "title").text_content().unwrap();
        assert!(
            title.contains("95% interval") || title.contains("the same in all"),
            "{title}"
        );
        // A whisker wherever the interval has width.
        if i.high > i.low {
            assert_eq!(
                all(mark, ".whisker line").len(),
                3,
                "a whisker with two caps"
            );
        }
    }
    assert!(!all(&root, ".whisker").is_empty());
}

#[wasm_bindgen_test]
async fn pareto_chart_draws_the_frontier() {
    let (_, summary) = jackman();
    let points: Vec<ParetoPoint> = summary
        .strategies
        .iter()
        .enumerate()
        .map(|(index, s)| ParetoPoint {
            index,
            name: s.name.clone(),
            budget: s.budget.total,
            detection: s.detection_rate,
        })
        .collect();
    let frontier = pareto_frontier(&points);
    // The cheapest strategy and the one detecting most are always on the frontier.
    let budget: Vec<f64> = points.iter().map(|p| p.budget.mean).collect();
    let detection: Vec<f64> = points.iter().map(|p| p.detection.mean).collect();
    assert!(frontier.contains(&index_of_min(&budget)));
    assert!(frontier.contains(&index_of_max(&detection)));
    // And nothing on it is dominated.
    for a in &frontier {
        for b in 0..points.len() {
            let dominated = budget[b] <= budget[*a]
                && detection[b] >= detection[*a]
                && (budget[b] < budget[*a] || detection[b] > detection[*a]);
            assert!(!dominated, "{a} on the frontier is dominated by {b}");
        }
    }

    let root = render::<ParetoChart>(ParetoChartProps {
        id: "test-pareto".into(),
        points,
        width: 720.0,
    })
    .await;
    assert_no_inline_style(&root);
    let on: Vec<usize> = all(&root, ".pareto__point[data-pareto=\"true\"]")
        .iter()
        .map(|e| attr(e, "data-strategy").parse().unwrap())
        .collect();
    let mut expected = frontier.clone();
    expected.sort_unstable();
    let mut on_sorted = on.clone();
    on_sorted.sort_unstable();
    assert_eq!(on_sorted, expected);
    let path = one(&root, "path.pareto__frontier");
    assert_eq!(
        attr(&path, "data-strategies"),
        frontier
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    );
    // Steps: one horizontal and one vertical segment between consecutive points.
    let d = attr(&path, "d");
    assert_eq!(d.matches('H').count(), frontier.len() - 1, "{d}");
    // Whiskers on both axes, and a title on every point.
    assert!(all(&root, ".pareto__point .whisker").len() >= 2 * summary.strategies.len() - 2);
    for point in all(&root, ".pareto__point") {
        assert!(
            one(&point, "title")
                .text_content()
                .unwrap()
                .contains("detection")
        );
    }
}

#[wasm_bindgen_test]
async fn report_shows_every_part_and_marks_stale_results() {
    let (scenario, summary) = jackman();
    let root = render_report(ResultsReportProps {
        summary: summary.clone(),
        scenario: scenario.clone(),
        phase: Phase::Finished,
        done_units: 15,
        total_units: 15,
        stale: true,
    })
    .await;
    assert_no_inline_style(&root);
    assert_data_values_are_numbers(&root);
    let results = one(&root, "#results-root");
    assert_eq!(attr(&results, "data-stale"), "true");
    assert!(
        attr(&results, "class")
            .split(' ')
            .any(|c| c == "results--stale")
    );
    assert!(
        one(&root, "#results-stale")
            .text_content()
            .unwrap()
            .contains("These results are for an earlier version of the scenario — run again")
    );
    assert_eq!(
        all(&root, "#strategy-cards .result-card").len(),
        summary.strategies.len()
    );
    for id in [
        "#chart-detection",
        "#chart-budget",
        "#chart-pareto",
        "#chart-hourly",
        "#chart-outcomes",
        "#chart-seizures",
        "#chart-sample-day",
    ] {
        let chart = one(&root, id);
        assert!(
            chart.query_selector("svg").unwrap().is_some(),
            "{id} has an SVG"
        );
    }
    // One band row of operation windows per strategy, 24 cells each.
    assert_eq!(
        all(&root, "#chart-hourly .hourly__band").len(),
        summary.strategies.len()
    );
    assert_eq!(
        all(
            &root,
            "#chart-hourly [data-metric=\"operation_hours_by_clock_hour\"]"
        )
        .len(),
        24 * summary.strategies.len()
    );
    // Every focusable mark has a title (tooltip and accessible name).
    let marks = all(&root, ".mark[tabindex=\"0\"]");
    assert!(marks.len() > 50);
    for mark in &marks {
        assert!(mark.query_selector("title").unwrap().is_some());
    }
    // A single crossing: no per-crossing table.
    assert!(root.query_selector("#crossing-table").unwrap().is_none());
    // The cards' numbers are the summary's.
    let card = one(&root, ".result-card[data-strategy=\"1\"]");
    assert_eq!(
        attr(&one(&card, "[data-metric=\"budget.total\"]"), "data-value"),
        raw(summary.strategies[1].budget.total.mean)
    );
}

#[wasm_bindgen_test]
async fn partial_and_empty_summaries_render_without_panicking() {
    let (scenario, _) = jackman();
    // A run that has produced nothing yet: every figure is "—".
    let empty = Rc::new(summarize(&scenario, &[]));
    let root = render_report(ResultsReportProps {
        summary: empty,
        scenario: scenario.clone(),
        phase: Phase::Running,
        done_units: 0,
        total_units: 15,
        stale: false,
    })
    .await;
    assert_no_inline_style(&root);
    assert_data_values_are_numbers(&root);
    let results = one(&root, "#results-root");
    assert_eq!(attr(&results, "data-state"), "running");
    assert_eq!(attr(&results, "data-stale"), "false");
    assert!(
        one(&root, "#results-status")
            .text_content()
            .unwrap()
            .contains("0 of 3 replications")
    );
    assert!(
        one(&root, "td[data-metric=\"detection_rate\"]")
            .text_content()
            .unwrap()
            .contains('—')
    );
    assert!(all(&root, "[data-best]").is_empty());

    // Non-finite values print "—" and never reach a data attribute.
    let (_, summary) = jackman();
    let mut broken = (*summary).clone();
    broken.strategies[1].detection_rate.mean = f64::NAN;
    broken.strategies[2].budget.total.mean = f64::INFINITY;
    broken.strategies[3].cost_per_seizure.high = f64::NAN;
    let root = render_report(ResultsReportProps {
        summary: Rc::new(broken),
        scenario,
        phase: Phase::Cancelled,
        done_units: 7,
        total_units: 15,
        stale: false,
    })
    .await;
    assert_no_inline_style(&root);
    assert_data_values_are_numbers(&root);
    assert_eq!(
        one(
            &root,
            "td[data-metric=\"detection_rate\"][data-strategy=\"1\"]"
        )
        .text_content()
        .unwrap()
        .trim(),
        "—"
    );
    assert!(
        one(&root, "#results-status")
            .text_content()
            .unwrap()
            .contains("cancelled")
    );
}

#[wasm_bindgen_test]
async fn crossing_table_sorts_and_switches_strategy_and_level() {
    let (scenario, summary) = border();
    let root = render::<CrossingTable>(CrossingTableProps {
        summary: summary.clone(),
    })
    .await;
    settle(&root).await;
    assert_no_inline_style(&root);
    assert_data_values_are_numbers(&root);
    let rows = |root: &Element| -> Vec<String> {
        all(root, "#crossing-table tbody tr")
            .iter()
            .map(|r| attr(r, "data-crossing"))
            .collect()
    };
    let exits = |id: &str| -> f64 {
        summary.strategies[0]
            .crossings
            .iter()
            .find(|c| c.id == id)
            .unwrap()
            .exits
            .mean
    };
    assert_eq!(rows(&root).len(), scenario.crossings.len());
    // Default: exits, descending.
    let th = one(&root, "th[data-column=\"exits\"]");
    assert_eq!(attr(&th, "aria-sort"), "descending");
    let order = rows(&root);
    assert!(
        order.windows(2).all(|w| exits(&w[0]) >= exits(&w[1])),
        "{order:?}"
    );
    // A click on the header button sorts ascending.
    one(&th, "button").unchecked_into::<HtmlElement>().click();
    yew::scheduler::flush().await;
    let th = one(&root, "th[data-column=\"exits\"]");
    assert_eq!(attr(&th, "aria-sort"), "ascending");
    let order = rows(&root);
    assert!(
        order.windows(2).all(|w| exits(&w[0]) <= exits(&w[1])),
        "{order:?}"
    );
    // Sorting by name.
    one(&root, "th[data-column=\"name\"] button")
        .unchecked_into::<HtmlElement>()
        .click();
    yew::scheduler::flush().await;
    assert_eq!(
        attr(&one(&root, "th[data-column=\"name\"]"), "aria-sort"),
        "ascending"
    );
    assert_eq!(
        attr(&one(&root, "th[data-column=\"exits\"]"), "aria-sort"),
        "none"
    );
    // The cells are the summary's numbers.
    let first = one(&root, "#crossing-table tbody tr");
    let id = attr(&first, "data-crossing");
    let c = summary.strategies[0]
        .crossings
        .iter()
        .find(|c| c.id == id)
        .unwrap();
    assert_eq!(
        attr(&one(&first, "td[data-metric=\"budget\"]"), "data-value"),
        raw(c.budget.mean)
    );
    // Roll-ups: field offices and borders.
    one(&root, "button[data-level=\"borders\"]")
        .unchecked_into::<HtmlElement>()
        .click();
    yew::scheduler::flush().await;
    assert_eq!(rows(&root).len(), summary.strategies[0].borders.len());
    assert_eq!(
        attr(&one(&root, "#crossing-table"), "data-level"),
        "borders"
    );
    one(&root, "button[data-level=\"field_offices\"]")
        .unchecked_into::<HtmlElement>()
        .click();
    yew::scheduler::flush().await;
    assert_eq!(rows(&root).len(), summary.strategies[0].field_offices.len());
    // Another strategy.
    let select: web_sys::HtmlSelectElement = one(&root, "#crossing-strategy").unchecked_into();
    select.set_value("2");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    assert_eq!(attr(&one(&root, "#crossing-table"), "data-strategy"), "2");
}
