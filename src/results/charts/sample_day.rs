//! The queue over one sample day, one small chart per strategy on a shared scale:
//! shaded columns where an operation ran (darker = more of the hour), bars for the mean
//! number of vehicles waiting in each hour.

use egress_core::metrics::SampleDay;
use yew::prelude::*;

use super::{ChartFrame, Linear, NAVY, html_badge, nice_ticks, series_color};
use crate::results::format::{calendar_day, clock, coord, count, raw, short_day, thousands};

#[derive(Clone, Debug, PartialEq)]
pub struct SampleDayItem {
    pub index: usize,
    pub name: String,
    pub day: Option<SampleDay>,
}

#[derive(Properties, PartialEq)]
pub struct SampleDayChartProps {
    pub id: AttrValue,
    pub items: Vec<SampleDayItem>,
    /// The crossing the sample day is from.
    #[prop_or_default]
    pub crossing: Option<AttrValue>,
}

const W: f64 = 340.0;
const H: f64 = 160.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 10.0;
/// Bottom of the queue plot; the arrivals strip and the hour labels are below it.
const PLOT_BOTTOM: f64 = 106.0;
const STRIP_TOP: f64 = 114.0;
const STRIP_BOTTOM: f64 = 134.0;

fn at<T: Copy + Default>(values: &[T], h: usize) -> T {
    values.get(h).copied().unwrap_or_default()
}

/// Whole minutes ("134"), or one decimal under ten ("6.4").
fn minutes_text(m: f64) -> String {
    if !m.is_finite() {
        crate::results::format::MISSING.to_string()
    } else if m >= 9.95 || m == 0.0 {
        format!("{:.0}", m)
    } else {
        format!("{m:.1}")
    }
}

