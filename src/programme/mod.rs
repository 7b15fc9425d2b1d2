//! The programme view: the optimiser's question in words, Optimise (disabled with the
//! reason when the scenario cannot run), its progress, and the programme it found — the
//! frontier with the chosen point, the plan per crossing, the roll-ups per field office and
//! border, the whole-programme check — and "Add as strategy", an edit of the scenario.
//!
//! [`ProgrammePanel`] reads the contexts; [`ProgrammeReport`] is pure (a result and the
//! scenario it was found for), so the browser tests render it with a real result.
//!
//! - `goal.rs`: the question and its resource in words.
//! - `frontier.rs`: the frontier chart (national, or one crossing's).
//! - `table.rs`: the per-crossing table, and why a crossing has no plan.
//! - `rollups.rs`: per field office and border, the whole-programme check, the allocation.

pub mod frontier;
pub mod goal;
pub mod rollups;
pub mod table;

use std::rc::Rc;

use egress_core::decide::programme::{ProgrammeResult, with_programme_strategy};
use egress_core::scenario::Scenario;
use egress_core::scenario::programme::Goal;
use yew::prelude::*;

use crate::analyses::AnalysisBar;
use crate::hooks::use_element_width;
use crate::results::charts::{self, ChartScenarioName};
use crate::results::format::{count, money, percent};
use crate::run::RunCommand;
use crate::state::{
    Action, AnalysesContext, AnalysisKind, AnalysisOutcome, AnalysisStatus, AppContext,
};
use frontier::FrontierChart;
use goal::{goal_sentence, resource_of};
use rollups::{RollupTable, WholeCheck, allocation_sentence};
use table::CrossingPlansTable;

#[derive(Properties)]
pub struct ProgrammeReportProps {
    pub result: Rc<ProgrammeResult>,
    /// The scenario the optimiser searched (not necessarily the one being edited).
    pub scenario: Rc<Scenario>,
}

impl PartialEq for ProgrammeReportProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.result, &other.result) && Rc::ptr_eq(&self.scenario, &other.scenario)
    }
}

const CHART_FRAME: f64 = 34.0;

