import { readFileSync } from 'node:fs'

/**
 * The word lists the name detector uses: first names, surnames, places (and other proper nouns
 * that are not people), and Dutch words. They live in `packages/nodes/data/privacy/` (sources and
 * licences in SOURCES.md there) and are read once per process, on first use.
 */
export interface Lexicons {
  firstNames: ReadonlySet<string>
  surnames: ReadonlySet<string>
  places: ReadonlySet<string>
  words: ReadonlySet<string>
  /**
   * Names of organisations, neighbourhoods and medicines that are no person ("Ymere", "Leger des
   * Heils", "Kanaleneiland", "Movicolax"), as normalised words, by their first word, longest first.
   * Left out: one-word names a first-name or surname list knows ("Aafje", "Laurens"), and names
   * shaped like a person's, a known first name and a known surname ("Tim Smit"), except brands
   * the list marks with "=" ("=Albert Heijn").
   */
  nonPersons: ReadonlyMap<string, readonly (readonly string[])[]>
  /** How long reading the lists took, in milliseconds. */
  loadMs: number
  /** Number of entries over all lists. */
  entries: number
}

let loaded: Lexicons | undefined

const folder = new URL('../../data/privacy/', import.meta.url)

/**
 * A word list that keeps its last answers. The rules ask about the same few hundred words of a note
 * many times (about 1,200 look-ups per 2 KB note), and a small table of recent answers stays in the
 * processor's cache where the large list does not: 4-6 % of the detector's time on a note.
 */
class WordList extends Set<string> {
  private answers = new Map<string, boolean>()

  override has(word: string): boolean {
    let known = this.answers.get(word)
    if (known === undefined) {
      known = super.has(word)
      if (this.answers.size >= 4096) this.answers.clear()
      this.answers.set(word, known)
    }
    return known
  }

  override add(word: string): this {
    // An iterable given to the constructor is added before the field above exists.
    if (this.answers?.size) this.answers.clear()
    return super.add(word)
  }
}

function readList(file: string): Set<string> {
  const text = readFileSync(new URL(file, folder), 'utf8')
  const set = new WordList()
  let at = 0
  while (at < text.length) {
    let end = text.indexOf('\n', at)
    if (end === -1) end = text.length
    if (end > at) set.add(text.slice(at, end))
    at = end + 1
  }
  return set
}

/** The lexicons, read from disk the first time and kept for the life of the process. */
export function lexicons(): Lexicons {
  if (loaded) return loaded
  const started = performance.now()
  const firstNames = readList('first-names.txt')
  const surnames = readList('surnames.txt')
  const places = readList('places.txt')
  // Countries and large cities of the world ("Spanje", "Kumasi"): read as places too.
  for (const place of readList('world-places.txt')) places.add(place)
  const words = readList('words.txt')
  const nonPersons = readNonPersons(firstNames, surnames)
  loaded = {
    firstNames,
    surnames,
    places,
    words,
    nonPersons,
    loadMs: performance.now() - started,
    entries: firstNames.size + surnames.size + places.size + words.size + nonPersons.size,
  }
  return loaded
}

/** The hand-compiled lists of names that are no person (see SOURCES.md). */
const notInPersonNames =
  /^(?:noord|oost|zuid|west|midden|centrum|groep|huis|ziekenhuis|lyceum|college|arena|kliniek|zorg|woonzorg|stichting)$/

const nonPersonFiles = ['organisations.txt', 'neighbourhoods.txt', 'place-phrases.txt', 'medicines.txt']

function readNonPersons(
  firstNames: ReadonlySet<string>,
  surnames: ReadonlySet<string>,
): Map<string, string[][]> {
  const byFirst = new Map<string, string[][]>()
  for (const file of nonPersonFiles) {
    for (const line of readList(file)) {
      // "=Albert Heijn": a brand named after a person that a note nearly always means as the brand.
      const brand = line.startsWith('=')
      const entry = brand ? line.slice(1) : line
      // Words as the name rules split them: runs of letters.
      const parts = normaliseWord(entry)
        .split(/[^\p{L}]+/u)
        .filter(Boolean)
      const [first] = parts
      const last = parts.at(-1)
      if (first === undefined || last === undefined) continue
      if (!brand && parts.length === 1 && (firstNames.has(first) || surnames.has(first))) continue
      if (
        !brand &&
        parts.length > 1 &&
        firstNames.has(first) &&
        surnames.has(last) &&
        // "Meander Groep", "MEE Noord", "Wilhelmina Ziekenhuis Assen": a kind of organisation or a
        // point of the compass makes it no person's name.
        !parts.some((part) => notInPersonNames.test(part))
      )
        continue
      const phrases = byFirst.get(first)
      if (!phrases) byFirst.set(first, [parts])
      else if (!phrases.some((p) => p.join(' ') === parts.join(' '))) phrases.push(parts)
    }
  }
  for (const phrases of byFirst.values()) phrases.sort((a, b) => b.length - a.length)
  return byFirst
}

/** True when `word` holds only a-z, apostrophes and hyphens (`/^[a-z'-]*$/`). */
function plainLower(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i)
    if ((c < 97 || c > 122) && c !== 39 && c !== 45) return false
  }
  return true
}

/**
 * The normal form of a word for lexicon look-ups: lower case, without diacritics (Şahin → sahin),
 * `ĳ` as `ij`, Turkish dotless ı and Polish ł as i and l.
 */
export function normaliseWord(word: string): string {
  let lower = word.toLowerCase()
  // Plain ASCII needs no further work: the common case, kept fast (a loop: asked for every word).
  if (plainLower(lower)) return lower
  lower = lower
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ĳ/g, 'ij')
    .replace(/ı/g, 'i')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/[’‘`]/g, "'")
  return lower
}
