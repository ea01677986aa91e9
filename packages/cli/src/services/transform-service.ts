import { readdirSync, readFileSync } from 'node:fs'
import { createRequire, register } from 'node:module'
import { MessageChannel } from 'node:worker_threads'

const hooks = new URL('./transform-service-hooks.mjs', import.meta.url)

/**
 * Stops the esbuild service tsx started to compile TypeScript that was not in its cache yet, in
 * this thread and in the module hooks thread: a process of some 16 MB that otherwise stays until
 * this process ends. A later import that needs compiling starts it again. Does nothing when tsx
 * is not loaded.
 *
 * @example
 * await stopTransformService() // once start-up has imported everything
 */
export async function stopTransformService(): Promise<void> {
  let tsxPackage: string
  try {
    // esbuild as tsx resolves it: the instance whose service tsx started.
    tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json')
  } catch {
    return
  }
  // Node.js 22+: tsx compiles in this thread through esbuild's synchronous API, which runs the
  // service from a worker thread of its own; stop() ends that thread but not the service process,
  // which nobody would collect afterwards. So the service processes are ended first, while the
  // threads that started them are there to collect them, and stop() follows, so that a later
  // compile starts a new service instead of using the ended one.
  const services = childProcessesNamed('esbuild')
  for (const pid of services) {
    try {
      process.kill(pid, 'SIGTERM')
    } catch {
      // ended meanwhile
    }
  }
  for (let waited = 0; waited < 2_000 && services.some(isRunning); waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  try {
    await createRequire(tsxPackage)('esbuild').stop()
  } catch {
    // Not loaded here, or already stopped.
  }
  const { port1, port2 } = new MessageChannel()
  register(hooks, { data: { port: port2, tsxPackage }, transferList: [port2] })
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 2_000)
    port1.once('message', () => {
      clearTimeout(timer)
      resolve()
    })
    port1.postMessage('stop')
  })
  port1.close()
}

/** This process's own child processes with this command name (Linux; none elsewhere). */
function childProcessesNamed(name: string): number[] {
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return []
  }
  const found: number[] = []
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    try {
      // "pid (comm) state ppid …": the command may hold spaces, so read around the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === process.pid && comm === name) found.push(Number(entry))
    } catch {
      // ended meanwhile
    }
  }
  return found
}

/** True while the process exists and is not a zombie waiting to be collected. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')
  } catch {
    return false
  }
}
