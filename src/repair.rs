//! Đội từ thiện sửa chữa cầu đường: repair projects, their work log, costs and contributions.
//!
//! A project (công trình, `CT-2026-0001` per commune and year) is a bridge, road or culvert in a
//! hamlet, with its size, status (planned → active → done), dates and estimate. Each working day is
//! a line of the work log (volunteers, workdays, materials given in kind). Money given for it (PT)
//! and spent on it (PC) are entries of the repair fund linked to the project.

use crate::audit::{self, Change};
use crate::book::Book;
use crate::date;
use crate::error::{Error, Result};
use crate::ledger::{self, Asset, Category, Direction, Entry, Program};
use crate::money::Vnd;
use crate::place::{pick, Commune, CommuneId};
use crate::text;
use crate::voucher::{self, Voucher, VoucherKind};
use chrono::{Datelike, NaiveDate};
use rusqlite::params;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// What is being repaired.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WorkKind {
    /// cầu
    Bridge,
    /// đường
    Road,
    /// cống
    Culvert,
}

impl WorkKind {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            WorkKind::Bridge => "bridge",
            WorkKind::Road => "road",
            WorkKind::Culvert => "culvert",
        }
    }

    /// Vietnamese word.
    pub fn label(self) -> &'static str {
        match self {
            WorkKind::Bridge => "Cầu",
            WorkKind::Road => "Đường",
            WorkKind::Culvert => "Cống",
        }
    }

    /// Reads `bridge`, `road`, `culvert` or `cau`, `duong`, `cong`.
    pub fn parse(input: &str) -> Result<Self> {
        match text::fold(input).as_str() {
            "bridge" | "cau" => Ok(WorkKind::Bridge),
            "road" | "duong" => Ok(WorkKind::Road),
            "culvert" | "cong" => Ok(WorkKind::Culvert),
            _ => Err(Error::InvalidChoice {
                field: "Loại công trình".into(),
                input: input.into(),
                allowed: "bridge, road, culvert".into(),
            }),
        }
    }

    fn from_code(code: &str) -> Self {
        match code {
            "road" => WorkKind::Road,
            "culvert" => WorkKind::Culvert,
            _ => WorkKind::Bridge,
        }
    }
}

/// Where a project stands.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProjectStatus {
    /// dự kiến
    Planned,
    /// đang thi công
    Active,
    /// hoàn thành
    Done,
}

impl ProjectStatus {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            ProjectStatus::Planned => "planned",
            ProjectStatus::Active => "active",
            ProjectStatus::Done => "done",
        }
    }

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            ProjectStatus::Planned => "Dự kiến",
            ProjectStatus::Active => "Đang thi công",
            ProjectStatus::Done => "Hoàn thành",
        }
    }

    /// Reads `planned`, `active`, `done` (or Vietnamese without diacritics).
    pub fn parse(input: &str) -> Result<Self> {
        match text::fold(input).as_str() {
            "planned" | "du kien" => Ok(ProjectStatus::Planned),
            "active" | "dang thi cong" => Ok(ProjectStatus::Active),
            "done" | "hoan thanh" => Ok(ProjectStatus::Done),
            _ => Err(Error::InvalidChoice {
                field: "Tình trạng".into(),
                input: input.into(),
                allowed: "planned, active, done".into(),
            }),
        }
    }

    fn from_code(code: &str) -> Self {
        match code {
            "active" => ProjectStatus::Active,
            "done" => ProjectStatus::Done,
            _ => ProjectStatus::Planned,
        }
    }
}

/// A project as typed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NewProject {
    pub commune: String,
    pub name: String,
    pub kind: String,
    pub hamlet: Option<String>,
    /// Free text: "dài 12 m, rộng 2 m".
    pub size: String,
    pub estimate: Option<String>,
    /// Start date; blank means planned, not started.
    pub start: Option<String>,
}

/// A project as listed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub id: i64,
    pub code: String,
    pub commune_id: CommuneId,
    pub name: String,
    pub kind: WorkKind,
    pub hamlet: Option<String>,
    pub size: String,
    pub status: ProjectStatus,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub estimate: Option<Vnd>,
    /// Money given for it (not voided).
    pub received: Vnd,
    /// Money spent on it (not voided).
    pub spent: Vnd,
    /// Workdays logged, in tenths.
    pub workdays_tenths: i64,
}

