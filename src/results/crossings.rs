//! The reportable metrics OIG asked for, per crossing and rolled up per field office and
//! border, for one strategy at a time: a table sorted by clicking (or pressing Enter on)
//! a column header.

use std::cmp::Ordering;
use std::rc::Rc;

use egress_core::summary::{CrossingSummary, Interval, Summary};
use yew::prelude::*;

use super::charts::letter;
use super::format::{MISSING, Unit, has_value, interval_range, raw};
use super::scroll_frame::ScrollFrame;
use crate::hooks::{ByRc, use_deferred};

/// Which rows the table lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Crossings,
    FieldOffices,
    Borders,
}

impl Level {
    const ALL: [Level; 3] = [Level::Crossings, Level::FieldOffices, Level::Borders];

    fn key(self) -> &'static str {
        match self {
            Level::Crossings => "crossings",
            Level::FieldOffices => "field_offices",
            Level::Borders => "borders",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Level::Crossings => "Crossings",
            Level::FieldOffices => "Field offices",
            Level::Borders => "Borders",
        }
    }

    fn name_header(self) -> &'static str {
        match self {
            Level::Crossings => "Crossing",
            Level::FieldOffices => "Field office",
            Level::Borders => "Border",
        }
    }
}

/// A column of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Name,
    Exits,
    Operations,
    OperationsPerWeek,
    OperationHours,
    StaffingHours,
    Budget,
    Inspections,
    Carriers,
    Detected,
    DetectionRate,
}

impl Column {
    pub const ALL: [Column; 11] = [
        Column::Name,
        Column::Exits,
        Column::Operations,
        Column::OperationsPerWeek,
        Column::OperationHours,
        Column::StaffingHours,
        Column::Budget,
        Column::Inspections,
        Column::Carriers,
        Column::Detected,
        Column::DetectionRate,
    ];

    /// The field of `CrossingSummary` (JSON name), used as `data-metric`.
    pub fn key(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Exits => "exits",
            Column::Operations => "operations",
            Column::OperationsPerWeek => "operations_per_week",
            Column::OperationHours => "operation_hours",
            Column::StaffingHours => "staffing_hours",
            Column::Budget => "budget",
            Column::Inspections => "inspections",
            Column::Carriers => "carriers",
            Column::Detected => "detected",
            Column::DetectionRate => "detection_rate",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Column::Name => "Name",
            Column::Exits => "Exits / yr",
            Column::Operations => "Operations / yr",
            Column::OperationsPerWeek => "Ops / week",
            Column::OperationHours => "Operation hours / yr",
            Column::StaffingHours => "Staffing hours / yr",
            Column::Budget => "Budget / yr",
            Column::Inspections => "Inspections / yr",
            Column::Carriers => "Carriers / yr",
            Column::Detected => "Detected / yr",
            Column::DetectionRate => "Detection rate",
        }
    }

    fn unit(self) -> Unit {
        match self {
            Column::Budget => Unit::Money,
            Column::DetectionRate => Unit::Percent,
            _ => Unit::Count(""),
        }
    }

    fn interval(self, c: &CrossingSummary) -> Option<Interval> {
        match self {
            Column::Name => None,
            Column::Exits => Some(c.exits),
            Column::Operations => Some(c.operations),
            Column::OperationsPerWeek => Some(Interval {
                mean: c.operations_per_week,
                low: c.operations_per_week,
                high: c.operations_per_week,
                n: c.operations.n,
            }),
            Column::OperationHours => Some(c.operation_hours),
            Column::StaffingHours => Some(c.staffing_hours),
            Column::Budget => Some(c.budget),
            Column::Inspections => Some(c.inspections),
            Column::Carriers => Some(c.carriers),
            Column::Detected => Some(c.detected),
            Column::DetectionRate => Some(c.detection_rate),
        }
    }

    /// The value sorted on (none for missing values, which sort last).
    fn sort_value(self, c: &CrossingSummary) -> Option<f64> {
        self.interval(c)
            .filter(has_value)
            .map(|i| i.mean)
            .filter(|x| x.is_finite())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Ascending,
    Descending,
}

impl Direction {
    fn aria(self) -> &'static str {
        match self {
            Direction::Ascending => "ascending",
            Direction::Descending => "descending",
        }
    }
}

/// Row order for a column and direction; missing values last, ties by name.
pub fn sorted(
    rows: &[CrossingSummary],
    column: Column,
    direction: Direction,
) -> Vec<&CrossingSummary> {
    let mut out: Vec<&CrossingSummary> = rows.iter().collect();
    out.sort_by(|a, b| {
        let order = match column {
            Column::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            _ => match (column.sort_value(a), column.sort_value(b)) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => return Ordering::Less,
                (None, Some(_)) => return Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
        };
        let order = if direction == Direction::Descending {
            order.reverse()
        } else {
            order
        };
        order.then_with(|| a.name.cmp(&b.name))
    });
    out
}

