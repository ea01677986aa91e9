import { createRegistry, flowDefinitionSchema } from '@warmflow/engine'
import { builtinPlugin } from '@warmflow/nodes'
import { describe, expect, it } from 'vitest'
import { redactRunDetail } from './redact.js'

const registry = createRegistry([builtinPlugin])
const definition = flowDefinitionSchema.parse({
  name: 'Welkom',
  nodes: [
    { id: 'start', type: 'manual', version: 1 },
    { id: 'welkom', type: 'transform', version: 1, config: { fields: { bericht: "'Hoi ' & voornaam" } } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'welkom' }],
})

describe('redactRunDetail', () => {
  it('hides trigger data, and text that contains it, but keeps the rest', () => {
    const shown = redactRunDetail(definition, registry, {
      output: { bericht: 'Hoi Fatima', hoofdletters: 'FATIMA', aantal: 2 },
      nodes: {
        start: { status: 'completed', attempts: 1, output: { voornaam: 'Fatima', leeftijd: 34 } },
        welkom: { status: 'completed', attempts: 1, output: { bericht: 'Hoi Fatima', stap: 'klaar' } },
      },
    })
    expect(shown.nodes?.start?.output).toEqual({ voornaam: '[redacted]', leeftijd: '[redacted]' })
    expect(shown.nodes?.welkom?.output).toEqual({ bericht: '[redacted]', stap: 'klaar' })
    expect(shown.output).toEqual({ bericht: '[redacted]', hoofdletters: '[redacted]', aantal: 2 })
    expect(shown.nodes?.start?.status).toBe('completed')
  })

  it('hides everything when the flow version is unknown', () => {
    const shown = redactRunDetail(undefined, registry, { output: { a: 'x', b: [1] } })
    expect(shown.output).toEqual({ a: '[redacted]', b: ['[redacted]'] })
  })
})
