// `pnpm bench:start`: how fast `pnpm start` is healthy and how much memory its whole process
// tree holds at rest. For each checkout (this one, and the one in `BENCH_START_BASE` to compare
// with, e.g. a `git worktree` of an older commit) it runs `pnpm start` on a scratch data folder,
// a scratch database, a free HTTP port and a free Temporal port (with the load average, since
// times on a busy machine are higher):
//   1. a first start (a new data folder: migrations, example flows, the first administrator;
//      it builds the editor when its sources changed),
//   2. `BENCH_TRIES` (3) more starts on the same folder with nothing changed, timed from
//      spawning `pnpm start` to `GET /health` answering 200 and the banner printed,
//   3. after the last of them `BENCH_IDLE_S` (30) seconds idle, then the RSS and PSS of every
//      process in the tree (pnpm, the supervisor, the API+worker, the Temporal guard and dev
//      server, and anything else still running under it, such as a bundler's service).
// Each start is stopped as Ctrl+C in a terminal stops it (SIGINT to its process group); a
// process still alive 30 s later is reported and killed. Prints a table, with ratios when a
// base is given.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { appUrlFor, createScratchDatabase, ensurePostgres, freePort } from '@warmflow/cli/services'

const tries = Number(process.env.BENCH_TRIES ?? 3)
const idleMs = Number(process.env.BENCH_IDLE_S ?? 30) * 1000
const here = fileURLToPath(new URL('..', import.meta.url))
const base = process.env.BENCH_START_BASE ? resolve(process.env.BENCH_START_BASE) : undefined
const healthyTimeoutMs = 240_000
const stopTimeoutMs = 30_000

interface ProcessInfo {
  pid: number
  ppid: number
  comm: string
  cmdline: string
}

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()
    return { pid, ppid, comm, cmdline }
  } catch {
    return undefined
  }
}

/** The process and everything started under it, parents before children. */
function processTree(root: number): ProcessInfo[] {
  const all = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readProcess(Number(entry)))
    .filter((p): p is ProcessInfo => p !== undefined)
  const tree: ProcessInfo[] = []
  const rootInfo = all.find((p) => p.pid === root)
  if (!rootInfo) return tree
  const queue = [rootInfo]
  while (queue.length) {
    const next = queue.shift() as ProcessInfo
    tree.push(next)
    queue.push(...all.filter((p) => p.ppid === next.pid))
  }
  return tree
}

function kbField(file: string, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'))
    return match ? Number(match[1]) / 1024 : 0
  } catch {
    return 0
  }
}

/** What a process in the tree is, for the table. */
function roleOf(p: ProcessInfo, tree: ProcessInfo[]): string {
  if (p.comm === 'temporal') return 'Temporal dev server'
  if (p.comm === 'sh' || p.comm === 'bash') return 'shell'
  if (p.comm === 'esbuild') return 'esbuild service'
  if (p.cmdline.includes('parent-guard.mjs')) return 'Temporal guard (node)'
  if (p.cmdline.includes('warmflow.mjs start')) {
    const parent = tree.find((q) => q.pid === p.ppid)
    return parent?.cmdline.includes('warmflow.mjs start') && parent.comm !== 'sh'
      ? 'API+worker (node)'
      : 'supervisor (node)'
  }
  if (p.comm === 'pnpm' || /\bpnpm\b/.test(p.cmdline)) return 'pnpm'
  return p.comm
}

interface Sample {
  role: string
  rssMb: number
  pssMb: number
}

function sampleTree(root: number): Sample[] {
  const tree = processTree(root)
  return tree.map((p) => ({
    role: roleOf(p, tree),
    rssMb: kbField(`/proc/${p.pid}/status`, 'VmRSS'),
    pssMb: kbField(`/proc/${p.pid}/smaps_rollup`, 'Pss'),
  }))
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) })
    await response.body?.cancel()
    return response.status === 200
  } catch {
    return false
  }
}

interface Running {
  child: ChildProcess
  msToHealthy: number
  output: () => string
}

