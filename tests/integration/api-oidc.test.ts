import { randomBytes, randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createApp, type OidcSettings } from '@warmflow/api'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OidcTestProvider, startOidcProvider } from '../support/oidc-provider.js'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'

// Single sign-on against a real OpenID Connect provider (oidc-provider) on 127.0.0.1: the
// browser's redirects are followed by hand, Warmflow's side goes through its real routes.

const redirectUrl = 'http://127.0.0.1/api/v1/auth/oidc/callback'
let platform: TestPlatform
let idp: OidcTestProvider
let app: ReturnType<typeof createApp>

function appWith(oidc: Partial<OidcSettings> | undefined) {
  return createApp({
    db: platform.db,
    registry: platform.registry,
    temporal: { client: platform.client, taskQueue: platform.taskQueue },
    credentialKey: randomBytes(32),
    ...(oidc
      ? {
          auth: {
            oidc: {
              issuer: idp.issuer,
              clientId: idp.clientId,
              clientSecret: idp.clientSecret,
              redirectUrl,
              label: 'Microsoft',
              autoCreate: false,
              ...oidc,
            },
          },
        }
      : {}),
  })
}

beforeAll(async () => {
  platform = await startTestPlatform({ worker: false })
  idp = await startOidcProvider(redirectUrl)
  app = appWith({})
})
afterAll(async () => {
  await idp?.stop()
  await platform?.stop()
})

type App = ReturnType<typeof createApp>

function cookie(response: Response, name: string): string | undefined {
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';')
    if (pair.startsWith(`${name}=`)) return pair.slice(name.length + 1)
  }
  return undefined
}

