//! One strategy in one replication: plan operations, route carriers, run the queue
//! during operations, and account for officers, money and travellers.

use super::adversary::{Detours, Journey, journey};
use super::calendar::HOURS_PER_DAY;
use super::operations::{OperationPlan, plan_operations};
use super::queue::{Admission, Holding, InspectionQueue, Work};
use super::staffing::staff;
use super::streams::{self, Draws, Stream};
use super::traffic::{Arrival, hour_arrivals, hour_counts};
use super::{Model, Replication};
use crate::metrics::*;
use crate::scenario::{Concealment, Modality, Plan, Schedule, Selection, Technique};

const SECONDS: f64 = 3600.0;

/// Wait-time histogram with no cap: one-second bins to 10 minutes, then bins 0.5%
/// wider each, so any quantile is read to within 0.5% however long the waits.
struct WaitHistogram(Vec<u64>);

impl WaitHistogram {
    const FINE: usize = 600;
    const GROWTH: f64 = 1.005;

    fn new() -> Self {
        WaitHistogram(vec![0; Self::FINE])
    }

    fn bin(seconds: f64) -> usize {
        if seconds < Self::FINE as f64 {
            seconds.max(0.0) as usize
        } else {
            let k = libm::log(seconds / Self::FINE as f64) / libm::log(Self::GROWTH);
            Self::FINE + k as usize
        }
    }

    fn upper_edge(bin: usize) -> f64 {
        if bin < Self::FINE {
            (bin + 1) as f64
        } else {
            Self::FINE as f64 * libm::pow(Self::GROWTH, (bin - Self::FINE + 1) as f64)
        }
    }

    fn add(&mut self, seconds: f64) {
        let bin = Self::bin(seconds);
        if bin >= self.0.len() {
            self.0.resize(bin + 1, 0);
        }
        self.0[bin] += 1;
    }

    /// Upper edge of the bin holding the q-quantile (0 when empty).
    fn quantile(&self, q: f64) -> f64 {
        let total: u64 = self.0.iter().sum();
        if total == 0 {
            return 0.0;
        }
        let rank = (libm::ceil(q * total as f64) as u64).max(1);
        let mut seen = 0;
        for (bin, n) in self.0.iter().enumerate() {
            seen += n;
            if seen >= rank {
                return Self::upper_edge(bin);
            }
        }
        Self::upper_edge(self.0.len().saturating_sub(1))
    }
}

/// How a selected vehicle is inspected and whether contraband is found.
struct Inspection {
    /// Hours on an X-ray unit (none when not scanned).
    scan_hours: Option<f64>,
    /// Hours of a team: the search after an anomaly, or the whole inspection.
    service_hours: f64,
    searched: bool,
    found: bool,
}

