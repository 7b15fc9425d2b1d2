//! Calibration to recorded seizures (issue 14): the multiplier's interval covers the
//! truth as often as it claims, a record made by Egress itself at a known multiplier is
//! recovered, zero seizures give an upper bound, and bad records get field messages.

mod common;

use common::*;
use egress_core::decide::calibrate::{
    CHI2_95, alternatives_design, calibrate, calibration_design, explain, multiplier, rebase,
};
use egress_core::experiment::Executor;
use egress_core::scenario::record::{CountModel, RecordEntry, SeizureRecord, record_preset};
use egress_core::scenario::*;
use rand::SeedableRng;
use rand_distr::{Distribution, Poisson};
use rand_xoshiro::Xoshiro256PlusPlus;

/// Lowest count of successes in `trials` that a true 95% coverage reaches with
/// probability 0.9999 (normal approximation to the binomial: 3.72 standard deviations).
fn coverage_floor(trials: u32) -> u32 {
    let n = f64::from(trials);
    (0.95 * n - 3.72 * (n * 0.95 * 0.05).sqrt()).floor() as u32
}

#[test]
fn the_interval_covers_the_true_multiplier_at_its_level() {
    // Synthetic μ̂: 30 replications of a Poisson baseline, a record of `years` years.
    let trials = 400;
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(14);
    for (rate, years) in [(20.0, 1.0), (60.0, 5.0), (200.0, 3.0)] {
        for truth in [0.3, 1.0, 2.5] {
            let mut covered = 0;
            for _ in 0..trials {
                let reps: Vec<f64> = (0..30)
                    .map(|_| Poisson::new(rate).expect("rate").sample(&mut rng))
                    .collect();
                let mean = reps.iter().sum::<f64>() / 30.0;
                let sd = (reps.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 29.0).sqrt();
                let n: f64 = Poisson::new(truth * rate * years)
                    .expect("mean")
                    .sample(&mut rng);
                let m = multiplier(n, years, mean, sd / 30f64.sqrt()).expect("identifiable");
                assert!(m.low <= m.estimate && m.estimate <= m.high);
                if m.low <= truth && truth <= m.high {
                    covered += 1;
                }
            }
            assert!(
                covered >= coverage_floor(trials),
                "rate {rate}, {years} years, m = {truth}: covered {covered} of {trials}"
            );
        }
    }
}

#[test]
fn a_known_answer_without_simulation_noise() {
    // With λ known exactly the profile is the Poisson likelihood: its ends solve
    // 2(n ln(n/μ) − n + μ) = χ²₁(0.95) for μ = m λ Y.
    let m = multiplier(100.0, 2.0, 50.0, 0.0).expect("m");
    assert!((m.estimate - 1.0).abs() < 1e-12);
    for end in [m.low, m.high] {
        let mu = end * 100.0;
        let d = 2.0 * (100.0 * (100.0 / mu).ln() - 100.0 + mu);
        assert!((d - CHI2_95).abs() < 1e-6, "end {end}: {d}");
    }
    // Simulation noise widens it.
    let noisy = multiplier(100.0, 2.0, 50.0, 5.0).expect("m");
    assert!(noisy.low < m.low && noisy.high > m.high);
}

#[test]
fn zero_seizures_give_an_upper_bound_not_an_error() {
    let m = multiplier(0.0, 5.0, 10.0, 0.0).expect("an upper bound");
    assert!(m.upper_bound_only);
    assert_eq!(m.low, 0.0);
    assert_eq!(m.estimate, 0.0);
    // 2 m λ Y = χ²: m = 1.92 / 50.
    assert!((m.high - CHI2_95 / 2.0 / 50.0).abs() < 1e-9, "{}", m.high);
    // A simulation that never seizes cannot explain anything: no multiplier, no panic.
    assert!(multiplier(3.0, 5.0, 0.0, 0.0).is_none());
}

/// One crossing, baseline around the clock interviewing everyone, with enough firearm
/// carriers that a year's record is informative.
fn gun_crossing(replications: u32, seed: u64, prevalence: f64) -> Scenario {
    let mut s = base_scenario("calibration", 365, replications, seed);
    s.crossings[0].annual_inbound.personal_vehicles = 200_000.0;
    s.threat
        .contraband
        .firearms
        .prevalence_per_100k
        .personal_vehicles = prevalence;
    s.threat
        .contraband
        .currency
        .prevalence_per_100k
        .personal_vehicles = prevalence;
    let mut plan = quiet_plan(
        Schedule::DailyFixed {
            windows: vec![Window {
                start_hour: 6.0,
                duration_hours: 12.0,
            }],
            days: [true; 7],
        },
        Selection::RandomFraction { fraction: 0.2 },
        Technique::Interview,
        2,
    );
    plan.trusted_exempt = false;
    s.strategies = vec![
        strategy("Today", plan.clone()),
        strategy("More", {
            let mut p = plan;
            p.selection = Selection::All;
            p
        }),
    ];
    s
}

