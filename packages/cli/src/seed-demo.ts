import { readFile } from 'node:fs/promises'
import { ensureTeam } from '@warmflow/api'
import type { Database } from '@warmflow/store'
import { type Kysely, sql } from 'kysely'
import { importVolunteers, parseAvailability } from './people/index.js'
import { demoTeamName } from './seed.js'
import { seedImpactExample } from './seed-impact.js'

/** The folder with the demo data (synthetic volunteers and intakes). */
export const exampleDataDir = new URL('../../../examples/data/', import.meta.url)

/** What {@link seedDemoData} added. */
export interface DemoSeed {
  volunteers: number
  intakes: number
}

interface SampleIntake {
  voornaam: string
  achternaam: string
  email: string
  telefoon: string
  postcode: string
  talen: string[]
  hulpvraag: string
  momenten: string[]
  vog: boolean
}

/**
 * Seeds the demo data into an installation without volunteers: 40 synthetic volunteers in
 * Utrecht and Amsterdam (`examples/data/volunteers.csv`, through the same import as
 * `warmflow import-volunteers`) and 10 sample intakes, all in the demo team. Does nothing once
 * any volunteer exists, so a restart never duplicates them.
 *
 * @example
 * const added = await seedDemoData(db) // { volunteers: 40, intakes: 10 }
 */
export async function seedDemoData(db: Kysely<Database>): Promise<DemoSeed> {
  const existing = await db.selectFrom('volunteers').select('id').limit(1).execute()
  if (existing.length > 0) return { volunteers: 0, intakes: 0 }
  const teamId = await ensureTeam(db, demoTeamName)
  const csv = await readFile(new URL('volunteers.csv', exampleDataDir), 'utf8')
  const report = await importVolunteers(db, csv, { teamId })
  if (report.errors.length) {
    throw new Error(
      `Demo volunteers are not valid: ${report.errors.map((e) => `line ${e.line}: ${e.en}`).join('; ')}`,
    )
  }
  const samples = JSON.parse(
    await readFile(new URL('intakes.json', exampleDataDir), 'utf8'),
  ) as SampleIntake[]
  for (const sample of samples) {
    const availability = parseAvailability(sample.momenten.join(';'))
    await db
      .insertInto('intakes')
      .values({
        team_id: teamId,
        requester_name: `${sample.voornaam} ${sample.achternaam}`,
        requester_email: sample.email,
        requester_phone: sample.telefoon,
        postcode: sample.postcode,
        request: sample.hulpvraag,
        languages: JSON.stringify(sample.talen),
        availability: JSON.stringify('invalid' in availability ? [] : availability),
        requires_vog: sample.vog,
        status: 'nieuw',
        created_at: sql<Date>`now()`,
      })
      .execute()
  }
  // A few weeks of example history for the Impact page, labelled as example data.
  await seedImpactExample(db, teamId)
  return { volunteers: report.created, intakes: samples.length }
}
