//! Strategies side by side: one horizontal bar per strategy (the mean) with its 95%
//! interval as a whisker, and the value printed in a column on the right.

use egress_core::decide::robustness::Bands;
use egress_core::summary::Interval;
use yew::prelude::*;

use super::{
    ChartFrame, INK_MUTED, Linear, WIDTH, chart_width, focus_ring, h_whisker, label_chars,
    nice_ticks, series_color, series_name, svg_badge, truncate,
};
use crate::results::format::{Unit, coord, has_value, interval_range, interval_sentence, raw};

#[derive(Clone, Debug, PartialEq)]
pub struct IntervalItem {
    /// Index of the strategy (colour, letter, `data-strategy`).
    pub index: usize,
    pub name: String,
    pub interval: Interval,
}

#[derive(Properties, PartialEq)]
pub struct IntervalChartProps {
    pub id: AttrValue,
    pub title: AttrValue,
    #[prop_or_default]
    pub description: Option<AttrValue>,
    /// `data-metric` of the marks (the summary field charted).
    pub metric: AttrValue,
    pub unit: Unit,
    pub axis_label: AttrValue,
    pub items: Vec<IntervalItem>,
    /// Width of the chart's coordinate system: the pixel width it is shown at, so text
    /// keeps its size (see `ResultsReport`).
    #[prop_or(WIDTH)]
    pub width: f64,
    /// Spread across plausible worlds (robustness), by item: drawn under each bar.
    #[prop_or_default]
    pub bands: Vec<Option<Bands>>,
}

const ROW: f64 = 32.0;
const TOP: f64 = 24.0;
const AXIS: f64 = 48.0;

