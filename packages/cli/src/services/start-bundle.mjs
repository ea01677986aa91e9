// The compiled code of `warmflow start`: the CLI and every workspace package it loads, bundled
// by esbuild into plain JavaScript, so the supervisor and the API+worker run without tsx (no
// module hooks thread, no compiling at start, no source maps kept for every module). Plain
// JavaScript itself, because it runs before anything can compile TypeScript.
//
// The bundle is kept in `packages/cli/dist/start-<hash>/` with a manifest naming the files it was
// made from; a start checks their hash and builds a new bundle only when one of them changed.
// Libraries from node_modules are not bundled: each import of one is resolved at build time, as
// Node.js would resolve it from the importing source file, and kept as that file's URL. Native
// modules, the Temporal SDK's workflow threads and everything else a library finds next to itself
// work as before.
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { join, relative, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** Changes when the way the bundle is built changes: every older bundle is then built again. */
const bundleFormat = 3
const manifestName = 'start-bundle.json'
const bundleDirPattern = /^start-[0-9a-f]{16}$/
/** Bundles kept besides the newest: a running start may still load a chunk from its own. */
const keptOlderBundles = 2
const builtins = new Set(builtinModules)
const ownSource = fileURLToPath(import.meta.url)

/**
 * The folder compiled bundles of `warmflow start` are kept in.
 *
 * @param {string} root the repository
 * @returns {string}
 */
export function startBundleCacheDir(root) {
  return join(root, 'packages', 'cli', 'dist')
}

/**
 * @param {string} root
 * @param {readonly string[]} inputs paths relative to `root`
 * @param {Map<string, Buffer>} [read] contents already read (by the build), by path
 * @returns {string} sha256 over each file's path and contents, with this file's own source
 */
function hashInputs(root, inputs, read = new Map()) {
  const hash = createHash('sha256')
  hash.update(`format ${bundleFormat}\0`)
  hash.update(readFileSync(ownSource))
  for (const input of inputs) {
    hash.update(`\0${input}\0`)
    try {
      hash.update(read.get(input) ?? readFileSync(join(root, input)))
    } catch {
      hash.update('(missing)')
    }
  }
  return hash.digest('hex')
}

/**
 * The bundle's entry file when a bundle made from the current sources is there; undefined when
 * there is none or one of its sources changed.
 *
 * @param {string} root the repository
 * @param {string} [cacheDir]
 * @returns {string | undefined}
 */
export function cachedStartBundle(root, cacheDir = startBundleCacheDir(root)) {
  let manifest
  try {
    manifest = JSON.parse(readFileSync(join(cacheDir, manifestName), 'utf8'))
  } catch {
    return undefined
  }
  if (manifest?.format !== bundleFormat || manifest.root !== root || !Array.isArray(manifest.inputs))
    return undefined
  if (typeof manifest.dir !== 'string' || !bundleDirPattern.test(manifest.dir)) return undefined
  const entry = join(cacheDir, manifest.dir, 'bin.js')
  if (!existsSync(entry) || hashInputs(root, manifest.inputs) !== manifest.hash) return undefined
  return entry
}

/**
 * The files besides the sources esbuild read that decide what the bundle holds: every workspace
 * package's manifest (its exports), the TypeScript settings and the lockfile (which library
 * file an import resolves to).
 *
 * @param {string} root
 * @returns {string[]}
 */
function settingsInputs(root) {
  const packages = readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, 'packages', entry.name, 'package.json')))
    .map((entry) => `packages/${entry.name}/package.json`)
  return [...packages, 'tsconfig.base.json', 'pnpm-lock.yaml']
}

/** @param {string} path */
function loaderFor(path) {
  if (path.endsWith('.tsx')) return 'tsx'
  if (/\.[cm]?ts$/.test(path)) return 'ts'
  if (path.endsWith('.json')) return 'json'
  return 'js'
}

const resolving = Symbol('resolving')

