import { type CountryCode, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js/min'

/** A phone number with a country prefix other than the Netherlands' (+31), found in text. */
export interface InternationalPhone {
  start: number
  end: number
  text: string
  /** E.164 form (`+48601223947`): the same number written differently gets the same key. */
  key: string
}

// A `+` or `00`, a country code and up to 15 digits in groups of 1–6 separated by one space, dot,
// slash or dash (or brackets). Bounded: no group repeats without consuming a digit.
const candidate =
  /(?<![\p{L}\p{N}+])(?:\+|00)\s?\(?[1-9]\d{0,2}\)?(?:[\s./-]?\(?\d{1,6}\)?){1,7}(?![\p{L}\p{N}])/gu

/** The shorter candidates of a match: the same text with its last digit groups dropped. */
function prefixesOf(text: string): string[] {
  const out = [text]
  let rest = text
  for (;;) {
    const cut = rest.search(/[\s./-]?\(?\d{1,6}\)?$/)
    if (cut <= 0) break
    rest = rest.slice(0, cut)
    if (!/\d/.test(rest.replace(/^(?:\+|00)/, ''))) break
    out.push(rest)
  }
  return out
}

/**
 * The E.164 form of a phone number written with a foreign country prefix, or `undefined` when
 * the text is no possible number of that country (or a Dutch one, +31).
 *
 * @example
 * internationalPhoneKey('0048 601-223-947') // '+48601223947'
 */
export function internationalPhoneKey(text: string): string | undefined {
  const plus = text
    .trim()
    .replace(/^00\s?/, '+')
    .replace(/\(0\)/g, '')
  const number = parsePhoneNumberFromString(plus)
  if (!number || number.countryCallingCode === '31' || !number.isPossible()) return undefined
  return number.number
}

/**
 * Finds phone numbers written with a foreign country prefix (`+48 601 223 947`,
 * `0032 470 12 34 56`, `+212 (0)6 61 23 45 67`): the digits must be a possible number of that
 * country by libphonenumber's metadata (its length rules). Dutch numbers (+31) are left to the
 * Dutch detector. When the digits run on into another number, the longest possible prefix counts.
 *
 * @example
 * findInternationalPhones('Moeder: +48 601 223 947.')[0]?.key // '+48601223947'
 */
export function findInternationalPhones(text: string): InternationalPhone[] {
  const found: InternationalPhone[] = []
  for (const match of text.matchAll(candidate)) {
    for (const whole of prefixesOf(match[0].trimEnd())) {
      // "(+44 20 7946 0318)": a closing bracket with no opening one in the number is the sentence's.
      const part = whole.endsWith(')') && !whole.includes('(') ? whole.slice(0, -1) : whole
      const key = internationalPhoneKey(part)
      if (!key) continue
      found.push({ start: match.index, end: match.index + part.length, text: part, key })
      break
    }
  }
  return found
}

/**
 * Countries whose people live in the Netherlands in numbers (and its neighbours), whose phone
 * numbers are written at home with a leading 0: a number in that form is checked against each.
 */
const homeFormatCountries: readonly CountryCode[] = [
  'TR',
  'MA',
  'DZ',
  'TN',
  'EG',
  'SY',
  'IQ',
  'IR',
  'AF',
  'PK',
  'IN',
  'ID',
  'CN',
  'VN',
  'SR',
  'CW',
  'AW',
  'GH',
  'NG',
  'CV',
  'ET',
  'ER',
  'SO',
  'KE',
  'GB',
  'DE',
  'BE',
  'FR',
  'BG',
  'RO',
  'UA',
  'RU',
  'RS',
  'BA',
  'HR',
  'AL',
  'GR',
  'YE',
]

// A leading 0 (on its own or with the first digits: "0 532 …", "0532 …") and 10–11 more digits, in
// groups of 2–6 separated by one space, dot or dash (a British mobile number: "07700 900882").
const homeFormat = /(?<![\p{L}\p{N}+.,/-])0\d{0,4}(?:[ .-]\d{2,6}){1,4}(?![\p{L}\p{N}]|[.,/-]\d)/gu

/**
 * Finds phone numbers of other countries written as they are at home, without a country prefix
 * (`0532 418 2290` in Turkey, `0803 555 1827` in Nigeria): a leading 0 and 11 or 12 digits in
 * all, in groups, that are a possible number (by its length rules) of a country in
 * {@link homeFormatCountries}. A Dutch number has 10 digits, so it is never one of these; a
 * 9-digit case number or an amount never matches the shape. The key is the digits as written,
 * since the country cannot be told for sure.
 *
 * @example
 * findHomeFormatPhones('broer belt vanuit Sivas (0532 418 2290)')[0]?.text // '0532 418 2290'
 */
export function findHomeFormatPhones(text: string): InternationalPhone[] {
  return possibleNumbers(text, homeFormat, { minDigits: 11, maxDigits: 12 }, homeFormatCountries)
}

/**
 * Finds numbers of nine digits with a leading 0, in groups, after a phone word on the same line
 * (and no word of a file or case number): a Belgian landline as written at home ("Hij geeft zijn
 * nummer: 03 270 34 81"). A Dutch number has ten digits. The key is the digits as written.
 *
 * @example
 * findCuedShortHomeFormatPhones('nummer: 03 270 34 81')[0]?.key // '032703481'
 */
export function findCuedShortHomeFormatPhones(text: string): InternationalPhone[] {
  return possibleNumbers(text, homeFormat, { minDigits: 9, maxDigits: 9 }, ['BE']).filter((phone) =>
    phoneCuedBefore(text, phone.start),
  )
}

/**
 * The matches of `shape` whose digits, `digits.minDigits` to `digits.maxDigits` of them, are a
 * possible number (by its length rules) of one of `countries`; keyed by the digits as written,
 * since the country cannot be told for sure.
 */
function possibleNumbers(
  text: string,
  shape: RegExp,
  digits: { minDigits: number; maxDigits: number },
  countries: readonly CountryCode[],
): InternationalPhone[] {
  const found: InternationalPhone[] = []
  for (const match of text.matchAll(shape)) {
    const key = match[0].replace(/\D/g, '')
    if (key.length < digits.minDigits || key.length > digits.maxDigits) continue
    if (!countries.some((country) => parsePhoneNumberFromString(key, country)?.isPossible() === true))
      continue
    found.push({ start: match.index, end: match.index + match[0].length, text: match[0], key })
  }
  return found
}

// A country code of 2 or 3 digits, then 2 to 4 groups of 2 to 6 digits separated by one space,
// dot or dash: "48 601 223 904", a number written with its country code but without + or 00.
const bareCountryCode = /(?<![\p{L}\p{N}+.,/-])[1-9]\d{0,2}(?:[ .-]\d{2,6}){2,4}(?![\p{L}\p{N}]|[.,/-]\d)/gu

/**
 * Finds foreign phone numbers written with their country code but without the `+` or `00`
 * before it ("48 601 223 904"): 11 to 13 digits whose first group is a country calling code
 * (not the Netherlands') and which are a valid number of that country by libphonenumber's
 * metadata, not merely one of a possible length; a code of one digit ("1 721 542 8130") only
 * after a phone word. Keyed in E.164 form.
 *
 * @example
 * findBareCountryCodePhones('zus in Poznań (48 601 223 904)')[0]?.key // '+48601223904'
 */
export function findBareCountryCodePhones(
  text: string,
  { northAmerican = false }: { northAmerican?: boolean } = {},
): InternationalPhone[] {
  const found: InternationalPhone[] = []
  for (const match of text.matchAll(bareCountryCode)) {
    const digits = match[0].replace(/\D/g, '')
    if (digits.length < 11 || digits.length > 13) continue
    const code = /^\d+/.exec(match[0])![0]
    // "Phone grandmother: 1 721 542 8130": a code of one digit (North America and the Caribbean,
    // Russia and Kazakhstan) only after a phone word, or with `northAmerican` (the note gives
    // another number with +1: "+1 869 662 4187, and my brother here 1-721-553-0926") a code 1.
    if (code.length === 1 && !phoneCuedBefore(text, match.index) && !(northAmerican && code === '1')) continue
    const number = parsePhoneNumberFromString(`+${digits}`)
    if (!number || number.countryCallingCode !== code || code === '31' || !number.isValid()) continue
    found.push({ start: match.index, end: match.index + match[0].length, text: match[0], key: number.number })
  }
  return found
}

/** Countries whose numbers are written with the area code in brackets, besides those above. */
const bracketedAreaCountries: readonly CountryCode[] = [
  ...homeFormatCountries,
  'NL',
  'BR',
  'US',
  'CA',
  'MX',
  'AR',
  'CO',
  'PE',
  'CL',
  'VE',
  'DO',
  'PH',
  'AU',
]

// An area code of 2–4 digits in brackets, then 2–3 groups of 2–5 digits separated by one space,
// dot or dash: "(11) 98734-5521", "(212) 555-0147", "(020) 612 3456".
const bracketedArea =
  /(?<![\p{L}\p{N}])\(\d{2,4}\)[ ]?\d{2,5}(?:[ .-]\d{2,5}){0,2}(?![\p{L}\p{N}]|[.,/-]\d)/gu

/**
 * Finds phone numbers written with their area code in brackets and no country prefix, as in
 * Brazil or the United States (`(11) 98734-5521`, `(212) 555-0147`): 9 to 12 digits in all that
 * are a possible number (by its length rules) of a country in {@link bracketedAreaCountries}. A
 * year or a count in brackets is followed by too few digits to match. The key is the digits as
 * written.
 *
 * @example
 * findBracketedAreaPhones('zus in São Paulo: (11) 98734-5521')[0]?.text // '(11) 98734-5521'
 */
export function findBracketedAreaPhones(text: string): InternationalPhone[] {
  return possibleNumbers(text, bracketedArea, { minDigits: 9, maxDigits: 12 }, bracketedAreaCountries)
}

/**
 * Countries whose numbers have nine digits and no leading 0, usually written in three groups of
 * three: Poland, Portugal, Spain, Czechia, Slovakia.
 */
const nineDigitCountries: readonly CountryCode[] = ['PL', 'PT', 'ES', 'CZ', 'SK']

// Three groups of three digits, separated by one space, dot or dash: "512 334 871".
const threeByThree = /(?<![\p{L}\p{N}+.,/-])[1-9]\d{2}([ .-])\d{3}\1\d{3}(?![\p{L}\p{N}]|[.,/-]\d)/gu

// A word that announces a phone number, earlier on the same line ("Pools nummer:", "tel", "bel").
const phoneCue =
  /(?<![\p{L}])(?:tel|telefoon|telefoonnummers?|nummers?|nrs?|mobiel|mobieltje|gsm|bel|bellen|belt|gebeld|terugbellen|terugbelt|terugbel|terugbelverzoek|bereikbaar|whatsapp|app|appen|phones?|numbers?|mobile|cell|call|numer|numery|telefon|telefone|teléfono|móvil|telemóvel)(?![\p{L}])/giu
const phoneCueOnce = new RegExp(phoneCue.source, 'iu')

// A number of a file, a case, an invoice or a customer: "dossiernummer", "zaak nr", "klantnummer".
const fileCue =
  /(?:dossier|zaak|zaaknummer|klant|factuur|referentie|kenmerk|case|file|order|polis|relatie|contract|registratie|bsn|sofi|burgerservice)\w*\W{0,3}(?:nummer|nr|number|no)?\W{0,3}$/iu

/**
 * Finds phone numbers of other countries written as at home in three groups of three digits
 * (`512 334 871`, a Polish mobile), when a phone word stands before it on the same line and no
 * word of a file or case number does ("Pools nummer: 512 334 871", not "dossiernummer 204 511
 * 873"): the shape alone is also that of a case number or a BSN, which have their own detectors.
 * The digits must be a possible number of a country in {@link nineDigitCountries}.
 *
 * @example
 * findCuedNineDigitPhones('Ze heeft nog een Pools nummer: 512 334 871.')[0]?.text // '512 334 871'
 */
export function findCuedNineDigitPhones(text: string): InternationalPhone[] {
  return possibleNumbers(text, threeByThree, { minDigits: 9, maxDigits: 9 }, nineDigitCountries).filter(
    (phone) => phoneCuedBefore(text, phone.start),
  )
}

/**
 * The text before `at` on its line, at most `max` characters of it. (Looking back for the line's
 * start from `at` alone would read a long line without breaks again for every number on it.)
 */
function lineBefore(text: string, at: number, max: number): string {
  const before = text.slice(Math.max(0, at - max), at)
  return before.slice(before.lastIndexOf('\n') + 1)
}

/**
 * True when a phone word stands before `at` on the same line (within 60 characters), and no word
 * of a file or case number stands between it and `at`.
 *
 * @example
 * phoneCuedBefore('bereikbaar op 618 442 901', 14) // true
 */
export function phoneCuedBefore(text: string, at: number): boolean {
  const before = lineBefore(text, at, 60)
  let cue: RegExpMatchArray | undefined
  for (const match of before.matchAll(phoneCue)) cue = match
  if (!cue) return false
  return (
    !fileCue.test(before.slice(0, cue.index! + cue[0].length)) && !fileWord.test(before.slice(cue.index!))
  )
}

/**
 * True when a phone word follows `at` closely on the same line (within 30 characters), before any
 * word of a file or case number: "532 418 76 02 (Turks mobiel)".
 */
function phoneCuedAfter(text: string, at: number): boolean {
  const after = text.slice(at, at + 30).split('\n')[0]!
  const cue = phoneCueOnce.exec(after)
  return cue !== null && !fileWord.test(after.slice(0, cue.index + cue[0].length))
}

// A word of a file, a case, an invoice or a customer number anywhere: "bel over dossiernummer …".
const fileWord =
  /(?<!\p{L})(?:dossier|zaak|klant|factuur|referentie|kenmerk|case[ -]?(?:nr|no|number|id)|file|order|polis|contract|registratie|bsn|sofi|burgerservice)/iu

// Eight digits as four pairs or two fours ("22 98 14 03", "2298-1403"), or seven as three and four
// ("717 4452"), one space, dot or dash between, or seven in one run ("Mi number nobo ta 5601378").
const localDigits =
  /(?<![\p{L}\p{N}+.,/-]|\d[ .-])(?:\d{2}([ .-])\d{2}\1\d{2}\1\d{2}|\d{4}[ .-]\d{4}|\d{3}[ .-]\d{4}|\d{7})(?![\p{L}\p{N}]|[ .,/:-]\d)/gu

/**
 * Finds numbers without an area code or country prefix after a phone word on the same line (and
 * no word of a file or case number): the rest of a mobile number read out after its "06" ("op
 * haar mobiel, die begint met zes en dan 22 98 14 03"), a local number without its area code, or
 * one of the Caribbean Netherlands, seven digits ("Tel. klient 717 4452 (lokaal)"). The key is
 * the digits as written.
 *
 * @example
 * findCuedLocalPhones('mobiel: zes en dan 22 98 14 03')[0]?.key // '22981403'
 */
export function findCuedLocalPhones(text: string): InternationalPhone[] {
  const found: InternationalPhone[] = []
  for (const match of text.matchAll(localDigits)) {
    // "bereikbaar 0900-1700", "bel tussen 2019 en 2021": two times or two years, not a number.
    const halves = /^(\d{4})[ .-](\d{4})$/.exec(match[0])
    if (halves?.slice(1).every((half) => /^(?:[01]\d|2[0-3])[0-5]\d$|^(?:19|20)\d\d$/.test(half))) continue
    if (!phoneCuedBefore(text, match.index)) continue
    found.push({
      start: match.index,
      end: match.index + match[0].length,
      text: match[0],
      key: match[0].replace(/\D/g, ''),
    })
  }
  return found
}

// Digits in groups of 2–6 (the first up to 12: "8542219"), separated by one space, dot or dash: a
// number as written at home.
const digitGroups = /(?<![\p{L}\p{N}+.,/-])\d{2,12}(?:[ .-]\d{2,6}){0,4}(?![\p{L}\p{N}]|[.,/-]\d)/gu

/**
 * The national numbers (without country code or trunk prefix) of the numbers among `found` that
 * were given with a country code, each to that number's E.164 key.
 *
 * @example
 * nationalNumbersOf([{ key: '+2975843391' }]).get('5843391') // '+2975843391'
 */
export function nationalNumbersOf(found: readonly { key: string }[]): Map<string, string> {
  const national = new Map<string, string>()
  for (const { key } of found) {
    const number = key.startsWith('+') ? parsePhoneNumberFromString(key) : undefined
    if (number && number.nationalNumber.length >= 6) national.set(number.nationalNumber, key)
  }
  return national
}

/**
 * Finds a number written again without its country code, as at home, after the note gave it with
 * one ("+44 7700 918 264, also on WhatsApp as 07700 918264", "+597 871 4420, ofu 871-4420"):
 * digits outside the numbers `found` in the note that are the national number of one of them (by
 * its E.164 key), with or without the trunk 0. Keyed as that number, so both get the same
 * placeholder.
 *
 * @example
 * findRepeatedNationalPhones('+597 871 4420, ofu 871-4420', [{ start: 0, end: 13, key: '+5978714420' }])[0]?.text // '871-4420'
 */
export function findRepeatedNationalPhones(
  text: string,
  found: readonly { start: number; end: number; key: string }[],
): InternationalPhone[] {
  const national = nationalNumbersOf(found)
  if (national.size === 0) return []
  // The same number as written at home with its trunk prefix ("8 612 48 905" in Lithuania, "06 …"
  // in Hungary), and with its country code but no "+" ("597-8634215"): whole digits to key.
  const written = new Map<string, string>()
  for (const key of national.values()) {
    written.set(parsePhoneNumberFromString(key)!.format('NATIONAL').replace(/\D/g, ''), key)
    written.set(key.slice(1), key)
  }
  // Where the numbers found are: one pass over them, so a note of many numbers stays linear.
  const taken = new Uint8Array(text.length + 1)
  for (const phone of found) taken.fill(1, phone.start, phone.end)
  const again: InternationalPhone[] = []
  // First the whole forms, in any grouping: they hold the national number, and go first.
  for (const match of text.matchAll(looseDigitGroups)) {
    const end = match.index + match[0].length
    if (taken.subarray(match.index, end).includes(1)) continue
    const key = written.get(match[0].replace(/\D/g, ''))
    if (key) {
      again.push({ start: match.index, end, text: match[0], key })
      taken.fill(1, match.index, end)
    }
  }
  for (const match of text.matchAll(digitGroups)) {
    const end = match.index + match[0].length
    if (taken.subarray(match.index, end).includes(1)) continue
    const digits = match[0].replace(/\D/g, '')
    const key = national.get(digits) ?? (digits.startsWith('0') ? national.get(digits.slice(1)) : undefined)
    if (!key) continue
    // A trunk prefix of one digit on its own before it, as written at home or as it used to be
    // ("8 612 48 905" in Lithuania, Russia, Belarus or Kazakhstan).
    const prefix = trunkPrefixBefore.exec(text.slice(Math.max(0, match.index - 4), match.index))
    const start =
      prefix && !taken[match.index - prefix[0].length] ? match.index - prefix[0].length : match.index
    again.push({ start, end, text: text.slice(start, end), key })
  }
  return again.sort((a, b) => a.start - b.start)
}

const trunkPrefixBefore = /(?<![\p{L}\p{N}+.,/-])[08][ .-]$/u

// Digits in groups of 1–7 separated by one space, dot or dash, as a country code and a number may
// be written: only ever compared with the numbers a note gave, or read after a country's name.
// (The look-behind follows the first digit, which V8 finds faster.)
const looseDigitGroups = /\d(?<![\p{L}\p{N}+.,/-]\d)\d{0,11}(?:[ .-]\d{1,7}){0,5}(?![\p{L}\p{N}]|[.,/-]\d)/gu

/**
 * Countries by the names notes give them in Dutch, English or their own language, for the calling
 * codes of the places clients and their families most often call (the Caribbean parts of the
 * Kingdom, Suriname, and the countries most newcomers come from).
 */
const countryNames: ReadonlyMap<string, CountryCode> = new Map(
  (
    [
      ['suriname', 'SR'],
      ['sranan', 'SR'],
      ['curacao', 'CW'],
      ['korsou', 'CW'],
      ['aruba', 'AW'],
      ['bonaire', 'BQ'],
      ['boneiru', 'BQ'],
      ['sint maarten', 'SX'],
      ['st maarten', 'SX'],
      ['sint eustatius', 'BQ'],
      ['statia', 'BQ'],
      ['saba', 'BQ'],
      ['marokko', 'MA'],
      ['morocco', 'MA'],
      ['maroc', 'MA'],
      ['turkije', 'TR'],
      ['turkey', 'TR'],
      ['turkiye', 'TR'],
      ['polen', 'PL'],
      ['poland', 'PL'],
      ['polska', 'PL'],
      ['syrie', 'SY'],
      ['syria', 'SY'],
      ['irak', 'IQ'],
      ['iraq', 'IQ'],
      ['iran', 'IR'],
      ['afghanistan', 'AF'],
      ['eritrea', 'ER'],
      ['ethiopie', 'ET'],
      ['ethiopia', 'ET'],
      ['somalie', 'SO'],
      ['somalia', 'SO'],
      ['ghana', 'GH'],
      ['nigeria', 'NG'],
      ['kaapverdie', 'CV'],
      ['indonesie', 'ID'],
      ['indonesia', 'ID'],
      ['egypte', 'EG'],
      ['egypt', 'EG'],
      ['belgie', 'BE'],
      ['belgium', 'BE'],
      ['duitsland', 'DE'],
      ['germany', 'DE'],
      ['roemenie', 'RO'],
      ['romania', 'RO'],
      ['bulgarije', 'BG'],
      ['bulgaria', 'BG'],
      ['oekraine', 'UA'],
      ['ukraine', 'UA'],
    ] as const
  ).map(([name, country]) => [name, country]),
)

// A country's name at the end of the text before a number (read without accents or dots).
const countryNamed = new RegExp(
  `(?<![\\p{L}])(${[...countryNames.keys()].join('|')})[ \\t]*[:,-]?[ \\t]*$`,
  'u',
)

/**
 * Finds a number given after the name of its country with the country's calling code but no "+"
 * ("Nomer Suriname 597 8 815 330", "nummer in Marokko 212 661 234 567"): the digits open with that
 * country's code and are a valid number of that country by libphonenumber's metadata.
 *
 * @example
 * findCountryNamedPhones('Nomer Suriname 597 8 815 330')[0]?.key // '+5978815330'
 */
export function findCountryNamedPhones(text: string): InternationalPhone[] {
  const found: InternationalPhone[] = []
  for (const match of text.matchAll(looseDigitGroups)) {
    // A calling code and a national number: 9 digits at least (the shortest, 3 and 6, among them).
    if (match[0].length < 9) continue
    const named = countryNamed.exec(plainName(lineBefore(text, match.index, 30)))
    const country = named ? countryNames.get(named[1]!) : undefined
    if (!country) continue
    const number = parsePhoneNumberFromString(`+${match[0].replace(/\D/g, '')}`)
    if (!number || number.countryCallingCode !== getCountryCallingCode(country) || !number.isValid()) continue
    found.push({ start: match.index, end: match.index + match[0].length, text: match[0], key: number.number })
  }
  return found
}

/**
 * Countries by the adjective that says whose number it is ("Somalisch nummer", "Polish number"),
 * for the countries of {@link countryNames}, read as {@link plainName} writes them.
 */
const countryAdjectives: ReadonlyMap<string, CountryCode> = new Map([
  ['surinaams', 'SR'],
  ['surinaamse', 'SR'],
  ['curacaos', 'CW'],
  ['curacaose', 'CW'],
  ['arubaans', 'AW'],
  ['arubaanse', 'AW'],
  ['marokkaans', 'MA'],
  ['marokkaanse', 'MA'],
  ['moroccan', 'MA'],
  ['turks', 'TR'],
  ['turkse', 'TR'],
  ['turkish', 'TR'],
  ['pools', 'PL'],
  ['poolse', 'PL'],
  ['polish', 'PL'],
  ['syrisch', 'SY'],
  ['syrische', 'SY'],
  ['syrian', 'SY'],
  ['iraaks', 'IQ'],
  ['iraakse', 'IQ'],
  ['iraqi', 'IQ'],
  ['iraans', 'IR'],
  ['iraanse', 'IR'],
  ['iranian', 'IR'],
  ['afghaans', 'AF'],
  ['afghaanse', 'AF'],
  ['afghan', 'AF'],
  ['eritrees', 'ER'],
  ['eritrese', 'ER'],
  ['eritrean', 'ER'],
  ['ethiopisch', 'ET'],
  ['ethiopische', 'ET'],
  ['ethiopian', 'ET'],
  ['somalisch', 'SO'],
  ['somalische', 'SO'],
  ['somali', 'SO'],
  ['ghanees', 'GH'],
  ['ghanese', 'GH'],
  ['ghanaian', 'GH'],
  ['nigeriaans', 'NG'],
  ['nigeriaanse', 'NG'],
  ['nigerian', 'NG'],
  ['kaapverdisch', 'CV'],
  ['kaapverdische', 'CV'],
  ['indonesisch', 'ID'],
  ['indonesische', 'ID'],
  ['egyptisch', 'EG'],
  ['egyptische', 'EG'],
  ['belgisch', 'BE'],
  ['belgische', 'BE'],
  ['roemeens', 'RO'],
  ['roemeense', 'RO'],
  ['romanian', 'RO'],
  ['bulgaars', 'BG'],
  ['bulgaarse', 'BG'],
  ['bulgarian', 'BG'],
  ['oekraiens', 'UA'],
  ['oekraiense', 'UA'],
  ['ukrainian', 'UA'],
  ['litouws', 'LT'],
  ['litouwse', 'LT'],
  ['lithuanian', 'LT'],
  ['lets', 'LV'],
  ['letse', 'LV'],
  ['latvian', 'LV'],
  ['moldavisch', 'MD'],
  ['moldavische', 'MD'],
  ['moldovan', 'MD'],
  ['georgisch', 'GE'],
  ['georgische', 'GE'],
  ['georgian', 'GE'],
  ['soedanees', 'SD'],
  ['soedanese', 'SD'],
  ['sudanese', 'SD'],
  ['duits', 'DE'],
  ['duitse', 'DE'],
  ['german', 'DE'],
  ['frans', 'FR'],
  ['franse', 'FR'],
  ['french', 'FR'],
  ['brits', 'GB'],
  ['britse', 'GB'],
  ['engels', 'GB'],
  ['engelse', 'GB'],
  ['british', 'GB'],
  ['spaans', 'ES'],
  ['spaanse', 'ES'],
  ['spanish', 'ES'],
  ['vietnamees', 'VN'],
  ['vietnamese', 'VN'],
  ['chinees', 'CN'],
  ['chinese', 'CN'],
  ['filipijns', 'PH'],
  ['filipijnse', 'PH'],
  ['filipino', 'PH'],
  ['thais', 'TH'],
  ['thaise', 'TH'],
  ['thai', 'TH'],
])

// Digit groups as {@link looseDigitGroups}, also with a slash between them ("0176 / 443 20 918").
const adjectiveDigitGroups =
  /\d(?<![\p{L}\p{N}+.,/-]\d)\d{0,11}(?:(?:[ .-]|[ ]?\/[ ]?)\d{1,8}){0,5}(?![\p{L}\p{N}]|[.,/-]\d)/gu

// After a number, whose it is: "(Somalisch nummer, zonder 252)", ", Pools mobiel", "- Polish number".
const countryAdjectiveAfter = new RegExp(
  `^[ \\t]*[(,-]?[ \\t]*(${[...countryAdjectives.keys()].join('|')})[ \\t]+(?:nummer|nr|mobiel|mobiele nummer|gsm|number|mobile)(?![\\p{L}])`,
  'u',
)

// Before a number on its line, whose it is: "op het Litouwse nummer van haar moeder: 8 612 40785".
const countryAdjectiveBefore = new RegExp(
  `(?<![\\p{L}])(${[...countryAdjectives.keys()].join('|')})[ \\t]+(?:nummer|nr|mobiel|gsm|number|mobile)(?![\\p{L}])[^\\n]{0,40}$`,
  'u',
)

/**
 * Finds a number written as at home in another country, without its calling code, after a phone
 * word on its line and with the adjective of that country before or after it ("gebeld op 61 5542 908
 * (Somalisch nummer, zonder 252)", "het Litouwse nummer van haar moeder: 8 612 40785"): 8 to 11 digits, the first not 0, that are a valid number of
 * that country by libphonenumber's metadata. Nine digits that pass the 11-check are left to the
 * BSN reading by the caller.
 *
 * @example
 * findCountryAdjectivePhones('gebeld op 61 5542 908 (Somalisch nummer)')[0]?.key // '+252615542908'
 */
export function findCountryAdjectivePhones(text: string): InternationalPhone[] {
  const found: InternationalPhone[] = []
  for (const match of text.matchAll(adjectiveDigitGroups)) {
    const digits = match[0].replace(/\D/g, '')
    // Without the calling code; or as written at home, with the trunk prefix ("0176 / 443 20 918").
    const trunk = /^0[1-9]/.test(digits)
    if (
      digits.length < (trunk ? 9 : 8) ||
      digits.length > (trunk ? 12 : 11) ||
      (!trunk && digits.startsWith('0'))
    )
      continue
    const end = match.index + match[0].length
    // Asked in order of cost: the adjective after, the phone word, then the adjective before.
    const after = countryAdjectiveAfter.exec(plainName(text.slice(end, end + 40)))
    if (!phoneCuedBefore(text, match.index)) continue
    const named = after ?? countryAdjectiveBefore.exec(plainName(lineBefore(text, match.index, 80)))
    const country = named ? countryAdjectives.get(named[1]!) : undefined
    if (!country) continue
    const number = parsePhoneNumberFromString(digits, country)
    if (!number || number.country !== country || !number.isValid()) continue
    found.push({ start: match.index, end, text: match[0], key: number.number })
  }
  return found
}

/** A country's name as {@link countryNames} holds it: lower case, no accents, single spaces, no dots. */
function plainName(name: string): string {
  return name.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/\./g, '').replace(/\s+/g, ' ')
}

