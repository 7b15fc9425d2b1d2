//! The results views (right side).

use yew::prelude::*;

/// Cards, charts and tables of the run on screen.
#[function_component]
pub fn ResultsView() -> Html {
    html! { <p class="placeholder__text">{ "No results yet." }</p> }
}
