import {
  createRegistry,
  defineNode,
  definePlugin,
  type FlowDefinition,
  flowDefinitionSchema,
} from '@warmflow/engine'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ApiError } from '../problems.js'
import { checkStartInput, startInputOf } from './start-input.js'

// A trigger from a plugin of its own: its start data needs a dossier number, as its config says.
const intake = defineNode({
  type: 'example.intake',
  version: 1,
  category: 'trigger',
  title: { nl: 'Intake', en: 'Intake' },
  input: z.record(z.string(), z.unknown()),
  config: z.object({ dossierField: z.string().default('dossier') }),
  output: z.record(z.string(), z.unknown()),
  startInput: (config) => ({
    schema: { type: 'object', required: [config.dossierField] },
    validate: (input) =>
      typeof (input as Record<string, unknown>)[config.dossierField] === 'string'
        ? []
        : [
            {
              field: config.dossierField,
              message: { nl: 'Dossiernummer ontbreekt', en: 'Dossier number missing' },
            },
          ],
  }),
  execute: ({ input }) => input,
})
const any = defineNode({
  type: 'example.any',
  version: 1,
  category: 'trigger',
  title: { nl: 'Alles', en: 'Anything' },
  input: z.record(z.string(), z.unknown()),
  config: z.object({}),
  output: z.record(z.string(), z.unknown()),
  execute: ({ input }) => input,
})
const registry = createRegistry([definePlugin({ name: 'example', version: '1.0.0', nodes: [intake, any] })])

const flow = (type: string, config: Record<string, unknown> = {}): FlowDefinition =>
  flowDefinitionSchema.parse({
    name: 'Intake',
    nodes: [{ id: 'start', type, version: 1, config }],
    edges: [],
  })

function thrown(action: () => void): ApiError | undefined {
  try {
    action()
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  return undefined
}

describe('start data through the startInput hook of any plugin', () => {
  it("refuses a start that does not fit a plugin trigger's start data, naming the field", () => {
    const error = thrown(() => checkStartInput(flow('example.intake'), registry, 'manual', { naam: 'Ada' }))
    expect(error).toMatchObject({ status: 400, code: 'run.invalid_input' })
    expect(error?.errors).toEqual([
      {
        code: 'run.invalid_field',
        path: ['input', 'dossier'],
        message: { nl: 'Dossiernummer ontbreekt', en: 'Dossier number missing' },
      },
    ])
  })

  it('passes the parsed config to the hook and lets fitting data start', () => {
    const definition = flow('example.intake', { dossierField: 'zaak' })
    expect(thrown(() => checkStartInput(definition, registry, 'manual', { zaak: 'Z-1' }))).toBeUndefined()
    expect(startInputOf(definition.nodes[0]!, registry)?.schema).toEqual({
      type: 'object',
      required: ['zaak'],
    })
  })

  it('accepts any data for a trigger without the hook', () => {
    const definition = flow('example.any')
    expect(startInputOf(definition.nodes[0]!, registry)).toBeUndefined()
    expect(thrown(() => checkStartInput(definition, registry, 'manual', { wat: 'dan ook' }))).toBeUndefined()
  })
})
