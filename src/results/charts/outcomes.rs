//! What happened to the carriers who tried to cross: detected, crossed undetected,
//! displaced to another crossing, or deterred — a 100% stacked bar per strategy. Each
//! outcome has a colour and a pattern, so the bars read without colour too.

use egress_core::summary::{CarrierSummary, Interval};
use yew::prelude::*;

use super::{
    ChartFrame, INK, WIDTH, chart_width, focus_ring, label_chars, series_name, svg_badge, truncate,
};
use crate::results::format::{
    MISSING, Unit, coord, count, has_value, interval_sentence, percent, raw,
};

#[derive(Properties, PartialEq)]
pub struct OutcomesChartProps {
    pub id: AttrValue,
    /// (strategy index, name, carrier outcomes).
    pub items: Vec<(usize, String, CarrierSummary)>,
    /// Width of the chart's coordinate system: the pixel width it is shown at, so text
    /// keeps its size (see `ResultsReport`).
    #[prop_or(WIDTH)]
    pub width: f64,
}

struct Outcome {
    key: &'static str,
    label: &'static str,
    fill: &'static str,
    /// Pattern drawn over the fill (id suffix), if any.
    pattern: Option<&'static str>,
    text: &'static str,
    get: fn(&CarrierSummary) -> Interval,
}

const OUTCOMES: [Outcome; 4] = [
    Outcome {
        key: "detected",
        label: "Detected",
        fill: "#0072B2",
        pattern: None,
        text: "#ffffff",
        get: |c| c.detected,
    },
    Outcome {
        key: "undetected",
        label: "Crossed undetected",
        fill: "#d5dbe1",
        pattern: None,
        text: "#17212b",
        get: |c| c.undetected,
    },
    Outcome {
        key: "displaced",
        label: "Displaced to another crossing",
        fill: "#E69F00",
        pattern: Some("hatch"),
        text: "#17212b",
        get: |c| c.displaced,
    },
    Outcome {
        key: "deterred",
        label: "Deterred (gave up)",
        fill: "#CC79A7",
        pattern: Some("dots"),
        text: "#17212b",
        get: |c| c.deterred,
    },
];

const TOP: f64 = 8.0;
const ROW: f64 = 34.0;

fn mean_or_zero(i: &Interval) -> f64 {
    if has_value(i) { i.mean.max(0.0) } else { 0.0 }
}

