import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { engineVersion, WarmflowError } from '@warmflow/engine'
import * as templates from './templates.js'

/** The Warmflow repository this CLI belongs to (holds `packages/engine`). */
export const warmflowRoot = fileURLToPath(new URL('../../../../', import.meta.url))

/** Options for {@link createNodePlugin}. */
export interface CreateNodeOptions {
  /** Plugin name: lower-case words with dashes (`client-lookup`), optionally scoped (`@zorg/client-lookup`). */
  name: string
  /** Where to create the package; default `plugins/<name>` under `cwd`. */
  dir?: string
  /** The folder commands are run from; default the current folder. */
  cwd?: string
  /** The configuration file to register the plugin in; default `warmflow.config.json` in `cwd`. `false`: do not register. */
  configFile?: string | false
  /** The Warmflow repository (for the engine link and tool versions); default the one this CLI is in. */
  warmflowRoot?: string
}

/** What {@link createNodePlugin} made. */
export interface CreatedNodePlugin {
  dir: string
  packageName: string
  nodeType: string
  /** Files written, relative to `dir`. */
  files: string[]
  /** Whether the package is inside the Warmflow workspace (`workspace:*`) or outside (`link:`). */
  inWorkspace: boolean
  /** The configuration file the plugin was added to, if any. */
  configFile: string | undefined
  /** Commands to run next, for people. */
  nextSteps: string[]
}

/** Raised when the scaffold cannot be created; says why in Dutch and English. */
export class CreateNodeError extends WarmflowError {}

const namePattern = /^(?:@([a-z0-9][a-z0-9-._]*)\/)?([a-z][a-z0-9]*(?:-[a-z0-9]+)*)$/

function camel(words: string): string {
  return words.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
}

/** The version ranges the workspace itself uses, so the install needs nothing new. */
function toolVersions(root: string): templates.TemplateValues['versions'] {
  const rootPkg = readJson(join(root, 'package.json')) as { devDependencies?: Record<string, string> }
  const enginePkg = readJson(join(root, 'packages/engine/package.json')) as {
    dependencies?: Record<string, string>
  }
  const dev = rootPkg.devDependencies ?? {}
  return {
    zod: enginePkg.dependencies?.zod ?? '^4.0.0',
    typescript: dev.typescript ?? '~5.9.3',
    vitest: dev.vitest ?? '^4.1.0',
    typesNode: dev['@types/node'] ?? '^20.0.0',
  }
}

/** Whether `dir` is matched by the workspace's `pnpm-workspace.yaml` (`plugins/*`, `examples/*`, …). */
function inWorkspace(root: string, dir: string): boolean {
  const rel = relative(root, dir)
  if (rel.startsWith('..') || resolve(root, rel) !== resolve(dir)) return false
  const file = join(root, 'pnpm-workspace.yaml')
  if (!existsSync(file)) return false
  const globs = [...readFileSync(file, 'utf8').matchAll(/^\s*-\s*["']?([^"'\n#]+?)["']?\s*$/gm)].map(
    (m) => m[1]!,
  )
  const parts = rel.split(sep)
  return globs.some((glob) => {
    const globParts = glob.split('/')
    return globParts.length === parts.length && globParts.every((g, i) => g === '*' || g === parts[i])
  })
}

function registerPlugin(configFile: string, dir: string): void {
  let config: Record<string, unknown> = {}
  if (existsSync(configFile)) {
    try {
      config = readJson(configFile)
    } catch (error) {
      throw new CreateNodeError('create_node.config_invalid', `${configFile} is not valid JSON`, {
        cause: error,
        text: {
          nl: `${configFile} is geen geldige JSON; de plugin is gemaakt maar niet aangemeld.`,
          en: `${configFile} is not valid JSON; the plugin was created but not registered.`,
        },
      })
    }
  }
  let spec = relative(dirname(configFile), dir).split(sep).join('/')
  if (!spec.startsWith('.')) spec = `./${spec}`
  const plugins = Array.isArray(config.plugins) ? (config.plugins as unknown[]) : []
  if (!plugins.includes(spec)) plugins.push(spec)
  writeFileSync(configFile, templates.json({ ...config, plugins }))
}

/**
 * Creates a plugin package with one example node, its test, a README, tsconfig files and a
 * build script, and registers it in `warmflow.config.json`. Inside the Warmflow workspace
 * (`plugins/<name>`) it depends on the engine with `workspace:*`; elsewhere with a `link:` to
 * this repository's `packages/engine`, so installing needs no new downloads.
 *
 * @example
 * const created = createNodePlugin({ name: 'client-lookup' })
 * console.log(created.nextSteps.join('\n'))
 */
