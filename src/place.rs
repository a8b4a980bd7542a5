//! Places: communes (xã, thị trấn, phường) and their hamlets (ấp, khóm).
//!
//! Places are data, never code: each has validity dates and a "became part of" link, so the 2025
//! merger is recorded without renaming history (old entries keep the name they were made under).
//! An entry dated outside its commune's or hamlet's validity is refused. Presets give An Phú's 14
//! units before 7/2025 and its five xã after; any other list can be typed in.

use crate::audit::{self, Change};
use crate::book::{Book, Tx};
use crate::date;
use crate::error::{Error, Result};
use crate::text;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The kind of a commune-level unit.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommuneKind {
    /// xã
    Xa,
    /// thị trấn
    ThiTran,
    /// phường
    Phuong,
}

impl CommuneKind {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            CommuneKind::Xa => "xa",
            CommuneKind::ThiTran => "thi_tran",
            CommuneKind::Phuong => "phuong",
        }
    }

    /// Vietnamese word, lowercase ("xã", "thị trấn", "phường").
    pub fn label(self) -> &'static str {
        match self {
            CommuneKind::Xa => "xã",
            CommuneKind::ThiTran => "thị trấn",
            CommuneKind::Phuong => "phường",
        }
    }

    /// Reads a code or the Vietnamese word, with or without diacritics.
    pub fn parse(input: &str) -> Result<Self> {
        match text::fold(input).replace(['-', '_'], " ").as_str() {
            "xa" => Ok(CommuneKind::Xa),
            "thi tran" | "tt" => Ok(CommuneKind::ThiTran),
            "phuong" => Ok(CommuneKind::Phuong),
            _ => Err(Error::InvalidChoice {
                field: "Loại đơn vị".into(),
                input: input.into(),
                allowed: "xa, thi-tran, phuong".into(),
            }),
        }
    }

    fn from_code(code: &str) -> Self {
        match code {
            "thi_tran" => CommuneKind::ThiTran,
            "phuong" => CommuneKind::Phuong,
            _ => CommuneKind::Xa,
        }
    }
}

/// Newtype id of a commune.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CommuneId(pub i64);

/// Newtype id of a hamlet.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct HamletId(pub i64);

/// A commune-level unit as stored.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commune {
    pub id: CommuneId,
    pub uuid: String,
    pub name: String,
    pub kind: CommuneKind,
    pub district: String,
    pub province: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    /// The name of the unit this one became part of, if merged.
    pub became_part_of: Option<String>,
    /// Set for a commune received in packages from another office's book (its identity):
    /// read-only here.
    pub received_from: Option<String>,
}

impl Commune {
    /// "Xã Phú Hữu", "Thị trấn An Phú".
    pub fn title(&self) -> String {
        let mut kind = self.kind.label().to_string();
        if let Some(first) = kind.get(0..1) {
            kind = first.to_uppercase() + &kind[1..];
        }
        // why: "xã" starts with an ASCII letter; "Thị trấn" and "Phường" too.
        format!("{kind} {}", self.name)
    }

    /// Whether the unit existed on `date`.
    pub fn valid_on(&self, date: NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| date >= f) && self.valid_to.is_none_or(|t| date <= t)
    }
}

/// A new commune to add.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NewCommune {
    pub name: String,
    pub kind: Option<CommuneKind>,
    pub district: String,
    pub province: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
}

/// A hamlet as stored.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hamlet {
    pub id: HamletId,
    pub commune_id: CommuneId,
    pub name: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
}

/// A built-in list of communes.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Preset {
    /// An Phú district, An Giang: the 14 units until 30/6/2025.
    AnPhu2024,
    /// The five xã of the area from 1/7/2025.
    AnPhu2025,
}

impl Preset {
    /// Reads `an-phu-2024`, `an-phu-2025`.
    pub fn parse(input: &str) -> Result<Option<Preset>> {
        match input.trim() {
            "an-phu-2024" => Ok(Some(Preset::AnPhu2024)),
            "an-phu-2025" => Ok(Some(Preset::AnPhu2025)),
            "none" | "" => Ok(None),
            _ => Err(Error::InvalidChoice {
                field: "Danh sách có sẵn".into(),
                input: input.into(),
                allowed: "an-phu-2024, an-phu-2025, none".into(),
            }),
        }
    }