/// One day of the work log as typed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NewWorkDay {
    pub date: String,
    pub volunteers: String,
    /// Person-days; one decimal allowed ("7,5").
    pub workdays: String,
    pub materials: String,
    pub note: String,
}

/// One day of the work log as stored.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkDay {
    pub date: NaiveDate,
    pub volunteers: i64,
    pub workdays_tenths: i64,
    pub materials: String,
    pub note: String,
}

/// Money for or against a project as typed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NewProjectMoney {
    pub date: String,
    pub amount: String,
    pub party: String,
    pub category: Option<String>,
    pub memo: String,
}

fn parse_count(field: &str, input: &str, max: i64) -> Result<i64> {
    let n: i64 = input.trim().parse().map_err(|_| Error::InvalidNumber {
        field: field.into(),
        input: input.into(),
        hint: "hãy gõ một số nguyên".into(),
    })?;
    if n < 0 {
        return Err(Error::NotPositive {
            field: field.into(),
            input: input.into(),
        });
    }
    if n > max {
        return Err(Error::TooLarge {
            field: field.into(),
            input: input.into(),
            max: max.to_string(),
        });
    }
    Ok(n)
}

/// Reads workdays with at most one decimal ("7,5", "7.5", "8"), in tenths.
fn parse_workdays(input: &str) -> Result<i64> {
    let field = "Số ngày công";
    let bad = |hint: &str| Error::InvalidNumber {
        field: field.into(),
        input: input.into(),
        hint: hint.into(),
    };
    let t = input.trim().replace(',', ".");
    let value: Decimal = t.parse().map_err(|_| bad("hãy gõ số, ví dụ 7,5"))?;
    if value.is_sign_negative() {
        return Err(Error::NotPositive {
            field: field.into(),
            input: input.into(),
        });
    }
    if value.scale() > 1 && value.normalize().scale() > 1 {
        return Err(bad("tối đa một chữ số sau dấu phẩy"));
    }
    if value > Decimal::from(10_000) {
        return Err(Error::TooLarge {
            field: field.into(),
            input: input.into(),
            max: "10.000".into(),
        });
    }
    i64::try_from((value * Decimal::from(10)).trunc()).map_err(|_| bad("không phải là số"))
}

impl Book {
    /// Adds a repair project; returns it with its code.
    pub fn add_project(&mut self, new: &NewProject) -> Result<Project> {
        let commune = self.find_commune(&new.commune)?;
        let name = text::name("Tên công trình", &new.name)?;
        let kind = WorkKind::parse(&new.kind)?;
        let hamlet = match new.hamlet.as_deref().filter(|h| !h.trim().is_empty()) {
            Some(h) => Some(self.find_hamlet(&commune, h)?),
            None => None,
        };
        let size = text::clean("Quy mô", &new.size, text::MAX_NAME)?;
        let estimate = new
            .estimate
            .as_deref()
            .filter(|e| !e.trim().is_empty())
            .map(Vnd::parse)
            .transpose()?;
        let start = new
            .start
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(date::parse)
            .transpose()?;
        let today = self.today();
        let id = self.write(|tx| {
            if let Some(s) = start {
                ledger::check_date(tx, &commune, s)?;
            }
            let year = start.unwrap_or(today).year();
            let code = voucher::next(tx, commune.id.0, VoucherKind::CT, year)?;
            let uuid = uuid::Uuid::now_v7().to_string();
            let status = if start.is_some() {
                ProjectStatus::Active
            } else {
                ProjectStatus::Planned
            };
            tx.execute(
                "INSERT INTO repair_projects (uuid, commune_id, code, name, name_fold, kind, hamlet_id,
                     size, status, start_date, estimate, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    uuid,
                    commune.id.0,
                    code.to_string(),
                    name,
                    text::fold(&name),
                    kind.code(),
                    hamlet.as_ref().map(|h| h.id.0),
                    size,
                    status.code(),
                    start,
                    estimate,
                    tx.now
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit::track_new_id(tx, "repair_projects", id)?;
            audit::record(
                tx,
                Change {
                    action: "create",
                    entity: "repair_project",
                    entity_id: &code.to_string(),
                    before: None,
                    after: Some(json!({"commune": commune.name, "name": name, "kind": kind.code(),
                        "hamlet": hamlet.as_ref().map(|h| &h.name), "size": size,
                        "estimate": estimate.map(|e| e.stored()), "start": start})),
                },
            )?;
            Ok(id)
        })?;
        self.project_by_id(id)
    }

    /// The projects of a commune, newest first.
    pub fn list_projects(&self, commune: CommuneId) -> Result<Vec<Project>> {
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM repair_projects WHERE commune_id = ?1 ORDER BY id DESC",
            )?
            .query_map([commune.0], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.project_by_id(id)).collect()
    }

