//! Where each default comes from: a public source, or an assumption (no public figure,
//! editable, labelled as such in the app and listed on the briefing page).
//!
//! Patterns use the validation paths with `*` for any one segment (array indices
//! included: `crossings[3].lanes.trucks` matches `crossings.*.lanes.*`).

use serde::Serialize;

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    Source,
    Assumption,
}

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Provenance {
    pub pattern: &'static str,
    pub label: &'static str,
    pub basis: Basis,
    pub note: &'static str,
}

const fn source(pattern: &'static str, label: &'static str, note: &'static str) -> Provenance {
    Provenance {
        pattern,
        label,
        basis: Basis::Source,
        note,
    }
}

const fn assumption(pattern: &'static str, label: &'static str, note: &'static str) -> Provenance {
    Provenance {
        pattern,
        label,
        basis: Basis::Assumption,
        note,
    }
}

/// Most specific patterns first: the first match wins.
pub const PROVENANCE: &[Provenance] = &[
    source(
        "crossings.*.annual_inbound.*",
        "Annual inbound volume",
        "BTS Border Crossing Entry Data (data.bts.gov keg4-3bc2), 2024 sums of monthly inbound counts per port.",
    ),
    source(
        "crossings.*.lat",
        "Latitude",
        "BTS Border Crossing Entry Data, port location.",
    ),
    source(
        "crossings.*.lon",
        "Longitude",
        "BTS Border Crossing Entry Data, port location.",
    ),
    assumption(
        "crossings.*.field_office",
        "Field office",
        "Assigned from the port district (first two digits of the BTS port code).",
    ),
    assumption(
        "crossings.*.lanes.*",
        "Outbound lanes",
        "No public per-port figure: one personal-vehicle lane per 5,000 vehicles a day (at most 12), one truck lane per 1,500 trucks a day (at most 6).",
    ),
    assumption(
        "crossings.*.storage_per_lane",
        "Room to wait",
        "No public figure: 12 vehicles per lane for an interview at the booth; secondary bays for searches and X-ray, 2 plus one per 5,000 vehicles a day (at most 20).",
    ),
    assumption(
        "crossings.*.secondary_bays",
        "Room to wait",
        "No public figure: 12 vehicles per lane for an interview at the booth; secondary bays for searches and X-ray, 2 plus one per 5,000 vehicles a day (at most 20).",
    ),
    assumption(
        "crossings.*.officers_per_shift",
        "Officers per shift for outbound",
        "Officers who can be put on outbound work without overtime; OIG found no one knows outbound staffing hours. Sized as 2 + one per 8,000 vehicles a day.",
    ),
    // Two patterns, one row on the briefing (rows are listed once per label).
    assumption(
        "crossings.*.nii_units",
        "X-ray (NII) units shared with inbound",
        "Units shared with inbound, sized from volume (none below 1,500 personal vehicles a day); none bought for outbound.",
    ),
    assumption(
        "crossings.*.nii_units_bought",
        "X-ray (NII) units shared with inbound",
        "Units shared with inbound, sized from volume (none below 1,500 personal vehicles a day); none bought for outbound.",
    ),
    assumption(
        "crossings.*.connectivity_uptime",
        "Connectivity uptime",
        "OIG reports Wi-Fi and cellular outages limiting technology; 97% southwest and 90% northern are assumptions.",
    ),
    source(
        "traffic.month_profile.*",
        "Traffic by month",
        "BTS 2024 share of personal vehicles by month, summed over the ports of each border.",
    ),
    assumption(
        "traffic.modalities.*.outbound_factor",
        "Outbound factor",
        "No public outbound counts exist (OIG): outbound is assumed to equal inbound (factor 1.0).",
    ),
    source(
        "traffic.modalities.personal_vehicles.trusted_share",
        "Trusted travellers",
        "15% SENTRI seen at Brownsville (OIG audit); other crossings may differ.",
    ),
    assumption(
        "traffic.modalities.*.trusted_share",
        "Trusted travellers",
        "Share enrolled in SENTRI, NEXUS or FAST; no public per-modality figure.",
    ),
    assumption(
        "traffic.modalities.*.weekday_profile",
        "Traffic by weekday",
        "Relative traffic per weekday; BTS publishes monthly totals only.",
    ),
    assumption(
        "traffic.modalities.*.hour_profile",
        "Traffic by hour",
        "Share of a day's traffic per clock hour; no public hourly outbound counts.",
    ),
    assumption(
        "threat.contraband.*.prevalence_per_100k",
        "Prevalence",
        "No public figure. Currency and firearms set so the national baseline seizes about the record (461 firearms, $11.6M a year; OIG FY2018–22), which fixes only prevalence × detection × volume × amount. Calibrated against that record (40 replications), the national preset's firearms multiplier is 0.92 (95%: 0.79–1.06, consistent with the record) and currency's 1.23 (1.06–1.41: the preset seizes about a fifth less currency than recorded); the presets are not re-based, since the record cannot say which factor is off: `egress calibrate --rebase` applies it.",
    ),
    assumption(
        "threat.contraband.*.amount.*",
        "Amount per carrier",
        "Log-normal with this median and 90th percentile; no public distribution.",
    ),
    assumption(
        "threat.contraband.*.concealment.*",
        "Concealment mix",
        "Share of carriers by concealment level; sets detection probabilities.",
    ),
    assumption(
        "threat.waves.*",
        "Smuggling waves",
        "Episodes of raised prevalence (rate, length, multiplier); no public figure.",
    ),
    assumption(
        "threat.trusted_carrier_share",
        "Trusted carriers",
        "Share of carriers enrolled in a trusted-traveller programme (vetting makes it low).",
    ),
    assumption(
        "adversary.on_spotting.*",
        "Reaction to a spotted operation",
        "Shares of carriers who wait, move to another crossing or give up; no public figure.",
    ),
    // Its own pattern (ranged in `assumptions.rs`), one row with its kin.
    assumption(
        "adversary.max_detour_km",
        "Adaptive carriers",
        "Which carriers learn a schedule's hours and after how long (each its own draw), how they react to operations they spot, and how far they drive to another crossing (150 km); no public figure. Randomised schedules exist because of this behaviour (ARMOR at LAX, TRUSTS).",
    ),
    assumption(
        "adversary.*",
        "Adaptive carriers",
        "Which carriers learn a schedule's hours and after how long (each its own draw), how they react to operations they spot, and how far they drive to another crossing (150 km); no public figure. Randomised schedules exist because of this behaviour (ARMOR at LAX, TRUSTS).",
    ),
    source(
        "inspection.interview.mean_seconds",
        "Interview time",
        "34 s mean primary inspection (El Paso study, Villegas et al., TRR 1942, 2006).",
    ),
    source(
        "inspection.interview.compartment_mean_seconds",
        "Interview time with a compartment opened",
        "70 s mean (El Paso study, Villegas et al., TRR 1942, 2006).",
    ),
    assumption(
        "inspection.interview.*",
        "Interview",
        "Share of interviews opening a compartment and detection by concealment; no public figure.",
    ),
    assumption(
        "inspection.nii.*",
        "X-ray (NII)",
        "Scan time, sensitivity, false alarms and availability per unit are not public.",
    ),
    // Its own pattern (ranged in `assumptions.rs`), one row with its kin.
    assumption(
        "inspection.search.crew_of_three_time_share",
        "Physical search",
        "Search time by modality (a crew of 3 takes 0.75 of a crew of 2's) and detection by concealment: no public figure (MODEL.md).",
    ),
    assumption(
        "inspection.search.*",
        "Physical search",
        "Search time by modality (a crew of 3 takes 0.75 of a crew of 2's) and detection by concealment: no public figure (MODEL.md).",
    ),
    source(
        "costs.basic_hourly_rate",
        "Basic hourly pay",
        "GS-12 CBP officer base pay $68,299 a year ÷ 2,087 hours (CBP pay table).",
    ),
    assumption(
        "costs.loaded_hourly_rate",
        "Loaded officer cost",
        "$49.30 an hour of pay ($102,897 with locality, overtime and premium pay; CBP) × 1.5 for benefits and overhead.",
    ),
    source(
        "costs.overtime_multiplier",
        "Overtime multiplier",
        "COPRA: CBP officer overtime is paid at 2× the basic hourly rate.",
    ),
    source(
        "costs.shift_hours",
        "Shift and overtime cap",
        "8-hour shifts; COPRA overtime is an officer's hours past them in a day, up to $45,000 of overtime pay a year (DHS appropriations since FY2017).",
    ),
    source(
        "costs.overtime_cap_per_officer",
        "Shift and overtime cap",
        "8-hour shifts; COPRA overtime is an officer's hours past them in a day, up to $45,000 of overtime pay a year (DHS appropriations since FY2017).",
    ),
    assumption(
        "costs.setup_cost_per_operation",
        "Set-up cost per operation",
        "Cones, signs, briefing and travel per operation; no public figure.",
    ),
    // Its own pattern (ranged in `assumptions.rs`), one row with its kin.
    assumption(
        "costs.nii_shared_hourly_rate",
        "X-ray unit costs",
        "CBP contracts: $390M for passenger-vehicle drive-through portals and $480M for truck portals; the per-unit price, life and running cost are assumptions. A shared unit's hour is its annual cost over 8,760 hours.",
    ),
    assumption(
        "costs.nii_*",
        "X-ray unit costs",
        "CBP contracts: $390M for passenger-vehicle drive-through portals and $480M for truck portals; the per-unit price, life and running cost are assumptions. A shared unit's hour is its annual cost over 8,760 hours.",
    ),
    assumption(
        "costs.value_of_time_per_hour",
        "Value of travellers' time",
        "Dollars per vehicle-hour of delay; an assumption of the order of US DOT guidance.",
    ),
    assumption(
        "strategies.*.plan.recall.*",
        "Recall to inbound work",
        "OIG: officers are diverted to mandated inbound inspections. Cancellation and recall rates are assumptions.",
    ),
    assumption(
        "strategies.*.overrides.*.plan.recall.*",
        "Recall to inbound work",
        "OIG: officers are diverted to mandated inbound inspections. Cancellation and recall rates are assumptions.",
    ),
    assumption(
        "strategies.*.plan.operating_hours.*",
        "Operating hours",
        "Daily hours for pulses, surges and floor fill-ins: 06:00–22:00, the staffed, trafficked day.",
    ),
    assumption(
        "strategies.*.overrides.*.plan.operating_hours.*",
        "Operating hours",
        "Daily hours for pulses, surges and floor fill-ins: 06:00–22:00, the staffed, trafficked day.",
    ),
    assumption(
        "strategies.*.plan.selection.*",
        "Targeting performance",
        "The share of carriers and of others a targeting system picks (an ROC point) is not public.",
    ),
    assumption(
        "strategies.*.overrides.*.plan.selection.*",
        "Targeting performance",
        "The share of carriers and of others a targeting system picks (an ROC point) is not public.",
    ),
];

