// `pnpm bench:engine`: the interpreter against a hand-written Temporal workflow on one dev
// server, for flows of N = 1, 4, 16 no-op nodes; plus local against regular activities.
// Prints wall time p50/p95 per run (client side: start to result) and worker CPU per run
// (process.cpuUsage of the worker process), with ratios against the hand-written baseline.
// Everything runs on 127.0.0.1 and the number of runs is fixed, so it ends in a few minutes.
import type { ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { Client, Connection } from '@temporalio/client'
import { freePort, startTemporalDevServer } from '@warmflow/cli/services'
import {
  buildRunInput,
  createEncryptionCodec,
  createRegistry,
  flowDefinitionSchema,
  generatePayloadKey,
  interpreterWorkflowType,
  parsePayloadKeys,
  type RunFlowInput,
  type RunFlowResult,
  snapshotFlow,
} from '@warmflow/engine'
import { benchPlugin } from './activities.js'
import { percentile } from './stats.js'
import { startWorkerChild } from './worker-child-process.js'

const sizes = [1, 4, 16] as const
/**
 * Measured runs per variant and size (after warm-up); bounded so the whole run stays short.
 * `BENCH_QUICK=1` does a few runs only, to check that the benchmark itself works.
 */
const runsPerSize: Record<number, number> = process.env.BENCH_QUICK
  ? { 1: 2, 4: 2, 16: 1 }
  : { 1: 30, 4: 20, 16: 12 }
const warmup = 3

type Variant = 'interpreter' | 'baseline' | 'interpreter-local' | 'baseline-local'
const variants: Variant[] = ['baseline', 'interpreter', 'baseline-local', 'interpreter-local']
const labels: Record<Variant, string> = {
  baseline: 'hand-written, activities',
  interpreter: 'interpreter, activities',
  'baseline-local': 'hand-written, local activities',
  'interpreter-local': 'interpreter, local activities',
}

class WorkerChild {
  private nextId = 0
  private waiting = new Map<number, (cpu: NodeJS.CpuUsage) => void>()
  constructor(readonly child: ChildProcess) {
    child.on('message', (message: { id?: number; cpu?: NodeJS.CpuUsage }) => {
      if (message.id !== undefined && message.cpu) {
        this.waiting.get(message.id)?.(message.cpu)
        this.waiting.delete(message.id)
      }
    })
  }
  /** CPU time of the worker process so far, in microseconds. */
  cpu(): Promise<number> {
    const id = this.nextId++
    return new Promise((resolve) => {
      this.waiting.set(id, (cpu) => resolve(cpu.user + cpu.system))
      this.child.send({ type: 'cpu', id })
    })
  }
  async stop() {
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.child.send({ type: 'stop' })
    await exited
  }
}

async function main() {
  const started = Date.now()
  const say = (line: string) => process.stdout.write(`${line}\n`)
  say('Starting a Temporal dev server and the worker process…')
  const temporal = await startTemporalDevServer({ port: await freePort() })
  const keys = generatePayloadKey('bench')
  const interpreterQueue = `bench-interpreter-${randomUUID()}`
  const baselineQueue = `bench-baseline-${randomUUID()}`
  const child = await startWorkerChild({ address: temporal.address, keys, interpreterQueue, baselineQueue })
  const worker = new WorkerChild(child)
  const connection = await Connection.connect({ address: temporal.address })
  const client = new Client({
    connection,
    dataConverter: { payloadCodecs: [createEncryptionCodec({ keys: parsePayloadKeys(keys) })] },
  })
  const registry = createRegistry([benchPlugin])

  const flowInput = (n: number, local: boolean): RunFlowInput => {
    const nodes = Array.from({ length: n }, (_, i) => ({
      id: `n${i}`,
      type: local ? 'bench.pure-noop' : 'bench.noop',
      version: 1,
      config: {},
      position: { x: i * 200, y: 0 },
    }))
    const edges = nodes.slice(1).map((node, i) => ({ id: `e${i}`, source: `n${i}`, target: node.id }))
    const definition = flowDefinitionSchema.parse({ name: `bench ${n}`, nodes, edges })
    return buildRunInput({
      runId: randomUUID(),
      snapshot: snapshotFlow(randomUUID(), 1, definition),
      input: { hello: 'world' },
      registry,
    })
  }

  const runOnce = async (variant: Variant, n: number) => {
    const workflowId = `bench-${variant}-${n}-${randomUUID()}`
    const cpuBefore = await worker.cpu()
    const t0 = performance.now()
    let output: unknown
    if (variant === 'interpreter' || variant === 'interpreter-local') {
      const result: RunFlowResult = await client.workflow.execute(interpreterWorkflowType, {
        workflowId,
        taskQueue: interpreterQueue,
        args: [flowInput(n, variant === 'interpreter-local')],
      })
      output = result.output
    } else {
      output = await client.workflow.execute(
        variant === 'baseline' ? 'baselineActivities' : 'baselineLocalActivities',
        {
          workflowId,
          taskQueue: baselineQueue,
          args: [n, { hello: 'world' }],
        },
      )
    }
    const wall = performance.now() - t0
    // A benchmark of wrong answers is worth nothing: every run must hand its input through.
    if (JSON.stringify(output) !== '{"hello":"world"}') {
      throw new Error(`${variant} N=${n} returned ${JSON.stringify(output)}`)
    }
    const cpu = (await worker.cpu()) - cpuBefore
    return { wall, cpu: cpu / 1000 }
  }

  const results: { n: number; variant: Variant; p50: number; p95: number; cpu: number; cpuP95: number }[] = []
  for (const n of sizes) {
    const samples = new Map<Variant, { wall: number[]; cpu: number[] }>(
      variants.map((v) => [v, { wall: [], cpu: [] }]),
    )
    for (let i = 0; i < warmup; i++) for (const variant of variants) await runOnce(variant, n)
    // Round robin, so drift in the machine's load hits every variant alike.
    for (let i = 0; i < runsPerSize[n]!; i++) {
      for (const variant of variants) {
        const { wall, cpu } = await runOnce(variant, n)
        samples.get(variant)!.wall.push(wall)
        samples.get(variant)!.cpu.push(cpu)
      }
    }
    for (const variant of variants) {
      const s = samples.get(variant)!
      results.push({
        n,
        variant,
        p50: percentile(s.wall, 50),
        p95: percentile(s.wall, 95),
        cpu: percentile(s.cpu, 50),
        cpuP95: percentile(s.cpu, 95),
      })
    }
    say(`N = ${n}: ${runsPerSize[n]} runs per variant done`)
  }

  const fmt = (value: number, digits = 1) => value.toFixed(digits).padStart(7)
  say('')
  say('wall = client start → result; cpu = worker process user+system per run (ms); ratios against')
  say('"hand-written, activities" at the same N (p50 wall, p50 cpu). Payload codec on everywhere.')
  say('')
  say(
    `| N  | variant                        | runs | wall p50 | wall p95 | cpu p50 | cpu p95 | wall ratio | cpu ratio |`,
  )
  say(
    `|----|--------------------------------|------|----------|----------|---------|---------|------------|-----------|`,
  )
  for (const row of results) {
    const base = results.find((r) => r.n === row.n && r.variant === 'baseline')!
    say(
      `| ${String(row.n).padEnd(2)} | ${labels[row.variant].padEnd(30)} | ${String(runsPerSize[row.n]).padStart(4)} | ${fmt(row.p50)}  | ${fmt(row.p95)}  | ${fmt(row.cpu)} | ${fmt(row.cpuP95)} | ${fmt(row.p50 / base.p50, 2)}×   | ${fmt(row.cpu / base.cpu, 2)}×  |`,
    )
  }
  say('')
  for (const n of sizes) {
    const row = (v: Variant) => results.find((r) => r.n === n && r.variant === v)!
    const [il, bl] = [row('interpreter-local'), row('baseline-local')]
    say(
      `N = ${n}: interpreter with local activities vs hand-written with local activities: wall ${(il.p50 / bl.p50).toFixed(2)}×, cpu ${(il.cpu / bl.cpu).toFixed(2)}×`,
    )
  }
  say('')
  say('Targets: interpreter ≤ 1.2× wall and ≤ 1.5× CPU of the hand-written workflow.')
  say(`Total time ${((Date.now() - started) / 1000).toFixed(0)} s.`)

  await worker.stop()
  await connection.close()
  await temporal.stop()
}

await main()
