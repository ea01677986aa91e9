import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  assertPluginCompatible,
  engineVersion,
  isPlugin,
  type LocalizedText,
  type Plugin,
  WarmflowError,
} from '@warmflow/engine'

/** The name of the configuration file that lists plugins: `{ "plugins": ["…"] }`. */
export const pluginConfigFileName = 'warmflow.config.json'

/** One plugin to load: a package name or a path, and the folder a relative path is read from. */
export interface PluginReference {
  /** As written: `@zorg/warmflow-registry`, `./plugins/client-lookup` or an absolute path. */
  spec: string
  /** The folder relative paths and package names are resolved from. */
  baseDir: string
  /** Where the reference came from, for messages. */
  source: 'env' | 'config-file' | 'code'
}

/** A plugin that could not be loaded, with the reason. */
export interface PluginLoadFailure {
  /** The reference as configured. */
  spec: string
  /** The plugin's name when known (from `definePlugin` or the package.json), else the spec. */
  name: string
  /** The reason, in English (for logs). */
  error: string
  /** A stable code: `plugin.not_found`, `plugin.not_a_plugin`, `plugin.incompatible_engine`, `plugin.load_failed`. */
  code: string
  /** The reason for people, in Dutch and English. */
  text: LocalizedText
}

/** What {@link loadPlugins} found. */
export interface LoadedPlugins {
  plugins: Plugin[]
  failures: PluginLoadFailure[]
}

/** Raised when `warmflow.config.json` cannot be read; the message says which file and why. */
export class PluginConfigError extends WarmflowError {
  constructor(file: string, reason: string, cause?: unknown) {
    super('plugin.config_invalid', `${file}: ${reason}`, {
      cause,
      text: {
        nl: `Het bestand ${file} klopt niet: ${reason}. Verwacht: { "plugins": ["pakketnaam of map"] }.`,
        en: `The file ${file} is not valid: ${reason}. Expected: { "plugins": ["package name or folder"] }.`,
      },
    })
  }
}

function readConfigFile(file: string): string[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new PluginConfigError(file, error instanceof Error ? error.message : String(error), error)
  }
  const plugins = (parsed as { plugins?: unknown } | null)?.plugins
  if (plugins === undefined) return []
  if (!Array.isArray(plugins) || plugins.some((entry) => typeof entry !== 'string' || !entry.trim())) {
    throw new PluginConfigError(file, '"plugins" must be a list of non-empty strings')
  }
  return plugins.map((entry: string) => entry.trim())
}

/**
 * Works out which plugins to load: the comma-separated `WARMFLOW_PLUGINS` (relative to the
 * current folder) and the `plugins` list of every `warmflow.config.json` found in the data
 * folder and in the current folder (relative to that file). The same list is used by the
 * worker and by the API, so the node catalogue and the worker always agree. Duplicates are
 * dropped.
 *
 * @example
 * const refs = resolvePluginReferences({ env: process.env, dataDir: '.data' })
 * const { plugins, failures } = await loadPlugins(refs)
 */
export function resolvePluginReferences(
  options: { env?: Record<string, string | undefined>; dataDir?: string; cwd?: string } = {},
): PluginReference[] {
  const env = options.env ?? process.env
  const cwd = options.cwd ?? process.cwd()
  const references: PluginReference[] = []
  for (const spec of (env.WARMFLOW_PLUGINS ?? '').split(',')) {
    if (spec.trim()) references.push({ spec: spec.trim(), baseDir: cwd, source: 'env' })
  }
  const folders = [options.dataDir ? resolve(cwd, options.dataDir) : undefined, cwd].filter(
    (folder): folder is string => folder !== undefined,
  )
  for (const folder of new Set(folders)) {
    const file = join(folder, pluginConfigFileName)
    if (!existsSync(file)) continue
    for (const spec of readConfigFile(file)) references.push({ spec, baseDir: folder, source: 'config-file' })
  }
  const seen = new Set<string>()
  return references.filter((reference) => {
    const key = isPathSpec(reference.spec) ? resolve(reference.baseDir, reference.spec) : reference.spec
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function isPathSpec(spec: string): boolean {
  return spec.startsWith('.') || isAbsolute(spec)
}

function readPackageJson(folder: string): Record<string, unknown> | undefined {
  const file = join(folder, 'package.json')
  if (!existsSync(file)) return undefined
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  } catch {
    return undefined
  }
}

/** The entry file of a package folder: `exports["."]` (import/default), `main`, or `dist/index.js`. */
function packageEntry(folder: string): string | undefined {
  const pkg = readPackageJson(folder)
  const candidates: unknown[] = []
  if (pkg) {
    const exported = pkg.exports
    const dot =
      typeof exported === 'string'
        ? exported
        : exported && typeof exported === 'object'
          ? ((exported as Record<string, unknown>)['.'] ?? exported)
          : undefined
    if (typeof dot === 'string') candidates.push(dot)
    else if (dot && typeof dot === 'object') {
      const conditions = dot as Record<string, unknown>
      candidates.push(conditions.import, conditions.default, conditions.node)
    }
    candidates.push(pkg.module, pkg.main)
  }
  candidates.push('dist/index.js', 'index.js', 'src/index.ts')
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue
    const file = resolve(folder, candidate)
    if (existsSync(file) && statSync(file).isFile()) return file
  }
  return undefined
}

/** Finds a package folder by name in `node_modules` from `baseDir` upwards. */
function findPackageFolder(name: string, baseDir: string): string | undefined {
  let folder = resolve(baseDir)
  for (;;) {
    const candidate = join(folder, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return candidate
    const parent = dirname(folder)
    if (parent === folder) return undefined
    folder = parent
  }
}

class PluginLoadError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly text: LocalizedText,
    readonly pluginName?: string,
  ) {
    super(message)
  }
}

