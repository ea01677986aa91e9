import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { appUrlFor, createScratchDatabase, ensurePostgres } from './index.js'

describe('a scratch database', () => {
  it('is dropped once the app role has let go of it, also when the drop began before', async () => {
    const ownerUrl = await ensurePostgres(process.env)
    const scratch = await createScratchDatabase(ownerUrl, 'warmflow_scratch')
    // The API and the workers use the app role; the owner may not end their sessions, and a
    // process that has just exited leaves its session behind for a moment.
    const app = new pg.Client({ connectionString: appUrlFor(scratch.url) })
    await app.connect()
    const dropped = scratch.drop()
    await new Promise((resolve) => setTimeout(resolve, 300))
    await app.end()
    await dropped
    const owner = new pg.Client({ connectionString: ownerUrl })
    await owner.connect()
    try {
      const name = new URL(scratch.url).pathname.slice(1)
      const left = await owner.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
      expect(left.rowCount).toBe(0)
    } finally {
      await owner.end()
    }
  })
})
