/**
 * Detectors for Dutch personal data in free text. Each detector returns spans; overlapping spans
 * are resolved by {@link findPersonalData} (earliest start wins, then the longest).
 *
 * The detectors favour recall over precision: replacing a harmless number by a placeholder costs
 * a little context in an AI summary, leaking a BSN costs a data breach.
 */

import { lexicons, normaliseWord } from './lexicon.js'
import { type NameModel, nameModel, scoreTokens } from './name-model.js'
import {
  afterOrganisationWord,
  currencyWords,
  findNames,
  findNamesUnchecked,
  isLanguageName,
  isRoleOrJob,
  listedPresentAt,
  listLabelBefore,
  lowerSurnameShaped,
  nameParticles,
  organisationNameAt,
  outsidePlaceColumns,
  placeOnly,
  quotedBeforePersonVerb,
  serviceAbbreviation,
  signedOffBefore,
  thingAt,
  townsOfNote,
  withInitialsOfNames,
  withoutHyphenedPlaces,
  withoutNonPersons,
  withoutOrganisationCompounds,
  withoutStreetNames,
  wordClasses,
  wordsOfText,
} from './names.js'
import {
  findBareCountryCodePhones,
  findBracketedAreaPhones,
  findCountryAdjectivePhones,
  findCountryNamedPhones,
  findCuedLocalPhones,
  findCuedNationalPhones,
  findCuedNineDigitPhones,
  findCuedShortHomeFormatPhones,
  findHomeFormatPhones,
  findInternationalPhones,
  findNationalPhonesOfCountries,
  findNorthAmericanPhones,
  findRepeatedNationalPhones,
  findSevenDigitLocalPhones,
  internationalPhoneKey,
  nationalNumbersOf,
  phoneCuedBefore,
} from './phones-international.js'

/** The kinds of personal data Warmflow replaces, as they appear in placeholders (`[NAAM_1]`). */
export const personalDataKinds = [
  'NAAM',
  'TELEFOON',
  'EMAIL',
  'BSN',
  'IBAN',
  'POSTCODE',
  'ADRES',
  'GEBOORTEDATUM',
] as const

/** One kind of personal data. */
export type PersonalDataKind = (typeof personalDataKinds)[number]

/** A piece of personal data found in a text. */
export interface PersonalDataSpan {
  kind: PersonalDataKind
  start: number
  end: number
  /** The text as it appears. */
  text: string
  /** A normal form, so that `06-12345678` and `+31 6 1234 5678` count as the same value. */
  key: string
}

/** A value known from a structured field (e.g. the client's last name), searched for literally. */
export interface KnownValue {
  kind: PersonalDataKind
  text: string
}

const letterOrDigit = /[\p{L}\p{N}]/u

/** True when `digits` (9 digits, or 8 with an implied leading zero) passes the BSN 11-check. */
export function isValidBsn(digits: string): boolean {
  const clean = digits.replace(/\D/g, '')
  if (clean.length < 8 || clean.length > 9) return false
  const nine = clean.padStart(9, '0')
  if (/^0+$/.test(nine)) return false
  let sum = 0
  for (let i = 0; i < 8; i++) sum += Number(nine[i]) * (9 - i)
  sum -= Number(nine[8])
  return sum % 11 === 0
}

/** True when `value` is an IBAN whose check digits pass the mod-97 test. */
export function isValidIban(value: string): boolean {
  const compact = value.replace(/\s/g, '').toUpperCase()
  const known = ibanLengths[compact.slice(0, 2)]
  if (known !== undefined && known !== compact.length) return false
  return ibanChecksumHolds(compact)
}

