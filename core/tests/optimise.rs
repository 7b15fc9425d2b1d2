//! The programme optimiser against a closed form, and its determinism.

mod common;

use common::*;
use egress_core::decide::programme::{
    CrossingResult, Optimiser, ProgrammeResult, with_programme_strategy,
};
use egress_core::experiment::{
    Design, Executor, Progress, Stage, Staged, merge, replay, run_staged, shard,
};
use egress_core::scenario::programme::{
    CandidateSpace, CostBasis, Goal, Programme, Resource, ScheduleFamily, Search, Target,
};
use egress_core::scenario::*;

/// One crossing, 100,000 personal vehicles a year as a homogeneous Poisson stream, 1,000
/// currency carriers a year who never adapt, every vehicle searched, every carrier found
/// when searched, 20 teams (no queue). Operations of 4 hours at random times over the
/// whole day, n a week, never overlapping: a carrier meets one with probability
/// n·4/168, so the detection rate is linear in n. For a target of 20% the minimum
/// frequency is n* = ⌈0.2·168/4⌉ = ⌈8.4⌉ = 9 (detection 21.4%; 8 gives 19.0%).
fn linear_scenario(goal: Goal) -> Scenario {
    let mut s = base_scenario("linear in frequency", 364, 40, 9001);
    homogeneous_traffic(&mut s);
    no_trusted(&mut s);
    s.crossings[0].annual_inbound.personal_vehicles = 100_000.0;
    s.threat
        .contraband
        .get_mut(Contraband::Currency)
        .prevalence_per_100k
        .personal_vehicles = 1000.0;
    s.inspection.search.detection = same_for_all(1.0);
    let plan = quiet_plan(Schedule::None, Selection::All, Technique::SearchAll, 20);
    s.strategies = vec![strategy("no operations", plan)];
    s.programme = Some(Programme {
        goal,
        crossings: Vec::new(),
        floor_operations_per_week: 1,
        space: Some(CandidateSpace {
            schedules: vec![ScheduleFamily::PulseRandom],
            operations_per_week: vec![6, 7, 8, 9, 10, 12],
            duration_hours: vec![4.0],
            daily_windows: vec![OperatingHours {
                from_hour: 0.0,
                to_hour: 24.0,
                traffic_weighted: false,
            }],
            teams: vec![20],
            crew_size: vec![2],
            selection: vec![Selection::All],
            technique: vec![Technique::SearchAll],
            nii_units_bought: vec![0],
        }),
        search: Search {
            first_stage: 10,
            max_replications: 40,
            alpha: 0.05,
            indifference: 0.01,
        },
    });
    s
}

fn optimise(s: Scenario) -> ProgrammeResult {
    run_staged(&mut Optimiser::new(valid(s)).expect("optimiser")).expect("merged")
}

#[test]
fn the_minimum_frequency_for_a_target_is_the_closed_form() {
    let s = linear_scenario(Goal::CheapestForTarget {
        target: Target::DetectionRate { at_least: 0.2 },
        cost: CostBasis::FullCost,
    });
    let result = optimise(s.clone());
    let crossing = &result.crossings[0];
    let chosen = crossing.chosen.as_ref().expect("a plan meets 20%");
    assert_eq!(chosen.operations_per_week, 9, "chose {}", chosen.label);
    assert!(chosen.chance_of_meeting_target.unwrap() >= 0.95);
    // The cheaper plans were shown to fall short, the dearer ones screened or never needed.
    assert!(crossing.replications < crossing.replications_equal_allocation);
    // The whole programme of one crossing is its only part: no displacement.
    let whole = result.whole.as_ref().expect("whole run");
    assert!(whole.difference.abs() < 1e-9, "{whole:?}");
    // The programme becomes a strategy appended to the scenario, valid to run.
    let with = with_programme_strategy(&s, &result).expect("appended");
    assert_eq!(with.strategies.len(), 2);
    assert!(validate(with).is_ok());
}

