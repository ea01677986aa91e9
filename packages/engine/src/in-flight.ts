import { createHash } from 'node:crypto'
import {
  accessSync,
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Notes which local activities are running, so one that took its worker process down is not run
 * into a crash loop. Temporal keeps no count for a local activity whose worker died: the workflow
 * task times out, the next worker replays the workflow and runs the same local activity again,
 * as attempt 1. A note written before the node's code runs and removed after it ended (whatever
 * the outcome) survives the process; finding it at the next start means the earlier start never
 * ended. A start that is refused keeps its note (so a replay of it is refused again, even when
 * the workflow task that carried the refusal was lost); such notes go with the daily sweep of
 * notes older than a day.
 */
export interface InFlightLedger {
  /** Notes that `key` starts; returns how many earlier starts of it never ended. */
  start(key: string): number
  /** Notes that `key` ended. */
  end(key: string): void
}

/** Notes older than this are left-overs of runs long gone and are removed. */
const staleMs = 24 * 60 * 60 * 1000

/** The shared-memory file system of Linux: outlives a process, and costs no disk writes. */
const sharedMemory = '/dev/shm'

/**
 * Where the notes go by default: `/dev/shm` where the system has it (a memory file system that
 * outlives the process, so a note written before a crash is there for the next start, and in a
 * container it outlives a restart of the container within its pod), else the temporary folder.
 * Shared by the workers of one machine and user.
 */
export function defaultInFlightFolder(): string {
  const name = `warmflow-in-flight-${process.getuid?.() ?? 'user'}`
  let base = tmpdir()
  try {
    if (statSync(sharedMemory).isDirectory()) {
      accessSync(sharedMemory, constants.W_OK)
      base = sharedMemory
    }
  } catch {
    // No shared memory to write to here.
  }
  return join(base, name)
}

/**
 * An {@link InFlightLedger} of small files in `folder` ({@link defaultInFlightFolder} unless
 * given; a worker takes `WARMFLOW_IN_FLIGHT_DIR`): one file per running local activity, named
 * by a hash of its key, holding the number of starts. Written synchronously before the node's
 * code runs, so it is there even when the process dies on the next line. The folder must be
 * this user's own, not a link and not open to others (it may sit in a folder everyone can
 * write, such as `/tmp`): anything else is refused.
 *
 * @example
 * const ledger = createFileInFlightLedger()
 * if (ledger.start(key) >= 2) refuse()
 * try { await work() } finally { ledger.end(key) }
 */
export function createFileInFlightLedger(folder = defaultInFlightFolder()): InFlightLedger {
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  const made = lstatSync(folder)
  const uid = process.getuid?.()
  if (!made.isDirectory() || (uid !== undefined && made.uid !== uid) || (made.mode & 0o077) !== 0) {
    throw new Error(
      `The in-flight folder ${folder} must be a folder of this user that no one else can open (not a link)`,
    )
  }
  const now = Date.now()
  for (const name of readdirSync(folder)) {
    try {
      if (now - statSync(join(folder, name)).mtimeMs > staleMs) rmSync(join(folder, name), { force: true })
    } catch {
      // Removed by another worker meanwhile.
    }
  }
  const file = (key: string) => join(folder, createHash('sha256').update(key).digest('hex').slice(0, 40))
  return {
    start(key) {
      const path = file(key)
      // The usual case, no note yet, is one exclusive create: no failed read first.
      try {
        const fd = openSync(path, 'wx', 0o600)
        try {
          writeSync(fd, '1')
        } finally {
          closeSync(fd)
        }
        return 0
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      let earlier = 0
      try {
        // A note is there, so at least one start was noted, even if the process died writing it.
        earlier = Math.max(1, Number.parseInt(readFileSync(path, 'utf8'), 10) || 0)
      } catch {
        // Removed meanwhile: counts as no earlier start.
      }
      writeFileSync(path, String(earlier + 1), { mode: 0o600 })
      return earlier
    },
    end(key) {
      try {
        unlinkSync(file(key))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
    },
  }
}
