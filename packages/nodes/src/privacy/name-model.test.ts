import { describe, expect, it } from 'vitest'
import { addModelNames, findPersonalData, nameKey, type PersonalDataSpan } from './detect.js'
import {
  decodeNameModel,
  encodeNameModel,
  featureBucket,
  modelBuckets,
  modelTokens,
  type NameModel,
  nameModel,
  nameProbability,
} from './name-model.js'

/** A model that finds nothing likely but the given words (by their own word feature). */
function modelOf(likely: string[], unlikely: string[] = []): NameModel {
  const weights = new Float32Array(modelBuckets)
  weights[featureBucket('b', '')] = -3
  for (const word of likely) weights[featureBucket('w', word)] = 10
  for (const word of unlikely) weights[featureBucket('w', word)] = -10
  return { weights }
}

const span = (text: string, part: string, kind: PersonalDataSpan['kind'] = 'NAAM'): PersonalDataSpan => {
  const start = text.indexOf(part)
  return { kind, start, end: start + part.length, text: part, key: nameKey(part) }
}

const texts = (spans: PersonalDataSpan[]) => spans.map((s) => s.text)

describe('the name model', () => {
  it('judges capitalised words and unknown lower-case words, not the Dutch words around them', () => {
    const tokens = modelTokens('gesprek met sirak en Marijkje over de huur')
    const judged = tokens.map((t) => t.norm)
    expect(judged).toEqual(expect.arrayContaining(['sirak', 'marijkje']))
    for (const word of ['gesprek', 'met', 'en', 'over', 'huur']) expect(judged).not.toContain(word)
    expect(tokens[0]!.features.length).toBeGreaterThan(20)
  })

  it('stores its weights in 16 bits and refuses a file of another format', () => {
    const weights = new Float32Array(modelBuckets)
    weights[7] = 2.5
    weights[99] = -1.25
    const back = decodeNameModel(encodeNameModel({ weights }))
    expect(back.weights[7]).toBeCloseTo(2.5, 3)
    expect(back.weights[99]).toBeCloseTo(-1.25, 3)
    expect(() => decodeNameModel(new Uint8Array(100))).toThrow(/not a Warmflow name model/)
  })

  it('ships a model that is read once and gives a probability', () => {
    const model = nameModel()
    expect(nameModel()).toBe(model)
    const [token] = modelTokens('Annemiekje')
    const p = nameProbability(model, token!)
    expect(p).toBeGreaterThan(0)
    expect(p).toBeLessThan(1)
  })
})

