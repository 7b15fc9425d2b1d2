//! Run settings: the simulated horizon, the replications and the seed.

use egress_core::scenario::{Limits, Ranges, Scenario};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::Ed;
use super::fields::{NumberField, count_range, use_unparsed_report};
use super::format::{format_number, parse_seed};
use crate::state::AppContext;

#[function_component]
pub fn RunSettings() -> Html {
    let state = use_context::<AppContext>();
    // The seed as typed (a u64 does not survive a trip through a float).
    let seed_draft = use_state(|| None::<(String, u64)>);
    let seed = state.as_ref().map_or(0, |state| state.scenario.seed);
    let shown_draft = seed_draft
        .as_ref()
        .filter(|(text, base)| parse_seed(text).map_or(*base == seed, |v| v == seed));
    let seed_invalid = shown_draft.is_some_and(|(t, _)| parse_seed(t).is_none());
    let seed_message = format!("enter a whole number from 0 to {}", u64::MAX);
    use_unparsed_report(
        &AttrValue::from("seed"),
        seed_invalid.then(|| AttrValue::from(seed_message.clone())),
    );
    let Some(state) = state else {
        return Html::default();
    };
    let ed = Ed { state };
    let s = ed.scenario();
    let seed_text = shown_draft.map_or_else(|| seed.to_string(), |(t, _)| t.clone());
    let on_seed = {
        let seed_draft = seed_draft.clone();
        let set = ed.edit("seed", |s: &mut Scenario, v: u64| s.seed = v);
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            let base = match &*seed_draft {
                Some((t, b)) if parse_seed(t).is_none() => *b,
                _ => seed,
            };
            let parsed = parse_seed(&text);
            seed_draft.set(Some((text, base)));
            if let Some(v) = parsed
                && v != seed
            {
                set.emit(v);
            }
        })
    };
    let units = u64::from(s.replications) * s.strategies.len() as u64;
    html! {
        <div class="run-settings">
            <div class="field-grid">
                <NumberField path="horizon_days" unit="days" integer=true range={count_range(Ranges::HORIZON_DAYS)}
                             value={f64::from(s.horizon_days)} error={ed.error("horizon_days")}
                             hint={AttrValue::from(format!("simulated days from 1 January; at most {}", Limits::HORIZON_DAYS))}
                             on_change={ed.edit("horizon", |s: &mut Scenario, v: f64| s.horizon_days = v as u32)} />
                <NumberField path="replications" unit="runs" integer=true range={count_range(Ranges::REPLICATIONS)}
                             value={f64::from(s.replications)} error={ed.error("replications")}
                             hint={AttrValue::from("independent runs of the horizon; more give narrower intervals")}
                             on_change={ed.edit("replications", |s: &mut Scenario, v: f64| s.replications = v as u32)} />
                <div class={classes!("field", seed_invalid.then_some("field--invalid"))} data-path="seed">
                    <div class="field__head"><label class="field__label" for="f-seed">{ "Seed" }</label></div>
                    <div class="field__control">
                        <input id="f-seed" type="text" inputmode="numeric" class="field__input field__input--number"
                               autocomplete="off" spellcheck="false" value={seed_text} oninput={on_seed}
                               aria-invalid={seed_invalid.then_some("true")}
                               aria-describedby={if seed_invalid { "f-seed-error f-seed-hint" } else { "f-seed-hint" }} />
                    </div>
                    <div class="field__messages">
                        if seed_invalid {
                            <p class="field-error" id="f-seed-error">{ seed_message }</p>
                        }
                        <p class="field__hint" id="f-seed-hint">{ "the same seed gives the same results, here or in the CLI" }</p>
                    </div>
                </div>
            </div>
            <p class="ed-lead run-settings__note">
                { format!(
                    "A run simulates {} day{} of traffic {} time{} for each of the {} strateg{} ({} units of work, spread over the browser's cores). \
                     All strategies see the same traffic and the same carriers in each replication, so their differences are measured in pairs. \
                     Intervals are 95%: rare events (firearms at a small crossing) need more replications or a longer horizon.",
                    s.horizon_days, if s.horizon_days == 1 { "" } else { "s" },
                    s.replications, if s.replications == 1 { "" } else { "s" },
                    s.strategies.len(), if s.strategies.len() == 1 { "y" } else { "ies" },
                    format_number(units as f64, 0, true)
                ) }
            </p>
        </div>
    }
}
