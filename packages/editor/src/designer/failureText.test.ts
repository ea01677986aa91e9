import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testI18n } from '../i18n/testing'
import { failureDetail, failureKinds, failureText, failureTexts, knownFailure } from './failureText'

const i18n = testI18n()
const nl = () => i18n.getFixedT('nl')
const en = () => i18n.getFixedT('en')

/** The TypeScript source files (not tests) at `path`, a file or a folder. */
function sourceFiles(path: string): string[] {
  if (statSync(path).isDirectory()) return readdirSync(path).flatMap((name) => sourceFiles(join(path, name)))
  return /\.ts$/.test(path) && !/\.test(-d)?\.ts$/.test(path) ? [path] : []
}

/** The error codes thrown in the given source files (not tests): `new …Error('code'`, `fail('code'`. */
function thrownCodes(paths: string[]): Set<string> {
  const files = paths.flatMap(sourceFiles)
  const codes = new Set<string>()
  for (const file of files) {
    const source = readFileSync(file, 'utf8')
    for (const match of source.matchAll(/(?:Error|fail|invalid)\(\s*'([a-z]+\.[a-z_]+)'/g))
      codes.add(match[1]!)
  }
  return codes
}

const packages = join(import.meta.dirname, '../../..')

describe('failures in the reader’s language', () => {
  it("says Temporal's own messages in Dutch and English", () => {
    expect(failureText({ message: 'Activity task failed' }, nl(), 'nl')).toBe(
      'Deze stap is mislukt, ook na opnieuw proberen. Kies de stap met de rode rand om te zien waarom.',
    )
    expect(failureText({ message: 'Activity task failed' }, en(), 'en')).toBe(
      'This step failed, also after trying again. Choose the step with the red border to see why.',
    )
    expect(failureText({ message: 'Activity task timed out' }, nl(), 'nl')).toMatch(/duurde te lang/)
    expect(failureText({ message: 'Workflow execution terminated' }, nl(), 'nl')).toMatch(/gestopt/)
  })

  it('says a known error code in the chosen language, not the English message', () => {
    const failure = { code: 'email.auth_failed', message: 'The SMTP server refused the login' }
    expect(failureText(failure, nl(), 'nl')).toBe(
      'De mailserver weigert de inlog. Controleer de gebruikersnaam en het wachtwoord bij Inloggegevens.',
    )
    expect(failureText(failure, en(), 'en')).toBe(
      'The mail server refused the login. Check the user name and password under Credentials.',
    )
    expect(
      failureText({ code: 'run.failed', message: 'Another node failed, so the run stopped' }, nl(), 'nl'),
    ).toBe('Een ander blok is mislukt. Daarom is de run gestopt.')
  })

  it('says the kind of failure of an unknown code, then the original message', () => {
    expect(failureText({ code: 'email.greylisted', message: 'Try again in 5 minutes' }, nl(), 'nl')).toBe(
      'Het versturen van de e-mail is mislukt. Melding van het systeem (Engels): Try again in 5 minutes',
    )
    expect(failureText({ code: 'email.greylisted', message: 'Try again in 5 minutes' }, en(), 'en')).toBe(
      'Sending the e-mail failed. Message from the system: Try again in 5 minutes',
    )
    expect(failureText({ code: 'crm.locked', message: 'Client record is locked' }, nl(), 'nl')).toBe(
      'Deze stap is mislukt. Melding van het systeem (Engels): Client record is locked',
    )
    // A plugin's code is only looked up in the table's own entries.
    expect(failureText({ code: 'toString.length', message: 'Odd code' }, en(), 'en')).toBe(
      'This step failed. Message from the system: Odd code',
    )
  })

  it("passes a message without a code through (a node's own words)", () => {
    expect(failureText({ message: 'De mailserver weigert de inlog.' }, en(), 'en')).toBe(
      'De mailserver weigert de inlog.',
    )
  })

  it('keeps the message that names what exactly is wrong beside a known code', () => {
    const records = {
      code: 'records.invalid_fields',
      message: 'Invalid intakes fields: availability: expected array, received object',
    }
    expect(failureText(records, nl(), 'nl')).toBe('Sommige gegevens passen niet in de tabel.')
    expect(failureDetail(records, 'nl')).toBe(
      'Melding van het systeem (Engels): Invalid intakes fields: availability: expected array, received object',
    )
    // Nothing twice: a message that says no more than the text is left out.
    expect(
      failureDetail({ code: 'email.invalid_address', message: 'An e-mail address is not valid' }, 'en'),
    ).toBe(undefined)
    expect(failureDetail({ code: 'crm.locked', message: 'Client record is locked' }, 'en')).toBe(undefined)
  })

  it('has a text in both languages for every code the built-in nodes and the engine fail a node with', () => {
    const nodeCodes = thrownCodes([
      join(packages, 'nodes/src'),
      join(packages, 'engine/src/activities.ts'),
      join(packages, 'engine/src/expressions.ts'),
      join(packages, 'engine/src/http.ts'),
      join(packages, 'store/src/records'),
      join(packages, 'cli/src/services/outbox.ts'),
    ])
    expect(nodeCodes.size).toBeGreaterThan(50)
    expect([...nodeCodes].filter((code) => !knownFailure(code))).toEqual([])
    for (const text of Object.values(failureTexts).flatMap((group) => Object.values(group))) {
      expect(text.nl.trim()).not.toBe('')
      expect(text.en.trim()).not.toBe('')
      expect(text.nl).not.toBe(text.en)
    }
    // Every other engine code at least has a kind of failure to say.
    const engineCodes = thrownCodes([join(packages, 'engine/src')])
    const kindless = [...engineCodes].filter(
      (code) => !knownFailure(code) && !Object.hasOwn(failureKinds, code.split('.')[0]!),
    )
    expect(kindless.sort()).toEqual([
      'control.not_an_activity',
      'flow.not_found',
      'registry.duplicate_node',
      'registry.unavailable',
    ])
  })
})
