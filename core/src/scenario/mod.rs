//! The scenario a planner edits: crossings, traffic, threat, adversary, inspection
//! parameters, costs and the strategies to compare. It is plain serde data; nothing
//! here is trusted until `validate` turns it into a [`ValidScenario`].

pub mod assumptions;
pub mod assurance;
mod keyed;
pub mod migrate;
pub mod presets;
pub mod programme;
pub mod provenance;
pub mod record;
mod validate;

pub use keyed::*;
pub use validate::{
    Limits, Problem, Ranges, ValidScenario, expected_operation_share, parse_and_validate, validate,
};

use serde::{Deserialize, Serialize};

/// The scenario format written by this version. Older versions are moved forward by
/// `migrate` (links, files and the saved library alike) before they reach `validate`.
pub const SCENARIO_VERSION: u32 = 3;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub version: u32,
    pub name: String,
    pub description: String,
    /// The planning question the scenario answers, shown on the briefing page.
    pub question: String,
    /// Simulated days from 1 January (a 365-day calendar starting on a Monday).
    pub horizon_days: u32,
    pub replications: u32,
    pub seed: u64,
    pub crossings: Vec<Crossing>,
    pub traffic: Traffic,
    pub threat: Threat,
    pub adversary: Adversary,
    pub inspection: Inspection,
    pub costs: Costs,
    /// Strategies to compare; the first one is the baseline for paired differences.
    pub strategies: Vec<Strategy>,
    /// The optimiser's question (goal, crossings, candidate plans); absent = none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<programme::Programme>,
    /// Recorded seizures under the baseline strategy, to calibrate against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<record::SeizureRecord>,
    /// Robustness settings and the record the prevalence was re-based on; absent = the
    /// defaults, never re-based.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assurance: Option<assurance::AssuranceSettings>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Crossing {
    /// BTS port code where the crossing is a BTS port (e.g. "2504").
    pub id: String,
    pub name: String,
    pub state: String,
    pub border: Border,
    pub field_office: String,
    pub lat: f64,
    pub lon: f64,
    /// Inbound crossings per year (BTS); outbound = inbound × the modality's outbound factor.
    pub annual_inbound: PerModality<f64>,
    /// Outbound lanes per modality; with `storage_per_lane` they bound the inspection queue.
    pub lanes: PerModality<u32>,
    /// Vehicles that can wait per outbound lane for an interview at the booth before
    /// traffic must be waved through.
    pub storage_per_lane: u32,
    /// Vehicles the secondary inspection area holds, waiting or being searched or
    /// X-rayed; officers stop pulling vehicles in while it is full.
    pub secondary_bays: u32,
    /// Officers per shift who can be put on outbound work without overtime.
    pub officers_per_shift: u32,
    /// Non-intrusive inspection (X-ray) units already at the crossing, shared with
    /// inbound work: outbound pays for the hours it uses them.
    pub nii_units: u32,
    /// X-ray units bought for outbound work: outbound pays their whole annual cost.
    pub nii_units_bought: u32,
    /// Share of the time the data link works (risk targeting needs it).
    pub connectivity_uptime: f64,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Traffic {
    pub modalities: PerModality<ModalityTraffic>,
    /// Share of the year's traffic in each month, January first (BTS monthly data).
    pub month_profile: PerBorder<[f64; 12]>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ModalityTraffic {
    /// Outbound volume as a multiple of the inbound count (no public outbound counts).
    pub outbound_factor: f64,
    /// Share of travellers enrolled in SENTRI / NEXUS / FAST.
    pub trusted_share: f64,
    /// Relative traffic per weekday, Monday first (scaled to mean 1 internally).
    pub weekday_profile: [f64; 7],
    /// Share of a day's traffic in each clock hour, midnight first (normalised internally).
    pub hour_profile: [f64; 24],
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Threat {
    pub contraband: PerContraband<ContrabandThreat>,
    pub waves: Waves,
    /// Share of carriers enrolled in a trusted-traveller programme.
    pub trusted_carrier_share: f64,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ContrabandThreat {
    /// Carriers per 100,000 outbound crossings, per modality.
    pub prevalence_per_100k: PerModality<f64>,
    /// Amount one carrier holds (unit depends on the contraband type).
    pub amount: Amount,
    /// Share of carriers at each concealment level (sums to 1).
    pub concealment: PerConcealment<f64>,
}

/// A log-normal amount described by its median and 90th percentile, which planners
/// can read off seizure records more easily than a shape parameter.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    pub median: f64,
    pub p90: f64,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Waves {
    /// Smuggling waves per crossing per year.
    pub per_year: f64,
    pub duration_days: f64,
    /// Prevalence multiplier while a wave lasts.
    pub multiplier: f64,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Adversary {
    /// Share of carriers who watch and adapt (spot running operations; some learn).
    pub adaptive_share: f64,
    /// Share of adaptive carriers who learn a schedule's hours: when its operations can
    /// run at all (a fixed window's clock times, a random schedule's daily range).
    pub learning_share: f64,
    /// Mean days a learning carrier must see a schedule run, counted from its first
    /// operation at the carrier's crossing, before it knows the schedule's hours; each
    /// carrier draws its own time (exponential with this mean).
    pub learning_days: f64,
    /// Chance an adaptive carrier notices an operation that is running.
    pub spotting_probability: f64,
    /// What a carrier who spotted an operation does (shares sum to 1).
    pub on_spotting: SpottingResponse,
    /// Mean hours a carrier waits before trying again.
    pub wait_hours: f64,
    /// Tries after which a waiting carrier gives up.
    pub max_retries: u32,
    /// Road speed used to delay a carrier who moves to another crossing.
    pub travel_speed_kmh: f64,
    /// Farthest a carrier drives to another crossing (great-circle km); with none that
    /// near carrying its kind of traffic, it leaves the scenario.
    pub max_detour_km: f64,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SpottingResponse {
    pub wait: f64,
    pub move_crossing: f64,
    pub give_up: f64,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Inspection {
    pub interview: Interview,
    pub nii: Nii,
    pub search: Search,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Interview {
    pub mean_seconds: f64,
    /// Share of interviews where a compartment is opened.
    pub compartment_share: f64,
    pub compartment_mean_seconds: f64,
    pub detection: PerConcealment<f64>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Nii {
    pub scan_seconds: PerModality<f64>,
    /// Chance the scan shows an anomaly on a carrier, by concealment.
    pub sensitivity: PerConcealment<f64>,
    /// Chance the scan shows an anomaly on a clean vehicle (then searched for nothing).
    pub false_alarm_rate: f64,
    /// Share of days a unit works.
    pub availability: f64,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Search {
    /// Mean search time by a crew of 2 officers.
    pub minutes: PerModality<f64>,
    /// A crew of 3's search time as a share of a crew of 2's.
    pub crew_of_three_time_share: f64,
    pub detection: PerConcealment<f64>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Costs {
    /// Officer cost per hour including benefits and overhead.
    pub loaded_hourly_rate: f64,
    /// Basic hourly pay; overtime is paid at `overtime_multiplier` × this.
    pub basic_hourly_rate: f64,
    pub overtime_multiplier: f64,
    /// Hours of one shift; an officer's hours in a day past it are overtime.
    pub shift_hours: f64,
    /// Most overtime pay one officer may earn in a year (USD); overtime past it is
    /// worked by officers hired for outbound work.
    pub overtime_cap_per_officer: f64,
    pub setup_cost_per_operation: f64,
    pub nii_capex_per_unit: f64,
    pub nii_life_years: f64,
    pub nii_opex_per_unit_year: f64,
    /// What an hour of a shared X-ray unit costs outbound work.
    pub nii_shared_hourly_rate: f64,
    pub include_traveller_delay: bool,
    pub value_of_time_per_hour: f64,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    pub name: String,
    pub description: String,
    /// The plan every crossing follows unless an override matches it.
    pub plan: Plan,
    /// Later overrides win over earlier ones.
    pub overrides: Vec<PlanOverride>,
}

impl Strategy {
    /// The plan a crossing follows under this strategy.
    pub fn plan_for(&self, crossing: &Crossing) -> &Plan {
        self.overrides
            .iter()
            .rev()
            .find(|o| o.applies_to.matches(crossing))
            .map_or(&self.plan, |o| &o.plan)
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PlanOverride {
    pub applies_to: CrossingFilter,
    pub plan: Plan,
}

/// Which crossings an override covers; every condition given must hold.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct CrossingFilter {
    pub border: Option<Border>,
    pub field_office: Option<String>,
    /// Crossing ids; empty means no condition on ids (a border or field office must then
    /// be given: a filter with no condition at all is refused).
    pub crossing_ids: Vec<String>,
}

impl CrossingFilter {
    /// A filter that names no condition. Format 1 read it as "every crossing"; format 2
    /// refuses it (a list meant to name crossings came out empty, say).
    pub fn is_empty(&self) -> bool {
        self.border.is_none() && self.field_office.is_none() && self.crossing_ids.is_empty()
    }

    pub fn matches(&self, crossing: &Crossing) -> bool {
        self.border.is_none_or(|b| b == crossing.border)
            && self
                .field_office
                .as_ref()
                .is_none_or(|f| *f == crossing.field_office)
            && (self.crossing_ids.is_empty() || self.crossing_ids.contains(&crossing.id))
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub schedule: Schedule,
    /// OIG's recommendation: never let more than this many days pass without an operation.
    pub min_frequency: Option<MinFrequency>,
    /// The daily hours inside which operations at a random time run: random pulses,
    /// intelligence surges and minimum-frequency fill-ins (schedules with clock times
    /// of their own keep them).
    pub operating_hours: OperatingHours,
    /// Traffic the operation stops.
    pub modalities: PerModality<bool>,
    pub selection: Selection,
    pub trusted_exempt: bool,
    pub technique: Technique,
    pub teams: u32,
    /// Officers per team (local procedures require 2 or 3).
    pub crew_size: u32,
    pub recall: Recall,
    /// X-ray units bought for this plan's outbound work at each crossing where it runs,
    /// on top of the crossing's own `nii_units_bought` (what an optimised plan buys, so
    /// the strategy written carries it). Absent in files means none.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub nii_units_bought: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Schedule {
    None,
    /// The same clock-time windows every selected weekday.
    DailyFixed {
        windows: Vec<Window>,
        days: [bool; 7],
    },
    /// One window a day starting at a random time between two clock hours.
    DailyRandom {
        duration_hours: f64,
        earliest_start_hour: f64,
        latest_start_hour: f64,
        days: [bool; 7],
    },
    /// The busiest clock hours of the traffic profile, every selected weekday.
    PeakTime {
        busiest_hours: u32,
        days: [bool; 7],
    },
    /// Operations at random times: `operations` per week or month.
    PulseRandom {
        operations: u32,
        per: Period,
        duration_hours: f64,
    },
    /// Surges triggered by intelligence on smuggling waves, plus false alarms.
    PulseIntel {
        detection_probability: f64,
        lag_hours: f64,
        false_alarms_per_year: f64,
        surge_days: u32,
        duration_hours: f64,
    },
    /// Around the clock, one operation per shift: the upper bound.
    Continuous,
    /// Operations at hours drawn from an hourly distribution: the defender's mixed
    /// strategy against carriers who learn the schedule (`decide::game`). Each week has
    /// `operations_per_week` operations on days drawn uniformly, each starting on the
    /// hour drawn from `hourly_weights` (relative; zero = never), so an operation of one
    /// hour covers hour h with the weights' share of h.
    Mixed {
        hourly_weights: [f64; 24],
        operations_per_week: u32,
        duration_hours: f64,
    },
}

impl Schedule {
    pub fn label(&self) -> &'static str {
        match self {
            Schedule::None => "No outbound operations",
            Schedule::DailyFixed { .. } => "Daily, fixed window",
            Schedule::DailyRandom { .. } => "Daily, random time",
            Schedule::PeakTime { .. } => "Peak hours",
            Schedule::PulseRandom { .. } => "Pulse and surge, random",
            Schedule::PulseIntel { .. } => "Pulse and surge, intelligence-led",
            Schedule::Continuous => "Continuous (24/7)",
            Schedule::Mixed { .. } => "Randomised against learning carriers",
        }
    }

    /// Windows that recur at the same clock time can be learned by carriers.
    pub fn is_predictable(&self) -> bool {
        matches!(
            self,
            Schedule::DailyFixed { .. } | Schedule::PeakTime { .. }
        )
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub start_hour: f64,
    pub duration_hours: f64,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Week,
    Month,
}

impl Period {
    pub fn days(self) -> f64 {
        match self {
            Period::Week => 7.0,
            Period::Month => 365.0 / 12.0,
        }
    }

    /// The fewest days a period has (a week; February), which bounds how many
    /// operations of one period fit inside the operating hours.
    pub fn fewest_days(self) -> u32 {
        match self {
            Period::Week => 7,
            Period::Month => 28,
        }
    }
}

/// A daily window of clock time, `from_hour` to `to_hour` (same day), in which an
/// operation placed at random starts and ends.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct OperatingHours {
    pub from_hour: f64,
    pub to_hour: f64,
    /// Busier days and hours are picked more often, in proportion to the traffic an
    /// operation would meet; otherwise every start in the window is equally likely.
    pub traffic_weighted: bool,
}

impl OperatingHours {
    /// The staffed, trafficked part of the day (an assumption: 06:00 to 22:00).
    pub const STAFFED: OperatingHours = OperatingHours {
        from_hour: 6.0,
        to_hour: 22.0,
        traffic_weighted: false,
    };

    pub fn hours(&self) -> f64 {
        self.to_hour - self.from_hour
    }

    /// How many operations of `duration` hours fit in one day's window, end to end.
    pub fn fit_per_day(&self, duration: f64) -> u32 {
        if duration <= 0.0 || self.hours() < duration {
            0
        } else {
            // A hair of slack so 16 / 4 counts as 4 despite rounding in the inputs.
            libm::floor(self.hours() / duration + 1e-9) as u32
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MinFrequency {
    pub max_gap_days: f64,
    pub duration_hours: f64,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Selection {
    All,
    RandomFraction {
        fraction: f64,
    },
    /// An ROC point of a targeting system. Without connectivity it degrades to random
    /// selection at `other_pick_rate` (carriers are too rare to move the overall rate).
    RiskBased {
        carrier_pick_rate: f64,
        other_pick_rate: f64,
    },
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Technique {
    Interview,
    NiiThenSearch,
    SearchAll,
}

impl Technique {
    pub fn label(self) -> &'static str {
        match self {
            Technique::Interview => "Interview",
            Technique::NiiThenSearch => "X-ray, search on anomaly",
            Technique::SearchAll => "Search every selected vehicle",
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Recall {
    /// Chance an operation is cancelled because officers are needed inbound.
    pub cancel_probability: f64,
    /// Rate per hour at which a running operation is cut short.
    pub recall_per_hour: f64,
}
