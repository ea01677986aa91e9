import { spawn } from 'node:child_process'

/** What a finished command printed. */
export interface CommandResult {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs a command without a shell (arguments are never interpreted) and collects its output.
 *
 * @example
 * const { code } = await run('pg_lsclusters', ['--no-header'])
 */
export function run(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; inheritOutput?: boolean; input?: string } = {},
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk
      if (options.inheritOutput) process.stderr.write(chunk)
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk
      if (options.inheritOutput) process.stderr.write(chunk)
    })
    if (options.input !== undefined) child.stdin?.end(options.input)
    child.on('error', (error) => resolve({ code: 127, stdout, stderr: `${stderr}${error.message}` }))
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }))
  })
}
