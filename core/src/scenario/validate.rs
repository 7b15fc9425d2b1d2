//! Validation: every problem at once, each with the field's path and a sentence a
//! planner understands. Only a [`ValidScenario`] reaches the simulation, so the
//! engine can rely on the ranges checked here instead of re-checking them.

use super::*;
use serde::{Deserialize, Serialize};

/// Hard limits that keep any input from exhausting memory or running for hours.
pub struct Limits;

impl Limits {
    pub const CROSSINGS: usize = 200;
    pub const STRATEGIES: usize = 8;
    pub const OVERRIDES: usize = 200;
    pub const WINDOWS: usize = 12;
    pub const HORIZON_DAYS: u32 = 730;
    pub const REPLICATIONS: u32 = 1000;
    pub const ANNUAL_VOLUME: f64 = 50e6;
    pub const PREVALENCE_PER_100K: f64 = 1000.0;
    pub const TEXT: usize = 4000;
    /// Names of the scenario, its strategies and crossings: they head table columns,
    /// chart legends and briefing lines, where a longer name cannot be read whole.
    pub const NAME: usize = 80;
    /// Descriptions of the scenario and its strategies: shown whole in the editor and
    /// the briefing, a paragraph, not a document.
    pub const DESCRIPTION: usize = 1000;
    /// Vehicles met by an operation, over all strategies and replications.
    pub const VEHICLE_STOPS: f64 = 2e10;
    /// Carriers generated in one replication (each is held in memory).
    pub const CARRIERS_PER_REPLICATION: f64 = 2e6;
}

/// Ranges of the whole-number fields, `(lowest, highest)`: the editor says them to a
/// planner whose text does not parse, so they live here, next to the check.
pub struct Ranges;

impl Ranges {
    pub const HORIZON_DAYS: (u32, u32) = (1, Limits::HORIZON_DAYS);
    pub const REPLICATIONS: (u32, u32) = (2, Limits::REPLICATIONS);
    pub const LANES: (u32, u32) = (0, 100);
    pub const STORAGE_PER_LANE: (u32, u32) = (1, 500);
    pub const OFFICERS_PER_SHIFT: (u32, u32) = (0, 500);
    pub const NII_UNITS: (u32, u32) = (0, 50);
    pub const SECONDARY_BAYS: (u32, u32) = (1, 200);
    pub const MAX_RETRIES: (u32, u32) = (0, 10);
    pub const BUSIEST_HOURS: (u32, u32) = (1, 24);
    pub const OPERATIONS_PER_WEEK: (u32, u32) = (1, 50);
    pub const OPERATIONS_PER_MONTH: (u32, u32) = (1, 200);
    pub const SURGE_DAYS: (u32, u32) = (1, 60);
    pub const TEAMS: (u32, u32) = (1, 50);
    pub const CREW_SIZE: (u32, u32) = (2, 3);
    /// The programme's floor (minimum operations a week at every planned crossing).
    pub const PROGRAMME_FLOOR: (u32, u32) = (0, 50);
    /// The optimiser's first stage and most replications of a candidate.
    pub const PROGRAMME_REPLICATIONS: (u32, u32) = (2, 1000);

