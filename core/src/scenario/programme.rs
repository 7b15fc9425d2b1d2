//! What the planner asks the optimiser (`egress optimise`, the programme view): the goal,
//! which crossings, the floor every crossing keeps, the candidate plans to search and how
//! hard to search. Optional in the scenario (`programme`); absent means "no question".

use serde::{Deserialize, Serialize};

use super::{OperatingHours, Problem, Ranges, Selection, Technique};

/// The question, the crossings it covers and the space searched.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    pub goal: Goal,
    /// Ids of the crossings to plan; empty = every crossing of the scenario.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub crossings: Vec<String>,
    /// The Inspector General's minimum frequency: every planned crossing keeps at least
    /// this many operations a week (0 = no floor).
    #[serde(default = "default_floor")]
    pub floor_operations_per_week: u32,
    /// The candidate plans; absent = the defaults for each crossing's size
    /// ([`CandidateSpace::default_for`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub space: Option<CandidateSpace>,
    #[serde(default)]
    pub search: Search,
}

fn default_floor() -> u32 {
    1
}

/// What the programme must achieve.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Goal {
    /// Per crossing: the cheapest plan that meets the target (and the minimum operations
    /// per week it implies).
    CheapestForTarget { target: Target, cost: CostBasis },
    /// Per crossing: the plan with the most detections for at most `budget` a year.
    MostWithinBudget { budget: f64, cost: CostBasis },
    /// Across crossings: the most detections for `budget` in `resource` (floors first, the
    /// rest where the next unit detects most).
    Allocate { budget: f64, resource: Resource },
    /// Across crossings: the cheapest programme (in `resource`) whose detection rate over
    /// the planned crossings reaches `detection_rate`.
    CheapestProgramme {
        detection_rate: f64,
        resource: Resource,
    },
}

/// A target at one crossing.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(tag = "measure", rename_all = "snake_case", deny_unknown_fields)]
pub enum Target {
    /// Share of carriers detected (0..1).
    DetectionRate { at_least: f64 },
    /// Firearms seized a year.
    Firearms { at_least: f64 },
    /// Currency seized a year, dollars.
    Currency { at_least: f64 },
}

/// Which cost a budget counts.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CostBasis {
    /// Every officer-hour and piece of equipment, at its full cost.
    FullCost,
    /// Only what the outbound programme adds (overtime, hires, new X-ray units).
    NewMoney,
}

/// Any additive resource a budget across crossings can be stated in.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    FullCost,
    NewMoney,
    OfficerHours,
    NewXrayUnits,
}

/// The plans to search at a crossing: every combination of the lists.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CandidateSpace {
    pub schedules: Vec<ScheduleFamily>,
    pub operations_per_week: Vec<u32>,
    pub duration_hours: Vec<f64>,
    /// Daily windows in which operations run.
    pub daily_windows: Vec<OperatingHours>,
    pub teams: Vec<u32>,
    pub crew_size: Vec<u32>,
    pub selection: Vec<Selection>,
    pub technique: Vec<Technique>,
    /// X-ray units bought for outbound work at the crossing.
    pub nii_units_bought: Vec<u32>,
}

/// The schedule families the optimiser can build a candidate from.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleFamily {
    /// N operations a week at random times in the daily window.
    PulseRandom,
    /// One operation a day at a random time, on N days a week (N ≤ 7).
    DailyRandom,
    /// N operations a week at hours drawn from the game's optimised distribution.
    Mixed,
}

/// How hard to search.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Search {
    /// Replications of every candidate before any is screened out (n₀ ≥ 2).
    pub first_stage: u32,
    /// Most replications of any candidate.
    pub max_replications: u32,
    /// 1 − α is the confidence of every screen and of "meets the target".
    pub alpha: f64,
    /// Differences in detection rate smaller than this do not matter (the indifference
    /// zone δ): a search within a budget stops once no candidate can beat the best
    /// affordable one by δ at 1 − α.
    pub indifference: f64,
}

impl Default for Search {
    fn default() -> Self {
        Search {
            // Five: the paired one-sided t screens are exact for normal figures at any
            // n ≥ 2 (a replication's figures are means over many carriers and vehicles),
            // five keeps the t quantile near 2.1, and candidates left open get more
            // replications in later stages anyway.
            first_stage: 5,
            max_replications: 100,
            alpha: 0.05,
            indifference: 0.01,
        }
    }
}

