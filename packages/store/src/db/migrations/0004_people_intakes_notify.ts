import { type Kysely, type Migration, sql } from 'kysely'

/**
 * Warmflow's own data about people and requests: volunteers, clients, intakes, progress reports;
 * plus in-app notifications and the e-mail delivery log that makes `email.send` idempotent.
 * Every people table is team-owned through `team_id`.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('volunteers')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('team_id', 'uuid')
      .addColumn('external_ref', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('postcode', 'text')
      .addColumn('city', 'text')
      .addColumn('latitude', 'double precision')
      .addColumn('longitude', 'double precision')
      .addColumn('languages', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('skills', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('availability', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('has_vog', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('max_active_matches', 'integer', (c) => c.notNull().defaultTo(2))
      .addColumn('active_matches', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_matched_at', 'timestamptz')
      .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()
    await db.schema
      .createIndex('volunteers_team_ref_uq')
      .on('volunteers')
      .columns(['team_id', 'external_ref'])
      .unique()
      .where(sql.ref('external_ref'), 'is not', null)
      .execute()

    await db.schema
      .createTable('clients')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('team_id', 'uuid')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('postcode', 'text')
      .addColumn('birth_date', 'date')
      .addColumn('languages', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()

    await db.schema
      .createTable('intakes')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('team_id', 'uuid')
      .addColumn('client_id', 'uuid')
      .addColumn('requester_name', 'text', (c) => c.notNull())
      .addColumn('requester_email', 'text')
      .addColumn('requester_phone', 'text')
      .addColumn('postcode', 'text')
      .addColumn('request', 'text', (c) => c.notNull())
      .addColumn('skills', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('languages', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('availability', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('requires_vog', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('nieuw'))
      .addColumn('volunteer_id', 'uuid')
      .addColumn('run_id', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()

    await db.schema
      .createTable('progress_reports')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('team_id', 'uuid')
      .addColumn('intake_id', 'uuid')
      .addColumn('client_id', 'uuid')
      .addColumn('volunteer_id', 'uuid')
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('author', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('idempotency_key', 'text', (c) => c.unique())
      .addColumn('team_id', 'uuid')
      .addColumn('user_id', 'uuid')
      .addColumn('title', 'jsonb', (c) => c.notNull())
      .addColumn('body', 'jsonb', (c) => c.notNull())
      .addColumn('link', 'text')
      .addColumn('run_id', 'text')
      .addColumn('read_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()
    await db.schema
      .createIndex('notifications_recipient_idx')
      .on('notifications')
      .columns(['team_id', 'user_id', 'created_at'])
      .execute()

    await db.schema
      .createTable('email_deliveries')
      .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('recipients', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('run_id', 'text')
      .addColumn('sent_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      'email_deliveries',
      'notifications',
      'progress_reports',
      'intakes',
      'clients',
      'volunteers',
    ]) {
      await db.schema.dropTable(table).execute()
    }
  },
}
