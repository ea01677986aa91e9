import { createRegistry, defineNode, definePlugin } from '@warmflow/engine'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { pluginRoutes } from './plugins.js'

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
