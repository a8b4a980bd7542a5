//! Vietnamese lunar calendar (âm lịch).
//!
//! Why this module exists: in commune charity work rice and gifts are
//! collected and handed out on lunar dates, above all on *ngày rằm*, the
//! 15th day of a lunar month. Clerks record "rằm tháng 10" or "mùng 1 Tết",
//! not a solar date, so the books need to turn a lunar date into the solar
//! date it falls on (and back) to sort, total and remind.
//!
//! The calendar computed here is the **Vietnamese** one: it is worked out
//! astronomically for the meridian 105° E (UTC+7), following Hồ Ngọc Đức's
//! well known algorithm:
//!
//! * a lunar month starts on the day (in UTC+7) of a new moon;
//! * the month containing the winter solstice is month 11;
//! * a year (from one month 11 to the next) with 13 months has a leap
//!   month, which is the first month after month 11 that contains no major
//!   solar term (*trung khí*); it takes the number of the month before it.
//!
//! Because the day boundary is taken at UTC+7 and not at UTC+8, the result
//! differs from the Chinese calendar in some years: Tết 1985 was on
//! 21 January in Vietnam but on 20 February in China, and Tết 2007 was on
//! 17 February in Vietnam but on 18 February in China (and Tết 2030 will be on
//! 2 February in Vietnam, 3 February in China). Vietnam adopted the UTC+7
//! calendar officially in 1967, for 1968 on; dates earlier than that are
//! given here as the UTC+7 computation says, which may differ from
//! calendars printed at the time.
//!
//! No table of years is used: every date is computed from the new moons and
//! the sun's longitude. The supported range is every solar date from
//! 1900-01-01 up to the last day of lunar year 2100 (2101-01-28), that is
//! every lunar year from 1900 to 2100 in full, plus the last days of lunar
//! year 1899 that fall in January 1900. Functions return `None` outside it.

use std::f64::consts::PI;
use std::fmt;

use chrono::{Datelike, NaiveDate};

/// Hours east of Greenwich of the meridian the calendar is computed for.
const TIME_ZONE_HOURS: f64 = 7.0;

/// Julian day number minus `NaiveDate::num_days_from_ce`.
const JDN_CE_OFFSET: i64 = 1_721_425;

/// Mean length of a lunation, in days.
const SYNODIC_MONTH: f64 = 29.530_588_853;

/// Julian date of the mean new moon used as lunation 0 (1900-01-01).
const NEW_MOON_EPOCH: f64 = 2_415_021.076_998_695;

/// Julian day number of 1900-01-01, the first supported solar date.
const MIN_JDN: i64 = 2_415_021;

/// Julian day number of 2101-01-28, the last day of lunar year 2100 and the
/// last supported solar date (Tết 2101 is on 2101-01-29).
const MAX_JDN: i64 = 2_488_462;

/// Lunar years that internal computations accept at all; the public
/// functions narrow this further to the supported solar range.
const MIN_LUNAR_YEAR: i32 = 1899;
const MAX_LUNAR_YEAR: i32 = 2101;

/// A date of the Vietnamese lunar calendar.
///
/// `month` is 1 to 12 and `day` 1 to 30; `leap` marks the repeated (tháng
/// nhuận) copy of `month`, which follows the ordinary one.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct LunarDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub leap: bool,
}

impl fmt::Display for LunarDate {
    /// Formats as clerks write it: `15/10/2026 ÂL`, `01/06 nhuận/2025 ÂL`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let leap = if self.leap { " nhuận" } else { "" };
        write!(
            f,
            "{:02}/{:02}{}/{} ÂL",
            self.day, self.month, leap, self.year
        )
    }
}

/// Converts a solar (Gregorian) date to the Vietnamese lunar date.
///
/// Returns `None` outside the supported range (see the module docs).
pub fn solar_to_lunar(date: NaiveDate) -> Option<LunarDate> {
    let jdn = jdn_from_date(date);
    if !(MIN_JDN..=MAX_JDN).contains(&jdn) {
        return None;
    }
    Some(jdn_to_lunar(jdn, date.year()))
}

