//! The briefing: a print-ready page for a workgroup about the run on screen — the
//! question, a one-line verdict per strategy, the comparison table, the key charts, every
//! assumption and source (with this scenario's values), the run's seed and size, and the
//! share link as text. `styles/briefing.css` lays it out for Letter and A4.
//!
//! [`assurance`] is the "How sure are we?" section, when analyses of the briefed
//! scenario are done. [`export`] saves any chart as SVG or PNG (the buttons of `ChartFrame`).

pub mod assurance;
pub mod export;

use std::rc::Rc;

use egress_core::link::{self, LinkError};
use egress_core::scenario::Scenario;
use egress_core::scenario::provenance::{self, Basis, Provenance};
use egress_core::summary::{Summary, verdict};
use yew::prelude::*;

use crate::editor::format::describe_path;
use crate::results::charts::{
    ChartHeadingLevel, ChartScenarioName, OutcomesChart, ParetoChart, detection_chart, html_badge,
    letter, outcome_items, pareto_points,
};
use crate::results::kpi::KpiTable;
use crate::share::base_url;
use crate::state::{Action, AppContext, RunContext, RunState, View};

/// Width the briefing's charts are laid out for (about the printable width of Letter
/// and A4 with 14 mm margins).
pub const CHART_WIDTH: f64 = 680.0;

/// Most values listed for one assumption before "and n more".
const MAX_VALUES: usize = 3;

/// The share link of a scenario as text, or why there is none.
pub fn link_text(base: &str, scenario: &Scenario) -> (Option<String>, String) {
    match link::share_url(base, scenario) {
        Ok(url) => (Some(url.clone()), url),
        Err(LinkError::TooLong { .. }) => (
            None,
            "The scenario is too large for a link — share the scenario file.".to_string(),
        ),
        Err(error) => (None, format!("No link: {error}")),
    }
}

/// A number as the editor shows it: trimmed, grouped.
fn number(x: f64, decimals: usize) -> String {
    crate::editor::format::format_number(x, decimals, true)
}

/// The unit a scenario value is shown in, as the editor shows it.
#[derive(Clone, Copy)]
enum Unit {
    Share,
    Dollars,
    Seconds,
    Minutes,
    Hours,
    Days,
    Years,
    Kmh,
    Plain,
}

impl Unit {
    /// From the value's path: its own name or its table's (the shares of a
    /// concealment mix are named by level), and its section for money.
    fn of(path: &str) -> Unit {
        let mut names = path
            .split(['.', '['])
            .map(|s| s.trim_end_matches(']'))
            .rev();
        let key = names.next().unwrap_or(path);
        let table = names.next().unwrap_or("");
        let costs = path.starts_with("costs.");
        let share = |k: &str| {
            matches!(
                k,
                "concealment" | "detection" | "sensitivity" | "on_spotting" | "availability"
            ) || k.ends_with("_share")
                || k.ends_with("_probability")
                || k.ends_with("_uptime")
                || (!costs && k.ends_with("_rate"))
        };
        if share(key) || share(table) {
            Unit::Share
        } else if key.ends_with("_years") {
            Unit::Years
        } else if costs && !matches!(key, "overtime_multiplier" | "shift_hours") {
            Unit::Dollars
        } else if key.ends_with("seconds") || table.ends_with("seconds") {
            Unit::Seconds
        } else if key == "minutes" || table == "minutes" {
            Unit::Minutes
        } else if key.ends_with("hours") {
            Unit::Hours
        } else if key.ends_with("_days") {
            Unit::Days
        } else if key.ends_with("_kmh") {
            Unit::Kmh
        } else {
            Unit::Plain
        }
    }

