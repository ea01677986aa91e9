import { describe, expect, it } from 'vitest'
import { containsValidBsn } from '../privacy/detect.js'
import { buildMessages, guardOutgoing, newDataMarker, outgoingContent } from './common.js'
import { privacyProblems } from './policy.js'

const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({
  id,
  type,
  version: 1,
  config,
})
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target })

describe('privacyProblems', () => {
  it('is quiet for intake → pseudonymise → summarise → draft → restore', () => {
    const flow = {
      nodes: [
        node('start', 'manual'),
        node('pseudo', 'privacy.pseudonymise', {
          textFields: ['omschrijving'],
          fields: { voornaam: 'voornaam' },
        }),
        node('sum', 'ai.summarise', { fields: ['omschrijving'], outputField: 'samenvatting' }),
        node('draft', 'ai.draft', { fields: ['samenvatting', 'voornaam'] }),
        node('restore', 'privacy.restore', { fields: ['concept'] }),
      ],
      edges: [edge('start', 'pseudo'), edge('pseudo', 'sum'), edge('sum', 'draft'), edge('draft', 'restore')],
    }
    expect(privacyProblems(flow)).toEqual([])
  })

  it('warns about an AI node without pseudonymise before it, and about uncovered fields', () => {
    const flow = {
      nodes: [
        node('start', 'manual'),
        node('sum', 'ai.summarise', { fields: ['omschrijving'] }),
        node('pseudo', 'privacy.pseudonymise', { textFields: ['omschrijving'] }),
        node('cls', 'ai.classify', { fields: ['notitie'] }),
      ],
      edges: [edge('start', 'sum'), edge('start', 'pseudo'), edge('pseudo', 'cls')],
    }
    const problems = privacyProblems(flow)
    expect(problems.map((p) => [p.code, p.nodeId, p.severity])).toEqual([
      ['privacy.ai_without_pseudonymise', 'sum', 'warning'],
      ['privacy.field_not_pseudonymised', 'cls', 'warning'],
    ])
    expect(problems[1]!.message.nl).toContain('notitie')
  })

  it('reports an AI node after restore as an error', () => {
    const flow = {
      nodes: [
        node('pseudo', 'privacy.pseudonymise', { textFields: ['omschrijving'] }),
        node('restore', 'privacy.restore', { fields: ['omschrijving'] }),
        node('sum', 'ai.summarise', { fields: ['omschrijving'] }),
      ],
      edges: [edge('pseudo', 'restore'), edge('restore', 'sum')],
    }
    expect(privacyProblems(flow).map((p) => [p.code, p.severity])).toEqual([
      ['privacy.ai_after_restore', 'error'],
    ])
  })
})

describe('guardOutgoing', () => {
  it('lets pseudonymised fields go to an external endpoint, but not restored ones', () => {
    const input = { _privacy: { pseudonymised: ['a'], restored: ['b'] } }
    expect(() => guardOutgoing(input, ['a'], ['tekst'], 'external')).not.toThrow()
    expect(() => guardOutgoing(input, ['b'], ['tekst'], 'external')).toThrow(/not pseudonymised/)
    expect(() => guardOutgoing({}, ['a'], ['tekst'], 'eu')).not.toThrow()
    const derived = { samenvattingMeta: { fromPseudonymised: true }, lijstMeta: { fromPseudonymised: false } }
    expect(() => guardOutgoing(derived, ['samenvatting'], ['tekst'], 'external')).not.toThrow()
    expect(() => guardOutgoing(derived, ['lijst'], ['tekst'], 'external')).toThrow(/not pseudonymised/)
  })
  it('refuses a valid BSN anywhere in what would be sent', () => {
    expect(() => guardOutgoing({}, ['a'], ['nummer 123456782'], 'local')).toThrow(/BSN/)
    expect(() => guardOutgoing({}, ['a'], ['nummer 123456789'], 'local')).not.toThrow()
  })
})

describe('the BSN guard and the markers around the data', () => {
  const task = 'Vat de gegevens samen.'
  // Twelve hex characters holding nine digits that pass the 11-check: about one marker in a few
  // hundred looks like this by chance.
  const marker = 'data-123456782abc'

  it('checks the data and the task, never the random markers around the data', () => {
    expect(containsValidBsn(marker)).toBe(true)
    const data = { omschrijving: 'Mevrouw zoekt hulp bij boodschappen op dinsdag.' }
    const messages = buildMessages(task, data, 'nl', marker)
    expect(messages[0]!.content).toContain(`<${marker}>`)
    expect(messages[1]!.content).toContain(`<${marker}>`)
    const checked = outgoingContent(task, data)
    // What the guard checks is exactly what is sent, apart from the markers.
    const sent = messages.map((m) => m.content).join('\n')
    for (const part of checked) expect(sent).toContain(part)
    expect(checked.join('\n')).not.toContain(marker)
    expect(() => guardOutgoing(data, ['omschrijving'], checked, 'local')).not.toThrow()
  })

  it('still refuses a valid BSN in the data or in the task, whatever the marker', () => {
    const data = { omschrijving: 'BSN 111 222 333, hulp bij boodschappen' }
    expect(() => guardOutgoing(data, ['omschrijving'], outgoingContent(task, data), 'local')).toThrow(/BSN/)
    const safe = { omschrijving: 'hulp bij boodschappen' }
    expect(() =>
      guardOutgoing(safe, ['omschrijving'], outgoingContent('Noem BSN 111222333.', safe), 'local'),
    ).toThrow(/BSN/)
  })

  it('makes a fresh marker for every request', () => {
    const first = newDataMarker()
    expect(first).toMatch(/^data-[0-9a-f]{12}$/)
    expect(newDataMarker()).not.toBe(first)
  })
})
