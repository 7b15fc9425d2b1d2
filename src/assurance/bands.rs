//! The robustness bands the results' charts draw: when a robustness analysis of the
//! scenario on screen is done (and not stale), each strategy's detection and budget
//! across plausible worlds (50% and 90%).

use std::rc::Rc;

use egress_core::decide::robustness::{Bands, Robustness};
use yew::prelude::*;

use crate::state::{AnalysesContext, AnalysisKind, AnalysisOutcome, AppContext};

/// The current robustness outcome of the scenario being edited, if any.
#[hook]
pub fn use_current_robustness() -> Option<Rc<Robustness>> {
    let state = use_context::<AppContext>();
    let analyses = use_context::<AnalysesContext>();
    let (state, analyses) = (state?, analyses?);
    match analyses.current(AnalysisKind::Robustness, &state.scenario) {
        Some(AnalysisOutcome::Robustness(r)) => Some(r.clone()),
        _ => None,
    }
}

/// Strategy `index` of the chart, if the outcome has it under the same name (a chart of
/// an older run may list other strategies).
fn strategy<'a>(
    r: &'a Robustness,
    index: usize,
    name: &str,
) -> Option<&'a egress_core::decide::robustness::StrategyRobustness> {
    r.strategies.get(index).filter(|s| s.strategy == name)
}

/// Detection bands of strategy `index` named `name`.
pub fn detection_bands(r: &Robustness, index: usize, name: &str) -> Option<Bands> {
    strategy(r, index, name).map(|s| s.detection_rate)
}

/// Budget bands of strategy `index` named `name`.
pub fn budget_bands(r: &Robustness, index: usize, name: &str) -> Option<Bands> {
    strategy(r, index, name).map(|s| s.budget)
}

/// What a chart with bands adds to its description.
pub const BANDS_NOTE: &str = "Under each strategy: its spread across plausible worlds from the robustness analysis — thick line the middle 50%, thin line the middle 90%, tick the median world.";
