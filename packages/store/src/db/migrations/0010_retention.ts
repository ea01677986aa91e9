import { type Kysely, type Migration, sql } from 'kysely'

/**
 * Retention. A run whose term has passed keeps its row (ids, times, outcome: what the impact
 * figures and the audit trail need) with `removed_at` and the term it was removed after; its
 * contents are gone. The audit log gets a term of its own (NEN 7513: at least five years),
 * enforced by `purge_audit_log`: a SECURITY DEFINER function, owned by the owner, that removes
 * only lines older than its cutoff and never lines younger than 1826 days. The append-only
 * trigger lets a delete through only inside that function; the app role still has no DELETE
 * right on the table at all.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('runs')
      .addColumn('removed_at', 'timestamptz')
      .addColumn('removed_after_days', 'integer')
      .execute()
    // The retention job looks for finished runs not yet removed, oldest end first.
    await db.schema
      .createIndex('runs_retention_idx')
      .on('runs')
      .column('updated_at')
      .where(sql.ref('removed_at'), 'is', null)
      .execute()
    await db.schema.createIndex('email_deliveries_run_idx').on('email_deliveries').column('run_id').execute()

    await sql`
      create or replace function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and current_setting('warmflow.audit_retention', true) = 'on' then
          return old;
        end if;
        raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
      end
      $$`.execute(db)
    await sql`
      create function purge_audit_log(cutoff timestamptz, max_rows integer) returns integer
      language plpgsql security definer set search_path = pg_catalog, public as $$
      declare
        removed integer;
      begin
        if max_rows is null or max_rows < 1 or max_rows > 10000 then
          raise exception 'purge_audit_log: max_rows must be between 1 and 10000' using errcode = 'invalid_parameter_value';
        end if;
        perform set_config('warmflow.audit_retention', 'on', true);
        delete from audit_log where id in (
          select id from audit_log
          where at < least(cutoff, now() - interval '1826 days')
          order by at, id
          limit max_rows
        );
        get diagnostics removed = row_count;
        perform set_config('warmflow.audit_retention', 'off', true);
        return removed;
      end
      $$`.execute(db)
    // Only the roles grantAppRole names may call it.
    await sql`revoke all on function purge_audit_log(timestamptz, integer) from public`.execute(db)
  },
  async down(db: Kysely<unknown>) {
    await sql`drop function purge_audit_log(timestamptz, integer)`.execute(db)
    await sql`
      create or replace function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
      end
      $$`.execute(db)
    await db.schema.dropIndex('email_deliveries_run_idx').execute()
    await db.schema.dropIndex('runs_retention_idx').execute()
    await db.schema.alterTable('runs').dropColumn('removed_at').dropColumn('removed_after_days').execute()
  },
}