/// The most candidates per crossing a search may have (every one costs n₀ replications).
pub const MAX_CANDIDATES: u64 = 512;

impl CandidateSpace {
    /// How many candidate plans the space holds.
    pub fn size(&self) -> u64 {
        [
            self.schedules.len(),
            self.operations_per_week.len(),
            self.duration_hours.len(),
            self.daily_windows.len(),
            self.teams.len(),
            self.crew_size.len(),
            self.selection.len(),
            self.technique.len(),
            self.nii_units_bought.len(),
        ]
        .iter()
        .map(|&n| n as u64)
        .product()
    }

    /// Sensible defaults for a crossing by its annual inbound traffic (all modalities):
    /// small ports (under a million crossings a year) one team of two, a few operations a
    /// week; mid-size ports more frequency and a second team; the largest ports also
    /// X-ray and random selection of a share of traffic.
    ///
    /// Each default holds at most 16 plans, so that the largest crossing (San Ysidro) is
    /// searched in seconds: one operation length per size (operations a week and length
    /// are near-substitutes, both buying hours of coverage; the frequency list spans the
    /// range), and one selected share at the largest ports (teams and technique, which
    /// change what a share costs and finds, are still searched). A planner who wants a
    /// finer search states the space in the programme section.
    pub fn default_for(annual_crossings: f64) -> CandidateSpace {
        let base = CandidateSpace {
            schedules: vec![ScheduleFamily::PulseRandom],
            operations_per_week: vec![1, 2, 3, 5, 7],
            duration_hours: vec![2.0, 4.0],
            daily_windows: vec![OperatingHours::STAFFED],
            teams: vec![1],
            crew_size: vec![2],
            selection: vec![Selection::All],
            technique: vec![Technique::Interview],
            nii_units_bought: vec![0],
        };
        if annual_crossings < 1e6 {
            base
        } else if annual_crossings < 1e7 {
            CandidateSpace {
                operations_per_week: vec![2, 4, 7, 14],
                duration_hours: vec![3.0],
                teams: vec![1, 2],
                selection: vec![Selection::All, Selection::RandomFraction { fraction: 0.2 }],
                ..base
            }
        } else {
            CandidateSpace {
                operations_per_week: vec![4, 7, 14, 21],
                duration_hours: vec![4.0],
                teams: vec![2, 3],
                selection: vec![Selection::RandomFraction { fraction: 0.2 }],
                technique: vec![Technique::Interview, Technique::NiiThenSearch],
                ..base
            }
        }
    }
}

fn push(problems: &mut Vec<Problem>, path: String, message: impl Into<String>) {
    problems.push(Problem {
        path,
        message: message.into(),
    });
}

fn range(problems: &mut Vec<Problem>, path: String, x: f64, low: f64, high: f64) {
    if !(x.is_finite() && x >= low && x <= high) {
        push(problems, path, format!("must be between {low} and {high}"));
    }
}

/// Problems with a programme, each naming its field under `programme.`. `crossing_ids`
/// are the scenario's crossings.
pub fn problems(p: &Programme, crossing_ids: &[&str]) -> Vec<Problem> {
    let mut out = Vec::new();
    let g = "programme.goal";
    match &p.goal {
        Goal::CheapestForTarget { target, .. } => match target {
            Target::DetectionRate { at_least } => range(
                &mut out,
                format!("{g}.target.at_least"),
                *at_least,
                0.0,
                1.0,
            ),
            Target::Firearms { at_least } | Target::Currency { at_least } => range(
                &mut out,
                format!("{g}.target.at_least"),
                *at_least,
                0.0,
                1e12,
            ),
        },
        Goal::MostWithinBudget { budget, .. } | Goal::Allocate { budget, .. } => {
            range(&mut out, format!("{g}.budget"), *budget, 0.0, 1e12)
        }
        Goal::CheapestProgramme { detection_rate, .. } => range(
            &mut out,
            format!("{g}.detection_rate"),
            *detection_rate,
            0.0,
            1.0,
        ),
    }
    for (i, id) in p.crossings.iter().enumerate() {
        if !crossing_ids.contains(&id.as_str()) {
            push(
                &mut out,
                format!("programme.crossings[{i}]"),
                format!("no crossing has the id {id:?}"),
            );
        }
    }
    let (floor_low, floor_high) = Ranges::PROGRAMME_FLOOR;
    if !(floor_low..=floor_high).contains(&p.floor_operations_per_week) {
        push(
            &mut out,
            "programme.floor_operations_per_week".into(),
            format!("must be between {floor_low} and {floor_high}"),
        );
    }
    let s = &p.search;
    let (reps_low, reps_high) = Ranges::PROGRAMME_REPLICATIONS;
    if !(reps_low..=reps_high).contains(&s.first_stage) {
        push(
            &mut out,
            "programme.search.first_stage".into(),
            format!("must be between {reps_low} and {reps_high} replications"),
        );
    }
    if s.max_replications < s.first_stage || s.max_replications > reps_high {
        push(
            &mut out,
            "programme.search.max_replications".into(),
            format!("must be at least the first stage and at most {reps_high}"),
        );
    }
    range(
        &mut out,
        "programme.search.alpha".into(),
        s.alpha,
        0.001,
        0.5,
    );
    range(
        &mut out,
        "programme.search.indifference".into(),
        s.indifference,
        1e-6,
        1.0,
    );
    if let Some(space) = &p.space {
        space_problems(&mut out, space);
    }
    out
}

