import type { Migration, MigrationProvider } from 'kysely'
import { migration as m0001 } from './0001_flows_versions_runs.js'
import { migration as m0002 } from './0002_tasks.js'
import { migration as m0003 } from './0003_accounts_teams_audit.js'
import { migration as m0004 } from './0004_people_intakes_notify.js'
import { migration as m0005 } from './0005_node_outputs.js'
import { migration as m0006 } from './0006_test_runs.js'
import { migration as m0007 } from './0007_rate_limits.js'
import { migration as m0008 } from './0008_oidc_subject.js'
import { migration as m0009 } from './0009_impact.js'
import { migration as m0010retention } from './0010_retention.js'
import { migration as m0011unstarted } from './0011_unstarted_runs.js'
import { migration as m0012subjects } from './0012_subjects.js'
import { migration as m0013inbox } from './0013_inbox_indexes.js'

// Migrations run in the order of their names. Never edit one that has shipped: add a new file
// (next number) and one line here.
const migrations: Record<string, Migration> = {
  '0001_flows_versions_runs': m0001,
  '0002_tasks': m0002,
  '0003_accounts_teams_audit': m0003,
  '0004_people_intakes_notify': m0004,
  '0005_node_outputs': m0005,
  '0006_test_runs': m0006,
  '0007_rate_limits': m0007,
  '0008_oidc_subject': m0008,
  '0009_impact': m0009,
  '0010_retention': m0010retention,
  '0011_unstarted_runs': m0011unstarted,
  '0012_subjects': m0012subjects,
  '0013_inbox_indexes': m0013inbox,
}

/** Supplies Warmflow's migrations to Kysely's `Migrator`. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
}
