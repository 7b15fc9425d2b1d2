//! The comparison table: strategies as columns, one row per figure, the best value of
//! each row marked (a star, a tint and `data-best="true"`, so it is not carried by
//! colour alone). Every number carries its full-precision value in `data-value`.

use std::rc::Rc;

use egress_core::summary::Summary;
use yew::prelude::*;

use super::charts::{html_badge, letter};
use super::format::{MISSING, excludes_zero, interval_range, raw};
use super::metrics::{Better, GROUPS, Metric, best_of, value_of};
use super::scroll_frame::ScrollFrame;
use crate::hooks::{ByRc, use_deferred};

#[derive(Properties, PartialEq)]
pub struct KpiTableProps {
    pub summary: Rc<Summary>,
    /// The table's id (`kpi-table` unless a page shows several).
    #[prop_or(AttrValue::Static("kpi-table"))]
    pub id: AttrValue,
    /// The strategies shown, as columns in this order; all of them when `None`. The best
    /// value of a row is still the best of all strategies (a printed page splits a wide
    /// table into several with the baseline repeated).
    #[prop_or_default]
    pub columns: Option<Rc<Vec<usize>>>,
}

/// The columns to show: the given ones that exist, or all strategies.
fn shown_columns(summary: &Summary, columns: Option<&Rc<Vec<usize>>>) -> Vec<usize> {
    match columns {
        Some(list) => list
            .iter()
            .copied()
            .filter(|&k| k < summary.strategies.len())
            .collect(),
        None => (0..summary.strategies.len()).collect(),
    }
}

fn better_text(better: Better) -> &'static str {
    match better {
        Better::Higher => "higher is better",
        Better::Lower => "lower is better",
        Better::Neither => "",
    }
}

fn row(metric: &Metric, summary: &Summary, columns: &[usize]) -> Html {
    let values: Vec<_> = summary
        .strategies
        .iter()
        .map(|s| value_of(metric, s))
        .collect();
    let best = best_of(
        &values.iter().map(|v| v.map(|i| i.mean)).collect::<Vec<_>>(),
        metric.better,
    );
    let unit = metric.unit;
    let cells = columns.iter().map(|&k| {
        let value = &values[k];
        let is_best = best.contains(&k);
        let baseline_row = metric.key.starts_with("versus_baseline") && k == 0;
        match value {
            Some(i) => {
                let text = if metric.delta {
                    unit.format_delta(i.mean)
                } else {
                    unit.format(i.mean)
                };
                let range = if metric.delta {
                    (i.n > 1 && i.low.is_finite() && i.high.is_finite() && i.high > i.low)
                        .then(|| unit.range_delta(i.low, i.high))
                } else {
                    interval_range(unit, i)
                };
                let excludes = if metric.delta { excludes_zero(i) } else { None };
                let point = metric.field == super::metrics::Field::Value;
                html! {
                    <td class={classes!("kpi__cell", is_best.then_some("kpi__cell--best"))}
                        data-metric={metric.key} data-field={metric.field.name()} data-strategy={k.to_string()}
                        data-value={raw(i.mean)}
                        data-low={(!point).then(|| raw(i.low))} data-high={(!point).then(|| raw(i.high))}
                        data-n={(!point).then(|| i.n.to_string())}
                        data-best={is_best.then_some("true")}
                        data-excludes-zero={excludes.map(|e| e.to_string())}>
                        <span class="kpi__value">
                            { text }
                            if is_best {
                                <span class="kpi__best" title={format!("Best of the row ({})", better_text(metric.better))}>
                                    <span aria-hidden="true">{ " ★" }</span>
                                    <span class="visually-hidden">{ " (best)" }</span>
                                </span>
                            }
                        </span>
                        if let Some(range) = range {
                            <span class="kpi__range">{ range }</span>
                        }
                        if let Some(excludes) = excludes {
                            <span class={classes!("kpi__verdict", excludes.then_some("kpi__verdict--real"))}>
                                { if excludes { "interval excludes 0" } else { "interval includes 0" } }
                            </span>
                        }
                    </td>
                }
            }
            None => html! {
                <td class="kpi__cell kpi__cell--missing" data-metric={metric.key} data-field={metric.field.name()}
                    data-strategy={k.to_string()} data-missing="true">
                    <span class="kpi__value">{ if baseline_row { "baseline" } else { MISSING } }</span>
                </td>
            },
        }
    });
    html! {
        <tr key={metric.key} data-metric={metric.key}>
            <th scope="row" class="kpi__metric" title={metric.help}>
                <span class="kpi__label">{ metric.label }</span>
                if metric.better != Better::Neither {
                    <span class="kpi__hint">{ better_text(metric.better) }</span>
                }
            </th>
            { for cells }
        </tr>
    }
}