    fn show(self, x: f64) -> String {
        match self {
            Unit::Share => format!("{}%", number(x * 100.0, 2)),
            Unit::Dollars => format!("${}", number(x, 2)),
            Unit::Seconds => format!("{} s", number(x, 1)),
            Unit::Minutes => format!("{} min", number(x, 1)),
            Unit::Hours => format!("{} h", number(x, 2)),
            Unit::Days => format!("{} days", number(x, 1)),
            Unit::Years => format!("{} years", number(x, 1)),
            Unit::Kmh => format!("{} km/h", number(x, 1)),
            Unit::Plain => number(x, 4),
        }
    }
}

/// A scenario value in the editor's units; small tables as "key value" pairs, short
/// lists shortened.
fn value_text(unit: Unit, value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Array(items) => {
            let shown: Vec<String> = items.iter().take(6).map(|v| value_text(unit, v)).collect();
            let more = if items.len() > 6 { ", …" } else { "" };
            format!("[{}{more}]", shown.join(", "))
        }
        serde_json::Value::Object(map) => {
            let shown: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{} {}", k.replace('_', " "), value_text(unit, v)))
                .collect();
            shown.join(", ")
        }
        serde_json::Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), |x| unit.show(x)),
        serde_json::Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "—".to_string(),
    }
}

