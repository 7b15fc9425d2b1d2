//! Built-in scenarios from real figures: BTS 2024 inbound volumes per port (embedded
//! below with their source) and the defaults documented in `provenance`.

use super::*;

/// BTS Border Crossing Entry Data (data.bts.gov `keg4-3bc2`), annual sums per port;
/// see `core/data/README.md` for the copy used and how the table was made.
const BTS_PORTS: &str = include_str!("../../data/bts_ports_annual.csv");

/// The year of the BTS figures the presets use.
pub const BTS_YEAR: &str = "2024";

pub struct PresetInfo {
    pub id: &'static str,
    pub label: &'static str,
    pub summary: &'static str,
}

pub const PRESETS: [PresetInfo; 4] = [
    PresetInfo {
        id: "san-ysidro",
        label: "San Ysidro, CA — high-volume southwest crossing",
        summary: "The busiest land crossing (14.8 million personal vehicles entering in 2024); six strategies from today's peak-hour checks to 24/7.",
    },
    PresetInfo {
        id: "jackman",
        label: "Jackman, ME — low-volume northern crossing",
        summary: "A small northern crossing with heavy truck traffic, inspected less than once a month today.",
    },
    PresetInfo {
        id: "southwest",
        label: "Whole southwest border (28 crossings)",
        summary: "Every BTS port on the US–Mexico border, from today's mix of practices to an OIG minimum frequency.",
    },
    PresetInfo {
        id: "national",
        label: "National: all 111 BTS land ports",
        summary: "Every northern and southwest BTS port; the baseline resembles current practice as OIG describes it.",
    },
];

pub fn preset(id: &str) -> Option<Scenario> {
    match id {
        "san-ysidro" => Some(san_ysidro()),
        "jackman" => Some(jackman()),
        "southwest" => Some(southwest()),
        "national" => Some(national()),
        _ => None,
    }
}

/// One BTS port-year row.
#[derive(Clone, Debug)]
pub struct BtsPort {
    pub code: String,
    pub name: String,
    pub state: String,
    pub border: Border,
    pub lat: f64,
    pub lon: f64,
    pub personal_vehicles: f64,
    pub trucks: f64,
    pub buses: f64,
    pub pedestrians: f64,
}

/// The embedded BTS ports for one year, in file order.
pub fn bts_ports(year: &str) -> Vec<BtsPort> {
    let number = |s: &str| s.trim().parse::<f64>().unwrap_or(0.0);
    BTS_PORTS
        .lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            (f.len() >= 14 && f[6] == year).then(|| BtsPort {
                code: f[0].to_string(),
                name: f[1].to_string(),
                state: f[2].to_string(),
                border: if f[3].contains("Mexico") {
                    Border::Southwest
                } else {
                    Border::Northern
                },
                lat: number(f[4]),
                lon: number(f[5]),
                personal_vehicles: number(f[7]),
                pedestrians: number(f[9]),
                buses: number(f[10]),
                trucks: number(f[12]),
            })
        })
        .collect()
}

/// CBP field office by port district (the first two digits of the port code).
pub fn field_office(port_code: &str) -> &'static str {
    match port_code.get(..2).unwrap_or("") {
        "01" | "02" => "Boston",
        "07" | "09" => "Buffalo",
        "23" => "Laredo",
        "24" => "El Paso",
        "25" => "San Diego",
        "26" => "Tucson",
        "30" | "31" | "33" => "Seattle",
        "34" | "35" | "36" => "Chicago",
        "38" => "Detroit",
        _ => "Unassigned",
    }
}

