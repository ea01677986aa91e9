import type { OpenAPIHono } from '@hono/zod-openapi'
import { sql } from 'kysely'
import type { AppEnv } from '../context.js'
import type { AppDeps } from '../deps.js'
import { retryAfterSeconds } from '../problems.js'

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

/** How long `/health` waits for each service, so a load balancer's probe never hangs. */
const healthTimeoutMs = 1_500

/**
 * `GET /health`: 200 when PostgreSQL and Temporal both answer within 1.5 s; otherwise 503 with
 * `Retry-After`, and `checks` says which one is down (`"error"`).
 */
export function registerHealth(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.get('/health', async (c) => {
    const [database, temporal] = await Promise.all([
      check(() => sql`select 1`.execute(deps.db), healthTimeoutMs),
      check(
        () =>
          deps.temporal.client.connection.withDeadline(Date.now() + healthTimeoutMs, () =>
            deps.temporal.client.connection.workflowService.getSystemInfo({}),
          ),
        healthTimeoutMs,
      ),
    ])
    const ok = database === 'ok' && temporal === 'ok'
    if (!ok) {
      const waits = [
        database === 'ok' ? 0 : retryAfterSeconds.database,
        temporal === 'ok' ? 0 : retryAfterSeconds.temporal,
      ]
      c.header('Retry-After', String(Math.max(...waits)))
    }
    return c.json({ status: ok ? 'ok' : 'degraded', checks: { database, temporal } }, ok ? 200 : 503)
  })
}