    /// The range every number field of `scenario` is checked against, by validation
    /// path (`"costs.shift_hours"` → `(4.0, 16.0)`), in the scenario's own units
    /// (fractions, not percentages). Recorded by the checks themselves as they run, so
    /// the editor says exactly the range it will be held to, decimal fields included.
    pub fn of(scenario: &Scenario) -> std::collections::BTreeMap<String, (f64, f64)> {
        let mut check = Check::default();
        check.scenario(scenario);
        check.ranges.into_iter().collect()
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A scenario that passed validation. The only way to build one is [`validate`].
#[derive(Clone, Debug, PartialEq)]
pub struct ValidScenario(Scenario);

impl ValidScenario {
    pub fn scenario(&self) -> &Scenario {
        &self.0
    }
    pub fn into_inner(self) -> Scenario {
        self.0
    }
}

impl std::ops::Deref for ValidScenario {
    type Target = Scenario;
    fn deref(&self) -> &Scenario {
        &self.0
    }
}

pub fn validate(scenario: Scenario) -> Result<ValidScenario, Vec<Problem>> {
    let mut check = Check::default();
    check.scenario(&scenario);
    if let Some(programme) = &scenario.programme {
        let ids: Vec<&str> = scenario.crossings.iter().map(|c| c.id.as_str()).collect();
        check
            .problems
            .extend(super::programme::problems(programme, &ids));
    }
    if check.problems.is_empty() {
        let stops = estimated_vehicle_stops(&scenario);
        if stops > Limits::VEHICLE_STOPS {
            check.push(
                "replications",
                format!(
                    "this run would stop about {:.1e} vehicles (limit {:.0e}); use fewer replications, a shorter horizon or less operation time",
                    stops,
                    Limits::VEHICLE_STOPS
                ),
            );
        }
        let carriers = expected_carriers(&scenario);
        if carriers > Limits::CARRIERS_PER_REPLICATION {
            check.push(
                "threat.contraband",
                format!(
                    "prevalence this high means about {:.1e} carriers per replication (limit {:.0e})",
                    carriers,
                    Limits::CARRIERS_PER_REPLICATION
                ),
            );
        }
    }
    if check.problems.is_empty() {
        Ok(ValidScenario(scenario))
    } else {
        Err(check.problems)
    }
}

/// Parses JSON of any released scenario format (older ones are moved forward by
/// `migrate`) and validates it; a parse error becomes a single problem that names the
/// field when serde knows it, so a wrong type reads like a validation problem.
pub fn parse_and_validate(json: &str) -> Result<ValidScenario, Vec<Problem>> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| {
        vec![Problem {
            path: String::from("(file)"),
            message: format!("not a readable scenario: {e}"),
        }]
    })?;
    let scenario = super::migrate::read_value(value).map_err(|p| vec![p])?;
    validate(scenario)
}

/// Share of the time a plan keeps an operation running (an upper bound used to size runs).
pub fn expected_operation_share(plan: &Plan) -> f64 {
    let days_share = |days: &[bool; 7]| days.iter().filter(|d| **d).count() as f64 / 7.0;
    let share = match &plan.schedule {
        Schedule::None => 0.0,
        Schedule::DailyFixed { windows, days } => {
            windows.iter().map(|w| w.duration_hours).sum::<f64>() / 24.0 * days_share(days)
        }
        Schedule::DailyRandom {
            duration_hours,
            days,
            ..
        } => duration_hours / 24.0 * days_share(days),
        Schedule::PeakTime {
            busiest_hours,
            days,
        } => f64::from(*busiest_hours) / 24.0 * days_share(days),
        Schedule::PulseRandom {
            operations,
            per,
            duration_hours,
        } => f64::from(*operations) * duration_hours / (per.days() * 24.0),
        Schedule::PulseIntel {
            false_alarms_per_year,
            surge_days,
            duration_hours,
            ..
        } => {
            (false_alarms_per_year + 12.0) * f64::from(*surge_days) * duration_hours
                / (365.0 * 24.0)
        }
        Schedule::Continuous => 1.0,
        Schedule::Mixed {
            operations_per_week,
            duration_hours,
            ..
        } => f64::from(*operations_per_week) * duration_hours / (7.0 * 24.0),
    };
    let floor = plan
        .min_frequency
        .map_or(0.0, |m| m.duration_hours / (m.max_gap_days * 24.0));
    (share + floor).min(1.0)
}

