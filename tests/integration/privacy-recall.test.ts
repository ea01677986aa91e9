// Recall on the older synthetic intake set (tests/fixtures/intakes). Its generator and the pattern
// detectors share their assumptions (names mostly after a title or a family word, the same sentence
// shapes), so its 100 % with form fields is no measure of real notes: the independent evaluation set
// in privacy-eval.test.ts is. This set is kept as a regression check (no BSN, e-mail or phone
// number may survive, and nothing outside its labels is replaced).
import { readFile } from 'node:fs/promises'
import { runNode } from '@warmflow/engine/testing'
import { findPersonalData, pseudonymiseNode } from '@warmflow/nodes'
import { describe, expect, it } from 'vitest'
import { generateIntakes, type LabelKind, type SyntheticIntake } from '../fixtures/intakes/generate.js'

const key = Buffer.alloc(32, 11).toString('base64')
const intakes = generateIntakes()
const kinds: LabelKind[] = ['NAAM', 'TELEFOON', 'EMAIL', 'BSN', 'IBAN', 'POSTCODE', 'ADRES', 'GEBOORTEDATUM']
const mustNeverSurvive = new Set<LabelKind>(['BSN', 'EMAIL', 'TELEFOON'])

const formFields = {
  voornaam: 'voornaam',
  tussenvoegsel: 'tussenvoegsel',
  achternaam: 'achternaam',
  telefoon: 'telefoon',
  email: 'email',
  adres: 'adres',
  postcode: 'postcode',
  geboortedatum: 'geboortedatum',
} as const

function escapeRegExp(value: string) {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** True when the labelled value is still readable in the output: as written, or as its bare digits. */
function survives(kind: LabelKind, value: string, output: string): boolean {
  if (new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(value)}(?![\\p{L}\\p{N}])`, 'iu').test(output))
    return true
  if (kind === 'BSN' || kind === 'TELEFOON' || kind === 'IBAN') {
    const compact = value.replace(/[^0-9A-Za-z]/g, '').slice(-8)
    return output
      .replace(/[\s.()/-]/g, '')
      .toUpperCase()
      .includes(compact.toUpperCase())
  }
  return false
}

interface Tally {
  found: number
  total: number
  leaks: string[]
}

async function measure(set: SyntheticIntake[], withFormFields: boolean) {
  const tally = new Map<LabelKind, Tally>(kinds.map((k) => [k, { found: 0, total: 0, leaks: [] }]))
  for (const intake of set) {
    const { output } = await runNode(pseudonymiseNode, {
      secrets: { pseudonymKey: key },
      run: { runId: `recall-${intake.id}` },
      input: { ...intake.fields, omschrijving: intake.omschrijving },
      config: { textFields: ['omschrijving'], ...(withFormFields ? { fields: formFields } : {}) },
    })
    const text = output.omschrijving as string
    for (const label of intake.labels) {
      const entry = tally.get(label.kind)!
      entry.total++
      if (survives(label.kind, label.text, text)) entry.leaks.push(`${intake.id}: ${label.kind}`)
      else entry.found++
    }
  }
  return tally
}

function table(title: string, tally: Map<LabelKind, Tally>) {
  const rows = [...tally].map(([kind, t]) => [
    kind,
    String(t.total),
    String(t.found),
    `${((100 * t.found) / Math.max(1, t.total)).toFixed(1)}%`,
  ])
  const found = [...tally.values()].reduce((n, t) => n + t.found, 0)
  const total = [...tally.values()].reduce((n, t) => n + t.total, 0)
  rows.push(['overall', String(total), String(found), `${((100 * found) / total).toFixed(1)}%`])
  const lines = [
    title,
    '| kind | labelled | replaced | recall |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ]
  console.log(lines.join('\n'))
  return found / total
}

describe('pseudonymiser recall on the older synthetic intake set (a regression check)', () => {
  it('uses a deterministic set of at least 200 labelled intakes with every kind of personal data', async () => {
    expect(intakes.length).toBeGreaterThanOrEqual(200)
    expect(generateIntakes()).toEqual(intakes)
    const committed = JSON.parse(
      await readFile(new URL('../fixtures/intakes/intakes.json', import.meta.url), 'utf8'),
    )
    expect(committed).toEqual(intakes)
    const present = new Set(intakes.flatMap((i) => i.labels.map((l) => l.kind)))
    expect([...present].sort()).toEqual([...kinds].sort())
  })

  it('with the intake form fields: no BSN, e-mail or phone number survives; recall per kind printed', async () => {
    const tally = await measure(intakes, true)
    const overall = table(
      'Recall with form fields (names, contact details given in structured fields)',
      tally,
    )
    for (const kind of mustNeverSurvive) expect(tally.get(kind)!.leaks).toEqual([])
    expect(overall).toBeGreaterThan(0.95)
  }, 120_000)

  it('on the free text alone: no BSN, e-mail or phone number survives; recall per kind printed', async () => {
    const tally = await measure(intakes, false)
    const overall = table('Recall on free text only (pattern detectors, no structured fields)', tally)
    for (const kind of mustNeverSurvive) expect(tally.get(kind)!.leaks).toEqual([])
    expect(overall).toBeGreaterThan(0.8)
  }, 120_000)

  it('finds nothing outside the labelled personal data (no over-replacement on this set)', () => {
    const extra: string[] = []
    for (const intake of intakes) {
      let text = intake.omschrijving
      for (const label of [...intake.labels].sort((a, b) => b.text.length - a.text.length)) {
        text = text.split(label.text).join('§')
      }
      for (const span of findPersonalData(text)) extra.push(`${intake.id}: ${span.kind}`)
    }
    console.log(`Spans found outside labelled data: ${extra.length} in ${intakes.length} intakes`)
    expect(extra).toEqual([])
  })

  it('leaves text without personal data alone', async () => {
    const clean =
      'Vervoer naar het ziekenhuis op 12 mei om 14:00 is nodig. Sinds 2019 is ze weduwe. Er is € 250 per jaar. Ze is 83 jaar en woont 3 hoog in Utrecht.'
    const { output } = await runNode(pseudonymiseNode, {
      secrets: { pseudonymKey: key },
      input: { omschrijving: clean },
      config: { textFields: ['omschrijving'] },
    })
    expect(output.omschrijving).toBe(clean)
  })
})
