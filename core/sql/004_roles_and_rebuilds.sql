-- 004: a store that least-privilege roles can share (README, "Roles"), and rebuilds that keep
-- the read model's identity: its grants, RLS and policies, owner, comments, publications,
-- triggers and the views over it.

-- Writers hold INSERT on events and nothing else: the trigger that keeps `aggregates` runs
-- with its owner's rights, and with a search_path pinned to the store's schema so that a
-- writer's own search_path cannot redirect it. (A later migration that replaces this
-- function must set both again.)
ALTER FUNCTION acci_events_after_insert() SECURITY DEFINER;
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION acci_events_after_insert() SET search_path = %I, pg_temp', current_schema());
END
$$;
REVOKE ALL ON FUNCTION acci_events_after_insert() FROM PUBLIC;

-- The tables a rebuild may replace. Only the schema owner writes here: the rebuild functions
-- below run with the owner's rights and act on nothing else.
CREATE TABLE IF NOT EXISTS read_model_tables (
    projection text PRIMARY KEY,
    table_name text NOT NULL UNIQUE
);
INSERT INTO read_model_tables (projection, table_name) VALUES ('user_view', 'user_view')
ON CONFLICT (projection) DO NOTHING;
-- The guide's search_users orders by name (a rebuild used to be the only thing creating it).
CREATE INDEX IF NOT EXISTS user_view_name_idx ON user_view (name, id);

-- Who runs a rebuild, from which backend; a 'running' row whose backend no longer holds the
-- projection's rebuild lock was interrupted (its process died).
ALTER TABLE projection_rebuilds ADD COLUMN IF NOT EXISTS db_user text NOT NULL DEFAULT current_user;
ALTER TABLE projection_rebuilds ADD COLUMN IF NOT EXISTS os_user text;
ALTER TABLE projection_rebuilds ADD COLUMN IF NOT EXISTS pid integer;

-- One rebuild per projection at a time: a session-level advisory lock (4242002, hashtext of
-- the projection), held by the rebuilding backend. It goes away with the backend, so it is
-- also the rebuild's heartbeat: a crash can never leave a rebuild "running".
CREATE OR REPLACE FUNCTION acci_rebuild_lock_holder(p_projection text) RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT l.pid FROM pg_locks l
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
       AND l.classid = 4242002::oid AND l.objid = hashtext(p_projection)::oid
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
     LIMIT 1
$$;

CREATE OR REPLACE VIEW projection_rebuild_history AS
SELECT r.id, r.projection, r.started_at, r.finished_at, r.events,
       CASE WHEN r.outcome = 'running' AND acci_rebuild_lock_holder(r.projection) IS DISTINCT FROM r.pid
            THEN 'interrupted' ELSE r.outcome END AS outcome,
       r.error, r.db_user, r.os_user, r.pid
  FROM projection_rebuilds r;

-- The read model of a rebuild this session runs and holds the lock for; refuses anything else.
CREATE OR REPLACE FUNCTION acci_rebuild_target(p_rebuild bigint) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
    r record;
BEGIN
    SELECT b.projection, b.outcome, b.pid, t.table_name INTO r
      FROM projection_rebuilds b LEFT JOIN read_model_tables t ON t.projection = b.projection
     WHERE b.id = p_rebuild;
    IF NOT FOUND OR r.outcome <> 'running' OR r.pid IS DISTINCT FROM pg_backend_pid()
       OR acci_rebuild_lock_holder(r.projection) IS DISTINCT FROM pg_backend_pid() THEN
        RAISE EXCEPTION 'rebuild % is not running in this session', p_rebuild USING ERRCODE = '55000';
    END IF;
    IF r.table_name IS NULL THEN
        RAISE EXCEPTION 'projection % has no table in read_model_tables', r.projection USING ERRCODE = '42P01',
            HINT = 'Only the tables listed in read_model_tables can be rebuilt.';
    END IF;
    IF to_regclass(format('%I', r.table_name)) IS NULL THEN
        RAISE EXCEPTION 'table % does not exist', r.table_name USING ERRCODE = '42P01',
            HINT = 'Run acci-admin migrate to create it, then rebuild.';
    END IF;
    RETURN r.table_name;
END
$$;

