import { runNode } from '@warmflow/engine/testing'
import { describe, expect, it } from 'vitest'
import { extractJsonSchema, extractNode, extractZodSchema } from './extract.js'

const schema = [
  { name: 'soortHulp', type: 'enum', options: ['boodschappen', 'vervoer', 'administratie'], required: true },
  { name: 'dagen', type: 'list', options: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag'] },
  { name: 'wijk', type: 'string', description: 'wijk of buurt' },
  { name: 'aantalUren', type: 'number', description: 'uren per week' },
  { name: 'huisdieren', type: 'boolean', description: 'huisdier kat hond' },
  { name: 'startdatum', type: 'date' },
  { name: 'taal', type: 'enum', options: ['Arabisch', 'Turks', 'Engels'] },
] as const

describe('ai.extract without an AI credential', () => {
  it('finds fields with simple rules and labels the result', async () => {
    const { output } = await runNode(extractNode, {
      input: {
        omschrijving:
          'Wijk: Kanaleneiland. Hulp bij boodschappen op dinsdag en donderdag, ongeveer 2 uren per week. Ze heeft geen kat. Start 01-12-2026. Spreekt Arabisch.',
      },
      config: { schema },
    })
    expect(output.gegevens).toEqual({
      soortHulp: 'boodschappen',
      dagen: ['dinsdag', 'donderdag'],
      wijk: 'Kanaleneiland',
      aantalUren: 2,
      huisdieren: false,
      startdatum: '2026-12-01',
      taal: 'Arabisch',
    })
    expect(output.gegevensMissing).toEqual([])
    expect(output.gegevensMeta).toMatchObject({ method: 'offline-basic' })
  })

  it('lists required fields it could not find', async () => {
    const { output } = await runNode(extractNode, {
      input: { omschrijving: 'Onduidelijke vraag.' },
      config: { schema },
    })
    expect(output.gegevensMissing).toEqual(['soortHulp'])
  })

  it('refuses a choice field without options in its config', async () => {
    await expect(
      runNode(extractNode, {
        input: { omschrijving: 'x' },
        config: { schema: [{ name: 'a', type: 'enum' }] },
      }),
    ).rejects.toMatchObject({ code: 'node.invalid_config' })
  })
})

describe('schemas from the field list', () => {
  const fields = schema.map((f) => ({
    required: false,
    ...f,
    options: 'options' in f ? [...f.options] : undefined,
  }))
  it('makes a strict JSON schema with every field required and optional ones nullable', () => {
    const json = extractJsonSchema(fields) as any
    expect(json.required).toEqual(fields.map((f) => f.name))
    expect(json.additionalProperties).toBe(false)
    expect(json.properties.wijk.type).toEqual(['string', 'null'])
    expect(json.properties.soortHulp.type).toBe('string')
  })
  it('validates a model answer against the same list', () => {
    const zod = extractZodSchema(fields)
    expect(zod.safeParse({ soortHulp: 'vervoer', startdatum: '2026-01-02' }).success).toBe(true)
    expect(zod.safeParse({ soortHulp: 'zwemmen' }).success).toBe(false)
    expect(zod.safeParse({ soortHulp: 'vervoer', aantalUren: 'twee' }).success).toBe(false)
  })
})
