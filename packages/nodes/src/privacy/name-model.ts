import { readFileSync } from 'node:fs'
import { lexicons } from './lexicon.js'
import { nameParticles, type Token, wordClasses, wordsOfText } from './names.js'

/**
 * A statistical second opinion on names: logistic regression over hashed features of each word
 * and its neighbours (the word, its first and last letters, its shape, which lexicons know it,
 * the words and punctuation around it). It is trained on labelled notes
 * (`tests/fixtures/privacy-eval/train-name-model.ts`) and stored as 16-bit weights in
 * `data/privacy/name-model.bin`, read once per process. The rules in `names.ts` stay the first
 * judge; see `detect.ts` for how the two are combined.
 */

/** Number of weight buckets (a power of two): features are hashed into them. */
export const modelBuckets = 1 << 17

/** A word the model judges, with the feature hashes that describe it. */
export interface ModelToken {
  start: number
  end: number
  norm: string
  /** Bucket index of each feature. */
  features: Uint32Array
}

/**
 * The words of a text as the model reads them: the rules' words, and per word five hashes (its
 * normal form, shape, lexicons, word classes and the gap before it) in one array, so a note costs
 * a few allocations, not one object per word.
 */
interface Words {
  tokens: readonly Readonly<Token>[]
  candidate: Uint8Array
  hashes: Uint32Array
  /**
   * What the rest of the note says of each word: how often else it occurs (0, 1, 2 or more), and
   * whether elsewhere it is capitalised mid-sentence (+4) or follows a role word or title (+8).
   */
  elsewhere: Uint8Array
}

const NORM = 0
const SHAPE = 1
const LEX = 2
const CLS = 3
const GAP = 4

const fnvOffset = 0x811c9dc5

