import { WarmflowError } from './errors.js'
import type { Plugin } from './node.js'

/**
 * The version of the Warmflow engine (the node SDK plugins are written against). A plugin
 * declares which engine versions it works with in `definePlugin({ engine: '^0.1.0' })`.
 * Kept equal to `packages/engine/package.json` by a test.
 *
 * @example
 * import { engineVersion } from '@warmflow/engine'
 * console.log(`Warmflow engine ${engineVersion}`)
 */
export const engineVersion = '0.1.0'

type Version = [number, number, number]
type Comparator = { op: '>=' | '<=' | '>' | '<' | '='; version: Version }

function parseVersion(text: string): Version | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.exec(text.trim())
  if (!match) return undefined
  return [Number(match[1]), Number(match[2]), Number(match[3])]
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]
}

/** Parses `1`, `1.2`, `1.2.3`, `1.x`, `1.2.*` into the given parts (undefined = wildcard). */
function parsePartial(text: string): (number | undefined)[] | undefined {
  const match = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-[0-9A-Za-z.-]+)?$/.exec(text)
  if (!match) return undefined
  const part = (value: string | undefined) =>
    value === undefined || /^[xX*]$/.test(value) ? undefined : Number(value)
  const parts = [part(match[1]), part(match[2]), part(match[3])]
  // A wildcard makes every later part a wildcard too.
  const firstWild = parts.indexOf(undefined)
  return firstWild === -1 ? parts : parts.map((value, index) => (index >= firstWild ? undefined : value))
}

function fill(parts: (number | undefined)[]): Version {
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0]
}

/** Turns one range term (`^1.2.3`, `~1.2`, `>=1.0.0`, `1.x`, `*`) into comparators. */
function termComparators(term: string): Comparator[] | undefined {
  if (term === '*' || term === '' || /^[xX]$/.test(term)) return []
  const operator = /^(\^|~|>=|<=|>|<|=)?\s*(.+)$/.exec(term)
  if (!operator) return undefined
  const op = operator[1] ?? ''
  const parts = parsePartial(operator[2]!)
  if (!parts) return undefined
  const [major, minor, patch] = parts
  const low = fill(parts)
  if (major === undefined) return []
  if (op === '^') {
    const high: Version =
      major > 0 || minor === undefined
        ? [major + 1, 0, 0]
        : minor > 0 || patch === undefined
          ? [0, minor + 1, 0]
          : [0, 0, patch + 1]
    return [
      { op: '>=', version: low },
      { op: '<', version: high },
    ]
  }
  if (op === '~') {
    const high: Version = minor === undefined ? [major + 1, 0, 0] : [major, minor + 1, 0]
    return [
      { op: '>=', version: low },
      { op: '<', version: high },
    ]
  }
  if (op === '' || op === '=') {
    if (minor === undefined) {
      return [
        { op: '>=', version: low },
        { op: '<', version: [major + 1, 0, 0] },
      ]
    }
    if (patch === undefined) {
      return [
        { op: '>=', version: low },
        { op: '<', version: [major, minor + 1, 0] },
      ]
    }
    return [{ op: '=', version: low }]
  }
  return [{ op: op as Comparator['op'], version: low }]
}

function holds(version: Version, comparator: Comparator): boolean {
  const order = compare(version, comparator.version)
  switch (comparator.op) {
    case '>=':
      return order >= 0
    case '<=':
      return order <= 0
    case '>':
      return order > 0
    case '<':
      return order < 0
    default:
      return order === 0
  }
}

/**
 * Whether `version` satisfies an npm-style semver `range`. Supports `^`, `~`, `>=`, `<=`, `>`,
 * `<`, `=`, exact and partial versions (`1`, `1.2`, `1.x`, `*`), hyphen-free AND (space) and
 * `||`. Returns false for a range it cannot read. Pre-release tags are ignored.
 *
 * @example
 * satisfiesRange('0.1.4', '^0.1.0') // true
 * satisfiesRange('0.2.0', '^0.1.0') // false
 * satisfiesRange('2.1.0', '>=1.0.0 <3') // true
 */
export function satisfiesRange(version: string, range: string): boolean {
  const parsed = parseVersion(version)
  if (!parsed) return false
  return range.split('||').some((alternative) => {
    const terms = alternative
      .trim()
      .replace(/(\^|~|>=|<=|>|<|=)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean)
    if (terms.length === 0) return true
    const comparators: Comparator[] = []
    for (const term of terms) {
      const more = termComparators(term)
      if (!more) return false
      comparators.push(...more)
    }
    return comparators.every((comparator) => holds(parsed, comparator))
  })
}

/**
 * Raised when a plugin was built for another engine version than the one running. Not
 * retryable: install a plugin version that fits, or update Warmflow.
 *
 * @example
 * throw new PluginIncompatibleError('@zorg/registry', '^2.0.0', '0.1.0')
 */
export class PluginIncompatibleError extends WarmflowError {
  constructor(
    readonly plugin: string,
    readonly range: string,
    readonly engine: string,
  ) {
    super(
      'plugin.incompatible_engine',
      `Plugin ${plugin} needs Warmflow engine ${range}, but this is engine ${engine}. Install a version of the plugin made for engine ${engine}, or update Warmflow.`,
      {
        text: {
          nl: `De plugin ${plugin} werkt met Warmflow-engine ${range}, maar deze Warmflow heeft engine ${engine}. Installeer een versie van de plugin die bij engine ${engine} past, of werk Warmflow bij.`,
          en: `Plugin ${plugin} needs Warmflow engine ${range}, but this is engine ${engine}. Install a version of the plugin made for engine ${engine}, or update Warmflow.`,
        },
        details: { plugin, range, engine },
      },
    )
  }
}

/**
 * Refuses a plugin whose `engine` range does not include the running engine version. A plugin
 * without an `engine` range is accepted (the built-in nodes ship with the engine).
 *
 * @example
 * assertPluginCompatible(plugin) // throws PluginIncompatibleError when plugin.engine is '^2.0.0'
 */
export function assertPluginCompatible(plugin: Plugin, engine: string = engineVersion): void {
  if (plugin.engine === undefined) return
  if (!satisfiesRange(engine, plugin.engine)) {
    throw new PluginIncompatibleError(plugin.name, plugin.engine, engine)
  }
}