    /// The communes of the preset.
    pub fn communes(self) -> Vec<NewCommune> {
        let unit =
            |name: &str, kind: CommuneKind, district: &str, from: Option<NaiveDate>| NewCommune {
                name: name.to_string(),
                kind: Some(kind),
                district: district.to_string(),
                province: "An Giang".to_string(),
                valid_from: from,
                valid_to: None,
            };
        match self {
            Preset::AnPhu2024 => {
                let tt = ["An Phú", "Long Bình", "Đa Phước"];
                let xa = [
                    "Khánh An",
                    "Khánh Bình",
                    "Nhơn Hội",
                    "Phú Hội",
                    "Phú Hữu",
                    "Phước Hưng",
                    "Quốc Thái",
                    "Vĩnh Hậu",
                    "Vĩnh Hội Đông",
                    "Vĩnh Lộc",
                    "Vĩnh Trường",
                ];
                tt.iter()
                    .map(|n| unit(n, CommuneKind::ThiTran, "An Phú", None))
                    .chain(xa.iter().map(|n| unit(n, CommuneKind::Xa, "An Phú", None)))
                    .collect()
            }
            Preset::AnPhu2025 => {
                let from = NaiveDate::from_ymd_opt(2025, 7, 1);
                ["An Phú", "Vĩnh Hậu", "Nhơn Hội", "Khánh Bình", "Phú Hữu"]
                    .iter()
                    .map(|n| unit(n, CommuneKind::Xa, "", from))
                    .collect()
            }
        }
    }
}

fn commune_from_row(r: &rusqlite::Row) -> rusqlite::Result<Commune> {
    let kind: String = r.get(3)?;
    Ok(Commune {
        id: CommuneId(r.get(0)?),
        uuid: r.get(1)?,
        name: r.get(2)?,
        kind: CommuneKind::from_code(&kind),
        district: r.get(4)?,
        province: r.get(5)?,
        valid_from: r.get(6)?,
        valid_to: r.get(7)?,
        became_part_of: r.get(8)?,
        received_from: r.get(9)?,
    })
}

const COMMUNE_COLUMNS: &str =
    "c.id, c.uuid, c.name, c.kind, c.district, c.province, c.valid_from, \
     c.valid_to, (SELECT p.name FROM communes p WHERE p.id = c.became_part_of), c.imported_from";

/// A place name compared loosely: without diacritics or case, and without its unit word.
// why: clerks often leave out the unit word: "phu hiep" finds "Ấp Phú Hiệp".
pub(crate) fn name_key(s: &str) -> String {
    let f = text::fold(s);
    ["ap ", "khom ", "xa ", "thi tran ", "phuong "]
        .iter()
        .find_map(|p| f.strip_prefix(p).map(str::to_string))
        .unwrap_or(f)
}

