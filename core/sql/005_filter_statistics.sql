-- 005: statistics on the metadata fields the log filters on without an index (issue 15).
-- The console lays out a filtered log on the planner's estimate ("about N events") before the
-- exact count arrives; without these, PostgreSQL guesses 0.5 % of the table for any value
-- (50,000 of 10M for a tenant holding a third of them). ANALYZE (autovacuum's) fills them.
-- CREATE STATISTICS takes a SHARE UPDATE EXCLUSIVE lock: writers keep inserting.
CREATE STATISTICS IF NOT EXISTS acci_events_tenant ON (metadata ->> 'tenant_id') FROM events;
CREATE STATISTICS IF NOT EXISTS acci_events_user ON (metadata ->> 'user_id') FROM events;
