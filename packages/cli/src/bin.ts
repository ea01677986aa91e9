#!/usr/bin/env node
// The `warmflow` command.
import { createAdmin } from './create-admin.js'
import { createNodeCommand } from './create-node/index.js'
import { importVolunteersCommand } from './import-volunteers.js'
import { start } from './start.js'

const usage = `Usage: warmflow <command>

Commands:
  start     Start Temporal, PostgreSQL, the worker, the API and the editor (embedded default)
  create-admin --email <address> [--name <name>]
            Create an administrator and print its generated password once
  create-node <name> [--dir <folder>] [--config <file> | --no-register]
            Create a plugin package with an example node, its test and a build, and register it
  import-volunteers <file.csv> [--team <id>] [--dry-run] [--lang nl|en]
            Import volunteers from CSV; prints every problem per line
  help      Show this help
`

const [command, ...rest] = process.argv.slice(2)
try {
  switch (command) {
    case 'start':
      await start()
      break
    case 'create-admin':
      await createAdmin(rest)
      break
    case 'create-node':
      await createNodeCommand(process.argv.slice(3))
      break
    case 'import-volunteers':
      process.exitCode = await importVolunteersCommand(rest)
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
