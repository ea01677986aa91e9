import { signWebhook } from '@warmflow/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'

// The API and the worker in one process, as under `warmflow start`: runs start with Temporal's
// eager workflow start, so the start's answer carries the first workflow task to this worker.
let platform: TestPlatform
/** Whether Temporal handed each start's first workflow task straight to the worker. */
const eagerly: boolean[] = []

beforeAll(async () => {
  platform = await startTestPlatform()
  // Watch the starts at the edge: the handle says whether the start went eagerly.
  const workflows = platform.eagerStart!.workflow
  const start = workflows.start.bind(workflows)
  workflows.start = (async (...args: Parameters<typeof start>) => {
    const handle = await start(...args)
    eagerly.push(handle.eagerlyStarted)
    return handle
  }) as typeof start
})

afterAll(async () => {
  await platform?.stop()
})

const webhookFlow = {
  name: 'Eager start',
  nodes: [
    { id: 'hook', type: 'webhook', version: 1, config: {} },
    { id: 'welkom', type: 'transform', version: 1, config: { fields: { bericht: "'Welkom, ' & voornaam" } } },
  ],
  edges: [{ id: 'e1', source: 'hook', target: 'welkom' }],
}

async function deliver(flowId: string, secret: string, id: string, body: string) {
  const timestamp = Math.floor(Date.now() / 1000)
  return platform.as(null).request('POST', `/api/v1/hooks/${flowId}?wait=10`, body, {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secret, id, timestamp, body),
  })
}

describe('eager workflow start', () => {
  it('starts runs on the worker in this process and answers with their result', async () => {
    const flow = await platform.request('POST', '/api/v1/flows', webhookFlow)
    expect(flow.status).toBe(201)
    expect((await platform.request('POST', `/api/v1/flows/${flow.body.id}/publish`, {})).status).toBe(201)
    const { body: made } = await platform.request('POST', `/api/v1/flows/${flow.body.id}/webhook/secret`)
    eagerly.length = 0
    const answers = await Promise.all(
      ['Sanne', 'Joris', 'Fatma'].map((name, i) =>
        deliver(flow.body.id, made.secret, `msg_eager_${i}`, JSON.stringify({ voornaam: name })),
      ),
    )
    expect(answers.map((a) => a.body.output?.bericht)).toEqual([
      'Welkom, Sanne',
      'Welkom, Joris',
      'Welkom, Fatma',
    ])
    expect(eagerly).toEqual([true, true, true])
    // Every run is recorded and marked completed by its workflow.
    const rows = await platform.db
      .selectFrom('runs')
      .select('id')
      .where('flow_id', '=', flow.body.id)
      .execute()
    expect(rows).toHaveLength(3)
    await expect
      .poll(async () =>
        (
          await platform.db.selectFrom('runs').select('status').where('flow_id', '=', flow.body.id).execute()
        ).map((row) => row.status),
      )
      .toEqual(['completed', 'completed', 'completed'])

    // A repeated delivery attaches to its run (the id names the workflow); it starts nothing new.
    const again = await deliver(
      flow.body.id,
      made.secret,
      'msg_eager_0',
      JSON.stringify({ voornaam: 'Sanne' }),
    )
    expect(again.body.runId).toBe(answers[0]!.body.runId)
    expect(again.body.output).toEqual(answers[0]!.body.output)
  })

  it('keeps what every run has: its row, its status, its search attributes', async () => {
    const flow = await platform.request('POST', '/api/v1/flows', webhookFlow)
    await platform.request('POST', `/api/v1/flows/${flow.body.id}/publish`, {})
    const { body: made } = await platform.request('POST', `/api/v1/flows/${flow.body.id}/webhook/secret`)
    eagerly.length = 0
    const answer = await deliver(
      flow.body.id,
      made.secret,
      'msg_history',
      JSON.stringify({ voornaam: 'Ilse' }),
    )
    expect(answer.body.status).toBe('completed')
    expect(eagerly).toEqual([true])
    const run = await platform.db
      .selectFrom('runs')
      .select(['workflow_id', 'status'])
      .where('id', '=', answer.body.runId)
      .executeTakeFirstOrThrow()
    const handle = platform.client.workflow.getHandle(run.workflow_id)
    const description = await handle.describe()
    expect(description.status.name).toBe('COMPLETED')
    expect(description.typedSearchAttributes.getAll().map((pair) => pair.key.name)).toEqual(
      expect.arrayContaining(['WarmflowFlowId', 'WarmflowFlowVersion', 'WarmflowTeamId']),
    )
    // The workflow writes the run's final status, as it does for a start through the task queue.
    await expect
      .poll(
        async () =>
          (
            await platform.db
              .selectFrom('runs')
              .select('status')
              .where('id', '=', answer.body.runId)
              .executeTakeFirstOrThrow()
          ).status,
      )
      .toBe('completed')
  })
})
