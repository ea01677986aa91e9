// Every node of matching, data, notify and triggers appears in the catalogue with bilingual
// texts, an icon, a generated config form, activity defaults and a personal-data declaration.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { emailSendNode } from '../email/email.js'
import { httpRequestNode } from '../http/http-request.js'
import { manualTrigger } from '../manual/manual.js'
import { inboxNotifyNode } from '../notify/inbox-notify.js'
import { postgresQueryNode } from '../postgres/postgres-query.js'
import { recordsCreateNode, recordsReadNode, recordsUpdateNode } from '../records/records.js'
import { formTrigger, scheduleTrigger, webhookTrigger } from '../triggers/triggers.js'
import { webhookSendNode } from '../webhook/webhook-send.js'
import { matchVolunteersNode } from './match-volunteers.js'

const nodes = [
  matchVolunteersNode,
  recordsCreateNode,
  recordsReadNode,
  recordsUpdateNode,
  postgresQueryNode,
  httpRequestNode,
  emailSendNode,
  webhookSendNode,
  inboxNotifyNode,
  formTrigger,
  webhookTrigger,
  scheduleTrigger,
  manualTrigger,
]

describe('matching, data, notify and trigger nodes in the catalogue', () => {
  it.each(nodes.map((n) => [n.key, n] as const))('%s is complete', (_, node) => {
    expect(node.title.nl).not.toBe(node.title.en)
    expect(node.description?.nl.length).toBeGreaterThan(40)
    expect(node.description?.en.length).toBeGreaterThan(40)
    expect(node.icon).toBeTruthy()
    expect(node.personalData?.sendsOutside).toMatch(/never|always|when-endpoint-external/)
    expect(node.activity?.startToCloseTimeout).toBeTruthy()
    const form = z.toJSONSchema(node.config, { io: 'input', unrepresentable: 'any' }) as {
      type: string
      properties?: Record<string, unknown>
    }
    expect(form.type).toBe('object')
  })

  it('nodes with side effects retry with backoff; secrets are declared where credentials are used', () => {
    for (const node of [emailSendNode, webhookSendNode, httpRequestNode]) {
      expect(node.activity?.retry?.maximumAttempts).toBeGreaterThan(1)
      expect(node.activity?.retry?.backoffCoefficient).toBe(2)
    }
    expect(emailSendNode.secrets).toEqual(['smtp'])
    expect(webhookSendNode.secrets).toEqual(['webhook'])
    expect(postgresQueryNode.secrets).toEqual(['postgres'])
    expect(httpRequestNode.secrets).toEqual(['http'])
    expect(emailSendNode.personalData?.sendsOutside).toBe('always')
    expect(matchVolunteersNode.personalData?.sendsOutside).toBe('never')
  })
})
