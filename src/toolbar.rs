//! Above the workspace: notices, the preset picker and the run controls with progress.

use egress_core::scenario::presets;
use yew::prelude::*;

use crate::library::LibraryPanel;
use crate::run::{RunCommand, now_ms};
use crate::state::{Action, AppContext, NoticeKind, RunState};

/// "about 1 min 20 s" from milliseconds.
pub fn duration_text(ms: f64) -> String {
    let seconds = (ms / 1000.0).round().max(0.0) as u64;
    match seconds {
        0 => "less than a second".to_string(),
        1..=59 => format!("{seconds} s"),
        _ => format!("{} min {:02} s", seconds / 60, seconds % 60),
    }
}

#[function_component]
pub fn Toolbar() -> Html {
    let state = use_context::<AppContext>();
    let command = use_context::<Callback<RunCommand>>();
    let (Some(state), Some(command)) = (state, command) else {
        return Html::default();
    };

    let notice = state.notice.as_ref().map(|n| {
        let kind = match n.kind {
            NoticeKind::Info => "info",
            NoticeKind::Warning => "warning",
            NoticeKind::Error => "error",
        };
        let dismiss = {
            let state = state.clone();
            Callback::from(move |_| state.dispatch(Action::DismissNotice))
        };
        html! {
            <div id="notice" class={classes!("notice", format!("notice--{kind}"))} role="alert">
                <span class="notice__text">{ n.text.clone() }</span>
                <button type="button" class="button button--quiet" onclick={dismiss}>{ "Dismiss" }</button>
            </div>
        }
    });

    let on_preset = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let id = select.value();
            if !id.is_empty() {
                state.dispatch(Action::LoadPreset(id));
            }
        })
    };
    let preset = state.preset.clone().unwrap_or_default();
    let blocked = state.run_blocked_reason();
    let running = state.is_running();
    let on_run = command.reform(|_: MouseEvent| RunCommand::Start);
    let on_cancel = command.reform(|_: MouseEvent| RunCommand::Cancel);

    let progress = match &state.run {
        RunState::Running(run) | RunState::Finished(run) | RunState::Cancelled(run) => {
            let now = now_ms();
            let status = match &state.run {
                RunState::Running(_) => match run.remaining_ms(now) {
                    Some(left) => format!("about {} left", duration_text(left)),
                    None => "starting the workers…".to_string(),
                },
                RunState::Finished(_) => format!(
                    "finished in {}",
                    duration_text(run.finished_ms.unwrap_or(now) - run.started_ms)
                ),
                _ => "cancelled".to_string(),
            };
            html! {
                <div class="run-progress" aria-live="polite">
                    <progress id="run-progress" max={run.total_units.to_string()} value={run.done_units.to_string()}
                              data-done={run.done_units.to_string()} data-total={run.total_units.to_string()}>
                    </progress>
                    <span id="run-progress-text" class="run-progress__text">
                        { format!("{} of {} strategy-replications · {} · {} worker{}", run.done_units, run.total_units, status,
                                  run.workers, if run.workers == 1 { "" } else { "s" }) }
                    </span>
                </div>
            }
        }
        RunState::Failed { message } => html! {
            <div id="run-failed" class="run-progress run-progress--failed" role="alert">{ format!("The run failed: {message}") }</div>
        },
        RunState::Idle => Html::default(),
    };

    html! {
        <div class="toolbar">
            { notice.unwrap_or_default() }
            <div class="toolbar__controls">
                <label class="toolbar__field" for="preset-picker">
                    <span class="toolbar__label">{ "Preset" }</span>
                    <select id="preset-picker" class="select" onchange={on_preset}>
                        <option value="" selected={preset.is_empty()} disabled=true>{ "Custom scenario" }</option>
                        { for presets::PRESETS.iter().map(|p| html! {
                            <option value={p.id} selected={preset == p.id} title={p.summary}>{ p.label }</option>
                        }) }
                    </select>
                </label>
                <div class="toolbar__run">
                    if running {
                        <button id="cancel-button" type="button" class="button button--danger" onclick={on_cancel}>{ "Cancel" }</button>
                    } else {
                        <button id="run-button" type="button" class="button button--primary"
                                disabled={blocked.is_some()} onclick={on_run}
                                aria-describedby={blocked.as_ref().map(|_| "run-blocked-reason")}>
                            { "Run" }
                        </button>
                    }
                    if let (Some(reason), false) = (&blocked, running) {
                        <span id="run-blocked-reason" class="toolbar__reason">{ reason.clone() }</span>
                    }
                </div>
                { progress }
            </div>
            <LibraryPanel />
        </div>
    }
}