/// What the optimiser found, for the scenario it searched.
#[function_component]
pub fn ProgrammeReport(props: &ProgrammeReportProps) -> Html {
    let charts_ref = use_node_ref();
    let width = use_element_width(&charts_ref, charts::WIDTH + CHART_FRAME) - CHART_FRAME;
    // The crossing whose own frontier is drawn (the first with a plan to begin with).
    let picked = use_state(|| None::<String>);
    let result = &props.result;
    let resource = resource_of(&result.goal);
    let planned = result.crossings.len();
    let with_plan = result
        .crossings
        .iter()
        .filter(|c| c.chosen.is_some())
        .count();
    let across = matches!(
        result.goal,
        Goal::Allocate { .. } | Goal::CheapestProgramme { .. }
    );

    let national = result.allocation.as_ref().map(|a| {
        html! {
            <FrontierChart id="programme-frontier" title="The programme's frontier"
                           points={a.frontier.clone()} chosen={Some((a.cost, a.detections))}
                           resource={resource} width={width} />
        }
    });
    let shown_crossing = (*picked)
        .clone()
        .and_then(|id| result.crossings.iter().find(|c| c.crossing == id))
        .or_else(|| result.crossings.iter().find(|c| c.chosen.is_some()))
        .or(result.crossings.first());
    let crossing_chart = shown_crossing.map(|c| {
        let chosen = c.chosen.as_ref().map(|p| {
            let cost = match resource {
                egress_core::scenario::programme::Resource::FullCost => p.mean.full_cost,
                egress_core::scenario::programme::Resource::NewMoney => p.mean.new_money,
                egress_core::scenario::programme::Resource::OfficerHours => p.mean.officer_hours,
                egress_core::scenario::programme::Resource::NewXrayUnits => {
                    f64::from(p.candidate.nii_units_bought)
                }
            };
            (cost, p.mean.detections)
        });
        let points: Vec<(f64, f64)> = c.frontier.iter().map(|p| (p.cost, p.detections)).collect();
        html! {
            <FrontierChart id="programme-crossing-frontier" title={format!("{}: the plans' frontier", c.name)}
                           points={points} chosen={chosen} resource={resource} width={width} />
        }
    });
    let picker = (planned > 1).then(|| {
        let onchange = {
            let picked = picked.clone();
            Callback::from(move |e: Event| {
                let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                picked.set(Some(select.value()));
            })
        };
        let current = shown_crossing.map(|c| c.crossing.clone()).unwrap_or_default();
        html! {
            <div class="field field--select programme__picker">
                <label class="field__label" for="programme-frontier-crossing">{ "Frontier of the crossing" }</label>
                <select id="programme-frontier-crossing" class="field__input field__select" {onchange}>
                    { for result.crossings.iter().map(|c| html! {
                        <option value={c.crossing.clone()} selected={c.crossing == current}>{ c.name.clone() }</option>
                    }) }
                </select>
            </div>
        }
    });

    html! {
        <ContextProvider<ChartScenarioName> context={ChartScenarioName(AttrValue::from(props.scenario.name.clone()))}>
            <div class="programme-report" id="programme-result" data-crossings={planned.to_string()}
                 data-with-plan={with_plan.to_string()} data-replications={result.replications.to_string()}>
                <p class="programme__headline" id="programme-headline">
                    { format!("{with_plan} of {planned} crossing{} got a plan; the search took {} replications.",
                        if planned == 1 { "" } else { "s" },
                        crate::results::format::thousands(result.replications)) }
                </p>
                if let Some(answer) = single_answer(result) {
                    <p class="programme__answer" id="programme-answer">{ answer }</p>
                }
                if let Some(a) = &result.allocation {
                    { allocation_sentence(a, resource, matches!(result.goal, Goal::CheapestProgramme { .. })) }
                }
                <h3 class="programme__heading">{ "Plan per crossing" }</h3>
                <CrossingPlansTable result={result.clone()} />
                if !result.rollups.is_empty() && (planned > 1 || across) {
                    <h3 class="programme__heading">{ "Per field office and border" }</h3>
                    <RollupTable result={result.clone()} />
                }
                <h3 class="programme__heading">{ "The whole programme" }</h3>
                <WholeCheck result={result.clone()} />
                <div class="programme__charts" ref={charts_ref}>
                    { for national }
                    { for picker }
                    { for crossing_chart }
                </div>
            </div>
        </ContextProvider<ChartScenarioName>>
    }
}

/// For one crossing with a plan, the answer in a sentence: the plan, its minimum
/// frequency, budget and detections, and how sure it is to meet a target.
fn single_answer(result: &ProgrammeResult) -> Option<String> {
    let [crossing] = result.crossings.as_slice() else {
        return None;
    };
    let c = crossing.chosen.as_ref()?;
    let chance = c
        .chance_of_meeting_target
        .map(|p| format!("; chance it meets the target: {}", percent(p)))
        .unwrap_or_default();
    Some(format!(
        "{}: {} operation{} a week ({}), {} a year in full cost, {} detections a year{chance}.",
        crossing.name,
        c.operations_per_week,
        if c.operations_per_week == 1 { "" } else { "s" },
        c.label,
        money(c.mean.full_cost),
        count(c.mean.detections),
    ))
}

