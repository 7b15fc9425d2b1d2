//! Carriers who learn a schedule learn its hours, one carrier at a time (issue 12, item 6).
//!
//! One car crossing, every car interviewed during an operation and every carrier who is
//! interviewed found, so a carrier is detected exactly when it crosses while an
//! operation runs. Carriers never spot operations (spotting 0): only learning moves them.
//! The same seed gives the naive and the adaptive runs the same traffic, carriers and
//! schedules (common random numbers), so a carrier who has not learned crosses exactly
//! as it would have naively, and the adaptive detections are a thinning of the naive ones.

mod common;

use common::*;
use egress_core::metrics::StrategyReplication;
use egress_core::scenario::*;

const HORIZON_DAYS: u32 = 120;

/// A daytime random schedule (a 4-hour operation a day starting between 06:00 and
/// 16:00, so it never runs from 20:00 to 06:00) and one random over the whole day (a
/// 4-hour operation starting at any time, so every hour of the week can be covered).
fn scenario(adaptive_share: f64, learning_share: f64, learning_days: f64) -> Scenario {
    let mut s = base_scenario("learning", HORIZON_DAYS, 4, 1212);
    uniform_days(&mut s);
    no_trusted(&mut s);
    s.crossings[0].annual_inbound.personal_vehicles = 400_000.0;
    s.threat
        .contraband
        .currency
        .prevalence_per_100k
        .personal_vehicles = 300.0;
    s.inspection.interview.detection = same_for_all(1.0);
    s.adversary.adaptive_share = adaptive_share;
    s.adversary.learning_share = learning_share;
    s.adversary.learning_days = learning_days;
    s.adversary.spotting_probability = 0.0;
    let random = |earliest: f64, latest: f64| {
        quiet_plan(
            Schedule::DailyRandom {
                duration_hours: 4.0,
                earliest_start_hour: earliest,
                latest_start_hour: latest,
                days: [true; 7],
            },
            Selection::All,
            Technique::Interview,
            10,
        )
    };
    s.strategies = vec![
        strategy("Daytime random", random(6.0, 16.0)),
        strategy("Random over the whole day", random(0.0, 23.5)),
    ];
    s
}

fn totals(records: &[&StrategyReplication]) -> (u64, u64) {
    (
        records.iter().map(|r| r.carriers.detected).sum(),
        records.iter().map(|r| r.carriers.attempted).sum(),
    )
}

/// A binomial count `k` of `n` trials is within the 99.9% normal interval of `p`.
fn binomial_agrees(k: u64, n: u64, p: f64) -> bool {
    let mean = n as f64 * p;
    let sd = (n as f64 * p * (1.0 - p)).sqrt();
    (k as f64 - mean).abs() <= Z999 * sd + 1.0
}

/// Fully adaptive carriers who have all learned (learning 0 days) cross a daytime-only
/// random schedule at night: none meets an operation, where naive carriers meet plenty.
/// Facing a schedule that can run at any hour they cannot escape: their detection is
/// the naive one (a paired difference of 0, inside the 99.9% binomial interval of the
/// naive rate).
#[test]
fn learned_carriers_escape_a_daytime_schedule_but_not_one_over_every_hour() {
    let (_, naive) = run_all(scenario(0.0, 1.0, 0.0));
    let (_, learned) = run_all(scenario(1.0, 1.0, 0.0));

    let (naive_day, n) = totals(&of_strategy(&naive, 0));
    let (learned_day, n_learned) = totals(&of_strategy(&learned, 0));
    assert_eq!(n, n_learned, "the same carriers try to cross");
    assert!(
        naive_day as f64 > 0.1 * n as f64,
        "naive carriers meet the daytime schedule: {naive_day} of {n}"
    );
    assert_eq!(
        learned_day, 0,
        "carriers who know the schedule never runs at night cross at night"
    );

    let (naive_all, n) = totals(&of_strategy(&naive, 1));
    let (learned_all, _) = totals(&of_strategy(&learned, 1));
    let p = naive_all as f64 / n as f64;
    assert!(p > 0.1, "naive detection too low to test: {p}");
    assert!(
        binomial_agrees(learned_all, n, p),
        "facing every hour, learned carriers' detection {learned_all} of {n} should be the naive {p:.3}"
    );
}

/// Learning is per carrier. With half of the adaptive carriers learning, each naive
/// detection stays a detection with probability 1/2 (binomial thinning of the naive
/// count). With a mean of L days to learn, counted from the schedule's first operation
/// (in the first day), a detection at time t stays one while the carrier has not learned:
/// probability exp(−t/L); with detections spread evenly over a horizon of H days the
/// expected share kept is (L/H)(1 − e^(−H/L)), toward zero as the horizon outgrows L.
#[test]
fn a_share_of_carriers_learns_each_after_its_own_exposure() {
    let (_, naive) = run_all(scenario(0.0, 1.0, 0.0));
    let (naive_day, _) = totals(&of_strategy(&naive, 0));

    let (_, half) = run_all(scenario(1.0, 0.5, 0.0));
    let (half_day, _) = totals(&of_strategy(&half, 0));
    assert!(
        binomial_agrees(half_day, naive_day, 0.5),
        "half the carriers learn: {half_day} of the naive {naive_day} detections kept"
    );

    let l = 7.0;
    let h = f64::from(HORIZON_DAYS);
    let kept = l / h * (1.0 - (-h / l).exp());
    let (_, slow) = run_all(scenario(1.0, 1.0, l));
    let (slow_day, _) = totals(&of_strategy(&slow, 0));
    assert!(slow_day > 0, "some carriers cross before they have learned");
    assert!(
        binomial_agrees(slow_day, naive_day, kept),
        "learning after {l} days on average: {slow_day} of the naive {naive_day} detections kept, {kept:.3} expected"
    );
}

/// The learning share is a probability, refused at its field outside 0–1.
#[test]
fn a_learning_share_outside_zero_to_one_is_refused_at_its_field() {
    for share in [-0.1, 1.5, f64::NAN] {
        let problems = validate(scenario(1.0, share, 0.0)).expect_err("refused");
        assert!(
            problems
                .iter()
                .any(|p| p.path == "adversary.learning_share"),
            "{share}: {problems:?}"
        );
    }
}
