//! The results views (right side): a card per strategy, the comparison table with the
//! best value of each row marked, SVG charts, and for multi-crossing scenarios the
//! reportable metrics per crossing, field office and border.
//!
//! [`ResultsView`] is the only component that reads the application context; it picks
//! what to show from the run state and hands plain props to [`ResultsReport`] and the
//! pure components below it, which the browser tests render with a real summary.
//!
//! Every displayed number comes straight from the `Summary` and carries it in
//! `data-metric` (the JSON path in `StrategySummary`), `data-strategy` (index) and
//! `data-value` (the raw `f64`, Rust's `{}` formatting); intervals add `data-low`,
//! `data-high` and `data-n`. A number without a value shows "—" and `data-missing`.

pub mod cards;
pub mod charts;
pub mod crossings;
pub mod format;
pub mod kpi;
pub mod metrics;
pub mod scroll_frame;
pub mod sections;

use std::rc::Rc;

use egress_core::scenario::Scenario;
use egress_core::summary::{Summary, summarize};
use yew::prelude::*;

use crate::hooks::use_element_width;
use crate::state::{AppContext, RunContext, RunState};
use format::thousands;
use sections::{Section, SectionView};

/// Where the run on screen is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Running,
    Finished,
    Cancelled,
}

impl Phase {
    fn key(self) -> &'static str {
        match self {
            Phase::Running => "running",
            Phase::Finished => "finished",
            Phase::Cancelled => "cancelled",
        }
    }
}

#[derive(Properties)]
pub struct ResultsReportProps {
    pub summary: Rc<Summary>,
    /// The scenario that produced the summary (not the one being edited).
    pub scenario: Rc<Scenario>,
    pub phase: Phase,
    /// (replication, strategy) units done and in total.
    #[prop_or_default]
    pub done_units: u32,
    #[prop_or_default]
    pub total_units: u32,
    /// The scenario changed since this run.
    #[prop_or_default]
    pub stale: bool,
}

/// The summary and scenario are compared by identity (each summary of a run is a new
/// `Rc`): cheap for 111 crossings, and sound for a summary with a NaN in it.
impl PartialEq for ResultsReportProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.summary, &other.summary)
            && Rc::ptr_eq(&self.scenario, &other.scenario)
            && self.phase == other.phase
            && self.done_units == other.done_units
            && self.total_units == other.total_units
            && self.stale == other.stale
    }
}

/// Replications every strategy has so far (the least of them).
fn replications_done(summary: &Summary) -> u32 {
    summary
        .strategies
        .iter()
        .map(|s| s.replications)
        .min()
        .unwrap_or(0)
}

fn status_text(props: &ResultsReportProps) -> String {
    let summary = &props.summary;
    let target = summary.replications;
    let done = replications_done(summary);
    let strategies = summary.strategies.len();
    match props.phase {
        Phase::Running => format!(
            "Partial results: {done} of {target} replications per strategy so far ({} of {} strategy-replications). The numbers update as replications arrive.",
            thousands(u64::from(props.done_units)),
            thousands(u64::from(props.total_units)),
        ),
        Phase::Cancelled => format!(
            "Partial results: the run was cancelled after {done} of {target} replications per strategy ({} of {} strategy-replications). Intervals are wider than a full run's.",
            thousands(u64::from(props.done_units)),
            thousands(u64::from(props.total_units)),
        ),
        Phase::Finished => format!(
            "{} replication{} of {} day{} for each of {} strateg{} · seed {} · money, counts and hours per year · 95% intervals",
            done,
            if done == 1 { "" } else { "s" },
            summary.horizon_days,
            if summary.horizon_days == 1 { "" } else { "s" },
            strategies,
            if strategies == 1 { "y" } else { "ies" },
            summary.seed,
        ),
    }
}

/// Horizontal padding and border of a chart's frame (`.chart` in results.css).
const CHART_FRAME: f64 = 34.0;

