import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { WarmflowError } from '@warmflow/engine'
import { hashFiles, workspaceInputs } from './editor-build.js'

/** Set for the API+worker process of `warmflow start`: the file with the workflow bundle it runs. */
export const workflowBundleVariable = 'WARMFLOW_WORKFLOW_BUNDLE'

const bundleScript = fileURLToPath(new URL('./bundle-workflow.ts', import.meta.url))
const bundleName = /^workflow-bundle-[0-9a-f]{16}\.js$/

/**
 * The files the interpreter workflow's bundle is made from: the engine package (the workflow and
 * everything it imports, and the bundler options), the lockfile (webpack, the Temporal SDK,
 * JSONata) and the script that bundles (with the code that slims the bundle).
 *
 * @example
 * workflowBundleInputs('/work/warmflow')
 */
export function workflowBundleInputs(root: string): string[] {
  return [
    ...workspaceInputs(root, 'engine'),
    'packages/cli/src/services/bundle-workflow.ts',
    'packages/cli/src/services/workflow-bundle-code.ts',
  ].sort()
}

/**
 * Where the bundle made from sources with this hash is kept in a cache folder.
 *
 * @example
 * workflowBundleFile('.data/cache', hash) // '.data/cache/workflow-bundle-3f2a….js'
 */
export function workflowBundleFile(cacheDir: string, hash: string): string {
  return join(cacheDir, `workflow-bundle-${hash.slice(0, 16)}.js`)
}

/** Bundling the interpreter workflow failed; the bundler's last lines say why. */
export class WorkflowBundleFailedError extends WarmflowError {
  constructor(how: string, output: string) {
    const text = {
      en: `Bundling the workflow code failed (${how}).`,
      nl: `Het bundelen van de workflowcode is mislukt (${how}).`,
    }
    super('start.workflow_bundle_failed', `${text.en}\n${text.nl}\n${output}`, { text })
  }
}

function bundleInto(file: string): Promise<void> {
  // tsx for this process too: the engine is TypeScript.
  const tsx = import.meta.resolve('tsx/esm')
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsx, bundleScript, file], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let output = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000)
    })
    child.once('error', reject)
    child.once('exit', (code, signal) =>
      code === 0 && existsSync(file)
        ? resolve()
        : reject(new WorkflowBundleFailedError(signal ?? `exit code ${code}`, output.trim())),
    )
  })
}

/**
 * Returns the file of the interpreter workflow's bundle for the current sources: the one in
 * `cacheDir` when its sources did not change, otherwise a new one, bundled by a process of its
 * own (5–10 s). Bundles of other sources are removed.
 *
 * @example
 * const file = await ensureWorkflowBundle(root, '.data/cache', { log: console.log })
 */
export async function ensureWorkflowBundle(
  root: string,
  cacheDir: string,
  options: { log: (line: string) => void },
): Promise<string> {
  const file = workflowBundleFile(cacheDir, hashFiles(root, workflowBundleInputs(root)))
  if (existsSync(file)) return file
  mkdirSync(cacheDir, { recursive: true, mode: 0o700 })
  options.log('Workflow code: bundling it (its sources changed) / de workflowcode wordt gebundeld…')
  await bundleInto(file)
  for (const entry of readdirSync(cacheDir)) {
    if (bundleName.test(entry) && join(cacheDir, entry) !== file)
      rmSync(join(cacheDir, entry), { force: true })
  }
  return file
}
