#!/usr/bin/env node
// Runs one command and stops it when the process that started this guard dies, even by kill -9:
// the parent holds our stdin pipe open, and the kernel closes it when the parent ends. A second
// check compares the parent's process id every second.
//
//   node parent-guard.mjs [--lock <file>] -- <command> [args...]
//
// SIGTERM, SIGINT and SIGHUP are passed on to the command as SIGTERM. The guard exits with the
// command's exit code, after removing the lock file if it still names this guard.
import { spawn } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'

const argv = process.argv.slice(2)
const separator = argv.indexOf('--')
const own = separator === -1 ? [] : argv.slice(0, separator)
const [command, ...args] = separator === -1 ? argv : argv.slice(separator + 1)
const lockIndex = own.indexOf('--lock')
const lockFile = lockIndex === -1 ? undefined : own[lockIndex + 1]
if (!command) {
  process.stderr.write('usage: parent-guard.mjs [--lock <file>] -- <command> [args...]\n')
  process.exit(2)
}

const parent = process.ppid
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] })
let stopping = false

// With the parent gone, nobody reads our output: a failed write must not end the guard first.
process.stdout.on('error', () => undefined)
process.stderr.on('error', () => undefined)

function stopChild() {
  if (stopping) return
  stopping = true
  child.kill('SIGTERM')
  // A command that does not stop in 10 s is ended.
  setTimeout(() => child.kill('SIGKILL'), 10_000).unref()
}

function releaseLock() {
  if (!lockFile) return
  try {
    if (JSON.parse(readFileSync(lockFile, 'utf8')).pid === process.pid) rmSync(lockFile, { force: true })
  } catch {
    // Missing or replaced: not ours to remove.
  }
}

child.once('error', (error) => {
  process.stderr.write(`${command}: ${error.message}\n`)
  releaseLock()
  process.exit(127)
})
child.once('exit', (code, signal) => {
  releaseLock()
  process.exit(code ?? (signal ? 1 : 0))
})

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => stopChild())

process.stdin.on('data', () => undefined)
process.stdin.once('end', () => stopChild())
process.stdin.once('close', () => stopChild())
process.stdin.once('error', () => stopChild())
setInterval(() => {
  if (process.ppid !== parent) stopChild()
}, 1_000).unref()
