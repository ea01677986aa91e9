import type { LocalizedText } from '../i18n.js'

/**
 * What kind of failure a JSONata error code stands for, in Dutch and English. JSONata's own
 * messages embed the value that failed (`Unable to cast value to a number: "<a name>"`); Warmflow
 * shows the kind, the code and the position instead, so no value of a run ends up in a message, a
 * log line or Temporal's history.
 */
const kinds: Array<[RegExp, LocalizedText]> = [
  [/^S0/, { nl: 'fout in de schrijfwijze', en: 'syntax error' }],
  [
    /^T041/,
    {
      nl: 'een functie kreeg een waarde van de verkeerde soort',
      en: 'a function got a value of the wrong type',
    },
  ],
  [/^(D3030|T2001|T2002|D1002)$/, { nl: 'geen getal', en: 'not a number' }],
  [
    /^(T2003|T2004)$/,
    { nl: 'een reeks (..) heeft hele getallen nodig', en: 'a range (..) needs whole numbers' },
  ],
  [
    /^(T2007|T2008|T2009|T2010)$/,
    { nl: 'waarden van een verschillende soort vergeleken', en: 'values of different types compared' },
  ],
  [/^(T1005|T1006|T1007|T1008|T2006|T2013)$/, { nl: 'geen functie', en: 'not a function' }],
  [/^(D1001|D3001|D3060|D3061)$/, { nl: 'getal buiten bereik', en: 'number out of range' }],
  [
    /^D1004$/,
    {
      nl: 'de reguliere expressie past op een lege tekst',
      en: 'the regular expression matches an empty text',
    },
  ],
  [
    /^D1011$/,
    {
      nl: 'te diep genest (een functie die zichzelf eindeloos aanroept?)',
      en: 'nested too deeply (a function that calls itself without end?)',
    },
  ],
  [/^D1012$/, { nl: 'duurde te lang', en: 'took too long' }],
  [/^(D2014|D2015)$/, { nl: 'te veel items', en: 'too many items' }],
  [/^(T1003|D1009|D1013|T2011|T2012)$/, { nl: 'ongeldig object', en: 'invalid object' }],
  [
    /^(D3010|D3011|D3012|D3020|D3040|D3050|D3070)$/,
    {
      nl: 'een functie kreeg een waarde die ze niet kan gebruiken',
      en: 'a function got a value it cannot use',
    },
  ],
  [/^(D308|D309|D3100|D3130|D3131)/, { nl: 'ongeldig getalpatroon', en: 'invalid number picture' }],
  [/^(D3110|D313[2-6])$/, { nl: 'geen geldige datum of tijd', en: 'not a valid date or time' }],
  [/^D3137$/, { nl: 'de expressie stopte met $error', en: 'the expression stopped with $error' }],
  [/^D3141$/, { nl: 'een $assert klopte niet', en: 'an $assert failed' }],
  [
    /^(D3138|D3139)$/,
    { nl: '$single vond niet precies één resultaat', en: '$single did not find exactly one result' },
  ],
  [/^D3140$/, { nl: 'ongeldige URL', en: 'malformed URL' }],
]

const unknownKind: LocalizedText = { nl: 'fout bij het uitrekenen', en: 'evaluation error' }

/** The kind of failure behind a JSONata error code, in Dutch and English. */
export function kindOf(code: string | undefined): LocalizedText {
  if (code === undefined) return unknownKind
  for (const [pattern, kind] of kinds) if (pattern.test(code)) return kind
  return unknownKind
}

/**
 * The JSONata code of an error (looking through `$eval`'s wrapper to the error inside) and its
 * position in the expression. Nothing else of the error is read: its other fields hold values.
 */
export function jsonataFacts(cause: unknown): { code?: string; position?: number } {
  const outer = cause as { position?: unknown } | undefined
  const position = outer !== null && typeof outer === 'object' ? outer.position : undefined
  let error = cause as { code?: unknown; error?: unknown } | undefined
  // `$eval` wraps the error of the expression it ran (D3120 syntax, D3121 evaluation).
  while (
    error !== null &&
    typeof error === 'object' &&
    (error.code === 'D3120' || error.code === 'D3121') &&
    typeof error.error === 'object' &&
    error.error !== null
  ) {
    error = error.error as typeof error
  }
  if (error === null || typeof error !== 'object') return {}
  return {
    ...(typeof error.code === 'string' && /^[A-Z]\d{4}$/.test(error.code) ? { code: error.code } : {}),
    ...(typeof position === 'number' && Number.isInteger(position) ? { position } : {}),
  }
}
