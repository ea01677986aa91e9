import { randomBytes } from 'node:crypto'
import { type AuthSettings, createApp } from '@warmflow/api'
import { createDb, type Database } from '@warmflow/store'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js'

// Sign-in limits are counted in PostgreSQL: API processes on one database share them, and a
// new process (a restart) still knows them. Each "process" here is its own app and pool.

let platform: TestPlatform
const pools: Kysely<Database>[] = []
beforeAll(async () => {
  platform = await startTestPlatform({ worker: false })
})
afterAll(async () => {
  for (const pool of pools) await pool.destroy()
  await platform?.stop()
})

function apiProcess(auth: AuthSettings) {
  const db = createDb(inject('databaseUrl'), { max: 2 })
  pools.push(db)
  return createApp({
    db,
    registry: platform.registry,
    temporal: { client: platform.client, taskQueue: platform.taskQueue },
    auth: { trustProxy: true, ...auth },
  })
}

/** A client address of its own for each test (documentation range), so tests do not share counts. */
const newAddress = () =>
  `2001:db8::${randomBytes(4)
    .toString('hex')
    .replace(/(....)(....)/, '$1:$2')}`

async function login(app: ReturnType<typeof createApp>, ip: string, email: string, password: string) {
  const response = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ email, password }),
  })
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as { code?: string; message?: { nl: string; en: string } },
  }
}

const nobody = 'niemand@test.warmflow.nl'

describe('sign-in limit per client address, shared by API processes', () => {
  it('counts failed attempts on one process against the other, and a restart keeps the limit', async () => {
    const a = apiProcess({ loginRateLimit: { max: 3, windowMs: 60_000 } })
    const b = apiProcess({ loginRateLimit: { max: 3, windowMs: 60_000 } })
    const ip = newAddress()
    expect((await login(a, ip, nobody, 'x')).status).toBe(401)
    expect((await login(b, ip, nobody, 'x')).status).toBe(401)
    expect((await login(a, ip, nobody, 'x')).status).toBe(401)
    const limited = await login(b, ip, nobody, 'x')
    expect(limited.status).toBe(429)
    expect(limited.body.code).toBe('auth.too_many_attempts')
    expect(limited.body.message?.nl).toMatch(/Te veel pogingen/)
    expect(limited.body.message?.en).toMatch(/Too many sign-in attempts/)
    expect(Number(limited.retryAfter)).toBeGreaterThan(0)
    expect(Number(limited.retryAfter)).toBeLessThanOrEqual(60)
    expect((await login(a, ip, nobody, 'x')).status).toBe(429)
    // Another address is not limited.
    expect((await login(a, newAddress(), nobody, 'x')).status).toBe(401)

    // A new process (a restart) still refuses the address, even with the right password.
    const user = await platform.createUser({ roles: ['designer'] })
    const restarted = apiProcess({ loginRateLimit: { max: 3, windowMs: 60_000 } })
    const after = await login(restarted, ip, user.email, user.password)
    expect(after.status).toBe(429)
    expect(Number(after.retryAfter)).toBeGreaterThan(0)
  })

  it('counts concurrent attempts on two processes exactly once each', async () => {
    const a = apiProcess({ loginRateLimit: { max: 5, windowMs: 60_000 } })
    const b = apiProcess({ loginRateLimit: { max: 5, windowMs: 60_000 } })
    const ip = newAddress()
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(i % 2 === 0 ? a : b, ip, nobody, 'x').then((r) => r.status)),
    )
    expect(statuses.filter((s) => s === 401)).toHaveLength(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(7)
  })

  it('lets a correct sign-in through once the window has ended', async () => {
    const user = await platform.createUser({ roles: ['designer'] })
    const a = apiProcess({ loginRateLimit: { max: 2, windowMs: 1_500 } })
    const b = apiProcess({ loginRateLimit: { max: 2, windowMs: 1_500 } })
    const ip = newAddress()
    expect((await login(a, ip, user.email, 'wrong')).status).toBe(401)
    expect((await login(b, ip, user.email, 'wrong')).status).toBe(401)
    const limited = await login(a, ip, user.email, user.password)
    expect(limited.status).toBe(429)
    expect(Number(limited.retryAfter)).toBeLessThanOrEqual(2)
    await new Promise((resolve) => setTimeout(resolve, Number(limited.retryAfter) * 1000))
    const signedIn = await eventually(async () => {
      const attempt = await login(b, ip, user.email, user.password)
      return attempt.status === 429 ? undefined : attempt
    }, 5_000)
    expect(signedIn.status).toBe(200)
  })

  it('stores no client address and prunes ended windows', async () => {
    await platform.db
      .insertInto('rate_limits')
      .values({
        bucket: 'login:ip',
        key_hash: 'ended-window',
        hits: 9,
        window_ends_at: new Date(Date.now() - 60_000),
      })
      .execute()
    const app = apiProcess({ loginRateLimit: { max: 3, windowMs: 60_000 } })
    const ip = newAddress()
    expect((await login(app, ip, nobody, 'x')).status).toBe(401)
    const rows = await platform.db.selectFrom('rate_limits').selectAll().execute()
    expect(rows.map((r) => r.key_hash)).not.toContain('ended-window')
    expect(JSON.stringify(rows)).not.toContain(ip)
    expect(rows.some((r) => r.bucket === 'login:ip' && r.hits === 1)).toBe(true)
  })
})

describe('account lockout, shared by API processes', () => {
  const generous = { max: 1_000, windowMs: 60_000 }

  it('counts wrong passwords on both processes and keeps the lock after a restart', async () => {
    const user = await platform.createUser({ roles: ['designer'] })
    const a = apiProcess({ loginRateLimit: generous })
    const b = apiProcess({ loginRateLimit: generous })
    const ip = newAddress()
    for (let i = 0; i < 4; i++) {
      expect((await login(i % 2 === 0 ? a : b, ip, user.email, `wrong-${i}`)).status).toBe(401)
    }
    const fifth = await login(b, ip, user.email, 'wrong-5')
    expect(fifth.status).toBe(429)
    expect(fifth.body.code).toBe('auth.too_many_attempts')
    // The right password is refused on the other process too, from another address as well.
    const right = await login(a, newAddress(), user.email, user.password)
    expect(right.status).toBe(429)
    expect(Number(right.retryAfter)).toBeGreaterThan(14 * 60)
    const restarted = apiProcess({ loginRateLimit: generous })
    expect((await login(restarted, ip, user.email, user.password)).status).toBe(429)
  })

  it('lets the right password in once the lock has ended', async () => {
    const user = await platform.createUser({ roles: ['designer'] })
    const lockout = { maxFailures: 2, lockMinutes: 1.5 / 60 }
    const a = apiProcess({ loginRateLimit: generous, lockout })
    const b = apiProcess({ loginRateLimit: generous, lockout })
    const ip = newAddress()
    expect((await login(a, ip, user.email, 'wrong')).status).toBe(401)
    expect((await login(b, ip, user.email, 'wrong')).status).toBe(429)
    const locked = await login(a, ip, user.email, user.password)
    expect(locked.status).toBe(429)
    expect(Number(locked.retryAfter)).toBeLessThanOrEqual(2)
    const signedIn = await eventually(async () => {
      const attempt = await login(b, ip, user.email, user.password)
      return attempt.status === 429 ? undefined : attempt
    }, 5_000)
    expect(signedIn.status).toBe(200)
  })
})
