import { WorkflowFailedError, type WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client'
import { ApplicationFailure, CancelledFailure } from '@temporalio/common'
import {
  type CompleteTaskArgs,
  completeTaskUpdateName,
  type FlowDefinitionInput,
  type TaskOutcome,
} from '@warmflow/engine'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from '../support/platform.js'
import { attempts, completed, type EngineHarness, sideEffects, startEngineHarness } from './engine-harness.js'

let h: EngineHarness

beforeAll(async () => {
  h = await startEngineHarness()
})
afterAll(async () => {
  await h?.stop()
})

const start = { id: 'start', type: 'manual', version: 1 }
const record = (id: string) => ({ id, type: 'test.record', version: 1 })
const edge = (source: string, target: string, sourcePort?: string) => ({
  id: `${source}-${sourcePort ?? 'out'}-${target}`,
  source,
  target,
  ...(sourcePort ? { sourcePort } : {}),
})

/** Waits for the open task of a run's node and returns its id. */
async function openTask(runId: string, nodeId = 'review'): Promise<string> {
  return eventually(async () => {
    const [task] = await h.tasks.listTasks({ runId })
    return task && task.nodeId === nodeId ? task.id : undefined
  })
}

async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise
    return undefined
  } catch (error) {
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError)
    const cause = (error as WorkflowUpdateFailedError).cause
    return cause instanceof ApplicationFailure ? (cause.type ?? undefined) : String(cause)
  }
}

/** How many local activities a run's history records (one marker each). */
const localActivityMarkers = async (handle: WorkflowHandle) => {
  const events = (await handle.fetchHistory()).events ?? []
  return events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length
}

