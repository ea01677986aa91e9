import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHttpClient, createRegistry, upgradeNode, WarmflowError } from '@warmflow/engine'
import { runNode } from '@warmflow/engine/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { plugin } from './index.js'
import { clientLookup, clientLookupV2 } from './lookup.js'

// A real HTTP server on 127.0.0.1 plays the organisation's client registry.
const apiKey = 'test-registry-key'
const clients: Record<string, unknown> = {
  '1234567': {
    clientNumber: '1234567',
    initials: 'F.B.',
    municipality: 'Utrecht',
    careLevel: 'medium',
    contactPhone: '0612345678',
  },
}
let server: Server
let baseUrl: string
let requests: IncomingMessage[] = []
/** What the registry does next: answer normally, or fail with a status, or hang. */
let behaviour: 'normal' | 'hang' | 'garbage' | number = 'normal'
let aborted = 0
/** ctx.http refuses local addresses unless allowed, as WARMFLOW_HTTP_ALLOW does in production. */
const local = createHttpClient({ allow: ['127.0.0.1'] })

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request)
    if (behaviour === 'hang') {
      request.socket.once('close', () => aborted++)
      return
    }
    if (typeof behaviour === 'number') {
      response.writeHead(behaviour).end()
      return
    }
    if (request.headers.authorization !== `Bearer ${apiKey}`) {
      response.writeHead(401).end()
      return
    }
    if (behaviour === 'garbage') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"name": 1}')
      return
    }
    const match = /^\/v1\/clients\/([^/]+)$/.exec(request.url ?? '')
    const client = match ? clients[decodeURIComponent(match[1]!)] : undefined
    if (!client) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(client))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(() => {
  requests = []
  behaviour = 'normal'
})

async function failureOf(promise: Promise<unknown>): Promise<WarmflowError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(WarmflowError)
  return error as WarmflowError
}

describe('client-registry.lookup@1', () => {
  it('finds a client, sends the key and the idempotency key, and leaves out the phone number', async () => {
    // #region run-node
    const { output, logs } = await runNode(clientLookup, {
      http: local,
      config: { baseUrl },
      input: { clientNumber: '1234567' },
      secrets: { registry: apiKey },
      run: { runId: 'run-1', nodeId: 'lookup' },
    })
    expect(output).toEqual({
      found: true,
      client: { clientNumber: '1234567', initials: 'F.B.', municipality: 'Utrecht', careLevel: 'medium' },
    })
    expect(requests).toHaveLength(1)
    expect(requests[0]!.headers['x-request-id']).toBe('run-1/lookup')
    expect(JSON.stringify(logs)).not.toContain('1234567')
    // #endregion run-node
  })

  it('can be tested without a server: a fake registry answers, and runNode records the requests', async () => {
    // #region fake-http
    const { output, requests } = await runNode(clientLookup, {
      config: { baseUrl: 'https://register.example.org/v1' },
      input: { clientNumber: '7654321' },
      secrets: { registry: 'test-key' },
      http: (request) =>
        request.url.endsWith('/clients/7654321')
          ? Response.json({
              clientNumber: '7654321',
              initials: 'A.',
              municipality: 'Zeist',
              careLevel: 'light',
            })
          : new Response(null, { status: 404 }),
    })
    expect(output.client?.municipality).toBe('Zeist')
    expect(requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: 'https://register.example.org/v1/clients/7654321',
        headers: expect.objectContaining({ authorization: 'Bearer test-key' }),
      }),
    ])
    // #endregion fake-http
  })

  it('answers found: false for a number the registry does not know', async () => {
    const { output } = await runNode(clientLookup, {
      http: local,
      config: { baseUrl },
      input: { clientNumber: '7654321' },
      secrets: { registry: apiKey },
    })
    expect(output).toEqual({ found: false })
  })

  it('fails without retrying when the registry refuses the key', async () => {
    const error = await failureOf(
      runNode(clientLookup, {
        http: local,
        config: { baseUrl },
        input: { clientNumber: '1234567' },
        secrets: { registry: 'wrong' },
      }),
    )
    expect(error.code).toBe('client_registry.unauthorized')
    expect(error.retryable).toBe(false)
    expect(error.text.nl).toMatch(/sleutel/)
  })

  it.each([
    [503, true],
    [429, true],
    [400, false],
  ])('turns HTTP %i into an error with retryable = %s', async (status, retryable) => {
    behaviour = status
    const error = await failureOf(
      runNode(clientLookup, {
        http: local,
        config: { baseUrl },
        input: { clientNumber: '1234567' },
        secrets: { registry: apiKey },
      }),
    )
    expect(error.code).toBe('client_registry.unavailable')
    expect(error.retryable).toBe(retryable)
  })

  it('retries when the registry cannot be reached', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const error = await failureOf(
      runNode(clientLookup, {
        http: local,
        config: { baseUrl: `http://127.0.0.1:${port}/v1` },
        input: { clientNumber: '1234567' },
        secrets: { registry: apiKey },
      }),
    )
    expect(error.code).toBe('http.connection_failed')
    expect(error.retryable).toBe(true)
  })

  it('cannot reach a registry on a private address unless it is allowed (WARMFLOW_HTTP_ALLOW)', async () => {
    const error = await failureOf(
      runNode(clientLookup, {
        http: createHttpClient({ allow: [] }),
        config: { baseUrl },
        input: { clientNumber: '1234567' },
        secrets: { registry: apiKey },
      }),
    )
    expect(error.code).toBe('http.blocked_address')
    expect(requests).toHaveLength(0)
  })

  it('refuses an answer it does not understand', async () => {
    behaviour = 'garbage'
    const error = await failureOf(
      runNode(clientLookup, {
        http: local,
        config: { baseUrl },
        input: { clientNumber: '1234567' },
        secrets: { registry: apiKey },
      }),
    )
    expect(error.code).toBe('client_registry.bad_response')
  })

  it('needs the registry credential', async () => {
    const error = await failureOf(
      runNode(clientLookup, {
        http: local,
        config: { baseUrl },
        input: { clientNumber: '1234567' },
      }),
    )
    expect(error.code).toBe('node.missing_secret')
    expect(requests).toHaveLength(0)
  })

  it('rejects a client number that is not a number, before calling the registry', async () => {
    const error = await failureOf(
      runNode(clientLookup, {
        http: local,
        config: { baseUrl },
        input: { clientNumber: 'Fatima' },
        secrets: { registry: apiKey },
      }),
    )
    expect(error.code).toBe('node.invalid_input')
    expect(requests).toHaveLength(0)
  })

  it('stops waiting for the registry when the run is cancelled', async () => {
    behaviour = 'hang'
    const controller = new AbortController()
    const abortedBefore = aborted
    const running = runNode(clientLookup, {
      http: local,
      config: { baseUrl, timeoutSeconds: 30 },
      input: { clientNumber: '1234567' },
      secrets: { registry: apiKey },
      signal: controller.signal,
    })
    while (requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10))
    const started = Date.now()
    controller.abort()
    await expect(running).rejects.toThrow()
    expect(Date.now() - started).toBeLessThan(2_000)
    while (aborted === abortedBefore) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(aborted).toBe(abortedBefore + 1)
  })
})

