import { switchNode } from '@warmflow/engine/core'
import { describe, expect, it } from 'vitest'
import type { CatalogueNode } from '../api/types'
import {
  checkConnection,
  duplicate,
  fromDefinition,
  type Graph,
  portsOf,
  removeFromGraph,
  toDefinition,
} from './graph'
import { record, recordFrom, redo, replace, startHistory, undo } from './history'

/** A catalogue entry as `GET /api/v1/nodes` sends it, with the fields these tests look at. */
function entry(
  fields: Pick<CatalogueNode, 'type' | 'category' | 'title'> & Partial<CatalogueNode>,
): CatalogueNode {
  return {
    key: `${fields.type}@1`,
    version: 1,
    description: fields.title,
    secrets: [],
    personalData: {},
    configSchema: {},
    inputSchema: {},
    outputSchema: {},
    ...fields,
  }
}

const catalogue = new Map<string, CatalogueNode>([
  ['manual@1', entry({ type: 'manual', category: 'trigger', title: { nl: 'Start', en: 'Start' } })],
  ['transform@1', entry({ type: 'transform', category: 'data', title: { nl: 'Omzetten', en: 'Transform' } })],
  [
    'condition@1',
    entry({
      type: 'condition',
      category: 'logic',
      title: { nl: 'Als', en: 'If' },
      outputs: [
        { id: 'true', title: { nl: 'Ja', en: 'Yes' } },
        { id: 'false', title: { nl: 'Nee', en: 'No' } },
      ],
    }),
  ],
])

const graph: Graph = fromDefinition({
  name: 'test',
  nodes: [
    { id: 'start', type: 'manual', version: 1 },
    { id: 'a', type: 'transform', version: 1 },
    { id: 'b', type: 'transform', version: 1 },
    { id: 'check', type: 'condition', version: 1 },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'a' },
    { id: 'e2', source: 'a', target: 'b' },
  ],
})

describe('checkConnection', () => {
  it('accepts a connection that keeps the flow moving forward', () => {
    expect(checkConnection(graph, { source: 'b', target: 'check' }, catalogue)).toBeUndefined()
    expect(
      checkConnection(graph, { source: 'check', sourceHandle: 'true', target: 'b' }, catalogue),
    ).toBeUndefined()
  })
  it('refuses a cycle and names the loop', () => {
    expect(checkConnection(graph, { source: 'b', target: 'a' }, catalogue)).toEqual({
      reason: 'cycle',
      path: ['a', 'b', 'a'],
    })
  })
  it('refuses self-loops, edges into a trigger, duplicates and unknown ports', () => {
    expect(checkConnection(graph, { source: 'a', target: 'a' }, catalogue)?.reason).toBe('self')
    expect(checkConnection(graph, { source: 'a', target: 'start' }, catalogue)?.reason).toBe('triggerInput')
    expect(checkConnection(graph, { source: 'start', target: 'a' }, catalogue)?.reason).toBe('duplicate')
    expect(
      checkConnection(graph, { source: 'check', sourceHandle: 'out', target: 'b' }, catalogue)?.reason,
    ).toBe('port')
    expect(checkConnection(graph, { source: 'a', target: 'b', targetHandle: 'out' }, catalogue)?.reason).toBe(
      'port',
    )
  })
  it('allows the error port of any node', () => {
    expect(
      checkConnection(graph, { source: 'a', sourceHandle: 'error', target: 'check' }, catalogue),
    ).toBeUndefined()
  })
})

describe('switch ports', () => {
  // The catalogue lists a switch with the ports of its default config; the engine derives the real ones.
  const switchEntry = entry({
    type: 'switch',
    category: 'control',
    title: { nl: 'Kiezen', en: 'Switch' },
    outputs: [{ id: 'case_1', title: { nl: 'case_1', en: 'case_1' } }],
    dynamicOutputs: true,
  })
  const config = {
    cases: [
      { id: 'young', label: { nl: 'Jong', en: 'Young' }, when: 'age < 18' },
      { id: 'old', when: 'age >= 67' },
    ],
  }

  it("are the engine's outputs(config): one per case, then default and error", () => {
    const engine = switchNode.outputs
    if (typeof engine !== 'function') throw new Error('the switch declares its ports from its config')
    expect(portsOf(switchEntry, config)).toEqual([...engine(switchNode.config.parse(config)), errorPortOf()])
    expect(portsOf(switchEntry, config).map((port) => port.id)).toEqual(['young', 'old', 'default', 'error'])
  })
  it("keep an unfinished case's port while its formula is still empty", () => {
    const editing = { cases: [...config.cases, { id: 'new', when: '' }] }
    expect(portsOf(switchEntry, editing).map((port) => port.id)).toEqual([
      'young',
      'old',
      'new',
      'default',
      'error',
    ])
  })
  it("fall back to the catalogue's ports when a case has no id yet", () => {
    expect(portsOf(switchEntry, { cases: [{ when: 'true' }] }).map((port) => port.id)).toEqual([
      'case_1',
      'error',
    ])
  })
  it('let a connection leave from a case port', () => {
    const withSwitch: Graph = {
      nodes: [
        ...graph.nodes,
        { ...graph.nodes[1]!, id: 'route', data: { type: 'switch', version: 1, config } },
      ],
      edges: graph.edges,
    }
    const types = new Map([...catalogue, ['switch@1', switchEntry]])
    expect(
      checkConnection(withSwitch, { source: 'route', sourceHandle: 'old', target: 'b' }, types),
    ).toBeUndefined()
    expect(
      checkConnection(withSwitch, { source: 'route', sourceHandle: 'case_1', target: 'b' }, types)?.reason,
    ).toBe('port')
  })
})

