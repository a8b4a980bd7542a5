-- Sổ Tình Thương, schema 1: places, people, the ledger of movements, the models' records, audit.
-- Amounts are scaled integers: đồng, grams, metres. Dates are 'YYYY-MM-DD' text, months 'YYYY-MM'.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE communes (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    name_fold      TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('xa', 'thi_tran', 'phuong')),
    district       TEXT NOT NULL DEFAULT '',
    province       TEXT NOT NULL DEFAULT '',
    valid_from     TEXT,
    valid_to       TEXT,
    became_part_of INTEGER REFERENCES communes(id),
    created_at     TEXT NOT NULL
);
CREATE INDEX communes_fold ON communes(name_fold);

CREATE TABLE hamlets (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    commune_id     INTEGER NOT NULL REFERENCES communes(id),
    name           TEXT NOT NULL,
    name_fold      TEXT NOT NULL,
    valid_from     TEXT,
    valid_to       TEXT,
    became_part_of INTEGER REFERENCES hamlets(id),
    created_at     TEXT NOT NULL
);
CREATE INDEX hamlets_commune ON hamlets(commune_id, name_fold);

CREATE TABLE households (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    commune_id INTEGER NOT NULL REFERENCES communes(id),
    hamlet_id  INTEGER REFERENCES hamlets(id),
    name       TEXT NOT NULL,
    name_fold  TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX households_commune ON households(commune_id, name_fold);

CREATE TABLE household_status (
    household_id INTEGER NOT NULL REFERENCES households(id),
    year         INTEGER NOT NULL,
    status       TEXT NOT NULL CHECK (status = 'ngheo' OR status = 'can_ngheo' OR status = 'kho_khan'),
    PRIMARY KEY (household_id, year)
) WITHOUT ROWID;

-- Donors, suppliers and other counterparties; kind 'anonymous' is "nhà hảo tâm".
CREATE TABLE parties (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'anonymous')),
    name       TEXT NOT NULL,
    name_fold  TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX parties_fold ON parties(name_fold);

