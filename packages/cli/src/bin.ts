#!/usr/bin/env node
// The `warmflow` command.
import { start } from './start.js'

const usage = `Usage: warmflow <command>

Commands:
  start     Start Temporal, PostgreSQL, the worker, the API and the editor (embedded default)
  help      Show this help
`

const [command] = process.argv.slice(2)
try {
  switch (command) {
    case 'start':
      await start()
      break
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(usage)
      break
    default:
      process.stderr.write(`Unknown command "${command}" / onbekende opdracht\n\n${usage}`)
      process.exit(2)
  }
} catch (error) {
  process.stderr.write(`warmflow ${command}: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}
