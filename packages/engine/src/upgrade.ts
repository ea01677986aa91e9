import { WarmflowError } from './errors.js'
import type { LocalizedText } from './i18n.js'
import type { AnyNodeDefinition } from './node.js'
import type { NodeRegistry } from './registry.js'

/** One difference between a node's config before and after an upgrade. */
export interface ConfigChange {
  /** Dotted path of the setting, e.g. `endpoint` or `retry.maximumAttempts`. */
  path: string
  kind: 'added' | 'removed' | 'changed'
  before?: unknown
  after?: unknown
}

/** What upgrading one node instance would do; see {@link upgradeNode}. */
export interface NodeUpgrade {
  type: string
  from: number
  to: number
  /** The config for the new version (defaults filled in), to save when the designer agrees. */
  config: Record<string, unknown>
  /** What changes in the config, setting by setting. */
  changes: ConfigChange[]
  /** False when the new version needs settings the old config cannot provide; see `problems`. */
  valid: boolean
  problems: LocalizedText[]
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function diff(before: unknown, after: unknown, path: string, out: ConfigChange[]): void {
  if (isRecord(before) && isRecord(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const child = path ? `${path}.${key}` : key
      if (!(key in after)) out.push({ path: child, kind: 'removed', before: before[key] })
      else if (!(key in before)) out.push({ path: child, kind: 'added', after: after[key] })
      else diff(before[key], after[key], child, out)
    }
    return
  }
  if (!sameValue(before, after)) out.push({ path, kind: 'changed', before, after })
}

/** The top-level keys a zod object schema knows, when it is one. */
function knownKeys(definition: AnyNodeDefinition): Set<string> | undefined {
  const shape = (definition.config as { shape?: unknown }).shape
  return isRecord(shape) ? new Set(Object.keys(shape)) : undefined
}

/**
 * Works out what upgrading a node instance to a newer version of its type changes in its
 * config, for the editor to show before the designer agrees. Uses the new version's
 * `upgradeConfig` when it has one; otherwise keeps settings whose names the new version still
 * knows and fills in its defaults. Flows keep running the version they were saved with until
 * the designer upgrades and publishes.
 *
 * @example
 * const upgrade = upgradeNode(registry, { type: 'client-registry.lookup', version: 1, config })
 * upgrade.changes // [{ path: 'baseUrl', kind: 'removed', … }, { path: 'endpoint', kind: 'added', … }]
 */
export function upgradeNode(
  registry: NodeRegistry,
  node: { type: string; version: number; config?: Record<string, unknown> },
  toVersion?: number,
): NodeUpgrade {
  const current = registry.get(node.type, node.version)
  const versions = registry
    .list()
    .filter((definition) => definition.type === node.type)
    .map((definition) => definition.version)
  const to = toVersion ?? Math.max(node.version, ...versions)
  const target = registry.get(node.type, to)
  if (!current || !target) {
    const missing = current ? to : node.version
    throw new WarmflowError('node.unknown_type', `Node type ${node.type}@${missing} is not loaded`, {
      text: {
        nl: `Het bloktype ${node.type} versie ${missing} is niet geladen.`,
        en: `Node type ${node.type} version ${missing} is not loaded.`,
      },
    })
  }
  const parsedBefore = current.config.safeParse(node.config ?? {})
  const before: Record<string, unknown> =
    parsedBefore.success && isRecord(parsedBefore.data) ? parsedBefore.data : { ...(node.config ?? {}) }
  let proposed: unknown
  if (to === node.version) proposed = before
  else if (target.upgradeConfig) proposed = target.upgradeConfig(before, node.version)
  else {
    const keys = knownKeys(target)
    proposed = keys ? Object.fromEntries(Object.entries(before).filter(([key]) => keys.has(key))) : before
  }
  const parsed = target.config.safeParse(proposed)
  const config = parsed.success && isRecord(parsed.data) ? parsed.data : isRecord(proposed) ? proposed : {}
  const problems: LocalizedText[] = parsed.success
    ? []
    : parsed.error.issues.map((issue: { path: PropertyKey[]; message: string }) => {
        const where = issue.path.length ? ` (${issue.path.join('.')})` : ''
        return {
          nl: `Na het bijwerken klopt een instelling niet${where}: ${issue.message}`,
          en: `After the upgrade a setting is not valid${where}: ${issue.message}`,
        }
      })
  const changes: ConfigChange[] = []
  diff(before, config, '', changes)
  return { type: node.type, from: node.version, to, config, changes, valid: parsed.success, problems }
}