/// Turns `crossings[3].lanes` into segments `crossings`, `*`, `lanes`.
fn segments(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for part in path.split('.') {
        match part.find('[') {
            Some(i) => {
                out.push(&part[..i]);
                out.push("*");
            }
            None => out.push(part),
        }
    }
    out
}

/// A trailing `*` also covers everything below it (`inspection.nii.*` matches
/// `inspection.nii.scan_seconds.trucks`); other segments match one segment each.
fn matches(pattern: &str, path: &str) -> bool {
    let p: Vec<&str> = pattern.split('.').collect();
    let mut s = segments(path);
    let open_ended = p.last() == Some(&"*");
    if (open_ended && s.len() < p.len()) || (!open_ended && s.len() != p.len()) {
        return false;
    }
    s.truncate(p.len());
    p.iter().zip(&s).all(|(p, s)| {
        *p == "*"
            || p == s
            || p.strip_suffix('*')
                .is_some_and(|prefix| s.starts_with(prefix))
    })
}

/// The provenance of a scenario field, by its validation path.
pub fn provenance(path: &str) -> Option<&'static Provenance> {
    PROVENANCE.iter().find(|p| matches(p.pattern, path))
}

pub fn assumptions() -> impl Iterator<Item = &'static Provenance> {
    PROVENANCE.iter().filter(|p| p.basis == Basis::Assumption)
}

