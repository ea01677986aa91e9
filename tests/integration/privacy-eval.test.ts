/**
 * Recall of the personal-data detectors on the independent evaluation set
 * (tests/fixtures/privacy-eval): notes written from the generator's own name lists and templates,
 * not from the detectors' lexicons or rules. Prints the table per kind and per role, with the form
 * fields of an intake and on the free text alone, and fails below the targets.
 */
import { readFile } from 'node:fs/promises'
import { runNode } from '@warmflow/engine/testing'
import { lexicons, normaliseWord, pseudonymiseNode } from '@warmflow/nodes'
import { describe, expect, it } from 'vitest'
import {
  type DocType,
  type EvalNote,
  type EvalRole,
  generateEvalSet,
  generatorNameTokens,
} from '../fixtures/privacy-eval/generate.js'
import { holdout2Notes, holdoutNotes } from '../fixtures/privacy-eval/holdout.js'
import { holdout3Notes } from '../fixtures/privacy-eval/holdout3.js'
import { holdout4Notes } from '../fixtures/privacy-eval/holdout4.js'
import { holdout5Notes } from '../fixtures/privacy-eval/holdout5.js'
import { holdout6Notes } from '../fixtures/privacy-eval/holdout6.js'
import { holdout7Notes } from '../fixtures/privacy-eval/holdout7.js'
import { holdout8Notes } from '../fixtures/privacy-eval/holdout8.js'
import { holdout9Notes } from '../fixtures/privacy-eval/holdout9.js'
import { holdout10Notes } from '../fixtures/privacy-eval/holdout10.js'
import { holdout11Notes } from '../fixtures/privacy-eval/holdout11.js'
import { holdout12Notes } from '../fixtures/privacy-eval/holdout12.js'
import { holdout13Notes } from '../fixtures/privacy-eval/holdout13.js'
import { holdout14Notes } from '../fixtures/privacy-eval/holdout14.js'
import { holdout15Notes } from '../fixtures/privacy-eval/holdout15.js'
import { holdout16Notes } from '../fixtures/privacy-eval/holdout16.js'
import { holdout17Notes } from '../fixtures/privacy-eval/holdout17.js'
import { holdout18Notes } from '../fixtures/privacy-eval/holdout18.js'
import { holdout19Notes } from '../fixtures/privacy-eval/holdout19.js'
import { holdout20Notes } from '../fixtures/privacy-eval/holdout20.js'
import { holdout21Notes } from '../fixtures/privacy-eval/holdout21.js'
import { holdout22Notes } from '../fixtures/privacy-eval/holdout22.js'
import { holdout23Notes } from '../fixtures/privacy-eval/holdout23.js'
import { holdout24Notes } from '../fixtures/privacy-eval/holdout24.js'
import { holdout25Notes } from '../fixtures/privacy-eval/holdout25.js'
import { holdout26Notes } from '../fixtures/privacy-eval/holdout26.js'
import { holdout27Notes } from '../fixtures/privacy-eval/holdout27.js'
import { holdout28Notes } from '../fixtures/privacy-eval/holdout28.js'
import { holdout29Notes } from '../fixtures/privacy-eval/holdout29.js'
import { holdout30Notes } from '../fixtures/privacy-eval/holdout30.js'
import { holdout31Notes } from '../fixtures/privacy-eval/holdout31.js'
import { holdout32Notes } from '../fixtures/privacy-eval/holdout32.js'
import { holdout33Notes } from '../fixtures/privacy-eval/holdout33.js'
import { holdout34Notes } from '../fixtures/privacy-eval/holdout34.js'
import { holdout35Notes } from '../fixtures/privacy-eval/holdout35.js'
import { holdout36Notes } from '../fixtures/privacy-eval/holdout36.js'
import { holdout37Notes } from '../fixtures/privacy-eval/holdout37.js'
import { holdout38Notes } from '../fixtures/privacy-eval/holdout38.js'
import { holdout39Notes } from '../fixtures/privacy-eval/holdout39.js'
import { holdout40Notes } from '../fixtures/privacy-eval/holdout40.js'
import { holdout41Notes } from '../fixtures/privacy-eval/holdout41.js'
import { holdout42Notes } from '../fixtures/privacy-eval/holdout42.js'
import { holdout43Notes } from '../fixtures/privacy-eval/holdout43.js'
import { holdout44Notes } from '../fixtures/privacy-eval/holdout44.js'
import { holdout45Notes } from '../fixtures/privacy-eval/holdout45.js'
import { holdout46Notes } from '../fixtures/privacy-eval/holdout46.js'
import { holdout47Notes } from '../fixtures/privacy-eval/holdout47.js'
import { holdout48Notes } from '../fixtures/privacy-eval/holdout48.js'
import { holdout49Notes } from '../fixtures/privacy-eval/holdout49.js'
import { holdout50Notes } from '../fixtures/privacy-eval/holdout50.js'
import { holdout51Notes } from '../fixtures/privacy-eval/holdout51.js'
import { holdout52Notes } from '../fixtures/privacy-eval/holdout52.js'
import { holdout53Notes } from '../fixtures/privacy-eval/holdout53.js'
import { holdout54Notes } from '../fixtures/privacy-eval/holdout54.js'
import { holdout55Notes } from '../fixtures/privacy-eval/holdout55.js'
import { holdout56Notes } from '../fixtures/privacy-eval/holdout56.js'
import { holdout57Notes } from '../fixtures/privacy-eval/holdout57.js'
import { holdout58Notes } from '../fixtures/privacy-eval/holdout58.js'
import { holdout59Notes } from '../fixtures/privacy-eval/holdout59.js'
import { holdout60Notes } from '../fixtures/privacy-eval/holdout60.js'
import { holdout61Notes } from '../fixtures/privacy-eval/holdout61.js'
import { holdout62Notes } from '../fixtures/privacy-eval/holdout62.js'
import { holdout63Notes } from '../fixtures/privacy-eval/holdout63.js'
import { holdout64Notes } from '../fixtures/privacy-eval/holdout64.js'
import { holdout65Notes } from '../fixtures/privacy-eval/holdout65.js'
import { holdout66Notes } from '../fixtures/privacy-eval/holdout66.js'
import { holdout67Notes } from '../fixtures/privacy-eval/holdout67.js'
import { holdout68Notes } from '../fixtures/privacy-eval/holdout68.js'
import { holdout69Notes } from '../fixtures/privacy-eval/holdout69.js'
import { holdout70Notes } from '../fixtures/privacy-eval/holdout70.js'
import { holdout71Notes } from '../fixtures/privacy-eval/holdout71.js'
import { holdout72Notes } from '../fixtures/privacy-eval/holdout72.js'
import { holdout73Notes } from '../fixtures/privacy-eval/holdout73.js'
import { holdout74Notes } from '../fixtures/privacy-eval/holdout74.js'
import { holdout75Notes } from '../fixtures/privacy-eval/holdout75.js'
import { holdout76Notes } from '../fixtures/privacy-eval/holdout76.js'
import { holdout77Notes } from '../fixtures/privacy-eval/holdout77.js'
import { holdout78Notes } from '../fixtures/privacy-eval/holdout78.js'
import { holdout79Notes } from '../fixtures/privacy-eval/holdout79.js'
import { holdout80Notes } from '../fixtures/privacy-eval/holdout80.js'
import { holdout81Notes } from '../fixtures/privacy-eval/holdout81.js'
import { holdout82Notes } from '../fixtures/privacy-eval/holdout82.js'
import { holdout83Notes } from '../fixtures/privacy-eval/holdout83.js'
import { holdout84Notes } from '../fixtures/privacy-eval/holdout84.js'
import { holdout85Notes } from '../fixtures/privacy-eval/holdout85.js'
import { holdout86Notes } from '../fixtures/privacy-eval/holdout86.js'
import { holdout87Notes } from '../fixtures/privacy-eval/holdout87.js'
import { holdout88Notes } from '../fixtures/privacy-eval/holdout88.js'
import { holdout89Notes } from '../fixtures/privacy-eval/holdout89.js'
import { holdout90Notes } from '../fixtures/privacy-eval/holdout90.js'
import { holdout91Notes } from '../fixtures/privacy-eval/holdout91.js'
import { holdout92Notes } from '../fixtures/privacy-eval/holdout92.js'
import { holdout93Notes } from '../fixtures/privacy-eval/holdout93.js'
import { type Measurement, measure, table } from '../fixtures/privacy-eval/measure.js'

