import { isAbsolute, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { isPlugin, type Plugin } from '@warmflow/engine'

/** A plugin that could not be loaded, with the reason. */
export interface PluginLoadFailure {
  spec: string
  error: string
}

/** What {@link loadPlugins} found. */
export interface LoadedPlugins {
  plugins: Plugin[]
  failures: PluginLoadFailure[]
}

/**
 * Imports plugins by package name or path. A plugin module exports `plugin` (made with
 * `definePlugin`). A plugin that fails to load is reported and skipped; the others still load.
 *
 * @example
 * const { plugins, failures } = await loadPlugins(['@zorg/warmflow-registry', './plugins/local.ts'])
 */
export async function loadPlugins(
  specs: readonly string[],
  baseDir: string = process.cwd(),
): Promise<LoadedPlugins> {
  const plugins: Plugin[] = []
  const failures: PluginLoadFailure[] = []
  for (const spec of specs) {
    const target =
      spec.startsWith('.') || isAbsolute(spec) ? pathToFileURL(resolve(baseDir, spec)).href : spec
    try {
      const module = (await import(target)) as Record<string, unknown>
      const candidate = module.plugin ?? module.default
      if (!isPlugin(candidate)) {
        throw new Error('the module does not export `plugin` made with definePlugin()')
      }
      plugins.push(candidate)
    } catch (error) {
      failures.push({ spec, error: error instanceof Error ? error.message : String(error) })
    }
  }
  return { plugins, failures }
}
