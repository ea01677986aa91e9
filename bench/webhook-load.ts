// The webhook benchmark's load generator, in a process of its own so it does not share an
// event loop with the API it measures. Keeps `connections` signed deliveries in flight for
// `seconds` (closed loop: each connection sends its next delivery when the answer arrives) and
// sends back every latency, the errors and the API's Server-Timing phases per delivery.
import { Agent, request } from 'node:http'
import { signWebhook } from '@warmflow/api'

interface LoadOrder {
  url: string
  secret: string
  connections: number
  seconds: number
  body: string
}

export interface LoadReport {
  latencies: number[]
  errors: number
  elapsedSeconds: number
  /** Per Server-Timing phase name: each delivery's duration in ms. */
  phases: Record<string, number[]>
  firstError?: string
}

function parseServerTiming(header: string | null, into: Record<string, number[]>): void {
  if (!header) return
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().split(';')
    const duration = params.map((p) => /^dur=([\d.]+)$/.exec(p.trim())).find(Boolean)
    if (!name || !duration) continue
    into[name] = [...(into[name] ?? []), Number(duration[1])]
  }
}

function post(
  url: string,
  agent: Agent,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; serverTiming: string | null }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const timing = res.headers['server-timing']
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          serverTiming: Array.isArray(timing) ? timing.join(',') : (timing ?? null),
        })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

async function run(order: LoadOrder): Promise<LoadReport> {
  const agent = new Agent({ keepAlive: true, maxSockets: order.connections })
  const report: LoadReport = { latencies: [], errors: 0, elapsedSeconds: 0, phases: {} }
  let sequence = 0
  const deliver = async () => {
    const id = `msg_${process.pid}_${Date.now()}_${sequence++}`
    const timestamp = Math.floor(Date.now() / 1000)
    const started = performance.now()
    const response = await post(order.url, agent, order.body, {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(order.secret, id, timestamp, order.body),
    })
    const ms = performance.now() - started
    const answer = JSON.parse(response.body) as { status?: string; output?: { bericht?: string } }
    if (response.status === 200 && answer.status === 'completed' && answer.output?.bericht) {
      report.latencies.push(ms)
      parseServerTiming(response.serverTiming, report.phases)
    } else {
      report.errors += 1
      report.firstError ??= `${response.status} ${response.body.slice(0, 300)}`
    }
  }
  const until = Date.now() + order.seconds * 1000
  const startedAt = performance.now()
  await Promise.all(
    Array.from({ length: order.connections }, async () => {
      while (Date.now() < until) {
        try {
          await deliver()
        } catch (error) {
          report.errors += 1
          report.firstError ??= error instanceof Error ? error.message : String(error)
        }
      }
    }),
  )
  report.elapsedSeconds = (performance.now() - startedAt) / 1000
  agent.destroy()
  return report
}

process.on('message', async (order: LoadOrder) => {
  process.send?.(await run(order))
})
process.send?.({ ready: true })