/** True when an IBAN-shaped value's mod-97 checksum holds, whatever its length. */
function ibanChecksumHolds(value: string): boolean {
  const compact = value.replace(/\s/g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false
  const rearranged = compact.slice(4) + compact.slice(0, 4)
  let remainder = 0
  for (const char of rearranged) {
    const code = char >= 'A' && char <= 'Z' ? String(char.charCodeAt(0) - 55) : char
    for (const digit of code) remainder = (remainder * 10 + Number(digit)) % 97
  }
  return remainder === 1
}

// The lengths of the IBAN registry (SWIFT), and Morocco's 28 as its banks write it: "NL18" is
// Dutch, 18 characters. Then the countries whose banks use IBANs outside the registry (Cape Verde,
// Angola, Algeria, Iran, the franc zone of West and Central Africa, …).
const ibanLengths: Record<string, number> = Object.fromEntries(
  `AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18
  DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23
  IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MA28 MC27 MD24 ME22 MK19 MN20 MR27
  MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19
  SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30
  AO25 BF28 BJ28 CF27 CG27 CI28 CM27 CV25 DZ26 GA27 GQ27 GW25 HN28 IR26 KM27 MG27 ML28 MZ25 NE28
  SN28 TD27 TG28`
    .split(/\s+/)
    .map((entry) => [entry.slice(0, 2), Number(entry.slice(2))]),
)

/** Returns the end index in `text` right after the `count`-th alphanumeric char from `start`. */
function endAfterAlnum(text: string, start: number, count: number, digitsOnly: boolean): number | undefined {
  let seen = 0
  for (let i = start; i < text.length; i++) {
    const char = text[i]!
    if (digitsOnly ? /\d/.test(char) : /[A-Za-z0-9]/.test(char)) {
      seen++
      if (seen === count) return i + 1
    }
  }
  return undefined
}

/**
 * Normal form of a phone number: for a Dutch one its national digits starting with 0, for one
 * with a foreign country prefix its E.164 form (`+48601223947`).
 */
export function phoneKey(text: string): string {
  if (/^\(?(?:\+|00)\s?\(?(?!31)[1-9]/.test(text.trim())) {
    const international = internationalPhoneKey(text)
    if (international) return international
  }
  let digits = text.replace(/\(0\)/g, '').replace(/\D/g, '')
  if (/^\(?\+/.test(text.trim())) digits = `0${digits.slice(2)}`
  else if (digits.startsWith('0031')) digits = `0${digits.slice(4)}`
  return digits
}

/** Dutch number words of 0 to 99 as digits: "nul" 0, "zes" 6, "tien" 10, "achtendertig" 38. */
const unitWords = ['nul', 'een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen']
const teenWords = [
  'tien',
  'elf',
  'twaalf',
  'dertien',
  'veertien',
  'vijftien',
  'zestien',
  'zeventien',
  'achttien',
  'negentien',
]
const tenWords = ['twintig', 'dertig', 'veertig', 'vijftig', 'zestig', 'zeventig', 'tachtig', 'negentig']
// Tens as Gronings and Drents write them ("dattig", "vatteg"), also in a compound ("drie-en-vattig").
const dialectTens: ReadonlyMap<string, number> = new Map([
  ['twinteg', 20],
  ['dattig', 30],
  ['datteg', 30],
  ['vattig', 40],
  ['vatteg', 40],
  ['vieftig', 50],
  ['vifteg', 50],
  ['sesteg', 60],
  ['zeuventig', 70],
  ['zeuventeg', 70],
  ['tachteg', 80],
  ['negenteg', 90],
])
/**
 * Digits in the dialects and languages notes are written or spoken in, as read out in numbers:
 * Frisian, Gronings, Twents, Limburgish ("trije fjouwer", "twij vief", "zeuven acht"), English,
 * German, French, Spanish, Portuguese, Papiamentu, Turkish, Polish, Farsi and Arabic as written
 * in Latin letters ("cinco quatro três dois", "beş altı", "sefr-o-noh-hasht", "khamsa tlata").
 * Written as spoken, with their accents; "ı" and "ł" read as "i" and "l". A Farsi "o" (and) may
 * join two of them ("sefr-o-noh").
 */
const otherDigitWords: ReadonlyArray<readonly [string, number]> = [
  ...(
    ['ien', 'ain', 'ein', 'one', 'eins', 'un', 'uno', 'um', 'bir', 'jeden', 'yek', 'wahed', 'wahid'] as const
  ).map((w) => [w, 1] as const),
  ...(
    [
      'twa',
      'twij',
      'twie',
      'two',
      'zwei',
      'deux',
      'dos',
      'dois',
      'iki',
      'dwa',
      'do',
      'itnein',
      'ithnan',
      'joj',
    ] as const
  ).map((w) => [w, 2] as const),
  ...(
    [
      'trije',
      'drij',
      'dree',
      'three',
      'drei',
      'trois',
      'tres',
      'três',
      'üç',
      'trzy',
      'se',
      'tlata',
      'thalatha',
    ] as const
  ).map((w) => [w, 3] as const),
  ...(
    [
      'fjouwer',
      'vaier',
      'veer',
      'four',
      'quatre',
      'cuatro',
      'quatro',
      'kuater',
      'dört',
      'cztery',
      'chahar',
      'chaar',
      'arba',
      'arbaa',
    ] as const
  ).map((w) => [w, 4] as const),
  ...(
    [
      'fiif',
      'vief',
      'vuuf',
      'five',
      'fünf',
      'cinq',
      'cinco',
      'sinku',
      'beş',
      'pięć',
      'panj',
      'khamsa',
    ] as const
  ).map((w) => [w, 5] as const),
  ...(['seis', 'six', 'sechs', 'altı', 'sześć', 'shesh', 'sitta', 'setta'] as const).map(
    (w) => [w, 6] as const,
  ),
  ...(
    [
      'zeuven',
      'zeuve',
      'zeuwen',
      'zeve',
      'sân',
      'seven',
      'sieben',
      'sept',
      'siete',
      'sete',
      'shete',
      'yedi',
      'siedem',
      'haft',
      'sabaa',
    ] as const
  ).map((w) => [w, 7] as const),
  // "ach" in Twents, "èch" (also written "ech") in Limburgish.
  ...(
    [
      'ach',
      'èch',
      'ech',
      'eight',
      'huit',
      'ocho',
      'oito',
      'sekiz',
      'osiem',
      'hasht',
      'tmenya',
      'thamanya',
    ] as const
  ).map((w) => [w, 8] as const),
  ...(
    [
      'njoggen',
      'nege',
      'nine',
      'neun',
      'neuf',
      'nueve',
      'nove',
      'nuebe',
      'dokuz',
      'dziewięć',
      'noh',
      'tesa',
      'tisaa',
    ] as const
  ).map((w) => [w, 9] as const),
  ...(['zero', 'null', 'zéro', 'cero', 'sero', 'sıfır', 'sefr', 'sifr'] as const).map((w) => [w, 0] as const),
  // Numbers of two digits, read only after a digit word: "cinco cinco, onze, nove oito …".
  ...([
    ['dez', 10],
    ['diez', 10],
    ['ten', 10],
    ['zehn', 10],
    ['dix', 10],
    ['onze', 11],
    ['once', 11],
    ['eleven', 11],
    ['doze', 12],
    ['doce', 12],
    ['twelve', 12],
    ['douze', 12],
    ['zwölf', 12],
    // Tens as Gronings, Drents, Twents and Frisian say them ("zeuven drie, vieftig").
    ['vieftig', 50],
    ['zeuventig', 70],
    ['tweintich', 20],
    ['tritich', 30],
    ['fjirtich', 40],
    ['fyftich', 50],
    ['sechstich', 60],
    ['santich', 70],
    ['tachtich', 80],
    ['njoggentich', 90],
  ] as const),
]

/**
 * A regular expression source that matches exactly `words`, as a trie ("t(?:w(?:ee|ij|…)|…)"):
 * tried at every position of a note, a plain alternation of a hundred words costs a test of each;
 * a trie fails on the first letter that no word goes on with.
 */
function trieSource(words: readonly string[]): string {
  const byFirst = new Map<string, string[]>()
  let empty = false
  for (const word of words) {
    if (word === '') {
      empty = true
      continue
    }
    const rest = byFirst.get(word[0]!)
    if (rest) rest.push(word.slice(1))
    else byFirst.set(word[0]!, [word.slice(1)])
  }
  const branches = [...byFirst].map(([first, rests]) =>
    rests.length === 1 ? `${first}${rests[0]}` : `${first}${trieSource(rests)}`,
  )
  const body = branches.length === 1 && !empty ? branches[0]! : `(?:${branches.join('|')})`
  return empty ? `(?:${body})?` : body
}

/** The same words in the form {@link spokenNumber} looks them up in: lower case, no accents. */
function plainWord(word: string): string {
  return word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/ı/g, 'i').replace(/ł/g, 'l')
}
const otherDigits = new Map(otherDigitWords.map(([word, value]) => [plainWord(word), String(value)]))
// Where a number read out may start: not a word that is mostly an article ("ein", "un", "bir"), nor
// a number of two digits.
const otherStartWords = otherDigitWords
  .filter(
    ([word, value]) =>
      value < 10 && !/^(?:ien|ain|ein|one|eins|un|uno|um|bir|jeden|null|do|se|yek|noh)$/.test(word),
  )
  .map(([word]) => word)
const otherWords = otherDigitWords.map(([word]) => word)
const compoundNumber = new RegExp(
  `^(${unitWords.slice(1).join('|')})-?(?:en|ën)-?(${[...tenWords, ...dialectTens.keys()].join('|')})$`,
)

/** The digits a Dutch number word or a run of digits stands for, or undefined. */
function spokenNumber(word: string): string | undefined {
  if (/^\d+$/.test(word)) return word
  const w = plainWord(word)
  const unit = unitWords.indexOf(w)
  if (unit >= 0) return String(unit)
  const other = otherDigits.get(w)
  if (other !== undefined) return other
  const value = dutchNumber(w)
  return value === undefined ? undefined : String(value)
}

/** The value of a word for a multiple of ten from 20 to 90 ("dertig", Gronings "vattig"), or undefined. */
function tensOf(word: string): number | undefined {
  const ten = tenWords.indexOf(word)
  return ten >= 0 ? 20 + 10 * ten : dialectTens.get(word)
}

/** The value of a Dutch number word of 0 to 99 ("nul", "twaalf", "zevenendertig", "één"), or undefined. */
function dutchNumber(word: string): number | undefined {
  const w = plainWord(word)
  const unit = unitWords.indexOf(w)
  if (unit >= 0) return unit
  const teen = teenWords.indexOf(w)
  if (teen >= 0) return 10 + teen
  const ten = tensOf(w)
  if (ten !== undefined) return ten
  const m = compoundNumber.exec(w)
  if (m) return tensOf(m[2]!)! + unitWords.indexOf(m[1]!)
  return undefined
}

// A number read out: "nul zes 22 90 41 63", "nul zes komma vier zeven komma een twee …", "nul zes,
// achtendertig, vijftien, twee-en-zeventig, nul negen". From each "nul", words and digit groups
// are read as long as they are numbers (at most ten digits' worth), with spaces, punctuation, a
// spoken "komma", "punt" or "streepje", or a filler ("uh", "ehm") between them.
const spokenStart = /(?<![\p{L}\p{N}])nul(?![\p{L}])/giu
const spokenNext =
  /^(?:[ \t]+(?:komma|punt|streepje)[ \t]+|[ \t]*[,.;:/-]?[ \t]*)(?:(?:uh|eh|ehm|uhm)[ \t]*[,.]?[ \t]*|o-)?([\p{L}ë-]+|\d+)/u

/**
 * The number word or digit group after `at` (past a separator), and where it ends. Words joined by
 * hyphens are read one at a time ("nul-nul-drie-vijf-negen"), unless together they make one number
 * ("twee-en-zeventig").
 */
function readSpoken(text: string, at: number): { value: string; end: number } | undefined {
  const next = spokenNext.exec(text.slice(at, at + 40))
  if (!next) return undefined
  const word = next[1]!
  const whole = spokenNumber(word)
  if (whole !== undefined) return { value: whole, end: at + next[0].length }
  // "seventy seven", "forty-one": an English ten, and the unit after it if one follows.
  const ten = englishTens.get(plainWord(word))
  if (ten !== undefined) {
    const end = at + next[0].length
    const unit = /^[ \t-]([a-z]+)(?![\p{L}])/u.exec(text.slice(end, end + 8))
    const value = unit && englishUnits.indexOf(unit[1]!.toLowerCase())
    return value && value > 0
      ? { value: String(ten + value), end: end + unit![0].length }
      : { value: String(ten), end }
  }
  const dash = word.indexOf('-')
  if (dash <= 0) return undefined
  // "negen-tig", "vijf-tien": one number written with a hyphen in it.
  const joined = dutchNumber(word.replaceAll('-', ''))
  if (joined !== undefined && joined >= 10) return { value: String(joined), end: at + next[0].length }
  const first = spokenNumber(word.slice(0, dash))
  if (first === undefined) return undefined
  return { value: first, end: at + next[0].length - (word.length - dash) }
}

// English tens and units, read together as a number of two digits ("seventy seven" is 77).
const englishTens: ReadonlyMap<string, number> = new Map(
  ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'].map((w, i) => [
    w,
    20 + 10 * i,
  ]),
)
const englishUnits = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']

/** Words right before a number that say it is a phone number: "Mijn nummer is", "tel.:". */
const phoneAnnounced =
  /(?<![\p{L}])(?:tel|telefoon|telefoonnummer|nummer|mobiel|mobiele nummer|gsm)\.?[ \t]*(?:is|:)?[ \t]*$/iu

/**
 * Reads on from `end` while numbers follow, to at most `limit` digits in all; undefined when
 * even more follow.
 */
function readOn(
  text: string,
  digits: string,
  end: number,
  limit: number,
): { digits: string; end: number } | undefined {
  for (let next = readSpoken(text, end); next; next = readSpoken(text, end)) {
    digits += next.value
    end = next.end
    if (digits.length > limit) return undefined
  }
  return { digits, end }
}

const digitWord = trieSource([
  ...new Set([
    'nul',
    'een',
    'één',
    'twee',
    'drie',
    'vier',
    'vijf',
    'zes',
    'zeven',
    'acht',
    'negen',
    ...otherWords,
  ]),
])

// Where a number read out may start: a digit word (not "een", which is mostly the article, nor
// "nul", read above) or a group of up to four digits, with a number word next.
const readOutStart = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${trieSource([...new Set(['twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', ...otherStartWords])])}|\\d{1,4})(?![\\p{L}\\p{N}])(?=(?:[ \\t]+(?:komma|punt|streepje)[ \\t]+|[ \\t]*[,.;:/-]?[ \\t]*)(?:(?:uh|eh|ehm|uhm)[ \\t]*[,.]?[ \\t]*|o-)?(?:${digitWord}|\\d)(?![\\p{L}]))`,
  'giu',
)

// Two number words side by side ("vijf drie", "zes, vier", "cinco-quatro"). The look-behind comes
// after the first word (the same word, no letter before it): V8 then looks for the word first and
// reads a note twice as fast as with the look-behind in front.
const twoNumberWords = new RegExp(
  `(${digitWord})(?<![\\p{L}]\\1)[ \\t]*[,.;:/-]?[ \\t]*${digitWord}(?![\\p{L}])`,
  'iu',
)

/**
 * True when two number words stand side by side in the text, kept for the last text (the spoken
 * and the read-out phone numbers both ask).
 */
function hasTwoNumberWords(text: string): boolean {
  if (text !== twoWordsFor) {
    twoWordsFor = text
    twoWordsIn = twoNumberWords.test(text)
  }
  return twoWordsIn
}
let twoWordsFor: string | undefined
let twoWordsIn = false

/**
 * Numbers read out that do not start with "nul" (those are read above), in words or in words and
 * digit groups: "tel. zes, vier, zes, één, nul, negen, acht, twee, drie, vijf", "0512 - vijf drie
 * vier - twee nul negen". At least three number words among them, and either a Dutch number of
 * ten digits or, after a phone word on the same line, 8 to 13 digits, or the national number of
 * one of the numbers with a country code the note `given` (national number to key). Each part of
 * the text is read once.
 */
function findReadOutPhones(text: string, given: ReadonlyMap<string, string>): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = []
  // Three number words among the parts make two side by side, but for the rarest read-outs: a quick
  // test that keeps the full scan off the notes without one.
  if (!hasTwoNumberWords(text)) return spans
  let readTo = 0
  for (const match of text.matchAll(readOutStart)) {
    if (match.index < readTo) continue
    let digits = spokenNumber(match[0])!
    let words = /^\d/.test(match[0]) ? 0 : 1
    let parts = 1
    let end = match.index + match[0].length
    for (let step = 0; step < 16 && digits.length <= 14; step++) {
      const next = readSpoken(text, end)
      if (!next) break
      digits += next.value
      parts++
      if (!/\d$/.test(text.slice(end, next.end))) words++
      end = next.end
    }
    readTo = end
    if (words < 3 || digits.length > 14) continue
    // "ze herhaalde het langzaam: vijf acht vier, drie drie negen één": a number the note gave with
    // its country code, read out again without it; the same number, so the same placeholder.
    const again = given.get(digits) ?? given.get(digits.replace(/^0/, ''))
    if (again) {
      spans.push({
        kind: 'TELEFOON',
        start: match.index,
        end,
        text: text.slice(match.index, end),
        key: again,
      })
      continue
    }
    const dutch = /^0[1-9]\d{8}$/.test(digits)
    // "zes-twee, drie-nul, negen-negen, een-vier": eight digits or more, every one a word, are a
    // number read out even with no phone word before them (in Sranan, "kari mi baka na …").
    const spelled = words === parts && words >= 8 && digits.length <= 13
    if (
      !dutch &&
      !spelled &&
      !(digits.length >= 8 && digits.length <= 13 && phoneCuedBefore(text, match.index))
    )
      continue
    // "mais cinco cinco, …", "plus vier vier": the plus of a country code, said in words.
    const plus = /(?:^|[^\p{L}])((?:plus|mais|más|artı)[ \t]+)$/iu.exec(
      text.slice(Math.max(0, match.index - 8), match.index),
    )
    const start = plus ? match.index - plus[1]!.length : match.index
    spans.push({ kind: 'TELEFOON', start, end, text: text.slice(start, end), key: digits })
  }
  return spans
}
// A Dutch area code or "06" in digits: where a number read out in digits and words mixed may start
// ("050 311 dertig veertig", "06 dertien 55 achtentachtig 41", "06 42 zeventig 18 93").
const dutchPrefixDigits = /(?<![\p{L}\p{N}+.,:/-])0[1-9]\d{0,2}(?![\p{N}])(?=[ \t]*[,.-]?[ \t]*[\p{L}\d])/gu

/**
 * The Dutch numbers read out in digit groups and number words mixed, from a prefix in digits: ten
 * digits, with no more number after them, and a word among the parts (all digits are read above).
 */
function findMixedReadOutPhones(text: string): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = []
  let readTo = 0
  for (const match of text.matchAll(dutchPrefixDigits)) {
    if (match.index < readTo) continue
    let digits = match[0]
    let end = match.index + match[0].length
    let words = 0
    for (let step = 0; step < 10 && digits.length < 10; step++) {
      const next = readSpoken(text, end)
      if (!next) break
      if (!/\d$/.test(text.slice(end, next.end))) words++
      digits += next.value
      end = next.end
    }
    readTo = end
    if (words === 0 || !/^0[1-9]\d{8}$/.test(digits) || readSpoken(text, end)) continue
    spans.push({ kind: 'TELEFOON', start: match.index, end, text: text.slice(match.index, end), key: digits })
  }
  return spans
}

// The plus of a country code said in words, before digits or number words ("plus 880 1819 302775",
// "plus 94 seventy seven 52 one 88 30").
const plusInWords = /(?<![\p{L}])(?:plus|mais|más|artı)(?=[ \t]+(?:\d|\p{L}+[ \t]))/giu

/**
 * Foreign numbers after a plus said in words: the parts after it read as digits and number words,
 * and the longest reading that is a possible number of its country (libphonenumber's lengths).
 */
function findPlusReadOutPhones(text: string): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = []
  for (const match of text.matchAll(plusInWords)) {
    let digits = ''
    let end = match.index + match[0].length
    const read: Array<[count: number, end: number]> = []
    for (let step = 0; step < 16 && digits.length < 15; step++) {
      const next = readSpoken(text, end)
      if (!next) break
      digits += next.value
      end = next.end
      read.push([digits.length, end])
    }
    for (let k = read.length - 1; k >= 0; k--) {
      const [count, wordEnd] = read[k]!
      if (count < 8) break
      const key = internationalPhoneKey(`+${digits.slice(0, count)}`)
      if (!key) continue
      spans.push({
        kind: 'TELEFOON',
        start: match.index,
        end: wordEnd,
        text: text.slice(match.index, wordEnd),
        key,
      })
      break
    }
  }
  return spans
}
const hyphenedDigitWords = new RegExp(`(?<![\\p{L}-])${digitWord}(?:-${digitWord}){3,}(?![\\p{L}])`, 'giu')

/**
 * Dashes other than the hyphen-minus as a hyphen: word processors turn " - " into an en dash
 * ("036 – 548 90 12"). One UTF-16 unit each, so every offset stays the same.
 */
function withPlainDashes(text: string): string {
  return /[\u2010-\u2015\u2212]/.test(text) ? text.replace(/[\u2010-\u2015\u2212]/g, '-') : text
}

/** A date with a four-digit year, "02-02-2027" or "2/2/2027", at the start of the text. */
const dateAhead = /^(?:0?[1-9]|[12]\d|3[01])([-/.])(?:0?[1-9]|1[0-2])\1(?:19|20)\d\d(?!\d)/

/**
 * Text read by OCR writes some digits as letters: "O6-2O3 44 l87", "Geb: O4-11-l962", "06-1Z 44".
 * The letters O, o, l, I and Z as digits where a digit stands right beside them and no letter does;
 * every offset stays the same. Only the number detectors read it.
 */
export function withOcrDigits(text: string): string {
  if (!/[OolIZ]\d|\d[OolIZ]/.test(text)) return text
  return text.replace(/(?<!\p{L})[OolIZ](?!\p{L})/gu, (letter, at: number) =>
    /\d/.test(text[at - 1] ?? '') || /\d/.test(text[at + 1] ?? '') ? (ocrDigits[letter] ?? letter) : letter,
  )
}

const ocrDigits: Record<string, string> = { O: '0', o: '0', l: '1', I: '1', Z: '2' }

/**
 * Text read by OCR also writes letters as digits inside words: "Vermeu1en", "Meu1emeester",
 * "P0lderman", "Tammingsl00t", "0ldenhuizinga". One or two of 1 and 0 with a letter on both sides
 * as the "l" or "o" they stand for, and a 0 opening a word of lower-case letters as an "O"; every
 * offset stays the same. Only where the note has two such places or more: OCR's errors come in
 * numbers, while one such word is mostly a brand's own spelling ("L1mburg", "P1us"). Only the name
 * detectors read it.
 */
export function withOcrLetters(text: string): string {
  // The digit first in the pattern: a scan for it is quick where a letter class at every place is not.
  const inWords = /[01]{1,2}(?<=\p{L}[01]{1,2})(?=\p{L})|0(?<![\p{L}\p{N}]0)(?=\p{Ll}{3})/gu
  if ((text.match(inWords)?.length ?? 0) < 2) return text
  return text.replace(inWords, (digits, at: number) =>
    // A 0 opening a word is a capital O ("0ldenhuizinga"); inside one, the small letters.
    /\p{L}/u.test(text[at - 1] ?? '') ? digits.replace(/1/g, 'l').replace(/0/g, 'o') : 'O',
  )
}

/** The phone numbers of `text` (its dashes read as hyphens, OCR's letters as digits), with the text as written. */
function findPhones(text: string): PersonalDataSpan[] {
  const plain = withOcrDigits(withPlainDashes(text))
  const spans = withPhonesRepeated(plain, findPhonesIn(plain))
  if (plain === text) return spans
  return spans.map((span) => ({ ...span, text: text.slice(span.start, span.end) }))
}

/** A run of digits with spaces, dots, dashes or slashes between them. */
const digitRun = /(?<![\p{N}+])\d(?:[ \t./-]?\d){7,14}(?![\p{N}])/gu

/**
 * "00373 79 814 226 (zonder 0: 373 79814226)": a foreign number found in the note is a phone
 * number wherever the note writes its digits again with the country code and no prefix.
 */
function withPhonesRepeated(text: string, spans: PersonalDataSpan[]): PersonalDataSpan[] {
  const international = new Map<string, PersonalDataSpan>()
  for (const span of spans) if (span.key.startsWith('+')) international.set(span.key.slice(1), span)
  if (international.size === 0) return spans
  const added: PersonalDataSpan[] = []
  let kept = spans
  for (const m of text.matchAll(digitRun)) {
    const found = international.get(m[0].replace(/\D/g, ''))
    if (!found) continue
    const start = m.index
    const end = start + m[0].length
    // A part of it read as a number of its own ("79814226") gives way to the whole.
    if (kept.some((span) => span.start < end && start < span.end && (span.start < start || span.end > end)))
      continue
    kept = kept.filter((span) => span.end <= start || span.start >= end)
    added.push({ kind: 'TELEFOON', start, end, text: m[0], key: found.key })
  }
  return added.length === 0 ? spans : [...kept, ...added].sort((a, b) => a.start - b.start)
}

function findPhonesIn(text: string): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = []
  const candidate =
    /(?<![\p{L}\p{N}+])(?:\(\+31\)|(?:\+|00)\s?31)[\s./-]*(?:\(0\)[\s./-]*)?\d|(?<![\p{L}\p{N}])\(?0 ?[1-9]/gu
  for (const match of text.matchAll(candidate)) {
    const start = match.index
    const head = match[0]
    const international = /^(?:\(\+31\)|(?:\+|00)\s?31)/.test(head)
    if (!international && /^\(?00/.test(head)) continue
    // Digits after the country prefix (and an optional "(0)"): 9 for +31, and a national number has 10.
    let bodyStart = start
    let needed = 10
    if (international) {
      const prefix = /^(?:\(\+31\)|(?:\+|00)\s?31)[\s./-]*(?:\(0\)[\s./-]*)?/.exec(text.slice(start))!
      bodyStart = start + prefix[0].length
      needed = 9
    }
    let end: number | undefined
    let seen = 0
    for (let i = bodyStart; i < text.length; i++) {
      const char = text[i]!
      if (/\d/.test(char)) {
        seen++
        if (seen === needed) {
          end = i + 1
          break
        }
      } else if (
        // "0596, 61 88 20": a comma after a landline's area code, as it is said.
        !(
          char === ',' &&
          !international &&
          (seen === 3 || seen === 4) &&
          text[i + 1] === ' ' &&
          /^\(?0[1-57-9]\d{1,2}$/.test(text.slice(bodyStart, i))
        ) &&
        (!/[\s./()-]/.test(char) ||
          (char === ' ' && text[i + 1] === ' ') ||
          // Over a line's end only after a phone word ("Telefoon: 06 - 183 ⏎47 206", a form exported
          // from a PDF); "dienst 07.30–15.30⏎08.10 …" is no number.
          ((char === '\n' || char === '\r') && !phoneCuedBefore(text, start)))
      ) {
        break
      }
    }
    if (end === undefined) continue
    if (/\d/.test(text[end] ?? '')) continue
    // "06 1 5 7 3 2 9 0 4 8": written digit by digit with a digit too many (a slip of the writer's),
    // the run's last one or two digits go with it.
    const numberEnd = end
    if (/(?:^|\s)\d \d \d$/.test(text.slice(Math.max(0, end - 6), end))) {
      const rest = /^(?: \d){1,2}(?![\p{N}])/u.exec(text.slice(end, end + 5))
      if (rest) end += rest[0].length
    } else if (/(?:^|\s)\d\d \d\d \d\d$/.test(text.slice(Math.max(0, end - 9), end))) {
      // "06 52 33 08 94 6": in pairs with one digit too many (a voicemail's transcript).
      if (/^ \d(?![\p{N}.,:]|[ \t]*(?:x|keer|maal|uur)(?![\p{L}]))/u.test(text.slice(end, end + 9))) end += 2
    }
    // "Ingediend: 02-02-2027 08:47": a date and a time, not "020-2202708".
    if (dateAhead.test(text.slice(start, end))) continue
    // "(06 12345678)": the bracket belongs to the sentence, not to the number.
    const from = text[start] === '(' && !text.slice(start, end).includes(')') ? start + 1 : start
    const found = text.slice(from, end)
    const key = phoneKey(text.slice(from, numberEnd))
    if (!/^0[1-9]\d{8}$/.test(key)) continue
    spans.push({ kind: 'TELEFOON', start: from, end, text: found, key })
  }
  // Voice-to-text writes digits as words: "terugbellen op nul zes 22 90 41 63".
  for (const match of text.matchAll(spokenStart)) {
    let digits = '0'
    let end = match.index + match[0].length
    // How many digits were read after each word, and where that word ends.
    const read: Array<[digits: number, end: number]> = []
    for (let step = 0; step < 20 && digits.length < (digits.startsWith('00') ? 17 : 10); step++) {
      const next = readSpoken(text, end)
      if (!next) break
      digits += next.value
      end = next.end
      read.push([digits.length, end])
    }
    // "nul-nul-drie-vijf-negen, acht-acht-zeven, …": a foreign prefix; the longest reading that is
    // a possible number of that country.
    if (digits.startsWith('00')) {
      for (let k = read.length - 1; k >= 0; k--) {
        const [count, wordEnd] = read[k]!
        // "nul nul drie één, zes, …": the Netherlands' own code read out, keyed as at home ("06…").
        const national = `0${digits.slice(4, count)}`
        const key =
          digits.startsWith('0031') && /^0[1-9]\d{8}$/.test(national)
            ? national
            : count >= 9
              ? internationalPhoneKey(digits.slice(0, count))
              : undefined
        if (!key) continue
        const found = text.slice(match.index, wordEnd)
        spans.push({ kind: 'TELEFOON', start: match.index, end: wordEnd, text: found, key })
        break
      }
      continue
    }
    if (!/^0[1-9]\d{8}$/.test(digits)) continue
    // Ten digits and then another number: too long for a phone number, unless it is a mobile
    // number ("nul zes …") or announced as one ("Mijn nummer is nul zes – twaalf – … –
    // eenennegentig"), misspoken or misheard: then the whole read-out goes, up to 14 digits.
    // A foreign number read out word by word has 11 or 12 digits ("nul vijf drie twee, vier een
    // acht, twee zeven, zes drie"): no count or amount is read out so.
    if (readSpoken(text, end)) {
      const longer =
        digits.startsWith('06') || phoneAnnounced.test(text.slice(Math.max(0, match.index - 30), match.index))
          ? readOn(text, digits, end, 14)
          : !/\d/.test(text.slice(match.index, end))
            ? readOn(text, digits, end, 12)
            : undefined
      if (!longer) continue
      ;({ digits, end } = longer)
    }
    spans.push({ kind: 'TELEFOON', start: match.index, end, text: text.slice(match.index, end), key: digits })
  }
  // "zes-één-nul-nul": four or more digit words joined by hyphens are a number read out, whatever
  // it starts with (one that starts with "nul" and makes a whole number is found above).
  for (const match of hasTwoNumberWords(text) ? text.matchAll(hyphenedDigitWords) : []) {
    const digits = match[0].split('-').map((word) => spokenNumber(word)!)
    spans.push({
      kind: 'TELEFOON',
      start: match.index,
      end: match.index + match[0].length,
      text: match[0],
      key: digits.join(''),
    })
  }
  for (const phone of findInternationalPhones(text)) spans.push({ kind: 'TELEFOON', ...phone })
  for (const phone of findHomeFormatPhones(text)) spans.push({ kind: 'TELEFOON', ...phone })
  for (const phone of findBracketedAreaPhones(text)) spans.push({ kind: 'TELEFOON', ...phone })
  for (const phone of findBareCountryCodePhones(text)) spans.push({ kind: 'TELEFOON', ...phone })
  for (const phone of findCuedNationalPhones(text)) {
    // Not the digits that end a number read out in words ("nul zes 41 77 20 58 99").
    const before = /(\p{L}+)[ \t,-]*$/u.exec(text.slice(Math.max(0, phone.start - 16), phone.start))
    if (before && spokenNumber(before[1]!) !== undefined) continue
    spans.push({ kind: 'TELEFOON', ...phone })
  }
  const found = [...spans]
  for (const phone of findNorthAmericanPhones(text, found)) spans.push({ kind: 'TELEFOON', ...phone })
  if (found.some(({ key }) => key.startsWith('+1')))
    for (const phone of findBareCountryCodePhones(text, { northAmerican: true }))
      if (!found.some((other) => other.start < phone.end && other.end > phone.start))
        spans.push({ kind: 'TELEFOON', ...phone })
  for (const phone of findRepeatedNationalPhones(text, found)) spans.push({ kind: 'TELEFOON', ...phone })
  for (const phone of findNationalPhonesOfCountries(text, found)) spans.push({ kind: 'TELEFOON', ...phone })
  // "Nomer Suriname 597 8 815 330": after the country's name, its calling code without a "+".
  for (const phone of findCountryNamedPhones(text))
    if (!spans.some((other) => other.start < phone.end && other.end > phone.start))
      spans.push({ kind: 'TELEFOON', ...phone })
  for (const phone of findSevenDigitLocalPhones(text, found)) spans.push({ kind: 'TELEFOON', ...phone })
  // After the numbers written again, whose key is the first one's: "+597 854 2219 en 8542219".
  for (const phone of findCuedLocalPhones(text)) spans.push({ kind: 'TELEFOON', ...phone })
  spans.push(...findReadOutPhones(text, nationalNumbersOf(found)))
  spans.push(...findMixedReadOutPhones(text))
  if (/plus|mais|más|artı/i.test(text)) spans.push(...findPlusReadOutPhones(text))
  // A number that passes the 11-check stays a BSN, the more sensitive reading.
  for (const phone of [
    ...findCuedNineDigitPhones(text),
    ...findCuedShortHomeFormatPhones(text),
    ...findCountryAdjectivePhones(text),
  ])
    if (!isValidBsn(phone.key)) spans.push({ kind: 'TELEFOON', ...phone })
  return spans
}

// A day, a month and a year, and the hour after them: "21-1-2025 14", "3.11.2024 09".
const dateThenHour = /^\d{1,2}([-/.])\d{1,2}\1(?:19|20)\d{2}[ \t]\d{1,2}$/

function findBsns(text: string): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = []
  const pattern = /(?<![\p{L}\p{N}+]|\d[\s.-])\d(?:[ .-]?\d){7,8}(?![ .-]?\d)/gu
  for (const match of text.matchAll(pattern)) {
    const digits = match[0].replace(/\D/g, '')
    const before = text.slice(Math.max(0, match.index - 40), match.index)
    const announced =
      /(?:bsn|burgerservice-?nummer|sofi-?nummer)[^\p{L}\p{N}]*(?:is|nummer|nr\.?)?[^\p{L}\p{N}]*$/iu.test(
        before,
      )
    if (!(digits.length === 9 && isValidBsn(digits)) && !announced) continue
    // "Verzonden: di 21-1-2025 14:33": a date and the hour of a time are no BSN, whatever their digits.
    if (!announced && dateThenHour.test(match[0]) && text[match.index + match[0].length] === ':') continue
    spans.push({
      kind: 'BSN',
      start: match.index,
      end: match.index + match[0].length,
      text: match[0],
      key: digits.padStart(9, '0'),
    })
  }
  return spans
}

function findIbans(text: string): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = []
  const pattern = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?:\s?[A-Za-z0-9]){11,30}/gu
  for (const match of text.matchAll(pattern)) {
    const country = match[0].slice(0, 2).toUpperCase()
    // A country's own length first; then, for a country with one, the whole run as written, which
    // may hold a digit too many or too few ("TR04 0634 …" with 27 characters): a wrong length still
    // names an account when its checksum holds (one in 97 runs of letters and digits would pass).
    const run = match[0].replace(/\s/g, '').length
    const lengths = ibanLengths[country]
      ? [ibanLengths[country], ...(run !== ibanLengths[country] ? [run] : [])]
      : [30, 28, 27, 26, 24, 22, 20, 18, 16, 15]
    for (const length of lengths) {
      const end = endAfterAlnum(text, match.index, length, false)
      if (end === undefined) continue
      // The IBAN must not run straight on into more letters or digits.
      if (/[A-Za-z0-9]/.test(text[end] ?? '')) continue
      const found = text.slice(match.index, end)
      if (
        length === ibanLengths[country] || !ibanLengths[country]
          ? isValidIban(found)
          : ibanChecksumHolds(found)
      ) {
        spans.push({
          kind: 'IBAN',
          start: match.index,
          end,
          text: found,
          key: found.replace(/\s/g, '').toUpperCase(),
        })
        break
      }
    }
  }
  return spans
}

// An e-mail address, bounded in every part; tried only where an "@" is (sticky, from the start of
// the run of address characters before it), so a note costs one scan for "@".
const emailAt =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@(?:[\p{L}\p{N}-]{1,63}\.){1,8}\p{L}{2,24}(?![\p{L}\p{N}])/uy
const addressCharBefore = /[\p{L}\p{N}._%+-]$/u

function findEmails(text: string): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = []
  let reached = 0
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    // Back to where the run of address characters starts (at most 65 back: a longer local part
    // is no address).
    let start = at
    while (
      start > reached &&
      at - start <= 64 &&
      addressCharBefore.test(text.slice(Math.max(0, start - 2), start))
    )
      start -= start >= 2 && text.codePointAt(start - 2)! > 0xffff ? 2 : 1
    emailAt.lastIndex = start
    const match = emailAt.exec(text)
    if (!match) continue
    spans.push({
      kind: 'EMAIL',
      start,
      end: start + match[0].length,
      text: match[0],
      key: match[0].toLowerCase(),
    })
    reached = start + match[0].length
    at = reached - 1
  }
  return spans
}

/**
 * The postcodes of `text`, OCR's letters read as digits ("7l4l AB"), with the text as written. After
 * a house number the letters may stand on the next line before the town ("Bachplein⏎7 6164⏎JE
 * Geleen", a form exported from a PDF).
 */
function findPostcodes(text: string): PersonalDataSpan[] {
  const pattern =
    /(?<![\p{L}\p{N}])[1-9]\d{3}(?: ?(?!SA|SD|SS)[A-Z]{2}|[a-z]{2}|(?<=\d[A-Za-z]?[ \t]+\d{4})\n(?!SA|SD|SS)[A-Z]{2}(?=[ \t]+\p{Lu}\p{Ll}))(?![\p{L}\p{N}])/gu
  return [...withOcrDigits(text).matchAll(pattern)].map((match) => ({
    kind: 'POSTCODE' as const,
    start: match.index,
    end: match.index + match[0].length,
    text: text.slice(match.index, match.index + match[0].length),
    key: match[0].replace(/\s/g, '').toUpperCase(),
  }))
}

const streetSuffixes =
  'straat|straatweg|laan|weg|plein|gracht|kade|singel|dijk|dreef|hof|pad|steeg|park|baan|markt|veld|boulevard|plantsoen|erf|wal|haven|ring|zijde|allee|hoek|vaart|berg|akker|oord|daal|donk|kamp|horst|burg|straatje|poort|brink|wijk|gaarde|rade|stede|hoven|dam|dreef|lei|kant|zoom|bocht|vliet|oever|tuin|tuinen|wetering|gang|brug|vest|straße|strasse|plaats'
// A capitalised word, or abbreviations with a dot ("St.", "Burg.", "J.P."): a longer word followed by
// a dot ends a sentence ("Hulp via Kindkracht. Adres …" is no street name).
const capitalWord = "(?:(?:\\p{Lu}[\\p{L}'-]{0,4}\\.)+|\\p{Lu}[\\p{L}'-]*)"
const particle = "(?:van|de|der|den|het|ten|ter|te|'t|la|le|du|in)"
// Inside a street's name also "en": "Bos en Lommerweg", "Kop en Schotelstraat".
const streetParticle = "(?:van|de|der|den|het|ten|ter|te|'t|la|le|du|in|en)"
// What may follow a house number: a letter, also with its own number ("12a", "117 B-02", "155 A2"), an
// addition after a dash or slash ("3-II", "71-bis", "12/3", "9 - 11"), a word for the part of the
// house, also without a space ("9bis", "hs", "boven" or "bov", "zwart" and "rood" as in Amsterdam,
// also "zw" and "rd"), the floor ("3 hoog", "- 2e etage", ", 3 hoog achter", "3hg") or a room or a Belgian
// letterbox ("kamer 4", "k2", "bus 2").
const houseAddition =
  '(?:bis|BIS|hs|HS|huis [a-zA-Z]|huis|bg|BG|boven|BOVEN|bov|BOV|beneden|BENEDEN|zwart|ZWART|zw|ZW|rood|ROOD|rd|RD|I{1,3}|IV)'
const houseNumber = `[1-9]\\d{0,4}(?:\\s?[A-Za-z](?:-?\\d{1,3})?(?![\\p{L}])|[ ]?[-/][ ]?(?:\\d{1,4}|${houseAddition}|k\\d{1,3}|[A-Za-z])(?![\\p{L}])|\\s?${houseAddition}(?![\\p{L}]))?(?:(?:[ -]|[ ]-[ ]|,[ ])\\d{1,2}(?:(?:e|ste|de)?[ -](?:hoog|HOOG|verdieping|etage)|[ ]?(?:hg|HG))(?:[ ](?:achter|voor|links|rechts))?(?![\\p{L}]))?(?:,?[ ](?:kamer|kmr\\.?|unit|flat|app\\.?|appartement)[ ]\\d{1,4}(?![\\p{N}])|[ ]standplaats[ ](?:\\d{1,4}|[A-Z])(?![\\p{L}\\p{N}])|,?[ ]bus[ ](?:\\d{1,4}(?![\\p{N}])|[A-Z](?![\\p{L}\\p{N}]))|[ ]k\\.?[ ]?\\d{1,3}(?![\\p{L}\\p{N}]))?`
// A number that counts something ("Kees Berg 40 jaar", "Park 3 keer", "121 punten"), a time ("09:05",
// "9.15") or a day before its month ("Nouwenskamp 22 jan") is no house number.
const notQuantity =
  '(?![ \\t]*(?:jaar|jr\\b|jarig|maanden|mnd|weken|dagen|uur|min\\b|minuten|keer|times|kg|cm|km|euro|procent|%|x\\b|punten|pnt\\b)|:\\d|\\.\\d\\d(?!\\d)|[ \\t]+(?:jan|feb|mrt|maart|apr|mei|jun|jul|aug|sep|okt|nov|dec)[a-z]*\\b)'
// The same street words as a word of their own, capitalised ("Oude Gracht") or in capitals.
// With the English words for a street of Sint Maarten, Saba and Sint Eustatius ("Rosemary Lane 4").
const capitalSuffixes = `${streetSuffixes
  .split('|')
  .map((word) => `${word[0]!.toUpperCase()}${word.slice(1)}`)
  .join('|')}|Street|Road|Lane|Drive|Avenue`
// At the end of a compound, "ring" after an "e" is the Dutch ending "-ering" ("Vergadering",
// "MANTELZORGWAARDERING 2026"), not a ring road.
const compoundSuffixes = streetSuffixes.replace('|ring|', '|(?<!e)ring|')
const upperSuffixes = streetSuffixes.toUpperCase().replace('|RING|', '|(?<!E)RING|')
// Words for a street that open its name, in the languages of the Caribbean parts of the Kingdom:
// "Kaya Korona 41" and "Kaminda Sabana 12" in Papiamentu, "Rue de Hollande 8" on Sint Maarten,
// "Calle Oranje 3". A street may end in a point of the compass before its number ("Rijksweg
// Zuid 302").
const streetFirst = '(?:Kaya|Kaminda|Rue|Calle|Avenida)'
const compass = '(?:[ \\t]+(?:Noord|Zuid|Oost|West))?'
const compassPlace = '(?:)'
const streetPattern = new RegExp(
  `(?<![\\p{L}])(?:(?:(?!Adres\\s)${capitalWord}[ \\t]+(?:${streetParticle}[ \\t]+)*){0,3}\\p{Lu}[\\p{L}'-]*(?:${compoundSuffixes})|(?:(?!Adres\\s)${capitalWord}[ \\t]+){1,3}(?:${capitalSuffixes})|\\p{Lu}{2,}(?:${upperSuffixes})|(?:Laan|Weg|Plein|Kade|Dijk|Singel|Straatweg|Plantage|Hof)[ \\t]+(?:van|naar|op|der|de|den|ten|ter)(?:[ \\t]+(?:de|der|den|het))?[ \\t]+\\p{Lu}[\\p{L}'-]*(?:[ \\t]+\\p{Lu}[\\p{L}'-]*)?|${streetFirst}[ \\t]+(?:${particle}[ \\t]+)*\\p{Lu}[\\p{L}'-]*(?:[ \\t]+(?:${particle}[ \\t]+)*\\p{Lu}[\\p{L}'-]*){0,2})${compassPlace}[ \\t]+${houseNumber}(?![\\p{N}])${notQuantity}`,
  'gu',
)
const streetPatternAt = new RegExp(streetPattern.source.replace(compassPlace, ''), 'uy')
// Tried instead where a point of the compass stands before a number (rare: the group costs time).
const streetWithCompassAt = new RegExp(streetPattern.source.replace(compassPlace, compass), 'uy')
const compassBeforeNumber = /(?:Noord|Zuid|Oost|West)[ \t]+[1-9]/
// The words before the street in lower case, capitalised or in capitals; not the street itself,
// which must be capitalised ("woont in Meppel aan de Kerkplein 6" is no street "Meppel aan de …").
const anyCase = (words: string) =>
  words
    .split('|')
    .flatMap((w) => [w, `${w[0]!.toUpperCase()}${w.slice(1)}`, w.toUpperCase()])
    .join('|')
// Living somewhere in the other languages of the notes: "lives at", "wohnt in der", "mieszka (sama)
// na", "ta biba (na)" in Papiamentu, "vive en", "mora na".
const livesIn =
  '(?:[Ll]ives|[Ll]iving)[ \\t]+(?:at|on|in)|[Ww]ohnt[ \\t]+(?:in|an|auf)(?:[ \\t]+(?:der|dem|den))?|[Mm]ieszka(?:[ \\t]+(?:sama|sam))?[ \\t]+(?:na|przy|w)|(?:[Tt]a[ \\t]+)?[Bb]iba(?:[ \\t]+(?:na|den))?|[Vv]ive[ \\t]+(?:en|na|em)|[Mm]ora[ \\t]+(?:na|no|em)'
// Words that take a number but name no street ("(Week 8, Emmen)", "Lijn 4", "Kamer 12", "MDO 3-2"), verbs
// before an age in a note in capitals ("DHR. IS 88, PARKINSON"), and the word "Adres" before the
// street.
const numberedNoun =
  '(?!(?:Adres|Address|Postadres|Woont|Week|Lijn|Bus|Tram|Groep|Klas|Kamer|Fase|Stap|Dag|Punt|Route|Artikel|Hoofdstuk|Versie|Ronde|Tafel|Zaal|Spoor|Perron|Bijlage|Pagina|Nummer|Nr|Jaar|Maand|Blok|Niveau|Team|Unit|MDO|Overleg|Vergadering|Bespreking|Sessie|Les|Cursus|Is|IS|Was|WAS|Wordt|WORDT|Werd|WERD|Ben|BEN|Zijn|ZIJN|Heeft|HEEFT)\\s)'
// Words of one line: a street name with particles and a house number.
// After a word for address, the house number may stand on the next line ("Adres: Bachplein⏎7"),
// not a date there ("woont in Berkel⏎2026-02-09"). Between "woont" and "op" or "aan" up to eight
// words may stand, with no mark between them ("woont met haar zoon Ghamdan op de Trans Rijn 14-A").
// Someone at the door or at home there: "stond voor de deur op Hakfort 310", "bij u thuis op de
// Zevenhuizen 118".
const addressContext = new RegExp(
  `(?:(?:${anyCase('adres|adrès|address|adresse|adresa|direccion|dirección|endereço|indirizzo')})(?:\\s+(?:${anyCase('is|blijft|wordt|was|nog')}))?:?|(?:${anyCase('straat en huisnummer|straat_huisnummer|straat-huisnummer|straat|straatnaam')})[ \\t]*:|(?:${anyCase('woont|woon|wonen|woonde|wennet')}),?\\s+(?:(?:${anyCase('nu|no|nog|sinds kort|tegenwoordig|momenteel')})\\s+)?(?:${anyCase('aan|op|in')})(?:\\s+(?:${anyCase('de|het')}))?|(?:${anyCase('woont|wonen|woonde')})(?:[ \\t]+(?!(?:op|aan)(?![\\p{L}]))[\\p{L}'’]+){1,8}?[ \\t]+(?:op|aan)(?:[ \\t]+(?:de|het))?|(?:${anyCase('woonachtig')})\\s+(?:${anyCase('aan|op')})(?:\\s+(?:${anyCase('de|het')}))?|(?:${anyCase('voor de deur|thuis')})\\s+(?:${anyCase('op|aan')})(?:\\s+(?:${anyCase('de|het')}))?(?=\\s+${numberedNoun})|${livesIn})\\s+((?:${capitalWord}[ \\t]+(?:${particle}[ \\t]+)*){0,3}${capitalWord}(?:[ \\t]+|[ \\t]*\\n(?![12]\\d{3}[-/.]))(?:${houseNumber}|0[1-9][-/]\\d{1,4}))(?![\\p{N}]|:\\d)${notQuantity}`,
  'gud',
)
const addressContextAt = new RegExp(addressContext.source, 'udy')
/**
 * A street of one word in lower case with a street's ending and a house number ("troelstraweg 88"),
 * also with a point of the compass ("reeweg oost 212"). Group 1 is the ending.
 */
const lowerCaseStreetAt = new RegExp(
  `\\p{Ll}{3}[\\p{Ll}'-]*?(${compoundSuffixes})(?:[ \\t]+(?:noord|zuid|oost|west))?[ \\t]+${houseNumber}(?![\\p{N}])${notQuantity}`,
  'uyd',
)
// Endings that make a lower-case word a street even with no word for address before it
// ("mw. Haverkotte, ruusbroecstraat 7"); not a detour or a motorway.
const lowerCaseStreetEnding = /^(?:straat|straatweg|laan|weg|plein|gracht|kade|singel|dreef|steeg)$/
const lowerCaseNoStreet = /^(?:snelweg|omweg|zijweg|uitweg|rijweg|fietsweg|zandweg|wandelweg)$/
const compassWordBefore = /[ \t]+(?:noord|zuid|oost|west)[ \t]+$/u
/** The lower-case word that ends the text, where {@link lowerCaseStreetAt} may start. */
const lowerWordBefore = /(?<![\p{L}\p{N}'-])\p{Ll}{3}[\p{Ll}'-]*$/u
const lowerLetter = /\p{Ll}/u
const lowerCaseStreetCue =
  /(?<![\p{L}])(?:(?:adres|adrès|address|woont|woonachtig|wennet)(?:[ \t]+(?:nu|is|aan|op|in|de|het))*|(?:van|op|aan|in)[ \t]+de)[ \t]*:?[ \t]*$/iu
/** Where a context of {@link addressContext} can start: one of its first words. */
// "Adres", and as other languages write it ("Adrès" in Papiamentu, "Address", "Dirección").
const addressCue =
  /adres|adrès|address|direcci|endereço|indirizzo|woon|wennet|straat|voor[ \t]+de[ \t]+deur|thuis|lives|living|wohnt|mieszka|ta[ \t]+biba|biba|vive|mora/giu

const streetWordsWith = (number: string) =>
  `(?:${numberedNoun}${capitalWord}[ \\t]+(?:${particle}[ \\t]+)*){0,3}${numberedNoun}${capitalWord}[ \\t]+${number}`
const streetWords = streetWordsWith(houseNumber)
// A street and number right before a postcode: alone on the line above it, as in a letter's address
// block ("Dam 14⏎4331 GE"), or before a comma ("Wolphaertsbocht 231, 3083 KV"). Looked for only in
// the 80 characters before each postcode, so the work stays proportional to the postcodes.
const postcodeAhead = /(?<![\p{L}\p{N}])[1-9]\d{3} ?[A-Z]{2}(?![\p{L}\p{N}])/gu
// Before a postcode a house number may also open with a 0, as a floor and a door ("Kempenaar
// 03-21, 8242 BD"); elsewhere that is more often a date.
const streetWordsBeforePostcode = streetWordsWith(`(?:${houseNumber}|0[1-9][-/]\\d{1,4})`)
const streetBeforePostcode = new RegExp(
  `(?:(?:^|\\n)[ \\t]*(${streetWordsBeforePostcode})[ \\t]*\\r?\\n|(?<![\\p{L}\\p{N}])(${streetWordsBeforePostcode}),)[ \\t]*$`,
  'ud',
)
// "Rietmeen 22 in Leeuwarden", "Schoolstraat 9 - 11, Venlo": a street and number before a known
// place, after a comma or "in".
const streetBeforePlace = new RegExp(
  `(?<![\\p{L}\\p{N}])(${streetWords})(?:,[ \\t]*|[ \\t]+in[ \\t]+)(\\p{Lu}[\\p{L}'-]+)`,
  'gud',
)
// "(Ravelijn 8, Halsteren)": a street and number in brackets before a comma and a known place.
const streetBeforePlaceAt = new RegExp(streetBeforePlace.source, 'uyd')
// "in Hoorn, Grote Oost 71", "(Drachten, De Warren 114)": a street and number after a known place
// and a comma. Tried only where a comma ends the run of street characters before a house number.
const streetAfterPlaceAt = new RegExp(`(${streetWords})(?![\\p{N}])${notQuantity}`, 'uyd')
const placeBeforeComma = /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}'-]+),[ \t]*$/u
// Words that take a number after a place and a comma but name no street: a day or a month before
// a date or year ("Utrecht, Maandag 12", "Zwolle, December 2025"; the months are `months` below).
const weekdays = new Set(['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'])
const bracketAddress = new RegExp(`\\([ \\t]*(${streetWords}),[ \\t]*(\\p{Lu}[\\p{L}'-]+)`, 'gud')

function addressSpan(text: string, start: number, end: number): PersonalDataSpan {
  const found = text.slice(start, end)
  return { kind: 'ADRES', start, end, text: found, key: found.toLowerCase().replace(/\s+/g, ' ') }
}

const houseNumberAhead = /[ \t][1-9]/g
const letter = /\p{L}/u

/** Whether the UTF-16 unit at `at` can be part of a street name (a half of a pair counts). */
function isStreetChar(text: string, at: number): boolean {
  const code = text.charCodeAt(at)
  if (code < 128) {
    return (
      (code >= 97 && code <= 122) ||
      (code >= 65 && code <= 90) ||
      code === 32 ||
      code === 9 ||
      code === 46 ||
      code === 45 ||
      code === 39
    )
  }
  return (code >= 0xd800 && code <= 0xdfff) || letter.test(text[at]!)
}
const capitalAt = /\p{Lu}/uy
const letterBefore = /\p{L}$/u

/**
 * The same matches as `text.matchAll(pattern)` does with the pattern made global, for a sticky
 * pattern whose every match starts with a capital after a non-letter and runs from there over
 * street characters only (letters, spaces, tabs, dots, hyphens, apostrophes) to a space or tab
 * and a digit 1–9: a street and its house number. So a match can only start in the run of
 * street characters before such a digit, and only there is it tried, at each capital that starts
 * a word. A note costs in proportion to its numbers, not to every capitalised word in it (the
 * Unicode classes made a scan of the whole text the slowest part of finding addresses).
 */
function matchesBeforeHouseNumbers(text: string, pattern: RegExp): RegExpExecArray[] {
  const found: RegExpExecArray[] = []
  let reached = 0
  for (const space of text.matchAll(houseNumberAhead)) {
    if (space.index < reached) continue
    let from = space.index
    while (from > reached && isStreetChar(text, from - 1)) from--
    for (let at = from; at < space.index; at++) {
      capitalAt.lastIndex = at
      if (!capitalAt.test(text) || letterBefore.test(text.slice(Math.max(0, at - 2), at))) continue
      pattern.lastIndex = at
      const match = pattern.exec(text)
      if (!match) continue
      found.push(match)
      reached = at + match[0].length
      break
    }
  }
  return found
}

/**
 * The two street patterns searched only before house numbers, each as a whole-text search and
 * as the sticky pattern `matchesBeforeHouseNumbers` tries: for a test that both find the same.
 * Not part of the package's exports.
 */
export const streetSearchesForTest = {
  streets: { global: streetPattern, sticky: streetPatternAt },
  streetsBeforePlace: { global: streetBeforePlace, sticky: streetBeforePlaceAt },
  matchesBeforeHouseNumbers: (text: string, sticky: RegExp) => matchesBeforeHouseNumbers(text, sticky),
}

/**
 * True for a word ending in "plaats" that is a place of something, not a street: a Dutch word
 * ("woonplaats"), or a Dutch word that is no surname before "plaats" ("parkeerplaats",
 * "speelplaats"). Streets in "-plaats" are named after people ("Hesseplaats", "Weverplaats").
 */
function placeOfSomething(norm: string): boolean {
  const { words, surnames } = lexicons()
  const head = norm.slice(0, -'plaats'.length)
  return words.has(norm) || (words.has(head) && !surnames.has(head))
}

/**
 * The addresses of `text`, without an amount after a currency read as a street and its number
 * ("Aqualectra NAf 310"), nor a place of something ("Parkeerplaats 3", "Woonplaats 2").
 */
function findAddresses(text: string): PersonalDataSpan[] {
  const found = [...streetsAndNumbers(text), ...dictatedStreets(text)].filter((span) => {
    const word = /(\p{L}+)\.?[ \t]+\d[^ \t]*$/u.exec(span.text)
    if (!word) return true
    const norm = normaliseWord(word[1]!)
    return !currencyWords.has(norm) && !(norm.endsWith('plaats') && placeOfSomething(norm))
  })
  return withAddressesRepeated(
    text,
    found.map((span) => withStreetPairBefore(text, span)),
  )
}

// A street's ending and a word after it: where a dictated address may stand ("borgerstraat
// achtenveertig", "de bildt straat negen"). The scan opens with the ending, which is quick.
const streetEndingThenWord =
  /(straat|weg|laan|plein|gracht|kade|singel|dreef|steeg|dijk)[ \t]+(\p{Ll}[\p{Ll}ë-]{1,20})(?![\p{L}])/gu
const countedAfter =
  /^[ \t]+(?:jaar|keer|maal|dagen|uur|minuten|weken|maanden|kilometer|km|meter|euro)(?![p{L}])/

/**
 * Streets in lower case with the house number said in words, as speech-to-text writes them:
 * "borgerstraat achtenveertig", "houtweg drieëndertig", "de bildt straat negen". The street is one
 * word with a street's ending, or a word and "straat" apart; the number 1 to 99, counting nothing.
 */
function dictatedStreets(text: string): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = []
  for (const m of text.matchAll(streetEndingThenWord)) {
    const value = dutchNumber(m[2]!)
    if (value === undefined || value < 1) continue
    const end = m.index + m[0].length
    if (countedAfter.test(text.slice(end, end + 12))) continue
    let start = m.index
    while (start > 0 && /[\p{Ll}'-]/u.test(text[start - 1]!)) start--
    if (start === m.index) {
      // "bildt straat": "straat" alone, after a word of its own.
      if (m[1] !== 'straat' || (text[start - 1] !== ' ' && text[start - 1] !== '\t')) continue
      start--
      while (start > 0 && /\p{Ll}/u.test(text[start - 1]!)) start--
      if (m.index - 1 - start < 3) continue
    } else if (m.index - start < 3) continue
    if (/[\p{L}\p{N}]/u.test(text[start - 1] ?? '')) continue
    if (lowerCaseNoStreet.test(text.slice(start, m.index + m[1]!.length))) continue
    spans.push(addressSpan(text, start, end))
  }
  return spans
}

/**
 * "Meer en Vaart 511, 1068 LH": a street named by two words joined by "en" ("Bos en Lommer", "Ooster
 * en Wester"), where the address runs on to a postcode, is the whole street.
 */
function withStreetPairBefore(text: string, span: PersonalDataSpan): PersonalDataSpan {
  if (!/^,?[ \t]*[1-9]\d{3}[ \t]?[A-Z]{2}(?![\p{L}\p{N}])/u.test(text.slice(span.end, span.end + 10)))
    return span
  const pair = /(?<![\p{L}\p{N}])\p{Lu}\p{Ll}{2,}[ \t]+en[ \t]+$/u.exec(
    text.slice(Math.max(0, span.start - 24), span.start),
  )
  if (!pair || !/^\p{Lu}/u.test(span.text)) return span
  return addressSpan(text, span.start - pair[0].length, span.end)
}

/**
 * "Onderwerp: achterstand Tsjerkepaed 19 … huurders op Tsjerkepaed 19, 8448 GM": an address found
 * in the note is that address wherever the note writes it again, also where nothing around it says
 * so, where the number closes the phrase. Bounded: at most 20 addresses.
 */
function withAddressesRepeated(text: string, spans: PersonalDataSpan[]): PersonalDataSpan[] {
  if (spans.length === 0) return spans
  const added: PersonalDataSpan[] = []
  const covered = (start: number, end: number) =>
    spans.some((span) => span.start < end && start < span.end) ||
    added.some((span) => span.start < end && start < span.end)
  for (const address of new Set(spans.slice(0, 20).map((span) => span.text))) {
    for (let at = text.indexOf(address); at !== -1; at = text.indexOf(address, at + 1)) {
      const end = at + address.length
      if (/[\p{L}\p{N}]/u.test(text[at - 1] ?? '')) continue
      // Where a sentence goes on after the number, the number may count something else ("121 punten").
      if (!/^[ \t]*(?:[,.;:)\r\n]|$)/.test(text.slice(end, end + 3))) continue
      if (!covered(at, end)) added.push({ ...spans.find((span) => span.text === address)!, start: at, end })
    }
  }
  return added.length === 0 ? spans : [...spans, ...added].sort((a, b) => a.start - b.start)
}

function streetsAndNumbers(text: string): PersonalDataSpan[] {
  // Every form below has a house number or a postcode.
  if (!/\d/.test(text)) return []
  const spans = matchesBeforeHouseNumbers(
    text,
    compassBeforeNumber.test(text) ? streetWithCompassAt : streetPatternAt,
  ).map((m) => addressSpan(text, m.index, m.index + m[0].length))
  // The context is tried only where one of its words starts: a scan for those words is cheaper
  // than trying the whole pattern at every position of the note.
  let after = 0
  for (const cue of text.matchAll(addressCue)) {
    if (cue.index < after) continue
    addressContextAt.lastIndex = cue.index
    const match = addressContextAt.exec(text)
    if (!match) continue
    after = match.index + match[0].length
    const [start, end] = match.indices![1]!
    // The context words are case-insensitive, but the street itself must start with a capital.
    if (/^\p{Lu}/u.test(text.slice(start, end))) spans.push(addressSpan(text, start, end))
  }
  for (const postcode of text.matchAll(postcodeAhead)) {
    const from = Math.max(0, postcode.index - 80)
    const match = streetBeforePostcode.exec(text.slice(from, postcode.index))
    if (!match) continue
    // The window may start inside a line: a street on the line above needs the real line start.
    if (
      match.indices![1] &&
      match.index === 0 &&
      text.slice(from, from + 1) !== '\n' &&
      from > 0 &&
      text[from - 1] !== '\n'
    )
      continue
    const [start, end] = (match.indices![1] ?? match.indices![2])!
    spans.push(addressSpan(text, from + start, from + end))
  }
  for (const space of text.matchAll(houseNumberAhead)) {
    // A quick note in lower case ("adres troelstraweg 88, 1505 hj"): a street of one word with a
    // street's ending, after a word for address or for living there, or before a postcode. Tried
    // only at the word before a number.
    if (!lowerLetter.test(text[space.index - 1] ?? '')) continue
    // Before a point of the compass, the street is the word before it.
    const compassWord = compassWordBefore.exec(text.slice(Math.max(0, space.index - 12), space.index + 1))
    const wordEnd = compassWord ? space.index + 1 - compassWord[0].length : space.index
    const from = Math.max(0, wordEnd - 40)
    const word = lowerWordBefore.exec(text.slice(from, wordEnd))
    if (!word) continue
    lowerCaseStreetAt.lastIndex = from + word.index
    const match = lowerCaseStreetAt.exec(text)
    if (!match) continue
    const end = match.index + match[0].length
    const before = text.slice(Math.max(0, match.index - 24), match.index)
    const after = text.slice(end, end + 12)
    const street = /^\p{L}[\p{L}'-]*/u.exec(match[0])![0]
    if (
      lowerCaseStreetCue.test(before) ||
      /^,?[ \t]*[1-9]\d{3} ?[A-Za-z]{2}(?![\p{L}\p{N}])/u.test(after) ||
      (lowerCaseStreetEnding.test(match[1]!) && !lowerCaseNoStreet.test(street))
    )
      spans.push(addressSpan(text, match.index, end))
  }
  for (const space of text.matchAll(houseNumberAhead)) {
    let from = space.index
    while (from > 0 && isStreetChar(text, from - 1)) from--
    if (text[from - 1] !== ',') continue
    const place = placeBeforeComma.exec(text.slice(Math.max(0, from - 40), from))
    if (!place || !lexicons().places.has(normaliseWord(place[1]!))) continue
    while (text[from] === ' ' || text[from] === '\t') from++
    streetAfterPlaceAt.lastIndex = from
    const match = streetAfterPlaceAt.exec(text)
    if (!match) continue
    const [start, end] = match.indices![1]!
    // The street's words after its particles ("De Warren"), the last one its number.
    const all = text.slice(start, end).split(/[ \t]+/)
    const words = all.filter(
      (word, i) => i === all.length - 1 || !/^(?:de|het|den|der|van|'t|ten|ter)$/i.test(word),
    )
    const first = normaliseWord(words[0]!)
    // Without a particle before it, one word that is a Dutch or English word, a role or an
    // organisation names a part of something there ("Leiden, Afdeling 4"), and a first name a
    // person and an age ("Emmen, Kees 40"); "De Warren 114" is a street.
    const bare = words.length === all.length
    const oneWord =
      words.length === 2 && (/[CERB]/.test(wordClasses(first)) || lexicons().nonPersons.has(first))
    if (
      (bare && oneWord) ||
      (bare && lexicons().firstNames.has(first)) ||
      weekdays.has(first) ||
      months[first] !== undefined ||
      // A year, or a day and a month ("Veenendaal, Dragonder-Oost 11-11": a date after a place).
      /^(?:(?:19|20)\d\d|(?:[1-9]|[12]\d|3[01])[-/](?:[1-9]|1[0-2]))$/.test(words.at(-1)!)
    )
      continue
    spans.push(addressSpan(text, start, end))
  }
  for (const match of text.matchAll(bracketAddress)) {
    if (!lexicons().places.has(normaliseWord(match[2]!))) continue
    const [start, end] = match.indices![1]!
    spans.push(addressSpan(text, start, end))
  }
  for (const match of matchesBeforeHouseNumbers(text, streetBeforePlaceAt)) {
    if (!lexicons().places.has(normaliseWord(match[2]!))) continue
    let [start, end] = match.indices![1]!
    // Dutch words before the street name are not part of it ("Woning Zeilmeen 22", "Huisbezoek …").
    for (const word of text.slice(start, end).matchAll(/\p{L}+[ \t]+(?=\p{L})/gu)) {
      if (
        word.index !== start - match.indices![1]![0] ||
        !wordClasses(normaliseWord(word[0].trim())).includes('C')
      )
        break
      start += word[0].length
    }
    // A first name and a number ("Kees 40, Emmen") is a person and an age, not a street.
    const first = normaliseWord(text.slice(start, end).split(/[ \t]/)[0]!)
    if (lexicons().firstNames.has(first)) continue
    spans.push(addressSpan(text, start, end))
  }
  return spans
}

const months: Record<string, number> = {
  januari: 1,
  jan: 1,
  februari: 2,
  feb: 2,
  febr: 2,
  maart: 3,
  mrt: 3,
  april: 4,
  apr: 4,
  mei: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  augustus: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
  // English, for letters and mails in English ("born 2 October 1944").
  january: 1,
  february: 2,
  march: 3,
  mar: 3,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  october: 10,
  oct: 10,
  // German, French, Spanish, Portuguese, Polish (as a date writes it: "7 lipca 1991"), Turkish and
  // Romanian, for letters and notes in those languages.
  januar: 1,
  februar: 2,
  märz: 3,
  dezember: 12,
  janvier: 1,
  février: 2,
  mars: 3,
  avril: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  août: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  décembre: 12,
  enero: 1,
  febrero: 2,
  marzo: 3,
  abril: 4,
  mayo: 5,
  junio: 6,
  julio: 7,
  agosto: 8,
  septiembre: 9,
  setiembre: 9,
  octubre: 10,
  noviembre: 11,
  diciembre: 12,
  janeiro: 1,
  fevereiro: 2,
  março: 3,
  maio: 5,
  junho: 6,
  julho: 7,
  setembro: 9,
  outubro: 10,
  novembro: 11,
  dezembro: 12,
  stycznia: 1,
  lutego: 2,
  marca: 3,
  kwietnia: 4,
  maja: 5,
  czerwca: 6,
  lipca: 7,
  sierpnia: 8,
  września: 9,
  października: 10,
  listopada: 11,
  grudnia: 12,
  ocak: 1,
  şubat: 2,
  mart: 3,
  nisan: 4,
  mayıs: 5,
  haziran: 6,
  temmuz: 7,
  ağustos: 8,
  eylül: 9,
  ekim: 10,
  kasım: 11,
  aralık: 12,
  ianuarie: 1,
  februarie: 2,
  martie: 3,
  aprilie: 4,
  iunie: 6,
  iulie: 7,
  octombrie: 10,
  noiembrie: 11,
  decembrie: 12,
  // Ukrainian and Russian as written in Latin letters, in the form a date takes ("3 bereznia 1986").
  sichnia: 1,
  liutoho: 2,
  lyutoho: 2,
  bereznia: 3,
  kvitnia: 4,
  travnia: 5,
  chervnia: 6,
  lypnia: 7,
  serpnia: 8,
  veresnia: 9,
  zhovtnia: 10,
  lystopada: 11,
  hrudnia: 12,
  yanvarya: 1,
  fevralya: 2,
  marta: 3,
  aprelya: 4,
  iyunya: 6,
  iyulya: 7,
  avgusta: 8,
  sentyabrya: 9,
  oktyabrya: 10,
  noyabrya: 11,
  dekabrya: 12,
  // Danish and Norwegian ("26. marts 1971", "3. desember 1988"); the other months as in German
  // or Dutch.
  marts: 3,
  maj: 5,
  desember: 12,
  // Frisian ("17 jannewaris 1958"); "maart", "april", "augustus" and "oktober" as in Dutch, "july"
  // as in English.
  jannewaris: 1,
  febrewaris: 2,
  maaie: 5,
  juny: 6,
  septimber: 9,
  novimber: 11,
  desimber: 12,
  // Portuguese abbreviations, as a Cape Verdean or Portuguese passport writes them ("11 Fev 1982").
  fev: 2,
  abr: 4,
  ago: 8,
  set: 9,
  out: 10,
  dez: 12,
  // Papiamentu ("27 di òktober 1992"); "mei" as in Dutch, "mart" as in Turkish.
  yanüari: 1,
  febrüari: 2,
  aprel: 4,
  yüni: 6,
  yüli: 7,
  ougùstùs: 8,
  sèptèmber: 9,
  òktober: 10,
  novèmber: 11,
  desèmber: 12,
  // In their own scripts, as a date is written in a document of the client's country: Greek
  // ("11 Νοεμβρίου 1958"), Russian, Ukrainian and Bulgarian (the day's forms of the month).
  ιανουαρίου: 1,
  φεβρουαρίου: 2,
  μαρτίου: 3,
  απριλίου: 4,
  μαΐου: 5,
  ιουνίου: 6,
  ιουλίου: 7,
  αυγούστου: 8,
  σεπτεμβρίου: 9,
  οκτωβρίου: 10,
  νοεμβρίου: 11,
  δεκεμβρίου: 12,
  января: 1,
  февраля: 2,
  марта: 3,
  апреля: 4,
  мая: 5,
  июня: 6,
  июля: 7,
  августа: 8,
  сентября: 9,
  октября: 10,
  ноября: 11,
  декабря: 12,
  січня: 1,
  лютого: 2,
  березня: 3,
  квітня: 4,
  травня: 5,
  червня: 6,
  липня: 7,
  серпня: 8,
  вересня: 9,
  жовтня: 10,
  листопада: 11,
  грудня: 12,
  януари: 1,
  февруари: 2,
  март: 3,
  април: 4,
  май: 5,
  юни: 6,
  юли: 7,
  август: 8,
  септември: 9,
  октомври: 10,
  ноември: 11,
  декември: 12,
}
const monthNames = Object.keys(months)
  .sort((a, b) => b.length - a.length)
  .join('|')

function dateKey(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

const hungarianMonths = [
  'január',
  'február',
  'március',
  'április',
  'május',
  'június',
  'július',
  'augusztus',
  'szeptember',
  'október',
  'november',
  'december',
]
const hungarianDate = new RegExp(
  `((?:19|20)\\d{2})(?<![\\p{N}]\\1)\\.[ \\t]*(${hungarianMonths.join('|')})[ \\t]+(0?[1-9]|[12]\\d|3[01])\\.?(?![\\p{N}])`,
  'giu',
)

// Vietnamese: "(ngày) 12 tháng 4 năm 1963", day, month and year after their words.
const vietnameseDate =
  /(?<![\p{L}\p{N}])(?:ngày[ \t]+)?(0?[1-9]|[12]\d|3[01])[ \t]+tháng[ \t]+(0?[1-9]|1[0-2])(?:[ \t]+năm|,)[ \t]+((?:19|20)\d{2})(?![\p{N}])/giu

const yearFirstShort = new RegExp(
  `'(\\d{2}),?[ \\t]+(0?[1-9]|[12]\\d|3[01])[ \\t]+(${monthNames})(?![\\p{L}])`,
  'giu',
)

// The solar calendar of Afghanistan and Iran (a tazkira, an Iranian passport): the day, the month's
// name and the year ("12 Hamal 1361"). Years up to 1395 (2016); later ones are a child's or a date
// of something else.
const solarMonths = [
  ['hamal', 'farvardin'],
  ['sawr', 'saur', 'ordibehesht'],
  ['jawza', 'jauza', 'khordad'],
  ['saratan', 'tir'],
  ['asad', 'mordad', 'amordad'],
  ['sonbola', 'sunbula', 'shahrivar'],
  ['mizan', 'mehr'],
  ['aqrab', 'aban'],
  ['qaws', 'qaus', 'azar'],
  ['jadi', 'dey', 'dei'],
  ['dalw', 'dalv', 'bahman'],
  ['hut', 'hoot', 'esfand'],
]
const solarMonthOf = new Map(solarMonths.flatMap((names, i) => names.map((name) => [name, i + 1] as const)))
const solarYear = /[ \t]1[23]\d\d(?!\d)/
const solarDate = new RegExp(
  `(?<![\\p{L}\\p{N}])(0?[1-9]|[12]\\d|3[01])[ \\t]+(${[...solarMonthOf.keys()].join('|')})[ \\t]+(1[23]\\d{2})(?![\\p{N}])`,
  'giu',
)

const yearAfterName = /(?<=\p{Lu}\p{Ll}+[ \t]?)\((['’]\d{2})\)/dgu
// The months of the Ethiopian calendar, as Amharic is written in Latin letters.
const ethiopianMonths: ReadonlyArray<readonly string[]> = [
  ['meskerem', 'meskarem'],
  ['tikimt', 'tekemt', 'tikmt', 'tiqimt'],
  ['hidar', 'hedar'],
  ['tahsas', 'tahesas', 'takhsas'],
  ['tir', 'tirr'],
  ['yekatit', 'yakatit'],
  ['megabit', 'magabit'],
  ['miyazya', 'miyazia', 'miazia'],
  ['ginbot', 'genbot', 'ginbotu'],
  ['sene', 'senie'],
  ['hamle', 'hamile'],
  ['nehase', 'nahase', 'nehasse'],
  ['pagume', 'pagumen', 'puagme'],
]
const ethiopianMonthOf = new Map(
  ethiopianMonths.flatMap((names, i) => names.map((name) => [name, i + 1] as const)),
)
const ethiopianMonthNames = [...ethiopianMonthOf.keys()].join('|')
// "Ginbot 12, 1985", "12 Ginbot 1985": a day, an Ethiopian month and a year (the months have 30
// days, Pagume 5 or 6).
const ethiopianDate = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(${ethiopianMonthNames})[ \\t]+(0?[1-9]|[12]\\d|30),?[ \\t]+((?:19|20)\\d{2})|(0?[1-9]|[12]\\d|30)[ \\t]+(${ethiopianMonthNames}),?[ \\t]+((?:19|20)\\d{2}))(?![\\p{N}])`,
  'giu',
)
// A quick test first: an Ethiopian month's name and a number after it (most notes have none).
const ethiopianMonthThenNumber = new RegExp(`(?<![\\p{L}])(?:${ethiopianMonthNames})[ \\t]+\\d`, 'iu')
const isoSlashedOrSpaced =
  /(?<![\p{N}])((?:19|20)\d{2})([/ ])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?![\p{N}])/gu

function findBirthDates(text: string, now: Date): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = []
  const recentYear = now.getUTCFullYear() - 10
  const consider = (start: number, found: string, year: number, month: number, day: number) => {
    // "00-08-1943": the population register writes an unknown day or month as 00.
    const unknownPart = day === 0 || month === 0
    if (month > 12 || day > 31 || (!unknownPart && (month < 1 || day < 1))) return
    // A day the month does not have ("30-02") is no date.
    if (!unknownPart && new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return
    if (year > recentYear && !birthAnnounced(textBefore(text, start))) return
    spans.push({
      kind: 'GEBOORTEDATUM',
      start,
      end: start + found.length,
      text: found,
      key: dateKey(year, month, day),
    })
  }
  // "21-08-⏎1990": a form exported from a PDF may break the line after the date's last dash.
  const numeric =
    /(?<![\p{N}])(0?[1-9]|[12]\d|3[01]|00)([-/.])(0?[1-9]|1[0-2]|00)\2\n?((?:19|20)\d{2}|'?\d{2})(?![\p{N}])/gu
  for (const m of text.matchAll(numeric)) {
    let year = Number(m[4]!.replace("'", ''))
    // An unknown day or month only with a year of four digits.
    if ((m[1] === '00' || m[3] === '00') && m[4]!.length !== 4) continue
    if (m[4]!.length <= 3) {
      // A two-digit year is only read as a date of birth when the text announces one, or as the
      // next in a list after one ("Geb. mw. 22-01-1984, dhr. 13/7/85").
      if (!birthAnnounced(textBefore(text, m.index)) && !nextBirthInList(text, spans.at(-1), m.index))
        continue
      year = fullYear(year, now)
    }
    consider(m.index, m[0], year, Number(m[3]), Number(m[1]))
  }
  // Also with dots ("1990.11.23").
  const iso = /(?<![\p{N}])((?:19|20)\d{2})([-.])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?![\p{N}])/gu
  for (const m of text.matchAll(iso)) consider(m.index, m[0], Number(m[1]), Number(m[3]), Number(m[4]))
  // Only where a year of that calendar stands (one scan for it first; most notes have none).
  for (const m of solarYear.test(text) ? text.matchAll(solarDate) : []) {
    const year = Number(m[3])
    // "op 3 Mehr 1402": a date of the last years, not a birth, unless announced as one.
    if (year > 1395 && !birthAnnounced(textBefore(text, m.index))) continue
    const month = solarMonthOf.get(m[2]!.toLowerCase())!
    spans.push({
      kind: 'GEBOORTEDATUM',
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      key: `sh-${dateKey(year, month, Number(m[1]))}`,
    })
  }
  // "Kasjen Tuitjes ('63)": a year of birth of two digits, alone in brackets after a name.
  if (text.includes("('") || text.includes('(’'))
    for (const m of text.matchAll(yearAfterName)) {
      const [start, end] = m.indices![1]!
      const year = fullYear(Number(m[1]!.slice(1)), now)
      spans.push({ kind: 'GEBOORTEDATUM', start, end, text: m[1]!, key: `y-${year}` })
    }
  // A date of the Ethiopian calendar ("Geb. mw. Ginbot 12, 1985"): a birth where the note says so,
  // or ten years or more before this year there (the Ethiopian year runs about eight behind ours).
  if (ethiopianMonthThenNumber.test(text))
    for (const m of text.matchAll(ethiopianDate)) {
      const month = ethiopianMonthOf.get((m[1] ?? m[5])!.toLowerCase())!
      const day = Number(m[2] ?? m[4])
      const year = Number(m[3] ?? m[6])
      if (month === 13 && day > 6) continue
      if (year > now.getUTCFullYear() - 8 - 10 && !birthAnnounced(textBefore(text, m.index))) continue
      spans.push({
        kind: 'GEBOORTEDATUM',
        start: m.index,
        end: m.index + m[0].length,
        text: m[0],
        key: `et-${dateKey(year, month, day)}`,
      })
    }
  // After "geb." only: the year first with slashes or spaces ("Geb. 1984/02/17", "geb. 1992 02 03").
  for (const m of text.matchAll(isoSlashedOrSpaced))
    if (birthAnnounced(textBefore(text, m.index)))
      consider(m.index, m[0], Number(m[1]), Number(m[3]), Number(m[4]))
  // Hungarian, year first: "1951. március 3." (after "geb." or "született" only).
  if (text.includes('tháng'))
    for (const m of text.matchAll(vietnameseDate))
      consider(m.index, m[0], Number(m[3]), Number(m[2]), Number(m[1]))
  for (const m of text.matchAll(hungarianDate)) {
    if (!birthAnnounced(textBefore(text, m.index))) continue
    consider(m.index, m[0], Number(m[1]), hungarianMonths.indexOf(m[2]!.toLowerCase()) + 1, Number(m[3]))
  }
  const written = new RegExp(
    `(?<![\\p{L}\\p{N}])(0?[1-9]|[12]\\d|3[01])(?:e|ste|de|st|nd|rd|th|\\.)?\\s+(?:(?:d[ei]|of)\\s+)?(${monthNames})\\.?\\s+(?:d[ei]\\s+)?((?:19|20)\\d{2})(?![\\p{N}])`,
    'giu',
  )
  for (const m of text.matchAll(written)) {
    consider(m.index, m[0], Number(m[3]), months[m[2]!.toLowerCase()]!, Number(m[1]))
  }
  // After "geb." or "geboortedatum" only: a written month with a two-digit year ("3 jan. '71") and
  // the eight digits of a form field ("geb.dat 19490607").
  const writtenShort = new RegExp(
    `(?<![\\p{L}\\p{N}])(0?[1-9]|[12]\\d|3[01])(?:e|ste|de)?\\s+(${monthNames})\\.?\\s+'?(\\d{2})(?![\\p{N}])`,
    'giu',
  )
  for (const m of text.matchAll(writtenShort)) {
    // Announced before it, or "geboren" right after it ("Pa is 12 mrt '38 geboren").
    if (
      !birthAnnounced(textBefore(text, m.index)) &&
      !/^[ \t]+(?:geboren|born)(?![\p{L}])/u.test(
        text.slice(m.index + m[0].length, m.index + m[0].length + 12),
      )
    )
      continue
    consider(m.index, m[0], fullYear(Number(m[3]), now), months[m[2]!.toLowerCase()]!, Number(m[1]))
  }
  // After "geb." only: a year of two digits first, then the day and the month ("Geb. dhr.: '90, 2
  // maart"); the search opens with the apostrophe.
  for (const m of text.matchAll(yearFirstShort)) {
    if (!birthAnnounced(textBefore(text, m.index))) continue
    consider(m.index, m[0], fullYear(Number(m[1]), now), months[m[3]!.toLowerCase()]!, Number(m[2]))
  }
  // After "geb." only: the day, month and year apart by spaces ("geb. 12 09 2005").
  // (The look-behind follows the day: a search that opens with a digit skips the rest quickly.)
  const spaced = /(\d{1,2})(?<![\p{N}]\1) (\d{1,2}) ((?:19|20)\d{2})(?![\p{N}])/gu
  for (const m of text.matchAll(spaced)) {
    if (!birthAnnounced(textBefore(text, m.index))) continue
    consider(m.index, m[0], Number(m[3]), Number(m[2]), Number(m[1]))
  }
  const compact = /(?<![\p{N}])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\p{N}])/gu
  for (const m of text.matchAll(compact)) {
    if (!birthAnnounced(textBefore(text, m.index))) continue
    consider(m.index, m[0], Number(m[1]), Number(m[2]), Number(m[3]))
  }
  // The day and year are scanned for first (digits are quick to find), then the month before them.
  for (const m of text.matchAll(dayAndYear)) {
    const month = monthBefore.exec(text.slice(Math.max(0, m.index - 16), m.index))
    const number = month ? months[month[1]!.toLowerCase()] : undefined
    if (number === undefined) continue
    const start = m.index - month![0].length
    consider(start, text.slice(start, m.index + m[0].length), Number(m[2]), number, Number(m[1]))
  }
  for (const m of text.matchAll(romanMonth)) {
    // "2 x 2000 mg" is a dose: a one-letter Roman month needs dots or dashes around it.
    if (m[3]!.length === 1 && m[2] === ' ') continue
    consider(m.index, m[0], Number(m[4]), romanMonths.indexOf(m[3]!.toUpperCase()) + 1, Number(m[1]))
  }
  // The day in words and the year in digits ("Geb. sr.: zes augustus 1940"): the year first (digits
  // are quick to find), then the day and the month before it.
  for (const m of text.matchAll(yearInDigits)) {
    // A month right before the year (most years have none), then the day in words before it.
    const month = monthBefore.exec(text.slice(Math.max(0, m.index - 16), m.index))
    if (!month || months[month[1]!.toLowerCase()] === undefined) continue
    const at = m.index - month[0].length
    const day = dayInWordsBefore.exec(text.slice(Math.max(0, at - 30), at))
    const number = day ? dayInWords(day[1]!) : 0
    if (number === 0) continue
    const start = at - day![0].length
    consider(start, text.slice(start, m.index + 4), Number(m[0]), months[month[1]!.toLowerCase()]!, number)
  }
  if (/negentien|tweeduizend/i.test(text)) {
    for (const m of text.matchAll(dateInWords)) {
      const year = yearInWords(m[3]!)
      if (year !== undefined) consider(m.index, m[0], year, months[m[2]!.toLowerCase()]!, dayInWords(m[1]!))
    }
  }
  return spans
}

/** The month first, as English writes it: "Sept 14th 1979", "March 3, 1980": the day and the year… */
const dayAndYear = /(?<![\p{L}\p{N}])(0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})(?![\p{N}])/gu
/** …and the month right before them. */
const monthBefore = /(?<![\p{L}\p{N}])(\p{L}+)\.?\s+$/u
const romanMonths = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII']
/** A Roman month between day and year, as Polish and older Dutch forms write it: "19 III 1987", "3.XI.1950". */
const romanMonth =
  /(?<![\p{L}\p{N}])(0?[1-9]|[12]\d|3[01])([ .\-/])(XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I|xii|xi|ix|viii|vii|vi|iv|iii|ii)\2((?:19|20)\d{2})(?![\p{N}])/gu

/** Any Dutch number word of 1 to 99, for a regular expression ("zevenendertig", "drieëntwintig"). */
const numberWord = `(?:${unitWords.slice(1).join('|')}|één)(?:-?(?:en|ën)-?(?:${tenWords.join('|')}))?|${teenWords.join('|')}|${tenWords.join('|')}`
/**
 * A date of birth spoken in words, as a transcript or a quick note writes it: "twaalf februari
 * negentienzevenenzestig", "zeven april negentien zevenendertig", "de eerste mei tweeduizend drie".
 */
const dateInWords = new RegExp(
  `(?<![\\p{L}])(eerste|derde|(?:${numberWord})(?:ste|de)?)\\s+(${monthNames})\\s+((?:negentien(?:[ -]?honderd)?|tweeduizend)(?:[ -]?(?:en[ -]?)?(?:${numberWord}))?)(?![\\p{L}])`,
  'giu',
)

/** A year in digits… */
const yearInDigits = /(?<![\p{N}])(?:19|20)\d{2}(?![\p{N}])/gu
/** …a month right before it, and a day in words before that: "zes augustus 1940", "eerste mei 1952". */
const dayInWordsBefore = new RegExp(`(?<![\\p{L}])(eerste|derde|(?:${numberWord})(?:ste|de)?)\\s+$`, 'iu')

/** A day in words, as a number or an ordinal ("twaalf", "twaalfde", "eerste"); 0 when it is none. */
function dayInWords(word: string): number {
  const lower = plainWord(word)
  if (lower === 'eerste') return 1
  if (lower === 'derde') return 3
  return dutchNumber(lower) ?? dutchNumber(lower.replace(/(?:ste|de)$/, '')) ?? 0
}

/** A year in words: "negentienzevenenzestig", "negentien honderd vijftig", "tweeduizend en drie". */
function yearInWords(words: string): number | undefined {
  const match = /^(negentien(?:[ -]?honderd)?|tweeduizend)(?:[ -]?(?:en[ -]?)?([\p{L}-]+))?$/iu.exec(words)
  if (!match) return undefined
  const rest = match[2] === undefined ? 0 : dutchNumber(match[2])
  if (rest === undefined || rest === 0) return undefined
  return (match[1]!.toLowerCase().startsWith('negentien') ? 1900 : 2000) + rest
}

/**
 * True when the text before a date announces a date of birth ("geboren op", "geb.", "geb.dat:",
 * "DOB", "zijn geboortedatum is").
 */
/** The 48 characters before `at`, where {@link birthAnnounced} looks for its words. */
function textBefore(text: string, at: number): string {
  return text.slice(Math.max(0, at - 48), at)
}

// Up to four short words may stand between the word for birth and a colon: "geb. mw.:",
// "geb.dat. in aanvraag:", "Geb. datum dhr. voor aanvraag:".
function birthAnnounced(before: string): boolean {
  // "Geboortedatum dhr. (22-8-'57)": whose date it is may come between.
  return /(?<![\p{L}])(?:geboren|geb|geb\.?\s?dat(?:um)?|geboortedatum|geboortedag|DOB|date of birth|born|született)(?:(?:\.?[ \t]+\p{Ll}{2,12}){1,4}\.?(?=[ \t]*:)|\.?[ \t]+(?:van[ \t]+)?(?:dhr|mw|mevr|mevrouw|meneer|cl|cliënt|cliënte|client)\.?)?[^\p{L}]*(?:op|on|is|was)?\s*$/iu.test(
    before,
  )
}

/** True when `at` follows the date of birth `last` in a list: ", dhr. ", "; mw: ", " en ". */
function nextBirthInList(text: string, last: PersonalDataSpan | undefined, at: number): boolean {
  if (!last || at < last.end || at - last.end > 14) return false
  return /^[,;]?[ \t]*(?:(?:en|and)[ \t]+)?(?:\p{L}{1,6}\.?[ \t]*:?[ \t]*)?$/u.test(text.slice(last.end, at))
}

/** A two-digit year as a year of birth: in the past century when it is later than this year's. */
function fullYear(year: number, now: Date): number {
  return year + (year > now.getUTCFullYear() % 100 ? 1900 : 2000)
}

const nameToken = "\\p{Lu}[\\p{Ll}'’]+(?:-\\p{Lu}[\\p{Ll}'’]+)*"
const nameParticle = "(?:van|de|der|den|ten|ter|te|el|al|von|le|la|da|dos|'t|van der|van den|van de)"
const personName = `(?:\\p{Lu}\\.\\s?)*(?:(?:${nameParticle}|${nameParticle.replace(/\b([a-z])/g, (c) => c.toUpperCase())})\\s+)*${nameToken}(?:\\s+(?:${nameParticle}\\s+)*${nameToken})?`
const honorificName = new RegExp(
  `(?<![\\p{L}])(?:[Mm]evrouw|[Mm]eneer|[Mm]evr\\.|[Mm]w\\.|[Dd]hr\\.|[Dd]e heer|[Mm]r\\.|[Dd]r\\.|[Mm]ijn naam is|[Ii]k heet|[Gg]enaamd|[Hh]eet|t\\.n\\.v\\.|ten name van)\\s+(${personName})`,
  'gud',
)
const relationName = new RegExp(
  `(?<![\\p{L}])(?:dochter|zoon|moeder|vader|man|vrouw|echtgeno(?:o|)te?|buurvrouw|buurman|zus|zuster|broer|partner|kleinzoon|kleindochter|mantelzorger|vriendin|vriend|schoonzoon|schoondochter|nicht|neef|contactpersoon|casemanager|huisarts|wijkverpleegkundige)(?:,)?\\s+(${personName})`,
  'gud',
)
const initialsName = new RegExp(
  `(?<![\\p{L}.])((?:\\p{Lu}\\.){1,3}\\s?(?:${nameParticle}\\s+)*${nameToken})`,
  'gud',
)
const notNames = new Set([
  'Ze',
  'Zij',
  'Hij',
  'Het',
  'Die',
  'Dat',
  'Deze',
  'Er',
  'Ik',
  'Wij',
  'We',
  'Een',
  'Sinds',
  'Mevrouw',
  'Meneer',
  'Maar',
  'En',
  'Ook',
])

/** A word joined by a hyphen before the text's end ("hulshorstink-", "KORTEWIND-VAN "). */
const hyphenedBefore = /(?<![\p{L}\p{M}])(\p{L}[\p{L}\p{M}]*)-(?:(\p{L}[\p{L}\p{M}]*)[ \t]+)?$/u
/** A hyphen and a word at the text's start, or a hyphen, particles and a word ("-van Lieshoutsdonk"). */
const hyphenedAfter = /^-((?:\p{L}[\p{L}\p{M}]*[ \t]+){0,2})(\p{L}[\p{L}\p{M}]*)(?![\p{L}\p{M}])/u
/** The rest of a word broken by a hyphen at a line's end: "-⏎maker". */
const brokenWordAfter = /^-[ \t]*\r?\n[ \t]*\p{Ll}[\p{L}\p{M}]*(?![\p{L}\p{M}])/u
/** A handle's ending right after a lower-case name: ".x", "_93", ".official". */
const handleAfter = /^[._][\p{Ll}\d]{1,12}(?![\p{L}\p{N}]|[._][\p{L}\p{N}])/u
/** One word right before a name or a particle, and the space after it: "VAN ", "'T ", "de ". */
const particleBefore = /(?<![\p{L}\p{M}'])('?\p{L}+)[ \t]+$/u
/** Abbreviations written like initials ("i.o.m.", "z.s.m."), by their letters: no part of a name. */
const abbreviations: ReadonlySet<string> = new Set(
  'zsm iom ivm oa mbt tav tnv nav cq dwz mvg as ed bv miv tzt vlgs ca nb ps evt mn dd pm ie eg ok wo mw'.split(
    ' ',
  ),
)
/**
 * Initials right before a name, in any case: "e. ", "J.M. ", "m.", "J.-B. " (a double first name);
 * not a letter after a digit ("12u. Merel").
 */
const initialsBefore = /(?<![\p{L}\p{M}\p{N}.])(?:\p{L}\.(?:[ \t]|-)?){1,3}$/u

/**
 * Name spans grown to the whole name they stand in, then merged where they now overlap:
 * - the other part of a double surname joined by a hyphen ("hulshorstink-laurenssekerke" when
 *   only the second part was found, "Kortewind-van Lieshoutsdonk"), unless that part, or the
 *   span's own word next to it, is a Dutch word and no first name ("ex-", "Noord-", "-groep");
 * - the rest of a word broken over two lines ("Scheep-⏎maker") and a handle's ending
 *   ("shaquille.x");
 * - particles before the name when initials come before them or the first is capitalised
 *   ("R. VAN 'T ZANTVOORDE", "ouderling Van der Stouwenaar");
 * - initials right before it in any case ("e. wiegerinckhof"), but no abbreviation ("i.o.m.").
 */
function withWholeNames(text: string, spans: PersonalDataSpan[]): PersonalDataSpan[] {
  if (spans.length === 0) return spans
  const { words, firstNames } = lexicons()
  const aName = (word: string) => {
    const norm = normaliseWord(word)
    return !words.has(norm) || firstNames.has(norm)
  }
  const particle = (word: string) => nameParticles.has(normaliseWord(word))
  let changed = false
  const grown = spans.map((span) => {
    let { start, end } = span
    // Only a span whose own word on that side is no Dutch word grows ("GROEP" in "PASAR MALAM-GROEP" does not).
    const ownFirst = /^\p{L}[\p{L}\p{M}]*/u.exec(span.text)?.[0]
    const ownLast = /\p{L}[\p{L}\p{M}]*$/u.exec(span.text)?.[0]
    // Most spans have no hyphen near them: the patterns run only when one is there.
    const before = text.slice(Math.max(0, start - 12), start).includes('-')
      ? hyphenedBefore.exec(text.slice(Math.max(0, start - 40), start))
      : null
    if (
      before &&
      ownFirst !== undefined &&
      aName(ownFirst) &&
      (before[2] === undefined || particle(before[2])) &&
      aName(before[1]!) &&
      !particle(before[1]!)
    )
      start -= before[0].length
    const after = text[end] === '-' ? hyphenedAfter.exec(text.slice(end, end + 60)) : null
    if (
      after &&
      ownLast !== undefined &&
      aName(ownLast) &&
      after[1]!
        .trim()
        .split(/[ \t]+/)
        .filter(Boolean)
        .every(particle) &&
      aName(after[2]!) &&
      !particle(after[2]!)
    )
      end += after[0].length
    // A word broken over two lines ("Scheep-⏎maker"): the rest on the next line belongs to it.
    const broken = text[end] === '-' ? brokenWordAfter.exec(text.slice(end, end + 40)) : null
    if (broken) end += broken[0].length
    // A handle's ending ("shaquille.x:").
    const handle = span.text === span.text.toLowerCase() ? handleAfter.exec(text.slice(end, end + 16)) : null
    if (handle) end += handle[0].length
    // Particles before the name ("VAN 'T ZANTVOORDE", "w. de vriesinga-hommes"), when initials
    // come before them or the first is capitalised ("ouderling Van der Stouwenaar").
    // "'T ZANTVOORDE": the apostrophe of "'t" belongs to the name.
    let from = start > 0 && /['’]/.test(text[start - 1]!) && /^[tTsS] /.test(span.text) ? start - 1 : start
    for (let k = 0; k < 3; k++) {
      const word = particleBefore.exec(text.slice(Math.max(0, from - 8), from))
      if (!word || !particle(word[1]!.replace(/^['’]/, ''))) break
      from -= word[0].length
    }
    if (from < start) {
      const initialsThere = initialsBefore.test(text.slice(Math.max(0, from - 9), from))
      if (initialsThere || /^\p{Lu}/u.test(text[from]!)) start = from
    }
    const initials = initialsBefore.exec(text.slice(Math.max(0, start - 9), start))
    if (initials && !abbreviations.has(initials[0].replace(/[^\p{L}]/gu, '').toLowerCase()))
      start -= initials[0].length
    if (start === span.start && end === span.end) return span
    changed = true
    const found = text.slice(start, end)
    return { ...span, start, end, text: found, key: nameKey(found) }
  })
  // A grown span may now overlap its neighbour ("SOEKATMAWIDJOJO" and "-KROMODIKROMOWONGSO"): one name.
  return changed ? withOverlapsMerged(text, grown) : spans
}

/**
 * Name spans that overlap merged into one, the first's key for the whole. Its text and key are
 * made once per merged span, so a long run of them stays linear.
 */
function withOverlapsMerged(text: string, grown: PersonalDataSpan[]): PersonalDataSpan[] {
  grown.sort((a, b) => a.start - b.start || b.end - a.end)
  const groups: Array<{ first: PersonalDataSpan; end: number }> = []
  for (const span of grown) {
    const last = groups.at(-1)
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end)
    else groups.push({ first: span, end: span.end })
  }
  return groups.map(({ first, end }) => {
    if (end === first.end) return first
    const found = text.slice(first.start, end)
    return { ...first, end, text: found, key: nameKey(found) }
  })
}

/** The normal form of a name: lower case, no diacritics, no dots, single spaces ("Şahin" = "sahin"). */
export function nameKey(text: string): string {
  // The rules ask for the key of the same few names some 600 times per note: the last answers are
  // kept (short texts only, at most 4,096 of them).
  let key = nameKeys.get(text)
  if (key === undefined) {
    key = text
      .split(/[\s.]+/)
      .filter(Boolean)
      .map(normaliseWord)
      .join(' ')
    if (text.length <= 80) {
      if (nameKeys.size >= 4096) nameKeys.clear()
      nameKeys.set(text, key)
    }
  }
  return key
}
const nameKeys = new Map<string, string>()

/** The rules' names; `unchecked` leaves the filters of what is no person to `addModelNames`. */
function findNamesInContext(text: string, unchecked = false): PersonalDataSpan[] {
  const spans = unchecked ? findNamesUnchecked(text) : findNames(text)
  return spans.map((span) => ({ kind: 'NAAM' as const, ...span, key: nameKey(span.text) }))
}

function findNamedPeople(text: string): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = []
  for (const pattern of [honorificName, relationName, initialsName]) {
    for (const match of text.matchAll(pattern)) {
      const [start, end] = match.indices![1]!
      const found = text.slice(start, end)
      if (notNames.has(found.split(/\s+/)[0]!)) continue
      spans.push({ kind: 'NAAM', start, end, text: found, key: nameKey(found) })
    }
  }
  return spans
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The normal form of a value of `kind`, used to give equal values the same placeholder. */
export function normaliseValue(kind: PersonalDataKind, text: string): string {
  switch (kind) {
    case 'TELEFOON':
      return phoneKey(text)
    case 'BSN':
      return text.replace(/\D/g, '').padStart(9, '0')
    case 'IBAN':
    case 'POSTCODE':
      return text.replace(/\s/g, '').toUpperCase()
    case 'GEBOORTEDATUM': {
      const found = findBirthDates(`geboren ${text}`, new Date())[0]
      return found ? found.key : text.trim().toLowerCase()
    }
    case 'NAAM':
      return nameKey(text)
    default:
      return text.trim().toLowerCase().replace(/\s+/g, ' ')
  }
}

const knownPatterns = new Map<string, RegExp>()

/** The search pattern for a known value; the last few hundred are kept, a run reuses them per field. */
function knownPattern(value: string): RegExp {
  let pattern = knownPatterns.get(value)
  if (!pattern) {
    pattern = new RegExp(escapeRegExp(value).replace(/\s+/g, '\\s+'), 'gi')
    if (knownPatterns.size >= 512) knownPatterns.clear()
    knownPatterns.set(value, pattern)
  }
  return pattern
}

function findKnown(text: string, known: readonly KnownValue[]): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = []
  for (const value of known) {
    const trimmed = value.text.trim()
    if (trimmed.length < 2) continue
    // Without the `u` flag and without Unicode classes the pattern compiles in microseconds; the
    // word boundaries are checked with one precompiled pattern.
    for (const match of text.matchAll(knownPattern(trimmed))) {
      const before = text[match.index - 1]
      const after = text[match.index + match[0].length]
      if ((before && letterOrDigit.test(before)) || (after && letterOrDigit.test(after))) continue
      spans.push({
        kind: value.kind,
        start: match.index,
        end: match.index + match[0].length,
        text: match[0],
        key: normaliseValue(value.kind, match[0]),
      })
    }
  }
  return spans
}

/**
 * The name model's thresholds, chosen by cross-validation on the hand-written sets (see
 * docs/privacy-and-ai.md, "The name model"): a word the rules passed over becomes a name from
 * `add`; a name the rules found is dropped only when the model gives each of its words less than
 * `keep`; a word named elsewhere in the note is a name from `again` (1 or more: never).
 */
export const nameModelThresholds = { add: 0.5, keep: 0.2, again: 0.05 } as const

// A title right before a name ("Mw. lardinoix", "dokter van hoezel", "diaken Bos"), an age in brackets right after it ("Emal (3)") or a
// sign-off before it ("Pozdrawiam, Aga"): the rules' surest signs of a person, which the model's
// doubt does not overrule.
const titleBefore =
  /(?:^|[^\p{L}])(?:mw|mevr|mevrouw|dhr|meneer|mr|dr|drs|dokter|docter|doctor|prof|ds|pastoor|dominee|predikant|diaken|kapelaan|pater|rabbijn|pandit|pasteur|reverend|juf)\.?[ \t]*$/iu
const ageAfter = /^[ \t]*\((?:\d{1,3}|\d{1,3}[ \t]*(?:jr|jaar|j|mnd|maanden))\)/u

function announcedPerson(text: string, span: { start: number; end: number }): boolean {
  return (
    titleBefore.test(text.slice(Math.max(0, span.start - 12), span.start)) ||
    ageAfter.test(text.slice(span.end, span.end + 16)) ||
    signedOffBefore(text, span.start) ||
    listedPresentAt(text, span.start) ||
    quotedBeforePersonVerb(text, span.start, span.end)
  )
}

/**
 * "F. Bremweerd – val gehad⏎K. Donkkate – schuldhulp loopt⏎Wardah Mansoor – man terug": in a list
 * whose lines open with a name before a dash (also after an item's number, "2. Valdirene – …"),
 * three lines or more, each such name is a person.
 */
function namesListedBeforeDashes(text: string, names: readonly PersonalDataSpan[]): Set<PersonalDataSpan> {
  const listed = new Set<PersonalDataSpan>()
  for (const span of names)
    if (
      (span.start === 0 ||
        /(?:^|\n)[ \t]*(?:\d{1,2}[.)][ \t]+)?$/.test(text.slice(Math.max(0, span.start - 12), span.start))) &&
      /^[ \t]*[–—-][ \t]/.test(text.slice(span.end, span.end + 4))
    )
      listed.add(span)
  return listed.size >= 3 ? listed : new Set()
}

// A line that opens with one capitalised word before a dash: "Kolfschotel – huur betaald".
const wordBeforeDash = /(?:^|\n)[ \t]*(?:\d{1,2}[.)][ \t]+)?(\p{Lu}[\p{Ll}'-]{2,})[ \t]*[–—-][ \t]/gu

/**
 * "Kolfschotel – huur betaald⏎M. de Snoo-Veltstrik – …⏎T. Ouwejanse – …": in a list whose lines
 * open with a name before a dash (three lines or more, see {@link namesListedBeforeDashes}), a line
 * that opens with one capitalised word before the dash names a person too, when no word, place or
 * organisation list knows the word ("Actie – bellen" stays).
 */
function withListedNames(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  if (namesListedBeforeDashes(text, names).size === 0) return names
  const { words, places, nonPersons } = lexicons()
  const found: Array<readonly [number, string]> = []
  for (const m of text.matchAll(wordBeforeDash)) {
    const norm = normaliseWord(m[1]!)
    if (words.has(norm) || places.has(norm) || nonPersons.has(norm)) continue
    found.push([m.index + m[0].indexOf(m[1]!), m[1]!])
  }
  return found.length === 0 ? names : mergeNames(names, found)
}

/**
 * The name model's second opinion on the rules' names: words the rules passed over that the model
 * finds likely names (probability ≥ `add`) and no other span covers are added, neighbours
 * joined by a space or hyphen into one name ("Maaikje Ummels"). Not added: a particle on its own
 * ("MW VAN THUISZORG"), a word in a table column of places. A name the rules found is dropped
 * only when the model gives each of its words less than `keep` (0 keeps them all), and never
 * after a title or before an age in brackets. Where the
 * same word is named elsewhere in the note, `again` is enough.
 */
export function addModelNames(
  text: string,
  names: readonly PersonalDataSpan[],
  others: readonly PersonalDataSpan[],
  model: NameModel,
  { add, keep, again = 1 }: { add: number; keep: number; again?: number } = nameModelThresholds,
): PersonalDataSpan[] {
  const tokens = scoreTokens(text, model)
  let kept: readonly PersonalDataSpan[] = names
  if (keep > 0) {
    // The most likely word of each name (spans and words both in text order: one pass).
    const best = new Map<PersonalDataSpan, number>()
    let i = 0
    const inOrder = names.every((span, k) => k === 0 || names[k - 1]!.start <= span.start)
    for (const span of inOrder ? names : [...names].sort((a, b) => a.start - b.start)) {
      while (i < tokens.length && tokens[i]!.start < span.start) i++
      let max = -1
      for (let j = i; j < tokens.length && tokens[j]!.end <= span.end; j++) max = Math.max(max, tokens[j]!.p)
      best.set(span, max)
    }
    const listed = namesListedBeforeDashes(text, names)
    const unlikely = (span: PersonalDataSpan) =>
      best.get(span)! >= 0 && best.get(span)! < keep && !announcedPerson(text, span) && !listed.has(span)
    // A word that stays a name elsewhere in the text is not left standing here ("Vattenfall" is
    // kept where "Ans Vattenfall" is replaced).
    const named = new Set(names.filter((span) => !unlikely(span)).flatMap((span) => span.key.split(' ')))
    kept = names.filter((span) => !unlikely(span) || span.key.split(' ').some((word) => named.has(word)))
  }
  const taken = new Uint8Array(text.length)
  for (const span of others) taken.fill(1, span.start, span.end)
  for (const span of kept) taken.fill(2, span.start, span.end)
  const free = (start: number, end: number) => {
    for (let i = start; i < end; i++) if (taken[i]) return false
    return true
  }
  const joined = (a: number, b: number) => /^[ -]$/.test(text.slice(a, b))
  // "Webex-sessie", "Teams-overleg": a capitalised word hyphened to a lower-case word (no
  // particle: "Jansen-de Boer") is the first part of a compound noun.
  const compoundHead = (token: (typeof tokens)[number]) => {
    const m = /^-(\p{Ll}{4,})(?![\p{L}-])/u.exec(text.slice(token.end, token.end + 40))
    return m !== null && !nameParticles.has(m[1]!) && text[token.start] !== text[token.start]!.toLowerCase()
  }
  // A place that no name list knows, after a comma or in brackets at the end of a line or sentence,
  // says where someone lives: the model adds no name there ("dhr. Wolter Nijenhuis, Groenlo.",
  // "mw. Schra (Vollenhove)").
  const whereFrom = (token: (typeof tokens)[number]) =>
    /[,(][ \t]*$/.test(text.slice(Math.max(0, token.start - 3), token.start)) &&
    /^[ \t]*(?:[.)\n]|$)/.test(text.slice(token.end, token.end + 3)) &&
    placeOnly(token.norm)
  // "Vergadering 12 Mei": a month after the number of a day is a date.
  const monthOfDate = (token: (typeof tokens)[number]) =>
    months[token.norm] !== undefined &&
    /(?<![\p{N}])(?:[1-9]|[12]\d|3[01])[ \t]+$/u.test(text.slice(Math.max(0, token.start - 4), token.start))
  // A word the note writes as a town elsewhere (after a postcode, in a column of places) is that town.
  const towns = townsOfNote(text)
  const likely = tokens.map(
    (token) =>
      token.p >= add &&
      free(token.start, token.end) &&
      !compoundHead(token) &&
      !whereFrom(token) &&
      !serviceAbbreviation(text.slice(token.start, token.end)) &&
      !monthOfDate(token) &&
      !towns.has(token.norm) &&
      // "Frans en Wolof door elkaar": a language is never a person.
      !isLanguageName(token.norm),
  )
  // Where the nearest words make an organisation ("Tolkcentrum Sabir", "kerk Medhane Alem",
  // "Davelaar Incasso") or a thing ("Seroquel 25mg", "Willem II"), the model adds no name; nor the
  // word for the kind of organisation itself ("Notarissen Oldebroekhuis").
  for (let i = 0; i < tokens.length; i++) {
    if (!likely[i]) continue
    const next = tokens[i + 1]
    if (
      organisationNameAt(text, tokens[i]!.start) ||
      thingAt(text, tokens[i]!.start) ||
      (next && joined(tokens[i]!.end, next.start) && afterOrganisationWord(text, next.start))
    )
      likely[i] = false
  }
  // One word, one reading within a note: a word named elsewhere in it (by the model or the rules)
  // is a name here too where the model finds it somewhat likely ("jorritske: doe ik"), not where it
  // reads as a word ("[Storm] belde" and "de storm buiten").
  const extra: Array<[number, number]> = []
  if (again < 1) {
    const namedWords = new Set<string>()
    for (let i = 0; i < tokens.length; i++) if (likely[i]) namedWords.add(tokens[i]!.norm)
    for (const span of kept) for (const word of span.key.split(' ')) namedWords.add(word)
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!
      if (
        !likely[i] &&
        token.p >= again &&
        namedWords.has(token.norm) &&
        !nameParticles.has(token.norm) &&
        // "de storm buiten", "een roos": a Dutch word in lower case keeps its own reading.
        !(text[token.start] === text[token.start]!.toLowerCase() && lexicons().words.has(token.norm)) &&
        free(token.start, token.end) &&
        !organisationNameAt(text, token.start) &&
        !thingAt(text, token.start) &&
        !whereFrom(token)
      )
        likely[i] = true
    }
    // The model does not judge a lower-case word that splits into Dutch words ("pronkhorst"); named
    // elsewhere in the note, it is a name here too, unless it is a Dutch word itself.
    const judged = new Set(tokens.map((token) => token.start))
    for (const word of wordsOfText(text)) {
      if (
        !judged.has(word.start) &&
        word.shape === 'lower' &&
        word.norm.length >= 4 &&
        namedWords.has(word.norm) &&
        !nameParticles.has(word.norm) &&
        !lexicons().words.has(word.norm) &&
        free(word.start, word.end)
      )
        extra.push([word.start, word.end])
    }
  }
  const ranges: Array<[number, number]> = []
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (!likely[i]) continue
    // A particle ("VAN", "de") only as part of a name: the word after it is one too.
    if (nameParticles.has(token.norm)) {
      const next = tokens[i + 1]
      if (!next || !joined(token.end, next.start) || !(likely[i + 1] || taken[next.start] === 2)) continue
    }
    const last = ranges.at(-1)
    if (last && joined(last[1], token.start)) last[1] = token.end
    else ranges.push([token.start, token.end])
  }
  const added = outsidePlaceColumns(
    text,
    [...ranges, ...extra].map(([start, end]): PersonalDataSpan => {
      const found = text.slice(start, end)
      return { kind: 'NAAM', start, end, text: found, key: nameKey(found) }
    }),
  )
  const all = added.length === 0 ? [...kept] : [...kept, ...added].sort((a, b) => a.start - b.start)
  const named = withLowerDoubleSurnames(text, withLowerSurnames(text, all, taken), taken)
  return withoutNonPersons(text, named)
}

/**
 * "bellen met ilse zeggerboom", "bij gijs van de reinsveld": in lower case the surname after a
 * first name found as a name is often a compound of Dutch words, which the model does not judge.
 * A name that ends in a first name is extended over the particles and the surname that follow
 * when the word is shaped as one ({@link lowerSurnameShaped}).
 */
function withLowerSurnames(text: string, names: PersonalDataSpan[], taken: Uint8Array): PersonalDataSpan[] {
  const after =
    /^((?:[ \t]+(?:van|de|der|den|ter|ten|te|'t|vd|v\.d\.))*)[ \t]+(\p{Ll}[\p{Ll}'’]{2,})(?![\p{L}\p{N}'’-])/u
  const out = names.map((span, k) => {
    if (span.kind !== 'NAAM' || span.text !== span.text.toLowerCase()) return span
    const last = /\p{L}+$/u.exec(span.text)
    if (!last || !lexicons().firstNames.has(normaliseWord(last[0]))) return span
    const m = after.exec(text.slice(span.end, span.end + 60))
    if (!m) return span
    // "vd" and "v.d." are two particles ("van de").
    const particles =
      m[1]!.trim() === ''
        ? 0
        : m[1]!
            .trim()
            .replace(/^v\.?d\.?$/, 'van de')
            .split(/[ \t]+/).length
    if (!lowerSurnameShaped(normaliseWord(m[2]!), particles)) return span
    let end = span.end + m[0].length
    for (let i = span.end; i < end; i++) if (taken[i] === 1) return span
    // "jan" before "harm veenoordkamp": a name the surname opens joins this one (names are in text
    // order: only the next ones can).
    for (let j = k + 1; j < names.length && names[j]!.start < end; j++) end = Math.max(end, names[j]!.end)
    return extendedTo(text, span, end)
  })
  return withoutCovered(out)
}

function extendedTo(text: string, span: PersonalDataSpan, end: number): PersonalDataSpan {
  const found = text.slice(span.start, end)
  return { ...span, end, text: found, key: nameKey(found) }
}

/** The names less those inside an earlier one that was extended over them (names in text order). */
function withoutCovered(names: PersonalDataSpan[]): PersonalDataSpan[] {
  let reach = -1
  return names.filter((span) => {
    if (span.end <= reach) return false
    reach = Math.max(reach, span.end)
    return true
  })
}

/**
 * "truustsje van der lubbe-haarhuis", "hennechien brouwersteeg-snijderink": in a quick note in lower
 * case, a hyphened pair of words right after a name (past particles) is its double surname when
 * one of the two is no Dutch word; the name is extended over it.
 */
function withLowerDoubleSurnames(
  text: string,
  names: PersonalDataSpan[],
  taken: Uint8Array,
): PersonalDataSpan[] {
  const after =
    /^((?:[ \t]+(?:van|de|der|den|ter|ten|te|het|'t))*[ \t]+)(\p{Ll}{3,})-(\p{Ll}{3,})(?![\p{L}-])/u
  const { words } = lexicons()
  const out = names.map((span) => {
    if (span.kind !== 'NAAM') return span
    const m = after.exec(text.slice(span.end, span.end + 60))
    if (!m) return span
    const [, gap, a, b] = m
    if (words.has(normaliseWord(a!)) && words.has(normaliseWord(b!))) return span
    const end = span.end + m[0].length
    for (let i = span.end + gap!.length; i < end; i++) if (taken[i] === 1) return span
    return extendedTo(text, span, end)
  })
  // A name found inside the extended one ("lubbe") is part of it now.
  return withoutCovered(out)
}

/**
 * "Moskee Minhaj-ul-Quran": a name that starts right after a hyphen joined to a word that is no
 * name is the tail of a compound (an organisation's, a place's), not a person of its own. Names are
 * in text order.
 */
function withoutCompoundTails(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  let previousEnd = -1
  return names.filter((span) => {
    let tail = false
    if (span.kind === 'NAAM' && text[span.start - 1] === '-' && previousEnd < span.start - 1) {
      // The words joined by hyphens before the name ("Minhaj-ul-"); a chain that opens with a
      // particle is a name's own ("ghaith al-masri").
      const chain = /(\p{L}+)(?:-\p{L}+)*-$/u.exec(text.slice(Math.max(0, span.start - 60), span.start))
      // Letters spelled out ("H-Y-L-K-J-E") are no compound.
      tail = chain !== null && chain[1]!.length >= 3 && !nameParticles.has(normaliseWord(chain[1]!))
    }
    if (!tail) previousEnd = span.end
    return !tail
  })
}

/** Options for {@link findPersonalData}. */
export interface FindOptions {
  /** Values from structured fields (names, an address) to find literally, case-insensitive. */
  known?: readonly KnownValue[]
  /** Which kinds to look for with the pattern detectors; all by default. */
  kinds?: readonly PersonalDataKind[]
  /** "Now", for telling a date of birth from a recent date. */
  now?: Date
  /**
   * How names are found in free text. `context` (default): name lexicons plus context
   * (capitalisation, titles, family and job words, greetings, signatures). `titles`: only names
   * right after a title, a family word or initials, as before the lexicons existed (kept for
   * comparison in the benchmark; far lower recall). `rules`: the context rules without the name
   * model's second opinion (for comparison).
   */
  names?: 'context' | 'rules' | 'titles'
  /**
   * Words and names that are never a person here, e.g. the organisations a team works with
   * ("Vattenfall", "Albert Heijn", "Ymere"). A name the detectors find is kept when it is one of
   * these, or made only of them. Values from `known` are replaced regardless.
   */
  notNames?: readonly string[]
}

/**
 * Finds personal data in a text: the values known from structured fields, and BSNs (11-check),
 * phone numbers, e-mail addresses, IBANs (mod-97), postcodes, street addresses, dates of birth
 * and people's names (lexicons of first names and surnames combined with context: see `names.ts`).
 * Returns non-overlapping spans in text order.
 *
 * @example
 * findPersonalData('Bel 06-12345678').map((s) => s.kind) // ['TELEFOON']
 */
export function findPersonalData(text: string, options: FindOptions = {}): PersonalDataSpan[] {
  const kinds = new Set(options.kinds ?? personalDataKinds)
  const candidates: PersonalDataSpan[] = [...findKnown(text, options.known ?? [])]
  if (kinds.has('EMAIL')) candidates.push(...findEmails(text))
  if (kinds.has('IBAN')) candidates.push(...findIbans(text))
  if (kinds.has('TELEFOON')) candidates.push(...findPhones(text))
  if (kinds.has('BSN')) candidates.push(...findBsns(text))
  if (kinds.has('POSTCODE')) candidates.push(...findPostcodes(text))
  if (kinds.has('GEBOORTEDATUM'))
    for (const date of findBirthDates(withOcrDigits(text), options.now ?? new Date()))
      candidates.push({ ...date, text: text.slice(date.start, date.end) })
  if (kinds.has('ADRES'))
    for (const address of findAddresses(withOcrDigits(text)))
      candidates.push({ ...address, text: text.slice(address.start, address.end) })
  if (kinds.has('NAAM')) {
    // Names are read with OCR's digits in words as the letters they stand for ("Vermeu1en").
    const read = withOcrLetters(text)
    const model = (options.names ?? 'context') === 'context' ? nameModel() : null
    let names = options.names === 'titles' ? findNamedPeople(read) : findNamesInContext(read, model !== null)
    if (model) names = addModelNames(read, names, candidates, model)
    // A street of an address found in the note is no name elsewhere in it.
    names = withoutStreetNames(
      read,
      names,
      candidates.filter((span) => span.kind === 'ADRES').map((span) => read.slice(span.start, span.end)),
    )
    names = withWholeNames(read, names)
    if (options.names !== 'titles') names = withListHeads(read, names)
    names = withSpelledNames(read, names)
    names = withNameEndings(read, names)
    names = withParticleSurnames(read, names)
    names = withRoleInBrackets(read, names)
    names = withListedAfterNames(read, names)
    names = withThankedNames(read, names)
    names = withNicknames(read, names)
    names = withSignatureInitials(read, names)
    names = withClosingInitials(read, names)
    names = withOtherScriptNames(read, names)
    names = withPairedNames(read, names)
    names = withNamesBeside(read, names)
    names = withHandlesAndCalledNames(read, names)
    if (options.names !== 'titles') names = withChatSpeakers(read, names)
    names = withoutCompoundTails(read, names)
    names = withoutCurrencies(read, names)
    names = withoutTownsAndDistricts(read, names)
    names = withoutPlacesAfterNames(names)
    // Also the names the model added: "Venray-Brukske" is judged word by word there.
    if (options.names !== 'titles')
      names = withoutOrganisationCompounds(read, withoutHyphenedPlaces(read, names))
    // After those: initials a legend maps to a name are a name, also where they read as a particle
    // ("T. = Toontje", "AL = Anton Lambooijs") or lie in a hyphened place.
    if (options.names !== 'titles') names = withLegendInitials(read, names)
    names = withWholeHandles(read, names)
    names = withMarkingInitials(read, names)
    names = withListedNames(read, names)
    if (options.names !== 'titles') names = withSurnameFirst(read, names)
    // Late: names a cue makes sure of stay, whatever the readings above made of their words.
    names = withNamesByCue(read, names)
    // Initials for a person, with the rules (the titles-only reading stays as it was before them).
    if (options.names !== 'titles')
      names = withInitialsOfNames(read, names, (start, end) => {
        const found = read.slice(start, end)
        return { kind: 'NAAM', start, end, text: found, key: nameKey(found) }
      })
    const keep = options.notNames?.length ? new Set(options.notNames.map(nameKey)) : undefined
    for (const span of names) {
      if (keep && (keep.has(span.key) || span.key.split(' ').every((part) => keep.has(part)))) continue
      candidates.push(read === text ? span : { ...span, text: text.slice(span.start, span.end) })
    }
  }
  candidates.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start))
  const chosen: PersonalDataSpan[] = []
  let reached = 0
  for (const span of candidates) {
    if (span.start < reached) continue
    chosen.push(span)
    reached = span.end
  }
  return chosen
}

// A nickname in quotes in brackets right after a name: `Eelkje Ypeysma ("Eel")`, `Ferry ('de Muis')`.
const nicknameAfter =
  /^[ \t]*\([ \t]*["'“‘„](?:(?:de|het|ome|oom|tante|opa|oma)[ \t]+)?(\p{Lu}[\p{L}-]{1,20}(?:[ \t]\p{Lu}[\p{L}-]{1,20})?)["'”’“][ \t]*\)/u

// Lower-case initials and a surname that sign a message after a closing greeting: "gr g. tolsmeer",
// "groetjes, j. de wit", up to the end of the line.
const signedInitials =
  /(?<![\p{L}])(?:gr|groet|groetjes|groeten|mvg|vgr)\.?,?[ \t]+((?:\p{Ll}\.[ \t]?){1,3}(?:(?:van|de|der|den|ter|ten|vd)[ \t]+){0,3}\p{Ll}{3,20}(?:-\p{Ll}{3,20})?)[ \t]*(?=$|\n|[.(])/gmu

/**
 * The names with those found by a reading of their own form added, each `[start, text]`. One that
 * overlaps a name found already is left out; with `replaceParts`, names lying wholly inside it
 * give way to it instead ("bolhuis" of "femke.bolhuis").
 */
function mergeNames(
  names: PersonalDataSpan[],
  found: Iterable<readonly [number, string]>,
  replaceParts = false,
): PersonalDataSpan[] {
  let added: PersonalDataSpan[] | undefined
  let inside: Set<PersonalDataSpan> | undefined
  // The names by start, with the furthest end up to each: the names overlapping a found one are
  // found by a binary search and a short walk back (many found names cost no more than a few).
  let byStart: PersonalDataSpan[] | undefined
  let furthest: number[] | undefined
  let addedMask: Uint8Array | undefined
  const overlappingNames = (start: number, end: number) => {
    byStart ??= [...names].sort((a, b) => a.start - b.start)
    if (!furthest) {
      furthest = []
      let max = -1
      for (const span of byStart) {
        max = Math.max(max, span.end)
        furthest.push(max)
      }
    }
    let low = 0
    let high = byStart.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (byStart[middle]!.start < end) low = middle + 1
      else high = middle
    }
    const overlapping: PersonalDataSpan[] = []
    for (let k = low - 1; k >= 0 && furthest[k]! > start; k--)
      if (byStart[k]!.end > start) overlapping.push(byStart[k]!)
    return overlapping
  }
  for (const [start, text] of found) {
    const end = start + text.length
    const overlapping = overlappingNames(start, end)
    if (overlapping.length > 0 && (!replaceParts || overlapping.some((o) => o.start < start || o.end > end)))
      continue
    if (addedMask?.subarray(start, end).includes(1)) continue
    if (!addedMask || addedMask.length < end) {
      const grown = new Uint8Array(end * 2)
      if (addedMask) grown.set(addedMask)
      addedMask = grown
    }
    addedMask.fill(1, start, end)
    if (overlapping.length > 0) {
      inside ??= new Set()
      for (const part of overlapping) inside.add(part)
    }
    added ??= []
    added.push({ kind: 'NAAM', start, end, text, key: nameKey(text) })
  }
  if (!added) return names
  const kept = inside ? names.filter((span) => !inside!.has(span)) : names
  return [...kept, ...added].sort((a, b) => a.start - b.start)
}

/**
 * The names without a currency before an amount ("Afl. 340", "NAf 1.150"): "Elmar Afl. 340" is a
 * bill of Elmar (the power company of Aruba) and "Afl" no one's surname.
 */
function withoutCurrencies(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  let changed = false
  const kept: PersonalDataSpan[] = []
  for (const span of names) {
    const last = /(?:^|[ \t])(\p{L}+)$/u.exec(span.text)
    if (
      !last ||
      !currencyWords.has(normaliseWord(last[1]!)) ||
      !/^\.?[ \t]?\d/.test(text.slice(span.end, span.end + 3))
    ) {
      kept.push(span)
      continue
    }
    changed = true
    const rest = span.text.slice(0, last.index).trimEnd()
    if (rest) kept.push({ ...span, end: span.start + rest.length, text: rest, key: nameKey(rest) })
  }
  return changed ? kept : names
}

/**
 * The names without a town and its district closing a line after a comma ("…, BSN 387716853,
 * Middelburg Dauwendaele"): two capitalised words, the first a place, neither a first name (a
 * list of "surname first name" stays: "…, Middelburg Jan").
 */
function withoutTownsAndDistricts(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  const kept = names.filter((span) => {
    const words = /^(\p{Lu}\p{L}+)[ \t](\p{Lu}\p{L}+)$/u.exec(span.text)
    return (
      !words ||
      !/,[ \t]*$/.test(text.slice(Math.max(0, span.start - 3), span.start)) ||
      !/^[ \t]*(?:\n|$)/.test(text.slice(span.end, span.end + 3)) ||
      !townAndDistrict(normaliseWord(words[1]!), normaliseWord(words[2]!))
    )
  })
  return kept.length === names.length ? names : kept
}

/**
 * The names without a place they run on into after "in", "uit" or "naar", as a note in capitals
 * reads ("DOCHTER ELLA KOOPMANSHOEK IN BEVERWIJK", "BROER GERRIT-JAN BOERSTRIK UUT DEVENTER"): the
 * name ends before the preposition when the place list knows the word after it.
 */
function withoutPlacesAfterNames(names: PersonalDataSpan[]): PersonalDataSpan[] {
  let changed = false
  const kept = names.map((span) => {
    const end = /[ \t]+(?:in|uit|uut|naar|IN|UIT|UUT|NAAR)[ \t]+(\p{L}+)$/u.exec(span.text)
    if (!end || !lexicons().places.has(normaliseWord(end[1]!))) return span
    const rest = span.text.slice(0, end.index)
    if (!/\p{L}/u.test(rest)) return span
    changed = true
    return { ...span, end: span.start + rest.length, text: rest, key: nameKey(rest) }
  })
  return changed ? kept : names
}

function townAndDistrict(first: string, second: string): boolean {
  const { places, firstNames } = lexicons()
  return places.has(first) && !firstNames.has(first) && !firstNames.has(second)
}

/**
 * The names grown to the handle they stand in, joined by underscores ("xx_djaylin:", "sem_dijk_07"):
 * the handle names the person whole.
 */
function withWholeHandles(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  if (!text.includes('_')) return names
  const handleChar = /[\p{L}\p{N}_]/u
  let changed = false
  const grown = names.map((span) => {
    if (text[span.start - 1] !== '_' && text[span.end] !== '_') return span
    let start = span.start
    let end = span.end
    while (start > 0 && handleChar.test(text[start - 1]!)) start--
    while (end < text.length && handleChar.test(text[end]!)) end++
    changed = true
    const found = text.slice(start, end)
    return { ...span, start, end, text: found, key: nameKey(found) }
  })
  return changed ? withoutCovered(grown) : names
}

// Initials with the small letters of a particle, as staff sign or mark their part of a note:
// "JWvO", "MvE", "RdJ", "GtB", "HvdW".
// (The look-behind follows the first capital, which V8 finds faster; most notes have no small
// "v", "d" or "t" before a capital at all, and are not read further.)
const particleInitials = /\p{Lu}(?<![\p{L}\p{N}]\p{Lu})\p{Lu}{0,2}(?:v|vd|d|t)\p{Lu}\p{Ll}?(?![\p{L}\p{N}])/gu
const particleBeforeCapital = /[vdt]\p{Lu}/u
// Organisations and offices written the same way: the Hogeschool and the Universiteit van
// Amsterdam, a Vereniging van Eigenaars, the Officier van Justitie, the Raad voor de
// Kinderbescherming, the Kamer van Koophandel, boards (Raad van Bestuur, van Toezicht, van State,
// van Commissarissen), the Memorie van Toelichting, the Onderzoeksraad voor Veiligheid, parties.
const initialsOfOffices = new Set([
  'hva',
  'uva',
  'vve',
  'ovj',
  'rvdk',
  'kvk',
  'rvb',
  'rvt',
  'rvs',
  'rvc',
  'mvt',
  'ovv',
  'pvda',
  'pvdd',
  'cvdk',
  'rvdr',
  'ovdj',
])
// Two or three capitals (and a small letter) after "paraaf", "notulist" or a shift ("Late dienst
// (TB / …)", "Nachtdienst (JK)", "paraaf RDw"), and two or three small letters after a closing
// greeting at the end of a line ("gr wb").
// (Each cue is matched before the look-behind that no letter comes before it, as above.)
const initialsAfterCue =
  /(?<cue>[Pp]araaf|PARAAF|[Nn]otulist|(?:[Vv]roege|[Ll]ate|[Aa]vond|[Nn]acht|[Dd]ag|[Oo]chtend|[Mm]iddag|[Ww]eekend)[ \t-]?dienst)(?<![\p{L}]\k<cue>)[ \t]*(?:\p{Ll}+[ \t]*)?[:(]?[ \t]*(?<capitals>\p{Lu}{2,3}\p{Ll}?)(?=[ \t]*(?:[.,;)/]|\n|$))|(?<greeting>gr|groet|groeten|groetjes|mvg)(?<![\p{L}]\k<greeting>)\.?,?[ \t]+(?<small>\p{Ll}{2,3})[ \t]*$/dgmu

/**
 * The names with the initials that sign or mark a part of a note: initials with a particle's small
 * letters anywhere ("Paraaf teamleider: JWvO", "Verslag HdF"), except those of offices
 * ({@link initialsOfOffices}); plain initials only after a word that asks for them ("Nachtdienst
 * (JK)", "gr wb"), in small letters never a Dutch word or a first name.
 */
function withMarkingInitials(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  const found: Array<readonly [number, string]> = []
  if (particleBeforeCapital.test(text))
    for (const m of text.matchAll(particleInitials))
      if (!initialsOfOffices.has(m[0].toLowerCase())) found.push([m.index, m[0]])
  for (const m of text.matchAll(initialsAfterCue)) {
    const group = m.groups!.capitals !== undefined ? 'capitals' : 'small'
    const initials = m.groups![group]!
    const norm = normaliseWord(initials)
    // In small letters after a greeting, no word ("gr ok"); in capitals the cue is enough ("TB" is
    // also a word).
    if (
      group === 'small' &&
      (lexicons().words.has(norm) || lexicons().firstNames.has(norm) || /^(?:ok|ff|xx)$/.test(norm))
    )
      continue
    found.push([m.indices!.groups![group]![0], initials])
  }
  return found.length === 0 ? names : mergeNames(names, found)
}

// Initials alone that sign a note on its last line, after a dash, after the last sentence or alone
// on the line: "— V.S.", "—HK", "– A.v.B.", "… Het Lorentz Lyceum. HW", "⏎dvH", "— JT]".
const closingInitials =
  /(?:(?<dash>(?:^|\n|[.!?])[ \t]*[—–-][ \t]*)|[.!?][ \t]+|\n[ \t]*)(?<initials>(?:\p{Lu}\.(?:\p{Ll}{1,2}\.)?){2,3}|\p{Lu}\.|\p{Lu}{2,3}(?![\p{L}.])|(?:\p{Lu}|[dtv])\p{Ll}{0,2}\p{Lu}(?:\p{Ll}{1,2}\p{Lu})?(?![\p{L}.]))[)\]"”]?\s*$/du

// Letters that end a note and sign nothing ("NB", "PS", "TBC").
const closingWords = new Set([
  'nb',
  'ps',
  'pm',
  'am',
  'ok',
  'ff',
  'tbc',
  'tbd',
  'nvt',
  'wvttk',
  'eod',
  'asap',
])

/**
 * The names with initials that sign the note at its end ({@link closingInitials}); not those of an
 * office, an organisation or an abbreviation ("— GGD"), nor capitals that are a word ("OK").
 */
function withClosingInitials(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  const from = Math.max(0, text.length - 40)
  const m = closingInitials.exec(text.slice(from))
  const found: Array<readonly [number, string]> = []
  if (m && signingInitials(m)) found.push([from + m.indices!.groups!.initials![0], m.groups!.initials!])
  // "Cliënte: … Thank you. Y.H." on more than one line: in a chat or an exchange of text messages,
  // the same initials closing two messages or more sign each of them.
  if (text.includes('\n')) {
    const byInitials = new Map<string, Array<readonly [number, string]>>()
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', end + 1)) {
      const start = Math.max(0, end - 40)
      const line = closingInitials.exec(text.slice(start, end))
      if (!line || !signingInitials(line)) continue
      const initials = line.groups!.initials!
      const list = byInitials.get(initials) ?? []
      list.push([start + line.indices!.groups!.initials![0], initials])
      byInitials.set(initials, list)
    }
    const last = found[0]
    for (const list of byInitials.values())
      if (list.length + (last?.[1] === list[0]![1] ? 1 : 0) >= 2) found.push(...list)
  }
  // Whole: a part the other readings found ("H.W" of "H.W.C.") gives way.
  return found.length === 0 ? names : mergeNames(names, found, true)
}

/** Whether closing initials sign a person: not an office, an abbreviation or a word ({@link closingInitials}). */
function signingInitials(m: RegExpExecArray): boolean {
  const initials = m.groups!.initials!
  const norm = normaliseWord(initials.replace(/\./g, ''))
  // After a dash two capitals sign the note even where they spell a word ("— AB"); without one,
  // no word may be read.
  return !(
    initialsOfOffices.has(norm) ||
    closingWords.has(norm) ||
    (!initials.includes('.') &&
      ((norm.length >= 3 && lexicons().nonPersons.has(norm)) ||
        /[BF]/.test(wordClasses(norm)) ||
        (!m.groups!.dash && /C/.test(wordClasses(norm)))))
  )
}

// A word in a script other than Latin (Cyrillic, Arabic, Han, Ge'ez, Tifinagh, …), and a run of up
// to four of them apart by single spaces, neither after nor before another such word.
const otherScriptLetter = /[^\p{Script=Latin}\P{L}]/u
const otherScriptWord =
  '[^\\p{Script=Latin}\\P{L}](?:[^\\p{Script=Latin}\\P{L}]|[\\p{M}\\u200c\\u200d]|-(?=[^\\p{Script=Latin}\\P{L}]))*'
const otherScriptRun = new RegExp(
  `(?<![^\\p{Script=Latin}\\P{L}][\\p{M}\\u200c\\u200d]*[ \\u00a0]?)${otherScriptWord}(?:[ \\u00a0]${otherScriptWord}){0,3}(?![ \\u00a0]?[^\\p{Script=Latin}\\P{L}]|[\\p{M}\\u200c\\u200d])`,
  'gu',
)

/**
 * Whether `text` has a character in a block of another script's letters (a quick look before the
 * Unicode search): not Latin, punctuation, currency signs, arrows or emoji, which notes have a lot.
 */
function mayHoldOtherScript(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x370 || (code >= 0x1e00 && code < 0x1f00) || (code >= 0x2000 && code < 0x2c00)) continue
    // Emoji and pictographs (U+1F000 to U+1FAFF) are surrogate pairs opening with 0xD83C-0xD83E.
    if (code >= 0xd83c && code <= 0xd83e) {
      i++
      continue
    }
    if (code >= 0xdc00 && code < 0xe000) continue
    if (code >= 0xfe00 && code < 0xfe70) continue
    return true
  }
  return false
}

/**
 * The names with a person's name as written in another script: "Lin Xiaoyu (林晓雨)", "غياث
 * (Ghiath)" (beside a name found, in brackets), or the only words of that script on their line in
 * brackets, after a label and a colon ("Op de Bulgaarse ID-kaart: Фикрет Салимов.") or after a name
 * found ("Chen Guoliang (71), 陈国良."). A sentence in that script stays (its line holds more than
 * one run, or a run of five words or more), and so do a chat's replies ("Rasheeqa: نعم."). A run of
 * Chinese characters is a name only when it has two to four of them.
 */
function withOtherScriptNames(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  if (!mayHoldOtherScript(text)) return names
  const found: Array<readonly [number, string]> = []
  const byEnd = new Map(names.map((span) => [span.end, span]))
  const byStart = new Map(names.map((span) => [span.start, span]))
  for (const line of text.matchAll(/[^\n]+/g)) {
    if (!otherScriptLetter.test(line[0])) continue
    const runs = [...line[0].matchAll(otherScriptRun)]
    for (const run of runs) {
      const word = run[0]
      if (/\p{Script=Han}{5}/u.test(word) || word.replace(/[\p{M}\s]/gu, '').length < 2) continue
      const start = line.index + run.index
      const end = start + word.length
      // What stands around it on its line, bounded (a line may be long).
      const before = text.slice(Math.max(line.index, start - 80), start)
      const after = text.slice(end, Math.min(line.index + line[0].length, end + 80))
      // Beside a name in brackets: "Lin Xiaoyu (林晓雨)", "Yohannes (ዮሃንስ, 01-01-1986)", "غياث
      // (Ghiath)"; not "Він сумує за татом (Andriy)", nor "Сусід Гена (Hena)" (a neighbour).
      const words = word.split(/[ \u00a0]/).length
      const afterName = /[ \t]*\([ \t]*$/.exec(before)
      const beforeName = /^[ \t]*\([ \t]*/.exec(after)
      const left = afterName && /^[ \t]*[),]/.test(after) ? byEnd.get(start - afterName[0].length) : undefined
      const right = beforeName ? byStart.get(end + beforeName[0].length) : undefined
      // After the name one word more may come (an Arabic name's "عبد"), before it none.
      const besideWords = (left ?? right)?.text.split(/[ \t]+/).length ?? 0
      if ((left && words <= besideWords + 1) || (right && words <= besideWords)) {
        found.push([start, word])
        continue
      }
      // After a name found, its age and a comma or a slash, at the end of a sentence, before a
      // comma or before the age: "Chen Guoliang (71), 陈国良.", "Fitsum Tesfamariam / ፍጹም ተስፋማርያም,
      // geb. …", "Mohammed Rafiqul Islam / মোহাম্মদ রফিকুল ইসলাম (46),".
      const nameBefore = /(?:[ \t]*\(\d{1,3}\))?[ \t]*[,;/][ \t]*$/.exec(before)
      const listedAfterName =
        nameBefore !== null &&
        byEnd.has(start - nameBefore[0].length) &&
        /^(?:[ \t]*\(\d{1,3}\))?[ \t]*(?:[.,;)]|$)/.test(after)
      // On a line with more such words, only after a slash ("Tahmina Akter / তাহমিনা আক্তার"): after a
      // comma they may be a sentence ("Γεια σου Niko, η γιαγιά δεν τρώει.").
      if (listedAfterName && (runs.length === 1 || nameBefore[0].includes('/'))) {
        found.push([start, word])
        continue
      }
      // After a slash, also with a role and an age in brackets on either side: "Luwam Hadgembes /
      // ሉዋም ሃድግምበስ (moeder, 35)", "Waddah Al-Mikhlafi (vader, 50) / وضاح المخلافي".
      const slashBefore = /(?:[ \t]*\([^()\n]{1,40}\))?[ \t]*\/[ \t]*$/.exec(before)
      if (
        slashBefore !== null &&
        byEnd.has(start - slashBefore[0].length) &&
        /^(?:[ \t]*\([^()\n]{1,40}\))?[ \t]*(?:[.,;)]|$)/.test(after)
      ) {
        found.push([start, word])
        continue
      }
      if (runs.length > 1) continue
      const label = /([^\n:]*):[ \t]*$/.exec(before)
      const bracketed = /\([ \t]*(?:\p{L}+:[ \t]*)?$/u.test(before) && /^[ \t]*[),]/.test(after)
      // After a label and a colon, not after a chat's writer ("[12:03] Rasheeqa: …").
      const labelled =
        label !== null &&
        /^[ \t]*(?:[.,;)]|$)/.test(after) &&
        /\p{Ll}{3}/u.test(label[1]!) &&
        !byEnd.has(start - label[0].length + label[1]!.length)
      if (bracketed || labelled) found.push([start, word])
    }
  }
  // A part found already ("Светлана" of "Светлана Чернышова") gives way to the whole.
  return mergeNames(names, found, true)
}

/**
 * True when no list knows `word` as an organisation, a role, a title, a greeting, a function word,
 * an English or Dutch word, an abbreviation, a place or a language: it can only be a name.
 */
function onlyAName(word: string): boolean {
  const norm = normaliseWord(word)
  return !lexicons().nonPersons.has(norm) && !/[RTGFEBCL]/.test(wordClasses(norm))
}

// A second person named beside a name found: "Jevaughn and Kheon", "fam. Babiker/Gaafar", a chat's
// two sides in its heading ("WhatsApp – Maryelis / Roeland (Carinova)").
// With spaces around the slash, only a word before it that opens its item (after a dash, a colon, a
// comma or a bracket: not "Bienestar di Mucha / Y. Sulvaran").
const pairedAfter = /^(?:[ \t]+(?:en|and)[ \t]+|\/)(\p{Lu}\p{Ll}[\p{L}'’-]{1,30})(?![\p{L}\p{N}])/du
const pairedBefore =
  /(?:(?<![\p{L}\p{N}'’-])(\p{Lu}\p{Ll}[\p{L}'’-]{1,30})(?:[ \t]+(?:en|and)[ \t]+|\/)|(?:^|[–—:,(][ \t]*)(\p{Lu}\p{Ll}[\p{L}'’-]{1,30})[ \t]\/[ \t])$/mu

/**
 * The names with a capitalised word joined to a name by "en", "and" or a slash (before it also a
 * slash with spaces), after it or
 * before it ({@link pairedAfter}, {@link pairedBefore}), when no list knows it as a word, place,
 * organisation, role or title
 * ("Jansen en Zonen", "Piet en Utrecht" stay; "Pouwelsz & Ruijgrok" is a firm's way).
 */
function withPairedNames(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  const found: Array<readonly [number, string]> = []
  for (const span of names) {
    // Before it: "winterjassen Tamana en Mursal", "Tamuna / Lieke Hoekzemastra" (only where " en ",
    // " and " or a slash stands before it).
    const charBefore = text[span.start - 1]
    const twoBefore = text[span.start - 2]
    if (
      charBefore === '/' ||
      (charBefore === ' ' && (twoBefore === 'n' || twoBefore === 'd' || twoBefore === '/'))
    ) {
      const before = pairedBefore.exec(text.slice(Math.max(0, span.start - 40), span.start))
      const word = before?.[1] ?? before?.[2]
      if (before && word && onlyAName(word))
        found.push([span.start - before[0].length + before[0].indexOf(word), word])
    }
    // Only where a slash or " en"/" and" follows (most names have neither).
    const next = text[span.end]
    if (next !== '/') {
      if (next !== ' ' && next !== '\t') continue
      const after = text[span.end + 1]
      if (after !== 'e' && after !== 'a' && after !== ' ' && after !== '\t') continue
    }
    const m = pairedAfter.exec(text.slice(span.end, span.end + 40))
    if (m && onlyAName(m[1]!)) found.push([span.end + m.indices![1]![0], m[1]!])
  }
  return found.length === 0 ? names : mergeNames(names, found)
}

// A capitalised word in Latin letters right before a surname found: "…, Marlouke Kwaedvliegh belt
// CZ", "besproken Abdulrahman Al-Hariri".
const wordBeforeName = /^\p{Lu}\p{Ll}[\p{Script=Latin}\p{M}'’-]{1,20}$/u
const wordChar = /[\p{L}\p{M}'’-]/u
const lowerWordEnding = /(?<![\p{L}])(\p{Ll}[\p{Ll}-]{2,30})[ \t]+$/u
/** True when a role word in lower case stands right before `at` ("ouderenwerker ", "buurvrouw "). */
function roleRightBefore(text: string, at: number): boolean {
  const before = lowerWordEnding.exec(text.slice(Math.max(0, at - 32), at))
  return before !== null && isRoleOrJob(normaliseWord(before[1]!))
}
const surnameInitialAfter = /^[ \t](?:\p{Lu}\.){1,2}(?=[ \t]*(?:[:,;)\n]|\(\d{1,3}\)|\d{1,2}[:.]\d{2})|$)/u
const syllableGivenAfter = /^[ \t](\p{Lu}\p{Ll}{1,4}-\p{Ll}{2,5})(?![\p{L}])/u
const syllableGivenName = /^\p{Lu}\p{Ll}{1,4}-\p{Ll}{2,5}$/u
// Also after a capitalised particle, as Flemish names write it ("Lievine De Cauwerbeke").
const latinSurname =
  /^(?:[ae]l-|(?:De|Van|Van [Dd]e[nr]?|Le|La|Di|Da|Du|Del|Dos|Ten|Ter|Vande|Vanden|Vander)[ \t])?\p{Lu}\p{Ll}[\p{Script=Latin}\p{M}'’-]*$/u
// A surname after the Arabic article in lower case and a hyphen: "al-Hubaishi", "el-Sayed".
const articleSurname = /(?<![\p{L}\p{M}-])(?:al|el)-\p{Lu}\p{Ll}[\p{L}\p{M}'’-]{1,20}(?![\p{L}\p{M}])/gu
// A word of a name found and the "s" of a possessive without apostrophe, before a word in lower
// case: "Tsjerk – …, Tsjerks ziektewet loopt af".
const possessiveAfter = /^[ \t]+\p{Ll}/u

/**
 * The names with what stands beside them: a capitalised word right before a surname found alone
 * (one word, no first name) that no list knows, nor any part of it, as a word, place,
 * organisation, role or title (the first name); a surname after "al-" or "el-" that is no place
 * or organisation; and a name found again with a possessive's "s".
 */
function withNamesBeside(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  const found: Array<readonly [number, string]> = []
  if (text.includes('l-'))
    for (const m of text.matchAll(articleSurname)) if (onlyAName(m[0].slice(3))) found.push([m.index, m[0]])
  const withArticles = found.length === 0 ? names : mergeNames(names, found)
  // The first name and the name found as one ("Marlouke Kwaedvliegh"): it takes in the part.
  const wholes: Array<readonly [number, string]> = []
  const single = new Set<string>()
  const { firstNames } = lexicons()
  for (const span of withArticles) {
    // The name, or its first word ("Jaans vrouw" after "Jaan Wiltsema").
    const firstWord = /^\p{Lu}\p{Ll}+(?=$|[ \t])/u.exec(span.text)
    if (firstWord) single.add(firstWord[0])
    // And its last word, a surname ("Moorsteegs dochter" after "Zef Moorsteeg").
    const lastWord = /(?<=[ \t])\p{Lu}\p{Ll}{2,}$/u.exec(span.text)
    if (lastWord) single.add(lastWord[0])
    // A name of one word found and the initial of a surname before a colon, a comma, a time or an
    // age: "Mw. Seun A.: …", "Kibrom T. 11:20", "Casus 1 – Delrano A. (14)".
    const initialAfter = surnameInitialAfter.exec(text.slice(span.end, span.end + 12))
    if (initialAfter && /^\p{Lu}\p{Ll}+$/u.test(span.text))
      wholes.push([span.start, text.slice(span.start, span.end + initialAfter[0].length)])
    // A Korean given name of two syllables after the surname found: "Jegal Da-in".
    const givenAfter = syllableGivenAfter.exec(text.slice(span.end, span.end + 16))
    if (givenAfter && !/C/.test(wordClasses(normaliseWord(givenAfter[1]!))))
      wholes.push([span.start, text.slice(span.start, span.end + givenAfter[0].length)])
    if (text[span.start - 1] !== ' ') continue
    // The word before, found by walking back over its letters (a search from every position of
    // the text before would cost more than all the rest); the cheap tests first.
    let at = span.start - 1
    while (at > 0 && span.start - at <= 22 && wordChar.test(text[at - 1]!)) at--
    const word = text.slice(at, span.start - 1)
    if (
      wordBeforeName.test(word) &&
      (at === 0 || !/[\p{L}\p{M}\p{N}'’.@#-]/u.test(text[at - 1]!)) &&
      latinSurname.test(span.text) &&
      !firstNames.has(normaliseWord(span.text)) &&
      (word.split('-').every(onlyAName) ||
        // After a role that announces the two, also a word that is a Dutch word ("ouderenwerker
        // Dag Rønningen"), not a title, role, place or language ("tolk Tigrinya Yonas").
        (roleRightBefore(text, at) && !/[RTLFBE]/.test(wordClasses(normaliseWord(word)))) ||
        // A Korean or Chinese given name of two syllables, the first a first name: "Jae-hwan".
        (syllableGivenName.test(word) && firstNames.has(normaliseWord(word.slice(0, word.indexOf('-'))))))
    )
      wholes.push([at, text.slice(at, span.end)])
  }
  // Each "s" before a space and a small letter, once: the word it ends, less the "s", a name found.
  const again: Array<readonly [number, string]> = []
  if (single.size > 0)
    for (let s = text.indexOf('s ', 1); s >= 0; s = text.indexOf('s ', s + 1)) {
      if (!possessiveAfter.test(text.slice(s + 1, s + 8))) continue
      let at = s
      while (at > 0 && s - at <= 22 && /[\p{L}\p{M}]/u.test(text[at - 1]!)) at--
      if (at > 0 && wordChar.test(text[at - 1]!)) continue
      if (single.has(text.slice(at, s))) again.push([at, text.slice(at, s + 1)])
    }
  const whole = wholes.length === 0 ? withArticles : mergeNames(withArticles, wholes, true)
  if (again.length === 0) return whole
  const merged = mergeNames(whole, again)
  // The same person, so the same placeholder: keyed by the name without its "s".
  const possessives = new Set(again.map(([start]) => start))
  return merged.map((span) =>
    possessives.has(span.start) && span.text.endsWith('s')
      ? { ...span, key: nameKey(span.text.slice(0, -1)) }
      : span,
  )
}

/** The names with the initials and surname signing a message in lower case ("gr g. tolsmeer"). */
function withSignatureInitials(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  return mergeNames(
    names,
    Array.from(text.matchAll(signedInitials), (m) => [m.index + m[0].indexOf(m[1]!), m[1]!] as const),
  )
}

// A title before initials that stand for the whole name: "mevr. A. (wenst alleen voorletter)",
// "dhr. S.K. (Stanisław Kuś)". Not when a name follows them ("dhr. S.K. Wolters", "mw. A. de Wit"):
// that is read as a name already. Searched from the initials back to the title, which is cheaper
// than trying the title at every position.
const initialsAfterSpace =
  /(?<=[ \t])(?:\p{Lu}\.){1,4}(?![ \t]?(?:\p{Lu}|van|de|der|den|ter|ten|te|el|al)[\p{L}'’])/gu
const titleBeforeInitials =
  /(?<![\p{L}])(?:[Dd]hr|DHR|[Mm]w|MW|[Mm]evr|MEVR|[Mm]evrouw|[Mm]eneer|[Dd]e heer)\.?[ \t]+$/u
// A surname written first, a comma and initials or a first name, ending a field of a list, table
// or line: "CAWAALE, M.", "Van Wijngaarden-Ploos, T.", "Jong, K. 't", "Szőcs, Tamás (47)". Tried
// only where the words before a comma open (sticky): tried at every position of a note, it cost 3 %
// of the detectors' time.
const surnameFirst =
  /((?:(?:Van|De|Ter|Ten|VAN|DE|TER|TEN)[ \t]+)?\p{Lu}[\p{L}\p{M}'’]{1,30}(?:-\p{Lu}[\p{L}\p{M}'’]{1,30}){0,2}),[ \t]?(?:((?:\p{Lu}\.[ \t]?){1,3})(?:[ \t]*((?:van|de|der|den|ter|ten|['’]t)(?:[ \t]+(?:de|der|den))?)(?![\p{L}]))?|(\p{Lu}\p{Ll}[\p{L}\p{M}]{1,20}))(?=[ \t]*(?:$|[\n|;(–,/]|[ \t]-[ \t]))/duy
// A capitalised particle and spaces before a surname.
const particleBeforeSurname = /(?<![\p{L}])(?:Van|De|Ter|Ten|VAN|DE|TER|TEN)[ \t]+$/u
const surnameCharacter = /[\p{L}\p{M}'’-]/u

/** Where the words before the comma at `comma` open, past a capitalised particle, or -1. */
function surnameFirstStart(text: string, comma: number): number {
  let at = comma
  while (at > 0 && comma - at < 96 && surnameCharacter.test(text[at - 1]!)) at--
  if (at === comma || comma - at >= 96) return -1
  const particle = particleBeforeSurname.exec(text.slice(Math.max(0, at - 5), at))
  return particle ? at - particle[0].length : at
}

/**
 * The matches of the sticky `pattern` in `text`, tried once for each `mark` at the start `startAt`
 * gives for it (-1: not there). Trying a pattern only where its mark stands, not at every position
 * of a note, is what keeps the readings below cheap.
 */
function* stickyAtMarks(
  text: string,
  mark: string,
  pattern: RegExp,
  startAt: (at: number) => number,
): Generator<RegExpExecArray> {
  for (let at = text.indexOf(mark); at !== -1; at = text.indexOf(mark, at + 1)) {
    const start = startAt(at)
    if (start === -1) continue
    pattern.lastIndex = start
    const m = pattern.exec(text)
    if (m) yield m
  }
}

/** The matches of {@link surnameFirst} in `text`, tried at the words before each comma a capital follows. */
function surnameFirstMatches(text: string): Generator<RegExpExecArray> {
  return stickyAtMarks(text, ',', surnameFirst, (comma) => {
    let next = text[comma + 1]
    if (next === ' ' || next === '\t') next = text[comma + 2]
    if (next === undefined || next === next.toLowerCase()) return -1
    return surnameFirstStart(text, comma)
  })
}
// A closing written short before the initials that sign: "Bvd, R.K.", "Mvg, J.".
const closingAbbreviation = /^(?:bvd|mvg|vgr|gr|grt|grtn|groet|groeten|groetjes|dank|bedankt|thx)$/
// After a first name, more of a list: ", Tavga", " (12), Tavga", " en Sagal".
const listGoesOn = /^(?:[ \t]*\([^()\n]{0,12}\))?(?:[ \t]*,[ \t]*\p{Lu}|[ \t]+(?:en|and|&)[ \t]+\p{Lu})/u
// Where a field of a list or table opens: a bar, a tab, a colon or a dash (at a line's start, a
// word and a comma before a first name are mostly a closing: "Gr, Tijmen", "Pozdrawiam, Kasia").
const fieldOpens = /(?:[|\t:;–(]|[ \t]-)[ \t]*$/u

/**
 * The names written surname first ({@link surnameFirst}). Each part of the surname is no role,
 * title, greeting, function word, abbreviation, organisation or place alone, and one is a surname
 * or no Dutch word; after a particle ("Jong, K. 't") the word may be one. A first name after the
 * comma is one a list knows or a name found, where a field opens.
 */
function withSurnameFirst(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  if (!text.includes(',')) return names
  const { nonPersons, words, surnames, firstNames, places } = lexicons()
  const startsOfNames = new Set(names.map((span) => span.start))
  const found: Array<readonly [number, string]> = []
  for (const m of surnameFirstMatches(text)) {
    const particleAfter = m[3] !== undefined
    const parts = m[1]!
      .split(/[ \t]+|-/)
      .map(normaliseWord)
      .filter((part) => !nameParticles.has(part))
    if (parts.length === 0) continue
    const fits = (norm: string) =>
      !/[RTGFB]/.test(wordClasses(norm)) &&
      !closingAbbreviation.test(norm) &&
      !placeOnly(norm) &&
      (particleAfter || surnames.has(norm) || !nonPersons.has(norm))
    if (!parts.every(fits)) continue
    // A place alone is the place: "Amsterdam, Jan (4)" ("Van Wijngaarden-Ploos" stays a name).
    if (parts.length === 1 && !/[ \t]/.test(m[1]!) && places.has(parts[0]!)) continue
    if (!particleAfter && !parts.some((norm) => surnames.has(norm) || !words.has(norm))) continue
    if (m[4] !== undefined) {
      const at = m.indices![4]![0]
      if (!firstNames.has(normaliseWord(m[4])) && !startsOfNames.has(at)) continue
      if (!fieldOpens.test(text.slice(Math.max(0, m.index - 4), m.index))) continue
      // "Kinderen: Cawo, Mustafe, Ilhaan", "Shno, Dilman (12), Tavga (9)": first names in a list.
      if (parts.some((norm) => firstNames.has(norm) && !surnames.has(norm))) continue
      const after = text.slice(at + m[4].length, at + m[4].length + 24)
      if (listGoesOn.test(after)) continue
      // "Afwezig m.k.: Yıldırımoğlu, Goudschaal": surnames in a list of those present or absent,
      // unless what each does follows in brackets ("Aanwezig: Sabajo, Juvenal (jongerenwerker)").
      if (listLabelBefore(text, m.index) && !/^[ \t]*\(/.test(after)) continue
    }
    found.push([m.index, m[0].trimEnd()])
  }
  return found.length === 0 ? names : mergeNames(names, found, true)
}

// What a person is called, after a word for that person: "haar dochter heet Juni", "hij heet
// Hoop". After it a capitalised word is a name even when it is also a month or a word.
// Up to two small words may stand between: "ze heet trouwens thuis Sterretje".
const calledAfter = /[ \t](?:heet|heette|heten)(?:[ \t]+\p{Ll}+){0,2}[ \t]+(\p{Lu}\p{Ll}+)(?![\p{L}])/dgu
// A month's name with an age in brackets is a child: "Kinderen: Juni (8), Warre (5)". Found from
// the age back to the month, which is cheaper than trying every month at every position.
const ageInBrackets = /[ \t]\((?:[1-9]|1\d)(?:[ \t]*(?:jr|jaar))?\)/g
const monthNameBefore =
  /(?<![\p{L}\p{N}][ \t]?)(?:Januari|Februari|Maart|April|Mei|Juni|Juli|Augustus|September|Oktober|November|December)$/u
// An item of a list: a dash or bullet, one capitalised word, and a word in lower case opening the
// brackets after it ("- Juni (dochter, 5)").
const householdItem =
  /^[ \t]*[-•*–][ \t]+(\p{Lu}\p{Ll}[\p{L}\p{M}'’-]{1,24})[ \t]*\([ \t]*(\p{Ll}+)[ \t]*[,)]/dgmu
// A word in lower case, and one capitalised word alone in brackets after it; tried (sticky) only
// where a bracket opens, as trying it at every position of a note cost 3 % of the detectors' time.
const roleThenBracketName =
  /(\p{Ll}[\p{Ll}-]{2,24})[ \t]*\([ \t]*(\p{Lu}\p{Ll}[\p{L}\p{M}'’-]{1,24})[ \t]*\)/duy
const lowerWordCharacter = /[\p{Ll}-]/u

/** The matches of {@link roleThenBracketName}, each tried from the word before a bracket. */
function roleThenBracketNames(text: string): Generator<RegExpExecArray> {
  return stickyAtMarks(text, '(', roleThenBracketName, (bracket) => {
    let end = bracket
    while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t') && bracket - end < 4) end--
    let start = end
    while (start > 0 && end - start <= 25 && lowerWordCharacter.test(text[start - 1]!)) start--
    if (end - start < 3 || end - start > 25 || (start > 0 && /[\p{L}]/u.test(text[start - 1]!))) return -1
    return start
  })
}
// After a title, "'t" and a capitalised word are a surname, whatever the word ("mw. 't Hart", "mw.
// Van 't Kruisweg", "dhr. 't Jong-van Lieshoutveld").
const titleThenT =
  /(?<![\p{L}])(?:[Dd]hr|DHR|[Mm]w|MW|[Mm]evr|MEVR|[Mm]vr|[Mm]evrouw|[Mm]eneer|[Dd]e heer|[Jj]uf|[Mm]eester)\.?[ \t]+((?:[Vv]an[ \t]+|[Ii]n[ \t]+)?['’]t[ \t]+\p{Lu}\p{Ll}+(?:-(?:(?:van|de|der|den|ter|ten)[ \t]+)?\p{Lu}\p{Ll}+)?)(?![\p{L}\p{M}])/dgu
const personBefore =
  /(?<![\p{L}])(?:dochter|dochtertje|zoon|zoontje|kind|baby|man|vrouw|partner|vriend|vriendin|broer|zus|moeder|vader|hij|zij|ze|ik)$/iu

/**
 * The names a cue makes sure of, added late so no reading above takes them away: initials alone
 * after a title, what a person is called after "heet", and a month's name before an age.
 */
function withNamesByCue(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  const found: Array<readonly [number, string]> = []
  if (text.includes('.'))
    for (const m of text.matchAll(initialsAfterSpace))
      if (titleBeforeInitials.test(text.slice(Math.max(0, m.index - 14), m.index)))
        found.push([m.index, m[0]])
  if (text.includes('he'))
    for (const m of text.matchAll(calledAfter))
      if (personBefore.test(text.slice(Math.max(0, m.index - 14), m.index)))
        found.push([m.indices![1]![0], m[1]!])
  if (text.includes("'t") || text.includes('’t'))
    for (const m of text.matchAll(titleThenT)) found.push([m.indices![1]![0], m[1]!])
  // "- Juni (dochter, 5)": an item of a list of a household, one capitalised word before a family or
  // role word in brackets, is a name, also where it is a month or a word.
  if (text.includes('('))
    for (const m of text.matchAll(householdItem))
      if (
        /R/.test(wordClasses(normaliseWord(m[2]!))) &&
        !/[RTGFB]/.test(wordClasses(normaliseWord(m[1]!))) &&
        !lexicons().nonPersons.has(normaliseWord(m[1]!))
      )
        found.push([m.indices![1]![0], m[1]!])
  // "een klasgenote (Kymberleigh)": a role word, and in brackets after it a word that can only be a
  // name, or a first name a list knows.
  if (text.includes('('))
    for (const m of roleThenBracketNames(text))
      if (
        /R/.test(wordClasses(normaliseWord(m[1]!))) &&
        // Not a nationality or language ("moeder (Uzbeeks)"), which ends in "s" or "sch" in Dutch.
        ((onlyAName(m[2]!) && !/(?:s|sch)$/.test(m[2]!)) || lexicons().firstNames.has(normaliseWord(m[2]!)))
      )
        found.push([m.indices![2]![0], m[2]!])
  if (text.includes(' ('))
    for (const m of text.matchAll(ageInBrackets)) {
      const month = monthNameBefore.exec(text.slice(Math.max(0, m.index - 12), m.index))
      if (month) found.push([m.index - month[0].length, month[0]])
    }
  return found.length === 0 ? names : mergeNames(names, found, true)
}

/**
 * Each place `word` stands in `text` as a word of its own: no character `joinsBefore` tests right
 * before it, none `joinsAfter` tests right after it. One pass over the text per word.
 */
function* mentionsAsWord(
  text: string,
  word: string,
  joinsBefore: RegExp,
  joinsAfter: RegExp,
): Generator<number> {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
    if (at > 0 && joinsBefore.test(text[at - 1]!)) continue
    const after = text[at + word.length]
    if (after === undefined || !joinsAfter.test(after)) yield at
  }
}

// Initials before "=" in a legend ("Legenda: KP = Karien Poelmansz, JBH = …", "T. = Toontje"), and
// a title between the "=" and the name ("EK = dr. Eijsbouts").
const legendInitialsBefore = /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}]{0,4}\.?)[ \t]*$/u
const legendTitleAfter = /^[ \t]*(?:(?:dr|drs|mr|mw|dhr|mevr|ir|prof)\.?[ \t]+)?/u

/**
 * The initials a note's legend maps to a name found ("Legenda: KP = Karien Poelmansz"), with each
 * other place the note writes them as a word of their own ("Aanwezig: KP, JBH, NWO"): a meeting's
 * notes that give people as initials say there whom they stand for.
 */
function withLegendInitials(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  if (!text.includes('=')) return names
  const startsOfNames = new Set(names.map((span) => span.start))
  const initials = new Set<string>()
  for (let eq = text.indexOf('='); eq !== -1 && initials.size < 64; eq = text.indexOf('=', eq + 1)) {
    const before = legendInitialsBefore.exec(text.slice(Math.max(0, eq - 8), eq))
    if (!before || !/\p{Lu}.*\p{Lu}|\.$/u.test(before[1]!)) continue
    const title = legendTitleAfter.exec(text.slice(eq + 1, eq + 12))!
    if (startsOfNames.has(eq + 1 + title[0].length)) initials.add(before[1]!)
  }
  if (initials.size === 0) return names
  const found: Array<readonly [number, string]> = []
  for (const written of initials)
    for (const at of mentionsAsWord(text, written, /[\p{L}\p{N}.]/u, /[\p{L}\p{N}]/u))
      found.push([at, written])
  return mergeNames(names, found)
}

// A line of a chat: a time or a time in brackets, the writer (a word, and maybe the initial of a
// surname: "marrit b", "[08:15] roelfke", "ik 10:09"), maybe a time, and a colon.
const chatSpeaker =
  /^[ \t]*(?:\[[^\]\n]{3,25}\][ \t]*|\d{1,2}[:.]\d{2}[ \t]+(?:-[ \t]+)?)?(\p{L}[\p{L}\p{M}'’-]{1,24})(?:[ \t](\p{L})\.?)?(?:[ \t]+\d{1,2}[:.]\d{2})?[ \t]*:(?=[ \t])/dgmu
// Who writes a line in a chat without being a name: the writer, the client, the worker; and the
// fields of an e-mail's header, in Dutch, Frisian and English ("Fan:" is Frisian for "Van:").
const chatSelves = new Set([
  'ik',
  'jij',
  'zij',
  'hij',
  'wij',
  'me',
  'you',
  'cl',
  'client',
  'cliënt',
  'clt',
  'mw',
  'dhr',
  'mevr',
  'meneer',
  'mevrouw',
  'wijkteam',
  'maatje',
  'vrijwilliger',
  'medewerker',
  'team',
  'admin',
  'systeem',
  'bot',
  'van',
  'aan',
  'cc',
  'bcc',
  'onderwerp',
  'datum',
  'verzonden',
  'betreft',
  'fan',
  'oan',
  'from',
  'to',
  'sent',
  'subject',
  'date',
])

/**
 * The writers of a chat's lines ({@link chatSpeaker}), where two writers of the note or more are
 * names found: each writer's word with the initial after it ("marrit b"), and a writer no list
 * knows as anything but a name, a first name a list knows ("bram"), or one in lower case who
 * writes two lines or more ("ode" is also a Dutch word), is a name too. Not "ik", "cl" and the like, nor a role, title, greeting, function
 * word or abbreviation.
 */
function withChatSpeakers(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  if (!text.includes(':') || !text.includes('\n')) return names
  const lines = [...text.matchAll(chatSpeaker)]
  if (lines.length < 3) return names
  const startsOfNames = new Map(names.map((span) => [span.start, span]))
  const named = new Set<string>()
  const count = new Map<string, number>()
  for (const m of lines) {
    const word = m[1]!
    count.set(word, (count.get(word) ?? 0) + 1)
    if (startsOfNames.has(m.indices![1]![0])) named.add(normaliseWord(word))
  }
  if (named.size < 2) return names
  const found: Array<readonly [number, string]> = []
  for (const m of lines) {
    const [start, end] = m.indices![1]!
    const word = m[1]!
    const norm = normaliseWord(word)
    const classes = wordClasses(norm)
    const isName =
      named.has(norm) ||
      (!chatSelves.has(norm) &&
        !/[RTGFB]/.test(classes) &&
        !lexicons().nonPersons.has(norm) &&
        (!/[CEL]/.test(classes) ||
          lexicons().firstNames.has(norm) ||
          (word === word.toLowerCase() && count.get(word)! >= 2)))
    if (!isName) continue
    const initial = m.indices![2]
    found.push([start, text.slice(start, initial ? initial[1] : end)])
  }
  return found.length === 0 ? names : mergeNames(names, found, true)
}

// A handle in a chat or on social media whose first part is a first name: "@sem.tjo", "[08:31]
// femke.bolhuis:" (a chat export's writer).
const handleAt = /(?<![\p{L}\p{N}@.])@((\p{Ll}[\p{Ll}\d]*)[._][\p{L}\d]+(?:[._][\p{L}\d]+)*)/dgu
const handleSpeaker =
  /^(?:\[[^\]\n]{3,25}\][ \t]*|\d{1,2}[:.]\d{2}[ \t]+(?:-[ \t]+)?)((\p{Ll}+)[._]\p{Ll}+(?:[._]\p{Ll}+)*)[ \t]*:/dgmu
// What a person calls themselves, in quotes: 'noemt zich "de Wimp"', 'roepnaam "Bogi"'.
const calledName =
  /(?:noemt[ \t]+(?:zich(?:zelf)?|hem|haar)|bijnaam|roepnaam|alias|genaamd|ook wel)[ \t:]*["'“‘„](?:(?:de|het)[ \t]+)?(\p{Lu}[\p{L}-]{1,20}(?:[ \t]\p{Lu}[\p{L}-]{1,20})?)["'”’“]/dgiu

/** The names with handles of a first name and what people call themselves in quotes. */
function withHandlesAndCalledNames(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  const { firstNames } = lexicons()
  const found: Array<readonly [number, string]> = []
  for (const pattern of [handleAt, handleSpeaker])
    for (const m of text.matchAll(pattern))
      if (firstNames.has(normaliseWord(m[2]!))) found.push([m.indices![1]![0], m[1]!])
  for (const m of text.matchAll(calledName)) found.push([m.indices![1]![0], m[1]!])
  return mergeNames(names, found, true)
}

// A nickname in quotes before the whole name in brackets: '"Moeke", zijn moeder (Mientje
// Lemerlen)', '"tante Non" (Nona Kuneman)', 'kleinzoon "Pikkie" (Django Winterhanstein)'.
const nicknameBeforeBracket =
  /["“'‘„](?:(?:tante|oom|ome|opa|oma|de|het)[ \t]+)?(\p{Lu}\p{Ll}[\p{L}-]{1,20})["”'’](?:,[ \t]+(?:(?:zijn|haar|hun|de)[ \t]+)?\p{Ll}[\p{Ll}-]{1,20})?[ \t]*\([ \t]*/dgu

/**
 * The nicknames of {@link nicknameBeforeBracket} where a name of two words or more found opens the
 * brackets, each with its other mentions in the note ("Pikkie's vrouw"), `[start, text]`.
 */
function nicknamesBeforeNames(text: string, names: PersonalDataSpan[]): Array<readonly [number, string]> {
  const wholeNameAt = new Set(names.filter((span) => /[ \t]/.test(span.text)).map((span) => span.start))
  const found: Array<readonly [number, string]> = []
  for (const m of text.matchAll(nicknameBeforeBracket)) {
    if (!wholeNameAt.has(m.index + m[0].length)) continue
    const nickname = m[1]!
    if (/[RTGFB]/.test(wordClasses(normaliseWord(nickname)))) continue
    // Each mention of the nickname in the note, as a word of its own (bounded: one pass per nickname found).
    for (const at of mentionsAsWord(text, nickname, /[\p{L}\p{M}]/u, /[\p{L}\p{M}]/u)) {
      if (found.length >= 64) break
      found.push([at, nickname])
    }
  }
  return found
}

// A nickname in brackets between the first names and the surname: "Hendrikes Johannus (Henkus)
// Stoltenborg", "Bernardhus (Bentje) Wentink", 'Remco "de Ras" Hofstetterink'.
const nicknameBetween =
  /^[ \t]*(?:\([ \t]*(\p{Lu}\p{Ll}[\p{L}-]{1,20})[ \t]*\)|['‘"“]((?:de[ \t]+|het[ \t]+)?\p{Lu}\p{Ll}[\p{L}-]{1,20})['’"”])[ \t]+((?:(?:van|de|der|den|ter|ten|te)[ \t]+){0,3}\p{Lu}\p{Ll}[\p{L}'’-]{1,30})(?![\p{L}])/du

// Initials in brackets between a first name and the surname: "Linde (L.M.) Ooievaarszand".
const initialsBetween =
  /^[ \t]*\([ \t]*((?:\p{Lu}\.[ \t]?){1,4})[ \t]*\)[ \t]+((?:(?:van|de|der|den|ter|ten|te)[ \t]+){0,3}\p{Lu}\p{Ll}[\p{L}'’-]{1,30})(?![\p{L}])/u

// Two capitals without dots before a surname, and the particles between them (three capitals
// are mostly a job or a team: "POH", "SPV", "MDO").
const undottedInitialsBefore =
  /(?<![\p{L}\p{N}.&/-])(\p{Lu}{2})[ \t]+(?:(?:van|de|der|den|ter|ten|te|vd)[ \t]+)*$/u
const particleEnding = /(?:^|[ \t])(?:van|de|der|den|ter|ten|te|vd) $/
// Two capitals that stand before a name as something else: an app, a visit, a note, a post.
const notInitialsBefore = new Set([
  'wa',
  'hb',
  'fb',
  'ig',
  'ps',
  'nb',
  'ok',
  'tv',
  'bv',
  'nv',
  'cc',
  'vz',
  'mw',
  'hr',
  'id',
  'pm',
  'am',
])
// The first name before such a nickname, when only the surname after it was found: "Matheus
// 'Teus' Tahapary", "Rinse 'Rins' Dykhuisma-Poelstra".
const firstNameBeforeNickname =
  /(\p{Lu}\p{Ll}[\p{L}'’-]{1,30})[ \t]+(?:\([ \t]*(\p{Lu}\p{Ll}[\p{L}-]{1,20})[ \t]*\)|['‘"“](\p{Lu}\p{Ll}[\p{L}-]{1,20})['’"”])[ \t]+$/du
// A capitalised particle and a surname after a name, as Flemish and some Dutch names write them
// ("Jelle De Wachter", "Maaikiene Ter Huurne", "Wiegersma-Ten Dam").
const capitalParticleAfter =
  /^(?:[ \t]+|-)((?:Van[ \t]+(?:der|den|de)|Van|De|Den|Der|Ter|Ten|Te|Le|La|Da|Di|Du|Dos|Del|El)[ \t]+\p{Lu}\p{Ll}[\p{L}'’-]{1,30})(?![\p{L}\p{N}])/du

/**
 * The names with the nicknames written in brackets right after them ("Hilly ("Hil")"), with the
 * surname after a nickname in brackets or quotes ({@link nicknameBetween}), the first name before
 * one ({@link firstNameBeforeNickname}), and a capitalised particle and surname after a name
 * ({@link capitalParticleAfter}). None may be a role, a title or a function word; a surname or a
 * first name no word or place either (a nickname may be a word when the surname is found, a
 * surname after a capitalised particle when it is no place).
 */
function withNicknames(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  const found: Array<readonly [number, string]> = []
  if (text.includes('(')) found.push(...nicknamesBeforeNames(text, names))
  // Names that take in a name found ("JM" before "Hulsebosch"): it gives way to them.
  const wholes: Array<readonly [number, string]> = []
  const startsOfNames = new Set(names.map((span) => span.start))
  const classes = (word: string) => wordClasses(normaliseWord(word))
  for (const span of names) {
    const next = text[span.end]
    // Only where a capitalised particle may follow: "De", "Van", "Ter", "Le", "El", … (most names
    // are followed by a small word).
    const nextWord = next === '-' || next === ' ' || next === '\t' ? text[span.end + 1] : undefined
    if (nextWord !== undefined && 'DVTLE '.includes(nextWord)) {
      const particle = capitalParticleAfter.exec(text.slice(span.end, span.end + 48))
      if (particle) {
        const surname = /\p{L}[\p{L}'’-]*$/u.exec(particle[1]!)![0]
        // After a capitalised particle a word may be a surname ("De Wachter"), not a place ("De Bilt").
        if (!/[RTGFBL]/.test(classes(surname)) && !lexicons().nonPersons.has(normaliseWord(surname)))
          found.push([span.end + particle.indices![1]![0], particle[1]!])
      }
    }
    // Initials without dots right before a surname found ("JM Hulsebosch", "TW van Gastelinck"),
    // not an office's, organisation's or app's letters, nor before a name in capitals.
    const charBefore = text[span.start - 2]
    if (
      text[span.start - 1] === ' ' &&
      charBefore !== undefined &&
      // A capital right before, or a particle between ("TW van Gastelinck").
      (charBefore !== charBefore.toLowerCase() ||
        particleEnding.test(text.slice(Math.max(0, span.start - 5), span.start))) &&
      span.text !== span.text.toUpperCase()
    ) {
      const letters = undottedInitialsBefore.exec(text.slice(Math.max(0, span.start - 24), span.start))
      const norm = letters ? normaliseWord(letters[1]!) : ''
      if (
        letters &&
        !notInitialsBefore.has(norm) &&
        !initialsOfOffices.has(norm) &&
        !lexicons().nonPersons.has(norm) &&
        !/[BCFE]/.test(classes(norm))
      )
        wholes.push([span.start - letters[0].length, text.slice(span.start - letters[0].length, span.end)])
    }
    // A nickname before the name: only where a bracket or quote closes right before it.
    const before = text[span.start - 2]
    if (before === ')' || before === "'" || before === '’' || before === '"' || before === '”') {
      const first = firstNameBeforeNickname.exec(text.slice(Math.max(0, span.start - 64), span.start))
      const nickname = first?.[2] ?? first?.[3]
      if (first && nickname && !/[RTGFBL]/.test(classes(first[1]!)) && !/[RTGFEB]/.test(classes(nickname))) {
        const at = span.start - first[0].length
        found.push([at, first[1]!])
        found.push([at + first.indices![first[2] ? 2 : 3]![0] - first.index, nickname])
      }
    }
    if (next !== ' ' && next !== '(') continue
    const m = nicknameAfter.exec(text.slice(span.end, span.end + 40))
    if (m) {
      found.push([span.end + m[0].indexOf(m[1]!, m[0].indexOf('(') + 1), m[1]!])
      continue
    }
    // Only where a bracket or quote opens right after the name (most names have none).
    let at = span.end
    while (at < span.end + 4 && (text[at] === ' ' || text[at] === '\t')) at++
    if (!'(\'‘"“'.includes(text[at] ?? 'x')) continue
    // "Linde (L.M.) Ooievaarszand": the initials in brackets between the first name and the surname.
    const initials = initialsBetween.exec(text.slice(span.end, span.end + 80))
    const initialsSurname = initials ? normaliseWord(initials[2]!.split(/[ \t]+/).at(-1)!) : ''
    if (
      initials &&
      !/[RTGFB]/.test(wordClasses(initialsSurname)) &&
      !lexicons().nonPersons.has(initialsSurname) &&
      !placeOnly(initialsSurname)
    ) {
      wholes.push([span.start, text.slice(span.start, span.end + initials[0].length)])
      continue
    }
    const between = nicknameBetween.exec(text.slice(span.end, span.end + 80))
    if (!between) continue
    const group = between[1] ? 1 : 2
    // "de Ras": the article goes with the nickname; its word is what the lists are asked about.
    const nickname = /\p{L}[\p{L}-]*$/u.exec(between[group]!)![0]
    const surname = /\p{L}[\p{L}'’]*$/u.exec(between[3]!)![0]
    const surnameAt = span.end + between.indices![3]![0]
    const surnameFound = startsOfNames.has(surnameAt + between[3]!.length - surname.length)
    if (
      /[RTGFEB]/.test(classes(nickname)) ||
      (!surnameFound && /[CL]/.test(classes(nickname))) ||
      /[RTGFEBCL]/.test(classes(surname))
    )
      continue
    // With its article it takes in the word found alone ("Ras").
    const list = nickname === between[group] ? found : wholes
    list.push([span.end + between.indices![group]![0], between[group]!])
    found.push([surnameAt, between[3]!])
  }
  return mergeNames(mergeNames(names, found), wholes, true)
}

// What closes a name right after it: "jr." or "sr." ("Adriaan Wisseborn jr."), a surname as
// initials with its particle ("Imkje vH"), a diminutive or the rest of the name after an
// apostrophe ("Häns'che", "Umm Tha’ir"; not a possessive "'s" or a Turkish case ending, "'de",
// "'den", "'nin"), or a
// short syllable in lower case after a hyphen, as Korean given names are written ("Gal Min-ja",
// "Yoon Seo-ah"; only after a short capitalised word).
const nameEnding =
  /^(?:[ \t]+(?:jr|sr|Jr|Sr|JR|SR)\.?|[ \t]+(?:v[dt]?|d|t)\p{Lu}|['’](?:che|chen|ke|tje)|['’](?!(?:s|de|da|den|dan|te|ta|ten|tan|ye|ya|yi|yı|in|ın|un|ün|nin|nın|nun|nün|le|la|yle|yla)(?![\p{L}]))\p{Ll}{2,6}|(-)\p{Ll}{2,4})(?![\p{L}\p{M}\p{N}'’-])/u
const shortLastWord = /(?<![\p{L}\p{M}])\p{Lu}\p{Ll}{1,4}$/u
// A capitalised particle joined to the name by a hyphen, as Armenian and Arabic surnames write it
// ("Ter-Avetisyants", "Al-Hubaishi", "Abu-Sharif"), with initials before it ("H. Ter-…"); the
// Arabic article also in lower case ("mw. al-Halabiyeh").
const particleJoinedBefore =
  /(?<![\p{L}\p{M}])(?:(?:\p{Lu}\.[ \t]?){1,3})?(?:Ter|Al|El|al|el|Abu|Abd|Ben|Bin|Ould)-$/u

// "vd", "v/d" or "v.d." before a surname found, with the initials before them: "M. vd Sluijs",
// "P. v/d Lugt-Hoogesteger".
const shortParticleBefore =
  /(?<![\p{L}\p{M}])(?:(?:\p{Lu}\.[ \t]?){1,3}[ \t]*|\p{Lu}{1,2}[ \t]+)?(?:[Vv]d\.?|[Vv]\/d|[Vv]\.d\.)[ \t]+$/u

// A name spelled out letter by letter, as a phone note writes it: "S-E-L-A-M", "K-R-IJ-N-T-J-E".
// Four letters or more, each a capital (or "IJ") between hyphens.
const spelledName = /(?<![\p{L}\p{N}-])(?:IJ|\p{Lu})(?:-(?:IJ|\p{Lu})){3,29}(?![\p{L}\p{N}-])/gu
// Where the line before says the letters spell a name: "gespeld", "spelt", "Naam gespeld:",
// "achternaam", "spelled" (not "route A-B-C-D").
const spellingCue =
  /(?<![\p{L}])(?:ge)?spel(?:t|d|de|den|len|ling|led|ls)?(?![\p{L}])|(?:achter|voor|familie|sur)?naam|(?:sur|first |last )?name/iu

/**
 * The names with those spelled out letter by letter ({@link spelledName}) after a cue on their
 * line, or spelling a name found in the note.
 */
function withSpelledNames(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  if (!/\p{Lu}-\p{Lu}-/u.test(text)) return names
  const found: Array<readonly [number, string]> = []
  let nameWords: Set<string> | undefined
  for (const m of text.matchAll(spelledName)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1
    // Or the letters spell a name found in the note ("mevrouw Hoeksema, dat is H-O-E-K-S-E-M-A").
    nameWords ??= new Set(names.flatMap((span) => span.key.split(' ')))
    if (
      spellingCue.test(text.slice(Math.max(lineStart, m.index - 80), m.index)) ||
      nameWords.has(normaliseWord(m[0].replaceAll('-', '')))
    )
      found.push([m.index, m[0]])
  }
  // The letters other readings took as initials or short names give way to the whole.
  return found.length === 0 ? names : mergeNames(names, found, true)
}

// The head of a line of a list: one to four capitalised words, a dash and what follows, maybe an
// age ("Rasha – 41", "Lama – 17, Drenthe College", "Bashar Kassabji – ex-partner").
const lineHead =
  /^[ \t]*(?:[-•*][ \t]+)?(\p{Lu}[\p{L}\p{M}'’-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}'’-]*){0,3})[ \t]*[–-][ \t]+(\d{1,3}(?![\p{N}.:,/-]\d))?/dgmu

/**
 * The heads of lines of one list read alike: where two heads or more of consecutive lines are names
 * found, another head of one word with an age after its dash is a name too, also where it is a
 * word ("Lama – 17" among "Rasha – 41", "Yazan – 13"). Not a role, title, greeting, function word,
 * abbreviation or place. (A head before a colon is too often a label: "Presente:", "Overige:".)
 */
function withListHeads(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  if (names.length < 2 || !/[–-]/.test(text)) return names
  const starts = new Set(names.map((span) => span.start))
  const heads: Array<{ line: number; start: number; word: string; age: boolean }> = []
  let line = 0
  let counted = 0
  for (const m of text.matchAll(lineHead)) {
    for (let at = text.indexOf('\n', counted); at !== -1 && at < m.index; at = text.indexOf('\n', at + 1))
      line++
    counted = m.index
    heads.push({ line, start: m.indices![1]![0], word: m[1]!, age: m[2] !== undefined })
    if (heads.length > 200) break
  }
  const found: Array<readonly [number, string]> = []
  for (let first = 0; first < heads.length; ) {
    let last = first
    while (last + 1 < heads.length && heads[last + 1]!.line === heads[last]!.line + 1) last++
    const group = heads.slice(first, last + 1)
    first = last + 1
    if (group.length < 3 || group.filter((head) => starts.has(head.start)).length < 2) continue
    for (const head of group) {
      if (!head.age || starts.has(head.start) || /[ \t]/.test(head.word)) continue
      const norm = normaliseWord(head.word)
      if (/[RTGFB]/.test(wordClasses(norm)) || lexicons().places.has(norm)) continue
      found.push([head.start, head.word])
    }
  }
  return found.length === 0 ? names : mergeNames(names, found)
}

/**
 * The names with what closes them ({@link nameEnding}) and a particle joined before them by a
 * hyphen ({@link particleJoinedBefore}).
 */
function withNameEndings(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  let changed = false
  const grown = names.map((span) => {
    let { start, end } = span
    const next = text[end]
    if (next === ' ' || next === '\t' || next === "'" || next === '’' || next === '-') {
      const ending = nameEnding.exec(text.slice(end, end + 8))
      if (ending && (!ending[1] || shortLastWord.test(span.text))) end += ending[0].length
    }
    if (text[start - 1] === '-') {
      const particle = particleJoinedBefore.exec(text.slice(Math.max(0, start - 14), start))
      if (particle) start -= particle[0].length
    } else if (text[start - 1] === ' ' && 'dD.'.includes(text[start - 2] ?? 'x')) {
      const particle = shortParticleBefore.exec(text.slice(Math.max(0, start - 16), start))
      if (particle) start -= particle[0].length
    }
    if (start === span.start && end === span.end) return span
    changed = true
    const found = text.slice(start, end)
    return { ...span, start, end, text: found, key: nameKey(found) }
  })
  return changed ? withOverlapsMerged(text, grown) : names
}

// Particles after a name and a capitalised word: the surname ("Jettie van 't Wout", "Dieuwertje in
// 't Veld-Kroos", "Mientje van der Aaldonk", "Ilsabé ten Bruggencate"); also "son of" and
// "daughter of" in Arabic names before a name found ("Zainab bint Ali al-Qirbawi", "Ahmed wad
// Elnour").
// "'t" alone and "vd", "v/d" or "v.d." (van de, van der) count as the particles that seldom open an
// organisation's name ("Krijn 't Jong", "M. vd Sluijs", "P. v/d Lugt"); after a hyphen they open
// the second part of a double name ("Hoop-van Wijhe", "Hoogenraad-'t Mannetje"), and the surname
// may go on so ("'t Jong-van Lieshoutveld").
const particlesThenWord =
  /^(?:[ \t]+|(-))(?:(van ['’]t|van der|van den|in ['’]t|op de|op den|op ['’]t|von der|ter|ten|te|['’]t|vd\.?|v\/d|v\.d\.|Vd\.?|V\/d|V\.d\.|Van ['’]t|Van der|Van den|Vanden|Vander|Ten|Ter|De)|van het|van de|von|van|de|der|den|du|da|do|dos|das|Van de|Van|Le|La|Di|Da|Du|Dos|bin|bint|ibn|ben|wad|ould|BIN|BINT|IBN|WAD)[ \t]+(\p{Lu}[\p{Ll}\p{M}]+(?:['’]\p{Ll}+)?(?:-(?:(?:van|de|der|den|ter|ten|['’]t)[ \t]+)*\p{Lu}[\p{Ll}\p{M}]+)*)(?![\p{L}\p{M}\p{N}])/du
/** A double name cut after the particle that opens its second part: "Hoop-van" (of "Hoop-van Wijhe"). */
const hyphenParticleEnd = /-(?:van|de|der|den|ter|ten|['’]t)$/

/**
 * The names with particles and a surname after them ({@link particlesThenWord}): a name found
 * there joins the first ("Mientje" and "Aaldonk" are one person); after "van 't", "van der",
 * "in 't", "ten" or "ter" (not "van" or "van de", which open organisations' names more often)
 * also a word no list knows as an organisation, role, title, function word or abbreviation, nor
 * only as a Dutch or English word ("Veld" and "Kroos" are surnames too; "Balie" and "Moskee" are
 * not), when no capitalised word follows it.
 */
function withParticleSurnames(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  const byStart = new Map(names.map((span) => [span.start, span]))
  const { nonPersons, words, surnames } = lexicons()
  const wholes: Array<readonly [number, string]> = []
  for (const span of names) {
    // "Hoop-van" is read from "Hoop" on.
    const cut = hyphenParticleEnd.exec(span.text)
    const base = cut ? span.end - cut[0].length : span.end
    const next = text[base]
    // Only where a particle's first letter follows (most names are followed by something else).
    if (next === '-') {
      if (!"vdt'’".includes(text[base + 1] ?? 'x')) continue
    } else if ((next !== ' ' && next !== '\t') || !"vdtiobwBIWVDTL'’".includes(text[base + 1] ?? 'x'))
      continue
    if (!endsInCapitalisedWord(text.slice(span.start, base))) continue
    const m = particlesThenWord.exec(text.slice(base, base + 64))
    if (!m) continue
    const at = base + m.indices![3]![0]
    const found = byStart.get(at)
    const surname = m[3]!
    const end = found ? Math.max(found.end, at + surname.length) : at + surname.length
    // "Abdoulaye Mbengue op de Texelstroomstraat 112": a street, by its number or its ending.
    if (/^[ \t]+\d/.test(text.slice(end, end + 3)) || (!found && streetEnding.test(surname))) continue
    // A word no list has found as a name follows only particles that seldom open an
    // organisation's name ("Hamza Bennani van Platanus Wonen", "Gerdien van Zuidzorg").
    // After a hyphen the particle opens the second part of the double name the span began.
    const hyphened = m[1] !== undefined
    if (
      !found &&
      !hyphened &&
      (m[2] === undefined || !/^(?:[ \t]*(?:[.,;:!?()|\n]|$)|[ \t]\p{Ll})/u.test(text.slice(end, end + 3)))
    )
      continue
    // After a lone "'t" a capitalised word is the surname even where it is also a word ("Gosse 't
    // Jong"), unless it is a role, title, greeting, function word or abbreviation.
    const loneT = m[2] !== undefined && /^['’]t$/.test(m[2])
    if (
      !found &&
      loneT &&
      !surname.split('-').every((part) => !/[RTGFB]/.test(wordClasses(normaliseWord(part))))
    )
      continue
    if (
      !found &&
      !hyphened &&
      !loneT &&
      !surname.split(/-(?:(?:van|de|der|den|ter|ten|['’]t)[ \t]+)*/).every((part) => {
        const norm = normaliseWord(part)
        return (
          !nonPersons.has(norm) &&
          !/[RTGFB]/.test(wordClasses(norm)) &&
          (surnames.has(norm) || (!words.has(norm) && !/E/.test(wordClasses(norm))))
        )
      })
    )
      continue
    wholes.push([span.start, text.slice(span.start, end)])
  }
  return wholes.length === 0 ? names : mergeNames(names, wholes, true)
}
// Two capitalised words right before a role in brackets: "Wieteke Hennephof (maatschappelijk
// werker)", "Marlijntje Plat-Schokker (ergotherapeut)".
const capitalisedWord = /^\p{Lu}\p{Ll}[\p{L}\p{M}'’]*$/u
const capitalisedDoubleWord = /^\p{Lu}\p{Ll}[\p{L}\p{M}'’]*(?:-\p{Lu}\p{Ll}[\p{L}\p{M}'’]*)?$/u
const roleInBrackets = /^\((\p{Ll}[\p{Ll}\p{M}-]*(?:[ \t]+\p{Ll}[\p{Ll}\p{M}-]*){0,2})[),]/u

/**
 * The names before a role in brackets ({@link capitalisedWord}, {@link roleInBrackets}): two
 * capitalised words, each a name found or no word, place, organisation, role or title any list
 * knows, or of which each part of a double name is a surname ("Plat-Schokker").
 */
function withRoleInBrackets(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  if (!text.includes('(')) return names
  let taken: Uint8Array | undefined
  const { nonPersons, surnames } = lexicons()
  const inName = (at: number) => {
    if (!taken) {
      taken = new Uint8Array(text.length + 1)
      for (const span of names) taken.fill(1, span.start, span.end)
    }
    return taken[at] === 1
  }
  const fits = (word: string, start: number) =>
    inName(start) ||
    word.split('-').every((part) => {
      const norm = normaliseWord(part)
      return (
        !nonPersons.has(norm) &&
        (!/[RTGFEBCL]/.test(wordClasses(norm)) ||
          (word.includes('-') && surnames.has(norm) && !/[RTGFB]/.test(wordClasses(norm))))
      )
    })
  const wholes: Array<readonly [number, string]> = []
  for (let at = text.indexOf('('); at >= 0; at = text.indexOf('(', at + 1)) {
    // Most brackets hold no role after two capitalised words: the cheap tests first.
    const lower = text[at + 1]
    if (lower === undefined || lower === lower.toUpperCase()) continue
    let end = at
    while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--
    let second = end
    while (second > 0 && end - second <= 40 && wordChar.test(text[second - 1]!)) second--
    let gap = second
    while (gap > 0 && (text[gap - 1] === ' ' || text[gap - 1] === '\t')) gap--
    if (gap === second) continue
    let start = gap
    while (start > 0 && gap - start <= 40 && wordChar.test(text[start - 1]!)) start--
    const first = text.slice(start, gap)
    const last = text.slice(second, end)
    if (
      !capitalisedWord.test(first) ||
      !capitalisedDoubleWord.test(last) ||
      (start > 0 && /[\p{N}.]/u.test(text[start - 1]!))
    )
      continue
    const role = roleInBrackets.exec(text.slice(at, at + 48))
    if (!role || !role[1]!.split(/[ \t]+/).some((word) => /R/.test(wordClasses(normaliseWord(word)))))
      continue
    if (!fits(first, start) || !fits(last, second)) continue
    wholes.push([start, text.slice(start, end)])
  }
  return wholes.length === 0 ? names : mergeNames(names, wholes, true)
}

// A list of names: ", " or " en " and one capitalised word that ends the list or goes on with it.
const nextInList =
  /^(?:,[ \t]*|[ \t]+(?:en|and)[ \t]+)(\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*)(?=[ \t]*(?:[.,;:)\n]|[ \t](?:en|and)[ \t]|$))/u

/**
 * The names with the next word of a list that holds two names found in a row ("Kinderen: Seppe,
 * Fienie, Lente."): there a capitalised word is a name even when it is also a Dutch or English
 * word, unless a list knows it as an organisation, role, title or function word, or as a place
 * and no first name.
 */
function withListedAfterNames(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  const found: Array<readonly [number, string]> = []
  const sorted = names.length > 1 ? [...names].sort((a, b) => a.start - b.start) : names
  for (let k = 1; k < sorted.length; k++) {
    const first = sorted[k - 1]!
    const second = sorted[k]!
    if (text.slice(first.end, second.start) !== ', ') continue
    const m = nextInList.exec(text.slice(second.end, second.end + 40))
    if (!m) continue
    const at = second.end + m.index + m[0].length - m[1]!.length
    if (sorted[k + 1]?.start === at) continue
    const norm = normaliseWord(m[1]!)
    const classes = wordClasses(norm)
    if (
      lexicons().nonPersons.has(norm) ||
      /[RTGFB]/.test(classes) ||
      (classes.includes('L') && !lexicons().firstNames.has(norm))
    )
      continue
    found.push([at, m[1]!])
  }
  return found.length === 0 ? names : mergeNames(names, found)
}

// Thanks and the person thanked, as speech has it: "Dank je, Mirteline.", "Thanks, Yusuf!".
const thanked =
  /(?<![\p{L}])(?:[Dd]ank (?:je|u)(?:wel)?|[Bb]edankt|[Tt]hanks|[Tt]hank you),[ \t]+(\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*)(?=[ \t]*(?:[.!?,]|\n|$))/dgu

/** The names thanked ({@link thanked}), when no list knows the word as anything but a name. */
function withThankedNames(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  if (
    !text.includes('ank je') &&
    !text.includes('ank u') &&
    !text.includes('edankt') &&
    !text.includes('hank')
  )
    return names
  const found: Array<readonly [number, string]> = []
  for (const m of text.matchAll(thanked)) if (onlyAName(m[1]!)) found.push([m.indices![1]![0], m[1]!])
  return found.length === 0 ? names : mergeNames(names, found)
}

const streetEnding = new RegExp(`(?:${compoundSuffixes})$`, 'iu')
/** True when `text` ends in a capital and small letters ("Jettie", "McDonald"). */
function endsInCapitalisedWord(text: string): boolean {
  let at = text.length
  while (at > 0 && /\p{Ll}/u.test(text[at - 1]!)) at--
  return at > 0 && /\p{Lu}/u.test(text[at - 1]!)
}

/** True when the text contains a number that passes the BSN 11-check (with or without separators). */
export function containsValidBsn(text: string): boolean {
  return findBsns(text).some((span) => isValidBsn(span.key) && span.key.length === 9)
}
