import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHttpClient } from '@warmflow/engine'
import { runNode } from '@warmflow/engine/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signWebhook, verifyWebhook } from './signature.js'
import { webhookSendNode } from './webhook-send.js'

const secret = `whsec_${Buffer.from('een-geheime-sleutel-van-32-bytes!').toString('base64')}`
const received: { headers: IncomingHttpHeaders; body: string }[] = []
let status = 200
let server: Server
let url: string
const http = createHttpClient({ allow: ['127.0.0.1'] })

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (c: Buffer) => chunks.push(c))
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ ok: status < 400 }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('webhook signatures', () => {
  it('signs id.timestamp.body and verifies only the exact message', () => {
    const signature = signWebhook(secret, 'msg_1', 1_700_000_000, '{"a":1}')
    expect(signature).toMatch(/^v1,[A-Za-z0-9+/]+=*$/)
    expect(verifyWebhook(secret, 'msg_1', 1_700_000_000, '{"a":1}', `v1,xyz ${signature}`)).toBe(true)
    expect(verifyWebhook(secret, 'msg_1', 1_700_000_001, '{"a":1}', signature)).toBe(false)
    expect(verifyWebhook(secret, 'msg_1', 1_700_000_000, '{"a":2}', signature)).toBe(false)
    expect(verifyWebhook('whsec_b3RoZXI=', 'msg_1', 1_700_000_000, '{"a":1}', signature)).toBe(false)
  })
})

describe('webhook.send against a real HTTP server', () => {
  it('posts signed JSON that the receiver can verify, with the same id on a retry', async () => {
    status = 200
    const options = {
      http,
      secrets: { webhook: secret },
      input: { aanmelding: { id: 'a-1', status: 'gekoppeld' }, naam: 'niet meesturen' },
      config: { url, body: 'aanmelding', headers: { 'x-bron': 'warmflow' } },
    }
    const first = await runNode(webhookSendNode, { ...options, attempt: 1 })
    await runNode(webhookSendNode, { ...options, attempt: 2 })
    expect(first.output).toMatchObject({ status: 200, response: { ok: true } })
    const [a, b] = received.slice(-2)
    expect(JSON.parse(a!.body)).toEqual({ id: 'a-1', status: 'gekoppeld' })
    expect(a!.headers['x-bron']).toBe('warmflow')
    const id = String(a!.headers['webhook-id'])
    const timestamp = Number(a!.headers['webhook-timestamp'])
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60)
    expect(verifyWebhook(secret, id, timestamp, a!.body, String(a!.headers['webhook-signature']))).toBe(true)
    expect(b!.headers['webhook-id']).toBe(id)
    expect(first.output.id).toBe(id)
  })

  it('asks for a retry when the receiver has a server error, not for a client error', async () => {
    status = 503
    const base = { http, secrets: { webhook: secret }, input: {}, config: { url } }
    await expect(runNode(webhookSendNode, base)).rejects.toMatchObject({
      code: 'webhook.failed',
      retryable: true,
    })
    status = 400
    await expect(runNode(webhookSendNode, base)).rejects.toMatchObject({
      code: 'webhook.failed',
      retryable: false,
    })
  })

  it('is refused by the guarded ctx.http when the target is local and not allowed', async () => {
    await expect(
      runNode(webhookSendNode, {
        http: createHttpClient(),
        secrets: { webhook: secret },
        input: {},
        config: { url },
      }),
    ).rejects.toMatchObject({ code: 'http.blocked_address' })
  })
})
