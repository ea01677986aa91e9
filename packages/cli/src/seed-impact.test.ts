import { randomUUID } from 'node:crypto'
import { ensureTeam } from '@warmflow/api'
import { impactReport } from '@warmflow/api/impact'
import { createDb, migrateToLatest } from '@warmflow/store'
import { expect, it } from 'vitest'
import { exampleImpactFlowName, seedImpactExample } from './seed-impact.js'
import { createScratchDatabase, ensurePostgres } from './services/index.js'

it('gives a team six weeks of labelled example history that the impact report shows', async () => {
  const scratch = await createScratchDatabase(await ensurePostgres(process.env), 'warmflow_seed_impact')
  const db = createDb(scratch.url, { max: 2 })
  try {
    await migrateToLatest(db)
    const teamId = await ensureTeam(db, `Demo ${randomUUID().slice(0, 8)}`)
    const now = new Date('2026-03-30T12:00:00.000Z')
    const seeded = await seedImpactExample(db, teamId, now)
    expect(seeded.cases).toBeGreaterThanOrEqual(48)
    expect(await seedImpactExample(db, teamId, now)).toEqual({ flowId: null, cases: 0 })
    const report = await impactReport(db, {
      teamIds: [teamId],
      from: new Date(now.getTime() - 7 * 7 * 86_400_000),
      to: now,
    })
    expect(report.flows.map((f) => f.name)).toEqual([exampleImpactFlowName])
    const { totals } = report.flows[0]!
    // Every case is example data, and the page has something in each headline.
    expect(totals.exampleCases).toBe(seeded.cases)
    expect(totals.cases).toBe(seeded.cases)
    expect(totals.minutesSaved).toBeGreaterThan(0)
    expect(totals.handlingMinutes?.median).toBeGreaterThan(5)
    expect(totals.drafts?.accepted).toBeGreaterThan(0)
    expect(report.weeks.length).toBeGreaterThanOrEqual(6)
    // The definition is a real, published flow the designer can open.
    const version = await db
      .selectFrom('flow_versions')
      .select('version')
      .where('flow_id', '=', seeded.flowId!)
      .execute()
    expect(version).toEqual([{ version: 1 }])
  } finally {
    await db.destroy()
    await scratch.drop()
  }
}, 60_000)
