import type { FlowDefinition } from '@warmflow/engine'
import { describe, expect, it } from 'vitest'
import { subjectIdentifiersOf } from './identify.js'

const definition = (fields: { name: string; type: string }[]) =>
  ({
    name: 'x',
    nodes: [{ id: 'start', type: 'form', version: 1, config: { fields } }],
    edges: [],
  }) as unknown as FlowDefinition

describe('subjectIdentifiersOf', () => {
  it('takes the fields a form types as e-mail or phone, whatever their names', () => {
    const found = subjectIdentifiersOf(
      definition([
        { name: 'contact', type: 'email' },
        { name: 'nummer', type: 'phone' },
        { name: 'naam', type: 'text' },
      ]),
      { contact: 'a@example.nl', nummer: '0612345678', naam: 'Anna' },
    )
    expect(found).toEqual([
      { kind: 'email', value: 'a@example.nl' },
      { kind: 'phone', value: '0612345678' },
    ])
  })

  it('falls back to well-known field names and ignores what is not a string', () => {
    const found = subjectIdentifiersOf(definition([]), {
      Email: 'b@example.nl',
      telefoon: 612345678,
      mobiel: '06-1',
      toString: 'x',
    })
    expect(found).toEqual([
      { kind: 'email', value: 'b@example.nl' },
      { kind: 'phone', value: '06-1' },
    ])
  })

  it('finds nobody in a start without data', () => {
    expect(subjectIdentifiersOf(definition([{ name: 'email', type: 'email' }]), undefined)).toEqual([])
    expect(subjectIdentifiersOf(definition([]), ['a@example.nl'])).toEqual([])
  })
})