/** Calling codes of places whose local numbers have seven digits: North America and the Caribbean, Aruba, Suriname, the Dutch Caribbean. */
const sevenDigitCodes = /^\+(?:1|297|597|599)/

// Seven digits as three and four ("318-3306", "871 4420"), not inside a longer number.
const sevenDigits = /(?<![\p{L}\p{N}+.,/-]|\d[ .-])\d{3}[ .-]\d{4}(?![\p{L}\p{N}]|[ .,/:-]\d)/gu

/**
 * Finds local numbers of seven digits ("Mrs. Hassell: 416-2287") in a note that also gives a
 * number (among those `found`) of a place where local numbers have seven digits (North America and the Caribbean,
 * Aruba, Suriname, the Dutch Caribbean): the note is written there, and seven digits in three and
 * four are its local numbers. Elsewhere they need a phone word (see {@link findCuedLocalPhones}).
 */
export function findSevenDigitLocalPhones(
  text: string,
  found: readonly { start: number; end: number; key: string }[],
): InternationalPhone[] {
  if (!found.some(({ key }) => sevenDigitCodes.test(key))) return []
  return [...text.matchAll(sevenDigits)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    text: match[0],
    key: match[0].replace(/\D/g, ''),
  }))
}

// Ten digits as three, three and four, the first not 0 or 1: "612 555 0192", "612-555-0192".
const threeThreeFour = /(?<![\p{L}\p{N}+.,/-])[2-9]\d{2}([ .-])\d{3}\1\d{4}(?![\p{L}\p{N}]|[.,/-]\d)/gu