#[test]
fn within_a_budget_the_most_frequent_affordable_plan_wins() {
    // Find the annual cost of 9 operations a week first, then ask for the best plan
    // within a budget halfway between the costs of 9 and 10: detection rises with
    // frequency, so the answer is 9.
    let probe = optimise(linear_scenario(Goal::Allocate {
        budget: 1e12,
        resource: Resource::FullCost,
    }));
    let cost = |n: u32| {
        probe.crossings[0]
            .searched
            .iter()
            .find(|c| c.label.starts_with(&format!("{n} ×")))
            .map(|c| c.mean.full_cost)
            .expect("candidate")
    };
    let budget = 0.5 * (cost(9) + cost(10));
    let result = optimise(linear_scenario(Goal::MostWithinBudget {
        budget,
        cost: CostBasis::FullCost,
    }));
    let chosen = result.crossings[0].chosen.as_ref().expect("a plan fits");
    assert_eq!(chosen.operations_per_week, 9, "chose {}", chosen.label);
}

/// Runs the stages with every stage's units executed backwards, in two halves, and merged:
/// the decision must not depend on how the units were executed.
/// Also checks what a progress bar reads: the crossings decided only grow, out of a
/// fixed number, and are all decided at the end; the results so far hold the decided
/// crossings, with the plan the final result gives them (per-crossing goals).
fn optimise_split(s: Scenario) -> ProgrammeResult {
    let across = matches!(
        s.programme.as_ref().map(|p| &p.goal),
        Some(Goal::Allocate { .. } | Goal::CheapestProgramme { .. })
    );
    let mut optimiser = Optimiser::new(valid(s)).expect("optimiser");
    let (mut decided, planned) = optimiser.decided().expect("crossings");
    assert_eq!(decided, 0);
    assert!(optimiser.partial().is_none(), "nothing is decided yet");
    let mut so_far: Vec<ProgrammeResult> = Vec::new();
    let mut stage = optimiser.next(None);
    loop {
        let (now, of) = optimiser.decided().expect("crossings");
        assert!(
            now >= decided && now <= of && of == planned,
            "{now} of {of}"
        );
        decided = now;
        if let Some(partial) = optimiser.partial() {
            assert_eq!(partial.crossings.len() as u32, decided);
            so_far.push(partial);
        }
        match stage {
            Stage::Done(result) => {
                assert_eq!(decided, planned);
                assert!(!so_far.is_empty(), "results filled in before the end");
                let label = |r: &CrossingResult| r.chosen.as_ref().map(|p| p.label.clone());
                for partial in &so_far {
                    // Across crossings, plans are chosen by the allocation, at the end.
                    let allocated = partial.allocation.is_some() || partial.strategy.is_some();
                    assert!(partial.whole.is_none(), "the whole check comes last");
                    for c in &partial.crossings {
                        let last = result
                            .crossings
                            .iter()
                            .find(|r| r.crossing == c.crossing)
                            .expect("the crossing is in the result");
                        if across && !allocated {
                            assert!(c.chosen.is_none() && c.no_plan.is_none());
                        } else {
                            assert_eq!(label(c), label(last), "{}", c.crossing);
                        }
                    }
                }
                return result;
            }
            Stage::Run(design) => {
                let design: Design = design;
                let half = design.len() / 2;
                let mut records = Executor::default().run_range(&design, half..design.len());
                let mut first: Vec<_> = (0..half)
                    .rev()
                    .filter_map(|i| Executor::default().run(&design, i))
                    .collect();
                records.append(&mut first);
                records.reverse();
                let records = merge(&design, records).expect("merged");
                stage = optimiser.next(Some((&design, &records)));
            }
        }
    }
}

#[test]
fn the_same_scenario_gives_the_same_programme_however_it_is_run() {
    let s = linear_scenario(Goal::CheapestForTarget {
        target: Target::DetectionRate { at_least: 0.2 },
        cost: CostBasis::NewMoney,
    });
    let a = serde_json::to_string(&optimise(s.clone())).unwrap();
    let b = serde_json::to_string(&optimise_split(s.clone())).unwrap();
    assert_eq!(a, b);
    let c = serde_json::to_string(&optimise_by_batch(s)).unwrap();
    assert_eq!(a, c);
}

