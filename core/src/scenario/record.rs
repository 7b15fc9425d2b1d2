//! Recorded outbound seizures under today's practice (the baseline strategy): what a
//! calibration anchors the unknown prevalence to. Optional in a scenario.

use super::{Contraband, Problem, Scenario};
use serde::{Deserialize, Serialize};

/// Seizures on record, each entry with its own source and years.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SeizureRecord {
    /// How the record is named in reports ("OIG FY2018–22").
    pub label: String,
    pub entries: Vec<RecordEntry>,
    /// How the recorded counts vary around their mean; absent means Poisson.
    #[serde(default, skip_serializing_if = "CountModel::is_poisson")]
    pub model: CountModel,
}

/// The statistical model of recorded seizures, year to year.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Default)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum CountModel {
    /// Independent seizures at a steady rate: variance = mean.
    #[default]
    Poisson,
    /// Seizures that come in runs (a network broken up, an enforcement push) vary more:
    /// negative binomial with variance = `dispersion` × mean (1 is Poisson).
    NegativeBinomial { dispersion: f64 },
}

/// The most over-dispersion a record may state.
pub const MAX_DISPERSION: f64 = 100.0;

impl CountModel {
    pub fn is_poisson(&self) -> bool {
        *self == CountModel::Poisson
    }

    /// Variance ÷ mean of a recorded count.
    pub fn dispersion(&self) -> f64 {
        match *self {
            CountModel::Poisson => 1.0,
            CountModel::NegativeBinomial { dispersion } => dispersion,
        }
    }
}

/// Seizures of one contraband type in one place, a year on average over the years.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RecordEntry {
    pub contraband: Contraband,
    /// A field office the entry covers; with neither this nor `crossing`, the entry is
    /// compared with every crossing of the scenario together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_office: Option<String>,
    /// A crossing id the entry covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crossing: Option<String>,
    /// Amount seized a year in the contraband's unit (USD, firearms, rounds, kg).
    pub amount_per_year: f64,
    /// Seizure events a year, where the source counts them; calibration then uses the
    /// count instead of the amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seizures_per_year: Option<f64>,
    /// First and last (fiscal) year the average covers.
    pub first_year: u32,
    pub last_year: u32,
    pub source: String,
}

impl RecordEntry {
    pub fn years(&self) -> f64 {
        f64::from(self.last_year.saturating_sub(self.first_year) + 1)
    }

    /// Covers every crossing of the scenario.
    pub fn is_whole_scenario(&self) -> bool {
        self.field_office.is_none() && self.crossing.is_none()
    }

    /// "national", a field office or a crossing, as shown to planners.
    pub fn place(&self) -> String {
        match (&self.crossing, &self.field_office) {
            (Some(c), _) => format!("crossing {c}"),
            (None, Some(f)) => format!("field office {f}"),
            (None, None) => String::from("all crossings"),
        }
    }
}

/// Years a record may cover: the first Federal fiscal year with outbound seizure
/// reporting in CBP's data to the year after this version's data.
pub const YEARS: (u32, u32) = (1990, 2030);

/// Problems with a scenario's record, with the paths the editor highlights.
pub fn check(scenario: &Scenario) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Some(record) = &scenario.record else {
        return problems;
    };
    let mut push = |path: String, message: String| problems.push(Problem { path, message });
    if record.label.trim().is_empty() {
        push(
            String::from("record.label"),
            String::from("must name the record (\"OIG FY2018–22\")"),
        );
    }
    if let CountModel::NegativeBinomial { dispersion } = record.model
        && !(dispersion.is_finite() && (1.0..=MAX_DISPERSION).contains(&dispersion))
    {
        push(
            String::from("record.model.dispersion"),
            format!("must be a variance-to-mean ratio from 1 (Poisson) to {MAX_DISPERSION}"),
        );
    }
    if record.entries.is_empty() {
        push(
            String::from("record.entries"),
            String::from("must list at least one recorded figure"),
        );
    }
    for (i, e) in record.entries.iter().enumerate() {
        let at = |field: &str| format!("record.entries[{i}].{field}");
        if !e.amount_per_year.is_finite() || e.amount_per_year < 0.0 {
            push(
                at("amount_per_year"),
                format!(
                    "must be a number of {} a year, 0 or more",
                    e.contraband.unit()
                ),
            );
        }
        if let Some(n) = e.seizures_per_year
            && (!n.is_finite() || n < 0.0)
        {
            push(
                at("seizures_per_year"),
                String::from("must be a number of seizures a year, 0 or more"),
            );
        }
        for (field, year) in [("first_year", e.first_year), ("last_year", e.last_year)] {
            if !(YEARS.0..=YEARS.1).contains(&year) {
                push(
                    at(field),
                    format!("must be a year from {} to {}", YEARS.0, YEARS.1),
                );
            }
        }
        if e.first_year > e.last_year {
            push(
                at("last_year"),
                format!("must not come before the first year ({})", e.first_year),
            );
        }
        if e.source.trim().is_empty() {
            push(
                at("source"),
                String::from("must say where the figure comes from"),
            );
        }
        if let Some(c) = &e.crossing
            && !scenario.crossings.iter().any(|x| x.id == *c)
        {
            push(
                at("crossing"),
                format!("\"{c}\" is not a crossing of this scenario"),
            );
        }
        if let Some(f) = &e.field_office
            && !scenario.crossings.iter().any(|x| x.field_office == *f)
        {
            push(
                at("field_office"),
                format!("no crossing of this scenario is in field office \"{f}\""),
            );
        }
        if record.entries[..i].iter().any(|o| {
            o.contraband == e.contraband
                && o.crossing == e.crossing
                && o.field_office == e.field_office
        }) {
            push(
                at("contraband"),
                format!(
                    "{} at {} is recorded twice",
                    e.contraband.label(),
                    e.place()
                ),
            );
        }
    }
    problems
}

/// The public records shipped with Egress, by id.
pub fn record_preset(id: &str) -> Option<SeizureRecord> {
    match id {
        "oig-fy2018-22" => Some(SeizureRecord {
            label: String::from("OIG FY2018–22"),
            entries: vec![
                national(
                    Contraband::Firearms,
                    461.0,
                    (2018, 2022),
                    "DHS OIG: CBP outbound seizures FY2018–22, about 461 firearms a year",
                ),
                national(
                    Contraband::Currency,
                    11_600_000.0,
                    (2018, 2022),
                    "DHS OIG: CBP outbound seizures FY2018–22, about $11.6M currency a year",
                ),
            ],
            model: CountModel::Poisson,
        }),
        "gao-21-322" => Some(SeizureRecord {
            label: String::from("GAO-21-322 FY2014–19"),
            entries: vec![national(
                Contraband::Firearms,
                115.0,
                (2014, 2019),
                "GAO-21-322: outbound firearm seizures, about 115 a year FY2014–19",
            )],
            model: CountModel::Poisson,
        }),
        _ => None,
    }
}

/// Ids of the shipped records.
pub const RECORD_PRESETS: &[&str] = &["oig-fy2018-22", "gao-21-322"];

fn national(kind: Contraband, amount: f64, years: (u32, u32), source: &str) -> RecordEntry {
    RecordEntry {
        contraband: kind,
        field_office: None,
        crossing: None,
        amount_per_year: amount,
        seizures_per_year: None,
        first_year: years.0,
        last_year: years.1,
        source: source.to_owned(),
    }
}