/// A crossing from a BTS port, with lanes, staffing and equipment sized from its volume
/// (assumptions: no public per-port figures).
pub fn crossing_from(port: &BtsPort) -> Crossing {
    let per_day = |v: f64| v / 365.0;
    let lanes = |v: f64, per_lane: f64, max: u32| {
        if v <= 0.0 {
            0
        } else {
            (libm::ceil(per_day(v) / per_lane) as u32).clamp(1, max)
        }
    };
    let daily_vehicles = per_day(port.personal_vehicles + port.trucks + port.buses);
    let mut nii_units = if per_day(port.personal_vehicles) >= 10_000.0 {
        2
    } else if per_day(port.personal_vehicles) >= 1_500.0 {
        1
    } else {
        0
    };
    if per_day(port.trucks) >= 500.0 {
        nii_units += 1;
    }
    Crossing {
        id: port.code.clone(),
        name: port.name.clone(),
        state: port.state.clone(),
        border: port.border,
        field_office: field_office(&port.code).to_string(),
        lat: port.lat,
        lon: port.lon,
        annual_inbound: PerModality {
            personal_vehicles: port.personal_vehicles,
            trucks: port.trucks,
            buses: port.buses,
            pedestrians: port.pedestrians,
        },
        lanes: PerModality {
            personal_vehicles: lanes(port.personal_vehicles, 5000.0, 12),
            trucks: lanes(port.trucks, 1500.0, 6),
            buses: lanes(port.buses, 1e9, 1),
            pedestrians: lanes(port.pedestrians, 1e9, 1),
        },
        storage_per_lane: 12,
        secondary_bays: secondary_bays(daily_vehicles),
        officers_per_shift: (2.0 + libm::round(daily_vehicles / 8000.0)).min(20.0) as u32,
        nii_units,
        nii_units_bought: 0,
        connectivity_uptime: match port.border {
            Border::Southwest => 0.97,
            Border::Northern => 0.90,
        },
    }
}

/// Secondary bays of a crossing with this many vehicles a day (an assumption: 2, plus
/// one per 5,000 vehicles a day, at most 20).
pub fn secondary_bays(daily_vehicles: f64) -> u32 {
    (2.0 + libm::round(daily_vehicles / 5000.0)).min(20.0) as u32
}

const ALL_DAYS: [bool; 7] = [true; 7];

pub fn default_traffic() -> Traffic {
    let pv_hours = [
        0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 2.5, 3.8, 4.5, 4.8, 5.0, 5.3, 5.5, 5.6, 5.8, 6.3, 6.9, 7.0,
        6.4, 5.5, 4.6, 3.7, 2.5, 1.5,
    ];
    let truck_hours = [
        0.2, 0.1, 0.1, 0.1, 0.2, 0.8, 2.5, 5.0, 7.0, 8.0, 8.5, 8.5, 8.5, 8.5, 8.5, 8.0, 7.5, 6.0,
        4.0, 2.5, 1.5, 1.0, 0.5, 0.3,
    ];
    let walk_hours = [
        0.3, 0.2, 0.2, 0.2, 0.5, 1.5, 3.5, 5.0, 5.5, 5.5, 5.5, 5.5, 5.6, 5.8, 6.2, 6.8, 7.0, 6.5,
        5.5, 4.5, 3.5, 2.5, 1.2, 0.6,
    ];
    Traffic {
        modalities: PerModality {
            personal_vehicles: ModalityTraffic {
                outbound_factor: 1.0,
                trusted_share: 0.15,
                weekday_profile: [0.93, 0.90, 0.92, 0.97, 1.10, 1.15, 1.03],
                hour_profile: pv_hours,
            },
            trucks: ModalityTraffic {
                outbound_factor: 1.0,
                trusted_share: 0.30,
                weekday_profile: [1.12, 1.15, 1.15, 1.15, 1.10, 0.50, 0.30],
                hour_profile: truck_hours,
            },
            buses: ModalityTraffic {
                outbound_factor: 1.0,
                trusted_share: 0.0,
                weekday_profile: [0.90, 0.90, 0.90, 1.00, 1.10, 1.20, 1.00],
                hour_profile: truck_hours,
            },
            pedestrians: ModalityTraffic {
                outbound_factor: 1.0,
                trusted_share: 0.10,
                weekday_profile: [0.95, 0.95, 0.95, 1.00, 1.05, 1.10, 1.00],
                hour_profile: walk_hours,
            },
        },
        // BTS 2024 share of personal vehicles by month, per border.
        month_profile: PerBorder {
            southwest: [
                0.0812, 0.0776, 0.0839, 0.0831, 0.0852, 0.0818, 0.0832, 0.0848, 0.0825, 0.0868,
                0.0832, 0.0867,
            ],
            northern: [
                0.0588, 0.0633, 0.0756, 0.0745, 0.0855, 0.0921, 0.1086, 0.1138, 0.0891, 0.0857,
                0.0759, 0.0770,
            ],
        },
    }
}

