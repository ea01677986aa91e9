import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { dirname } from 'node:path'
import { WarmflowError } from '@warmflow/engine'

/** What a lock file holds: who holds it, since when, and for what. */
export interface LockInfo {
  pid: number
  startedAt: string
  /** What the holder serves, to name it in the refusal (e.g. the Temporal address). */
  address?: string
  /**
   * The process the holder works for. When it is gone, the holder is shutting down (a guard
   * stopping its server after its parent died), and a new taker waits for it rather than refuse.
   */
  parentPid?: number
}

/** A second process tried to use a data folder a living process already uses. */
export class DataFolderInUseError extends WarmflowError {
  readonly holder: LockInfo

  constructor(lockFile: string, holder: LockInfo) {
    const at = holder.address ? ` (${holder.address})` : ''
    const text = {
      nl: `Er draait al een Temporal-server op deze datamap${at}, van proces ${holder.pid}. Stop die eerst, of kies een andere WARMFLOW_DATA_DIR. Slot: ${lockFile}`,
      en: `A Temporal server already runs on this data folder${at}, in process ${holder.pid}. Stop it first, or choose another WARMFLOW_DATA_DIR. Lock: ${lockFile}`,
    }
    super('start.data_folder_in_use', `${text.en}\n${text.nl}`, { text, details: { pid: holder.pid } })
    this.holder = holder
  }
}

/** Linux: a process that ended but was not collected by its parent yet (a zombie) is not alive. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')
  } catch {
    return false
  }
}

/**
 * Whether a process with this id runs. A process of another user counts as running (EPERM);
 * an ended one that its parent has not collected yet (a zombie) does not.
 *
 * @example
 * processIsAlive(process.pid) // true
 */
export function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  return !isZombie(pid)
}

/**
 * Reads a lock file; undefined when it is missing or unreadable.
 *
 * @example
 * const holder = readLock('.data/temporal.db.lock')
 */
export function readLock(lockFile: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(lockFile, 'utf8')) as Partial<LockInfo>
    return typeof info.pid === 'number' ? (info as LockInfo) : undefined
  } catch {
    return undefined
  }
}

/** A lock this process holds. */
export interface HeldLock {
  file: string
  /** Writes who holds it now (another pid, e.g. a child that outlives this call), and for what. */
  update(info: Partial<LockInfo>): void
  /** Removes the lock file, if it still names the holder. */
  release(): void
}

/** Options for {@link acquireLock}. */
export interface AcquireLockOptions {
  /** How long to wait for a holder whose parent is gone to finish stopping. Default 15 000 ms. */
  orphanWaitMs?: number
}

/**
 * Takes a lock file with this process's id, created atomically. A lock whose process is gone
 * (a crash, kill -9) is stale and taken over; a holder whose parent is gone is waited for (it is
 * stopping); a lock of a living process that still works for a living parent is refused with
 * {@link DataFolderInUseError}.
 *
 * @example
 * const lock = await acquireLock('.data/temporal.db.lock', { address: '127.0.0.1:7233' })
 * // ...
 * lock.release()
 */
export async function acquireLock(
  lockFile: string,
  info: Partial<LockInfo> = {},
  options: AcquireLockOptions = {},
): Promise<HeldLock> {
  const waitUntil = Date.now() + (options.orphanWaitMs ?? 15_000)
  for (;;) {
    try {
      return takeLock(lockFile, info)
    } catch (error) {
      const holder = error instanceof DataFolderInUseError ? error.holder : undefined
      const orphaned = holder?.parentPid !== undefined && !processIsAlive(holder.parentPid)
      if (!orphaned || Date.now() > waitUntil) throw error
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

function takeLock(lockFile: string, info: Partial<LockInfo>): HeldLock {
  mkdirSync(dirname(lockFile), { recursive: true })
  let current: LockInfo = { pid: process.pid, startedAt: new Date().toISOString(), ...info }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600)
      try {
        writeSync(fd, JSON.stringify(current))
      } finally {
        closeSync(fd)
      }
      return {
        file: lockFile,
        update(next) {
          current = { ...current, ...next }
          // Replace in one step, so a reader never sees half a file.
          writeFileSync(`${lockFile}.${process.pid}.tmp`, JSON.stringify(current), { mode: 0o600 })
          renameSync(`${lockFile}.${process.pid}.tmp`, lockFile)
        },
        release() {
          if (readLock(lockFile)?.pid === current.pid) rmSync(lockFile, { force: true })
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = readLock(lockFile)
    if (holder && processIsAlive(holder.pid)) throw new DataFolderInUseError(lockFile, holder)
    // Stale (its process is gone) or unreadable: move it aside and try again; of two processes
    // doing this at once, the exclusive create above lets only one win.
    try {
      renameSync(lockFile, `${lockFile}.stale`)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
  const holder = readLock(lockFile)
  throw new DataFolderInUseError(lockFile, holder ?? { pid: 0, startedAt: '' })
}
