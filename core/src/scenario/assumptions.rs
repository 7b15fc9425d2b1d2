//! Plausible ranges of the assumptions: for every provenance row marked as an
//! assumption, the low and high values a planner could defend and why, and how a value
//! is put into a scenario. Sensitivity and robustness analyses move these and nothing else.
//!
//! A range is either a **value** the field takes everywhere it appears (the adaptive
//! share, the loaded officer cost) or a **factor** on the scenario's own values where they
//! differ by crossing, modality or strategy (lanes, outbound factor, prevalence): a
//! factor's default is 1, so a San Ysidro file and a national one move by the same
//! relative amount. Probabilities a factor moves are kept at or below 1, counts at or
//! above what validation needs.

use super::provenance::{Basis, PROVENANCE};
use super::{Concealment, Contraband, Modality, Ranges, Scenario, Selection};

/// How a range's number acts on the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// The field is set to the value.
    Value,
    /// The scenario's values are multiplied by it (default 1).
    Factor,
}

/// One assumption's plausible range.
#[derive(Debug, Clone, Copy)]
pub struct AssumptionRange {
    /// Stable identifier (CLI output, record labels).
    pub id: &'static str,
    /// The provenance patterns this range stands for.
    pub covers: &'static [&'static str],
    pub label: &'static str,
    pub unit: &'static str,
    pub scale: Scale,
    pub low: f64,
    pub high: f64,
    /// Why these ends: the source or the reasoning.
    pub why: &'static str,
    apply: fn(&mut Scenario, f64),
    read: fn(&Scenario) -> f64,
}

impl AssumptionRange {
    /// The scenario with this assumption at `value`.
    pub fn applied(&self, scenario: &Scenario, value: f64) -> Scenario {
        let mut s = scenario.clone();
        (self.apply)(&mut s, value);
        s
    }

    /// The value the scenario has now: the field's value, or 1 for a factor.
    pub fn default_in(&self, scenario: &Scenario) -> f64 {
        match self.scale {
            Scale::Factor => 1.0,
            Scale::Value => (self.read)(scenario),
        }
    }

    /// The value at `u` in 0..1 across the range (robustness samples).
    pub fn at(&self, u: f64) -> f64 {
        self.low + (self.high - self.low) * u.clamp(0.0, 1.0)
    }
}

/// Assumptions that are not quantities of the world and get no range, with why.
pub const NOT_RANGED: &[(&str, &str)] = &[
    (
        "crossings.*.field_office",
        "a grouping of crossings for reports, not a quantity that changes what is detected",
    ),
    (
        "crossings.*.nii_units_bought",
        "a purchase the planner decides (compare it as a strategy), not an unknown of the world",
    ),
    (
        "strategies.*.plan.operating_hours.*",
        "hours the plan chooses to operate (compare them as strategies), not an unknown of the world",
    ),
    (
        "strategies.*.overrides.*.plan.operating_hours.*",
        "hours the plan chooses to operate (compare them as strategies), not an unknown of the world",
    ),
];

/// A count times a factor, rounded and kept inside the bounds validation allows.
fn factor_u32(x: &mut u32, f: f64, (min, max): (u32, u32)) {
    *x = (libm::round(f64::from(*x) * f) as u32).clamp(min, max);
}

fn share(x: &mut f64, f: f64) {
    *x = (*x * f).clamp(0.0, 1.0);
}

fn crossings(s: &mut Scenario, mut f: impl FnMut(&mut super::Crossing)) {
    s.crossings.iter_mut().for_each(&mut f);
}

/// Raises a profile to a power and rescales it to its old total: above 1 the peaks
/// sharpen, below 1 the profile flattens.
fn peakedness(profile: &mut [f64], k: f64) {
    let total: f64 = profile.iter().sum();
    profile
        .iter_mut()
        .for_each(|x| *x = libm::pow(x.max(0.0), k));
    let new: f64 = profile.iter().sum();
    if new > 0.0 {
        profile.iter_mut().for_each(|x| *x *= total / new);
    }
}

fn plans(s: &mut Scenario, mut f: impl FnMut(&mut super::Plan)) {
    for strategy in &mut s.strategies {
        f(&mut strategy.plan);
        strategy.overrides.iter_mut().for_each(|o| f(&mut o.plan));
    }
}