/** The implicit port every node has. */
function errorPortOf() {
  return { id: 'error', title: { nl: 'Bij een fout', en: 'On error' } }
}

describe('graph edits', () => {
  it('removes a node together with its edges', () => {
    const after = removeFromGraph(graph, new Set(['a']), new Set())
    expect(after.nodes.map((n) => n.id)).toEqual(['start', 'b', 'check'])
    expect(after.edges).toEqual([])
  })
  it('pastes copies with fresh ids and the edges between them', () => {
    const clip: Graph = {
      nodes: graph.nodes.filter((n) => n.id === 'a' || n.id === 'b'),
      edges: [graph.edges[1]!],
    }
    const copies = duplicate(clip, new Set(graph.nodes.map((n) => n.id)))
    expect(copies.nodes.map((n) => n.id)).toEqual(['transform_1', 'transform_2'])
    expect(copies.edges.map((e) => [e.source, e.target])).toEqual([['transform_1', 'transform_2']])
    expect(copies.nodes[0]!.position).toEqual({ x: 40, y: 40 })
  })
  it('round-trips a definition through the canvas', () => {
    const definition = toDefinition({ name: 'test' }, graph)
    expect(definition.edges[0]).toEqual({
      id: 'e1',
      source: 'start',
      sourcePort: 'out',
      target: 'a',
      targetPort: 'in',
    })
    expect(fromDefinition(definition)).toEqual(graph)
  })
  it('keeps a node input mapping when the flow is opened and saved again', () => {
    const stored = {
      name: 'met invoer',
      nodes: [
        { id: 'start', type: 'manual', version: 1, config: {}, position: { x: 0, y: 0 } },
        {
          id: 'a',
          type: 'transform',
          version: 1,
          config: {},
          position: { x: 200, y: 0 },
          input: { postcode: '$nodes.start.postcode' },
        },
      ],
      edges: [{ id: 'e1', source: 'start', sourcePort: 'out', target: 'a', targetPort: 'in' }],
    }
    const saved = toDefinition({ name: 'met invoer' }, fromDefinition(stored))
    expect(saved.nodes[1]).toMatchObject({ input: { postcode: '$nodes.start.postcode' } })
    expect(saved.nodes[0]).not.toHaveProperty('input')
  })
})

describe('undo and redo', () => {
  it('restores a deleted node with its edges, and redoes the deletion', () => {
    let history = startHistory(graph)
    history = record(history, removeFromGraph(history.present, new Set(['a']), new Set()))
    expect(history.present.edges).toHaveLength(0)
    history = undo(history)
    expect(history.present).toBe(graph)
    expect(history.present.edges.map((e) => e.id)).toEqual(['e1', 'e2'])
    history = redo(history)
    expect(history.present.nodes.map((n) => n.id)).not.toContain('a')
  })
  it('makes one step of a drag and none of a selection', () => {
    let history = startHistory(graph)
    const origin = history.present
    history = replace(history, {
      ...graph,
      nodes: graph.nodes.map((n) => ({ ...n, position: { x: 5, y: 5 } })),
    })
    history = replace(history, {
      ...graph,
      nodes: graph.nodes.map((n) => ({ ...n, position: { x: 9, y: 9 } })),
    })
    expect(history.past).toHaveLength(0)
    history = recordFrom(history, origin)
    expect(history.past).toEqual([origin])
    expect(undo(history).present).toBe(origin)
    expect(undo(startHistory(graph))).toEqual(startHistory(graph))
  })
})
