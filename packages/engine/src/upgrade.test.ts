import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineNode, definePlugin } from './node.js'
import { createRegistry } from './registry.js'
import { upgradeNode } from './upgrade.js'

const base = {
  type: 'test.lookup',
  category: 'data' as const,
  title: { nl: 'Opzoeken', en: 'Look up' },
  input: z.object({}),
  output: z.object({}),
  execute: () => ({}),
}
const v1 = defineNode({
  ...base,
  version: 1,
  config: z.object({
    baseUrl: z.url(),
    timeoutSeconds: z.number().default(10),
    legacy: z.boolean().default(false),
  }),
})
const v2 = defineNode({
  ...base,
  version: 2,
  config: z.object({
    endpoint: z.url(),
    timeoutSeconds: z.number().default(10),
    fields: z.array(z.string()).default(['initials']),
  }),
  upgradeConfig: (old) => ({ endpoint: String(old.baseUrl), timeoutSeconds: Number(old.timeoutSeconds) }),
})
const v3 = defineNode({
  ...base,
  version: 3,
  config: z.object({ endpoint: z.url(), apiVersion: z.enum(['2024', '2025']) }),
})
const registry = createRegistry([definePlugin({ name: 'test', version: '1.0.0', nodes: [v1, v2, v3] })])

describe('upgradeNode', () => {
  it('uses the new version’s upgradeConfig and lists every change', () => {
    const upgrade = upgradeNode(
      registry,
      { type: 'test.lookup', version: 1, config: { baseUrl: 'https://r.example/v1', timeoutSeconds: 5 } },
      2,
    )
    expect(upgrade).toMatchObject({ from: 1, to: 2, valid: true, problems: [] })
    expect(upgrade.config).toEqual({
      endpoint: 'https://r.example/v1',
      timeoutSeconds: 5,
      fields: ['initials'],
    })
    expect(upgrade.changes).toEqual([
      { path: 'baseUrl', kind: 'removed', before: 'https://r.example/v1' },
      { path: 'legacy', kind: 'removed', before: false },
      { path: 'endpoint', kind: 'added', after: 'https://r.example/v1' },
      { path: 'fields', kind: 'added', after: ['initials'] },
    ])
  })

  it('goes to the newest version by default and says which settings are missing, in Dutch and English', () => {
    const upgrade = upgradeNode(registry, {
      type: 'test.lookup',
      version: 2,
      config: { endpoint: 'https://r.example/v1', timeoutSeconds: 5 },
    })
    expect(upgrade.to).toBe(3)
    expect(upgrade.valid).toBe(false)
    expect(upgrade.problems).toHaveLength(1)
    expect(upgrade.problems[0]!.nl).toContain('apiVersion')
    expect(upgrade.problems[0]!.en).toContain('apiVersion')
    expect(upgrade.changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      'removed timeoutSeconds',
      'removed fields',
    ])
  })

  it('reports no changes for a node already at the newest version', () => {
    const upgrade = upgradeNode(registry, {
      type: 'test.lookup',
      version: 3,
      config: { endpoint: 'https://r.example', apiVersion: '2025' },
    })
    expect(upgrade).toMatchObject({ from: 3, to: 3, valid: true, changes: [] })
  })

  it('refuses a version that is not loaded', () => {
    expect(() => upgradeNode(registry, { type: 'test.lookup', version: 1, config: {} }, 9)).toThrow(
      /test\.lookup@9 is not loaded/,
    )
  })
})
