import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { asyncLocalStorage, type Context } from '@temporalio/activity'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createActivities, maxCrashedStarts } from './activities.js'
import { createFileInFlightLedger, defaultInFlightFolder } from './in-flight.js'
import { defineNode, definePlugin } from './node.js'
import { createRegistry } from './registry.js'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

let executions = 0
const countingNode = defineNode({
  type: 'test.counting',
  version: 1,
  category: 'data',
  title: { nl: 'Telt', en: 'Counts' },
  input: z.record(z.string(), z.unknown()),
  config: z.object({}).default({}),
  output: z.object({ n: z.number() }),
  activity: { local: true },
  async execute() {
    executions += 1
    return { n: executions }
  },
})
const registry = createRegistry([definePlugin({ name: 'test', version: '1.0.0', nodes: [countingNode] })])

/** Runs `work` as the local activity `activityId` of one workflow run would (as Temporal's worker does). */
function asLocalActivity<T>(activityId: string, work: () => Promise<T>): Promise<T> {
  const context = {
    info: {
      isLocal: true,
      attempt: 1,
      activityId,
      workflowExecution: { workflowId: 'run-in-flight-test', runId: 'temporal-run-1' },
    },
    cancellationSignal: new AbortController().signal,
    heartbeat: () => {},
  } as unknown as Context
  return asyncLocalStorage.run(context, work)
}

const args = {
  runId: 'in-flight-test',
  flowId: 'flow',
  flowVersion: 1,
  node: { id: 'n', type: 'test.counting', version: 1, config: {}, position: { x: 0, y: 0 } },
  input: {},
}

describe('the in-flight ledger of local activities', () => {
  it('refuses a start again when the refusal itself was lost, instead of counting afresh', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'warmflow-in-flight-test-'))
    folders.push(folder)
    const ledger = createFileInFlightLedger(folder)
    const activities = createActivities({ registry, inFlight: ledger, log: () => {} })
    // Earlier starts of this activity died with their process: their notes were never removed.
    for (let i = 0; i < maxCrashedStarts; i++) ledger.start('run-in-flight-test/temporal-run-1/7')
    executions = 0

    const first = await asLocalActivity('7', () => activities.runNode(args)).catch((e: unknown) => e)
    expect((first as { type?: string }).type).toBe('node.crashed_worker')
    // The workflow task that carried the refusal timed out, so Temporal starts the same local
    // activity again: it must be refused again, not run as if it were the first start.
    const second = await asLocalActivity('7', () => activities.runNode(args)).catch((e: unknown) => e)
    expect((second as { type?: string }).type).toBe('node.crashed_worker')
    expect(executions).toBe(0)

    // The same for a chain: refused twice, its nodes then run one by one.
    for (let i = 0; i < maxCrashedStarts; i++) ledger.start('run-in-flight-test/temporal-run-1/8')
    const { node, ...rest } = args
    const chain = { ...rest, nodes: [node] }
    for (let i = 0; i < 2; i++) {
      const stopped = await asLocalActivity('8', () => activities.runNodes(chain))
      expect(stopped).toEqual({ completed: [], stoppedAt: 'n' })
    }
    expect(executions).toBe(0)
  })

  it('removes the note of a start that ended, so a later start counts from zero', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'warmflow-in-flight-test-'))
    folders.push(folder)
    const ledger = createFileInFlightLedger(folder)
    const activities = createActivities({ registry, inFlight: ledger, log: () => {} })
    executions = 0
    await asLocalActivity('3', () => activities.runNode(args))
    await asLocalActivity('3', () => activities.runNode(args))
    expect(executions).toBe(2)
    expect(ledger.start('run-in-flight-test/temporal-run-1/3')).toBe(0)
  })

  it('counts the starts that never ended, also one whose process died while writing its note', () => {
    const folder = mkdtempSync(join(tmpdir(), 'warmflow-in-flight-test-'))
    folders.push(folder)
    const ledger = createFileInFlightLedger(folder)
    expect(ledger.start('a')).toBe(0)
    expect(ledger.start('a')).toBe(1)
    expect(ledger.start('a')).toBe(2)
    ledger.end('a')
    ledger.end('a')
    expect(ledger.start('a')).toBe(0)
    // A note left empty: the process died between making it and writing the count.
    ledger.end('a')
    expect(ledger.start('b')).toBe(0)
    const [note] = readdirSync(folder)
    writeFileSync(join(folder, note!), '')
    expect(ledger.start('b')).toBe(1)
    expect(ledger.start('b')).toBe(2)
  })

  it('refuses a folder that is a link or that others can open, and keeps notes in shared memory by default', () => {
    const base = mkdtempSync(join(tmpdir(), 'warmflow-in-flight-test-'))
    folders.push(base)
    const elsewhere = join(base, 'elsewhere')
    mkdirSync(elsewhere, { mode: 0o700 })
    // Someone else put a link where the notes would go: never follow it.
    symlinkSync(elsewhere, join(base, 'link'))
    expect(() => createFileInFlightLedger(join(base, 'link'))).toThrow(/not a link/)
    const open = join(base, 'open')
    mkdirSync(open)
    chmodSync(open, 0o755)
    expect(() => createFileInFlightLedger(open)).toThrow(/no one else can open/)
    chmodSync(open, 0o700)
    expect(createFileInFlightLedger(open).start('k')).toBe(0)
    // On Linux, /dev/shm: it outlives the process (and a container's restart in its pod).
    if (existsSync('/dev/shm')) expect(defaultInFlightFolder()).toMatch(/^\/dev\/shm\/warmflow-in-flight-/)
  })
})
