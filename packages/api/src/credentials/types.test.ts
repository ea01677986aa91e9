import {
  type CredentialKind,
  controlPlugin,
  createRegistry,
  defineNode,
  definePlugin,
} from '@warmflow/engine'
import { builtinPlugin } from '@warmflow/nodes'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { credentialTypes, credentialValue } from './types.js'

// A node of an outside plugin that reads a client registry key from the `registry` slot.
const lookup = defineNode({
  type: 'test.registry-lookup',
  version: 1,
  category: 'data',
  title: { nl: 'Opzoeken', en: 'Look up' },
  description: { nl: 'Test', en: 'Test' },
  icon: 'search',
  input: z.object({}),
  config: z.object({}),
  output: z.object({}),
  secrets: ['registry', 'smtp'],
  execute: () => ({}),
})

const registryKind: CredentialKind = {
  slot: 'registry',
  title: { nl: 'Cliëntregister', en: 'Client registry' },
  description: { nl: 'De sleutel van het cliëntregister.', en: 'The key of the client registry.' },
  fields: [
    { name: 'apiKey', label: { nl: 'Sleutel', en: 'Key' }, kind: 'secret', required: true },
    { name: 'region', label: { nl: 'Regio', en: 'Region' }, kind: 'text', required: false },
  ],
  testable: false,
  required: true,
  schema: z.object({ apiKey: z.string().min(8), region: z.string().optional() }),
  toValue: (fields) => ({ apiKey: String(fields.apiKey ?? '').trim() }),
  problem: ({ path }) =>
    path[0] === 'apiKey'
      ? { field: 'apiKey', message: { nl: 'Minstens 8 tekens.', en: 'At least 8 characters.' } }
      : undefined,
}

const outside = definePlugin({ name: 'test', version: '1.0.0', nodes: [lookup], credentials: [registryKind] })

describe('credential types from the plugins', () => {
  it('serves the form an outside plugin declares, beside the built-in ones', () => {
    const types = credentialTypes(createRegistry([controlPlugin, builtinPlugin, outside]))
    expect(types.map((type) => type.slot)).toEqual(expect.arrayContaining(['ai', 'http', 'registry', 'smtp']))
    expect(types.find((type) => type.slot === 'registry')).toEqual({
      slot: 'registry',
      title: registryKind.title,
      description: registryKind.description,
      fields: registryKind.fields,
      testable: false,
      required: true,
      usedBy: ['test.registry-lookup@1'],
    })
    expect(types.find((type) => type.slot === 'smtp')?.usedBy).toEqual([
      'email.send@1',
      'test.registry-lookup@1',
    ])
  })

  it('checks a filled-in form against the schema the plugin declares, with its own wording', () => {
    const registry = createRegistry([controlPlugin, outside])
    expect(credentialValue(registry, 'registry', { apiKey: ' sleutel-12345 ' })).toEqual({
      ok: true,
      value: '{"apiKey":"sleutel-12345"}',
      parsed: { apiKey: 'sleutel-12345' },
    })
    expect(credentialValue(registry, 'registry', { apiKey: 'kort' })).toEqual({
      ok: false,
      problems: [{ field: 'apiKey', message: { nl: 'Minstens 8 tekens.', en: 'At least 8 characters.' } }],
    })
  })

  it('knows no slot by name: without the built-in plugin, smtp is one secret value', () => {
    const registry = createRegistry([controlPlugin, outside])
    const smtp = credentialTypes(registry).find((type) => type.slot === 'smtp')
    expect(smtp?.fields.map((field) => field.name)).toEqual(['value'])
    expect(smtp?.testable).toBe(false)
    expect(credentialValue(registry, 'smtp', { value: 'raw' })).toEqual({
      ok: true,
      value: 'raw',
      parsed: 'raw',
    })
    expect(credentialValue(registry, 'smtp', { host: 'mail.example.org' })).toMatchObject({ ok: false })
  })

  it('takes the built-in forms from the built-in plugin', () => {
    const registry = createRegistry([controlPlugin, builtinPlugin])
    expect(credentialValue(registry, 'http', { hosts: 'api.example.org' })).toEqual({
      ok: false,
      problems: [
        {
          field: 'bearer',
          message: {
            nl: 'Vul een token in, of een gebruikersnaam met wachtwoord.',
            en: 'Fill in a token, or a user name with a password.',
          },
        },
      ],
    })
    expect(credentialValue(registry, 'smtp', { host: 'mail', port: '70000', from: 'a@b.nl' })).toMatchObject({
      ok: false,
      problems: [{ field: 'port' }],
    })
  })
})