#[function_component]
pub fn OutcomesChart(props: &OutcomesChartProps) -> Html {
    let chart = chart_width(props.width);
    let wide = chart >= 640.0;
    let label_width = (chart * 0.3).clamp(150.0, 214.0);
    let (x0, x1) = (label_width, chart - if wide { 196.0 } else { 112.0 });
    let width = x1 - x0;
    let height = TOP + ROW * props.items.len() as f64 + 46.0;
    let pattern_id = |p: &str| format!("{}-{p}", props.id);

    let defs = html! {
        <defs>
            <pattern id={pattern_id("hatch")} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
                <line x1="0" y1="0" x2="0" y2="6" stroke={INK} stroke-width="1.6" stroke-opacity="0.55" />
            </pattern>
            <pattern id={pattern_id("dots")} patternUnits="userSpaceOnUse" width="6" height="6">
                <circle cx="3" cy="3" r="1.3" fill={INK} fill-opacity="0.6" />
            </pattern>
        </defs>
    };

    let legend = html! {
        <ul class="chart-legend" aria-label="Key">
            { for OUTCOMES.iter().map(|o| html! {
                <li class="chart-legend__item">
                    <svg class="chart-legend__marker" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                        <rect x="1" y="1" width="14" height="14" fill={o.fill} stroke={INK} stroke-width="0.5" />
                        if let Some(p) = o.pattern {
                            <rect x="1" y="1" width="14" height="14" fill={format!("url(#{})", pattern_id(p))} />
                        }
                    </svg>
                    <span>{ o.label }</span>
                </li>
            }) }
        </ul>
    };

    let rows = props.items.iter().enumerate().map(|(row, (index, name, c))| {
        let y = TOP + ROW * row as f64;
        let mid = y + ROW / 2.0;
        let values: Vec<f64> = OUTCOMES.iter().map(|o| mean_or_zero(&(o.get)(c))).collect();
        let total: f64 = values.iter().sum();
        let label = series_name(*index, name);
        let mut x = x0;
        let segments = OUTCOMES.iter().zip(&values).map(|(o, v)| {
            let share = if total > 0.0 { v / total } else { 0.0 };
            let w = width * share;
            let interval = (o.get)(c);
            let tooltip = format!(
                "{label} — {}: {} of attempting carriers; {} carriers a year",
                o.label,
                percent(share),
                interval_sentence(Unit::Count(""), &interval)
            );
            let sx = x;
            x += w;
            html! {
                <g key={o.key} class="mark" tabindex="0" role="img" aria-label={tooltip.clone()}
                   data-metric={format!("carriers.{}", o.key)} data-strategy={index.to_string()}
                   data-value={has_value(&interval).then(|| raw(interval.mean))} data-share={raw(share)}>
                    <title>{ tooltip }</title>
                    { focus_ring(sx, mid - 10.0, w.max(2.0), 20.0) }
                    if w > 0.0 {
                        <rect x={coord(sx)} y={coord(mid - 10.0)} width={coord(w)} height="20" fill={o.fill} />
                        if let Some(p) = o.pattern {
                            <rect x={coord(sx)} y={coord(mid - 10.0)} width={coord(w)} height="20" fill={format!("url(#{})", pattern_id(p))} />
                        }
                        if w > 44.0 {
                            <text class="outcomes__share" x={coord(sx + w / 2.0)} y={coord(mid + 4.0)} text-anchor="middle"
                                  fill={o.text}>{ percent(share) }</text>
                        }
                    }
                </g>
            }
        }).collect::<Html>();
        let share = |k: usize| if total > 0.0 { percent(values[k] / total) } else { MISSING.to_string() };
        html! {
            <g key={*index} class="outcomes__row" data-strategy={index.to_string()}>
                { svg_badge(*index, 6.0, mid) }
                <text class="chart__label" x="28" y={coord(mid + 4.0)}>{ truncate(name, label_chars(label_width)) }</text>
                if total > 0.0 {
                    { segments }
                    <rect class="outcomes__frame" x={coord(x0)} y={coord(mid - 10.0)} width={coord(width)} height="20" />
                } else {
                    <text class="chart__empty" x={coord(x0 + 4.0)} y={coord(mid + 4.0)}>{ "no carriers yet" }</text>
                }
                <text class="chart__value" x={coord(x1 + 12.0)} y={coord(mid - 1.0)}>{ format!("{} detected", share(0)) }</text>
                if wide {
                    <text class="chart__range" x={coord(x1 + 12.0)} y={coord(mid + 11.0)}>
                        { format!("{} displaced · {} deterred", share(2), share(3)) }
                    </text>
                }
            </g>
        }
    });

    let ticks = [0.0, 0.25, 0.5, 0.75, 1.0];
    let axis_y = TOP + ROW * props.items.len() as f64;
    let grid = ticks.iter().map(|t| {
        let px = x0 + width * t;
        html! {
            <g class="axis__tick">
                <line class="chart-grid" x1={coord(px)} x2={coord(px)} y1={coord(TOP)} y2={coord(axis_y)} />
                <text x={coord(px)} y={coord(axis_y + 16.0)} text-anchor="middle">{ format!("{}%", (t * 100.0) as u32) }</text>
            </g>
        }
    });

    let attempted = props
        .items
        .first()
        .map(|(_, _, c)| c.attempted)
        .filter(has_value)
        .map(|a| format!(" About {} carriers a year attempt to cross.", count(a.mean)))
        .unwrap_or_default();
    html! {
        <ChartFrame id={props.id.clone()} title="What happened to the carriers" legend={legend}
                    description={format!("Share of the carriers attempting to cross, by outcome (mean over replications; hover or focus a segment for counts and intervals).{attempted}")}>
            <svg class="chart__svg" viewBox={format!("0 0 {} {}", coord(chart), coord(height))} width="100%" role="group"
                 aria-label="Carrier outcomes per strategy">
                { defs }
                <g class="axis">
                    { for grid }
                    <text class="axis__label" x={coord((x0 + x1) / 2.0)} y={coord(axis_y + 36.0)} text-anchor="middle">
                        { "% of carriers attempting to cross" }
                    </text>
                </g>
                { for rows }
            </svg>
        </ChartFrame>
    }
}
