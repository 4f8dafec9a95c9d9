//! Cycles of recurring projects: a cycle (a week, a month or N days from a start
//! date), an hours budget per cycle, and the time staff log on tasks.
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// How long one cycle is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CycleUnit {
    Week,
    Month,
    /// `days` days.
    Days,
}

stored_enum!(CycleUnit { Week = "week", Month = "month", Days = "days" });

/// A matter's cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CyclePlan {
    pub unit: CycleUnit,
    /// The length in days (unit `Days`).
    pub days: Option<u32>,
    /// `YYYY-MM-DD`: the first cycle's first day.
    pub start: String,
    pub budget_minutes: i64,
}

/// The longest cycle of N days, and the largest budget and entry.
pub const CYCLE_DAYS_MAX: u32 = 366;
pub const BUDGET_HOURS_MAX: f64 = 10_000.0;
pub const ENTRY_HOURS_MAX: f64 = 24.0;
/// How many cycles the views show (the newest).
pub const CYCLES_SHOWN: i64 = 24;

impl CyclePlan {
    fn start_date(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(&self.start, "%Y-%m-%d").ok()
    }

    /// The first and last day (inclusive) of cycle `index` (0 is the first).
    pub fn bounds(&self, index: i64) -> Option<(NaiveDate, NaiveDate)> {
        let start = self.start_date()?;
        let index = u32::try_from(index).ok()?;
        match self.unit {
            CycleUnit::Week => {
                let from = start.checked_add_days(chrono::Days::new(7 * u64::from(index)))?;
                Some((from, from.checked_add_days(chrono::Days::new(6))?))
            }
            CycleUnit::Days => {
                let n = u64::from(self.days.filter(|d| *d > 0)?);
                let from = start.checked_add_days(chrono::Days::new(n * u64::from(index)))?;
                Some((from, from.checked_add_days(chrono::Days::new(n - 1))?))
            }
            CycleUnit::Month => {
                // Each cycle starts on the start's day of the month (or the month's last day).
                let from = start.checked_add_months(Months::new(index))?;
                let next = start.checked_add_months(Months::new(index + 1))?;
                Some((from, next.pred_opt()?))
            }
        }
    }

    /// The index of the cycle holding `day`; `None` before the first.
    pub fn index_of(&self, day: NaiveDate) -> Option<i64> {
        let start = self.start_date()?;
        if day < start {
            return None;
        }
        let guess = match self.unit {
            CycleUnit::Week => (day - start).num_days() / 7,
            CycleUnit::Days => (day - start).num_days() / i64::from(self.days.filter(|d| *d > 0)?),
            CycleUnit::Month => i64::from((day.year() - start.year()) * 12 + day.month() as i32 - start.month() as i32),
        };
        // Months vary in length: step to the cycle whose bounds hold the day.
        (guess - 1..=guess + 1).find(|i| self.bounds(*i).is_some_and(|(a, b)| a <= day && day <= b))
    }
}

/// Hours as people type them: "1,5", "1.5", "1:30", "2".
pub fn parse_hours(raw: &str) -> Option<f64> {
    let raw = raw.trim();
    let h = if let Some((h, m)) = raw.split_once(':') {
        let (h, m): (u32, u32) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
        if m >= 60 {
            return None;
        }
        f64::from(h) + f64::from(m) / 60.0
    } else {
        raw.replace(',', ".").parse::<f64>().ok()?
    };
    h.is_finite().then_some(h)
}

/// Minutes as hours to read: "1h30", "45min", "12h".
pub fn fmt_minutes(m: i64) -> String {
    let (h, rest) = (m / 60, m % 60);
    match (h, rest) {
        (0, r) => format!("{r}min"),
        (h, 0) => format!("{h}h"),
        (h, r) => format!("{h}h{r:02}"),
    }
}

/// What staff type for a matter's cycle; an empty unit ends the cycles.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CycleInput {
    /// `week`, `month`, `days` or empty.
    pub unit: String,
    /// N, for `days`.
    pub days: String,
    pub start: String,
    /// Hours per cycle ("40", "37,5").
    pub budget_hours: String,
}

/// What staff type to log time.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TimeInput {
    pub task_id: String,
    /// `YYYY-MM-DD`.
    pub on: String,
    pub hours: String,
    pub note: String,
}

/// One time entry, as staff see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeEntry {
    pub id: String,
    pub on: String,
    pub minutes: i64,
    /// `None` when the task was deleted since.
    pub task: Option<String>,
    pub who: Option<String>,
    pub note: String,
}

/// Hours spent on one task in a cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskHours {
    pub title: String,
    pub minutes: i64,
}

/// One cycle: its days, the hours used, per task, and (for staff) each entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cycle {
    pub starts_on: String,
    pub ends_on: String,
    pub used_minutes: i64,
    pub current: bool,
    pub tasks: Vec<TaskHours>,
    pub entries: Vec<TimeEntry>,
}

/// A matter's cycles page (staff).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatterCycles {
    pub matter_id: String,
    pub title: String,
    pub reference: String,
    pub plan: Option<CyclePlan>,
    /// Newest first: the current cycle, then past ones.
    pub cycles: Vec<Cycle>,
    /// The matter's tasks, for logging time.
    pub tasks: Vec<super::Choice>,
    pub today: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(unit: CycleUnit, days: Option<u32>, start: &str) -> CyclePlan {
        CyclePlan { unit, days, start: start.into(), budget_minutes: 600 }
    }
    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn cycles_follow_their_unit() {
        let w = plan(CycleUnit::Week, None, "2026-11-02");
        assert_eq!(w.bounds(0), Some((d("2026-11-02"), d("2026-11-08"))));
        assert_eq!(w.index_of(d("2026-11-09")), Some(1));
        assert_eq!(w.index_of(d("2026-11-01")), None);
        let m = plan(CycleUnit::Month, None, "2026-01-31");
        assert_eq!(m.bounds(0), Some((d("2026-01-31"), d("2026-02-27"))));
        assert_eq!(m.bounds(1), Some((d("2026-02-28"), d("2026-03-30"))));
        assert_eq!(m.index_of(d("2026-02-28")), Some(1));
        assert_eq!(m.index_of(d("2026-03-31")), Some(2));
        let n = plan(CycleUnit::Days, Some(10), "2026-12-01");
        assert_eq!(n.bounds(2), Some((d("2026-12-21"), d("2026-12-30"))));
        assert_eq!(n.index_of(d("2026-12-30")), Some(2));
        assert_eq!(n.index_of(d("2026-12-31")), Some(3));
        for day in 0..800 {
            let day = d("2026-01-31") + chrono::Duration::days(day);
            let i = m.index_of(day).unwrap();
            let (a, b) = m.bounds(i).unwrap();
            assert!(a <= day && day <= b, "{day}");
        }
    }

    #[test]
    fn hours_as_people_type_them() {
        assert_eq!(parse_hours("1,5"), Some(1.5));
        assert_eq!(parse_hours("1:30"), Some(1.5));
        assert_eq!(parse_hours(" 2 "), Some(2.0));
        assert_eq!(parse_hours("1:75"), None);
        assert_eq!(parse_hours("NaN"), None);
        assert_eq!(parse_hours("abc"), None);
        assert_eq!(fmt_minutes(90), "1h30");
        assert_eq!(fmt_minutes(45), "45min");
        assert_eq!(fmt_minutes(720), "12h");
    }
}
