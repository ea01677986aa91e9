import { resolve } from 'node:path'
import { z } from 'zod'

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  WARMFLOW_SEARCH_ATTRIBUTES: z.enum(['auto', 'on', 'off']).default('auto'),
  WARMFLOW_TASK_QUEUE: z.string().min(1).default('warmflow'),
  WARMFLOW_DATA_DIR: z.string().min(1).default('.data'),
  WARMFLOW_PLUGINS: z.string().default(''),
})

/** Warmflow's settings, read from environment variables (see the README's table). */
export interface WarmflowConfig {
  port: number
  host: string
  databaseUrl: string | undefined
  temporal: {
    address: string | undefined
    namespace: string
    taskQueue: string
    /** Start runs with Warmflow's search attributes; `auto`: only on the dev server Warmflow starts. */
    searchAttributes: 'auto' | 'on' | 'off'
  }
  dataDir: string
  plugins: string[]
}

/**
 * Reads the configuration from environment variables and says clearly which one is wrong.
 *
 * @example
 * const config = loadConfig(process.env)
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): WarmflowConfig {
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Invalid configuration / ongeldige instellingen:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      searchAttributes: e.WARMFLOW_SEARCH_ATTRIBUTES,
      taskQueue: e.WARMFLOW_TASK_QUEUE,
    },
    dataDir: resolve(e.WARMFLOW_DATA_DIR),
    plugins: e.WARMFLOW_PLUGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  }
}
