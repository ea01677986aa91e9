import { fileURLToPath } from 'node:url'

/**
 * Absolute path of the interpreter workflow module, for `Worker.create({ workflowsPath })`.
 *
 * @example
 * await Worker.create({ workflowsPath, activities, taskQueue: 'warmflow' })
 */
export const workflowsPath: string = fileURLToPath(new URL('./workflows/index.ts', import.meta.url))