fn contraband(
    pv: f64,
    truck: f64,
    bus: f64,
    walk: f64,
    median: f64,
    p90: f64,
    conceal: [f64; 3],
) -> ContrabandThreat {
    ContrabandThreat {
        prevalence_per_100k: PerModality {
            personal_vehicles: pv,
            trucks: truck,
            buses: bus,
            pedestrians: walk,
        },
        amount: Amount { median, p90 },
        concealment: PerConcealment {
            none: conceal[0],
            moderate: conceal[1],
            sophisticated: conceal[2],
        },
    }
}

pub fn default_threat() -> Threat {
    Threat {
        contraband: PerContraband {
            // Currency and firearms calibrated on the record: the national baseline
            // ("Today") seizes about $11.6M and 461 firearms a year (OIG, FY2018–22).
            currency: contraband(75.0, 25.0, 25.0, 12.5, 15_000.0, 90_000.0, [0.3, 0.5, 0.2]),
            firearms: contraband(50.0, 10.0, 10.0, 2.0, 2.0, 8.0, [0.2, 0.5, 0.3]),
            ammunition: contraband(20.0, 5.0, 5.0, 2.0, 250.0, 2_000.0, [0.3, 0.5, 0.2]),
            narcotics: contraband(1.0, 0.5, 0.5, 0.3, 1.0, 10.0, [0.1, 0.5, 0.4]),
            explosives: contraband(0.05, 0.02, 0.02, 0.0, 0.5, 5.0, [0.2, 0.5, 0.3]),
        },
        waves: Waves {
            per_year: 2.0,
            duration_days: 14.0,
            multiplier: 3.0,
        },
        trusted_carrier_share: 0.03,
    }
}

/// How far a carrier drives to another crossing (an assumption: 150 km, a couple of
/// hours; San Ysidro to Tecate is about 50 km, to Calexico about 190 km).
pub const MAX_DETOUR_KM: f64 = 150.0;

/// Share of adaptive carriers who learn a schedule's hours (an assumption: every one of
/// them, as format 2 had it; the time each needs is its own draw).
pub const LEARNING_SHARE: f64 = 1.0;

pub fn default_adversary() -> Adversary {
    Adversary {
        adaptive_share: 0.3,
        learning_share: LEARNING_SHARE,
        learning_days: 30.0,
        spotting_probability: 0.3,
        on_spotting: SpottingResponse {
            wait: 0.5,
            move_crossing: 0.3,
            give_up: 0.2,
        },
        wait_hours: 3.0,
        max_retries: 3,
        travel_speed_kmh: 60.0,
        max_detour_km: MAX_DETOUR_KM,
    }
}

/// A crew of 3 searches in three quarters of a crew of 2's time (an assumption: no
/// public figure; one more pair of hands on the same vehicle, not a third faster).
pub const CREW_OF_THREE_TIME_SHARE: f64 = 0.75;

pub fn default_inspection() -> Inspection {
    Inspection {
        interview: Interview {
            mean_seconds: 34.0,
            compartment_share: 0.1,
            compartment_mean_seconds: 70.0,
            detection: PerConcealment {
                none: 0.5,
                moderate: 0.25,
                sophisticated: 0.05,
            },
        },
        nii: Nii {
            scan_seconds: PerModality {
                personal_vehicles: 60.0,
                trucks: 120.0,
                buses: 180.0,
                pedestrians: 20.0,
            },
            sensitivity: PerConcealment {
                none: 0.9,
                moderate: 0.75,
                sophisticated: 0.5,
            },
            false_alarm_rate: 0.03,
            availability: 0.9,
        },
        search: Search {
            crew_of_three_time_share: CREW_OF_THREE_TIME_SHARE,
            minutes: PerModality {
                personal_vehicles: 15.0,
                trucks: 45.0,
                buses: 30.0,
                pedestrians: 5.0,
            },
            detection: PerConcealment {
                none: 0.95,
                moderate: 0.8,
                sophisticated: 0.5,
            },
        },
    }
}

