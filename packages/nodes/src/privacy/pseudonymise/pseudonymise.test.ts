import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runNode } from '@warmflow/engine/testing'
import { describe, expect, it } from 'vitest'
import { ensurePseudonymKey, openMapping, parsePseudonymKey } from '../vault.js'
import { nameVariants, pseudonymiseNode } from './pseudonymise.js'

const key = Buffer.alloc(32, 3).toString('base64')
const input = {
  voornaam: 'Fatima',
  tussenvoegsel: 'de',
  achternaam: 'Vries',
  telefoon: '0612345678',
  omschrijving:
    'Mevrouw De Vries (Fatima) belt vanaf 06-12 34 56 78. fatima de vries woont aan de Kerkstraat 5. BSN 111222333.',
}
const config = {
  textFields: ['omschrijving'],
  fields: {
    voornaam: 'voornaam',
    tussenvoegsel: 'tussenvoegsel',
    achternaam: 'achternaam',
    telefoon: 'telefoon',
  },
}

describe('privacy.pseudonymise', () => {
  it('replaces names (also partial and in other case), phone, address and BSN with stable placeholders', async () => {
    const { output } = await runNode(pseudonymiseNode, { input, config, secrets: { pseudonymKey: key } })
    expect(output.omschrijving).toBe(
      'Mevrouw [NAAM_3] ([NAAM_1]) belt vanaf [TELEFOON_1]. [NAAM_1] woont aan de [ADRES_1]. BSN [BSN_1].',
    )
    expect(output.voornaam).toBe('[NAAM_1]')
    expect(output.achternaam).toBe('[NAAM_3]')
    expect(output.telefoon).toBe('[TELEFOON_1]')
    const privacy = output._privacy as { pseudonymised: string[]; mapping: string }
    expect(privacy.pseudonymised.sort()).toEqual([
      'achternaam',
      'omschrijving',
      'telefoon',
      'tussenvoegsel',
      'voornaam',
    ])
    expect(JSON.stringify(output)).not.toMatch(/Fatima|Vries|111222333|12 34 56/i)
  })

  it('keeps the mapping only encrypted and bound to the run', async () => {
    const { output } = await runNode(pseudonymiseNode, { input, config, secrets: { pseudonymKey: key } })
    const mapping = (output._privacy as { mapping: string }).mapping
    expect(mapping).toMatch(/^wfpm1:/)
    const book = openMapping(mapping, parsePseudonymKey(key), 'test-run')
    expect(book.restore('[NAAM_1] [TELEFOON_1] [BSN_1]').text).toBe('Fatima 0612345678 111222333')
    expect(() => openMapping(mapping, parsePseudonymKey(key), 'other-run')).toThrow(/cannot be decrypted/)
  })

  it('continues numbering when the input was pseudonymised before in the same run', async () => {
    const first = await runNode(pseudonymiseNode, { input, config, secrets: { pseudonymKey: key } })
    const second = await runNode(pseudonymiseNode, {
      input: { ...first.output, notitie: 'Nieuw nummer 020-7654321, oude 0612345678' },
      config: { textFields: ['notitie'] },
      secrets: { pseudonymKey: key },
    })
    expect(second.output.notitie).toBe('Nieuw nummer [TELEFOON_2], oude [TELEFOON_1]')
  })

  it('takes the key from WARMFLOW_PSEUDONYM_KEY and refuses to run without a valid key', async () => {
    const before = process.env.WARMFLOW_PSEUDONYM_KEY
    try {
      process.env.WARMFLOW_PSEUDONYM_KEY = 'ab'.repeat(32)
      const { output } = await runNode(pseudonymiseNode, { input, config })
      expect(output.voornaam).toBe('[NAAM_1]')
      process.env.WARMFLOW_PSEUDONYM_KEY = 'te kort'
      await expect(runNode(pseudonymiseNode, { input, config })).rejects.toMatchObject({
        code: 'privacy.no_key',
        retryable: false,
      })
    } finally {
      if (before === undefined) delete process.env.WARMFLOW_PSEUDONYM_KEY
      else process.env.WARMFLOW_PSEUDONYM_KEY = before
    }
  })

  it('pseudonymises lists of texts and nested fields', async () => {
    const { output } = await runNode(pseudonymiseNode, {
      input: { notities: ['Bel 06-11112222', 'Mail jan@example.nl'], client: { opmerking: 'BSN 111222333' } },
      config: { textFields: ['notities', 'client.opmerking'] },
      secrets: { pseudonymKey: key },
    })
    expect(output.notities).toEqual(['Bel [TELEFOON_1]', 'Mail [EMAIL_1]'])
    expect(output.client).toEqual({ opmerking: 'BSN [BSN_1]' })
    expect((output._privacy as { pseudonymised: string[] }).pseudonymised).toEqual([
      'notities',
      'client.opmerking',
    ])
  })

  it('never writes personal data into its log', async () => {
    const { logs } = await runNode(pseudonymiseNode, { input, config, secrets: { pseudonymKey: key } })
    expect(logs.length).toBeGreaterThan(0)
    expect(JSON.stringify(logs)).not.toMatch(/Fatima|Vries|0612345678/)
  })
})

