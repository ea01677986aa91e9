import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHttpClient } from '@warmflow/engine'
import { runNode } from '@warmflow/engine/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { httpRequestNode } from './http-request.js'

const seen: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = []
let server: Server
let base: string
const http = createHttpClient({ allow: ['127.0.0.1', 'localhost'] })

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (c: Buffer) => chunks.push(c))
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      })
      const status = request.url?.startsWith('/kapot') ? 502 : 200
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ ok: status === 200, pad: request.url }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const credential = JSON.stringify({ hosts: ['127.0.0.1'], bearer: 'geheim-token' })

describe('http.request against a real HTTP server', () => {
  it('fills the path and query with encoded upstream values and sends the credential to its host', async () => {
    const { output } = await runNode(httpRequestNode, {
      http,
      secrets: { http: credential },
      input: { id: 'a/b c', wijk: 'Noord & Oost' },
      config: { url: `${base}/clienten/{{ id }}`, query: { wijk: 'wijk' }, authenticate: true },
    })
    expect(output.status).toBe(200)
    const request = seen.at(-1)!
    expect(request.url).toBe('/clienten/a%2Fb%20c?wijk=Noord+%26+Oost')
    expect(request.headers.authorization).toBe('Bearer geheim-token')
    expect(output.body).toEqual({ ok: true, pad: '/clienten/a%2Fb%20c?wijk=Noord+%26+Oost' })
  })

  it('never sends a credential to a host it is not for', async () => {
    const before = seen.length
    await expect(
      runNode(httpRequestNode, {
        http,
        secrets: { http: credential },
        config: { url: `${base.replace('127.0.0.1', 'localhost')}/x`, authenticate: true },
      }),
    ).rejects.toMatchObject({ code: 'http.credential_host' })
    expect(seen.length).toBe(before)
    await runNode(httpRequestNode, { http, secrets: { http: credential }, config: { url: `${base}/zonder` } })
    expect(seen.at(-1)?.headers.authorization).toBeUndefined()
  })

  it('posts a JSON body and retries only on server errors', async () => {
    await runNode(httpRequestNode, {
      http,
      input: { naam: 'Els' },
      config: { method: 'POST', url: `${base}/aanmelding`, body: '{ "naam": naam }' },
    })
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ naam: 'Els' })
    await expect(runNode(httpRequestNode, { http, config: { url: `${base}/kapot` } })).rejects.toMatchObject({
      code: 'http.status',
      retryable: true,
    })
  })

  it('keeps the host fixed in the config and goes through the SSRF guard', async () => {
    await expect(
      runNode(httpRequestNode, { http, config: { url: 'http://{{ host }}/x' } }),
    ).rejects.toMatchObject({
      code: 'node.invalid_config',
    })
    await expect(
      runNode(httpRequestNode, { http: createHttpClient(), config: { url: `${base}/x` } }),
    ).rejects.toMatchObject({
      code: 'http.blocked_address',
    })
  })
})

