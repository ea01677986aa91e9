import { controlPlugin, createRegistry, defineNode, definePlugin } from '@warmflow/engine'
import { builtinPlugin } from '@warmflow/nodes'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { nodeRoutes } from './nodes.js'

// A node with parts JSON Schema cannot express (a date, a transform) and defaults in its config.
const awkward = defineNode({
  type: 'test.awkward',
  version: 2,
  category: 'data',
  title: { nl: 'Lastig', en: 'Awkward' },
  description: { nl: 'Test', en: 'Test' },
  icon: 'box',
  input: z.object({ when: z.date(), name: z.string().transform((s) => s.trim()) }),
  config: z.object({ limit: z.number().int().min(1).default(10), label: z.string() }),
  output: z.object({ count: z.number().default(0) }),
  secrets: ['register'],
  personalData: { reads: ['name'], sendsOutside: 'always' },
  execute: () => ({ count: 1 }),
})

const registry = createRegistry([
  controlPlugin,
  builtinPlugin,
  definePlugin({ name: 'test', version: '1.0.0', nodes: [awkward] }),
])

async function catalogue() {
  const response = await nodeRoutes({ registry }).request('/')
  expect(response.status).toBe(200)
  return (await response.json()) as { items: Record<string, any>[] }
}

describe('GET /api/v1/nodes', () => {
  it('lists every loaded node type with texts, category and JSON Schemas', async () => {
    const { items } = await catalogue()
    expect(items.map((item) => item.key)).toEqual(registry.list().map((node) => node.key))
    for (const item of items) {
      expect(item.title.nl).toBeTruthy()
      expect(item.title.en).toBeTruthy()
      expect(item.description.nl).toBeTruthy()
      for (const schema of [item.configSchema, item.inputSchema, item.outputSchema]) {
        expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
      }
    }
  })

  it('describes config as input (defaults optional) and output as output (defaults filled)', async () => {
    const { items } = await catalogue()
    const item = items.find((i) => i.key === 'test.awkward@2')!
    expect(item).toMatchObject({
      type: 'test.awkward',
      version: 2,
      category: 'data',
      icon: 'box',
      secrets: ['register'],
      personalData: { reads: ['name'], sendsOutside: 'always' },
    })
    expect(item.configSchema.required).toEqual(['label'])
    expect(item.configSchema.properties.limit).toMatchObject({ type: 'integer', minimum: 1, default: 10 })
    expect(item.outputSchema.required).toEqual(['count'])
    // The date cannot be expressed: it becomes "anything" instead of breaking the catalogue.
    expect(item.inputSchema.properties.when).toEqual({})
    expect(item.inputSchema.properties.name).toMatchObject({ type: 'string' })
    expect(item.outputs).toBeUndefined()
  })

  it("carries each setting's Dutch and English label and help from its zod meta", async () => {
    const { items } = await catalogue()
    const summarise = items.find((i) => i.key === 'ai.summarise@1')!
    expect(summarise.configSchema.properties.maxWords).toMatchObject({
      type: 'integer',
      default: 120,
      label: { nl: 'Hoogstens zoveel woorden', en: 'At most this many words' },
      help: { nl: expect.any(String), en: expect.any(String) },
    })
  })

  it('lists declared ports, and ports that depend on config as dynamic', async () => {
    const { items } = await catalogue()
    const condition = items.find((i) => i.type === 'condition')!
    expect(condition.outputs.map((p: { id: string }) => p.id)).toEqual(['true', 'false'])
    expect(condition.dynamicOutputs).toBeUndefined()
    const switchNode = items.find((i) => i.type === 'switch')!
    expect(switchNode.dynamicOutputs).toBe(true)
    const transform = items.find((i) => i.type === 'transform')!
    expect(transform.configSchema.properties.fields).toMatchObject({ type: 'object' })
  })

  it('is described in the OpenAPI document', () => {
    const document = nodeRoutes({ registry }).getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'test', version: '1' },
    })
    expect(document.paths?.['/']?.get?.summary).toMatch(/node types/)
    expect(document.components?.schemas?.NodeType).toBeDefined()
  })
})
