// The example plugin, built to dist/ and loaded from its folder like an installed plugin, runs
// inside flows on the real Temporal dev server against a real HTTP registry on 127.0.0.1.
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { WorkflowFailedError } from '@temporalio/client'
import { definePlugin, validateFlow } from '@warmflow/engine'
import { runFlowOnDevServer, singleNodeFlow } from '@warmflow/worker/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'

const exampleDir = fileURLToPath(new URL('../../examples/plugin-client-registry/', import.meta.url))
const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url))
const apiKey = 'integration-key'
const lookupV1 = { type: 'client-registry.lookup', version: 1 }

let server: Server
let baseUrl: string
let requests: { url: string; requestId: string | undefined }[] = []
/** HTTP statuses the registry answers with before it answers normally. */
let failFirst: number[] = []
let workflowBundle: { code: string }

beforeAll(async () => {
  // Build the plugin exactly as its package script does; Warmflow loads dist/ through package.json.
  await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: exampleDir })
  workflowBundle = { code: await readFile(inject('workflowBundlePath'), 'utf8') }
  server = createServer((request, response) => {
    requests.push({
      url: request.url ?? '',
      requestId: request.headers['x-request-id'] as string | undefined,
    })
    const status = failFirst.shift()
    if (status) return void response.writeHead(status).end()
    if (request.headers.authorization !== `Bearer ${apiKey}`) return void response.writeHead(401).end()
    if (request.url !== '/clients/1234567') return void response.writeHead(404).end()
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        clientNumber: '1234567',
        initials: 'J.d.V.',
        municipality: 'Amersfoort',
        careLevel: 'light',
        contactPhone: '0611111111',
      }),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}, 120_000)