/// The programme tab: reads the scenario, the analyses and the pool's commands.
#[function_component]
pub fn ProgrammePanel() -> Html {
    let state = use_context::<AppContext>();
    let analyses = use_context::<AnalysesContext>();
    let command = use_context::<Callback<RunCommand>>();
    let (Some(state), Some(analyses), Some(command)) = (state, analyses, command) else {
        return Html::default();
    };
    let scenario = &state.scenario;
    let analysis = analyses.get(AnalysisKind::Programme).cloned();
    let running = analyses.running().is_some();
    let blocked = match &scenario.programme {
        None => Some(
            "Ask a question first: turn on the programme question in the editor (section \u{201c}Programme question\u{201d})."
                .to_string(),
        ),
        Some(_) => state.run_blocked_reason(running),
    };
    let on_optimise = command.reform(|_: MouseEvent| RunCommand::Analyse(AnalysisKind::Programme));
    let done = analysis.as_ref().and_then(|a| match a.outcome() {
        Some(AnalysisOutcome::Programme(p)) => Some((p.clone(), a.scenario.clone())),
        _ => None,
    });
    // While it runs, the crossings decided so far (results fill in).
    let so_far = analysis.as_ref().and_then(|a| match &a.status {
        AnalysisStatus::Running(p) => match &p.so_far {
            Some(AnalysisOutcome::Programme(r)) => Some((r.clone(), p.decided)),
            _ => None,
        },
        _ => None,
    });
    let stale = analysis
        .as_ref()
        .is_some_and(|a| !a.is_running() && a.is_stale_for(scenario));
    // The scenario is the searched one with the programme appended: it was added.
    let added = done.as_ref().is_some_and(|(result, searched)| {
        stale && with_programme_strategy(searched, result).is_ok_and(|with| with == *scenario)
    });
    let add = done.as_ref().map(|(result, _)| {
        let refusal = if stale {
            Some("Optimise again first: the scenario changed since this programme was found.".to_string())
        } else {
            with_programme_strategy(scenario, result).err()
        };
        let onclick = {
            let state = state.clone();
            let result = result.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::AddProgrammeStrategy(result.clone())))
        };
        html! {
            <div class="programme__add">
                if added {
                    <p class="programme__added" id="programme-added" role="status">
                        { format!("Added as strategy {} \u{201c}{}\u{201d}: Run compares it with the baseline on the same traffic and carriers; it shares by link and briefs like any strategy.",
                            scenario.strategies.len(),
                            scenario.strategies.last().map_or("", |s| s.name.as_str())) }
                    </p>
                } else {
                    <button type="button" class="button" id="programme-add-strategy"
                            disabled={refusal.is_some()} {onclick}>{ "Add as strategy" }</button>
                    if let Some(reason) = refusal {
                        <span class="toolbar__reason" id="programme-add-refused">{ reason }</span>
                    }
                }
            </div>
        }
    });

    html! {
        <section class="programme" id="programme-view" aria-label="Programme">
            <p class="programme__goal" id="programme-goal">
                { match &scenario.programme {
                    Some(p) => goal_sentence(p, scenario),
                    None => "No programme question is asked. The optimiser finds the cheapest plan per crossing for a target (the minimum frequency), the most detections within a budget, or a budget allocated across crossings.".to_string(),
                } }
            </p>
            <div class="programme__actions">
                <button type="button" class="button button--primary" id="optimise"
                        disabled={blocked.is_some()} title={blocked.clone().unwrap_or_default()}
                        onclick={on_optimise}>{ "Optimise the programme" }</button>
                if let Some(reason) = &blocked {
                    <span class="toolbar__reason" id="optimise-blocked-reason">{ reason.clone() }</span>
                }
            </div>
            if let Some(a) = analysis {
                <AnalysisBar analysis={a} />
            }
            if stale && !added {
                <p class="results-banner results-banner--stale programme__stale" id="programme-stale" role="status">
                    { "The scenario changed since this programme was found: its figures are for the scenario as it was. Optimise again to bring them up to date." }
                </p>
            }
            if let Some((result, decided)) = so_far {
                <section class="programme__so-far" id="programme-so-far"
                         data-crossings={result.crossings.len().to_string()} aria-label="Decided so far">
                    <h3 class="programme__heading">
                        { match decided {
                            Some((done, of)) => format!("Decided so far: {done} of {of} crossings"),
                            None => String::from("Decided so far"),
                        } }
                    </h3>
                    <p class="programme__note">
                        { if result.strategy.is_some() {
                            "Every crossing is decided: the programme is now simulated as a whole, carriers free to move between crossings, to check it against the sum of its parts."
                        } else if matches!(result.goal, Goal::Allocate { .. } | Goal::CheapestProgramme { .. }) {
                            "Each crossing below is searched; the plans are chosen across crossings once every crossing is, and the frontier, roll-ups and whole-programme check follow."
                        } else {
                            "Each crossing's choice below is final; the roll-ups and the whole-programme check follow when every crossing is decided."
                        } }
                    </p>
                    <CrossingPlansTable result={result} />
                </section>
            }
            { for add }
            if let Some((result, searched)) = done {
                <ProgrammeReport result={result} scenario={searched} />
            }
        </section>
    }
}
