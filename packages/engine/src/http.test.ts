import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  createHttpClient,
  HttpError,
  httpAllowFromEnv,
  isBlockedAddress,
  type ResolvedAddress,
} from './http.js'
import { defineNode } from './node.js'
import { runNode } from './testing.js'

type Handler = (req: IncomingMessage, res: ServerResponse) => void
let server: Server
let port: number
let handler: Handler
const seen: { url: string; host: string | undefined; headers: IncomingMessage['headers'] }[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', host: req.headers.host, headers: req.headers })
    handler(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(() => {
  seen.length = 0
  handler = (_req, res) => res.end('ok')
})

const blockedCode = { code: 'http.blocked_address', retryable: false }

describe('address classification', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.254',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '64:ff9b::a00:1',
  ])('blocks %s', (address) => {
    expect(isBlockedAddress(address)).toBe(true)
  })

  it.each(['93.184.216.34', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111'])(
    'lets %s through',
    (address) => {
      expect(isBlockedAddress(address)).toBe(false)
    },
  )
})

describe('guarded fetch', () => {
  it('fetches from an allowed local server and returns a standard Response', async () => {
    handler = (req, res) => {
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ method: req.method, got: req.headers['x-test'] }))
    }
    const http = createHttpClient({ allow: [`127.0.0.1:${port}`] })
    const response = await http.fetch(`http://127.0.0.1:${port}/hello`, { headers: { 'X-Test': 'ja' } })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ method: 'GET', got: 'ja' })
    expect(response.url).toBe(`http://127.0.0.1:${port}/hello`)
  })

  it('refuses loopback, private, link-local, metadata, CGNAT and IPv6 forms without allow-list, sending nothing', async () => {
    const http = createHttpClient()
    for (const target of [
      `http://127.0.0.1:${port}/`,
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://0.0.0.0:${port}/`,
      'http://10.0.0.1/',
      'http://172.16.5.4/',
      'http://192.168.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.1.1/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
      'http://localhost:1/',
      // Other spellings of loopback that URL parsing turns into 127.0.0.1.
      `http://2130706433:${port}/`,
      `http://0x7f.0.0.1:${port}/`,
      `http://127.1:${port}/`,
    ]) {
      await expect(http.fetch(target), target).rejects.toMatchObject(blockedCode)
    }
    expect(seen).toHaveLength(0)
  })

  it('an allow rule for one port does not open another', async () => {
    const http = createHttpClient({ allow: [`127.0.0.1:${port + 1}`] })
    await expect(http.fetch(`http://127.0.0.1:${port}/`)).rejects.toMatchObject(blockedCode)
    expect(seen).toHaveLength(0)
  })

  it('allows by CIDR range and by host name', async () => {
    const byRange = createHttpClient({ allow: ['127.0.0.0/8'] })
    expect(await (await byRange.fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok')
    const byName = createHttpClient({
      allow: [`intern.test:${port}`],
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    })
    expect(await (await byName.fetch(`http://intern.test:${port}/`)).text()).toBe('ok')
  })

  it('refuses a host name when any of its addresses is private', async () => {
    const http = createHttpClient({
      resolve: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ],
    })
    await expect(http.fetch('http://mixed.example/')).rejects.toMatchObject(blockedCode)
  })

  it('pins the connection to the checked address: DNS is asked once, a second answer cannot swap it', async () => {
    const answers: ResolvedAddress[][] = [
      [{ address: '127.0.0.1', family: 4 }],
      [{ address: '169.254.169.254', family: 4 }],
    ]
    let lookups = 0
    const http = createHttpClient({
      allow: [`127.0.0.1:${port}`],
      resolve: async () => answers[lookups++] ?? [],
    })
    const response = await http.fetch(`http://rebind.test:${port}/pinned`)
    expect(await response.text()).toBe('ok')
    expect(lookups).toBe(1)
    // The request reached our server with the original host header.
    expect(seen).toEqual([expect.objectContaining({ url: '/pinned', host: `rebind.test:${port}` })])
    // The next request resolves again and now gets the metadata address: refused.
    await expect(http.fetch(`http://rebind.test:${port}/pinned`)).rejects.toMatchObject(blockedCode)
    expect(seen).toHaveLength(1)
  })

  it('follows redirects, checking each target again', async () => {
    handler = (req, res) => {
      if (req.url === '/start') {
        res.writeHead(302, { location: '/next' }).end()
      } else if (req.url === '/next') {
        res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end()
      } else {
        res.end('never')
      }
    }
    const http = createHttpClient({ allow: [`127.0.0.1:${port}`] })
    await expect(http.fetch(`http://127.0.0.1:${port}/start`)).rejects.toMatchObject(blockedCode)
    expect(seen.map((s) => s.url)).toEqual(['/start', '/next'])
  })

  it('turns POST into GET on 303 and drops credentials on a cross-origin redirect', async () => {
    const other = createServer((req, res) => {
      seen.push({ url: `other${req.url}`, host: req.headers.host, headers: req.headers })
      res.end(req.method)
    })
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
    const otherPort = (other.address() as AddressInfo).port
    try {
      handler = (_req, res) => res.writeHead(303, { location: `http://127.0.0.1:${otherPort}/done` }).end()
      const http = createHttpClient({ allow: ['127.0.0.1'] })
      const response = await http.fetch(`http://127.0.0.1:${port}/form`, {
        method: 'POST',
        body: '{"a":1}',
        headers: { authorization: 'Bearer geheim', 'content-type': 'application/json' },
      })
      expect(await response.text()).toBe('GET')
      expect(response.redirected).toBe(true)
      expect(seen[0]!.headers.authorization).toBe('Bearer geheim')
      expect(seen[1]!.url).toBe('other/done')
      expect(seen[1]!.headers.authorization).toBeUndefined()
      expect(seen[1]!.headers['content-type']).toBeUndefined()
    } finally {
      other.closeAllConnections()
      await new Promise((resolve) => other.close(resolve))
    }
  })

  it('stops after 5 redirects', async () => {
    let n = 0
    handler = (_req, res) => res.writeHead(302, { location: `/loop/${++n}` }).end()
    const http = createHttpClient({ allow: [`127.0.0.1:${port}`] })
    await expect(http.fetch(`http://127.0.0.1:${port}/loop/0`)).rejects.toMatchObject({
      code: 'http.too_many_redirects',
    })
    expect(seen).toHaveLength(6)
  })

  it('limits the response size, whether or not the server declares it', async () => {
    const big = Buffer.alloc(300_000, 'a')
    const http = createHttpClient({ allow: [`127.0.0.1:${port}`], maxResponseBytes: 100_000 })
    handler = (_req, res) => res.end(big)
    await expect(http.fetch(`http://127.0.0.1:${port}/declared`)).rejects.toMatchObject({
      code: 'http.response_too_large',
    })
    handler = (_req, res) => {
      res.writeHead(200, { 'transfer-encoding': 'chunked' })
      res.write(big.subarray(0, 60_000))
      res.end(big.subarray(60_000))
    }
    await expect(http.fetch(`http://127.0.0.1:${port}/chunked`)).rejects.toMatchObject({
      code: 'http.response_too_large',
    })
  })

  it('times out as a retryable error, and aborts on the signal as a non-retryable one', async () => {
    handler = () => {
      // never answers
    }
    const http = createHttpClient({ allow: [`127.0.0.1:${port}`] })
    const started = Date.now()
    await expect(http.fetch(`http://127.0.0.1:${port}/slow`, { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'http.timeout',
      retryable: true,
    })
    expect(Date.now() - started).toBeLessThan(5_000)
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const error = await http
      .fetch(`http://127.0.0.1:${port}/slow`, { signal: controller.signal })
      .catch((e) => e)
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({ code: 'http.aborted', retryable: false })
    expect(error.text.nl).toMatch(/afgebroken/)
  })

  it('drops the headers a request names as credential headers on a redirect to another origin', async () => {
    const landed: IncomingMessage['headers'][] = []
    const target = createServer((req, res) => {
      landed.push(req.headers)
      res.end('landed')
    })
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve))
    const targetPort = (target.address() as AddressInfo).port
    try {
      handler = (_req, res) => {
        res.writeHead(307, { location: `http://127.0.0.1:${targetPort}/next` })
        res.end()
      }
      const http = createHttpClient({ allow: ['127.0.0.1'] })
      const response = await http.fetch(`http://127.0.0.1:${port}/start`, {
        headers: { 'X-Api-Key': 'k-1', 'Proxy-Authorization': 'p-1', 'X-Other': 'blijft' },
        credentialHeaders: ['x-API-key'],
      })
      expect(await response.text()).toBe('landed')
      expect(seen[0]?.headers['x-api-key']).toBe('k-1')
      expect(landed).toHaveLength(1)
      expect(landed[0]?.['x-api-key']).toBeUndefined()
      expect(landed[0]?.['proxy-authorization']).toBeUndefined()
      expect(landed[0]?.['x-other']).toBe('blijft')
    } finally {
      await new Promise((resolve) => target.close(resolve))
    }
  })

  it('refuses other protocols and credentials in the address', async () => {
    const http = createHttpClient({ allow: ['127.0.0.1'] })
    await expect(http.fetch('file:///etc/passwd')).rejects.toMatchObject({ code: 'http.unsupported_url' })
    await expect(http.fetch(`http://a:b@127.0.0.1:${port}/`)).rejects.toMatchObject({
      code: 'http.unsupported_url',
    })
    expect(seen).toHaveLength(0)
  })

  it('reads the allow-list from the environment and rejects malformed rules', () => {
    expect(httpAllowFromEnv({ WARMFLOW_HTTP_ALLOW: '127.0.0.1:8080, ai.intern ,' })).toEqual([
      '127.0.0.1:8080',
      'ai.intern',
    ])
    expect(() => createHttpClient({ allow: ['127.0.0.1:99999'] })).toThrow(HttpError)
    expect(() => createHttpClient({ allow: ['http://x'] })).toThrow(HttpError)
    expect(() => createHttpClient({ allow: ['[fd00::1]:8080', '10.0.0.0/8'] })).not.toThrow()
  })
})

