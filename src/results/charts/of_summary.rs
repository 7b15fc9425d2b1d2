//! The inputs of the charts that both the results and the briefing draw, taken from a
//! summary in one place, and the detection chart with its wording.

use egress_core::summary::{CarrierSummary, Interval, StrategySummary, Summary};
use yew::prelude::*;

use super::{IntervalChart, IntervalItem, ParetoPoint};
use crate::results::format::Unit;

/// One interval per strategy, in the summary's order.
pub fn interval_items(
    summary: &Summary,
    of: impl Fn(&StrategySummary) -> Interval,
) -> Vec<IntervalItem> {
    summary
        .strategies
        .iter()
        .enumerate()
        .map(|(index, s)| IntervalItem {
            index,
            name: s.name.clone(),
            interval: of(s),
        })
        .collect()
}

/// Budget and detection of each strategy, for the detection-against-budget chart.
pub fn pareto_points(summary: &Summary) -> Vec<ParetoPoint> {
    summary
        .strategies
        .iter()
        .enumerate()
        .map(|(index, s)| ParetoPoint {
            index,
            name: s.name.clone(),
            budget: s.budget.total,
            detection: s.detection_rate,
        })
        .collect()
}

/// What happened to the carriers of each strategy, for the outcomes chart.
pub fn outcome_items(summary: &Summary) -> Vec<(usize, String, CarrierSummary)> {
    summary
        .strategies
        .iter()
        .enumerate()
        .map(|(index, s)| (index, s.name.clone(), s.carriers.clone()))
        .collect()
}

/// The detection rate of every strategy with its interval (and its spread across
/// plausible worlds when a robustness analysis of the scenario on screen is done).
pub fn detection_chart(id: &'static str, summary: &Summary, width: f64) -> Html {
    html! {
        <DetectionChart {id} items={interval_items(summary, |s| s.detection_rate)} {width} />
    }
}

#[derive(Properties, PartialEq)]
pub struct DetectionChartProps {
    pub id: AttrValue,
    pub items: Vec<IntervalItem>,
    pub width: f64,
}

/// The detection chart, reading the robustness bands; the chart below redraws only
/// when its items or the bands change.
#[function_component]
pub fn DetectionChart(props: &DetectionChartProps) -> Html {
    let robustness = crate::assurance::bands::use_current_robustness();
    let bands: Vec<_> = match &robustness {
        Some(r) => props
            .items
            .iter()
            .map(|i| crate::assurance::bands::detection_bands(r, i.index, &i.name))
            .collect(),
        None => Vec::new(),
    };
    html! {
        <IntervalChart id={props.id.clone()} title="Detection rate by strategy"
                       description="Mean share of attempting carriers detected, with the 95% interval across replications."
                       metric="detection_rate" unit={Unit::Percent}
                       axis_label="Detection rate, % of carriers attempting to cross"
                       items={props.items.clone()} width={props.width} {bands} />
    }
}
