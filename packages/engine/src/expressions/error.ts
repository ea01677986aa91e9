import { WarmflowError } from '../errors.js'
import type { LocalizedText } from '../i18n.js'

/** Thrown when an expression does not parse or fails while it is evaluated. */
export class ExpressionError extends WarmflowError {}

/** Which limit an expression ran into. */
export type ExpressionLimit =
  | 'text'
  | 'items'
  | 'built_text'
  | 'built_items'
  | 'steps'
  | 'depth'
  | 'time'
  | 'regex_text'
  | 'eval_length'
  | 'picture'

const limitTexts: Record<ExpressionLimit, (max: number) => LocalizedText> = {
  text: (max) => ({
    nl: `De expressie maakt een tekst van meer dan ${max} tekens.`,
    en: `The expression makes a text longer than ${max} characters.`,
  }),
  items: (max) => ({
    nl: `De expressie maakt een lijst van meer dan ${max} items.`,
    en: `The expression makes a list of more than ${max} items.`,
  }),
  built_text: (max) => ({
    nl: `De expressie maakt in totaal meer dan ${max} tekens tekst.`,
    en: `The expression makes more than ${max} characters of text in all.`,
  }),
  built_items: (max) => ({
    nl: `De expressie maakt in totaal meer dan ${max} items in lijsten.`,
    en: `The expression makes more than ${max} list items in all.`,
  }),
  steps: (max) => ({
    nl: `De expressie had meer dan ${max} stappen nodig.`,
    en: `The expression took more than ${max} steps.`,
  }),
  depth: (max) => ({
    nl: `De expressie is dieper genest dan ${max} (een functie die zichzelf eindeloos aanroept?).`,
    en: `The expression nests deeper than ${max} (a function that calls itself without end?).`,
  }),
  time: (max) => ({
    nl: `De expressie duurde langer dan ${max} milliseconden.`,
    en: `The expression took longer than ${max} milliseconds.`,
  }),
  regex_text: (max) => ({
    nl: `Een reguliere expressie mag in een tekst van hoogstens ${max} tekens zoeken.`,
    en: `A regular expression may search a text of at most ${max} characters.`,
  }),
  eval_length: (max) => ({
    nl: `$eval kreeg een expressie van meer dan ${max} tekens.`,
    en: `$eval got an expression longer than ${max} characters.`,
  }),
  picture: (max) => ({
    nl: `Een tekst of patroon voor een datum of getal mag hoogstens ${max} tekens lang zijn (of zo breed worden).`,
    en: `A text or picture for a date or number may be at most ${max} characters long (or that wide).`,
  }),
}

/** The error of an expression that ran into one of its limits: code `expression.limit`. */
export function limitError(limit: ExpressionLimit, max: number): ExpressionError {
  const text = limitTexts[limit](max)
  return new ExpressionError('expression.limit', `Expression stopped: ${text.en}`, {
    text,
    details: { limit, max },
  })
}

/**
 * The error of a regular expression that needs backtracking (a back-reference `\1`, a look-ahead
 * or look-behind) or is not valid: refused, as it cannot run in linear time. Code
 * `expression.regex`. The pattern itself is not repeated (through `$eval` it may come from data).
 */
export function regexError(): ExpressionError {
  return new ExpressionError(
    'expression.regex',
    'Regular expression is not supported: back-references and look-around need backtracking',
    {
      text: {
        nl: 'Deze reguliere expressie kan niet: terugverwijzingen (\\1) en vooruit- of terugkijken ((?=…), (?<=…)) zijn niet toegestaan.',
        en: 'This regular expression is not supported: back-references (\\1) and look-ahead or look-behind ((?=…), (?<=…)) are not allowed.',
      },
    },
  )
}
