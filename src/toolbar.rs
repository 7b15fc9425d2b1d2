//! Above the workspace: notices, the preset picker and the run controls with progress.

use egress_core::scenario::{Scenario, parse_and_validate, presets};
use egress_core::summary::{crossings_csv, metrics_csv};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::editor::format::plain_problem;
use crate::files::{
    MAX_RECORD_FILE_BYTES, MAX_SCENARIO_FILE_BYTES, download_text, file_stem, read_capped,
};
use crate::library::LibraryPanel;
use crate::offline::OfflineStatus;
use crate::run::{RunCommand, is_record_file, now_ms, open_records};
use crate::share::{copy_to_clipboard, link_of};
use crate::state::{
    Action, AppContext, Notice, NoticeKind, NoticeOffer, RunContext, RunState, View,
};

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
    // Every hook first, unconditionally: hooks must run in the same order on every
    // render, so none may sit after the early return below.
    let state = use_context::<AppContext>();
    let run_state = use_context::<RunContext>();
    let command = use_context::<Callback<RunCommand>>();
    let picker = use_node_ref();
    // The last copied link with the scenario it holds: shown only while that is still
    // the scenario on screen, so the box never offers a link to something else.
    let shared_link = use_state(|| None::<(Scenario, String)>);
    let preset = state
        .as_ref()
        .and_then(|s| s.preset.clone())
        .unwrap_or_default();
    // The picker shows the state's preset even after the planner changed it by hand
    // (an undo can bring back another preset; option attributes alone cannot).
    {
        let picker = picker.clone();
        use_effect_with(preset.clone(), move |preset| {
            if let Some(select) = picker.cast::<web_sys::HtmlSelectElement>() {
                select.set_value(preset);
            }
        });
    }
    let (Some(state), Some(run_state), Some(command)) = (state, run_state, command) else {
        return Html::default();
    };

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
    let running = run_state.is_running();
    let blocked = state.run_blocked_reason(running);
    let link_blocked = state.problems_reason();
    let keep_blocked = state.keep_blocked_reason();
    let on_run = command.reform(|_: MouseEvent| RunCommand::Start);
    let on_cancel = command.reform(|_: MouseEvent| RunCommand::Cancel);

    let progress = match &*run_state {
        RunState::Running(run) | RunState::Finished(run) | RunState::Cancelled(run) => {
            let now = now_ms();
            let status = match &*run_state {
                RunState::Running(_) => match run.remaining_ms(now) {
                    Some(left) => format!("about {} left", duration_text(left)),
                    None if run.done_units == 0 => "starting the workers…".to_string(),
                    None => "estimating the time left…".to_string(),
                },
                RunState::Finished(_) if run.from_records => "opened from record files".to_string(),
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
                        { if run.from_records {
                            format!("{} of {} strategy-replications · {}", run.done_units, run.total_units, status)
                        } else {
                            format!("{} of {} strategy-replications · {} · {} worker{}", run.done_units, run.total_units, status,
                                  run.workers, if run.workers == 1 { "" } else { "s" })
                        } }
                    </span>
                </div>
            }
        }
        RunState::Failed { message } => html! {
            <div id="run-failed" class="run-progress run-progress--failed" role="alert">{ format!("The run failed: {message}") }</div>
        },
        RunState::Idle => Html::default(),
    };

    let report = {
        let state = state.clone();
        Callback::from(move |(kind, text): (NoticeKind, String)| {
            state.dispatch(Action::ShowNotice(Notice::new(kind, text)))
        })
    };
    let on_download_json = {
        let state = state.clone();
        let report = report.clone();
        Callback::from(move |_: MouseEvent| {
            // The button is disabled then; this is the last guard: a file must hold
            // what the planner sees, not a field's last good value.
            if state.keep_blocked_reason().is_some() {
                return;
            }
            let result = serde_json::to_string_pretty(&state.scenario)
                .map_err(|e| e.to_string())
                .and_then(|json| {
                    download_text(
                        &format!("{}.json", file_stem(&state.scenario.name)),
                        "application/json",
                        &json,
                    )
                });
            match result {
                Ok(()) => state.dispatch(Action::MarkKept),
                Err(e) => report.emit((
                    NoticeKind::Error,
                    format!("The scenario could not be downloaded: {e}"),
                )),
            }
        })
    };
    let on_undo_replace = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::UndoReplace))
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
                if n.offer == Some(NoticeOffer::DownloadScenario) {
                    <button id="notice-download-json" type="button" class="button" onclick={on_download_json.clone()}
                            disabled={keep_blocked.is_some()} title={keep_blocked.clone()}>{ "Download scenario (JSON)" }</button>
                }
                if n.offer == Some(NoticeOffer::UndoReplace) {
                    <button id="notice-undo" type="button" class="button" onclick={on_undo_replace.clone()}>{ "Undo" }</button>
                }
                <button type="button" class="button button--quiet" onclick={dismiss}>{ "Dismiss" }</button>
            </div>
        }
    });

    let on_open_file = {
        let state = state.clone();
        let report = report.clone();
        let command = command.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let picked: Vec<web_sys::File> = input
                .files()
                .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
                .unwrap_or_default();
            input.set_value("");
            let Some(first) = picked.first() else {
                return;
            };
            let name = first.name();
            let state = state.clone();
            let report = report.clone();
            let command = command.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut texts = Vec::with_capacity(picked.len());
                for file in picked {
                    let file_name = file.name();
                    match read_capped(file, MAX_RECORD_FILE_BYTES, "a record file").await {
                        Ok(text) => texts.push((file_name, text)),
                        Err(message) => return report.emit((NoticeKind::Error, message)),
                    }
                }
                if texts.iter().any(|(_, t)| is_record_file(t)) || texts.len() > 1 {
                    return open_record_files(&texts, &state, &command, &report);
                }
                let Some((_, text)) = texts.pop() else { return };
                let read = if text.len() as f64 > MAX_SCENARIO_FILE_BYTES {
                    Err(format!(
                        "\"{name}\" is {:.1} MB; a scenario file is at most {:.0} MB",
                        text.len() as f64 / 1e6,
                        MAX_SCENARIO_FILE_BYTES / 1e6
                    ))
                } else {
                    Ok(text)
                };
                match read {
                    Err(message) => report.emit((NoticeKind::Error, message)),
                    Ok(text) => match parse_and_validate(&text) {
                        Ok(valid) => state.dispatch(Action::ReplaceScenario {
                            scenario: Box::new(valid.into_inner()),
                            notice: Some(Notice::info(format!("Opened \"{name}\"."))),
                        }),
                        Err(problems) => {
                            // Readable as a scenario, only invalid: its strategies and
                            // crossings can be named.
                            let readable = serde_json::from_str::<Scenario>(&text).ok();
                            report.emit((
                                NoticeKind::Error,
                                format!(
                                    "\"{name}\" was not opened, your scenario is unchanged: {}",
                                    problems
                                        .iter()
                                        .take(5)
                                        .map(|p| plain_problem(
                                            readable.as_ref(),
                                            &p.path,
                                            &p.message
                                        ))
                                        .collect::<Vec<_>>()
                                        .join("; ")
                                        + if problems.len() > 5 { " …" } else { "" }
                                ),
                            ))
                        }
                    },
                }
            });
        })
    };
    let on_open_key = Callback::from(|e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            let input = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("open-file"))
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(input) = input {
                input.click();
            }
        }
    });
    let on_copy_link = {
        let state = state.clone();
        let report = report.clone();
        let shared_link = shared_link.clone();
        Callback::from(move |_: MouseEvent| match link_of(&state) {
            // A link of a scenario with problems would not open (or would not be what
            // the planner sees): the button is disabled, and this is the last guard.
            Ok(_) if !state.is_valid() => {}
            Ok(url) => {
                copy_to_clipboard(&url);
                shared_link.set(Some((state.scenario.clone(), url.clone())));
                report.emit((
                    NoticeKind::Info,
                    format!("Link copied ({} characters). Anyone who opens it gets this scenario, seed and replications, and the same figures.", url.chars().count()),
                ));
            }
            Err(error) => {
                shared_link.set(None);
                state.dispatch(Action::ShowNotice(
                    Notice::warning(format!(
                        "{}: download it as JSON with the button here; anyone can open it with \"Open scenario file…\" and get the same figures.",
                        error.to_string().trim_end_matches('.')
                    ))
                    .offering(NoticeOffer::DownloadScenario),
                ));
            }
        })
    };
    let csv_buttons = run_state
        .shown()
        .and_then(|run| run.summary.clone())
        .map(|summary| {
            let stem = file_stem(&summary.scenario);
            let make = |name: String, text: String, report: Callback<(NoticeKind, String)>| {
                Callback::from(move |_: MouseEvent| {
                    if let Err(e) = download_text(&name, "text/csv", &text) {
                        report.emit((
                            NoticeKind::Error,
                            format!("The table could not be downloaded: {e}"),
                        ));
                    }
                })
            };
            (
                make(
                    format!("{stem}-results.csv"),
                    metrics_csv(&summary),
                    report.clone(),
                ),
                make(
                    format!("{stem}-crossings.csv"),
                    crossings_csv(&summary),
                    report.clone(),
                ),
            )
        });

    let has_summary = run_state.shown().is_some_and(|run| run.summary.is_some());
    let briefing_shown = state.view == View::Briefing;
    let on_briefing = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ShowView(View::Briefing)))
    };

    let current_link = (*shared_link)
        .as_ref()
        .filter(|(scenario, _)| *scenario == state.scenario)
        .map(|(_, url)| url.clone());

    html! {
        <div class="toolbar">
            { notice.unwrap_or_default() }
            <div class="toolbar__controls">
                <label class="toolbar__field" for="preset-picker">
                    <span class="toolbar__label">{ "Preset" }</span>
                    <select id="preset-picker" ref={picker} class="select" onchange={on_preset}>
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
            <div class="toolbar__files">
                <button id="copy-link" type="button" class="button" onclick={on_copy_link}
                        disabled={link_blocked.is_some()} title={link_blocked.clone()}
                        aria-describedby={(link_blocked.is_some() && !running).then_some("run-blocked-reason")}>
                    { "Copy link" }
                </button>
                <button id="download-json" type="button" class="button" onclick={on_download_json}
                        disabled={keep_blocked.is_some()} title={keep_blocked.clone()}
                        aria-describedby={keep_blocked.as_ref().map(|_| "keep-blocked-reason")}>
                    { "Download scenario (JSON)" }
                </button>
                <label for="open-file" class="button" tabindex="0" onkeydown={on_open_key}>{ "Open scenario file…" }</label>
                <input id="open-file" type="file" multiple=true accept=".json,.jsonl,application/json" class="visually-hidden" onchange={on_open_file} tabindex="-1" />
                <button id="open-briefing" type="button" class="button"
                        disabled={!has_summary || briefing_shown} onclick={on_briefing}
                        title={(!has_summary).then_some("Run the scenario first: the briefing presents a run's results.")}>
                    { "Briefing" }
                </button>
                if let Some((csv, crossings)) = csv_buttons {
                    <button id="download-csv" type="button" class="button" onclick={csv}>{ "Results (CSV)" }</button>
                    <button id="download-crossings-csv" type="button" class="button" onclick={crossings}>{ "Per-crossing table (CSV)" }</button>
                }
                <OfflineStatus running={running} />
            </div>
            if let Some(reason) = &keep_blocked {
                <p id="keep-blocked-reason" class="toolbar__reason">{ format!("Not saved or downloaded until then. {reason}") }</p>
            }
            if let Some(url) = current_link {
                <label class="toolbar__link" for="share-link">
                    <span class="toolbar__label">{ "Share link" }</span>
                    <input id="share-link" class="input" readonly=true value={url} />
                </label>
            }
            <LibraryPanel />
        </div>
    }
}

