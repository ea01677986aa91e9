import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestPlatform, type TestPlatform, type TestUser } from '../support/platform.js'

const demoFlow = JSON.parse(
  await readFile(new URL('../../examples/flows/demo-welkom.json', import.meta.url), 'utf8'),
)

let platform: TestPlatform
beforeAll(async () => {
  platform = await startTestPlatform()
})
afterAll(async () => {
  await platform?.stop()
})

/** An open event stream: `read` reads on until `done` says so or the time is up. */
interface EventStream {
  status: number
  text: string
  read(done: (text: string) => boolean, timeoutMs?: number): Promise<string>
  close(): Promise<void>
}

/** Opens an event stream as a user (signed in with a session of its own). */
async function openEvents(user: TestUser, path: string): Promise<EventStream> {
  const session = await platform.as(user).request('GET', '/api/v1/auth/me')
  expect(session.status).toBe(200)
  const login = await platform.app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  })
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string
  const controller = new AbortController()
  const response = await platform.app.request(path, { headers: { cookie }, signal: controller.signal })
  if (response.status !== 200 || !response.body) {
    const text = await response.text()
    return { status: response.status, text, read: async () => text, close: async () => undefined }
  }
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let ended = false
  // A read that a deadline cut short stays pending; the next `read` waits for it, so no chunk is lost.
  let pending: ReturnType<typeof reader.read> | undefined
  const stream: EventStream = {
    status: response.status,
    text: '',
    async read(done, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs
      while (!ended && !done(stream.text) && Date.now() < deadline) {
        pending ??= reader.read()
        let timer: NodeJS.Timeout | undefined
        const chunk = await Promise.race([
          pending,
          new Promise<'timeout'>((resolve) => {
            timer = setTimeout(() => resolve('timeout'), Math.max(1, deadline - Date.now()))
          }),
        ])
        clearTimeout(timer)
        if (chunk === 'timeout') continue
        pending = undefined
        if (chunk.value) stream.text += decoder.decode(chunk.value, { stream: true })
        if (chunk.done) ended = true
      }
      return stream.text
    },
    async close() {
      controller.abort()
      await reader.cancel().catch(() => undefined)
    },
  }
  return stream
}

/** Opens an event stream as a user and reads it until `done` says so or the time is up. */
async function readEvents(user: TestUser, path: string, done: (text: string) => boolean, timeoutMs = 15_000) {
  const stream = await openEvents(user, path)
  const text = await stream.read(done, timeoutMs)
  await stream.close()
  return { status: stream.status, text }
}

/** Whether the stream has announced it is listening (its first event). */
const isReady = (text: string) => text.includes('event: ready')

const eventsOf = (text: string, name: string) =>
  text
    .split('\n\n')
    .filter((block) => block.includes(`event: ${name}`))
    .map((block) =>
      JSON.parse(
        block
          .split('\n')
          .find((l) => l.startsWith('data: '))
          ?.slice(6) ?? 'null',
      ),
    )

describe('run progress stream', () => {
  it('streams progress until the run ends, with the same authorization as the run detail', async () => {
    const team = await platform.createTeam()
    const other = await platform.createTeam()
    const designer = await platform.createUser({ roles: ['designer'], teams: [team] })
    const developer = await platform.createUser({ roles: ['developer'], teams: [team] })
    const outsider = await platform.createUser({ roles: ['designer'], teams: [other] })
    const approver = await platform.createUser({ roles: ['approver'], teams: [team] })
    const as = platform.as(designer)
    const flow = await as.request('POST', '/api/v1/flows', demoFlow)
    await as.request('POST', `/api/v1/flows/${flow.body.id}/publish`, {})
    const run = await as.request('POST', `/api/v1/flows/${flow.body.id}/runs`, {
      input: { voornaam: 'Iris' },
    })
    const path = `/api/v1/runs/${run.body.id}/events`

    const stream = await readEvents(designer, path, (t) => t.includes('event: end'))
    expect(stream.status).toBe(200)
    const progress = eventsOf(stream.text, 'progress')
    expect(progress.length).toBeGreaterThanOrEqual(1)
    expect(progress.at(-1)).toMatchObject({
      status: 'completed',
      nodes: { start: { output: { voornaam: 'Iris' } } },
    })
    expect(eventsOf(stream.text, 'end')).toEqual([{ status: 'completed' }])

    const redacted = await readEvents(developer, path, (t) => t.includes('event: end'))
    expect(eventsOf(redacted.text, 'progress').at(-1).nodes.start.output).toEqual({ voornaam: '[redacted]' })
    expect(redacted.text).not.toContain('Iris')

    expect((await readEvents(outsider, path, () => true)).status).toBe(404)
    expect((await readEvents(approver, path, () => true)).status).toBe(403)
    const reads = await platform.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'run.read')
      .where('object_id', '=', run.body.id)
      .execute()
    expect(reads.map((r) => r.actor_id)).toEqual(expect.arrayContaining([designer.id, developer.id]))
  })
})

describe('inbox stream', () => {
  it("announces a new task to its team's approvers only", async () => {
    const team = await platform.createTeam()
    const other = await platform.createTeam()
    const designer = await platform.createUser({ roles: ['designer'], teams: [team] })
    const approver = await platform.createUser({ roles: ['approver'], teams: [team] })
    const outsider = await platform.createUser({ roles: ['approver'], teams: [other] })
    const as = platform.as(designer)
    const flow = await as.request('POST', '/api/v1/flows', {
      name: 'Taak melden',
      nodes: [
        { id: 'start', type: 'manual', version: 1 },
        {
          id: 'check',
          type: 'human.task',
          version: 1,
          config: { title: { nl: 'Bekijken', en: 'Review' }, role: 'approver' },
        },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'check' }],
    })
    expect((await as.request('POST', `/api/v1/flows/${flow.body.id}/publish`, {})).status).toBe(201)

    // Both streams listen (their `ready` event) before the run makes its task.
    const [mine, theirs] = await Promise.all([
      openEvents(approver, '/api/v1/tasks/events'),
      openEvents(outsider, '/api/v1/tasks/events'),
    ])
    expect([mine.status, theirs.status]).toEqual([200, 200])
    await Promise.all([mine.read(isReady), theirs.read(isReady)])
    expect([isReady(mine.text), isReady(theirs.text)]).toEqual([true, true])
    const run = await as.request('POST', `/api/v1/flows/${flow.body.id}/runs`, { input: {} })
    const got = await mine.read((t) => t.includes('event: task'))
    // The outsider's stream polls on the same schedule: two more rounds after the approver's
    // stream showed the task would have shown it there too.
    const notGot = await theirs.read(() => false, 2_500)
    await Promise.all([mine.close(), theirs.close()])
    const tasks = eventsOf(got, 'task')
    expect(tasks).toHaveLength(1)
    expect(tasks[0]).toMatchObject({ runId: run.body.id, teamId: team.id, title: { nl: 'Bekijken' } })
    expect(eventsOf(notGot, 'task')).toEqual([])
    expect((await readEvents(designer, '/api/v1/tasks/events', () => true)).status).toBe(403)
  })
})