const notes = generateEvalSet()
const roles: EvalRole[] = ['client', 'family', 'network', 'professional']
const docTypes: DocType[] = ['intake', 'email', 'phone', 'homevisit', 'mdo', 'debt', 'chat']

/** Targets of the privacy promise (see docs/privacy-and-ai.md). */
const targets = { namesPerRole: 0.97, namesAll: 0.98, harmlessRemoved: 0.03 }

const rate = (s: { caught: number; total: number }) => s.caught / Math.max(1, s.total)

function expectTargets(m: Measurement) {
  for (const role of roles) {
    const row = m.byRole.get(role)!
    expect(row.total).toBeGreaterThan(100)
    expect(rate(row), `names of ${role}: ${row.missed.slice(0, 10).join('; ')}`).toBeGreaterThanOrEqual(
      targets.namesPerRole,
    )
  }
  expect(rate(m.names)).toBeGreaterThanOrEqual(targets.namesAll)
  for (const kind of ['BSN', 'EMAIL', 'TELEFOON'] as const) {
    expect(m.byKind.get(kind)!.missed, `${kind} leaks`).toEqual([])
  }
  expect(rate(m.harmless), m.harmless.missed.join('; ')).toBeLessThanOrEqual(targets.harmlessRemoved)
}

let withFields: Measurement | undefined
let freeText: Measurement | undefined

