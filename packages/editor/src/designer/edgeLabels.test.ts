import { describe, expect, it } from 'vitest'
import type { CatalogueNode } from '../api/types'
import { testI18n } from '../i18n/testing'
import { catalogueIndex } from './catalogue'
import { labelledEdges } from './edgeLabels'
import { fromDefinition } from './graph'

const i18n = testI18n()

const entry = (type: string, title: string, outputs?: CatalogueNode['outputs']): CatalogueNode => ({
  key: `${type}@1`,
  type,
  version: 1,
  title: { nl: title, en: title },
  description: { nl: '', en: '' },
  category: 'data',
  secrets: [],
  personalData: {},
  configSchema: {},
  inputSchema: {},
  outputSchema: {},
  ...(outputs ? { outputs } : {}),
})

const catalogue = catalogueIndex([
  entry('start', 'Aanmelding'),
  entry('choose', 'Keuze', [
    { id: 'ja', title: { nl: 'Ja', en: 'Yes' } },
    { id: 'nee', title: { nl: 'Nee', en: 'No' } },
  ]),
  entry('mail', 'Mail sturen'),
])

const graph = fromDefinition({
  name: 'x',
  nodes: [
    { id: 'a', type: 'start', version: 1 },
    { id: 'b', type: 'choose', version: 1, label: 'Past het?' },
    { id: 'c', type: 'mail', version: 1 },
  ],
  edges: [
    { id: 'e1', source: 'a', target: 'b' },
    { id: 'e2', source: 'b', sourcePort: 'ja', target: 'c' },
    { id: 'e3', source: 'a', sourcePort: 'error', target: 'c' },
  ],
})

describe('screen-reader labels of edges', () => {
  it('name both nodes in the reader’s language, and the port when a node has several', () => {
    const labels = (lang: 'nl' | 'en') =>
      labelledEdges(graph, catalogue, i18n.getFixedT(lang), lang).map((edge) => edge.ariaLabel)
    expect(labels('nl')).toEqual([
      'Verbinding van Aanmelding naar Past het?',
      'Verbinding van Past het? via Ja naar Mail sturen',
      'Verbinding bij een fout van Aanmelding naar Mail sturen',
    ])
    expect(labels('en')[1]).toBe('Connection from Past het? through Yes to Mail sturen')
  })
})
