//! The run's context: owns the run's and the analyses' reducers and the worker pool, and
//! gives the views below it the run on screen ([`RunContext`]), the analyses
//! ([`AnalysesContext`]) and the Run/Analyse/Cancel commands. It sits
//! under the application state, so starting a run reads the scenario being edited, and
//! a record arriving redraws only the views that read the run.

use yew::prelude::*;

use super::{Dispatch, RunCommand, RunPool};
use crate::state::{AnalysesContext, AnalysesState, AppContext, RunAction, RunContext, RunState};

#[derive(Properties, PartialEq)]
pub struct RunProviderProps {
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn RunProvider(props: &RunProviderProps) -> Html {
    let run = use_reducer(RunState::default);
    let analyses = use_reducer(AnalysesState::default);
    let pool = use_mut_ref(RunPool::default);
    let state = use_context::<AppContext>();
    let dispatch = Dispatch {
        run: run.dispatcher(),
        analyses: analyses.dispatcher(),
    };
    {
        // Workers of a run in progress are terminated when the app goes away.
        let pool = pool.clone();
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| move || RunPool::stop(&pool, &dispatch, false));
    }
    let on_command = {
        let run = run.clone();
        let analyses = analyses.clone();
        let pool = pool.clone();
        Callback::from(move |command: RunCommand| match command {
            RunCommand::Start => {
                if let Some(state) = &state
                    && state.run_blocked_reason(run.is_running()).is_none()
                {
                    RunPool::start(&pool, &state.scenario, &dispatch);
                }
            }
            RunCommand::Analyse(kind) => {
                let busy = run.is_running() || analyses.running().is_some();
                if let Some(state) = &state
                    && state.run_blocked_reason(busy).is_none()
                {
                    RunPool::analyse(&pool, kind, &state.scenario, &dispatch);
                }
            }
            RunCommand::Cancel => RunPool::stop(&pool, &dispatch, true),
            RunCommand::Show {
                scenario,
                summary,
                units,
            } => {
                RunPool::stop(&pool, &dispatch, true);
                run.dispatch(RunAction::Opened {
                    scenario,
                    summary,
                    units,
                });
            }
        })
    };
    html! {
        <ContextProvider<RunContext> context={run}>
            <ContextProvider<AnalysesContext> context={analyses}>
                <ContextProvider<Callback<RunCommand>> context={on_command}>
                    { props.children.clone() }
                </ContextProvider<Callback<RunCommand>>>
            </ContextProvider<AnalysesContext>>
        </ContextProvider<RunContext>>
    }
}
