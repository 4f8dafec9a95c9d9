//! The cycles block: a recurring project's cycles, newest first, with the hours
//! used of the budget and the hours per public task. Never who logged time, never a
//! task that is not public. Changes: none counted (logging time is not news).
use super::MatterHead;
use crate::model::portal::{PortalCycle, PortalSection};
use crate::model::AppError;
use crate::server::db::Db;
use crate::server::repo::cycles;

/// The cycles of matter `head` (nothing when it has no cycle).
pub async fn load(db: &Db, head: &MatterHead) -> Result<PortalSection, AppError> {
    let Some(plan) = cycles::plan_of(&db.pool, &head.id).await? else {
        return Ok(PortalSection::Cycles { budget_minutes: 0, cycles: vec![] });
    };
    let rows = cycles::entries(db, &head.id).await?;
    let list = cycles::cycles(&plan, &rows, chrono::Utc::now().date_naive(), true)
        .into_iter()
        .map(|c| PortalCycle { starts_on: c.starts_on, ends_on: c.ends_on, used_minutes: c.used_minutes, current: c.current, tasks: c.tasks })
        .collect();
    Ok(PortalSection::Cycles { budget_minutes: plan.budget_minutes, cycles: list })
}
