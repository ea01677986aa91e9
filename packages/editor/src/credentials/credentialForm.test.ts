import { describe, expect, it } from 'vitest'
import { emptyForm, fieldProblems, nameProblem, typeOfName } from './credentialForm'

const types = [{ slot: 'ai' }, { slot: 'smtp' }, { slot: 'ai-lokaal' }]

describe('credential forms', () => {
  it('finds the type of a stored name, the longest slot first', () => {
    expect(typeOfName('smtp.kantoor', types)?.slot).toBe('smtp')
    expect(typeOfName('ai', types)?.slot).toBe('ai')
    expect(typeOfName('ai-lokaal', types)?.slot).toBe('ai-lokaal')
    expect(typeOfName('ai-lokaal.test', types)?.slot).toBe('ai-lokaal')
    expect(typeOfName('partner-api', types)).toBeUndefined()
  })

  it('starts a form at the defaults, with secrets always empty', () => {
    const form = emptyForm({
      fields: [
        { name: 'host', label: { nl: 'Server', en: 'Server' }, kind: 'text', required: true },
        { name: 'port', label: { nl: 'Poort', en: 'Port' }, kind: 'number', required: true, default: 587 },
        {
          name: 'secure',
          label: { nl: 'Veilig', en: 'Secure' },
          kind: 'boolean',
          required: false,
          default: false,
        },
        { name: 'pass', label: { nl: 'Wachtwoord', en: 'Password' }, kind: 'secret', required: false },
      ],
    })
    expect(form).toEqual({ host: '', port: '587', secure: false, pass: '' })
  })

  it('says why a name does not suit its type', () => {
    expect(nameProblem('smtp', 'smtp')).toBeUndefined()
    expect(nameProblem('smtp-kantoor', 'smtp')).toBeUndefined()
    expect(nameProblem('Mail Kantoor', 'smtp')).toBe('credentialsPage.nameFormat')
    expect(nameProblem('mail', 'smtp')).toBe('credentialsPage.nameSlot')
  })

  it('reads the field problems of a 422 answer by field, the first per field', () => {
    const first = { nl: 'Vul een waarde in.', en: 'Fill in a value.' }
    const problems = fieldProblems([
      { path: ['host'], message: first },
      { path: ['host'], message: { nl: 'Anders', en: 'Other' } },
      { message: { nl: 'Zonder veld', en: 'No field' } },
    ])
    expect([...problems]).toEqual([['host', first]])
  })
})
