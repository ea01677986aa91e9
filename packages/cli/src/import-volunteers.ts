import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { createDb } from '@warmflow/store'
import { formatImportReport, importVolunteers } from './people/index.js'
import { migrateAndGrant } from './services/database.js'
import { ensureDatabase } from './services/postgres.js'

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * `warmflow import-volunteers <file> [--team <id>] [--dry-run] [--lang nl|en]`: imports
 * volunteers from a CSV file and prints a report with every problem per line. Exits with 1
 * when any row had a problem (valid rows are still saved, unless `--dry-run`).
 *
 * @example
 * await importVolunteersCommand(['examples/data/volunteers.csv', '--dry-run'])
 */
export async function importVolunteersCommand(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { team: { type: 'string' }, 'dry-run': { type: 'boolean' }, lang: { type: 'string' } },
    strict: true,
  })
  const file = positionals[0]
  if (!file)
    throw new Error('give a CSV file: warmflow import-volunteers vrijwilligers.csv / geef een CSV-bestand')
  if (values.team !== undefined && !uuidPattern.test(values.team)) {
    throw new Error('--team must be a team id (uuid) / --team moet een team-id zijn')
  }
  const language = values.lang === 'en' ? 'en' : 'nl'
  const csv = await readFile(file, 'utf8')
  const { ownerUrl, appUrl } = await ensureDatabase(env)
  await migrateAndGrant(ownerUrl, appUrl)
  const db = createDb(appUrl, { max: 2 })
  try {
    const report = await importVolunteers(db, csv, {
      teamId: values.team ?? null,
      dryRun: values['dry-run'] === true,
    })
    process.stdout.write(formatImportReport(report, language))
    return report.errors.length > 0 ? 1 : 0
  } finally {
    await db.destroy()
  }
}
