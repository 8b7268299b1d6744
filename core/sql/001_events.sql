-- 001: the event store. Creates the schema on an empty database, or upgrades in place a
-- database made with the guide's plain schema (events, snapshots, user_view), keeping every
-- event and assigning global positions in timestamp order. Safe to run more than once.

CREATE TABLE IF NOT EXISTS events (
    id             uuid        NOT NULL,
    aggregate_id   text        NOT NULL,
    aggregate_type text        NOT NULL,
    event_type     text        NOT NULL,
    version        integer     NOT NULL,
    data           jsonb       NOT NULL,
    metadata       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    timestamp      timestamptz NOT NULL DEFAULT now()
);

-- Columns a plain-schema database lacks. Existing rows all get this migration's
-- transaction id, and their positions follow their timestamps.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_schema = current_schema() AND table_name = 'events'
                     AND column_name = 'global_position') THEN
        ALTER TABLE events ADD COLUMN global_position bigint;
        UPDATE events e SET global_position = o.rn
          FROM (SELECT id, row_number() OVER (ORDER BY timestamp, aggregate_id, version, id) AS rn
                  FROM events) o
         WHERE e.id = o.id;
        ALTER TABLE events ALTER COLUMN global_position SET NOT NULL;
        ALTER TABLE events ALTER COLUMN global_position ADD GENERATED ALWAYS AS IDENTITY;
        PERFORM setval(pg_get_serial_sequence('events', 'global_position'),
                       coalesce((SELECT max(global_position) FROM events), 0) + 1, false);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_schema = current_schema() AND table_name = 'events'
                     AND column_name = 'tx_id') THEN
        ALTER TABLE events ADD COLUMN tx_id xid8 NOT NULL DEFAULT pg_current_xact_id();
    END IF;
    -- The database, not a read-then-write check, enforces one event per version and
    -- one row per event id (idempotent retries).
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                   WHERE conrelid = 'events'::regclass AND conname = 'events_aggregate_version_key') THEN
        ALTER TABLE events ADD CONSTRAINT events_aggregate_version_key UNIQUE (aggregate_id, version);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_index i
                   WHERE i.indrelid = 'events'::regclass AND i.indisunique AND i.indnkeyatts = 1
                     AND i.indkey[0] = (SELECT attnum FROM pg_attribute
                                        WHERE attrelid = 'events'::regclass AND attname = 'id')) THEN
        ALTER TABLE events ADD CONSTRAINT events_id_key UNIQUE (id);
    END IF;
END
$$;

-- The guide's indices, plus the global log order and the metadata the console filters on.
-- (aggregate_id, version) is covered by the unique constraint.
CREATE INDEX IF NOT EXISTS idx_events_type ON events (event_type);
CREATE INDEX IF NOT EXISTS idx_events_timestamp ON events (timestamp);
CREATE INDEX IF NOT EXISTS idx_events_log ON events (tx_id, global_position);
CREATE INDEX IF NOT EXISTS idx_events_correlation ON events ((metadata ->> 'correlation_id'));

CREATE TABLE IF NOT EXISTS aggregates (
    aggregate_id   text        PRIMARY KEY,
    aggregate_type text        NOT NULL,
    version        integer     NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_aggregates_type_id ON aggregates (aggregate_type, aggregate_id);
CREATE INDEX IF NOT EXISTS idx_aggregates_type_updated ON aggregates (aggregate_type, updated_at, aggregate_id);
CREATE INDEX IF NOT EXISTS idx_aggregates_updated ON aggregates (updated_at, aggregate_id);

-- The online upgrade of a guide store (acci.guide_upgrade = 'on', core/src/store/GuideUpgrade.cpp)
-- fills aggregates afterwards in short batches, once the trigger below is in place: here, in
-- one transaction, its writers would wait on every aggregate row until the end.
INSERT INTO aggregates (aggregate_id, aggregate_type, version, created_at, updated_at)
SELECT aggregate_id, min(aggregate_type), max(version), min(timestamp), max(timestamp)
  FROM events
 WHERE current_setting('acci.guide_upgrade', true) IS DISTINCT FROM 'on'
 GROUP BY aggregate_id
ON CONFLICT (aggregate_id) DO NOTHING;

CREATE TABLE IF NOT EXISTS snapshots (
    aggregate_id   text        PRIMARY KEY,
    aggregate_type text        NOT NULL,
    version        integer     NOT NULL,
    state          jsonb       NOT NULL,
    timestamp      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS user_view (
    id         text        PRIMARY KEY,
    email      text        NOT NULL,
    name       text        NOT NULL,
    status     text        NOT NULL,
    created_at timestamptz NOT NULL
);
ALTER TABLE user_view ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 0;
ALTER TABLE user_view ADD COLUMN IF NOT EXISTS updated_at timestamptz;

CREATE TABLE IF NOT EXISTS projection_checkpoints (
    projection   text        PRIMARY KEY,
    tx_id        xid8        NOT NULL DEFAULT '0'::xid8,
    position     bigint      NOT NULL DEFAULT 0,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS projection_dead_letters (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    projection      text        NOT NULL,
    event_id        uuid        NOT NULL,
    tx_id           xid8        NOT NULL,
    global_position bigint      NOT NULL,
    error           text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 1,
    parked_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (projection, event_id)
);

CREATE TABLE IF NOT EXISTS console_audit (
    id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       timestamptz NOT NULL DEFAULT now(),
    db_user  text        NOT NULL DEFAULT current_user,
    os_user  text        NOT NULL,
    action   text        NOT NULL,
    target   text        NOT NULL,
    outcome  text        NOT NULL,
    detail   jsonb       NOT NULL DEFAULT '{}'::jsonb
);

-- Whatever is derived at write time is kept by one statement-level trigger, so services
-- that insert rows the guide's way (store_event) are seen exactly like our own appends:
-- one upsert per aggregate per statement, and one notification per statement.
CREATE OR REPLACE FUNCTION acci_events_after_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    head bigint;
BEGIN
    INSERT INTO aggregates AS a (aggregate_id, aggregate_type, version, created_at, updated_at)
    SELECT aggregate_id, min(aggregate_type), max(version), min(timestamp), max(timestamp)
      FROM new_events GROUP BY aggregate_id
    ON CONFLICT (aggregate_id) DO UPDATE
       SET version    = greatest(a.version, EXCLUDED.version),
           updated_at = greatest(a.updated_at, EXCLUDED.updated_at),
           created_at = least(a.created_at, EXCLUDED.created_at);
    SELECT max(global_position) INTO head FROM new_events;
    IF head IS NOT NULL THEN
        PERFORM pg_notify('acci_events', head::text);
    END IF;
    RETURN NULL;
END
$$;

-- The online upgrade installs it itself, after 004 and before its aggregates backfill: its
-- lock here would stop the guide's writers until this migration commits.
DO $$
BEGIN
    IF current_setting('acci.guide_upgrade', true) IS DISTINCT FROM 'on' THEN
        DROP TRIGGER IF EXISTS acci_events_after_insert ON events;
        CREATE TRIGGER acci_events_after_insert
            AFTER INSERT ON events
            REFERENCING NEW TABLE AS new_events
            FOR EACH STATEMENT EXECUTE FUNCTION acci_events_after_insert();
    END IF;
END
$$;