fn detection(d: &mut super::PerConcealment<f64>, f: f64) {
    for c in Concealment::ALL {
        share(d.get_mut(c), f);
    }
}

fn one(_: &Scenario) -> f64 {
    1.0
}

const RECALL: &[&str] = &[
    "strategies.*.plan.recall.*",
    "strategies.*.overrides.*.plan.recall.*",
];
const SELECTION: &[&str] = &[
    "strategies.*.plan.selection.*",
    "strategies.*.overrides.*.plan.selection.*",
];

/// Every range, in the order of the provenance table.
pub const RANGES: &[AssumptionRange] = &[
    AssumptionRange {
        id: "lanes",
        covers: &["crossings.*.lanes.*"],
        label: "Outbound lanes",
        unit: "× lanes",
        scale: Scale::Factor,
        low: 0.5,
        high: 1.5,
        why: "Sized from volume by a rule of thumb; real ports have from half to half again as many outbound lanes for their traffic.",
        apply: |s, f| {
            crossings(s, |c| {
                for m in Modality::ALL {
                    let min = u32::from(*c.lanes.get(m) > 0);
                    factor_u32(c.lanes.get_mut(m), f, (min, Ranges::LANES.1));
                }
            })
        },
        read: one,
    },
    AssumptionRange {
        id: "storage_per_lane",
        covers: &["crossings.*.storage_per_lane"],
        label: "Road storage per lane",
        unit: "× vehicles",
        scale: Scale::Factor,
        low: 0.5,
        high: 2.0,
        why: "Street layout decides it; half to twice the default spans short urban approaches to long plaza queues.",
        apply: |s, f| {
            crossings(s, |c| {
                factor_u32(&mut c.storage_per_lane, f, Ranges::STORAGE_PER_LANE)
            })
        },
        read: one,
    },
    AssumptionRange {
        id: "secondary_bays",
        covers: &["crossings.*.secondary_bays"],
        label: "Secondary bays",
        unit: "× bays",
        scale: Scale::Factor,
        low: 0.5,
        high: 2.0,
        why: "No public per-port figure; half to twice the volume rule.",
        apply: |s, f| {
            crossings(s, |c| {
                factor_u32(&mut c.secondary_bays, f, Ranges::SECONDARY_BAYS)
            })
        },
        read: one,
    },
    AssumptionRange {
        id: "officers_per_shift",
        covers: &["crossings.*.officers_per_shift"],
        label: "Officers per shift for outbound",
        unit: "× officers",
        scale: Scale::Factor,
        low: 0.5,
        high: 1.5,
        why: "OIG found no one knows outbound staffing hours; ±50% of the volume rule.",
        apply: |s, f| {
            crossings(s, |c| {
                factor_u32(
                    &mut c.officers_per_shift,
                    f,
                    (1, Ranges::OFFICERS_PER_SHIFT.1),
                )
            })
        },
        read: one,
    },
    AssumptionRange {
        id: "nii_units",
        covers: &["crossings.*.nii_units"],
        label: "X-ray units shared with inbound",
        unit: "units added per crossing",
        scale: Scale::Value,
        low: -1.0,
        high: 1.0,
        why: "Sized from volume; a port may have one unit fewer or more free for outbound work.",
        apply: |s, d| {
            crossings(s, |c| {
                c.nii_units = (i64::from(c.nii_units) + libm::round(d) as i64)
                    .clamp(0, i64::from(Ranges::NII_UNITS.1)) as u32;
            })
        },
        read: |_| 0.0,
    },
    AssumptionRange {
        id: "connectivity_downtime",
        covers: &["crossings.*.connectivity_uptime"],
        label: "Connectivity downtime",
        unit: "× downtime",
        scale: Scale::Factor,
        low: 0.5,
        high: 3.0,
        why: "OIG reports outages without rates; from half the assumed downtime to three times it.",
        apply: |s, f| {
            crossings(s, |c| {
                c.connectivity_uptime = (1.0 - (1.0 - c.connectivity_uptime) * f).clamp(0.0, 1.0);
            })
        },
        read: one,
    },
    AssumptionRange {
        id: "outbound_factor",
        covers: &["traffic.modalities.*.outbound_factor"],
        label: "Outbound volume",
        unit: "× outbound factor",
        scale: Scale::Factor,
        low: 0.7,
        high: 1.3,
        why: "No public outbound counts; round trips make outbound ≈ inbound, one-way trips and other routes ±30%.",
        apply: |s, f| {
            for m in Modality::ALL {
                s.traffic.modalities.get_mut(m).outbound_factor *= f;
            }
        },
        read: one,
    },
    AssumptionRange {
        id: "trusted_share",
        covers: &["traffic.modalities.*.trusted_share"],
        label: "Trusted travellers",
        unit: "× share",
        scale: Scale::Factor,
        low: 0.5,
        high: 1.5,
        why: "Only Brownsville's 15% SENTRI share is public; ±50% elsewhere.",
        apply: |s, f| {
            for m in Modality::ALL {
                share(&mut s.traffic.modalities.get_mut(m).trusted_share, f);
            }
        },
        read: one,
    },
    AssumptionRange {
        id: "weekday_peakedness",
        covers: &["traffic.modalities.*.weekday_profile"],
        label: "Traffic by weekday (peakedness)",
        unit: "exponent",
        scale: Scale::Factor,
        low: 0.5,
        high: 1.5,
        why: "BTS gives monthly totals only: from a flatter week to sharper weekend peaks.",
        apply: |s, k| {
            for m in Modality::ALL {
                peakedness(&mut s.traffic.modalities.get_mut(m).weekday_profile, k);
            }
        },
        read: one,
    },
    AssumptionRange {
        id: "hour_peakedness",
        covers: &["traffic.modalities.*.hour_profile"],
        label: "Traffic by hour (peakedness)",
        unit: "exponent",
        scale: Scale::Factor,
        low: 0.5,
        high: 1.5,
        why: "No public hourly outbound counts: from a flatter day to sharper rush hours.",
        apply: |s, k| {
            for m in Modality::ALL {
                peakedness(&mut s.traffic.modalities.get_mut(m).hour_profile, k);
            }
        },
        read: one,
    },
    AssumptionRange {
        id: "prevalence",
        covers: &["threat.contraband.*.prevalence_per_100k"],
        label: "Prevalence",
        unit: "× carriers per 100,000",
        scale: Scale::Factor,
        low: 0.5,
        high: 2.0,
        why: "Calibrated to the OIG record, which fixes only prevalence × detection × volume × amount; half to twice covers the detection and volume uncertainty.",
        apply: |s, f| {
            for k in Contraband::ALL {
                for m in Modality::ALL {
                    *s.threat
                        .contraband
                        .get_mut(k)
                        .prevalence_per_100k
                        .get_mut(m) *= f;
                }
            }
        },
        read: one,
    },
    AssumptionRange {
        id: "amount",
        covers: &["threat.contraband.*.amount.*"],
        label: "Amount per carrier",
        unit: "× median and 90th percentile",
        scale: Scale::Factor,
        low: 0.5,
        high: 2.0,
        why: "No public distribution; half to twice the assumed amounts.",
        apply: |s, f| {
            for k in Contraband::ALL {
                let a = &mut s.threat.contraband.get_mut(k).amount;
                a.median *= f;
                a.p90 *= f;
            }
        },
        read: one,
    },
    AssumptionRange {
        id: "concealment",
        covers: &["threat.contraband.*.concealment.*"],
        label: "Concealment skill",
        unit: "share moved",
        scale: Scale::Value,
        low: -0.5,
        high: 0.5,
        why: "No public mix: above 0 that share of unconcealed carriers conceal expertly, below 0 that share of expert ones do not conceal.",
        apply: |s, t| {
            for k in Contraband::ALL {
                let c = &mut s.threat.contraband.get_mut(k).concealment;
                let moved = if t >= 0.0 {
                    c.none * t
                } else {
                    -c.sophisticated * -t
                };
                c.none -= moved;
                c.sophisticated += moved;
            }
        },
        read: |_| 0.0,
    },
    AssumptionRange {
        id: "waves",
        covers: &["threat.waves.*"],
        label: "Smuggling waves a year",
        unit: "× waves",
        scale: Scale::Factor,
        low: 0.5,
        high: 2.0,
        why: "No public figure on episodes; half to twice as many.",
        apply: |s, f| s.threat.waves.per_year *= f,
        read: one,
    },
    AssumptionRange {
        id: "trusted_carrier_share",
        covers: &["threat.trusted_carrier_share"],
        label: "Trusted carriers",
        unit: "share",
        scale: Scale::Value,
        low: 0.0,
        high: 0.1,
        why: "Vetting keeps it low; from none to 10% (known cases of enrolled smugglers exist).",
        apply: |s, v| s.threat.trusted_carrier_share = v,
        read: |s| s.threat.trusted_carrier_share,
    },
    AssumptionRange {
        id: "give_up",
        covers: &["adversary.on_spotting.*"],
        label: "Carriers who give up on spotting",
        unit: "share",
        scale: Scale::Value,
        low: 0.05,
        high: 0.5,
        why: "No public figure; waiting and moving keep their proportion.",
        apply: |s, v| {
            let o = &mut s.adversary.on_spotting;
            let rest = o.wait + o.move_crossing;
            let keep = 1.0 - v;
            if rest > 0.0 {
                o.wait *= keep / rest;
                o.move_crossing *= keep / rest;
            } else {
                o.wait = keep;
            }
            o.give_up = v;
        },
        read: |s| s.adversary.on_spotting.give_up,
    },
    AssumptionRange {
        id: "max_detour_km",
        covers: &["adversary.max_detour_km"],
        label: "Longest detour",
        unit: "km",
        scale: Scale::Value,
        low: 50.0,
        high: 300.0,
        why: "Under an hour's to about four hours' drive.",
        apply: |s, v| s.adversary.max_detour_km = v,
        read: |s| s.adversary.max_detour_km,
    },
    AssumptionRange {
        id: "adaptive_share",
        covers: &["adversary.*"],
        label: "Adaptive carriers",
        unit: "share",
        scale: Scale::Value,
        low: 0.1,
        high: 0.5,
        why: "No public figure; the verdict between fixed windows and random pulses turns inside 10–30% (issue 14).",
        apply: |s, v| s.adversary.adaptive_share = v,
        read: |s| s.adversary.adaptive_share,
    },
    AssumptionRange {
        id: "learning_days",
        covers: &["adversary.*"],
        label: "Days to learn a schedule",
        unit: "days",
        scale: Scale::Value,
        low: 7.0,
        high: 90.0,
        why: "From a week of watching to a season.",
        apply: |s, v| s.adversary.learning_days = v,
        read: |s| s.adversary.learning_days,
    },
    AssumptionRange {
        id: "spotting_probability",
        covers: &["adversary.*"],
        label: "Chance of spotting an operation",
        unit: "probability",
        scale: Scale::Value,
        low: 0.1,
        high: 0.6,
        why: "Cones and officers are visible from the approach; how often a carrier looks is unknown.",
        apply: |s, v| s.adversary.spotting_probability = v,
        read: |s| s.adversary.spotting_probability,
    },
    AssumptionRange {
        id: "interview_detection",
        covers: &["inspection.interview.*"],
        label: "Interview detection",
        unit: "× probability",
        scale: Scale::Factor,
        low: 0.5,
        high: 1.5,
        why: "No public figure; half to one and a half times the assumed probabilities (capped at 1).",
        apply: |s, f| detection(&mut s.inspection.interview.detection, f),
        read: one,
    },
    AssumptionRange {
        id: "compartment_share",
        covers: &["inspection.interview.*"],
        label: "Interviews opening a compartment",
        unit: "share",
        scale: Scale::Value,
        low: 0.05,
        high: 0.2,
        why: "No public figure; 5–20% of interviews.",
        apply: |s, v| s.inspection.interview.compartment_share = v,
        read: |s| s.inspection.interview.compartment_share,
    },
    AssumptionRange {
        id: "nii_sensitivity",
        covers: &["inspection.nii.*"],
        label: "X-ray sensitivity",
        unit: "× probability",
        scale: Scale::Factor,
        low: 0.7,
        high: 1.1,
        why: "Vendor figures are not public; lower in outbound use (hurried scans), slightly higher with trained operators.",
        apply: |s, f| detection(&mut s.inspection.nii.sensitivity, f),
        read: one,
    },
    AssumptionRange {
        id: "nii_false_alarm_rate",
        covers: &["inspection.nii.*"],
        label: "X-ray false alarms",
        unit: "share of clean scans",
        scale: Scale::Value,
        low: 0.01,
        high: 0.08,
        why: "Not public; 1–8% of clean vehicles flagged.",
        apply: |s, v| s.inspection.nii.false_alarm_rate = v,
        read: |s| s.inspection.nii.false_alarm_rate,
    },
    AssumptionRange {
        id: "nii_scan_time",
        covers: &["inspection.nii.*"],
        label: "X-ray scan time",
        unit: "× seconds",
        scale: Scale::Factor,
        low: 0.5,
        high: 2.0,
        why: "Drive-through portals are fast, mobile units slow; half to twice.",
        apply: |s, f| {
            for m in Modality::ALL {
                *s.inspection.nii.scan_seconds.get_mut(m) *= f;
            }
        },
        read: one,
    },
    AssumptionRange {
        id: "crew_of_three_time_share",
        covers: &["inspection.search.crew_of_three_time_share"],
        label: "Search time with a third officer",
        unit: "share of a crew of 2's time",
        scale: Scale::Value,
        low: 0.6,
        high: 0.95,
        why: "From a third officer cutting the time by 40% to barely helping.",
        apply: |s, v| s.inspection.search.crew_of_three_time_share = v,
        read: |s| s.inspection.search.crew_of_three_time_share,
    },
    AssumptionRange {
        id: "search_detection",
        covers: &["inspection.search.*"],
        label: "Search detection",
        unit: "× probability",
        scale: Scale::Factor,
        low: 0.8,
        high: 1.05,
        why: "No public figure; a search finds most concealments, less in a hurry (capped at 1).",
        apply: |s, f| detection(&mut s.inspection.search.detection, f),
        read: one,
    },
    AssumptionRange {
        id: "search_minutes",
        covers: &["inspection.search.*"],
        label: "Search time",
        unit: "× minutes",
        scale: Scale::Factor,
        low: 0.5,
        high: 2.0,
        why: "No public figure; half to twice.",
        apply: |s, f| {
            for m in Modality::ALL {
                *s.inspection.search.minutes.get_mut(m) *= f;
            }
        },
        read: one,
    },
    AssumptionRange {
        id: "loaded_hourly_rate",
        covers: &["costs.loaded_hourly_rate"],
        label: "Loaded officer cost",
        unit: "USD an hour",
        scale: Scale::Value,
        low: 60.0,
        high: 100.0,
        why: "Overhead of 1.2–2× pay instead of 1.5×.",
        apply: |s, v| s.costs.loaded_hourly_rate = v,
        read: |s| s.costs.loaded_hourly_rate,
    },
    AssumptionRange {
        id: "setup_cost_per_operation",
        covers: &["costs.setup_cost_per_operation"],
        label: "Set-up cost per operation",
        unit: "USD",
        scale: Scale::Value,
        low: 100.0,
        high: 1_000.0,
        why: "From cones and a briefing to travel of a team from another port.",
        apply: |s, v| s.costs.setup_cost_per_operation = v,
        read: |s| s.costs.setup_cost_per_operation,
    },
    AssumptionRange {
        id: "nii_shared_hourly_rate",
        covers: &["costs.nii_shared_hourly_rate"],
        label: "Shared X-ray unit, per hour",
        unit: "USD an hour",
        scale: Scale::Value,
        low: 40.0,
        high: 120.0,
        why: "Unit prices and running costs are assumptions; roughly half to twice.",
        apply: |s, v| s.costs.nii_shared_hourly_rate = v,
        read: |s| s.costs.nii_shared_hourly_rate,
    },
    AssumptionRange {
        id: "nii_unit_costs",
        covers: &["costs.nii_*"],
        label: "X-ray unit price and running cost",
        unit: "× USD",
        scale: Scale::Factor,
        low: 0.5,
        high: 2.0,
        why: "CBP contract totals do not give a per-unit price; half to twice.",
        apply: |s, f| {
            s.costs.nii_capex_per_unit *= f;
            s.costs.nii_opex_per_unit_year *= f;
        },
        read: one,
    },
    AssumptionRange {
        id: "value_of_time_per_hour",
        covers: &["costs.value_of_time_per_hour"],
        label: "Value of travellers' time",
        unit: "USD a vehicle-hour",
        scale: Scale::Value,
        low: 10.0,
        high: 40.0,
        why: "US DOT guidance spans personal to business travel.",
        apply: |s, v| s.costs.value_of_time_per_hour = v,
        read: |s| s.costs.value_of_time_per_hour,
    },
    AssumptionRange {
        id: "recall",
        covers: RECALL,
        label: "Recall to inbound work",
        unit: "× cancellation and recall rates",
        scale: Scale::Factor,
        low: 0.5,
        high: 2.0,
        why: "OIG reports diversions without rates; half to twice (probabilities capped at 1).",
        apply: |s, f| {
            plans(s, |p| {
                share(&mut p.recall.cancel_probability, f);
                p.recall.recall_per_hour *= f;
            })
        },
        read: one,
    },
    AssumptionRange {
        id: "targeting",
        covers: SELECTION,
        label: "Targeting performance",
        unit: "× carrier pick rate",
        scale: Scale::Factor,
        low: 0.6,
        high: 1.4,
        why: "A targeting system's ROC point is not public; ±40% of the carriers picked, others unchanged (capped at 1).",
        apply: |s, f| {
            plans(s, |p| {
                if let Selection::RiskBased {
                    carrier_pick_rate, ..
                } = &mut p.selection
                {
                    share(carrier_pick_rate, f);
                }
            })
        },
        read: one,
    },
];