/**
 * Where each value the engine exports is declared: `export class|const|function <name>` in
 * one of its source files (names declared in two files are left out).
 *
 * @param {string} engineDir the engine's `src` folder
 * @returns {Map<string, string>}
 */
function engineDeclarations(engineDir) {
  const found = new Map()
  const twice = new Set()
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) visit(path)
      else if (/\.ts$/.test(entry.name) && !/\.test(-d)?\.ts$/.test(entry.name)) {
        const source = readFileSync(path, 'utf8')
        for (const match of source.matchAll(
          /^export (?:abstract )?(?:class|const|let|function|async function) ([A-Za-z_$][\w$]*)/gm,
        )) {
          const name = match[1]
          if (found.has(name) && found.get(name) !== path) twice.add(name)
          found.set(name, path)
        }
      }
    }
  }
  visit(engineDir)
  for (const name of twice) found.delete(name)
  return found
}

/**
 * Imports from the engine's index rewritten to the files that declare them. esbuild puts every
 * file a process can reach into the chunks it loads, used or not; through the index the
 * supervisor, which needs only the engine's error class and search attributes, would load the
 * whole engine and its libraries. An import naming anything not found stays as it is.
 *
 * @param {string} source
 * @param {Map<string, string>} declarations
 * @returns {string}
 */
function directEngineImports(source, declarations) {
  return source.replace(/^import \{([^}]*)\} from '@warmflow\/engine'$/gm, (statement, list) => {
    const names = list
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name && !name.startsWith('type '))
    const byFile = new Map()
    for (const name of names) {
      const file = declarations.get(name.split(/\s+as\s+/)[0] ?? '')
      if (!file) return statement
      byFile.set(file, [...(byFile.get(file) ?? []), name])
    }
    return [...byFile]
      .map(([file, imported]) => `import { ${imported.join(', ')} } from ${JSON.stringify(file)}`)
      .join('\n')
  })
}

/**
 * esbuild plugin: our own packages are bundled; every other package stays outside, imported by
 * the file URL Node.js would resolve it to from the importing source; `import.meta.url` in our
 * sources stays the URL of the source file (files next to it are found as before); imports from
 * the engine's index go to the files that declare them ({@link directEngineImports}).
 *
 * @param {string} root
 * @param {Map<string, Buffer>} read filled with each source file bundled, by path from `root`
 * @returns {import('esbuild').Plugin}
 */
function startBundlePlugin(root, read) {
  return {
    name: 'warmflow-start-bundle',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === resolving) return undefined
        const name = args.path.startsWith('@')
          ? args.path.split('/').slice(0, 2).join('/')
          : args.path.split('/')[0]
        if (args.path.startsWith('node:') || builtins.has(name ?? ''))
          return { path: args.path, external: true }
        if (name?.startsWith('@warmflow/')) return undefined
        const found = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: resolving,
        })
        if (found.errors.length) return { errors: found.errors }
        return { path: pathToFileURL(found.path).href, external: true }
      })
      const declarations = engineDeclarations(join(root, 'packages', 'engine', 'src'))
      build.onLoad({ filter: /\.([cm]?[jt]sx?|json)$/ }, (args) => {
        if (!args.path.startsWith(root) || args.path.includes(`${sep}node_modules${sep}`)) return undefined
        const bytes = readFileSync(args.path)
        // The manifest's hash is over what was bundled, even when a file changes meanwhile.
        read.set(relative(root, args.path), bytes)
        const source = bytes.toString('utf8')
        const direct = source.includes("from '@warmflow/engine'")
          ? directEngineImports(source, declarations)
          : source
        return {
          contents: direct.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
          loader: loaderFor(args.path),
        }
      })
    },
  }
}

/**
 * Bundles `packages/cli/src/bin.ts` and everything of ours it imports into a new folder in
 * `cacheDir` (one chunk per dynamically imported module, so each process loads only what it
 * runs), writes the manifest and removes all but the newest older bundles. Returns the entry.
 *
 * @param {string} root the repository
 * @param {string} [cacheDir]
 * @returns {Promise<string>}
 */
