use yew::prelude::*;

use super::{WorkerStatus, WorkerStatusBadge};

/// The Egress mark: a gate with an outbound arrow. Drawn with presentation
/// attributes only (no inline `style`, which the Content-Security-Policy forbids).
#[function_component]
pub fn BrandMark() -> Html {
    html! {
        <svg class="brand-mark" viewBox="0 0 32 32" width="28" height="28"
             aria-hidden="true" focusable="false">
            <rect x="1" y="1" width="30" height="30" rx="6" fill="#1d3a5f" />
            <path d="M9 8v16M9 8h7M9 24h7" fill="none" stroke="#ffffff"
                  stroke-width="2.5" stroke-linecap="round" />
            <path d="M14 16h10M20 11.5 24.5 16 20 20.5" fill="none" stroke="#f2b33d"
                  stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
    }
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct AppHeaderProps {
    pub worker_status: WorkerStatus,
}

/// The application bar: mark, title and the worker status.
#[function_component]
pub fn AppHeader(props: &AppHeaderProps) -> Html {
    html! {
        <header class="app-header">
            <div class="app-header__brand">
                <BrandMark />
                // The text content of the heading is exactly `crate::APP_TITLE`.
                <h1 class="app-header__title">
                    <span class="app-header__name">{ "Egress" }</span>
                    <span class="app-header__sep">{ " — " }</span>
                    <span class="app-header__tagline">{ "outbound inspection planner" }</span>
                </h1>
            </div>
            <WorkerStatusBadge status={props.worker_status.clone()} />
        </header>
    }
}
