import { createRegistry, flowDefinitionSchema } from '@warmflow/engine'
import { builtinPlugin } from '@warmflow/nodes'
import { describe, expect, it } from 'vitest'
import { redactRunDetail, redactRunError } from './redact.js'

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

describe('errors for viewers who see runs redacted', () => {
  it('keep their code and kind, never the value the message quotes', () => {
    const shown = redactRunDetail(definition, registry, {
      nodes: {
        start: { status: 'completed', attempts: 1, output: { voornaam: 'Fatima' } },
        welkom: {
          status: 'failed',
          attempts: 1,
          error: { code: 'transform.failed', message: 'Unable to cast value to a number: "Fatima"' },
        },
      },
      error: { message: 'Unable to cast value to a number: "Fatima"' },
    })
    expect(shown.nodes?.welkom?.error).toEqual({
      code: 'transform.failed',
      message: 'Unable to cast value to a number',
    })
    expect(shown.error).toEqual({ message: 'Unable to cast value to a number' })
    expect(JSON.stringify(shown)).not.toContain('Fatima')
    expect(shown.nodes?.welkom?.status).toBe('failed')
  })

  it('hide a message whole when its kind still holds a personal value of the run', () => {
    expect(
      redactRunError({ code: 'x.not_found', message: 'Client Fatima El Amrani not found' }, ['fatima']),
    ).toEqual({
      code: 'x.not_found',
      message: '[redacted]',
    })
    expect(redactRunError({ code: 'http.status', message: 'The server answered 502' }, ['fatima'])).toEqual({
      code: 'http.status',
      message: 'The server answered 502',
    })
    expect(redactRunError({ code: 'a', message: '"Fatima" is not a number' })).toEqual({
      code: 'a',
      message: '[redacted]',
    })
  })
})