#[function_component]
pub fn SampleDayChart(props: &SampleDayChartProps) -> Html {
    let panel_tag = super::use_chart_heading_level().tag(1);
    let max_queue = props
        .items
        .iter()
        .filter_map(|i| i.day.as_ref())
        .flat_map(|d| d.mean_queue.iter().copied())
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let ticks = nice_ticks(0.0, max_queue.max(0.1), 3);
    let (px0, px1) = (LEFT, W - RIGHT);
    let (py0, py1) = (PLOT_BOTTOM, TOP);
    let y = Linear::new((0.0, *ticks.last().unwrap_or(&1.0)), (py0, py1));
    let cell = (px1 - px0) / 24.0;

    let multiples = props.items.iter().map(|item| {
        let heading = html! {
            <@{panel_tag} class="multiple__title">
                { html_badge(item.index) }
                <span class="multiple__name">{ item.name.clone() }</span>
            </@>
        };
        let Some(day) = &item.day else {
            return html! {
                <figure key={item.index} class="multiple" data-strategy={item.index.to_string()}>
                    { heading }
                    <p class="multiple__empty">{ "No operation ran in the first replication: there is no queue to show." }</p>
                </figure>
            };
        };
        let name = super::series_name(item.index, &item.name);
        let columns = (0..24).map(|h| {
            let minutes = at(&day.operation_minutes, h);
            let queue = at(&day.mean_queue, h);
            let arrivals = at(&day.arrivals, h);
            let screened = at(&day.screened, h);
            let px = px0 + cell * h as f64;
            let shade = if minutes.is_finite() { (minutes / 60.0).clamp(0.0, 1.0) } else { 0.0 };
            let top = y.map(queue);
            let interesting = minutes > 0.0 || queue > 0.0;
            let tooltip = format!(
                "{name}, {}–{}: {} vehicles waiting on average; operation {} min; {} arrivals, {} screened",
                clock(h),
                clock(h + 1),
                count(queue),
                minutes_text(minutes),
                thousands(arrivals),
                thousands(screened),
            );
            html! {
                <g key={h} class="mark" tabindex={interesting.then_some("0")} role="img" aria-label={tooltip.clone()}
                   data-metric="sample_day.mean_queue" data-strategy={item.index.to_string()}
                   data-hour={h.to_string()} data-value={raw(queue)} data-operation-minutes={raw(minutes)}>
                    <title>{ tooltip }</title>
                    // The hour's hit area, shaded while an operation runs.
                    <rect class="multiple__hour" x={coord(px)} y={coord(py1)} width={coord(cell)} height={coord(py0 - py1)}
                          fill={NAVY} fill-opacity={if shade > 0.0 { coord(0.08 + 0.17 * shade) } else { "0".to_string() }} />
                    if queue > 0.0 && queue.is_finite() {
                        <rect class="chart-bar" x={coord(px + 1.5)} y={coord(top)} width={coord(cell - 3.0)}
                              height={coord((py0 - top).max(0.5))} fill={series_color(item.index)} />
                    }
                </g>
            }
        });
        let grid = ticks.iter().map(|t| {
            let py = y.map(*t);
            html! {
                <g class="axis__tick">
                    <line class="chart-grid" x1={coord(px0)} x2={coord(px1)} y1={coord(py)} y2={coord(py)} />
                    <text x={coord(px0 - 6.0)} y={coord(py + 4.0)} text-anchor="end">{ count(*t) }</text>
                </g>
            }
        });
        let hours = (0..=24).step_by(6).map(|h| {
            let px = px0 + cell * h as f64;
            html! {
                <text x={coord(px)} y={coord(STRIP_BOTTOM + 14.0)} text-anchor="middle">{ format!("{h:02}h") }</text>
            }
        });
        // Arrivals in a strip of their own under the plot (relative to the day's peak,
        // which is printed), for context: when traffic comes, and when the queue builds.
        let peak_arrivals = day.arrivals.iter().copied().max().unwrap_or(0);
        let strip = (0..24).map(|h| {
            let a = at(&day.arrivals, h) as f64 / peak_arrivals.max(1) as f64;
            let bar_height = a * (STRIP_BOTTOM - STRIP_TOP);
            html! {
                <rect class="multiple__arrivals" x={coord(px0 + cell * h as f64 + 1.0)} y={coord(STRIP_BOTTOM - bar_height)}
                      width={coord(cell - 2.0)} height={coord(bar_height)} />
            }
        });
        let total_minutes: f64 = day.operation_minutes.iter().filter(|m| m.is_finite()).sum();
        let peak = day.mean_queue.iter().copied().filter(|v| v.is_finite()).fold(0.0, f64::max);
        html! {
            <figure key={item.index} class="multiple" data-strategy={item.index.to_string()} data-day={day.day.to_string()}>
                { heading }
                <p class="multiple__meta">
                    { format!("{} · {} min of operations · at most {} waiting", short_day(day.day), minutes_text(total_minutes), count(peak)) }
                </p>
                <svg class="chart__svg" viewBox={format!("0 0 {W} {H}")} width="100%" role="group"
                     aria-label={format!("{name}: vehicles waiting per hour on {}", calendar_day(day.day))}>
                    <g class="axis">
                        { for grid }
                        <line class="axis__line" x1={coord(px0)} x2={coord(px1)} y1={coord(py0)} y2={coord(py0)} />
                        { for hours }
                    </g>
                    { for columns }
                    <g class="multiple__strip" aria-hidden="true">
                        <text class="multiple__peak" x={coord(px0 - 6.0)} y={coord(STRIP_BOTTOM - 6.0)} text-anchor="end">{ "arrivals" }</text>
                        { for strip }
                        <text class="multiple__peak" x={coord(px1)} y={coord(STRIP_TOP - 1.0)} text-anchor="end">
                            { format!("peak {}/h", thousands(peak_arrivals)) }
                        </text>
                    </g>
                </svg>
            </figure>
        }
    });

    let crossing = props
        .crossing
        .as_ref()
        .map(|c| format!(" at {c}"))
        .unwrap_or_default();
    let description = format!(
        "The first day with an operation{crossing}, first replication. Bars: mean vehicles waiting in each hour (same scale for all strategies); shading: minutes of the hour with an operation running."
    );
    let legend = html! {
            <ul class="chart-legend" aria-label="Key">
                <li class="chart-legend__item">
                    <svg class="chart-legend__marker" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                        <rect x="1" y="1" width="14" height="14" fill={NAVY} fill-opacity="0.25" />
                    </svg>
                    <span>{ "Operation running (darker: more of the hour)" }</span>
                </li>
                <li class="chart-legend__item">
                    <svg class="chart-legend__marker" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                        <rect x="4" y="3" width="8" height="12" fill="#55626f" />
                    </svg>
                    <span>{ "Mean vehicles waiting (in the strategy's colour)" }</span>
                </li>
                <li class="chart-legend__item">
                    <svg class="chart-legend__marker" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                        <rect class="multiple__arrivals" x="1" y="8" width="4" height="7" />
                        <rect class="multiple__arrivals" x="6" y="3" width="4" height="12" />
                        <rect class="multiple__arrivals" x="11" y="6" width="4" height="9" />
                    </svg>
                    <span>{ "Arrivals per hour, under each chart (relative to the day's peak)" }</span>
                </li>
            </ul>
    };
    html! {
        <ChartFrame id={props.id.clone()} title="Queue over a sample day" description={description} legend={legend}>
            <div class="multiples">{ for multiples }</div>
        </ChartFrame>
    }
}