-- 1. An empty shadow shaped like the live table (columns, defaults, NOT NULL and CHECK
--    constraints), writable by the caller for the bulk load. Its name comes from the rebuild
--    id, so it never equals the live name and two rebuilds never share one.
CREATE OR REPLACE FUNCTION acci_rebuild_prepare(p_rebuild bigint, p_writer name) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    live text := acci_rebuild_target(p_rebuild);
    shadow text := 'acci_rebuild_' || p_rebuild;
BEGIN
    IF NOT pg_has_role(session_user, p_writer, 'MEMBER') THEN
        RAISE EXCEPTION 'role % is not yours', p_writer USING ERRCODE = '42501';
    END IF;
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING IDENTITY'
                   ' INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION)', shadow, live);
    EXECUTE format('GRANT INSERT ON %I TO %I', shadow, p_writer);
    RETURN shadow;
END
$$;

-- 2. After the bulk load: the live table's primary key, unique and exclusion constraints and
--    indexes, built on the shadow under temporary names (acci_rb<id>_<md5 of the live name>).
CREATE OR REPLACE FUNCTION acci_rebuild_index(p_rebuild bigint) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    live regclass := format('%I', acci_rebuild_target(p_rebuild))::regclass;
    shadow text := 'acci_rebuild_' || p_rebuild;
    idx record;
    temp text;
    prefix text;
    def text;
    built integer := 0;
BEGIN
    FOR idx IN SELECT i.indexrelid, c.relname, i.indisunique, con.oid AS constraint_oid, n.nspname
                 FROM pg_index i
                 JOIN pg_class c ON c.oid = i.indexrelid
                 JOIN pg_namespace n ON n.oid = c.relnamespace
                 LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                                             AND con.contype IN ('p', 'u', 'x')
                WHERE i.indrelid = live
                ORDER BY c.relname
    LOOP
        temp := 'acci_rb' || p_rebuild || '_' || left(md5(idx.relname), 12);
        IF idx.constraint_oid IS NOT NULL THEN
            EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I %s', shadow, temp, pg_get_constraintdef(idx.constraint_oid));
        ELSE
            def := pg_get_indexdef(idx.indexrelid);
            prefix := format('CREATE %sINDEX %I ON %I.%I ', CASE WHEN idx.indisunique THEN 'UNIQUE ' ELSE '' END,
                             idx.relname, idx.nspname, (SELECT relname FROM pg_class WHERE oid = live));
            IF NOT starts_with(def, prefix) THEN
                RAISE EXCEPTION 'cannot copy index %: unexpected definition %', idx.relname, def;
            END IF;
            EXECUTE format('CREATE %sINDEX %I ON %I %s', CASE WHEN idx.indisunique THEN 'UNIQUE ' ELSE '' END,
                           temp, shadow, substr(def, length(prefix) + 1));
        END IF;
        built := built + 1;
    END LOOP;
    EXECUTE format('ANALYZE %I', shadow);
    RETURN built;
END
$$;

