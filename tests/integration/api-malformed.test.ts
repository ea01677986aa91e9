import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'

// Every route in the OpenAPI document, with malformed ids, queries and bodies: never a 500.

let platform: TestPlatform
beforeAll(async () => {
  platform = await startTestPlatform({ worker: false })
})
afterAll(async () => {
  await platform?.stop()
})

const ids = ['not-a-uuid', '00000000-0000-4000-8000-000000000000', '%00', '1'.repeat(300), "x' or 1=1 --"]
const bodies: unknown[] = [
  undefined,
  '{"half": ',
  'null',
  '[]',
  '"tekst"',
  '12',
  { unknown: true, teamId: 'x', roles: ['admin'], id: 'y' },
  { revision: -1, definition: { nodes: 'x' }, decision: 'misschien', value: '', name: '' },
]
const queries = [
  '',
  '?limit=abc',
  '?limit=-1',
  '?cursor=%%%',
  '?cursor=eyJ4Ijp0cnVlfQ',
  '?since=gisteren&wait=-5',
  '?from=x&to=y&version=0',
]

describe('malformed requests', () => {
  it('never answer 500 on any route, signed in or not', async () => {
    // A real flow too, so requests get past the lookup into validation.
    const flow = await platform.request('POST', '/api/v1/flows', {
      name: 'Doelwit',
      nodes: [{ id: 'start', type: 'manual', version: 1 }],
    })
    ids.push(flow.body.id)
    const doc = await platform.request('GET', '/api/v1/openapi.json')
    const paths = doc.body.paths as Record<string, Record<string, unknown>>
    expect(Object.keys(paths).length).toBeGreaterThan(20)
    const failures: string[] = []
    for (const [template, operations] of Object.entries(paths)) {
      for (const method of Object.keys(operations)) {
        if (template.endsWith('/events')) continue // streams: covered in api-events.test.ts
        for (const id of ids) {
          const path = template.replace(/\{[^}]+\}/g, encodeURIComponent(id))
          for (const query of queries) {
            for (const body of method === 'get' ? [undefined] : bodies) {
              // Keep the real flow for the other routes.
              if (method === 'delete' && id === flow.body.id) continue
              for (const requester of [platform, platform.as(null)]) {
                const response = await requester.request(method.toUpperCase(), `${path}${query}`, body)
                if (response.status >= 500)
                  failures.push(`${method} ${path}${query} ${JSON.stringify(body)} → ${response.status}`)
              }
            }
          }
        }
      }
    }
    expect(failures).toEqual([])
  }, 240_000)
})