afterAll(async () => {
  if (!server) return
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(() => {
  requests = []
  failFirst = []
})

const run = ({
  input,
  credentials,
  ...node
}: Parameters<typeof singleNodeFlow>[1] & { input?: unknown; credentials?: Record<string, string> }) =>
  runFlowOnDevServer({
    address: inject('temporalAddress'),
    plugins: [exampleDir],
    workflowBundle,
    httpAllow: ['127.0.0.1'],
    // `credentials` here are the stored credentials the worker can resolve, not the node's slot mapping.
    flow: singleNodeFlow(lookupV1, { id: 'lookup', config: node.config ?? { baseUrl }, ...node }),
    input: input ?? { clientNumber: '1234567' },
    credentials: credentials ?? { registry: apiKey },
  })

describe('example plugin on the dev server', () => {
  it('looks a client up inside a flow, with the credential and the run-stable idempotency key', async () => {
    const { result, workflowId, logs } = await run({})
    expect(result.status).toBe('completed')
    expect(result.nodes.lookup).toMatchObject({
      status: 'completed',
      attempts: 1,
      output: {
        found: true,
        client: {
          clientNumber: '1234567',
          initials: 'J.d.V.',
          municipality: 'Amersfoort',
          careLevel: 'light',
        },
      },
    })
    expect(JSON.stringify(result)).not.toContain('0611111111')
    expect(requests).toEqual([{ url: '/clients/1234567', requestId: `${workflowId}/lookup` }])
    expect(JSON.stringify(logs)).not.toContain('1234567')
  })

  it('retries a registry that is briefly down, with the same idempotency key each attempt', async () => {
    failFirst = [503, 429]
    const { result } = await run({ options: { retry: { initialIntervalSeconds: 0.1 } } })
    expect(result.nodes.lookup).toMatchObject({ status: 'completed', attempts: 3, output: { found: true } })
    expect(requests).toHaveLength(3)
    expect(new Set(requests.map((r) => r.requestId)).size).toBe(1)
  })

  it('fails the run at once, without retrying, when the registry refuses the key', async () => {
    const failure = await run({ credentials: { registry: 'wrong' } }).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(WorkflowFailedError)
    expect(requests).toHaveLength(1)
    const chain: string[] = []
    for (let cause: unknown = failure; cause instanceof Error; cause = cause.cause) {
      chain.push(`${(cause as { type?: string }).type ?? ''} ${cause.message}`)
    }
    expect(chain.join(' | ')).toContain('client_registry.unauthorized')
  })

  it('runs type@1 and type@2 side by side: a flow pinned to version 1 keeps its version-1 behaviour', async () => {
    // #region dev-server
    const { result } = await runFlowOnDevServer({
      address: inject('temporalAddress'),
      plugins: [exampleDir],
      workflowBundle,
      httpAllow: ['127.0.0.1'],
      credentials: { registry: apiKey },
      input: { clientNumber: '1234567' },
      flow: {
        name: 'Twee versies',
        nodes: [
          { id: 'start', type: 'manual', version: 1 },
          { id: 'old', type: 'client-registry.lookup', version: 1, config: { baseUrl } },
          {
            id: 'new',
            type: 'client-registry.lookup',
            version: 2,
            config: { endpoint: baseUrl, fields: ['municipality'] },
            input: { clientNumber: '$input.clientNumber' },
          },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'old' },
          { id: 'e2', source: 'old', target: 'new' },
        ],
      },
    })
    expect(result.nodes.old?.output).toEqual({
      found: true,
      client: { clientNumber: '1234567', initials: 'J.d.V.', municipality: 'Amersfoort', careLevel: 'light' },
    })
    expect(result.nodes.new?.output).toEqual({ found: true, client: { municipality: 'Amersfoort' } })
    // #endregion dev-server
  })
})

describe('runFlowOnDevServer', () => {
  it('refuses a plugin object built for another engine before starting anything', async () => {
    const future = definePlugin({ name: '@zorg/future', version: '2.0.0', engine: '^9.0.0', nodes: [] })
    await expect(
      runFlowOnDevServer({
        address: inject('temporalAddress'),
        plugins: [future],
        flow: singleNodeFlow({ type: 'manual', version: 1 }, { id: 'again' }),
      }),
    ).rejects.toMatchObject({
      code: 'plugin.incompatible_engine',
      text: { nl: expect.stringContaining('^9.0.0') },
    })
  })
})

describe('example plugin in the API', () => {
  let platform: TestPlatform
  beforeAll(async () => {
    platform = await startTestPlatform({ plugins: [exampleDir], worker: false })
  })
  afterAll(async () => {
    await platform?.stop()
  })

  it('accepts flows with either version of the plugin node and keeps the version they were saved with', async () => {
    for (const version of [1, 2]) {
      const config = version === 1 ? { baseUrl } : { endpoint: baseUrl }
      const created = await platform.request(
        'POST',
        '/api/v1/flows',
        singleNodeFlow({ ...lookupV1, version }, { config }),
      )
      expect(created.status).toBe(201)
      const read = await platform.request('GET', `/api/v1/flows/${created.body.id}`)
      expect(read.body.definition.nodes[1]).toMatchObject({ type: 'client-registry.lookup', version })
    }
  })

  it('shows the plugin nodes in the node catalogue like built-in ones, and the plugin in the plugin list', async () => {
    const nodes = await platform.request('GET', '/api/v1/nodes')
    expect(nodes.status).toBe(200)
    const lookups = nodes.body.items.filter(
      (item: { type: string }) => item.type === 'client-registry.lookup',
    )
    expect(lookups.map((item: { version: number }) => item.version)).toEqual([1, 2])
    expect(lookups[0]).toMatchObject({
      title: { nl: 'Cliënt opzoeken', en: 'Look up client' },
      category: 'data',
      icon: 'search',
      secrets: ['registry'],
      personalData: { reads: ['clientNumber'], sendsOutside: 'when-endpoint-external' },
    })
    expect(lookups[0].configSchema.properties).toHaveProperty('baseUrl')
    expect(lookups[1].configSchema.properties).toHaveProperty('endpoint')
    const plugins = await platform.request('GET', '/api/v1/plugins')
    expect(plugins.body.items).toContainEqual({
      name: '@warmflow-examples/plugin-client-registry',
      version: '1.0.0',
      engine: '^0.1.0',
      nodes: ['client-registry.lookup@1', 'client-registry.lookup@2'],
    })
    expect(plugins.body.failures).toEqual([])
  })

  it('has both versions in the registry it validates with, and refuses a version no plugin provides', () => {
    expect(platform.registry.get('client-registry.lookup', 1)?.title.nl).toBe('Cliënt opzoeken')
    expect(platform.registry.get('client-registry.lookup', 2)?.personalData?.reads).toEqual(['clientNumber'])
    const unknown = validateFlow(
      singleNodeFlow({ ...lookupV1, version: 3 }, { config: { baseUrl } }),
      platform.registry,
    )
    expect(unknown.ok).toBe(false)
    expect(unknown.problems.map((p) => p.code)).toContain('node.unknown_type')
    const wrongConfig = validateFlow(
      singleNodeFlow({ ...lookupV1, version: 2 }, { config: { baseUrl } }),
      platform.registry,
    )
    expect(wrongConfig.ok).toBe(false)
  })
})
