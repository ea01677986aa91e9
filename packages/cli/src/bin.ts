#!/usr/bin/env node
// The `warmflow` command.
// Each command loads only its own modules: a role process (`warmflow worker`) starts without
// the embedded platform's code, and a broken command cannot stop the others from loading.

const usage = `Usage: warmflow <command>

Commands:
  start [--build-editor]
            Start Temporal, PostgreSQL, the worker, the API and the editor (embedded default);
            --build-editor first builds the editor when its sources changed (pnpm start does)
  start --cluster [--build-editor]
            The cluster profile: the Temporal server on PostgreSQL, two workers and two API
            processes behind one address (pnpm start:cluster; see docs/deploy.md)
  create-admin --email <address> [--name <name>]
            Create an administrator and print its generated password once
  create-node <name> [--dir <folder>] [--config <file> | --no-register]
            Create a plugin package with an example node, its test and a build, and register it
  import-volunteers <file.csv> [--team <id>] [--dry-run] [--lang nl|en]
            Import volunteers from CSV; prints every problem per line
  migrate   Bring the database schema up to date and grant the app role its rights; exits 0
  api       Run the HTTP API (and the built editor) only, configured by environment
  worker    Run one Temporal worker only, configured by environment
            The three roles stop gracefully on SIGTERM; see docs/deploy.md
  help      Show this help
`

const [command, ...rest] = process.argv.slice(2)
try {
  switch (command) {
    case 'start':
      await (await import('./start.js')).start()
      break
    case 'migrate':
      await (await import('./roles/migrate.js')).migrateRole()
      break
    case 'api':
      await (await import('./roles/api.js')).apiRole()
      break
    case 'worker':
      await (await import('./roles/worker.js')).workerRole()
      break
    case 'create-admin':
      await (await import('./create-admin.js')).createAdmin(rest)
      break
    case 'create-node':
      await (await import('./create-node/index.js')).createNodeCommand(process.argv.slice(3))
      break
    case 'import-volunteers':
      process.exitCode = await (await import('./import-volunteers.js')).importVolunteersCommand(rest)
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
  // Some errors carry no message (a Temporal "not found" with empty details): then their name.
  const message = error instanceof Error ? error.message || error.name : String(error)
  process.stderr.write(`warmflow ${command}: ${message}\n`)
  process.exit(1)
}
