//! The parts of the report (cards, table, each chart, the crossings table), each rendered
//! in a task of its own: while a run is in progress the summary changes a few times a
//! second, and redrawing everything at once would block the page for longer than a
//! frame on large scenarios. A part adopts a new summary after a short, staggered delay
//! (`data-pending="true"` until it has), and the per-crossing table at most every two
//! seconds while the run lasts.

use std::rc::Rc;

use egress_core::scenario::Scenario;
use egress_core::summary::Summary;
use yew::prelude::*;

use super::cards::StrategyCards;
use super::charts::{
    HourlyChart, IntervalChart, OutcomesChart, ParetoChart, SampleDayChart, SampleDayItem,
    SeizuresChart, WindowRow, detection_chart, interval_items, outcome_items, pareto_points,
    traffic_hour_profile,
};
use super::crossings::CrossingTable;
use super::format::{Unit, mean_of};
use super::kpi::KpiTable;
use crate::hooks::use_deferred;

/// One independently drawn part of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Cards,
    Comparison,
    DetectionChart,
    BudgetChart,
    ParetoChart,
    HourlyChart,
    OutcomesChart,
    SeizuresChart,
    SampleDayChart,
    Crossings,
}

impl Section {
    pub fn key(self) -> &'static str {
        match self {
            Section::Cards => "cards",
            Section::Comparison => "comparison",
            Section::DetectionChart => "chart-detection",
            Section::BudgetChart => "chart-budget",
            Section::ParetoChart => "chart-pareto",
            Section::HourlyChart => "chart-hourly",
            Section::OutcomesChart => "chart-outcomes",
            Section::SeizuresChart => "chart-seizures",
            Section::SampleDayChart => "chart-sample-day",
            Section::Crossings => "crossings",
        }
    }

    /// Delay before adopting a new summary: staggered so that each part is drawn (and
    /// laid out) in a frame of its own, all within the 300 ms between two summaries.
    fn delay_ms(self) -> u32 {
        match self {
            Section::Cards => 0,
            Section::Comparison => 30,
            Section::DetectionChart => 60,
            Section::BudgetChart => 90,
            Section::ParetoChart => 120,
            Section::HourlyChart => 150,
            Section::OutcomesChart => 180,
            Section::SeizuresChart => 210,
            Section::SampleDayChart => 240,
            Section::Crossings => 270,
        }
    }

    /// Least time between two redraws while the run is in progress.
    fn interval_while_running_ms(self) -> f64 {
        match self {
            Section::Crossings => 2_000.0,
            _ => 0.0,
        }
    }

    /// Height of the placeholder shown before the part is first drawn.
    fn placeholder_class(self) -> &'static str {
        match self {
            Section::Cards | Section::Comparison | Section::Crossings => {
                "results-slice__placeholder results-slice__placeholder--tall"
            }
            _ => "results-slice__placeholder",
        }
    }
}

#[derive(Properties)]
pub struct SectionViewProps {
    pub section: Section,
    pub summary: Rc<Summary>,
    pub scenario: Rc<Scenario>,
    /// Chart width (see `ResultsReport`).
    pub width: f64,
    /// A run in progress (the crossings table then redraws less often).
    #[prop_or_default]
    pub running: bool,
}

/// Summaries and scenarios are compared by identity: a new summary is a new `Rc`, and
/// a value comparison would never hold for a summary with a NaN in it.
impl PartialEq for SectionViewProps {
    fn eq(&self, other: &Self) -> bool {
        self.section == other.section
            && Rc::ptr_eq(&self.summary, &other.summary)
            && Rc::ptr_eq(&self.scenario, &other.scenario)
            && self.width == other.width
            && self.running == other.running
    }
}

/// A summary drawn at a width, compared by identity (see `SectionViewProps`).
#[derive(Clone)]
struct Drawn(Rc<Summary>, f64);

impl PartialEq for Drawn {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) && self.1 == other.1
    }
}

/// One part of the report, drawn in a task of its own.
#[function_component]
pub fn SectionView(props: &SectionViewProps) -> Html {
    let section = props.section;
    let interval = if props.running {
        section.interval_while_running_ms()
    } else {
        0.0
    };
    let latest = Drawn(props.summary.clone(), props.width);
    let shown = use_deferred(latest.clone(), section.delay_ms(), interval);
    let pending = shown.as_ref() != Some(&latest);
    let body = match &shown {
        Some(Drawn(summary, width)) => render(section, summary, &props.scenario, *width),
        None => html! { <div class={section.placeholder_class()} aria-hidden="true"></div> },
    };
    html! {
        <div class="results-slice" data-section={section.key()} data-pending={pending.then_some("true")}>
            { body }
        </div>
    }
}

fn render(section: Section, summary: &Rc<Summary>, scenario: &Rc<Scenario>, width: f64) -> Html {
    let strategies = || summary.strategies.iter().enumerate();
    match section {
        Section::Cards => html! {
            <StrategyCards summary={summary.clone()} scenario={Some(scenario.clone())} />
        },
        Section::Comparison => html! { <KpiTable summary={summary.clone()} /> },
        Section::DetectionChart => detection_chart("chart-detection", summary, width),
        Section::BudgetChart => {
            let items = interval_items(summary, |s| s.budget.total);
            html! {
                <IntervalChart id="chart-budget" title="Budget by strategy"
                               description="Officers, overtime, operation set-up and X-ray units, US dollars per year, with the 95% interval."
                               metric="budget.total" unit={Unit::Money}
                               axis_label="Budget, US dollars per year"
                               {items} {width} />
            }
        }
        Section::ParetoChart => html! {
            <ParetoChart id="chart-pareto" points={pareto_points(summary)} {width} />
        },
        Section::HourlyChart => {
            let rows: Vec<WindowRow> = strategies()
                .map(|(index, s)| WindowRow {
                    index,
                    name: s.name.clone(),
                    hours_by_clock_hour: s.operation_hours_by_clock_hour.clone(),
                    coverage: mean_of(&s.traffic_coverage),
                })
                .collect();
            html! {
                <HourlyChart id="chart-hourly" profile={traffic_hour_profile(scenario)} {rows}
                             crossings={scenario.crossings.len()} {width} />
            }
        }
        Section::OutcomesChart => html! {
            <OutcomesChart id="chart-outcomes" items={outcome_items(summary)} {width} />
        },
        Section::SeizuresChart => html! {
            <SeizuresChart id="chart-seizures" summary={summary.clone()} {width} />
        },
        Section::SampleDayChart => {
            let items: Vec<SampleDayItem> = strategies()
                .map(|(index, s)| SampleDayItem {
                    index,
                    name: s.name.clone(),
                    day: s.sample_day.clone(),
                })
                .collect();
            let crossing = scenario
                .crossings
                .first()
                .map(|c| AttrValue::from(c.name.clone()));
            html! { <SampleDayChart id="chart-sample-day" {items} {crossing} /> }
        }
        Section::Crossings => html! { <CrossingTable summary={summary.clone()} /> },
    }
}
