//! Bit-identical results on every target: a small scenario's per-replication records,
//! serialised, must equal one golden file both natively (`cargo test`) and in a browser
//! (wasm-bindgen-test). Floats serialise in shortest round-trip form, so equal text
//! means equal bits. After an intended model change, regenerate the file natively with
//! `EGRESS_BLESS=1 cargo test -p egress-core --test wasm_matches_native` and commit it.

use egress_core::scenario::{presets, validate};
use egress_core::simulation::Model;

const GOLDEN: &str = include_str!("golden/small_scenario_records.json");

fn records_json() -> String {
    let mut scenario = presets::preset("san-ysidro").expect("preset exists");
    scenario.horizon_days = 7;
    scenario.replications = 2;
    scenario.seed = 7;
    // Waves and adaptive carriers are rare in a week: make them frequent so they are exercised.
    scenario.threat.waves.per_year = 52.0;
    scenario.adversary.adaptive_share = 0.8;
    scenario.adversary.learning_days = 1.0;
    let model = Model::new(validate(scenario).expect("valid scenario"));
    let records = model.run_range(0, 2);
    serde_json::to_string_pretty(&records).expect("records serialise")
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn native_records_match_the_golden_file() {
    let json = records_json();
    if std::env::var_os("EGRESS_BLESS").is_some() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/golden/small_scenario_records.json"
        );
        std::fs::write(path, &json).expect("golden file written");
        return;
    }
    assert!(
        json == GOLDEN.trim_end(),
        "native records differ from tests/golden (see the module comment)"
    );
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen_test::*;
    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn wasm_records_match_the_golden_file() {
        let json = super::records_json();
        assert!(
            json == super::GOLDEN.trim_end(),
            "wasm32 records differ from the native golden file"
        );
    }
}