CREATE TABLE drivers (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    name_fold  TEXT NOT NULL,
    phone      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX drivers_fold ON drivers(name_fold);

CREATE TABLE vehicles (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    name_fold  TEXT NOT NULL,
    plate      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX vehicles_fold ON vehicles(name_fold);

CREATE TABLE destinations (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    name_fold        TEXT NOT NULL,
    default_distance INTEGER CHECK (default_distance IS NULL OR default_distance > 0), -- metres
    created_at       TEXT NOT NULL
);
CREATE INDEX destinations_fold ON destinations(name_fold);

CREATE TABLE repair_projects (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    commune_id INTEGER NOT NULL REFERENCES communes(id),
    code       TEXT NOT NULL,
    name       TEXT NOT NULL,
    name_fold  TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('bridge', 'road', 'culvert')),
    hamlet_id  INTEGER REFERENCES hamlets(id),
    size       TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL CHECK (status IN ('planned', 'active', 'done')),
    start_date TEXT,
    end_date   TEXT,
    estimate   INTEGER CHECK (estimate IS NULL OR estimate > 0),
    created_at TEXT NOT NULL,
    UNIQUE (commune_id, code)
);

CREATE TABLE repair_worklog (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    project_id INTEGER NOT NULL REFERENCES repair_projects(id),
    date       TEXT NOT NULL,
    volunteers INTEGER NOT NULL CHECK (volunteers >= 0),
    workdays   INTEGER NOT NULL CHECK (workdays >= 0), -- tenths of a workday
    materials  TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX repair_worklog_project ON repair_worklog(project_id, date);

CREATE TABLE trips (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    commune_id     INTEGER NOT NULL REFERENCES communes(id),
    number         TEXT NOT NULL,
    date           TEXT NOT NULL,
    patient        TEXT NOT NULL,
    from_hamlet_id INTEGER REFERENCES hamlets(id),
    destination_id INTEGER NOT NULL REFERENCES destinations(id),
    distance       INTEGER NOT NULL CHECK (distance > 0), -- metres
    driver_id      INTEGER REFERENCES drivers(id),
    vehicle_id     INTEGER REFERENCES vehicles(id),
    purpose        TEXT NOT NULL DEFAULT '',
    voided_at      TEXT,
    void_reason    TEXT,
    created_at     TEXT NOT NULL,
    UNIQUE (commune_id, number)
);
CREATE INDEX trips_commune_date ON trips(commune_id, date);

-- The ledger: every movement of cash (đồng) or rice (grams) into or out of one program's fund.
-- Rows are never updated or deleted; a void is a row in `voids`.
CREATE TABLE movements (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL,
    commune_id   INTEGER NOT NULL REFERENCES communes(id),
    -- why: a CHECK with IN over three or more values makes SQLite build a temporary B-tree on
    -- every insert (a third of `demo`'s time); the same rule written with OR costs two compares.
    program      TEXT NOT NULL CHECK (program = 'rice' OR program = 'transport' OR program = 'repair'),
    asset        TEXT NOT NULL CHECK (asset IN ('cash', 'rice')),
    direction    TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    date         TEXT NOT NULL,
    amount       INTEGER NOT NULL CHECK (amount > 0),
    category     TEXT NOT NULL,
    party_id     INTEGER REFERENCES parties(id),
    household_id INTEGER REFERENCES households(id),
    hamlet_id    INTEGER REFERENCES hamlets(id),
    trip_id      INTEGER REFERENCES trips(id),
    project_id   INTEGER REFERENCES repair_projects(id),
    households   INTEGER, -- rice collection rounds: how many households gave
    memo         TEXT NOT NULL DEFAULT '',
    voucher_kind TEXT NOT NULL
                 CHECK (voucher_kind = 'PT' OR voucher_kind = 'PC' OR voucher_kind = 'PN' OR voucher_kind = 'PX'),
    voucher_year INTEGER NOT NULL,
    voucher_seq  INTEGER NOT NULL CHECK (voucher_seq > 0),
    audit_seq    INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (voucher_kind, voucher_year, voucher_seq, commune_id)
);
-- One index by commune and date, carrying program, asset, direction and amount, serves month
-- totals, balances, lists and reports of a month (writing a movement touches three B-trees, not
-- six). The audit digest walks rows by id (the rows of one change are consecutive), so audit_seq
-- needs no index here; the UUID is unique by construction (v7) and is indexed by an import when it
-- needs to look one up.
CREATE INDEX movements_commune_month ON movements(commune_id, date, program, asset, direction, amount);
-- The money of a trip or project: partial indexes, holding only the rows that have one.
CREATE INDEX movements_trip ON movements(trip_id) WHERE trip_id IS NOT NULL;
CREATE INDEX movements_project ON movements(project_id) WHERE project_id IS NOT NULL;

CREATE TABLE voids (
    movement_id INTEGER PRIMARY KEY REFERENCES movements(id),
    reason      TEXT NOT NULL,
    voided_at   TEXT NOT NULL,
    actor       TEXT NOT NULL,
    audit_seq   INTEGER NOT NULL
);
CREATE INDEX voids_audit ON voids(audit_seq);

-- Per fund and month: receipts, payments, and the lowest end-of-day running total within the month
-- (relative to the month's opening, never above 0). Kept in the same transaction as movements.
CREATE TABLE month_totals (
    commune_id INTEGER NOT NULL REFERENCES communes(id),
    program    TEXT NOT NULL,
    asset      TEXT NOT NULL,
    month      TEXT NOT NULL,
    total_in   INTEGER NOT NULL,
    total_out  INTEGER NOT NULL,
    low        INTEGER NOT NULL,
    entries    INTEGER NOT NULL,
    PRIMARY KEY (commune_id, program, asset, month)
) WITHOUT ROWID;

CREATE TABLE month_locks (
    commune_id INTEGER NOT NULL REFERENCES communes(id),
    month      TEXT NOT NULL,
    closed_at  TEXT NOT NULL,
    closed_by  TEXT NOT NULL,
    PRIMARY KEY (commune_id, month)
) WITHOUT ROWID;

-- Last number given per commune, kind (PT, PC, PN, PX, CX trips, CT projects) and year.
CREATE TABLE number_counters (
    commune_id INTEGER NOT NULL REFERENCES communes(id),
    kind       TEXT NOT NULL,
    year       INTEGER NOT NULL,
    last       INTEGER NOT NULL,
    PRIMARY KEY (commune_id, kind, year)
) WITHOUT ROWID;

-- Every change, hash-chained: hash = sha256(prev_hash | fields). rows_digest covers the ledger rows
-- the change wrote, so that a row altered behind the program's back is found by `check`.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    source      TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    before      TEXT,
    after       TEXT,
    rows_digest TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
