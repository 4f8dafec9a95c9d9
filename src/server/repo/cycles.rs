//! Cycles of recurring projects: the matter's cycle and budget, and time logged on
//! its tasks. [`cycles`] builds the cycle list both staff and the portal show.
use super::matters::{ensure_visible, visible_name};
use crate::model::cycle::{
    BUDGET_HOURS_MAX, CYCLE_DAYS_MAX, CYCLES_SHOWN, Cycle, CycleInput, CyclePlan, CycleUnit, ENTRY_HOURS_MAX, MatterCycles, TaskHours,
    TimeEntry, TimeInput, parse_hours,
};
use crate::model::fields::{optional_text, required_date};
use crate::model::{AppError, Choice};
use crate::server::auth::Staff;
use crate::server::db::{Db, new_id, now_ms};
use chrono::NaiveDate;

/// The longest note of a time entry.
const NOTE_MAX: usize = 500;

/// A logged entry with what the views need: id, day, minutes, task title, whether
/// the task is public, who, note.
pub(crate) type EntryRow = (String, String, i64, Option<String>, Option<i64>, Option<String>, String);

/// The cycle of matter `matter_id`, if it has one.
pub(crate) async fn plan_of<'e, E>(exec: E, matter_id: &str) -> Result<Option<CyclePlan>, AppError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row: Option<(Option<String>, Option<i64>, Option<String>, Option<i64>)> =
        sqlx::query_as("SELECT cycle_unit, cycle_days, cycle_start, cycle_budget_minutes FROM matters WHERE id = $1")
            .bind(matter_id)
            .fetch_optional(exec)
            .await?;
    Ok(row.and_then(|(unit, days, start, budget)| {
        Some(CyclePlan {
            unit: CycleUnit::parse(&unit?)?,
            days: days.and_then(|d| u32::try_from(d).ok()),
            start: start?,
            budget_minutes: budget.unwrap_or(0),
        })
    }))
}

/// The matter's entries, by day.
pub(crate) async fn entries(db: &Db, matter_id: &str) -> Result<Vec<EntryRow>, AppError> {
    Ok(sqlx::query_as(
        "SELECT e.id, e.worked_on, e.minutes, t.title, t.is_public, s.name, e.note FROM time_entries e \
         LEFT JOIN tasks t ON t.id = e.task_id LEFT JOIN staff s ON s.id = e.staff_id \
         WHERE e.matter_id = $1 ORDER BY e.worked_on DESC, e.created_at DESC",
    )
    .bind(matter_id)
    .fetch_all(&db.pool)
    .await?)
}

/// The cycles from the first to the current one (or to the latest entry, if later),
/// newest first, at most [`CYCLES_SHOWN`]. `public_only`: list only public tasks and
/// no entries (the portal); the totals still count all the time logged.
pub(crate) fn cycles(plan: &CyclePlan, rows: &[EntryRow], today: NaiveDate, public_only: bool) -> Vec<Cycle> {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let current = plan.index_of(today);
    let latest = rows.iter().filter_map(|r| day(&r.1).and_then(|d| plan.index_of(d))).max();
    let Some(last) = current.max(latest) else { return vec![] };
    let first = (last - CYCLES_SHOWN + 1).max(0);
    (first..=last)
        .rev()
        .filter_map(|i| {
            let (from, to) = plan.bounds(i)?;
            let inside: Vec<&EntryRow> = rows.iter().filter(|r| day(&r.1).is_some_and(|d| from <= d && d <= to)).collect();
            let mut tasks: Vec<TaskHours> = vec![];
            for r in &inside {
                let shown = if public_only { r.4 == Some(1) } else { true };
                let Some(title) = r.3.clone().filter(|_| shown) else { continue };
                match tasks.iter_mut().find(|t| t.title == title) {
                    Some(t) => t.minutes += r.2,
                    None => tasks.push(TaskHours { title, minutes: r.2 }),
                }
            }
            tasks.sort_by(|a, b| b.minutes.cmp(&a.minutes).then(a.title.cmp(&b.title)));
            let entries = if public_only {
                vec![]
            } else {
                inside
                    .iter()
                    .map(|r| TimeEntry { id: r.0.clone(), on: r.1.clone(), minutes: r.2, task: r.3.clone(), who: r.5.clone(), note: r.6.clone() })
                    .collect()
            };
            Some(Cycle {
                starts_on: from.to_string(),
                ends_on: to.to_string(),
                used_minutes: inside.iter().map(|r| r.2).sum(),
                current: Some(i) == current,
                tasks,
                entries,
            })
        })
        .collect()
}