/// The scenario's values under each provenance entry: (label, basis) → "path = value".
fn values_by_provenance(scenario: &Scenario) -> Vec<(&'static Provenance, Vec<String>)> {
    fn walk(
        scenario: &Scenario,
        value: &serde_json::Value,
        path: &str,
        out: &mut Vec<(&'static Provenance, Vec<String>)>,
    ) {
        let leaf = match value {
            // A small table of values (by modality, by border…) described as a whole.
            serde_json::Value::Object(map) => {
                map.values().all(|v| !v.is_object() && !v.is_array())
                    && provenance::provenance(path).is_some()
                    && map
                        .keys()
                        .all(|k| provenance::provenance(&format!("{path}.{k}")).is_none())
            }
            serde_json::Value::Array(items) => !items.iter().any(|v| v.is_object()),
            _ => true,
        };
        if leaf {
            if let Some(p) = provenance::provenance(path) {
                let line = format!(
                    "{} {}",
                    describe_path(scenario, path),
                    value_text(Unit::of(path), value)
                );
                match out
                    .iter_mut()
                    .find(|(q, _)| q.label == p.label && q.basis == p.basis)
                {
                    Some((_, lines)) => lines.push(line),
                    None => out.push((p, vec![line])),
                }
            }
            return;
        }
        match value {
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    let child_path = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    walk(scenario, child, &child_path, out);
                }
            }
            serde_json::Value::Array(items) => {
                for (k, child) in items.iter().enumerate() {
                    walk(scenario, child, &format!("{path}[{k}]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(json) = serde_json::to_value(scenario) {
        walk(scenario, &json, "", &mut out);
    }
    out
}

#[derive(Properties)]
pub struct BriefingReportProps {
    pub summary: Rc<Summary>,
    /// The scenario the run used (not the one being edited).
    pub scenario: Rc<Scenario>,
    /// The scenario changed since this run.
    #[prop_or_default]
    pub stale: bool,
    /// The run is in progress or was cancelled.
    #[prop_or_default]
    pub partial: Option<AttrValue>,
    /// The page's address without its fragment (for the share link).
    #[prop_or_default]
    pub base_url: AttrValue,
    /// The date printed in the footer.
    #[prop_or_default]
    pub date: AttrValue,
}

impl PartialEq for BriefingReportProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.summary, &other.summary)
            && Rc::ptr_eq(&self.scenario, &other.scenario)
            && self.stale == other.stale
            && self.partial == other.partial
            && self.base_url == other.base_url
            && self.date == other.date
    }
}

/// The briefing itself (pure: props in, HTML out).
#[function_component]
pub fn BriefingReport(props: &BriefingReportProps) -> Html {
    let summary = &props.summary;
    let scenario = &props.scenario;
    let strategies = || summary.strategies.iter().enumerate();
    let baseline = summary.strategies.first();
    let done = summary
        .strategies
        .iter()
        .map(|s| s.replications)
        .min()
        .unwrap_or(0);

    let values = values_by_provenance(scenario);
    let provenance_rows = |basis: Basis| {
        let mut seen: Vec<&str> = Vec::new();
        provenance::PROVENANCE
            .iter()
            .filter(|p| p.basis == basis)
            .filter(|p| {
                let new = !seen.contains(&p.label);
                seen.push(p.label);
                new
            })
            .map(|p| {
                let lines: Vec<String> = values
                    .iter()
                    .filter(|(q, _)| q.label == p.label && q.basis == p.basis)
                    .flat_map(|(_, lines)| lines.iter().cloned())
                    .collect();
                let more = lines.len().saturating_sub(MAX_VALUES);
                html! {
                    <tr class="briefing-provenance__row" data-basis={match basis { Basis::Source => "source", Basis::Assumption => "assumption" }}>
                        <th scope="row" class="briefing-provenance__label">{ p.label }</th>
                        <td class="briefing-provenance__basis">{ match basis { Basis::Source => "Source", Basis::Assumption => "Assumption" } }</td>
                        <td class="briefing-provenance__note">
                            { p.note }
                            if !lines.is_empty() {
                                <span class="briefing-provenance__values">
                                    { "In this scenario: " }
                                    { lines.iter().take(MAX_VALUES).cloned().collect::<Vec<_>>().join("; ") }
                                    if more > 0 { { format!(" … and {more} more") } }
                                </span>
                            }
                        </td>
                    </tr>
                }
            })
            .collect::<Html>()
    };

    let (link, link_message) = link_text(&props.base_url, scenario);
    let question = if scenario.question.trim().is_empty() {
        "No question was written for this scenario.".to_string()
    } else {
        scenario.question.clone()
    };

    let chart_name = ChartScenarioName(AttrValue::from(scenario.name.clone()));
    html! {
        <ContextProvider<ChartScenarioName> context={chart_name}>
        <article id="briefing" class="briefing" data-stale={props.stale.to_string()}
                 data-partial={props.partial.is_some().to_string()}>
            <header class="briefing__header">
                <p class="briefing__eyebrow">{ "Briefing · outbound inspection strategies" }</p>
                <h1 id="briefing-title" class="briefing__title">{ scenario.name.clone() }</h1>
                if !scenario.description.trim().is_empty() {
                    <p id="briefing-description" class="briefing__description">{ scenario.description.clone() }</p>
                }
            </header>
            if props.stale {
                <p id="briefing-stale" class="briefing__note briefing__note--warn" role="status">
                    { "The scenario has been edited since this run: this briefing presents the scenario as it was run, not the current edits." }
                </p>
            }
            if let Some(partial) = &props.partial {
                <p id="briefing-partial" class="briefing__note briefing__note--warn" role="status">{ partial.clone() }</p>
            }
            <section class="briefing__section" aria-labelledby="briefing-question-title">
                <h2 id="briefing-question-title" class="briefing__heading">{ "The question" }</h2>
                <p id="briefing-question" class="briefing__question">{ question }</p>
            </section>
            <section class="briefing__section" aria-labelledby="briefing-verdicts-title">
                <h2 id="briefing-verdicts-title" class="briefing__heading">{ "Verdict per strategy" }</h2>
                <ul id="briefing-verdicts" class="briefing__verdicts">
                    { for strategies().map(|(k, s)| html! {
                        <li class="briefing__verdict" data-strategy={k.to_string()}>
                            { html_badge(k) }
                            <span class="briefing__verdict-text">{ verdict(s, if k == 0 { None } else { baseline }) }</span>
                        </li>
                    }) }
                </ul>
            </section>
            <section class="briefing__section briefing__section--table" aria-labelledby="briefing-kpi-title">
                <h2 id="briefing-kpi-title" class="briefing__heading">{ "Comparison (per year, 95% intervals)" }</h2>
                { for table_parts(summary.strategies.len()).into_iter().enumerate().map(|(part, columns)| {
                    let id = if part == 0 { "kpi-table".to_string() } else { format!("kpi-table-{}", part + 1) };
                    let heading = (part > 0).then(|| format!(
                        "Continued: strategies {} to {}, with the baseline ({}) again for reference",
                        letter(columns[1]),
                        letter(columns[columns.len() - 1]),
                        letter(0),
                    ));
                    html! {
                        <div class="briefing__table-part" key={part}>
                            if let Some(heading) = heading {
                                <h3 class="briefing__subheading">{ heading }</h3>
                            }
                            <KpiTable summary={summary.clone()} id={id} columns={Rc::new(columns)} />
                        </div>
                    }
                }) }
            </section>
            <section class="briefing__section briefing__charts" aria-labelledby="briefing-charts-title">
                <h2 id="briefing-charts-title" class="briefing__heading">{ "Key charts" }</h2>
                <ContextProvider<ChartHeadingLevel> context={ChartHeadingLevel(3)}>
                    { detection_chart("briefing-chart-detection", summary, CHART_WIDTH) }
                    <ParetoChart id="briefing-chart-pareto" points={pareto_points(summary)} width={CHART_WIDTH} />
                    <OutcomesChart id="briefing-chart-outcomes" items={outcome_items(summary)} width={CHART_WIDTH} />
                </ContextProvider<ChartHeadingLevel>>
            </section>
            <assurance::BriefingAssurance scenario={props.scenario.clone()} />
            <section class="briefing__section" aria-labelledby="briefing-assumptions-title">
                <h2 id="briefing-assumptions-title" class="briefing__heading">{ "Assumptions and sources" }</h2>
                <p class="briefing__lead">
                    { "Assumptions have no public figure behind them: they are editable defaults, and the results depend on them. Sources are public data." }
                </p>
                <table id="briefing-assumptions" class="briefing-provenance">
                    <thead>
                        <tr><th scope="col">{ "Input" }</th><th scope="col">{ "Basis" }</th><th scope="col">{ "Note" }</th></tr>
                    </thead>
                    <tbody>
                        { provenance_rows(Basis::Assumption) }
                        { provenance_rows(Basis::Source) }
                    </tbody>
                </table>
            </section>
            <section class="briefing__section" aria-labelledby="briefing-run-title">
                <h2 id="briefing-run-title" class="briefing__heading">{ "The run" }</h2>
                <dl id="briefing-run" class="briefing__run">
                    <dt>{ "Seed" }</dt><dd id="briefing-seed">{ summary.seed.to_string() }</dd>
                    <dt>{ "Replications" }</dt>
                    <dd id="briefing-replications">
                        { if done == summary.replications { done.to_string() } else { format!("{done} of {}", summary.replications) } }
                    </dd>
                    <dt>{ "Horizon" }</dt><dd id="briefing-horizon">{ format!("{} days", summary.horizon_days) }</dd>
                    <dt>{ "Crossings" }</dt><dd>{ scenario.crossings.len().to_string() }</dd>
                    <dt>{ "Strategies" }</dt><dd>{ summary.strategies.len().to_string() }</dd>
                </dl>
                <p class="briefing__lead">
                    { "The same scenario, seed and replications give the same figures on any machine. To reproduce them, open this link:" }
                </p>
                if let Some(url) = link {
                    <p id="briefing-link" class="briefing__link" data-link="true">{ url }</p>
                } else {
                    <p id="briefing-link" class="briefing__link briefing__link--none" data-link="false">{ link_message }</p>
                }
            </section>
            <footer class="briefing__footer">
                <span id="briefing-date">{ props.date.clone() }</span>
                <span>{ concat!("Egress v", env!("CARGO_PKG_VERSION"), " — outbound inspection planner; computed in the browser, no data left the machine.") }</span>
            </footer>
        </article>
        </ContextProvider<ChartScenarioName>>
    }
}

/// Strategies per printed comparison table: more columns do not fit a portrait page.
const COLUMNS_PER_TABLE: usize = 5;

/// The printed comparison table in parts of at most [`COLUMNS_PER_TABLE`] strategies, each
/// part after the first starting again with the baseline (strategy 0) for reference.
pub fn table_parts(strategies: usize) -> Vec<Vec<usize>> {
    if strategies <= COLUMNS_PER_TABLE {
        return vec![(0..strategies).collect()];
    }
    let mut parts = vec![(0..COLUMNS_PER_TABLE).collect::<Vec<_>>()];
    let rest: Vec<usize> = (COLUMNS_PER_TABLE..strategies).collect();
    for chunk in rest.chunks(COLUMNS_PER_TABLE - 1) {
        parts.push(std::iter::once(0).chain(chunk.iter().copied()).collect());
    }
    parts
}

/// Today's date, "2025-03-14".
fn today() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .map(|s| s.chars().take(10).collect())
        .unwrap_or_default()
}