/// Converts a Vietnamese lunar date to the solar (Gregorian) date.
///
/// Returns `None` if that lunar date does not exist (month or day out of
/// bounds, day 30 of a 29-day month, `leap` set on a month that is not
/// doubled that year) or falls outside the supported range.
pub fn lunar_to_solar(date: LunarDate) -> Option<NaiveDate> {
    let jdn = lunar_to_jdn(date)?;
    if !(MIN_JDN..=MAX_JDN).contains(&jdn) {
        return None;
    }
    let solar = date_from_jdn(jdn)?;
    // The month start plus the day is a valid solar date even when the lunar
    // date is not (e.g. day 30 of a 29-day month lands on the next month's
    // first day): converting back tells the two apart.
    if jdn_to_lunar(jdn, solar.year()) == date {
        Some(solar)
    } else {
        None
    }
}

/// Solar date of Tết Nguyên Đán (1/1 lunar) of the given lunar year.
pub fn tet(year: i32) -> Option<NaiveDate> {
    lunar_to_solar(LunarDate {
        year,
        month: 1,
        day: 1,
        leap: false,
    })
}

/// Solar date of ngày rằm (the 15th) of the given lunar month.
pub fn ram(lunar_year: i32, lunar_month: u8, leap: bool) -> Option<NaiveDate> {
    lunar_to_solar(LunarDate {
        year: lunar_year,
        month: lunar_month,
        day: 15,
        leap,
    })
}

/// The month that is doubled (tháng nhuận) in the given lunar year, if any.
///
/// Also `None` for years outside the supported range.
pub fn leap_month(lunar_year: i32) -> Option<u8> {
    (1..=12u8).find(|&month| {
        lunar_to_solar(LunarDate {
            year: lunar_year,
            month,
            day: 1,
            leap: true,
        })
        .is_some()
    })
}

/// The sexagenary (can chi) name of a lunar year, e.g. 2026 → "Bính Ngọ".
pub fn can_chi(lunar_year: i32) -> String {
    const CAN: [&str; 10] = [
        "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý",
    ];
    const CHI: [&str; 12] = [
        "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi",
    ];
    let year = i64::from(lunar_year);
    // Year 4 (and so 1984, 2044) is Giáp Tý. Both indices are in bounds
    // because rem_euclid never returns a negative number.
    let can = CAN[(year + 6).rem_euclid(10) as usize];
    let chi = CHI[(year + 8).rem_euclid(12) as usize];
    format!("{can} {chi}")
}

// ---------------------------------------------------------------------------
// Day numbers
// ---------------------------------------------------------------------------

fn jdn_from_date(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + JDN_CE_OFFSET
}

fn date_from_jdn(jdn: i64) -> Option<NaiveDate> {
    let days = i32::try_from(jdn - JDN_CE_OFFSET).ok()?;
    NaiveDate::from_num_days_from_ce_opt(days)
}

/// Julian day number of a proleptic Gregorian date (no range check needed:
/// callers pass years within a few of the supported range).
fn jdn_from_ymd(year: i32, month: i64, day: i64) -> i64 {
    let a = (14 - month) / 12;
    let y = i64::from(year) + 4800 - a;
    let m = month + 12 * a - 3;
    day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
}

// ---------------------------------------------------------------------------
// Astronomy
// ---------------------------------------------------------------------------

