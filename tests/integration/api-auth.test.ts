import { createHash } from 'node:crypto'
import { createApp, ensureFirstAdmin } from '@warmflow/api'
import { createAdmin } from '@warmflow/cli'
import { createDb } from '@warmflow/store'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'

let platform: TestPlatform
beforeAll(async () => {
  platform = await startTestPlatform({ worker: false })
})
afterAll(async () => {
  await platform?.stop()
})

const json = { 'content-type': 'application/json' }

async function login(email: string, password: string, app = platform.app, url = 'http://localhost') {
  const response = await app.request(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email, password }),
  })
  const body = (await response.json()) as any
  const setCookie = response.headers.get('set-cookie') ?? ''
  return {
    status: response.status,
    body,
    setCookie,
    cookie: setCookie.split(';')[0] ?? '',
    headers: response.headers,
  }
}

async function auditActions(objectId: string) {
  const rows = await platform.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id'])
    .where('object_id', '=', objectId)
    .orderBy('id')
    .execute()
  return rows.map((r) => r.action)
}

describe('sign-in', () => {
  it('signs in with a password: user, roles, teams, CSRF token and an HttpOnly SameSite=Lax cookie', async () => {
    const team = await platform.createTeam()
    const user = await platform.createUser({ roles: ['designer', 'approver'], teams: [team] })
    const { status, body, setCookie, cookie } = await login(user.email.toUpperCase(), user.password)
    expect(status).toBe(200)
    expect(body).toEqual({
      user: {
        id: user.id,
        email: user.email,
        name: expect.any(String),
        roles: ['designer', 'approver'],
        teams: [{ id: team.id, name: team.name }],
      },
      csrfToken: expect.stringMatching(/^[\w-]{40,}$/),
    })
    expect(setCookie).toMatch(/^warmflow_session=[\w-]{40,};/)
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Lax/)
    expect(setCookie).toMatch(/Path=\//)
    expect(setCookie).not.toMatch(/Secure/)

    // Only the token's hash is stored.
    const token = cookie.split('=')[1] as string
    const sessions = await platform.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', user.id)
      .execute()
    expect(sessions).toHaveLength(1)
    expect(sessions[0]?.token_hash).toBe(createHash('sha256').update(token).digest('hex'))
    expect(JSON.stringify(sessions)).not.toContain(token)

    const me = await platform.app.request('/api/v1/auth/me', { headers: { cookie } })
    expect(me.status).toBe(200)
    expect(await me.json()).toEqual(body)
    expect(await auditActions(user.id)).toEqual(['auth.login'])
  })

  it('marks the cookie Secure when served over https', async () => {
    const user = await platform.createUser({ roles: ['developer'] })
    const { status, setCookie } = await login(
      user.email,
      user.password,
      platform.app,
      'https://warmflow.example',
    )
    expect(status).toBe(200)
    expect(setCookie).toMatch(/Secure/)
  })

  it('answers 401 with the same code for a wrong password and an unknown account', async () => {
    const user = await platform.createUser({ roles: ['designer'] })
    const wrong = await login(user.email, 'not the password')
    const unknown = await login('niemand@test.warmflow.nl', 'whatever')
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.body.code).toBe('auth.invalid_credentials')
    expect(unknown.body.code).toBe('auth.invalid_credentials')
    expect(wrong.body.message.nl).toMatch(/wachtwoord/)
    expect(wrong.setCookie).toBe('')
    expect(await auditActions(user.id)).toEqual(['auth.login_failed'])
  })

  it('refuses malformed sign-in requests with 4xx, never 500', async () => {
    const cases: [string, Record<string, string>][] = [
      ['{"email": "a@b.nl"', json],
      ['{"email": "a@b.nl"}', json],
      ['{"email": "a@b.nl", "password": "x", "roles": ["admin"]}', json],
      ['[]', json],
      ['null', json],
      ['email=a&password=b', { 'content-type': 'application/x-www-form-urlencoded' }],
      [JSON.stringify({ email: 'a@b.nl', password: 'x'.repeat(5000) }), json],
    ]
    for (const [body, headers] of cases) {
      const response = await platform.app.request('/api/v1/auth/login', { method: 'POST', headers, body })
      expect(response.status, body.slice(0, 60)).toBeGreaterThanOrEqual(400)
      expect(response.status, body.slice(0, 60)).toBeLessThan(500)
    }
  })

  it('locks an account after five wrong passwords, even for the right one', async () => {
    const user = await platform.createUser({ roles: ['designer'] })
    for (let i = 0; i < 4; i++) expect((await login(user.email, `wrong-${i}`)).status).toBe(401)
    const fifth = await login(user.email, 'wrong-5')
    expect(fifth.status).toBe(429)
    expect(fifth.body.code).toBe('auth.too_many_attempts')
    const right = await login(user.email, user.password)
    expect(right.status).toBe(429)
    expect(right.setCookie).toBe('')
    const actions = await auditActions(user.id)
    expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(4)
    expect(actions.filter((a) => a === 'auth.login_locked')).toHaveLength(2)
    // After the lock ends the right password works again.
    await platform.db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('id', '=', user.id)
      .execute()
    expect((await login(user.email, user.password)).status).toBe(200)
  })

  it('limits sign-in attempts per client address', async () => {
    const app = createApp({
      db: platform.db,
      registry: platform.registry,
      temporal: { client: platform.client, taskQueue: platform.taskQueue },
      auth: { loginRateLimit: { max: 3, windowMs: 60_000 }, trustProxy: true },
    })
    const attempt = (ip: string) =>
      app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { ...json, 'x-forwarded-for': ip },
        body: JSON.stringify({ email: 'niemand@test.warmflow.nl', password: 'x' }),
      })
    for (let i = 0; i < 3; i++) expect((await attempt('203.0.113.7')).status).toBe(401)
    const limited = await attempt('203.0.113.7')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await attempt('203.0.113.8')).status).toBe(401)
    const rows = await platform.db
      .selectFrom('audit_log')
      .select('ip')
      .where('action', '=', 'auth.login_failed')
      .where('ip', '=', '203.0.113.7')
      .execute()
    expect(rows).toHaveLength(3)
  })
})