const fetchStatus = defineNode({
  type: 'test.fetch-status',
  version: 1,
  category: 'data',
  title: { nl: 'Status ophalen', en: 'Fetch status' },
  input: z.object({ url: z.string() }),
  config: z.object({}),
  output: z.object({ status: z.number(), body: z.string() }),
  async execute({ input, http }) {
    const response = await http.fetch(input.url, { method: 'POST', body: 'ping', headers: { 'x-a': '1' } })
    return { status: response.status, body: await response.text() }
  },
})

describe('ctx.http in runNode', () => {
  it('answers from a fake handler and records the request', async () => {
    const result = await runNode(fetchStatus, {
      input: { url: 'https://register.example/status' },
      http: async (request) => new Response(`echo ${await request.text()}`, { status: 201 }),
    })
    expect(result.output).toEqual({ status: 201, body: 'echo ping' })
    expect(result.requests).toEqual([
      { method: 'POST', url: 'https://register.example/status', headers: { 'x-a': '1' }, body: 'ping' },
    ])
  })

  it('uses the guarded client by default: a local address is refused as a node error', async () => {
    await expect(runNode(fetchStatus, { input: { url: `http://127.0.0.1:${port}/` } })).rejects.toMatchObject(
      blockedCode,
    )
    expect(seen).toHaveLength(0)
  })

  it('talks to a real local server through an allowing client, and aborts with the node signal', async () => {
    const http = createHttpClient({ allow: [`127.0.0.1:${port}`] })
    const ok = await runNode(fetchStatus, { input: { url: `http://127.0.0.1:${port}/x` }, http })
    expect(ok.output).toEqual({ status: 200, body: 'ok' })
    handler = () => {
      // never answers: only the node's signal ends the request
    }
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    await expect(
      runNode(fetchStatus, {
        input: { url: `http://127.0.0.1:${port}/hang` },
        http,
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: 'http.aborted' })
  })
})
