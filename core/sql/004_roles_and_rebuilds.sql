-- 004: a store that least-privilege roles can share (README, "Roles"), and rebuilds that are
-- audited, one at a time, and never shown as running once their process is gone.

-- Writers hold INSERT on events and nothing else: the trigger that keeps `aggregates` runs
-- with its owner's rights, and with a search_path pinned to the store's schema so that a
-- writer's own search_path cannot redirect it. (A later migration that replaces this
-- function must set both again.)
ALTER FUNCTION acci_events_after_insert() SECURITY DEFINER;
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION acci_events_after_insert() SET search_path = pg_catalog, %I, pg_temp',
                   current_schema());
END
$$;
REVOKE ALL ON FUNCTION acci_events_after_insert() FROM PUBLIC;

-- The guide's search_users orders by name (a rebuild used to be the only thing creating it).
CREATE INDEX IF NOT EXISTS user_view_name_idx ON user_view (name, id);

-- Who runs a rebuild, from which backend. The defaults are what an operator cannot choose:
-- it may insert only the projection and its OS user (acci-admin grant).
ALTER TABLE projection_rebuilds ADD COLUMN IF NOT EXISTS db_user text NOT NULL DEFAULT current_user;
ALTER TABLE projection_rebuilds ADD COLUMN IF NOT EXISTS os_user text;
ALTER TABLE projection_rebuilds ADD COLUMN IF NOT EXISTS pid integer;
ALTER TABLE projection_rebuilds ALTER COLUMN pid SET DEFAULT pg_backend_pid();
ALTER TABLE projection_rebuilds ADD COLUMN IF NOT EXISTS rows_inserted bigint;
ALTER TABLE projection_rebuilds ADD COLUMN IF NOT EXISTS rows_updated bigint;
ALTER TABLE projection_rebuilds ADD COLUMN IF NOT EXISTS rows_deleted bigint;

-- One rebuild per projection at a time: a session-level advisory lock (4242002, hashtext of
-- the projection), held by the rebuilding backend. It goes away with the backend, so it is
-- also the rebuild's heartbeat: a crash can never leave a rebuild "running".
CREATE OR REPLACE FUNCTION acci_rebuild_lock_holder(p_projection text) RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT l.pid FROM pg_catalog.pg_locks l
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
       AND l.classid = 4242002::oid AND l.objid = pg_catalog.hashtext(p_projection)::oid
       AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
     LIMIT 1
$$;

-- The rebuild history as it is: a 'running' row whose backend no longer holds the lock was
-- interrupted (its process died).
CREATE OR REPLACE VIEW projection_rebuild_history AS
SELECT r.id, r.projection, r.started_at, r.finished_at, r.events,
       CASE WHEN r.outcome = 'running' AND (r.pid IS NULL OR acci_rebuild_lock_holder(r.projection) IS DISTINCT FROM r.pid)
            THEN 'interrupted' ELSE r.outcome END AS outcome,
       r.error, r.db_user, r.os_user, r.pid, r.rows_inserted, r.rows_updated, r.rows_deleted
  FROM projection_rebuilds r;

-- A rebuild's record is its own: a role other than the owner may insert it for its own
-- backend, finish only a running one of its own backend, and mark only a dead one (whose
-- backend no longer holds the lock) interrupted. Finished records cannot be rewritten.
ALTER TABLE projection_rebuilds ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS rebuilds_read ON projection_rebuilds;
CREATE POLICY rebuilds_read ON projection_rebuilds FOR SELECT USING (true);
DROP POLICY IF EXISTS rebuilds_start ON projection_rebuilds;
CREATE POLICY rebuilds_start ON projection_rebuilds FOR INSERT
    WITH CHECK (db_user = current_user AND pid = pg_backend_pid() AND outcome = 'running');
DROP POLICY IF EXISTS rebuilds_finish ON projection_rebuilds;
CREATE POLICY rebuilds_finish ON projection_rebuilds FOR UPDATE
    USING (outcome = 'running'
           AND (pid = pg_backend_pid() OR pid IS NULL OR acci_rebuild_lock_holder(projection) IS DISTINCT FROM pid))
    WITH CHECK (pid = pg_backend_pid() OR outcome = 'interrupted');

-- Written by 002 for a heartbeat that the rebuild lock replaced.
ALTER TABLE projection_checkpoints DROP COLUMN IF EXISTS rebuild_heartbeat_at;

-- Another role may only mark a dead rebuild interrupted: whatever else its UPDATE says, the
-- record keeps what its own backend wrote.
CREATE OR REPLACE FUNCTION acci_rebuild_record_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.pid IS DISTINCT FROM pg_catalog.pg_backend_pid() AND NOT pg_catalog.pg_has_role(
           (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID), 'MEMBER') THEN
        NEW := OLD;
        NEW.outcome := 'interrupted';
        NEW.finished_at := pg_catalog.now();
    END IF;
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS acci_rebuild_record_guard ON projection_rebuilds;
CREATE TRIGGER acci_rebuild_record_guard BEFORE UPDATE ON projection_rebuilds
    FOR EACH ROW EXECUTE FUNCTION acci_rebuild_record_guard();

-- Events an operator gave up on ("dead-letters skip"): never applied again, by catch-up or by
-- a rebuild.
CREATE TABLE IF NOT EXISTS projection_skipped_events (
    projection text        NOT NULL,
    event_id   uuid        NOT NULL,
    skipped_at timestamptz NOT NULL DEFAULT now(),
    db_user    text        NOT NULL DEFAULT current_user,
    PRIMARY KEY (projection, event_id)
);
