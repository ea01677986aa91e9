// `pnpm bench:pseudonymise` (or `npx tsx bench/pseudonymise.ts`): how fast the personal-data
// detectors are and how they scale.
//
// 1. The lexicons and the name model: how long reading them takes (once per process) and how much
//    heap they take.
// 2. Latency per note of about 2 KB (notes of the evaluation set joined to that size): p50, p99 and
//    max, for the full detector (name lexicons + context + the name model's second opinion), the
//    rules without the model, and, side by side as the baseline, the detector as it was before the
//    lexicons (names only after a title, family word or initials).
// 3. Linearity: intake text comes from a public form, so a hostile text must not make the detectors
//    slow (no catastrophic backtracking). For each input shape it times sizes n, 2n and 4n and prints
//    t(4n) / t(n): about 4 means linear, 16 quadratic.
import { findPersonalData, lexicons, nameModel } from '@warmflow/nodes'
import { generateIntakes } from '../tests/fixtures/intakes/generate.js'
import { generateEvalSet } from '../tests/fixtures/privacy-eval/generate.js'

type Mode = 'context' | 'rules' | 'titles'
const modes: Mode[] = ['context', 'rules', 'titles']
const known = [{ kind: 'NAAM' as const, text: 'Vries' }]
const now = new Date('2026-12-05')

// 1. Lexicons (wall-clock time of the first read).
const heapBefore = process.memoryUsage().heapUsed
const lex = lexicons()
const heapAfter = process.memoryUsage().heapUsed
console.log(
  `Lexicons: ${lex.entries.toLocaleString('en')} entries (first names ${lex.firstNames.size}, surnames ${lex.surnames.size}, places ${lex.places.size}, words ${lex.words.size}); read in ${lex.loadMs.toFixed(0)} ms; heap +${((heapAfter - heapBefore) / 1024 / 1024).toFixed(0)} MB`,
)

{
  const heap = process.memoryUsage().heapUsed
  const external = process.memoryUsage().arrayBuffers
  const started = performance.now()
  const model = nameModel()
  const ms = performance.now() - started
  const grown = process.memoryUsage().heapUsed - heap + process.memoryUsage().arrayBuffers - external
  console.log(
    `Name model: ${model.weights.length.toLocaleString('en')} weights; read in ${ms.toFixed(0)} ms; memory +${(grown / 1024 / 1024).toFixed(1)} MB`,
  )
}

// 2. Latency per 2 KB note.
const notes = generateEvalSet()
const twoKb: string[] = []
let current = ''
for (const note of notes) {
  current += `${note.text}\n\n`
  if (current.length >= 2048) {
    twoKb.push(current.slice(0, 2048))
    current = ''
  }
}
// What a run costs the thread that runs it, bounded from above twice: by the wall clock (which also
// counts waiting for a core when the machine is shared) and by the process's CPU time (which also
// counts the garbage collector's background threads: after the warm-up passes they tidy up for
// some hundreds of milliseconds, and that work fell on whichever notes were measured meanwhile, up
// to 2.5 times a note's own time). Each run counts the smaller of the two, still never less than
// the thread's own time. (Node 24's `process.threadCpuUsage()` moves in steps of 4 ms here.)
const clock = 'the smaller of wall-clock and process CPU time'
/** A clock reading: wall time and process CPU time, in milliseconds. */
function reading(): [number, number] {
  const { user, system } = process.cpuUsage()
  return [performance.now(), (user + system) / 1000]
}
/** What the run since `started` (a `reading()`) cost, see `clock`. */
function since(started: [number, number]): number {
  const [wall, cpu] = reading()
  return Math.min(wall - started[0], cpu - started[1])
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}
// The machine may be shared (2 cores, other processes): times are as `clock` says, per note the
// median of its runs, and the p99 over every single run is printed too.
const rounds = 15
// A worker runs for hours, so the steady state counts: five passes over the notes first let V8
// optimise the detector (one pass left the first notes measured before that). The first pass in
// the process is printed too, as the cold start.
const warmUps = 5
const perNote = new Map<Mode, number[]>()
const raw = new Map<Mode, number[]>()
const cold = new Map<Mode, number[]>()
for (const mode of modes) {
  const first: number[] = []
  for (const text of twoKb) {
    const started = reading()
    findPersonalData(text, { known, names: mode, now })
    first.push(since(started))
  }
  cold.set(
    mode,
    first.sort((a, b) => a - b),
  )
  for (let pass = 1; pass < warmUps; pass++)
    for (const text of twoKb) findPersonalData(text, { known, names: mode, now })
  perNote.set(mode, [])
  raw.set(mode, [])
}
// The modes take turns on each note, so a slow moment of the machine (or of the garbage collector)
// falls on all of them alike.
for (const text of twoKb) {
  const times = new Map<Mode, number[]>(modes.map((mode) => [mode, []]))
  for (let round = 0; round < rounds; round++) {
    for (const mode of modes) {
      const started = reading()
      findPersonalData(text, { known, names: mode, now })
      times.get(mode)!.push(since(started))
    }
  }
  for (const mode of modes) {
    const sorted = times.get(mode)!.sort((a, b) => a - b)
    perNote.get(mode)!.push(sorted[Math.floor(rounds / 2)]!)
    raw.get(mode)!.push(...sorted)
  }
}
for (const mode of modes) {
  perNote.get(mode)!.sort((a, b) => a - b)
  raw.get(mode)!.sort((a, b) => a - b)
}
console.log(
  `\n${twoKb.length} notes of 2 KB, ${warmUps} passes to warm up, then ${rounds} runs each, the modes taking turns; ${clock} on Node ${process.versions.node} (per note: the median of its runs)`,
)
console.log(
  '| statistic over the notes | lexicons + context + model (ms) | rules alone, no model (ms) | titles only, before (ms) | ratio to titles only |',
)
console.log('|---|---:|---:|---:|---:|')
const rows: [string, Map<Mode, number[]>, number][] = [
  ['p50', perNote, 50],
  ['p90', perNote, 90],
  ['p99', perNote, 99],
  ['max', perNote, 100],
  ['p99 of every single run', raw, 99],
  ['cold: p50 of the first pass in the process', cold, 50],
  ['cold: max of the first pass in the process', cold, 100],
]
for (const [label, times, p] of rows) {
  const [full, rules, base] = modes.map((mode) => percentile(times.get(mode)!, p))
  console.log(
    `| ${label} | ${full!.toFixed(3)} | ${rules!.toFixed(3)} | ${base!.toFixed(3)} | ${(full! / base!).toFixed(1)} |`,
  )
}

