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