/// Everything shown for one run: status, cards, comparison table, charts, crossings.
#[function_component]
pub fn ResultsReport(props: &ResultsReportProps) -> Html {
    // Charts are laid out for the width they are shown at, so their text stays legible
    // from a 768 px window to a wide screen.
    let charts_ref = use_node_ref();
    let chart_width = use_element_width(&charts_ref, charts::WIDTH + CHART_FRAME) - CHART_FRAME;
    let summary = &props.summary;
    let scenario = &props.scenario;
    let partial = props.phase != Phase::Finished;
    let running = props.phase == Phase::Running;
    let names: Vec<String> = summary.strategies.iter().map(|s| s.name.clone()).collect();
    let multi = scenario.crossings.len() > 1;
    let part = |section: Section| {
        html! {
            <SectionView {section} summary={summary.clone()} scenario={scenario.clone()}
                         width={chart_width} {running} />
        }
    };

    let stale_banner = props.stale.then(|| {
        html! {
            <div id="results-stale" class="results-banner results-banner--stale" role="status">
                <strong>{ "These results are for an earlier version of the scenario — run again." }</strong>
                { " The scenario has changed since this run; the figures below do not reflect the changes." }
            </div>
        }
    });

    let chart_name = charts::ChartScenarioName(AttrValue::from(scenario.name.clone()));
    html! {
        <ContextProvider<charts::ChartScenarioName> context={chart_name}>
        <div id="results-root"
             class={classes!("results", props.stale.then_some("results--stale"), partial.then_some("results--partial"))}
             data-state={props.phase.key()} data-stale={props.stale.to_string()}
             data-replications={replications_done(summary).to_string()}
             aria-busy={(props.phase == Phase::Running).to_string()}>
            { stale_banner.unwrap_or_default() }
            <div class="results__top">
                <div class="results__heading">
                    <h3 class="results__scenario">{ summary.scenario.clone() }</h3>
                    <p id="results-status"
                       class={classes!("results__status", partial.then_some("results__status--partial"))}
                       role="status" aria-live="polite">
                        if partial {
                            <span class="results-tag results-tag--partial">{ if props.phase == Phase::Running { "Running" } else { "Cancelled" } }</span>
                        }
                        { status_text(props) }
                    </p>
                </div>
                <nav class="results-nav" aria-label="Results sections">
                    <a href="#results-overview">{ "Strategies" }</a>
                    <a href="#results-comparison">{ "Comparison" }</a>
                    <a href="#results-charts">{ "Charts" }</a>
                    if multi {
                        <a href="#results-crossings">{ "Crossings" }</a>
                    }
                </nav>
            </div>

            <div class="results__dim">
                <section id="results-overview" class="results__section" aria-labelledby="results-overview-title">
                    <h3 id="results-overview-title" class="results__section-title">{ "Strategies" }</h3>
                    { part(Section::Cards) }
                </section>

                <section id="results-comparison" class="results__section" aria-labelledby="results-comparison-title">
                    <h3 id="results-comparison-title" class="results__section-title">{ "Comparison" }</h3>
                    <p class="results__lead">
                        { "Means per year with 95% intervals across replications. ★ marks the best value of a row (by the mean: where intervals overlap, the difference may be chance). Differences against the baseline are paired, replication by replication." }
                    </p>
                    { part(Section::Comparison) }
                </section>

                <section id="results-charts" class="results__section" aria-labelledby="results-charts-title">
                    <h3 id="results-charts-title" class="results__section-title">{ "Charts" }</h3>
                    <div class="charts" ref={charts_ref}>
                        { part(Section::DetectionChart) }
                        { part(Section::BudgetChart) }
                        { part(Section::ParetoChart) }
                        { part(Section::HourlyChart) }
                        { part(Section::OutcomesChart) }
                        { part(Section::SeizuresChart) }
                        { part(Section::SampleDayChart) }
                    </div>
                </section>

                if multi {
                    <section id="results-crossings" class="results__section" aria-labelledby="results-crossings-title">
                        <h3 id="results-crossings-title" class="results__section-title">{ "Reportable metrics by crossing" }</h3>
                        <p class="results__lead">
                            { "The metrics OIG asked CBP to report — exits, inspection frequency, staffing hours and budget — per crossing and rolled up per field office and border, for one strategy at a time. Sort by any column." }
                        </p>
                        { part(Section::Crossings) }
                    </section>
                }
            </div>
            <p class="visually-hidden">{ format!("Strategies: {}", names.join(", ")) }</p>
        </div>
        </ContextProvider<charts::ChartScenarioName>>
    }
}

