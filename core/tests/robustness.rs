//! Robustness over plausible worlds (issue 14): shares are reproducible to the digit for
//! a seed and a number of worlds, a dominated strategy never wins, and the design is
//! recognised from its records alone.

mod common;

use common::*;
use egress_core::decide::robustness::{
    Bands, Criterion, RobustnessPlan, robustness, robustness_design, world_values,
};
use egress_core::experiment::{Design, Executor};
use egress_core::scenario::assumptions::RANGES;
use egress_core::scenario::*;

fn crossing_with_a_dominated_strategy() -> Scenario {
    let mut s = base_scenario("robustness", 60, 2, 5);
    no_trusted(&mut s);
    s.crossings[0].annual_inbound.personal_vehicles = 120_000.0;
    s.threat
        .contraband
        .firearms
        .prevalence_per_100k
        .personal_vehicles = 300.0;
    let plan = |schedule, selection| quiet_plan(schedule, selection, Technique::Interview, 2);
    s.strategies = vec![
        strategy(
            "Peak hours",
            plan(
                Schedule::PeakTime {
                    busiest_hours: 4,
                    days: [true; 7],
                },
                Selection::RandomFraction { fraction: 0.5 },
            ),
        ),
        strategy("Nothing", plan(Schedule::None, Selection::All)),
        strategy(
            "Around the clock",
            plan(Schedule::Continuous, Selection::All),
        ),
    ];
    s
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("json")
}

#[test]
fn shares_are_reproducible_and_a_dominated_strategy_never_wins() {
    let scenario = valid(crossing_with_a_dominated_strategy());
    let plan = robustness_design(&scenario, 12, 2).expect("plan");
    assert!(plan.refused.is_empty(), "{:?}", plan.refused);
    let records = Executor::default().run_range(&plan.design, 0..plan.design.len());
    let first = robustness(&plan, &records);
    // Again from scratch, units run backwards one executor each: the same digits.
    let again = robustness_design(&scenario, 12, 2).expect("plan");
    let mut scattered: Vec<_> = (0..again.design.len())
        .rev()
        .filter_map(|i| Executor::default().run(&again.design, i))
        .collect();
    scattered.reverse();
    assert_eq!(json(&first), json(&robustness(&again, &scattered)));

    assert_eq!(first.worlds, 12);
    for (c, criterion) in Criterion::ALL.iter().enumerate() {
        let total: f64 = first.strategies.iter().map(|s| s.wins[c].1).sum();
        assert!(
            (total - 1.0).abs() < 1e-12,
            "{criterion:?}: shares sum to {total}"
        );
    }
    let nothing = &first.strategies[1];
    assert_eq!(nothing.strategy, "Nothing");
    assert!(
        nothing.wins.iter().all(|(_, share)| *share == 0.0),
        "{:?}",
        nothing.wins
    );
    // Around the clock interviewing everyone detects the most in every world.
    assert_eq!(
        first.strategies[2].wins[0],
        (Criterion::MostDetections, 1.0)
    );
    let bands = &first.strategies[2].detection_rate;
    assert!(bands.p5 <= bands.p25 && bands.p25 <= bands.median);
    assert!(bands.median <= bands.p75 && bands.p75 <= bands.p95);

    // Another seed samples other worlds.
    assert_ne!(world_values(5, 0), world_values(6, 0));
}

#[test]
fn worlds_fill_every_range_and_the_design_is_recognised() {
    // 64 Sobol points: every assumption's values spread over its whole range.
    for (d, r) in RANGES.iter().enumerate() {
        let values: Vec<f64> = (0..64).map(|w| world_values(9, w)[d]).collect();
        let below = values.iter().filter(|v| **v < r.at(0.5)).count();
        assert_eq!(below, 32, "{}: a stratified half below the middle", r.id);
        assert!(values.iter().all(|v| *v >= r.low && *v <= r.high));
    }
    let mut s = crossing_with_a_dominated_strategy();
    s.horizon_days = 20;
    let scenario = valid(s);
    let plan = robustness_design(&scenario, 4, 1).expect("plan");
    let rebuilt = Design::from_spec(plan.design.spec()).expect("design");
    let recognised = RobustnessPlan::recognise(&rebuilt)
        .expect("robustness")
        .expect("same plan");
    assert_eq!(recognised.worlds, plan.worlds);
    assert!(RobustnessPlan::recognise(&Design::run(scenario.clone())).is_none());
    assert!(robustness_design(&scenario, 0, 1).is_err());
}

#[test]
fn bands_interpolate_order_statistics() {
    let b = Bands::of(&[4.0, 1.0, 3.0, 2.0, 5.0]);
    assert_eq!((b.p25, b.median, b.p75), (2.0, 3.0, 4.0));
    assert!((b.p5 - 1.2).abs() < 1e-12 && (b.p95 - 4.8).abs() < 1e-12);
}

/// With a programme goal the shares count a third criterion, best by that goal. Built so
/// the answer holds in every world: "Nothing" detects none and costs nothing, "Peak
/// hours" costs less than "Around the clock" wherever both run (fewer hours of the same
/// crew) and detects some (hundreds of carriers in a horizon).
#[test]
fn the_programme_goal_is_a_criterion_when_the_scenario_has_one() {
    use egress_core::scenario::programme::{CostBasis, Goal, Programme, Search, Target};
    let shares = |goal: Goal| {
        let mut s = crossing_with_a_dominated_strategy();
        s.threat
            .contraband
            .firearms
            .prevalence_per_100k
            .personal_vehicles = 1000.0;
        s.programme = Some(Programme {
            goal,
            crossings: Vec::new(),
            floor_operations_per_week: 0,
            space: None,
            search: Search::default(),
        });
        let scenario = valid(s);
        let plan = robustness_design(&scenario, 8, 2).expect("plan");
        let records = Executor::default().run_range(&plan.design, 0..plan.design.len());
        robustness(&plan, &records)
    };
    // The cheapest strategy that detects at all: peak hours, in every world.
    let r = shares(Goal::CheapestForTarget {
        target: Target::DetectionRate { at_least: 1e-6 },
        cost: CostBasis::FullCost,
    });
    for s in &r.strategies {
        assert_eq!(s.wins.len(), 3);
        assert_eq!(s.wins[2].0, Criterion::ProgrammeGoal);
    }
    let by_goal: Vec<f64> = r.strategies.iter().map(|s| s.wins[2].1).collect();
    assert_eq!(by_goal, vec![1.0, 0.0, 0.0], "{:?}", r.strategies);
    // Most detections within a budget of nothing: only doing nothing fits.
    let r = shares(Goal::MostWithinBudget {
        budget: 0.0,
        cost: CostBasis::FullCost,
    });
    let by_goal: Vec<f64> = r.strategies.iter().map(|s| s.wins[2].1).collect();
    assert_eq!(by_goal, vec![0.0, 1.0, 0.0]);
    // The criteria without the goal are as before: around the clock detects the most.
    assert_eq!(r.strategies[2].wins[0], (Criterion::MostDetections, 1.0));
    let csv = egress_core::decide::robustness::robustness_csv(&r);
    assert!(csv.lines().next().unwrap().contains("wins_programme_goal"));
}