/// The briefing view (reads the application context): actions, then the report.
#[function_component]
pub fn Briefing() -> Html {
    let (Some(state), Some(run_state)) = (use_context::<AppContext>(), use_context::<RunContext>())
    else {
        return Html::default();
    };
    let on_close = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ShowView(View::Planner)))
    };
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    let actions = html! {
        <div class="briefing-actions">
            <button id="close-briefing" type="button" class="button" onclick={on_close}>{ "Back to the planner" }</button>
            <button id="print-briefing" type="button" class="button button--primary" onclick={on_print}>{ "Print" }</button>
        </div>
    };
    let run = run_state.shown();
    let Some((run, summary)) = run.and_then(|r| r.summary.clone().map(|s| (r, s))) else {
        return html! {
            <div class="briefing-view">
                { actions }
                <p id="briefing-empty" class="briefing__note">{ "Run the scenario first: the briefing presents a run's results." }</p>
            </div>
        };
    };
    let partial = match &*run_state {
        RunState::Running(_) => Some(AttrValue::from(
            "Partial results: the run is still in progress; the figures will change as replications arrive.",
        )),
        RunState::Cancelled(_) => Some(AttrValue::from(
            "Partial results: the run was cancelled before every replication was done; intervals are wider than a full run's.",
        )),
        _ => None,
    };
    html! {
        <div class="briefing-view">
            { actions }
            <BriefingReport {summary} scenario={run.scenario.clone()} stale={run.is_stale_for(&state.scenario)}
                            {partial} base_url={base_url()} date={today()} />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::table_parts;

    #[test]
    fn wide_tables_split_with_the_baseline_repeated() {
        assert_eq!(table_parts(0), vec![Vec::<usize>::new()]);
        assert_eq!(table_parts(1), vec![vec![0]]);
        assert_eq!(table_parts(5), vec![vec![0, 1, 2, 3, 4]]);
        assert_eq!(table_parts(6), vec![vec![0, 1, 2, 3, 4], vec![0, 5]]);
        assert_eq!(table_parts(8), vec![vec![0, 1, 2, 3, 4], vec![0, 5, 6, 7]]);
        assert_eq!(
            table_parts(10),
            vec![vec![0, 1, 2, 3, 4], vec![0, 5, 6, 7, 8], vec![0, 9]]
        );
        // Every strategy appears, the baseline in every part.
        for n in 1..=12 {
            let parts = table_parts(n);
            let mut seen: Vec<usize> = parts.iter().flatten().copied().filter(|&k| k > 0).collect();
            seen.sort_unstable();
            assert_eq!(seen, (1..n).collect::<Vec<_>>());
            assert!(parts.iter().all(|p| p.first() == Some(&0) && p.len() <= 5));
        }
    }
}
