import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { assertPluginCompatible, engineVersion, PluginIncompatibleError, satisfiesRange } from './compat.js'
import { definePlugin } from './node.js'

describe('satisfiesRange', () => {
  it.each([
    ['0.1.0', '^0.1.0', true],
    ['0.1.9', '^0.1.0', true],
    ['0.2.0', '^0.1.0', false],
    ['0.0.9', '^0.1.0', false],
    ['1.4.2', '^1.2.0', true],
    ['2.0.0', '^1.2.0', false],
    ['0.0.3', '^0.0.3', true],
    ['0.0.4', '^0.0.3', false],
    ['1.2.9', '~1.2.3', true],
    ['1.3.0', '~1.2.3', false],
    ['1.9.0', '~1', true],
    ['2.1.0', '>=1.0.0 <3', true],
    ['3.0.0', '>=1.0.0 <3', false],
    ['3.0.0', '>= 1.0.0 < 3.0.0', false],
    ['0.1.0', '0.1.0', true],
    ['0.1.1', '0.1.0', false],
    ['0.1.7', '0.1.x', true],
    ['0.2.0', '0.1', false],
    ['5.0.0', '*', true],
    ['1.0.0', '^2.0.0 || ^1.0.0', true],
    ['0.1.0', 'not a range', false],
  ])('%s in %s → %s', (version, range, expected) => {
    expect(satisfiesRange(version, range)).toBe(expected)
  })
})

describe('assertPluginCompatible', () => {
  const base = { name: '@zorg/registry', version: '1.0.0', nodes: [] }

  it('accepts a plugin made for this engine', () => {
    expect(() => assertPluginCompatible(definePlugin({ ...base, engine: `^${engineVersion}` }))).not.toThrow()
  })

  it('accepts a plugin that does not say which engine it needs', () => {
    expect(() => assertPluginCompatible(definePlugin(base))).not.toThrow()
  })

  it('refuses a plugin made for another engine, in Dutch and English, naming both versions', () => {
    const plugin = definePlugin({ ...base, engine: '^2.0.0' })
    try {
      assertPluginCompatible(plugin, '0.1.0')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(PluginIncompatibleError)
      const incompatible = error as PluginIncompatibleError
      expect(incompatible.code).toBe('plugin.incompatible_engine')
      expect(incompatible.retryable).toBe(false)
      expect(incompatible.text.nl).toContain('@zorg/registry')
      expect(incompatible.text.nl).toContain('^2.0.0')
      expect(incompatible.text.nl).toContain('0.1.0')
      expect(incompatible.text.en).toMatch(/needs Warmflow engine \^2\.0\.0, but this is engine 0\.1\.0/)
    }
  })

  it('keeps the exported engine version equal to the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
    expect(engineVersion).toBe(pkg.version)
  })
})