    /// One project by id, with its money and workdays.
    pub fn project_by_id(&self, id: i64) -> Result<Project> {
        Ok(self.conn.query_row(
            "SELECT p.id, p.code, p.commune_id, p.name, p.kind, a.name, p.size, p.status,
                    p.start_date, p.end_date, p.estimate,
                    (SELECT ifnull(sum(amount), 0) FROM movements m WHERE m.project_id = p.id
                       AND m.direction = 'in' AND m.id NOT IN (SELECT movement_id FROM voids)),
                    (SELECT ifnull(sum(amount), 0) FROM movements m WHERE m.project_id = p.id
                       AND m.direction = 'out' AND m.id NOT IN (SELECT movement_id FROM voids)),
                    (SELECT ifnull(sum(workdays), 0) FROM repair_worklog w WHERE w.project_id = p.id)
             FROM repair_projects p LEFT JOIN hamlets a ON a.id = p.hamlet_id WHERE p.id = ?1",
            [id],
            |r| {
                Ok(Project {
                    id: r.get(0)?,
                    code: r.get(1)?,
                    commune_id: CommuneId(r.get(2)?),
                    name: r.get(3)?,
                    kind: WorkKind::from_code(&r.get::<_, String>(4)?),
                    hamlet: r.get(5)?,
                    size: r.get(6)?,
                    status: ProjectStatus::from_code(&r.get::<_, String>(7)?),
                    start: r.get(8)?,
                    end: r.get(9)?,
                    estimate: r.get(10)?,
                    received: r.get(11)?,
                    spent: r.get(12)?,
                    workdays_tenths: r.get(13)?,
                })
            },
        )?)
    }

    /// Finds a project of a commune by code (`CT-2026-0001`) or name (with or without diacritics).
    pub fn find_project(&self, commune: &Commune, key: &str) -> Result<Project> {
        let projects = self.list_projects(commune.id)?;
        let wanted = key.trim().to_uppercase();
        if let Some(p) = projects.iter().find(|p| p.code == wanted) {
            return Ok(p.clone());
        }
        let rows = projects.into_iter().map(|p| (p.name.clone(), p)).collect();
        pick(key, rows, "công trình", || Error::UnknownProject {
            code: key.trim().to_string(),
        })
    }

    /// Changes a project's status; starting sets its start date, finishing its end date.
    pub fn set_project_status(
        &mut self,
        commune: &str,
        project: &str,
        status: ProjectStatus,
        on: &str,
    ) -> Result<Project> {
        let commune = self.find_commune(commune)?;
        let p = self.find_project(&commune, project)?;
        let on = date::parse(on)?;
        self.write(|tx| {
            ledger::check_date(tx, &commune, on)?;
            let (start, end) = match status {
                ProjectStatus::Planned => (None, None),
                ProjectStatus::Active => (Some(p.start.unwrap_or(on)), None),
                ProjectStatus::Done => (Some(p.start.unwrap_or(on)), Some(on)),
            };
            audit::track_id(tx, "repair_projects", p.id)?;
            tx.execute(
                "UPDATE repair_projects SET status = ?1, start_date = ?2, end_date = ?3 WHERE id = ?4",
                params![status.code(), start, end, p.id],
            )?;
            audit::record(
                tx,
                Change {
                    action: "set_status",
                    entity: "repair_project",
                    entity_id: &p.code,
                    before: Some(json!({"status": p.status.code(), "start": p.start, "end": p.end})),
                    after: Some(json!({"status": status.code(), "start": start, "end": end})),
                },
            )?;
            Ok(())
        })?;
        self.project_by_id(p.id)
    }