/** FNV-1a over the UTF-16 units of `text`. */
function fnv(text: string): number {
  let h = fnvOffset
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** FNV-1a over `text` from `from` to `to` (clamped to the text): the same as `fnv(text.slice(from, to))`. */
function fnvRange(text: string, from: number, to: number): number {
  let h = fnvOffset
  for (let i = Math.max(0, from); i < Math.min(text.length, to); i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** Mixes a value's hash into a running hash (MurmurHash3's finaliser). */
function mix(hash: number, value: number): number {
  let h = Math.imul(hash ^ value, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** Which lexicons know the word: F(irst name), S(urname), P(lace), W(ord), or `-`. */
function lexOf(norm: string): string {
  const { firstNames, surnames, places, words } = lexicons()
  let out = ''
  if (firstNames.has(norm)) out += 'F'
  if (surnames.has(norm)) out += 'S'
  if (places.has(norm)) out += 'P'
  if (words.has(norm)) out += 'W'
  return out || '-'
}

/** The punctuation between two words, reduced: runs of spaces become one, at most four characters. */
function gapOf(gap: string): string {
  if (gap === ' ') return '_'
  const reduced = gap.replace(/[ \t]+/g, '_').replace(/\d+/g, '9')
  return reduced.length > 4 ? reduced.slice(0, 2) + reduced.slice(-2) : reduced || '0'
}

/** The feature templates, in the order a token's features are listed. */
const featureNames = [
  'b',
  'w',
  'p3',
  's2',
  's3',
  's4',
  'sh',
  'lx',
  'sh.lx',
  'len',
  'ss.sh',
  'ss.sh.lx',
  'note.sh',
  'w-1',
  'w-2',
  'w+1',
  'w+2',
  'w-2.w-1',
  'w+1.w+2',
  'sh-1',
  'sh+1',
  'lx-1',
  'lx+1',
  'sh-1.sh.sh+1',
  'lx-1.lx',
  'lx.lx+1',
  'g-',
  'g+',
  'g-.w-1',
  'g+.w+1',
  'g-.sh',
  'g+.sh',
  'cl',
  'sh.cl',
  'cl-1',
  'cl-2',
  'cl+1',
  'cl-1.cl',
  'cl.cl+1',
  'ss.sh.cl',
  'doc',
  'doc.sh',
] as const
const featureCount = featureNames.length
type FeatureName = (typeof featureNames)[number]
const T = Object.fromEntries(featureNames.map((name) => [name, fnv(name)])) as Record<FeatureName, number>
const bucketMask = modelBuckets - 1
/** A feature of one value: its template mixed with the value's hash, into a bucket. */
const one = (t: number, value: number) => mix(t, value) & bucketMask
/** A feature of two values. */
const two = (t: number, a: number, b: number) => mix(mix(t, a), b) & bucketMask
const hashes = new Map<string, number>()
/** The hash of a short value (shapes, lexicon letters, gaps, lengths), kept. */
function small(value: string): number {
  let h = hashes.get(value)
  if (h === undefined) {
    h = fnv(value)
    if (hashes.size < 10_000) hashes.set(value, h)
  }
  return h
}

/**
 * The bucket of a feature of one value: a template (`w` the word itself, `b` the bias, …) and its
 * value (`''` for the bias).
 */
export function featureBucket(name: FeatureName, value: string): number {
  return one(T[name], fnv(value))
}

/** What the lexicons and the rules know of a word, kept per word: most words of a note are common ones. */
interface Known {
  hNorm: number
  hLex: number
  hCls: number
  /** Read as a word when written in lower case, not judged by the model. */
  wordOnly: boolean
  /** A family, network or job word, or a title: it announces a name after it. */
  cue: boolean
}
const known = new Map<string, Known>()

function knownOf(norm: string): Known {
  let entry = known.get(norm)
  if (!entry) {
    const lex = lexOf(norm)
    // Longer than any word or name: not looked up further (keeps hostile input cheap).
    const cls = norm.length <= 40 ? wordClasses(norm) : '-'
    entry = {
      hNorm: fnv(norm),
      hLex: small(lex),
      hCls: small(cls),
      // In lower case, a function word or particle ("de", "van", "door") is read as a word, and so
      // is a Dutch or role word unless it is a first name ("ans", "jet"): "post", "bij" and "kok"
      // are surnames too, but not written so.
      wordOnly: cls.includes('F') || nameParticles.has(norm) || (/[CR]/.test(cls) && !lex.includes('F')),
      cue: /[RT]/.test(cls),
    }
    if (known.size >= 50_000) known.clear()
    known.set(norm, entry)
  }
  return entry
}

const edge = small('<>')

const shapeCodes = {
  lower: ['c', 'a'],
  upper: ['I', 'A'],
  title: ['I', 'X'],
  mixed: ['M', 'M'],
} as const

const gapHashes = new Map<string, number>()

/** The hash of the reduced gap before a word, kept per gap as written. */
function gapHash(gap: string): number {
  let h = gapHashes.get(gap)
  if (h === undefined) {
    h = small(gapOf(gap))
    if (gapHashes.size >= 10_000) gapHashes.clear()
    gapHashes.set(gap, h)
  }
  return h
}

function wordsOf(text: string): Words {
  const tokens = wordsOfText(text)
  const n = tokens.length
  const candidate = new Uint8Array(n)
  const hashes = new Uint32Array(5 * n)
  // Per word: its group (the same normal form, by its hash), written capitalised mid-sentence,
  // after a role word or title.
  const group = new Int32Array(n)
  const midCaps = new Uint8Array(n)
  const cued = new Uint8Array(n)
  const groups = new Map<number, number>()
  const count = new Int32Array(n)
  const groupMidCaps = new Int32Array(n)
  const groupCued = new Int32Array(n)
  let previousCue = false
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!
    const shape = shapeCodes[t.shape][t.text.length === 1 ? 0 : 1]
    const entry = knownOf(t.norm)
    // Lower-case words that are Dutch words and no name are not judged (most of any text).
    candidate[i] = t.norm.length <= 40 && !(shape === 'c' || (shape === 'a' && entry.wordOnly)) ? 1 : 0
    hashes[5 * i + NORM] = entry.hNorm
    hashes[5 * i + SHAPE] = small(shape)
    hashes[5 * i + LEX] = entry.hLex
    hashes[5 * i + CLS] = entry.hCls
    hashes[5 * i + GAP] = i === 0 ? small('^') : gapHash(t.gap)
    midCaps[i] = !t.sentenceStart && (t.shape === 'title' || t.shape === 'upper') ? 1 : 0
    cued[i] = previousCue ? 1 : 0
    previousCue = entry.cue
    let g = groups.get(entry.hNorm)
    if (g === undefined) {
      g = groups.size
      groups.set(entry.hNorm, g)
    }
    group[i] = g
    count[g]!++
    groupMidCaps[g]! += midCaps[i]!
    groupCued[g]! += cued[i]!
  }
  // What the rest of the note says of each word: its other mentions and how they are written.
  const elsewhere = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const g = group[i]!
    elsewhere[i] =
      Math.min(count[g]! - 1, 2) +
      (groupMidCaps[g]! - midCaps[i]! > 0 ? 4 : 0) +
      (groupCued[g]! - cued[i]! > 0 ? 8 : 0)
  }
  return { tokens, candidate, hashes, elsewhere }
}

/** The hash of how the whole note is written: all capitals, all lower case, or mixed. */
function noteShape(text: string): number {
  if (!/\p{Ll}/u.test(text)) return small('A')
  return small(/\p{Lu}/u.test(text) ? 'X' : 'a')
}

const textEnd = small('$')

/** Field `field` of word `j`'s hashes, or the edge of the note before the first word and after the last. */
function hashAt(hashes: Uint32Array, count: number, j: number, field: number): number {
  return j >= 0 && j < count ? hashes[5 * j + field]! : edge
}

/** Writes the feature buckets of word `i` into `x`. */
function fill(x: Uint32Array, words: Words, i: number, note: number): void {
  const { tokens, hashes } = words
  const count = tokens.length
  const wNorm = hashAt(hashes, count, i, NORM)
  const wShape = hashAt(hashes, count, i, SHAPE)
  const wLex = hashAt(hashes, count, i, LEX)
  const wCls = hashAt(hashes, count, i, CLS)
  const p1Norm = hashAt(hashes, count, i - 1, NORM)
  const p1Shape = hashAt(hashes, count, i - 1, SHAPE)
  const p1Lex = hashAt(hashes, count, i - 1, LEX)
  const p1Cls = hashAt(hashes, count, i - 1, CLS)
  const p2Norm = hashAt(hashes, count, i - 2, NORM)
  const p2Cls = hashAt(hashes, count, i - 2, CLS)
  const n1Norm = hashAt(hashes, count, i + 1, NORM)
  const n1Shape = hashAt(hashes, count, i + 1, SHAPE)
  const n1Lex = hashAt(hashes, count, i + 1, LEX)
  const n1Cls = hashAt(hashes, count, i + 1, CLS)
  const n2Norm = hashAt(hashes, count, i + 2, NORM)
  const norm = tokens[i]!.norm
  const gapBefore = hashAt(hashes, count, i, GAP)
  const gapAfter = i === count - 1 ? textEnd : hashAt(hashes, count, i + 1, GAP)
  const start = tokens[i]!.sentenceStart ? 1 : 0
  let k = 0
  x[k++] = one(T.b, fnvOffset)
  x[k++] = one(T.w, wNorm)
  const n = norm.length
  x[k++] = one(T.p3, fnvRange(norm, 0, 3))
  x[k++] = one(T.s2, fnvRange(norm, n - 2, n))
  x[k++] = one(T.s3, fnvRange(norm, n - 3, n))
  x[k++] = one(T.s4, fnvRange(norm, n - 4, n))
  x[k++] = one(T.sh, wShape)
  x[k++] = one(T.lx, wLex)
  x[k++] = two(T['sh.lx'], wShape, wLex)
  x[k++] = one(T.len, Math.min(n, 12))
  x[k++] = two(T['ss.sh'], start, wShape)
  x[k++] = mix(two(T['ss.sh.lx'], start, wShape), wLex) & bucketMask
  x[k++] = two(T['note.sh'], note, wShape)
  x[k++] = one(T['w-1'], p1Norm)
  x[k++] = one(T['w-2'], p2Norm)
  x[k++] = one(T['w+1'], n1Norm)
  x[k++] = one(T['w+2'], n2Norm)
  x[k++] = two(T['w-2.w-1'], p2Norm, p1Norm)
  x[k++] = two(T['w+1.w+2'], n1Norm, n2Norm)
  x[k++] = one(T['sh-1'], p1Shape)
  x[k++] = one(T['sh+1'], n1Shape)
  x[k++] = one(T['lx-1'], p1Lex)
  x[k++] = one(T['lx+1'], n1Lex)
  x[k++] = mix(two(T['sh-1.sh.sh+1'], p1Shape, wShape), n1Shape) & bucketMask
  x[k++] = two(T['lx-1.lx'], p1Lex, wLex)
  x[k++] = two(T['lx.lx+1'], wLex, n1Lex)
  x[k++] = one(T['g-'], gapBefore)
  x[k++] = one(T['g+'], gapAfter)
  x[k++] = two(T['g-.w-1'], gapBefore, p1Norm)
  x[k++] = two(T['g+.w+1'], gapAfter, n1Norm)
  x[k++] = two(T['g-.sh'], gapBefore, wShape)
  x[k++] = two(T['g+.sh'], gapAfter, wShape)
  x[k++] = one(T.cl, wCls)
  x[k++] = two(T['sh.cl'], wShape, wCls)
  x[k++] = one(T['cl-1'], p1Cls)
  x[k++] = one(T['cl-2'], p2Cls)
  x[k++] = one(T['cl+1'], n1Cls)
  x[k++] = two(T['cl-1.cl'], p1Cls, wCls)
  x[k++] = two(T['cl.cl+1'], wCls, n1Cls)
  x[k++] = mix(two(T['ss.sh.cl'], start, wShape), wCls) & bucketMask
  x[k++] = one(T.doc, words.elsewhere[i]!)
  x[k++] = two(T['doc.sh'], words.elsewhere[i]!, wShape)
}

/**
 * The words of `text` the model judges, with their features. Lower-case Dutch words that no name
 * list knows are left out. Linear in the length of the text (each word is looked at with its two
 * neighbours on each side).
 */
export function modelTokens(text: string): ModelToken[] {
  const words = wordsOf(text)
  const note = noteShape(text)
  const tokens: ModelToken[] = []
  for (let i = 0; i < words.tokens.length; i++) {
    if (!words.candidate[i]) continue
    const x = new Uint32Array(featureCount)
    fill(x, words, i, note)
    const w = words.tokens[i]!
    tokens.push({ start: w.start, end: w.end, norm: w.norm, features: x })
  }
  return tokens
}

/** A word the model judged, with the probability that it is (part of) a person's name. */
export interface ScoredToken {
  start: number
  end: number
  norm: string
  p: number
}

/** The words of `text` the model judges, each with its probability (as {@link modelTokens}, without keeping the features). */
export function scoreTokens(text: string, model: NameModel): ScoredToken[] {
  const words = wordsOf(text)
  const note = noteShape(text)
  const x = new Uint32Array(featureCount)
  const out: ScoredToken[] = []
  for (let i = 0; i < words.tokens.length; i++) {
    if (!words.candidate[i]) continue
    fill(x, words, i, note)
    const w = words.tokens[i]!
    let z = 0
    for (let k = 0; k < featureCount; k++) z += model.weights[x[k]!]!
    out.push({ start: w.start, end: w.end, norm: w.norm, p: 1 / (1 + Math.exp(-z)) })
  }
  return out
}

/** A trained model: a weight per bucket. */
export interface NameModel {
  weights: Float32Array
}

let loaded: NameModel | undefined

const modelFile = new URL('../../data/privacy/name-model.bin', import.meta.url)

/**
 * Reads a model written by {@link encodeNameModel}: "WFNM", a version byte, the scale as a
 * 32-bit float, then one signed 16-bit weight per bucket (little-endian).
 */
export function decodeNameModel(bytes: Uint8Array): NameModel {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.byteLength !== 9 + 2 * modelBuckets || String.fromCharCode(...bytes.subarray(0, 4)) !== 'WFNM')
    throw new Error('name-model.bin is not a Warmflow name model of this version')
  const scale = view.getFloat32(5, true)
  const weights = new Float32Array(modelBuckets)
  for (let i = 0; i < modelBuckets; i++) weights[i] = view.getInt16(9 + 2 * i, true) * scale
  return { weights }
}

/** Writes a model in the format {@link decodeNameModel} reads. */
export function encodeNameModel(model: NameModel): Uint8Array {
  let max = 0
  for (const w of model.weights) max = Math.max(max, Math.abs(w))
  const scale = max / 32767 || 1
  const bytes = new Uint8Array(9 + 2 * modelBuckets)
  const view = new DataView(bytes.buffer)
  bytes.set([0x57, 0x46, 0x4e, 0x4d, 1])
  view.setFloat32(5, scale, true)
  for (let i = 0; i < modelBuckets; i++) view.setInt16(9 + 2 * i, Math.round(model.weights[i]! / scale), true)
  return bytes
}

/** The shipped model, read on first use and kept for the life of the process. */
export function nameModel(): NameModel {
  loaded ??= decodeNameModel(readFileSync(modelFile))
  return loaded
}

/** The probability that a token is (part of) a person's name. */
export function nameProbability(model: NameModel, token: ModelToken): number {
  let z = 0
  for (const f of token.features) z += model.weights[f]!
  return 1 / (1 + Math.exp(-z))
}
