//! The robustness view: "wins in X% of plausible worlds" per strategy and criterion
//! (whatever criteria the outcome carries, the scenario's own first), and each
//! strategy's detection and budget across worlds as 50% and 90% bands.

use std::rc::Rc;

use egress_core::decide::robustness::{Bands, Criterion, Robustness};
use yew::prelude::*;

use crate::results::scroll_frame::ScrollFrame;

use crate::results::charts::html_badge;
use crate::results::format::{Unit, percent, raw};

/// The criteria an outcome carries, the planner's own first.
pub fn criteria(r: &Robustness, own: Criterion) -> Vec<Criterion> {
    let mut out: Vec<Criterion> = Vec::new();
    for s in &r.strategies {
        for (c, _) in &s.wins {
            if !out.contains(c) {
                out.push(*c);
            }
        }
    }
    out.sort_by_key(|c| *c != own);
    out
}

/// A strategy's share of worlds won by `criterion`, if the outcome has it.
pub fn share(wins: &[(Criterion, f64)], criterion: Criterion) -> Option<f64> {
    wins.iter().find(|(c, _)| *c == criterion).map(|(_, s)| *s)
}

/// "0.41% (0.30–0.52%; 90%: 0.21–0.66%)": median, 50% band, 90% band.
pub fn bands_text(unit: Unit, b: &Bands) -> String {
    format!(
        "{} (50%: {}; 90%: {})",
        unit.format(b.median),
        unit.range(b.p25, b.p75),
        unit.range(b.p5, b.p95)
    )
}

/// "wins in 62% of plausible worlds".
pub fn wins_words(share: f64) -> String {
    format!("wins in {} of plausible worlds", percent(share))
}

#[derive(Properties, PartialEq)]
pub struct RobustnessViewProps {
    pub robustness: Rc<Robustness>,
    /// The scenario's criterion (its `assurance` settings).
    pub criterion: Criterion,
}

#[function_component]
pub fn RobustnessView(props: &RobustnessViewProps) -> Html {
    let r = &props.robustness;
    let criteria = criteria(r, props.criterion);
    let simulated = r.worlds as usize - r.refused.len().min(r.worlds as usize);
    html! {
        <div class="assurance-robustness" id="robustness-result" data-worlds={r.worlds.to_string()}>
            <p class="assurance__lead">
                { format!("{} plausible worlds sampled over every assumption's range at once (a scrambled Sobol sequence from the scenario's seed), {} replication{} each, every strategy on the same traffic and carriers within a world.",
                    r.worlds, r.replications, if r.replications == 1 { "" } else { "s" }) }
            </p>
            <ScrollFrame label={AttrValue::from("Share of plausible worlds in which each strategy is best")}>
                <table class="data-table assurance-table" id="robustness-table">
                    <caption class="data-table__caption">{ "Share of plausible worlds in which each strategy is best" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Strategy" }</th>
                            { for criteria.iter().map(|c| html! {
                                <th scope="col" data-criterion={criterion_key(*c)}>
                                    { format!("Wins: {}", c.label()) }
                                    if *c == props.criterion { <span class="assurance__own">{ " (your criterion)" }</span> }
                                </th>
                            }) }
                            <th scope="col">{ "Detection rate across worlds" }</th>
                            <th scope="col">{ "Budget a year across worlds" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for r.strategies.iter().enumerate().map(|(i, s)| html! {
                            <tr data-strategy={i.to_string()}>
                                <th scope="row">{ html_badge(i) }{ " " }{ s.strategy.clone() }</th>
                                { for criteria.iter().map(|c| {
                                    let v = share(&s.wins, *c);
                                    html! {
                                        <td class="num" data-criterion={criterion_key(*c)} data-share={v.map(raw)}>
                                            { v.map_or_else(|| String::from("—"), percent) }
                                        </td>
                                    }
                                }) }
                                <td data-median={raw(s.detection_rate.median)}>{ bands_text(Unit::Percent, &s.detection_rate) }</td>
                                <td data-median={raw(s.budget.median)}>{ bands_text(Unit::Money, &s.budget) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </ScrollFrame>
            <p class="assurance__note">
                { format!("Bands: the median world, the middle 50% and 90% of the {simulated} worlds simulated. Ties in a world go to the earlier strategy; a strategy that detects nobody in a world cannot win on cost per detection there.") }
                if !r.refused.is_empty() {
                    { format!(" {} world{} could not be simulated (a sampled value breaks a bound) and count for no strategy.",
                        r.refused.len(), if r.refused.len() == 1 { "" } else { "s" }) }
                }
            </p>
        </div>
    }
}

/// The criterion's key in the scenario file and in `data-criterion`.
pub fn criterion_key(c: Criterion) -> String {
    serde_json::to_value(c)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