async function startOnce(tree: string, env: NodeJS.ProcessEnv, port: number): Promise<Running> {
  const startedAt = performance.now()
  // Its own process group, so SIGINT reaches pnpm and everything in its group, as Ctrl+C does.
  const child = spawn('pnpm', ['start'], {
    cwd: tree,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  let exited = false
  child.once('exit', () => {
    exited = true
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + healthyTimeoutMs
  while (!(output.includes('Warmflow is running') && (await healthy(url)))) {
    if (exited || Date.now() > deadline) {
      await stopTree(child)
      throw new Error(`pnpm start in ${tree} did not become healthy:\n${output.slice(-3000)}`)
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  return { child, msToHealthy: performance.now() - startedAt, output: () => output }
}

/** Stops a start as Ctrl+C does; returns what was still running after {@link stopTimeoutMs}. */
async function stopTree(child: ChildProcess): Promise<string[]> {
  const pid = child.pid as number
  const pids = processTree(pid).map((p) => p.pid)
  const tree = processTree(pid)
  try {
    process.kill(-pid, 'SIGINT')
  } catch {
    // already gone
  }
  const deadline = Date.now() + stopTimeoutMs
  const alive = () => pids.filter((p) => readProcess(p) !== undefined && !isZombie(p))
  while (alive().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  const left = alive()
  for (const p of left) {
    try {
      process.kill(p, 'SIGKILL')
    } catch {
      // ended meanwhile
    }
  }
  return left.map((p) => roleOf(tree.find((q) => q.pid === p) as ProcessInfo, tree))
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')
  } catch {
    return true
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

interface TreeResult {
  tree: string
  firstStartMs: number
  startsMs: number[]
  samples: Sample[]
  /** Per timed start: whether it built the editor or bundled the workflow (sources changed meanwhile). */
  built: boolean[]
  leftovers: string[]
}

async function measure(tree: string, ownerUrl: string): Promise<TreeResult> {
  const scratch = await createScratchDatabase(ownerUrl, 'warmflow_bench_start')
  const dataDir = mkdtempSync(join(tmpdir(), 'warmflow-bench-start-'))
  const port = await freePort()
  const { DATABASE_URL: _ignored, ...rest } = process.env
  const env: NodeJS.ProcessEnv = {
    ...rest,
    PORT: String(port),
    WARMFLOW_DATA_DIR: dataDir,
    WARMFLOW_TEMPORAL_PORT: String(await freePort()),
    DATABASE_URL: appUrlFor(scratch.url, rest),
    DATABASE_MIGRATION_URL: scratch.url,
  }
  const leftovers: string[] = []
  try {
    process.stdout.write(`${tree}: first start…\n`)
    const first = await startOnce(tree, env, port)
    leftovers.push(...(await stopTree(first.child)))
    const startsMs: number[] = []
    let samples: Sample[] = []
    const built: boolean[] = []
    for (let i = 0; i < tries; i++) {
      const running = await startOnce(tree, env, port)
      startsMs.push(running.msToHealthy)
      process.stdout.write(
        `${tree}: start ${i + 1}: healthy in ${(running.msToHealthy / 1000).toFixed(2)} s\n`,
      )
      built.push(
        /vite v\d|building for production|Workflow code: bundling|Warmflow: compiling/.test(running.output()),
      )
      if (i === tries - 1) {
        await new Promise((r) => setTimeout(r, idleMs))
        samples = sampleTree(running.child.pid as number)
      }
      leftovers.push(...(await stopTree(running.child)))
    }
    return { tree, firstStartMs: first.msToHealthy, startsMs, samples, built, leftovers }
  } finally {
    await scratch.drop().catch(() => undefined)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

function byRole(samples: Sample[]): Map<string, { rssMb: number; pssMb: number; count: number }> {
  const roles = new Map<string, { rssMb: number; pssMb: number; count: number }>()
  for (const s of samples) {
    const entry = roles.get(s.role) ?? { rssMb: 0, pssMb: 0, count: 0 }
    entry.rssMb += s.rssMb
    entry.pssMb += s.pssMb
    entry.count++
    roles.set(s.role, entry)
  }
  return roles
}

/** The load average (1, 5, 15 minutes): times measured on a busy machine are higher. */
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')
const loadAtStart = load()
const ownerUrl = await ensurePostgres(process.env)
const results: TreeResult[] = []
if (base) results.push(await measure(base, ownerUrl))
results.push(await measure(here, ownerUrl))

const [before, after] = results.length === 2 ? results : [undefined, results[0] as TreeResult]
const mb = (n: number | undefined) => (n === undefined ? '—' : `${n.toFixed(0)} MB`)
const s = (n: number | undefined) => (n === undefined ? '—' : `${(n / 1000).toFixed(2)} s`)
const ratio = (b: number | undefined, a: number) =>
  b === undefined || b === 0 ? '—' : `${(a / b).toFixed(2)}×`
const rows: [string, string, string, string][] = []
const add = (label: string, b: number | undefined, a: number, format: (n: number | undefined) => string) =>
  rows.push([label, format(b), format(a), ratio(b, a)])

add('first start (new data folder), to healthy', before?.firstStartMs, after.firstStartMs, s)
add(
  `start, nothing changed, to healthy (median of ${tries})`,
  before && median(before.startsMs),
  median(after.startsMs),
  s,
)
const beforeRoles = before ? byRole(before.samples) : new Map()
const afterRoles = byRole(after.samples)
for (const role of new Set([...beforeRoles.keys(), ...afterRoles.keys()])) {
  const b = beforeRoles.get(role)
  const a = afterRoles.get(role)
  add(
    `RSS at rest: ${role}${(a?.count ?? b?.count ?? 1) > 1 ? ` (${a?.count ?? b?.count} processes)` : ''}`,
    before ? (b?.rssMb ?? 0) : undefined,
    a?.rssMb ?? 0,
    mb,
  )
}
const sum = (samples: Sample[], key: 'rssMb' | 'pssMb') => samples.reduce((t, x) => t + x[key], 0)
add('RSS at rest, whole tree', before && sum(before.samples, 'rssMb'), sum(after.samples, 'rssMb'), mb)
add(
  'PSS at rest, whole tree (shared pages counted once)',
  before && sum(before.samples, 'pssMb'),
  sum(after.samples, 'pssMb'),
  mb,
)
const builtCount = (r: TreeResult) => `${r.built.filter(Boolean).length} of ${r.built.length}`
rows.push([
  'timed starts that built the editor or bundled workflows',
  before ? builtCount(before) : '—',
  builtCount(after),
  '',
])
const quiet = (r: TreeResult) => r.startsMs.filter((_, i) => !r.built[i])
if (quiet(after).length || (before && quiet(before).length)) {
  const b = before && quiet(before).length ? median(quiet(before)) : undefined
  const a = quiet(after)
  rows.push([
    'start that built nothing, to healthy (median)',
    s(b),
    a.length ? s(median(a)) : '—',
    a.length ? ratio(b, median(a)) : '—',
  ])
}
rows.push([
  'processes left running 30 s after Ctrl+C',
  before ? before.leftovers.join(', ') || 'none' : '—',
  after.leftovers.join(', ') || 'none',
  '',
])

const header: [string, string, string, string] = [
  '',
  base ? 'before' : '',
  base ? 'after' : 'this checkout',
  base ? 'after/before' : '',
]
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)))
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`
process.stdout.write(
  `\n${line(header)}\n|${widths.map((w, i) => `${i === 0 ? ':' : ''}${'-'.repeat(w + 1)}${i === 0 ? '' : ':'}`).join('|')}|\n`,
)
for (const row of rows) process.stdout.write(`${line(row)}\n`)
process.stdout.write(
  `\nIdle ${idleMs / 1000} s before the memory sample; targets: whole tree ≤ 450 MB, to healthy ≤ 5 s.\n` +
    `Load average (1, 5, 15 min) at the start: ${loadAtStart}; at the end: ${load()} (${availableParallelism()} cores).\n` +
    (base ? `before: ${base}\nafter:  ${here}\n` : ''),
)