/// Opens the record files of a run (its parts, any split, any order): the scenario
/// they ran replaces the one on screen (with Undo) and their merged results are shown.
fn open_record_files(
    files: &[(String, String)],
    state: &AppContext,
    command: &Callback<RunCommand>,
    report: &Callback<(NoticeKind, String)>,
) {
    if let Some((name, _)) = files.iter().find(|(_, t)| !is_record_file(t)) {
        return report.emit((
            NoticeKind::Error,
            format!(
                "\"{name}\" is not an Egress record file: pick one scenario file, or the record files (.jsonl) of one run"
            ),
        ));
    }
    match open_records(files) {
        Ok(opened) => {
            let parts = if files.len() == 1 {
                String::from("1 record file")
            } else {
                format!("{} record files", files.len())
            };
            state.dispatch(Action::ReplaceScenario {
                scenario: Box::new(opened.scenario.clone()),
                notice: Some(Notice::info(format!(
                    "Opened the results of \"{}\" from {parts} ({} units).",
                    opened.scenario.name, opened.units
                ))),
            });
            command.emit(RunCommand::Show {
                scenario: Box::new(opened.scenario),
                summary: std::rc::Rc::new(opened.summary),
                units: opened.units as u32,
            });
        }
        Err(message) => report.emit((
            NoticeKind::Error,
            format!("The record files were not opened, your scenario is unchanged: {message}"),
        )),
    }
}