fn space_problems(out: &mut Vec<Problem>, space: &CandidateSpace) {
    let sp = "programme.space";
    let lists = [
        ("schedules", space.schedules.len()),
        ("operations_per_week", space.operations_per_week.len()),
        ("duration_hours", space.duration_hours.len()),
        ("daily_windows", space.daily_windows.len()),
        ("teams", space.teams.len()),
        ("crew_size", space.crew_size.len()),
        ("selection", space.selection.len()),
        ("technique", space.technique.len()),
        ("nii_units_bought", space.nii_units_bought.len()),
    ];
    for (name, len) in lists {
        if len == 0 {
            push(out, format!("{sp}.{name}"), "list at least one value");
        }
    }
    for (i, n) in space.operations_per_week.iter().enumerate() {
        if !(1..=50).contains(n) {
            push(
                out,
                format!("{sp}.operations_per_week[{i}]"),
                "must be between 1 and 50",
            );
        }
    }
    for (i, d) in space.duration_hours.iter().enumerate() {
        range(out, format!("{sp}.duration_hours[{i}]"), *d, 0.25, 24.0);
    }
    for (i, w) in space.daily_windows.iter().enumerate() {
        range(
            out,
            format!("{sp}.daily_windows[{i}].from_hour"),
            w.from_hour,
            0.0,
            24.0,
        );
        range(
            out,
            format!("{sp}.daily_windows[{i}].to_hour"),
            w.to_hour,
            0.0,
            24.0,
        );
        if w.to_hour <= w.from_hour {
            push(
                out,
                format!("{sp}.daily_windows[{i}].to_hour"),
                "must be after the start",
            );
        }
    }
    for (i, t) in space.teams.iter().enumerate() {
        if !(1..=50).contains(t) {
            push(out, format!("{sp}.teams[{i}]"), "must be between 1 and 50");
        }
    }
    for (i, c) in space.crew_size.iter().enumerate() {
        if !(1..=20).contains(c) {
            push(
                out,
                format!("{sp}.crew_size[{i}]"),
                "must be between 1 and 20",
            );
        }
    }
    for (i, s) in space.selection.iter().enumerate() {
        let path = format!("{sp}.selection[{i}]");
        match *s {
            Selection::All => {}
            Selection::RandomFraction { fraction } => {
                range(out, format!("{path}.fraction"), fraction, 0.0, 1.0)
            }
            Selection::RiskBased {
                carrier_pick_rate,
                other_pick_rate,
            } => {
                range(
                    out,
                    format!("{path}.carrier_pick_rate"),
                    carrier_pick_rate,
                    0.0,
                    1.0,
                );
                range(
                    out,
                    format!("{path}.other_pick_rate"),
                    other_pick_rate,
                    0.0,
                    1.0,
                );
            }
        }
    }
    for (i, n) in space.nii_units_bought.iter().enumerate() {
        if *n > 20 {
            push(
                out,
                format!("{sp}.nii_units_bought[{i}]"),
                "must be between 0 and 20",
            );
        }
    }
    let size = space.size();
    if size > MAX_CANDIDATES {
        push(
            out,
            sp.to_string(),
            format!(
                "{size} candidate plans per crossing is too many to search (at most {MAX_CANDIDATES}); list fewer values"
            ),
        );
    }
}
