import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { controlPlugin } from './control/nodes.js'
import { checkFormValues } from './control/runtime.js'
import { defineNode, definePlugin } from './node.js'
import { createRegistry } from './registry.js'
import {
  estimateHistoryEvents,
  expressionNodeReferences,
  maxHistoryEvents,
  validateFlow,
} from './validate.js'

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

describe('validateFlow: ports and expressions', () => {
  const withControl = createRegistry([
    definePlugin({ name: 'test', version: '1.0.0', nodes: [trigger, step] }),
    controlPlugin,
  ])
  const condition = (expression: string) => ({
    id: 'check',
    type: 'condition',
    version: 1,
    config: { expression },
  })

  it('accepts edges from declared ports and the implicit error port', () => {
    const result = validateFlow(
      {
        name: 'Keuze',
        nodes: [
          node('start', 'test.trigger'),
          condition('age >= 18'),
          node('adult'),
          node('minor'),
          node('oops'),
        ],
        edges: [
          edge('start', 'check'),
          { id: 'yes', source: 'check', sourcePort: 'true', target: 'adult' },
          { id: 'no', source: 'check', sourcePort: 'false', target: 'minor' },
          { id: 'err', source: 'adult', sourcePort: 'error', target: 'oops' },
        ],
      },
      withControl,
    )
    expect(result.problems).toEqual([])
  })

  it('refuses an edge from a port the node does not have, naming the ports in both languages', () => {
    const result = validateFlow(
      {
        name: 'Keuze',
        nodes: [node('start', 'test.trigger'), condition('age >= 18'), node('adult')],
        edges: [
          edge('start', 'check'),
          { id: 'maybe', source: 'check', sourcePort: 'maybe', target: 'adult' },
        ],
      },
      withControl,
    )
    expect(result.problems).toEqual([expect.objectContaining({ code: 'edge.unknown_port', edgeId: 'maybe' })])
    expect(result.problems[0]?.message.nl).toContain('Ja, Nee')
    expect(result.problems[0]?.message.en).toContain('true, false, error')
  })

  it('points out a node that joins exclusive branches without a merge', () => {
    const flow = (joinType: string) => ({
      name: 'Samenkomen',
      nodes: [
        node('start', 'test.trigger'),
        condition('age >= 18'),
        node('adult'),
        node('minor'),
        { id: 'after', type: joinType, version: 1 },
        node('end'),
      ],
      edges: [
        edge('start', 'check'),
        { id: 'yes', source: 'check', sourcePort: 'true', target: 'adult' },
        { id: 'no', source: 'check', sourcePort: 'false', target: 'minor' },
        edge('adult', 'after'),
        edge('minor', 'after'),
        edge('after', 'end'),
      ],
    })
    const result = validateFlow(flow('test.step'), withControl)
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'node.exclusive_inputs', nodeId: 'after' }),
    ])
    expect(result.problems[0]?.message.nl).toContain('"Ja" en "Nee"')
    expect(validateFlow(flow('merge'), withControl).problems).toEqual([])
    // Parallel branches that both run are fine.
    const parallel = validateFlow(
      {
        name: 'Parallel',
        nodes: [node('start', 'test.trigger'), node('a'), node('b'), node('join')],
        edges: [edge('start', 'a'), edge('start', 'b'), edge('a', 'join'), edge('b', 'join')],
      },
      withControl,
    )
    expect(parallel.problems).toEqual([])
  })

  it('gives a switch one port per case plus default', () => {
    const switchNode = {
      id: 'route',
      type: 'switch',
      version: 1,
      config: { cases: [{ id: 'urgent', when: 'priority = "hoog"' }] },
    }
    const ok = validateFlow(
      {
        name: 'Switch',
        nodes: [node('start', 'test.trigger'), switchNode, node('a'), node('b')],
        edges: [
          edge('start', 'route'),
          { id: 'u', source: 'route', sourcePort: 'urgent', target: 'a' },
          { id: 'd', source: 'route', sourcePort: 'default', target: 'b' },
        ],
      },
      withControl,
    )
    expect(ok.problems).toEqual([])
  })

  it('reports expressions that do not parse, in config and in input mappings', () => {
    const result = validateFlow(
      {
        name: 'Kapot',
        nodes: [node('start', 'test.trigger'), condition('age >='), { ...node('a'), input: { x: 'naam &' } }],
        edges: [edge('start', 'check'), { id: 'yes', source: 'check', sourcePort: 'true', target: 'a' }],
      },
      withControl,
    )
    expect(result.problems.map((p) => [p.code, p.nodeId, p.path?.join('.')])).toEqual([
      ['expression.syntax', 'a', 'input.x'],
      ['expression.syntax', 'check', 'config.expression'],
    ])
  })

  it('allows $nodes references to upstream nodes only', () => {
    const result = validateFlow(
      {
        name: 'Verwijzingen',
        nodes: [
          node('start', 'test.trigger'),
          { ...node('a'), input: { fromStart: '$nodes.start.name', fromB: '$nodes.b.x' } },
          { ...node('b'), input: { fromA: '$nodes.a.y & $nodes.nope.z' } },
        ],
        edges: [edge('start', 'a'), edge('a', 'b')],
      },
      withControl,
    )
    expect(result.problems.map((p) => [p.code, p.nodeId])).toEqual([
      ['expression.not_upstream', 'a'],
      ['expression.not_upstream', 'b'],
    ])
    expect(result.problems[0]?.message.nl).toContain('komt niet vóór dit blok')
    expect(result.problems[1]?.message.en).toContain('there is no node "nope"')
  })

  it('checks human-task config: reminder needs a deadline, form fields are typed', () => {
    const task = (config: Record<string, unknown>) => ({
      id: 'review',
      type: 'human.task',
      version: 1,
      config: { title: { nl: 'Beoordelen', en: 'Review' }, role: 'coordinator', ...config },
    })
    const flow = (config: Record<string, unknown>) => ({
      name: 'Taak',
      nodes: [node('start', 'test.trigger'), task(config)],
      edges: [edge('start', 'review')],
    })
    expect(validateFlow(flow({ deadline: { days: 2 }, reminderBefore: { hours: 4 } }), withControl).ok).toBe(
      true,
    )
    expect(codes(validateFlow(flow({ reminderBefore: { hours: 4 } }), withControl))).toEqual([
      'node.invalid_config',
    ])
    expect(
      codes(
        validateFlow(
          flow({ form: { fields: { hours: { type: 'money', title: { nl: 'x', en: 'x' } } } } }),
          withControl,
        ),
      ),
    ).toEqual(['node.invalid_config'])
    expect(codes(validateFlow(flow({ data: { naam: '$nodes.later.naam' } }), withControl))).toEqual([
      'expression.not_upstream',
    ])
  })

  it('accepts per-node minutes by hand only for the flow’s human tasks', () => {
    const flow = (minutesByHandPerNode: Record<string, number>) => ({
      name: 'Taak',
      impact: { minutesByHand: 30, minutesByHandPerNode },
      nodes: [
        node('start', 'test.trigger'),
        {
          id: 'review',
          type: 'human.task',
          version: 1,
          config: { title: { nl: 'Beoordelen', en: 'Review' }, role: 'coordinator' },
        },
      ],
      edges: [edge('start', 'review')],
    })
    expect(validateFlow(flow({ review: 12.5 }), withControl).ok).toBe(true)
    const wrong = validateFlow(flow({ review: 10, start: 5, gone: 3 }), withControl)
    expect(wrong.problems.map((p) => [p.code, p.nodeId])).toEqual([
      ['impact.not_a_human_task', 'start'],
      ['impact.not_a_human_task', 'gone'],
    ])
    expect(wrong.problems[0]?.message.nl).toContain('geen taak voor een mens')
    expect(codes(validateFlow(flow({ review: -1 }), withControl))).toEqual(['flow.schema'])
  })
})