describe('http.request: a credential stays with its origin', () => {
  // Two real servers: the credential's host redirects, the other host must never get the key.
  const other: { url: string; headers: IncomingHttpHeaders }[] = []
  let otherServer: Server
  let redirector: Server
  let otherBase: string
  let redirectBase: string

  beforeAll(async () => {
    otherServer = createServer((request, response) => {
      other.push({ url: request.url ?? '', headers: request.headers })
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('{"ok":true}')
    })
    await new Promise<void>((resolve) => otherServer.listen(0, '127.0.0.1', resolve))
    otherBase = `http://127.0.0.1:${(otherServer.address() as AddressInfo).port}`
    redirector = createServer((request, response) => {
      request.resume()
      const [, status, where] = /^\/(\d{3})\/(same|other)/.exec(request.url ?? '') ?? []
      if (!status) {
        other.push({ url: `same:${request.url}`, headers: request.headers })
        response.end('{}')
        return
      }
      const target = where === 'same' ? `${redirectBase}/landed` : `${otherBase}/landed`
      response.writeHead(Number(status), { location: target })
      response.end()
    })
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve))
    redirectBase = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise<void>((resolve) => otherServer.close(() => resolve()))
    await new Promise<void>((resolve) => redirector.close(() => resolve()))
  })

  const keyCredential = JSON.stringify({
    hosts: ['127.0.0.1'],
    bearer: 'geheim-token',
    headers: { 'X-Api-Key': 'sleutel-123', 'X-Gemeente-Auth': 'gemeente-geheim', Cookie: 'sessie=abc' },
  })

  it.each([301, 302, 303, 307, 308])(
    'drops every credential header on a %i to another origin',
    async (status) => {
      other.length = 0
      const { output } = await runNode(httpRequestNode, {
        http,
        secrets: { http: keyCredential },
        input: { naam: 'Els' },
        config: {
          method: 'POST',
          url: `${redirectBase}/${status}/other`,
          body: '{ "naam": naam }',
          headers: { 'X-Trace': 'spoor-1' },
          authenticate: true,
        },
      })
      expect(output.status).toBe(200)
      expect(other).toHaveLength(1)
      const received = other[0]!.headers
      expect(received['x-api-key']).toBeUndefined()
      expect(received['x-gemeente-auth']).toBeUndefined()
      expect(received.cookie).toBeUndefined()
      expect(received.authorization).toBeUndefined()
      expect(JSON.stringify(received)).not.toMatch(/sleutel-123|gemeente-geheim|geheim-token|sessie=abc/)
      // Headers the designer typed that are not from the credential still go along.
      expect(received['x-trace']).toBe('spoor-1')
    },
  )

  it('keeps the credential on a redirect within the same origin', async () => {
    other.length = 0
    await runNode(httpRequestNode, {
      http,
      secrets: { http: keyCredential },
      config: { url: `${redirectBase}/307/same`, authenticate: true },
    })
    expect(other).toHaveLength(1)
    expect(other[0]!.url).toBe('same:/landed')
    expect(other[0]!.headers['x-api-key']).toBe('sleutel-123')
  })
})

describe('http.request: an Idempotency-Key the receiver can recognise', () => {
  it('sends the same key on a retry of an unsafe method, and none for GET or when turned off', async () => {
    // A real receiver that fails the first delivery, then accepts: as a retry after a crash sees it.
    const keys: (string | undefined)[] = []
    let calls = 0
    const receiver = createServer((request, response) => {
      request.resume()
      keys.push(request.headers['idempotency-key'] as string | undefined)
      calls++
      response.writeHead(calls === 1 ? 503 : 200, { 'content-type': 'application/json' })
      response.end('{}')
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/betaling`
    try {
      const run = { runId: 'run-42', nodeId: 'betaal' }
      const config = { method: 'POST', url: target, body: '{ "bedrag": 10 }' }
      await expect(
        runNode(httpRequestNode, { http, run, attempt: 1, idempotencyKey: 'wf-42/betaal', config }),
      ).rejects.toMatchObject({ code: 'http.status', retryable: true })
      await runNode(httpRequestNode, { http, run, attempt: 2, idempotencyKey: 'wf-42/betaal', config })
      expect(keys).toEqual(['wf-42/betaal', 'wf-42/betaal'])

      for (const method of ['PUT', 'PATCH', 'DELETE']) {
        await runNode(httpRequestNode, { http, idempotencyKey: 'k/1', config: { method, url: target } })
        expect(keys.at(-1)).toBe('k/1')
      }
      await runNode(httpRequestNode, { http, idempotencyKey: 'k/2', config: { url: target } })
      expect(keys.at(-1)).toBeUndefined()
      await runNode(httpRequestNode, {
        http,
        idempotencyKey: 'k/3',
        config: { method: 'POST', url: target, idempotencyKey: false },
      })
      expect(keys.at(-1)).toBeUndefined()
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()))
    }
  })
})