#[derive(Properties, PartialEq)]
pub struct CrossingTableProps {
    pub summary: Rc<Summary>,
}

#[function_component]
pub fn CrossingTable(props: &CrossingTableProps) -> Html {
    let level = use_state(|| Level::Crossings);
    let strategy = use_state(|| 0usize);
    let sort = use_state(|| (Column::Exits, Direction::Descending));

    let summary = &props.summary;
    let count = summary.strategies.len();
    let k = (*strategy).min(count.saturating_sub(1));
    let Some(s) = summary.strategies.get(k) else {
        return Html::default();
    };
    let rows: &[CrossingSummary] = match *level {
        Level::Crossings => &s.crossings,
        Level::FieldOffices => &s.field_offices,
        Level::Borders => &s.borders,
    };
    let (column, direction) = *sort;

    let on_strategy = {
        let strategy = strategy.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(k) = select.value().parse::<usize>() {
                strategy.set(k);
            }
        })
    };

    let level_buttons = Level::ALL.into_iter().map(|l| {
        let n = match l {
            Level::Crossings => s.crossings.len(),
            Level::FieldOffices => s.field_offices.len(),
            Level::Borders => s.borders.len(),
        };
        let onclick = {
            let level = level.clone();
            Callback::from(move |_: MouseEvent| level.set(l))
        };
        let pressed = *level == l;
        html! {
            <button type="button" class={classes!("segmented__button", pressed.then_some("segmented__button--on"))}
                    aria-pressed={pressed.to_string()} data-level={l.key()} {onclick}>
                { format!("{} ({n})", l.label()) }
            </button>
        }
    });

    let headers = Column::ALL.into_iter().map(|c| {
        let active = c == column;
        let aria = if active { direction.aria() } else { "none" };
        let onclick = {
            let sort = sort.clone();
            Callback::from(move |_: MouseEvent| {
                let (current, dir) = *sort;
                let next = if current == c {
                    match dir {
                        Direction::Ascending => Direction::Descending,
                        Direction::Descending => Direction::Ascending,
                    }
                } else if c == Column::Name {
                    Direction::Ascending
                } else {
                    Direction::Descending
                };
                sort.set((c, next));
            })
        };
        let label = if c == Column::Name { level.name_header() } else { c.label() };
        let arrow = match (active, direction) {
            (false, _) => "↕",
            (true, Direction::Ascending) => "▲",
            (true, Direction::Descending) => "▼",
        };
        html! {
            <th scope="col" class={classes!("crossing-report__head", (c != Column::Name).then_some("num-col"))}
                aria-sort={aria} data-column={c.key()}>
                <button type="button" class="sort-button" {onclick}
                        aria-label={format!("{label}: sort {}", if active && direction == Direction::Descending { "ascending" } else if active { "descending" } else if c == Column::Name { "ascending" } else { "descending" })}>
                    <span>{ label }</span>
                    <span class={classes!("sort-button__arrow", active.then_some("sort-button__arrow--on"))} aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    });

    let chunks = rows.len().div_ceil(CHUNK);
    let body = (0..chunks).map(|chunk| {
        html! {
            <RowChunk key={chunk} {chunk} summary={summary.clone()} strategy={k} level={*level}
                      {column} {direction} />
        }
    });

    html! {
        <div id="crossing-table" class="crossing-report" data-level={level.key()} data-strategy={k.to_string()}
             data-sort={column.key()} data-direction={direction.aria()}>
            <div class="crossing-report__controls">
                <label class="results-field" for="crossing-strategy">
                    <span class="results-field__label">{ "Strategy" }</span>
                    <select id="crossing-strategy" class="select" onchange={on_strategy}>
                        { for summary.strategies.iter().enumerate().map(|(i, st)| html! {
                            <option value={i.to_string()} selected={i == k}>{ format!("{} · {}", letter(i), st.name) }</option>
                        }) }
                    </select>
                </label>
                <div class="segmented" role="group" aria-label="Rows">
                    { for level_buttons }
                </div>
            </div>
            <ScrollFrame class="results-scroll--tall" label="Reportable metrics table">
                <table class="crossing-report__table">
                    <caption class="visually-hidden">
                        { format!("Reportable metrics per {} for strategy {} ({}), means per year; sorted by {} ({})",
                                  level.name_header().to_lowercase(), letter(k), s.name, column.key(), direction.aria()) }
                    </caption>
                    <thead><tr>{ for headers }</tr></thead>
                    { for body }
                </table>
            </ScrollFrame>
        </div>
    }
}