// 3. Linearity.
const shapes: Record<string, (n: number) => string> = {
  'real notes': (n) =>
    notes
      .map((note) => note.text)
      .join('\n\n')
      .repeat(4)
      .slice(0, n),
  'one long word': (n) => `K${'a'.repeat(n)} 12`,
  'capital words': (n) => 'Aastraat Xyqo '.repeat(n / 14),
  'streets and numbers': (n) => 'Oude Kerkstraat 12 '.repeat(n / 19),
  'capitals, then a number': (n) => `${'Aa van '.repeat(n / 7)}12`,
  'names and particles': (n) => 'Sanne van der de van El Ait '.repeat(n / 28),
  'initials and dots': (n) => 'J. P. K. '.repeat(n / 9),
  'dotted domain': (n) => `a@${'a.'.repeat(n / 2)}!`,
  'digits and spaces': (n) => '1 '.repeat(n / 2),
  'phone-like': (n) => '06 '.repeat(n / 3),
  'digit by digit': (n) => '0 6 '.repeat(n / 4),
  'spoken numbers': (n) => 'nul zes 1 2 3 4 '.repeat(n / 16),
  titles: (n) => `mevrouw ${'De '.repeat(n / 3)}`,
  'IBAN-like': (n) => `NL91 ${'ABCD '.repeat(n / 5)}`,
  'lower-case note': (n) => 'gebeld met sanne over de huur '.repeat(n / 30),
  'known organisations and names': (n) => 'Jan Ymere en Piet bij Ymere. '.repeat(n / 29),
  'hyphened names and particles': (n) => 'buurman R. de Hulst-Zantvoorde-'.repeat(n / 31),
  'initials, towns and tables': (n) =>
    'Ans Bakker (AvdW) – ab\n1234 AB Huizen,Woonplaats,"x, y" zes vier 12 '.repeat(n / 68),
}

function timeMs(run: () => void, repeat = 3): number {
  let best = Number.POSITIVE_INFINITY
  for (let i = 0; i < repeat; i++) {
    const started = reading()
    run()
    best = Math.min(best, since(started))
  }
  return best
}

const base_n = 20_000
console.log(
  `\n| input shape | ${base_n} ch ms | ${base_n * 4} ch ms | t(4n)/t(n) | titles only: ${base_n * 4} ch ms | ratio to titles only |`,
)
console.log('|---|---:|---:|---:|---:|---:|')
for (const [name, make] of Object.entries(shapes)) {
  const small = make(base_n)
  const large = make(base_n * 4)
  const t1 = timeMs(() => findPersonalData(small, { known, now }))
  const t4 = timeMs(() => findPersonalData(large, { known, now }))
  const b4 = timeMs(() => findPersonalData(large, { known, names: 'titles', now }))
  console.log(
    `| ${name} | ${t1.toFixed(1)} | ${t4.toFixed(1)} | ${(t4 / Math.max(t1, 0.05)).toFixed(1)} | ${b4.toFixed(1)} | ${(t4 / Math.max(b4, 0.05)).toFixed(1)} |`,
  )
}

const intakes = generateIntakes()
for (const mode of modes) {
  const started = performance.now()
  for (const intake of intakes) findPersonalData(intake.omschrijving, { known, names: mode, now })
  const perIntake = (performance.now() - started) / intakes.length
  console.log(
    `\n${intakes.length} synthetic intakes (old set), ${mode}: ${perIntake.toFixed(3)} ms per intake`,
  )
}