pub fn run(model: &Model, replication: &Replication, strategy: usize) -> StrategyReplication {
    let s = &model.scenario;
    let crossings = s.crossings.len();
    let plans: Vec<&Plan> = (0..crossings).map(|c| model.plan(strategy, c)).collect();
    let operations: Vec<OperationPlan> = (0..crossings)
        .map(|c| {
            plan_operations(
                model,
                plans[c],
                c,
                replication.index,
                strategy,
                &replication.threat.waves[c],
            )
        })
        .collect();

    let mut out = StrategyReplication {
        replication: replication.index,
        strategy: strategy as u32,
        crossings: vec![CrossingReplication::default(); crossings],
        operation_hours_by_clock_hour: vec![0.0; 24],
        ..Default::default()
    };

    // Route carriers; those who meet an operation join its queue with the traffic.
    let mut carrier_arrivals: Vec<Vec<Arrival>> = vec![Vec::new(); crossings];
    let mut carrier_detours: Vec<Detours> = Vec::with_capacity(replication.threat.carriers.len());
    let mut carrier_found = vec![false; replication.threat.carriers.len()];
    let mut carrier_place: Vec<Option<usize>> =
        Vec::with_capacity(replication.threat.carriers.len());
    for (i, carrier) in replication.threat.carriers.iter().enumerate() {
        let (route, detours) = journey(model, carrier, &plans, &operations);
        carrier_detours.push(detours);
        match route {
            Journey::Crosses {
                crossing,
                time,
                operation,
            } => {
                carrier_place.push(Some(crossing));
                if operation.is_some() {
                    carrier_arrivals[crossing].push(Arrival {
                        time,
                        modality: carrier.modality,
                        draws: streams::mix(carrier.draws ^ 0x5EA2_C4ED),
                        carrier: Some(i as u32),
                    });
                }
            }
            Journey::Deterred | Journey::DisplacedOut => carrier_place.push(None),
        }
        out.carriers.moved += u64::from(detours.moved);
        out.carriers.waited += u64::from(detours.waited);
        match route {
            Journey::Crosses { crossing, .. } if detours.moved => {
                out.crossings[crossing].moved_in += 1
            }
            Journey::Deterred => out.carriers.deterred += 1,
            Journey::DisplacedOut => out.carriers.displaced += 1,
            Journey::Crosses { .. } => {}
        }
    }
    for list in &mut carrier_arrivals {
        list.sort_by(|a, b| a.time.total_cmp(&b.time));
    }

    let mut waits = WaitHistogram::new();
    let sample_day = sample_day_for(replication.index, &operations);
    let mut sample = sample_day.map(|day| SampleDay {
        day: day as u32,
        arrivals: vec![0; 24],
        operation_minutes: vec![0.0; 24],
        mean_queue: vec![0.0; 24],
        screened: vec![0; 24],
    });

    let horizon = model.horizon_hours();
    for c in 0..crossings {
        let crossing = &s.crossings[c];
        let plan = plans[c];
        let ops = &operations[c];
        // Searches and X-ray happen in the secondary bays, so a team needs a bay and the
        // bays bound what is held; interviews happen at the booth, in front of the road.
        let mut queue = if plan.technique == Technique::Interview {
            let storage = Modality::ALL
                .iter()
                .filter(|m| *plan.modalities.get(**m))
                .map(|m| *crossing.lanes.get(*m) as usize)
                .sum::<usize>()
                .max(1)
                * crossing.storage_per_lane as usize;
            InspectionQueue::new(plan.teams as usize, storage, Holding::Road)
        } else {
            let bays = crossing.secondary_bays as usize;
            InspectionQueue::new((plan.teams as usize).min(bays), bays, Holding::Bays)
        };
        let mut arrivals: Vec<Arrival> = Vec::new();
        let mut hours_cache: Vec<Option<(usize, [u32; 24])>> = vec![None; Modality::COUNT];
        let mut carrier_cursor = 0;
        let officers = (plan.teams * plan.crew_size) as f64;
        let on_roster = officers.min(f64::from(crossing.officers_per_shift));
        // (crew day, hours worked): operations come in time order, so a day's are adjacent.
        let mut crew_days: Vec<(usize, f64)> = Vec::new();

        // When each operation stops starting inspections: its end, unless the next
        // operation starts right then (shifts of continuous operation, back-to-back
        // windows) and its crew takes the queue over.
        let mut cutoffs = vec![0.0; ops.operations.len()];
        for k in (0..ops.operations.len()).rev() {
            let op = &ops.operations[k];
            cutoffs[k] = match ops.operations.get(k + 1) {
                Some(next) if !op.cut_short && next.start <= op.end => cutoffs[k + 1],
                _ => op.end,
            };
        }
        for (k, op) in ops.operations.iter().enumerate() {
            arrivals.clear();
            let first_hour = op.start as usize;
            let last_hour = (libm::ceil(op.end) as usize).min(model.calendar.days * HOURS_PER_DAY);
            for hour in first_hour..last_hour {
                let day = hour / HOURS_PER_DAY;
                for m in Modality::ALL
                    .into_iter()
                    .filter(|m| *plan.modalities.get(*m))
                {
                    let cache = &mut hours_cache[m.index()];
                    if cache.is_none_or(|(d, _)| d != day) {
                        let count = replication.day_counts.get(c, m, day);
                        *cache =
                            Some((day, hour_counts(model, replication.index, c, m, day, count)));
                    }
                    let count = cache.map_or(0, |(_, h)| h[hour % HOURS_PER_DAY]);
                    let trusted_share = s.traffic.modalities.get(m).trusted_share;
                    hour_arrivals(
                        model,
                        replication.index,
                        c,
                        m,
                        hour,
                        count,
                        op.start,
                        op.end,
                        &mut arrivals,
                        |a| {
                            // Selection does not depend on order, so the many vehicles not
                            // picked are settled here and never sorted or queued.
                            out.vehicles.met_operation += 1;
                            let mut draws = Draws::new(a.draws);
                            let trusted = draws.draw() < trusted_share;
                            let kept = picked(plan, trusted, draws.draw(), false);
                            out.vehicles.not_selected += u64::from(!kept);
                            kept
                        },
                    );
                }
            }
            let in_op = &carrier_arrivals[c];
            while carrier_cursor < in_op.len() && in_op[carrier_cursor].time < op.start {
                carrier_cursor += 1;
            }
            while carrier_cursor < in_op.len() && in_op[carrier_cursor].time < op.end {
                arrivals.push(in_op[carrier_cursor]);
                carrier_cursor += 1;
            }
            arrivals.sort_by(|a, b| a.time.total_cmp(&b.time));

            // Each unit works on a given day or not, on its own draw; with none working,
            // officers fall back to interviews.
            let day = first_hour / HOURS_PER_DAY;
            let units_working = if plan.technique == Technique::NiiThenSearch {
                (0..crossing.nii_units + crossing.nii_units_bought + plan.nii_units_bought)
                    .filter(|unit| {
                        streams::unit(model.key(
                            replication.index,
                            Stream::NiiUptime,
                            &[c as u64, day as u64, u64::from(*unit)],
                        )) < s.inspection.nii.availability
                    })
                    .count()
            } else {
                0
            };
            let nii_working = units_working > 0;
            let mut last_completion = op.end;
            for a in &arrivals {
                let carrier = a.carrier.map(|i| &replication.threat.carriers[i as usize]);
                let mut draws = Draws::new(a.draws);
                // Same draw order as the pre-selection: trusted status, then selection.
                let _trusted = draws.draw();
                let u_select = draws.draw();
                if let Some(cr) = carrier {
                    out.vehicles.met_operation += 1;
                    let linked = matches!(plan.selection, Selection::RiskBased { .. })
                        && streams::unit(model.key(
                            replication.index,
                            Stream::Connectivity,
                            &[c as u64, a.time as u64],
                        )) < crossing.connectivity_uptime;
                    if !picked(plan, cr.trusted, u_select, linked) {
                        out.vehicles.not_selected += 1;
                        continue;
                    }
                }
                let inspection = inspect(
                    model,
                    plan,
                    nii_working,
                    a.modality,
                    carrier.map(|c| c.concealment),
                    &mut draws,
                );
                out.waits.joined += 1;
                out.waits.queue_seen_by_arrivals += queue.waiting_at(a.time) as u64;
                // No inspection starts after the operation ends (planned or recalled).
                let work = Work {
                    scan: inspection.scan_hours.map(|h| (h, units_working)),
                    service: inspection.service_hours,
                };
                match queue.admit_work(a.time, work, cutoffs[k]) {
                    Admission::Flushed => out.vehicles.flushed += 1,
                    Admission::Released => {
                        out.vehicles.released_on_recall += 1;
                        out.delay_vehicle_hours += (cutoffs[k] - a.time).max(0.0);
                    }
                    Admission::Served { start, end, waited } => {
                        last_completion = last_completion.max(end);
                        if end > horizon {
                            out.vehicles.in_system_at_end += 1;
                            continue;
                        }
                        let wait = waited;
                        out.vehicles.screened += 1;
                        out.inspections += 1;
                        out.crossings[c].inspections += 1;
                        out.waits.screened += 1;
                        out.waits.waited += u64::from(wait > 0.0);
                        out.waits.total_seconds += wait * SECONDS;
                        waits.add(wait * SECONDS);
                        out.delay_vehicle_hours += end - a.time;
                        if inspection.searched {
                            out.searches += 1;
                            if carrier.is_none() && plan.technique == Technique::NiiThenSearch {
                                out.false_alarm_searches += 1;
                            }
                        }
                        if let Some(i) = a.carrier {
                            carrier_found[i as usize] = inspection.found;
                        }
                        if let Some(day_sample) = sample.as_mut().filter(|_| c == 0) {
                            let from = (day_sample.day as usize * HOURS_PER_DAY) as f64;
                            let hour = a.time - from;
                            if (0.0..24.0).contains(&hour) {
                                day_sample.screened[hour as usize] += 1;
                            }
                            add_within_day(&mut day_sample.mean_queue, a.time - from, start - from);
                        }
                    }
                }
            }
            out.waits.admitting_hours += op.end - op.start;

            // Officers finish the vehicles already in inspection (at most one inspection
            // past the end); that overrun is overtime, unless the next operation's teams
            // take over.
            let next_start = ops.operations.get(k + 1).map_or(f64::INFINITY, |n| n.start);
            let overrun = if next_start > op.end {
                (last_completion.min(next_start) - op.end).max(0.0)
            } else {
                0.0
            };
            // The crew's hours count towards its day (continuous operation: its shift);
            // what is regular or overtime is settled per day below.
            let duration = op.end - op.start;
            let crew_day = if plan.schedule == Schedule::Continuous {
                k
            } else {
                first_hour / HOURS_PER_DAY
            };
            match crew_days.last_mut() {
                Some((key, hours)) if *key == crew_day => *hours += duration + overrun,
                _ => crew_days.push((crew_day, duration + overrun)),
            }
            out.operation_hours += duration;
            out.crossings[c].operation_hours += duration;
            add_by_clock_hour(
                &mut out.operation_hours_by_clock_hour,
                op.start % 24.0,
                duration,
            );
            if let Some(day_sample) = sample.as_mut().filter(|_| c == 0) {
                let from = (day_sample.day as usize * HOURS_PER_DAY) as f64;
                let mut minutes = vec![0.0; 24];
                add_within_day(&mut minutes, op.start - from, op.end - from);
                for (m, add) in day_sample.operation_minutes.iter_mut().zip(minutes) {
                    *m += add * 60.0;
                }
            }
        }

        // Officers: regular time within the shift, overtime past it (and for officers
        // beyond the roster) up to each officer's annual cap, hires for the rest.
        let costs = &s.costs;
        let crews = if plan.schedule == Schedule::Continuous {
            libm::ceil(24.0 / costs.shift_hours)
        } else {
            1.0
        };
        let overtime_cap =
            officers * crews * costs.overtime_cap_per_officer * f64::from(s.horizon_days)
                / 365.0
                / (costs.basic_hourly_rate * costs.overtime_multiplier).max(f64::MIN_POSITIVE);
        let hours: Vec<f64> = crew_days.iter().map(|(_, h)| *h).collect();
        let staffing = staff(&hours, officers, on_roster, costs.shift_hours, overtime_cap);
        out.officer_hours_regular += staffing.regular;
        out.officer_hours_overtime += staffing.overtime;
        out.officer_hours_hired += staffing.hired;
        out.crossings[c].officer_hours += staffing.regular + staffing.overtime + staffing.hired;
        let crossing_officer_cost = (staffing.regular + staffing.hired) * costs.loaded_hourly_rate
            + staffing.overtime * costs.basic_hourly_rate * costs.overtime_multiplier;

        // Budget of this crossing.
        let operations_here = ops.operations.len() as u64;
        let setup = operations_here as f64 * s.costs.setup_cost_per_operation;
        // X-ray: units shared with inbound are paid for the hours outbound operations
        // hold them; units bought for outbound are paid in full (price over life plus
        // running cost, pro rata over the horizon).
        let (nii_shared, nii_bought) =
            if plan.technique == Technique::NiiThenSearch && !ops.operations.is_empty() {
                let shared_hours = f64::from(crossing.nii_units) * out.crossings[c].operation_hours;
                out.nii_shared_unit_hours += shared_hours;
                (
                    shared_hours * costs.nii_shared_hourly_rate,
                    f64::from(crossing.nii_units_bought + plan.nii_units_bought)
                        * (costs.nii_capex_per_unit / costs.nii_life_years
                            + costs.nii_opex_per_unit_year)
                        * f64::from(s.horizon_days)
                        / 365.0,
                )
            } else {
                (0.0, 0.0)
            };
        let nii = nii_shared + nii_bought;
        out.budget.setup += setup;
        out.budget.nii += nii;
        out.budget.nii_bought += nii_bought;
        out.operations += operations_here;
        out.operations_cancelled += ops.cancelled;
        out.fill_ins_not_placed += ops.fill_ins_not_placed;
        out.operations_cut_short += ops.operations.iter().filter(|o| o.cut_short).count() as u64;
        out.crossings[c].operations = operations_here;
        out.crossings[c].budget = crossing_officer_cost + setup + nii;
        out.crossings[c].exits = replication.day_counts.crossing_total(c);
    }

    // Carrier outcomes; deterred and displaced-out carriers were counted while routing.
    for (i, carrier) in replication.threat.carriers.iter().enumerate() {
        out.carriers.attempted += 1;
        let found = carrier_found[i];
        let origin = &mut out.crossings[carrier.crossing];
        origin.carriers += 1;
        origin.detected += u64::from(found);
        if let Some(place) = carrier_place[i] {
            out.crossings[place].exits += 1;
            if found {
                out.carriers.detected += 1;
            } else if carrier_detours[i].moved {
                out.carriers.displaced += 1;
            } else {
                out.carriers.undetected += 1;
            }
        }
        out.by_contraband
            .get_mut(carrier.kind)
            .record(found, carrier.amount);
        out.by_modality
            .get_mut(carrier.modality)
            .record(found, carrier.amount);
    }

    out.vehicles.exits = out.crossings.iter().map(|c| c.exits).sum();
    // Traffic that met no operation was only counted, so it is waved through by difference.
    out.vehicles.waved_through =
        out.vehicles.exits - out.vehicles.screened - out.vehicles.in_system_at_end;
    out.waits.p95_seconds = waits.quantile(0.95);
    let costs = &s.costs;
    out.budget.officers_regular = out.officer_hours_regular * costs.loaded_hourly_rate;
    out.budget.officers_overtime =
        out.officer_hours_overtime * costs.basic_hourly_rate * costs.overtime_multiplier;
    out.budget.officers_hired = out.officer_hours_hired * costs.loaded_hourly_rate;
    out.budget.traveller_delay = if costs.include_traveller_delay {
        out.delay_vehicle_hours * costs.value_of_time_per_hour
    } else {
        0.0
    };
    out.budget.total = out.budget.officers_regular
        + out.budget.officers_overtime
        + out.budget.officers_hired
        + out.budget.setup
        + out.budget.nii
        + out.budget.traveller_delay;
    // What an outbound office would ask for: rostered hours are redeployed from inbound
    // work (already paid) and shared X-ray units already exist.
    out.budget.new_money = out.budget.officers_overtime
        + out.budget.officers_hired
        + out.budget.setup
        + out.budget.nii_bought;

    if let Some(mut day_sample) = sample {
        for m in Modality::ALL {
            let count = replication.day_counts.get(0, m, day_sample.day as usize);
            let hours = hour_counts(
                model,
                replication.index,
                0,
                m,
                day_sample.day as usize,
                count,
            );
            for (h, n) in hours.iter().enumerate() {
                day_sample.arrivals[h] += u64::from(*n);
            }
        }
        out.sample_day = Some(day_sample);
    }
    out
}