describe('personal-data detectors on the independent evaluation set', () => {
  it('uses the committed, deterministic set with every document type, role and kind', async () => {
    const committed = JSON.parse(
      await readFile(new URL('../fixtures/privacy-eval/notes.json', import.meta.url), 'utf8'),
    ) as EvalNote[]
    expect(committed).toEqual(notes)
    expect(notes.length).toBeGreaterThanOrEqual(300)
    expect(new Set(notes.map((n) => n.type))).toEqual(new Set(docTypes))
    expect(notes.filter((n) => n.labels.length === 0).length).toBeGreaterThanOrEqual(20)
    expect(new Set(notes.flatMap((n) => n.labels.map((l) => l.role)))).toEqual(new Set(roles))
    for (const note of notes) {
      for (const span of [...note.labels, ...note.harmless]) {
        expect(note.text.slice(span.start, span.end)).toBe(span.text)
      }
    }
  })

  it('draws at least half of its name words from outside the detectors’ lexicons', () => {
    const { firstNames, surnames } = lexicons()
    const known = (token: string) =>
      firstNames.has(normaliseWord(token)) || surnames.has(normaliseWord(token))
    const generator = generatorNameTokens()
    const used = new Set<string>()
    for (const note of notes) {
      for (const label of note.labels) {
        if (label.kind !== 'NAAM') continue
        for (const part of label.text.split(/[\s-]+/)) {
          const word = normaliseWord(part.replace(/\.$/, ''))
          if (word.length > 1 && !/^(?:van|de|der|den|ter|ten|el|al|ait|a|op)$/.test(word)) used.add(word)
        }
      }
    }
    const generatorShare = generator.filter((t) => !known(t)).length / generator.length
    const usedShare = [...used].filter((t) => !known(t)).length / used.size
    console.log(
      `Name words not in the detectors' lexicons: ${(100 * generatorShare).toFixed(1)} % of the generator's ${generator.length}, ${(100 * usedShare).toFixed(1)} % of the ${used.size} used in the set`,
    )
    // The set was made when more than half of both were in no lexicon (53 % of the words used).
    // The wider first-name lexicon (nam_dict, December 2026) now knows some of them: the words
    // used dropped to 48 %. The floor keeps a further drop from passing unnoticed.
    expect(generatorShare).toBeGreaterThanOrEqual(0.5)
    expect(usedShare).toBeGreaterThanOrEqual(0.47)
  })

  it('meets the targets with the form fields of an intake', () => {
    withFields = measure(notes, true)
    freeText ??= measure(notes, false)
    console.log(`Evaluation set: ${notes.length} notes\n${table(withFields, freeText)}`)
    expectTargets(withFields)
  })

  it('meets the targets on the free text alone', () => {
    freeText ??= measure(notes, false)
    expectTargets(freeText)
  })

  it.each([
    ['first hold-out (used for changes after its first measurement)', holdoutNotes],
    ['second hold-out (used for changes after its measurement)', holdout2Notes],
    ['third hold-out (used for changes after its measurements)', holdout3Notes],
    ['fourth hold-out (written before the changes after it, measured before and after them)', holdout4Notes],
    ['fifth hold-out (written before the last changes, measured before and after them)', holdout5Notes],
    ['sixth hold-out (written blind, before the detector changes of this round)', holdout6Notes],
    ['seventh hold-out (written blind, before the detector changes of this round)', holdout7Notes],
    ['eighth hold-out (written blind, before the detector changes of this round)', holdout8Notes],
    ['ninth hold-out (written blind, before the detector changes of this round)', holdout9Notes],
    ['tenth hold-out (written blind, before the detector changes of this round)', holdout10Notes],
    ['eleventh hold-out (written blind, before the detector changes of this round)', holdout11Notes],
    ['twelfth hold-out (written blind, before the detector changes of this round)', holdout12Notes],
    ['thirteenth hold-out (written blind, before the detector changes of this round)', holdout13Notes],
    ['fourteenth hold-out (written blind, before the detector changes of this round)', holdout14Notes],
    ['fifteenth hold-out (written blind, before the detector changes of this round)', holdout15Notes],
    ['sixteenth hold-out (written blind, before the detector changes of this round)', holdout16Notes],
    ['seventeenth hold-out (written blind, before the detector changes of this round)', holdout17Notes],
    ['eighteenth hold-out (written blind beside the seventeenth, measured after its round)', holdout18Notes],
    ['nineteenth hold-out (written blind, before the detector changes of this round)', holdout19Notes],
    ['twentieth hold-out (written blind, measured once at the end of the fifth round)', holdout20Notes],
    ['twenty-first hold-out (written blind, measured once before the sixth round)', holdout21Notes],
    ['twenty-second hold-out (written blind, measured once during the sixth round)', holdout22Notes],
    ['twenty-third hold-out (written blind, measured once at the end of the sixth round)', holdout23Notes],
    ['twenty-fourth hold-out (written blind, measured once before the seventh round)', holdout24Notes],
    ['twenty-fifth hold-out (written blind beside the twenty-fourth, measured once with it)', holdout25Notes],
    ["twenty-sixth hold-out (written blind, measured once at the seventh round's state)", holdout26Notes],
    [
      'twenty-seventh hold-out (written blind beside the twenty-sixth, measured once with it)',
      holdout27Notes,
    ],
    ["twenty-eighth hold-out (written blind, measured once at the seventh round's end)", holdout28Notes],
    ['twenty-ninth hold-out (written blind beside the twenty-eighth, measured once with it)', holdout29Notes],
    ['thirtieth hold-out (written blind, measured once during the eighth round)', holdout30Notes],
    [
      'thirty-first hold-out (written blind beside the thirtieth, measured once before its fixes)',
      holdout31Notes,
    ],
    ["thirty-second hold-out (written blind, measured once at the eighth round's state)", holdout32Notes],
    ['thirty-third hold-out (written blind beside the thirty-second, measured once with it)', holdout33Notes],
    ["thirty-fourth hold-out (written blind, measured once at the eighth round's end)", holdout34Notes],
    ['thirty-fifth hold-out (written blind beside the thirty-fourth, measured once with it)', holdout35Notes],
    ["thirty-sixth hold-out (written blind, measured once at the ninth round's state)", holdout36Notes],
    [
      'thirty-seventh hold-out (written blind beside the thirty-sixth, measured once with it)',
      holdout37Notes,
    ],
    ["thirty-eighth hold-out (written blind, measured once at the ninth round's end)", holdout38Notes],
    ['thirty-ninth hold-out (written blind beside the thirty-eighth, measured once with it)', holdout39Notes],
    ['fortieth hold-out (written blind, measured once after the ninth round)', holdout40Notes],
    ['forty-first hold-out (written blind beside the fortieth, measured once with it)', holdout41Notes],
    ["forty-second hold-out (written blind, measured once at the ninth round's end)", holdout42Notes],
    ['forty-third hold-out (written blind beside the forty-second, measured once with it)', holdout43Notes],
    ["forty-fourth hold-out (written blind, measured once at the tenth round's state)", holdout44Notes],
    ['forty-fifth hold-out (written blind beside the forty-fourth, measured once with it)', holdout45Notes],
    ["forty-sixth hold-out (written blind, measured once at the tenth round's end)", holdout46Notes],
    ['forty-seventh hold-out (written blind beside the forty-sixth, measured once with it)', holdout47Notes],
    ["forty-eighth hold-out (written blind, measured once at the tenth round's end)", holdout48Notes],
    ['forty-ninth hold-out (written blind beside the forty-eighth, measured once with it)', holdout49Notes],
    ["fiftieth hold-out (written blind, measured once at the eleventh round's end)", holdout50Notes],
    ['fifty-first hold-out (written blind beside the fiftieth, measured once with it)', holdout51Notes],
    ["fifty-second hold-out (written blind, measured once at the twelfth round's end)", holdout52Notes],
    ['fifty-third hold-out (written blind beside the fifty-second, measured once with it)', holdout53Notes],
    ["fifty-fourth hold-out (written blind, measured once at the thirteenth round's end)", holdout54Notes],
    ['fifty-fifth hold-out (written blind beside the fifty-fourth, measured once with it)', holdout55Notes],
    [
      "fifty-sixth hold-out (written blind, measured once after the fourteenth round's fixes)",
      holdout56Notes,
    ],
    ['fifty-seventh hold-out (written blind beside the fifty-sixth, measured once with it)', holdout57Notes],
    [
      "fifty-eighth hold-out (written blind, measured once after the fifteenth round's fixes)",
      holdout58Notes,
    ],
    ['fifty-ninth hold-out (written blind beside the fifty-eighth, measured once with it)', holdout59Notes],
    ["sixtieth hold-out (written blind, measured once at the sixteenth round's end)", holdout60Notes],
    ['sixty-first hold-out (written blind beside the sixtieth, measured once with it)', holdout61Notes],
    ["sixty-second hold-out (written blind, measured once at the seventeenth round's end)", holdout62Notes],
    ['sixty-third hold-out (written blind beside the sixty-second, measured once with it)', holdout63Notes],
    ["sixty-fourth hold-out (written blind, measured once at the eighteenth round's end)", holdout64Notes],
    ['sixty-fifth hold-out (written blind beside the sixty-fourth, measured once with it)', holdout65Notes],
    ["sixty-sixth hold-out (written blind, measured once at the nineteenth round's end)", holdout66Notes],
    ['sixty-seventh hold-out (written blind beside the sixty-sixth, measured once with it)', holdout67Notes],
    ["sixty-eighth hold-out (written blind, measured once at the twentieth round's end)", holdout68Notes],
    ['sixty-ninth hold-out (written blind beside the sixty-eighth, measured once with it)', holdout69Notes],
    ["seventieth hold-out (written blind, measured once at the twenty-first round's end)", holdout70Notes],
    ['seventy-first hold-out (written blind beside the seventieth, measured once with it)', holdout71Notes],
    [
      "seventy-second hold-out (written blind, measured once at the twenty-second round's end)",
      holdout72Notes,
    ],
    [
      'seventy-third hold-out (written blind beside the seventy-second, measured once with it)',
      holdout73Notes,
    ],
    [
      "seventy-fourth hold-out (written blind, measured once at the twenty-third round's end)",
      holdout74Notes,
    ],
    [
      'seventy-fifth hold-out (written blind beside the seventy-fourth, measured once with it)',
      holdout75Notes,
    ],
    [
      "seventy-sixth hold-out (written blind, measured once at the twenty-fourth round's end)",
      holdout76Notes,
    ],
    [
      'seventy-seventh hold-out (written blind beside the seventy-sixth, measured once with it)',
      holdout77Notes,
    ],
    [
      "seventy-eighth hold-out (written blind, measured once at the twenty-fifth round's end)",
      holdout78Notes,
    ],
    [
      'seventy-ninth hold-out (written blind beside the seventy-eighth, measured once with it)',
      holdout79Notes,
    ],
    ["eightieth hold-out (written blind, measured once at the twenty-sixth round's end)", holdout80Notes],
    ['eighty-first hold-out (written blind beside the eightieth, measured once with it)', holdout81Notes],
    [
      "eighty-second hold-out (written blind, measured once at the twenty-seventh round's end)",
      holdout82Notes,
    ],
    ['eighty-third hold-out (written blind beside the eighty-second, measured once with it)', holdout83Notes],
    [
      "eighty-fourth hold-out (written blind, measured once at the twenty-eighth round's end)",
      holdout84Notes,
    ],
    ['eighty-fifth hold-out (written blind beside the eighty-fourth, measured once with it)', holdout85Notes],
    ["eighty-sixth hold-out (written blind, measured once at the twenty-ninth round's end)", holdout86Notes],
    [
      'eighty-seventh hold-out (written blind beside the eighty-sixth, measured once with it)',
      holdout87Notes,
    ],
    ["eighty-eighth hold-out (written blind, measured once at the thirtieth round's end)", holdout88Notes],
    ['eighty-ninth hold-out (written blind beside the eighty-eighth, measured once with it)', holdout89Notes],
    ["ninetieth hold-out (written blind, measured once at the thirty-first round's end)", holdout90Notes],
    ['ninety-first hold-out (written blind beside the ninetieth, measured once with it)', holdout91Notes],
    [
      "ninety-second hold-out (written blind, measured once at the thirty-second round's end)",
      holdout92Notes,
    ],
    ['ninety-third hold-out (written blind beside the ninety-second, measured once with it)', holdout93Notes],
  ])('reports the hand-written %s', (title, set) => {
    const holdout = measure(set, false)
    console.log(
      `${title}: ${set.length} hand-written notes, free text only\n${table(holdout, holdout)}\nmissed names: ${holdout.names.missed.join('; ')}\nharmless removed: ${holdout.harmless.missed.join('; ')}`,
    )
    // Too small for the percentage targets (see docs/privacy-and-ai.md); no number may leak.
    for (const kind of ['BSN', 'EMAIL', 'TELEFOON'] as const) {
      expect(holdout.byKind.get(kind)?.missed ?? [], `${kind} leaks`).toEqual([])
    }
    expect(holdout.names.total).toBeGreaterThanOrEqual(50)
  })

  it.each([
    // The fifth set was meant to hold mostly unknown names but, measured, only about one name word
    // in seven is in none of the lexicons (see docs/privacy-and-ai.md): its floor says so. The third
    // and fourth were written with more than half unknown (51 %); the wider first-name lexicon
    // (nam_dict, December 2026) brought them to 49 %: their floors keep a further drop visible.
    ['third', holdout3Notes, 60, 0.47],
    ['fourth', holdout4Notes, 80, 0.47],
    ['fifth', holdout5Notes, 60, 0.1],
    ['sixth', holdout6Notes, 150, 0.5],
    ['seventh', holdout7Notes, 160, 0.5],
    ['eighth', holdout8Notes, 160, 0.5],
    ['ninth', holdout9Notes, 160, 0.5],
    ['tenth', holdout10Notes, 160, 0.5],
    ['eleventh', holdout11Notes, 160, 0.5],
    ['twelfth', holdout12Notes, 160, 0.5],
    ['thirteenth', holdout13Notes, 160, 0.5],
    ['fourteenth', holdout14Notes, 160, 0.5],
    ['fifteenth', holdout15Notes, 160, 0.5],
    ['sixteenth', holdout16Notes, 160, 0.5],
    ['seventeenth', holdout17Notes, 160, 0.5],
    // Written beside the seventeenth from the same brief, its writer could not measure its names:
    // only a quarter of its name words are in no lexicon. It is kept for what it is, a blind set of
    // mostly known names; its floor keeps that share from dropping unnoticed.
    ['eighteenth', holdout18Notes, 160, 0.24],
    ['nineteenth', holdout19Notes, 160, 0.5],
    ['twentieth', holdout20Notes, 160, 0.5],
    ['twenty-first', holdout21Notes, 160, 0.5],
    ['twenty-second', holdout22Notes, 160, 0.5],
    ['twenty-third', holdout23Notes, 160, 0.5],
    ['twenty-fourth', holdout24Notes, 160, 0.5],
    ['twenty-fifth', holdout25Notes, 160, 0.5],
    ['twenty-sixth', holdout26Notes, 160, 0.5],
    ['twenty-seventh', holdout27Notes, 160, 0.5],
    ['twenty-eighth', holdout28Notes, 160, 0.5],
    ['twenty-ninth', holdout29Notes, 160, 0.5],
    ['thirtieth', holdout30Notes, 160, 0.5],
    ['thirty-first', holdout31Notes, 160, 0.5],
    ['thirty-second', holdout32Notes, 160, 0.5],
    ['thirty-third', holdout33Notes, 160, 0.5],
    ['thirty-fourth', holdout34Notes, 160, 0.5],
    ['thirty-fifth', holdout35Notes, 160, 0.5],
    ['thirty-sixth', holdout36Notes, 160, 0.5],
    ['thirty-seventh', holdout37Notes, 160, 0.5],
    ['thirty-eighth', holdout38Notes, 160, 0.5],
    ['thirty-ninth', holdout39Notes, 160, 0.5],
    ['fortieth', holdout40Notes, 160, 0.5],
    ['forty-first', holdout41Notes, 160, 0.5],
    ['forty-second', holdout42Notes, 160, 0.5],
    ['forty-third', holdout43Notes, 160, 0.5],
    ['forty-fourth', holdout44Notes, 160, 0.5],
    ['forty-fifth', holdout45Notes, 160, 0.5],
    ['forty-sixth', holdout46Notes, 160, 0.5],
    ['forty-seventh', holdout47Notes, 160, 0.5],
    ['forty-eighth', holdout48Notes, 160, 0.5],
    ['forty-ninth', holdout49Notes, 160, 0.5],
    ['fiftieth', holdout50Notes, 160, 0.5],
    ['fifty-first', holdout51Notes, 160, 0.5],
    ['fifty-second', holdout52Notes, 160, 0.5],
    ['fifty-third', holdout53Notes, 160, 0.5],
    ['fifty-fourth', holdout54Notes, 160, 0.5],
    ['fifty-fifth', holdout55Notes, 160, 0.5],
    ['fifty-sixth', holdout56Notes, 160, 0.5],
    ['fifty-seventh', holdout57Notes, 160, 0.5],
    ['fifty-eighth', holdout58Notes, 160, 0.5],
    ['fifty-ninth', holdout59Notes, 160, 0.5],
    ['sixtieth', holdout60Notes, 160, 0.5],
    ['sixty-first', holdout61Notes, 160, 0.5],
    ['sixty-second', holdout62Notes, 160, 0.5],
    ['sixty-third', holdout63Notes, 160, 0.5],
    ['sixty-fourth', holdout64Notes, 160, 0.5],
    ['sixty-fifth', holdout65Notes, 160, 0.5],
    ['sixty-sixth', holdout66Notes, 160, 0.5],
    ['sixty-seventh', holdout67Notes, 160, 0.5],
    ['sixty-eighth', holdout68Notes, 160, 0.5],
    ['sixty-ninth', holdout69Notes, 160, 0.5],
    ['seventieth', holdout70Notes, 160, 0.5],
    ['seventy-first', holdout71Notes, 160, 0.5],
    ['seventy-second', holdout72Notes, 160, 0.5],
    ['seventy-third', holdout73Notes, 160, 0.5],
    ['seventy-fourth', holdout74Notes, 160, 0.5],
    ['seventy-fifth', holdout75Notes, 160, 0.5],
    ['seventy-sixth', holdout76Notes, 160, 0.5],
    ['seventy-seventh', holdout77Notes, 160, 0.5],
    ['seventy-eighth', holdout78Notes, 160, 0.5],
    ['seventy-ninth', holdout79Notes, 160, 0.5],
    ['eightieth', holdout80Notes, 160, 0.5],
    ['eighty-first', holdout81Notes, 160, 0.5],
    ['eighty-second', holdout82Notes, 160, 0.5],
    ['eighty-third', holdout83Notes, 160, 0.5],
    ['eighty-fourth', holdout84Notes, 160, 0.5],
    ['eighty-fifth', holdout85Notes, 160, 0.5],
    ['eighty-sixth', holdout86Notes, 160, 0.5],
    ['eighty-seventh', holdout87Notes, 160, 0.5],
    ['eighty-eighth', holdout88Notes, 160, 0.5],
    ['eighty-ninth', holdout89Notes, 160, 0.5],
    ['ninetieth', holdout90Notes, 160, 0.5],
    ['ninety-first', holdout91Notes, 160, 0.5],
    ['ninety-second', holdout92Notes, 160, 0.5],
    ['ninety-third', holdout93Notes, 160, 0.5],
  ])(
    'has a %s hold-out of every document type, all roles and names outside the lexicons',
    (title, set, lookAlikes, minUnknown) => {
      expect(set.length).toBeGreaterThanOrEqual(30)
      expect(new Set(set.map((n) => n.type))).toEqual(new Set(docTypes))
      const names = set.flatMap((n) => n.labels.filter((l) => l.kind === 'NAAM'))
      expect(names.length).toBeGreaterThanOrEqual(100)
      for (const role of roles) expect(names.filter((l) => l.role === role).length).toBeGreaterThanOrEqual(20)
      expect(set.reduce((sum, n) => sum + n.harmless.length, 0)).toBeGreaterThanOrEqual(lookAlikes)
      for (const kind of ['BSN', 'EMAIL', 'TELEFOON'] as const) {
        expect(set.some((n) => n.labels.some((l) => l.kind === kind))).toBe(true)
      }
      for (const note of set) {
        for (const span of [...note.labels, ...note.harmless]) {
          expect(note.text.slice(span.start, span.end)).toBe(span.text)
        }
      }
      const { firstNames, surnames } = lexicons()
      const words = new Set<string>()
      for (const label of names) {
        for (const part of label.text.split(/[\s-]+/)) {
          const word = normaliseWord(part.replace(/\.$/, ''))
          if (word.length > 1 && !/^(?:van|de|der|den|ter|ten|el|al|ait|a|op)$/.test(word)) words.add(word)
        }
      }
      const unknown = [...words].filter((w) => !firstNames.has(w) && !surnames.has(w)).length / words.size
      console.log(
        `${title[0]!.toUpperCase()}${title.slice(1)} hold-out: ${set.length} notes, ${names.length} names, ${(100 * unknown).toFixed(1)} % of its ${words.size} name words in none of the lexicons`,
      )
      expect(unknown).toBeGreaterThan(minUnknown)
    },
  )

  it('leaks no BSN, e-mail address or phone number through the pseudonymise node', async () => {
    const key = Buffer.alloc(32, 12).toString('base64')
    const leaks: string[] = []
    for (const note of notes) {
      const { output } = await runNode(pseudonymiseNode, {
        secrets: { pseudonymKey: key },
        run: { runId: `eval-${note.id}` },
        input: { notitie: note.text },
        config: { textFields: ['notitie'] },
      })
      const text = output.notitie as string
      const digits = text.replace(/\D/g, '')
      for (const label of note.labels) {
        if (label.kind === 'EMAIL' && text.includes(label.text)) leaks.push(`${note.id} EMAIL`)
        if (
          (label.kind === 'BSN' || label.kind === 'TELEFOON') &&
          digits.includes(label.text.replace(/\D/g, '').slice(-8))
        )
          leaks.push(`${note.id} ${label.kind}`)
      }
    }
    expect(leaks).toEqual([])
  }, 120_000)
})
