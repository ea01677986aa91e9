import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { keepRunning } from './processes.js'

/** A Node.js child that prints `ready`, then exits with `code` after `ms` (or runs until stopped). */
const child = (code: number | undefined, ms = 100) =>
  spawn(
    process.execPath,
    [
      '-e',
      code === undefined
        ? "console.log('ready'); setInterval(() => {}, 1000)"
        : `console.log('ready'); setTimeout(() => process.exit(${code}), ${ms})`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )

describe('keepRunning', () => {
  it('starts a process again after it stopped unexpectedly, and not after stop()', async () => {
    const said: string[] = []
    const pids: (number | undefined)[] = []
    let launches = 0
    const kept = keepRunning({
      name: 'worker-1',
      launch: () => child(++launches === 1 ? 3 : undefined),
      readyText: 'ready',
      onLine: () => undefined,
      say: (line) => said.push(line),
      onStart: (started) => pids.push(started.pid),
      initialDelayMs: 50,
    })
    await kept.ready
    const deadline = Date.now() + 10_000
    while (kept.restarts < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    expect(kept.restarts).toBe(1)
    expect(said[0]).toContain('worker-1 stopped (exit code 3); starting it again in 0.05 s.')
    expect(said[0]).toContain('opnieuw starten')
    while (!kept.child && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    expect(pids).toHaveLength(2)
    expect(pids[1]).not.toBe(pids[0])
    const running = kept.child!
    await kept.stop(5_000)
    expect(running.signalCode).toBe('SIGTERM')
    await new Promise((r) => setTimeout(r, 200))
    expect(kept.restarts).toBe(1)
    expect(kept.child).toBeUndefined()
  })

  it('fails the start of a process that stops before it is ready, and does not start it again', async () => {
    const kept = keepRunning({
      name: 'api-1',
      launch: () => spawn(process.execPath, ['-e', "console.error('EADDRINUSE'); process.exit(1)"]),
      readyText: 'api ready',
      onLine: () => undefined,
      say: () => undefined,
      initialDelayMs: 10,
    })
    await expect(kept.ready).rejects.toThrow(/api-1 stopped before it was ready \(exit code 1\):\nEADDRINUSE/)
    await new Promise((r) => setTimeout(r, 100))
    expect(kept.restarts).toBe(0)
  })
})
