-- Sổ Tình Thương, schema 3: the books an office starts from (src/opening.rs, src/import/).

-- Opening balances (số dư đầu kỳ): per commune, program and asset, what was held on the commune's
-- start date (all of a commune's openings share that date). Not receipts: they are in no month's
-- totals; they enter every balance from that date on. Amounts in đồng or grams.
CREATE TABLE openings (
    commune_id INTEGER NOT NULL REFERENCES communes(id),
    program    TEXT NOT NULL CHECK (program = 'rice' OR program = 'transport' OR program = 'repair'),
    asset      TEXT NOT NULL CHECK (asset IN ('cash', 'rice')),
    date       TEXT NOT NULL,
    amount     INTEGER NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (commune_id, program, asset)
) WITHOUT ROWID;

-- Where an imported entry came from: the voucher number on the office's paper or Excel book
-- ("Số phiếu gốc", printed in the fund book) and the fingerprint of its source row, so the same
-- row is never imported twice. Movements themselves are never changed.
CREATE TABLE movement_sources (
    movement_id   INTEGER PRIMARY KEY REFERENCES movements(id),
    paper_voucher TEXT NOT NULL DEFAULT '',
    fingerprint   TEXT UNIQUE
);

-- Rows of registers (households, donors, drivers, vehicles, destinations) imported, by the
-- fingerprint of their source row.
CREATE TABLE imported_rows (
    fingerprint TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    audit_seq   INTEGER NOT NULL
) WITHOUT ROWID;

-- A donor or other party typed twice and merged into the one kept: its entries print under the
-- kept one's name (the entries themselves are never changed).
ALTER TABLE parties ADD COLUMN merged_into INTEGER REFERENCES parties(id);

-- Each party's name as entries print it: the kept party's when it was merged into one.
CREATE VIEW party_names AS
    SELECT p.id, coalesce(k.name, p.name) AS name, coalesce(k.kind, p.kind) AS kind
    FROM parties p LEFT JOIN parties k ON k.id = p.merged_into;

-- Column mappings of an office's sheets, saved to be used again next month.
CREATE TABLE import_mappings (
    name    TEXT PRIMARY KEY,
    kind    TEXT NOT NULL,
    mapping TEXT NOT NULL
) WITHOUT ROWID;
