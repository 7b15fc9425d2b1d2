//! Charts drawn as SVG by Yew components: no chart library, nothing from the network and
//! no inline `style` (the Content-Security-Policy forbids it): colours are SVG
//! presentation attributes, everything else is CSS classes in `styles/results.css`.
//!
//! Every chart scales with its `viewBox` (`width="100%"`). Strategies keep one colour
//! (Okabe–Ito, safe for colour-vision deficiency), one letter and one marker shape
//! everywhere, so colour is never the only cue. Each mark is focusable and carries an
//! SVG `<title>` with its value and interval (tooltip and accessible name).

mod bars;
mod hourly;
mod of_summary;
mod outcomes;
mod pareto;
mod sample_day;
mod seizures;

pub use bars::{IntervalChart, IntervalChartProps, IntervalItem};
pub use hourly::{HourlyChart, HourlyChartProps, WindowRow, traffic_hour_profile};
pub use of_summary::{detection_chart, interval_items, outcome_items, pareto_points};
pub use outcomes::{OutcomesChart, OutcomesChartProps};
pub use pareto::{ParetoChart, ParetoChartProps, ParetoPoint, pareto_frontier};
pub use sample_day::{SampleDayChart, SampleDayChartProps, SampleDayItem};
pub use seizures::{SeizuresChart, SeizuresChartProps};

use yew::prelude::*;

use super::format::coord;
use crate::briefing::export::ChartFormat;

/// Default width of a chart's coordinate system (charts are laid out for the width
/// they are shown at; heights vary).
pub const WIDTH: f64 = 720.0;

/// A usable chart width from a measured one.
pub fn chart_width(width: f64) -> f64 {
    if width.is_finite() {
        width.clamp(320.0, 1400.0).floor()
    } else {
        WIDTH
    }
}

/// Characters of a 12.5 px label that fit a label column (badge included).
pub fn label_chars(label_width: f64) -> usize {
    (((label_width - 38.0) / 7.2).max(8.0)) as usize
}

/// Okabe & Ito (2008) colours, most distinct first; yellow last (weak on white).
pub const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442",
];

/// Text colour readable on each palette colour.
const ON_PALETTE: [&str; 8] = [
    "#ffffff", "#17212b", "#ffffff", "#ffffff", "#17212b", "#17212b", "#ffffff", "#17212b",
];

pub const INK: &str = "#17212b";
pub const INK_MUTED: &str = "#55626f";
pub const NAVY: &str = "#1d3a5f";

/// The colour of strategy `i`.
pub fn series_color(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// A text colour that reads on `series_color(i)`.
pub fn series_text_color(i: usize) -> &'static str {
    ON_PALETTE[i % ON_PALETTE.len()]
}

/// The letter of strategy `i`: A, B, … Z, A2, B2, …
pub fn letter(i: usize) -> String {
    let c = char::from(b'A' + (i % 26) as u8);
    match i / 26 {
        0 => c.to_string(),
        round => format!("{c}{}", round + 1),
    }
}

/// "A · Today: less than monthly"
pub fn series_name(i: usize, name: &str) -> String {
    format!("{} · {name}", letter(i))
}

/// At most `max` characters, with an ellipsis when cut (SVG text does not wrap).
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
        cut = cut.trim_end().to_string();
        cut.push('…');
        cut
    }
}

/// A linear map from a domain to a range of coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Linear {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl Linear {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        let (mut d0, mut d1) = domain;
        if !d0.is_finite() || !d1.is_finite() {
            d0 = 0.0;
            d1 = 1.0;
        }
        if d1 <= d0 {
            d1 = d0 + 1.0;
        }
        Linear {
            d0,
            d1,
            r0: range.0,
            r1: range.1,
        }
    }

    /// The coordinate of `x`, clamped to the range (a whisker past the axis stops at it).
    pub fn map(&self, x: f64) -> f64 {
        if !x.is_finite() {
            return self.r0;
        }
        let t = ((x - self.d0) / (self.d1 - self.d0)).clamp(0.0, 1.0);
        self.r0 + t * (self.r1 - self.r0)
    }
}

