import { type Kysely, type Migration, sql } from 'kysely'

/**
 * Accounts, teams, sessions and the append-only audit log; flows and runs get an owning team;
 * flows get a draft revision and versions an author and a note; encrypted credentials;
 * webhook secrets and deliveries; idempotent run starts.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('teams')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()
    await db.schema
      .createTable('users')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      // Null for accounts that only sign in through an external identity provider.
      .addColumn('password_hash', 'text')
      .addColumn('roles', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
      .addColumn('disabled_at', 'timestamptz')
      .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()
    await db.schema
      .createTable('team_members')
      .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
      .execute()
    await db.schema.createIndex('team_members_user_idx').on('team_members').column('user_id').execute()
    await db.schema
      .createTable('sessions')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      // sha256 of the cookie's token: a copy of this table does not let anyone sign in.
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute()

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      // No foreign keys: the log outlives the users and objects it names.
      .addColumn('actor_id', 'uuid')
      .addColumn('actor_email', 'text')
      .addColumn('on_behalf_of', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('object_type', 'text')
      .addColumn('object_id', 'text')
      .addColumn('team_id', 'uuid')
      .addColumn('ip', 'text')
      .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .execute()
    await db.schema
      .createIndex('audit_log_object_idx')
      .on('audit_log')
      .columns(['object_type', 'object_id'])
      .execute()
    await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute()
    await sql`
      create function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
      end
      $$`.execute(db)
    await sql`
      create trigger audit_log_no_change before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db)
    await sql`
      create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only()`.execute(db)

    // Existing flows (from before accounts existed) go to one team, so nothing is lost.
    await db.schema
      .alterTable('flows')
      .addColumn('team_id', 'uuid', (c) => c.references('teams.id'))
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('archived_at', 'timestamptz')
      .addColumn('created_by', 'uuid')
      .addColumn('updated_by', 'uuid')
      .addColumn('webhook_secret', 'text')
      .execute()
    await sql`
      with orphans as (select 1 from flows where team_id is null limit 1),
      team as (
        insert into teams (name) select 'Standaardteam' from orphans
        on conflict (name) do update set name = excluded.name returning id
      )
      update flows set team_id = (select id from team) where team_id is null`.execute(db)
    await sql`alter table flows alter column team_id set not null`.execute(db)
    await db.schema
      .createIndex('flows_team_created_idx')
      .on('flows')
      .columns(['team_id', 'created_at'])
      .execute()

    await db.schema
      .alterTable('flow_versions')
      .addColumn('author_id', 'uuid')
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .execute()

    await db.schema
      .alterTable('runs')
      .addColumn('team_id', 'uuid', (c) => c.references('teams.id'))
      .addColumn('started_by', 'uuid')
      .addColumn('trigger', 'text', (c) => c.notNull().defaultTo('manual'))
      .addColumn('idempotency_key', 'text')
      .addColumn('retry_of', 'uuid')
      .execute()
    await sql`update runs set team_id = flows.team_id from flows where flows.id = runs.flow_id`.execute(db)
    await sql`alter table runs alter column team_id set not null`.execute(db)
    await db.schema
      .createIndex('runs_team_created_idx')
      .on('runs')
      .columns(['team_id', 'created_at'])
      .execute()
    await db.schema
      .createIndex('runs_idempotency_idx')
      .on('runs')
      .columns(['flow_id', 'idempotency_key'])
      .unique()
      .where(sql.ref('idempotency_key'), 'is not', null)
      .execute()

    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('flow_id', 'uuid', (c) => c.notNull().references('flows.id').onDelete('cascade'))
      .addColumn('delivery_id', 'text', (c) => c.notNull())
      .addColumn('run_id', 'uuid', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('webhook_deliveries_pk', ['flow_id', 'delivery_id'])
      .execute()

    await db.schema
      .createTable('credentials')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      // AES-256-GCM: base64 of iv (12 bytes) + tag (16 bytes) + ciphertext.
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('created_by', 'uuid')
      .addColumn('updated_by', 'uuid')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('credentials_team_name_uq', ['team_id', 'name'])
      .execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('credentials').execute()
    await db.schema.dropTable('webhook_deliveries').execute()
    await db.schema.dropIndex('runs_idempotency_idx').execute()
    await db.schema.dropIndex('runs_team_created_idx').execute()
    await db.schema
      .alterTable('runs')
      .dropColumn('team_id')
      .dropColumn('started_by')
      .dropColumn('trigger')
      .dropColumn('idempotency_key')
      .dropColumn('retry_of')
      .execute()
    await db.schema.alterTable('flow_versions').dropColumn('author_id').dropColumn('note').execute()
    await db.schema.dropIndex('flows_team_created_idx').execute()
    await db.schema
      .alterTable('flows')
      .dropColumn('team_id')
      .dropColumn('revision')
      .dropColumn('archived_at')
      .dropColumn('created_by')
      .dropColumn('updated_by')
      .dropColumn('webhook_secret')
      .execute()
    await db.schema.dropTable('audit_log').execute()
    await sql`drop function audit_log_append_only()`.execute(db)
    await db.schema.dropTable('sessions').execute()
    await db.schema.dropTable('team_members').execute()
    await db.schema.dropTable('users').execute()
    await db.schema.dropTable('teams').execute()
  },
}
