//! The decisions are bit-identical on every target: the game's coverage (the LP solver),
//! an OCBA allocation, t quantiles and a small optimisation, serialised, must equal one
//! golden file natively (`cargo test`) and in a browser (wasm-bindgen-test). After an
//! intended change, regenerate natively with
//! `EGRESS_BLESS=1 cargo test -p egress-core --test wasm_decisions_match_native`.

use egress_core::decide::game::Game;
use egress_core::decide::programme::Optimiser;
use egress_core::decide::rank_select::{Sense, ocba_allocation, t_quantile};
use egress_core::experiment::run_staged;
use egress_core::scenario::programme::{
    CandidateSpace, CostBasis, Goal, Programme, ScheduleFamily, Search, Target,
};
use egress_core::scenario::{OperatingHours, Selection, Technique, presets, validate};

const GOLDEN: &str = include_str!("golden/decide_small.json");

fn decisions_json() -> String {
    let mut scenario = presets::preset("jackman").expect("preset exists");
    let game = Game {
        traffic: scenario
            .traffic
            .modalities
            .personal_vehicles
            .hour_profile
            .to_vec(),
        operation_hours: 5.5,
        adaptive_share: 0.3,
        detection: 0.7,
        adaptive_hours: Vec::new(),
    };
    let coverage = game.solve().expect("solved");
    let ocba = ocba_allocation(
        &[1.2, 2.1, 3.4, 4.87, 6.05],
        &[3.3, 2.0, 4.5, 5.3, 6.9],
        &[12, 6, 5, 5, 4],
        100,
        Sense::Minimise,
    )
    .expect("allocated");
    let quantiles: Vec<f64> = [1, 4, 9, 29, 120]
        .iter()
        .map(|&df| t_quantile(0.95, df))
        .collect();

    scenario.horizon_days = 14;
    scenario.seed = 11;
    scenario.programme = Some(Programme {
        goal: Goal::CheapestForTarget {
            target: Target::DetectionRate { at_least: 0.0 },
            cost: CostBasis::FullCost,
        },
        crossings: Vec::new(),
        floor_operations_per_week: 1,
        space: Some(CandidateSpace {
            schedules: vec![ScheduleFamily::PulseRandom, ScheduleFamily::Mixed],
            operations_per_week: vec![2, 5],
            duration_hours: vec![2.0],
            daily_windows: vec![OperatingHours::STAFFED],
            teams: vec![1],
            crew_size: vec![2],
            selection: vec![Selection::All],
            technique: vec![Technique::Interview],
            nii_units_bought: vec![0],
        }),
        search: Search {
            first_stage: 2,
            max_replications: 4,
            alpha: 0.05,
            indifference: 0.01,
        },
    });
    let result =
        run_staged(&mut Optimiser::new(validate(scenario).expect("valid")).expect("optimiser"))
            .expect("merged");
    serde_json::to_string_pretty(&serde_json::json!({
        "coverage": coverage.hourly,
        "detection_rate": coverage.detection_rate,
        "ocba": ocba,
        "t95": quantiles,
        "programme": result,
    }))
    .expect("serialised")
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn native_decisions_match_the_golden_file() {
    let json = decisions_json();
    if std::env::var_os("EGRESS_BLESS").is_some() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/golden/decide_small.json"
        );
        std::fs::write(path, &json).expect("golden file written");
        return;
    }
    assert!(
        json == GOLDEN.trim_end(),
        "native decisions differ from tests/golden/decide_small.json"
    );
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen_test::*;
    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn wasm_decisions_match_the_golden_file() {
        let json = super::decisions_json();
        assert!(
            json == super::GOLDEN.trim_end(),
            "wasm32 decisions differ from the native golden file"
        );
    }
}
