//! Seizures by contraband type, made comparable across units: the share of each type's
//! amount (dollars, firearms, rounds, kg) that was interdicted, grouped by type, one bar
//! per strategy with its interval and its letter under it.

use egress_core::scenario::Contraband;
use std::rc::Rc;

use egress_core::summary::Summary;
use yew::prelude::*;

use super::{
    ChartFrame, Linear, WIDTH, chart_width, focus_ring, letter, nice_ticks, series_color,
    series_name, v_whisker,
};
use crate::results::format::{Unit, coord, has_value, interval_sentence, percent, raw};

#[derive(Properties, PartialEq)]
pub struct SeizuresChartProps {
    pub id: AttrValue,
    /// The chart reads each strategy's `value_share_interdicted` and `seized`.
    pub summary: Rc<Summary>,
    /// Width of the chart's coordinate system: the pixel width it is shown at, so text
    /// keeps its size (see `ResultsReport`).
    #[prop_or(WIDTH)]
    pub width: f64,
}

const LEFT: f64 = 64.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 76.0;
const HEIGHT: f64 = 320.0;

fn seized_unit(kind: Contraband) -> Unit {
    match kind {
        Contraband::Currency => Unit::Money,
        Contraband::Firearms => Unit::Count("firearms"),
        Contraband::Ammunition => Unit::Count("rounds"),
        Contraband::Narcotics | Contraband::Explosives => Unit::Count("kg"),
    }
}

#[function_component]
pub fn SeizuresChart(props: &SeizuresChartProps) -> Html {
    let width = chart_width(props.width);
    let (px0, px1) = (LEFT, width - RIGHT);
    let (py0, py1) = (HEIGHT - BOTTOM, TOP);
    let items: Vec<(usize, &egress_core::summary::StrategySummary)> =
        props.summary.strategies.iter().enumerate().collect();
    let max = items
        .iter()
        .flat_map(|(_, s)| {
            Contraband::ALL
                .into_iter()
                .map(|k| *s.value_share_interdicted.get(k))
        })
        .filter(has_value)
        .map(|i| {
            if i.high.is_finite() {
                i.high.max(i.mean)
            } else {
                i.mean
            }
        })
        .fold(0.0, f64::max)
        .min(1.0);
    let ticks = nice_ticks(0.0, if max > 0.0 { max } else { 0.01 }, 4);
    let y = Linear::new((0.0, *ticks.last().unwrap_or(&1.0)), (py0, py1));
    let group = (px1 - px0) / Contraband::COUNT as f64;
    let n = items.len().max(1) as f64;
    let bar = ((group - 24.0) / n).clamp(4.0, 22.0);

    let grid = ticks.iter().map(|t| {
        let py = y.map(*t);
        html! {
            <g class="axis__tick">
                <line class="chart-grid" x1={coord(px0)} x2={coord(px1)} y1={coord(py)} y2={coord(py)} />
                <text x={coord(px0 - 8.0)} y={coord(py + 4.0)} text-anchor="end">{ percent(*t) }</text>
            </g>
        }
    });

    let groups = Contraband::ALL.into_iter().enumerate().map(|(g, kind)| {
        let gx = px0 + group * g as f64;
        let start = gx + (group - bar * n) / 2.0;
        let any = items
            .iter()
            .any(|(_, s)| has_value(s.value_share_interdicted.get(kind)));
        let bars = items.iter().enumerate().map(|(k, (index, s))| {
            let share = s.value_share_interdicted.get(kind);
            let seized = s.seized.get(kind);
            let bx = start + bar * k as f64;
            let label = series_name(*index, &s.name);
            let tooltip = format!(
                "{label} — {}: {} of the amount carried interdicted; seized per year {}",
                kind.label(),
                interval_sentence(Unit::Percent, share),
                interval_sentence(seized_unit(kind), seized),
            );
            let top = if has_value(share) { y.map(share.mean) } else { py0 };
            let whisker = (has_value(share) && share.n > 1 && share.low.is_finite() && share.high.is_finite())
                .then(|| v_whisker(y.map(share.low), y.map(share.high), bx + bar / 2.0, (bar / 3.0).min(5.0)));
            html! {
                <g key={*index} class="mark" tabindex="0" role="img" aria-label={tooltip.clone()}
                   data-metric={format!("value_share_interdicted.{}", kind.key())} data-strategy={index.to_string()}
                   data-value={has_value(share).then(|| raw(share.mean))}
                   data-low={has_value(share).then(|| raw(share.low))} data-high={has_value(share).then(|| raw(share.high))}>
                    <title>{ tooltip }</title>
                    { focus_ring(bx, py1, bar - 1.0, py0 - py1 + 16.0) }
                    if has_value(share) {
                        <rect class="chart-bar" x={coord(bx + 1.0)} y={coord(top)} width={coord(bar - 2.0)}
                              height={coord((py0 - top).max(0.0))} fill={series_color(*index)} />
                    }
                    { whisker.unwrap_or_default() }
                    <text class="seizures__letter" x={coord(bx + bar / 2.0)} y={coord(py0 + 13.0)} text-anchor="middle">
                        { letter(*index) }
                    </text>
                </g>
            }
        });
        html! {
            <g key={kind.key()} class="seizures__group" data-contraband={kind.key()}>
                { for bars }
                <text class="chart__label" x={coord(gx + group / 2.0)} y={coord(py0 + 34.0)} text-anchor="middle">{ kind.label() }</text>
                if !any {
                    <text class="chart__range" x={coord(gx + group / 2.0)} y={coord(py0 + 48.0)} text-anchor="middle">
                        { "no carriers" }
                    </text>
                }
            </g>
        }
    });

    html! {
        <ChartFrame id={props.id.clone()} title="Seizures by contraband type"
                    description="Share of each type's amount carried (dollars, firearms, rounds, kilograms) that was interdicted, mean and 95% interval. Letters under the bars name the strategies; the comparison table gives the amounts per year.">
            <svg class="chart__svg" viewBox={format!("0 0 {} {}", coord(width), HEIGHT)} width="100%" role="group"
                 aria-label="Share of each contraband type interdicted, per strategy">
                <g class="axis">
                    { for grid }
                    <line class="axis__line" x1={coord(px0)} x2={coord(px1)} y1={coord(py0)} y2={coord(py0)} />
                    <text class="axis__label" transform={format!("translate(14 {}) rotate(-90)", coord((py0 + py1) / 2.0))}
                          text-anchor="middle">{ "% of the amount carried" }</text>
                </g>
                { for groups }
            </svg>
        </ChartFrame>
    }
}