/**
 * Finds North American numbers without the country code ("broer in Minneapolis (tel. 612 555
 * 0192)"): ten digits in three, three and four, a possible number of the United States or Canada,
 * after a phone word on the same line, or anywhere in a note that also gives a number with the
 * code +1 (among those `found`): "+1 (973) 555-0182, or 973-555-0147 at work". A Dutch number of
 * ten digits starts with 0.
 */
export function findNorthAmericanPhones(
  text: string,
  found: readonly { start: number; end: number; key: string }[],
): InternationalPhone[] {
  const northAmerican = found.some(({ key }) => key.startsWith('+1'))
  return possibleNumbers(text, threeThreeFour, { minDigits: 10, maxDigits: 10 }, ['US', 'CA']).filter(
    (phone) =>
      (northAmerican || phoneCuedBefore(text, phone.start)) &&
      // Not the digits of a number found with its code ("+1 617 555 0110").
      !found.some((other) => other.start < phone.end && other.end > phone.start),
  )
}

/**
 * Finds numbers written in the national form of a country (other than the Netherlands) whose
 * number the note already gives with its code (among those `found`): "Colombiaans nummer: +57 311
 * 672 0483 … zus in Bogotá: 312 448 9061". The note is about people there, and ten or eleven
 * digits in three groups or more, the first not 0, that make a valid number of that country by
 * libphonenumber's metadata are theirs; so are seven or eight digits in groups split by spaces
 * ("+238 991 47 22 … tante: 9 91 47 25"). Nine digits are left out: a BSN or a case number has
 * nine. Keyed by the number with its code.
 *
 * @example
 * findNationalPhonesOfCountries('+57 311 672 0483; zus 312 448 9061', [{ start: 0, end: 16, key: '+573116720483' }])[0]?.key // '+573124489061'
 */