/// A shared X-ray unit's hour: its annual cost ($3M ÷ 10 years + $300,000 running) spread
/// over the 8,760 hours of a year, rounded to the cent.
pub const NII_SHARED_HOURLY_RATE: f64 = 68.49;

pub fn default_costs() -> Costs {
    Costs {
        loaded_hourly_rate: 74.0,
        basic_hourly_rate: 32.73,
        overtime_multiplier: 2.0,
        shift_hours: 8.0,
        overtime_cap_per_officer: 45_000.0,
        setup_cost_per_operation: 250.0,
        nii_capex_per_unit: 3_000_000.0,
        nii_life_years: 10.0,
        nii_opex_per_unit_year: 300_000.0,
        nii_shared_hourly_rate: NII_SHARED_HOURLY_RATE,
        include_traveller_delay: false,
        value_of_time_per_hour: 18.8,
    }
}

fn modalities(pv: bool, trucks: bool, buses: bool, pedestrians: bool) -> PerModality<bool> {
    PerModality {
        personal_vehicles: pv,
        trucks,
        buses,
        pedestrians,
    }
}

/// A plan with the common defaults; callers change what their strategy is about.
pub fn plan(schedule: Schedule, selection: Selection, technique: Technique, teams: u32) -> Plan {
    Plan {
        schedule,
        min_frequency: None,
        operating_hours: OperatingHours::STAFFED,
        modalities: modalities(true, true, false, false),
        selection,
        trusted_exempt: true,
        technique,
        teams,
        crew_size: 2,
        recall: Recall {
            cancel_probability: 0.1,
            recall_per_hour: 0.05,
        },
        nii_units_bought: 0,
    }
}

/// The upper bound: around the clock, never cancelled or recalled.
fn continuous(selection: Selection, technique: Technique, teams: u32) -> Plan {
    let mut p = plan(Schedule::Continuous, selection, technique, teams);
    p.recall = Recall {
        cancel_probability: 0.0,
        recall_per_hour: 0.0,
    };
    p
}

fn strategy(name: &str, description: &str, plan: Plan) -> Strategy {
    Strategy {
        name: name.to_string(),
        description: description.to_string(),
        plan,
        overrides: Vec::new(),
    }
}

/// Surges of 5 days (4 hours a day) when intelligence detects a wave, targeted X-ray.
fn intel_surges(teams: u32) -> Plan {
    plan(
        Schedule::PulseIntel {
            detection_probability: 0.5,
            lag_hours: 48.0,
            false_alarms_per_year: 4.0,
            surge_days: 5,
            duration_hours: 4.0,
        },
        TARGETED,
        Technique::NiiThenSearch,
        teams,
    )
}

const TARGETED: Selection = Selection::RiskBased {
    carrier_pick_rate: 0.5,
    other_pick_rate: 0.02,
};

fn scenario(
    name: &str,
    description: &str,
    question: &str,
    crossings: Vec<Crossing>,
    strategies: Vec<Strategy>,
) -> Scenario {
    Scenario {
        version: SCENARIO_VERSION,
        name: name.to_string(),
        description: description.to_string(),
        question: question.to_string(),
        horizon_days: 365,
        replications: 30,
        seed: 20_230_815,
        crossings,
        traffic: default_traffic(),
        threat: default_threat(),
        adversary: default_adversary(),
        inspection: default_inspection(),
        costs: default_costs(),
        strategies,
        programme: None,
        record: None,
        assurance: None,
    }
}

