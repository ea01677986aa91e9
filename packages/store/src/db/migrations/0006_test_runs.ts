import { type Kysely, type Migration, sql } from 'kysely'

/**
 * Test runs of a draft. Such a run belongs to no published version (`flow_version` is null) and
 * keeps the exact definition it ran with in `definition`, so it can be shown after the draft
 * changed. A run of a published version keeps `definition` null: its version row has it.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('runs')
      .alterColumn('flow_version', (c) => c.dropNotNull())
      .execute()
    await db.schema.alterTable('runs').addColumn('definition', 'jsonb').execute()
    await db.schema
      .alterTable('runs')
      .addCheckConstraint('runs_version_or_definition', sql`(flow_version is null) <> (definition is null)`)
      .execute()
  },
  async down(db: Kysely<unknown>) {
    await sql`delete from runs where flow_version is null`.execute(db)
    await db.schema.alterTable('runs').dropConstraint('runs_version_or_definition').execute()
    await db.schema.alterTable('runs').dropColumn('definition').execute()
    await db.schema
      .alterTable('runs')
      .alterColumn('flow_version', (c) => c.setNotNull())
      .execute()
  },
}
