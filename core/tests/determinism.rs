//! Determinism and common random numbers (MODEL.md, "Simulation and statistics"): the
//! same scenario and seed give bit-identical records however replications are batched
//! or strategies are run, a different seed gives different records, all strategies of a
//! replication see the same traffic and carriers, and the summary does not depend on the
//! order in which records arrive.
//!
//! Records are compared as their JSON text, which is how they cross the worker boundary
//! and what "bit-identical" has to mean for a user (a float that prints the same).

mod common;

use common::*;
use egress_core::metrics::StrategyReplication;
use egress_core::scenario::presets::{self, bts_ports, crossing_from};
use egress_core::scenario::*;
use egress_core::simulation::Model;
use egress_core::summary::summarize;

/// San Ysidro's six strategies (every kind of schedule, selection and technique) at
/// San Ysidro and Otay Mesa, with volumes cut 50-fold and prevalence raised 20-fold so
/// that three weeks run quickly yet hold a few hundred carriers, some of whom adapt,
/// wait or move to the other crossing.
fn scenario() -> Scenario {
    let mut s = presets::preset("san-ysidro").expect("preset");
    let otay = bts_ports(presets::BTS_YEAR)
        .iter()
        .find(|p| p.code == "2506")
        .map(crossing_from)
        .expect("Otay Mesa is a BTS port");
    s.crossings.push(otay);
    for c in &mut s.crossings {
        c.annual_inbound = c.annual_inbound.map(|_, v| v / 50.0);
    }
    for k in Contraband::ALL {
        let t = s.threat.contraband.get_mut(k);
        t.prevalence_per_100k = t.prevalence_per_100k.map(|_, v| (v * 20.0).min(1000.0));
    }
    s.adversary.adaptive_share = 0.5;
    s.adversary.learning_days = 5.0;
    s.costs.include_traveller_delay = true;
    s.horizon_days = 21;
    s.replications = 6;
    s.seed = 4242;
    s
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("records serialise")
}

/// A record with its replication and strategy indexes blanked, to compare contents.
fn contents(r: &StrategyReplication) -> String {
    let mut r = r.clone();
    r.replication = 0;
    r.strategy = 0;
    r.sample_day = None;
    json(&r)
}

/// Same scenario and seed ⇒ identical records, from two models built separately in the
/// same process; the summaries are identical too.
#[test]
fn same_seed_gives_identical_records() {
    let s = scenario();
    let first = Model::new(valid(s.clone())).run_range(0, 3);
    let second = Model::new(valid(s.clone())).run_range(0, 3);
    assert_eq!(first.len(), 3 * s.strategies.len());
    assert_eq!(json(&first), json(&second));
    assert_eq!(json(&summarize(&s, &first)), json(&summarize(&s, &second)));
    assert!(
        first.iter().any(|r| r.carriers.detected > 0),
        "the scenario should detect something, or equality says little"
    );
}

/// A different seed ⇒ different records (every strategy that sees traffic differs),
/// and different replications of one seed differ from each other.
#[test]
fn different_seed_or_replication_gives_different_records() {
    let s = scenario();
    let mut other = s.clone();
    other.seed += 1;
    let a = Model::new(valid(s)).run_range(0, 2);
    let b = Model::new(valid(other)).run_range(0, 2);
    for (x, y) in a.iter().zip(&b) {
        assert_ne!(
            json(x),
            json(y),
            "strategy {} did not change with the seed",
            x.strategy
        );
    }
    let per_rep = a.len() / 2;
    for (x, y) in a[..per_rep].iter().zip(&a[per_rep..]) {
        assert_ne!(contents(x), contents(y), "replications 0 and 1 are equal");
    }
}

/// Results do not depend on batching: replications 0–5 in one call, in two calls
/// (0–1 and 2–5), and one replication at a time in reverse order give the same records
/// in the same order — as they must when web workers split the work.
#[test]
fn results_do_not_depend_on_batching() {
    let model = Model::new(valid(scenario()));
    let whole = model.run_range(0, 6);
    let mut split = model.run_range(0, 2);
    split.extend(model.run_range(2, 6));
    let mut single: Vec<Vec<StrategyReplication>> =
        (0..6).rev().map(|r| model.run_replication(r)).collect();
    single.reverse();
    let single: Vec<StrategyReplication> = single.into_iter().flatten().collect();
    assert_eq!(json(&whole), json(&split));
    assert_eq!(json(&whole), json(&single));
    for (i, r) in whole.iter().enumerate() {
        let strategies = model.scenario.strategies.len();
        assert_eq!(r.replication as usize, i / strategies);
        assert_eq!(r.strategy as usize, i % strategies);
    }
}

/// Common random numbers: running one strategy alone (strategies taken in reverse order,
/// each on its own freshly drawn replication) gives exactly its record from the run of
/// all strategies, so strategies do not disturb each other's random streams.
#[test]
fn one_strategy_alone_equals_its_record_among_all() {
    let model = Model::new(valid(scenario()));
    for r in [0, 4] {
        let all = model.run_replication(r);
        for s in (0..all.len()).rev() {
            let alone = model.run(&model.replication(r), s);
            assert_eq!(json(&alone), json(&all[s]), "replication {r}, strategy {s}");
        }
    }
}

/// Common random numbers: when no carrier adapts, every strategy of a replication sees
/// the same outbound traffic (the same exits) and the same carriers (the same number,
/// types and amounts); with adaptive carriers the carriers attempting are still the
/// same, whatever each strategy then makes them do.
#[test]
fn strategies_see_the_same_traffic_and_carriers() {
    let mut s = scenario();
    s.adversary.adaptive_share = 0.0;
    let model = Model::new(valid(s));
    for r in 0..2 {
        let records = model.run_replication(r);
        let first = &records[0];
        assert!(first.carriers.attempted > 50);
        for other in &records[1..] {
            assert_eq!(other.vehicles.exits, first.vehicles.exits);
            assert_eq!(other.carriers.attempted, first.carriers.attempted);
            for k in Contraband::ALL {
                let (a, b) = (other.by_contraband.get(k), first.by_contraband.get(k));
                assert_eq!(a.attempted, b.attempted);
                assert_eq!(a.amount_attempted, b.amount_attempted);
            }
            for (a, b) in other.crossings.iter().zip(&first.crossings) {
                assert_eq!(a.exits, b.exits);
                assert_eq!(a.carriers, b.carriers);
            }
        }
    }
    let model = Model::new(valid(scenario()));
    let records = model.run_replication(0);
    assert!(
        records
            .iter()
            .all(|r| r.carriers.attempted == records[0].carriers.attempted)
    );
    assert!(
        records
            .iter()
            .any(|r| r.carriers.deterred + r.carriers.moved > 0),
        "adaptive carriers should change something under some strategy"
    );
}

/// The summary is a function of the set of records: records in a shuffled order give
/// the same summary, to the last bit, as records in (replication, strategy) order.
#[test]
fn summary_does_not_depend_on_record_order() {
    let s = scenario();
    let records = Model::new(valid(s.clone())).run_range(0, 6);
    // A fixed permutation: multiply the index by a number coprime with the length.
    let n = records.len();
    let step = (2..n)
        .find(|k| gcd(*k, n) == 1 && *k > n / 3)
        .expect("coprime step");
    let shuffled: Vec<StrategyReplication> = (0..n)
        .map(|i| records[(i * step + 5) % n].clone())
        .collect();
    assert_ne!(json(&shuffled), json(&records));
    assert_eq!(
        json(&summarize(&s, &records)),
        json(&summarize(&s, &shuffled))
    );
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}
