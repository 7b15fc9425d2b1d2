//! What the summary's figures mean (issue 12, item 9): per-year figures from a short
//! horizon scale by the traffic the horizon carries; "disrupted" is detected + deterred;
//! the per-crossing tables carry the across-replication interval; the cost of an extra
//! point of detection has an interval and is withheld where the gain is not
//! significant; P(wait) and the flushed share have the denominators their docs name.
//! Hand-made records give known answers without running the simulation.

mod common;

use common::*;
use egress_core::metrics::StrategyReplication;
use egress_core::scenario::*;
use egress_core::summary::{annual_factor, summarize};

fn two_strategies(horizon_days: u32) -> Scenario {
    let mut s = base_scenario("summary", horizon_days, 4, 5);
    s.crossings[0].annual_inbound.personal_vehicles = 1_000_000.0;
    let plan = quiet_plan(
        Schedule::Continuous,
        Selection::All,
        Technique::Interview,
        2,
    );
    s.strategies = vec![strategy("Baseline", plan.clone()), strategy("Other", plan)];
    s
}

fn record(strategy: u32, replication: u32) -> StrategyReplication {
    let mut r = StrategyReplication {
        strategy,
        replication,
        ..Default::default()
    };
    r.crossings = vec![Default::default()];
    r
}

/// A January-only horizon (31 days) at a crossing whose January carries a fifth of the
/// year's traffic (month weights 2.75 for January, 1 for each other month; flat
/// weekdays): per-year figures are the horizon's × 5, not × 365/31 ≈ 11.8. Run, the
/// annualised outbound exits land on the annual volume (a Poisson count of 200,000
/// over the month has a standard deviation of 0.2%; 2% is far outside chance).
#[test]
fn a_month_is_annualised_by_its_share_of_the_traffic() {
    let mut s = two_strategies(31);
    uniform_days(&mut s);
    s.traffic.month_profile = PerBorder::from_fn(|_| {
        let mut m = [1.0; 12];
        m[0] = 2.75;
        m
    });
    s.traffic.modalities.personal_vehicles.outbound_factor = 1.0;
    let factor = annual_factor(&s);
    assert!((factor - 5.0).abs() < 1e-9, "factor {factor}");

    let (_, records) = run_all(s.clone());
    let summary = summarize(&s, &records);
    let horizon_exits = of_strategy(&records, 0)
        .iter()
        .map(|r| r.vehicles.exits as f64)
        .sum::<f64>()
        / 4.0;
    let annual = summary.strategies[0].exits.mean;
    assert!((annual - 5.0 * horizon_exits).abs() < 1e-6 * annual);
    assert!(
        (annual - 1_000_000.0).abs() < 0.02 * 1_000_000.0,
        "annualised exits {annual:.0} against 1,000,000 a year"
    );
}

/// Disrupted = detected + deterred, as counts and as rates of carriers attempting;
/// deterred and displaced have their own rates.
#[test]
fn disrupted_is_detected_plus_deterred() {
    let s = two_strategies(365);
    let records: Vec<StrategyReplication> = (0..4)
        .flat_map(|i| {
            [0, 1].map(|k| {
                let mut r = record(k, i);
                r.carriers.attempted = 100;
                r.carriers.detected = 10 + i as u64;
                r.carriers.deterred = 5 + k as u64;
                r.carriers.displaced = 3;
                r.carriers.undetected = 100 - r.carriers.detected - r.carriers.deterred - 3;
                r
            })
        })
        .collect();
    let summary = summarize(&s, &records);
    let o = &summary.strategies[1];
    assert!(
        (o.carriers.disrupted.mean - (o.carriers.detected.mean + o.carriers.deterred.mean)).abs()
            < 1e-9
    );
    assert!((o.deterrence_rate.mean - 0.06).abs() < 1e-12);
    assert!((o.displacement_rate.mean - 0.03).abs() < 1e-12);
    assert!((o.disruption_rate.mean - (o.detection_rate.mean + 0.06)).abs() < 1e-12);
}

