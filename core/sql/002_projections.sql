-- 002: what the projection engine and the console need to run and watch projections.

-- Run state of each projection, built-in or written by another program. A process that runs
-- a projection refreshes heartbeat_at; a stale heartbeat means it is gone.
ALTER TABLE projection_checkpoints ADD COLUMN IF NOT EXISTS status text NOT NULL DEFAULT 'idle';
ALTER TABLE projection_checkpoints ADD COLUMN IF NOT EXISTS heartbeat_at timestamptz;
ALTER TABLE projection_checkpoints ADD COLUMN IF NOT EXISTS rebuild_heartbeat_at timestamptz;
ALTER TABLE projection_checkpoints ADD COLUMN IF NOT EXISTS last_error text;
ALTER TABLE projection_checkpoints ADD COLUMN IF NOT EXISTS last_error_at timestamptz;
ALTER TABLE projection_checkpoints ADD COLUMN IF NOT EXISTS events_processed bigint NOT NULL DEFAULT 0;

ALTER TABLE projection_dead_letters ADD COLUMN IF NOT EXISTS event_type text;
ALTER TABLE projection_dead_letters ADD COLUMN IF NOT EXISTS aggregate_id text;
ALTER TABLE projection_dead_letters ADD COLUMN IF NOT EXISTS last_attempt_at timestamptz;
-- A blocking dead letter stopped its projection (policy "stop"): the checkpoint waits just
-- before it until someone retries or skips it.
ALTER TABLE projection_dead_letters ADD COLUMN IF NOT EXISTS blocking boolean NOT NULL DEFAULT false;
CREATE INDEX IF NOT EXISTS idx_dead_letters_projection ON projection_dead_letters (projection, id);

-- One row per rebuild: the monitoring page's rebuild durations.
CREATE TABLE IF NOT EXISTS projection_rebuilds (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    projection  text        NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    events      bigint      NOT NULL DEFAULT 0,
    outcome     text        NOT NULL DEFAULT 'running',
    error       text
);
CREATE INDEX IF NOT EXISTS idx_projection_rebuilds ON projection_rebuilds (projection, started_at DESC);

CREATE INDEX IF NOT EXISTS idx_console_audit_at ON console_audit (at DESC);