-- 3. The swap, in the caller's transaction: everything that made the live table what it is
--    moves over to the shadow, the shadow takes the live name, the old table goes. Objects a
--    swap cannot carry (materialized views, foreign keys from other tables, SQL functions
--    bound to the table) make it fail before anything changes, naming them.
CREATE OR REPLACE FUNCTION acci_rebuild_swap(p_rebuild bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    live_name text := acci_rebuild_target(p_rebuild);
    live regclass := format('%I', live_name)::regclass;
    schema_name text := (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = live);
    qualified text := format('%I.%I', schema_name, live_name);
    shadow text := 'acci_rebuild_' || p_rebuild;
    retired text := 'acci_retired_' || p_rebuild;
    owner_name text := (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = live);
    carry text[] := '{}'; -- run on the new table, while the old one still exists
    late text[] := '{}'; -- run once the old table is gone (its index names are free then)
    stmt text;
    detail text;
    x record;
BEGIN
    EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', qualified);

    -- Owner first, then exactly the live table's privileges (the grantor becomes the owner).
    carry := carry || format('ALTER TABLE %s OWNER TO %I', qualified, owner_name);
    FOR x IN SELECT DISTINCT a.grantee FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = shadow::regclass LOOP
        carry := carry || format('REVOKE ALL ON %s FROM %s', qualified,
                                 CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END);
    END LOOP;
    carry := carry || format('REVOKE ALL ON %s FROM %I', qualified, owner_name);
    FOR x IN SELECT a.grantee, a.privilege_type, a.is_grantable
               FROM pg_class c, aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a WHERE c.oid = live LOOP
        carry := carry || format('GRANT %s ON %s TO %s%s', x.privilege_type, qualified,
                                 CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END,
                                 CASE WHEN x.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
    END LOOP;
    FOR x IN SELECT att.attname, a.grantee, a.privilege_type, a.is_grantable
               FROM pg_attribute att, aclexplode(att.attacl) a
              WHERE att.attrelid = live AND att.attnum > 0 AND NOT att.attisdropped AND att.attacl IS NOT NULL LOOP
        carry := carry || format('GRANT %s (%I) ON %s TO %s%s', x.privilege_type, x.attname, qualified,
                                 CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END,
                                 CASE WHEN x.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
    END LOOP;

    -- Row-level security and its policies, storage options, comments.
    SELECT relrowsecurity, relforcerowsecurity, reloptions, relreplident INTO x FROM pg_class WHERE oid = live;
    IF x.relrowsecurity THEN carry := carry || format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', qualified); END IF;
    IF x.relforcerowsecurity THEN carry := carry || format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', qualified); END IF;
    IF x.reloptions IS NOT NULL THEN
        carry := carry || format('ALTER TABLE %s SET (%s)', qualified, array_to_string(x.reloptions, ', '));
    END IF;
    IF x.relreplident = 'f' THEN carry := carry || format('ALTER TABLE %s REPLICA IDENTITY FULL', qualified); END IF;
    IF x.relreplident = 'n' THEN carry := carry || format('ALTER TABLE %s REPLICA IDENTITY NOTHING', qualified); END IF;
    IF x.relreplident = 'i' THEN
        late := late || (SELECT format('ALTER TABLE %s REPLICA IDENTITY USING INDEX %I', qualified, c.relname)
                           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                          WHERE i.indrelid = live AND i.indisreplident);
    END IF;
    FOR x IN SELECT p.polname, p.polpermissive, p.polcmd, p.polroles,
                    pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS checked
               FROM pg_policy p WHERE p.polrelid = live LOOP
        carry := carry || (format('CREATE POLICY %I ON %s AS %s FOR %s TO %s', x.polname, qualified,
                                  CASE WHEN x.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END,
                                  CASE x.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                                                WHEN 'd' THEN 'DELETE' ELSE 'ALL' END,
                                  CASE WHEN x.polroles = '{0}' THEN 'PUBLIC'
                                       ELSE (SELECT string_agg(quote_ident(pg_get_userbyid(r)), ', ')
                                               FROM unnest(x.polroles) r) END)
                           || coalesce(' USING (' || x.qual || ')', '')
                           || coalesce(' WITH CHECK (' || x.checked || ')', ''));
    END LOOP;
    IF obj_description(live, 'pg_class') IS NOT NULL THEN
        carry := carry || format('COMMENT ON TABLE %s IS %L', qualified, obj_description(live, 'pg_class'));
    END IF;
    FOR x IN SELECT attname, col_description(live, attnum) AS comment FROM pg_attribute
              WHERE attrelid = live AND attnum > 0 AND NOT attisdropped AND col_description(live, attnum) IS NOT NULL LOOP
        carry := carry || format('COMMENT ON COLUMN %s.%I IS %L', qualified, x.attname, x.comment);
    END LOOP;

    -- Triggers (with their enabled state), rules, foreign keys to other tables, publications.
    FOR x IN SELECT t.tgname, t.tgenabled, pg_get_triggerdef(t.oid) AS def FROM pg_trigger t
              WHERE t.tgrelid = live AND NOT t.tgisinternal LOOP
        carry := carry || x.def;
        IF x.tgenabled <> 'O' THEN
            carry := carry || format('ALTER TABLE %s %s TRIGGER %I', qualified,
                                     CASE x.tgenabled WHEN 'D' THEN 'DISABLE' WHEN 'R' THEN 'ENABLE REPLICA'
                                                      ELSE 'ENABLE ALWAYS' END, x.tgname);
        END IF;
    END LOOP;
    FOR x IN SELECT pg_get_ruledef(oid) AS def FROM pg_rewrite WHERE ev_class = live AND rulename <> '_RETURN' LOOP
        carry := carry || x.def;
    END LOOP;
    FOR x IN SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = live AND contype = 'f' LOOP
        carry := carry || format('ALTER TABLE %s ADD CONSTRAINT %I %s', qualified, x.conname, x.def);
    END LOOP;
    FOR x IN SELECT p.pubname, pg_get_expr(pr.prqual, pr.prrelid) AS qual,
                    (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a
                      WHERE a.attrelid = pr.prrelid AND a.attnum = ANY (pr.prattrs::int2[])) AS columns
               FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid WHERE pr.prrelid = live LOOP
        carry := carry || (format('ALTER PUBLICATION %I ADD TABLE %s', x.pubname, qualified)
                           || coalesce(' (' || x.columns || ')', '') || coalesce(' WHERE (' || x.qual || ')', ''));
    END LOOP;

    -- Views over the table are redefined from their own text, which binds them to the new table.
    FOR x IN SELECT DISTINCT v.oid, n.nspname, v.relname, v.relkind, v.reloptions
               FROM pg_depend d
               JOIN pg_rewrite rw ON rw.oid = d.objid
               JOIN pg_class v ON v.oid = rw.ev_class
               JOIN pg_namespace n ON n.oid = v.relnamespace
              WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
                AND d.refobjid = live AND v.oid <> live LOOP
        IF x.relkind <> 'v' THEN
            RAISE EXCEPTION 'a rebuild cannot carry over materialized view %.%, which depends on %; drop it, rebuild, '
                            'then create it again', x.nspname, x.relname, live_name USING ERRCODE = '2BP01';
        END IF;
        carry := carry || (format('CREATE OR REPLACE VIEW %I.%I', x.nspname, x.relname)
                           || coalesce(' WITH (' || array_to_string(x.reloptions, ', ') || ')', '')
                           || ' AS ' || pg_get_viewdef(x.oid));
    END LOOP;

    -- Index names and comments, and extended statistics, once the old table is gone.
    FOR x IN SELECT c.relname, obj_description(c.oid, 'pg_class') AS comment FROM pg_index i
               JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = live ORDER BY c.relname LOOP
        late := format('ALTER INDEX %I.%I RENAME TO %I', schema_name,
                       'acci_rb' || p_rebuild || '_' || left(md5(x.relname), 12), x.relname) || late;
        IF x.comment IS NOT NULL THEN
            late := late || format('COMMENT ON INDEX %I.%I IS %L', schema_name, x.relname, x.comment);
        END IF;
    END LOOP;
    FOR x IN SELECT pg_get_statisticsobjdef(oid) AS def FROM pg_statistic_ext WHERE stxrelid = live LOOP
        late := late || x.def;
    END LOOP;

    EXECUTE format('ALTER TABLE %s RENAME TO %I', qualified, retired);
    EXECUTE format('ALTER TABLE %I.%I RENAME TO %I', schema_name, shadow, live_name);
    FOREACH stmt IN ARRAY carry LOOP
        EXECUTE stmt;
    END LOOP;
    BEGIN
        EXECUTE format('DROP TABLE %I.%I', schema_name, retired);
    EXCEPTION WHEN dependent_objects_still_exist THEN
        GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
        RAISE EXCEPTION 'a rebuild cannot carry over what depends on % (%); drop it, rebuild, then create it again',
            live_name, replace(replace(detail, retired, live_name), E'\n', '; ') USING ERRCODE = '2BP01';
    END;
    FOREACH stmt IN ARRAY late LOOP
        EXECUTE stmt;
    END LOOP;
END
$$;

DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION acci_rebuild_prepare(bigint, name) SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION acci_rebuild_index(bigint) SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION acci_rebuild_swap(bigint) SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION acci_rebuild_target(bigint) SET search_path = %I, pg_temp', current_schema());
END
$$;
REVOKE ALL ON FUNCTION acci_rebuild_prepare(bigint, name), acci_rebuild_index(bigint), acci_rebuild_swap(bigint)
    FROM PUBLIC;
