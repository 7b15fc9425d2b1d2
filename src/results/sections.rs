//! The parts of the report (cards, table, each chart, the crossings table), each rendered
//! in a task of its own: while a run is in progress the summary changes every half
//! second or so, and redrawing everything at once would block the page for longer than
//! a frame on large scenarios. A part adopts a new summary after a short, staggered
//! delay (`data-pending="true"` until it has); while the run lasts, a part that was
//! costly to draw waits in proportion before it draws again (see [`REPORT_SHARE`]).

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
use crate::hooks::{ByRc, use_deferred};
use crate::run::now_ms;

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
    /// laid out) in a frame of its own, all within the least gap between two summaries.
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

    /// Least time between two redraws while the run is in progress, whatever they
    /// cost (see [`REPORT_SHARE`] for the part that depends on the cost).
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

/// Largest share of the page's time that redrawing the whole report may take while a
/// run is in progress. Each part measures what its last redraw cost and waits in
/// proportion, so cheap parts (the cards) follow every summary while a costly one (a
/// chart of a hundred crossings on a slow machine) redraws less often; at the end of
/// the run every part is drawn at once.
const REPORT_SHARE: f64 = 0.1;

/// Least gap after a redraw that cost `cost_ms`, so that the report's `SECTIONS` parts
/// together take at most `REPORT_SHARE` of the time.
fn paced_gap_ms(cost_ms: f64) -> f64 {
    let share = REPORT_SHARE / SECTIONS as f64;
    cost_ms * (1.0 - share) / share
}

/// Parts of the report.
const SECTIONS: usize = 10;

/// One part of the report, drawn in a task of its own.
#[function_component]
pub fn SectionView(props: &SectionViewProps) -> Html {
    let render_started = now_ms();
    let section = props.section;
    let cost_ms = use_mut_ref(|| 0.0_f64);
    let interval = if props.running {
        section
            .interval_while_running_ms()
            .max(paced_gap_ms(*cost_ms.borrow()))
    } else {
        0.0
    };
    let latest = Drawn(props.summary.clone(), props.width);
    let shown = use_deferred(latest.clone(), section.delay_ms(), interval);
    {
        // Effects run once the part and its children are in the page: the time since
        // this render began is what drawing the new summary cost.
        let cost_ms = cost_ms.clone();
        let drawn = shown.as_ref().map(|d| ByRc(d.0.clone()));
        use_effect_with(drawn, move |_| {
            *cost_ms.borrow_mut() = (now_ms() - render_started).max(0.0);
        });
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn costly_parts_wait_longer_so_the_report_keeps_its_share() {
        assert_eq!(paced_gap_ms(0.0), 0.0);
        // A part that took 10 ms may take 1% of the time: 990 ms until the next redraw.
        let gap = paced_gap_ms(10.0);
        assert!((gap - 990.0).abs() < 1e-9, "{gap}");
        let share = 10.0 / (10.0 + gap);
        assert!((share * SECTIONS as f64 - REPORT_SHARE).abs() < 1e-12);
    }
}