describe('sessions and CSRF', () => {
  it('refuses anonymous calls to every non-public route with 401', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/flows'],
      ['POST', '/api/v1/flows'],
      ['GET', '/api/v1/runs/00000000-0000-4000-8000-000000000000'],
      ['GET', '/api/v1/auth/me'],
      ['POST', '/api/v1/auth/logout'],
      ['GET', '/api/v1/admin/users'],
      ['GET', '/api/v1/does-not-exist'],
    ] as const) {
      const { status, body } = await platform
        .as(null)
        .request(method, path, method === 'POST' ? {} : undefined)
      expect(status, `${method} ${path}`).toBe(401)
      expect(body.code).toBe('auth.required')
    }
    expect((await platform.as(null).request('GET', '/api/v1/openapi.json')).status).toBe(200)
  })

  it('refuses a forged or missing session cookie', async () => {
    for (const cookie of [
      'warmflow_session=forged-token-forged-token-forged',
      'warmflow_session=',
      'warmflow_session=x',
    ]) {
      const response = await platform.app.request('/api/v1/auth/me', { headers: { cookie } })
      expect(response.status).toBe(401)
    }
  })

  it('needs the X-CSRF-Token of the session for state-changing requests', async () => {
    const team = await platform.createTeam()
    const designer = await platform.createUser({ roles: ['designer'], teams: [team] })
    const other = await platform.createUser({ roles: ['designer'], teams: [team] })
    const { cookie, body } = await login(designer.email, designer.password)
    const otherSession = await login(other.email, other.password)
    const flow = { name: 'CSRF', nodes: [{ id: 'start', type: 'manual', version: 1 }] }
    const post = (headers: Record<string, string>) =>
      platform.app.request('/api/v1/flows', {
        method: 'POST',
        headers: { ...json, cookie, ...headers },
        body: JSON.stringify(flow),
      })
    const variants: Record<string, string>[] = [
      {},
      { 'x-csrf-token': 'wrong' },
      { 'x-csrf-token': otherSession.body.csrfToken },
    ]
    for (const headers of variants) {
      const response = await post(headers)
      expect(response.status).toBe(403)
      expect(((await response.json()) as { code: string }).code).toBe('auth.csrf')
    }
    expect((await post({ 'x-csrf-token': body.csrfToken })).status).toBe(201)
    // Reads need no token.
    expect((await platform.app.request('/api/v1/flows', { headers: { cookie } })).status).toBe(200)
  })

  it('signs out: the session ends and the cookie is cleared', async () => {
    const user = await platform.createUser({ roles: ['developer'] })
    const { cookie, body } = await login(user.email, user.password)
    const noToken = await platform.app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie } })
    expect(noToken.status).toBe(403)
    const out = await platform.app.request('/api/v1/auth/logout', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': body.csrfToken },
    })
    expect(out.status).toBe(204)
    expect(out.headers.get('set-cookie')).toMatch(/warmflow_session=;.*Max-Age=0/)
    expect((await platform.app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(401)
    expect(await auditActions(user.id)).toEqual(['auth.login', 'auth.logout'])
  })

  it('ends expired and idle sessions', async () => {
    const user = await platform.createUser({ roles: ['developer'] })
    const first = await login(user.email, user.password)
    await platform.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute()
    expect(
      (await platform.app.request('/api/v1/auth/me', { headers: { cookie: first.cookie } })).status,
    ).toBe(401)
    const second = await login(user.email, user.password)
    await platform.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 3 * 3_600_000) })
      .where('user_id', '=', user.id)
      .execute()
    expect(
      (await platform.app.request('/api/v1/auth/me', { headers: { cookie: second.cookie } })).status,
    ).toBe(401)
    expect(
      await platform.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute(),
    ).toEqual([])
  })
})