fn ports_named(codes: &[&str]) -> Vec<Crossing> {
    let ports = bts_ports(BTS_YEAR);
    codes
        .iter()
        .filter_map(|code| ports.iter().find(|p| p.code == *code))
        .map(crossing_from)
        .collect()
}

/// Today's practice at a busy crossing as OIG describes it: checks at peak times.
fn peak_hours_today() -> Plan {
    let mut p = plan(
        Schedule::PeakTime {
            busiest_hours: 3,
            days: ALL_DAYS,
        },
        Selection::RandomFraction { fraction: 0.1 },
        Technique::Interview,
        2,
    );
    p.recall.cancel_probability = 0.2;
    p
}

fn san_ysidro() -> Scenario {
    let mut surge = plan(
        Schedule::PulseRandom {
            operations: 5,
            per: Period::Week,
            duration_hours: 3.0,
        },
        TARGETED,
        Technique::NiiThenSearch,
        4,
    );
    surge.crew_size = 3;
    scenario(
        "San Ysidro: which outbound strategy?",
        "The busiest US land crossing. Outbound volume assumed equal to the 2024 BTS inbound count.",
        "Which inspection strategy detects the most outbound firearms and currency at San Ysidro for its staffing and budget?",
        ports_named(&["2504"]),
        vec![
            strategy(
                "Today: peak-hour interviews",
                "Interview a random 10% during the three busiest hours of every day, a fifth of operations cancelled for inbound work (assumed current practice).",
                peak_hours_today(),
            ),
            strategy(
                "Daily fixed window, X-ray",
                "16:00–18:00 every day; targeted selection, X-ray then search on anomaly.",
                plan(
                    Schedule::DailyFixed {
                        windows: vec![Window {
                            start_hour: 16.0,
                            duration_hours: 2.0,
                        }],
                        days: ALL_DAYS,
                    },
                    TARGETED,
                    Technique::NiiThenSearch,
                    3,
                ),
            ),
            strategy(
                "Random pulses, 5 a week, targeted X-ray",
                "Five 3-hour operations a week at random times between 06:00 and 22:00; targeted selection, X-ray then a search on an anomaly, 3-officer teams. (Searching 20% of cars, as this strategy once did, fills the bays within minutes: most selected cars would be waved through.)",
                surge,
            ),
            strategy(
                "Intelligence-led surges",
                "Surges of 5 days (one 4-hour operation a day between 06:00 and 22:00) when intelligence detects a smuggling wave.",
                intel_surges(3),
            ),
            strategy(
                "Daily at a random time",
                "One 3-hour operation every day, starting at a random time between 06:00 and 20:00.",
                plan(
                    Schedule::DailyRandom {
                        duration_hours: 3.0,
                        earliest_start_hour: 6.0,
                        latest_start_hour: 20.0,
                        days: ALL_DAYS,
                    },
                    TARGETED,
                    Technique::NiiThenSearch,
                    3,
                ),
            ),
            strategy(
                "Continuous 24/7, X-ray (upper bound)",
                "Round the clock with targeted X-ray, never cancelled or recalled: what full coverage would detect and cost.",
                continuous(TARGETED, Technique::NiiThenSearch, 4),
            ),
        ],
    )
}

