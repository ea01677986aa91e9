import { ensurePostgres } from '@warmflow/cli/services'
import { describe, expect, it } from 'vitest'

describe('the local PostgreSQL set-up', () => {
  // `pnpm start` beside a test run, or test files in parallel, set up the same roles at once.
  it('sets up the roles and database from several processes at the same moment', async () => {
    const env = { ...process.env }
    delete env.DATABASE_URL
    for (let round = 0; round < 3; round++) {
      const urls = await Promise.all(Array.from({ length: 8 }, () => ensurePostgres(env)))
      expect(new Set(urls).size).toBe(1)
      expect(urls[0]).toMatch(/^postgres:\/\/warmflow:[^@]+@127\.0\.0\.1:\d+\/warmflow$/)
    }
  }, 120_000)
})
