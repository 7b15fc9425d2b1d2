//! Scenario JSON of older formats, moved forward one format at a time. Links, files and
//! the saved library all go through [`read_value`], so a scenario saved under an older
//! format opens as the current one (and then meets `validate` like any other).
//!
//! Each step keeps what the old scenario *meant* where that meaning was sound, and says
//! so where the old engine did something the new one refuses (an override that matched
//! every crossing because its list was empty, say).

use super::{OperatingHours, Plan, Problem, Recall, SCENARIO_VERSION, Scenario, Schedule};
use serde_json::Map;
use serde_json::Value;

/// Scenario JSON of any released format → a current `Scenario` (not yet validated).
/// A wrong type or unknown field is reported at its path, as `parse_and_validate` does.
pub fn read_value(value: Value) -> Result<Scenario, Problem> {
    let from = match value.get("version") {
        Some(Value::Number(n)) => n.as_u64(),
        _ => None,
    };
    let value = match from {
        Some(v) if (1..u64::from(SCENARIO_VERSION)).contains(&v) => {
            crate::link::migrate(value, v as u32).map_err(|e| Problem {
                path: String::from("version"),
                message: e.to_string(),
            })?
        }
        _ => value,
    };
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        Problem {
            path: if matches!(path.as_str(), "." | "?" | "") {
                String::from("(file)")
            } else {
                path
            },
            message: format!("not a readable scenario: {}", e.inner()),
        }
    })
}

/// Format 1 → format 2. Frozen once released: links in the wild rely on it.
pub fn v1_to_v2(mut value: Value) -> Value {
    if let Some(object) = value.as_object_mut() {
        object.insert(String::from("version"), Value::from(2));
    }
    if let Some(crossings) = value.get_mut("crossings").and_then(Value::as_array_mut) {
        for c in crossings.iter_mut().filter_map(Value::as_object_mut) {
            // Sized from the crossing's traffic below, once it reads as a crossing.
            c.entry("secondary_bays").or_insert(Value::from(0));
            // Format 1's units were all charged in full; format 2 reads them as the
            // units the port already has, shared with inbound, and none bought.
            c.entry("nii_units_bought").or_insert(Value::from(0));
        }
    }
    if let Some(adversary) = value.get_mut("adversary").and_then(Value::as_object_mut) {
        // Format 1 moved carriers to the nearest crossing at any distance, whatever it
        // carried; format 2 keeps to their kind of traffic within the default detour.
        adversary
            .entry("max_detour_km")
            .or_insert(Value::from(super::presets::MAX_DETOUR_KM));
    }
    if let Some(search) = value
        .pointer_mut("/inspection/search")
        .and_then(Value::as_object_mut)
    {
        // Format 1's crew size changed only the cost; format 2's third officer shortens
        // a search by the documented default.
        search
            .entry("crew_of_three_time_share")
            .or_insert(Value::from(super::presets::CREW_OF_THREE_TIME_SHARE));
    }
    if let Some(costs) = value.get_mut("costs").and_then(Value::as_object_mut) {
        costs
            .entry("nii_shared_hourly_rate")
            .or_insert(Value::from(super::presets::NII_SHARED_HOURLY_RATE));
        costs
            .entry("overtime_cap_per_officer")
            .or_insert(Value::from(45_000.0));
    }
    for_each_plan(&mut value, |plan| {
        plan.entry("operating_hours").or_insert_with(|| {
            serde_json::to_value(OperatingHours::STAFFED).unwrap_or(Value::Null)
        });
    });
    // What cannot be read as a scenario is left for the deserialiser to name. The
    // typed steps below read the scenario through today's types, so the fields later
    // formats added are put in for the reading and taken out again after it.
    let Ok(mut scenario) = serde_json::from_value::<Scenario>(v2_to_v3(value.clone())) else {
        return value;
    };
    overrides_that_name_crossings(&mut scenario);
    // Format 1 had no secondary area: searches queued on the road. Size the bays as the
    // presets do, from each crossing's daily vehicles.
    for c in &mut scenario.crossings {
        if c.secondary_bays == 0 {
            let daily = (c.annual_inbound.personal_vehicles
                + c.annual_inbound.trucks
                + c.annual_inbound.buses)
                / 365.0;
            c.secondary_bays = super::presets::secondary_bays(daily);
        }
    }
    for strategy in &mut scenario.strategies {
        for plan in std::iter::once(&mut strategy.plan)
            .chain(strategy.overrides.iter_mut().map(|o| &mut o.plan))
        {
            operating_hours_that_fit(plan);
            upper_bound_without_recall(plan);
        }
    }
    match serde_json::to_value(&scenario) {
        Ok(mut moved) => {
            v3_back_to_v2(&mut moved);
            moved
        }
        Err(_) => value,
    }
}

