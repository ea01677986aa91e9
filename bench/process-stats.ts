// CPU time and memory of processes on this machine, from /proc (Linux).
import { readdirSync, readFileSync } from 'node:fs'

/** Resident memory of a process in MB (0 when it is gone). */
export function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : 0
  } catch {
    return 0
  }
}

/**
 * PostgreSQL processes on this machine: with `databases`, only the backends serving one of them
 * (their process title names the database), so other users of the server are not counted.
 */
export function postgresPids(databases?: readonly string[]): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue
      if (databases) {
        // e.g. "postgres: 15/main: warmflow warmflow_bench_x 127.0.0.1(5432) idle"
        const words = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').split(/\s+/)
        if (!databases.some((name) => words.includes(name))) continue
      }
      pids.push(Number(entry))
    } catch {
      // the process ended meanwhile
    }
  }
  return pids
}

/** Resident memory of PostgreSQL's processes (see {@link postgresPids}) together, in MB. */
export const postgresRss = (databases?: readonly string[]) =>
  postgresPids(databases).reduce((total, pid) => total + rssOf(pid), 0)

/** CPU time (user + system, every thread) a process has used so far, in ms. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return 0
  }
}

/** CPU time of PostgreSQL's processes now, by pid (backends come and go with the pools). */
export const postgresCpu = (databases?: readonly string[]) =>
  new Map(postgresPids(databases).map((pid) => [pid, cpuMsOf(pid)]))

/** CPU ms PostgreSQL used since `before` (each backend counted from its first sight). */
export const postgresCpuSince = (before: Map<number, number>, databases?: readonly string[]) =>
  [...postgresCpu(databases)].reduce((total, [pid, ms]) => total + ms - (before.get(pid) ?? 0), 0)
