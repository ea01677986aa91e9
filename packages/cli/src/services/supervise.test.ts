import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { processIsAlive } from './lock.js'
import { type Supervisor, superviseChild } from './supervise.js'

const dir = mkdtempSync(join(tmpdir(), 'warmflow-supervise-'))
// A real child process: says it is ready over IPC, then lives, crashes soon, or never gets ready.
const script = join(dir, 'child.mjs')
writeFileSync(
  script,
  `const mode = process.env.CHILD_MODE
if (mode === 'broken') process.exit(4)
process.send({ type: 'ready' })
process.on('disconnect', () => process.exit(0))
if (mode === 'crash') setTimeout(() => process.exit(3), 20)
else setInterval(() => undefined, 1000)
`,
)
const supervisors: Supervisor[] = []
afterAll(async () => {
  await Promise.all(supervisors.map((s) => s.stop(2_000)))
  rmSync(dir, { recursive: true, force: true })
})

function supervise(mode: string, lines: string[], policy: { maxRestarts?: number } = {}) {
  const supervisor = superviseChild({
    name: 'test child',
    command: process.execPath,
    args: [script],
    env: { ...process.env, CHILD_MODE: mode },
    initialDelayMs: 50,
    maxDelayMs: 200,
    log: (line) => lines.push(line),
    ...policy,
  })
  supervisors.push(supervisor)
  return supervisor
}

async function until<T>(check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('superviseChild', () => {
  it('restarts a child that is killed (kill -9), with one log line, and stops it for good on stop()', async () => {
    const lines: string[] = []
    const supervisor = supervise('live', lines)
    await supervisor.ready
    const first = supervisor.child?.pid
    expect(first).toBeTypeOf('number')
    process.kill(first as number, 'SIGKILL')
    const second = await until(() => {
      const pid = supervisor.child?.pid
      return pid !== undefined && pid !== first && supervisor.child?.connected ? pid : undefined
    })
    expect(processIsAlive(second)).toBe(true)
    expect(processIsAlive(first as number)).toBe(false)
    expect(supervisor.restarts).toBe(1)
    expect(lines).toEqual([
      expect.stringMatching(
        /^test child stopped unexpectedly \(signal SIGKILL\); restarting in 0\.05 s \(1\/5\)/,
      ),
    ])
    await supervisor.stop(2_000)
    expect(await supervisor.done).toEqual({ reason: 'stopped' })
    await until(() => (processIsAlive(second) ? undefined : true))
  })

  it('gives up after the bounded number of quick crashes in a row', async () => {
    const lines: string[] = []
    const supervisor = supervise('crash', lines, { maxRestarts: 3 })
    expect(await supervisor.done).toEqual({ reason: 'gave_up', code: 3, signal: null })
    expect(supervisor.restarts).toBe(3)
    expect(lines).toHaveLength(4)
    expect(lines.at(-1)).toMatch(/4 times in a row; giving up\. \/ .* 4 keer achter elkaar/)
  })

  it('does not restart a child that never got ready (it would fail the same way)', async () => {
    const lines: string[] = []
    const supervisor = supervise('broken', lines)
    expect(await supervisor.done).toEqual({ reason: 'failed_to_start', code: 4, signal: null })
    expect(supervisor.restarts).toBe(0)
    expect(lines).toEqual([expect.stringMatching(/stopped before it was ready \(exit code 4\)/)])
  })
})
