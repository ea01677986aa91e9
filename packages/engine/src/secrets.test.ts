import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createNodeContext, type NodeExecutionEnvironment } from './activities.js'
import { defineNode } from './node.js'

const mailer = defineNode({
  type: 'test.mailer',
  version: 1,
  category: 'notify',
  title: { nl: 'Mailer', en: 'Mailer' },
  input: z.object({}),
  config: z.object({}),
  output: z.object({}),
  secrets: ['smtp'],
  execute: () => ({}),
})

describe("a node's secrets", () => {
  it('asks the resolver for the credential the flow named, and says which slot it is for', async () => {
    const asked: [string, string][] = []
    const env: NodeExecutionEnvironment = {
      run: { flowId: 'f', flowVersion: 1, runId: 'r', nodeId: 'mail' },
      attempt: 1,
      idempotencyKey: 'r/mail',
      signal: new AbortController().signal,
      heartbeat: () => {},
      log: () => {},
      secrets: async (name, _run, slot) => {
        asked.push([name, slot])
        return name === 'office365' ? '{"host":"smtp.office365.com"}' : undefined
      },
    }
    const named = createNodeContext(
      mailer,
      { config: {}, input: {}, credentials: { smtp: 'office365' } },
      env,
    )
    expect(await named.secrets.get('smtp')).toBe('{"host":"smtp.office365.com"}')
    const unnamed = createNodeContext(mailer, { config: {}, input: {} }, env)
    expect(await unnamed.secrets.find('smtp')).toBeUndefined()
    expect(asked).toEqual([
      ['office365', 'smtp'],
      ['smtp', 'smtp'],
    ])
  })
})
