import { randomUUID } from 'node:crypto'
import { ApplicationFailure } from '@temporalio/common'
import type { NewTask } from '@warmflow/engine'
import { createDb, createPostgresTaskStore } from '@warmflow/store'
import { afterAll, expect, inject, it } from 'vitest'

// Data PostgreSQL can never store fails the task activity once (non-retryable), without the data.

const db = createDb(inject('databaseUrl'), { max: 2 })
const store = createPostgresTaskStore(db)
afterAll(() => db.destroy())

const newTask = (data: Record<string, unknown>): NewTask => ({
  id: randomUUID(),
  workflowId: `run-${randomUUID()}`,
  runId: randomUUID(),
  flowId: randomUUID(),
  flowVersion: 1,
  nodeId: 'review',
  teamId: null,
  role: 'coordinator',
  title: { nl: 'Beoordelen', en: 'Review' },
  form: { fields: {} },
  data,
  deadline: null,
  fourEyes: false,
  startedBy: null,
})

async function failureOf(work: Promise<unknown>) {
  try {
    await work
  } catch (error) {
    return error
  }
  return undefined
}

it.each([
  ['a \\u0000', { naam: 'Geheim\u0000Naam' }],
  ['a lone surrogate', { naam: 'Geheim\ud800Naam' }],
])(
  'refuses a task whose data holds %s with a non-retryable failure that does not quote it',
  async (_, data) => {
    const failure = await failureOf(store.createTask(newTask(data)))
    expect(failure).toBeInstanceOf(ApplicationFailure)
    expect(failure).toMatchObject({ type: 'task.unstorable_data', nonRetryable: true })
    expect(
      JSON.stringify({
        message: (failure as Error).message,
        details: (failure as ApplicationFailure).details,
      }),
    ).not.toContain('Geheim')
  },
)

it('refuses a completion whose fields hold a \\u0000 the same way, and keeps the task open', async () => {
  const { id } = await store.createTask(newTask({ naam: 'Anna' }))
  const failure = await failureOf(
    store.applyChange({
      kind: 'completed',
      taskId: id,
      eventKey: 'completed',
      decision: 'approved',
      fields: { opmerking: 'Geheim\u0000' },
      userId: 'u1',
    }),
  )
  expect(failure).toMatchObject({ type: 'task.unstorable_data', nonRetryable: true })
  expect(await store.getTask(id)).toMatchObject({ status: 'open' })
})