describe('client-registry.lookup@2', () => {
  it('passes on only the fields the designer chose', async () => {
    const { output } = await runNode(clientLookupV2, {
      http: local,
      config: { endpoint: baseUrl, fields: ['municipality', 'contactPhone'] },
      input: { clientNumber: '1234567' },
      secrets: { registry: apiKey },
    })
    expect(output).toEqual({ found: true, client: { municipality: 'Utrecht', contactPhone: '0612345678' } })
  })

  it('defaults to initials and municipality', async () => {
    const { output } = await runNode(clientLookupV2, {
      http: local,
      config: { endpoint: baseUrl },
      input: { clientNumber: '1234567' },
      secrets: { registry: apiKey },
    })
    expect(output).toEqual({ found: true, client: { initials: 'F.B.', municipality: 'Utrecht' } })
  })
})

describe('upgrading from version 1 to 2', () => {
  it('keeps the registry address and timeout, and shows what changes', () => {
    const upgrade = upgradeNode(createRegistry([plugin]), {
      type: 'client-registry.lookup',
      version: 1,
      config: { baseUrl: 'https://register.example.org/v1', timeoutSeconds: 20 },
    })
    expect(upgrade.valid).toBe(true)
    expect(upgrade.config).toEqual({
      endpoint: 'https://register.example.org/v1',
      timeoutSeconds: 20,
      fields: ['initials', 'municipality'],
    })
    expect(upgrade.changes.map((change) => `${change.kind} ${change.path}`)).toEqual([
      'removed baseUrl',
      'added endpoint',
      'added fields',
    ])
  })
})

describe('plugin', () => {
  it('ships both versions of the node and declares the engine it was built for', () => {
    expect(plugin.nodes.map((node) => node.key)).toEqual([
      'client-registry.lookup@1',
      'client-registry.lookup@2',
    ])
    expect(plugin.engine).toBe('^0.1.0')
    for (const node of plugin.nodes) {
      expect(node.personalData?.reads).toEqual(['clientNumber'])
      expect(node.secrets).toEqual(['registry'])
      expect(node.activity?.retry?.maximumAttempts).toBe(5)
    }
  })
})