/// The plotting area of an x–y chart whose axes start at zero (detections against
/// budget: the results' Pareto chart, the programme's frontier): nice ticks up to each
/// axis's largest value (or up to `empty` when nothing is above zero), the pixel edges
/// inside the margins, and the maps into them.
pub struct Plane {
    pub x_ticks: Vec<f64>,
    pub y_ticks: Vec<f64>,
    /// Left and right pixel edges.
    pub px: (f64, f64),
    /// Bottom and top pixel edges (SVG's y grows downwards).
    pub py: (f64, f64),
    pub x: Linear,
    pub y: Linear,
}

/// A plane's margins: left, right, top, bottom, in pixels.
pub type Margins = (f64, f64, f64, f64);

impl Plane {
    pub fn from_zero(
        largest: (f64, f64),
        empty: (f64, f64),
        width: f64,
        height: f64,
        (left, right, top, bottom): Margins,
    ) -> Plane {
        let ticks = |max: f64, empty: f64| nice_ticks(0.0, if max > 0.0 { max } else { empty }, 5);
        let x_ticks = ticks(largest.0, empty.0);
        let y_ticks = ticks(largest.1, empty.1);
        let px = (left, width - right);
        let py = (height - bottom, top);
        let x = Linear::new((0.0, *x_ticks.last().unwrap_or(&1.0)), px);
        let y = Linear::new((0.0, *y_ticks.last().unwrap_or(&1.0)), py);
        Plane {
            x_ticks,
            y_ticks,
            px,
            py,
            x,
            y,
        }
    }
}

/// Round tick values covering `[lo, hi]` (about `target` of them); the first and last
/// ticks are the extended, "nice" ends of the axis.
pub fn nice_ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    let (lo, hi) = if lo.is_finite() && hi.is_finite() && hi > lo {
        (lo, hi)
    } else if lo.is_finite() && lo > 0.0 {
        (0.0, lo)
    } else {
        (0.0, 1.0)
    };
    let raw = (hi - lo) / target.max(1) as f64;
    let exponent = raw.log10().floor() as i32;
    let residual = raw / 10f64.powi(exponent);
    let mantissa = if residual > 5.0 {
        10.0
    } else if residual > 2.0 {
        5.0
    } else if residual > 1.0 {
        2.0
    } else {
        1.0
    };
    // value = k × mantissa × 10^exponent, computed so that 3 × 0.01 prints as 0.03.
    let scale = |k: f64| -> f64 {
        let v = k * mantissa;
        let v = if exponent >= 0 {
            v * 10f64.powi(exponent)
        } else {
            v / 10f64.powi(-exponent)
        };
        if v == 0.0 { 0.0 } else { v }
    };
    let step = scale(1.0);
    let first = (lo / step).floor();
    let last = (hi / step).ceil();
    let count = (last - first).max(1.0) as usize;
    (0..=count.min(50))
        .map(|k| scale(first + k as f64))
        .collect()
}

