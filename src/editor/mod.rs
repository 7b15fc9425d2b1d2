//! The scenario editor (left side).

use yew::prelude::*;

/// Every input of the scenario, grouped as a planner thinks.
#[function_component]
pub fn ScenarioEditor() -> Html {
    html! { <p class="placeholder__text">{ "The scenario editor is under construction." }</p> }
}