/// The sample day of replication 0: the first day with an operation at the first crossing.
fn sample_day_for(replication: u32, operations: &[OperationPlan]) -> Option<usize> {
    if replication != 0 {
        return None;
    }
    let first = operations.first()?;
    Some(
        first
            .operations
            .first()
            .map_or(0, |o| o.start as usize / HOURS_PER_DAY),
    )
}

/// Adds the overlap of `[from, to)` (hours from a day's midnight) to that day's hourly bins.
fn add_within_day(bins: &mut [f64], from: f64, to: f64) {
    let mut t = from.max(0.0);
    let to = to.min(24.0);
    while t < to {
        let next = (libm::floor(t) + 1.0).min(to);
        bins[t as usize] += next - t;
        t = next;
    }
}

/// Adds `duration` hours starting at clock time `start` to 24 clock-hour bins, wrapping
/// past midnight.
fn add_by_clock_hour(bins: &mut [f64], start: f64, duration: f64) {
    let mut t = start;
    let end = start + duration;
    while t < end {
        let next = (libm::floor(t) + 1.0).min(end);
        bins[(t as usize) % 24] += next - t;
        t = next;
    }
}

/// Whether a vehicle that met an operation is stopped. Risk targeting picks carriers at
/// its hit rate only while the data link works (`linked`); otherwise everyone is picked
/// at the rate for others, as random selection at the same overall rate.
fn picked(plan: &Plan, trusted: bool, u_select: f64, linked: bool) -> bool {
    if trusted && plan.trusted_exempt {
        return false;
    }
    let rate = match plan.selection {
        Selection::All => 1.0,
        Selection::RandomFraction { fraction } => fraction,
        Selection::RiskBased {
            carrier_pick_rate,
            other_pick_rate,
        } => {
            if linked {
                carrier_pick_rate
            } else {
                other_pick_rate
            }
        }
    };
    u_select < rate
}