fn baseline_per_year(s: Scenario) -> (f64, f64) {
    let valid = valid(s);
    let design = calibration_design(&{
        let mut with = valid.clone().into_inner();
        with.record = record_preset("gao-21-322");
        validate(with).expect("valid")
    })
    .expect("design");
    let records = Executor::default().run_range(&design, 0..design.len());
    let n = records.len() as f64;
    let seizures = records
        .iter()
        .map(|r| r.record.by_contraband.firearms.detected as f64)
        .sum::<f64>()
        / n;
    let amount = records
        .iter()
        .map(|r| r.record.by_contraband.currency.amount_seized)
        .sum::<f64>()
        / n;
    (seizures, amount)
}

#[test]
fn a_record_made_by_egress_at_a_known_multiplier_is_recovered() {
    for (truth, years) in [(0.5, 2u32), (2.0, 5)] {
        // The "world": prevalence × truth, observed for `years` years on another seed.
        let (seizures, amount) = baseline_per_year(gun_crossing(years, 99, 100.0 * truth));
        let mut scenario = gun_crossing(20, 7, 100.0);
        scenario.record = Some(SeizureRecord {
            label: String::from("synthetic"),
            entries: vec![
                RecordEntry {
                    contraband: Contraband::Firearms,
                    field_office: None,
                    crossing: None,
                    amount_per_year: 0.0,
                    seizures_per_year: Some(seizures),
                    first_year: 2020,
                    last_year: 2019 + years,
                    source: String::from("Egress at a known multiplier"),
                },
                RecordEntry {
                    contraband: Contraband::Currency,
                    field_office: None,
                    crossing: None,
                    amount_per_year: amount,
                    seizures_per_year: None,
                    first_year: 2020,
                    last_year: 2019 + years,
                    source: String::from("Egress at a known multiplier"),
                },
            ],
            model: CountModel::Poisson,
        });
        let valid = valid(scenario.clone());
        let design = calibration_design(&valid).expect("design");
        let records = Executor::default().run_range(&design, 0..design.len());
        let calibration = calibrate(&scenario, &records).expect("calibration");
        assert_eq!(calibration.model, CountModel::Poisson);
        for e in &calibration.entries {
            let m = e.multiplier.expect("a multiplier");
            assert!(
                m.low <= truth && truth <= m.high,
                "{:?}, truth {truth}, {years} years: {m:?}",
                e.contraband
            );
        }
        // The same record stated as negative binomial (variance 3 × mean): the same
        // records, a wider interval about the same estimate, still holding the truth.
        let mut over = scenario.clone();
        over.record.as_mut().expect("record").model =
            CountModel::NegativeBinomial { dispersion: 3.0 };
        let wide = calibrate(&over, &records).expect("calibration");
        assert_eq!(wide.model, CountModel::NegativeBinomial { dispersion: 3.0 });
        for (p, n) in calibration.entries.iter().zip(&wide.entries) {
            let (p, n) = (p.multiplier.expect("m"), n.multiplier.expect("m"));
            assert!(n.low <= truth && truth <= n.high, "truth {truth}: {n:?}");
            assert!((n.estimate - p.estimate).abs() <= 1e-9 * p.estimate);
            assert!(n.low < p.low && p.high < n.high, "{n:?} within {p:?}");
        }
        // Re-based, the scenario says where its prevalence comes from.
        let rebased = rebase(&scenario, &calibration);
        assert!(
            rebased
                .description
                .contains("calibrated to synthetic record")
        );
        let m = calibration
            .multiplier_of(Contraband::Firearms)
            .expect("m")
            .estimate;
        assert!(
            (rebased
                .threat
                .contraband
                .firearms
                .prevalence_per_100k
                .personal_vehicles
                - 100.0 * m)
                .abs()
                < 1e-9
        );
    }
}