/// As a batch system runs it: each time a fresh optimiser replays every record gathered
/// so far, finds the pending stage and runs it in three shards, last shard first.
fn optimise_by_batch(s: Scenario) -> ProgrammeResult {
    let mut gathered = Vec::new();
    loop {
        let mut optimiser = Optimiser::new(valid(s.clone())).expect("optimiser");
        match replay(&mut optimiser, &gathered).expect("replayed") {
            Progress::Done(result) => return result,
            Progress::Pending { design, .. } => {
                for i in (0..3).rev() {
                    let range = shard(design.len(), i, 3);
                    gathered.extend(Executor::default().run_range(&design, range));
                }
            }
        }
    }
}

#[test]
fn a_scenario_without_a_programme_is_refused_with_a_message() {
    let mut s = linear_scenario(Goal::Allocate {
        budget: 1.0,
        resource: Resource::FullCost,
    });
    s.programme = None;
    let error = Optimiser::new(valid(s)).err().expect("refused");
    assert!(error.to_string().contains("no programme"), "{error}");
}

/// Two identical crossings, floor 7 operations a week (the cheapest candidate meeting it
/// is the 7-a-week plan). A budget that only pays the floors keeps both there; a budget
/// that pays everything buys the most frequent plan at both. The programme is one
/// strategy with an override per crossing.
#[test]
fn across_crossings_floors_come_first_and_a_large_budget_buys_the_most() {
    let two = |budget: f64| {
        let mut s = linear_scenario(Goal::Allocate {
            budget,
            resource: Resource::FullCost,
        });
        let mut second = s.crossings[0].clone();
        second.id = "T2".into();
        second.name = "T2".into();
        second.lat += 5.0;
        s.crossings.push(second);
        let p = s.programme.as_mut().unwrap();
        p.floor_operations_per_week = 7;
        p.search.max_replications = 20;
        s
    };
    let probe = optimise(two(1e12));
    for c in &probe.crossings {
        assert_eq!(
            c.chosen.as_ref().expect("chosen").operations_per_week,
            12,
            "{}",
            c.crossing
        );
    }
    let allocation = probe.allocation.as_ref().expect("allocation");
    assert!(
        allocation
            .frontier
            .windows(2)
            .all(|w| w[1].0 >= w[0].0 && w[1].1 >= w[0].1)
    );
    let strategy = probe.strategy.as_ref().expect("strategy");
    assert_eq!(strategy.overrides.len(), 2);
    // Both crossings are in one field office and one border: the roll-ups add them up.
    assert_eq!(probe.rollups.len(), 2);
    for rollup in &probe.rollups {
        assert_eq!(
            (rollup.crossings, rollup.operations_per_week),
            (2, 24),
            "{rollup:?}"
        );
        let cost: f64 = probe
            .crossings
            .iter()
            .map(|c| c.chosen.as_ref().unwrap().mean.full_cost)
            .sum();
        assert!((rollup.full_cost - cost).abs() <= 1e-9 * cost);
    }
    let floor_cost: f64 = probe
        .crossings
        .iter()
        .map(|c| {
            c.searched
                .iter()
                .find(|x| x.label.starts_with("7 ×"))
                .expect("7 a week")
                .mean
                .full_cost
        })
        .sum();
    // Stage by stage, split, with the results so far checked (none chosen before the end).
    let tight = optimise_split(two(floor_cost * 1.000_001));
    for c in &tight.crossings {
        assert_eq!(
            c.chosen.as_ref().expect("chosen").operations_per_week,
            7,
            "{}",
            c.crossing
        );
    }
    assert!(tight.allocation.as_ref().unwrap().cost <= floor_cost * 1.000_001);
}

