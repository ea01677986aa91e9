import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { NodeError } from './errors.js'
import { defineNode, type NodeSecrets } from './node.js'
import { createTestContext, runNode } from './testing.js'

const waitForCancel = defineNode({
  type: 'test.wait-for-cancel',
  version: 1,
  category: 'logic',
  title: { nl: 'Wachten', en: 'Wait' },
  input: z.object({ steps: z.number().int() }),
  config: z.object({ label: z.string().default('stap') }),
  output: z.object({ done: z.number() }),
  secrets: ['register'],
  async execute(ctx) {
    ctx.log.info('begin', { steps: ctx.input.steps })
    for (let step = 1; step <= ctx.input.steps; step++) {
      ctx.heartbeat({ step })
      await new Promise((resolve) => setTimeout(resolve, 5))
      if (ctx.signal.aborted) throw new NodeError('test.cancelled', `${ctx.config.label} ${step}`)
    }
    return { done: ctx.input.steps }
  },
})

describe('testing helpers', () => {
  it('runNode records logs and heartbeats bound to the run', async () => {
    const result = await runNode(waitForCancel, { input: { steps: 3 }, run: { runId: 'r1', nodeId: 'n1' } })
    expect(result.output).toEqual({ done: 3 })
    expect(result.heartbeats).toEqual([{ step: 1 }, { step: 2 }, { step: 3 }])
    expect(result.logs).toEqual([
      expect.objectContaining({ level: 'info', message: 'begin', fields: { steps: 3 }, attempt: 1 }),
    ])
    expect(result.logs[0]!.run).toMatchObject({ runId: 'r1', nodeId: 'n1' })
  })

  it('createTestContext gives a typed, validated ctx that a test can cancel half-way', async () => {
    const test = createTestContext(waitForCancel, { input: { steps: 1000 } })
    expect(test.ctx.config.label).toBe('stap')
    expect(test.ctx.idempotencyKey).toBe('test-run/node')
    const running = waitForCancel.execute(test.ctx)
    // Half-way: the node has taken a few steps (each one heartbeats) when the test cancels.
    await vi.waitFor(() => expect(test.heartbeats.length).toBeGreaterThanOrEqual(3), { interval: 5 })
    test.cancel()
    await expect(running).rejects.toMatchObject({ code: 'test.cancelled' })
    expect(test.ctx.signal.aborted).toBe(true)
    expect(test.heartbeats.length).toBeGreaterThan(0)
    expect(test.heartbeats.length).toBeLessThan(1000)
  })

  it('refuses invalid input and undeclared secrets as the worker would', async () => {
    expect(() => createTestContext(waitForCancel, { input: { steps: 'veel' } })).toThrow(NodeError)
    const test = createTestContext(waitForCancel, { input: { steps: 1 }, secrets: { register: 's3cret' } })
    expect(await test.ctx.secrets.get('register')).toBe('s3cret')
    // The types refuse an undeclared slot too; a plugin built against an older engine may still ask.
    const untyped: NodeSecrets = test.ctx.secrets
    await expect(untyped.get('other')).rejects.toMatchObject({ code: 'node.undeclared_secret' })
  })
})
