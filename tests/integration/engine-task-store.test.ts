import { randomUUID } from 'node:crypto'
import type { NewTask } from '@warmflow/engine'
import { createDb, createPostgresTaskStore } from '@warmflow/store'
import { afterAll, expect, inject, it } from 'vitest'

const db = createDb(inject('databaseUrl'), { max: 2 })
const store = createPostgresTaskStore(db)
afterAll(() => db.destroy())

const newTask = (overrides: Partial<NewTask> = {}): NewTask => ({
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
  data: { naam: 'Anna' },
  deadline: '2030-01-01T12:00:00.000Z',
  fourEyes: false,
  startedBy: 'starter',
  ...overrides,
})

it('creates a task once per workflow and node, whatever id a retry brings', async () => {
  const task = newTask()
  const first = await store.createTask(task)
  const again = await store.createTask({ ...task, id: randomUUID() })
  expect(again.id).toBe(first.id)
  expect(first).toMatchObject({
    status: 'open',
    role: 'coordinator',
    data: { naam: 'Anna' },
    startedBy: 'starter',
  })
  expect(first.deadline?.toISOString()).toBe('2030-01-01T12:00:00.000Z')
  expect(await store.listTasks({ runId: task.runId })).toHaveLength(1)
  expect((await store.listEvents(first.id)).map((e) => e.type)).toEqual(['created'])
})

it('applies each change once and never reopens or rewrites a closed task', async () => {
  const { id } = await store.createTask(newTask())
  const team = randomUUID()
  const escalate = {
    kind: 'escalated' as const,
    taskId: id,
    eventKey: 'escalated:1',
    teamId: team,
    role: 'teamleider',
    deadline: '2030-01-02T12:00:00.000Z',
  }
  await store.applyChange(escalate)
  await store.applyChange({ ...escalate, role: 'ignored' })
  expect(await store.getTask(id)).toMatchObject({ teamId: team, role: 'teamleider', status: 'open' })

  const complete = {
    kind: 'completed' as const,
    taskId: id,
    eventKey: 'completed',
    decision: 'approved' as const,
    fields: { uren: 4 },
    userId: 'u2',
  }
  await store.applyChange(complete)
  await store.applyChange({ ...complete, userId: 'u3' })
  // An expiry that loses the race changes nothing on a completed task.
  await store.applyChange({ kind: 'expired', taskId: id, eventKey: 'expired' })
  expect(await store.getTask(id)).toMatchObject({
    status: 'completed',
    assignee: 'u2',
    outcome: { decision: 'approved', fields: { uren: 4 }, userId: 'u2' },
  })
  expect((await store.listEvents(id)).map((e) => e.eventKey)).toEqual(['created', 'escalated:1', 'completed'])
  expect(await store.listTasks({ teamId: team, status: 'completed' })).toEqual([
    expect.objectContaining({ id }),
  ])
  expect(await store.listTasks({ teamId: team, status: 'open' })).toEqual([])
})
