//! What sensitivity and robustness measure of a strategy in one replication, and the
//! records of a design arranged by variant, strategy and replication.

use crate::experiment::{Design, UnitRecord};
use crate::metrics::StrategyReplication;
use serde::{Deserialize, Serialize};

/// A figure read off one replication of one strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Detected ÷ attempted carriers.
    DetectionRate,
    /// Full cost a year.
    Budget,
}

impl Measure {
    pub fn label(self) -> &'static str {
        match self {
            Measure::DetectionRate => "detection rate",
            Measure::Budget => "budget a year",
        }
    }

    pub fn of(self, r: &StrategyReplication, per_year: f64) -> f64 {
        match self {
            Measure::DetectionRate => r.detection_rate(),
            Measure::Budget => r.budget.total * per_year,
        }
    }
}

/// `records[variant][strategy]` in replication order (strategies by their index in the
/// variant's scenario; a strategy the design did not ask for stays empty).
pub fn arrange<'a>(
    design: &Design,
    records: &'a [UnitRecord],
) -> Vec<Vec<Vec<&'a StrategyReplication>>> {
    let mut out: Vec<Vec<Vec<&StrategyReplication>>> = design
        .variants
        .iter()
        .map(|v| vec![Vec::new(); v.scenario.strategies.len()])
        .collect();
    for r in records {
        if let Some(unit) = design.unit(r.unit)
            && let Some(list) = out
                .get_mut(unit.variant as usize)
                .and_then(|v| v.get_mut(unit.strategy as usize))
        {
            list.push(&r.record);
        }
    }
    for v in &mut out {
        for list in v.iter_mut() {
            list.sort_by_key(|r| r.replication);
        }
    }
    out
}

/// Replications a year: the scaling of a variant's counts and money.
pub fn per_year(design: &Design, variant: usize) -> f64 {
    365.0 / f64::from(design.variants[variant].scenario.horizon_days.max(1))
}

/// A CSV table; text cells are escaped against spreadsheet formulas, numbers are left
/// as numbers.
pub fn csv_table(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing into memory cannot fail.
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(&row);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A text cell.
pub fn text(t: &str) -> String {
    crate::summary::safe_cell(t)
}

/// A number cell (empty when not finite).
pub fn number(x: f64) -> String {
    if x.is_finite() {
        format!("{x}")
    } else {
        String::new()
    }
}