describe('graph execution', () => {
  it('runs a linear flow and maps input with $nodes', async () => {
    const { handle, runId } = await h.start(
      {
        name: 'Lineair',
        nodes: [
          start,
          record('a'),
          { ...record('b'), input: { twice: '$nodes.start.amount * 2', who: 'name' } },
        ],
        edges: [edge('start', 'a'), edge('a', 'b')],
      },
      { amount: 21, name: 'Fatima' },
    )
    const result = await completed(handle)
    expect(result.output).toEqual({ twice: 42, who: 'Fatima', b: 'done' })
    expect(Object.values(result.nodes).map((n) => n.status)).toEqual(['completed', 'completed', 'completed'])
    expect(await sideEffects(h.db, runId)).toEqual({ a: 1, b: 1 })
    // The last node's activity also wrote the run's final status: no local activity for it.
    expect(await localActivityMarkers(handle)).toBe(0)
    await h.record('linear', handle)
  })

  it('runs independent branches in parallel and joins them', async () => {
    const slow = (id: string) => ({ id, type: 'test.slow', version: 1, config: { milliseconds: 800 } })
    const { handle } = await h.start(
      {
        name: 'Parallel',
        nodes: [start, slow('left'), slow('right'), { id: 'join', type: 'merge', version: 1 }, record('end')],
        edges: [
          edge('start', 'left'),
          edge('start', 'right'),
          edge('left', 'join'),
          edge('right', 'join'),
          edge('join', 'end'),
        ],
      },
      { case: 'p' },
    )
    const result = await completed(handle)
    // Both branches were scheduled in the same workflow task: the same workflow time.
    expect(result.nodes.left!.startedAt).toBe(result.nodes.right!.startedAt)
    // The join waited for both.
    expect(result.nodes.join!.startedAt! >= result.nodes.left!.finishedAt!).toBe(true)
    expect(result.nodes.join!.startedAt! >= result.nodes.right!.finishedAt!).toBe(true)
    expect(result.output).toEqual({ case: 'p', left: 'done', right: 'done', end: 'done' })
    await h.record('parallel', handle)
  })

  it('skips the branch a condition does not take, and skipping propagates up to a merge', async () => {
    const flow = {
      name: 'Keuze',
      nodes: [
        start,
        { id: 'big', type: 'condition', version: 1, config: { expression: 'amount > 100' } },
        record('high'),
        record('afterHigh'),
        record('low'),
        { id: 'join', type: 'merge', version: 1, config: { mode: 'all' } },
        record('end'),
      ],
      edges: [
        edge('start', 'big'),
        edge('big', 'high', 'true'),
        edge('high', 'afterHigh'),
        edge('big', 'low', 'false'),
        edge('afterHigh', 'join'),
        edge('low', 'join'),
        edge('join', 'end'),
      ],
    }
    const { handle, runId } = await h.start(flow, { amount: 50 })
    const result = await completed(handle)
    const status = Object.fromEntries(Object.entries(result.nodes).map(([id, n]) => [id, n.status]))
    expect(status).toEqual({
      start: 'completed',
      big: 'completed',
      high: 'skipped',
      afterHigh: 'skipped',
      low: 'completed',
      join: 'completed',
      end: 'completed',
    })
    expect(result.nodes.big!.port).toBe('false')
    expect(await sideEffects(h.db, runId)).toEqual({ low: 1, end: 1 })
    await h.record('branch', handle)

    const other = await h.start(flow, { amount: 500 })
    const taken = await completed(other.handle)
    expect(taken.nodes.low!.status).toBe('skipped')
    expect(taken.nodes.afterHigh!.status).toBe('completed')
  })

  it('routes a switch to the first matching case or default, and merge "first" continues with one input', async () => {
    const flow = {
      name: 'Switch',
      nodes: [
        start,
        {
          id: 'kind',
          type: 'switch',
          version: 1,
          config: {
            cases: [
              { id: 'urgent', when: 'priority = "hoog"' },
              { id: 'normal', when: 'priority = "normaal"' },
            ],
          },
        },
        record('urgentPath'),
        record('normalPath'),
        record('otherPath'),
        { id: 'join', type: 'merge', version: 1, config: { mode: 'first' } },
      ],
      edges: [
        edge('start', 'kind'),
        edge('kind', 'urgentPath', 'urgent'),
        edge('kind', 'normalPath', 'normal'),
        edge('kind', 'otherPath', 'default'),
        edge('urgentPath', 'join'),
        edge('normalPath', 'join'),
        edge('otherPath', 'join'),
      ],
    }
    const normalRun = await h.start(flow, { priority: 'normaal' })
    const normal = await completed(normalRun.handle)
    await h.record('switch-merge-first', normalRun.handle)
    expect(normal.nodes.kind!.port).toBe('normal')
    expect(normal.output).toEqual({ priority: 'normaal', normalPath: 'done' })
    const other = await completed((await h.start(flow, { priority: 'laag' })).handle)
    expect(other.nodes.kind!.port).toBe('default')
    expect(other.nodes.urgentPath!.status).toBe('skipped')
  })

  it('retries a failing node and succeeds on attempt 3', async () => {
    const { handle, runId } = await h.start({
      name: 'Opnieuw',
      nodes: [start, { id: 'flaky', type: 'test.flaky', version: 1, config: { succeedOnAttempt: 3 } }],
      edges: [edge('start', 'flaky')],
    })
    const result = await completed(handle)
    expect(result.nodes.flaky).toMatchObject({ status: 'completed', attempts: 3 })
    expect(result.output).toEqual({ flaky: 'done on attempt 3' })
    expect(await attempts(h.db, runId, 'flaky')).toEqual([1, 2, 3])
    expect(await sideEffects(h.db, runId)).toEqual({ flaky: 1 })
  })

  it('routes a failure to the error port instead of failing the run', async () => {
    const { handle, runId } = await h.start({
      name: 'Foutpad',
      nodes: [
        start,
        {
          id: 'flaky',
          type: 'test.flaky',
          version: 1,
          config: { succeedOnAttempt: 99 },
          options: { retry: { maximumAttempts: 2, initialIntervalSeconds: 0.1 } },
        },
        record('ok'),
        record('handle'),
      ],
      edges: [edge('start', 'flaky'), edge('flaky', 'ok'), edge('flaky', 'handle', 'error')],
    })
    const result = await completed(handle)
    expect(result.nodes.flaky).toMatchObject({ status: 'failed', port: 'error', attempts: 2 })
    expect(result.nodes.ok!.status).toBe('skipped')
    expect(result.nodes.handle!.status).toBe('completed')
    expect(result.output).toMatchObject({
      code: 'test.flaky',
      message: 'Attempt 2 failed on purpose',
      handle: 'done',
    })
    expect(await attempts(h.db, runId, 'flaky')).toEqual([1, 2])
    await h.record('error-port', handle)
  })

  it('fails the run when a failing node has no error port', async () => {
    const { handle } = await h.start({
      name: 'Faalt',
      nodes: [
        start,
        {
          id: 'flaky',
          type: 'test.flaky',
          version: 1,
          config: { succeedOnAttempt: 99 },
          options: { retry: { maximumAttempts: 1 } },
        },
      ],
      edges: [edge('start', 'flaky')],
    })
    await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError)
  })

  it('waits for a duration', async () => {
    const { handle } = await h.start({
      name: 'Wachten',
      nodes: [start, { id: 'pause', type: 'wait', version: 1, config: { duration: { seconds: 1 } } }],
      edges: [edge('start', 'pause')],
    })
    const result = await completed(handle)
    const waited = Date.parse(result.nodes.pause!.finishedAt!) - Date.parse(result.nodes.pause!.startedAt!)
    expect(waited).toBeGreaterThanOrEqual(1000)
    await h.record('wait', handle)
  })
})