export function findNationalPhonesOfCountries(
  text: string,
  found: readonly { start: number; end: number; key: string }[],
): InternationalPhone[] {
  const countries = new Set<CountryCode>()
  for (const { key } of found) {
    if (!key.startsWith('+') || key.startsWith('+31')) continue
    const country = parsePhoneNumberFromString(key)?.country
    if (country) countries.add(country)
  }
  if (countries.size === 0) return []
  const phones: InternationalPhone[] = []
  for (const match of [...text.matchAll(groupedDigits), ...text.matchAll(shortSpacedGroups)]) {
    const digits = match[0].replace(/\D/g, '')
    // Seven or eight digits only in groups split by spaces ("9 91 47 25" in Cape Verde), never by
    // dots (an amount, "2.500.000").
    if (digits.length < 7 || digits.length === 9 || digits.length > 11) continue
    if (digits.length < 10 && !/^[\d ]+$/.test(match[0])) continue
    const end = match.index + match[0].length
    // Both shapes may match the same digits: one span each.
    if (phones.some((phone) => phone.start < end && phone.end > match.index)) continue
    // One separator throughout, and no time after it: "20.03.2025 17:45" is a date and a time.
    if (new Set(match[0].replace(/\d/g, '')).size > 1 || /^:\d/.test(text.slice(end, end + 2))) continue
    if (found.some((other) => other.start < end && other.end > match.index)) continue
    for (const country of countries) {
      const number = parsePhoneNumberFromString(digits, country)
      if (!number?.isValid() || number.country !== country) continue
      phones.push({ start: match.index, end, text: match[0], key: number.number })
      break
    }
  }
  return phones
}