/// Julian date (UTC) of the `k`-th new moon after the one of 1900-01-01,
/// after Jean Meeus, "Astronomical Algorithms" (1998).
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85; // Julian centuries since 1900-01-01 12:00
    let t2 = t * t;
    let t3 = t2 * t;
    let dr = PI / 180.0;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin();
    // Sun's mean anomaly, moon's mean anomaly, moon's argument of latitude.
    let m = 359.224_2 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mpr = 306.025_3 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.296_4 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    let mut c1 = (0.1734 - 0.000_393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
    c1 = c1 - 0.4068 * (mpr * dr).sin() + 0.0161 * (dr * 2.0 * mpr).sin();
    c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
    c1 = c1 + 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
    c1 = c1 - 0.0074 * (dr * (m - mpr)).sin() + 0.0004 * (dr * (2.0 * f + m)).sin();
    c1 = c1 - 0.0004 * (dr * (2.0 * f - m)).sin() - 0.0006 * (dr * (2.0 * f + mpr)).sin();
    c1 = c1 + 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    // Difference between terrestrial time and universal time.
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    jd1 + c1 - delta_t
}

/// Julian day number of the local (UTC+7) day of the `k`-th new moon.
fn new_moon_day(k: i64) -> i64 {
    (new_moon(k) + 0.5 + TIME_ZONE_HOURS / 24.0).floor() as i64
}

