-- 003: each aggregate's tenant, so that a console can scope its aggregate lists by tenant.
-- The tenant is the one of the aggregate's first event (metadata.tenant_id).
ALTER TABLE aggregates ADD COLUMN IF NOT EXISTS tenant_id text;

UPDATE aggregates a
   SET tenant_id = f.tenant
  FROM (SELECT DISTINCT ON (aggregate_id) aggregate_id, metadata ->> 'tenant_id' AS tenant
          FROM events ORDER BY aggregate_id, version) f
 WHERE a.aggregate_id = f.aggregate_id AND a.tenant_id IS NULL AND f.tenant IS NOT NULL;

CREATE INDEX IF NOT EXISTS idx_aggregates_tenant ON aggregates (tenant_id, aggregate_type, aggregate_id);

CREATE OR REPLACE FUNCTION acci_events_after_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    head bigint;
BEGIN
    INSERT INTO aggregates AS a (aggregate_id, aggregate_type, version, created_at, updated_at, tenant_id)
    SELECT aggregate_id, min(aggregate_type), max(version), min(timestamp), max(timestamp),
           min(metadata ->> 'tenant_id')
      FROM new_events GROUP BY aggregate_id
    ON CONFLICT (aggregate_id) DO UPDATE
       SET version    = greatest(a.version, EXCLUDED.version),
           updated_at = greatest(a.updated_at, EXCLUDED.updated_at),
           created_at = least(a.created_at, EXCLUDED.created_at),
           tenant_id  = coalesce(a.tenant_id, EXCLUDED.tenant_id);
    SELECT max(global_position) INTO head FROM new_events;
    IF head IS NOT NULL THEN
        PERFORM pg_notify('acci_events', head::text);
    END IF;
    RETURN NULL;
END
$$;
