import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A request the server received, as the tests inspect it. */
export interface RecordedRequest {
  method: string
  path: string
  authorization: string | undefined
  headers: Record<string, string | string[] | undefined>
  body: any
  /** The whole raw body, for "was X ever sent" assertions. */
  raw: string
}

/** What the server does with the next request. */
export type Behaviour =
  | { kind: 'content'; content: string; delayMs?: number; model?: string }
  | { kind: 'status'; status: number; headers?: Record<string, string>; message?: string }
  | { kind: 'hang' }
  | { kind: 'raw'; status: number; body: string }

/** A running OpenAI-protocol server on 127.0.0.1. */
export interface OpenAiServer {
  /** Base URL including `/v1`, as an `ai` credential wants it. */
  baseUrl: string
  requests: RecordedRequest[]
  /** Queue behaviours for the next requests; when the queue is empty, `respond` answers. */
  enqueue(...behaviours: Behaviour[]): void
  /** Sets the default answer for a chat request. */
  respond(answer: (body: any) => string): void
  /** The text of all data the server received, joined. */
  receivedText(): string
  close(): Promise<void>
}

/**
 * A minimal answer that fits a strict JSON schema: the first enum value, 0, false, '' or an
 * empty list, and `null` where the schema allows it.
 */
export function answerForSchema(schema: any): unknown {
  const types = Array.isArray(schema?.type) ? schema.type : [schema?.type]
  if (Array.isArray(schema?.enum) && schema.enum.length > 0) return schema.enum[0]
  if (types.includes('object')) {
    return Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([k, v]) => [k, answerForSchema(v)]),
    )
  }
  if (types.includes('null')) return null
  if (types.includes('array')) return []
  if (types.includes('number') || types.includes('integer')) return 0
  if (types.includes('boolean')) return false
  return ''
}

function defaultAnswer(body: any): string {
  const format = body?.response_format
  if (format?.type === 'json_schema') return JSON.stringify(answerForSchema(format.json_schema?.schema))
  if (format?.type === 'json_object') return '{}'
  return 'Samenvatting: de aanvrager zoekt hulp.'
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(text)
}

/**
 * Starts a real HTTP server speaking the OpenAI chat-completions protocol on 127.0.0.1 (a free
 * port). It records every request, and answers from a queue of behaviours (content, an HTTP
 * error, a delay, a hang, a raw body) or a default responder.
 *
 * @example
 * const server = await startOpenAiServer()
 * server.enqueue({ kind: 'status', status: 429 }, { kind: 'content', content: 'Hallo' })
 */
export async function startOpenAiServer(): Promise<OpenAiServer> {
  const requests: RecordedRequest[] = []
  const queue: Behaviour[] = []
  let responder: (body: any) => string = defaultAnswer
  const timers = new Set<NodeJS.Timeout>()

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    let body: any
    try {
      body = raw ? JSON.parse(raw) : undefined
    } catch {
      return send(res, 400, { error: { message: 'invalid JSON', type: 'invalid_request_error' } })
    }
    const path = (req.url ?? '').split('?')[0]!
    requests.push({
      method: req.method ?? '',
      path,
      authorization: req.headers.authorization,
      headers: req.headers,
      body,
      raw,
    })
    if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
      return send(res, 404, { error: { message: 'not found', type: 'invalid_request_error' } })
    }
    const behaviour: Behaviour = queue.shift() ?? { kind: 'content', content: responder(body) }
    switch (behaviour.kind) {
      case 'hang':
        return // never answers; the client's timeout or abort ends it
      case 'raw':
        return send(res, behaviour.status, behaviour.body)
      case 'status':
        return send(
          res,
          behaviour.status,
          { error: { message: behaviour.message ?? `status ${behaviour.status}`, type: 'server_error' } },
          behaviour.headers,
        )
      case 'content': {
        const answer = () => {
          const promptTokens = countWords((body?.messages ?? []).map((m: any) => String(m.content)).join(' '))
          const completionTokens = countWords(behaviour.content)
          send(res, 200, {
            id: `chatcmpl-${requests.length}`,
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model: behaviour.model ?? body?.model ?? 'test-model',
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: behaviour.content, refusal: null },
                finish_reason: 'stop',
                logprobs: null,
              },
            ],
            usage: {
              prompt_tokens: promptTokens,
              completion_tokens: completionTokens,
              total_tokens: promptTokens + completionTokens,
            },
          })
        }
        if (!behaviour.delayMs) return answer()
        const timer = setTimeout(() => {
          timers.delete(timer)
          if (!res.destroyed) answer()
        }, behaviour.delayMs)
        timers.add(timer)
        return
      }
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => send(res, 500, { error: { message: String(error) } }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...behaviours) => queue.push(...behaviours),
    respond: (answer) => {
      responder = answer
    },
    receivedText: () => requests.map((r) => r.raw).join('\n'),
    async close() {
      for (const timer of timers) clearTimeout(timer)
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