describe('admin: users, teams, memberships', () => {
  it('creates a team and a user with a generated password that signs in', async () => {
    const team = await platform.request('POST', '/api/v1/admin/teams', { name: `Wijkteam ${Date.now()}` })
    expect(team.status).toBe(201)
    const created = await platform.request('POST', '/api/v1/admin/users', {
      email: `Coordinator-${Date.now()}@test.warmflow.nl`,
      name: 'Coördinator',
      roles: ['approver'],
      teamIds: [team.body.id],
    })
    expect(created.status).toBe(201)
    expect(created.body.user).toMatchObject({
      roles: ['approver'],
      teams: [{ id: team.body.id }],
      disabled: false,
    })
    expect(created.body.generatedPassword).toMatch(/^[\w-]{24}$/)
    const signedIn = await login(created.body.user.email, created.body.generatedPassword)
    expect(signedIn.status).toBe(200)
    expect(signedIn.body.user.teams).toEqual([{ id: team.body.id, name: team.body.name }])

    const duplicate = await platform.request('POST', '/api/v1/admin/users', {
      email: created.body.user.email,
      name: 'Nog een',
      roles: [],
    })
    expect(duplicate.status).toBe(409)
    const duplicateTeam = await platform.request('POST', '/api/v1/admin/teams', { name: team.body.name })
    expect(duplicateTeam.status).toBe(409)

    const second = await platform.createTeam()
    const added = await platform.request(
      'PUT',
      `/api/v1/admin/teams/${second.id}/members/${created.body.user.id}`,
    )
    expect(added.status).toBe(200)
    expect(added.body.teams.map((t: { id: string }) => t.id).sort()).toEqual([team.body.id, second.id].sort())
    const removed = await platform.request(
      'DELETE',
      `/api/v1/admin/teams/${team.body.id}/members/${created.body.user.id}`,
    )
    expect(removed.body.teams).toEqual([{ id: second.id, name: second.name }])
    expect(
      (
        await platform.request(
          'DELETE',
          `/api/v1/admin/teams/${team.body.id}/members/${created.body.user.id}`,
        )
      ).status,
    ).toBe(404)

    const list = await platform.request(
      'GET',
      `/api/v1/admin/users?q=${encodeURIComponent(created.body.user.email)}`,
    )
    expect(list.body.items.map((u: { id: string }) => u.id)).toEqual([created.body.user.id])
    const actions = await auditActions(created.body.user.id)
    expect(actions).toEqual(
      expect.arrayContaining(['user.create', 'team.member_add', 'team.member_remove', 'auth.login']),
    )
  })

  it('disabling a user ends their sessions', async () => {
    const user = await platform.createUser({ roles: ['designer'] })
    const { cookie } = await login(user.email, user.password)
    const patched = await platform.request('PATCH', `/api/v1/admin/users/${user.id}`, { disabled: true })
    expect(patched.status).toBe(200)
    expect(patched.body.disabled).toBe(true)
    expect((await platform.app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(401)
    expect((await login(user.email, user.password)).status).toBe(401)
  })

  it('validates admin input and refuses unknown fields and roles', async () => {
    for (const body of [
      { email: 'geen-adres', name: 'X', roles: [] },
      { email: 'a@test.warmflow.nl', name: 'X', roles: ['superuser'] },
      { email: 'a@test.warmflow.nl', name: 'X', roles: [], password: 'kort' },
      { email: 'a@test.warmflow.nl', name: 'X', roles: [], id: '00000000-0000-4000-8000-000000000000' },
    ]) {
      const { status } = await platform.request('POST', '/api/v1/admin/users', body)
      expect(status, JSON.stringify(body)).toBe(400)
    }
    const unknownTeam = await platform.request('POST', '/api/v1/admin/users', {
      email: `x-${Date.now()}@test.warmflow.nl`,
      name: 'X',
      teamIds: ['00000000-0000-4000-8000-000000000000'],
    })
    expect(unknownTeam.status).toBe(404)
    expect((await platform.request('PATCH', '/api/v1/admin/users/not-a-uuid', { name: 'x' })).status).toBe(
      404,
    )
    expect((await platform.request('GET', '/api/v1/admin/users?cursor=bogus')).status).toBe(400)
    expect((await platform.request('GET', '/api/v1/admin/users?limit=0')).status).toBe(400)
  })

  it('admin routes are for admins only', async () => {
    const team = await platform.createTeam()
    for (const role of ['designer', 'approver', 'developer']) {
      const user = await platform.createUser({ roles: [role], teams: [team] })
      for (const [method, path, body] of [
        ['GET', '/api/v1/admin/users', undefined],
        ['POST', '/api/v1/admin/users', { email: 'z@test.warmflow.nl', name: 'Z', roles: ['admin'] }],
        ['PATCH', `/api/v1/admin/users/${user.id}`, { roles: ['admin'] }],
        ['GET', '/api/v1/admin/teams', undefined],
        ['POST', '/api/v1/admin/teams', { name: 'Eigen team' }],
        ['PUT', `/api/v1/admin/teams/${team.id}/members/${user.id}`, undefined],
      ] as const) {
        const { status } = await platform.as(user).request(method, path, body)
        expect(status, `${role} ${method} ${path}`).toBe(403)
      }
    }
  })

  it('pages through users with a cursor, without gaps or repeats', async () => {
    const prefix = `page-${Date.now()}`
    const made = []
    for (let i = 0; i < 5; i++)
      made.push(await platform.createUser({ roles: [], email: `${prefix}-${i}@test.warmflow.nl` }))
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const query: string = `?q=${prefix}&limit=2${cursor ? `&cursor=${cursor}` : ''}`
      const page = await platform.request('GET', `/api/v1/admin/users${query}`)
      expect(page.status).toBe(200)
      seen.push(...page.body.items.map((u: { id: string }) => u.id))
      cursor = page.body.nextCursor
    } while (cursor)
    expect(seen).toEqual(made.map((u) => u.id).reverse())
  })
})

describe('first administrator', () => {
  it('is not created when users exist', async () => {
    expect(await ensureFirstAdmin(platform.db)).toBeUndefined()
  })

  it('warmflow create-admin prints a generated password once, which signs in', async () => {
    const email = `beheer-${Date.now()}@test.warmflow.nl`
    const writes: string[] = []
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      writes.push(String(chunk))
      return true
    })
    try {
      await createAdmin(['--email', email], { DATABASE_URL: inject('databaseUrl') })
    } finally {
      spy.mockRestore()
    }
    const password = /password: (\S+)/.exec(writes.join(''))?.[1]
    expect(password).toMatch(/^[\w-]{24}$/)
    const signedIn = await login(email, password as string)
    expect(signedIn.status).toBe(200)
    expect(signedIn.body.user.roles).toEqual(['admin'])
    await expect(createAdmin(['--email', email], { DATABASE_URL: inject('databaseUrl') })).rejects.toThrow(
      /already exists/,
    )
    await expect(
      createAdmin(['--email', 'geen-adres'], { DATABASE_URL: inject('databaseUrl') }),
    ).rejects.toThrow(/e-mail/)
  })
})

