import { randomUUID } from 'node:crypto'
import { Client } from '@temporalio/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js'

// A node that fails with a message quoting its input, as a careless plugin's might.
const pluginPath = new URL('../fixtures/failing-plugin.ts', import.meta.url).pathname

let platform: TestPlatform
beforeAll(async () => {
  platform = await startTestPlatform({ plugins: [pluginPath] })
})
afterAll(async () => {
  await platform?.stop()
})

/** Every byte string and string inside a value, decoded, so we can look for the marker. */
function texts(value: unknown, out: string[] = []): string[] {
  if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('latin1'))
  else if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) for (const item of value) texts(item, out)
  else if (value && typeof value === 'object') for (const item of Object.values(value)) texts(item, out)
  return out
}

/** Every `message` of a failure anywhere in a history. */
function failureMessages(value: unknown, out: string[] = []): string[] {
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return out
  const failure = value as { message?: unknown; stackTrace?: unknown; encodedAttributes?: unknown }
  if (typeof failure.message === 'string' && 'encodedAttributes' in failure) out.push(failure.message)
  for (const item of Object.values(value)) failureMessages(item, out)
  return out
}

describe('a failure that quotes a client value', () => {
  it('is encrypted in Temporal, shown to a role that may see personal data, and cut for others', async () => {
    const marker = `Achternaam-${randomUUID()}`
    const created = await platform.request('POST', '/api/v1/flows', {
      name: 'Faalt met een naam',
      nodes: [
        { id: 'start', type: 'manual', version: 1 },
        { id: 'faal', type: 'test.fails-with-value', version: 1 },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'faal' }],
    })
    expect(created.status).toBe(201)
    const flowId = created.body.id
    expect((await platform.request('POST', `/api/v1/flows/${flowId}/publish`, {})).status).toBe(201)
    const started = await platform.request('POST', `/api/v1/flows/${flowId}/runs`, {
      input: { naam: marker },
    })
    expect(started.status).toBe(201)
    const runId: string = started.body.id

    // The API, with the codec, shows the error in full to a role that may see personal data.
    const detail = await eventually(async () => {
      const answer = await platform.request('GET', `/api/v1/runs/${runId}`)
      return answer.body.status === 'failed' ? answer.body : undefined
    })
    expect(detail.status).toBe('failed')
    expect(detail.nodes.faal.error).toEqual({
      code: 'test.not_a_number',
      message: `Unable to cast value to a number: "${marker}"`,
    })

    // A role that sees runs redacted gets the code and the kind of the node's error, not the value.
    const developer = await platform.createUser({ roles: ['developer'], teams: [platform.team] })
    const redacted = await platform.as(developer).request('GET', `/api/v1/runs/${runId}`)
    expect(redacted.status).toBe(200)
    expect(redacted.body.redacted).toBe(true)
    expect(redacted.body.nodes.faal.error).toEqual({
      code: 'test.not_a_number',
      message: 'Unable to cast value to a number',
    })
    expect(JSON.stringify(redacted.body.nodes)).not.toContain(marker)

    // Temporal's history read raw, without the codec: the marker is nowhere, and failure messages
    // are only the converter's placeholder.
    const row = await platform.db
      .selectFrom('runs')
      .select('workflow_id')
      .where('id', '=', runId)
      .executeTakeFirstOrThrow()
    const raw = new Client({ connection: platform.client.connection })
    const history = await raw.workflow.getHandle(row.workflow_id).fetchHistory()
    expect(history.events?.length).toBeGreaterThan(0)
    expect(texts(history).some((text) => text.includes(marker))).toBe(false)
    expect(texts(history).some((text) => text.includes('Unable to cast'))).toBe(false)
    const messages = failureMessages(history)
    // The activity's failure and the workflow's own failure are both there, and both encoded.
    expect(messages.length).toBeGreaterThanOrEqual(2)
    expect(new Set(messages)).toEqual(new Set(['Encoded failure']))
  })
})
