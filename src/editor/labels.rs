//! The editor's field labels, by validation path: the one list the editor shows and the
//! messages a planner reads say (error banners, the reason Run is blocked, the briefing's
//! assumptions), so "Strategy 7 › Teams" names the field as it is labelled on screen.
//!
//! A field whose path is here takes its label from here (`NumberField`, `TextField`,
//! `SelectField`); a field with a label made on the fly (a modality, a window number)
//! passes its own, and messages name it by its path in words.

/// `(pattern, label)`. `[]` stands for any index. A pattern that starts with `plan.`
/// is a plan's field, wherever the plan is (a strategy's, or an override's).
const LABELS: &[(&str, &str)] = &[
    ("costs.loaded_hourly_rate", "Loaded cost of an officer"),
    ("costs.basic_hourly_rate", "Basic hourly pay"),
    ("costs.overtime_multiplier", "Overtime pay"),
    ("costs.shift_hours", "Shift length"),
    ("costs.overtime_cap_per_officer", "Overtime cap per officer"),
    ("costs.setup_cost_per_operation", "Set-up cost"),
    ("costs.nii_capex_per_unit", "X-ray unit price"),
    ("costs.nii_life_years", "X-ray unit life"),
    ("costs.nii_opex_per_unit_year", "X-ray running cost"),
    ("costs.nii_shared_hourly_rate", "Shared X-ray unit"),
    ("costs.value_of_time_per_hour", "Value of time"),
    ("threat.waves.per_year", "Waves"),
    ("threat.waves.duration_days", "Wave length"),
    ("threat.waves.multiplier", "Prevalence during a wave"),
    (
        "threat.trusted_carrier_share",
        "Carriers enrolled as trusted travellers",
    ),
    ("adversary.adaptive_share", "Carriers who adapt"),
    (
        "adversary.learning_share",
        "Adaptive carriers who learn schedules",
    ),
    ("adversary.learning_days", "Time to learn a schedule"),
    (
        "adversary.spotting_probability",
        "Chance to spot a running operation",
    ),
    ("adversary.wait_hours", "Wait before trying again"),
    (
        "adversary.travel_speed_kmh",
        "Road speed to another crossing",
    ),
    (
        "adversary.max_detour_km",
        "Longest detour to another crossing",
    ),
    ("adversary.on_spotting.wait", "waits and retries"),
    (
        "adversary.on_spotting.move_crossing",
        "moves to another crossing",
    ),
    ("adversary.on_spotting.give_up", "gives up (deterred)"),
    ("inspection.interview.mean_seconds", "Interview time"),
    (
        "inspection.interview.compartment_share",
        "Interviews opening a compartment",
    ),
    (
        "inspection.interview.compartment_mean_seconds",
        "Time with a compartment opened",
    ),
    (
        "inspection.nii.false_alarm_rate",
        "False alarms on clean vehicles",
    ),
    ("inspection.nii.availability", "Days a unit works"),
    (
        "inspection.search.crew_of_three_time_share",
        "Search time with a crew of 3",
    ),
    ("plan.schedule.duration_hours", "Operation length"),
    ("plan.schedule.earliest_start_hour", "Earliest start"),
    ("plan.schedule.latest_start_hour", "Latest start"),
    ("plan.schedule.busiest_hours", "Busiest hours covered"),
    ("plan.schedule.operations", "Operations"),
    (
        "plan.schedule.detection_probability",
        "Intelligence detects a wave",
    ),
    ("plan.schedule.lag_hours", "Lag before the surge"),
    ("plan.schedule.false_alarms_per_year", "False alarms"),
    ("plan.schedule.surge_days", "Surge length"),
    ("crossings[].name", "Name"),
    ("crossings[].id", "Port code"),
    ("crossings[].state", "State"),
    ("crossings[].border", "Border"),
    ("crossings[].field_office", "Field office"),
    ("crossings[].lat", "Latitude"),
    ("crossings[].lon", "Longitude"),
    ("crossings[].storage_per_lane", "Road storage per lane"),
    ("crossings[].secondary_bays", "Secondary bays"),
    (
        "crossings[].officers_per_shift",
        "Officers per shift for outbound",
    ),
    (
        "crossings[].nii_units",
        "X-ray (NII) units shared with inbound",
    ),
    (
        "crossings[].nii_units_bought",
        "X-ray units bought for outbound",
    ),
    ("crossings[].connectivity_uptime", "Connectivity uptime"),
    ("name", "Scenario name"),
    ("question", "Question it answers"),
    ("description", "Description"),
    ("horizon_days", "Horizon"),
    ("replications", "Replications"),
    ("adversary.max_retries", "Tries before giving up"),
    ("strategies[].description", "Description"),
    ("plan.schedule.kind", "Schedule"),
    ("plan.min_frequency.max_gap_days", "At most"),
    (
        "plan.min_frequency.duration_hours",
        "Floor operation length",
    ),
    ("plan.operating_hours.from_hour", "Operating hours from"),
    ("plan.operating_hours.to_hour", "to"),
    ("plan.selection.fraction", "Share picked at random"),
    ("plan.selection.carrier_pick_rate", "Carriers picked"),
    ("plan.selection.other_pick_rate", "Others picked"),
    ("plan.technique", "Technique"),
    ("plan.teams", "Teams"),
    ("plan.recall.cancel_probability", "Operations cancelled"),
    ("plan.recall.recall_per_hour", "Recalls while running"),
    ("plan.selection", "Selection"),
    ("plan.schedule.windows[].duration_hours", "lasting"),
    ("plan.schedule.per", "per"),
    ("plan.crew_size", "Crew size"),
    ("plan.nii_units_bought", "X-ray units the plan buys"),
    ("programme", "Programme question"),
    ("programme.goal.kind", "Goal"),
    ("programme.goal.target.measure", "Target measure"),
    ("programme.goal.target.at_least", "Target"),
    ("programme.goal.cost", "Cost counted"),
    ("programme.goal.budget", "Budget"),
    ("programme.goal.resource", "Budget counted in"),
    ("programme.goal.detection_rate", "Detection rate to reach"),
    ("programme.crossings", "Crossings planned"),
    ("programme.crossings[]", "Crossings planned"),
    (
        "programme.floor_operations_per_week",
        "Minimum operations a week (floor)",
    ),
    ("programme.space", "Candidate plans"),
    ("programme.space.schedules", "Schedule families"),
    ("programme.space.operations_per_week", "Operations a week"),
    ("programme.space.operations_per_week[]", "Operations a week"),
    ("programme.space.duration_hours", "Operation lengths"),
    ("programme.space.duration_hours[]", "Operation lengths"),
    ("programme.space.daily_windows", "Daily windows"),
    (
        "programme.space.daily_windows[].from_hour",
        "Daily window from",
    ),
    ("programme.space.daily_windows[].to_hour", "Daily window to"),
    ("programme.space.teams", "Teams"),
    ("programme.space.teams[]", "Teams"),
    ("programme.space.crew_size", "Crew sizes"),
    ("programme.space.crew_size[]", "Crew sizes"),
    ("programme.space.selection", "Shares picked"),
    ("programme.space.selection[].fraction", "Shares picked"),
    ("programme.space.technique", "Techniques"),
    ("programme.space.nii_units_bought", "X-ray units bought"),
    ("programme.space.nii_units_bought[]", "X-ray units bought"),
    ("programme.search.first_stage", "First-stage replications"),
    (
        "programme.search.max_replications",
        "Most replications of a candidate",
    ),
    ("programme.search.alpha", "Error rate of each decision (α)"),
    (
        "programme.search.indifference",
        "Difference that does not matter (δ)",
    ),
    ("record", "Seizure record"),
    ("record.label", "Record name"),
    ("record.model", "Year-to-year variation"),
    ("record.model.dispersion", "Dispersion"),
    ("record.entries", "Recorded figures"),
    ("record.entries[].contraband", "Contraband"),
    ("record.entries[].place", "Where"),
    ("record.entries[].crossing", "Crossing"),
    ("record.entries[].field_office", "Field office"),
    ("record.entries[].amount_per_year", "Seized a year"),
    ("record.entries[].seizures_per_year", "Seizures a year"),
    ("record.entries[].first_year", "First year"),
    ("record.entries[].last_year", "Last year"),
    ("record.entries[].source", "Source"),
    ("assurance.worlds", "Plausible worlds"),
    ("assurance.replications_per_world", "Replications per world"),
    ("assurance.criterion", "Rank strategies by"),
    ("assurance.calibrated_to.record", "Calibrated to record"),
];