#[test]
fn alternative_explanations_run_as_one_experiment() {
    let mut scenario = gun_crossing(4, 3, 100.0);
    scenario.horizon_days = 120;
    scenario.record = record_preset("oig-fy2018-22");
    let valid = valid(scenario.clone());
    let design = calibration_design(&valid).expect("design");
    let records = Executor::default().run_range(&design, 0..design.len());
    // A record half as large again as this crossing's simulated baseline.
    let first = calibrate(&scenario, &records).expect("calibration");
    if let Some(r) = scenario.record.as_mut() {
        for (entry, sim) in r.entries.iter_mut().zip(&first.entries) {
            entry.amount_per_year = 1.5 * sim.simulated_per_year.mean;
        }
    }
    let calibration = calibrate(&scenario, &records).expect("calibration");
    let plan = alternatives_design(&scenario, &calibration).expect("design");
    assert!(plan.refused.is_empty(), "{:?}", plan.refused);
    // The national record on one crossing needs a prevalence past what validation
    // allows: that explanation is refused with its reason, not dropped silently.
    let national = alternatives_design(&scenario, &first).expect("design");
    assert!(
        national
            .refused
            .iter()
            .any(|(name, why)| *name == "prevalence" && why.contains("prevalence_per_100k")),
        "{:?}",
        national.refused
    );
    let (design, kept) = (plan.design, plan.kept);
    let names: Vec<&str> = kept.iter().map(|a| a.name).collect();
    assert_eq!(names, ["prevalence", "detection", "outbound", "amount"]);
    let records = Executor::default().run_range(&design, 0..design.len());
    let explained = explain(&design, &records);
    assert_eq!(explained.len(), 4);
    assert_eq!(explained[1].name, "detection");
    for e in &explained {
        assert_eq!(e.strategies.len(), 2);
        assert_eq!(e.most_detections, "More", "{}", e.name);
    }
}

fn problems_of(json: &str) -> Vec<Problem> {
    parse_and_validate(json).expect_err("invalid")
}

#[test]
fn invalid_records_get_field_messages() {
    let mut s = presets::preset("national").expect("preset");
    s.record = record_preset("oig-fy2018-22");
    assert!(
        validate(s.clone()).is_ok(),
        "the shipped record fits the national preset"
    );
    let text = serde_json::to_string(&s).expect("json");

    let negative = text.replacen("\"amount_per_year\":461.0", "\"amount_per_year\":-3.0", 1);
    assert_ne!(negative, text);
    let p = problems_of(&negative);
    assert!(
        p.iter()
            .any(|p| p.path == "record.entries[0].amount_per_year"),
        "{p:?}"
    );

    let words = text.replacen(
        "\"amount_per_year\":461.0",
        "\"amount_per_year\":\"lots\"",
        1,
    );
    let p = problems_of(&words);
    assert!(
        p.iter()
            .any(|p| p.path.contains("record.entries[0].amount_per_year")),
        "{p:?}"
    );

    let years = text.replacen("\"first_year\":2018", "\"first_year\":1850", 1);
    let p = problems_of(&years);
    assert!(
        p.iter().any(|p| p.path == "record.entries[0].first_year"),
        "{p:?}"
    );
    let backwards = text.replacen("\"last_year\":2022", "\"last_year\":2017", 1);
    let p = problems_of(&backwards);
    assert!(
        p.iter().any(|p| p.path == "record.entries[0].last_year"),
        "{p:?}"
    );
    let elsewhere = {
        let mut t = s.clone();
        if let Some(r) = t.record.as_mut() {
            r.entries[0].crossing = Some(String::from("nowhere"));
        }
        t
    };
    let p = validate(elsewhere).expect_err("unknown crossing");
    assert!(
        p.iter().any(|p| p.path == "record.entries[0].crossing"),
        "{p:?}"
    );
    // The count model: Poisson when absent (and not written), a dispersion below 1 refused.
    assert!(!text.contains("\"model\""));
    let mut over = s.clone();
    over.record.as_mut().expect("record").model = CountModel::NegativeBinomial { dispersion: 0.5 };
    let p = validate(over.clone()).expect_err("under-dispersed");
    assert!(
        p.iter().any(|p| p.path == "record.model.dispersion"),
        "{p:?}"
    );
    over.record.as_mut().expect("record").model = CountModel::NegativeBinomial { dispersion: 2.0 };
    let written = serde_json::to_string(&over).expect("json");
    assert!(written.contains("\"model\":{\"kind\":\"negative_binomial\",\"dispersion\":2.0}"));
    assert!(validate(over).is_ok());
    // A scenario without a record still writes no record section.
    let plain = serde_json::to_string(&presets::preset("jackman").expect("preset")).expect("json");
    assert!(!plain.contains("\"record\""));
}