/** Warmflow's start route: the redirect to the provider and the sealed state cookie. */
async function start(target: App, returnTo?: string) {
  const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`
  const response = await target.request(`/api/v1/auth/oidc/start${query}`)
  expect(response.status).toBe(302)
  const location = response.headers.get('location') ?? ''
  const stateCookie = cookie(response, 'warmflow_oidc')
  expect(stateCookie).toBeTruthy()
  expect(response.headers.getSetCookie().join()).toMatch(/warmflow_oidc=.*HttpOnly.*SameSite=Lax/i)
  return { location, stateCookie: stateCookie ?? '' }
}

/** The provider's callback to Warmflow, sent as a browser (HTML) or as an API client (JSON). */
function callback(target: App, url: URL, stateCookie: string | undefined, accept = 'application/json') {
  return target.request(`${url.pathname}${url.search}`, {
    headers: { accept, ...(stateCookie === undefined ? {} : { cookie: `warmflow_oidc=${stateCookie}` }) },
  })
}

/** Start → provider login as `subject` → callback. */
async function signIn(target: App, subject: string, options: { returnTo?: string; accept?: string } = {}) {
  const { location, stateCookie } = await start(target, options.returnTo)
  idp.next = { subject }
  const back = await idp.authorize(location)
  return callback(target, back, stateCookie, options.accept)
}

async function me(target: App, session: string | undefined) {
  const response = await target.request('/api/v1/auth/me', {
    headers: { cookie: `warmflow_session=${session}` },
  })
  return {
    status: response.status,
    body: (await response.json()) as { user: { id: string; roles: string[] } },
  }
}

async function problem(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/)
  return (await response.json()) as { code: string; message: { nl: string; en: string } }
}

const newSubject = () => `sub-${randomUUID()}`
const auditOf = (action: string, objectId: string) =>
  platform.db
    .selectFrom('audit_log')
    .select(['action', 'details', 'actor_id'])
    .where('action', '=', action)
    .where('object_id', '=', objectId)
    .orderBy('id')
    .execute()

describe('single sign-on through OpenID Connect', () => {
  it('signs in an existing account by verified e-mail, links the subject, then finds it by subject alone', async () => {
    const user = await platform.createUser({ roles: ['designer'], teams: [platform.team] })
    const subject = newSubject()
    idp.accounts.set(subject, { email: user.email.toUpperCase(), email_verified: true, name: 'Anna' })

    const { location, stateCookie } = await start(app, '/inbox?task=1')
    const authorization = new URL(location)
    expect(authorization.origin).toBe(idp.issuer)
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorization.searchParams.get('code_challenge')).toBeTruthy()
    expect(authorization.searchParams.get('state')).toBeTruthy()
    expect(authorization.searchParams.get('nonce')).toBeTruthy()
    expect(authorization.searchParams.get('redirect_uri')).toBe(redirectUrl)
    // The sealed cookie does not show state, nonce or verifier.
    expect(stateCookie).not.toContain(authorization.searchParams.get('state'))

    idp.next = { subject }
    const back = await idp.authorize(location)
    expect(back.searchParams.get('code')).toBeTruthy()
    const response = await callback(app, back, stateCookie, 'text/html')
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/inbox?task=1')
    const session = cookie(response, 'warmflow_session')
    expect(response.headers.getSetCookie().join()).toMatch(/warmflow_session=.*HttpOnly.*SameSite=Lax/i)
    // The state cookie is used once: the answer clears it.
    expect(response.headers.getSetCookie().join()).toMatch(/warmflow_oidc=;.*Max-Age=0/i)
    const first = await me(app, session)
    expect(first.status).toBe(200)
    expect(first.body.user.id).toBe(user.id)
    expect(first.body.user.roles).toEqual(['designer'])

    const row = await platform.db
      .selectFrom('users')
      .select(['oidc_issuer', 'oidc_subject'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ oidc_issuer: idp.issuer, oidc_subject: subject })
    const sessionRow = await platform.db
      .selectFrom('sessions')
      .select('provider')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(sessionRow.provider).toBe('oidc')

    // The provider's e-mail address changes (and is no longer verified): the subject still finds the account.
    idp.accounts.set(subject, { email: 'anders@elders.example', email_verified: false })
    const again = await signIn(app, subject)
    expect(again.status).toBe(303)
    expect(again.headers.get('location')).toBe('/')
    const second = await me(app, cookie(again, 'warmflow_session'))
    expect(second.body.user.id).toBe(user.id)

    const logins = await auditOf('auth.login', user.id)
    expect(logins.map((l) => l.details)).toEqual([
      { provider: 'oidc', account: 'email' },
      { provider: 'oidc', account: 'subject' },
    ])
    expect(logins.every((l) => l.actor_id === user.id)).toBe(true)
  })

  it('refuses a person without an account, with the bilingual message, and starts no session', async () => {
    const subject = newSubject()
    const email = `onbekend-${randomUUID()}@test.warmflow.nl`
    idp.accounts.set(subject, { email, email_verified: true })
    const response = await signIn(app, subject)
    expect(response.status).toBe(403)
    expect(cookie(response, 'warmflow_session')).toBeUndefined()
    const body = await problem(response)
    expect(body.code).toBe('auth.oidc_no_account')
    expect(body.message.nl).toMatch(/Je hebt nog geen account in Warmflow; vraag je beheerder/)
    expect(body.message.en).toMatch(/You do not have a Warmflow account yet; ask your administrator/)

    // A browser goes back to the sign-in page, which shows the message for this code.
    const browser = await signIn(app, subject, { accept: 'text/html,application/xhtml+xml' })
    expect(browser.status).toBe(303)
    expect(browser.headers.get('location')).toBe('/?ssoError=auth.oidc_no_account')
    expect(cookie(browser, 'warmflow_session')).toBeUndefined()

    const refused = await platform.db
      .selectFrom('audit_log')
      .select(['details', 'actor_id'])
      .where('action', '=', 'auth.login_failed')
      .where('actor_email', '=', email)
      .execute()
    expect(refused).toEqual([
      { details: { provider: 'oidc', reason: 'no_account' }, actor_id: null },
      { details: { provider: 'oidc', reason: 'no_account' }, actor_id: null },
    ])
  })

  it('never links by an e-mail address the provider does not vouch for', async () => {
    const user = await platform.createUser({ roles: ['designer'], teams: [platform.team] })
    const subject = newSubject()
    idp.accounts.set(subject, { email: user.email, email_verified: false })
    const response = await signIn(app, subject)
    expect(response.status).toBe(403)
    expect((await problem(response)).code).toBe('auth.oidc_no_account')
    const row = await platform.db
      .selectFrom('users')
      .select('oidc_subject')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(row.oidc_subject).toBeNull()
  })

  it('refuses disabled accounts, by e-mail on the first sign-in and by subject afterwards', async () => {
    const disableUser = (id: string) =>
      platform.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', id).execute()

    const never = await platform.createUser({ roles: ['designer'], teams: [platform.team] })
    await disableUser(never.id)
    const neverSubject = newSubject()
    idp.accounts.set(neverSubject, { email: never.email, email_verified: true })
    const first = await signIn(app, neverSubject)
    expect(first.status).toBe(403)
    const firstBody = await problem(first)
    expect(firstBody.code).toBe('auth.oidc_account_disabled')
    expect(firstBody.message.nl).toMatch(/uitgeschakeld/)
    expect(firstBody.message.en).toMatch(/disabled/)
    expect(cookie(first, 'warmflow_session')).toBeUndefined()

    const linked = await platform.createUser({ roles: ['approver'], teams: [platform.team] })
    const linkedSubject = newSubject()
    idp.accounts.set(linkedSubject, { email: linked.email, email_verified: true })
    const ok = await signIn(app, linkedSubject)
    expect(ok.status).toBe(303)
    const session = cookie(ok, 'warmflow_session')
    await disableUser(linked.id)
    const after = await signIn(app, linkedSubject)
    expect(after.status).toBe(403)
    expect((await problem(after)).code).toBe('auth.oidc_account_disabled')
    expect(cookie(after, 'warmflow_session')).toBeUndefined()
    // The session from before the account was disabled has ended too.
    expect((await me(app, session)).status).toBe(401)

    const refusals = await auditOf('auth.login_failed', linked.id)
    expect(refusals.map((r) => (r.details as { reason: string }).reason)).toEqual(['disabled'])
  })

  it('refuses a missing, altered or mismatched state and a reused code with 400, without a session', async () => {
    const user = await platform.createUser({ roles: ['designer'], teams: [platform.team] })
    const subject = newSubject()
    idp.accounts.set(subject, { email: user.email, email_verified: true })

    const expectStateProblem = async (response: Response) => {
      expect(response.status).toBe(400)
      expect(cookie(response, 'warmflow_session')).toBeUndefined()
      const body = await problem(response)
      expect(body.code).toBe('auth.oidc_state')
      expect(body.message.nl).toMatch(/verlopen of onderbroken/)
      expect(body.message.en).toMatch(/expired or was interrupted/)
    }

    // No state cookie (e.g. a callback link opened in another browser).
    const a = await start(app)
    idp.next = { subject }
    const backA = await idp.authorize(a.location)
    await expectStateProblem(await callback(app, backA, undefined))

    // An altered cookie.
    const b = await start(app)
    idp.next = { subject }
    const backB = await idp.authorize(b.location)
    const raw = Buffer.from(b.stateCookie, 'base64url')
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1
    await expectStateProblem(await callback(app, backB, raw.toString('base64url')))

    // The state of another sign-in: the cookie of one attempt with the answer to another.
    const c = await start(app)
    const d = await start(app)
    idp.next = { subject }
    const backD = await idp.authorize(d.location)
    await expectStateProblem(await callback(app, backD, c.stateCookie))

    // The state parameter changed on the way back.
    const e = await start(app)
    idp.next = { subject }
    const backE = await idp.authorize(e.location)
    backE.searchParams.set('state', 'x'.repeat(43))
    await expectStateProblem(await callback(app, backE, e.stateCookie))

    // A browser is sent back to the sign-in page instead.
    const html = await callback(app, backA, undefined, 'text/html')
    expect(html.status).toBe(303)
    expect(html.headers.get('location')).toBe('/?ssoError=auth.oidc_state')

    // A code is used once: replaying the callback (with its cookie) fails at the provider.
    const f = await start(app)
    idp.next = { subject }
    const backF = await idp.authorize(f.location)
    expect((await callback(app, backF, f.stateCookie)).status).toBe(303)
    const replay = await callback(app, backF, f.stateCookie)
    expect(replay.status).toBe(400)
    expect((await problem(replay)).code).toBe('auth.oidc_failed')
    expect(cookie(replay, 'warmflow_session')).toBeUndefined()
  })

  it('answers 400 when the person cancels at the provider', async () => {
    const { location, stateCookie } = await start(app)
    idp.next = { deny: true }
    const back = await idp.authorize(location)
    expect(back.searchParams.get('error')).toBe('access_denied')
    const response = await callback(app, back, stateCookie)
    expect(response.status).toBe(400)
    const body = await problem(response)
    expect(body.code).toBe('auth.oidc_failed')
    expect(body.message.nl).toMatch(/niet gelukt/)
    const refusal = await platform.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'auth.login_failed')
      .where(
        sql<boolean>`details @> ${JSON.stringify({ reason: 'provider_error', providerError: 'access_denied' })}::jsonb`,
      )
      .executeTakeFirst()
    expect(refusal).toBeDefined()
  })

  it('returns only to paths inside Warmflow', async () => {
    const user = await platform.createUser({ roles: ['designer'], teams: [platform.team] })
    const subject = newSubject()
    idp.accounts.set(subject, { email: user.email, email_verified: true })
    for (const returnTo of ['//elders.example/x', 'https://elders.example/', '/\\elders.example']) {
      const response = await signIn(app, subject, { returnTo })
      expect(response.status).toBe(303)
      expect(response.headers.get('location')).toBe('/')
    }
  })

  it('creates an account without roles or teams only when auto-creation is on', async () => {
    const creating = appWith({ autoCreate: true })
    const email = `nieuw-${randomUUID()}@test.warmflow.nl`
    const subject = newSubject()
    idp.accounts.set(subject, { email, email_verified: true, name: 'Noor Nieuw' })
    expect((await signIn(app, subject)).status).toBe(403)

    const response = await signIn(creating, subject)
    expect(response.status).toBe(303)
    const session = await me(creating, cookie(response, 'warmflow_session'))
    expect(session.status).toBe(200)
    expect(session.body.user).toMatchObject({ email, name: 'Noor Nieuw', roles: [], teams: [] })
    const created = await auditOf('user.create', session.body.user.id)
    expect(created.map((r) => r.details)).toEqual([{ provider: 'oidc', roles: [] }])
    const row = await platform.db
      .selectFrom('users')
      .select(['password_hash', 'oidc_subject'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ password_hash: null, oidc_subject: subject })

    // An unverified address is never enough to make an account.
    const unverified = newSubject()
    idp.accounts.set(unverified, {
      email: `nog-niet-${randomUUID()}@test.warmflow.nl`,
      email_verified: false,
    })
    expect((await signIn(creating, unverified)).status).toBe(403)
  })

  it('tells the editor which sign-in options there are', async () => {
    const on = await app.request('/api/v1/auth/providers')
    expect(on.status).toBe(200)
    expect(await on.json()).toEqual({
      password: true,
      oidc: { label: 'Microsoft', startUrl: '/api/v1/auth/oidc/start' },
    })
    const off = await platform.app.request('/api/v1/auth/providers')
    expect(await off.json()).toEqual({ password: true, oidc: null })
  })

  it('has no single sign-on routes when it is not configured', async () => {
    const off = appWith(undefined)
    const startOff = await off.request('/api/v1/auth/oidc/start')
    expect(startOff.status).toBe(404)
    expect((await problem(startOff)).code).toBe('route.not_found')
    const callbackOff = await off.request('/api/v1/auth/oidc/callback?code=x&state=y')
    expect(callbackOff.status).toBe(404)
    expect(cookie(callbackOff, 'warmflow_session')).toBeUndefined()
  })

  it('answers 502 (or sends a browser back) when the provider cannot be reached', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const port = (probe.address() as AddressInfo).port
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    const unreachable = appWith({ issuer: `http://127.0.0.1:${port}` })

    const response = await unreachable.request('/api/v1/auth/oidc/start')
    expect(response.status).toBe(502)
    const body = await problem(response)
    expect(body.code).toBe('auth.oidc_unavailable')
    expect(body.message.nl).toMatch(/niet bereikbaar/)
    const browser = await unreachable.request('/api/v1/auth/oidc/start', { headers: { accept: 'text/html' } })
    expect(browser.status).toBe(303)
    expect(browser.headers.get('location')).toBe('/?ssoError=auth.oidc_unavailable')
  })
})