describe('ensurePseudonymKey', () => {
  it('creates a private key file once and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warmflow-key-'))
    const first: Record<string, string | undefined> = {}
    ensurePseudonymKey(first, dir)
    expect(parsePseudonymKey(first.WARMFLOW_PSEUDONYM_KEY)).toHaveLength(32)
    expect(statSync(join(dir, 'pseudonym-key')).mode & 0o777).toBe(0o600)
    const second: Record<string, string | undefined> = {}
    ensurePseudonymKey(second, dir)
    expect(second.WARMFLOW_PSEUDONYM_KEY).toBe(first.WARMFLOW_PSEUDONYM_KEY)
    const preset = { WARMFLOW_PSEUDONYM_KEY: 'ab'.repeat(32) }
    ensurePseudonymKey(preset, dir)
    expect(preset.WARMFLOW_PSEUDONYM_KEY).toBe('ab'.repeat(32))
  })
})

describe('nameVariants', () => {
  it('covers full name, first name, last name with and without prefix and initials', () => {
    const variants = nameVariants(['Fatima'], ['de'], ['Vries'], [])
    for (const v of ['Fatima', 'de Vries', 'Vries', 'Fatima de Vries', 'F. de Vries'])
      expect(variants).toContain(v)
  })
})

describe('one placeholder per person', () => {
  it('gives "Peter", "Peter de Wit", "P. de Wit" and "De Wit" one placeholder, also in a later node', async () => {
    const first = await runNode(pseudonymiseNode, {
      input: {
        notitie: 'Gesprek met Peter. Later belde Peter de Wit terug; dhr. P. de Wit wil een afspraak.',
      },
      config: { textFields: ['notitie'] },
      secrets: { pseudonymKey: key },
    })
    expect(first.output.notitie).toBe(
      'Gesprek met [NAAM_1]. Later belde [NAAM_1] terug; dhr. [NAAM_1] wil een afspraak.',
    )
    const second = await runNode(pseudonymiseNode, {
      input: { ...first.output, verslag: 'Meneer De Wit was er niet, zijn buurvrouw Sanne wel.' },
      config: { textFields: ['verslag'] },
      secrets: { pseudonymKey: key },
    })
    expect(second.output.verslag).toBe('Meneer [NAAM_1] was er niet, zijn buurvrouw [NAAM_2] wel.')
    const book = openMapping(
      (second.output._privacy as { mapping: string }).mapping,
      parsePseudonymKey(key),
      'test-run',
    )
    expect(book.restore('[NAAM_1] en [NAAM_2]').text).toBe('Peter en Sanne')
  })

  it('gives a surname alone, in any case, the placeholder of the whole name found before', async () => {
    const { output } = await runNode(pseudonymiseNode, {
      input: {
        notitie:
          'Kleinzoon Sjouke Woltjerink belt. Volgens Woltjerink gaat het goed; later appte woltjerink.',
      },
      config: { textFields: ['notitie'] },
      secrets: { pseudonymKey: key },
    })
    expect(output.notitie).toBe(
      'Kleinzoon [NAAM_1] belt. Volgens [NAAM_1] gaat het goed; later appte [NAAM_1].',
    )
  })

  it('keeps two people with the same first name apart', async () => {
    const { output } = await runNode(pseudonymiseNode, {
      input: { notitie: 'Sanne Jansen is de dochter, Sanne Öztürk de buurvrouw. Sanne belt morgen.' },
      config: { textFields: ['notitie'] },
      secrets: { pseudonymKey: key },
    })
    expect(output.notitie).toBe('[NAAM_1] is de dochter, [NAAM_2] de buurvrouw. [NAAM_3] belt morgen.')
  })
})

describe('organisations the team names as not a person', () => {
  it('leaves the listed names in the text and still replaces the people', async () => {
    const input = {
      notitie: 'Gesprek met Vattenfall en Henk Bouwman; buurvrouw Ans Vattenfall helpt niet. Kees belt.',
    }
    const base = await runNode(pseudonymiseNode, {
      input,
      config: { textFields: ['notitie'] },
      secrets: { pseudonymKey: key },
    })
    expect(base.output.notitie).toBe(
      'Gesprek met [NAAM_1] en [NAAM_2]; buurvrouw [NAAM_1] helpt niet. [NAAM_3] belt.',
    )
    const { output } = await runNode(pseudonymiseNode, {
      input,
      config: { textFields: ['notitie'], notNames: ['Vattenfall', 'henk bouwman'] },
      secrets: { pseudonymKey: key },
    })
    expect(output.notitie).toBe(
      'Gesprek met Vattenfall en Henk Bouwman; buurvrouw [NAAM_1] helpt niet. [NAAM_2] belt.',
    )
  })
})
