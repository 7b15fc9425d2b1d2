//! The robustness sample is the same on every target: the first worlds of the San
//! Ysidro preset's seed, serialised, must equal one golden file natively and in a
//! browser. After an intended change to the ranges or the sequence, regenerate it with
//! `EGRESS_BLESS=1 cargo test -p egress-core --test wasm_worlds` and commit it.

use egress_core::decide::robustness::world_values;
use egress_core::scenario::presets;

const GOLDEN: &str = include_str!("golden/robustness_worlds.json");

fn worlds_json() -> String {
    let seed = presets::preset("san-ysidro").expect("preset exists").seed;
    let worlds: Vec<Vec<f64>> = (0..8).map(|w| world_values(seed, w)).collect();
    serde_json::to_string_pretty(&worlds).expect("worlds serialise")
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn native_worlds_match_the_golden_file() {
    let json = worlds_json();
    if std::env::var_os("EGRESS_BLESS").is_some() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/golden/robustness_worlds.json"
        );
        std::fs::write(path, &json).expect("golden file written");
        return;
    }
    assert!(
        json == GOLDEN.trim_end(),
        "native worlds differ from tests/golden (see the module comment)"
    );
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen_test::*;
    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn wasm_worlds_match_the_golden_file() {
        assert!(
            super::worlds_json() == super::GOLDEN.trim_end(),
            "wasm32 worlds differ from the native golden file"
        );
    }
}