    /// Adds a day to a project's work log.
    pub fn log_work(&mut self, commune: &str, project: &str, day: &NewWorkDay) -> Result<WorkDay> {
        let commune = self.find_commune(commune)?;
        let p = self.find_project(&commune, project)?;
        let on = date::parse(&day.date)?;
        let volunteers = parse_count("Số người tham gia", &day.volunteers, 10_000)?;
        let workdays = parse_workdays(&day.workdays)?;
        let materials = text::memo("Vật tư", &day.materials)?;
        let note = text::memo("Ghi chú", &day.note)?;
        // why: a finished project has no more days of work; a day before its end (a late slip)
        // is still logged.
        if let (ProjectStatus::Done, Some(end)) = (p.status, p.end) {
            if on > end {
                return Err(Error::DateOutOfRange {
                    date: date::show(on),
                    min: p.start.map(date::show).unwrap_or_else(|| "—".into()),
                    max: date::show(end),
                });
            }
        }
        self.write(|tx| {
            ledger::check_date(tx, &commune, on)?;
            let uuid = uuid::Uuid::now_v7().to_string();
            tx.execute(
                "INSERT INTO repair_worklog (uuid, project_id, date, volunteers, workdays, materials, note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![uuid, p.id, on, volunteers, workdays, materials, note, tx.now],
            )?;
            audit::track_new_id(tx, "repair_worklog", tx.last_insert_rowid())?;
            audit::record(
                tx,
                Change {
                    action: "record",
                    entity: "repair_workday",
                    entity_id: &uuid,
                    before: None,
                    after: Some(json!({"project": p.code, "date": on, "volunteers": volunteers,
                        "workdays_tenths": workdays, "materials": materials, "note": note})),
                },
            )?;
            Ok(())
        })?;
        Ok(WorkDay {
            date: on,
            volunteers,
            workdays_tenths: workdays,
            materials,
            note,
        })
    }

    /// The work log of a project, by date.
    pub fn work_log(&self, project_id: i64) -> Result<Vec<WorkDay>> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT date, volunteers, workdays, materials, note FROM repair_worklog
                 WHERE project_id = ?1 ORDER BY date, id",
            )?
            .query_map([project_id], |r| {
                Ok(WorkDay {
                    date: r.get(0)?,
                    volunteers: r.get(1)?,
                    workdays_tenths: r.get(2)?,
                    materials: r.get(3)?,
                    note: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Records money given for (`Direction::In`, PT) or spent on (`Direction::Out`, PC) a project.
    pub fn record_project_money(
        &mut self,
        commune: &str,
        project: &str,
        direction: Direction,
        money: &NewProjectMoney,
    ) -> Result<Voucher> {
        let commune = self.find_commune(commune)?;
        let p = self.find_project(&commune, project)?;
        let on = date::parse(&money.date)?;
        let amount = Vnd::parse(&money.amount)?;
        let category = match money.category.as_deref().filter(|c| !c.trim().is_empty()) {
            Some(c) => Category::parse(c, direction)?,
            None => ledger::default_category(Program::Repair, direction),
        };
        let memo = text::memo("Nội dung", &money.memo)?;
        let memo = if memo.is_empty() {
            format!("{} {}", p.code, p.name)
        } else {
            memo
        };
        self.write(|tx| {
            let party = match direction {
                Direction::In => crate::people::party_for(tx, Some(&money.party))?,
                Direction::Out => crate::people::payee_for(tx, &money.party)?,
            };
            let seq = audit::next_seq(tx)?;
            let number = ledger::post(
                tx,
                seq,
                &Entry {
                    commune: &commune,
                    program: Program::Repair,
                    asset: Asset::Cash,
                    date: on,
                    amount: amount.stored(),
                    category,
                    party_id: Some(party),
                    household_id: None,
                    hamlet_id: None,
                    trip_id: None,
                    project_id: Some(p.id),
                    households: None,
                    memo: &memo,
                },
            )?;
            audit::append(
                tx,
                seq,
                Change {
                    action: "record",
                    entity: "repair_money",
                    entity_id: &number.to_string(),
                    before: None,
                    after: Some(
                        json!({"project": p.code, "date": on, "amount": amount.stored(),
                        "category": category.code(), "party": money.party, "memo": memo}),
                    ),
                },
            )?;
            Ok(number)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workdays_take_one_decimal_either_way() {
        assert_eq!(parse_workdays("7,5").ok(), Some(75));
        assert_eq!(parse_workdays("8").ok(), Some(80));
        assert_eq!(parse_workdays("7.50").ok(), Some(75));
        assert!(parse_workdays("7,25").is_err());
        assert!(parse_workdays("-1").is_err());
        assert!(parse_workdays("bảy").is_err());
    }
}
