import { createRegistry, defineNode, definePlugin, type FlowCheck } from '@warmflow/engine'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ApiError } from '../problems.js'
import { draftProblems, runnableDraft } from './validate.js'

const start = defineNode({
  type: 'example.start',
  version: 1,
  category: 'trigger',
  title: { nl: 'Start', en: 'Start' },
  input: z.record(z.string(), z.unknown()),
  config: z.object({ secret: z.boolean().default(false), loud: z.boolean().default(false) }),
  output: z.record(z.string(), z.unknown()),
  execute: ({ input }) => input,
})
// A plugin's own flow check: a refusal for `secret`, a warning for `loud`.
const check: FlowCheck = (flow) =>
  flow.nodes.flatMap((node) => {
    const config = node.config as { secret?: boolean; loud?: boolean }
    return [
      ...(config.secret
        ? [
            {
              code: 'example.secret',
              nodeId: node.id,
              severity: 'error' as const,
              message: { nl: 'Geheim', en: 'Secret' },
            },
          ]
        : []),
      ...(config.loud
        ? [
            {
              code: 'example.loud',
              nodeId: node.id,
              severity: 'warning' as const,
              message: { nl: 'Luid', en: 'Loud' },
            },
          ]
        : []),
    ]
  })
const registry = createRegistry([
  definePlugin({ name: 'example', version: '1.0.0', nodes: [start], checks: [check] }),
])
const draft = (config: Record<string, unknown>) => ({
  name: 'Check',
  nodes: [{ id: 'start', type: 'example.start', version: 1, config }],
  edges: [],
})

describe("a plugin's flow checks", () => {
  it('refuse publishing and test runs on an error, listing the problem without its severity', () => {
    let error: unknown
    try {
      runnableDraft(draft({ secret: true }), registry)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 400, code: 'flow.invalid' })
    expect((error as ApiError).errors).toEqual([
      { code: 'example.secret', nodeId: 'start', message: { nl: 'Geheim', en: 'Secret' } },
    ])
  })

  it('show warnings in validation and still allow publishing', () => {
    expect(draftProblems(draft({ loud: true }), registry)).toEqual({
      ok: true,
      problems: [],
      warnings: [{ code: 'example.loud', nodeId: 'start', message: { nl: 'Luid', en: 'Loud' } }],
    })
    expect(runnableDraft(draft({ loud: true }), registry).nodes[0]?.id).toBe('start')
  })
})
