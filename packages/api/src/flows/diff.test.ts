import { flowDefinitionSchema } from '@warmflow/engine'
import { describe, expect, it } from 'vitest'
import { diffFlows } from './diff.js'

const base = flowDefinitionSchema.parse({
  name: 'Welkom',
  nodes: [
    { id: 'start', type: 'manual', version: 1 },
    { id: 'welkom', type: 'transform', version: 1, config: { fields: { a: '1' }, keepInput: false } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'welkom' }],
})

describe('diffFlows', () => {
  it('reports nothing for equal definitions', () => {
    expect(diffFlows(base, structuredClone(base))).toEqual({
      flow: [],
      nodes: { added: [], removed: [], changed: [] },
      edges: { added: [], removed: [], changed: [] },
    })
  })

  it('names added and removed nodes and edges, changed config keys and flow fields', () => {
    const after = flowDefinitionSchema.parse({
      ...base,
      name: 'Welkom 2',
      nodes: [
        { id: 'start', type: 'manual', version: 1 },
        { id: 'welkom', type: 'transform', version: 1, config: { fields: { a: '2' }, keepInput: false } },
        { id: 'extra', type: 'transform', version: 1, config: { fields: {} } },
      ],
      edges: [
        { id: 'e2', source: 'welkom', target: 'extra' },
        { ...base.edges[0], targetPort: 'other' },
      ],
    })
    const diff = diffFlows(base, after)
    expect(diff.flow).toEqual([{ field: 'name', before: 'Welkom', after: 'Welkom 2' }])
    expect(diff.nodes.added).toEqual(['extra'])
    expect(diff.nodes.removed).toEqual([])
    expect(diff.nodes.changed).toEqual([
      { id: 'welkom', changes: [{ field: 'config.fields', before: { a: '1' }, after: { a: '2' } }] },
    ])
    expect(diff.edges.added).toEqual(['e2'])
    expect(diff.edges.changed).toEqual([
      { id: 'e1', changes: [{ field: 'targetPort', before: 'in', after: 'other' }] },
    ])
    expect(diffFlows(after, base).nodes.removed).toEqual(['extra'])
  })
})
