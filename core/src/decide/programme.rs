//! The programme optimiser: per crossing, the candidate plans compared on common random
//! numbers in stages (screen, then spend replications where the choice is open); then the
//! allocation across crossings; then the chosen programme simulated once more as a whole.
//!
//! It is a [`Staged`] experiment: each stage is a [`Design`] whose variants are candidate
//! plans (the scenario restricted to one crossing, the candidate as its only strategy, so
//! every candidate of a crossing sees the same traffic and carriers in a replication), and
//! what the next stage asks for is a pure function of the records so far. The CLI runs it
//! with [`run_staged`](crate::experiment::run_staged); the browser's worker pool can drive
//! the same stages.
//!
//! Per crossing:
//! 1. every candidate gets `first_stage` replications;
//! 2. candidates that fail the goal's constraint at 1 − α (target not met, or over the
//!    budget, by a one-sided interval) are screened out, and so are those beaten at 1 − α
//!    on paired differences by a candidate that meets the constraint (dearer for a target,
//!    fewer detections within a budget);
//! 3. the candidates still open get more replications — for a target, the cheapest open
//!    one(s) until each meets or fails; within a budget, by OCBA (Chen et al. 2000) on
//!    detections among those within budget — until the choice is made or a candidate has
//!    `max_replications`.
//!
//! OCBA is used rather than KN here because the browser works to a replication budget
//! (time) rather than to an indifference-zone guarantee; KN is in
//! [`rank_select`](super::rank_select) for a guarantee-driven run.

use std::collections::BTreeMap;

use serde::Serialize;

use super::allocation::{self, CrossingPlans, PlanPoint};
use super::game::{Game, mixed_schedule};
use super::rank_select::{self, Feasibility, Sense, ocba_allocation};
use crate::experiment::{Design, Stage, Staged, UnitRecord, Variant};
use crate::metrics::StrategyReplication;
use crate::scenario::programme::{
    CandidateSpace, CostBasis, Goal, Programme, Resource, ScheduleFamily, Target,
};
use crate::scenario::{
    CrossingFilter, Period, Plan, PlanOverride, Scenario, Schedule, Selection, Strategy,
    ValidScenario, validate,
};

/// One candidate plan at one crossing.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Candidate {
    pub label: String,
    pub plan: Plan,
    pub operations_per_week: u32,
    pub nii_units_bought: u32,
}

