//! The JSON rendering: the report's own data structure, serialised with serde.
//!
//! Amounts keep their exact decimal strings (đồng as "1500000", kg as "12.500"), so nothing is
//! lost to floating point on the way to another program.

use super::Report;
use crate::error::{Error, Result};

/// The report as pretty-printed JSON.
pub fn render(report: &Report) -> Result<String> {
    serde_json::to_string_pretty(report).map_err(|e| Error::Storage(format!("JSON: {e}")))
}