describe('history bound', () => {
  it('refuses flows whose runs could write more history than the cap', () => {
    const withControl = createRegistry([
      definePlugin({ name: 'test', version: '1.0.0', nodes: [trigger, step] }),
      controlPlugin,
    ])
    const tasks = (count: number) => ({
      name: 'Veel taken',
      nodes: [
        node('start', 'test.trigger'),
        ...Array.from({ length: count }, (_, i) => ({
          id: `t${i}`,
          type: 'human.task',
          version: 1,
          config: { title: { nl: 'Taak', en: 'Task' }, role: 'coordinator' },
        })),
      ],
      edges: Array.from({ length: count }, (_, i) =>
        i === 0 ? edge('start', 't0') : { ...edge(`t${i - 1}`, `t${i}`), sourcePort: 'approved' },
      ),
    })
    expect(estimateHistoryEvents({ nodes: tasks(10).nodes as never })).toBe(10 + 6 + 10 * 41)
    expect(validateFlow(tasks(200), withControl).problems).toEqual([])
    expect(codes(validateFlow(tasks(300), withControl))).toEqual(['flow.too_large'])
    expect(maxHistoryEvents).toBe(10_000)
  })
})

describe('expressionNodeReferences', () => {
  it('finds $nodes.<id> in paths, filters and function arguments', () => {
    expect(
      expressionNodeReferences('$nodes.a.b & $count($nodes.c[x > 1]) & $lookup($nodes, "d")').sort(),
    ).toEqual(['a', 'c'])
  })
})

describe('checkFormValues', () => {
  const form = {
    fields: {
      hours: { type: 'integer' as const, title: { nl: 'Uren', en: 'Hours' }, required: true, minimum: 1 },
      kind: {
        type: 'enum' as const,
        title: { nl: 'Soort', en: 'Kind' },
        required: false,
        options: ['a', 'b'],
      },
    },
  }
  it('accepts good values and names every problem', () => {
    expect(checkFormValues(form, { hours: 3, kind: 'a' })).toEqual([])
    expect(checkFormValues(form, { hours: 1.5, kind: 'c', other: 1 })).toEqual([
      'other is not a field of this form',
      'hours must be a whole number',
      'kind must be one of a, b',
    ])
    expect(checkFormValues(form, {})).toEqual(['hours is required'])
    expect(checkFormValues(form, {}, { requireRequired: false })).toEqual([])
  })
})