/// Finds one row by exact name, else by folded name; refuses none or several.
pub(crate) fn pick_by_name<T: Clone>(
    name: &str,
    rows: Vec<(String, T)>,
    what: &str,
    unknown: impl FnOnce() -> Error,
) -> Result<T> {
    let wanted = text::canonical(&text::clean("Tên", name, text::MAX_NAME)?);
    let exact: Vec<&(String, T)> = rows
        .iter()
        .filter(|(n, _)| text::canonical(n) == wanted)
        .collect();
    if exact.len() == 1 {
        return Ok(exact[0].1.clone());
    }
    let key = name_key;
    let folded = key(&wanted);
    let loose: Vec<&(String, T)> = rows.iter().filter(|(n, _)| key(n) == folded).collect();
    match loose.len() {
        1 => Ok(loose[0].1.clone()),
        0 => Err(unknown()),
        _ => Err(Error::AmbiguousName {
            what: what.to_string(),
            name: wanted,
            candidates: loose
                .iter()
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

pub(crate) use self::pick_by_name as pick;

impl Book {
    /// Adds a commune; its name must not already be in the list.
    pub fn add_commune(&mut self, new: &NewCommune) -> Result<Commune> {
        let id = self.write(|tx| insert_commune(tx, new))?;
        self.commune(id)
    }

    /// Adds a preset's communes; refuses if any commune already exists.
    pub fn apply_preset(&mut self, preset: Preset) -> Result<Vec<Commune>> {
        self.write(|tx| {
            let count: i64 = tx.query_row("SELECT count(*) FROM communes", [], |r| r.get(0))?;
            if count > 0 {
                return Err(Error::BookNotEmpty {
                    what: format!("{count} xã/thị trấn"),
                });
            }
            for c in preset.communes() {
                insert_commune(tx, &c)?;
            }
            Ok(())
        })?;
        self.list_communes(true)
    }

    /// One commune by id.
    pub fn commune(&self, id: CommuneId) -> Result<Commune> {
        Ok(self.conn.query_row(
            &format!("SELECT {COMMUNE_COLUMNS} FROM communes c WHERE c.id = ?1"),
            [id.0],
            commune_from_row,
        )?)
    }

    /// The communes, in the order they were entered; `include_ended` adds those merged away.
    pub fn list_communes(&self, include_ended: bool) -> Result<Vec<Commune>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COMMUNE_COLUMNS} FROM communes c ORDER BY c.id"
        ))?;
        let today = self.today();
        let all = stmt
            .query_map([], commune_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(all
            .into_iter()
            .filter(|c| include_ended || c.valid_to.is_none_or(|t| t >= today))
            .collect())
    }

    /// Finds a commune by name, exactly or without diacritics.
    pub fn find_commune(&self, name: &str) -> Result<Commune> {
        let communes = self.list_communes(true)?;
        // why: after a merger two units can share a name ("Thị trấn An Phú", "Xã An Phú"); the
        // title tells them apart.
        let typed = text::clean("Tên xã", name, text::MAX_NAME)?;
        if let Some(c) = communes.iter().find(|c| c.title() == typed) {
            return Ok(c.clone());
        }
        let rows = communes
            .iter()
            .map(|c| (c.name.clone(), c.clone()))
            .collect();
        pick_by_name(name, rows, "xã", || Error::UnknownCommune {
            name: name.trim().to_string(),
        })
        .map_err(|e| match e {
            Error::AmbiguousName { what, name, .. } => Error::AmbiguousName {
                candidates: communes
                    .iter()
                    .filter(|c| text::fold(&c.name) == text::fold(&name))
                    .map(|c| c.title())
                    .collect::<Vec<_>>()
                    .join(", "),
                what,
                name,
            },
            other => other,
        })
    }

    /// Records that `from` became part of `into` on `date` (its last day is the day before).
    ///
    /// Refused when it would hurt the books: a commune into itself, a merge in a circle, a
    /// commune already merged, a date before the commune began, a date inside a closed month of
    /// either commune, or entries of `from` already recorded on or after `date` (they would fall
    /// outside their commune's life).
    pub fn merge_commune(&mut self, from: &str, into: &str, date: NaiveDate) -> Result<()> {
        let old = self.find_commune(from)?;
        let new = self.find_commune(into)?;
        check_writable(&old)?;
        let last = date.pred_opt().unwrap_or(date);
        let refuse = |reason: String| Error::MergeRefused {
            from: old.title(),
            into: new.title(),
            reason,
        };
        if old.id == new.id {
            return Err(refuse("không thể sáp nhập một xã vào chính nó".into()));
        }
        if let Some(to) = &old.became_part_of {
            return Err(refuse(format!("{} đã sáp nhập vào {to} rồi", old.title())));
        }
        // why: a merge in a circle would leave no unit to carry the books.
        let mut step = Some(new.id);
        let mut seen = 0;
        while let Some(id) = step {
            if id == old.id {
                return Err(refuse(format!(
                    "{} đã thuộc về {} (sáp nhập vòng tròn)",
                    new.title(),
                    old.title()
                )));
            }
            seen += 1;
            if seen > 1000 {
                break;
            }
            step = self
                .conn
                .query_row(
                    "SELECT became_part_of FROM communes WHERE id = ?1",
                    [id.0],
                    |r| r.get::<_, Option<i64>>(0),
                )
                .optional()?
                .flatten()
                .map(CommuneId);
        }
        if old.valid_from.is_some_and(|f| date <= f) {
            return Err(refuse(format!(
                "ngày sáp nhập {} không sau ngày {} bắt đầu",
                date::show(date),
                old.title()
            )));
        }
        self.write(|tx| {
            let recorded: Option<(String, String)> = tx
                .query_row(
                    "SELECT date, label FROM (
                       SELECT date, voucher_kind || '-' || voucher_year || '-' || printf('%04d', voucher_seq) AS label
                         FROM movements WHERE commune_id = ?1 AND date >= ?2
                       UNION ALL SELECT date, number FROM trips WHERE commune_id = ?1 AND date >= ?2
                       UNION ALL SELECT w.date, p.code FROM repair_worklog w
                         JOIN repair_projects p ON p.id = w.project_id
                         WHERE p.commune_id = ?1 AND w.date >= ?2)
                     ORDER BY date LIMIT 1",
                    params![old.id.0, date],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((on, label)) = recorded {
                return Err(refuse(format!(
                    "{} đã có phiếu {label} ngày {} từ ngày sáp nhập trở đi; hãy chọn ngày sáp nhập sau ngày đó",
                    old.title(),
                    NaiveDate::parse_from_str(&on, "%Y-%m-%d")
                        .map(date::show)
                        .unwrap_or(on)
                )));
            }
            let month = crate::date::Month::of(date);
            for c in [&old, &new] {
                let closed: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM month_locks WHERE commune_id = ?1 AND month = ?2)",
                    params![c.id.0, month.to_string()],
                    |r| r.get(0),
                )?;
                if closed {
                    return Err(Error::MonthClosed {
                        commune: c.title(),
                        month: month.show(),
                    });
                }
            }
            audit::track_id(tx, "communes", old.id.0)?;
            tx.execute(
                "UPDATE communes SET valid_to = ?1, became_part_of = ?2 WHERE id = ?3",
                params![last, new.id.0, old.id.0],
            )?;
            audit::record(
                tx,
                Change {
                    action: "merge",
                    entity: "commune",
                    entity_id: &old.uuid,
                    before: Some(
                        json!({"valid_to": old.valid_to, "became_part_of": old.became_part_of}),
                    ),
                    after: Some(json!({"valid_to": last, "became_part_of": new.name})),
                },
            )?;
            Ok(())
        })
    }

    /// Adds a hamlet to a commune; its name must be new within the commune.
    pub fn add_hamlet(&mut self, commune: &str, name: &str) -> Result<Hamlet> {
        let commune = self.find_commune(commune)?;
        let name = text::name("Tên ấp", name)?;
        let id = self.write(|tx| insert_hamlet(tx, &commune, &name))?;
        Ok(Hamlet {
            id,
            commune_id: commune.id,
            name,
            valid_from: None,
            valid_to: None,
        })
    }

    /// The hamlets of a commune, by name.
    pub fn list_hamlets(&self, commune: CommuneId) -> Result<Vec<Hamlet>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, commune_id, name, valid_from, valid_to FROM hamlets
             WHERE commune_id = ?1 ORDER BY name_fold",
        )?;
        let rows = stmt
            .query_map([commune.0], |r| {
                Ok(Hamlet {
                    id: HamletId(r.get(0)?),
                    commune_id: CommuneId(r.get(1)?),
                    name: r.get(2)?,
                    valid_from: r.get(3)?,
                    valid_to: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Finds a hamlet of a commune by name, exactly or without diacritics.
    pub fn find_hamlet(&self, commune: &Commune, name: &str) -> Result<Hamlet> {
        let rows = self
            .list_hamlets(commune.id)?
            .into_iter()
            .map(|h| (h.name.clone(), h))
            .collect();
        pick_by_name(name, rows, "ấp", || Error::UnknownHamlet {
            name: name.trim().to_string(),
            commune: commune.title(),
        })
    }
}

/// The kind word a clerk typed at the start of a commune's name, and the name without it:
/// "Xã Vĩnh Trường" → (xã, "Vĩnh Trường"), "TT Long Bình" → (thị trấn, "Long Bình"), "P. Mỹ Bình"
/// and "P.Mỹ Bình" → (phường, "Mỹ Bình"); also "thị trấn", "phường", "X.", "TT.", in any case and
/// with or without diacritics. A name that is nothing but the word, or that starts with a word
/// merely folding to one ("Xà Phiên"), is left whole: (None, name).
// why: a commune kept as "Xã Vĩnh Trường" is titled "Xã Xã Vĩnh Trường" in every heading.
pub fn split_commune_kind(name: &str) -> (Option<CommuneKind>, &str) {
    let trimmed = name.trim_start();
    // Whole words (followed by a space), with their diacritics typed or left out.
    let words: [(&str, CommuneKind); 3] = [
        ("thị trấn", CommuneKind::ThiTran),
        ("phường", CommuneKind::Phuong),
        ("xã", CommuneKind::Xa),
    ];
    for (word, kind) in words {
        let len = word.split(' ').count();
        let mut parts = trimmed.splitn(len + 1, char::is_whitespace);
        let head: Vec<&str> = parts.by_ref().take(len).collect();
        if head.len() == len && text::fits(&head.join(" "), word) {
            if let Some(rest) = parts.next().map(str::trim).filter(|r| !r.is_empty()) {
                return (Some(kind), rest);
            }
        }
    }
    // Abbreviations: "TT" with or without its dot, "P." and "X." only with it.
    let abbreviations: [(&str, CommuneKind); 4] = [
        ("tt.", CommuneKind::ThiTran),
        ("tt ", CommuneKind::ThiTran),
        ("p.", CommuneKind::Phuong),
        ("x.", CommuneKind::Xa),
    ];
    for (abbreviation, kind) in abbreviations {
        let Some(head) = trimmed.get(..abbreviation.len()) else {
            continue;
        };
        if head.to_lowercase() == abbreviation {
            let rest = trimmed[abbreviation.len()..].trim();
            if !rest.is_empty() {
                return (Some(kind), rest);
            }
        }
    }
    (None, name)
}

pub(crate) fn insert_commune(tx: &Tx, new: &NewCommune) -> Result<CommuneId> {
    let typed = text::name("Tên xã", &new.name)?;
    let (in_name, bare) = split_commune_kind(&typed);
    let kind = match (new.kind, in_name) {
        (Some(chosen), Some(said)) if chosen != said => {
            return Err(Error::CommuneKindConflict {
                name: typed.clone(),
                in_name: said.label().into(),
                chosen: chosen.label().into(),
            })
        }
        (Some(kind), _) | (None, Some(kind)) => kind,
        (None, None) => CommuneKind::Xa,
    };
    let name = bare.to_string();
    let district = text::clean("Huyện", &new.district, text::MAX_NAME)?;
    let province = text::clean("Tỉnh", &new.province, text::MAX_NAME)?;
    let fold = text::fold(&name);
    // why: "Tân Hoà", "Tân Hòa" and "Tan Hoa" print as one place; a second one would split
    // its books. Units of another kind may share a name after a merger ("Thị trấn An Phú",
    // "Xã An Phú"): their titles tell them apart.
    let existing: Option<String> = tx
        .query_row(
            "SELECT name FROM communes WHERE name_fold = ?1 AND kind = ?2",
            params![fold, kind.code()],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(existing) = existing {
        return Err(if text::canonical(&existing) == name {
            Error::DuplicateName {
                what: "Xã".into(),
                name,
            }
        } else {
            Error::LookalikeName {
                what: kind.label().into(),
                name,
                existing,
            }
        });
    }
    if let (Some(f), Some(t)) = (new.valid_from, new.valid_to) {
        if t < f {
            return Err(Error::DateOutOfRange {
                date: date::show(t),
                min: date::show(f),
                max: "—".into(),
            });
        }
    }
    let uuid = uuid::Uuid::now_v7().to_string();
    tx.execute(
        "INSERT INTO communes (uuid, name, name_fold, kind, district, province, valid_from, valid_to, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            uuid,
            name,
            fold,
            kind.code(),
            district,
            province,
            new.valid_from,
            new.valid_to,
            tx.now
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::track_new_id(tx, "communes", id)?;
    audit::record(
        tx,
        Change {
            action: "create",
            entity: "commune",
            entity_id: &uuid,
            before: None,
            after: Some(json!({"name": name, "kind": kind.code(),
                "district": district, "province": province,
                "valid_from": new.valid_from, "valid_to": new.valid_to})),
        },
    )?;
    Ok(CommuneId(id))
}

pub(crate) fn insert_hamlet(tx: &Tx, commune: &Commune, name: &str) -> Result<HamletId> {
    check_writable(commune)?;
    let fold = text::fold(name);
    // why: hamlets are told apart by name alone on every printout; look-alikes are one hamlet.
    let existing: Option<String> = tx
        .query_row(
            "SELECT name FROM hamlets WHERE commune_id = ?1 AND name_fold = ?2",
            params![commune.id.0, fold],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(existing) = existing {
        return Err(if text::canonical(&existing) == name {
            Error::DuplicateName {
                what: format!("Ấp của {}", commune.title()),
                name: name.to_string(),
            }
        } else {
            Error::LookalikeName {
                what: format!("ấp của {}", commune.title()),
                name: name.to_string(),
                existing,
            }
        });
    }
    let uuid = uuid::Uuid::now_v7().to_string();
    tx.execute(
        "INSERT INTO hamlets (uuid, commune_id, name, name_fold, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![uuid, commune.id.0, name, fold, tx.now],
    )?;
    let id = tx.last_insert_rowid();
    audit::track_new_id(tx, "hamlets", id)?;
    audit::record(
        tx,
        Change {
            action: "create",
            entity: "hamlet",
            entity_id: &uuid,
            before: None,
            after: Some(json!({"commune": commune.name, "name": name})),
        },
    )?;
    Ok(HamletId(id))
}

/// Refuses any write into a commune received from another office's book (read-only here).
pub(crate) fn check_writable(commune: &Commune) -> Result<()> {
    match commune.received_from {
        Some(_) => Err(Error::ReceivedCommune {
            commune: commune.title(),
        }),
        None => Ok(()),
    }
}

/// Refuses a write into the commune with this id when it was received in packages.
pub(crate) fn check_writable_id(conn: &rusqlite::Connection, commune: i64) -> Result<()> {
    let received: Option<String> = conn.query_row(
        "SELECT imported_from FROM communes WHERE id = ?1",
        [commune],
        |r| r.get(0),
    )?;
    if received.is_some() {
        let name: String =
            conn.query_row("SELECT name FROM communes WHERE id = ?1", [commune], |r| {
                r.get(0)
            })?;
        return Err(Error::ReceivedCommune { commune: name });
    }
    Ok(())
}

/// Refuses an entry dated outside the commune's validity, naming its successor when merged.
pub(crate) fn check_valid_on(commune: &Commune, date_: NaiveDate) -> Result<()> {
    if commune.valid_on(date_) {
        return Ok(());
    }
    let period = match (commune.valid_from, commune.valid_to) {
        (Some(f), Some(t)) => format!("từ {} đến {}", date::show(f), date::show(t)),
        (Some(f), None) => format!("từ {}", date::show(f)),
        (None, Some(t)) => format!("đến {}", date::show(t)),
        (None, None) => String::new(),
    };
    Err(Error::PlaceNotValidOn {
        place: commune.title(),
        date: date::show(date_),
        period,
        successor: commune
            .became_part_of
            .as_ref()
            .map(|s| format!(" (đã sáp nhập vào {s})"))
            .unwrap_or_default(),
    })
}
