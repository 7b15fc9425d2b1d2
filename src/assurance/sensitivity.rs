//! The sensitivity view: the tornado of a chosen figure (detection, budget, the paired
//! difference of each strategy against the baseline and between the two leading ones),
//! and which assumptions flip a verdict anywhere.

use std::rc::Rc;

use egress_core::decide::sensitivity::{Bar, End, Sensitivity, Tornado};
use egress_core::scenario::assumptions;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::tornado::{TornadoChart, ends, figure, flip_words, is_detection, tornado_title};

/// The tornado a view opens on: the first paired difference of detection (the verdict a
/// planner asks about), else the first one.
pub fn first_tornado(s: &Sensitivity) -> usize {
    s.tornadoes
        .iter()
        .position(|t| t.difference && is_detection(t))
        .unwrap_or(0)
}

/// Every (tornado, bar) whose assumption flips a paired difference, widest first.
pub fn flips(s: &Sensitivity) -> Vec<(&Tornado, &Bar)> {
    let mut out: Vec<(&Tornado, &Bar)> = s
        .tornadoes
        .iter()
        .filter(|t| t.difference)
        .flat_map(|t| t.flipping().map(move |b| (t, b)))
        .collect();
    out.sort_by(|a, b| b.1.swing.mean.abs().total_cmp(&a.1.swing.mean.abs()));
    out
}

#[derive(Properties, PartialEq)]
pub struct SensitivityViewProps {
    pub sensitivity: Rc<Sensitivity>,
}

#[function_component]
pub fn SensitivityView(props: &SensitivityViewProps) -> Html {
    let s = &props.sensitivity;
    let chosen = use_state(|| first_tornado(s));
    let index = (*chosen).min(s.tornadoes.len().saturating_sub(1));
    let Some(tornado) = s.tornadoes.get(index) else {
        return html! { <p class="assurance__empty">{ "No figure was varied." }</p> };
    };
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                chosen.set(i);
            }
        })
    };
    let flipping = flips(s);
    html! {
        <div class="assurance-sensitivity" id="sensitivity-result" data-tornadoes={s.tornadoes.len().to_string()}>
            <p class="assurance__lead">
                { format!("Each assumption at the low and the high end of its plausible range, every strategy on the same {} replications (common random numbers).", s.replications) }
            </p>
            <div class="field field--select">
                <div class="field__head"><label class="field__label" for="tornado-pick">{ "Figure" }</label></div>
                <div class="field__control">
                    <select id="tornado-pick" class="field__input field__select" {onchange}>
                        { for s.tornadoes.iter().enumerate().map(|(i, t)| html! {
                            <option value={i.to_string()} selected={i == index}>{ tornado_title(t) }</option>
                        }) }
                    </select>
                </div>
            </div>
            <TornadoChart id="tornado" tornado={tornado.clone()} />
            <h4 class="assurance__subheading">{ "Assumptions that flip a verdict" }</h4>
            if flipping.is_empty() {
                <p id="sensitivity-flips" data-flips="0">
                    { "No single assumption, at either end of its range, reverses which of two strategies detects more or costs more." }
                </p>
            } else {
                <ul id="sensitivity-flips" data-flips={flipping.len().to_string()} class="assurance__flips">
                    { for flipping.iter().map(|(t, b)| html! {
                        <li data-assumption={b.assumption.clone()}>
                            <strong>{ format!("⇄ {}", b.label) }</strong>
                            { format!(" ({}) {} {}: {} at the low end, {} at the high end, {} in the scenario.",
                                ends(b), flip_words(b).unwrap_or_default(), tornado_title(t).to_lowercase(),
                                figure(t, b.at_low.mean), figure(t, b.at_high.mean), figure(t, t.base.mean)) }
                        </li>
                    }) }
                </ul>
            }
            if !s.refused.is_empty() {
                <p class="assurance__note" id="sensitivity-refused">
                    { format!("Not run (the scenario would not be valid there): {}.",
                        s.refused.iter().map(|r| format!("{} at its {} end: {}",
                            assumptions::range(&r.assumption).map_or(r.assumption.as_str(), |a| a.label),
                            if r.end == End::Low { "low" } else { "high" }, r.why)).collect::<Vec<_>>().join("; ")) }
                </p>
            }
        </div>
    }
}