fn inspect(
    model: &Model,
    plan: &Plan,
    nii_working: bool,
    modality: Modality,
    concealment: Option<Concealment>,
    draws: &mut Draws,
) -> Inspection {
    let p = &model.scenario.inspection;
    let technique = plan.technique;
    let u_service = draws.draw();
    let u_flag = draws.draw();
    let u_search = draws.draw();
    // Search times are for a crew of 2; a third officer shortens a search.
    let crew_share = if plan.crew_size >= 3 {
        p.search.crew_of_three_time_share
    } else {
        1.0
    };
    let search_hours =
        |u: f64| streams::exponential(p.search.minutes.get(modality) / 60.0 * crew_share, u);
    let interview = |draws_flag: f64| {
        let mean = if draws_flag < p.interview.compartment_share {
            p.interview.compartment_mean_seconds
        } else {
            p.interview.mean_seconds
        };
        streams::exponential(mean / SECONDS, u_service)
    };
    match (technique, nii_working) {
        (Technique::NiiThenSearch, true) => {
            let scan = streams::exponential(p.nii.scan_seconds.get(modality) / SECONDS, u_service);
            let anomaly = match concealment {
                Some(level) => u_flag < *p.nii.sensitivity.get(level),
                None => u_flag < p.nii.false_alarm_rate,
            };
            // The search that follows an anomaly can still miss what the image showed.
            let u_find = draws.draw();
            Inspection {
                scan_hours: Some(scan),
                service_hours: if anomaly { search_hours(u_search) } else { 0.0 },
                searched: anomaly,
                found: anomaly
                    && concealment.is_some_and(|level| u_find < *p.search.detection.get(level)),
            }
        }
        (Technique::SearchAll, _) => Inspection {
            scan_hours: None,
            service_hours: search_hours(u_service),
            searched: true,
            found: concealment.is_some_and(|level| u_flag < *p.search.detection.get(level)),
        },
        // Interview, or X-ray with the unit down: officers fall back to an interview.
        _ => {
            let u_compartment = draws.draw();
            Inspection {
                scan_hours: None,
                service_hours: interview(u_compartment),
                searched: false,
                found: concealment.is_some_and(|level| u_flag < *p.interview.detection.get(level)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WaitHistogram;

    /// Quantiles have no cap: waits of days are read to within 0.5% (format 1 stopped
    /// at 86,400 s, so every long wait read as one day).
    #[test]
    fn wait_quantiles_are_uncapped_and_within_half_a_percent() {
        let mut h = WaitHistogram::new();
        // 1,000 waits evenly spread from 1 hour to 100 hours.
        let waits: Vec<f64> = (0..1000)
            .map(|i| 3600.0 * (1.0 + 99.0 * i as f64 / 999.0))
            .collect();
        for w in &waits {
            h.add(*w);
        }
        for q in [0.5, 0.95, 0.99] {
            let exact = waits[(q * 1000.0_f64).ceil() as usize - 1];
            let read = h.quantile(q);
            assert!(
                read >= exact && read <= exact * 1.005 + 1e-9,
                "q {q}: read {read}, exact {exact}"
            );
        }
        let mut short = WaitHistogram::new();
        short.add(12.3);
        assert_eq!(short.quantile(0.95), 13.0);
    }
}
