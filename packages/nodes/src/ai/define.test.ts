import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { registerEntryOf } from '@warmflow/engine'
import { runNode } from '@warmflow/engine/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { aiFieldPath, aiLanguage, aiOutputField } from './common.js'
import { defineAiNode } from './define.js'

// A fifth AI node as a plugin author might write it: it builds a task and reads the answer, and
// does nothing about personal data itself.
const keywordsNode = defineAiNode({
  type: 'test.keywords',
  version: 1,
  icon: 'tags',
  title: { nl: 'Trefwoorden', en: 'Keywords' },
  description: { nl: 'Zoekt trefwoorden in een tekst.', en: 'Finds keywords in a text.' },
  config: z.object({
    fields: z.array(aiFieldPath).min(1).default(['notitie']),
    outputField: aiOutputField.default('trefwoorden'),
    language: aiLanguage,
    instructions: z.string().default(''),
  }),
  prompt: (config) => ({ task: `List the keywords, one per line. ${config.instructions}`, maxTokens: 50 }),
  parse: (content) => content.split('\n'),
  offline: (_config, { texts }) => Object.values(texts).join(' ').split(/\s+/).slice(0, 2),
  besides: (keywords) => ({ Count: keywords.length }),
})

// A real OpenAI-protocol endpoint on 127.0.0.1 that counts what reaches it.
let server: Server
let baseUrl: string
const received: unknown[] = []
beforeAll(async () => {
  server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => {
      body += chunk
    })
    request.on('end', () => {
      received.push(JSON.parse(body))
      response.setHeader('content-type', 'application/json')
      response.end(
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 0,
          model: 'test-model',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: 'hulp\nboodschappen' },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 30, completion_tokens: 4, total_tokens: 34 },
        }),
      )
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
})
afterAll(async () => {
  server.close()
  await once(server, 'close')
})
beforeEach(() => {
  received.length = 0
})

const credential = (location: 'local' | 'eu' | 'external') =>
  JSON.stringify({ baseUrl, model: 'test-model', location, maxRetries: 0 })
// 111222333 passes the BSN 11-check.
const withBsn = 'Meneer (BSN 111222333) zoekt hulp bij boodschappen.'
const pseudonymisedMarker = { pseudonymised: ['notitie'], mapping: 'wfpm1:x:y:z' }

describe('defineAiNode', () => {
  it('refuses to send a valid BSN, even to a local endpoint, before any request', async () => {
    await expect(
      runNode(keywordsNode, { input: { notitie: withBsn }, secrets: { ai: credential('local') } }),
    ).rejects.toMatchObject({ code: 'privacy.bsn_refused' })
    expect(received).toHaveLength(0)
  })

  it('refuses a BSN the designer typed into the instructions as well', async () => {
    await expect(
      runNode(keywordsNode, {
        input: { notitie: 'Hulp bij boodschappen.' },
        config: { instructions: 'Het gaat om BSN 111222333.' },
        secrets: { ai: credential('local') },
      }),
    ).rejects.toMatchObject({ code: 'privacy.bsn_refused' })
    expect(received).toHaveLength(0)
  })

  it('sends nothing to an external endpoint that did not pass pseudonymise', async () => {
    await expect(
      runNode(keywordsNode, {
        input: { notitie: 'Fatima zoekt hulp bij boodschappen.' },
        secrets: { ai: credential('external') },
      }),
    ).rejects.toMatchObject({ code: 'privacy.not_pseudonymised', details: { fields: ['notitie'] } })
    expect(received).toHaveLength(0)
  })

  it('sends pseudonymised data to an external endpoint and accounts for the usage', async () => {
    const { output, logs } = await runNode(keywordsNode, {
      input: { notitie: '[NAAM_1] zoekt hulp bij boodschappen.', _privacy: pseudonymisedMarker },
      secrets: { ai: credential('external') },
    })
    expect(received).toHaveLength(1)
    expect(output).toMatchObject({
      notitie: '[NAAM_1] zoekt hulp bij boodschappen.',
      trefwoorden: ['hulp', 'boodschappen'],
      trefwoordenCount: 2,
      trefwoordenMeta: {
        method: 'openai-compatible',
        model: 'test-model',
        location: 'external',
        usage: { promptTokens: 30, completionTokens: 4, totalTokens: 34 },
        requests: 1,
        fromPseudonymised: true,
      },
    })
    expect(logs.find((l) => l.message === 'AI answer received')?.fields).toEqual({
      model: 'test-model',
      tokens: 34,
      requests: 1,
    })
    // The prompt is never logged.
    expect(JSON.stringify(logs)).not.toContain('boodschappen')
  })

  it('declares what every AI node declares and uses the offline method without a credential', async () => {
    expect(keywordsNode.secrets).toEqual(['ai'])
    expect(keywordsNode.personalData).toMatchObject({ reads: ['*'], sendsOutside: 'when-endpoint-external' })
    // The processing register lists the AI service of the `ai` credential as a recipient of free text.
    expect(registerEntryOf(keywordsNode, { fields: ['notitie'] })).toEqual({
      categories: ['free-text'],
      recipients: [{ kind: 'ai', slot: 'ai' }],
    })
    expect(keywordsNode.activity?.retry?.maximumAttempts).toBe(3)
    const { output } = await runNode(keywordsNode, { input: { notitie: withBsn } })
    expect(received).toHaveLength(0)
    expect(output.trefwoorden).toEqual(['Meneer', '(BSN'])
    expect(output.trefwoordenMeta).toMatchObject({ method: 'offline-basic', fromPseudonymised: false })
  })
})
