import type { OpenAPIHono } from '@hono/zod-openapi'
import { sql } from 'kysely'
import type { AppEnv } from '../context.js'
import type { AppDeps } from '../deps.js'

async function check(probe: () => Promise<unknown>, timeoutMs: number): Promise<'ok' | 'error'> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)
      }),
    ])
    return 'ok'
  } catch {
    return 'error'
  } finally {
    clearTimeout(timer)
  }
}

/** `GET /health`: 200 when PostgreSQL and Temporal both answer, 503 otherwise. */
export function registerHealth(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.get('/health', async (c) => {
    const [database, temporal] = await Promise.all([
      check(() => sql`select 1`.execute(deps.db), 3_000),
      check(() => deps.temporal.client.connection.workflowService.getSystemInfo({}), 3_000),
    ])
    const ok = database === 'ok' && temporal === 'ok'
    return c.json({ status: ok ? 'ok' : 'degraded', checks: { database, temporal } }, ok ? 200 : 503)
  })
}