/// A crossing the optimiser cannot give a plan stays in the result with why: here no
/// candidate reaches the floor (13 operations a week; the space stops at 12), and a
/// target no candidate can reach (90%; 12 a week detects about 29%).
#[test]
fn a_crossing_without_a_plan_is_reported_with_why_never_dropped() {
    let mut s = linear_scenario(Goal::Allocate {
        budget: 1e12,
        resource: Resource::FullCost,
    });
    let mut second = s.crossings[0].clone();
    second.id = "T2".into();
    second.name = "T2".into();
    second.lat += 5.0;
    s.crossings.push(second);
    let p = s.programme.as_mut().unwrap();
    p.floor_operations_per_week = 13;
    p.search.max_replications = 20;
    let result = optimise(s);
    assert_eq!(result.crossings.len(), 2);
    for c in &result.crossings {
        assert!(c.chosen.is_none(), "{}", c.crossing);
        let why = c.no_plan.as_deref().expect("a reason");
        assert!(why.contains("13 operation(s) a week"), "{why}");
    }
    assert!(result.strategy.is_none());

    let mut s = linear_scenario(Goal::CheapestForTarget {
        target: Target::DetectionRate { at_least: 0.9 },
        cost: CostBasis::FullCost,
    });
    s.programme.as_mut().unwrap().search.max_replications = 20;
    let result = optimise(s);
    let c = &result.crossings[0];
    assert!(c.chosen.is_none());
    let why = c.no_plan.as_deref().expect("a reason");
    assert!(why.contains("target"), "{why}");
    // A crossing with a plan has no reason.
    let result = optimise(linear_scenario(Goal::CheapestForTarget {
        target: Target::DetectionRate { at_least: 0.2 },
        cost: CostBasis::FullCost,
    }));
    assert_eq!(result.crossings[0].no_plan, None);
}

/// The X-ray units a chosen plan buys are in the strategy written from it: run on the
/// same seed as strategy 0 (the index every candidate ran as, so the schedule draws are
/// shared), the written strategy gives the chosen plan's figures exactly.
#[test]
fn the_written_strategy_simulates_what_the_optimiser_evaluated() {
    let mut s = linear_scenario(Goal::MostWithinBudget {
        budget: 1e12,
        cost: CostBasis::FullCost,
    });
    s.crossings[0].nii_units = 0;
    s.crossings[0].nii_units_bought = 0;
    let p = s.programme.as_mut().unwrap();
    let space = p.space.as_mut().unwrap();
    space.operations_per_week = vec![7, 9];
    space.technique = vec![Technique::NiiThenSearch];
    space.nii_units_bought = vec![2];
    p.search.max_replications = 12;
    let result = optimise(s.clone());
    let chosen = result.crossings[0].chosen.as_ref().expect("a plan");
    let with = with_programme_strategy(&s, &result).expect("appended");
    let written = with.strategies.last().expect("the programme").clone();
    assert_eq!(written.overrides[0].plan.nii_units_bought, 2);
    let mut alone = with.clone();
    alone.strategies = vec![written];
    alone.replications = chosen.replications as u32;
    let design = Design::run(valid(alone.clone()));
    let records = Executor::default().run_range(&design, 0..design.len());
    let per_year = 365.0 / f64::from(alone.horizon_days);
    let n = records.len() as f64;
    let cost = records.iter().map(|r| r.record.budget.total).sum::<f64>() * per_year / n;
    let detections = records
        .iter()
        .map(|r| r.record.carriers.detected as f64)
        .sum::<f64>()
        * per_year
        / n;
    assert!(
        (cost - chosen.mean.full_cost).abs() <= 1e-9 * chosen.mean.full_cost,
        "written {cost}, evaluated {}",
        chosen.mean.full_cost
    );
    assert!(records.iter().all(|r| r.record.budget.nii_bought > 0.0));
    assert!(
        (detections - chosen.mean.detections).abs() <= 1e-9 * chosen.mean.detections.max(1.0),
        "written {detections}, evaluated {}",
        chosen.mean.detections
    );
}
