//! An analysis's progress bar, stage and Cancel, or why it failed: the same for every
//! analysis view. A staged analysis (the optimiser) does not know how many stages it
//! will need, so the bar is the current stage's, with the units done so far beside it.

use yew::prelude::*;

use crate::results::format::thousands;
use crate::run::{RunCommand, now_ms};
use crate::state::{Analysis, AnalysisStatus};

#[derive(Properties, PartialEq)]
pub struct AnalysisBarProps {
    pub analysis: Analysis,
}

fn seconds(ms: f64) -> String {
    format!("{:.0} s", (ms / 1000.0).max(0.0))
}

#[function_component]
pub fn AnalysisBar(props: &AnalysisBarProps) -> Html {
    let command = use_context::<Callback<RunCommand>>();
    let a = &props.analysis;
    let key = a.kind.key();
    match &a.status {
        AnalysisStatus::Running(p) => {
            let share = if p.stage_units == 0 {
                0.0
            } else {
                f64::from(p.stage_done) / f64::from(p.stage_units)
            };
            let on_cancel = command
                .map(|c| c.reform(|_: MouseEvent| RunCommand::Cancel))
                .unwrap_or_default();
            let stage = if p.stage == 0 {
                String::from("Preparing…")
            } else {
                format!(
                    "Stage {} ({}): {} of {} replications",
                    p.stage,
                    p.label,
                    thousands(u64::from(p.stage_done)),
                    thousands(u64::from(p.stage_units))
                )
            };
            let elapsed = now_ms() - a.started_ms;
            let parts = p.decided.map(|(done, total)| {
                let left = p
                    .remaining_ms(elapsed)
                    .map(|ms| format!(" · about {} left", seconds(ms)))
                    .unwrap_or_default();
                // Only the optimiser has parts: its crossings.
                format!("{done} of {total} crossings decided{left}")
            });
            html! {
                <div class="analysis-bar" data-analysis={key} data-state="running" role="status" aria-live="polite">
                    <progress class="analysis-bar__progress" max="1" value={share.to_string()}
                              aria-label={format!("Progress of the {}", a.kind.label())} />
                    <span class="analysis-bar__stage" data-stage={p.stage.to_string()}>{ stage }</span>
                    <span class="analysis-bar__units" data-units={p.units_done.to_string()}>
                        { format!("{} replications so far · {} elapsed · {} worker{}",
                            thousands(p.units_done), seconds(elapsed), a.workers,
                            if a.workers == 1 { "" } else { "s" }) }
                    </span>
                    if let Some(parts) = parts {
                        <span class="analysis-bar__parts" data-decided={p.decided.map(|d| d.0.to_string())}>{ parts }</span>
                    }
                    <button type="button" class="button analysis-bar__cancel" onclick={on_cancel}>{ "Cancel" }</button>
                </div>
            }
        }
        AnalysisStatus::Cancelled { units_done } => html! {
            <div class="analysis-bar" data-analysis={key} data-state="cancelled" role="status">
                { format!("The {} was cancelled after {} replications; nothing was decided.",
                    a.kind.label(), thousands(*units_done)) }
            </div>
        },
        AnalysisStatus::Failed(message) => html! {
            <div class="analysis-bar analysis-bar--error" data-analysis={key} data-state="failed" role="alert">
                <strong>{ format!("The {} could not be made. ", a.kind.label()) }</strong>{ message.clone() }
            </div>
        },
        AnalysisStatus::Done(_) => html! {
            <div class="analysis-bar" data-analysis={key} data-state="done" role="status">
                { format!("The {} took {}.", a.kind.label(),
                    seconds(a.finished_ms.unwrap_or(a.started_ms) - a.started_ms)) }
            </div>
        },
    }
}