#[derive(Properties)]
struct KpiGroupProps {
    /// Index in `GROUPS`.
    index: usize,
    summary: Rc<Summary>,
    columns: Rc<Vec<usize>>,
}

impl PartialEq for KpiGroupProps {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
            && Rc::ptr_eq(&self.summary, &other.summary)
            && self.columns == other.columns
    }
}

/// One block of rows, drawn in a task of its own (a new summary arrives a few times a
/// second during a run; see `sections`).
#[function_component]
fn KpiGroup(props: &KpiGroupProps) -> Html {
    let Some(group) = GROUPS.get(props.index) else {
        return Html::default();
    };
    let latest = ByRc(props.summary.clone());
    let shown = use_deferred(latest.clone(), 20 * props.index as u32, 0.0);
    let pending = shown.as_ref() != Some(&latest);
    let rows = shown.map(|ByRc(summary)| {
        let columns = shown_columns(&summary, Some(&props.columns));
        group
            .metrics
            .iter()
            .map(|m| row(m, &summary, &columns))
            .collect::<Html>()
    });
    html! {
        <tbody class="kpi__group" data-group={group.id} data-pending={pending.then_some("true")}>
            <tr class="kpi__group-row">
                // The title in its own box so it stays in view when the table scrolls
                // sideways (the cell spans the whole width and cannot stick).
                <th scope="colgroup" colspan={(props.columns.len() + 1).to_string()}>
                    <span class="kpi__group-title">{ group.title }</span>
                </th>
            </tr>
            { rows }
        </tbody>
    }
}

#[function_component]
pub fn KpiTable(props: &KpiTableProps) -> Html {
    let summary = &props.summary;
    let columns = Rc::new(shown_columns(summary, props.columns.as_ref()));
    let caption_id = format!("{}-caption", props.id);
    // A page that splits the table names each part's strategies: the caption names the
    // scrolling region, and two regions with one name cannot be told apart.
    let which = match &props.columns {
        Some(_) => format!(
            " {}",
            columns
                .iter()
                .map(|&k| letter(k))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => String::new(),
    };
    html! {
        <ScrollFrame labelledby={caption_id.clone()}>
            <table id={props.id.clone()} class="kpi">
                <caption id={caption_id} class="visually-hidden">
                    { format!("Comparison of the strategies{which}: means per year with 95% intervals; ★ marks the best value of a row") }
                </caption>
                <thead>
                    <tr>
                        <th scope="col" class="kpi__corner">{ "Per year" }</th>
                        { for columns.iter().map(|&k| (k, &summary.strategies[k])).map(|(k, s)| html! {
                            <th scope="col" class="kpi__strategy" data-strategy={k.to_string()}>
                                { html_badge(k) }
                                <span class="kpi__strategy-name" title={s.name.clone()}>{ s.name.clone() }</span>
                                if k == 0 {
                                    <span class="results-tag">{ "Baseline" }</span>
                                }
                            </th>
                        }) }
                    </tr>
                </thead>
                { for (0..GROUPS.len()).map(|index| html! {
                    <KpiGroup key={index} {index} summary={summary.clone()} columns={columns.clone()} />
                }) }
            </table>
        </ScrollFrame>
    }
}
