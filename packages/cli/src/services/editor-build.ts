import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, sep } from 'node:path'
import { WarmflowError } from '@warmflow/engine'

/** Folders never part of what the editor's build reads. */
const skippedFolders = new Set(['node_modules', 'dist', '.vite', 'coverage', 'test-results'])
/** Tests beside the code are never bundled: changing one needs no new build. */
const testFile = /\.test\.tsx?$/
/** Where the hash of the sources a build was made from is kept, inside the build's folder. */
export const editorHashFile = '.source-hash'

function filesUnder(dir: string, into: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name)) filesUnder(join(dir, entry.name), into)
    } else if (entry.isFile() && !testFile.test(entry.name)) {
      into.push(join(dir, entry.name))
    }
  }
}

interface WorkspacePackage {
  name: string
  dir: string
  workspaceDependencies: string[]
}

function readPackage(dir: string): WorkspacePackage | undefined {
  const file = join(dir, 'package.json')
  if (!existsSync(file)) return undefined
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
    name?: string
    dependencies?: Record<string, string>
    devDependencies?: Record<string, string>
  }
  const all = { ...manifest.dependencies, ...manifest.devDependencies }
  return {
    name: manifest.name ?? '',
    dir,
    workspaceDependencies: Object.entries(all)
      .filter(([, version]) => version.startsWith('workspace:'))
      .map(([name]) => name),
  }
}

/**
 * The files of a workspace package and of every workspace package it depends on (transitively),
 * relative to the repository root, without tests and build output, plus the lockfile, which pins
 * every library they use.
 *
 * @example
 * workspaceInputs('/work/warmflow', 'editor') // ['packages/editor/index.html', …, 'pnpm-lock.yaml']
 */
export function workspaceInputs(root: string, packageDir: string): string[] {
  const packagesDir = join(root, 'packages')
  const byName = new Map<string, WorkspacePackage>()
  for (const entry of readdirSync(packagesDir, { withFileTypes: true })) {
    const pkg = entry.isDirectory() ? readPackage(join(packagesDir, entry.name)) : undefined
    if (pkg) byName.set(pkg.name, pkg)
  }
  const first = readPackage(join(packagesDir, packageDir))
  if (!first) throw new Error(`No package in ${join(packagesDir, packageDir)}`)
  const seen = new Set<string>([first.dir])
  const queue = [first]
  const files: string[] = []
  while (queue.length) {
    const pkg = queue.shift() as WorkspacePackage
    filesUnder(pkg.dir, files)
    for (const name of pkg.workspaceDependencies) {
      const dependency = byName.get(name)
      if (dependency && !seen.has(dependency.dir)) {
        seen.add(dependency.dir)
        queue.push(dependency)
      }
    }
  }
  const lockfile = join(root, 'pnpm-lock.yaml')
  if (existsSync(lockfile)) files.push(lockfile)
  return files.map((file) => relative(root, file).split(sep).join('/')).sort()
}

/**
 * A SHA-256 over the names and contents of files (relative to `root`): equal exactly when a
 * build that reads them would read the same.
 *
 * @example
 * const hash = hashFiles(root, workspaceInputs(root, 'engine'))
 */
export function hashFiles(root: string, files: readonly string[]): string {
  const hash = createHash('sha256')
  for (const file of files) {
    const content = readFileSync(join(root, file))
    hash.update(`${file}\0${content.length}\0`)
    hash.update(content)
  }
  return hash.digest('hex')
}

/**
 * The files the editor's build is made from: the editor package (sources, `index.html`, its
 * configuration), every workspace package it bundles, and the lockfile.
 *
 * @example
 * editorBuildInputs('/work/warmflow') // ['packages/editor/index.html', …, 'pnpm-lock.yaml']
 */
export function editorBuildInputs(root: string): string[] {
  return workspaceInputs(root, 'editor')
}

/**
 * A SHA-256 over the names and contents of {@link editorBuildInputs}.
 *
 * @example
 * const hash = editorSourceHash(root)
 */
export function editorSourceHash(root: string): string {
  return hashFiles(root, editorBuildInputs(root))
}

/** Whether the editor's build is up to date with its sources, and the sources' hash. */
export interface EditorBuildState {
  /** `missing`: no build (or one that did not finish); `changed`: built from other sources. */
  state: 'fresh' | 'missing' | 'changed'
  hash: string
}

/** The editor's build folder in a repository. */
export function editorDistDir(root: string): string {
  return join(root, 'packages', 'editor', 'dist')
}

/**
 * Compares the editor's sources with those its build was made from (the hash kept in
 * `packages/editor/dist/.source-hash` by {@link markEditorBuilt}).
 *
 * @example
 * if (editorBuildState(root).state !== 'fresh') await buildEditor(root)
 */
export function editorBuildState(root: string): EditorBuildState {
  const hash = editorSourceHash(root)
  const dist = editorDistDir(root)
  if (!existsSync(join(dist, 'index.html')) || !existsSync(join(dist, editorHashFile))) {
    return { state: 'missing', hash }
  }
  const built = readFileSync(join(dist, editorHashFile), 'utf8').trim()
  return { state: built === hash ? 'fresh' : 'changed', hash }
}

/** Records that the build in `dist` was made from sources with this hash. */
export function markEditorBuilt(root: string, hash: string): void {
  writeFileSync(join(editorDistDir(root), editorHashFile), `${hash}\n`)
}

/** The editor's production build stopped with an error; its own output says why. */
export class EditorBuildFailedError extends WarmflowError {
  constructor(how: string) {
    const text = {
      en: `The editor build failed (${how}); its output above says why.`,
      nl: `Het bouwen van de editor is mislukt (${how}); de uitvoer hierboven zegt waarom.`,
    }
    super('start.editor_build_failed', `${text.en}\n${text.nl}`, { text })
  }
}

/**
 * Runs the editor's production build (`vite build` in `packages/editor`) with its output on this
 * terminal; rejects when it fails.
 */
export function buildEditor(root: string): Promise<void> {
  const editorDir = join(root, 'packages', 'editor')
  const viteManifest = createRequire(join(editorDir, 'package.json')).resolve('vite/package.json')
  const vite = join(dirname(viteManifest), 'bin', 'vite.js')
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build'], { cwd: editorDir, stdio: 'inherit' })
    child.once('error', reject)
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new EditorBuildFailedError(signal ?? `exit code ${code}`)),
    )
  })
}

/**
 * Builds the editor only when its build is missing or was made from other sources, then records
 * the sources' hash next to it. The hash is taken before the build, so a file changed while it
 * runs makes the next start build again.
 *
 * @example
 * await ensureEditorBuilt(root, { log: console.log })
 */
export async function ensureEditorBuilt(
  root: string,
  options: { log: (line: string) => void; build?: (root: string) => Promise<void> },
): Promise<EditorBuildState['state']> {
  const { state, hash } = editorBuildState(root)
  if (state === 'fresh') return state
  options.log(
    state === 'missing'
      ? 'Editor: building it (first start) / de editor wordt gebouwd (eerste start)…'
      : 'Editor: its sources changed, building it again / de bronbestanden zijn gewijzigd, de editor wordt opnieuw gebouwd…',
  )
  await (options.build ?? buildEditor)(root)
  markEditorBuilt(root, hash)
  return state
}