/// The editor's label of the field at `path` (`strategies[2].plan.teams` → "Teams").
pub fn label(path: &str) -> Option<&'static str> {
    let general = without_indices(path);
    LABELS.iter().find_map(|&(pattern, label)| {
        let found = if pattern.starts_with("plan.") {
            general
                .strip_suffix(pattern)
                .is_some_and(|owner| owner.ends_with("strategies[]."))
                || general
                    .strip_suffix(pattern)
                    .is_some_and(|owner| owner.ends_with("overrides[]."))
        } else {
            general == pattern
        };
        found.then_some(label)
    })
}

/// `strategies[2].overrides[0].plan` → `strategies[].overrides[].plan`.
fn without_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_found_by_path() {
        assert_eq!(label("strategies[6].plan.teams"), Some("Teams"));
        assert_eq!(
            label("strategies[1].overrides[0].plan.teams"),
            Some("Teams")
        );
        assert_eq!(
            label("crossings[12].connectivity_uptime"),
            Some("Connectivity uptime")
        );
        assert_eq!(label("costs.basic_hourly_rate"), Some("Basic hourly pay"));
        assert_eq!(label("name"), Some("Scenario name"));
        assert_eq!(label("crossings[0].name"), Some("Name"));
        assert_eq!(label("plan.teams"), None, "a plan belongs to a strategy");
        assert_eq!(label("traffic.modalities.cars.hour_profile"), None);
    }

    #[test]
    fn each_path_has_one_label() {
        for (k, (pattern, _)) in LABELS.iter().enumerate() {
            assert!(
                LABELS[k + 1..].iter().all(|(other, _)| other != pattern),
                "{pattern} is listed twice"
            );
        }
    }
}
