// Structured logs of `warmflow api` and `warmflow worker` (WARMFLOW_LOG_FORMAT=json): every line
// is one JSON object with level, time and msg; request lines carry the request id, worker lines
// the run, flow and team ids; a client's name from a run's input is in no line; and a node that
// fails with a known Warmflow error is one line with its code, not a stack trace.
import { createDb, type Database } from '@warmflow/store'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { failingFlow } from '../fixtures/failing-flow.js'
import { eventually } from '../support/platform.js'
import { killRoleProcesses, type RolePair, startRolePair } from '../support/role-process.js'
import { createAccounts, publishFlow, type Requester, type TestTeam } from '../support/users.js'

const failingPlugin = new URL('../fixtures/failing-plugin.ts', import.meta.url).pathname
const clientName = 'Fatima El Amrani'

let roles: RolePair
let db: Kysely<Database>
let as: Requester
let team: TestTeam

beforeAll(async () => {
  roles = await startRolePair({ env: { WARMFLOW_LOG_FORMAT: 'json', WARMFLOW_PLUGINS: failingPlugin } })
  db = createDb(inject('databaseUrl'), { max: 2 })
  const http = { request: (path: string, init: RequestInit) => fetch(`${roles.base}${path}`, init) }
  const accounts = createAccounts(http as never, db)
  team = await accounts.createTeam()
  as = accounts.as(await accounts.createUser({ roles: ['admin', 'designer'], teams: [team] }))
})

afterAll(async () => {
  await killRoleProcesses()
  await db?.destroy()
})

/** Every line of both processes, parsed; fails on a line that is not one JSON object. */
function parsedLines(): { api: Record<string, unknown>[]; worker: Record<string, unknown>[] } {
  const parse = (line: string) => {
    const value = JSON.parse(line) as unknown
    expect(typeof value === 'object' && value !== null && !Array.isArray(value), line).toBe(true)
    return value as Record<string, unknown>
  }
  return { api: roles.api.lines.map(parse), worker: roles.worker.lines.map(parse) }
}

describe('structured logs', () => {
  it('writes JSON lines with the ids, keeps the client out and logs a known node failure once', async () => {
    const flowId = await publishFlow(as, failingFlow('Logs: faalt'))
    const started = await as.request(
      'POST',
      `/api/v1/flows/${flowId}/runs`,
      { input: { naam: clientName } },
      { 'x-request-id': 'proxy-req-0001' },
    )
    expect(started.status, JSON.stringify(started.body)).toBe(201)
    // The caller's safe request id is used and echoed; an unsafe one is replaced.
    expect(started.headers.get('x-request-id')).toBe('proxy-req-0001')
    const unsafe = await as.request('GET', `/api/v1/runs/${started.body.id}`, undefined, {
      'x-request-id': `<script>${clientName}</script>`,
    })
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const runId = started.body.id as string
    await eventually(async () => {
      const run = await as.request('GET', `/api/v1/runs/${runId}`)
      return run.body.status === 'failed' ? run.body : undefined
    }, 20_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${roles.worker.lines.join('\n')}\n${roles.worker.errors()}`)
    })
    // Temporal's failure line is written when the activity fails; give it a moment to arrive.
    await roles.worker.waitFor('test.not_a_number', 10_000)

    const { api, worker } = parsedLines()
    for (const line of [...api, ...worker]) {
      expect(line).toMatchObject({
        level: expect.any(String),
        time: expect.any(String),
        msg: expect.any(String),
      })
    }
    // The request that started the run: its id, route pattern (not the path), flow and team.
    const start = api.find((line) => line.reqId === 'proxy-req-0001')
    expect(start).toMatchObject({
      msg: 'request',
      method: 'POST',
      route: '/api/v1/flows/:id/runs',
      status: 201,
      flowId,
      teamId: team.id,
    })
    expect(start?.userId).toBeUndefined()
    expect(
      api.some((line) => line.route === '/api/v1/runs/:id' && line.runId === runId),
      JSON.stringify(api.slice(-3)),
    ).toBe(true)

    // The failing node: exactly one line for the run, with its code and the run's ids.
    const failures = worker.filter((line) => JSON.stringify(line).includes('test.not_a_number'))
    expect(failures, JSON.stringify(failures)).toHaveLength(1)
    expect(failures[0]).toMatchObject({ runId, flowId, teamId: team.id, nodeId: 'faalt' })
    // Temporal's own lines about the run (the workflow ending failed) carry the run id too.
    expect(worker.some((line) => line.msg === 'Workflow failed' && line.runId === runId)).toBe(true)
    // No stack trace, on standard output or standard error, from either process.
    const everything = [
      ...roles.api.lines,
      ...roles.worker.lines,
      roles.api.errors(),
      roles.worker.errors(),
    ].join('\n')
    expect(everything).not.toMatch(/\n\s+at /)
    // The client's name from the run's input and the node's error message is in no line.
    expect(everything).not.toContain('Fatima')
    expect(everything).not.toContain('El Amrani')
  })
})
