//! When traffic leaves and when each strategy is out there: the hour-of-day traffic
//! profile of the scenario (bars) over one band row per strategy whose 24 cells are as
//! dark as the share of that clock hour covered by an operation.

use egress_core::scenario::{Modality, Scenario};
use yew::prelude::*;

use super::{
    ChartFrame, Linear, NAVY, WIDTH, chart_width, label_chars, nice_ticks, series_name, svg_badge,
    truncate,
};
use crate::results::format::{MISSING, clock, coord, percent, raw};

/// The volume-weighted hour-of-day profile of a scenario's outbound traffic: each
/// modality's (normalised) hour profile weighted by its outbound volume over all the
/// crossings. Shares of a day's traffic per clock hour, summing to 1 (all zeros if the
/// scenario has no traffic).
pub fn traffic_hour_profile(scenario: &Scenario) -> Vec<f64> {
    let mut profile = vec![0.0; 24];
    for m in Modality::ALL {
        let traffic = scenario.traffic.modalities.get(m);
        let volume: f64 = scenario
            .crossings
            .iter()
            .map(|c| c.annual_inbound.get(m) * traffic.outbound_factor)
            .filter(|v| v.is_finite() && *v > 0.0)
            .sum();
        let total: f64 = traffic
            .hour_profile
            .iter()
            .filter(|v| v.is_finite() && **v > 0.0)
            .sum();
        if volume > 0.0 && total > 0.0 {
            for (p, h) in profile.iter_mut().zip(traffic.hour_profile) {
                if h.is_finite() && h > 0.0 {
                    *p += volume * h / total;
                }
            }
        }
    }
    let sum: f64 = profile.iter().sum();
    if sum > 0.0 {
        for p in &mut profile {
            *p /= sum;
        }
    }
    profile
}

/// One strategy's operations by clock hour.
#[derive(Clone, Debug, PartialEq)]
pub struct WindowRow {
    pub index: usize,
    pub name: String,
    /// Operation hours per year in each clock hour, over all crossings
    /// (`StrategySummary.operation_hours_by_clock_hour`).
    pub hours_by_clock_hour: Vec<f64>,
    /// Share of traffic that met an operation (mean), for the right-hand column.
    pub coverage: Option<f64>,
}

#[derive(Properties, PartialEq)]
pub struct HourlyChartProps {
    pub id: AttrValue,
    /// `traffic_hour_profile` of the scenario.
    pub profile: Vec<f64>,
    pub rows: Vec<WindowRow>,
    /// Crossings in the scenario (to turn hours per year into a share of the hour).
    pub crossings: usize,
    /// Width of the chart's coordinate system: the pixel width it is shown at, so text
    /// keeps its size (see `ResultsReport`).
    #[prop_or(WIDTH)]
    pub width: f64,
}

const RIGHT: f64 = 84.0;
/// Fill of an hour no operation covers.
const EMPTY_CELL: &str = "#eef1f4";
const TOP: f64 = 14.0;
const PROFILE_HEIGHT: f64 = 120.0;
const BAND: f64 = 22.0;
const BAND_GAP: f64 = 6.0;

/// The share of a clock hour covered by an operation, per crossing and day.
fn hour_share(hours_per_year: f64, crossings: usize) -> f64 {
    let share = hours_per_year / (365.0 * crossings.max(1) as f64);
    if share.is_finite() {
        share.max(0.0)
    } else {
        0.0
    }
}

/// Fill opacity for a share of the hour: a gentle power curve so rare operations (a few
/// hours a month) stay visible without looking like daily ones.
fn shade_opacity(share: f64) -> f64 {
    if share.is_finite() && share > 0.0 {
        share.min(1.0).powf(0.6).max(0.04)
    } else {
        0.0
    }
}

