//! Dates and months as the office writes them.
//!
//! A date is the office's local calendar day (`chrono::NaiveDate`); it is typed as `dd/mm/yyyy`
//! (one-digit day and month allowed) or `yyyy-mm-dd`, shown as `dd/mm/yyyy`, and must lie between
//! 01/01/2000 and the end of next year (so a mistyped year is caught). A month is `yyyy-mm`.

use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The first day the books accept.
pub fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The last day the books accept, given today: the end of next year.
pub fn latest(today: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(today.year() + 1, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// Reads `dd/mm/yyyy`, `d/m/yyyy` or `yyyy-mm-dd`; refuses anything else and impossible days.
pub fn parse(input: &str) -> Result<NaiveDate> {
    let text = input.trim();
    let bad = || Error::InvalidDate {
        input: input.to_string(),
    };
    let parts: Vec<&str>;
    let (y, m, d) = if text.contains('/') {
        parts = text.split('/').collect();
        match parts.as_slice() {
            [d, m, y]
                if y.len() == 4 && (1..=2).contains(&d.len()) && (1..=2).contains(&m.len()) =>
            {
                (*y, *m, *d)
            }
            _ => return Err(bad()),
        }
    } else {
        parts = text.split('-').collect();
        match parts.as_slice() {
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => (*y, *m, *d),
            _ => return Err(bad()),
        }
    };
    let num = |s: &str| -> Result<u32> {
        if s.chars().all(|c| c.is_ascii_digit()) {
            s.parse().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    let year = num(y)? as i32;
    NaiveDate::from_ymd_opt(year, num(m)?, num(d)?).ok_or_else(bad)
}

/// Reads a date and checks it lies in the accepted range.
pub fn parse_in_range(input: &str, today: NaiveDate) -> Result<NaiveDate> {
    let date = parse(input)?;
    check_range(date, today)?;
    Ok(date)
}

/// Refuses a date before 2000 or after the end of next year.
pub fn check_range(date: NaiveDate, today: NaiveDate) -> Result<()> {
    let (min, max) = (earliest(), latest(today));
    if date < min || date > max {
        return Err(Error::DateOutOfRange {
            date: show(date),
            min: show(min),
            max: show(max),
        });
    }
    Ok(())
}

/// `dd/mm/yyyy`, as printed everywhere.
pub fn show(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// A calendar month, the unit of closing and of reports.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "ts", ts(type = "string"))]
pub struct Month {
    year: i32,
    month: u32,
}

impl Month {
    /// The month holding a date.
    pub fn of(date: NaiveDate) -> Self {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// A month from its numbers, if real.
    pub fn new(year: i32, month: u32) -> Option<Self> {
        ((1..=12).contains(&month) && (1900..=9999).contains(&year))
            .then_some(Month { year, month })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month number, 1–12.
    pub fn number(self) -> u32 {
        self.month
    }

    /// The first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day.
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    /// The following month.
    pub fn next(self) -> Self {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The preceding month.
    pub fn prev(self) -> Self {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// `mm/yyyy`, as printed in Vietnamese documents.
    pub fn show(self) -> String {
        format!("{:02}/{}", self.month, self.year)
    }
}

impl fmt::Display for Month {
    /// `yyyy-mm`, the stored and typed form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = Error;

    /// Reads `yyyy-mm` or `mm/yyyy`.
    fn from_str(input: &str) -> Result<Self> {
        let text = input.trim();
        let bad = || Error::InvalidMonth {
            input: input.to_string(),
        };
        let (y, m) = if let Some((m, y)) = text.split_once('/') {
            (y, m)
        } else if let Some((y, m)) = text.split_once('-') {
            (y, m)
        } else {
            return Err(bad());
        };
        if y.len() != 4
            || m.is_empty()
            || m.len() > 2
            || !(y.chars().chain(m.chars()).all(|c| c.is_ascii_digit()))
        {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        Month::new(year, month).ok_or_else(bad)
    }
}

impl TryFrom<String> for Month {
    type Error = Error;
    fn try_from(value: String) -> Result<Self> {
        value.parse()
    }
}

impl From<Month> for String {
    fn from(m: Month) -> String {
        m.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("test date")
    }

    #[test]
    fn both_office_formats_are_read() {
        assert_eq!(parse("05/02/2026").ok(), Some(d(2026, 2, 5)));
        assert_eq!(parse("5/2/2026").ok(), Some(d(2026, 2, 5)));
        assert_eq!(parse("2026-02-05").ok(), Some(d(2026, 2, 5)));
    }

    #[test]
    fn impossible_and_malformed_dates_are_refused() {
        for bad in [
            "30/02/2026",
            "01/13/2026",
            "2026-13-01",
            "2026-2-5",
            "05/02/26",
            "hôm qua",
            "",
            "05-02-2026",
        ] {
            assert_eq!(
                parse(bad).err().map(|e| e.code()),
                Some("invalid_date"),
                "{bad}"
            );
        }
    }

    #[test]
    fn dates_outside_the_books_are_refused() {
        let today = d(2026, 11, 27);
        assert_eq!(
            parse_in_range("31/12/1999", today).err().map(|e| e.code()),
            Some("date_out_of_range")
        );
        assert!(parse_in_range("31/12/2027", today).is_ok());
        assert!(parse_in_range("01/01/2028", today).is_err());
    }

    #[test]
    fn months_read_and_step() {
        let m: Month = "2026-12".parse().expect("month");
        assert_eq!(m.next().to_string(), "2027-01");
        assert_eq!("02/2026".parse::<Month>().ok(), Month::new(2026, 2));
        assert_eq!(
            Month::new(2024, 2).map(|m| m.last_day()),
            Some(d(2024, 2, 29))
        );
        assert!("2026-13".parse::<Month>().is_err());
    }
}