#[derive(Properties, PartialEq)]
pub struct EmptyResultsProps {
    pub strategies: usize,
    pub replications: u32,
    pub horizon_days: u32,
    pub crossings: usize,
    /// Why Run is disabled, if it is.
    #[prop_or_default]
    pub blocked: Option<AttrValue>,
    /// The message of a failed run.
    #[prop_or_default]
    pub failure: Option<AttrValue>,
}

/// Before any run (or after a failed one): what Run will give.
#[function_component]
pub fn EmptyResults(props: &EmptyResultsProps) -> Html {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            one.to_string()
        } else {
            many.to_string()
        }
    };
    html! {
        <div id="results-root" class="results results--empty" data-state={if props.failure.is_some() { "failed" } else { "idle" }}
             data-stale="false">
            if let Some(message) = &props.failure {
                <div id="results-failed" class="results-banner results-banner--error" role="alert">
                    <strong>{ "The run failed. " }</strong>{ message.clone() }
                </div>
            }
            <div id="results-empty" class="placeholder">
                <p class="placeholder__lead">{ "No results yet" }</p>
                <p class="placeholder__text">
                    { format!(
                        "Press Run to simulate {} {} over {} day{} at {} {}, {} replication{} each. Results fill in as the replications arrive.",
                        props.strategies, plural(props.strategies, "strategy", "strategies"),
                        props.horizon_days, if props.horizon_days == 1 { "" } else { "s" },
                        props.crossings, plural(props.crossings, "crossing", "crossings"),
                        props.replications, if props.replications == 1 { "" } else { "s" },
                    ) }
                </p>
                <ul class="placeholder__list">
                    <li>{ "a card per strategy: detection rate, seizures, budget, officer-hours, cost per seizure and waits, each with its 95% interval;" }</li>
                    <li>{ "the difference against the baseline (the first strategy), paired replication by replication;" }</li>
                    <li>{ "a comparison table with the best value of each row marked, and charts: detection with intervals, detection against budget with the Pareto frontier, operations by hour, carrier outcomes, seizures by type and the queue over a sample day;" }</li>
                    <li>{ "for several crossings, the reportable metrics per crossing, field office and border." }</li>
                </ul>
                if let Some(reason) = &props.blocked {
                    <p class="placeholder__text placeholder__text--warn">{ reason.clone() }</p>
                }
            </div>
        </div>
    }
}

/// Cards, charts and tables of the run on screen (reads the application context).
#[function_component]
pub fn ResultsView() -> Html {
    let state = use_context::<AppContext>();
    let run_state = use_context::<RunContext>();
    // Before the first summary of a run arrives, an empty summary of its scenario keeps
    // the layout in place ("—" everywhere) instead of a blank panel.
    let run = run_state
        .as_ref()
        .and_then(|r| r.shown())
        .map(|r| (r.job, r.scenario.clone()));
    let job = run.as_ref().map(|(job, _)| *job);
    let empty_summary = use_memo(job, move |_| {
        run.map(|(_, scenario)| Rc::new(summarize(&scenario, &[])))
    });
    let (Some(state), Some(run_state)) = (state, run_state) else {
        return Html::default();
    };

    let (run, phase) = match &*run_state {
        RunState::Running(r) => (r, Phase::Running),
        RunState::Finished(r) => (r, Phase::Finished),
        RunState::Cancelled(r) => (r, Phase::Cancelled),
        RunState::Idle | RunState::Failed { .. } => {
            let failure = match &*run_state {
                RunState::Failed { message } => Some(AttrValue::from(message.clone())),
                _ => None,
            };
            return html! {
                <EmptyResults strategies={state.scenario.strategies.len()} replications={state.scenario.replications}
                              horizon_days={state.scenario.horizon_days} crossings={state.scenario.crossings.len()}
                              blocked={state.run_blocked_reason(false).map(AttrValue::from)} {failure} />
            };
        }
    };
    let Some(summary) = run.summary.clone().or_else(|| (*empty_summary).clone()) else {
        return Html::default();
    };
    html! {
        <ResultsReport {summary} scenario={run.scenario.clone()} {phase}
                       done_units={run.done_units} total_units={run.total_units}
                       stale={run.is_stale_for(&state.scenario)} />
    }
}