/// The range with this id.
pub fn range(id: &str) -> Option<&'static AssumptionRange> {
    RANGES.iter().find(|r| r.id == id)
}

/// Provenance patterns marked as assumptions that have neither a range nor a reason in
/// [`NOT_RANGED`]; empty when the table is complete.
pub fn unranged() -> Vec<&'static str> {
    PROVENANCE
        .iter()
        .filter(|p| p.basis == Basis::Assumption)
        .map(|p| p.pattern)
        .filter(|pattern| {
            !RANGES.iter().any(|r| r.covers.contains(pattern))
                && !NOT_RANGED.iter().any(|(p, _)| p == pattern)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{presets, validate};

    #[test]
    fn every_assumption_has_a_range_or_a_reason() {
        assert_eq!(unranged(), Vec::<&str>::new());
        for r in RANGES {
            for pattern in r.covers {
                assert!(
                    PROVENANCE
                        .iter()
                        .any(|p| p.pattern == *pattern && p.basis == Basis::Assumption),
                    "{}: {pattern} is not an assumption in provenance",
                    r.id
                );
            }
        }
        let mut ids: Vec<&str> = RANGES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RANGES.len(), "ids are unique");
    }

    #[test]
    fn defaults_lie_inside_their_ranges_and_both_ends_change_a_preset() {
        for id in ["san-ysidro", "jackman", "national"] {
            let s = presets::preset(id).expect("preset");
            for r in RANGES {
                let d = r.default_in(&s);
                assert!(
                    r.low <= d && d <= r.high,
                    "{id}: {} default {d} outside {}..{}",
                    r.id,
                    r.low,
                    r.high
                );
                assert!(!r.why.is_empty() && !r.label.is_empty() && !r.unit.is_empty());
                assert_eq!(r.applied(&s, d), s, "{id}: {} at its default", r.id);
            }
        }
        // San Ysidro has a risk-targeted strategy, recalls, X-ray units and all traffic.
        let s = presets::preset("san-ysidro").expect("preset");
        for r in RANGES {
            for end in [r.low, r.high] {
                if end == r.default_in(&s) {
                    continue;
                }
                let moved = r.applied(&s, end);
                assert_ne!(moved, s, "{} at {end} changes nothing", r.id);
                if let Err(problems) = validate(moved) {
                    panic!("{} at {end}: {problems:?}", r.id);
                }
            }
        }
    }

    #[test]
    fn peakedness_keeps_the_total_and_sharpens_or_flattens() {
        let mut p = [1.0, 2.0, 3.0];
        peakedness(&mut p, 2.0);
        assert!((p.iter().sum::<f64>() - 6.0).abs() < 1e-12);
        assert!(p[2] / p[0] > 3.0);
        let mut q = [1.0, 2.0, 3.0];
        peakedness(&mut q, 0.5);
        assert!(q[2] / q[0] < 3.0);
    }
}