/// The marker of strategy `i` (shape by index) centred on (x, y) with radius `r`.
/// `hollow` draws the outline only (a dominated strategy in the Pareto chart).
pub fn marker(i: usize, x: f64, y: f64, r: f64, hollow: bool) -> Html {
    let color = series_color(i);
    let fill = if hollow { "#ffffff" } else { color };
    let stroke = if hollow { color } else { INK };
    let stroke_width = if hollow { "2.5" } else { "1" };
    let points = |pts: &[(f64, f64)]| -> String {
        pts.iter()
            .map(|(dx, dy)| format!("{},{}", coord(x + dx * r), coord(y + dy * r)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    match i % 6 {
        0 => html! {
            <circle class="chart-marker" cx={coord(x)} cy={coord(y)} r={coord(r)} fill={fill} stroke={stroke} stroke-width={stroke_width} />
        },
        1 => html! {
            <rect class="chart-marker" x={coord(x - r * 0.9)} y={coord(y - r * 0.9)} width={coord(r * 1.8)} height={coord(r * 1.8)}
                  fill={fill} stroke={stroke} stroke-width={stroke_width} />
        },
        2 => html! {
            <polygon class="chart-marker" points={points(&[(0.0, -1.15), (1.05, 0.75), (-1.05, 0.75)])}
                     fill={fill} stroke={stroke} stroke-width={stroke_width} />
        },
        3 => html! {
            <polygon class="chart-marker" points={points(&[(0.0, -1.2), (1.2, 0.0), (0.0, 1.2), (-1.2, 0.0)])}
                     fill={fill} stroke={stroke} stroke-width={stroke_width} />
        },
        4 => html! {
            <polygon class="chart-marker" points={points(&[(0.0, 1.15), (1.05, -0.75), (-1.05, -0.75)])}
                     fill={fill} stroke={stroke} stroke-width={stroke_width} />
        },
        _ => html! {
            <polygon class="chart-marker"
                     points={points(&[(-0.4, -1.0), (0.4, -1.0), (0.4, -0.4), (1.0, -0.4), (1.0, 0.4), (0.4, 0.4),
                                      (0.4, 1.0), (-0.4, 1.0), (-0.4, 0.4), (-1.0, 0.4), (-1.0, -0.4), (-0.4, -0.4)])}
                     fill={fill} stroke={stroke} stroke-width={stroke_width} />
        },
    }
}

/// A legend key for strategy `i`: its marker and letter in a small SVG.
pub fn legend_key(i: usize) -> Html {
    html! {
        <svg class="chart-legend__marker" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            { marker(i, 8.0, 8.0, 5.5, false) }
        </svg>
    }
}

/// The letter badge of strategy `i` inside an SVG (a coloured square with the letter).
pub fn svg_badge(i: usize, x: f64, y: f64) -> Html {
    html! {
        <g class="series-badge" aria-hidden="true">
            <rect x={coord(x)} y={coord(y - 8.0)} width="16" height="16" rx="3" fill={series_color(i)} />
            <text class="series-badge__text" x={coord(x + 8.0)} y={coord(y + 4.0)} text-anchor="middle"
                  fill={series_text_color(i)}>{ letter(i) }</text>
        </g>
    }
}

/// The letter badge of strategy `i` in HTML.
pub fn html_badge(i: usize) -> Html {
    html! {
        <span class={classes!("series-badge", format!("series-badge--{}", i % PALETTE.len()))} aria-hidden="true">{ letter(i) }</span>
    }
}

/// A focus ring for a mark: invisible until the mark has keyboard focus (CSS).
pub fn focus_ring(x: f64, y: f64, width: f64, height: f64) -> Html {
    html! {
        <rect class="mark__ring" x={coord(x - 3.0)} y={coord(y - 3.0)} width={coord(width + 6.0)} height={coord(height + 6.0)} rx="3" />
    }
}

/// A horizontal whisker (interval) from `x0` to `x1` at `y`, with end caps.
pub fn h_whisker(x0: f64, x1: f64, y: f64, cap: f64) -> Html {
    html! {
        <g class="whisker">
            <line x1={coord(x0)} x2={coord(x1)} y1={coord(y)} y2={coord(y)} />
            <line x1={coord(x0)} x2={coord(x0)} y1={coord(y - cap)} y2={coord(y + cap)} />
            <line x1={coord(x1)} x2={coord(x1)} y1={coord(y - cap)} y2={coord(y + cap)} />
        </g>
    }
}

/// A vertical whisker from `y0` to `y1` at `x`, with end caps.
pub fn v_whisker(y0: f64, y1: f64, x: f64, cap: f64) -> Html {
    html! {
        <g class="whisker">
            <line x1={coord(x)} x2={coord(x)} y1={coord(y0)} y2={coord(y1)} />
            <line x1={coord(x - cap)} x2={coord(x + cap)} y1={coord(y0)} y2={coord(y0)} />
            <line x1={coord(x - cap)} x2={coord(x + cap)} y1={coord(y1)} y2={coord(y1)} />
        </g>
    }
}

/// A chart's frame: heading, one-line description, the SVG and an optional legend.
#[derive(Properties, PartialEq)]
pub struct ChartFrameProps {
    pub id: AttrValue,
    pub title: AttrValue,
    #[prop_or_default]
    pub description: Option<AttrValue>,
    #[prop_or_default]
    pub legend: Html,
    #[prop_or_default]
    pub note: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

/// The name a report's charts are downloaded under: its scenario's. A context of its
/// own, set by the report, so that a chart never redraws for a run's progress.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartScenarioName(pub AttrValue);

/// The heading level of chart titles where they are drawn: 4 under the results'
/// "Charts" (h3), 3 directly under a briefing section (h2), so headings never skip a
/// level. Panels inside a chart (small multiples) are one level below.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChartHeadingLevel(pub u8);

impl ChartHeadingLevel {
    /// The tag of a heading `below` levels under the chart title (h2 to h6).
    pub fn tag(self, below: u8) -> &'static str {
        match (self.0 + below).clamp(2, 6) {
            2 => "h2",
            3 => "h3",
            4 => "h4",
            5 => "h5",
            _ => "h6",
        }
    }
}

/// The chart heading level of the surrounding view (4 unless a view says otherwise).
#[hook]
pub fn use_chart_heading_level() -> ChartHeadingLevel {
    use_context::<ChartHeadingLevel>().unwrap_or(ChartHeadingLevel(4))
}

#[function_component]
pub fn ChartFrame(props: &ChartFrameProps) -> Html {
    let title_tag = use_chart_heading_level().tag(0);
    let title_id = format!("{}-title", props.id);
    let description_id = format!("{}-description", props.id);
    let state = use_context::<crate::state::AppContext>();
    let scenario = use_context::<ChartScenarioName>();
    let download = |format: ChartFormat| {
        let id = props.id.to_string();
        let stem = crate::briefing::export::chart_file_stem(
            scenario.as_ref().map_or("", |name| name.0.as_str()),
            &props.title,
        );
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            crate::briefing::export::download_chart(id.clone(), stem.clone(), format, state.clone())
        })
    };
    html! {
        <figure id={props.id.clone()} class="chart" aria-labelledby={title_id.clone()}
                aria-describedby={props.description.as_ref().map(|_| description_id.clone())}>
            <figcaption class="chart__caption">
                <div class="chart__downloads">
                    { for [ChartFormat::Svg, ChartFormat::Png].into_iter().map(|format| html! {
                        <button type="button" class="button button--quiet chart__download" data-download={format.key()}
                                aria-label={format!("{}: download the chart \"{}\"", format.label(), props.title)}
                                onclick={download(format)}>
                            { format.label() }
                        </button>
                    }) }
                </div>
                <@{title_tag} id={title_id} class="chart__title">{ props.title.clone() }</@>
                if let Some(description) = &props.description {
                    <p id={description_id} class="chart__description">{ description.clone() }</p>
                }
            </figcaption>
            { props.children.clone() }
            { props.legend.clone() }
            if let Some(note) = &props.note {
                <p class="chart__note">{ note.clone() }</p>
            }
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(nice_ticks(0.0, 0.037, 5), vec![0.0, 0.01, 0.02, 0.03, 0.04]);
        let t = nice_ticks(0.0, 175_470.0, 5);
        assert_eq!(t.first(), Some(&0.0));
        assert!(*t.last().unwrap() >= 175_470.0);
        assert!(t.len() <= 7);
        assert_eq!(nice_ticks(f64::NAN, 1.0, 4), nice_ticks(0.0, 1.0, 4));
        assert!(!nice_ticks(0.0, 0.0, 4).is_empty());
    }

    #[test]
    fn letters_and_truncation() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "A2");
        assert_eq!(truncate("Daily fixed window", 40), "Daily fixed window");
        assert_eq!(
            truncate("Intelligence surges + weekly floor", 12),
            "Intelligenc…"
        );
    }

    #[test]
    fn scales_clamp() {
        let s = Linear::new((0.0, 10.0), (100.0, 200.0));
        assert_eq!(s.map(5.0), 150.0);
        assert_eq!(s.map(-5.0), 100.0);
        assert_eq!(s.map(f64::NAN), 100.0);
        let degenerate = Linear::new((3.0, 3.0), (0.0, 10.0));
        assert!(degenerate.map(3.0).is_finite());
    }
}
