//! One card per strategy: what it is, its detection rate with the interval, the paired
//! difference against the baseline (and whether that interval excludes 0), budget,
//! staffing, cost per seizure, waits and seizures per year.

use std::rc::Rc;

use egress_core::scenario::{Contraband, Scenario, Selection};
use egress_core::summary::{Interval, StrategySummary, Summary};
use yew::prelude::*;

use super::charts::html_badge;
use super::format::{MISSING, Unit, excludes_zero, has_value, interval_range, raw};

#[derive(Properties, PartialEq)]
pub struct StrategyCardsProps {
    pub summary: Rc<Summary>,
    /// The scenario that was run (for each strategy's plan); optional.
    #[prop_or_default]
    pub scenario: Option<Rc<Scenario>>,
}

/// A number with its data attributes.
fn number(key: &str, strategy: usize, unit: Unit, i: &Interval, class: &'static str) -> Html {
    if has_value(i) {
        html! {
            <span class={classes!("num", class)} data-metric={key.to_string()} data-strategy={strategy.to_string()}
                  data-value={raw(i.mean)} data-low={raw(i.low)} data-high={raw(i.high)} data-n={i.n.to_string()}
                  title={interval_range(unit, i).map(|r| format!("95% interval {r}"))}>
                { unit.format(i.mean) }
            </span>
        }
    } else {
        html! {
            <span class={classes!("num", class)} data-metric={key.to_string()} data-strategy={strategy.to_string()}
                  data-missing="true">{ MISSING }</span>
        }
    }
}

fn plan_text(scenario: &Scenario, k: usize) -> Option<String> {
    let strategy = scenario.strategies.get(k)?;
    let plan = &strategy.plan;
    let selection = match plan.selection {
        Selection::All => "every vehicle".to_string(),
        Selection::RandomFraction { fraction } => {
            format!("{} at random", super::format::percent(fraction))
        }
        Selection::RiskBased { .. } => "risk-based targeting".to_string(),
    };
    let mut text = format!(
        "{} · {} · {} · {} team{} of {}",
        plan.schedule.label(),
        selection,
        plan.technique.label(),
        plan.teams,
        if plan.teams == 1 { "" } else { "s" },
        plan.crew_size
    );
    if plan.min_frequency.is_some() {
        text.push_str(" · minimum frequency");
    }
    if !strategy.overrides.is_empty() {
        text.push_str(&format!(
            " · {} override{}",
            strategy.overrides.len(),
            if strategy.overrides.len() == 1 {
                ""
            } else {
                "s"
            }
        ));
    }
    Some(text)
}

fn versus(k: usize, s: &StrategySummary) -> Html {
    let Some(v) = &s.versus_baseline else {
        return html! {
            <p class="result-card__versus result-card__versus--baseline">
                { if k == 0 { "The baseline: the other strategies are compared with it, replication by replication." } else { "No paired replications yet." } }
            </p>
        };
    };
    let d = &v.detection_rate;
    let excludes = excludes_zero(d);
    let verdict = match excludes {
        Some(true) if d.mean > 0.0 => "interval excludes 0: detects more than the baseline",
        Some(true) => "interval excludes 0: detects less than the baseline",
        Some(false) => "interval includes 0: not distinguishable from the baseline",
        None => "no interval yet",
    };
    let range = (has_value(d) && d.n > 1 && d.low.is_finite() && d.high.is_finite())
        .then(|| Unit::Percent.range_delta(d.low, d.high));
    html! {
        <div class={classes!(
                 "result-card__versus",
                 (excludes == Some(true) && d.mean > 0.0).then_some("result-card__versus--better"),
                 (excludes == Some(true) && d.mean < 0.0).then_some("result-card__versus--worse"),
             )}
             data-excludes-zero={excludes.map(|e| e.to_string())}>
            <span class="result-card__versus-label">{ "vs baseline" }</span>
            <span class="num result-card__delta" data-metric="versus_baseline.detection_rate" data-strategy={k.to_string()}
                  data-value={has_value(d).then(|| raw(d.mean))} data-low={has_value(d).then(|| raw(d.low))}
                  data-high={has_value(d).then(|| raw(d.high))}>
                { if has_value(d) { Unit::Percent.format_delta(d.mean) } else { MISSING.to_string() } }
            </span>
            if let Some(range) = range {
                <span class="result-card__range">{ format!("({range})") }</span>
            }
            <span class="result-card__verdict">{ verdict }</span>
            if has_value(&v.budget) {
                <span class="result-card__versus-budget">
                    { "budget " }
                    <span class="num" data-metric="versus_baseline.budget" data-strategy={k.to_string()}
                          data-value={raw(v.budget.mean)}>{ Unit::Money.format_delta(v.budget.mean) }</span>
                    { " a year" }
                    { " · " }
                    if let Some(c) = v.cost_per_extra_point.filter(|c| c.mean.is_finite()) {
                        <span class="num" data-metric="versus_baseline.cost_per_extra_point" data-strategy={k.to_string()}
                              data-value={raw(c.mean)} data-low={raw(c.low)} data-high={raw(c.high)}
                              title={format!("95% interval {} to {} (delta method, paired by replication)", Unit::Money.format(c.low), Unit::Money.format(c.high))}>
                            { if c.mean < 0.0 { "more for less".to_string() } else { Unit::Money.format(c.mean) } }</span>
                        { if c.mean < 0.0 { " (it dominates the baseline)" } else { " per extra point" } }
                    } else {
                        <span data-metric="versus_baseline.cost_per_extra_point" data-strategy={k.to_string()}>
                            { "cost per extra point: —, gain not significant" }</span>
                    }
                </span>
            }
        </div>
    }
}