fn estimated_vehicle_stops(s: &Scenario) -> f64 {
    let years = f64::from(s.horizon_days) / 365.0;
    let mut total = 0.0;
    for strategy in &s.strategies {
        for crossing in &s.crossings {
            let plan = strategy.plan_for(crossing);
            let volume: f64 = Modality::ALL
                .iter()
                .filter(|m| *plan.modalities.get(**m))
                .map(|m| {
                    crossing.annual_inbound.get(*m) * s.traffic.modalities.get(*m).outbound_factor
                })
                .sum();
            total += volume * expected_operation_share(plan);
        }
    }
    total * years * f64::from(s.replications)
}

fn expected_carriers(s: &Scenario) -> f64 {
    let years = f64::from(s.horizon_days) / 365.0;
    let wave_boost = 1.0
        + s.threat.waves.per_year * s.threat.waves.duration_days / 365.0
            * (s.threat.waves.multiplier - 1.0);
    let mut total = 0.0;
    for crossing in &s.crossings {
        for m in Modality::ALL {
            let volume =
                crossing.annual_inbound.get(m) * s.traffic.modalities.get(m).outbound_factor;
            let per_100k: f64 = s
                .threat
                .contraband
                .iter()
                .map(|(_, t)| t.prevalence_per_100k.get(m))
                .sum();
            total += volume * per_100k / 1e5;
        }
    }
    total * years * wave_boost
}

