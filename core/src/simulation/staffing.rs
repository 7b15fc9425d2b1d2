//! Officers' days: what the officer-hours of one crossing's operations cost. An
//! officer's hours are counted per day across all the operations of that day (two
//! windows of 5 hours are a 10-hour day, 2 hours of it past an 8-hour shift), not per
//! operation; each officer's overtime a year is capped, and what the roster cannot
//! work within the cap is worked by officers hired for it.

/// Officer-hours of one crossing, by how they are paid.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Staffing {
    /// Rostered officers' hours within their shift: redeployed from inbound work.
    pub regular: f64,
    /// Hours past the shift, and hours of officers called in beyond the roster, within
    /// the annual cap.
    pub overtime: f64,
    /// Overtime the cap does not allow, worked by officers hired for outbound work.
    pub hired: f64,
}

/// `crew_days` holds, for each group of operations worked by the same crew (the
/// operations of one day, or one shift of continuous operation), the hours that crew
/// worked. `officers` staff each operation, `on_roster` of them from the crossing's
/// outbound roster (the others are called in on overtime). `overtime_cap` is the most
/// overtime hours the crossing's officers may work over the horizon.
pub fn staff(
    crew_days: &[f64],
    officers: f64,
    on_roster: f64,
    shift: f64,
    overtime_cap: f64,
) -> Staffing {
    let mut out = Staffing::default();
    for hours in crew_days {
        out.regular += on_roster * hours.min(shift);
        out.overtime += on_roster * (hours - shift).max(0.0) + (officers - on_roster) * hours;
    }
    if out.overtime > overtime_cap {
        out.hired = out.overtime - overtime_cap;
        out.overtime = overtime_cap;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two 5-hour windows in one day: 10 hours, 2 past the shift, per officer.
    #[test]
    fn the_day_not_the_operation_sets_overtime() {
        let s = staff(&[10.0], 2.0, 2.0, 8.0, f64::INFINITY);
        assert_eq!((s.regular, s.overtime, s.hired), (16.0, 4.0, 0.0));
        // One officer beyond the roster works all 10 hours on overtime.
        let s = staff(&[10.0], 3.0, 2.0, 8.0, f64::INFINITY);
        assert_eq!((s.regular, s.overtime), (16.0, 14.0));
        // A cap of 10 overtime hours: the other 4 are worked by hires.
        let s = staff(&[10.0], 3.0, 2.0, 8.0, 10.0);
        assert_eq!((s.overtime, s.hired), (10.0, 4.0));
    }
}
