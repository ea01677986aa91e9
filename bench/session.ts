import { randomBytes } from 'node:crypto'
import { createUser, ensureTeam, type Role } from '@warmflow/api'
import type { Database } from '@warmflow/store'
import type { Kysely } from 'kysely'

/**
 * Makes the benchmark's user (with `roles`, in the team "Benchteam") and signs it in through the
 * API: the headers every later request sends (session cookie, CSRF token, JSON body).
 *
 * @example
 * const { teamId, headers } = await signInBenchUser(db, api.url, ['designer'])
 */
export async function signInBenchUser(
  db: Kysely<Database>,
  apiUrl: string,
  roles: Role[],
): Promise<{ teamId: string; headers: Record<string, string> }> {
  const teamId = await ensureTeam(db, 'Benchteam')
  const password = randomBytes(18).toString('base64url')
  // A user of its own each time: one benchmark may sign in through several API processes.
  const email = `bench-${randomBytes(4).toString('hex')}@warmflow.local`
  await createUser(db, { email, name: 'Bench', password, roles, teamIds: [teamId] })
  const login = await fetch(`${apiUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (!login.ok) throw new Error(`bench sign-in answered ${login.status}`)
  const { csrfToken } = (await login.json()) as { csrfToken: string }
  return {
    teamId,
    headers: {
      cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] as string,
      'x-csrf-token': csrfToken,
      'content-type': 'application/json',
    },
  }
}

/**
 * Signs the bench user in (see {@link signInBenchUser}) and returns its team and a caller that
 * sends JSON requests with its session.
 *
 * @example
 * const { teamId, call } = await benchSession(db, api.url, ['designer'])
 * await call('GET', '/api/v1/flows')
 */
export async function benchSession(db: Kysely<Database>, apiUrl: string, roles: Role[]) {
  const { teamId, headers } = await signInBenchUser(db, apiUrl, roles)
  // One JSON request with the session: status and parsed body (JSON.parse's any, read field by field).
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : undefined }
  }
  return { teamId, headers, call }
}
