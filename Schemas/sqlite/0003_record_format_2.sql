-- ChipChart SQLite store, schema 3: record bodies in the keyed record format, version 2.
--
-- Format 1 wrote each record's fields by position, so a release that added a field could not read
-- the bodies of an earlier one. Format 2 names every field and starts with a header giving its
-- version (see RecordFormat in ChipChartSQLite). The tables do not change: in the same
-- transaction as this file, the store rewrites every body of patient, coverage and visit from
-- format 1 to format 2, once.

SELECT 1;
