import { createDb, migrateToLatest } from '@warmflow/store'
import { expect, it } from 'vitest'
import { seedDemoData } from './seed-demo.js'
import { createScratchDatabase, ensurePostgres } from './services/index.js'

it('seeds 40 volunteers and 10 intakes into the demo team once', async () => {
  const scratch = await createScratchDatabase(await ensurePostgres(process.env), 'warmflow_seed')
  const db = createDb(scratch.url, { max: 2 })
  try {
    await migrateToLatest(db)
    expect(await seedDemoData(db)).toEqual({ volunteers: 40, intakes: 10 })
    expect(await seedDemoData(db)).toEqual({ volunteers: 0, intakes: 0 })
    const volunteers = await db.selectFrom('volunteers').selectAll().execute()
    expect(volunteers).toHaveLength(40)
    expect(new Set(volunteers.map((v) => v.city))).toEqual(new Set(['Utrecht', 'Amsterdam']))
    expect(new Set(volunteers.map((v) => v.team_id)).size).toBe(1)
    // Realistic variety: several languages, skills and both with and without a VOG.
    expect(new Set(volunteers.flatMap((v) => v.languages)).size).toBeGreaterThanOrEqual(8)
    expect(new Set(volunteers.flatMap((v) => v.skills)).size).toBeGreaterThanOrEqual(8)
    expect(new Set(volunteers.map((v) => v.has_vog))).toEqual(new Set([true, false]))
    const intakes = await db.selectFrom('intakes').selectAll().execute()
    expect(intakes).toHaveLength(10)
    expect(intakes.every((i) => i.team_id === volunteers[0]!.team_id && i.status === 'nieuw')).toBe(true)
  } finally {
    await db.destroy()
    await scratch.drop()
  }
}, 60_000)
