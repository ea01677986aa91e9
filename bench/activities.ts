import { defineNode, definePlugin } from '@warmflow/engine'
import { z } from 'zod'

/** The activities of the hand-written baseline workflows. */
export interface BaselineActivities {
  noop(value: unknown): Promise<unknown>
}

/** Returns its input: the cheapest possible activity. */
export const baselineActivities: BaselineActivities = {
  async noop(value) {
    return value
  },
}

/** A node that returns its input, so the interpreter's own cost is what gets measured. */
export const noopNode = defineNode({
  type: 'bench.noop',
  version: 1,
  category: 'logic',
  title: { nl: 'Niets doen', en: 'No-op' },
  input: z.record(z.string(), z.unknown()),
  config: z.object({}),
  output: z.record(z.string(), z.unknown()),
  activity: { startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 3 } },
  execute: ({ input }) => input,
})

/** The benchmark's plugin: just the no-op node. */
export const benchPlugin = definePlugin({ name: '@warmflow/bench', version: '0.1.0', nodes: [noopNode] })