describe('the name model as a second opinion on the rules', () => {
  it('adds a likely word the rules passed over, joining neighbours into one name', () => {
    const text = 'Aangemeld door Maaikje Ummels, de POH.'
    const out = addModelNames(text, [], [], modelOf(['maaikje', 'ummels']))
    expect(texts(out)).toEqual(['Maaikje Ummels'])
    expect(out[0]!.key).toBe('maaikje ummels')
  })

  it('keeps names in a list of lines that open with a name before a dash, and after "dokter"', () => {
    const list = 'F. Tolhuis – val gehad\nK. Brinkgreve – schuldhulp loopt\nNasrin Kazemi – man terug'
    const names = [span(list, 'F. Tolhuis'), span(list, 'K. Brinkgreve'), span(list, 'Nasrin Kazemi')]
    const unlikely = modelOf([], ['tolhuis', 'brinkgreve', 'nasrin', 'kazemi'])
    expect(texts(addModelNames(list, names, [], unlikely))).toEqual([
      'F. Tolhuis',
      'K. Brinkgreve',
      'Nasrin Kazemi',
    ])
    // Two such lines are no list.
    const two = 'F. Tolhuis – val gehad\nNasrin Kazemi – man terug'
    expect(
      texts(addModelNames(two, [span(two, 'F. Tolhuis'), span(two, 'Nasrin Kazemi')], [], unlikely)),
    ).toEqual([])
    const doctor = 'heeft dokter van keulsteeg al gekeken'
    expect(
      texts(addModelNames(doctor, [span(doctor, 'van keulsteeg')], [], modelOf([], ['keulsteeg']))),
    ).toEqual(['van keulsteeg'])
  })

  it('extends a lower-case first name over the surname after it, also a compound of Dutch words', () => {
    const names = (text: string, words: string[]) => texts(addModelNames(text, [], [], modelOf(words)))
    expect(names('overleg met femke wolderinkhof over de aanvraag', ['femke'])).toEqual([
      'femke wolderinkhof',
    ])
    expect(names('sleutel ligt bij joost van de brinkhorst (werkgever)', ['joost'])).toEqual([
      'joost van de brinkhorst',
    ])
    // "vd" is two particles; a surname a list knows; a name right after the surname joins it.
    expect(names('mirjam vd zande pakt het op', ['mirjam'])).toEqual(['mirjam vd zande'])
    const joined = 'dhr jan harm wolderinkhof'
    expect(
      texts(addModelNames(joined, [span(joined, 'harm wolderinkhof')], [], modelOf(['jan', 'harm']))),
    ).toEqual(['jan harm wolderinkhof'])
    // A time, an organisation after one "van", and a word stay out of the name.
    expect(names('afspraak met femke zaterdagochtend', ['femke'])).toEqual(['femke'])
    expect(names('gesprek met femke van geldwijzerpunt', ['femke'])).toEqual(['femke'])
    expect(names('met femke boodschappen gedaan', ['femke'])).toEqual(['femke'])
  })

  it('adds a particle only in front of a name, and nothing in a place column of a table', () => {
    const caps = 'MW VAN THUISZORG BELDE. DHR VAN HALSEMA KOMT.'
    expect(texts(addModelNames(caps, [], [], modelOf(['van', 'halsema'])))).toEqual(['VAN HALSEMA'])
    const table = 'naam;relatie;wijkteam\nSowa;broer;Kibrom'
    expect(texts(addModelNames(table, [], [], modelOf(['kibrom', 'sowa'])))).toEqual(['Sowa'])
  })

  it('leaves what another detector found, and drops only names the model finds unlikely', () => {
    const text = 'Bel Noor op 06-12345678; schuld bij Zorvana.'
    const phone = span(text, '06-12345678', 'TELEFOON')
    const names = [span(text, 'Noor'), span(text, 'Zorvana')]
    const out = addModelNames(text, names, [phone], modelOf(['noor'], ['zorvana']))
    expect(texts(out)).toEqual(['Noor'])
  })

  it('keeps a name the rules found after a title or before an age in brackets, however unlikely', () => {
    const text = 'Mw. zorvana belt; kinderen Noor (7) en Zorvana.'
    const names = [span(text, 'zorvana'), span(text, 'Noor'), span(text, 'Zorvana')]
    const out = addModelNames(text, names, [], modelOf([], ['zorvana', 'noor']))
    // "Zorvana" at the end stays as well: the same word stays a name elsewhere in the note.
    expect(texts(out)).toEqual(['zorvana', 'Noor', 'Zorvana'])
    const plain = 'Bel zorvana; kinderen Noor en Zorvana.'
    const dropped = addModelNames(
      plain,
      [span(plain, 'zorvana'), span(plain, 'Noor'), span(plain, 'Zorvana')],
      [],
      modelOf([], ['zorvana', 'noor']),
    )
    expect(texts(dropped)).toEqual([])
  })

  it('adds no name right after a word for a kind of organisation, unless a person is shaped there', () => {
    const text = 'Tolk via Tolkcentrum Sabir; kerk Medhane Alem helpt. Gebeld met Sabir Alem.'
    const out = addModelNames(text, [], [], modelOf(['sabir', 'medhane', 'alem']))
    expect(texts(out)).toEqual(['Sabir Alem'])
    const nurse = 'Kraamzorg Wendy Weidebroek komt.'
    expect(texts(addModelNames(nurse, [], [], modelOf(['wendy', 'weidebroek'])))).toEqual([
      'Wendy Weidebroek',
    ])
  })

  it('adds no place no name list knows after a comma or in brackets at the end of a line', () => {
    const text = '1) dhr. Wolter Nijenhuis, Groenlo. Ook mw. Schra (Vollenhove)\nGroenlo belt.'
    const out = addModelNames(text, [], [], modelOf(['groenlo', 'vollenhove', 'nijenhuis', 'schra']))
    // Where a place opens a sentence the model still decides.
    expect(texts(out)).toEqual(['Nijenhuis', 'Schra', 'Groenlo'])
    expect(out[2]!.start).toBe(text.lastIndexOf('Groenlo'))
  })

  it('adds no word the note writes as a town after a postcode or in a column of places, anywhere in it', () => {
    const letter =
      'Baalderborg Groep, Hardenberg\nCliënt: Gerda Hunnewerf, Bruchterweg 61, 7772 BH Hardenberg'
    const model = modelOf(['hardenberg', 'gerda', 'hunnewerf'])
    expect(texts(addModelNames(letter, [], [], model))).toEqual(['Gerda Hunnewerf'])
    // A spreadsheet with commas and a quoted cell holding commas of its own.
    const csv =
      'Naam,Woonplaats,Toelichting\nAyaan Cawaale,Huizen,"ik wil, als het kan, les"\nBibliotheek, Huizen.'
    expect(texts(addModelNames(csv, [], [], modelOf(['huizen', 'ayaan', 'cawaale'])))).toEqual([
      'Ayaan Cawaale',
    ])
  })

  it('adds no name before a word that makes a firm, nor along an organisation name of several words', () => {
    const text = 'Brief van Davelaar Incasso. Wijkteam Purmerend Weidevenne belt. Oom Davelaar komt.'
    const out = addModelNames(text, [], [], modelOf(['davelaar', 'purmerend', 'weidevenne']))
    expect(texts(out)).toEqual(['Davelaar'])
    expect(out[0]!.start).toBe(text.lastIndexOf('Davelaar'))
  })

  it('adds no name that is the first part of a hyphened compound noun', () => {
    const text = 'Na de Webex-sessie belde Kwasi-Mensah; mw. Opoku-de Graaf kwam.'
    const out = addModelNames(text, [], [], modelOf(['webex', 'kwasi', 'mensah', 'opoku', 'graaf']))
    expect(texts(out)).toEqual(['Kwasi-Mensah', 'Opoku', 'Graaf'])
  })

  it('names a word again where it is named elsewhere in the note, unless it reads as a Dutch word there', () => {
    const text = 'Jorritske: bij de jumbo. Storm (12) belde.\njorritske: doe ik. de storm buiten.'
    const model = modelOf(['jorritske', 'storm'])
    model.weights[featureBucket('w-1', 'de')] = -8
    model.weights[featureBucket('w+1', 'doe')] = -9
    const out = addModelNames(text, [], [], model)
    expect(texts(out)).toEqual(['Jorritske', 'Storm', 'jorritske'])
    const once = addModelNames(text, [], [], model, { add: 0.5, keep: 0.2 })
    expect(texts(once)).toEqual(['Jorritske', 'Storm'])
  })

  it('names a lower-case word it does not judge where the note names it elsewhere, but no Dutch word', () => {
    const text = 'coaching wendelijn pronkhorst. moeder Anitsje Pronkhorst belde; de bakker ook. Ans Bakker.'
    const names = [span(text, 'Anitsje Pronkhorst'), span(text, 'Ans Bakker')]
    const out = addModelNames(text, names, [], modelOf([]), { add: 0.5, keep: 0, again: 0.05 })
    expect(texts(out)).toEqual(['pronkhorst', 'Anitsje Pronkhorst', 'Ans Bakker'])
  })

  it('extends a name over a lower-case double surname after it, not over two Dutch words', () => {
    const text =
      'buurvrouw truustsje van der lubbe-haarhuis komt. [10:01] hennechien brouwersteeg-snijderink: ja. met piet zelf-hulp'
    const names = [span(text, 'truustsje'), span(text, 'lubbe'), span(text, 'hennechien'), span(text, 'piet')]
    const out = addModelNames(text, names, [], modelOf([]), { add: 0.5, keep: 0 })
    expect(texts(out)).toEqual([
      'truustsje van der lubbe-haarhuis',
      'hennechien brouwersteeg-snijderink',
      'piet',
    ])
  })

  it('keeps a word that stays a name elsewhere in the text', () => {
    const text = 'Gesprek met Vattenfall; buurvrouw Ans Vattenfall helpt niet.'
    const names = [span(text, 'Vattenfall'), span(text, 'Ans Vattenfall')]
    const out = addModelNames(text, names, [], modelOf(['ans'], ['vattenfall']))
    expect(texts(out)).toEqual(['Vattenfall', 'Ans Vattenfall'])
  })

  it('is on by default; `names: "rules"` gives the rules alone, and `notNames` still holds', () => {
    const text = 'thx Annemiekje'
    const rules = findPersonalData(text, { names: 'rules' })
    const both = findPersonalData(text)
    expect(texts(rules)).toEqual([])
    expect(texts(both)).toEqual(['Annemiekje'])
    expect(texts(findPersonalData(text, { notNames: ['Annemiekje'] }))).toEqual([])
  })
})