#[function_component]
pub fn IntervalChart(props: &IntervalChartProps) -> Html {
    let unit = props.unit;
    let width = chart_width(props.width);
    let label_width = (width * 0.32).clamp(150.0, 230.0);
    let value_width = (width * 0.21).clamp(112.0, 150.0);
    let valid: Vec<&Interval> = props
        .items
        .iter()
        .map(|i| &i.interval)
        .filter(|i| has_value(i))
        .collect();
    // The axis starts at 0 unless a mean is negative; a whisker below the axis stops at it
    // (a rate or a budget cannot be negative, though a t interval's lower end can be).
    let lo = valid
        .iter()
        .map(|i| i.mean)
        .filter(|x| x.is_finite())
        .fold(0.0, f64::min);
    let hi = valid
        .iter()
        .map(|i| i.high.max(i.mean))
        .chain(props.bands.iter().flatten().map(|b| b.p95))
        .filter(|x| x.is_finite())
        .fold(0.0, f64::max);
    let hi = if unit == Unit::Percent {
        hi.min(1.0)
    } else {
        hi
    };
    let ticks = nice_ticks(lo, if hi > lo { hi } else { lo + 1.0 }, 5);
    let x0 = label_width;
    let x1 = width - value_width;
    let scale = Linear::new(
        (
            *ticks.first().unwrap_or(&0.0),
            *ticks.last().unwrap_or(&1.0),
        ),
        (x0, x1),
    );
    let plot_bottom = TOP + ROW * props.items.len() as f64;
    let height = plot_bottom + AXIS;
    let zero = scale.map(0.0);

    let grid = ticks.iter().map(|t| {
        let x = scale.map(*t);
        html! {
            <g class="axis__tick">
                <line class="chart-grid" x1={coord(x)} x2={coord(x)} y1={coord(TOP)} y2={coord(plot_bottom)} />
                <text x={coord(x)} y={coord(plot_bottom + 16.0)} text-anchor="middle">{ unit.format_bare(*t) }</text>
            </g>
        }
    });

    let rows = props.items.iter().enumerate().map(|(row, item)| {
        let y = TOP + ROW * row as f64;
        let mid = y + ROW / 2.0;
        let i = &item.interval;
        let label = series_name(item.index, &item.name);
        let tooltip = format!("{label}: {}", interval_sentence(unit, i));
        let value_text = if has_value(i) { unit.format(i.mean) } else { crate::results::format::MISSING.to_string() };
        let range_text = interval_range(unit, i).unwrap_or_default();
        let (bar_from, bar_to) = if has_value(i) {
            let m = scale.map(i.mean);
            (zero.min(m), zero.max(m))
        } else {
            (zero, zero)
        };
        let whisker = (has_value(i) && i.n > 1 && i.low.is_finite() && i.high.is_finite())
            .then(|| h_whisker(scale.map(i.low), scale.map(i.high), mid, 6.0));
        let name_text = truncate(&item.name, label_chars(label_width));
        let band = props.bands.get(row).copied().flatten().map(|b| {
            let y = mid + 11.0;
            html! {
                <g class="chart-band" data-median={raw(b.median)} data-p5={raw(b.p5)} data-p95={raw(b.p95)}>
                    <line x1={coord(scale.map(b.p5))} x2={coord(scale.map(b.p95))} y1={coord(y)} y2={coord(y)}
                          stroke={INK_MUTED} stroke-width="1.5" />
                    <line x1={coord(scale.map(b.p25))} x2={coord(scale.map(b.p75))} y1={coord(y)} y2={coord(y)}
                          stroke={INK_MUTED} stroke-width="4" />
                    <line x1={coord(scale.map(b.median))} x2={coord(scale.map(b.median))} y1={coord(y - 4.0)} y2={coord(y + 4.0)}
                          stroke={super::INK} stroke-width="1.5" />
                </g>
            }
        });
        let tooltip = match band {
            Some(_) => {
                let b = props.bands.get(row).copied().flatten().unwrap_or_default();
                format!("{tooltip}; across plausible worlds {} (50%: {}; 90%: {})", unit.format(b.median),
                        unit.range(b.p25, b.p75), unit.range(b.p5, b.p95))
            }
            None => tooltip,
        };
        html! {
            <g key={item.index} class="mark" tabindex="0" role="img" aria-label={tooltip.clone()}
               data-metric={props.metric.clone()} data-strategy={item.index.to_string()}
               data-value={has_value(i).then(|| raw(i.mean))}
               data-low={has_value(i).then(|| raw(i.low))} data-high={has_value(i).then(|| raw(i.high))}
               data-n={i.n.to_string()}>
                <title>{ tooltip }</title>
                { focus_ring(4.0, y + 3.0, width - 8.0, ROW - 6.0) }
                { svg_badge(item.index, 6.0, mid) }
                <text class="chart__label" x="28" y={coord(mid + 4.0)}>{ name_text }</text>
                <rect class="chart-bar" x={coord(bar_from)} y={coord(mid - 8.0)} width={coord((bar_to - bar_from).max(0.0))} height="16"
                      fill={series_color(item.index)} />
                { whisker.unwrap_or_default() }
                { band.unwrap_or_default() }
                <text class="chart__value" x={coord(x1 + 12.0)} y={coord(mid)}>{ value_text }</text>
                <text class="chart__range" x={coord(x1 + 12.0)} y={coord(mid + 12.0)}>{ range_text }</text>
            </g>
        }
    });

    html! {
        <ChartFrame id={props.id.clone()} title={props.title.clone()} description={props.description.clone()}
                    note={props.bands.iter().any(Option::is_some).then_some(AttrValue::Static(crate::assurance::bands::BANDS_NOTE))}>
            <svg class="chart__svg" viewBox={format!("0 0 {} {}", coord(width), coord(height))} width="100%"
                 role="group" aria-label={props.title.clone()}>
                <g class="axis">
                    { for grid }
                    <line class="axis__line" x1={coord(zero)} x2={coord(zero)} y1={coord(TOP)} y2={coord(plot_bottom)} />
                    <text class="axis__label" x={coord((x0 + x1) / 2.0)} y={coord(plot_bottom + 38.0)} text-anchor="middle">
                        { props.axis_label.clone() }
                    </text>
                    <text class="axis__label" x={coord(x1 + 12.0)} y="12" fill={INK_MUTED}>
                        { "95% interval" }
                    </text>
                </g>
                { for rows }
            </svg>
        </ChartFrame>
    }
}
