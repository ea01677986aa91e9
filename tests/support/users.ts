import { randomUUID } from 'node:crypto'
import type { createApp } from '@warmflow/api'
import { createUser, ensureTeam } from '@warmflow/api'
import type { Database } from '@warmflow/store'
import type { Kysely } from 'kysely'

/** A user made for a test, with the password to sign in. */
export interface TestUser {
  id: string
  email: string
  password: string
  roles: string[]
  teamIds: string[]
}

/** A team made for a test. */
export interface TestTeam {
  id: string
  name: string
}

/** A JSON answer from the app. */
export interface TestResponse {
  status: number
  body: any
  headers: Headers
}

/** Something that sends requests to the app as one caller. */
export interface Requester {
  /** JSON request helper around `app.request`; adds the caller's cookie and CSRF token. */
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<TestResponse>
}

type App = ReturnType<typeof createApp>

async function send(
  app: App,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<TestResponse> {
  const response = await app.request(path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed, headers: response.headers }
}

/**
 * Users, teams and signed-in requesters for one test platform. Sessions are made through the
 * real sign-in route and kept per user.
 */
export function createAccounts(app: App, db: Kysely<Database>) {
  const sessions = new Map<string, Promise<{ cookie: string; csrfToken: string }>>()

  async function signIn(user: TestUser) {
    const response = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    })
    if (response.status !== 200) throw new Error(`sign-in of ${user.email} failed: ${response.status}`)
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const { csrfToken } = (await response.json()) as { csrfToken: string }
    return { cookie, csrfToken }
  }

  const accounts = {
    async createTeam(name = `Team ${randomUUID().slice(0, 8)}`): Promise<TestTeam> {
      return { id: await ensureTeam(db, name), name }
    },
    async createUser(options: {
      roles: string[]
      teams?: (TestTeam | string)[]
      email?: string
    }): Promise<TestUser> {
      const email = options.email ?? `user-${randomUUID()}@test.warmflow.nl`
      const password = `test-password-${randomUUID()}`
      const teamIds = (options.teams ?? []).map((t) => (typeof t === 'string' ? t : t.id))
      const id = await createUser(db, {
        email,
        name: email.split('@')[0] ?? email,
        password,
        roles: options.roles as any,
        teamIds,
      })
      return { id, email, password, roles: options.roles, teamIds }
    },
    /** Acts as the user (signed in once, then the session is reused); `null` is anonymous. */
    as(user: TestUser | null): Requester {
      return {
        async request(method, path, body, headers = {}) {
          if (user === null) return send(app, method, path, body, headers)
          let session = sessions.get(user.id)
          if (!session) {
            session = signIn(user)
            sessions.set(user.id, session)
          }
          const { cookie, csrfToken } = await session
          return send(app, method, path, body, { cookie, 'x-csrf-token': csrfToken, ...headers })
        },
      }
    },
  }
  return accounts
}

/** The helpers {@link createAccounts} returns. */
export type Accounts = ReturnType<typeof createAccounts>

/**
 * Creates a flow as `requester` (optionally in a team) and publishes it as version 1; returns
 * its id. Fails with the API's answer when either step is refused.
 *
 * @example
 * const flowId = await publishFlow(platform.as(designer), { name: 'x', nodes, edges }, team.id)
 */
export async function publishFlow(
  requester: Requester,
  definition: unknown,
  teamId?: string,
): Promise<string> {
  const created = await requester.request(
    'POST',
    `/api/v1/flows${teamId ? `?teamId=${teamId}` : ''}`,
    definition,
  )
  if (created.status !== 201)
    throw new Error(`creating the flow: ${created.status} ${JSON.stringify(created.body)}`)
  const flowId = String(created.body.id)
  const published = await requester.request('POST', `/api/v1/flows/${flowId}/publish`, {})
  if (published.status !== 201) {
    throw new Error(`publishing the flow: ${published.status} ${JSON.stringify(published.body)}`)
  }
  return flowId
}
