-- Sổ Tình Thương, schema 4: sealed months, packages between offices, consolidated books.

-- The seal of a closed month (src/seal.rs): the digest of the commune's rows of that month,
-- written when the month is closed, printed on its reports and carried in packages.
ALTER TABLE month_locks ADD COLUMN seal TEXT;

-- A commune received from another office's book (the book's identity), read-only here; NULL
-- for the book's own communes.
ALTER TABLE communes ADD COLUMN imported_from TEXT;

-- The last package received for each imported commune: the sending book, the head of its chain
-- and the month its figures run through. A later package must continue that chain.
CREATE TABLE imported_heads (
    commune_id  INTEGER PRIMARY KEY REFERENCES communes(id),
    book_uuid   TEXT NOT NULL,
    head_seq    INTEGER NOT NULL,
    head_hash   TEXT NOT NULL,
    through     TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    imported_at TEXT NOT NULL
);

-- Voucher numbers of an imported commune held back by its package (entries of months not yet
-- sent), so that the numbers it did send are checked as gapless with them.
CREATE TABLE held_numbers (
    commune_id INTEGER NOT NULL REFERENCES communes(id),
    kind       TEXT NOT NULL,
    year       INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    PRIMARY KEY (commune_id, kind, year, seq)
) WITHOUT ROWID;

-- The office and signatories of one commune, printed on its reports (the book's settings are
-- the default): keys as in `settings` without the "office." prefix.
CREATE TABLE commune_offices (
    commune_id INTEGER NOT NULL REFERENCES communes(id),
    key        TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (commune_id, key)
) WITHOUT ROWID;