fn seizure_unit(kind: Contraband) -> Unit {
    match kind {
        Contraband::Currency => Unit::Money,
        Contraband::Firearms => Unit::Count("firearms"),
        Contraband::Ammunition => Unit::Count("rounds"),
        Contraband::Narcotics => Unit::Count("kg narcotics"),
        Contraband::Explosives => Unit::Count("kg explosives"),
    }
}

fn card(k: usize, s: &StrategySummary, scenario: Option<&Scenario>, target: u32) -> Html {
    let title_id = format!("strategy-card-{k}-title");
    let plan = scenario.and_then(|sc| plan_text(sc, k));
    let detection = &s.detection_rate;
    let seizures = Contraband::ALL.into_iter().map(|kind| {
        html! {
            <li class="result-card__seizure">
                { number(&format!("seized.{}", kind.key()), k, seizure_unit(kind), s.seized.get(kind), "") }
                if kind == Contraband::Currency {
                    <span class="result-card__unit">{ " currency" }</span>
                }
            </li>
        }
    });
    html! {
        <article key={k} class="result-card" data-strategy={k.to_string()} aria-labelledby={title_id.clone()}>
            <header class="result-card__head">
                { html_badge(k) }
                <div class="result-card__titles">
                    <h4 id={title_id} class="result-card__title">{ s.name.clone() }</h4>
                    if let Some(plan) = plan {
                        <p class="result-card__plan">{ plan }</p>
                    }
                </div>
                if k == 0 {
                    <span class="results-tag">{ "Baseline" }</span>
                }
            </header>
            <div class="result-card__headline">
                { number("detection_rate", k, Unit::Percent, detection, "result-card__big") }
                <span class="result-card__big-label">{ "of carriers detected" }</span>
                <span class="result-card__range">
                    { interval_range(Unit::Percent, detection).map_or_else(
                        || if !has_value(detection) {
                            "no replication yet".to_string()
                        } else if detection.n > 1 {
                            format!("the same in all {} replications", detection.n)
                        } else {
                            "no interval yet (1 replication)".to_string()
                        },
                        |r| format!("95% interval {r}")) }
                </span>
            </div>
            { versus(k, s) }
            <dl class="result-card__facts">
                <div class="result-card__fact">
                    <dt>{ "Budget / year" }</dt>
                    <dd>{ number("budget.total", k, Unit::Money, &s.budget.total, "") }</dd>
                </div>
                <div class="result-card__fact">
                    <dt>{ "Officer-hours / year" }</dt>
                    <dd>{ number("officer_hours", k, Unit::Count("h"), &s.officer_hours, "") }</dd>
                </div>
                <div class="result-card__fact">
                    <dt>{ "Cost per seizure" }</dt>
                    <dd>{ number("cost_per_seizure", k, Unit::Money, &s.cost_per_seizure, "") }</dd>
                </div>
                <div class="result-card__fact">
                    <dt>{ "Wait, mean · p95" }</dt>
                    <dd>
                        { number("mean_wait_screened_seconds", k, Unit::Seconds, &s.mean_wait_screened_seconds, "") }
                        { " · " }
                        { number("p95_wait_screened_seconds", k, Unit::Seconds, &s.p95_wait_screened_seconds, "") }
                    </dd>
                </div>
            </dl>
            <div class="result-card__seizures">
                <span class="result-card__seizures-label">{ "Seized per year" }</span>
                <ul class="result-card__seizure-list">{ for seizures }</ul>
            </div>
            <p class="result-card__n" data-replications={s.replications.to_string()}>
                { if s.replications >= target || target == 0 {
                    format!("{} replications", s.replications)
                } else {
                    format!("{} of {} replications so far", s.replications, target)
                } }
            </p>
        </article>
    }
}

#[function_component]
pub fn StrategyCards(props: &StrategyCardsProps) -> Html {
    let summary = &props.summary;
    html! {
        <div id="strategy-cards" class="result-cards">
            { for summary.strategies.iter().enumerate().map(|(k, s)| card(k, s, props.scenario.as_deref(), summary.replications)) }
        </div>
    }
}
