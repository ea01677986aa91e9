import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js'

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

async function workflowIdsFor(query: string): Promise<string[]> {
  const ids: string[] = []
  for await (const execution of platform.client.workflow.list({ query })) ids.push(execution.workflowId)
  return ids
}

it('finds runs in Temporal by flow, version, team and status', async () => {
  const flow = await platform.request('POST', '/api/v1/flows', demoFlow)
  expect((await platform.request('POST', `/api/v1/flows/${flow.body.id}/publish`, {})).status).toBe(201)
  const started = await platform.request('POST', `/api/v1/flows/${flow.body.id}/runs`, {
    input: { voornaam: 'Ada' },
  })
  expect(started.status).toBe(201)
  const { workflow_id: workflowId } = await platform.db
    .selectFrom('runs')
    .select('workflow_id')
    .where('id', '=', started.body.id)
    .executeTakeFirstOrThrow()

  const query = `WarmflowFlowId = '${flow.body.id}' AND WarmflowFlowVersion = 1 AND WarmflowTeamId = '${platform.team.id}' AND ExecutionStatus = 'Completed'`
  // Temporal's visibility store is eventually consistent: poll until the completed run shows up.
  const found = await eventually(async () => {
    const ids = await workflowIdsFor(query)
    return ids.length > 0 ? ids : undefined
  })
  expect(found).toEqual([workflowId])
  expect(await workflowIdsFor(`WarmflowFlowId = '${flow.body.id}' AND WarmflowFlowVersion = 2`)).toEqual([])
})