/// Undoes [`v2_to_v3`] on JSON that went through today's types inside an older step.
fn v3_back_to_v2(value: &mut Value) {
    if let Some(object) = value.as_object_mut() {
        object.insert(String::from("version"), Value::from(2));
    }
    if let Some(adversary) = value.get_mut("adversary").and_then(Value::as_object_mut) {
        adversary.remove("learning_share");
    }
}

/// Format 2 → format 3. Frozen once released.
///
/// Format 2's adaptive carriers all learned every fixed window on the same day,
/// `learning_days` after the horizon's start, and never learned a random schedule.
/// Format 3 learns per carrier: a share of adaptive carriers (all of them here, as in
/// format 2) each learns after its own exposure to the schedule, drawn with mean
/// `learning_days` counted from the schedule's first operation, and what it learns is
/// the hours the schedule can run, random schedules included. The number of days keeps
/// its value as the mean, the closest reading of the old field.
pub fn v2_to_v3(mut value: Value) -> Value {
    if let Some(object) = value.as_object_mut() {
        object.insert(String::from("version"), Value::from(3));
    }
    if let Some(adversary) = value.get_mut("adversary").and_then(Value::as_object_mut) {
        adversary
            .entry("learning_share")
            .or_insert(Value::from(1.0));
    }
    value
}

/// Format 1 read an override with an empty filter as "every crossing" and kept
/// overrides that matched no crossing; format 2 refuses both. The same plans are kept:
/// an override that matches every crossing becomes the strategy's plan (it shadowed
/// every earlier override), and one that matches nothing is dropped.
fn overrides_that_name_crossings(s: &mut Scenario) {
    let crossings = s.crossings.clone();
    for strategy in &mut s.strategies {
        strategy
            .overrides
            .retain(|o| crossings.iter().any(|c| o.applies_to.matches(c)));
        if let Some(last) = strategy
            .overrides
            .iter()
            .rposition(|o| o.applies_to.is_empty())
        {
            strategy.plan = strategy.overrides[last].plan.clone();
            strategy.overrides.drain(..=last);
        }
    }
}

/// Calls `f` on the JSON object of every plan: each strategy's and each override's.
fn for_each_plan(value: &mut Value, mut f: impl FnMut(&mut Map<String, Value>)) {
    let Some(strategies) = value.get_mut("strategies").and_then(Value::as_array_mut) else {
        return;
    };
    for strategy in strategies {
        if let Some(plan) = strategy.get_mut("plan").and_then(Value::as_object_mut) {
            f(plan);
        }
        if let Some(overrides) = strategy.get_mut("overrides").and_then(Value::as_array_mut) {
            for o in overrides {
                if let Some(plan) = o.get_mut("plan").and_then(Value::as_object_mut) {
                    f(plan);
                }
            }
        }
    }
}

/// Format 1 placed random operations at any hour. Format 2 places them inside the
/// plan's operating hours, 06:00–22:00 by default; a plan whose operations would not fit
/// there (longer than 16 hours, or too many a period) gets the whole day instead.
fn operating_hours_that_fit(plan: &mut Plan) {
    let fits = |hours: OperatingHours| {
        let each = |d: f64| d <= hours.hours();
        let floor = plan.min_frequency.is_none_or(|m| each(m.duration_hours));
        floor
            && match plan.schedule {
                Schedule::PulseRandom {
                    operations,
                    per,
                    duration_hours,
                } => {
                    each(duration_hours)
                        && operations <= hours.fit_per_day(duration_hours) * per.fewest_days()
                }
                Schedule::PulseIntel { duration_hours, .. } => each(duration_hours),
                _ => true,
            }
    };
    if !fits(plan.operating_hours) {
        plan.operating_hours = OperatingHours {
            from_hour: 0.0,
            to_hour: 24.0,
            traffic_weighted: false,
        };
    }
}

/// Format 1 let continuous operation be cancelled and recalled (the presets' "upper
/// bound" covered about 75% of hours); format 2's continuous plan is the true upper
/// bound, never cancelled or recalled.
fn upper_bound_without_recall(plan: &mut Plan) {
    if plan.schedule == Schedule::Continuous {
        plan.recall = Recall {
            cancel_probability: 0.0,
            recall_per_hour: 0.0,
        };
    }
}
