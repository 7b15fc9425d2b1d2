//! The summary as flat rows (strategy, metric, unit, mean, low, high) for CSV files and
//! tables. Cells that a spreadsheet would run as a formula are escaped.

use super::{CrossingSummary, Interval, Proportion, StrategySummary, Summary};
use crate::scenario::{Contraband, Modality};

pub struct MetricRow {
    pub strategy: String,
    pub metric: String,
    pub unit: &'static str,
    pub mean: f64,
    pub low: f64,
    pub high: f64,
}

fn push(
    rows: &mut Vec<MetricRow>,
    strategy: &str,
    metric: impl Into<String>,
    unit: &'static str,
    i: Interval,
) {
    rows.push(MetricRow {
        strategy: strategy.to_string(),
        metric: metric.into(),
        unit,
        mean: i.mean,
        low: i.low,
        high: i.high,
    });
}

fn push_share(rows: &mut Vec<MetricRow>, strategy: &str, metric: &str, p: Proportion) {
    rows.push(MetricRow {
        strategy: strategy.to_string(),
        metric: metric.to_string(),
        unit: "share",
        mean: p.rate,
        low: p.low,
        high: p.high,
    });
}

pub fn metric_rows(summary: &Summary) -> Vec<MetricRow> {
    let mut rows = Vec::new();
    for s in &summary.strategies {
        strategy_rows(&mut rows, s);
    }
    rows
}

fn strategy_rows(rows: &mut Vec<MetricRow>, s: &StrategySummary) {
    let n = s.name.as_str();
    push(rows, n, "detection rate", "share", s.detection_rate);
    push_share(
        rows,
        n,
        "detection rate (pooled, Wilson)",
        s.detection_rate_pooled,
    );
    for k in Contraband::ALL {
        push(
            rows,
            n,
            format!("detection rate: {}", k.label()),
            "share",
            *s.detection_by_contraband.get(k),
        );
    }
    for m in Modality::ALL {
        push(
            rows,
            n,
            format!("detection rate: {}", m.label()),
            "share",
            *s.detection_by_modality.get(m),
        );
    }
    for k in Contraband::ALL {
        push(
            rows,
            n,
            format!("seized per year: {}", k.label()),
            k.unit(),
            *s.seized.get(k),
        );
    }
    for k in Contraband::ALL {
        push(
            rows,
            n,
            format!("share interdicted: {}", k.label()),
            "share",
            *s.value_share_interdicted.get(k),
        );
    }
    let c = &s.carriers;
    push(rows, n, "carriers attempting", "carriers/year", c.attempted);
    push(rows, n, "carriers detected", "carriers/year", c.detected);
    push(
        rows,
        n,
        "carriers undetected",
        "carriers/year",
        c.undetected,
    );
    push(rows, n, "carriers displaced", "carriers/year", c.displaced);
    push(rows, n, "carriers deterred", "carriers/year", c.deterred);
    push(
        rows,
        n,
        "carriers disrupted (detected + deterred)",
        "carriers/year",
        c.disrupted,
    );
    push(
        rows,
        n,
        "deterrence rate (of carriers attempting)",
        "share",
        s.deterrence_rate,
    );
    push(
        rows,
        n,
        "displacement rate (of carriers attempting)",
        "share",
        s.displacement_rate,
    );
    push(
        rows,
        n,
        "disruption rate (detected + deterred, of carriers attempting)",
        "share",
        s.disruption_rate,
    );
    push(rows, n, "inspections", "vehicles/year", s.inspections);
    push(rows, n, "hit rate", "seizures/inspection", s.hit_rate);
    push(rows, n, "searches", "vehicles/year", s.searches);
    push(
        rows,
        n,
        "false-alarm searches",
        "vehicles/year",
        s.false_alarm_searches,
    );
    push(rows, n, "officer-hours", "hours/year", s.officer_hours);
    push(
        rows,
        n,
        "officer-hours taken from inbound (regular)",
        "hours/year",
        s.officer_hours_regular,
    );
    push(
        rows,
        n,
        "officer-hours (overtime)",
        "hours/year",
        s.officer_hours_overtime,
    );
    push(
        rows,
        n,
        "officer-hours (hired past the overtime cap)",
        "hours/year",
        s.officer_hours_hired,
    );
    push(rows, n, "budget (full cost)", "USD/year", s.budget.total);
    push(rows, n, "new money", "USD/year", s.budget.new_money);
    push(
        rows,
        n,
        "budget: officers (regular)",
        "USD/year",
        s.budget.officers_regular,
    );
    push(
        rows,
        n,
        "budget: officers (overtime)",
        "USD/year",
        s.budget.officers_overtime,
    );
    push(
        rows,
        n,
        "budget: hours past the overtime cap (hired, loaded rate)",
        "USD/year",
        s.budget.officers_hired,
    );
    push(rows, n, "budget: set-up", "USD/year", s.budget.setup);
    push(rows, n, "budget: NII equipment", "USD/year", s.budget.nii);
    push(
        rows,
        n,
        "budget: NII bought for outbound",
        "USD/year",
        s.budget.nii_bought,
    );
    push(
        rows,
        n,
        "X-ray hours shared with inbound",
        "unit-hours/year",
        s.nii_shared_unit_hours,
    );
    push(
        rows,
        n,
        "budget: traveller delay",
        "USD/year",
        s.budget.traveller_delay,
    );
    push(
        rows,
        n,
        "cost per seizure",
        "USD/seizure",
        s.cost_per_seizure,
    );
    push(
        rows,
        n,
        "mean wait (screened)",
        "seconds",
        s.mean_wait_screened_seconds,
    );
    push(
        rows,
        n,
        "95th percentile wait (screened)",
        "seconds",
        s.p95_wait_screened_seconds,
    );
    push(
        rows,
        n,
        "mean wait (all vehicles)",
        "seconds",
        s.mean_wait_all_seconds,
    );
    push(
        rows,
        n,
        "delay",
        "vehicle-hours/year",
        s.delay_vehicle_hours,
    );
    push(rows, n, "flushed vehicles", "vehicles/year", s.flushed);
    push(
        rows,
        n,
        "flushed share (of vehicles selected)",
        "share",
        s.flushed_share,
    );
    push(
        rows,
        n,
        "P(wait) (of vehicles that met an operation)",
        "share",
        s.p_wait,
    );
    push(rows, n, "outbound exits", "vehicles/year", s.exits);
    push(rows, n, "operations", "operations/year", s.operations);
    push(
        rows,
        n,
        "operations cancelled",
        "operations/year",
        s.operations_cancelled,
    );
    push(rows, n, "operation hours", "hours/year", s.operation_hours);
    push(rows, n, "traffic coverage", "share", s.traffic_coverage);
    if let Some(v) = &s.versus_baseline {
        push(
            rows,
            n,
            "vs baseline: detection rate",
            "share",
            v.detection_rate,
        );
        push(
            rows,
            n,
            "vs baseline: carriers detected",
            "carriers/year",
            v.detected,
        );
        push(rows, n, "vs baseline: budget", "USD/year", v.budget);
        push(
            rows,
            n,
            "vs baseline: officer-hours",
            "hours/year",
            v.officer_hours,
        );
        if let Some(c) = v.cost_per_extra_point {
            push(
                rows,
                n,
                "vs baseline: cost per extra point of detection",
                "USD/year per point",
                c,
            );
        }
    }
}