/** Resolves a reference to something `import()` accepts, and a display name when known. */
function locate(reference: PluginReference): { target: string; name?: string } {
  const { spec, baseDir } = reference
  if (isPathSpec(spec)) {
    const path = resolve(baseDir, spec)
    if (!existsSync(path)) {
      throw new PluginLoadError('plugin.not_found', `${path} does not exist`, {
        nl: `De map of het bestand ${path} bestaat niet.`,
        en: `The folder or file ${path} does not exist.`,
      })
    }
    if (!statSync(path).isDirectory()) return { target: pathToFileURL(path).href }
    const name = readPackageJson(path)?.name
    const entry = packageEntry(path)
    if (!entry) {
      throw new PluginLoadError(
        'plugin.not_found',
        `${path} has no entry file (exports, main or dist/index.js); run its build first`,
        {
          nl: `In ${path} staat geen startbestand (exports, main of dist/index.js). Bouw de plugin eerst (pnpm build).`,
          en: `${path} has no entry file (exports, main or dist/index.js). Build the plugin first (pnpm build).`,
        },
        typeof name === 'string' ? name : undefined,
      )
    }
    return { target: pathToFileURL(entry).href, ...(typeof name === 'string' ? { name } : {}) }
  }
  const isBareName = /^(@[^/]+\/)?[^/@]+$/.test(spec)
  const folder = isBareName ? findPackageFolder(spec, baseDir) : undefined
  const entry = folder ? packageEntry(folder) : undefined
  return { target: entry ? pathToFileURL(entry).href : spec, name: spec }
}

/**
 * Imports plugins by package name or path (a file, or a package folder whose `package.json`
 * says where its entry is). A plugin module exports `plugin` (made with `definePlugin`). A
 * plugin that fails to load, is not a plugin, or was built for another engine version is
 * reported with its name and the reason, in Dutch and English, and skipped; the others still
 * load.
 *
 * @example
 * const { plugins, failures } = await loadPlugins(['@zorg/warmflow-registry', './plugins/local'])
 * for (const failure of failures) console.error(`${failure.name}: ${failure.error}`)
 */
export async function loadPlugins(
  specs: readonly (string | PluginReference)[],
  baseDir: string = process.cwd(),
): Promise<LoadedPlugins> {
  const plugins: Plugin[] = []
  const failures: PluginLoadFailure[] = []
  for (const entry of specs) {
    const reference: PluginReference =
      typeof entry === 'string' ? { spec: entry, baseDir, source: 'code' } : entry
    let name = reference.spec
    try {
      const located = locate(reference)
      name = located.name ?? name
      const module = (await import(located.target)) as Record<string, unknown>
      const candidate = module.plugin ?? module.default
      if (!isPlugin(candidate)) {
        throw new PluginLoadError(
          'plugin.not_a_plugin',
          'the module does not export `plugin` made with definePlugin()',
          {
            nl: 'Dit pakket exporteert geen `plugin` die met definePlugin() is gemaakt.',
            en: 'This package does not export `plugin` made with definePlugin().',
          },
        )
      }
      name = candidate.name
      assertPluginCompatible(candidate, engineVersion)
      plugins.push(candidate)
    } catch (error) {
      failures.push(describeFailure(reference.spec, name, error))
    }
  }
  return { plugins, failures }
}

function describeFailure(spec: string, name: string, error: unknown): PluginLoadFailure {
  if (error instanceof PluginLoadError) {
    return { spec, name: error.pluginName ?? name, error: error.message, code: error.code, text: error.text }
  }
  if (error instanceof WarmflowError) {
    return { spec, name, error: error.message, code: error.code, text: error.text }
  }
  const message = error instanceof Error ? error.message : String(error)
  return {
    spec,
    name,
    error: message,
    code: 'plugin.load_failed',
    text: {
      nl: `De plugin ${name} gaf een fout bij het laden: ${message}`,
      en: `Plugin ${name} failed while loading: ${message}`,
    },
  }
}

/**
 * One line per failure for a terminal, in English and Dutch.
 *
 * @example
 * for (const line of formatPluginFailures(failures)) process.stderr.write(`${line}\n`)
 */
export function formatPluginFailures(failures: readonly PluginLoadFailure[]): string[] {
  return failures.map(
    (failure) => `Plugin ${failure.name} not loaded / niet geladen: ${failure.text.en} / ${failure.text.nl}`,
  )
}