/// Apparent longitude of the sun, in radians in [0, 2π), at Julian date
/// `jd` (UTC).
fn sun_longitude(jd: f64) -> f64 {
    let t = (jd - 2_451_545.0) / 36_525.0; // Julian centuries since J2000
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mut dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin();
    dl += (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin() + 0.000_290 * (dr * 3.0 * m).sin();
    let l = (l0 + dl) * dr;
    l.rem_euclid(2.0 * PI)
}

/// Which of the 12 major-term sectors (0..=11, each 30° of solar longitude,
/// 0 starting at the spring equinox) the sun is in at the start of the
/// local day `jdn`. The sector changes exactly on days with a major term.
fn sun_sector(jdn: i64) -> i64 {
    let jd = jdn as f64 - 0.5 - TIME_ZONE_HOURS / 24.0;
    (sun_longitude(jd) / PI * 6.0).floor() as i64
}

/// Julian day number of the first day of lunar month 11 (the month that
/// contains the winter solstice) that begins in solar year `year`.
fn lunar_month_11(year: i32) -> i64 {
    let off = jdn_from_ymd(year, 12, 31) - MIN_JDN;
    let k = (off as f64 / SYNODIC_MONTH).floor() as i64;
    let nm = new_moon_day(k);
    // The new moon before 31 December starts month 11 unless the sun had
    // already passed 270° (the winter solstice) on its day.
    if sun_sector(nm) >= 9 {
        new_moon_day(k - 1)
    } else {
        nm
    }
}

/// In a 13-month year starting with month 11 at day `a11`, how many months
/// after month 11 the leap month comes (1 means the month right after
/// month 11 is the leap month 11).
fn leap_month_offset(a11: i64) -> i64 {
    let k = ((a11 as f64 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5).floor() as i64;
    let mut i = 1;
    let mut arc = sun_sector(new_moon_day(k + i));
    loop {
        let last = arc;
        i += 1;
        arc = sun_sector(new_moon_day(k + i));
        // Same sector at the start of two consecutive months: the month
        // between them has no major term.
        if arc == last || i >= 14 {
            break;
        }
    }
    i - 1
}

// ---------------------------------------------------------------------------
// Conversions on day numbers
// ---------------------------------------------------------------------------

/// Lunar date of the day `jdn`, whose solar year is `solar_year`.
fn jdn_to_lunar(jdn: i64, solar_year: i32) -> LunarDate {
    // Start of the lunar month containing `jdn`: the last new moon day on or
    // before it. The mean lunation gives a first guess; the true new moon
    // can be more than half a day away from the mean one, so walk to the
    // right lunation (at most one or two steps) instead of trusting it.
    let mut k = ((jdn as f64 - NEW_MOON_EPOCH) / SYNODIC_MONTH).floor() as i64 + 1;
    for _ in 0..4 {
        if new_moon_day(k) > jdn {
            k -= 1;
        } else if new_moon_day(k + 1) <= jdn {
            k += 1;
        } else {
            break;
        }
    }
    let month_start = new_moon_day(k);
    let mut a11 = lunar_month_11(solar_year);
    let mut b11 = a11;
    let mut lunar_year;
    if a11 >= month_start {
        lunar_year = solar_year;
        a11 = lunar_month_11(solar_year - 1);
    } else {
        lunar_year = solar_year + 1;
        b11 = lunar_month_11(solar_year + 1);
    }
    let day = jdn - month_start + 1;
    let diff = (month_start - a11) / 29;
    let mut leap = false;
    let mut month = diff + 11;
    if b11 - a11 > 365 {
        let leap_diff = leap_month_offset(a11);
        if diff >= leap_diff {
            month = diff + 10;
            leap = diff == leap_diff;
        }
    }
    if month > 12 {
        month -= 12;
    }
    if month >= 11 && diff < 4 {
        lunar_year -= 1;
    }
    LunarDate {
        year: lunar_year,
        // Both are small positive numbers (1..=12, 1..=30) by construction.
        month: u8::try_from(month).unwrap_or(0),
        day: u8::try_from(day).unwrap_or(0),
        leap,
    }
}

/// Julian day number of a lunar date, without checking that the day exists
/// in its month (callers convert back to check). `None` if the month, the
/// day or the leap flag is impossible, or the year is far out of range.
fn lunar_to_jdn(date: LunarDate) -> Option<i64> {
    if !(1..=12).contains(&date.month)
        || !(1..=30).contains(&date.day)
        || !(MIN_LUNAR_YEAR..=MAX_LUNAR_YEAR).contains(&date.year)
    {
        return None;
    }
    let year = date.year;
    let month = i64::from(date.month);
    let (a11, b11) = if month < 11 {
        (lunar_month_11(year - 1), lunar_month_11(year))
    } else {
        (lunar_month_11(year), lunar_month_11(year + 1))
    };
    let k = ((a11 as f64 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5).floor() as i64;
    let mut off = month - 11;
    if off < 0 {
        off += 12;
    }
    if b11 - a11 > 365 {
        let leap_off = leap_month_offset(a11);
        let mut leap_month = leap_off - 2;
        if leap_month < 0 {
            leap_month += 12;
        }
        if date.leap && month != leap_month {
            return None;
        }
        if date.leap || off >= leap_off {
            off += 1;
        }
    } else if date.leap {
        return None;
    }
    Some(new_moon_day(k + off) + i64::from(date.day) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn lunar(year: i32, month: u8, day: u8, leap: bool) -> LunarDate {
        LunarDate {
            year,
            month,
            day,
            leap,
        }
    }

    /// Tết Nguyên Đán in Vietnam, from published calendars (not from this
    /// code). 1985, 2007 and 2030 are the years where Vietnam and China
    /// differ.
    const PUBLISHED_TET: &[(i32, u32, u32)] = &[
        (1985, 1, 21),
        (1990, 1, 27),
        (1991, 2, 15),
        (1992, 2, 4),
        (1993, 1, 23),
        (1994, 2, 10),
        (1995, 1, 31),
        (1996, 2, 19),
        (1997, 2, 7),
        (1998, 1, 28),
        (1999, 2, 16),
        (2000, 2, 5),
        (2001, 1, 24),
        (2002, 2, 12),
        (2003, 2, 1),
        (2004, 1, 22),
        (2005, 2, 9),
        (2006, 1, 29),
        (2007, 2, 17),
        (2008, 2, 7),
        (2009, 1, 26),
        (2010, 2, 14),
        (2011, 2, 3),
        (2012, 1, 23),
        (2013, 2, 10),
        (2014, 1, 31),
        (2015, 2, 19),
        (2016, 2, 8),
        (2017, 1, 28),
        (2018, 2, 16),
        (2019, 2, 5),
        (2020, 1, 25),
        (2021, 2, 12),
        (2022, 2, 1),
        (2023, 1, 22),
        (2024, 2, 10),
        (2025, 1, 29),
        (2026, 2, 17),
        (2027, 2, 6),
        (2028, 1, 26),
        (2029, 2, 13),
        (2030, 2, 2),
        (2031, 1, 23),
        (2032, 2, 11),
        (2033, 1, 31),
        (2034, 2, 19),
        (2035, 2, 8),
    ];

    #[test]
    fn tet_matches_published_dates_1990_to_2035() {
        let years: Vec<i32> = PUBLISHED_TET.iter().map(|&(y, _, _)| y).collect();
        let mut expected_years = vec![1985];
        expected_years.extend(1990..=2035);
        assert_eq!(years, expected_years, "the table must cover every year");

        for &(year, month, day) in PUBLISHED_TET {
            let published = d(year, month, day);
            assert_eq!(tet(year), Some(published), "Tết {year}");
            assert_eq!(
                solar_to_lunar(published),
                Some(lunar(year, 1, 1, false)),
                "Tết {year} converted back"
            );
            let eve =
                solar_to_lunar(published.pred_opt().expect("has a day before")).expect("in range");
            assert_eq!(eve.year, year - 1, "day before Tết {year}");
            assert_eq!(eve.month, 12, "day before Tết {year}");
            assert!(eve.day == 29 || eve.day == 30, "day before Tết {year}");
        }
    }

    #[test]
    fn vietnam_differs_from_the_chinese_calendar_in_1985_2007_and_2030() {
        // The Chinese (UTC+8) dates are 1985-02-20, 2007-02-18, 2030-02-03.
        assert_eq!(tet(1985), Some(d(1985, 1, 21)));
        assert_eq!(solar_to_lunar(d(1985, 2, 20)).map(|l| l.year), Some(1985));
        assert_eq!(tet(2007), Some(d(2007, 2, 17)));
        assert_eq!(
            solar_to_lunar(d(2007, 2, 18)),
            Some(lunar(2007, 1, 2, false))
        );
        // 2030: the new moon is at 23:07 on 2 February in Vietnam, 00:07 on
        // 3 February in China.
        assert_eq!(tet(2030), Some(d(2030, 2, 2)));
        assert_eq!(
            solar_to_lunar(d(2030, 2, 3)),
            Some(lunar(2030, 1, 2, false))
        );
    }

    #[test]
    fn every_solar_day_1990_to_2035_round_trips() {
        let mut day = d(1990, 1, 1);
        let last = d(2035, 12, 31);
        while day <= last {
            let l = solar_to_lunar(day).expect("in range");
            assert_eq!(lunar_to_solar(l), Some(day), "{day} -> {l}");
            day = day.succ_opt().expect("next day");
        }
    }

    #[test]
    fn every_solar_day_in_the_supported_range_round_trips() {
        for jdn in MIN_JDN..=MAX_JDN {
            let day = date_from_jdn(jdn).expect("in chrono's range");
            let l = solar_to_lunar(day).expect("in range");
            assert_eq!(lunar_to_solar(l), Some(day), "{day} -> {l}");
        }
    }

    #[test]
    fn the_first_lunation_guess_being_a_day_off_does_not_give_day_zero() {
        // The mean-lunation guess of the original algorithm lands one
        // lunation too late here and used to yield "day 0 of month 4".
        assert_eq!(
            solar_to_lunar(d(2054, 5, 7)),
            Some(lunar(2054, 3, 30, false))
        );
        assert_eq!(
            solar_to_lunar(d(2054, 5, 8)),
            Some(lunar(2054, 4, 1, false))
        );
    }

    #[test]
    fn consecutive_days_walk_through_months_of_29_or_30_days_1900_to_2100() {
        let first = date_from_jdn(MIN_JDN).expect("min");
        let last = date_from_jdn(MAX_JDN).expect("max");
        assert_eq!(first, d(1900, 1, 1));
        assert_eq!(last, d(2101, 1, 28));
        let mut prev = solar_to_lunar(first).expect("first supported day");
        let mut day = first.succ_opt().expect("next day");
        while day <= last {
            let cur = solar_to_lunar(day).expect("in range");
            if cur.day == 1 {
                assert!(prev.day == 29 || prev.day == 30, "{day}: {prev} -> {cur}");
                let next_month = if prev.month == 12 { 1 } else { prev.month + 1 };
                if cur.leap {
                    assert_eq!((cur.year, cur.month), (prev.year, prev.month), "{day}");
                    assert!(!prev.leap, "{day}");
                } else {
                    assert_eq!(cur.month, next_month, "{day}: {prev} -> {cur}");
                    let year = if cur.month == 1 {
                        prev.year + 1
                    } else {
                        prev.year
                    };
                    assert_eq!(cur.year, year, "{day}: {prev} -> {cur}");
                }
            } else {
                assert_eq!(
                    cur,
                    LunarDate {
                        day: prev.day + 1,
                        ..prev
                    },
                    "{day}"
                );
            }
            prev = cur;
            day = day.succ_opt().expect("next day");
        }
        assert_eq!(
            solar_to_lunar(last).map(|l| (l.year, l.month)),
            Some((2100, 12))
        );
    }

    #[test]
    fn every_lunar_year_1900_to_2100_has_12_or_13_months_and_the_leap_month_matches() {
        for year in 1900..=2100 {
            let start = lunar_to_jdn(lunar(year, 1, 1, false)).expect("tết");
            let end = lunar_to_jdn(lunar(year + 1, 1, 1, false)).expect("next tết");
            let length = end - start;
            let leap = leap_month(year);
            match leap {
                None => assert!((353..=355).contains(&length), "{year}: {length}"),
                Some(m) => {
                    assert!((383..=385).contains(&length), "{year}: {length}");
                    assert!((1..=12).contains(&m), "{year}");
                }
            }
            assert!(tet(year).is_some(), "{year}");
        }
        // The last supported day is the eve of Tết 2101.
        assert_eq!(lunar_to_jdn(lunar(2101, 1, 1, false)), Some(MAX_JDN + 1));
        assert_eq!(
            solar_to_lunar(d(2101, 1, 28)).map(|l| (l.year, l.month)),
            Some((2100, 12))
        );
    }

    #[test]
    fn leap_months_match_published_calendars() {
        assert_eq!(leap_month(2012), Some(4));
        assert_eq!(leap_month(2014), Some(9));
        assert_eq!(leap_month(2017), Some(6));
        assert_eq!(leap_month(2020), Some(4));
        assert_eq!(leap_month(2023), Some(2));
        assert_eq!(leap_month(2025), Some(6));
        assert_eq!(leap_month(2033), Some(11));
        assert_eq!(leap_month(2024), None);
        assert_eq!(leap_month(2026), None);
        // The leap month follows the ordinary one: 1/6 nhuận 2025.
        assert_eq!(
            lunar_to_solar(lunar(2025, 6, 1, true)),
            Some(d(2025, 7, 25))
        );
        assert_eq!(
            lunar_to_solar(lunar(2025, 6, 1, false)),
            Some(d(2025, 6, 25))
        );
    }

    #[test]
    fn ram_dates_match_published_festivals() {
        // Rằm tháng giêng (Tết Nguyên Tiêu) 2025.
        assert_eq!(ram(2025, 1, false), Some(d(2025, 2, 12)));
        // Rằm tháng 7 (Vu Lan) 2025, after the leap month 6.
        assert_eq!(ram(2025, 7, false), Some(d(2025, 9, 6)));
        // Rằm tháng 8 (Tết Trung Thu).
        assert_eq!(ram(2020, 8, false), Some(d(2020, 10, 1)));
        assert_eq!(ram(2023, 8, false), Some(d(2023, 9, 29)));
        assert_eq!(ram(2024, 8, false), Some(d(2024, 9, 17)));
        assert_eq!(ram(2025, 8, false), Some(d(2025, 10, 6)));
        // Rằm of a leap month exists only in its year.
        assert!(ram(2025, 6, true).is_some());
        assert_eq!(ram(2024, 6, true), None);
    }

    #[test]
    fn invalid_lunar_dates_return_none() {
        // Month 12 of Giáp Thìn (2024) and of Ất Tỵ (2025) have 29 days:
        // there is no "30 Tết" before Tết 2025 or Tết 2026. Quý Mão (2023)
        // had one: 30 Tết was 2024-02-09.
        assert_eq!(lunar_to_solar(lunar(2024, 12, 30, false)), None);
        assert_eq!(lunar_to_solar(lunar(2025, 12, 30, false)), None);
        assert_eq!(
            lunar_to_solar(lunar(2024, 12, 29, false)),
            Some(d(2025, 1, 28))
        );
        assert_eq!(
            lunar_to_solar(lunar(2023, 12, 30, false)),
            Some(d(2024, 2, 9))
        );
        // Leap flag on a month that is not doubled, in a leap year and not.
        assert_eq!(lunar_to_solar(lunar(2025, 5, 1, true)), None);
        assert_eq!(lunar_to_solar(lunar(2025, 7, 1, true)), None);
        assert_eq!(lunar_to_solar(lunar(2024, 6, 1, true)), None);
        // Impossible fields.
        assert_eq!(lunar_to_solar(lunar(2025, 0, 1, false)), None);
        assert_eq!(lunar_to_solar(lunar(2025, 13, 1, false)), None);
        assert_eq!(lunar_to_solar(lunar(2025, 1, 0, false)), None);
        assert_eq!(lunar_to_solar(lunar(2025, 1, 31, false)), None);
        assert_eq!(ram(2025, 13, false), None);
    }

    #[test]
    fn dates_outside_the_supported_range_return_none() {
        assert_eq!(solar_to_lunar(d(1899, 12, 31)), None);
        assert!(solar_to_lunar(d(1900, 1, 1)).is_some());
        assert!(solar_to_lunar(d(2100, 12, 31)).is_some());
        assert_eq!(solar_to_lunar(d(2101, 1, 29)), None);
        assert_eq!(solar_to_lunar(NaiveDate::MIN), None);
        assert_eq!(solar_to_lunar(NaiveDate::MAX), None);
        assert_eq!(tet(1899), None);
        assert!(tet(1900).is_some());
        assert!(tet(2100).is_some());
        assert_eq!(tet(2101), None);
        assert_eq!(tet(i32::MIN), None);
        assert_eq!(tet(i32::MAX), None);
        assert_eq!(ram(1800, 1, false), None);
        assert_eq!(leap_month(3000), None);
        assert_eq!(
            lunar_to_solar(solar_to_lunar(d(1900, 1, 1)).expect("in range")),
            Some(d(1900, 1, 1))
        );
    }

    #[test]
    fn can_chi_names_known_years() {
        assert_eq!(can_chi(1968), "Mậu Thân");
        assert_eq!(can_chi(1975), "Ất Mão");
        assert_eq!(can_chi(1984), "Giáp Tý");
        assert_eq!(can_chi(2000), "Canh Thìn");
        assert_eq!(can_chi(2024), "Giáp Thìn");
        assert_eq!(can_chi(2025), "Ất Tỵ");
        assert_eq!(can_chi(2026), "Bính Ngọ");
        assert_eq!(can_chi(2027), "Đinh Mùi");
        assert_eq!(can_chi(i32::MIN).split(' ').count(), 2);
    }

    #[test]
    fn display_formats_like_clerks_write_it() {
        assert_eq!(lunar(2026, 10, 15, false).to_string(), "15/10/2026 ÂL");
        assert_eq!(lunar(2025, 6, 1, true).to_string(), "01/06 nhuận/2025 ÂL");
    }
}
