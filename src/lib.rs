//! Sổ Tình Thương — the books of village charity work: the GUI-free core.
//!
//! The window (`src-tauri/`) and the command-line tool (`cli/`) are thin shells over this crate:
//! everything a user can do is a method of [`Book`], and every rule of the books is enforced here.
//! One module per concept: places and people, the ledger and its vouchers, the three models
//! (`rice`, `transport`, `repair`), the audit chain, integrity `check`, the `lunar` calendar,
//! exact quantities (`money`), and the `demo` generator.

pub mod audit;
pub mod backup;
pub mod book;
pub mod check;
pub mod corrections;
pub mod date;
pub mod demo;
pub mod error;
pub mod export;
pub mod import;
pub mod ledger;
pub mod lunar;
pub mod money;
pub mod opening;
pub mod output;
pub mod overview;
pub mod people;
pub mod place;
pub mod repair;
pub mod report;
pub mod restore;
pub mod rice;
pub mod settings;
pub mod storage;
pub mod text;
pub mod transport;
pub mod voucher;
pub mod windows_fs;

pub use book::{Book, Clock, Source};
pub use date::Month;
pub use error::{Error, Lang, Result};
pub use ledger::{
    Asset, Balance, Category, Direction, ListFilter, MovementRow, NewCash, Page, Program,
};
pub use money::{Kg, Km, Vnd};
pub use place::{Commune, CommuneId, CommuneKind, NewCommune, Preset};
pub use voucher::{Voucher, VoucherKind};
