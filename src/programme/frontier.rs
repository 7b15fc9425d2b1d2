//! The frontier chart: detections a year against what they cost (the goal's resource),
//! the upper concave hull of the plans searched, with the chosen point marked. Drawn like
//! the results' charts (SVG with presentation attributes, no inline style).

use egress_core::scenario::programme::Resource;
use yew::prelude::*;

use super::goal::{amount, resource_words};
use crate::results::charts::{ChartFrame, INK, NAVY, Plane, WIDTH, chart_width};
use crate::results::format::{coord, count, money, raw, thousands};

#[derive(Properties, PartialEq)]
pub struct FrontierChartProps {
    pub id: AttrValue,
    pub title: AttrValue,
    /// (cost in `resource`, detections a year), cheapest first.
    pub points: Vec<(f64, f64)>,
    /// The chosen plan or programme, when there is one.
    #[prop_or_default]
    pub chosen: Option<(f64, f64)>,
    pub resource: Resource,
    #[prop_or(WIDTH)]
    pub width: f64,
}

const LEFT: f64 = 78.0;
const RIGHT: f64 = 28.0;
const TOP: f64 = 18.0;
const BOTTOM: f64 = 56.0;
const HEIGHT: f64 = 340.0;

fn axis_label(resource: Resource, x: f64) -> String {
    match resource {
        Resource::FullCost | Resource::NewMoney => money(x),
        Resource::OfficerHours | Resource::NewXrayUnits => tick(x),
    }
}

/// A tick value: whole numbers without decimals ("4", not "4.00").
fn tick(x: f64) -> String {
    if x.fract() == 0.0 && (0.0..1e15).contains(&x) {
        thousands(x as u64)
    } else {
        count(x)
    }
}

#[function_component]
pub fn FrontierChart(props: &FrontierChartProps) -> Html {
    let finite = |&(c, d): &(f64, f64)| c.is_finite() && d.is_finite();
    let mut points: Vec<(f64, f64)> = props.points.iter().copied().filter(finite).collect();
    points.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let chosen = props.chosen.filter(finite);
    let all = points.iter().chain(chosen.iter());
    let (max_cost, max_detections) =
        all.fold((0.0f64, 0.0f64), |(c, d), p| (c.max(p.0), d.max(p.1)));
    let width = chart_width(props.width);
    let Plane {
        x_ticks,
        y_ticks,
        px: (px0, px1),
        py: (py0, py1),
        x,
        y,
    } = Plane::from_zero(
        (max_cost, max_detections),
        (1.0, 1.0),
        width,
        HEIGHT,
        (LEFT, RIGHT, TOP, BOTTOM),
    );

    let line = points
        .iter()
        .map(|&(c, d)| format!("{},{}", coord(x.map(c)), coord(y.map(d))))
        .collect::<Vec<_>>()
        .join(" ");
    let x_grid = x_ticks.iter().map(|t| {
        let px = x.map(*t);
        html! {
            <g class="axis__tick">
                <line class="chart-grid" x1={coord(px)} x2={coord(px)} y1={coord(py1)} y2={coord(py0)} />
                <text x={coord(px)} y={coord(py0 + 18.0)} text-anchor="middle">{ axis_label(props.resource, *t) }</text>
            </g>
        }
    });
    let y_grid = y_ticks.iter().map(|t| {
        let py = y.map(*t);
        html! {
            <g class="axis__tick">
                <line class="chart-grid" x1={coord(px0)} x2={coord(px1)} y1={coord(py)} y2={coord(py)} />
                <text x={coord(px0 - 8.0)} y={coord(py + 4.0)} text-anchor="end">{ tick(*t) }</text>
            </g>
        }
    });
    let marks = points.iter().map(|&(c, d)| {
        html! {
            <g class="frontier__point" tabindex="0" data-cost={raw(c)} data-detections={raw(d)}>
                <title>{ format!("{} a year: {} detections a year", amount(props.resource, c), count(d)) }</title>
                <circle cx={coord(x.map(c))} cy={coord(y.map(d))} r="4" fill={NAVY} stroke="#ffffff" stroke-width="1" />
            </g>
        }
    });
    let chosen_mark = chosen.map(|(c, d)| {
        let (cx, cy) = (x.map(c), y.map(d));
        let (lx, anchor) = if cx > px1 - 120.0 { (cx - 12.0, "end") } else { (cx + 12.0, "start") };
        html! {
            <g class="frontier__chosen" tabindex="0" data-cost={raw(c)} data-detections={raw(d)}>
                <title>{ format!("Chosen: {} a year for {} detections a year", amount(props.resource, c), count(d)) }</title>
                <circle cx={coord(cx)} cy={coord(cy)} r="8" fill="none" stroke="#D55E00" stroke-width="3" />
                <circle cx={coord(cx)} cy={coord(cy)} r="3" fill="#D55E00" />
                <text class="frontier__chosen-label" x={coord(lx)} y={coord(cy - 10.0)} text-anchor={anchor} fill={INK}>{ "chosen" }</text>
            </g>
        }
    });
    let description = format!(
        "Detections a year against {} a year. The line joins the plans no mix of others beats (the upper concave hull); the ringed point is the one chosen.",
        resource_words(props.resource)
    );
    html! {
        <ChartFrame id={props.id.clone()} title={props.title.clone()} description={AttrValue::from(description)}>
            <svg class="chart__svg" viewBox={format!("0 0 {} {}", coord(width), coord(HEIGHT))} width="100%"
                 role="img" aria-label={props.title.clone()} data-points={points.len().to_string()}>
                <g class="axis">{ for x_grid }{ for y_grid }</g>
                <line x1={coord(px0)} x2={coord(px1)} y1={coord(py0)} y2={coord(py0)} stroke={INK} />
                <line x1={coord(px0)} x2={coord(px0)} y1={coord(py1)} y2={coord(py0)} stroke={INK} />
                <text class="axis__title" x={coord((px0 + px1) / 2.0)} y={coord(HEIGHT - 12.0)} text-anchor="middle">
                    { format!("{} a year", capitalised(resource_words(props.resource))) }
                </text>
                <text class="axis__title" x="16" y={coord((py0 + py1) / 2.0)} text-anchor="middle"
                      transform={format!("rotate(-90 16 {})", coord((py0 + py1) / 2.0))}>{ "Detections a year" }</text>
                if points.len() > 1 {
                    <polyline class="frontier__line" points={line} fill="none" stroke={NAVY} stroke-width="2" />
                }
                { for marks }
                { for chosen_mark }
            </svg>
        </ChartFrame>
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}
