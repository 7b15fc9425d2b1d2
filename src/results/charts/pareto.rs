//! Detection against budget: one point per strategy with both intervals as whiskers, and
//! the Pareto frontier — the strategies no other strategy beats on both counts — drawn as
//! a step line (the most detection a budget buys among the strategies compared).

use egress_core::decide::robustness::Bands;
use egress_core::summary::Interval;
use yew::prelude::*;

use super::{
    ChartFrame, INK, Plane, WIDTH, chart_width, focus_ring, h_whisker, letter, marker, series_name,
    v_whisker,
};
use crate::results::format::{Unit, coord, has_value, interval_sentence, raw};

#[derive(Clone, Debug, PartialEq)]
pub struct ParetoPoint {
    pub index: usize,
    pub name: String,
    pub budget: Interval,
    pub detection: Interval,
}

impl ParetoPoint {
    fn has_values(&self) -> bool {
        has_value(&self.budget) && has_value(&self.detection)
    }
}

/// Indices (`ParetoPoint::index`) of the strategies on the Pareto frontier, by rising
/// budget. A strategy is dominated when another one detects at least as much for at
/// most the same budget and is better on one of the two; points without values are
/// left out.
pub fn pareto_frontier(points: &[ParetoPoint]) -> Vec<usize> {
    let candidates: Vec<&ParetoPoint> = points.iter().filter(|p| p.has_values()).collect();
    let mut frontier: Vec<&ParetoPoint> = candidates
        .iter()
        .filter(|p| {
            !candidates.iter().any(|q| {
                q.index != p.index
                    && q.budget.mean <= p.budget.mean
                    && q.detection.mean >= p.detection.mean
                    && (q.budget.mean < p.budget.mean || q.detection.mean > p.detection.mean)
            })
        })
        .copied()
        .collect();
    frontier.sort_by(|a, b| {
        a.budget
            .mean
            .total_cmp(&b.budget.mean)
            .then(a.detection.mean.total_cmp(&b.detection.mean))
            .then(a.index.cmp(&b.index))
    });
    frontier.into_iter().map(|p| p.index).collect()
}

#[derive(Properties, PartialEq)]
pub struct ParetoChartProps {
    pub id: AttrValue,
    pub points: Vec<ParetoPoint>,
    /// Width of the chart's coordinate system: the pixel width it is shown at, so text
    /// keeps its size (see `ResultsReport`).
    #[prop_or(WIDTH)]
    pub width: f64,
}

const LEFT: f64 = 78.0;
const RIGHT: f64 = 28.0;
const TOP: f64 = 18.0;
const BOTTOM: f64 = 56.0;
const HEIGHT: f64 = 380.0;

/// The chart, with each strategy's spread across plausible worlds when a robustness
/// analysis of the scenario on screen is done.
#[function_component]
pub fn ParetoChart(props: &ParetoChartProps) -> Html {
    let robustness = crate::assurance::bands::use_current_robustness();
    let bands: Vec<Option<(Bands, Bands)>> = match &robustness {
        Some(r) => props
            .points
            .iter()
            .map(|p| {
                Some((
                    crate::assurance::bands::budget_bands(r, p.index, &p.name)?,
                    crate::assurance::bands::detection_bands(r, p.index, &p.name)?,
                ))
            })
            .collect(),
        None => Vec::new(),
    };
    html! {
        <ParetoPlot id={props.id.clone()} points={props.points.clone()} width={props.width} {bands} />
    }
}

#[derive(Properties, PartialEq)]
struct ParetoPlotProps {
    id: AttrValue,
    points: Vec<ParetoPoint>,
    width: f64,
    /// (budget, detection) across plausible worlds, by point.
    bands: Vec<Option<(Bands, Bands)>>,
}