#[function_component]
pub fn HourlyChart(props: &HourlyChartProps) -> Html {
    let width = chart_width(props.width);
    let label_width = (width * 0.28).clamp(140.0, 200.0);
    let (x0, x1) = (label_width, width - RIGHT);
    let cell = (x1 - x0) / 24.0;
    let max_share = props
        .profile
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let y_ticks = nice_ticks(0.0, if max_share > 0.0 { max_share } else { 0.1 }, 3);
    let profile_bottom = TOP + PROFILE_HEIGHT;
    let y = Linear::new(
        (0.0, *y_ticks.last().unwrap_or(&0.1)),
        (profile_bottom, TOP),
    );
    let bands_top = profile_bottom + 34.0;
    let height = bands_top + (BAND + BAND_GAP) * props.rows.len() as f64 + 64.0;
    let axis_y = bands_top + (BAND + BAND_GAP) * props.rows.len() as f64 + 4.0;

    let y_grid = y_ticks.iter().map(|t| {
        let py = y.map(*t);
        html! {
            <g class="axis__tick">
                <line class="chart-grid" x1={coord(x0)} x2={coord(x1)} y1={coord(py)} y2={coord(py)} />
                <text x={coord(x0 - 8.0)} y={coord(py + 4.0)} text-anchor="end">{ percent(*t) }</text>
            </g>
        }
    });

    let bars = props.profile.iter().enumerate().take(24).map(|(h, share)| {
        let px = x0 + cell * h as f64;
        let top = y.map(*share);
        let tooltip = format!(
            "{}–{}: {} of a day's outbound traffic",
            clock(h),
            clock(h + 1),
            percent(*share)
        );
        html! {
            <g key={h} class="mark" tabindex="0" role="img" aria-label={tooltip.clone()}
               data-metric="traffic_share" data-hour={h.to_string()} data-value={raw(*share)}>
                <title>{ tooltip }</title>
                <rect class="hourly__traffic" x={coord(px + 1.5)} y={coord(top)} width={coord(cell - 3.0)}
                      height={coord((profile_bottom - top).max(0.0))} />
            </g>
        }
    });

    let bands = props.rows.iter().enumerate().map(|(row, r)| {
        let top = bands_top + (BAND + BAND_GAP) * row as f64;
        let mid = top + BAND / 2.0;
        let label = series_name(r.index, &r.name);
        let cells = (0..24).map(|h| {
            let hours = r.hours_by_clock_hour.get(h).copied().unwrap_or(0.0);
            let share = hour_share(hours, props.crossings);
            let opacity = shade_opacity(share);
            let tooltip = format!(
                "{label}, {}–{}: an operation covers {} of this hour ({} operation hours a year{})",
                clock(h),
                clock(h + 1),
                percent(share),
                crate::results::format::count(hours),
                if props.crossings > 1 { ", all crossings" } else { "" }
            );
            let px = x0 + cell * h as f64;
            html! {
                <g key={h} class="mark" tabindex="0" role="img" aria-label={tooltip.clone()}
                   data-metric="operation_hours_by_clock_hour" data-strategy={r.index.to_string()}
                   data-hour={h.to_string()} data-value={raw(hours)}>
                    <title>{ tooltip }</title>
                    // One rectangle per cell (a run redraws them a few times a second).
                    <rect class="hourly__cell" x={coord(px + 1.0)} y={coord(top)} width={coord(cell - 2.0)} height={coord(BAND)}
                          fill={if opacity > 0.0 { NAVY } else { EMPTY_CELL }}
                          fill-opacity={if opacity > 0.0 { coord(opacity) } else { "1".to_string() }} />
                </g>
            }
        });
        let coverage = r.coverage.map_or_else(|| MISSING.to_string(), percent);
        html! {
            <g key={r.index} class="hourly__band" data-strategy={r.index.to_string()}>
                { svg_badge(r.index, 6.0, mid) }
                <text class="chart__label" x="28" y={coord(mid + 4.0)}>{ truncate(&r.name, label_chars(label_width)) }</text>
                { for cells }
                <text class="chart__value" x={coord(x1 + 10.0)} y={coord(mid + 4.0)}
                      data-metric="traffic_coverage" data-strategy={r.index.to_string()}
                      data-value={r.coverage.map(raw)}>{ coverage }</text>
            </g>
        }
    });

    let hour_labels = (0..=24).step_by(3).map(|h| {
        let px = x0 + cell * h as f64;
        html! {
            <g class="axis__tick">
                <line class="axis__line" x1={coord(px)} x2={coord(px)} y1={coord(axis_y)} y2={coord(axis_y + 5.0)} />
                <text x={coord(px)} y={coord(axis_y + 18.0)} text-anchor="middle">{ format!("{:02}:00", h) }</text>
            </g>
        }
    });

    let legend_steps = [0.01, 0.1, 0.25, 0.5, 1.0];
    let legend = html! {
        <ul class="chart-legend" aria-label="Key">
            <li class="chart-legend__item">
                <svg class="chart-legend__marker" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                    <rect class="hourly__traffic" x="2" y="2" width="12" height="12" />
                </svg>
                <span>{ "Share of a day's outbound traffic in the hour (all modalities, volume-weighted)" }</span>
            </li>
            <li class="chart-legend__item">
                <svg class="chart-legend__marker chart-legend__marker--wide" viewBox="0 0 90 16" width="90" height="16" aria-hidden="true" focusable="false">
                    { for legend_steps.iter().enumerate().map(|(k, s)| html! {
                        <rect x={coord(k as f64 * 18.0)} y="2" width="16" height="12" fill={NAVY}
                              fill-opacity={coord(shade_opacity(*s))} />
                    }) }
                </svg>
                <span>{ "Share of the hour with an operation running: 1%, 10%, 25%, 50%, 100%" }</span>
            </li>
        </ul>
    };

    html! {
        <ChartFrame id={props.id.clone()} title="Traffic by hour and when each strategy operates"
                    description="Bars: when outbound traffic leaves. Rows: how much of each clock hour an operation covers, averaged over the year (and the crossings); the right column is the share of traffic that met an operation."
                    legend={legend}>
            <svg class="chart__svg" viewBox={format!("0 0 {} {}", coord(width), coord(height))} width="100%" role="group"
                 aria-label="Hour-of-day traffic profile and operation windows per strategy">
                <g class="axis">
                    { for y_grid }
                    <line class="axis__line" x1={coord(x0)} x2={coord(x1)} y1={coord(profile_bottom)} y2={coord(profile_bottom)} />
                    <text class="axis__label" x="6" y={coord(TOP + 10.0)}>{ "Traffic, % of the day" }</text>
                    <text class="axis__label" x="6" y={coord(bands_top - 10.0)}>{ "Operations, share of each hour" }</text>
                    <text class="axis__label" x={coord(x1 + 10.0)} y={coord(bands_top - 10.0)}>{ "coverage" }</text>
                    { for hour_labels }
                    <text class="axis__label" x={coord((x0 + x1) / 2.0)} y={coord(axis_y + 40.0)} text-anchor="middle">
                        { "Clock hour (local time)" }
                    </text>
                </g>
                { for bars }
                { for bands }
            </svg>
        </ChartFrame>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egress_core::scenario::presets;

    #[test]
    fn profile_sums_to_one() {
        let scenario = presets::preset("jackman").unwrap();
        let p = traffic_hour_profile(&scenario);
        assert_eq!(p.len(), 24);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        let mut empty = scenario.clone();
        empty.crossings.clear();
        assert!(traffic_hour_profile(&empty).iter().all(|v| *v == 0.0));
    }

    #[test]
    fn hour_share_guards() {
        assert_eq!(hour_share(365.0, 1), 1.0);
        assert_eq!(hour_share(365.0, 0), 1.0);
        assert_eq!(hour_share(f64::NAN, 1), 0.0);
        assert_eq!(shade_opacity(0.0), 0.0);
        assert_eq!(shade_opacity(1.0), 1.0);
        assert!(shade_opacity(0.001) > 0.0 && shade_opacity(0.001) < shade_opacity(0.1));
    }
}