/// Matter `matter_id`'s cycles page.
pub async fn list(db: &Db, staff: &Staff, matter_id: &str) -> Result<MatterCycles, AppError> {
    let (title, reference) = visible_name(db, staff, matter_id).await?;
    let plan = plan_of(&db.pool, matter_id).await?;
    let tasks: Vec<(String, String)> = sqlx::query_as("SELECT id, title FROM tasks WHERE matter_id = $1 ORDER BY title, id")
        .bind(matter_id)
        .fetch_all(&db.pool)
        .await?;
    let today = chrono::Utc::now().date_naive();
    let rows = entries(db, matter_id).await?;
    let cycles = plan.as_ref().map(|p| cycles(p, &rows, today, false)).unwrap_or_default();
    Ok(MatterCycles {
        matter_id: matter_id.to_string(),
        title,
        reference,
        plan,
        cycles,
        tasks: tasks.into_iter().map(|(id, label)| Choice { id, label }).collect(),
        today: today.to_string(),
    })
}

/// Hours in `field`, more than 0 and at most `max`, as whole minutes.
fn minutes(field: &str, raw: &str, max: f64) -> Result<i64, AppError> {
    match parse_hours(raw) {
        None if raw.trim().is_empty() => Err(AppError::invalid(field, "required")),
        Some(h) if h > 0.0 && h <= max && (h * 60.0).round() >= 1.0 => Ok((h * 60.0).round() as i64),
        _ => Err(AppError::invalid(field, "bad_hours")),
    }
}

/// Sets (or, with an empty unit, removes) matter `matter_id`'s cycle. Logged time stays.
pub async fn set_plan(db: &Db, staff: &Staff, matter_id: &str, input: &CycleInput) -> Result<(), AppError> {
    let plan = if input.unit.trim().is_empty() {
        None
    } else {
        let unit = CycleUnit::parse(input.unit.trim()).ok_or_else(|| AppError::invalid("unit", "bad_choice"))?;
        let days = match unit {
            CycleUnit::Days => match input.days.trim().parse::<u32>() {
                Ok(n) if (1..=CYCLE_DAYS_MAX).contains(&n) => Some(n),
                _ if input.days.trim().is_empty() => return Err(AppError::invalid("days", "required")),
                _ => return Err(AppError::invalid("days", "bad_days")),
            },
            _ => None,
        };
        let start = required_date("start", &input.start)?;
        let budget = minutes("budget_hours", &input.budget_hours, BUDGET_HOURS_MAX)?;
        Some((unit, days, start.to_string(), budget))
    };
    let mut tx = db.begin().await?;
    ensure_visible(&mut *tx, staff, matter_id).await?;
    let (unit, days, start, budget) = match &plan {
        Some((u, d, s, b)) => (Some(u.as_str()), d.map(i64::from), Some(s.clone()), Some(*b)),
        None => (None, None, None, None),
    };
    sqlx::query("UPDATE matters SET cycle_unit = $1, cycle_days = $2, cycle_start = $3, cycle_budget_minutes = $4, updated_at = $5 WHERE id = $6")
        .bind(unit)
        .bind(days)
        .bind(start)
        .bind(budget)
        .bind(now_ms())
        .bind(matter_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Logs time on a task of matter `matter_id`; returns the entry's id.
pub async fn log_time(db: &Db, staff: &Staff, matter_id: &str, input: &TimeInput) -> Result<String, AppError> {
    if input.task_id.trim().is_empty() {
        return Err(AppError::invalid("task_id", "required"));
    }
    let on = required_date("on", &input.on)?;
    let latest = chrono::Utc::now().date_naive() + chrono::Duration::days(1);
    if on > latest || chrono::Datelike::year(&on) < 2000 {
        return Err(AppError::invalid("on", "bad_date"));
    }
    let minutes = minutes("hours", &input.hours, ENTRY_HOURS_MAX)?;
    let note = optional_text("note", &input.note, NOTE_MAX)?;
    let mut tx = db.begin().await?;
    ensure_visible(&mut *tx, staff, matter_id).await?;
    let task: Option<(String,)> = sqlx::query_as("SELECT id FROM tasks WHERE id = $1 AND matter_id = $2")
        .bind(&input.task_id)
        .bind(matter_id)
        .fetch_optional(&mut *tx)
        .await?;
    if task.is_none() {
        return Err(AppError::invalid("task_id", "bad_choice"));
    }
    let id = new_id();
    sqlx::query(
        "INSERT INTO time_entries (id, matter_id, task_id, staff_id, worked_on, minutes, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(matter_id)
    .bind(&input.task_id)
    .bind(staff.id())
    .bind(on.to_string())
    .bind(minutes)
    .bind(&note)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Deletes time entry `id` (a mistake); staff who see its matter.
pub async fn delete_entry(db: &Db, staff: &Staff, id: &str) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT e.matter_id FROM time_entries e JOIN matters m ON m.id = e.matter_id WHERE e.id = $1 AND m.workspace_id = $2",
    )
    .bind(id)
    .bind(staff.workspace_id())
    .fetch_optional(&mut *tx)
    .await?;
    let (matter_id,) = row.ok_or(AppError::NotFound)?;
    ensure_visible(&mut *tx, staff, &matter_id).await?;
    sqlx::query("DELETE FROM time_entries WHERE id = $1").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}
