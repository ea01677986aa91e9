import { completeTaskUpdateName, createSealer, parsePayloadKeys } from '@warmflow/engine'
import { createRunKeyStore } from '@warmflow/store'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { eventually, testPayloadCodecs } from '../support/platform.js'
import { killWorkerProcesses, startWorkerProcess } from '../support/worker-process.js'
import {
  attempts,
  completed,
  type EngineHarness,
  pluginPath,
  sideEffects,
  startEngineHarness,
} from './engine-harness.js'

let h: EngineHarness

beforeAll(async () => {
  // Workers are separate processes (with the run's payload key in their environment) that we can
  // kill; like them, the client reads each run's own data key from the database.
  h = await startEngineHarness({
    worker: false,
    payloadCodecs: (db) =>
      testPayloadCodecs(createRunKeyStore(db, createSealer(parsePayloadKeys(inject('payloadKeys'))))),
  })
})

afterAll(async () => {
  killWorkerProcesses()
  await h?.stop()
})

it('finishes a human task after the worker is killed while the run waits, every side effect once', async () => {
  const first = await startWorkerProcess({ taskQueue: h.taskQueue, env: { WARMFLOW_PLUGINS: pluginPath } })
  const { handle, runId } = await h.start(
    {
      name: 'Chaos: taak wacht',
      nodes: [
        { id: 'start', type: 'manual', version: 1 },
        { id: 'before', type: 'test.record', version: 1 },
        {
          id: 'review',
          type: 'human.task',
          version: 1,
          config: { title: { nl: 'Akkoord?', en: 'Agree?' }, role: 'coordinator', deadline: { minutes: 10 } },
        },
        { id: 'after', type: 'test.record', version: 1 },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'before' },
        { id: 'e2', source: 'before', target: 'review' },
        { id: 'e3', source: 'review', sourcePort: 'approved', target: 'after' },
      ],
    },
    { case: 'kill -9 tijdens taak' },
  )
  const taskId = await eventually(async () => (await h.tasks.listTasks({ runId }))[0]?.id)
  first.kill('SIGKILL')
  await new Promise((resolve) => first.once('exit', resolve))

  await startWorkerProcess({ taskQueue: h.taskQueue, env: { WARMFLOW_PLUGINS: pluginPath } })
  const outcome = await handle.executeUpdate(completeTaskUpdateName, {
    args: [{ taskId, decision: 'approve', userId: 'coordinator-1' }],
  })
  expect(outcome).toMatchObject({ taskId, decision: 'approved' })
  const result = await completed(handle)
  expect(result.output).toMatchObject({ decision: 'approved', after: 'done' })
  expect(await sideEffects(h.db, runId)).toEqual({ before: 1, after: 1 })
  expect(await attempts(h.db, runId, 'before')).toEqual([1])
  // One task, created once, completed once.
  expect(await h.tasks.listTasks({ runId })).toHaveLength(1)
  expect((await h.tasks.listEvents(taskId)).map((e) => e.type)).toEqual(['created', 'completed'])
}, 90_000)