#[function_component]
fn ParetoPlot(props: &ParetoPlotProps) -> Html {
    let valid: Vec<&ParetoPoint> = props.points.iter().filter(|p| p.has_values()).collect();
    let max_budget = valid
        .iter()
        .map(|p| p.budget.high.max(p.budget.mean))
        .chain(props.bands.iter().flatten().map(|(b, _)| b.p95))
        .filter(|x| x.is_finite())
        .fold(0.0, f64::max);
    let max_detection = valid
        .iter()
        .map(|p| p.detection.high.max(p.detection.mean))
        .chain(props.bands.iter().flatten().map(|(_, d)| d.p95))
        .filter(|x| x.is_finite())
        .fold(0.0, f64::max)
        .min(1.0);
    let width = chart_width(props.width);
    let Plane {
        x_ticks,
        y_ticks,
        px: (px0, px1),
        py: (py0, py1),
        x,
        y,
    } = Plane::from_zero(
        (max_budget, max_detection),
        (1.0, 0.01),
        width,
        HEIGHT,
        (LEFT, RIGHT, TOP, BOTTOM),
    );

    let frontier = pareto_frontier(&props.points);
    // Dominated points first, so the frontier's filled markers are drawn on top.
    let mut valid = valid;
    valid.sort_by_key(|p| (frontier.contains(&p.index), p.index));
    let frontier_points: Vec<&ParetoPoint> = frontier
        .iter()
        .filter_map(|i| props.points.iter().find(|p| p.index == *i))
        .collect();
    let mut step = String::new();
    for (k, p) in frontier_points.iter().enumerate() {
        let (px, py) = (x.map(p.budget.mean), y.map(p.detection.mean));
        if k == 0 {
            step.push_str(&format!("M{},{}", coord(px), coord(py)));
        } else {
            step.push_str(&format!(" H{} V{}", coord(px), coord(py)));
        }
    }
    let frontier_letters: Vec<String> = frontier.iter().map(|i| letter(*i)).collect();

    let x_grid = x_ticks.iter().map(|t| {
        let px = x.map(*t);
        html! {
            <g class="axis__tick">
                <line class="chart-grid" x1={coord(px)} x2={coord(px)} y1={coord(py1)} y2={coord(py0)} />
                <text x={coord(px)} y={coord(py0 + 18.0)} text-anchor="middle">{ Unit::Money.format(*t) }</text>
            </g>
        }
    });
    let y_grid = y_ticks.iter().map(|t| {
        let py = y.map(*t);
        html! {
            <g class="axis__tick">
                <line class="chart-grid" x1={coord(px0)} x2={coord(px1)} y1={coord(py)} y2={coord(py)} />
                <text x={coord(px0 - 8.0)} y={coord(py + 4.0)} text-anchor="end">{ Unit::Percent.format(*t) }</text>
            </g>
        }
    });

    // Letters go right of the marker (left near the right edge), moved down when they
    // would overlap a letter already placed (strategies with nearly the same values).
    let mut placed: Vec<(f64, f64)> = Vec::new();
    let labels: Vec<(f64, f64, &'static str)> = valid
        .iter()
        .map(|p| {
            let (px, py) = (x.map(p.budget.mean), y.map(p.detection.mean));
            let (lx, anchor) = if px > px1 - 40.0 {
                (px - 11.0, "end")
            } else {
                (px + 11.0, "start")
            };
            let mut ly = py - 6.0;
            for _ in 0..placed.len() {
                if placed
                    .iter()
                    .any(|(ox, oy)| (ox - lx).abs() < 24.0 && (oy - ly).abs() < 13.0)
                {
                    ly += 14.0;
                }
            }
            placed.push((lx, ly));
            (lx, ly, anchor)
        })
        .collect();

    // Spread across plausible worlds: a dashed box for the middle 90% of worlds, a
    // shaded one for the middle 50% (budget across, detection up).
    let band_boxes = props.points.iter().zip(&props.bands).filter_map(|(p, b)| {
        let (budget, detection) = (*b)?;
        let rect = |bx: (f64, f64), by: (f64, f64)| {
            let (xa, xb) = (x.map(bx.0), x.map(bx.1));
            let (ya, yb) = (y.map(by.1), y.map(by.0));
            (coord(xa), coord(ya), coord((xb - xa).max(1.0)), coord((yb - ya).max(1.0)))
        };
        let (x90, y90, w90, h90) = rect((budget.p5, budget.p95), (detection.p5, detection.p95));
        let (x50, y50, w50, h50) = rect((budget.p25, budget.p75), (detection.p25, detection.p75));
        let color = super::series_color(p.index);
        Some(html! {
            <g class="chart-band pareto__band" data-strategy={p.index.to_string()}
               data-median-budget={raw(budget.median)} data-median-detection={raw(detection.median)} aria-hidden="true">
                <rect x={x90} y={y90} width={w90} height={h90} fill="none" stroke={color} stroke-width="1" stroke-dasharray="4 3" />
                <rect x={x50} y={y50} width={w50} height={h50} fill={color} fill-opacity="0.15" stroke={color} stroke-width="1.5" />
            </g>
        })
    });
    let has_bands = props.bands.iter().any(Option::is_some);

    let marks = valid.iter().zip(&labels).map(|(p, (lx, ly, anchor))| {
        let (px, py) = (x.map(p.budget.mean), y.map(p.detection.mean));
        let on_frontier = frontier.contains(&p.index);
        let label = series_name(p.index, &p.name);
        let tooltip = format!(
            "{label}: detection {}; budget {}{}",
            interval_sentence(Unit::Percent, &p.detection),
            interval_sentence(Unit::Money, &p.budget),
            if on_frontier { "; on the Pareto frontier" } else { "; dominated" }
        );
        let h = (p.budget.n > 1 && p.budget.low.is_finite() && p.budget.high.is_finite())
            .then(|| h_whisker(x.map(p.budget.low), x.map(p.budget.high), py, 4.0));
        let v = (p.detection.n > 1 && p.detection.low.is_finite() && p.detection.high.is_finite())
            .then(|| v_whisker(y.map(p.detection.low), y.map(p.detection.high), px, 4.0));
        html! {
            <g key={p.index} class={classes!("mark", "pareto__point", on_frontier.then_some("pareto__point--frontier"))}
               tabindex="0" role="img" aria-label={tooltip.clone()}
               data-strategy={p.index.to_string()} data-pareto={on_frontier.to_string()}
               data-budget={raw(p.budget.mean)} data-detection={raw(p.detection.mean)}>
                <title>{ tooltip }</title>
                { h.unwrap_or_default() }
                { v.unwrap_or_default() }
                { focus_ring(px - 9.0, py - 9.0, 18.0, 18.0) }
                { marker(p.index, px, py, 7.0, !on_frontier) }
                <text class="pareto__letter" x={coord(*lx)} y={coord(*ly)} text-anchor={*anchor}>{ letter(p.index) }</text>
            </g>
        }
    });

    let legend = html! {
        <ul class="chart-legend" aria-label="Key">
            { for props.points.iter().map(|p| html! {
                <li class="chart-legend__item">
                    { super::legend_key(p.index) }
                    <span>{ series_name(p.index, &p.name) }</span>
                </li>
            }) }
            <li class="chart-legend__item chart-legend__item--frontier">
                <svg class="chart-legend__marker" viewBox="0 0 24 16" width="24" height="16" aria-hidden="true" focusable="false">
                    <path d="M1,13 H12 V3 H23" fill="none" stroke={INK} stroke-width="2" />
                </svg>
                <span>{ "Pareto frontier (filled); hollow: another strategy detects more for less" }</span>
            </li>
            if has_bands {
                <li class="chart-legend__item chart-legend__item--bands">
                    <svg class="chart-legend__marker" viewBox="0 0 24 16" width="24" height="16" aria-hidden="true" focusable="false">
                        <rect x="1" y="1" width="22" height="14" fill="none" stroke={INK} stroke-width="1" stroke-dasharray="4 3" />
                        <rect x="6" y="4" width="12" height="8" fill={INK} fill-opacity="0.15" stroke={INK} stroke-width="1.5" />
                    </svg>
                    <span>{ "Across plausible worlds (robustness): shaded box the middle 50%, dashed box the middle 90%" }</span>
                </li>
            }
        </ul>
    };

    html! {
        <ChartFrame id={props.id.clone()} title="Detection against budget"
                    description="Each point is a strategy: its mean budget and detection rate with 95% intervals. The step line joins the strategies that no other beats on both — more detection for the same or less money."
                    legend={legend}>
            <svg class="chart__svg" viewBox={format!("0 0 {} {}", coord(width), HEIGHT)} width="100%" role="group"
                 aria-label="Detection rate against budget per year, with the Pareto frontier"
                 data-frontier={frontier_letters.join(",")}>
                <g class="axis">
                    { for x_grid }
                    { for y_grid }
                    <line class="axis__line" x1={coord(px0)} x2={coord(px1)} y1={coord(py0)} y2={coord(py0)} />
                    <line class="axis__line" x1={coord(px0)} x2={coord(px0)} y1={coord(py1)} y2={coord(py0)} />
                    <text class="axis__label" x={coord((px0 + px1) / 2.0)} y={coord(HEIGHT - 12.0)} text-anchor="middle">
                        { "Budget, US dollars per year" }
                    </text>
                    <text class="axis__label" transform={format!("translate(16 {}) rotate(-90)", coord((py0 + py1) / 2.0))}
                          text-anchor="middle">{ "Detection rate, % of carriers" }</text>
                </g>
                { for band_boxes }
                if !step.is_empty() {
                    <path class="pareto__frontier" d={step} fill="none" stroke={INK} stroke-width="2"
                          data-strategies={frontier.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",")} />
                }
                { for marks }
                if valid.is_empty() {
                    <text class="chart__empty" x={coord(width / 2.0)} y={coord(HEIGHT / 2.0)} text-anchor="middle">
                        { "No values yet" }
                    </text>
                }
            </svg>
        </ChartFrame>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(index: usize, budget: f64, detection: f64) -> ParetoPoint {
        let i = |m| Interval {
            mean: m,
            low: m,
            high: m,
            n: 3,
        };
        ParetoPoint {
            index,
            name: String::new(),
            budget: i(budget),
            detection: i(detection),
        }
    }

    #[test]
    fn frontier_keeps_the_undominated() {
        let points = vec![
            point(0, 3_000.0, 0.0002),
            point(1, 52_000.0, 0.0048),
            point(2, 73_000.0, 0.0082),
            point(3, 174_000.0, 0.0254),
            point(4, 175_000.0, 0.0251),
        ];
        assert_eq!(pareto_frontier(&points), vec![0, 1, 2, 3]);
        // Equal detection: the cheaper one dominates.
        let points = vec![point(0, 10.0, 0.0), point(1, 20.0, 0.0)];
        assert_eq!(pareto_frontier(&points), vec![0]);
        // Identical points are both kept.
        let points = vec![point(0, 10.0, 0.1), point(1, 10.0, 0.1)];
        assert_eq!(pareto_frontier(&points), vec![0, 1]);
        // No values, no frontier.
        let mut empty = point(0, 1.0, 0.1);
        empty.budget.n = 0;
        assert!(pareto_frontier(&[empty]).is_empty());
    }
}