/// Clock time for messages: 6.5 → "06:30".
fn clock(hour: f64) -> String {
    let minutes = libm::round(hour * 60.0) as i64;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[derive(Default)]
struct Check {
    problems: Vec<Problem>,
    /// Each number field's accepted range, as checked (see [`Ranges::of`]).
    ranges: Vec<(String, (f64, f64))>,
}

fn fmt_num(x: f64) -> String {
    if x.abs() >= 1e6 {
        format!("{x:.0e}")
    } else {
        format!("{x}")
    }
}

impl Check {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

    fn range(&mut self, path: impl Into<String>, value: f64, low: f64, high: f64) {
        let path = path.into();
        self.ranges.push((path.clone(), (low, high)));
        if !value.is_finite() || value < low || value > high {
            self.push(
                path,
                format!("must be between {} and {}", fmt_num(low), fmt_num(high)),
            );
        }
    }

    fn count(&mut self, path: impl Into<String>, value: u32, (low, high): (u32, u32)) {
        let path = path.into();
        self.ranges
            .push((path.clone(), (f64::from(low), f64::from(high))));
        if value < low || value > high {
            self.push(path, format!("must be a whole number from {low} to {high}"));
        }
    }

    fn probability(&mut self, path: impl Into<String>, value: f64) {
        let path = path.into();
        self.ranges.push((path.clone(), (0.0, 1.0)));
        if !value.is_finite() || !(0.0..=1.0).contains(&value) {
            self.push(path, "must be a share between 0 and 1 (0% to 100%)");
        }
    }

    fn text(&mut self, path: &str, value: &str, required: bool) {
        self.capped_text(path, value, required, Limits::TEXT);
    }

    fn capped_text(&mut self, path: &str, value: &str, required: bool, cap: usize) {
        let length = value.chars().count();
        if required && value.trim().is_empty() {
            self.push(path, "must not be empty");
        } else if length > cap {
            self.push(
                path,
                format!("is too long ({length} characters; at most {cap})"),
            );
        }
    }

    fn name(&mut self, path: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(path, "must not be empty");
        } else if value.chars().count() > Limits::NAME {
            self.push(
                path,
                format!(
                    "is too long ({} characters; at most {})",
                    value.chars().count(),
                    Limits::NAME
                ),
            );
        }
    }

    fn profile(&mut self, path: &str, values: &[f64]) {
        if values.iter().any(|v| !v.is_finite() || *v < 0.0) {
            self.push(path, "every entry must be zero or more");
        } else if values.iter().sum::<f64>() <= 0.0 {
            self.push(path, "at least one entry must be above zero");
        }
    }

    fn shares(&mut self, path: &str, values: &[f64]) {
        if values
            .iter()
            .any(|v| !v.is_finite() || *v < 0.0 || *v > 1.0)
        {
            self.push(path, "every share must be between 0 and 1");
        } else if (values.iter().sum::<f64>() - 1.0).abs() > 1e-6 {
            self.push(path, "shares must add up to 100%");
        }
    }

    fn scenario(&mut self, s: &Scenario) {
        if s.version != SCENARIO_VERSION {
            self.push(
                "version",
                format!(
                    "scenario format {} is not known to this version of Egress (expected {SCENARIO_VERSION})",
                    s.version
                ),
            );
        }
        self.name("name", &s.name);
        self.capped_text("description", &s.description, false, Limits::DESCRIPTION);
        self.text("question", &s.question, false);
        self.count("horizon_days", s.horizon_days, Ranges::HORIZON_DAYS);
        self.count("replications", s.replications, Ranges::REPLICATIONS);
        self.problems.extend(super::record::check(s));
        self.problems.extend(super::assurance::check(s));

        if s.crossings.is_empty() || s.crossings.len() > Limits::CROSSINGS {
            self.push(
                "crossings",
                format!("must list 1 to {} crossings", Limits::CROSSINGS),
            );
        }
        for (i, c) in s.crossings.iter().enumerate() {
            self.crossing(&format!("crossings[{i}]"), c);
            if s.crossings[..i].iter().any(|o| o.id == c.id) {
                self.push(
                    format!("crossings[{i}].id"),
                    format!("\"{}\" is used by another crossing", c.id),
                );
            }
        }
        self.traffic(&s.traffic);
        self.threat(&s.threat);
        self.adversary(&s.adversary);
        self.inspection(&s.inspection);
        self.costs(&s.costs);

        if s.strategies.is_empty() || s.strategies.len() > Limits::STRATEGIES {
            self.push(
                "strategies",
                format!("must list 1 to {} strategies", Limits::STRATEGIES),
            );
        }
        for (i, strategy) in s.strategies.iter().enumerate() {
            let path = format!("strategies[{i}]");
            self.name(&format!("{path}.name"), &strategy.name);
            self.capped_text(
                &format!("{path}.description"),
                &strategy.description,
                false,
                Limits::DESCRIPTION,
            );
            if s.strategies[..i].iter().any(|o| o.name == strategy.name) {
                self.push(format!("{path}.name"), "another strategy has this name");
            }
            self.plan(&format!("{path}.plan"), &strategy.plan);
            if strategy.overrides.len() > Limits::OVERRIDES {
                self.push(
                    format!("{path}.overrides"),
                    format!("at most {} overrides", Limits::OVERRIDES),
                );
            }
            for (j, o) in strategy.overrides.iter().enumerate() {
                let opath = format!("{path}.overrides[{j}]");
                if o.applies_to.is_empty() {
                    self.push(
                        format!("{opath}.applies_to"),
                        "names no crossing: choose a border, a field office or crossings (to change every crossing, edit the strategy's own plan)",
                    );
                } else if !s.crossings.iter().any(|c| o.applies_to.matches(c)) {
                    self.push(
                        format!("{opath}.applies_to"),
                        "matches none of the scenario's crossings",
                    );
                }
                for (k, id) in o.applies_to.crossing_ids.iter().enumerate() {
                    if !s.crossings.iter().any(|c| &c.id == id) {
                        self.push(
                            format!("{opath}.applies_to.crossing_ids[{k}]"),
                            format!("no crossing has the id \"{id}\""),
                        );
                    }
                }
                self.plan(&format!("{opath}.plan"), &o.plan);
            }
        }
    }

    /// The daily operating hours, and that what the plan places in them fits: each
    /// operation placed at random, and N operations a period without overlapping.
    fn operating_hours(&mut self, path: &str, p: &Plan) {
        let oh = p.operating_hours;
        let ohp = format!("{path}.operating_hours");
        let before = self.problems.len();
        self.range(format!("{ohp}.from_hour"), oh.from_hour, 0.0, 23.75);
        self.range(format!("{ohp}.to_hour"), oh.to_hour, 0.25, 24.0);
        if self.problems.len() == before && oh.to_hour <= oh.from_hour {
            self.push(
                format!("{ohp}.to_hour"),
                "must be after the start of the operating hours (same day)",
            );
        }
        if self.problems.len() > before {
            return;
        }
        let window = format!("{}–{}", clock(oh.from_hour), clock(oh.to_hour));
        let sp = format!("{path}.schedule");
        let fits = |check: &mut Check, field: String, duration: f64| {
            let ok = (0.25..=24.0).contains(&duration) && duration <= oh.hours() + 1e-9;
            if (0.25..=24.0).contains(&duration) && !ok {
                check.push(
                    field,
                    format!(
                        "an operation this long does not fit in the operating hours ({window})"
                    ),
                );
            }
            ok
        };
        match p.schedule {
            Schedule::PulseRandom {
                operations,
                per,
                duration_hours,
            } => {
                let most = oh.fit_per_day(duration_hours) * per.fewest_days();
                if fits(self, format!("{sp}.duration_hours"), duration_hours) && operations > most {
                    let period = match per {
                        Period::Week => "week",
                        Period::Month => "28-day month",
                    };
                    self.push(
                        format!("{sp}.operations"),
                        format!(
                            "at most {most} operations of this length fit in the operating hours ({window}) of a {period} without overlapping"
                        ),
                    );
                }
            }
            Schedule::PulseIntel { duration_hours, .. } => {
                fits(self, format!("{sp}.duration_hours"), duration_hours);
            }
            _ => {}
        }
        if let Some(m) = p.min_frequency {
            fits(
                self,
                format!("{path}.min_frequency.duration_hours"),
                m.duration_hours,
            );
        }
    }

    fn crossing(&mut self, path: &str, c: &Crossing) {
        self.text(&format!("{path}.id"), &c.id, true);
        self.name(&format!("{path}.name"), &c.name);
        // A field office heads groups in the per-crossing table, like a name.
        self.capped_text(
            &format!("{path}.field_office"),
            &c.field_office,
            false,
            Limits::NAME,
        );
        self.range(format!("{path}.lat"), c.lat, -90.0, 90.0);
        self.range(format!("{path}.lon"), c.lon, -180.0, 180.0);
        for (m, v) in c.annual_inbound.iter() {
            self.range(
                format!("{path}.annual_inbound.{}", m.key()),
                *v,
                0.0,
                Limits::ANNUAL_VOLUME,
            );
        }
        for (m, v) in c.lanes.iter() {
            self.count(format!("{path}.lanes.{}", m.key()), *v, Ranges::LANES);
        }
        self.count(
            format!("{path}.storage_per_lane"),
            c.storage_per_lane,
            Ranges::STORAGE_PER_LANE,
        );
        self.count(
            format!("{path}.secondary_bays"),
            c.secondary_bays,
            Ranges::SECONDARY_BAYS,
        );
        self.count(
            format!("{path}.officers_per_shift"),
            c.officers_per_shift,
            Ranges::OFFICERS_PER_SHIFT,
        );
        self.count(format!("{path}.nii_units"), c.nii_units, Ranges::NII_UNITS);
        self.count(
            format!("{path}.nii_units_bought"),
            c.nii_units_bought,
            Ranges::NII_UNITS,
        );
        self.probability(format!("{path}.connectivity_uptime"), c.connectivity_uptime);
    }

    fn traffic(&mut self, t: &Traffic) {
        for (m, mt) in t.modalities.iter() {
            let path = format!("traffic.modalities.{}", m.key());
            self.range(
                format!("{path}.outbound_factor"),
                mt.outbound_factor,
                0.0,
                5.0,
            );
            self.probability(format!("{path}.trusted_share"), mt.trusted_share);
            self.profile(&format!("{path}.weekday_profile"), &mt.weekday_profile);
            self.profile(&format!("{path}.hour_profile"), &mt.hour_profile);
        }
        for (b, months) in t.month_profile.iter() {
            self.profile(&format!("traffic.month_profile.{}", b.key()), months);
        }
    }

    fn threat(&mut self, t: &Threat) {
        for (k, ct) in t.contraband.iter() {
            let path = format!("threat.contraband.{}", k.key());
            for (m, v) in ct.prevalence_per_100k.iter() {
                self.range(
                    format!("{path}.prevalence_per_100k.{}", m.key()),
                    *v,
                    0.0,
                    Limits::PREVALENCE_PER_100K,
                );
            }
            self.range(format!("{path}.amount.median"), ct.amount.median, 1e-3, 1e9);
            self.range(format!("{path}.amount.p90"), ct.amount.p90, 1e-3, 1e9);
            if ct.amount.p90 < ct.amount.median {
                self.push(format!("{path}.amount.p90"), "must be at least the median");
            }
            let shares: Vec<f64> = ct.concealment.iter().map(|(_, v)| *v).collect();
            self.shares(&format!("{path}.concealment"), &shares);
        }
        self.range("threat.waves.per_year", t.waves.per_year, 0.0, 52.0);
        self.range(
            "threat.waves.duration_days",
            t.waves.duration_days,
            0.5,
            90.0,
        );
        self.range("threat.waves.multiplier", t.waves.multiplier, 1.0, 100.0);
        self.probability("threat.trusted_carrier_share", t.trusted_carrier_share);
    }

    fn adversary(&mut self, a: &Adversary) {
        self.probability("adversary.adaptive_share", a.adaptive_share);
        self.probability("adversary.learning_share", a.learning_share);
        self.range("adversary.learning_days", a.learning_days, 0.0, 365.0);
        self.probability("adversary.spotting_probability", a.spotting_probability);
        let r = a.on_spotting;
        self.shares(
            "adversary.on_spotting",
            &[r.wait, r.move_crossing, r.give_up],
        );
        self.range("adversary.wait_hours", a.wait_hours, 0.1, 168.0);
        self.count("adversary.max_retries", a.max_retries, Ranges::MAX_RETRIES);
        self.range("adversary.travel_speed_kmh", a.travel_speed_kmh, 5.0, 130.0);
        self.range("adversary.max_detour_km", a.max_detour_km, 0.0, 5000.0);
    }

    fn detection(&mut self, path: &str, d: &PerConcealment<f64>) {
        for (c, v) in d.iter() {
            self.probability(format!("{path}.{}", c.key()), *v);
        }
    }

    fn inspection(&mut self, i: &Inspection) {
        let iv = &i.interview;
        self.range(
            "inspection.interview.mean_seconds",
            iv.mean_seconds,
            1.0,
            3600.0,
        );
        self.probability(
            "inspection.interview.compartment_share",
            iv.compartment_share,
        );
        self.range(
            "inspection.interview.compartment_mean_seconds",
            iv.compartment_mean_seconds,
            1.0,
            3600.0,
        );
        self.detection("inspection.interview.detection", &iv.detection);
        for (m, v) in i.nii.scan_seconds.iter() {
            self.range(
                format!("inspection.nii.scan_seconds.{}", m.key()),
                *v,
                1.0,
                3600.0,
            );
        }
        self.detection("inspection.nii.sensitivity", &i.nii.sensitivity);
        self.probability("inspection.nii.false_alarm_rate", i.nii.false_alarm_rate);
        self.probability("inspection.nii.availability", i.nii.availability);
        for (m, v) in i.search.minutes.iter() {
            self.range(
                format!("inspection.search.minutes.{}", m.key()),
                *v,
                0.5,
                600.0,
            );
        }
        self.detection("inspection.search.detection", &i.search.detection);
        self.range(
            "inspection.search.crew_of_three_time_share",
            i.search.crew_of_three_time_share,
            0.3,
            1.0,
        );
    }

    fn costs(&mut self, c: &Costs) {
        self.range(
            "costs.loaded_hourly_rate",
            c.loaded_hourly_rate,
            0.0,
            1000.0,
        );
        self.range("costs.basic_hourly_rate", c.basic_hourly_rate, 0.0, 1000.0);
        self.range("costs.overtime_multiplier", c.overtime_multiplier, 1.0, 3.0);
        self.range("costs.shift_hours", c.shift_hours, 4.0, 16.0);
        self.range(
            "costs.overtime_cap_per_officer",
            c.overtime_cap_per_officer,
            0.0,
            1e6,
        );
        self.range(
            "costs.setup_cost_per_operation",
            c.setup_cost_per_operation,
            0.0,
            1e6,
        );
        self.range("costs.nii_capex_per_unit", c.nii_capex_per_unit, 0.0, 1e9);
        self.range("costs.nii_life_years", c.nii_life_years, 1.0, 50.0);
        self.range(
            "costs.nii_opex_per_unit_year",
            c.nii_opex_per_unit_year,
            0.0,
            1e8,
        );
        self.range(
            "costs.nii_shared_hourly_rate",
            c.nii_shared_hourly_rate,
            0.0,
            1e5,
        );
        self.range(
            "costs.value_of_time_per_hour",
            c.value_of_time_per_hour,
            0.0,
            1000.0,
        );
    }

    fn days(&mut self, path: String, days: &[bool; 7]) {
        if !days.iter().any(|d| *d) {
            self.push(path, "pick at least one day of the week");
        }
    }

    fn plan(&mut self, path: &str, p: &Plan) {
        let sp = format!("{path}.schedule");
        match &p.schedule {
            Schedule::None | Schedule::Continuous => {}
            Schedule::DailyFixed { windows, days } => {
                if windows.is_empty() || windows.len() > Limits::WINDOWS {
                    self.push(
                        format!("{sp}.windows"),
                        format!("must list 1 to {} windows", Limits::WINDOWS),
                    );
                }
                for (i, w) in windows.iter().enumerate() {
                    self.range(
                        format!("{sp}.windows[{i}].start_hour"),
                        w.start_hour,
                        0.0,
                        23.99,
                    );
                    self.range(
                        format!("{sp}.windows[{i}].duration_hours"),
                        w.duration_hours,
                        0.25,
                        24.0,
                    );
                }
                self.days(format!("{sp}.days"), days);
            }
            Schedule::DailyRandom {
                duration_hours,
                earliest_start_hour,
                latest_start_hour,
                days,
            } => {
                self.range(format!("{sp}.duration_hours"), *duration_hours, 0.25, 24.0);
                self.range(
                    format!("{sp}.earliest_start_hour"),
                    *earliest_start_hour,
                    0.0,
                    23.99,
                );
                self.range(
                    format!("{sp}.latest_start_hour"),
                    *latest_start_hour,
                    0.0,
                    23.99,
                );
                if latest_start_hour < earliest_start_hour {
                    self.push(
                        format!("{sp}.latest_start_hour"),
                        "must not be before the earliest start hour",
                    );
                }
                self.days(format!("{sp}.days"), days);
            }
            Schedule::PeakTime {
                busiest_hours,
                days,
            } => {
                self.count(
                    format!("{sp}.busiest_hours"),
                    *busiest_hours,
                    Ranges::BUSIEST_HOURS,
                );
                self.days(format!("{sp}.days"), days);
            }
            Schedule::PulseRandom {
                operations,
                per,
                duration_hours,
            } => {
                let range = match per {
                    Period::Week => Ranges::OPERATIONS_PER_WEEK,
                    Period::Month => Ranges::OPERATIONS_PER_MONTH,
                };
                self.count(format!("{sp}.operations"), *operations, range);
                self.range(format!("{sp}.duration_hours"), *duration_hours, 0.25, 24.0);
            }
            Schedule::PulseIntel {
                detection_probability,
                lag_hours,
                false_alarms_per_year,
                surge_days,
                duration_hours,
            } => {
                self.probability(
                    format!("{sp}.detection_probability"),
                    *detection_probability,
                );
                self.range(format!("{sp}.lag_hours"), *lag_hours, 0.0, 720.0);
                self.range(
                    format!("{sp}.false_alarms_per_year"),
                    *false_alarms_per_year,
                    0.0,
                    365.0,
                );
                self.count(format!("{sp}.surge_days"), *surge_days, Ranges::SURGE_DAYS);
                self.range(format!("{sp}.duration_hours"), *duration_hours, 0.25, 24.0);
            }
            Schedule::Mixed {
                hourly_weights,
                operations_per_week,
                duration_hours,
            } => {
                for (h, w) in hourly_weights.iter().enumerate() {
                    if !(w.is_finite() && *w >= 0.0) {
                        self.push(
                            format!("{sp}.hourly_weights[{h}]"),
                            "must be a number of at least 0",
                        );
                    }
                }
                if !hourly_weights.iter().any(|w| *w > 0.0) {
                    self.push(
                        format!("{sp}.hourly_weights"),
                        "give at least one hour a weight above 0",
                    );
                }
                self.count(
                    format!("{sp}.operations_per_week"),
                    *operations_per_week,
                    Ranges::OPERATIONS_PER_WEEK,
                );
                self.range(format!("{sp}.duration_hours"), *duration_hours, 0.25, 24.0);
            }
        }
        if let Some(m) = p.min_frequency {
            self.range(
                format!("{path}.min_frequency.max_gap_days"),
                m.max_gap_days,
                1.0,
                365.0,
            );
            self.range(
                format!("{path}.min_frequency.duration_hours"),
                m.duration_hours,
                0.25,
                24.0,
            );
        }
        self.operating_hours(path, p);
        let operates = p.schedule != Schedule::None || p.min_frequency.is_some();
        if operates && !p.modalities.iter().any(|(_, on)| *on) {
            self.push(
                format!("{path}.modalities"),
                "pick at least one kind of traffic to inspect",
            );
        }
        match p.selection {
            Selection::All => {}
            Selection::RandomFraction { fraction } => {
                if !fraction.is_finite() || fraction <= 0.0 || fraction > 1.0 {
                    self.push(
                        format!("{path}.selection.fraction"),
                        "must be above 0 and at most 1 (100%)",
                    );
                }
            }
            Selection::RiskBased {
                carrier_pick_rate,
                other_pick_rate,
            } => {
                self.probability(
                    format!("{path}.selection.carrier_pick_rate"),
                    carrier_pick_rate,
                );
                self.probability(format!("{path}.selection.other_pick_rate"), other_pick_rate);
            }
        }
        if p.schedule == Schedule::Continuous
            && (p.recall.cancel_probability != 0.0 || p.recall.recall_per_hour != 0.0)
        {
            self.push(
                format!("{path}.recall"),
                "continuous operation is the upper bound: it is never cancelled or recalled (set both to 0, or choose another schedule)",
            );
        }
        self.count(format!("{path}.teams"), p.teams, Ranges::TEAMS);
        self.count(format!("{path}.crew_size"), p.crew_size, Ranges::CREW_SIZE);
        self.count(
            format!("{path}.nii_units_bought"),
            p.nii_units_bought,
            Ranges::NII_UNITS,
        );
        self.probability(
            format!("{path}.recall.cancel_probability"),
            p.recall.cancel_probability,
        );
        self.range(
            format!("{path}.recall.recall_per_hour"),
            p.recall.recall_per_hour,
            0.0,
            10.0,
        );
    }
}
