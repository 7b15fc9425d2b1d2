use yew::prelude::*;

/// What the page knows about its simulation worker.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum WorkerStatus {
    /// Spawned; no answer yet.
    #[default]
    Starting,
    /// Answered a ping.
    Ready {
        /// Version of the worker build.
        version: String,
    },
    /// Could not be reached or answered with an error.
    Failed {
        /// Human-readable reason.
        message: String,
    },
}

impl WorkerStatus {
    /// Stable machine-readable state, exposed as `data-state` for tests and styling.
    pub fn state(&self) -> &'static str {
        match self {
            Self::Starting => "starting",
            Self::Ready { .. } => "ready",
            Self::Failed { .. } => "failed",
        }
    }

    /// The sentence shown to the user.
    pub fn label(&self) -> String {
        match self {
            Self::Starting => "Starting simulation worker…".to_owned(),
            Self::Ready { .. } => "Simulation worker ready".to_owned(),
            Self::Failed { message } => format!("Simulation worker unavailable: {message}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct WorkerStatusBadgeProps {
    pub status: WorkerStatus,
}

/// A status pill (`#worker-status`) telling whether the simulation worker answers.
#[function_component]
pub fn WorkerStatusBadge(props: &WorkerStatusBadgeProps) -> Html {
    let state = props.status.state();
    let title = match &props.status {
        WorkerStatus::Ready { version } => format!("Simulation worker {version}"),
        other => other.label(),
    };
    html! {
        <p id="worker-status"
           class={classes!("status-badge", format!("status-badge--{state}"))}
           data-state={state}
           role="status"
           aria-live="polite"
           {title}>
            <span class="status-badge__dot" aria-hidden="true"></span>
            <span class="status-badge__label">{ props.status.label() }</span>
        </p>
    }
}
