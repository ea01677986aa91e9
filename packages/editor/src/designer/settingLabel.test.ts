import { describe, expect, it } from 'vitest'
import { testI18n } from '../i18n/testing'
import { humanize, settingLabel } from './settingLabel'

const i18n = testI18n()

describe('labels of node settings', () => {
  it("labels a records node's id as the record to pick, and a switch case's id as its name", () => {
    const t = i18n.getFixedT('nl')
    expect(settingLabel('id', {}, 'nl', t, 'records.update')).toBe('Welk record (formule)')
    expect(settingLabel('id', {}, 'nl', t, 'records.read')).toBe('Welk record (formule)')
    expect(settingLabel('id', {}, 'nl', t, 'switch')).toBe('Naam')
    expect(settingLabel('id', {}, 'nl', t)).toBe('Naam')
    expect(settingLabel('required', {}, 'nl', t, 'records.read')).toBe('Stoppen als er niets is gevonden')
    expect(settingLabel('required', {}, 'nl', t, 'records.update')).toBe('Verplicht')
    expect(settingLabel('id', {}, 'en', i18n.getFixedT('en'), 'records.update')).toBe(
      'Which record (formula)',
    )
  })

  it('prefers the schema title, and shows a name without a translation made readable', () => {
    const t = i18n.getFixedT('nl')
    expect(settingLabel('id', { 'x-title': { nl: 'Klantnummer', en: 'Client number' } }, 'en', t)).toBe(
      'Client number',
    )
    expect(settingLabel('fields', { label: { nl: 'Tekstvelden', en: 'Text fields' } }, 'nl', t)).toBe(
      'Tekstvelden',
    )
    expect(settingLabel('id', { title: 'Sleutel' }, 'nl', t, 'records.update')).toBe('Sleutel')
    expect(settingLabel('table', {}, 'nl', t, 'records.update')).toBe('Tabel')
    expect(settingLabel('maxRetries', {}, 'nl', t, 'records.update')).toBe('Max Retries')
    expect(humanize('output_field')).toBe('Output field')
  })

  it('never shows a group of texts as a label', () => {
    const t = i18n.getFixedT('nl')
    // `schemaField.records` holds the texts of the records nodes, not a label.
    expect(settingLabel('records', {}, 'nl', t)).toBe('Records')
    expect(settingLabel('read', {}, 'nl', t, 'records')).toBe('Read')
  })
})
