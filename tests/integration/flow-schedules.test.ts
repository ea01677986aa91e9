import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { Client, Connection } from '@temporalio/client'
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker'
import { scheduleIdFor, syncFlowSchedule } from '@warmflow/api'
import {
  controlPlugin,
  createActivities,
  createRegistry,
  defineNode,
  definePlugin,
  type RunFlowResult,
  snapshotFlow,
  validateFlow,
} from '@warmflow/engine'
import { builtinPlugin } from '@warmflow/nodes'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { z } from 'zod'

const get = inject as (key: string) => string
const registry = createRegistry([controlPlugin, builtinPlugin])
const taskQueue = `schedules-${randomUUID()}`
let connection: Connection
let client: Client
let workerConnection: NativeConnection
let worker: Worker
let running: Promise<void>

function snapshot(flowId: string, version: number, trigger: Record<string, unknown> | undefined) {
  const validation = validateFlow(
    {
      name: 'Wekelijkse herinnering',
      nodes: [
        trigger
          ? { id: 'schema', type: 'schedule', version: 1, config: trigger }
          : { id: 'schema', type: 'manual', version: 1 },
        {
          id: 'tekst',
          type: 'transform',
          version: 1,
          config: { fields: { bericht: '"Herinnering: " & soort' } },
        },
      ],
      edges: [{ id: 'e1', source: 'schema', target: 'tekst' }],
    },
    registry,
  )
  if (!validation.ok) throw new Error(JSON.stringify(validation.problems))
  return snapshotFlow(flowId, version, validation.flow)
}

beforeAll(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] })
  } catch {
    // already installed in this process
  }
  connection = await Connection.connect({ address: get('temporalAddress') })
  client = new Client({ connection })
  workerConnection = await NativeConnection.connect({ address: get('temporalAddress') })
  worker = await Worker.create({
    connection: workerConnection,
    taskQueue,
    workflowBundle: { code: await readFile(get('workflowBundlePath'), 'utf8') },
    activities: createActivities({ registry, log: () => {} }),
  })
  running = worker.run()
})

afterAll(async () => {
  worker?.shutdown()
  await running
  await workerConnection?.close()
  await connection?.close()
})

describe('flow schedules on the Temporal dev server', () => {
  it('creates, updates, runs and removes the schedule of a published flow', async () => {
    const flowId = randomUUID()
    const first = await syncFlowSchedule(client, {
      snapshot: snapshot(flowId, 1, { everyMinutes: 60, input: { soort: 'uren' } }),
      registry,
      taskQueue,
    })
    expect(first).toEqual({ action: 'created', scheduleId: scheduleIdFor(flowId) })
    const handle = client.schedule.getHandle(scheduleIdFor(flowId))
    let described = await handle.describe()
    expect(described.spec.timezone).toBe('Europe/Amsterdam')
    expect(described.spec.intervals?.[0]?.every).toBe(3_600_000)
    expect(described.state.paused).toBe(false)

    const second = await syncFlowSchedule(client, {
      snapshot: snapshot(flowId, 2, { cron: '0 9 * * 1-5', input: { soort: 'verslag' } }),
      registry,
      taskQueue,
    })
    expect(second.action).toBe('updated')
    described = await handle.describe()
    expect(described.spec.intervals ?? []).toEqual([])
    expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 9, end: 9, step: 1 }] })
    expect(described.state.note).toContain('version 2')

    // A run the schedule starts uses the published version's snapshot and input.
    await handle.trigger()
    const workflowId = await (async () => {
      for (let i = 0; i < 100; i++) {
        const action = (await handle.describe()).info.recentActions[0]
        if (action) return action.action.workflow.workflowId
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error('the schedule did not start a run')
    })()
    expect(workflowId.startsWith(`sched-${flowId}`)).toBe(true)
    const result = (await client.workflow.getHandle(workflowId).result()) as RunFlowResult
    expect(result.output).toEqual({ soort: 'verslag', bericht: 'Herinnering: verslag' })

    const removed = await syncFlowSchedule(client, {
      snapshot: snapshot(flowId, 3, undefined),
      registry,
      taskQueue,
    })
    expect(removed.action).toBe('deleted')
    expect(await syncFlowSchedule(client, { flowId, snapshot: undefined, registry, taskQueue })).toEqual({
      action: 'none',
      scheduleId: scheduleIdFor(flowId),
    })
  }, 60_000)

  it("keeps a schedule for a plugin's own scheduled trigger, as for the built-in one", async () => {
    const nightly = defineNode({
      type: 'example.nightly',
      version: 1,
      category: 'trigger',
      title: { nl: 'Elke nacht', en: 'Every night' },
      input: z.record(z.string(), z.unknown()),
      config: z.object({ hour: z.number().int().min(0).max(23).default(2) }),
      output: z.record(z.string(), z.unknown()),
      schedule: (config) => ({
        cron: `0 ${config.hour} * * *`,
        timezone: 'Europe/Amsterdam',
        input: { soort: 'nacht' },
        paused: true,
      }),
      execute: ({ input }) => input,
    })
    const withPlugin = createRegistry([
      controlPlugin,
      builtinPlugin,
      definePlugin({ name: 'example-nightly', version: '1.0.0', nodes: [nightly] }),
    ])
    const validation = validateFlow(
      {
        name: 'Nachtwerk',
        nodes: [{ id: 'nacht', type: 'example.nightly', version: 1, config: { hour: 3 } }],
      },
      withPlugin,
    )
    if (!validation.ok) throw new Error(JSON.stringify(validation.problems))
    const flowId = randomUUID()
    const sync = await syncFlowSchedule(client, {
      snapshot: snapshotFlow(flowId, 1, validation.flow),
      registry: withPlugin,
      taskQueue,
    })
    expect(sync).toEqual({ action: 'created', scheduleId: scheduleIdFor(flowId) })
    const handle = client.schedule.getHandle(scheduleIdFor(flowId))
    const described = await handle.describe()
    expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 3, end: 3, step: 1 }] })
    expect(described.state.paused).toBe(true)
    await handle.delete()
  })

  it('refuses a schedule without a valid time zone', async () => {
    const flowId = randomUUID()
    const bad = snapshot(flowId, 1, { everyMinutes: 5 })
    bad.definition.nodes[0]!.config = { everyMinutes: 5, timezone: 'Mars/Olympus' }
    await expect(syncFlowSchedule(client, { snapshot: bad, registry, taskQueue })).rejects.toMatchObject({
      code: 'schedule.invalid',
    })
  })
})