// Three or four groups split by one space, the first of one to four digits (not 0), the others of
// two to four: "9 91 47 25", "991 47 25" (a national number of seven or eight digits).
const shortSpacedGroups =
  /(?<![\p{L}\p{N}+.,/-]|\d[ .-])[1-9]\d{0,3}(?: \d{2,4}){2,3}(?![\p{L}\p{N}]|[ .,/-]\d)/gu

// Three to five groups of 2–4 digits, the first not 0, separated by one space, dot or dash, not
// within more of them: "532 618 40 29".
const groupedDigits =
  /(?<![\p{L}\p{N}+.,/-]|\d[ .-])[1-9]\d{1,3}(?:[ .-]\d{2,4}){2,4}(?![\p{L}\p{N}]|[ .,/-]\d)/gu

/**
 * Finds numbers of other countries written without their country code and without the 0 they
 * open with at home ("zoon in Kayseri, nummer 532 618 40 29"): 10 or 11 digits in three groups or
 * more, the first digit not 0, after a phone word on the same line and no word of a file or case
 * number, or right before one ("532 418 76 02 (Turks mobiel, zonder +90)"). A Dutch number of ten digits opens with 0; a case number or a BSN has nine digits and is
 * rarely grouped so. No country is checked: libphonenumber's metadata holds nearly any ten digits
 * possible somewhere. Keyed by the digits.
 *
 * @example
 * findCuedNationalPhones('Zoon in Kayseri, nummer 532 618 40 29')[0]?.text // '532 618 40 29'
 */
export function findCuedNationalPhones(text: string): InternationalPhone[] {
  const found: InternationalPhone[] = []
  for (const match of text.matchAll(groupedDigits)) {
    const key = match[0].replace(/\D/g, '')
    if (key.length < 10 || key.length > 11) continue
    if (!phoneCuedBefore(text, match.index) && !phoneCuedAfter(text, match.index + match[0].length)) continue
    found.push({ start: match.index, end: match.index + match[0].length, text: match[0], key })
  }
  return found
}
