import { registerEntryOf } from '@warmflow/engine'
import { describe, expect, it } from 'vitest'
import { builtinPlugin } from './index.js'
import { fieldCategory, hostOf, pseudonymiseRegister, tableRegister } from './register.js'

const node = (type: string) => {
  const found = builtinPlugin.nodes.find((n) => n.type === type)
  if (!found) throw new Error(`no node ${type}`)
  return found
}

describe('processing register declarations of the built-in nodes', () => {
  it('takes a form field category from its type, else from its name; free text always counts', () => {
    expect(fieldCategory({ name: 'x', type: 'email' })).toBe('email')
    expect(fieldCategory({ name: 'achternaam', type: 'text', personal: true })).toBe('name')
    expect(fieldCategory({ name: 'geboortedatum', type: 'date', personal: true })).toBe('birthdate')
    expect(fieldCategory({ name: 'hulpvraag', type: 'textarea' })).toBe('free-text')
    expect(fieldCategory({ name: 'kleur', type: 'select' })).toBeUndefined()
  })

  it('lists the categories of the pseudonymised fields and marks the node as a safeguard', () => {
    expect(
      pseudonymiseRegister({
        fields: { a: 'voornaam', b: 'iban', c: 'achternaam' },
        textFields: ['notitie'],
      }),
    ).toEqual({ categories: ['name', 'bank-account', 'free-text'], safeguard: 'pseudonymise' })
  })

  it('maps the fields a records node writes to categories of the table’s people', () => {
    expect(tableRegister('intakes', ['requester_email', 'status'])).toEqual({
      categories: ['email'],
      subjects: ['clients'],
    })
    expect(tableRegister('volunteers').categories).toEqual([
      'name',
      'email',
      'phone',
      'address',
      'profile',
      'free-text',
    ])
  })

  it('finds the host of a URL with placeholders in its path', () => {
    expect(hostOf('https://API.example.nl/clients/{{ id }}?q={{ x }}')).toEqual({ host: 'api.example.nl' })
    expect(hostOf('not a url')).toEqual({})
  })

  it('declares recipients through the node definitions, on their parsed config', () => {
    expect(
      registerEntryOf(node('email.send'), {
        to: 'email',
        subject: { nl: 'a', en: 'a' },
        body: { nl: 'b', en: 'b' },
      }).recipients,
    ).toEqual([{ kind: 'email', slot: 'smtp' }])
    expect(registerEntryOf(node('ai.summarise'), { fields: ['tekst'] }).recipients).toEqual([
      { kind: 'ai', slot: 'ai' },
    ])
    expect(registerEntryOf(node('webhook.send'), { url: 'https://hooks.example.org/in' }).recipients).toEqual(
      [{ kind: 'webhook', host: 'hooks.example.org' }],
    )
    expect(
      registerEntryOf(node('form'), {
        fields: [{ name: 'email', type: 'email', label: { nl: 'E', en: 'E' } }],
      }),
    ).toEqual({
      categories: ['email'],
      subjects: ['clients'],
    })
    // A config that does not parse contributes nothing rather than guessing.
    expect(registerEntryOf(node('webhook.send'), { url: 42 })).toEqual({})
  })
})