describe('chains of pure nodes', () => {
  const transform = (id: string, fields: Record<string, string>) => ({
    id,
    type: 'transform',
    version: 1,
    config: { fields, keepInput: true },
  })
  const localFlaky = (id: string, succeedOnAttempt: number, maximumAttempts = 3) => ({
    id,
    type: 'test.flaky-local',
    version: 1,
    config: { succeedOnAttempt },
    options: { retry: { maximumAttempts, initialIntervalSeconds: 0.1 } },
  })

  it('runs a line of pure nodes in one local activity and records each node with its own timing', async () => {
    const { handle, runId } = await h.start(
      {
        name: 'Keten',
        nodes: [
          start,
          transform('a', { naam: '$uppercase(voornaam)' }),
          localFlaky('b', 1),
          transform('c', { n: '$length(naam)' }),
        ],
        edges: [edge('start', 'a'), edge('a', 'b'), edge('b', 'c')],
      },
      { voornaam: 'Fatima' },
    )
    const result = await completed(handle)
    expect(result.output).toEqual({ voornaam: 'Fatima', naam: 'FATIMA', b: 'done on attempt 1', n: 6 })
    for (const id of ['a', 'b', 'c']) {
      const node = result.nodes[id]!
      expect(node).toMatchObject({ status: 'completed', attempts: 1, port: 'out' })
      expect(Date.parse(node.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(node.startedAt!))
    }
    // One node's start is not before the one before it ended: they ran in order.
    expect(Date.parse(result.nodes.b!.startedAt!)).toBeGreaterThanOrEqual(
      Date.parse(result.nodes.a!.finishedAt!),
    )
    expect(await attempts(h.db, runId, 'b')).toEqual([1])
    // One local activity, not four: the chain ends the run, so it also wrote the final status.
    expect(await localActivityMarkers(handle)).toBe(1)
    await h.record('chain', handle)
  })

  it('runs a node that fails inside a chain again on its own, with its retries, and goes on after it', async () => {
    const { handle, runId } = await h.start(
      {
        name: 'Keten opnieuw',
        nodes: [start, transform('a', { x: '1' }), localFlaky('b', 3), transform('c', { y: '2' })],
        edges: [edge('start', 'a'), edge('a', 'b'), edge('b', 'c')],
      },
      {},
    )
    const result = await completed(handle)
    expect(result.output).toEqual({ x: 1, b: 'done on attempt 3', y: 2 })
    expect(result.nodes.a).toMatchObject({ status: 'completed', attempts: 1 })
    expect(result.nodes.b).toMatchObject({ status: 'completed', attempts: 3 })
    expect(result.nodes.c).toMatchObject({ status: 'completed', attempts: 1 })
    // Once in the chain, then attempts 1–3 on its own.
    expect(await attempts(h.db, runId, 'b')).toEqual([1, 1, 2, 3])
    expect(await sideEffects(h.db, runId)).toEqual({ b: 1 })
    await h.record('chain-retry', handle)
  })

  it('keeps the error port of a node that fails inside a chain', async () => {
    const { handle, runId } = await h.start({
      name: 'Keten foutpad',
      nodes: [
        start,
        localFlaky('a', 1),
        localFlaky('b', 99, 2),
        transform('ok', { z: '3' }),
        record('handle'),
      ],
      edges: [edge('start', 'a'), edge('a', 'b'), edge('b', 'ok'), edge('b', 'handle', 'error')],
    })
    const result = await completed(handle)
    expect(result.nodes.a).toMatchObject({ status: 'completed', attempts: 1 })
    expect(result.nodes.b).toMatchObject({ status: 'failed', port: 'error', attempts: 2 })
    expect(result.nodes.ok!.status).toBe('skipped')
    expect(result.output).toMatchObject({
      code: 'test.flaky',
      message: 'Attempt 2 failed on purpose',
      handle: 'done',
    })
    expect(await attempts(h.db, runId, 'b')).toEqual([1, 1, 2])
    await h.record('chain-error-port', handle)
  })
})

describe('waiting and cancelling', () => {
  it('waits until a moment an expression gives', async () => {
    const until = new Date(Date.now() + 1500).toISOString()
    const { handle } = await h.start(
      {
        name: 'Wachten tot',
        nodes: [start, { id: 'pause', type: 'wait', version: 1, config: { until: '$nodes.start.remindAt' } }],
        edges: [edge('start', 'pause')],
      },
      { remindAt: until },
    )
    const result = await completed(handle)
    expect(result.nodes.pause!.finishedAt! >= until).toBe(true)
  })

  it('cancels a running activity when the run is cancelled', async () => {
    const { handle, runId } = await h.start({
      name: 'Stoppen',
      nodes: [start, { id: 'slow', type: 'test.slow', version: 1, config: { milliseconds: 5000 } }],
      edges: [edge('start', 'slow')],
    })
    await eventually(async () => ((await attempts(h.db, runId, 'slow')).length > 0 ? true : undefined))
    await handle.cancel()
    const failure = await handle.result().catch((error: unknown) => error)
    expect((failure as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure)
    const progress = await handle.query<{
      status: string
      nodes: Record<string, { status: string; error?: { code: string } }>
    }>('progress')
    expect(progress.status).toBe('cancelled')
    expect(progress.nodes.slow).toMatchObject({ status: 'failed', error: { code: 'run.cancelled' } })
    // The node heard the cancellation through its heartbeat and stopped: it never wrote its side effect.
    const stopped = await eventually(async () => {
      const { rows } = await sql<{ attempt: number }>`
        select attempt from test_stops where run_id = ${runId} and node_id = 'slow'`.execute(h.db)
      return rows.length > 0 ? rows.map((row) => row.attempt) : undefined
    }, 10_000)
    expect(stopped).toEqual([1])
    expect(await sideEffects(h.db, runId)).toEqual({})
    expect(await attempts(h.db, runId, 'slow')).toEqual([1])
  }, 20_000)
})

const review = (config: Record<string, unknown> = {}) => ({
  id: 'review',
  type: 'human.task',
  version: 1,
  config: {
    title: { nl: 'Beoordeel de aanmelding', en: 'Review the application' },
    role: 'coordinator',
    form: {
      fields: {
        hours: { type: 'integer', title: { nl: 'Uren', en: 'Hours' }, required: true, minimum: 1 },
        note: { type: 'string', title: { nl: 'Notitie', en: 'Note' } },
      },
    },
    data: { name: '$nodes.start.name' },
    fourEyes: true,
    ...config,
  },
})
const taskFlow = (
  config?: Record<string, unknown>,
  extraNodes: FlowDefinitionInput['nodes'] = [],
  extraEdges: NonNullable<FlowDefinitionInput['edges']> = [],
): FlowDefinitionInput => ({
  name: 'Taak',
  nodes: [start, review(config), record('yes'), record('no'), ...extraNodes],
  edges: [
    edge('start', 'review'),
    edge('review', 'yes', 'approved'),
    edge('review', 'no', 'rejected'),
    ...extraEdges,
  ],
})

describe('human task', () => {
  const team = '6f1c1f55-3c0e-4a51-9a59-9a3a5a0e3b10'

  it('is approved: validates the completion, refuses duplicates, and routes to approved', async () => {
    const { handle, runId } = await h.start(
      taskFlow(),
      { name: 'Anna' },
      { teamId: team, startedBy: 'starter' },
    )
    const taskId = await openTask(runId)
    const stored = await h.tasks.getTask(taskId)
    expect(stored).toMatchObject({
      status: 'open',
      teamId: team,
      role: 'coordinator',
      data: { name: 'Anna' },
      fourEyes: true,
      startedBy: 'starter',
    })
    const progress = await handle.query<{ nodes: Record<string, { status: string; taskId?: string }> }>(
      'progress',
    )
    expect(progress.nodes.review).toMatchObject({ status: 'waiting', taskId })

    const complete = (args: CompleteTaskArgs) =>
      handle.executeUpdate<TaskOutcome, [CompleteTaskArgs]>(completeTaskUpdateName, { args: [args] })
    expect(
      await refusal(complete({ taskId, decision: 'approve', fields: { hours: 4 }, userId: 'starter' })),
    ).toBe('task.four_eyes')
    expect(await refusal(complete({ taskId, decision: 'approve', fields: { hours: 0 }, userId: 'u2' }))).toBe(
      'task.invalid_fields',
    )
    expect(await refusal(complete({ taskId, decision: 'approve', fields: {}, userId: 'u2' }))).toBe(
      'task.invalid_fields',
    )
    expect(
      await refusal(complete({ taskId, decision: 'approve', fields: { extra: 1, hours: 2 }, userId: 'u2' })),
    ).toBe('task.invalid_fields')
    expect(await refusal(complete({ taskId: 'other', decision: 'approve', fields: {}, userId: 'u2' }))).toBe(
      'task.unknown',
    )
    const outcome = await complete({
      taskId,
      decision: 'approve',
      fields: { hours: 4 },
      reason: 'Past goed',
      userId: 'u2',
    })
    expect(outcome).toMatchObject({
      taskId,
      decision: 'approved',
      fields: { hours: 4 },
      reason: 'Past goed',
      userId: 'u2',
    })
    // A second completion is refused by the validator, without side effects.
    expect(await refusal(complete({ taskId, decision: 'reject', fields: {}, userId: 'u3' }))).toBe(
      'task.not_open',
    )

    const result = await completed(handle)
    expect(result.nodes.review).toMatchObject({ status: 'completed', port: 'approved' })
    expect(result.nodes.no!.status).toBe('skipped')
    expect(result.output).toMatchObject({
      decision: 'approved',
      fields: { hours: 4 },
      userId: 'u2',
      yes: 'done',
    })
    expect(await sideEffects(h.db, runId)).toEqual({ yes: 1 })
    expect(await h.tasks.getTask(taskId)).toMatchObject({
      status: 'completed',
      assignee: 'u2',
      outcome: { decision: 'approved', fields: { hours: 4 }, reason: 'Past goed', userId: 'u2' },
    })
    expect((await h.tasks.listEvents(taskId)).map((e) => e.type)).toEqual(['created', 'completed'])
    await h.record('human-task-approved', handle)
  })

  it('is rejected and routes to rejected', async () => {
    const { handle, runId } = await h.start(
      taskFlow({ fourEyes: false }),
      { name: 'Bram' },
      { startedBy: 'starter' },
    )
    const taskId = await openTask(runId)
    await handle.executeUpdate(completeTaskUpdateName, {
      args: [{ taskId, decision: 'reject', reason: 'Geen plek', userId: 'starter' }],
    })
    const result = await completed(handle)
    expect(result.nodes.review!.port).toBe('rejected')
    expect(result.nodes.yes!.status).toBe('skipped')
    expect(await sideEffects(h.db, runId)).toEqual({ no: 1 })
    expect((await h.tasks.getTask(taskId))?.status).toBe('completed')
    await h.record('human-task-rejected', handle)
  })

  it('reminds, escalates at the deadline, then expires; a late completion is refused', async () => {
    const { handle, runId } = await h.start(
      taskFlow(
        {
          deadline: { seconds: 2 },
          reminderBefore: { seconds: 1 },
          escalation: { role: 'teamleider', teamId: team, deadline: { seconds: 2 } },
        },
        [{ id: 'pause', type: 'wait', version: 1, config: { duration: { seconds: 3 } } }],
        [edge('review', 'pause', 'expired')],
      ),
      { name: 'Cem' },
    )
    const taskId = await openTask(runId)
    // After expiry the flow waits in `pause`: a completion now is late and refused.
    await eventually(
      async () => ((await h.tasks.getTask(taskId))?.status === 'expired' ? true : undefined),
      15_000,
    )
    expect(
      await refusal(
        handle.executeUpdate(completeTaskUpdateName, {
          args: [{ taskId, decision: 'approve', fields: { hours: 3 }, userId: 'u2' }],
        }),
      ),
    ).toBe('task.not_open')
    const result = await completed(handle)
    expect(result.nodes.review).toMatchObject({ status: 'completed', port: 'expired' })
    expect(result.nodes.yes!.status).toBe('skipped')
    expect(result.nodes.no!.status).toBe('skipped')
    const stored = await h.tasks.getTask(taskId)
    expect(stored).toMatchObject({
      status: 'expired',
      role: 'teamleider',
      teamId: team,
      outcome: { decision: 'expired' },
    })
    expect((await h.tasks.listEvents(taskId)).map((e) => e.eventKey)).toEqual([
      'created',
      'reminded:0',
      'escalated:1',
      'reminded:1',
      'expired',
    ])
    await h.record('human-task-expired', handle)
  }, 30_000)

  it('is cancelled with its run while waiting', async () => {
    const { handle, runId } = await h.start(taskFlow(), { name: 'Dewi' })
    const taskId = await openTask(runId)
    await handle.cancel()
    const failure = await handle.result().catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(WorkflowFailedError)
    expect((failure as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure)
    expect((await handle.describe()).status.name).toBe('CANCELLED')
    expect(await h.tasks.getTask(taskId)).toMatchObject({ status: 'cancelled' })
    expect(await sideEffects(h.db, runId)).toEqual({})
    await h.record('human-task-cancelled', handle)
  })
})