/// The per-crossing detection interval is the across-replication (Student-t) one:
/// with every carrier at the one crossing it equals the strategy's own, where a pooled
/// Wilson interval would be narrower (the replications here disagree far more than
/// binomial noise would: 5% to 35%).
#[test]
fn crossing_tables_use_the_across_replication_interval() {
    let s = two_strategies(365);
    let records: Vec<StrategyReplication> = (0..4)
        .flat_map(|i| {
            [0, 1].map(|k| {
                let mut r = record(k, i);
                r.carriers.attempted = 1000;
                r.carriers.detected = 50 + 100 * i as u64;
                r.crossings[0].carriers = 1000;
                r.crossings[0].detected = r.carriers.detected;
                r
            })
        })
        .collect();
    let summary = summarize(&s, &records);
    let st = &summary.strategies[0];
    for table in [&st.crossings[0], &st.field_offices[0], &st.borders[0]] {
        assert_eq!(table.detection_rate, st.detection_rate);
    }
    assert!(
        st.detection_rate_pooled.high - st.detection_rate_pooled.low
            < st.detection_rate.high - st.detection_rate.low
    );
}

/// Cost per extra point: where every replication pays exactly $2M more for exactly 4
/// more points, the ratio is $500k a point with no spread; where the gain's interval
/// reaches zero there is none (and the verdict says why).
#[test]
fn cost_per_extra_point_has_an_interval_and_needs_a_significant_gain() {
    let s = two_strategies(365);
    let make = |gain: &dyn Fn(u32) -> u64| -> Vec<StrategyReplication> {
        (0..4)
            .flat_map(|i| {
                let mut base = record(0, i);
                base.carriers.attempted = 1000;
                base.carriers.detected = 100 + 10 * i as u64;
                base.budget.total = 1e6 + 1e5 * f64::from(i);
                let mut other = base.clone();
                other.strategy = 1;
                other.carriers.detected += gain(i);
                other.budget.total += 5e4 * gain(i) as f64;
                [base, other]
            })
            .collect()
    };
    // 40 more carriers of 1000 = 4 points for $2M.
    let summary = summarize(&s, &make(&|_| 40));
    let v = summary.strategies[1]
        .versus_baseline
        .as_ref()
        .expect("paired");
    let c = v.cost_per_extra_point.expect("a significant gain");
    assert!(
        (c.mean - 5e5).abs() < 1e-6 && (c.low - 5e5).abs() < 1e-6 && (c.high - 5e5).abs() < 1e-6,
        "{c:?}"
    );
    // Gains of +10, −10, +10, −10 carriers: the interval spans zero.
    let summary = summarize(&s, &make(&|i| if i % 2 == 0 { 10 } else { 0 }));
    let v = summary.strategies[1]
        .versus_baseline
        .as_ref()
        .expect("paired");
    assert!(v.detection_rate.low <= 0.0);
    assert_eq!(v.cost_per_extra_point, None);
    let line = egress_core::summary::verdict(&summary.strategies[1], Some(&summary.strategies[0]));
    assert!(line.contains("gain not significant"), "{line}");
}

/// P(wait): vehicles that met an operation and waited (screened after a wait, or
/// released at the end) over those that met one; flushed share: flushed over selected.
#[test]
fn p_wait_and_flushed_share_have_their_denominators() {
    let s = two_strategies(365);
    let records: Vec<StrategyReplication> = (0..4)
        .flat_map(|i| {
            [0, 1].map(|k| {
                let mut r = record(k, i);
                r.vehicles.met_operation = 200;
                r.waits.waited = 30;
                r.vehicles.released_on_recall = 10;
                r.waits.joined = 50;
                r.vehicles.flushed = 5;
                r
            })
        })
        .collect();
    let summary = summarize(&s, &records);
    let st = &summary.strategies[0];
    assert!((st.p_wait.mean - 0.2).abs() < 1e-12);
    assert!((st.flushed_share.mean - 0.1).abs() < 1e-12);
}
