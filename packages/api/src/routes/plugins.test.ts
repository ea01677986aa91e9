import { OpenAPIHono } from '@hono/zod-openapi'
import { createRegistry, defineNode, definePlugin } from '@warmflow/engine'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { handleError } from '../problems.js'
import { nodeUpgradeRoutes, pluginRoutes } from './plugins.js'

const lookup = defineNode({
  type: 'registry.lookup',
  version: 2,
  category: 'data',
  title: { nl: 'Opzoeken', en: 'Look up' },
  input: z.object({}),
  config: z.object({}),
  output: z.object({}),
  execute: () => ({}),
})

describe('GET /api/v1/plugins', () => {
  it('lists loaded plugins with their nodes, and each plugin that failed with the reason in Dutch and English', async () => {
    const registry = createRegistry([
      definePlugin({ name: '@zorg/registry', version: '1.2.0', engine: '^0.1.0', nodes: [lookup] }),
    ])
    const response = await pluginRoutes({
      registry,
      pluginFailures: [
        {
          name: '@zorg/broken',
          spec: './plugins/broken',
          code: 'plugin.load_failed',
          text: { nl: 'De plugin gaf een fout', en: 'The plugin failed' },
        },
      ],
    }).request('/')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      items: [{ name: '@zorg/registry', version: '1.2.0', engine: '^0.1.0', nodes: ['registry.lookup@2'] }],
      failures: [
        {
          name: '@zorg/broken',
          spec: './plugins/broken',
          code: 'plugin.load_failed',
          message: { nl: 'De plugin gaf een fout', en: 'The plugin failed' },
        },
      ],
    })
  })

  it('answers an empty failure list when every plugin loaded', async () => {
    const response = await pluginRoutes({ registry: createRegistry([]) }).request('/')
    expect(await response.json()).toEqual({ items: [], failures: [] })
  })
})

describe('POST /api/v1/node-upgrades', () => {
  const lookupV3 = defineNode({
    type: 'registry.lookup',
    version: 3,
    category: 'data',
    title: { nl: 'Opzoeken', en: 'Look up' },
    input: z.object({}),
    config: z.object({ endpoint: z.string(), fields: z.array(z.string()).default(['initials']) }),
    output: z.object({}),
    upgradeConfig: (old) => ({ endpoint: String(old.url) }),
    execute: () => ({}),
  })
  const lookupV2 = defineNode({
    type: 'registry.lookup',
    version: 2,
    category: 'data',
    title: { nl: 'Opzoeken', en: 'Look up' },
    input: z.object({}),
    config: z.object({ url: z.string() }),
    output: z.object({}),
    execute: () => ({}),
  })
  const registry = createRegistry([
    definePlugin({ name: '@zorg/registry', version: '1.2.0', nodes: [lookupV2, lookupV3] }),
  ])
  const post = (body: unknown) =>
    // As in createApp: errors become problem+json answers.
    new OpenAPIHono()
      .onError(handleError)
      .route('/', nodeUpgradeRoutes({ registry }))
      .request('/', {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      })

  it('proposes the new config and lists every change, changing nothing', async () => {
    const response = await post({ type: 'registry.lookup', version: 2, config: { url: 'https://r.example' } })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      type: 'registry.lookup',
      from: 2,
      to: 3,
      config: { endpoint: 'https://r.example', fields: ['initials'] },
      changes: [
        { path: 'url', kind: 'removed', before: 'https://r.example' },
        { path: 'endpoint', kind: 'added', after: 'https://r.example' },
        { path: 'fields', kind: 'added', after: ['initials'] },
      ],
      valid: true,
      problems: [],
    })
  })

  it('answers 404 with a bilingual message for a version that is not loaded', async () => {
    const response = await post({ type: 'registry.lookup', version: 2, toVersion: 7 })
    expect(response.status).toBe(404)
    const body = (await response.json()) as any
    expect(body.code).toBe('node.unknown_type')
    expect(body.message.nl).toContain('niet geladen')
  })
})