/// Escapes a text cell against spreadsheet formula injection.
pub fn safe_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// Writes rows whose text cells were already passed through `safe_cell`; numbers are
/// left alone so that negative differences stay numbers.
fn write_csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut write = |record: Vec<String>| {
        // Writing into memory cannot fail.
        let _ = writer.write_record(&record);
    };
    write(header.iter().map(|h| h.to_string()).collect());
    rows.for_each(&mut write);
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn number(x: f64) -> String {
    if x.is_finite() {
        format!("{x}")
    } else {
        String::new()
    }
}

/// One row per strategy and metric: mean and 95% interval.
pub fn metrics_csv(summary: &Summary) -> String {
    write_csv(
        &["strategy", "metric", "unit", "mean", "low", "high"],
        metric_rows(summary).into_iter().map(|r| {
            vec![
                safe_cell(&r.strategy),
                safe_cell(&r.metric),
                r.unit.to_string(),
                number(r.mean),
                number(r.low),
                number(r.high),
            ]
        }),
    )
}

/// The reportable metrics per crossing, field office and border, for every strategy.
pub fn crossings_csv(summary: &Summary) -> String {
    let row = |strategy: &str, level: &str, c: &CrossingSummary| {
        vec![
            safe_cell(strategy),
            level.to_string(),
            safe_cell(&c.id),
            safe_cell(&c.name),
            c.border.map_or(String::new(), |b| b.label().to_string()),
            safe_cell(&c.field_office),
            number(c.exits.mean),
            number(c.operations.mean),
            number(c.operations_per_week),
            number(c.operation_hours.mean),
            number(c.staffing_hours.mean),
            number(c.budget.mean),
            number(c.inspections.mean),
            number(c.carriers.mean),
            number(c.detected.mean),
            number(c.detection_rate.mean),
            number(c.detection_rate.low),
            number(c.detection_rate.high),
        ]
    };
    let mut rows = Vec::new();
    for s in &summary.strategies {
        rows.extend(s.crossings.iter().map(|c| row(&s.name, "crossing", c)));
        rows.extend(
            s.field_offices
                .iter()
                .map(|c| row(&s.name, "field office", c)),
        );
        rows.extend(s.borders.iter().map(|c| row(&s.name, "border", c)));
    }
    write_csv(
        &[
            "strategy",
            "level",
            "id",
            "name",
            "border",
            "field_office",
            "exits_per_year",
            "operations_per_year",
            "operations_per_week",
            "operation_hours_per_year",
            "staffing_hours_per_year",
            "budget_usd_per_year",
            "inspections_per_year",
            "carriers_per_year",
            "detected_per_year",
            "detection_rate",
            "detection_rate_low",
            "detection_rate_high",
        ],
        rows.into_iter(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_escaped() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("+1"), "'+1");
        assert_eq!(safe_cell("-1"), "'-1");
        assert_eq!(safe_cell("@SUM"), "'@SUM");
        assert_eq!(safe_cell("Daily"), "Daily");
    }
}