describe('audit log', () => {
  it('is append-only in the database, even for its owner', async () => {
    const owner = createDb(inject('ownerDatabaseUrl'), { max: 1 })
    try {
      await expect(sql`update audit_log set action = 'x'`.execute(owner)).rejects.toThrow(/append-only/)
      await expect(sql`delete from audit_log`.execute(owner)).rejects.toThrow(/append-only/)
      await expect(sql`truncate audit_log`.execute(owner)).rejects.toThrow(/append-only/)
    } finally {
      await owner.destroy()
    }
  })

  it('can only be read and appended to by the role the app runs as', async () => {
    const db = platform.db
    const { rows } = await sql<{ current_user: string }>`select current_user`.execute(db)
    expect(rows[0]?.current_user).toBe('warmflow_app')
    // The app itself writes audit lines and reads them back.
    await sql`insert into audit_log (action, details) values ('test.append', '{}')`.execute(db)
    const { rows: read } = await sql<{
      n: string
    }>`select count(*) as n from audit_log where action = 'test.append'`.execute(db)
    expect(Number(read[0]?.n)).toBeGreaterThan(0)
    // Neither changing lines nor switching off the trigger that guards them is allowed to it.
    for (const statement of [
      sql`update audit_log set action = 'x'`,
      sql`delete from audit_log`,
      sql`truncate audit_log`,
      sql`alter table audit_log disable trigger audit_log_no_change`,
      sql`drop trigger audit_log_no_change on audit_log`,
      sql`drop table audit_log`,
      sql`create table audit_copy (id int)`,
      sql`insert into kysely_migration (name, timestamp) values ('x', 'now')`,
    ]) {
      await expect(statement.execute(db)).rejects.toThrow(/permission denied|must be owner/)
    }
    // The other tables it works with as usual.
    await sql`update flows set updated_at = updated_at where false`.execute(db)
  })
})
