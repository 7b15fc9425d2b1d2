//! The results panel's views: the run's results, the programme the optimiser found, and
//! how sure the verdicts are (calibration, sensitivity, robustness), as tabs; and what
//! every analysis view shares: its progress, its Cancel, its failure.

mod progress;

pub use progress::{AnalysisBar, AnalysisBarProps};

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::assurance::AssurancePanel;
use crate::programme::ProgrammePanel;
use crate::results::ResultsView;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Results,
    Programme,
    Assurance,
}

impl Tab {
    const ALL: [Tab; 3] = [Tab::Results, Tab::Programme, Tab::Assurance];

    fn label(self) -> &'static str {
        match self {
            Tab::Results => "Run results",
            Tab::Programme => "Programme",
            Tab::Assurance => "How sure are we?",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Tab::Results => "results",
            Tab::Programme => "programme",
            Tab::Assurance => "assurance",
        }
    }
}

/// The results panel: a tab list over the run's results and the analyses. Only the
/// chosen tab is mounted (a hidden one would still redraw for every record), so only
/// the selected tab names its panel in `aria-controls`.
#[function_component]
pub fn ResultsTabs() -> Html {
    let tab = use_state(|| Tab::Results);
    let tabs = Tab::ALL.into_iter().map(|t| {
        let selected = *tab == t;
        let onclick = {
            let tab = tab.clone();
            Callback::from(move |_: MouseEvent| tab.set(t))
        };
        html! {
            <button type="button" role="tab" id={format!("tab-{}", t.key())}
                    class={classes!("results-tabs__tab", selected.then_some("results-tabs__tab--selected"))}
                    aria-selected={selected.to_string()}
                    aria-controls={selected.then(|| format!("tabpanel-{}", t.key()))}
                    tabindex={if selected { "0" } else { "-1" }} {onclick}>
                { t.label() }
            </button>
        }
    });
    // The tab list is one stop for Tab; the arrow keys (and Home/End) move between tabs,
    // as in the WAI-ARIA tabs pattern.
    let onkeydown = {
        let tab = tab.clone();
        Callback::from(move |e: KeyboardEvent| {
            let at = Tab::ALL.iter().position(|t| *t == *tab).unwrap_or(0);
            let n = Tab::ALL.len();
            let to = match e.key().as_str() {
                "ArrowRight" => (at + 1) % n,
                "ArrowLeft" => (at + n - 1) % n,
                "Home" => 0,
                "End" => n - 1,
                _ => return,
            };
            e.prevent_default();
            tab.set(Tab::ALL[to]);
            if let Some(button) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&format!("tab-{}", Tab::ALL[to].key())))
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = button.focus();
            }
        })
    };
    let panel = match *tab {
        Tab::Results => html! { <ResultsView /> },
        Tab::Programme => html! { <ProgrammePanel /> },
        Tab::Assurance => html! { <AssurancePanel /> },
    };
    html! {
        <div class="results-tabs">
            <div class="results-tabs__list" role="tablist" aria-label="Results and analyses" {onkeydown}>{ for tabs }</div>
            <div role="tabpanel" id={format!("tabpanel-{}", tab.key())} aria-labelledby={format!("tab-{}", tab.key())}
                 class="results-tabs__panel">
                { panel }
            </div>
        </div>
    }
}
