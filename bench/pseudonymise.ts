// `pnpm bench:pseudonymise` (or `npx tsx bench/pseudonymise.ts`): how the personal-data
// detectors scale. Intake text comes from a public form, so a hostile text must not make the
// detectors slow (no catastrophic backtracking). For each input shape it times sizes n, 2n and 4n
// and prints the ratio t(4n) / t(n): about 4 means linear, 16 quadratic. The baseline is one
// linear regex pass over the same text. It also prints the time per synthetic intake.
import { findPersonalData } from '@warmflow/nodes'
import { generateIntakes } from '../tests/fixtures/intakes/generate.js'

const shapes: Record<string, (n: number) => string> = {
  'one long word': (n) => `K${'a'.repeat(n)} 12`,
  'dotted domain': (n) => `a@${'a.'.repeat(n / 2)}!`,
  'capital words': (n) => 'Aastraat '.repeat(n / 9),
  'digits and spaces': (n) => '1 '.repeat(n / 2),
  'phone-like': (n) => '06 '.repeat(n / 3),
  titles: (n) => `mevrouw ${'De '.repeat(n / 3)}`,
  'IBAN-like': (n) => `NL91 ${'ABCD '.repeat(n / 5)}`,
  'real sentences': (n) => 'Mevrouw De Vries woont aan de Kerkstraat 12, 3512 AB. '.repeat(n / 54),
}

function timeMs(run: () => void, repeat = 5): number {
  let best = Number.POSITIVE_INFINITY
  for (let i = 0; i < repeat; i++) {
    const started = performance.now()
    run()
    best = Math.min(best, performance.now() - started)
  }
  return best
}

const known = [{ kind: 'NAAM' as const, text: 'Vries' }]
const base = 20_000
const rows: string[][] = []
for (const [name, make] of Object.entries(shapes)) {
  const sizes = [base, base * 2, base * 4].map((n) => make(n))
  const times = sizes.map((text) => timeMs(() => findPersonalData(text, { known })))
  const baseline = timeMs(() => sizes[2]!.match(/\d/g))
  rows.push([
    name,
    ...times.map((t) => t.toFixed(1)),
    (times[2]! / Math.max(times[0]!, 0.05)).toFixed(1),
    (times[2]! / Math.max(baseline, 0.05)).toFixed(0),
  ])
}

const header = [
  'input shape',
  `${base} ch ms`,
  `${base * 2} ch ms`,
  `${base * 4} ch ms`,
  't(4n)/t(n)',
  'x one regex pass',
]
console.log(`| ${header.join(' | ')} |`)
console.log(`|${header.map(() => '---').join('|')}|`)
for (const row of rows) console.log(`| ${row.join(' | ')} |`)

const intakes = generateIntakes()
const started = performance.now()
for (const intake of intakes) findPersonalData(intake.omschrijving, { known })
const perIntake = (performance.now() - started) / intakes.length
console.log(`\n${intakes.length} synthetic intakes: ${perIntake.toFixed(2)} ms per intake`)
