import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineNode, definePlugin } from './node.js'
import { createRegistry } from './registry.js'
import { validateFlow } from './validate.js'

const trigger = defineNode({
  type: 'test.trigger',
  version: 1,
  category: 'trigger',
  title: { nl: 'Start', en: 'Start' },
  input: z.object({}).passthrough(),
  config: z.object({}),
  output: z.object({}).passthrough(),
  execute: ({ input }) => input,
})
const step = defineNode({
  type: 'test.step',
  version: 1,
  category: 'logic',
  title: { nl: 'Stap', en: 'Step' },
  input: z.object({}).passthrough(),
  config: z.object({ words: z.number().int().positive().default(10) }),
  output: z.object({}).passthrough(),
  execute: ({ input }) => input,
})
const registry = createRegistry([definePlugin({ name: 'test', version: '1.0.0', nodes: [trigger, step] })])

const node = (id: string, type = 'test.step', config: Record<string, unknown> = {}) => ({
  id,
  type,
  version: 1,
  config,
})
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target })
const codes = (result: ReturnType<typeof validateFlow>) => result.problems.map((p) => p.code).sort()

describe('validateFlow', () => {
  it('accepts a linear flow and applies defaults', () => {
    const result = validateFlow(
      { name: 'Intake', nodes: [node('start', 'test.trigger'), node('a')], edges: [edge('start', 'a')] },
      registry,
    )
    expect(result.ok).toBe(true)
    expect(result.flow?.retentionDays).toBe(90)
    expect(result.flow?.edges[0]).toMatchObject({ sourcePort: 'out', targetPort: 'in' })
  })

  it('reports a schema problem with the path', () => {
    const result = validateFlow({ nodes: [] }, registry)
    expect(result.ok).toBe(false)
    expect(result.problems.every((p) => p.code === 'flow.schema')).toBe(true)
    expect(result.problems.some((p) => p.path?.[0] === 'name')).toBe(true)
  })

  it('returns every problem at once', () => {
    const result = validateFlow(
      {
        name: 'Kapot',
        nodes: [node('a'), node('b', 'test.step', { words: -1 }), node('c', 'onbekend.type'), node('a')],
        edges: [edge('a', 'b'), edge('b', 'a'), edge('b', 'x'), { id: 'a-b', source: 'b', target: 'b' }],
      },
      registry,
    )
    expect(codes(result)).toEqual([
      'edge.dangling',
      'edge.duplicate_id',
      'edge.self_loop',
      'flow.cycle',
      'node.duplicate_id',
      'node.invalid_config',
      'node.unknown_type',
    ])
    for (const problem of result.problems) {
      expect(problem.message.nl).not.toEqual(problem.message.en)
    }
  })

  it('requires exactly one trigger without incoming edges', () => {
    expect(codes(validateFlow({ name: 'x', nodes: [node('a')] }, registry))).toEqual(['flow.no_trigger'])
    expect(
      codes(
        validateFlow(
          {
            name: 'x',
            nodes: [node('s1', 'test.trigger'), node('s2', 'test.trigger')],
            edges: [edge('s1', 's2')],
          },
          registry,
        ),
      ),
    ).toEqual(['flow.multiple_triggers', 'trigger.has_input'])
  })

  it('finds nodes the trigger never reaches', () => {
    const result = validateFlow(
      {
        name: 'x',
        nodes: [node('start', 'test.trigger'), node('a'), node('b')],
        edges: [edge('start', 'a')],
      },
      registry,
    )
    expect(result.problems).toEqual([expect.objectContaining({ code: 'node.unreachable', nodeId: 'b' })])
  })

  it('names the cycle in plain words', () => {
    const result = validateFlow(
      {
        name: 'x',
        nodes: [node('start', 'test.trigger'), node('a'), node('b')],
        edges: [edge('start', 'a'), edge('a', 'b'), edge('b', 'a')],
      },
      registry,
    )
    const cycle = result.problems.find((p) => p.code === 'flow.cycle')
    expect(cycle?.message.nl).toContain('a → b')
  })
})

describe('registry', () => {
  it('keeps several versions of a type side by side', () => {
    const v2 = defineNode({ ...step, version: 2 })
    const both = createRegistry([
      definePlugin({ name: 'one', version: '1.0.0', nodes: [step] }),
      definePlugin({ name: 'two', version: '1.0.0', nodes: [v2] }),
    ])
    expect(both.get('test.step', 1)?.version).toBe(1)
    expect(both.get('test.step', 2)?.version).toBe(2)
    expect(both.list().map((n) => n.key)).toEqual(['test.step@1', 'test.step@2'])
  })

  it('refuses the same type@version from two plugins, naming both', () => {
    expect(() =>
      createRegistry([
        definePlugin({ name: 'one', version: '1.0.0', nodes: [step] }),
        definePlugin({ name: 'two', version: '1.0.0', nodes: [step] }),
      ]),
    ).toThrow(/test\.step@1.*one.*two/)
  })
})

describe('defineNode', () => {
  it('refuses bad types and versions', () => {
    expect(() => defineNode({ ...step, type: 'Not Valid' })).toThrow(/lower-case/)
    expect(() => defineNode({ ...step, version: 0 })).toThrow(/version/)
  })
})
