import { accessSync, constants, existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'
import { run } from '../services/exec.js'

/** The Temporal server version the cluster profile runs: the one the Temporal CLI v1.5.1 embeds. */
export const temporalServerVersion = 'v1.29.1'
/** `go install` module of the Temporal server binary (installed as `server`). */
export const temporalServerModule = `go.temporal.io/server/cmd/server@${temporalServerVersion}`
/** `go install` module of `temporal-sql-tool` (installed as `sql`). */
export const temporalSqlToolModule = `go.temporal.io/server/cmd/tools/sql@${temporalServerVersion}`

/** The Temporal server binary or its SQL tool could not be found or built. */
export class TemporalBinaryMissingError extends Error {
  readonly code = 'cluster.temporal_binary_missing'
  readonly retryable = false

  constructor(what: string, module: string, detail = '') {
    super(
      [
        `${what} was not found and could not be built. / ${what} is niet gevonden en kon niet worden gebouwd.`,
        `Install Go and run / installeer Go en voer uit: go install ${module}`,
        detail,
      ]
        .filter(Boolean)
        .join('\n'),
    )
    this.name = 'TemporalBinaryMissingError'
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The folders `go install` puts binaries in: `GOBIN`, `GOPATH/bin`, `~/go/bin`. */
function goBinDirs(env: NodeJS.ProcessEnv): string[] {
  const gopaths = (env.GOPATH ?? '').split(delimiter).filter(Boolean)
  return [env.GOBIN, ...gopaths.map((path) => join(path, 'bin')), join(homedir(), 'go', 'bin')].filter(
    (dir): dir is string => Boolean(dir),
  )
}

/**
 * Finds the Temporal server binary: `WARMFLOW_TEMPORAL_SERVER`, else `server` or
 * `temporal-server` in Go's bin folders.
 *
 * @example
 * const server = findTemporalServer(process.env)
 */
export function findTemporalServer(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.WARMFLOW_TEMPORAL_SERVER) {
    return executable(env.WARMFLOW_TEMPORAL_SERVER) ? env.WARMFLOW_TEMPORAL_SERVER : undefined
  }
  for (const dir of goBinDirs(env)) {
    for (const name of ['server', 'temporal-server']) {
      if (executable(join(dir, name))) return join(dir, name)
    }
  }
  return undefined
}

/**
 * Finds `temporal-sql-tool`: `WARMFLOW_TEMPORAL_SQL_TOOL`, else `temporal-sql-tool` or `sql` in
 * Go's bin folders.
 *
 * @example
 * const tool = findTemporalSqlTool(process.env)
 */
export function findTemporalSqlTool(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.WARMFLOW_TEMPORAL_SQL_TOOL) {
    return executable(env.WARMFLOW_TEMPORAL_SQL_TOOL) ? env.WARMFLOW_TEMPORAL_SQL_TOOL : undefined
  }
  for (const dir of goBinDirs(env)) {
    for (const name of ['temporal-sql-tool', 'sql']) {
      if (executable(join(dir, name))) return join(dir, name)
    }
  }
  return undefined
}

async function build(
  what: string,
  module: string,
  find: (env: NodeJS.ProcessEnv) => string | undefined,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<string> {
  const found = find(env)
  if (found) return found
  const go = await run('go', ['version'])
  if (go.code !== 0) throw new TemporalBinaryMissingError(what, module)
  log(`Building ${what} (first time only, a few minutes): go install ${module}`)
  const built = await run('go', ['install', module])
  if (built.code !== 0) throw new TemporalBinaryMissingError(what, module, built.stderr.trim().slice(-2000))
  const after = find(env)
  if (!after) throw new TemporalBinaryMissingError(what, module)
  return after
}

/** The two Temporal binaries the cluster profile needs. */
export interface TemporalBinaries {
  server: string
  sqlTool: string
}

/**
 * Returns the Temporal server and `temporal-sql-tool`, building them with `go install` when
 * they are missing and Go is there.
 *
 * @example
 * const { server, sqlTool } = await ensureTemporalBinaries(process.env, console.log)
 */
export async function ensureTemporalBinaries(
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = () => undefined,
): Promise<TemporalBinaries> {
  const server = await build('The Temporal server', temporalServerModule, findTemporalServer, env, log)
  const sqlTool = await build('temporal-sql-tool', temporalSqlToolModule, findTemporalSqlTool, env, log)
  return { server, sqlTool }
}

/**
 * The folder with Temporal's versioned PostgreSQL schema (`…/schema/postgresql/v12/<kind>/versioned`)
 * in Go's module cache, or undefined (the SQL tool then uses the copy built into it).
 *
 * @example
 * schemaDir(process.env, 'temporal')
 */
export async function schemaDir(
  env: NodeJS.ProcessEnv,
  kind: 'temporal' | 'visibility',
): Promise<string | undefined> {
  const modCache =
    env.GOMODCACHE ??
    ((await run('go', ['env', 'GOMODCACHE']).catch(() => undefined))?.stdout.trim() ||
      join(homedir(), 'go', 'pkg', 'mod'))
  const dir = join(
    modCache,
    `go.temporal.io/server@${temporalServerVersion}`,
    'schema/postgresql/v12',
    kind,
    'versioned',
  )
  return existsSync(dir) ? dir : undefined
}