export function createNodePlugin(options: CreateNodeOptions): CreatedNodePlugin {
  const match = namePattern.exec(options.name)
  if (!match) {
    throw new CreateNodeError('create_node.invalid_name', `"${options.name}" is not a valid plugin name`, {
      text: {
        nl: `"${options.name}" is geen geldige naam. Gebruik kleine letters, cijfers en streepjes, bijvoorbeeld client-lookup of @zorg/client-lookup.`,
        en: `"${options.name}" is not a valid name. Use lower-case letters, digits and dashes, for example client-lookup or @zorg/client-lookup.`,
      },
    })
  }
  const shortName = match[2]!
  const cwd = resolve(options.cwd ?? process.cwd())
  const root = resolve(options.warmflowRoot ?? warmflowRoot)
  const dir = resolve(cwd, options.dir ?? join('plugins', shortName))
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new CreateNodeError('create_node.exists', `${dir} already exists and is not empty`, {
      text: {
        nl: `De map ${dir} bestaat al en is niet leeg. Kies een andere naam of map.`,
        en: `The folder ${dir} already exists and is not empty. Choose another name or folder.`,
      },
    })
  }
  const workspace = inWorkspace(root, dir)
  const engineDir = join(root, 'packages/engine')
  const values: templates.TemplateValues = {
    packageName: match[1] ? options.name : `warmflow-plugin-${shortName}`,
    shortName,
    nodeType: `${shortName}.welcome`,
    nodeFile: 'welcome',
    nodeExport: `${camel(shortName)}Welcome`,
    engineRange: `^${engineVersion}`,
    engineDevSpec: workspace ? 'workspace:*' : `link:${relative(dir, engineDir).split(sep).join('/')}`,
    versions: toolVersions(root),
  }
  const files: Record<string, string> = {
    'package.json': templates.packageJson(values),
    'tsconfig.json': templates.tsconfig(),
    'tsconfig.build.json': templates.tsconfigBuild(),
    'vitest.config.ts': templates.vitestConfig(),
    '.gitignore': templates.gitignore(),
    'README.md': templates.readme(values, workspace),
    'src/index.ts': templates.indexSource(values),
    [`src/${values.nodeFile}.ts`]: templates.nodeSource(values),
    [`src/${values.nodeFile}.test.ts`]: templates.nodeTest(values),
  }
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), content)
  }
  const configFile =
    options.configFile === false ? undefined : resolve(cwd, options.configFile ?? 'warmflow.config.json')
  if (configFile) registerPlugin(configFile, dir)
  const filter = `pnpm --filter ${values.packageName}`
  const nextSteps = workspace
    ? ['pnpm install', `${filter} test`, `${filter} build`, 'pnpm start']
    : [`cd ${relative(cwd, dir) || '.'}`, 'pnpm install', 'pnpm test', 'pnpm build']
  return {
    dir,
    packageName: values.packageName,
    nodeType: values.nodeType,
    files: Object.keys(files),
    inWorkspace: workspace,
    configFile,
    nextSteps,
  }
}

/**
 * `warmflow create-node <name> [--dir <folder>] [--config <file> | --no-register]`.
 *
 * @example
 * await createNodeCommand(['client-lookup', '--dir', 'plugins/client-lookup'])
 */
export async function createNodeCommand(args: readonly string[], cwd: string = process.cwd()): Promise<void> {
  let name: string | undefined
  let dir: string | undefined
  let configFile: string | false | undefined
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--dir') dir = args[++i]
    else if (arg === '--config') configFile = args[++i]
    else if (arg === '--no-register') configFile = false
    else if (!arg.startsWith('-') && name === undefined) name = arg
    else {
      throw new CreateNodeError('create_node.usage', `Unknown option ${arg}`, {
        text: { nl: `Onbekende optie ${arg}.`, en: `Unknown option ${arg}.` },
      })
    }
  }
  if (!name) {
    throw new CreateNodeError(
      'create_node.usage',
      'Usage: warmflow create-node <name> [--dir <folder>] [--config <file> | --no-register]',
      {
        text: {
          nl: 'Gebruik: warmflow create-node <naam> [--dir <map>] [--config <bestand> | --no-register]',
          en: 'Usage: warmflow create-node <name> [--dir <folder>] [--config <file> | --no-register]',
        },
      },
    )
  }
  const created = createNodePlugin({
    name,
    cwd,
    ...(dir === undefined ? {} : { dir }),
    ...(configFile === undefined ? {} : { configFile }),
  })
  const say = (line: string) => process.stdout.write(`${line}\n`)
  say(`Created / gemaakt: ${created.packageName} in ${created.dir}`)
  for (const file of created.files) say(`  ${file}`)
  say(`Example node / voorbeeldblok: ${created.nodeType}@1`)
  if (created.configFile) say(`Registered in / aangemeld in: ${created.configFile}`)
  say('')
  say('Next / daarna:')
  for (const step of created.nextSteps) say(`  ${step}`)
}