fn jackman() -> Scenario {
    let mut today = plan(
        Schedule::PulseRandom {
            operations: 1,
            per: Period::Month,
            duration_hours: 2.0,
        },
        Selection::All,
        Technique::Interview,
        1,
    );
    today.recall.cancel_probability = 0.5;
    let mut weekly = today.clone();
    weekly.recall.cancel_probability = 0.1;
    weekly.min_frequency = Some(MinFrequency {
        max_gap_days: 7.0,
        duration_hours: 2.0,
    });
    let mut pulses = plan(
        Schedule::PulseRandom {
            operations: 3,
            per: Period::Week,
            duration_hours: 2.0,
        },
        Selection::All,
        Technique::Interview,
        1,
    );
    pulses.crew_size = 2;
    scenario(
        "Jackman: a minimum frequency for a small northern crossing",
        "A low-volume crossing on the Maine–Québec border with heavy truck traffic. Outbound volume assumed equal to the 2024 BTS inbound count.",
        "What does a weekly minimum inspection frequency buy at a small northern crossing, and what does it cost?",
        ports_named(&["0104"]),
        vec![
            strategy(
                "Today: less than monthly",
                "One 2-hour operation a month at a random time between 06:00 and 22:00, half of them cancelled for inbound work (assumed current practice).",
                today,
            ),
            strategy(
                "OIG minimum: at least weekly",
                "Today's plan with a floor: never more than 7 days without an operation (2-hour fill-ins between 06:00 and 22:00), and a tenth cancelled instead of half.",
                weekly,
            ),
            strategy(
                "Random pulses, 3 a week",
                "Three 2-hour operations a week at random times between 06:00 and 22:00.",
                pulses,
            ),
            strategy(
                "Daily at a random time",
                "One 2-hour operation every day, starting at a random time between 08:00 and 18:00.",
                plan(
                    Schedule::DailyRandom {
                        duration_hours: 2.0,
                        earliest_start_hour: 8.0,
                        latest_start_hour: 18.0,
                        days: ALL_DAYS,
                    },
                    Selection::All,
                    Technique::Interview,
                    1,
                ),
            ),
            strategy(
                "Daily fixed window",
                "17:00–19:00 every day: easy to staff, easy to learn.",
                plan(
                    Schedule::DailyFixed {
                        windows: vec![Window {
                            start_hour: 17.0,
                            duration_hours: 2.0,
                        }],
                        days: ALL_DAYS,
                    },
                    Selection::All,
                    Technique::Interview,
                    1,
                ),
            ),
        ],
    )
}

/// The busiest `count` crossings of a border, by personal vehicles.
fn busiest(crossings: &[Crossing], border: Border, count: usize) -> Vec<String> {
    let mut on_border: Vec<&Crossing> = crossings.iter().filter(|c| c.border == border).collect();
    on_border.sort_by(|a, b| {
        b.annual_inbound
            .personal_vehicles
            .total_cmp(&a.annual_inbound.personal_vehicles)
    });
    on_border
        .into_iter()
        .take(count)
        .map(|c| c.id.clone())
        .collect()
}

/// An override for the listed crossings, or none when the list is empty (an empty list
/// is not "every crossing": a southwest-only scenario has no northern ports to list).
fn only(ids: Vec<String>, plan: Plan) -> Option<PlanOverride> {
    (!ids.is_empty()).then(|| PlanOverride {
        applies_to: CrossingFilter {
            crossing_ids: ids,
            ..Default::default()
        },
        plan,
    })
}

/// An override for one border, or none when the scenario has no crossing on it.
fn on_border(crossings: &[Crossing], border: Border, plan: Plan) -> Option<PlanOverride> {
    crossings
        .iter()
        .any(|c| c.border == border)
        .then(|| PlanOverride {
            applies_to: CrossingFilter {
                border: Some(border),
                ..Default::default()
            },
            plan,
        })
}

fn pulses(operations: u32, per: Period, hours: f64) -> Plan {
    plan(
        Schedule::PulseRandom {
            operations,
            per,
            duration_hours: hours,
        },
        Selection::RandomFraction { fraction: 0.2 },
        Technique::Interview,
        1,
    )
}

