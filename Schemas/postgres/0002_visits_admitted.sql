-- ChipChart PostgreSQL schema, version 2: visits by admission time, for the claims of a day and
-- any other listing of a period (ArchivableStore.visits(admittedFrom:until:after:limit:)).

CREATE INDEX visits_admitted ON visits (admitted_at, id);
