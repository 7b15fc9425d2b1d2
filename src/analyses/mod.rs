//! The results panel's views: the run's results, the programme the optimiser found, and
//! how sure the verdicts are (calibration, sensitivity, robustness), as tabs; and what
//! every analysis view shares: its progress, its Cancel, its failure.

mod progress;

pub use progress::{AnalysisBar, AnalysisBarProps};

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

/// The results panel: a tab list over the run's results and the analyses. Every tab
/// stays mounted while hidden would redraw for every record; only the chosen one is.
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
                    aria-selected={selected.to_string()} aria-controls={format!("tabpanel-{}", t.key())}
                    tabindex={if selected { "0" } else { "-1" }} {onclick}>
                { t.label() }
            </button>
        }
    });
    let panel = match *tab {
        Tab::Results => html! { <ResultsView /> },
        Tab::Programme => html! { <ProgrammePanel /> },
        Tab::Assurance => html! { <AssurancePanel /> },
    };
    html! {
        <div class="results-tabs">
            <div class="results-tabs__list" role="tablist" aria-label="Results and analyses">{ for tabs }</div>
            <div role="tabpanel" id={format!("tabpanel-{}", tab.key())} aria-labelledby={format!("tab-{}", tab.key())}
                 class="results-tabs__panel">
                { panel }
            </div>
        </div>
    }
}
