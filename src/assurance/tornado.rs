//! A tornado chart: one row per assumption, widest swing first; each row runs from the
//! scenario's value (the centre line) to the figure with the assumption at its low end
//! and at its high end. Ends are told apart by shade *and* by an "L"/"H" letter, and an
//! assumption that flips a paired difference's sign is marked in words and by a dashed
//! outline, never by colour alone.

use egress_core::decide::sensitivity::{Bar, Tornado};
use yew::prelude::*;

use crate::results::charts::{
    ChartFrame, INK, INK_MUTED, Linear, NAVY, WIDTH, chart_width, label_chars, nice_ticks, truncate,
};
use crate::results::format::{Unit, coord, raw};

/// The tornado's measure as the CLI's JSON names it (`detection_rate`, `budget`): the
/// core keeps its `Measure` type to itself, its serde name is the stable key.
pub fn measure_key(t: &Tornado) -> String {
    serde_json::to_value(t.measure)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Detection rather than money.
pub fn is_detection(t: &Tornado) -> bool {
    measure_key(t) == "detection_rate"
}

/// How a tornado's figures read: rates as percentages (differences in points), budgets
/// in dollars.
pub fn unit_of(t: &Tornado) -> Unit {
    if is_detection(t) {
        Unit::Percent
    } else {
        Unit::Money
    }
}

/// A figure of the tornado, signed when it is a paired difference.
pub fn figure(t: &Tornado, x: f64) -> String {
    let unit = unit_of(t);
    if t.difference {
        unit.format_delta(x)
    } else {
        unit.format(x)
    }
}

/// "Detection rate: Pulses − Today", as the chart and the picker name a tornado.
pub fn tornado_title(t: &Tornado) -> String {
    let measure = if is_detection(t) {
        "Detection rate"
    } else {
        "Budget a year"
    };
    if t.difference {
        format!("{measure}, difference {}", t.of)
    } else {
        format!("{measure} of {}", t.of)
    }
}

/// An assumption's two ends in its own unit: "0.1 to 0.3 share".
pub fn ends(b: &Bar) -> String {
    let n = |x: f64| {
        let s = format!("{x:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    let unit = b.unit.trim();
    if unit.is_empty() {
        format!("{} to {}", n(b.low_value), n(b.high_value))
    } else {
        format!("{} to {} {unit}", n(b.low_value), n(b.high_value))
    }
}

/// What a flipping bar says beside its name.
pub fn flip_words(b: &Bar) -> Option<&'static str> {
    match (b.flips, b.flips_clearly) {
        (true, true) => Some("flips the sign"),
        (true, false) => Some("may flip the sign (within noise)"),
        _ => None,
    }
}

#[derive(Properties, PartialEq)]
pub struct TornadoChartProps {
    pub id: AttrValue,
    pub tornado: Tornado,
    #[prop_or(WIDTH)]
    pub width: f64,
    /// Show at most this many assumptions (the widest); the rest are counted below.
    #[prop_or(usize::MAX)]
    pub max_rows: usize,
}

const ROW: f64 = 30.0;
const TOP: f64 = 28.0;
const AXIS: f64 = 46.0;
const LOW_FILL: &str = "#9ecae1";
const HIGH_FILL: &str = NAVY;

#[function_component]
pub fn TornadoChart(props: &TornadoChartProps) -> Html {
    let t = &props.tornado;
    let unit = unit_of(t);
    let width = chart_width(props.width);
    let label_width = (width * 0.36).clamp(170.0, 300.0);
    let bars: Vec<&Bar> = t.bars.iter().take(props.max_rows).collect();
    let base = t.base.mean;
    let finite = |x: f64| x.is_finite().then_some(x);
    let values = bars
        .iter()
        .flat_map(|b| [b.at_low.mean, b.at_high.mean])
        .chain([base, if t.difference { 0.0 } else { base }])
        .filter_map(finite);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
        (lo.min(x), hi.max(x))
    });
    let (lo, hi) = if lo.is_finite() && hi > lo {
        (lo, hi)
    } else {
        (base - 1.0, base + 1.0)
    };
    let ticks = nice_ticks(lo, hi, 5);
    let (x0, x1) = (label_width, width - 24.0);
    let scale = Linear::new(
        (*ticks.first().unwrap_or(&lo), *ticks.last().unwrap_or(&hi)),
        (x0, x1),
    );
    let plot_bottom = TOP + ROW * bars.len() as f64;
    let height = plot_bottom + AXIS;
    let centre = scale.map(base);

    let grid = ticks.iter().map(|tick| {
        let x = scale.map(*tick);
        let text = if t.difference {
            unit.format_delta(*tick)
        } else {
            unit.format_bare(*tick)
        };
        html! {
            <g class="axis__tick">
                <line class="chart-grid" x1={coord(x)} x2={coord(x)} y1={coord(TOP)} y2={coord(plot_bottom)} />
                <text x={coord(x)} y={coord(plot_bottom + 16.0)} text-anchor="middle">{ text }</text>
            </g>
        }
    });

    let rows = bars.iter().enumerate().map(|(row, b)| {
        let y = TOP + ROW * row as f64;
        let mid = y + ROW / 2.0;
        let flip = flip_words(b);
        let tooltip = format!(
            "{} ({}): {} at the low end, {} at the high end (scenario {}); swing {}{}",
            b.label,
            ends(b),
            figure(t, b.at_low.mean),
            figure(t, b.at_high.mean),
            figure(t, base),
            unit.format_delta(b.swing.mean),
            flip.map(|f| format!("; {f}")).unwrap_or_default()
        );
        // Ends on the same side of the centre (or both at it) would letter the same
        // spot: the end nearer the centre is lettered across the centre line instead.
        let (xl, xh) = (scale.map(b.at_low.mean), scale.map(b.at_high.mean));
        let same_side = (xl - centre) * (xh - centre) > 0.0
            || (xl - centre).abs() < 1.0
            || (xh - centre).abs() < 1.0;
        let inner_is_low = (xl - centre).abs() < (xh - centre).abs()
            || ((xl - centre).abs() == (xh - centre).abs() && xl <= xh);
        let outer_x = if inner_is_low { xh } else { xl };
        let segment = |value: f64, fill: &'static str, letter: &'static str, class: &'static str| {
            if !value.is_finite() {
                return Html::default();
            }
            let x = scale.map(value);
            let (from, to) = (centre.min(x), centre.max(x));
            let inner = same_side && (letter == "L") == inner_is_low;
            // Outward from the bar's end; the inner end of a one-sided row is lettered
            // across the centre line, opposite the outer end.
            let right = if inner { outer_x < centre } else { x >= centre };
            let base_x = if inner { centre } else { x };
            let text_x = if right { base_x + 4.0 } else { base_x - 4.0 };
            let anchor = if right { "start" } else { "end" };
            html! {
                <g class={class}>
                    <rect x={coord(from)} y={coord(mid - 8.0)} width={coord((to - from).max(1.0))} height="16"
                          fill={fill} stroke={INK} stroke-width="0.5" />
                    <text class="tornado__end" x={coord(text_x)} y={coord(mid + 4.0)} text-anchor={anchor} fill={INK}>{ letter }</text>
                </g>
            }
        };
        let name = truncate(&b.label, label_chars(label_width) - if flip.is_some() { 3 } else { 0 });
        html! {
            <g key={b.assumption.clone()} class={classes!("mark", "tornado__row", b.flips.then_some("tornado__row--flips"))}
               tabindex="0" role="img" aria-label={tooltip.clone()}
               data-assumption={b.assumption.clone()} data-flips={b.flips.to_string()}
               data-swing={raw(b.swing.mean)} data-low={raw(b.at_low.mean)} data-high={raw(b.at_high.mean)}>
                <title>{ tooltip }</title>
                <text class="chart__label" x="6" y={coord(mid + 4.0)}>
                    { name }
                    if flip.is_some() {
                        <tspan class="tornado__flip" fill={INK} font-weight="bold">{ " ⇄" }</tspan>
                    }
                </text>
                { segment(b.at_low.mean, LOW_FILL, "L", "tornado__low") }
                { segment(b.at_high.mean, HIGH_FILL, "H", "tornado__high") }
                if b.flips {
                    <rect class="tornado__flip-outline" x={coord(x0 - 2.0)} y={coord(y + 2.0)} width={coord(x1 - x0 + 4.0)}
                          height={coord(ROW - 4.0)} fill="none" stroke={INK} stroke-width="1" stroke-dasharray="4 3" />
                }
            </g>
        }
    });

    let hidden = t.bars.len().saturating_sub(bars.len());
    let flipping = t.bars.iter().filter(|b| b.flips).count();
    let description = format!(
        "{}: {} with every assumption at its default. Each row moves one assumption to the low (L, light) or high (H, dark) end of its plausible range, {} replications each on common random numbers; widest swing first.{}",
        tornado_title(t),
        figure(t, base),
        t.base.n,
        if t.difference && flipping == 0 {
            String::from(" No assumption flips the difference's sign.")
        } else if t.difference {
            format!(
                " ⇄ and a dashed outline mark {} assumption{} that flip{} the difference's sign.",
                flipping,
                if flipping == 1 { "" } else { "s" },
                if flipping == 1 { "s" } else { "" }
            )
        } else {
            String::new()
        }
    );
    let legend = html! {
        <ul class="chart-legend" aria-label="Key">
            <li class="chart-legend__item">
                <svg class="chart-legend__marker" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                    <rect x="1" y="3" width="14" height="10" fill={LOW_FILL} stroke={INK} stroke-width="0.5" />
                </svg>
                <span>{ "L: assumption at its low end" }</span>
            </li>
            <li class="chart-legend__item">
                <svg class="chart-legend__marker" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                    <rect x="1" y="3" width="14" height="10" fill={HIGH_FILL} stroke={INK} stroke-width="0.5" />
                </svg>
                <span>{ "H: at its high end" }</span>
            </li>
            if t.difference {
                <li class="chart-legend__item">
                    <span aria-hidden="true">{ "⇄" }</span>
                    <span>{ "flips the sign of the difference (the verdict changes)" }</span>
                </li>
            }
        </ul>
    };
    html! {
        <ChartFrame id={props.id.clone()} title={tornado_title(t)} description={description} legend={legend}
                    note={(hidden > 0).then(|| AttrValue::from(format!("{hidden} assumptions with smaller swings are not drawn.")))}>
            <svg class="chart__svg tornado" viewBox={format!("0 0 {} {}", coord(width), coord(height))} width="100%"
                 role="group" aria-label={tornado_title(t)} data-measure={measure_key(t)}
                 data-difference={t.difference.to_string()}>
                <g class="axis">
                    { for grid }
                    <line class="axis__line tornado__centre" x1={coord(centre)} x2={coord(centre)} y1={coord(TOP - 6.0)}
                          y2={coord(plot_bottom)} stroke={INK} stroke-width="1.5" />
                    <text class="axis__label" x={coord(centre)} y={coord(TOP - 10.0)} text-anchor="middle" fill={INK_MUTED}>
                        { format!("scenario: {}", figure(t, base)) }
                    </text>
                    if t.difference && base != 0.0 {
                        <line class="tornado__zero" x1={coord(scale.map(0.0))} x2={coord(scale.map(0.0))} y1={coord(TOP)}
                              y2={coord(plot_bottom)} stroke={INK} stroke-width="1" stroke-dasharray="2 2" />
                    }
                    <text class="axis__label" x={coord((x0 + x1) / 2.0)} y={coord(plot_bottom + 36.0)} text-anchor="middle">
                        { tornado_title(t) }
                    </text>
                </g>
                { for rows }
            </svg>
        </ChartFrame>
    }
}