pub fn sources() -> impl Iterator<Item = &'static Provenance> {
    PROVENANCE.iter().filter(|p| p.basis == Basis::Source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_find_their_provenance() {
        assert_eq!(
            provenance("crossings[3].annual_inbound.trucks").map(|p| p.basis),
            Some(Basis::Source)
        );
        assert_eq!(
            provenance("crossings[0].lanes.trucks").map(|p| p.basis),
            Some(Basis::Assumption)
        );
        assert_eq!(
            provenance("traffic.modalities.personal_vehicles.trusted_share").map(|p| p.basis),
            Some(Basis::Source)
        );
        assert_eq!(
            provenance("traffic.modalities.trucks.trusted_share").map(|p| p.basis),
            Some(Basis::Assumption)
        );
        assert_eq!(
            provenance("costs.nii_life_years").map(|p| p.basis),
            Some(Basis::Assumption)
        );
        assert_eq!(
            provenance("inspection.interview.mean_seconds").map(|p| p.basis),
            Some(Basis::Source)
        );
        assert_eq!(
            provenance("inspection.interview.compartment_share").map(|p| p.basis),
            Some(Basis::Assumption)
        );
        assert_eq!(
            provenance("strategies[2].plan.recall.cancel_probability").map(|p| p.basis),
            Some(Basis::Assumption)
        );
        assert_eq!(
            provenance("adversary.on_spotting.wait").map(|p| p.basis),
            Some(Basis::Assumption)
        );
        assert_eq!(
            provenance("inspection.nii.scan_seconds.trucks").map(|p| p.basis),
            Some(Basis::Assumption)
        );
        // Every field format 2 added has its provenance.
        for path in [
            "crossings[0].secondary_bays",
            "crossings[0].nii_units_bought",
            "costs.nii_shared_hourly_rate",
            "inspection.search.crew_of_three_time_share",
            "adversary.max_detour_km",
            "adversary.learning_share",
            "strategies[1].plan.operating_hours.from_hour",
            "strategies[1].overrides[0].plan.operating_hours.traffic_weighted",
        ] {
            assert_eq!(
                provenance(path).map(|p| p.basis),
                Some(Basis::Assumption),
                "{path}"
            );
        }
        assert_eq!(
            provenance("costs.overtime_cap_per_officer").map(|p| p.basis),
            Some(Basis::Source)
        );
        assert_eq!(provenance("crossings[1].lat.extra"), None);
        assert!(provenance("name").is_none());
    }
}
