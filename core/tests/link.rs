//! Share links (`egress_core::link`): exact round trips, the length budget of the
//! built-in presets, frozen links of format 1 that must keep opening, every kind of bad
//! link refused with its own error, and properties over random input (the decoder
//! returns a value or an error for anything, never panics). The properties run from a
//! fixed ChaCha seed with no failure files, so CI is reproducible.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use egress_core::link::*;
use egress_core::scenario::*;
use egress_core::simulation::Model;
use proptest::prelude::{Just, any, prop, prop_oneof};
use proptest::strategy::Strategy as Gen;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde_json::Value;

/// A typical address of the app in front of the fragment.
const ORIGIN: &str = "http://127.0.0.1:8080/";

fn preset(id: &str) -> Scenario {
    presets::preset(id).expect("built-in preset")
}

fn json(s: &Scenario) -> String {
    serde_json::to_string(s).expect("scenario serialises")
}

/// Equal as values and bit for bit: serde_json prints every finite float in its
/// shortest round-trip form, so equal text means equal bits (including -0.0).
fn assert_same(decoded: &Scenario, original: &Scenario) {
    assert_eq!(decoded, original);
    assert_eq!(json(decoded), json(original));
}

fn runner(cases: u32) -> TestRunner {
    let config = Config {
        cases,
        max_shrink_iters: 256,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
}

fn payload_bytes(fragment: &str) -> Vec<u8> {
    let data = fragment
        .strip_prefix("#s=1.")
        .expect("a fragment of format 1");
    URL_SAFE_NO_PAD.decode(data).expect("base64url")
}

fn fragment_of_bytes(bytes: &[u8]) -> String {
    format!("#s=1.{}", URL_SAFE_NO_PAD.encode(bytes))
}

// ---------------------------------------------------------------------------------
// Frozen links. Each string below was made once by `encode` when link format 1 was
// released and is pasted here verbatim. NEVER edit these strings: they stand for links
// already sent by e-mail and chat. When the scenario format changes (SCENARIO_VERSION),
// add a step to `link::migrate` so they keep opening; when the link format changes, add
// a new decoder and keep format 1's. If the Jackman preset's *values* are changed on
// purpose, build the expected scenario here from the old values instead of
// `preset("jackman")` — still without touching the strings.
// ---------------------------------------------------------------------------------

/// The Jackman preset as released with link format 1.
const FROZEN_V1_JACKMAN: &str =
    "#s=1.7dmBAAAAAIAgf-tBTqMskSWyRJbIElkiS2SJLJElskSWyBJZIktkiSyRJbJEvNgSWSJLZIks0XCJApq4iqs";

/// The Jackman preset with the edits of [`frozen_edits`] (text outside the dictionary,
/// a float that needs 17 digits, a large seed).
const FROZEN_V1_JACKMAN_EDITED: &str = "#s=1.7dkxDkBAEIXhq2xJI6xl7ZG0JGqHUGl0kj3H3sQJHMESCo1CJEL-6aeYYpL38l0pkZjaTlTONmXtrJiHfhTBLipbEAgxoRsm5DvEgUKm0HmmUpnEiUzV921Ir3dEKst1YQAigOhhIPIL8XkUYAQYAUaAEWAEGAFGgBFgBBgBRoARYAQYAUaA0a9eXgJGgBFgBBi9CEYLhIaMZA";

fn frozen_edits(mut s: Scenario) -> Scenario {
    s.name = String::from("Jackman — révisé 🚦 (weekly floor)");
    s.seed = 987_654_321_012_345;
    s.replications = 250;
    s.crossings[0].annual_inbound.trucks = 70_123.456_789;
    s.traffic.modalities.trucks.hour_profile[7] = 0.1 + 0.2;
    s.strategies[2].plan.teams = 2;
    s
}

/// Format 2 JSON moved to format 3 by hand: the version, and every adaptive carrier
/// learns (format 2's meaning); `learning_days` keeps its value as the mean.
fn v2_to_v3_by_hand(mut v: Value) -> Value {
    assert_eq!(v["version"], 2);
    v["version"] = Value::from(3);
    v["adversary"]["learning_share"] = Value::from(1.0);
    v
}

/// A scenario of format 2 as released (`tests/fixtures/*_v2.json`, printed by the
/// format-2 `egress preset`), moved to the current format by hand.
fn v2_fixture_by_hand(name: &str) -> Scenario {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture");
    let v: Value = serde_json::from_str(&text).expect("fixture is JSON");
    serde_json::from_value(v2_to_v3_by_hand(v)).expect("format 3 by hand")
}

/// A scenario of format 1 as released (`tests/fixtures/*_v1.json`, printed by the
/// format-1 `egress`), moved to the current format by hand as `link::migrate` is
/// documented to do: the version, and each field later formats added with the default
/// that keeps the old behaviour (the list grows with the format; the fixtures never
/// change).
fn v1_fixture_by_hand(name: &str) -> Scenario {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture");
    let mut v: Value = serde_json::from_str(&text).expect("fixture is JSON");
    assert_eq!(v["version"], 1, "{name} is a format-1 fixture");
    v["version"] = Value::from(2);
    // Random operations run between 06:00 and 22:00 unless the plan says otherwise.
    let staffed = serde_json::json!({"from_hour": 6.0, "to_hour": 22.0, "traffic_weighted": false});
    // Continuous operation, the upper bound, is never cancelled or recalled.
    let by_hand = |plan: &mut Value| {
        plan["operating_hours"] = staffed.clone();
        if plan["schedule"]["kind"] == "continuous" {
            plan["recall"] = serde_json::json!({"cancel_probability": 0.0, "recall_per_hour": 0.0});
        }
    };
    // Secondary bays: 2, plus one per 5,000 vehicles a day (cars, trucks, buses), at most 20.
    for c in v["crossings"].as_array_mut().expect("crossings") {
        let inbound = &c["annual_inbound"];
        let daily = ["personal_vehicles", "trucks", "buses"]
            .iter()
            .map(|m| inbound[*m].as_f64().expect("volume"))
            .sum::<f64>()
            / 365.0;
        c["secondary_bays"] = Value::from((2.0 + (daily / 5000.0).round()).min(20.0) as u32);
        // Format 1's units are the port's own, shared with inbound; none bought.
        c["nii_units_bought"] = Value::from(0);
    }
    // A shared unit's hour: ($3M / 10 + $300,000) / 8,760 h.
    v["costs"]["nii_shared_hourly_rate"] = Value::from(68.49);
    // The annual overtime cap per officer ($45,000 of overtime pay).
    v["costs"]["overtime_cap_per_officer"] = Value::from(45_000.0);
    // Carriers move at most 150 km.
    v["adversary"]["max_detour_km"] = Value::from(150.0);
    // A crew of 3 searches in three quarters of the time.
    v["inspection"]["search"]["crew_of_three_time_share"] = Value::from(0.75);
    for strategy in v["strategies"].as_array_mut().expect("strategies") {
        by_hand(&mut strategy["plan"]);
        for o in strategy["overrides"].as_array_mut().expect("overrides") {
            by_hand(&mut o["plan"]);
        }
    }
    serde_json::from_value(v2_to_v3_by_hand(v)).expect("format 3 by hand")
}

/// A link (link format 1) of the format-2 Jackman fixture, made once by
/// `fragment_from_json` on the fixture's compact JSON. NEVER edit it.
const FROZEN_V2_JACKMAN: &str = include_str!("fixtures/jackman_v2.link");

#[test]
fn frozen_v2_link_of_jackman_still_opens() {
    let opened = decode(FROZEN_V2_JACKMAN.trim()).expect("the frozen link opens");
    assert_same(&opened, &v2_fixture_by_hand("jackman_v2.json"));
}

/// Scenario files of format 2 (the presets as they were before format 3) open through
/// the same migration as links, and validate.
#[test]
fn v2_files_open_as_the_current_format() {
    for name in ["jackman_v2.json", "san_ysidro_v2.json", "southwest_v2.json"] {
        let text = std::fs::read_to_string(format!(
            "{}/tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("fixture");
        let opened = parse_and_validate(&text).unwrap_or_else(|p| panic!("{name}: {p:?}"));
        assert_same(opened.scenario(), &v2_fixture_by_hand(name));
        assert_eq!(opened.scenario().version, SCENARIO_VERSION);
    }
}

/// The frozen Jackman link holds the same text as the format-1 fixture, and opens as
/// that scenario moved to format 2.
#[test]
fn frozen_v1_link_of_jackman_still_opens() {
    let opened = decode(FROZEN_V1_JACKMAN).expect("the frozen link opens");
    assert_same(&opened, &v1_fixture_by_hand("jackman_v1.json"));
}

#[test]
fn frozen_v1_link_of_an_edited_jackman_still_opens() {
    let opened = decode(FROZEN_V1_JACKMAN_EDITED).expect("the frozen link opens");
    assert_same(
        &opened,
        &frozen_edits(v1_fixture_by_hand("jackman_v1.json")),
    );
}

/// Scenario files of format 1 open through the same migration as links.
#[test]
fn v1_files_open_as_the_current_format() {
    for name in ["jackman_v1.json", "san_ysidro_v1.json"] {
        let text = std::fs::read_to_string(format!(
            "{}/tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("fixture");
        let opened = parse_and_validate(&text).unwrap_or_else(|p| panic!("{name}: {p:?}"));
        assert_same(opened.scenario(), &v1_fixture_by_hand(name));
    }
}

/// Format 1 read an override with an empty crossing list as "every crossing"; the v1
/// southwest preset had one (its 12 busiest *northern* crossings, none in a southwest
/// scenario), so all 28 ports got daily peak-hour checks. Format 2 refuses such a
/// filter, and the migration keeps what the old file meant: that override becomes the
/// strategy's plan, and the override for the northern border, which matched nothing,
/// is dropped. Every crossing then follows the same plan as under format 1.
#[test]
fn v1_overrides_with_empty_filters_keep_their_meaning() {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/southwest_v1.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture");
    let old: Value = serde_json::from_str(&text).expect("JSON");
    let overrides = old["strategies"][0]["overrides"]
        .as_array()
        .expect("overrides");
    let empty = overrides
        .iter()
        .rposition(|o| {
            o["applies_to"]["crossing_ids"] == serde_json::json!([])
                && o["applies_to"]["border"].is_null()
        })
        .expect("the v1 southwest preset has an override with an empty list");
    let opened = parse_and_validate(&text).expect("opens");
    let baseline = &opened.strategies[0];
    assert!(baseline.overrides.is_empty(), "{:?}", baseline.overrides);
    let mut old_plan = overrides[empty]["plan"].clone();
    old_plan["operating_hours"] =
        serde_json::json!({"from_hour": 6.0, "to_hour": 22.0, "traffic_weighted": false});
    let old_plan: Plan = serde_json::from_value(old_plan).expect("plan");
    assert_eq!(baseline.plan, old_plan);
}

// ---------------------------------------------------------------------------------
// Round trips and lengths
// ---------------------------------------------------------------------------------

#[test]
fn single_crossing_presets_fit_in_a_link_and_round_trip() {
    for id in ["san-ysidro", "jackman"] {
        let s = preset(id);
        let url = share_url(ORIGIN, &s).expect("fits in a link");
        println!("{id}: link of {} characters", url.chars().count());
        assert!(
            url.chars().count() <= 2000,
            "{id}: {} characters",
            url.len()
        );
        assert!(url.starts_with("http://127.0.0.1:8080/#s=1."));
        assert_same(&decode(&url).expect("opens"), &s);
        let fragment = encode(&s).expect("fits");
        assert_eq!(format!("{ORIGIN}{fragment}"), url);
    }
}

#[test]
fn every_preset_round_trips_and_the_long_ones_are_refused() {
    for p in presets::PRESETS {
        let s = preset(p.id);
        let fragment = fragment(&s).expect("valid preset");
        println!(
            "{}: fragment of {} characters, link of {}",
            p.id,
            fragment.len(),
            ORIGIN.len() + fragment.len()
        );
        assert_same(&decode(&fragment).expect("opens"), &s);
        match share_url(ORIGIN, &s) {
            Ok(url) => assert!(url.len() <= MAX_LINK_CHARS),
            Err(LinkError::TooLong { chars, max }) => {
                assert_eq!(chars, ORIGIN.len() + fragment.len());
                assert_eq!(max, MAX_LINK_CHARS);
            }
            Err(e) => panic!("{}: {e}", p.id),
        }
    }
    let national = preset("national");
    let err = encode(&national).expect_err("the national preset does not fit in a link");
    assert!(matches!(err, LinkError::TooLong { chars, max: 2000 } if chars > 2000));
    assert!(err.to_string().contains("Share it as a file"), "{err}");
}

#[test]
fn a_long_address_counts_against_the_budget() {
    let s = preset("jackman");
    let fragment = encode(&s).expect("fits");
    let base = format!(
        "https://example.org/{}",
        "a".repeat(2000 - 20 - fragment.len())
    );
    assert_eq!(share_url(&base, &s).map(|u| u.len()), Ok(2000));
    let longer = format!("{base}b");
    assert_eq!(
        share_url(&longer, &s),
        Err(LinkError::TooLong {
            chars: 2001,
            max: 2000
        })
    );
    // A fragment already on the address is replaced, not kept.
    let url = share_url("http://127.0.0.1:8080/#s=1.old", &s).expect("fits");
    assert_eq!(url, format!("{ORIGIN}{fragment}"));
}

#[test]
fn every_form_of_input_opens() {
    let s = frozen_edits(preset("jackman"));
    let fragment = encode(&s).expect("fits");
    let bare = fragment.trim_start_matches('#');
    let wrapped: String = format!("{ORIGIN}{fragment}")
        .as_bytes()
        .chunks(40)
        .map(|c| std::str::from_utf8(c).expect("ASCII"))
        .collect::<Vec<_>>()
        .join("\n  ");
    for input in [
        format!("{ORIGIN}{fragment}"),
        format!("https://planner.example.gov/egress/index.html?x=1{fragment}"),
        fragment.clone(),
        bare.to_string(),
        format!("  {fragment}\n"),
        wrapped,
        format!("{ORIGIN}#view=results&{bare}"),
        format!("{ORIGIN}#{bare}&view=results"),
        // Padding as some tools add it: as many '=' as make the data a multiple of 4.
        format!("{fragment}{}", "=".repeat((4 - bare.len() % 4) % 4)),
    ] {
        let opened = decode(&input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_same(&opened, &s);
    }
}

#[test]
fn decoded_scenario_runs_to_the_same_digits() {
    let mut s = preset("jackman");
    s.replications = 2;
    s.horizon_days = 60;
    let opened = decode(&encode(&s).expect("fits")).expect("opens");
    let run = |v: ValidScenario| {
        let model = Model::new(v);
        serde_json::to_string(&model.run_range(0, 2)).expect("records serialise")
    };
    assert_eq!(
        run(opened),
        run(validate(s).expect("valid")),
        "same scenario, same numbers"
    );
}

#[test]
fn invalid_scenarios_get_no_link() {
    let mut s = preset("jackman");
    s.replications = 0;
    match encode(&s) {
        Err(LinkError::Invalid(problems)) => {
            assert!(problems.iter().any(|p| p.path == "replications"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn floats_survive_bit_for_bit() {
    let mut s = preset("san-ysidro");
    let awkward = [
        0.1 + 0.2,
        1.0 / 3.0,
        f64::MIN_POSITIVE,
        5e-324,
        -0.0,
        0.999_999_999_999_999_9,
        2.0_f64.sqrt() / 2.0,
        1e-7,
        123_456.789_012_345_68,
    ];
    for (i, x) in awkward.iter().enumerate() {
        s.traffic.modalities.personal_vehicles.hour_profile[i] = x.abs();
        s.traffic.modalities.trucks.hour_profile[i] = *x;
    }
    s.crossings[0].lat = 32.542_78_f64.next_up();
    s.crossings[0].annual_inbound.pedestrians = 5e7_f64.next_down();
    s.seed = u64::MAX;
    let opened = decode(&fragment(&s).expect("valid")).expect("opens");
    assert_same(&opened, &s);
    assert_eq!(
        opened.traffic.modalities.trucks.hour_profile[4].to_bits(),
        (-0.0f64).to_bits()
    );
}

// ---------------------------------------------------------------------------------
// Bad links: each gets its own error and a sentence, never a panic
// ---------------------------------------------------------------------------------

fn err(input: &str) -> LinkError {
    match decode(input) {
        Ok(_) => panic!("{input:?} opened"),
        Err(e) => {
            let text = e.to_string();
            assert!(text.len() > 20 && text.ends_with(['.', ')']) || text.contains(':'));
            e
        }
    }
}

fn jackman_fragment() -> String {
    encode(&frozen_edits(preset("jackman"))).expect("fits")
}

#[test]
fn missing_or_empty_links() {
    for input in [
        "",
        "   ",
        "#",
        "http://127.0.0.1:8080/#",
        "#s=",
        "s=",
        "#s=1.",
        "s=1.",
    ] {
        assert_eq!(err(input), LinkError::Empty, "{input:?}");
    }
    for input in ["http://127.0.0.1:8080/", "127.0.0.1:8080/index.html"] {
        assert_eq!(err(input), LinkError::MissingFragment, "{input:?}");
    }
}

#[test]
fn unknown_prefixes_and_versions() {
    for input in [
        "hello",
        "#scenario",
        "#x=1.abc",
        "#s1.abc",
        "#s=abc",
        "#s=v1.abc",
        "#s=.abc",
        "#s=-1.abc",
    ] {
        assert_eq!(err(input), LinkError::UnknownPrefix, "{input:?}");
    }
    for (input, found) in [
        ("#s=9.abc", "9"),
        ("#s=2.abc", "2"),
        ("#s=0.abc", "0"),
        ("#s=99999999999999999999.abc", "999999999999"),
    ] {
        assert_eq!(
            err(input),
            LinkError::UnknownVersion {
                found: found.to_string(),
                newest: 1
            },
            "{input:?}"
        );
    }
    assert!(err("#s=9.abc").to_string().contains("newer Egress"));
}

#[test]
fn not_base64url() {
    for input in [
        "#s=1.abc!def",
        "#s=1.abc+def",
        "#s=1.abc/def",
        "#s=1.a",
        "#s=1.ab=c",
    ] {
        assert!(
            matches!(err(input), LinkError::NotBase64 { .. }),
            "{input:?}"
        );
    }
}

#[test]
fn truncated_links() {
    let fragment = jackman_fragment();
    let bytes = payload_bytes(&fragment);
    // Cut at whole bytes, so the base64 stays valid and only the data is short.
    for keep in [0, 1, 2, bytes.len() / 2, bytes.len() - 5, bytes.len() - 1] {
        let cut = fragment_of_bytes(&bytes[..keep]);
        let e = err(&cut);
        if keep == 0 {
            assert_eq!(e, LinkError::Empty);
        } else {
            assert_eq!(
                e,
                LinkError::Truncated,
                "kept {keep} of {} bytes",
                bytes.len()
            );
        }
    }
    // Cut anywhere in the text: refused, with one of the errors of a short link.
    for keep in 6..fragment.len() {
        let e = err(&fragment[..keep]);
        assert!(
            matches!(
                e,
                LinkError::Truncated | LinkError::NotBase64 { .. } | LinkError::Empty
            ),
            "kept {keep}: {e:?}"
        );
    }
}

#[test]
fn tampered_links() {
    let fragment = jackman_fragment();
    let bytes = payload_bytes(&fragment);
    // Wrong checksum.
    let mut wrong = bytes.clone();
    let last = wrong.len() - 1;
    wrong[last] ^= 1;
    assert_eq!(
        err(&fragment_of_bytes(&wrong)),
        LinkError::Corrupt {
            detail: String::from("checksum mismatch")
        }
    );
    // Extra bytes after the checksum.
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(matches!(
        err(&fragment_of_bytes(&longer)),
        LinkError::Corrupt { .. }
    ));
    // A reserved block type (deflate's BTYPE 11) at the start.
    let mut reserved = bytes.clone();
    reserved[0] |= 0b110;
    assert!(matches!(
        err(&fragment_of_bytes(&reserved)),
        LinkError::Corrupt { .. }
    ));
    // Every single-bit flip in the compressed data is refused or opens the same scenario
    // (a flip in the unused bits of the last byte changes nothing).
    let original = frozen_edits(preset("jackman"));
    for i in 0..bytes.len() - 4 {
        for bit in 0..8 {
            let mut flipped = bytes.clone();
            flipped[i] ^= 1 << bit;
            if let Ok(s) = decode(&fragment_of_bytes(&flipped)) {
                assert_same(&s, &original);
            }
        }
    }
}

#[test]
fn text_that_is_not_json() {
    assert!(matches!(
        err(&fragment_from_json(b"hello")),
        LinkError::Corrupt { .. }
    ));
    assert!(matches!(
        err(&fragment_from_json(&[0xff, 0xfe, b'{'])),
        LinkError::Corrupt { .. }
    ));
    let json = json(&preset("jackman"));
    let e = err(&fragment_from_json(&json.as_bytes()[..json.len() / 2]));
    assert_eq!(
        e,
        LinkError::Corrupt {
            detail: String::from("the scenario text ends early")
        }
    );
}

#[test]
fn decompression_bombs_are_refused_within_the_cap() {
    // 16 MiB of spaces packs into about 16 kB; inflating stops at 4 MiB.
    let bomb = vec![b' '; 16 * 1024 * 1024];
    let fragment = fragment_from_json(&bomb);
    assert!(fragment.len() < 200_000, "{}", fragment.len());
    assert_eq!(
        err(&fragment),
        LinkError::TooLarge {
            max: MAX_INFLATED_BYTES
        }
    );
    assert!(
        err(&fragment).to_string().contains("4 MiB"),
        "{}",
        err(&fragment)
    );
    // Just under the cap is fine as far as inflating goes (then it is not a scenario).
    let under = vec![b' '; MAX_INFLATED_BYTES - 1];
    assert!(matches!(
        err(&fragment_from_json(&under)),
        LinkError::Corrupt { .. }
    ));
}

#[test]
fn absurdly_long_input_is_refused_before_decoding() {
    let input = format!("#s=1.{}", "A".repeat(MAX_INPUT_CHARS));
    assert_eq!(
        err(&input),
        LinkError::InputTooLong {
            chars: MAX_INPUT_CHARS + 5,
            max: MAX_INPUT_CHARS
        }
    );
}

#[test]
fn json_that_is_not_a_scenario_names_the_field() {
    let cases: Vec<(Value, &str, &str)> = vec![
        (serde_json::json!([1, 2, 3]), "(link)", "scenario object"),
        (serde_json::json!({"name": "x"}), "version", "format number"),
        (
            serde_json::json!({"version": "1"}),
            "version",
            "format number",
        ),
        (serde_json::json!({"version": 1}), "(link)", "missing field"),
    ];
    for (value, path, message) in cases {
        match err(&fragment_from_json(value.to_string().as_bytes())) {
            LinkError::NotAScenario {
                path: p,
                message: m,
            } => {
                assert_eq!(p, path, "{value}");
                assert!(m.contains(message), "{value}: {m}");
            }
            other => panic!("{value}: {other:?}"),
        }
    }
    let mut v: Value = serde_json::to_value(preset("jackman")).expect("serialises");
    v["crossings"][0]["lat"] = Value::from("north");
    match err(&fragment_from_json(v.to_string().as_bytes())) {
        LinkError::NotAScenario { path, message } => {
            assert_eq!(path, "crossings[0].lat");
            assert!(message.contains("invalid type"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let mut v: Value = serde_json::to_value(preset("jackman")).expect("serialises");
    v["costs"]["bonus"] = Value::from(1);
    match err(&fragment_from_json(v.to_string().as_bytes())) {
        LinkError::NotAScenario { path, message } => {
            assert_eq!(path, "costs.bonus");
            assert!(message.contains("unknown field"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_newer_scenario_format_is_named() {
    let mut v: Value = serde_json::to_value(preset("jackman")).expect("serialises");
    v["version"] = Value::from(7);
    let e = err(&fragment_from_json(v.to_string().as_bytes()));
    assert_eq!(
        e,
        LinkError::ScenarioTooNew {
            found: 7,
            newest: SCENARIO_VERSION
        }
    );
    assert!(e.to_string().contains("newest Egress"));
}

#[test]
fn invalid_values_return_every_problem() {
    let mut v: Value = serde_json::to_value(preset("jackman")).expect("serialises");
    v["replications"] = Value::from(0);
    v["crossings"][0]["lat"] = Value::from(123.0);
    v["strategies"][0]["plan"]["crew_size"] = Value::from(9);
    match err(&fragment_from_json(v.to_string().as_bytes())) {
        LinkError::Invalid(problems) => {
            let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
            assert_eq!(
                paths,
                [
                    "replications",
                    "crossings[0].lat",
                    "strategies[0].plan.crew_size"
                ]
            );
            let text = LinkError::Invalid(problems).to_string();
            assert!(
                text.contains("3 problem(s)")
                    && text.contains("crossings[0].lat: must be between -90 and 90"),
                "{text}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn migrate_is_the_identity_for_the_current_format() {
    let v: Value = serde_json::to_value(preset("jackman")).expect("serialises");
    assert_eq!(migrate(v.clone(), SCENARIO_VERSION), Ok(v.clone()));
    assert!(matches!(
        migrate(v.clone(), 0),
        Err(LinkError::NotAScenario { .. })
    ));
    assert_eq!(
        migrate(v, SCENARIO_VERSION + 1),
        Err(LinkError::ScenarioTooNew {
            found: u64::from(SCENARIO_VERSION + 1),
            newest: SCENARIO_VERSION
        })
    );
}

#[test]
fn every_error_reads_as_a_sentence() {
    let errors = [
        LinkError::Empty,
        LinkError::MissingFragment,
        LinkError::UnknownPrefix,
        LinkError::UnknownVersion {
            found: String::from("9"),
            newest: 1,
        },
        LinkError::InputTooLong {
            chars: 2_000_000,
            max: MAX_INPUT_CHARS,
        },
        LinkError::NotBase64 {
            detail: String::from("character '!' at position 4"),
        },
        LinkError::Truncated,
        LinkError::Corrupt {
            detail: String::from("checksum mismatch"),
        },
        LinkError::TooLarge {
            max: MAX_INFLATED_BYTES,
        },
        LinkError::NotAScenario {
            path: String::from("crossings[0].lat"),
            message: String::from("invalid type: string \"north\", expected f64"),
        },
        LinkError::ScenarioTooNew {
            found: 2,
            newest: 1,
        },
        LinkError::Invalid(vec![Problem {
            path: String::from("replications"),
            message: String::from("must be a whole number from 2 to 1000"),
        }]),
        LinkError::TooLong {
            chars: 9000,
            max: 2000,
        },
    ];
    for e in errors {
        let text = e.to_string();
        println!("{text}");
        assert!(
            text.starts_with("This ") || text.starts_with("The "),
            "{text}"
        );
        assert!(!text.contains("LinkError") && !text.contains("{"), "{text}");
    }
}

// ---------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------

fn never_panics(input: &str) -> Result<(), TestCaseError> {
    // A panic inside `decode` fails the case (proptest catches it and shrinks).
    let _ = decode(input);
    Ok(())
}

#[test]
fn any_string_gives_a_value_or_an_error() {
    let strings = prop_oneof![
        any::<String>(),
        "\\PC{0,300}",
        "[#s=1.A-Za-z0-9_\\-&?/: ]{0,200}",
    ];
    let result = runner(1024).run(&strings, |s| never_panics(&s));
    assert!(result.is_ok(), "{result:?}");
}

#[test]
fn random_base64url_after_the_prefix_is_refused() {
    let strings = "[A-Za-z0-9_\\-]{0,600}".prop_map(|data| format!("s=1.{data}"));
    let result = runner(1024).run(&strings, |s| {
        proptest::prop_assert!(decode(&s).is_err(), "{s} opened");
        Ok(())
    });
    assert!(result.is_ok(), "{result:?}");
}

/// Random scenarios a planner could make from the two single-crossing presets: other
/// seeds, replication counts and horizons, names in any script, and random values for
/// the float fields within their valid ranges (full precision, so most need 15 to 17
/// digits).
fn edited_preset() -> impl Gen<Value = Scenario> {
    let text = "\\PC{1,60}".prop_filter("not blank", |s: &String| !s.trim().is_empty());
    let unit = prop_oneof![
        0.0..=1.0f64,
        Just(0.0),
        Just(-0.0),
        Just(1.0),
        Just(5e-324),
        Just(f64::MIN_POSITIVE)
    ];
    (
        prop_oneof![Just("san-ysidro"), Just("jackman")],
        any::<u64>(),
        2u32..=400,
        1u32..=365,
        (text.clone(), "\\PC{0,200}", text),
        (-90.0..=90.0f64, -180.0..=180.0f64, 0.0..5e6f64),
        (
            prop::array::uniform24(0.0..10.0f64),
            prop::array::uniform7(0.1..2.0f64),
        ),
        (unit.clone(), unit.clone(), unit),
        (0.0..23.99f64, 0.25..24.0f64, 0.0..1000.0f64, 1.0..3.0f64),
        (1e-3..1e6f64, 1.0..100.0f64, 0.0..1000.0f64),
    )
        .prop_map(
            |(
                id,
                seed,
                replications,
                horizon_days,
                (name, description, strategy_name),
                (lat, lon, volume),
                (hours, weekdays),
                (share, cancel, sensitivity),
                (start, duration, rate, overtime),
                (median, p90_factor, prevalence),
            )| {
                let mut s = preset(id);
                s.seed = seed;
                s.replications = replications;
                s.horizon_days = horizon_days;
                s.name = name;
                s.description = description;
                s.strategies[0].name = strategy_name;
                let c = &mut s.crossings[0];
                c.lat = lat;
                c.lon = lon;
                c.annual_inbound.trucks = volume;
                c.connectivity_uptime = share;
                s.traffic.modalities.personal_vehicles.hour_profile = hours;
                s.traffic.modalities.trucks.weekday_profile = weekdays;
                s.traffic.modalities.pedestrians.trusted_share = share;
                s.adversary.spotting_probability = sensitivity;
                s.inspection.nii.sensitivity.moderate = sensitivity;
                s.strategies[1].plan.recall.cancel_probability = cancel;
                s.costs.loaded_hourly_rate = rate;
                s.costs.overtime_multiplier = overtime;
                let amount = &mut s.threat.contraband.currency.amount;
                amount.median = median;
                amount.p90 = (median * p90_factor).min(1e9);
                s.threat.contraband.firearms.prevalence_per_100k.trucks = prevalence;
                for strategy in &mut s.strategies {
                    if let Schedule::DailyFixed { windows, .. } = &mut strategy.plan.schedule {
                        windows[0] = Window {
                            start_hour: start,
                            duration_hours: duration,
                        };
                    }
                }
                s
            },
        )
}

#[test]
fn random_edits_of_presets_round_trip_exactly() {
    let longest = std::cell::Cell::new(0);
    let result = runner(192).run(&edited_preset(), |s| {
        if let Err(problems) = validate(s.clone()) {
            return Err(TestCaseError::fail(format!("invalid: {problems:?}")));
        }
        let fragment = fragment(&s).map_err(|e| TestCaseError::fail(e.to_string()))?;
        longest.set(longest.get().max(fragment.len()));
        let opened = decode(&format!("{ORIGIN}{fragment}"))
            .map_err(|e| TestCaseError::fail(e.to_string()))?
            .into_inner();
        proptest::prop_assert_eq!(&opened, &s);
        proptest::prop_assert_eq!(json(&opened), json(&s));
        Ok(())
    });
    assert!(result.is_ok(), "{result:?}");
    println!(
        "longest fragment of an edited preset: {} characters",
        longest.get()
    );
}

#[test]
fn truncated_valid_links_are_refused() {
    let cases = (edited_preset(), 0.0..1.0f64);
    let result = runner(128).run(&cases, |(s, cut)| {
        let url = format!("{ORIGIN}{}", fragment(&s).expect("valid"));
        let start = ORIGIN.len();
        let keep = start + ((url.len() - start) as f64 * cut) as usize;
        proptest::prop_assert!(decode(&url[..keep]).is_err(), "kept {keep}");
        Ok(())
    });
    assert!(result.is_ok(), "{result:?}");
}

#[test]
fn valid_links_with_flipped_bytes_are_refused_or_unchanged() {
    let flips = prop::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 1..4);
    let result = runner(256).run(&(edited_preset(), flips), |(s, flips)| {
        let mut bytes = payload_bytes(&fragment(&s).expect("valid"));
        for (at, mask) in flips {
            let i = at.index(bytes.len());
            bytes[i] ^= mask;
        }
        if let Ok(opened) = decode(&fragment_of_bytes(&bytes)) {
            // Only the unused bits of the stream's last byte can change and still open.
            proptest::prop_assert_eq!(json(&opened), json(&s));
        }
        Ok(())
    });
    assert!(result.is_ok(), "{result:?}");
    // The same with characters of the text replaced, which may also break the base64.
    let chars = prop::collection::vec(
        (
            any::<prop::sample::Index>(),
            proptest::char::range('-', 'z'),
        ),
        1..4,
    );
    let result = runner(256).run(&(edited_preset(), chars), |(s, edits)| {
        let fragment = fragment(&s).expect("valid");
        let mut text: Vec<char> = fragment.chars().collect();
        for (at, c) in edits {
            let i = 5 + at.index(text.len() - 5);
            text[i] = c;
        }
        let text: String = text.into_iter().collect();
        if let Ok(opened) = decode(&text) {
            proptest::prop_assert_eq!(json(&opened), json(&s));
        }
        Ok(())
    });
    assert!(result.is_ok(), "{result:?}");
}

fn json_value() -> impl Gen<Value = Value> {
    let key = prop_oneof![
        Just(String::from("version")),
        Just(String::from("name")),
        Just(String::from("crossings")),
        Just(String::from("strategies")),
        "[a-z_]{1,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "\\PC{0,16}".prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 96, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

#[test]
fn random_json_packed_into_a_link_is_refused() {
    let result = runner(512).run(&json_value(), |v| {
        let fragment = fragment_from_json(v.to_string().as_bytes());
        proptest::prop_assert!(decode(&fragment).is_err(), "{v} opened");
        Ok(())
    });
    assert!(result.is_ok(), "{result:?}");
}

/// Every place in a scenario's JSON tree, as a JSON pointer.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                pointers(child, format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

#[test]
fn scenarios_with_a_random_value_anywhere_give_a_value_or_an_error() {
    let base: Value = serde_json::to_value(preset("jackman")).expect("serialises");
    let mut places = Vec::new();
    pointers(&base, String::new(), &mut places);
    let places = places;
    let cases = (prop::sample::select(places), json_value());
    let result = runner(512).run(&cases, |(place, replacement)| {
        let mut v = base.clone();
        if let Some(slot) = v.pointer_mut(&place) {
            *slot = replacement;
        }
        let fragment = fragment_from_json(v.to_string().as_bytes());
        if let Ok(opened) = decode(&fragment) {
            // It opened, so it must be exactly what was packed.
            let packed: Scenario = serde_json::from_value(v).expect("opened, so it reads");
            proptest::prop_assert_eq!(opened.into_inner(), packed);
        }
        Ok(())
    });
    assert!(result.is_ok(), "{result:?}");
}
