import { describeNode } from '@warmflow/engine'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { pseudonymiseNode } from '../privacy/pseudonymise/pseudonymise.js'
import { restoreNode } from '../privacy/restore/restore.js'
import { classifyNode } from './classify/classify.js'
import { draftNode } from './draft/draft.js'
import { extractNode } from './extract/extract.js'
import { summariseNode } from './summarise/summarise.js'

const nodes = [pseudonymiseNode, restoreNode, summariseNode, extractNode, classifyNode, draftNode]

describe('privacy and AI nodes in the catalogue', () => {
  it.each(nodes.map((n) => [n.key, n] as const))(
    '%s has bilingual texts, a config form, defaults and a privacy declaration',
    (_, node) => {
      expect(node.title.nl && node.title.en).toBeTruthy()
      expect(node.description?.nl.length).toBeGreaterThan(40)
      expect(node.description?.en.length).toBeGreaterThan(40)
      expect(node.icon).toBeTruthy()
      expect(node.personalData?.sendsOutside).toMatch(/never|when-endpoint-external/)
      expect(node.activity?.startToCloseTimeout).toBeTruthy()
      expect(node.activity?.retry?.maximumAttempts).toBeGreaterThan(1)
      const form = z.toJSONSchema(node.config, { io: 'input', unrepresentable: 'any' }) as {
        type: string
        properties: Record<string, unknown>
      }
      expect(form.type).toBe('object')
      expect(Object.keys(form.properties).length).toBeGreaterThan(0)
    },
  )

  it('AI nodes declare the ai secret slot; privacy nodes the pseudonym key', () => {
    for (const node of [summariseNode, extractNode, classifyNode, draftNode])
      expect(node.secrets).toEqual(['ai'])
    for (const node of [pseudonymiseNode, restoreNode]) expect(node.secrets).toEqual(['pseudonymKey'])
    expect(summariseNode.activity?.heartbeatTimeout).toBeTruthy()
  })

  it.each([summariseNode, extractNode, classifyNode, draftNode].map((n) => [n.key, n] as const))(
    '%s labels every setting in Dutch and English in the catalogue schema',
    (_, node) => {
      type Field = { label?: { nl: string; en: string }; items?: Field; properties?: Record<string, Field> }
      const { configSchema } = describeNode(node) as unknown as { configSchema: Field }
      const unlabelled: string[] = []
      const visit = (field: Field, path: string) => {
        for (const [name, child] of Object.entries(field.properties ?? {})) {
          if (!child.label?.nl || !child.label.en) unlabelled.push(`${path}${name}`)
          visit(child, `${path}${name}.`)
        }
        if (field.items) visit(field.items, `${path}[].`)
      }
      visit(configSchema, '')
      expect(unlabelled).toEqual([])
    },
  )
})