/// Current practice as OIG describes it: fewer than half the southwest crossings
/// inspect daily (at peak times here), the rest in occasional pulses; 15% of northern
/// crossings daily, most of the rest less than once a month.
fn today_strategy(crossings: &[Crossing]) -> Strategy {
    let mut southwest_pulses = pulses(2, Period::Week, 2.0);
    southwest_pulses.recall.cancel_probability = 0.3;
    let mut northern_rare = pulses(1, Period::Month, 2.0);
    northern_rare.recall.cancel_probability = 0.5;
    let southwest_daily = busiest(crossings, Border::Southwest, 12);
    let northern_daily = busiest(crossings, Border::Northern, 12);
    // The description names only the borders the scenario has.
    let mut parts = Vec::new();
    if !southwest_daily.is_empty() {
        parts.push("fewer than half the southwest ports (the 12 busiest) check their three busiest hours every day, the others run two 2-hour pulses a week, three in ten cancelled");
    }
    if !northern_daily.is_empty() {
        parts.push("15% of northern ports (the 12 busiest) check their three busiest hours every day, the rest run one 2-hour pulse a month, half of them cancelled");
    }
    let description = format!("{}.", parts.join("; "));
    let mut description_chars = description.chars();
    let description: String = description_chars
        .next()
        .map(|c| c.to_uppercase().chain(description_chars).collect())
        .unwrap_or_default();
    let mut s = strategy("Today (assumed mix)", &description, southwest_pulses);
    s.overrides = [
        on_border(crossings, Border::Northern, northern_rare),
        only(southwest_daily, peak_hours_today()),
        only(northern_daily, peak_hours_today()),
    ]
    .into_iter()
    .flatten()
    .collect();
    s
}

fn with_floor(mut s: Strategy, name: &str, description: &str, days: f64) -> Strategy {
    let floor = Some(MinFrequency {
        max_gap_days: days,
        duration_hours: 2.0,
    });
    s.name = name.to_string();
    s.description = description.to_string();
    s.plan.min_frequency = floor;
    for o in &mut s.overrides {
        o.plan.min_frequency = floor;
        o.plan.recall.cancel_probability = o.plan.recall.cancel_probability.min(0.1);
    }
    s.plan.recall.cancel_probability = s.plan.recall.cancel_probability.min(0.1);
    s
}

fn border_strategies(crossings: &[Crossing]) -> Vec<Strategy> {
    let today = today_strategy(crossings);
    let floor = with_floor(
        today.clone(),
        "OIG minimum: weekly everywhere",
        "Today's mix, with no crossing going more than 7 days without an operation and fewer cancellations.",
        7.0,
    );
    let mut random = pulses(4, Period::Week, 3.0);
    random.selection = TARGETED;
    random.technique = Technique::NiiThenSearch;
    let intel = intel_surges(2);
    let mut intel_floor = strategy(
        "Intelligence surges + weekly floor",
        "Surges of 5 days (one 4-hour operation a day) when intelligence detects a wave, and never more than 7 days without an operation.",
        intel,
    );
    intel_floor.plan.min_frequency = Some(MinFrequency {
        max_gap_days: 7.0,
        duration_hours: 2.0,
    });
    vec![
        today,
        floor,
        strategy(
            "Random pulses everywhere",
            "Four 3-hour operations a week at random times between 06:00 and 22:00 at every crossing, targeted X-ray.",
            random,
        ),
        intel_floor,
    ]
}

fn southwest() -> Scenario {
    let crossings: Vec<Crossing> = bts_ports(BTS_YEAR)
        .iter()
        .filter(|p| p.border == Border::Southwest)
        .map(crossing_from)
        .collect();
    let strategies = border_strategies(&crossings);
    scenario(
        "Southwest border: funding a consistent outbound posture",
        "All 28 BTS ports on the US–Mexico border with 2024 volumes; outbound assumed equal to inbound.",
        "Across the southwest border, what do a minimum frequency and randomised pulses add over today's practice, and at what budget?",
        crossings,
        strategies,
    )
}

fn national() -> Scenario {
    let crossings: Vec<Crossing> = bts_ports(BTS_YEAR).iter().map(crossing_from).collect();
    let strategies = border_strategies(&crossings);
    let mut s = scenario(
        "National: outbound inspection at every land port",
        "All 111 BTS land ports on the northern and southwest borders with 2024 volumes; outbound assumed equal to inbound.",
        "What budget and staffing would a national outbound office need for each strategy, and how much more contraband would it stop than today?",
        crossings,
        strategies,
    );
    s.replications = 10;
    s
}
