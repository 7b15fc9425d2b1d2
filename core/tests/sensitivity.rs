//! One-at-a-time sensitivity (issue 14): on a crossing where detection is analytically
//! selection share × interview detection × coverage, the tornado's swings match the
//! derivative; an assumption built to flip the verdict is flagged; the plan is
//! recognised from its design alone (as `egress merge` needs).

mod common;

use common::*;
use egress_core::decide::Measure;
use egress_core::decide::sensitivity::{SensitivityPlan, Tornado, sensitivity, sensitivity_design};
use egress_core::experiment::{Design, Executor};
use egress_core::scenario::*;

/// One crossing, traffic around the clock, carriers who never adapt, operations that
/// run around the clock and are never cancelled: every carrier meets an operation
/// (coverage 1), so detection is the selected share × the detection probability.
fn analytic() -> Scenario {
    let mut s = base_scenario("analytic sensitivity", 120, 20, 41);
    homogeneous_traffic(&mut s);
    no_trusted(&mut s);
    s.crossings[0].annual_inbound.personal_vehicles = 120_000.0;
    s.threat
        .contraband
        .firearms
        .prevalence_per_100k
        .personal_vehicles = 400.0;
    s.inspection.interview.detection = same_for_all(0.45);
    s.inspection.search.detection = same_for_all(0.8);
    let plan = |selection, technique, teams| {
        let mut p = quiet_plan(Schedule::Continuous, selection, technique, teams);
        p.modalities.personal_vehicles = true;
        p
    };
    s.strategies = vec![
        strategy(
            "Interview all",
            plan(Selection::All, Technique::Interview, 2),
        ),
        strategy(
            "Search half",
            plan(
                Selection::RandomFraction { fraction: 0.5 },
                Technique::SearchAll,
                6,
            ),
        ),
        strategy(
            "Interview 30%",
            plan(
                Selection::RandomFraction { fraction: 0.3 },
                Technique::Interview,
                2,
            ),
        ),
    ];
    s
}

fn ids() -> Vec<String> {
    [
        "interview_detection",
        "search_detection",
        "prevalence",
        "loaded_hourly_rate",
    ]
    .map(String::from)
    .to_vec()
}

fn tornado<'a>(tornadoes: &'a [Tornado], measure: Measure, of: &str) -> &'a Tornado {
    tornadoes
        .iter()
        .find(|t| t.measure == measure && t.of == of)
        .unwrap_or_else(|| panic!("no tornado of {of}"))
}

#[test]
fn swings_match_the_analytic_derivative_and_a_flip_is_flagged() {
    let scenario = valid(analytic());
    let ids = ids();
    let plan = sensitivity_design(&scenario, Some(&ids)).expect("plan");
    assert!(plan.refused.is_empty(), "{:?}", plan.refused);
    assert_eq!(plan.design.variants.len(), 1 + 2 * ids.len());
    let records = Executor::default().run_range(&plan.design, 0..plan.design.len());
    let result = sensitivity(&plan, &records);

    // Interview detection × 0.5 … × 1.5: detection moves by share × 0.45 × (1.5 − 0.5).
    for (of, share) in [("Interview all", 1.0), ("Interview 30%", 0.3)] {
        let t = tornado(&result.tornadoes, Measure::DetectionRate, of);
        let bar = &t.bars[0];
        assert_eq!(bar.assumption, "interview_detection", "{of}: widest bar");
        let expected = share * 0.45 * (bar.high_value - bar.low_value);
        assert!(
            bar.swing.low <= expected && expected <= bar.swing.high,
            "{of}: swing {:?}, analytic {expected}",
            bar.swing
        );
        // Cost per hour moves no detection at all.
        let cost = t
            .bars
            .iter()
            .find(|b| b.assumption == "loaded_hourly_rate")
            .expect("bar");
        assert_eq!(cost.swing.mean, 0.0);
        assert!(!bar.flips, "a single strategy's figure never flips");
    }

    // Search half (0.40) − Interview all (0.45) < 0; with interviews at half their
    // detection (0.225) the search wins: the verdict flips on that assumption only.
    let diff = tornado(
        &result.tornadoes,
        Measure::DetectionRate,
        "Search half − Interview all",
    );
    assert!(diff.difference && diff.base.mean < 0.0, "{:?}", diff.base);
    let flipping: Vec<&str> = diff.flipping().map(|b| b.assumption.as_str()).collect();
    assert_eq!(flipping, ["interview_detection"]);
    assert!(
        diff.bars[0].flips_clearly,
        "a flip of 0.175 is far beyond the noise"
    );

    // Officer cost moves the budget, widest on the budget's tornado.
    let budget = tornado(&result.tornadoes, Measure::Budget, "Interview all");
    assert_eq!(budget.bars[0].assumption, "loaded_hourly_rate");
    assert!(budget.bars[0].swing.mean > 0.0);
    // Bars are sorted by swing.
    for t in &result.tornadoes {
        for pair in t.bars.windows(2) {
            assert!(pair[0].swing.mean.abs() >= pair[1].swing.mean.abs());
        }
    }
}

#[test]
fn the_plan_is_recognised_from_its_design_alone() {
    let mut s = analytic();
    s.replications = 2;
    s.horizon_days = 30;
    let scenario = valid(s);
    let ids = ids();
    let plan = sensitivity_design(&scenario, Some(&ids)).expect("plan");
    let rebuilt = Design::from_spec(plan.design.spec()).expect("design");
    let recognised = SensitivityPlan::recognise(&rebuilt)
        .expect("a sensitivity design")
        .expect("the same plan");
    assert_eq!(recognised.design.fingerprint(), plan.design.fingerprint());
    assert_eq!(recognised.levels.len(), plan.levels.len());
    // A plain run is not a sensitivity analysis.
    assert!(SensitivityPlan::recognise(&Design::run(scenario.clone())).is_none());
    // An unknown assumption is named.
    let err = sensitivity_design(&scenario, Some(&[String::from("luck")])).expect_err("unknown");
    assert!(err.to_string().contains("\"luck\""), "{err}");
    // All assumptions on a preset: every level is a variant, a no-op or refused.
    let preset = valid(presets::preset("san-ysidro").expect("preset"));
    let all = sensitivity_design(&preset, None).expect("plan");
    assert_eq!(
        all.levels.len() + all.refused.len(),
        2 * egress_core::scenario::assumptions::RANGES.len()
    );
}
