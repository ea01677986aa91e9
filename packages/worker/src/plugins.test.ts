import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { engineVersion } from '@warmflow/engine'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  formatPluginFailures,
  loadPlugins,
  PluginConfigError,
  pluginConfigFileName,
  resolvePluginReferences,
} from './plugins.js'

// Plugin packages written as plain ESM into a temporary folder, so the loader is tested on real
// files and real `import()`. They carry the plugin brand directly (what definePlugin adds),
// because a folder in /tmp cannot resolve @warmflow/engine.
let root: string

function pluginPackage(folder: string, name: string, body: string, pkg: Record<string, unknown> = {}) {
  mkdirSync(folder, { recursive: true })
  writeFileSync(
    join(folder, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', type: 'module', exports: './entry.mjs', ...pkg }),
  )
  writeFileSync(join(folder, 'entry.mjs'), body)
}

const brandedPlugin = (name: string, engine?: string) =>
  `export const plugin = { [Symbol.for('warmflow.plugin')]: true, name: ${JSON.stringify(name)}, version: '1.0.0', ${
    engine ? `engine: ${JSON.stringify(engine)}, ` : ''
  }nodes: [] }\n`

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'warmflow-plugins-'))
  pluginPackage(join(root, 'good'), '@zorg/good', brandedPlugin('@zorg/good', `^${engineVersion}`))
  pluginPackage(join(root, 'throws'), '@zorg/throws', "throw new Error('registry URL missing')\n")
  pluginPackage(join(root, 'future'), '@zorg/future', brandedPlugin('@zorg/future', '^9.0.0'))
  pluginPackage(join(root, 'plain'), '@zorg/plain', 'export const something = 1\n')
  pluginPackage(join(root, 'unbuilt'), '@zorg/unbuilt', '', { exports: './dist/index.js' })
  pluginPackage(
    join(root, 'app', 'node_modules', '@zorg', 'installed'),
    '@zorg/installed',
    brandedPlugin('@zorg/installed'),
  )
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('loadPlugins', () => {
  it('loads a plugin package folder through its package.json exports', async () => {
    const { plugins, failures } = await loadPlugins(['./good'], root)
    expect(failures).toEqual([])
    expect(plugins.map((p) => p.name)).toEqual(['@zorg/good'])
  })

  it('loads an installed package by name from the node_modules of the base folder', async () => {
    const { plugins, failures } = await loadPlugins(['@zorg/installed'], join(root, 'app'))
    expect(failures).toEqual([])
    expect(plugins.map((p) => p.name)).toEqual(['@zorg/installed'])
  })

  it('reports each broken plugin with its name and reason, and still loads the others', async () => {
    const { plugins, failures } = await loadPlugins(
      ['./throws', './good', './future', './plain', './missing', './unbuilt'],
      root,
    )
    expect(plugins.map((p) => p.name)).toEqual(['@zorg/good'])
    const byName = Object.fromEntries(failures.map((f) => [f.name, f]))
    expect(Object.keys(byName).sort()).toEqual(
      ['@zorg/future', '@zorg/plain', '@zorg/throws', '@zorg/unbuilt', './missing'].sort(),
    )
    expect(byName['@zorg/throws']).toMatchObject({
      spec: './throws',
      code: 'plugin.load_failed',
      error: 'registry URL missing',
    })
    expect(byName['@zorg/throws']!.text.nl).toContain('registry URL missing')
    expect(byName['@zorg/future']!.code).toBe('plugin.incompatible_engine')
    expect(byName['@zorg/future']!.text.nl).toContain('^9.0.0')
    expect(byName['@zorg/future']!.text.en).toContain(`this is engine ${engineVersion}`)
    expect(byName['@zorg/plain']!.code).toBe('plugin.not_a_plugin')
    expect(byName['./missing']!.code).toBe('plugin.not_found')
    expect(byName['@zorg/unbuilt']!.text.nl).toContain('pnpm build')
    const lines = formatPluginFailures(failures)
    expect(lines).toHaveLength(5)
    expect(lines.find((line) => line.includes('@zorg/throws'))).toMatch(/niet geladen/)
  })

  it('reports a package name that is not installed', async () => {
    const { plugins, failures } = await loadPlugins(['@zorg/not-installed'], root)
    expect(plugins).toEqual([])
    expect(failures[0]).toMatchObject({ name: '@zorg/not-installed', code: 'plugin.load_failed' })
  })
})

describe('resolvePluginReferences', () => {
  it('combines WARMFLOW_PLUGINS with warmflow.config.json in the data folder and the current folder', () => {
    const cwd = join(root, 'repo')
    const dataDir = join(cwd, '.data')
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(join(cwd, pluginConfigFileName), JSON.stringify({ plugins: ['./plugins/a', '@zorg/b'] }))
    writeFileSync(join(dataDir, pluginConfigFileName), JSON.stringify({ plugins: ['../plugins/a', './c'] }))
    const references = resolvePluginReferences({
      env: { WARMFLOW_PLUGINS: ' @zorg/b , ./d ,' },
      dataDir: '.data',
      cwd,
    })
    expect(references).toEqual([
      { spec: '@zorg/b', baseDir: cwd, source: 'env' },
      { spec: './d', baseDir: cwd, source: 'env' },
      { spec: '../plugins/a', baseDir: dataDir, source: 'config-file' },
      { spec: './c', baseDir: dataDir, source: 'config-file' },
    ])
  })

  it('returns nothing when nothing is configured', () => {
    const empty = join(root, 'empty')
    mkdirSync(empty, { recursive: true })
    expect(resolvePluginReferences({ env: {}, cwd: empty })).toEqual([])
  })

  it('says which file is wrong when the config file is not valid', () => {
    const cwd = join(root, 'broken')
    mkdirSync(cwd, { recursive: true })
    writeFileSync(join(cwd, pluginConfigFileName), JSON.stringify({ plugins: 'not-a-list' }))
    expect(() => resolvePluginReferences({ env: {}, cwd })).toThrow(PluginConfigError)
    writeFileSync(join(cwd, pluginConfigFileName), '{ "plugins": [')
    try {
      resolvePluginReferences({ env: {}, cwd })
      expect.unreachable()
    } catch (error) {
      expect((error as PluginConfigError).code).toBe('plugin.config_invalid')
      expect((error as PluginConfigError).text.nl).toContain(join(cwd, pluginConfigFileName))
    }
  })

  it('loads what it resolved, relative to the file that named it', async () => {
    const cwd = join(root, 'repo2')
    mkdirSync(cwd, { recursive: true })
    writeFileSync(join(cwd, pluginConfigFileName), JSON.stringify({ plugins: ['../good'] }))
    const { plugins, failures } = await loadPlugins(resolvePluginReferences({ env: {}, cwd }))
    expect(failures).toEqual([])
    expect(plugins.map((p) => p.name)).toEqual(['@zorg/good'])
  })
})