/// Rows per `<tbody>` drawn in one task (see `RowChunk`).
const CHUNK: usize = 30;

/// One row of the table.
fn row_html(c: &CrossingSummary, level: Level) -> Html {
    let cells = Column::ALL.into_iter().skip(1).map(|col| {
        let unit = col.unit();
        let value = col
            .interval(c)
            .filter(has_value)
            .filter(|i| i.mean.is_finite());
        match value {
            Some(i) => {
                let title = if col == Column::DetectionRate {
                    interval_range(unit, &i).map(|r| {
                        format!(
                            "Mean over {} replications; 95% interval across replications {r}",
                            i.n
                        )
                    })
                } else {
                    interval_range(unit, &i).map(|r| format!("95% interval {r}"))
                };
                html! {
                    <td class="num-col" data-metric={col.key()} data-value={raw(i.mean)} {title}>
                        { unit.format(i.mean) }
                    </td>
                }
            }
            None => html! {
                <td class="num-col" data-metric={col.key()} data-missing="true">{ MISSING }</td>
            },
        }
    });
    let sub = match level {
        Level::Crossings => Some(format!(
            "{}{}",
            c.field_office,
            c.border
                .map(|b| format!(" · {}", b.label().trim_end_matches(" border")))
                .unwrap_or_default()
        )),
        _ => None,
    };
    html! {
        <tr key={c.id.clone()} data-crossing={c.id.clone()}>
            <th scope="row" class="crossing-report__name">
                <span class="crossing-report__title">{ c.name.clone() }</span>
                if let Some(sub) = sub {
                    <span class="crossing-report__sub">{ sub }</span>
                }
            </th>
            { for cells }
        </tr>
    }
}

#[derive(Properties)]
struct RowChunkProps {
    chunk: usize,
    summary: Rc<Summary>,
    strategy: usize,
    level: Level,
    column: Column,
    direction: Direction,
}

impl PartialEq for RowChunkProps {
    fn eq(&self, other: &Self) -> bool {
        self.chunk == other.chunk
            && Rc::ptr_eq(&self.summary, &other.summary)
            && self.strategy == other.strategy
            && self.level == other.level
            && self.column == other.column
            && self.direction == other.direction
    }
}

/// Rows `chunk × CHUNK ..` of the sorted table. A new summary (a few times a second
/// during a run) is drawn chunk by chunk in tasks of their own, so 111 crossings never
/// block the page; sorting and switching apply at once.
#[function_component]
fn RowChunk(props: &RowChunkProps) -> Html {
    let latest = ByRc(props.summary.clone());
    let shown = use_deferred(latest.clone(), 40 * props.chunk as u32, 0.0);
    let pending = shown.as_ref() != Some(&latest);
    let rows = shown.as_ref().and_then(|ByRc(summary)| {
        let s = summary.strategies.get(props.strategy)?;
        let rows: &[CrossingSummary] = match props.level {
            Level::Crossings => &s.crossings,
            Level::FieldOffices => &s.field_offices,
            Level::Borders => &s.borders,
        };
        let ordered = sorted(rows, props.column, props.direction);
        Some(
            ordered
                .into_iter()
                .skip(props.chunk * CHUNK)
                .take(CHUNK)
                .map(|c| row_html(c, props.level))
                .collect::<Html>(),
        )
    });
    html! {
        <tbody data-chunk={props.chunk.to_string()} data-pending={pending.then_some("true")}>
            { rows.unwrap_or_default() }
        </tbody>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crossing(name: &str, exits: f64, n: u32) -> CrossingSummary {
        CrossingSummary {
            id: name.to_string(),
            name: name.to_string(),
            exits: Interval {
                mean: exits,
                low: exits,
                high: exits,
                n,
            },
            ..Default::default()
        }
    }

    #[test]
    fn sorts_with_missing_last() {
        let rows = vec![
            crossing("b", 5.0, 3),
            crossing("a", 9.0, 3),
            crossing("c", 0.0, 0),
            crossing("d", 1.0, 3),
        ];
        let names = |v: Vec<&CrossingSummary>| v.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(sorted(&rows, Column::Exits, Direction::Descending)),
            ["a", "b", "d", "c"]
        );
        assert_eq!(
            names(sorted(&rows, Column::Exits, Direction::Ascending)),
            ["d", "b", "a", "c"]
        );
        assert_eq!(
            names(sorted(&rows, Column::Name, Direction::Ascending)),
            ["a", "b", "c", "d"]
        );
    }
}