/// The candidates a space yields at a crossing: every combination, built on `template`
/// (the scenario's baseline plan there, for what the space does not vary), without
/// combinations a schedule family cannot express (a daily schedule with more than 7
/// operations a week).
pub fn candidates(space: &CandidateSpace, template: &Plan, scenario: &Scenario) -> Vec<Candidate> {
    let mut out = Vec::new();
    for &family in &space.schedules {
        for &ops in &space.operations_per_week {
            for &duration in &space.duration_hours {
                for window in &space.daily_windows {
                    let schedule = match family {
                        ScheduleFamily::PulseRandom => Schedule::PulseRandom {
                            operations: ops,
                            per: Period::Week,
                            duration_hours: duration,
                        },
                        ScheduleFamily::DailyRandom => {
                            if ops > 7 {
                                continue;
                            }
                            // N days spread over the week (Monday first).
                            let mut days = [false; 7];
                            for k in 0..ops as usize {
                                days[k * 7 / ops as usize] = true;
                            }
                            Schedule::DailyRandom {
                                duration_hours: duration,
                                earliest_start_hour: window.from_hour,
                                latest_start_hour: (window.to_hour - duration)
                                    .max(window.from_hour),
                                days,
                            }
                        }
                        ScheduleFamily::Mixed => match mixed_for(scenario, ops, duration) {
                            Some(s) => s,
                            None => continue,
                        },
                    };
                    for &teams in &space.teams {
                        for &crew in &space.crew_size {
                            for &selection in &space.selection {
                                for &technique in &space.technique {
                                    for &nii in &space.nii_units_bought {
                                        let mut plan = template.clone();
                                        plan.schedule = schedule.clone();
                                        plan.min_frequency = None;
                                        plan.operating_hours = *window;
                                        plan.teams = teams;
                                        plan.crew_size = crew;
                                        plan.selection = selection;
                                        plan.technique = technique;
                                        plan.nii_units_bought = nii;
                                        let label = format!(
                                            "{} × {}h a week ({}), {}–{}h, {teams} team(s) of {crew}, {}, {}{}",
                                            ops,
                                            duration,
                                            match family {
                                                ScheduleFamily::PulseRandom => "random pulses",
                                                ScheduleFamily::DailyRandom => "daily, random time",
                                                ScheduleFamily::Mixed =>
                                                    "randomised against learning carriers",
                                            },
                                            window.from_hour,
                                            window.to_hour,
                                            selection_label(&selection),
                                            technique.label(),
                                            if nii > 0 {
                                                format!(", {nii} X-ray unit(s) bought")
                                            } else {
                                                String::new()
                                            },
                                        );
                                        out.push(Candidate {
                                            label,
                                            plan,
                                            operations_per_week: ops,
                                            nii_units_bought: nii,
                                        });
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

fn selection_label(selection: &Selection) -> String {
    match *selection {
        Selection::All => "every vehicle".to_string(),
        Selection::RandomFraction { fraction } => format!("{:.0}% at random", fraction * 100.0),
        Selection::RiskBased {
            carrier_pick_rate,
            other_pick_rate,
        } => format!(
            "risk-based ({:.0}% of carriers, {:.0}% of others)",
            carrier_pick_rate * 100.0,
            other_pick_rate * 100.0
        ),
    }
}

/// The randomised schedule for `ops` operations of `duration` hours a week, from the game
/// against the scenario's adaptive carriers on the personal-vehicle hour profile.
fn mixed_for(scenario: &Scenario, ops: u32, duration: f64) -> Option<Schedule> {
    let game = Game {
        traffic: scenario
            .traffic
            .modalities
            .personal_vehicles
            .hour_profile
            .to_vec(),
        operation_hours: (f64::from(ops) * duration / 7.0).min(24.0),
        adaptive_share: scenario.adversary.adaptive_share.clamp(0.0, 1.0),
        detection: 1.0,
        adaptive_hours: Vec::new(),
    };
    let coverage = game.solve().ok()?;
    match mixed_schedule(&coverage, duration).ok()? {
        Schedule::Mixed {
            hourly_weights,
            duration_hours,
            ..
        } => Some(Schedule::Mixed {
            hourly_weights,
            operations_per_week: ops,
            duration_hours,
        }),
        _ => None,
    }
}

/// Per-replication figures of one candidate, per year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Figures {
    pub detection_rate: f64,
    pub detections: f64,
    pub firearms: f64,
    pub currency: f64,
    pub full_cost: f64,
    pub new_money: f64,
    pub officer_hours: f64,
}

fn figures(r: &StrategyReplication, per_year: f64) -> Figures {
    use crate::scenario::Contraband;
    let attempted = r.carriers.attempted.max(1) as f64;
    Figures {
        detection_rate: r.carriers.detected as f64 / attempted,
        detections: r.carriers.detected as f64 * per_year,
        firearms: r.by_contraband.get(Contraband::Firearms).amount_seized * per_year,
        currency: r.by_contraband.get(Contraband::Currency).amount_seized * per_year,
        full_cost: r.budget.total * per_year,
        new_money: r.budget.new_money * per_year,
        officer_hours: (r.officer_hours_regular + r.officer_hours_overtime + r.officer_hours_hired)
            * per_year,
    }
}

fn cost_of(f: &Figures, basis: CostBasis) -> f64 {
    match basis {
        CostBasis::FullCost => f.full_cost,
        CostBasis::NewMoney => f.new_money,
    }
}

fn resource_of(f: &Figures, c: &Candidate, resource: Resource) -> f64 {
    match resource {
        Resource::FullCost => f.full_cost,
        Resource::NewMoney => f.new_money,
        Resource::OfficerHours => f.officer_hours,
        Resource::NewXrayUnits => f64::from(c.nii_units_bought),
    }
}

fn measure_of(f: &Figures, target: &Target) -> (f64, f64) {
    match *target {
        Target::DetectionRate { at_least } => (f.detection_rate, at_least),
        Target::Firearms { at_least } => (f.firearms, at_least),
        Target::Currency { at_least } => (f.currency, at_least),
    }
}

/// Where a candidate stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    /// Fails the target or exceeds the budget at 1 − α.
    Infeasible,
    /// Beaten at 1 − α by a candidate that meets the constraint.
    Dominated,
    /// Meets the constraint at 1 − α.
    Feasible,
}

/// The search at one crossing.
#[derive(Clone, Debug)]
struct CrossingSearch {
    crossing: usize,
    candidates: Vec<Candidate>,
    /// Per candidate: the variant scenario (None when the combination is not valid there).
    scenarios: Vec<Option<ValidScenario>>,
    /// Per candidate, per replication.
    figures: Vec<Vec<Figures>>,
    status: Vec<Status>,
    /// Replications asked for, per candidate (the next stage asks from here).
    asked: Vec<u32>,
    done: bool,
    chosen: Option<usize>,
    /// Why no candidate could be simulated here (the first candidate's problem), when
    /// none is valid.
    not_valid_why: Option<String>,
}

/// What the optimiser reports for one crossing.
#[derive(Clone, Debug, Serialize)]
pub struct CrossingResult {
    pub crossing: String,
    pub name: String,
    pub field_office: String,
    pub candidates: usize,
    /// Combinations that are not a valid plan at this crossing.
    pub not_valid: usize,
    pub screened_out: usize,
    pub replications: u64,
    /// Replications equal allocation would have spent (every valid candidate at the most
    /// replications any candidate got).
    pub replications_equal_allocation: u64,
    pub chosen: Option<ChosenPlan>,
    /// Why the crossing has no chosen plan (None when it has one): no valid candidate,
    /// none at the floor, none shown to meet the target or the budget, or the allocation
    /// across crossings failed. A crossing is never left out of the result silently.
    pub no_plan: Option<String>,
    /// The crossing's frontier (cost in the goal's resource, detections a year): the
    /// candidates on the upper hull, cheapest first.
    pub frontier: Vec<FrontierPoint>,
    /// Every valid candidate: where it stands, its replications and mean figures.
    pub searched: Vec<SearchedCandidate>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SearchedCandidate {
    pub label: String,
    pub status: Status,
    pub replications: usize,
    pub mean: Figures,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChosenPlan {
    pub label: String,
    pub operations_per_week: u32,
    pub replications: usize,
    pub mean: Figures,
    /// P(the plan meets the target), from the one-sided t statistic; None without a target.
    pub chance_of_meeting_target: Option<f64>,
    #[serde(skip)]
    pub candidate: Candidate,
    #[serde(skip)]
    pub index: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct FrontierPoint {
    pub label: String,
    pub cost: f64,
    pub detections: f64,
}

/// The whole result.
#[derive(Clone, Debug, Serialize)]
pub struct ProgrammeResult {
    pub goal: Goal,
    pub crossings: Vec<CrossingResult>,
    /// Across crossings (Allocate / CheapestProgramme): the programme's totals and the
    /// national frontier.
    pub allocation: Option<AllocationSummary>,
    /// The chosen programme simulated as a whole (carriers may move between crossings).
    pub whole: Option<WholeRun>,
    /// The programme as a strategy (a plan with per-crossing overrides).
    pub strategy: Option<Strategy>,
    /// The chosen plans summed per field office and per border (the OIG's reportable
    /// metrics: frequency, staffing hours, budget).
    pub rollups: Vec<Rollup>,
    pub replications: u64,
    /// Why the allocation across crossings could not be made (Allocate /
    /// CheapestProgramme), e.g. the floors alone cost more than the budget.
    pub allocation_error: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Rollup {
    /// "field_office" or "border".
    pub level: &'static str,
    pub name: String,
    pub crossings: usize,
    pub operations_per_week: u32,
    pub officer_hours: f64,
    pub full_cost: f64,
    pub new_money: f64,
    pub detections: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct AllocationSummary {
    pub budget_or_target: f64,
    pub cost: f64,
    pub detections: f64,
    pub lp_bound: f64,
    pub frontier: Vec<(f64, f64)>,
}

#[derive(Clone, Debug, Serialize)]
pub struct WholeRun {
    pub replications: u32,
    /// Detections a year, simulated together.
    pub detections: f64,
    /// The sum of the chosen plans' detections simulated crossing by crossing.
    pub sum_of_parts: f64,
    /// Whole minus the sum of parts: carriers moving between crossings.
    pub difference: f64,
}

/// Why an optimisation cannot start.
#[derive(Clone, Debug, PartialEq)]
pub enum OptimiseError {
    NoProgramme,
    NoCrossing,
    NoCandidate { crossing: String },
}

impl std::fmt::Display for OptimiseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OptimiseError::NoProgramme => {
                write!(
                    f,
                    "the scenario has no programme section: state a goal and the candidate space"
                )
            }
            OptimiseError::NoCrossing => write!(f, "the programme covers no crossing"),
            OptimiseError::NoCandidate { crossing } => {
                write!(f, "{crossing}: no candidate plan is valid at this crossing")
            }
        }
    }
}

impl std::error::Error for OptimiseError {}

/// The optimiser as a staged experiment.
pub struct Optimiser {
    scenario: ValidScenario,
    programme: Programme,
    per_year: f64,
    searches: Vec<CrossingSearch>,
    /// Variant index of the current stage → (search, candidate, first replication).
    layout: Vec<(usize, usize, u32)>,
    stage: u32,
    replications: u64,
    /// The whole-programme stage: the planned crossings and the sum of the chosen plans'
    /// detections over the same replications, simulated crossing by crossing.
    whole: Option<(Vec<usize>, f64)>,
    result: Option<ProgrammeResult>,
}

impl Optimiser {
    pub fn new(scenario: ValidScenario) -> Result<Optimiser, OptimiseError> {
        let programme = scenario
            .programme
            .clone()
            .ok_or(OptimiseError::NoProgramme)?;
        let per_year = 365.0 / f64::from(scenario.horizon_days.max(1));
        let planned: Vec<usize> = (0..scenario.crossings.len())
            .filter(|&i| {
                programme.crossings.is_empty()
                    || programme.crossings.contains(&scenario.crossings[i].id)
            })
            .collect();
        if planned.is_empty() {
            return Err(OptimiseError::NoCrossing);
        }
        let mut searches = Vec::new();
        for &c in &planned {
            let crossing = &scenario.crossings[c];
            let volume = crossing.annual_inbound.personal_vehicles
                + crossing.annual_inbound.trucks
                + crossing.annual_inbound.buses
                + crossing.annual_inbound.pedestrians;
            let space = programme
                .space
                .clone()
                .unwrap_or_else(|| CandidateSpace::default_for(volume));
            let template = scenario.strategies[0].plan_for(crossing).clone();
            let cands = candidates(&space, &template, &scenario);
            let built: Vec<Result<ValidScenario, String>> = cands
                .iter()
                .map(|cand| variant_scenario(&scenario, c, cand, programme.search.max_replications))
                .collect();
            let not_valid_why = if built.iter().all(Result::is_err) {
                Some(built.first().map_or_else(
                    || String::from("the candidate space holds no plan for this crossing"),
                    |b| b.clone().err().unwrap_or_default(),
                ))
            } else {
                None
            };
            let scenarios: Vec<Option<ValidScenario>> = built.into_iter().map(Result::ok).collect();
            let status = scenarios
                .iter()
                .map(|s| {
                    if s.is_some() {
                        Status::Open
                    } else {
                        Status::Infeasible
                    }
                })
                .collect();
            let n = cands.len();
            searches.push(CrossingSearch {
                crossing: c,
                candidates: cands,
                scenarios,
                figures: vec![Vec::new(); n],
                status,
                asked: vec![0; n],
                done: not_valid_why.is_some(),
                chosen: None,
                not_valid_why,
            });
        }
        // One crossing without a valid plan is reported in the result; none anywhere
        // leaves nothing to optimise.
        if let Some(first) = searches.iter().find(|s| s.not_valid_why.is_some())
            && searches.iter().all(|s| s.not_valid_why.is_some())
        {
            return Err(OptimiseError::NoCandidate {
                crossing: scenario.crossings[first.crossing].name.clone(),
            });
        }
        Ok(Optimiser {
            scenario,
            programme,
            per_year,
            searches,
            layout: Vec::new(),
            stage: 0,
            replications: 0,
            whole: None,
            result: None,
        })
    }

    /// Builds the stage asking, per search and candidate, for replications up to `want`.
    fn stage_design(&mut self, want: &[Vec<u32>]) -> Option<Design> {
        let mut variants = Vec::new();
        self.layout.clear();
        for (s, search) in self.searches.iter_mut().enumerate() {
            for (i, &to) in want[s].iter().enumerate() {
                let from = search.asked[i];
                if let (true, Some(scenario)) = (to > from, &search.scenarios[i]) {
                    variants.push(Variant {
                        scenario: scenario.clone(),
                        replications: from..to,
                        strategies: vec![0],
                    });
                    self.layout.push((s, i, from));
                    search.asked[i] = to;
                }
            }
        }
        if variants.is_empty() {
            return None;
        }
        self.stage += 1;
        Design::new(format!("optimise, stage {}", self.stage), variants).ok()
    }

    fn absorb(&mut self, design: &Design, records: &[UnitRecord]) {
        for record in records {
            let Some(unit) = design.unit(record.unit) else {
                continue;
            };
            let (s, i, _) = self.layout[unit.variant as usize];
            self.searches[s].figures[i].push(figures(&record.record, self.per_year));
            self.replications += 1;
        }
    }

    /// Screens every crossing and says how many replications each candidate needs next.
    fn decide_stage(&mut self) -> Vec<Vec<u32>> {
        let search_settings = self.programme.search;
        let goal = self.programme.goal.clone();
        self.searches
            .iter_mut()
            .map(|search| {
                if search.done {
                    return vec![0; search.candidates.len()];
                }
                search.screen(&goal, search_settings.alpha);
                search.next_request(&goal, &search_settings)
            })
            .collect()
    }

    /// The resource the goal counts cost in.
    fn resource(&self) -> Resource {
        match self.programme.goal {
            Goal::Allocate { resource, .. } | Goal::CheapestProgramme { resource, .. } => resource,
            Goal::CheapestForTarget { cost, .. } | Goal::MostWithinBudget { cost, .. } => {
                match cost {
                    CostBasis::FullCost => Resource::FullCost,
                    CostBasis::NewMoney => Resource::NewMoney,
                }
            }
        }
    }

    /// One crossing's result as its search stands, and its plans for the allocation
    /// across crossings (when it has a plan at the floor).
    fn crossing_result(&self, search: &CrossingSearch) -> (CrossingResult, Option<CrossingPlans>) {
        let goal = &self.programme.goal;
        let resource = self.resource();
        let floor = self.programme.floor_operations_per_week;
        let crossing = &self.scenario.crossings[search.crossing];
        let means: Vec<Option<Figures>> = search.figures.iter().map(|f| mean(f)).collect();
        let points: Vec<PlanPoint> = means
            .iter()
            .enumerate()
            .filter(|(i, m)| m.is_some() && search.status[*i] != Status::Infeasible)
            .map(|(i, m)| PlanPoint {
                plan: i,
                cost: resource_of(m.as_ref().expect("some"), &search.candidates[i], resource),
                detections: m.as_ref().expect("some").detections,
            })
            .collect();
        let hull = allocation::upper_hull(&points);
        // The floor plan: the cheapest candidate meeting the minimum frequency.
        let floor_plan = points
            .iter()
            .filter(|p| search.candidates[p.plan].operations_per_week >= floor)
            .min_by(|a, b| a.cost.total_cmp(&b.cost).then(a.plan.cmp(&b.plan)))
            .map(|p| p.plan);
        let plans = floor_plan.map(|f| CrossingPlans {
            crossing: crossing.id.clone(),
            plans: points.clone(),
            floor: f,
        });
        let no_plan = search.no_plan_why(goal, floor_plan.is_some(), floor, &self.programme.search);
        let target = match goal {
            Goal::CheapestForTarget { target, .. } => Some(*target),
            _ => None,
        };
        let chosen = search
            .chosen
            .map(|i| chosen_plan(search, i, target.as_ref()));
        let no_plan = if chosen.is_some() { None } else { no_plan };
        let most = search.figures.iter().map(Vec::len).max().unwrap_or(0) as u64;
        let valid = search.scenarios.iter().filter(|s| s.is_some()).count();
        let result = CrossingResult {
            crossing: crossing.id.clone(),
            name: crossing.name.clone(),
            field_office: crossing.field_office.clone(),
            candidates: search.candidates.len(),
            not_valid: search.candidates.len() - valid,
            screened_out: search
                .status
                .iter()
                .zip(&search.scenarios)
                .filter(|(st, sc)| {
                    sc.is_some() && matches!(st, Status::Infeasible | Status::Dominated)
                })
                .count(),
            replications: search.figures.iter().map(|f| f.len() as u64).sum(),
            replications_equal_allocation: most * valid as u64,
            chosen,
            no_plan,
            searched: (0..search.candidates.len())
                .filter(|&i| search.scenarios[i].is_some())
                .map(|i| SearchedCandidate {
                    label: search.candidates[i].label.clone(),
                    status: search.status[i],
                    replications: search.figures[i].len(),
                    mean: mean(&search.figures[i]).unwrap_or_default(),
                })
                .collect(),
            frontier: hull
                .iter()
                .map(|p| FrontierPoint {
                    label: search.candidates[p.plan].label.clone(),
                    cost: p.cost,
                    detections: p.detections,
                })
                .collect(),
        };
        (result, plans)
    }

    /// The crossings decided so far, while the search goes on. Across crossings the
    /// plans are chosen only when every crossing is searched: until then a decided
    /// crossing has neither a plan nor a reason for having none.
    fn decided_so_far(&self) -> Option<ProgrammeResult> {
        let across = matches!(
            self.programme.goal,
            Goal::Allocate { .. } | Goal::CheapestProgramme { .. }
        );
        let crossings: Vec<CrossingResult> = self
            .searches
            .iter()
            .filter(|s| s.done)
            .map(|s| {
                let (mut r, _) = self.crossing_result(s);
                if across {
                    r.chosen = None;
                    r.no_plan = None;
                }
                r
            })
            .collect();
        if crossings.is_empty() {
            return None;
        }
        let rollups = rollups(&self.scenario, &crossings);
        Some(ProgrammeResult {
            goal: self.programme.goal.clone(),
            crossings,
            allocation: None,
            whole: None,
            strategy: None,
            rollups,
            replications: self.replications,
            allocation_error: None,
        })
    }

    fn finish(&mut self) -> ProgrammeResult {
        let goal = self.programme.goal.clone();
        let mut plans = Vec::new();
        let mut results = Vec::new();
        for search in &self.searches {
            let (result, crossing_plans) = self.crossing_result(search);
            plans.extend(crossing_plans);
            results.push(result);
        }
        let allocation = match goal {
            Goal::Allocate { budget, .. } => allocation::allocate(&plans, budget)
                .map(|a| (budget, a))
                .map_err(|e| e.to_string()),
            Goal::CheapestProgramme { detection_rate, .. } => {
                // Detections a year at the planned crossings for the target rate: the rate
                // times the carriers who attempt there (from the first candidate's runs).
                let carriers: f64 = self
                    .searches
                    .iter()
                    .map(|s| {
                        s.figures.iter().find_map(|f| mean(f)).map_or(0.0, |m| {
                            if m.detection_rate > 0.0 {
                                m.detections / m.detection_rate
                            } else {
                                0.0
                            }
                        })
                    })
                    .sum();
                allocation::cheapest_for(&plans, detection_rate * carriers)
                    .map(|a| (detection_rate, a))
                    .map_err(|e| e.to_string())
            }
            _ => Err(String::new()),
        };
        let allocation_error = match (&goal, &allocation) {
            (Goal::Allocate { .. } | Goal::CheapestProgramme { .. }, Err(why)) => Some(why.clone()),
            _ => None,
        };
        let mut allocation_summary = None;
        if let Ok((value, a)) = &allocation {
            for choice in &a.choices {
                if let Some(r) = results.iter_mut().find(|r| r.crossing == choice.crossing) {
                    let search = self
                        .searches
                        .iter()
                        .find(|s| self.scenario.crossings[s.crossing].id == choice.crossing)
                        .expect("search of the crossing");
                    r.chosen = Some(chosen_plan(search, choice.plan, None));
                    r.no_plan = None;
                }
            }
            allocation_summary = Some(AllocationSummary {
                budget_or_target: *value,
                cost: a.cost,
                detections: a.detections,
                lp_bound: a.lp_bound,
                frontier: allocation::programme_frontier(&plans).unwrap_or_default(),
            });
        }
        if let Some(why) = &allocation_error {
            for r in results.iter_mut().filter(|r| r.no_plan.is_none()) {
                r.no_plan = Some(format!("the allocation across crossings failed: {why}"));
            }
        }
        let strategy = programme_strategy(&self.scenario, &results);
        let rollups = rollups(&self.scenario, &results);
        ProgrammeResult {
            goal,
            crossings: results,
            allocation: allocation_summary,
            whole: None,
            strategy,
            rollups,
            replications: self.replications,
            allocation_error,
        }
    }
}

/// The chosen plans summed per field office, then per border (in order of first
/// appearance, so the table is stable).
fn rollups(scenario: &Scenario, results: &[CrossingResult]) -> Vec<Rollup> {
    let mut out: Vec<Rollup> = Vec::new();
    for r in results {
        let Some(chosen) = &r.chosen else { continue };
        let Some(crossing) = scenario.crossings.iter().find(|c| c.id == r.crossing) else {
            continue;
        };
        for (level, name) in [
            ("field_office", crossing.field_office.clone()),
            ("border", crossing.border.label().to_string()),
        ] {
            let i = match out.iter().position(|x| x.level == level && x.name == name) {
                Some(i) => i,
                None => {
                    out.push(Rollup {
                        level,
                        name,
                        crossings: 0,
                        operations_per_week: 0,
                        officer_hours: 0.0,
                        full_cost: 0.0,
                        new_money: 0.0,
                        detections: 0.0,
                    });
                    out.len() - 1
                }
            };
            let x = &mut out[i];
            x.crossings += 1;
            x.operations_per_week += chosen.operations_per_week;
            x.officer_hours += chosen.mean.officer_hours;
            x.full_cost += chosen.mean.full_cost;
            x.new_money += chosen.mean.new_money;
            x.detections += chosen.mean.detections;
        }
    }
    out.sort_by_key(|x| x.level != "field_office");
    out
}

fn mean(f: &[Figures]) -> Option<Figures> {
    if f.is_empty() {
        return None;
    }
    let n = f.len() as f64;
    let sum = |g: fn(&Figures) -> f64| f.iter().map(g).sum::<f64>() / n;
    Some(Figures {
        detection_rate: sum(|x| x.detection_rate),
        detections: sum(|x| x.detections),
        firearms: sum(|x| x.firearms),
        currency: sum(|x| x.currency),
        full_cost: sum(|x| x.full_cost),
        new_money: sum(|x| x.new_money),
        officer_hours: sum(|x| x.officer_hours),
    })
}

fn chosen_plan(search: &CrossingSearch, i: usize, target: Option<&Target>) -> ChosenPlan {
    let f = &search.figures[i];
    let chance = target.and_then(|t| {
        let values: Vec<f64> = f.iter().map(|x| measure_of(x, t).0).collect();
        rank_select::chance_of_meeting(
            &values,
            measure_of(&Figures::default(), t).1,
            Sense::Maximise,
        )
    });
    ChosenPlan {
        label: search.candidates[i].label.clone(),
        operations_per_week: search.candidates[i].operations_per_week,
        replications: f.len(),
        mean: mean(f).unwrap_or_default(),
        chance_of_meeting_target: chance,
        candidate: search.candidates[i].clone(),
        index: i,
    }
}

/// The scenario restricted to one crossing with the candidate as its only strategy.
fn variant_scenario(
    base: &Scenario,
    crossing: usize,
    candidate: &Candidate,
    replications: u32,
) -> Result<ValidScenario, String> {
    // The X-ray units a candidate buys are in its plan, so the strategy written from it
    // buys them too.
    let mut s = base.clone();
    s.crossings = vec![s.crossings[crossing].clone()];
    s.strategies = vec![Strategy {
        name: candidate.label.chars().take(80).collect(),
        description: String::new(),
        plan: candidate.plan.clone(),
        overrides: Vec::new(),
    }];
    s.replications = replications.max(2);
    s.programme = None;
    validate(s).map_err(|problems| {
        problems
            .first()
            .map_or_else(String::new, ToString::to_string)
    })
}

/// The chosen plans as one strategy: the baseline plan everywhere, an override per
/// planned crossing.
fn programme_strategy(scenario: &Scenario, results: &[CrossingResult]) -> Option<Strategy> {
    let overrides: Vec<PlanOverride> = results
        .iter()
        .filter_map(|r| {
            r.chosen.as_ref().map(|c| PlanOverride {
                applies_to: CrossingFilter {
                    crossing_ids: vec![r.crossing.clone()],
                    ..Default::default()
                },
                plan: c.candidate.plan.clone(),
            })
        })
        .collect();
    if overrides.is_empty() {
        return None;
    }
    Some(Strategy {
        name: "Optimised programme".to_string(),
        description: "Chosen by egress optimise: one plan per crossing (overrides).".to_string(),
        plan: scenario.strategies[0].plan.clone(),
        overrides,
    })
}

impl CrossingSearch {
    /// Why this search yields no plan, were it to yield none (`has_floor_plan`: some
    /// candidate not ruled out meets the floor).
    fn no_plan_why(
        &self,
        goal: &Goal,
        has_floor_plan: bool,
        floor: u32,
        search: &crate::scenario::programme::Search,
    ) -> Option<String> {
        if let Some(why) = &self.not_valid_why {
            return Some(format!(
                "no candidate plan is valid at this crossing: {why}"
            ));
        }
        let confidence = format!("{:.0}%", (1.0 - search.alpha) * 100.0);
        let out_of_replications = self.status.iter().any(|s| matches!(s, Status::Open));
        Some(match goal {
            Goal::CheapestForTarget { .. } if out_of_replications => format!(
                "no candidate was shown to meet the target at {confidence} within {} replications",
                search.max_replications
            ),
            Goal::CheapestForTarget { .. } => {
                format!("no candidate meets the target: each falls short at {confidence}")
            }
            Goal::MostWithinBudget { .. } => {
                format!("no candidate was shown to stay within the budget at {confidence}")
            }
            Goal::Allocate { .. } | Goal::CheapestProgramme { .. } if !has_floor_plan => format!(
                "no candidate left in the search has at least {floor} operation(s) a week (the floor)"
            ),
            Goal::Allocate { .. } | Goal::CheapestProgramme { .. } => {
                String::from("the allocation across crossings gave this crossing no plan")
            }
        })
    }

    fn values(&self, i: usize, g: impl Fn(&Figures) -> f64) -> Vec<f64> {
        self.figures[i].iter().map(g).collect()
    }

    /// Paired values of two candidates over the replications both have.
    fn paired(
        &self,
        i: usize,
        j: usize,
        g: impl Fn(&Figures) -> f64 + Copy,
    ) -> (Vec<f64>, Vec<f64>) {
        let n = self.figures[i].len().min(self.figures[j].len());
        (
            self.figures[i][..n].iter().map(g).collect(),
            self.figures[j][..n].iter().map(g).collect(),
        )
    }

    fn live(&self) -> Vec<usize> {
        (0..self.candidates.len())
            .filter(|&i| matches!(self.status[i], Status::Open | Status::Feasible))
            .collect()
    }

    /// Screening for a goal with a constraint and an objective: a candidate that meets
    /// the constraint at 1 − α is feasible, one that fails it at 1 − α infeasible, and
    /// one that a feasible candidate beats on the objective at 1 − α (paired, common
    /// random numbers) is dominated.
    fn screen_constrained(
        &mut self,
        live: &[usize],
        alpha: f64,
        (constraint, bar, constraint_sense): (impl Fn(&Figures) -> f64, f64, Sense),
        (objective, objective_sense): (impl Fn(&Figures) -> f64 + Copy, Sense),
    ) {
        for &i in live {
            let values = self.values(i, &constraint);
            match rank_select::feasibility(&values, bar, alpha, constraint_sense) {
                Ok(Feasibility::Meets) => self.status[i] = Status::Feasible,
                Ok(Feasibility::Fails) => self.status[i] = Status::Infeasible,
                _ => {}
            }
        }
        let feasible: Vec<usize> = live
            .iter()
            .copied()
            .filter(|&i| self.status[i] == Status::Feasible)
            .collect();
        for &j in live {
            if feasible.iter().any(|&i| {
                i != j && {
                    let (oi, oj) = self.paired(i, j, objective);
                    rank_select::dominated(&oi, &oj, alpha, objective_sense).unwrap_or(false)
                }
            }) {
                self.status[j] = Status::Dominated;
            }
        }
    }

    fn screen(&mut self, goal: &Goal, alpha: f64) {
        let live = self.live();
        match goal {
            Goal::CheapestForTarget { target, cost } => {
                let bar = measure_of(&Figures::default(), target).1;
                self.screen_constrained(
                    &live,
                    alpha,
                    (|f: &Figures| measure_of(f, target).0, bar, Sense::Maximise),
                    (|f: &Figures| cost_of(f, *cost), Sense::Minimise),
                );
            }
            Goal::MostWithinBudget { budget, cost } => {
                self.screen_constrained(
                    &live,
                    alpha,
                    (|f: &Figures| cost_of(f, *cost), *budget, Sense::Minimise),
                    (|f: &Figures| f.detections, Sense::Maximise),
                );
            }
            Goal::Allocate { .. } | Goal::CheapestProgramme { .. } => {
                // The frontier needs every efficient candidate: screen only those that
                // cost no less and detect fewer at 1 − α than another.
                for &j in &live {
                    if live.iter().any(|&i| {
                        i != j && {
                            let (ci, cj) = self.paired(i, j, |f| f.full_cost);
                            let (di, dj) = self.paired(i, j, |f| f.detections);
                            let cheaper = ci.iter().sum::<f64>() <= cj.iter().sum::<f64>();
                            cheaper
                                && rank_select::dominated(&di, &dj, alpha, Sense::Maximise)
                                    .unwrap_or(false)
                        }
                    }) {
                        self.status[j] = Status::Dominated;
                    }
                }
            }
        }
    }

    /// Replications each candidate should have after the next stage (0 = no more).
    fn next_request(
        &mut self,
        goal: &Goal,
        search: &crate::scenario::programme::Search,
    ) -> Vec<u32> {
        let n = self.candidates.len();
        let have: Vec<u32> = self.figures.iter().map(|f| f.len() as u32).collect();
        let max = search.max_replications;
        let first = search.first_stage;
        let mut want: Vec<u32> = have.clone();
        // Stage 1: everyone valid gets the first stage.
        if have
            .iter()
            .zip(&self.scenarios)
            .all(|(&h, s)| s.is_none() || h == 0)
        {
            for (w, scenario) in want.iter_mut().zip(&self.scenarios) {
                if scenario.is_some() {
                    *w = first.min(max);
                }
            }
            return want;
        }
        let live = self.live();
        let step = first.max(5);
        match goal {
            Goal::CheapestForTarget { cost, .. } => {
                // The cheapest live candidate decides: if it is feasible, done; if open,
                // it gets more replications.
                let by_cost =
                    |i: usize| mean(&self.figures[i]).map_or(f64::INFINITY, |m| cost_of(&m, *cost));
                let mut order = live.clone();
                order.sort_by(|&a, &b| by_cost(a).total_cmp(&by_cost(b)).then(a.cmp(&b)));
                for &i in &order {
                    match self.status[i] {
                        Status::Feasible => {
                            self.chosen = Some(i);
                            self.done = true;
                            return vec![0; n];
                        }
                        Status::Open if have[i] < max => {
                            want[i] = (have[i] + step).min(max);
                            return want;
                        }
                        _ => continue, // open but out of replications: cannot be shown feasible
                    }
                }
                self.done = true;
                want
            }
            Goal::MostWithinBudget { .. } => {
                let contenders: Vec<usize> = live.clone();
                let best = contenders
                    .iter()
                    .copied()
                    .filter(|&i| self.status[i] == Status::Feasible)
                    .max_by(|&a, &b| {
                        let d = |i: usize| mean(&self.figures[i]).map_or(0.0, |m| m.detections);
                        d(a).total_cmp(&d(b)).then(b.cmp(&a))
                    });
                // Indifference: when no contender can beat the best affordable plan by δ
                // or more in detection rate (paired one-sided bound at 1 − α), the choice
                // no longer matters to the planner.
                let settled = best.is_some_and(|b| {
                    contenders.iter().all(|&j| {
                        j == b || {
                            let (x, y) = self.paired(j, b, |f| f.detection_rate);
                            let d: Vec<f64> = x.iter().zip(&y).map(|(a, b)| a - b).collect();
                            rank_select::upper_bound(&d, search.alpha)
                                .is_ok_and(|u| u < search.indifference)
                        }
                    })
                });
                if contenders.len() <= 1 || settled || contenders.iter().all(|&i| have[i] >= max) {
                    self.chosen = best;
                    self.done = true;
                    return vec![0; n];
                }
                let means: Vec<f64> = contenders
                    .iter()
                    .map(|&i| mean(&self.figures[i]).map_or(0.0, |m| m.detections))
                    .collect();
                let vars: Vec<f64> = contenders
                    .iter()
                    .map(|&i| rank_select::Sample::of(&self.values(i, |f| f.detections)).variance)
                    .map(|v| if v.is_finite() { v } else { 0.0 })
                    .collect();
                let done: Vec<u32> = contenders.iter().map(|&i| have[i]).collect();
                let extra = step * contenders.len() as u32;
                if let Ok(more) = ocba_allocation(&means, &vars, &done, extra, Sense::Maximise) {
                    for (k, &i) in contenders.iter().enumerate() {
                        want[i] = (have[i] + more[k]).min(max);
                    }
                }
                if want == have {
                    // OCBA gave everything to candidates already at the cap.
                    for &i in &contenders {
                        if have[i] < max {
                            want[i] = (have[i] + step).min(max);
                        }
                    }
                }
                want
            }
            Goal::Allocate { .. } | Goal::CheapestProgramme { .. } => {
                // One more stage for the candidates still efficient, then decide.
                if have
                    .iter()
                    .zip(&self.scenarios)
                    .any(|(&h, s)| s.is_some() && h > first)
                {
                    self.done = true;
                    return vec![0; n];
                }
                for &i in &live {
                    want[i] = (2 * first).min(max);
                }
                if want == have {
                    self.done = true;
                }
                want
            }
        }
    }
}

impl Staged for Optimiser {
    type Outcome = ProgrammeResult;

    /// Crossings whose choice is made, of those planned.
    fn decided(&self) -> Option<(u32, u32)> {
        let done = self.searches.iter().filter(|s| s.done).count() as u32;
        Some((done, self.searches.len() as u32))
    }

    /// The crossings decided so far; during the whole-programme stage, the programme
    /// itself (all but the check of the whole against the sum of its parts).
    fn partial(&self) -> Option<ProgrammeResult> {
        match &self.result {
            Some(result) => Some(result.clone()),
            None => self.decided_so_far(),
        }
    }

    fn next(&mut self, finished: Option<(&Design, &[UnitRecord])>) -> Stage<ProgrammeResult> {
        if let Some((design, records)) = finished {
            if let Some((planned, sum_of_parts)) = &self.whole {
                let (planned, sum_of_parts) = (planned.clone(), *sum_of_parts);
                let result = self.result.as_mut().expect("result before the whole run");
                let per_year = self.per_year;
                let mut by_replication: BTreeMap<u32, f64> = BTreeMap::new();
                for r in records {
                    if r.record.strategy == 0 {
                        let d: u64 = planned
                            .iter()
                            .map(|&c| r.record.crossings[c].detected)
                            .sum();
                        *by_replication.entry(r.record.replication).or_default() +=
                            d as f64 * per_year;
                    }
                }
                let n = by_replication.len().max(1) as f64;
                let detections = by_replication.values().sum::<f64>() / n;
                result.whole = Some(WholeRun {
                    replications: by_replication.len() as u32,
                    detections,
                    sum_of_parts,
                    difference: detections - sum_of_parts,
                });
                self.replications += records.len() as u64;
                let mut out = self.result.take().expect("result");
                out.replications = self.replications;
                return Stage::Done(out);
            }
            self.absorb(design, records);
        }
        loop {
            let want = self.decide_stage();
            if self.searches.iter().all(|s| s.done) {
                break;
            }
            if let Some(design) = self.stage_design(&want) {
                return Stage::Run(design);
            }
            // Nothing to run but not done: the searches decide from what they have.
            for s in &mut self.searches {
                s.done = true;
            }
        }
        let result = self.finish();
        // The whole programme: the planned crossings together, baseline and programme.
        if let Some(strategy) = result.strategy.clone() {
            let mut s = self.scenario.scenario().clone();
            let planned: Vec<usize> = self.searches.iter().map(|x| x.crossing).collect();
            // The programme as strategy 0, like every candidate in its variant: the
            // simulation keys schedule draws by strategy index, so the parts and the whole
            // then share them and the difference is the interaction between crossings.
            s.strategies = vec![strategy];
            s.programme = None;
            let reps = self.programme.search.first_stage.max(2);
            s.replications = reps;
            // The parts over the same replications as the whole (every candidate has at
            // least the first stage).
            let sum_of_parts: f64 = result
                .crossings
                .iter()
                .zip(&self.searches)
                .filter_map(|(r, search)| {
                    let chosen = r.chosen.as_ref()?;
                    let f = &search.figures[chosen.index];
                    mean(&f[..f.len().min(reps as usize)]).map(|m| m.detections)
                })
                .sum();
            if let Ok(valid) = validate(s.clone()) {
                let variant = Variant {
                    scenario: valid,
                    replications: 0..reps,
                    strategies: vec![0],
                };
                if let Ok(design) = Design::new("optimise, the whole programme", vec![variant]) {
                    self.whole = Some((planned, sum_of_parts));
                    self.result = Some(result);
                    return Stage::Run(design);
                }
            }
        }
        let mut result = result;
        result.replications = self.replications;
        Stage::Done(result)
    }
}

/// The scenario with the programme appended as a strategy (to run, compare with the
/// baseline on common random numbers, share and brief); refused when the scenario already
/// has the most strategies it may.
pub fn with_programme_strategy(
    scenario: &Scenario,
    result: &ProgrammeResult,
) -> Result<Scenario, String> {
    let strategy = result
        .strategy
        .clone()
        .ok_or("the optimiser chose no plan at any crossing")?;
    if scenario.strategies.len() >= crate::scenario::Limits::STRATEGIES {
        return Err(format!(
            "the scenario already has {} strategies, the most it may: remove one to add the programme",
            scenario.strategies.len()
        ));
    }
    let mut s = scenario.clone();
    s.strategies.push(strategy);
    Ok(s)
}