export async function buildStartBundle(root, cacheDir = startBundleCacheDir(root)) {
  // esbuild as tsx depends on it: no dependency of our own for it.
  const fromCli = createRequire(join(root, 'packages', 'cli', 'package.json'))
  const esbuild = createRequire(fromCli.resolve('tsx/package.json'))('esbuild')
  mkdirSync(cacheDir, { recursive: true })
  const building = join(cacheDir, `.building-${process.pid}-${Date.now()}`)
  const read = new Map()
  try {
    const result = await esbuild.build({
      entryPoints: { bin: join(root, 'packages', 'cli', 'src', 'bin.ts') },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Node.js's own conditions only ("import", "node", "default"), as it resolves at run time.
      conditions: [],
      absWorkingDir: root,
      outdir: building,
      chunkNames: 'chunks/[name]-[hash]',
      sourcemap: 'linked',
      sourcesContent: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [startBundlePlugin(root, read)],
    })
    const inputs = [
      ...Object.keys(result.metafile.inputs)
        .map((input) => relative(root, resolve(root, input)))
        .filter((input) => !input.startsWith('..') && !input.includes('node_modules')),
      ...settingsInputs(root),
    ].sort()
    const hash = hashInputs(root, inputs, read)
    const dir = `start-${hash.slice(0, 16)}`
    const target = join(cacheDir, dir)
    // A folder is only ever made whole, by this rename: when another start made the same bundle
    // first, the rename fails and that one is used.
    try {
      renameSync(building, target)
    } catch (error) {
      if (!existsSync(join(target, 'bin.js'))) throw error
    }
    // Written next to its place and renamed: a start never reads half a manifest.
    const partial = join(cacheDir, `${manifestName}.${process.pid}.partial`)
    writeFileSync(partial, `${JSON.stringify({ format: bundleFormat, root, hash, dir, inputs }, null, 1)}\n`)
    renameSync(partial, join(cacheDir, manifestName))
    removeOlderBundles(cacheDir, dir)
    return join(target, 'bin.js')
  } finally {
    rmSync(building, { recursive: true, force: true })
    await esbuild.stop?.()
  }
}

/** @param {string} cacheDir @param {string} current */
function removeOlderBundles(cacheDir, current) {
  const older = readdirSync(cacheDir)
    .filter((entry) => bundleDirPattern.test(entry) && entry !== current)
    .map((entry) => ({ entry, time: statSync(join(cacheDir, entry)).mtimeMs }))
    .sort((a, b) => b.time - a.time)
  for (const { entry } of older.slice(keptOlderBundles))
    rmSync(join(cacheDir, entry), { recursive: true, force: true })
}

/**
 * The entry of the compiled bundle for the current sources: the cached one, or a new one built
 * now (a second or two; it says so in one line). Undefined, after one line on standard error,
 * when it cannot be built: the caller then runs the TypeScript sources through tsx.
 *
 * @param {string} root the repository
 * @param {{ log?: (line: string) => void, cacheDir?: string }} [options]
 * @returns {Promise<string | undefined>}
 */
export async function ensureStartBundle(root, options = {}) {
  const cacheDir = options.cacheDir ?? startBundleCacheDir(root)
  const cached = cachedStartBundle(root, cacheDir)
  if (cached) return cached
  const log = options.log ?? ((line) => process.stdout.write(`${line}\n`))
  log('Warmflow: compiling its code (its sources changed) / Warmflow compileert zijn code…')
  try {
    return await buildStartBundle(root, cacheDir)
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    process.stderr.write(
      `Compiling failed, running the TypeScript sources instead (${reason}). / ` +
        'Compileren is mislukt; Warmflow draait de TypeScript-bronnen.\n',
    )
    return undefined
  }
}
