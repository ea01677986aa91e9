/**
 * Finds people's names in Dutch free text without help from form fields.
 *
 * Two sources of evidence are combined:
 * - lexicons: first names and surnames of the people of the Netherlands, Dutch words, and places
 *   and other proper nouns that are not people (see `lexicon.ts`);
 * - context: a title or initials ("mw.", "dhr.", "J."), a family, network or job word right before
 *   ("zoon", "buurvrouw", "huisarts"), a greeting or a signature, and above all capitalisation: in
 *   Dutch a capitalised word in the middle of a sentence that is not a known word, place or
 *   organisation is nearly always a name.
 *
 * A word that is also a surname ("slager", "Molenaar", "Kok") is a name when it is written as a
 * name (capitalised mid-sentence, after a title or a family word) and a word when it is written as
 * a word ("de slager op de hoek"): the decision comes from the context, not from a list of
 * exceptions. Work is linear in the length of the text: one pass over the words, a bounded number
 * of look-ups per word.
 */
import { lexicons, normaliseWord } from './lexicon.js'

/** A name found in a text. */
export interface NameSpan {
  start: number
  end: number
  text: string
}

/** A word of a text as the rules read it. */
export interface Token {
  start: number
  end: number
  text: string
  norm: string
  /** 'title': Capitalised, 'upper': ALL CAPS, 'lower': all lower case, 'mixed': WhatsApp. */
  shape: 'title' | 'upper' | 'lower' | 'mixed'
  /** The text between the previous token and this one. */
  gap: string
  sentenceStart: boolean
  /** Index of the last line break before the token, or -1. */
  lineStart: number
}

/**
 * True when `gap` is one or more spaces or tabs and nothing else (`/^[ \t]+$/`). The rules ask this
 * of the gaps between words some 2,000 times per note; a loop answers it faster than a regular
 * expression.
 */
function spacesOnly(gap: string): boolean {
  if (gap.length === 0) return false
  for (let i = 0; i < gap.length; i++) {
    const c = gap.charCodeAt(i)
    if (c !== 32 && c !== 9) return false
  }
  return true
}

/** True when `gap` is one space or one tab (`/^[ \t]$/`). */
function oneSpace(gap: string): boolean {
  return gap === ' ' || gap === '\t'
}

/** True when `gap` is `mark` with only spaces or tabs around it (`/^[ \t]*,[ \t]*$/` for a comma). */
function onlyWithSpaces(mark: string, gap: string): boolean {
  const at = gap.indexOf(mark)
  if (at === -1) return false
  for (let i = 0; i < gap.length; i++) {
    const c = gap.charCodeAt(i)
    if (i !== at && c !== 32 && c !== 9) return false
  }
  return true
}

/** True when `gap` ends in `mark` and any spaces or tabs (`/,[ \t]*$/` for a comma). */
function endsWith(gap: string, mark: string): boolean {
  let i = gap.length - 1
  while (i >= 0 && (gap.charCodeAt(i) === 32 || gap.charCodeAt(i) === 9)) i--
  return i >= 0 && gap[i] === mark
}

/** True when a colon and a space or tab follow position `at`, after any spaces or tabs (`/^[ \t]*:[ \t]/`, within 3 characters). */
function colonAt(text: string, at: number): boolean {
  const end = Math.min(text.length, at + 3)
  let i = at
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++
  return i + 1 < end && text[i] === ':' && (text[i + 1] === ' ' || text[i + 1] === '\t')
}

/** True for the characters `\s` matches in a regular expression. */
function isWhiteSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}

/** True when `gap` is `mark` with only white space around it (`/^\s*\(\s*$/` for a bracket). */
function onlyWithWhiteSpace(mark: string, gap: string): boolean {
  const at = gap.indexOf(mark)
  if (at === -1) return false
  for (let i = 0; i < gap.length; i++) if (i !== at && !isWhiteSpace(gap.charCodeAt(i))) return false
  return true
}

/** True when `gap` is white space, with a full stop before it and a comma in it, each if any (`/^\.?\s*,?\s*$/`). */
function commaGap(gap: string): boolean {
  let i = gap[0] === '.' ? 1 : 0
  while (i < gap.length && isWhiteSpace(gap.charCodeAt(i))) i++
  if (gap[i] === ',') i++
  while (i < gap.length && isWhiteSpace(gap.charCodeAt(i))) i++
  return i === gap.length
}

/** The words that close a message ("Groetjes Stijn"): never part of the name after them. */
const signOffWords = new Set([
  'groet',
  'groeten',
  'groetjes',
  'liefs',
  'doei',
  'mvg',
  'hoogachtend',
  'pozdrawiam',
  'pozdrowienia',
  'saludos',
  'abrazos',
  'cumprimentos',
  'beijos',
  'grusse',
  'cordialement',
  'bisous',
  'selamlar',
  'sevgiler',
  'groetnis',
  'danki',
  'tangi',
])

/** Particles of names ("van der", "El", "Ait", "ter"): they belong to the surname that follows. */
export const nameParticles: ReadonlySet<string> = new Set([
  'van',
  'de',
  'der',
  'den',
  'het',
  'ten',
  'ter',
  'te',
  't',
  'in',
  'op',
  'el',
  'al',
  'ait',
  'ben',
  'bin',
  'abu',
  'von',
  'le',
  'la',
  'da',
  'di',
  'dos',
  'du',
  'del',
  'della',
  'mc',
  'a',
  'ould',
  'oulad',
])
/** Particles that start an Arabic or Berber surname and are written with a capital ("El Amrani"). */
const capitalParticles = new Set([
  'el',
  'al',
  'ait',
  'ben',
  'bin',
  'abu',
  'oulad',
  'ould',
  'van',
  'de',
  'ter',
  'ten',
])

/** Titles and forms of address: never part of the name, but announce one. */
const titles = new Set([
  'mw',
  'mevr',
  'mevrouw',
  'mvr',
  'mej',
  'dhr',
  'hr',
  'heer',
  'meneer',
  'mnr',
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'drs',
  'ir',
  'ing',
  'prof',
  'juf',
  'juffrouw',
  'meester',
  'zuster',
  // "zr. Spreeuwdijk": a nurse, as nursing notes write "zuster".
  'zr',
  // "wed. Tetterodde-Kleverduin": a widow, as registers write "weduwe".
  'wed',
  'broeder',
  'dokter',
  'pastor',
  'imam',
  'ds',
  'pater',
  // Clergy before a name ("pastoor Wolfs", "dominee Visser", "padre Brito").
  'pastoor',
  'dominee',
  'predikant',
  'rabbijn',
  'padre',
  'diaken',
  'kapelaan',
  // A Hindu priest ("pandit Ramsaroep").
  'pandit',
  // French- and English-speaking churches ("pasteur Anacréon", "reverend Mensah").
  'pasteur',
  'reverend',
  'fam',
  'familie',
  'gezin',
  'frau',
  'herr',
  // Italian, Spanish, Portuguese and French ("la signora Pina", "il signor Hekkelder")
  'signora',
  'signor',
  'signore',
  'senora',
  'senor',
  'senhora',
  'senhor',
  'madame',
  'monsieur',
])

/** Titles that are whole words: a dot after them ends the sentence ("– juf. Vaste lasten …"). */
const fullWordTitles = new Set([
  'mevrouw',
  'meneer',
  'heer',
  'juf',
  'juffrouw',
  'meester',
  'zuster',
  'broeder',
  'dokter',
  'pastor',
  'imam',
  'pater',
  'pastoor',
  'dominee',
  'predikant',
  'rabbijn',
  'diaken',
  'kapelaan',
  'pandit',
  'pasteur',
  'reverend',
  'miss',
  'familie',
])

/** Family, network and job words after which a capitalised word is a person. */
const roleWords = new Set([
  // family
  'zoon',
  'zoontje',
  'dochter',
  'dochtertje',
  'kind',
  'partner',
  'ex',
  'expartner',
  'exman',
  'exvrouw',
  'echtgenoot',
  'echtgenote',
  'man',
  'vrouw',
  'vriend',
  'vriendin',
  'vriendje',
  'vriendinnetje',
  'zus',
  'zusje',
  'zuster',
  'broer',
  'broertje',
  'moeder',
  'vader',
  'mama',
  'papa',
  'mam',
  'pap',
  'ma',
  'pa',
  'oma',
  'opa',
  'tante',
  'oom',
  'nicht',
  'neef',
  'nichtje',
  'neefje',
  'schoonzoon',
  'schoondochter',
  'schoonmoeder',
  'schoonvader',
  'schoonzus',
  'zwager',
  'kleinzoon',
  'kleindochter',
  'kleinkind',
  'stiefvader',
  'stiefmoeder',
  'stiefzoon',
  'stiefdochter',
  'pleegmoeder',
  'pleegvader',
  'pleegzoon',
  'pleegdochter',
  'baby',
  'verloofde',
  'kinderen',
  'dochters',
  'broers',
  'zussen',
  'ouders',
  'kleinkinderen',
  // network
  'buurvrouw',
  'buurman',
  'buurjongen',
  'buurmeisje',
  'kennis',
  'mantelzorger',
  'vrijwilliger',
  'vrijwilligster',
  'maatje',
  'contactpersoon',
  'huisgenoot',
  'overbuurvrouw',
  'overbuurman',
  'klasgenoot',
  'klasgenote',
  'huisbaas',
  'verhuurder',
  'verhuurster',
  'hospita',
  // professionals
  'huisarts',
  'poh',
  'praktijkondersteuner',
  'wijkverpleegkundige',
  'verpleegkundige',
  'casemanager',
  'bewindvoerder',
  'voogd',
  'gezinsvoogd',
  'jeugdbeschermer',
  'curator',
  'mentor',
  'begeleider',
  'begeleidster',
  'consulent',
  'consulente',
  'collega',
  'schuldhulpverlener',
  'schuldhulpmaatje',
  'jeugdconsulent',
  'tolk',
  'wijkagent',
  'agent',
  'hoofdagent',
  'brigadier',
  'rechercheur',
  'coordinator',
  'advocaat',
  'therapeut',
  'psycholoog',
  'psychiater',
  'fysiotherapeut',
  'ergotherapeut',
  'werker',
  'coach',
  'wijkcoach',
  'docent',
  'leerkracht',
  'directeur',
  'teamleider',
  'leidinggevende',
  'clientondersteuner',
  'ouderenadviseur',
  'jongerenwerker',
  'jeugdarts',
  'arts',
  'specialist',
  'tandarts',
  'apotheker',
  'klantmanager',
  'trajectbegeleider',
  'regisseur',
  'medewerker',
  'medewerkster',
  'behandelaar',
  'verwijzer',
  'thuiszorgmedewerker',
  'wijkcoach',
  'client',
  'cliente',
  'cl',
  'klant',
  'bewoner',
  'bewoonster',
  'aanvrager',
  'genaamd',
  'heet',
  'naam',
  'tnv',
  'tav',
  // English fragments
  'wife',
  'husband',
  'son',
  'daughter',
  'mother',
  'father',
  'brother',
  'sister',
  'friend',
  'neighbour',
  'neighbor',
  'cousin',
  'aunt',
  'aunty',
  'auntie',
  'uncle',
  'grandmother',
  'grandfather',
  'grandma',
  'grandpa',
  'nephew',
  'niece',
  'boyfriend',
  'girlfriend',
  'colleague',
  'caseworker',
  // German fragments ("Mein Vater G. Brückmann", "Meine Tochter Jade")
  'vater',
  'mutter',
  'sohn',
  'tochter',
  'bruder',
  'schwester',
  'ehemann',
  'ehefrau',
  'enkelin',
  'nachbar',
  'nachbarin',
  'onkel',
  'schwiegersohn',
  'schwiegertochter',
])

/** Role words that do not announce a person at the end of a compound ("mensenkennis", "ketenpartner"). */
const notCompoundRoles = new Set(
  'kennis partner naam heet genaamd tnv tav cl client cliente klant ex man kind'.split(' '),
)

const roleCache = new Map<string, boolean>()

/**
 * True for a family, network or job word, also a compound that ends in one after a Dutch word
 * ("taalmaatje", "sportcoach", "gezinscoach", "praktijkverpleegkundige"): such a word announces a
 * person as its last part does.
 */
function isRole(norm: string): boolean {
  if (roleWords.has(norm)) return true
  if (norm.length < 7 || norm.length > 30) return false
  let known = roleCache.get(norm)
  if (known === undefined) {
    known = false
    const { words } = lexicons()
    for (let k = 3; k <= norm.length - 4 && !known; k++) {
      const tail = norm.slice(k)
      if (!roleWords.has(tail) || notCompoundRoles.has(tail)) continue
      const head = norm.slice(0, k)
      known = words.has(head) || (/[se]$/.test(head) && words.has(head.slice(0, -1)))
    }
    if (roleCache.size > 10_000) roleCache.clear()
    roleCache.set(norm, known)
  }
  return known
}

const greetings = new Set([
  'hoi',
  'hai',
  'hallo',
  'beste',
  'dag',
  'hi',
  'hey',
  'hee',
  'yo',
  'hej',
  'goedemorgen',
  'goedemiddag',
  'goedenavond',
  'lieve',
  'geachte',
  'dear',
  'hello',
  'morning',
])
// Also the sign-offs of the other languages of the notes: "Pozdrawiam,", "Saludos,", "Grüße",
// "Cordialement", "Selamlar", "Groetnis" (Frisian), "Danki" (Papiamentu), "Tangi" (Sranan).
const signOff =
  /(?:(?:groet(?:en|jes)?|gr\.?|mvg|m\.v\.g\.|regards|liefs|doei|thanks|thnx|thx|tnx|bvd|bedankt|dank(?:je(?:wel)?)?|cheers|namens|best wishes|love|pozdrawiam|pozdrowienia|saludos|un abrazo|abrazos|cumprimentos|abraços|beijos|grüße|grüsse|gruß|lg|mfg|cordialement|bisous|amitiés|selamlar|saygılarımla|sevgiler|groetnis|danki|tangi|shukran)[\s,.!:-]*\n\s*|(?:^|\n)[ \t]*(?:groet(?:en|jes)?|gr|mvg|liefs|doei|xx?|pozdrawiam|saludos|abrazos|cumprimentos|beijos|grüße|lg|cordialement|bisous|selamlar|sevgiler|groetnis|danki|tangi)[ \t,]+)$/i

/** True when a sign-off ("Met vriendelijke groet,⏎", "Pozdrawiam, ") stands right before `start`. */
export function signedOffBefore(text: string, start: number): boolean {
  return signOff.test(text.slice(Math.max(0, start - 40), start))
}

/**
 * True when the name from `start` to `end` stands alone in quotes before a verb that only people
 * do, as its subject: a nickname ("'Tito' belde", "\"Bilaal\" belt").
 */
export function quotedBeforePersonVerb(text: string, start: number, end: number): boolean {
  const open = text[start - 1]
  return (
    open !== undefined &&
    /['‘’"“”]/.test(open) &&
    /['‘’"“”]/.test(text[end] ?? '') &&
    nicknameVerb(/^[ \t]+(\p{Ll}+)(?:[ \t]+(\p{L}+))?/u.exec(text.slice(end + 1, end + 30)))
  )
}

/** A verb only people do, with no subject after it ("\"Galatoomaa\" zei mw." quotes her). */
function nicknameVerb(m: RegExpExecArray | null): boolean {
  if (!m || !personVerbs.has(m[1]!)) return false
  const next = m[2]?.toLowerCase()
  return next === undefined || (!titles.has(next) && !subjectPronouns.has(next) && !isRole(next))
}

/** The words of a space-separated list, as a set. */
const wordSet = (list: string) => new Set(list.split(/\s+/).filter(Boolean))

/** Dutch closed-class words, verb forms and note abbreviations that are never names. */
const functionWords = wordSet(
  'aan al alle alles als alsof altijd ander andere anders bij bijna binnen boven buiten dan dat de deze die dit doch door dus een eens eer en enig enige er erg even geen haar hare heb hebben heeft hem hen het hier hij hoe hoewel hun ik in is ja je jij jou jouw juist kan kon konden kunnen maar me meer men met mij mijn mijne moest moesten moet moeten na naar naast niet niets nog nooit nu of ofwel om omdat onder ons onze ook op over per reeds rond sinds sommige tegen tenzij ter tijdens toch toe tot tussen u uit uw van vanaf vandaag veel voor vooral waar waarom wanneer want waren was wat we wel welk welke werd werden wie wij wil wilde wilden wordt worden zal ze zelf zich zij zijn zo zoals zodat zonder zou zouden zullen zo ' +
    'ben bent kwam kwamen ging gingen gaat gaan had hadden deed deden zei zeiden zag zagen liep bleef bleven gaf gaven nam namen kreeg kregen wist dacht bracht zat zaten lag stond stonden mocht mochten kon wou wilde ligt zit staat komt doet zegt weet' +
    ' allen allemaal iedereen namens cl clt mw mevr dhr ivm zsm mbt tel nr ca jr mnd wk ivm evt ovv vlgs obv mn zn zn vd bv oa ff tm tnv tav ihkv ipv ism dmv bijv resp afd nvt bsn ok oke okee jl jl.' +
    ' maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni juli augustus september oktober november december ' +
    'feb mrt apr jun jul aug sep sept okt nov dec ma di wo do vr za zo',
)

/** Verbs that only a person does, right after a name: "Kok belt terug", "Roos vertelde". */
const personVerbs = wordSet(
  'belt belde mailt mailde appt appte zegt zei vraagt vroeg vertelt vertelde meldt meldde woont woonde werkt werkte wil wilde komt kwam helpt hielp zorgt zorgde geeft gaf laat liet heeft had vindt vond denkt dacht voelt voelde weet wist hoopt hoopte schrijft schreef',
)

/** Abbreviations written with a dot in notes; the dot does not end the sentence. */
const abbreviations = wordSet(
  'cl clt ca nr tel evt ivm jr mnd bijv bv oa vlgs mbt zgn nl resp afd tav tnv wk vd ipv ism dmv ca st geb',
)

/** Common English words, for English fragments in notes. */
const englishWords = wordSet(
  'the a an and or but of to in on at for with from by about as is are was were be been being have has had do does did will would can could should may might must shall not no yes this that these those it its he she his her they them their we our you your i me my please note thanks thank regards kind best dear hello hi update client meeting call prefers during next week today tomorrow appointment asap fyi see attached let know if any questions sorry english dutch' +
    ' sent via iphone android mobile app quick just need needs want come go going call called send signed forms form letter ' +
    'help meet house home rent pay paid money sick ill hospital doctor case worker also only still again here there now soon ' +
    'later who what where when why how we us can cannot cant will would thx ok okay referred monday tuesday wednesday thursday friday ' +
    'saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays weekends morning afternoon evening tonight bigger small big new old good bad ' +
    'january february march april may june july august september october november december owes owe owed ' +
    'referral visit visits report note debt church follow phone agreed summary action plan issue concerns',
)

/** Endings of organisations, places, streets and laws written as one capitalised compound. */
const properEndingPattern =
  /^(\p{L}{4,}?)(?:straat|laan|weg|plein|gracht|kade|singel|dijk|dreef|hof|pad|steeg|park|markt|veld|plantsoen|haven|wijk|dam|dorp|stad|kerk|school|college|centrum|kliniek|ziekenhuis|huis|zorg|groep|werk|bank|team|loket|dienst|fonds|wet|raad|bureau|instituut|stichting|vereniging|plaza|campus|academie|universiteit|gemeente|provincie|regio|wonen|woningen|hulp|maatje|incasso|care|energie|finance|buurt|kwartier)$/u

/** Street words at the end of a compound: "Nieuwstraat", "Kerkweg", "Stationsplein". */
const streetEnding =
  /^\p{L}{3,}(?:straat|weg|laan|plein|kade|gracht|singel|dreef|steeg|pad|dijk|markt|plantsoen)$/u

/** Adjectives that open the name of a street: "Korte Nieuwstraat", "Oude Gracht", "Lange Voorhout". */
const streetAdjectives = wordSet(
  'korte lange oude nieuwe grote kleine hoge lage brede smalle achter voor noorder zuider ooster wester groene zwarte witte rode gouden',
)

/** Endings of Dutch place names that surnames with "van" carry ("van Ravensteijn", "van Zuylekom"). */
const toponymEnding =
  /(?:steijn|stein|beek|broek|hoven|donk|horst|kamp|voort|bergen|berg|dijk|veen|loo|gaarden|burg|burgh|burch|hout|holt|werf|sloot|weerd|waarden|zande|velde|rooij|vliet|kom|kum|hem|sum|woud|woude|woudt|wold|wolde|hoek|rode|rade|ingen|hoeve|zijl|stee)$/

/** Endings that are also common in surnames ("Ghebrehiwet", "Heetkamp", "Bleumveld", "Ter Huis"). */
const surnameLikeEnding = /(?:dijk|hof|pad|park|veld|haven|wijk|dam|dorp|huis|werk|wet|bank)$/

/**
 * True for a capitalised compound that names a street, a place, a law or an organisation
 * ("Rietdekkerstraat", "Participatiewet", "Gezondheidscentrum"). For endings that surnames share,
 * the first part must be a Dutch word itself ("Woningwet", not "Ghebrehiwet").
 */
const properEnding = {
  test(norm: string): boolean {
    const m = properEndingPattern.exec(norm)
    if (!m) return false
    if (!surnameLikeEnding.test(norm)) return true
    const head = m[1]!
    const { words } = lexicons()
    return words.has(head) || (/[se]$/.test(head) && words.has(head.slice(0, -1)))
  },
}

/** Lower-case words a place follows, never a person: "in", "uit", "vanuit", "wijkteam", "wijkkrant". */
const placeBefore =
  /^(?:in|uit|vanuit|(?:wijk|buurt|dorps|gebieds|wijkzorg)team|(?:wijk|buurt|dorps)krant|stadsdeel|(?:wijk|buurt)(?:centrum|punt|balie))$/

const placePrepositions = new Set([
  'in',
  'uit',
  'naar',
  'te',
  'rond',
  'nabij',
  'richting',
  'gemeente',
  'regio',
  'provincie',
  'vlakbij',
  'omgeving',
  'centrum',
  'station',
  'wijk',
  'from',
])

/**
 * Nouns for a kind of organisation ("woningcorporatie", "energieleverancier", "supermarkt",
 * "Stichting"): the capitalised word right after one is the organisation's name ("woningcorporatie
 * Mitros"), not a person. Matched on the ending, so compounds count too.
 */
const organisationKindWords = (
  'gebroeders gebr eglise church mosque camii bewindvoering corporatie woningbouw ' +
  'verzekeraar leverancier bedrijf bureau stichting instelling organisatie aanbieder ' +
  'maatschappij winkel supermarkt verhuurder bank fonds ziekenhuis kliniek gemeente opvang ' +
  'kantoor loket vereniging werkgever webshop keten school college provider uitzender ' +
  'incasso omroep kinderopvang thuiszorg zorggroep uitvaart netbeheerder waterbedrijf ' +
  'platform merk firma zaak instantie schuldeiser crediteur schuldeisers crediteuren ' +
  'centrum praktijk apotheek buurthuis wijkteam zorgaanbieder huisartsenpost huurbaas ' +
  'werkplein erij afdeling moskee kerk parochie synagoge tempel locatie vestiging ' +
  'buurtkamer wijkkamer verpleeghuis verzorgingshuis zorghuis woonzorg hospice basisschool ' +
  'masjid mescidi huize igreja iglesia mandir gurdwara kraamzorg fysio fysiotherapie ' +
  'logopedie toko team jongerenwerk welzijnswerk buurtwerk bewind gymnasium lyceum atheneum ' +
  'inkasso fellowship fundashon fundacion fundação fondation sentro gereja klinik ' +
  // Shops and trades before their owner's name ("Fietsen Kok", "Hotel Faber", "Warung Mini").
  'hotel garage autobedrijf rijschool kapsalon restaurant cafetaria snackbar warung salon fietsen ' +
  'tweewielers bakkerij slagerij dorpsbelang doarpsbelang'
)
  .trim()
  .split(' ')
const organisationNoun = new RegExp(`(?:${organisationKindWords.join('|')})$`)

/**
 * A compound of at least three letters and a kind of organisation ("Calandlyceum", "Zorgcentrum").
 * Kinds that also end surnames are left out ("Ter Winkel", "Verbank", "Huize"), and "kerk" counts
 * only after a saint's genitive ("Pauluskerk", not "Ouwerkerk").
 */
const compoundKinds: ReadonlySet<string> = new Set([
  ...organisationKindWords.filter(
    (kind) => kind.length >= 4 && !/^(?:winkel|bank|erij|huize|kerk)$/.test(kind),
  ),
  'cafe',
  'skerk',
])
const longestKind = Math.max(...[...compoundKinds].map((kind) => kind.length))

function organisationCompound(norm: string): boolean {
  if (norm.length < 7) return false
  let known = compoundCache.get(norm)
  if (known === undefined) {
    known = false
    for (let n = 4; n <= longestKind && n <= norm.length - 3; n++)
      if (compoundKinds.has(norm.slice(-n))) {
        known = /^\p{L}+$/u.test(norm)
        break
      }
    if (compoundCache.size > 50_000) compoundCache.clear()
    compoundCache.set(norm, known)
  }
  return known
}
const compoundCache = new Map<string, boolean>()

/**
 * True when the text names a pet anywhere (asked once per text): a word that opens with one, as
 * {@link petBefore} needs ("indicatie" holds "cat" and names none).
 */
function mentionsPets(text: string): boolean {
  if (text !== petsFor) {
    petsFor = text
    petsIn =
      /(?<![\p{L}])(?:hond|kat|poes|konijn|cavia|paard|pony|parkiet|papegaai|huisdier|pup|dog|cat)/iu.test(
        text,
      )
  }
  return petsIn
}
let petsFor: string | undefined
let petsIn = false

/** A pet right before a word, perhaps with "die heet" ("de hond Bolle", "kat, die heet Poes"). */
const petBefore =
  /(?:^|[^\p{L}])(?:hond|kat|poes|kater|konijn|cavia|paard|pony|parkiet|papegaai|huisdier|pup|dog|cat)(?:je|jes|en|s)?(?:[ \t]*,)?[ \t]+(?:(?:die|dat|which|who)[ \t]+)?(?:(?:heet|heten|genaamd|named|called)[ \t]+)?$/iu

/** The words of {@link organisationNoun} themselves: "Église", "Camii", "Stichting". */
const organisationKinds: ReadonlySet<string> = new Set(organisationKindWords)

/** Professions whose plural, capitalised, opens the name of a firm or a practice. */
const firmProfessions =
  /(?:arts|advocaat|notaris|deurwaarder|therapeut|psycholoog|psychiater|bewindvoerder|verloskundige|apotheker|accountant|makelaar|specialist|logopedist|dietist|mediator|jurist|adviseur|administrateur|boekhouder|tandtechnicus)$/

/**
 * True for a capitalised plural of a profession: "Advocaten Kremer", "Gerechtsdeurwaarders
 * Flanderijn", "Huisartsen Oosterpark", "Notarissen Van Dijk" name a firm or a practice, not a
 * person. Family and network words are not professions here ("Broers Ahmed en Karim").
 */
function firmOfProfessionals(t: Readonly<Token>): boolean {
  if (t.shape !== 'title' && t.shape !== 'upper') return false
  const w = t.norm
  const stems: string[] = []
  if (w.endsWith('s')) stems.push(w.slice(0, -1))
  if (w.endsWith('en')) {
    const stem = w.slice(0, -2)
    stems.push(stem)
    // "advocaten" → "advocaat", "psychologen" → "psycholoog": the vowel doubles again.
    stems.push(stem.replace(/([aeou])([^aeiou])$/, '$1$1$2'))
  }
  if (w.endsWith('sen')) stems.push(w.slice(0, -3))
  return stems.some((stem) => stem.length >= 4 && firmProfessions.test(stem))
}

/**
 * Words right after a capitalised name that make it the name of an organisation: "Van Dijk &
 * Partners", "Otto Workforce", "Buurtzorg Jong" does not qualify, "Delta Fiber", "Jansen B.V.".
 */
const organisationWordAfter = wordSet(
  'bv nv vof groep group holding zorg zorggroep wonen woningen energie energy thuiszorg welzijn incasso finance financial bank bankiers verzekeringen insurance ' +
    'nederland nl partners services diensten advies advocaten bewindvoering makelaars uitzendbureau uitzendgroep workforce personeelsdiensten fiber telecom mobile ' +
    'vastgoed beheer schoonmaak logistics foods supermarkt supermarkten kinderopvang college ziekenhuis kliniek stichting academy solutions international europe ' +
    'collection collections credit lease shop store online direct lyceum gymnasium academie mc umc gasthuis centrum praktijk ' +
    'huisartsen apotheek deurwaarders gerechtsdeurwaarders bewind opvang fonds uitvaart uitvaartzorg verhuur makelaardij ' +
    'ggz jeugdzorg zorgverlening begeleiding dagbesteding care foundation company ltd inc trust association agency council mandir ' +
    'zakelijk zakelijke particulier warmte stroom gas consumer consumentenkrediet next retail benelux netherlands holland ' +
    'payments pay lending capital markets mobility connect express logistiek transport installatietechniek bouw ' +
    'camii cami church mosque kerk moskee ' +
    // English words for a school, a hospital, a clinic, a mediator or a gym after its name
    // ("Queen Beatrix Medical Center", "Gansooijen Mediation").
    'school medical center centre hospital clinic healthcare mediation gym spa fitness',
)

/** Parts of the country or a town after a name: "Humanitas Oost", "Tilburg-Noord", "Welzijn Midden". */
const compassWords = wordSet('noord oost zuid west midden zuidoost zuidwest noordoost noordwest centrum')

/**
 * Words that take an organisation after "bij", "van", "via", "door", "aan" or "naar": "schuld bij
 * Vattenfall", "werkt bij Partou", "brief van Intrum", "huurt van Mitros". (Stems; inflected and
 * compound forms are matched on their ending.)
 */
const organisationGovernor =
  /(?:boodschappen|kleding|schuld|schulden|achterstand|open|openstaand|werk|werkt|werken|werkte|gewerkt|baan|dienst|stage|opleiding|klant|lid|verzekerd|verzekering|aangemeld|aanmelding|ingeschreven|inschrijving|huur|huurt|huurde|huurwoning|woning|contract|abonnement|afgesloten|afsluiting|storing|rekening|rekeningen|brief|brieven|aanmaning|aanmaningen|post|boete|boetes|beslag|regeling|uitkering|toeslag|toeslagen|lening|krediet|bestelling|besteld|bestelt|gekocht|koopt|kocht|incasso|vordering|vorderingen|deurwaarder|opgenomen|wachtlijst|doorverwezen|overgestapt|opgezegd|aangevraagd|aanvraag|ingediend|melding|gemeld|factuur|facturen|nota|premie|zorgverzekeraar|energie|leverancier|geleend|leent|betaalt|betaald|betalen|terecht|gesolliciteerd|solliciteren|sollicitatie|ontslagen|vandaan|plek|plaats|indicatie|dagbesteding|behandeling|behandeld|traject|termijn|termijnen|sport|sporten|sportte|voetbalt|voetballen|zwemt|zwemmen|fitness|loonstrook|loonstroken|salarisstrook|salarisstroken|jaaropgaaf|jaaropgave|jaaropgaven|loon|salaris)$/

/**
 * Words of care, housing and paperwork that take an organisation or a person after a preposition
 * ("begeleiding door", "woont bij", "papieren van", "letters from"): there a word that no name
 * list knows is the organisation, a known name stays a person ("woont bij Anja"). Nouns, not
 * participles: the agent of "geholpen door", "bezocht door" is as often a person ("Kibrom").
 */
const careGovernor =
  /^(?:(?:mede)?schuldenaar|begeleiding|hulp|ondersteuning|woont|woonde|wonen|flat|appartement|papieren|post|training|cursus|inburgering|taalles|overgedragen|letters?|bills?|debts?|help|support)$/

/** Governing words that with "van" name who it comes from, mostly a person ("aanmelding van"). */
const peopleGovernor = /^(?:aanmelding|aanvraag|melding|gemeld|doorverwezen|geleend|aangemeld)$/

/**
 * Nouns of money matters that name the creditor or supplier right after them, without a
 * preposition: "rekening Odido", "huur Vidomes", "energie Vandebron", "premie DSW".
 */
const moneyNoun =
  /(?:schuld|schulden|achterstand|rekening|abonnement|contract|huur|energie|zorgverzekering|verzekering|premie|factuur|nota|lening|krediet|aanmaning|vordering|beslag|incasso|leverancier|verhuurder)$/

/**
 * Job and volunteer words: after one of them "van" names the employer ("begeleider van
 * Reinaerde"), and a word in brackets after the job is the employer too ("(casemanager, Lentis)").
 * Matched on the ending, so compounds count ("woonconsulent", "schuldhulpverlener").
 */
const jobWord =
  /(?:arts|poh|ondersteuner|verpleegkundige|casemanager|bewindvoerder|curator|mentor|begeleider|begeleidster|consulent|consulente|collega|verlener|maatje|tolk|agent|advocaat|therapeut|psycholoog|psychiater|werker|coach|docent|leerkracht|directeur|leider|leidinggevende|adviseur|apotheker|manager|regisseur|medewerker|medewerkster|behandelaar|verwijzer|beschermer|jurist|ambtenaar|stagiair|stagiaire|vrijwilliger|vrijwilligster|specialist|trainer|huismeester|verzorgende|functionaris)$/

/** True for a role or a job word, in lower case: a word that announces the person after it. */
export function isRoleOrJob(norm: string): boolean {
  return isRole(norm) || jobWord.test(norm)
}

/** Verbs after which a capitalised word is a language ("spreekt Tigrinya"). */
const languageVerbs = wordSet(
  'spreekt spreken sprak spraken verstaat verstaan verstond leert leren leerde praat praten spreek',
)

/**
 * Languages that clients and interpreters speak and that the list of places lacks (it holds the
 * languages named after a country, such as "Arabisch" and "Turks"): a language is never a person.
 */
const languageNames = wordSet(
  'farsi dari pashto pasjtoe tigrinya tigrinja tigrigna amhaars amharic oromo somali swahili twi akan fante ewe lingala wolof ' +
    'tamazight tarifit tashelhit kabylisch kurmanji sorani badini urdu hindi punjabi bengaals bangla tamil sranantongo sranan ' +
    'papiaments papiamentu javaans tagalog mandarijn kantonees tigre saho bilen hausa yoruba igbo ' +
    'pulaar fulfulde fula peul serer sereer mandinka soninke bambara kikongo tshiluba kinyarwanda kirundi ' +
    'luganda kreyol creools haitiaans sindhi balochi hazaragi romanes romani',
)

/** True for a language that the list of places lacks ("Wolof", "Pulaar", "Kreyòl"): never a person. */
export function isLanguageName(norm: string): boolean {
  return languageNames.has(norm)
}

/** Finite verbs that follow the subject of a sentence: "Rob is opgelucht", "Roos heeft pijn". */
const finiteVerbs = wordSet(
  'is was heeft had wil wilde kan kon moet moest zal zou gaat ging komt kwam zit zat ligt lag blijft bleef krijgt kreeg mag mocht doet deed staat stond loopt liep slaapt sliep eet at drinkt dronk',
)

/** Subject pronouns: after "Bakker is" one of these makes "Bakker" no subject ("Bakker is hij nooit geworden"). */
const subjectPronouns = new Set('ik je jij u hij zij ze we wij jullie het er dat dit men'.split(' '))

const wordCache = new Map<string, boolean>()

function isCommonWord(norm: string, allowCompounds: boolean): boolean {
  const key = allowCompounds ? `+${norm}` : norm
  const cached = wordCache.get(key)
  if (cached !== undefined) return cached
  // Longer than any Dutch word or name: not worth the look-ups (and keeps hostile input linear).
  const result = norm.length > 40 ? false : computeCommonWord(norm, allowCompounds)
  if (wordCache.size > 100_000) wordCache.clear()
  wordCache.set(key, result)
  return result
}

const _vowels = /[aeiou]/

/** Undoes the common Dutch inflections: plural, diminutive, verb endings, participles. */
function stems(word: string): string[] {
  const out = [word]
  const add = (base: string) => {
    if (base.length < 2) return
    out.push(base)
    // gesprekk(en) → gesprek, hebb(en) → heb
    if (/(.)\1$/.test(base)) out.push(base.slice(0, -1))
    // afsprak(en) → afspraak: a single vowel between consonants was long
    const m = /^(.*)([aeiou])([^aeiou])$/.exec(base)
    if (m && !m[1]!.endsWith(m[2]!)) out.push(`${m[1]}${m[2]}${m[2]}${m[3]}`)
    if (base.endsWith('v')) out.push(`${base.slice(0, -1)}f`)
    if (base.endsWith('z')) out.push(`${base.slice(0, -1)}s`)
  }
  for (const suffix of [
    'en',
    'n',
    's',
    "'s",
    'e',
    't',
    'te',
    'ten',
    'de',
    'den',
    'je',
    'jes',
    'tje',
    'tjes',
    'er',
    'ers',
    'ere',
    'st',
    'ste',
    'heid',
    'ig',
    'ige',
    'lijk',
    'lijke',
    'isch',
    'ische',
    'se',
  ]) {
    if (word.length > suffix.length + 1 && word.endsWith(suffix)) add(word.slice(0, -suffix.length))
  }
  if (word.startsWith('ge') && /[dt]$/.test(word) && word.length > 4) {
    out.push(word.slice(2, -1), word.slice(2), `${word.slice(2, -1)}en`)
  }
  return out
}

/** Separable verb prefixes: "afgestemd" is "af" + "gestemd". */
const verbPrefix =
  /^(?:af|aan|op|uit|in|mee|door|over|terug|weg|toe|bij|na|voor|om|neer|samen|vast|los|langs|binnen|thuis|rond|tegen)/

function knownWord(word: string): boolean {
  const { words } = lexicons()
  for (const stem of stems(word)) if (words.has(stem)) return true
  const prefix = verbPrefix.exec(word)
  if (prefix && (word.startsWith('ge', prefix[0].length) || word.length - prefix[0].length >= 5)) {
    for (const stem of stems(word.slice(prefix[0].length))) if (words.has(stem)) return true
  }
  return false
}

function computeCommonWord(norm: string, allowCompounds: boolean): boolean {
  const { words } = lexicons()
  if (functionWords.has(norm) || englishWords.has(norm)) return true
  if (knownWord(norm)) return true
  if (!allowCompounds || norm.length < 8) return false
  // A compound of two known words of four letters or more: "schuldhulpverleningstraject".
  for (let i = 3; i <= norm.length - 4; i++) {
    const head = norm.slice(0, i)
    // A head of three letters ("belnotitie", "dagbesteding") only before a long tail.
    if (i === 3 && norm.length - i < 7) continue
    const headKnown =
      words.has(head) ||
      ((head.endsWith('s') || head.endsWith('e')) && words.has(head.slice(0, -1))) ||
      (head.endsWith('en') && words.has(head.slice(0, -2))) ||
      // "kinderopvang|toeslag": a head that is a compound itself (cached; the length bounds the work).
      (i >= 8 && isCommonWord(head, true))
    if (!headKnown) continue
    const tail = norm.slice(i)
    for (const stem of stems(tail)) if (stem.length >= 4 && words.has(stem)) return true
  }
  return false
}

function shapeOf(text: string): Token['shape'] {
  if (text === text.toLowerCase()) return 'lower'
  if (text.length > 1 && text === text.toUpperCase()) return 'upper'
  // Dutch capitalises the digraph "IJ" as a whole: "IJssel", "IJzerman".
  const rest = text.startsWith('IJ') && text.length > 2 ? text.slice(2) : text.slice(1)
  if (text[0] === text[0]!.toUpperCase() && rest === rest.toLowerCase()) return 'title'
  return 'mixed'
}

let lastTokenised: { text: string; tokens: Token[] } | undefined

/**
 * The words of `text` as the rules read them (position, normal form, shape, the text before it,
 * whether it starts a sentence). The last text's words are kept, so the name model reads the same
 * words without splitting the text again.
 */
export function wordsOfText(text: string): readonly Readonly<Token>[] {
  if (lastTokenised?.text === text) return lastTokenised.tokens
  return tokenise(text)
}

function tokenise(text: string): Token[] {
  const tokens = tokeniseAnew(text)
  lastTokenised = { text, tokens }
  return tokens
}

const LETTER = 1
const MARK = 2
const OTHER = 3
/** What each UTF-16 unit outside surrogate pairs is (letter, mark, other), learnt on first sight. */
const unitKinds = new Uint8Array(0x10000)
for (let code = 0; code < 128; code++)
  unitKinds[code] = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? LETTER : OTHER
const letterPattern = /^\p{L}$/u
const markPattern = /^\p{M}$/u

function kindOf(character: string): number {
  return letterPattern.test(character) ? LETTER : markPattern.test(character) ? MARK : OTHER
}

/**
 * The words of a text: a letter followed by letters and combining marks (what the pattern
 * `\p{L}[\p{L}\p{M}]*` finds), read unit by unit with a table of the characters seen, which
 * takes two thirds of the time of the pattern on a note. Returns start and end of each word.
 */
function wordBounds(text: string): number[] {
  const bounds: number[] = []
  const n = text.length
  let start = -1
  for (let at = 0; at < n; ) {
    const code = text.charCodeAt(at)
    let kind: number
    let units = 1
    if (code < 0xd800 || code > 0xdfff) {
      kind = unitKinds[code]!
      if (kind === 0) {
        kind = kindOf(text[at]!)
        unitKinds[code] = kind
      }
    } else {
      const point = text.codePointAt(at)!
      // A lone half of a pair is no letter; a pair is asked as the character it makes.
      if (point <= 0xffff) kind = OTHER
      else {
        kind = kindOf(String.fromCodePoint(point))
        units = 2
      }
    }
    if (start === -1) {
      if (kind === LETTER) start = at
    } else if (kind === OTHER) {
      bounds.push(start, at)
      start = -1
    }
    at += units
  }
  if (start !== -1) bounds.push(start, n)
  return bounds
}

function tokeniseAnew(text: string): Token[] {
  const tokens: Token[] = []
  let previousEnd = 0
  let lineStart = -1
  const bounds = wordBounds(text)
  for (let b = 0; b < bounds.length; b += 2) {
    const start = bounds[b]!
    const end = bounds[b + 1]!
    const word = text.slice(start, end)
    const gap = text.slice(previousEnd, start)
    const sentenceStart = tokens.length === 0 || (gap !== ' ' && /[.!?:;\n•*>|]/.test(gap))
    const newline = gap.lastIndexOf('\n')
    if (newline !== -1) lineStart = previousEnd + newline
    tokens.push({
      start,
      end,
      text: word,
      norm: normaliseWord(word),
      shape: shapeOf(word),
      gap,
      sentenceStart,
      lineStart,
    })
    previousEnd = end
  }
  // A dot after an initial or an abbreviation ("mw.", "cl.", "ivm.") does not end a sentence.
  for (let i = 1; i < tokens.length; i++) {
    const prev = tokens[i - 1]!
    const gap = tokens[i]!.gap
    if (!tokens[i]!.sentenceStart || !/^\.[ \t(]*$/.test(gap)) continue
    if (
      (prev.text.length === 1 && prev.shape !== 'lower') ||
      (titles.has(prev.norm) && !fullWordTitles.has(prev.norm)) ||
      abbreviations.has(prev.norm)
    ) {
      tokens[i]!.sentenceStart = false
    }
  }
  return tokens
}

const isInitial = (t: Token, next: Token | undefined) =>
  t.text.length <= 2 &&
  /^\p{Lu}\p{Ll}?$/u.test(t.text) &&
  !abbreviations.has(t.norm) &&
  !titles.has(t.norm) &&
  !/^(?:gr|mvg)$/.test(t.norm) &&
  next !== undefined &&
  /^\.\s?-?$|^\.$/.test(next.gap.slice(0, 2).trimEnd())

/**
 * "Sowa, K.;1998-12-01", "Nakhlé, M. | broer": an initial with its dot at the end of a field of a
 * table or list (a semicolon, bar, tab, comma, line end or the end of the text after the dot).
 */
const lastInitial = (t: Token, text: string) =>
  t.text.length <= 2 &&
  /^\p{Lu}\p{Ll}?$/u.test(t.text) &&
  !abbreviations.has(t.norm) &&
  !titles.has(t.norm) &&
  /^\.[ \t]*(?:[;|,\t\n]|$)/.test(text.slice(t.end, t.end + 4))

const placeCache = new Map<string, boolean>()

/**
 * True when a word is a place, language or other proper noun that is no person's (the places
 * list, uninflected too) and no name list knows it: "Groenlo", "Vollenhove" ("Winschoten" is also
 * a surname).
 */
export function placeOnly(norm: string): boolean {
  return isPlace(norm) && !inNames(norm)
}

/** A compound that names a time: "zaterdagochtend", "woensdagmiddag", "kerstweek". */
const timeCompound = /(?:ochtend|morgen|middag|avond|nacht|dag|week|weekend|maand|jaar)$/

/**
 * True when a lower-case word can be the surname right after a lower-case first name ("ilse
 * zeggerboom", "gijs van de reinsveld"): a surname a list knows, a word no list knows, or a
 * compound of seven letters or more that is no Dutch word itself. Never a word of the word lists,
 * a role, a place, a street, an organisation or a time ("woensdagavond"). After two particles a
 * shorter word will do; after one, only a surname a list knows or a word no list knows ("ilse van
 * budgetwijzer" is an organisation).
 */
export function lowerSurnameShaped(norm: string, particles: number): boolean {
  if (norm.length < 3 || /[RTGFEB]/.test(wordClasses(norm))) return false
  // After particles, a surname a list knows that the word list does not hold as it is ("vd zande",
  // not "pinas"); right after the first name it must be no inflected word or place either ("ria
  // leent geld", "hylke sneek").
  if (lexicons().surnames.has(norm) && norm.length >= 4 && !lexicons().words.has(norm)) {
    if (particles >= 1) return true
    if (!isCommonWord(norm, false) && !isPlace(norm)) return true
  }
  if (isCommonWord(norm, false)) return false
  if (norm.length < (particles >= 2 ? 3 : particles === 1 ? 4 : 6)) return false
  if (isPlace(norm) || streetEnding.test(norm) || organisationNoun.test(norm)) return false
  if (timeCompound.test(norm)) return false
  if (!isCommonWord(norm, true)) return true
  return particles !== 1 && norm.length >= 7
}

/** True when the word, or its uninflected form, is a place, language or other non-person proper noun. */
function isPlace(norm: string): boolean {
  const { places } = lexicons()
  if (places.has(norm) || languageNames.has(norm)) return true
  if (!norm.endsWith('e') && !norm.endsWith('en') && !norm.endsWith('s')) return false
  // The stems are asked of many words many times per note: the answer is kept, as for common words.
  const cached = placeCache.get(norm)
  if (cached !== undefined) return cached
  const result = norm.length <= 40 && stems(norm).some((stem) => places.has(stem))
  if (placeCache.size > 100_000) placeCache.clear()
  placeCache.set(norm, result)
  return result
}

let lastNorm = ''
let lastNamed = false

/** True when a lexicon knows the word as a name (the last answer is kept: it is asked in a row). */
function inNames(norm: string): boolean {
  if (norm === lastNorm) return lastNamed
  const { firstNames, surnames } = lexicons()
  lastNorm = norm
  lastNamed = firstNames.has(norm) || surnames.has(norm)
  return lastNamed
}

/** True when role word `r` is followed on the same line by a capitalised word it announces ("contactpersoon Fenneke"). */
function announcesNext(tokens: Token[], r: number): boolean {
  const after = tokens[r + 1]
  return after !== undefined && after.shape !== 'lower' && spacesOnly(after.gap)
}

/**
 * True when the context announces token `i` as a person: a title, role word, initials or greeting
 * right before it (past a comma, bracket, colon or particles), a role word in brackets or after a
 * comma right behind it, "t.n.v." / "mijn naam is" before it, or a sign-off on the line above.
 */
function announced(tokens: Token[], i: number, text: string): boolean {
  // Asked many times per word by the rules: the answer is kept per token of the current text.
  if (tokens !== announcedFor) {
    announcedFor = tokens
    announcedMemo = new Int8Array(tokens.length)
  }
  const kept = announcedMemo[i]
  if (kept !== 0) return kept === 1
  const result = computeAnnounced(tokens, i, text)
  announcedMemo[i] = result ? 1 : -1
  return result
}

let announcedFor: Token[] | undefined
let announcedMemo = new Int8Array(0)

function computeAnnounced(tokens: Token[], i: number, text: string): boolean {
  const here = tokens[i]!
  const prev0 = tokens[i - 1]
  if (commaGap(here.gap) || onlyWithWhiteSpace('(', here.gap) || onlyWithWhiteSpace(':', here.gap)) {
    // "mevrouw Van der Berg": look past the particles to the title.
    let back = i - 1
    // At most three particles ("van de la"): bounded work on a hostile run of particles.
    while (
      back > i - 4 &&
      back > 0 &&
      nameParticles.has(tokens[back]!.norm) &&
      spacesOnly(tokens[back + 1]!.gap)
    )
      back--
    const prev = tokens[back]
    // After a dot only a title counts ("mevr. Pijnacker"); "met de tolk. Woning …" is a new sentence.
    const dotted = tokens[back + 1]!.gap.includes('.')
    // "begeleider van Reinaerde": after a job word "van" names the employer, unless a first name follows.
    const employer =
      (back === i - 2 &&
        tokens[i - 1]!.text === 'van' &&
        jobWord.test(prev?.norm ?? '') &&
        !lexicons().firstNames.has(here.norm) &&
        // "taalmaatje van Mebrat Kuffour": two words that are no place or word are a person.
        !twoWordPerson(tokens, i)) ||
      // "huisarts van de Zorggroep Oost": a word shaped as an organisation after "van de".
      (back < i - 1 &&
        tokens[back + 1]!.text === 'van' &&
        properEnding.test(here.norm) &&
        !inNames(here.norm))
    // "dochter op het Vossius", "zoon in de Bijlmer": prepositions, not particles, after a role word.
    let prepositions = false
    for (let k = back + 1; k < i; k++) if (/^(?:het|op|in)$/.test(tokens[k]!.text)) prepositions = true
    if (
      prev &&
      ((titles.has(prev.norm) &&
        !(dotted && fullWordTitles.has(prev.norm)) &&
        // "'s-Heer Arendskerke", "'s-Heer Hendrikskinderen": a village's name, no title.
        !(prev.gap === '-' && tokens[back - 1]?.text === 's' && /['’]$/.test(tokens[back - 1]!.gap))) ||
        (!dotted &&
          isRole(prev.norm) &&
          prev.shape !== 'mixed' &&
          // "Stichting Mama Africa", "Stichting Oma Kookt": a role word in an organisation's name.
          !(prev.shape !== 'lower' && afterKindOfOrganisation(tokens, back, text)) &&
          // A job line of a signature does not announce the organisation on the next line.
          !here.gap.includes('\n') &&
          !employer &&
          !prepositions))
    )
      return true
    // "woonbegeleider Kim", "FACT-verpleegkundige Ilse": a first name right after a job word.
    if (
      prev &&
      !dotted &&
      back === i - 1 &&
      prev.shape === 'lower' &&
      spacesOnly(here.gap) &&
      jobWord.test(prev.norm) &&
      here.shape !== 'lower' &&
      lexicons().firstNames.has(here.norm)
    )
      return true
    // "S. ter Horst", "J.P. Balkenende": initials announce a surname. Not a word that opens a
    // heading ("noemt hem Gé. Schulden: …").
    if (
      prev &&
      back < i &&
      isInitial(prev, tokens[back + 1]) &&
      /^\.[ \t]?$/.test(tokens[back + 1]!.gap) &&
      !(/^[ \t]*:/.test(text.slice(here.end, here.end + 2)) && isCommonWord(here.norm, false))
    )
      return true
    if (prev && greetings.has(prev.norm) && (prev.sentenceStart || i === 1) && /^\s*$/.test(here.gap))
      return true
  }
  // "Yonas (zoon)", "Sanne, buurvrouw,": the role right after the name. Not when the role announces
  // the capitalised word after it ("Begeleiding door Zelvano, contactpersoon Fenneke Hofstede").
  const next = tokens[i + 1]
  if (
    next &&
    (isRole(next.norm) ||
      // "Roos (stagiair)", "Ilse (woonbegeleider)": a job word in brackets, in lower case.
      (next.shape === 'lower' && onlyWithWhiteSpace('(', next.gap) && jobWord.test(next.norm))) &&
    next.shape !== 'mixed' &&
    /^\s*(?:\(|,)\s*$/.test(next.gap) &&
    next.norm !== 'naam' &&
    !announcesNext(tokens, i + 1)
  )
    return true
  // "Abeba, een vriendin uit de kerk,": the role after a comma and an article or possessive.
  const third = tokens[i + 2]
  if (
    next &&
    third &&
    onlyWithSpaces(',', next.gap) &&
    /^(?:een|de|mijn|haar|zijn|onze|hun)$/.test(next.text) &&
    spacesOnly(third.gap) &&
    roleWords.has(third.norm)
  )
    return true
  // "Frans (maatschappelijk werker)": a role of two words in brackets.
  const second = tokens[i + 2]
  if (
    next &&
    second &&
    onlyWithWhiteSpace('(', next.gap) &&
    next.shape === 'lower' &&
    spacesOnly(second.gap) &&
    roleWords.has(second.norm) &&
    /^\s*\)/.test(text.slice(second.end, second.end + 2))
  )
    return true
  if (presentList(tokens, i, text) || phoneIntro(tokens, i) || roleAtEnd(tokens, i)) return true
  // The phrases below end in "v", "v.", "is", "ben" or "van": a cheap test of the gap and the
  // previous word first, the pattern only when it can match.
  if (prev0 && /^(?:v|is|ben|van|its|am|s|m)$/i.test(prev0.text)) {
    const before = text.slice(Math.max(0, here.start - 30), here.start)
    if (
      /t\.\s?n\.\s?v\.?\s*$|t\.\s?a\.\s?v\.?\s*$|ten name van\s*$|mijn naam is\s*$|ik ben\s*$|(?:^|[\s,.!])(?:it[’']?s|this is|i am|i[’']m|my name is)\s*$/i.test(
        before,
      )
    )
      return true
  }
  if (
    (here.start <= 40 || here.lineStart >= here.start - 40) &&
    signOff.test(text.slice(Math.max(0, here.start - 40), here.start))
  )
    return true
  return false
}

/** The index of the rules' word of `text` that starts at `start`, with the words; -1 if none does. */
function wordAt(text: string, start: number): [Token[], number] {
  const tokens = lastTokenised?.text === text ? lastTokenised.tokens : tokenise(text)
  let lo = 0
  let hi = tokens.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const at = tokens[mid]!.start
    if (at === start) return [tokens, mid]
    if (at < start) lo = mid + 1
    else hi = mid - 1
  }
  return [tokens, -1]
}

/**
 * True when capitalised word `i` comes right after a word for a kind of organisation, itself or
 * past a capital article ("Tolkcentrum Sabir", "kerk Medhane", "Stichting De Kern"), or first in
 * a list after a plural one ("schuldeisers waaronder Anacap").
 */
function afterKindOfOrganisation(tokens: Token[], i: number, text: string): boolean {
  const t = tokens[i]!
  if (t.shape === 'lower' || !spacesOnly(t.gap) || announced(tokens, i, text)) return false
  let at = i - 1
  if (
    tokens[at] !== undefined &&
    /^(?:De|Het|Sint|St|Al|El|An|Ar|As)$/.test(tokens[at]!.text) &&
    spacesOnly(tokens[at]!.gap)
  )
    at--
  const kind = tokens[at]
  // "Kraamzorg Wendy Weidebroek", "Stichting Mano (41)": a person after all; but not where the
  // kind of organisation is a place one is in ("woont in verpleeghuis Pieter van Foreest", "zit
  // op basisschool Jan Ligthart"): a person is not where one lives or learns.
  const whereOneIs =
    kind !== undefined &&
    /^(?:in|op|naar|uit|vanuit)$/.test(tokens[at - 1]?.text ?? '') &&
    spacesOnly(kind.gap)
  if ((firstNameAndSurnameShape(tokens, i) && !whereOneIs) || withAge(tokens, i, text)) return false
  // "Schuldhulp Demiana Tawadros, 24 maart": a heading of a service and whom it is about, two words
  // no list knows, then a comma or the line's end.
  if (kind !== undefined && headingOfPerson(tokens, at, i, text)) return false
  if (firstOfOrganisationList(tokens, i)) return true
  if (kind === undefined || roleWords.has(kind.norm) || inNames(kind.norm)) return false
  return (
    organisationNoun.test(kind.norm) ||
    (firmOfProfessionals(kind) && !lexicons().firstNames.has(t.norm)) ||
    (kind.shape === 'title' && properEnding.test(kind.norm)) ||
    (at === i - 2 && /^(?:De|Het)$/.test(tokens[i - 1]!.text) && dayActivity.test(kind.norm))
  )
}

/**
 * True when word `kind` opens a line and words `i` and `i + 1` after it are two capitalised words
 * that no list knows (a first name and a surname), closed by a comma or the line's end.
 */
function headingOfPerson(tokens: Token[], kind: number, i: number, text: string): boolean {
  const k = tokens[kind]!
  if (kind !== i - 1 || !(kind === 0 || /\n[ \t]*$/.test(k.gap))) return false
  const first = tokens[i]!
  const second = tokens[i + 1]
  if (second === undefined || !oneSpace(second.gap) || first.shape !== 'title' || second.shape !== 'title')
    return false
  if (!/^[ \t]*(?:,|\n|$)/.test(text.slice(second.end, second.end + 2))) return false
  return [first, second].every((w) => wordClasses(w.norm) === '-' && !lexicons().nonPersons.has(w.norm))
}

/**
 * Day activities and sheltered work: before a capital article they open an organisation's name
 * ("dagbesteding De Kamperfoelie", "Werkplaats De Kolk"); alone they are no organisation
 * ("begeleider dagbesteding Liekje").
 */
const dayActivity = /^(?:dagbesteding|werkplaats|dagactiviteitencentrum|inloop|inloophuis)$/

/** {@link afterKindOfOrganisation} for the word of `text` that starts at `start`. */
export function afterOrganisationWord(text: string, start: number): boolean {
  const [tokens, i] = wordAt(text, start)
  return i >= 0 && afterKindOfOrganisation(tokens, i, text)
}

/**
 * True when the word of `text` that starts at `start` is part of an organisation's name by its
 * nearest words: after a word for a kind of organisation ({@link afterKindOfOrganisation}), before a
 * capitalised word that makes a firm ("Davelaar Incasso", "Bouman GGZ"), or joined to such a word
 * before it ("kerk Medhane Alem", "Wijkteam Purmerend Weidevenne"). The name model does not
 * overrule this (see `addModelNames`); looser cues ("bij", "van") it may.
 */
export function organisationNameAt(text: string, start: number): boolean {
  const [tokens, i] = wordAt(text, start)
  return i >= 0 && organisationName(tokens, i, text)
}

/** {@link organisationNameAt} for word `i` of the note's words. */
function organisationName(tokens: Token[], i: number, text: string): boolean {
  // "Saba Health Care Foundation": further capitalised words up to one that makes the run an
  // organisation's name ("Care"; the word right after is asked below), not after a first name and
  // a surname.
  for (let k = i + 2; k <= i + 3; k++) {
    const word = tokens[k]
    const between = tokens[k - 1]!
    if (
      word === undefined ||
      word.shape === 'lower' ||
      between.shape === 'lower' ||
      // "HUB DRIESSENBEEK VAN PARTNERS IN WELZIJN": the person works at the organisation after "van";
      // "ABDI NIET NAAR SCHOOL": in capitals, a sentence goes on past the name.
      nameParticles.has(between.norm) ||
      functionWords.has(between.norm) ||
      finiteVerbs.has(between.norm) ||
      !oneSpace(word.gap) ||
      !oneSpace(between.gap)
    )
      break
    if (
      organisationWordAfter.has(word.norm) &&
      !announced(tokens, i, text) &&
      !firstNameAndSurnameShape(tokens, i)
    )
      return true
  }
  for (let k = i, steps = 0; k >= 0 && steps < 5; k--, steps++) {
    const t = tokens[k]!
    // "Huize Adriana van Weel": past the particles of a name inside the organisation's name.
    if (t.shape === 'lower') {
      if (k === i || !nameParticles.has(t.norm) || !oneSpace(t.gap)) return false
      continue
    }
    if (afterKindOfOrganisation(tokens, k, text)) return true
    const next = tokens[k + 1]
    if (
      next !== undefined &&
      spacesOnly(next.gap) &&
      next.shape !== 'lower' &&
      organisationWordAfter.has(next.norm) &&
      !announced(tokens, k, text) &&
      !firstNameAndSurnameShape(tokens, k)
    )
      return true
    // "Anne Frankschool", "Maria Montessorischool": before a compound that names an organisation.
    if (
      next !== undefined &&
      oneSpace(next.gap) &&
      next.shape !== 'lower' &&
      organisationCompound(next.norm) &&
      !inNames(next.norm) &&
      // Not a plain noun such as "Wijkteam" ("Marloes Wijkteam:" is a person in a chat).
      !lexicons().words.has(next.norm) &&
      !announced(tokens, k, text)
    )
      return true
    if (!/^[ \t-]$/.test(t.gap)) return false
  }
  return false
}

/** Where a name span lies among the note's words: its first and last word, and its words' normal forms (particles aside). */
interface SpanWords {
  first: number
  last: number
  words: string[]
}

/**
 * The name spans for which `keep` holds, given the note's words and where each span lies among
 * them; a span that starts at no word is kept. The filters of what is no person are built on it.
 */
function keepSpans<T extends { start: number; end: number }>(
  text: string,
  spans: T[],
  keep: (tokens: Token[], span: SpanWords) => boolean,
): T[] {
  if (spans.length === 0) return spans
  const tokens = lastTokenised?.text === text ? lastTokenised.tokens : tokenise(text)
  return spans.filter((span) => {
    const [, first] = wordAt(text, span.start)
    if (first < 0) return true
    let last = first
    while (last + 1 < tokens.length && tokens[last + 1]!.start < span.end) last++
    const words: string[] = []
    for (let k = first; k <= last; k++) if (!nameParticles.has(tokens[k]!.norm)) words.push(tokens[k]!.norm)
    return keep(tokens, { first, last, words })
  })
}

/**
 * One word, one reading within a note, for organisations: the words that a clear cue makes an
 * organisation's name somewhere in the note ("schuld bij incassobureau Lowell", "sportschool
 * Basic-Fit", "Davelaar Incasso") are no person's name elsewhere in it either ("Lowell belt elke
 * dag", "Basic-Fit is goedkoop"), unless a title, role or family word announces a person there
 * ("mevrouw Lowell"). Drops the name spans whose words (particles aside) all belong to one such
 * organisation name: "Sabir Alem" after "Tolkcentrum Sabir" and "kerk Medhane Alem" stays. Only
 * the other mentions of a span's first word are looked at, each judged once per note.
 */
export function withoutOrganisationWords<T extends { start: number; end: number }>(
  text: string,
  spans: T[],
): T[] {
  if (spans.length === 0) return spans
  const tokens = lastTokenised?.text === text ? lastTokenised.tokens : tokenise(text)
  if (tokens !== organisationFor) {
    organisationFor = tokens
    organisationMemo = new Int8Array(tokens.length)
  }
  // Where the spans' first words stand in the note (one pass, for those words only).
  const firstWords = new Set<string>()
  for (const span of spans) {
    const [, first] = wordAt(text, span.start)
    if (first >= 0) firstWords.add(tokens[first]!.norm)
  }
  const positionsOf = new Map<string, number[]>()
  for (let i = 0; i < tokens.length; i++) {
    const norm = tokens[i]!.norm
    if (!firstWords.has(norm)) continue
    const at = positionsOf.get(norm)
    if (at) at.push(i)
    else positionsOf.set(norm, [i])
  }
  const isOrganisation = (i: number) => {
    if (organisationMemo[i] === 0)
      organisationMemo[i] = tokens[i]!.shape !== 'lower' && organisationName(tokens, i, text) ? 1 : -1
    return organisationMemo[i] === 1
  }
  // The words of the organisation name that word `i` is part of (joined by a space or hyphen, and
  // past a name's particles: "Huize Adriana van Weel").
  const joinedTo = (k: number) => /^[ \t-]$/.test(tokens[k]!.gap)
  const particle = (k: number) => tokens[k] !== undefined && nameParticles.has(tokens[k]!.norm)
  const nameAround = (i: number) => {
    let from = i
    for (;;) {
      if (from > 0 && joinedTo(from) && isOrganisation(from - 1)) from--
      else if (
        from > 1 &&
        joinedTo(from) &&
        particle(from - 1) &&
        joinedTo(from - 1) &&
        isOrganisation(from - 2)
      )
        from -= 2
      else break
    }
    let to = i
    for (;;) {
      if (to + 1 < tokens.length && joinedTo(to + 1) && isOrganisation(to + 1)) to++
      else if (
        to + 2 < tokens.length &&
        particle(to + 1) &&
        joinedTo(to + 1) &&
        joinedTo(to + 2) &&
        isOrganisation(to + 2)
      )
        to += 2
      else break
    }
    return new Set(tokens.slice(from, to + 1).map((t) => t.norm))
  }
  const answered = new Map<string, boolean>()
  return keepSpans(text, spans, (_, { first, words }) => {
    if (words.length === 0) return true
    // Asked once per distinct name in the note (a long note repeats its names).
    const key = words.join(' ')
    let inOrganisation = answered.get(key)
    if (inOrganisation === undefined) {
      inOrganisation = (positionsOf.get(words[0]!) ?? []).some((i) => {
        if (!isOrganisation(i)) return false
        const name = nameAround(i)
        return words.every((word) => name.has(word))
      })
      answered.set(key, inOrganisation)
    }
    return !inOrganisation || announced(tokens, first, text)
  })
}

/**
 * One word, one reading within a note, for streets: a name span whose words (particles aside) all
 * belong to the street of an address found in the note ("aan de Molendijk 7 … dat de Molendijk die
 * dag vrij is") is the street again, unless a title, role or family word announces a person there.
 * `streets` are the addresses' texts ("Molendijk 7"); their words before the number count.
 */
export function withoutStreetNames<T extends { start: number; end: number }>(
  text: string,
  spans: T[],
  streets: readonly string[],
): T[] {
  if (spans.length === 0 || streets.length === 0) return spans
  const names = streets.map(
    (street) =>
      new Set(
        (/^[^\d]*/.exec(street)?.[0] ?? '')
          .split(/[^\p{L}']+/u)
          .filter(Boolean)
          .map(normaliseWord),
      ),
  )
  return keepSpans(text, spans, (tokens, { first, words }) => {
    if (words.length === 0 || !names.some((name) => words.every((word) => name.has(word)))) return true
    return announced(tokens, first, text)
  })
}

/** A word made as a street's name: a word of four letters or more and a street word. */
const streetShaped =
  /^[\p{L}'-]{4,}(?:straat|straatweg|laan|plein|gracht|kade|singel|steeg|plantsoen|boulevard)$/u

/**
 * Drops the name spans that end in a word shaped as a street ("aan de Pieter Calandlaan", "de
 * Burgemeester Visserstraat") that no surname list knows ("Ammerlaan", "Oversteeg" stay), unless a
 * title, role or family word announces a person there; spans of up to three words (particles
 * aside), as long as a street's name.
 */
export function withoutStreetShapedNames<T extends { start: number; end: number }>(
  text: string,
  spans: T[],
): T[] {
  const { surnames, firstNames } = lexicons()
  return keepSpans(text, spans, (tokens, { first, last, words }) => {
    const norm = tokens[last]!.norm
    // A longer span holds more than a street's name ("Gulizar Dursunoglu op Hendrik …plein").
    if (words.length > 3 || !streetShaped.test(norm) || surnames.has(norm)) return true
    // "Is Sem Tabaksteeg de buurman?", "Aan: Noor Haitsinga-Lubbersteeg, buurtsportcoach": a first
    // name and a surname shaped as a street are a person where nothing says street: no house
    // number after them, no "aan", "op", "in" or article before them.
    // "Overleg met K. Hunnesteeg": initials before it say the same.
    const initial =
      (/^\p{Lu}$/u.test(tokens[first]!.text) && text[tokens[first]!.end] === '.') ||
      /(?:^|[^\p{L}])\p{Lu}\.[ \t]?$/u.test(
        text.slice(Math.max(0, tokens[first]!.start - 3), tokens[first]!.start),
      )
    // "Huisbezoek Slotervaart, Pieter Calandlaan": after a place and a comma, as an address runs.
    const afterPlace = first > 0 && /^,[ \t]*$/.test(tokens[first]!.gap) && isPlace(tokens[first - 1]!.norm)
    if (
      ((words.length >= 2 && firstNames.has(tokens[first]!.norm)) || initial) &&
      !afterPlace &&
      !/^[ \t]*\d/.test(text.slice(tokens[last]!.end, tokens[last]!.end + 4)) &&
      !/(?:^|[^\p{L}])(?:(?:aan|op|in|naar|langs|via|de|het|hoek|richting|vanaf|over)[ \t]*|adres[ \t]*:?[ \t]*)$/iu.test(
        text.slice(Math.max(0, tokens[first]!.start - 12), tokens[first]!.start),
      )
    )
      return true
    return announced(tokens, first, text)
  })
}

/** The word for a saint that opens the name of a church, school or charity, in Dutch and other languages. */
const saintWord = /^(?:Sint|Santa|São|Saint|Sainte|Agios|Agia|Ayios|Sveti)$/

/**
 * Drops the name spans that are a capital article and one Dutch word no surname list knows ("De
 * Wegwijzer", "De Vlinderboom", "Het Kompas": schools, homes and foundations; "De Boer" and "De
 * Wit" stay, as surnames), and those that open with "Sint" ("Sint Bernardus": a saint, and so a
 * school, church or hospital), unless a title right before makes them a person.
 */
export function withoutNamedThings<T extends { start: number; end: number }>(text: string, spans: T[]): T[] {
  const { surnames } = lexicons()
  return keepSpans(text, spans, (tokens, { first, last }) => {
    const opening = tokens[first]!
    const count = last - first + 1
    // Only a title right before makes such a thing a person ("mevrouw De Wegwijzer"); a role or
    // family word does not ("school kinderen: De Wegwijzer", "directeur van De Vlinderboom").
    const titled = first > 0 && titles.has(tokens[first - 1]!.norm) && /^[. \t]+$/.test(opening.gap)
    // "Sint Bernardus", "naar St Jansdal", "St. Jozef": a saint (before or as the span's first word).
    const before = tokens[first - 1]
    // Also in other languages: "Agios Dimitrios" (a Greek church), "Santa Casa da Misericórdia".
    const saint =
      (saintWord.test(opening.text) && count >= 2) ||
      (before !== undefined &&
        (saintWord.test(before.text) || /^(?:St|San)$/.test(before.text)) &&
        /^\.?[ \t]+$/.test(opening.gap))
    const thing =
      saint ||
      (/^(?:De|Het)$/.test(opening.text) &&
        count === 2 &&
        tokens[first + 1]!.shape === 'title' &&
        spacesOnly(tokens[first + 1]!.gap) &&
        !surnames.has(tokens[first + 1]!.norm) &&
        !lexicons().firstNames.has(tokens[first + 1]!.norm) &&
        isCommonWord(tokens[first + 1]!.norm, true))
    return !thing || titled
  })
}

/**
 * True when the words around an "&" are two people, each opened by a first name and the first of
 * two words or more ("Ziad Bou Nassif & Rania Bou Nassif-Hajjar"), not a firm ("Prins & Dingemanse",
 * "Van Dijk & Partners").
 */
function twoPeopleAround(tokens: Token[], first: number, afterAmpersand: number): boolean {
  const { firstNames, words } = lexicons()
  const opensPerson = (t: Token | undefined) =>
    t !== undefined && t.shape === 'title' && firstNames.has(t.norm) && !words.has(t.norm)
  if (!opensPerson(tokens[afterAmpersand])) return false
  // The first name may follow a word that opens the sentence ("Aanvraag Ziad Bou Nassif & …").
  for (let j = first; j <= afterAmpersand - 3; j++) if (opensPerson(tokens[j])) return true
  return false
}

/** First words of a hyphened place name: "Oud-Charlois", "Nieuw-Vennep", "Noord-Holland". */
const placePrefixes = new Set([
  'oud',
  'nieuw',
  'noord',
  'zuid',
  'oost',
  'west',
  'groot',
  'klein',
  'midden',
  'neder',
  'boven',
])

/**
 * Drops the name spans joined by a hyphen to a compound that names an organisation
 * ("Willem-Alexanderschool", "Zeldenrust-Steelantcollege"), unless a name list knows the compound
 * or a title, role or family word announces a person there. The rules read these so; this also
 * applies to the names the model adds, word by word.
 */
export function withoutOrganisationCompounds<T extends { start: number; end: number }>(
  text: string,
  spans: T[],
): T[] {
  if (spans.length === 0 || !text.includes('-')) return spans
  return keepSpans(text, spans, (tokens, { first, last }) => {
    const tail = tokens[last]!
    return (
      last === first ||
      tail.gap !== '-' ||
      tail.shape === 'lower' ||
      !organisationCompound(tail.norm) ||
      inNames(tail.norm) ||
      announced(tokens, first, text)
    )
  })
}

/**
 * Drops the name spans whose words all lie in a hyphened place name: one the places list holds
 * whole ("Goeree-Overflakkee", "Geuzenveld-Slotermeer": the rules read the words one by one and
 * took "Goeree" for a first name), a place after "Oud-", "Nieuw-", "Noord-" and the like
 * ("Oud-Charlois"; "Groot-Jansen" stays a name), and any word after "Sint-" or "St-" ("Sint-Niklaas",
 * "Sint-Maarten"): no person is called that; and a town with its district (see below).
 */
export function withoutHyphenedPlaces<T extends { start: number; end: number }>(
  text: string,
  spans: T[],
): T[] {
  if (spans.length === 0 || !text.includes('-')) return spans
  const tokens = lastTokenised?.text === text ? lastTokenised.tokens : tokenise(text)
  const { places } = lexicons()
  const inPlace = (i: number): boolean => {
    let from = i
    while (from > 0 && tokens[from]!.gap === '-') from--
    let to = i
    while (to + 1 < tokens.length && tokens[to + 1]!.gap === '-') to++
    if (from === to) return false
    const words = tokens.slice(from, to + 1).map((t) => t.norm)
    if (places.has(words.join('-'))) return true
    if (words[0] === 'sint' || words[0] === 'st') return true
    return placePrefixes.has(words[0]!) && places.has(words.slice(1).join('-'))
  }
  return keepSpans(text, spans, (_, { first, last }) => {
    // "Huisbezoek Venray-Brukske", "wijkteam, Heerlen-Heksenberg": a town that is no first name
    // and, after a hyphen, a word no name list knows (its district), where nothing announces a
    // person ("Mw. Overdiep-Nuijtenburg" and "dokter Vosbergen-Crijnsrade" stay).
    if (
      last === first + 1 &&
      tokens[last]!.gap === '-' &&
      places.has(tokens[first]!.norm) &&
      !lexicons().firstNames.has(tokens[first]!.norm) &&
      !inNames(tokens[last]!.norm) &&
      !announced(tokens, first, text) &&
      // "Cornelia van Hamelen-Lindhoutink": not after a first name or a particle.
      !(first > 0 && (inNames(tokens[first - 1]!.norm) || nameParticles.has(tokens[first - 1]!.norm)))
    )
      return false
    for (let k = first; k <= last; k++) if (!nameParticles.has(tokens[k]!.norm) && !inPlace(k)) return true
    return false
  })
}

let organisationFor: Token[] | undefined
let organisationMemo = new Int8Array(0)

/**
 * True for the first of a list of organisations after a plural kind of organisation: "14
 * schuldeisers waaronder Anacap", "instanties zoals Kwadraad", "de schuldeisers zijn Hoist" (the
 * rest of the list follows it). A known first name is left to the other rules.
 */
function firstOfOrganisationList(tokens: readonly Readonly<Token>[], i: number): boolean {
  const prev = tokens[i - 1]
  const kind = tokens[i - 2]
  return (
    prev !== undefined &&
    kind !== undefined &&
    /^(?:waaronder|zoals|zijn|waren)$/.test(prev.text) &&
    spacesOnly(prev.gap) &&
    /(?:s|en)$/.test(kind.norm) &&
    (organisationNoun.test(kind.norm.replace(/(?:s|en)$/, '')) || organisationNoun.test(kind.norm)) &&
    !roleWords.has(kind.norm) &&
    !lexicons().firstNames.has(tokens[i]!.norm)
  )
}

/**
 * A word as a preposition or article is compared: in capitals its normal form ("BIJ DE"), else as
 * written. (Helpers of the rules asked for every word are declared at the top level, not inside
 * the rule: tsx, which runs the sources in development and the standalone worker, names each
 * function it makes, which costs a function made inside another on every call.)
 */
function asWord(k: Token): string {
  return k.shape === 'upper' ? k.norm : k.text
}

/**
 * True when the context makes capitalised token `i` the name of an organisation: a noun for a kind
 * of organisation right before it ("woningcorporatie Mitros", "Stichting Leergeld"), a web domain
 * ("Bol.com"), "via" or a word that takes an organisation before a preposition ("schuld bij
 * Vattenfall", "werkt bij Partou", "brief van Intrum"), or the employer on the job line of a
 * signature ("Ambulant begeleider, Lister").
 */
function organisationContext(tokens: Token[], i: number, text: string): boolean {
  const t = tokens[i]!
  const prev = tokens[i - 1]
  // "met Deeqa Shamsi (41)": a person with an age is no organisation.
  if (withAge(tokens, i, text)) return false
  // "Kraamzorg Wendy Weidebroek": a known first name and a surname-shaped word are a person.
  if (firstNameAndSurnameShape(tokens, i)) return false
  const second = tokens[i + 1]
  if (second !== undefined && spacesOnly(second.gap) && withAge(tokens, i + 1, text)) return false
  if (/^\.(?:com|nl|be|org|net|eu|de)\b/i.test(text.slice(t.end, t.end + 5))) return true
  if (englishOrganisation(tokens, i, text)) return true
  // "bij Kwintara afdeling Beschermd Wonen", "Lentis locatie Zuid": a department or branch follows.
  const after = tokens[i + 1]
  if (
    after !== undefined &&
    spacesOnly(after.gap) &&
    /^(?:afdeling|afd|locatie|vestiging|kantoor|balie)$/.test(after.text) &&
    // "bij Trevion locatie Zuid": after "bij", "van", "via" or "naar" also a word that is a first name.
    (!lexicons().firstNames.has(t.norm) ||
      (prev !== undefined && spacesOnly(t.gap) && /^(?:bij|van|via|naar|door)$/.test(prev.text)))
  )
    return true
  if (!prev) return false
  const plainGap = spacesOnly(t.gap)
  if (plainGap && organisationNoun.test(prev.norm) && !roleWords.has(prev.norm)) return true
  // "Huisartsen Oosterpark"; "Huisartsen Jan en Petra" are two people.
  if (plainGap && firmOfProfessionals(prev) && !lexicons().firstNames.has(t.norm)) return true
  // "Buurtkamer De Schooten", "Stichting Het Baken", "Moskee Al Fath", "Masjid Al-Ikhlas": a
  // capital article after a word for a kind of organisation opens its name; so does a small one
  // after a capitalised kind ("Kraamzorg de Waarden"), and a capital one after a word for day
  // activities ({@link dayActivity}).
  const kind = tokens[i - 2]
  if (
    (plainGap || (t.gap === '-' && /^(?:Al|El|An|Ar|As)$/.test(prev.text))) &&
    kind !== undefined &&
    (/^(?:De|Het|Al|El|An|Ar|As)$/.test(prev.text) ||
      (/^(?:de|het)$/.test(prev.text) && kind.shape === 'title')) &&
    spacesOnly(prev.gap) &&
    ((organisationNoun.test(kind.norm) && !roleWords.has(kind.norm)) ||
      (/^(?:De|Het)$/.test(prev.text) && dayActivity.test(kind.norm)))
  )
    return true
  // "van mijn werk (Hutten)": in brackets right after a word that takes an organisation.
  if (
    onlyWithSpaces('(', t.gap) &&
    prev.shape === 'lower' &&
    organisationGovernor.test(prev.norm) &&
    !lexicons().firstNames.has(t.norm) &&
    /^[ \t]*\)/.test(text.slice(t.end, t.end + 3))
  )
    return true
  // "werkgever (Kwantix)", "Energieleverancier is Plindo": in brackets or after "is".
  if (
    onlyWithSpaces('(', t.gap) &&
    organisationNoun.test(prev.norm) &&
    !roleWords.has(prev.norm) &&
    !lexicons().firstNames.has(t.norm)
  )
    return true
  const beforeVerb = tokens[i - 2]
  if (
    plainGap &&
    /^(?:is|was|blijft|wordt)$/.test(prev.text) &&
    beforeVerb !== undefined &&
    spacesOnly(prev.gap) &&
    organisationNoun.test(beforeVerb.norm) &&
    !roleWords.has(beforeVerb.norm)
  )
    return true
  if (plainGap && firstOfOrganisationList(tokens, i)) return true
  // "rekening Odido", "huur Vidomes": the creditor right after a noun of money matters.
  if (plainGap && prev.shape === 'lower' && moneyNoun.test(prev.norm) && !roleWords.has(prev.norm))
    return true
  // "Buurtzorg Jong", "Zorggroep Noorderboog": the word after an organisation's compound name.
  if (plainGap && prev.shape === 'title' && !inNames(prev.norm) && properEnding.test(prev.norm)) return true
  // "Buurthuis De Schakel", "Zorgcentrum Sint Jozef": past a capitalised article or "Sint".
  const before = tokens[i - 2]
  if (
    plainGap &&
    before !== undefined &&
    /^(?:De|Het|Sint|St)$/.test(prev.text) &&
    spacesOnly(prev.gap) &&
    !inNames(before.norm) &&
    ((before.shape === 'title' && (properEnding.test(before.norm) || organisationNoun.test(before.norm))) ||
      // "CBS De Fontein", "SBO De Wegwijzer": after an acronym.
      (before.shape === 'upper' && before.text.length <= 5))
  )
    return true
  // "op het Albeda", "bij het Leerwerkloket": a person is never "het" (only "'t Hart", written so).
  if (plainGap && prev.text === 'het' && tokens[i - 2]?.norm !== 'van') return true
  // "begeleider van Reinaerde", "Yolanda van Riverty": after a job word or a first name, "van"
  // and a word that no name list knows name the employer ("mentor van Jayden" is a person).
  if (plainGap && prev.text === 'van' && !inNames(t.norm)) {
    const before = tokens[i - 2]
    if (
      before &&
      spacesOnly(prev.gap) &&
      ((before.shape !== 'upper' && jobWord.test(before.norm)) ||
        (before.shape === 'title' &&
          lexicons().firstNames.has(before.norm) &&
          // "Kees van Ravensteijn": a Dutch place-name ending after a first name and "van" makes a surname.
          !toponymEnding.test(t.norm) &&
          // "Cornelis van Hulstijn": so does a word of five letters or more ending as Dutch place
          // names do, in a consonant or "e" ("Yolanda van Kervaro", "… van Riverty" stay employers).
          !(
            t.norm.length >= 5 &&
            /[b-df-hj-np-tvwz]$|[^aeiou]e$/.test(t.norm) &&
            !/[qx]/.test(t.norm) &&
            !isCommonWord(t.norm, false) &&
            !properEnding.test(t.norm) &&
            !isPlace(t.norm) &&
            !(
              tokens[i + 1] !== undefined &&
              spacesOnly(tokens[i + 1]!.gap) &&
              tokens[i + 1]!.shape !== 'lower'
            )
          )))
    )
      return true
  }
  // "Gerben Wardak – woonconsulent Trivire": on a signature line, the employer after the job.
  if (plainGap && prev.shape === 'lower' && jobWord.test(prev.norm)) {
    const person = tokens[i - 2]
    if (person && person.shape !== 'lower' && /^[ \t]*[–|-][ \t]*$/.test(prev.gap)) return true
  }
  if (bracketEmployer(tokens, i, text)) return true
  // "bij Vattenfall", "bij de Albert Heijn" (the article is skipped).
  // "BOODSCHAPPEN BIJ DE Poiesz": in capitals the article and the preposition are read as words.
  let p = i - 1
  if (plainGap && /^(?:de|het)$/.test(asWord(tokens[p]!)) && spacesOnly(tokens[p]!.gap)) p--
  const preposition = tokens[p]
  if (
    preposition &&
    /^(?:bij|van|via|door|aan|naar|met|from|through)$/.test(asWord(preposition)) &&
    spacesOnly(tokens[p + 1]!.gap)
  ) {
    if (preposition.text === 'via' || preposition.text === 'through') {
      if (p !== i - 1) return true
      // "via Wytske van de balie", "via Noor": a first name that is no word or place, or a word
      // followed by where the person works, is the person who referred.
      const { firstNames, words, places } = lexicons()
      const worksThere = /^[ \t]+van[ \t]+(?:de|het)[ \t]+\p{Ll}/u.test(text.slice(t.end, t.end + 20))
      const firstName = firstNames.has(t.norm) && !words.has(t.norm) && !places.has(t.norm)
      const next = tokens[i + 1]
      const longer = next !== undefined && next.shape !== 'lower' && spacesOnly(next.gap)
      if (worksThere) return false
      // "Contact via BERT LAMMERS van de KREDIETBANK": a first name and a surname are a person.
      if (firstAndSurname(tokens, i)) return false
      // "via Hinkje Bleeksma (wijkverpleegkundige, Zorgcirkel)": two words and the person's role.
      if (longer && announced(tokens, i + 1, text) && !announcesNext(tokens, i + 1)) return false
      // "via Bibi Hammerstein", "through Tesfay Gebru": a first name, or two words that no list
      // knows, before a word that is not shaped as a place or an organisation is a person ("via
      // Zorg Thuis", "via Lentis Groningen" stay).
      if (
        longer &&
        (firstNames.has(t.norm) || (twoWordPerson(tokens, i) && !properEnding.test(t.norm))) &&
        !places.has(t.norm) &&
        next.shape === 'title' &&
        next.norm.length >= 4 &&
        !inNames(next.norm) &&
        !isCommonWord(next.norm, true) &&
        !isPlace(next.norm) &&
        !properEnding.test(next.norm) &&
        !organisationWordAfter.has(next.norm) &&
        !organisationNoun.test(next.norm) &&
        !compassWords.has(next.norm)
      )
        return false
      if (!firstName || longer) return true
      // "Aanmelding via Hoogeland": after a word that takes an organisation it stays one.
      for (let k = p - 1; k >= Math.max(0, p - 3); k--) {
        if (/[.!?;:\n(]/.test(tokens[k + 1]!.gap)) break
        if (organisationGovernor.test(tokens[k]!.norm)) return true
      }
      return false
    }
    // The governing word right before the preposition, or a few words further ("schuld nog bij",
    // "€ 812 bij", "werkt sinds mei bij", "werkt als pedagogisch medewerker bij").
    for (let k = p - 1; k >= Math.max(0, p - 5); k--) {
      const g = tokens[k]!
      // "Schulden o.a. aan …": the dots of an abbreviation do not end the clause.
      const abbreviation = /^\.[ \t]?$/.test(tokens[k + 1]!.gap) && /^(?:o|a|bijv|ca|m\.?b\.?t)$/.test(g.norm)
      if (/[.!?;:\n]/.test(tokens[k + 1]!.gap) && !abbreviation) break
      // "vraagt respijtzorg aan bij Rivas", "meldt hem aan bij …": a separable verb's "aan" before
      // "bij" takes an organisation, unless a first-name list knows the word.
      if (
        k === p - 1 &&
        g.text === 'aan' &&
        preposition.text === 'bij' &&
        p === i - 1 &&
        // An object between the verb and "aan" ("vraagt respijtzorg aan"), not "sluit aan bij".
        tokens[p - 2] !== undefined &&
        tokens[p - 2]!.shape === 'lower' &&
        tokens[p - 2]!.norm.length >= 5 &&
        !/^(?:sluit|sloot|sluiten|slotten|haakt|haakte|schuift|schoof|schuiven)$/.test(tokens[p - 2]!.norm) &&
        !functionWords.has(tokens[p - 2]!.norm) &&
        !personVerbs.has(tokens[p - 2]!.norm) &&
        !finiteVerbs.has(tokens[p - 2]!.norm) &&
        !lexicons().firstNames.has(t.norm)
      )
        return true
      if (careGovernor.test(g.norm) && loneUnknownWord(tokens, i, text)) return true
      // "Doorverwezen naar Yvonne Kruithof van Stadsbank Oost": a first name and a surname.
      if (peopleGovernor.test(g.norm) && firstAndSurname(tokens, i)) return false
      // "achterstanden bij", "rekeningen van": the plural of a governing word too.
      if (
        (organisationGovernor.test(g.norm) || organisationGovernor.test(g.norm.replace(/(?:en|s)$/, ''))) &&
        g.norm.length >= 3
      ) {
        // "Aanmelding van Wei Kramer", "melding van buurman": with "van" these take a person.
        return !(preposition.text === 'van' && peopleGovernor.test(g.norm))
      }
    }
  }
  // "Schuldeisers: Sociale Dienst, Ymere", "Verhuurder: Mitros": a list after such a noun.
  for (let k = i - 1; k >= 0 && k >= i - 8; k--) {
    const gap = tokens[k + 1]!.gap
    if (gap !== ' ' && /[.!?;\n]/.test(gap)) break
    if (gap.includes(':')) {
      // "Schuldeisers: Ymere", not "het Wellant College: Hidde Meutstege" (the end of a name).
      // "Schulden: Zelvano, Korvex": a noun of money matters names the creditors too.
      const noun = tokens[k]!
      if (
        (organisationNoun.test(noun.norm) || (moneyNoun.test(noun.norm) && k === i - 1)) &&
        (noun.shape === 'lower' || noun.sentenceStart)
      )
        return true
      break
    }
  }
  // "14 schuldeisers, o.a. Flanderijn": a list after "o.a.", "zoals" or "bijv." behind such a noun.
  if (/^(?:a|zoals|bijv|bijvoorbeeld)$/.test(prev.norm)) {
    const noun = /(\p{L}+)[\s,:]*(?:o\.\s?a\.|zoals|bijv\.|bijvoorbeeld)[\s:]*$/u.exec(
      text.slice(Math.max(0, t.start - 50), t.start),
    )
    if (noun && organisationNoun.test(normaliseWord(noun[1]!))) return true
  }
  // "spreekt Tigrinya", "verstaat Berbers": a language, unless a name list knows it as a first name.
  if (plainGap && languageVerbs.has(prev.norm) && !lexicons().firstNames.has(t.norm)) return true
  return false
}

/**
 * True when token `i` is a first name followed by a surname in the same shape ("Yvonne Kruithof",
 * "BERT LAMMERS"), not by a word that makes it a firm ("Albert Heijn Groep").
 */
function firstAndSurname(tokens: Token[], i: number): boolean {
  const t = tokens[i]!
  const next = tokens[i + 1]
  const { firstNames, surnames, words } = lexicons()
  return (
    next !== undefined &&
    spacesOnly(next.gap) &&
    next.shape === t.shape &&
    firstNames.has(t.norm) &&
    surnames.has(next.norm) &&
    !words.has(next.norm) &&
    !organisationWordAfter.has(next.norm) &&
    !compassWords.has(next.norm)
  )
}

/**
 * True for a compound that ends in the name of a place of six letters or more that is no word or
 * name itself ("Florahollland", "Zorgfriesland"): the name of an organisation or an area. Few
 * surnames are built so (about 1 in 400 of the surname list).
 */
function endsInPlace(norm: string): boolean {
  const { places, words, firstNames, surnames } = lexicons()
  for (let k = 3; k <= norm.length - 6; k++) {
    const tail = norm.slice(k)
    if (places.has(tail) && !words.has(tail) && !firstNames.has(tail) && !surnames.has(tail)) return true
  }
  return false
}

/**
 * True when token `i` is a first name that a name list knows, followed on the same line by a
 * word shaped as a surname, past lower-case particles ("Kraamzorg Wendy Weidebroek", "Consulent
 * Steffie de Smalbroek", "restaurant van Truong Khai Vinh"): a person, whatever an organisation
 * rule around it says. The surname is capitalised as the first name is, mid-sentence, four letters
 * or more, and no word that makes a firm, a part of the country, a street or an organisation
 * ("Albert Heijn Groep", "Humanitas Oost", "Jan Steenkade"); a place counts only after particles
 * other than a lone "van", "in", "op", "te" or "uit" ("Steffie de Smalbroek", not "Kim van Zwolle").
 */
function firstNameAndSurnameShape(tokens: Token[], i: number): boolean {
  const t = tokens[i]!
  if (t.shape !== 'title' && t.shape !== 'upper') return false
  const { firstNames, surnames } = lexicons()
  if (!firstNames.has(t.norm) || functionWords.has(t.norm) || englishWords.has(t.norm)) return false
  // "wijkteam Bert-Jan Drewsingh": a double first name is read from its second part.
  const second = tokens[i + 1]
  if (second?.gap === '-' && second.shape === t.shape && firstNames.has(second.norm))
    return firstNameAndSurnameShape(tokens, i + 1)
  let j = i + 1
  while (
    j < i + 4 &&
    tokens[j]?.shape === 'lower' &&
    nameParticles.has(tokens[j]!.norm) &&
    spacesOnly(tokens[j]!.gap)
  )
    j++
  const s = tokens[j]
  if (s === undefined || !spacesOnly(s.gap) || s.shape !== t.shape || s.norm.length < 4) return false
  // "bij de Albert Heijn": a person's first name never follows an article; after "bij" ("werkt
  // bij Albert Heijn", "schuld bij …") the organisation rules decide as before.
  const before = tokens[i - 1]
  if (before !== undefined && /^(?:de|het|een|the|bij)$/.test(before.text) && spacesOnly(t.gap)) return false
  const particles = tokens.slice(i + 1, j).map((p) => p.norm)
  const lone = particles.length === 1 && /^(?:van|in|op|te|uit)$/.test(particles[0]!)
  // "Kees Smit Tuinmeubelen": a capitalised Dutch word after the pair makes it a firm.
  const after = tokens[j + 1]
  if (
    after !== undefined &&
    spacesOnly(after.gap) &&
    after.shape === s.shape &&
    !inNames(after.norm) &&
    isCommonWord(after.norm, true)
  )
    return false
  return (
    !endsInPlace(s.norm) &&
    !functionWords.has(s.norm) &&
    !englishWords.has(s.norm) &&
    !titles.has(s.norm) &&
    !isRole(s.norm) &&
    !organisationWordAfter.has(s.norm) &&
    !organisationNoun.test(s.norm) &&
    !compassWords.has(s.norm) &&
    !properEnding.test(s.norm) &&
    !personVerbs.has(s.norm) &&
    !finiteVerbs.has(s.norm) &&
    (particles.length > 0 && !lone ? true : !isPlace(s.norm) || surnames.has(s.norm)) &&
    (particles.length > 0 || !lexicons().words.has(s.norm) || surnames.has(s.norm) || s.norm.length >= 8)
  )
}

/**
 * True when capitalised token `i` is one word that no name list knows, standing alone: no second
 * name word, no "van" with a workplace, no role after it ("Intake gedaan door Adjoa Frimpong",
 * "Begeleiding door Fardowsa van Stichting Nieuwkomers", "door Wubbien, consulent" are people).
 */
function loneUnknownWord(tokens: Token[], i: number, text: string): boolean {
  const t = tokens[i]!
  if (inNames(t.norm) || announced(tokens, i, text)) return false
  const next = tokens[i + 1]
  if (!next || /[.!?;:\n]/.test(next.gap)) return true
  if (spacesOnly(next.gap) && (next.shape !== 'lower' || next.text === 'van')) return false
  if (/^[ \t]*[,(][ \t]*$/.test(next.gap) && (roleWords.has(next.norm) || jobWord.test(next.norm)))
    return false
  return !/^[ \t]*-[ \t]*$/.test(next.gap)
}

/** True for the employer after a job inside brackets: "(GGZ-verpleegkundige, Dimence)". */
function bracketEmployer(tokens: Token[], i: number, text: string): boolean {
  const t = tokens[i]!
  const prev = tokens[i - 1]
  // "(woonconsulent Trivire)": the job and the employer alone in brackets.
  if (
    prev !== undefined &&
    spacesOnly(t.gap) &&
    /\([ \t]*$/.test(prev.gap) &&
    prev.shape === 'lower' &&
    jobWord.test(prev.norm) &&
    /^[ \t]*[):,]/.test(text.slice(t.end, t.end + 3)) &&
    !inNames(t.norm) &&
    // Right after a person's name: the brackets say who that person is ("Jacoline Smit (…)").
    tokens[i - 2] !== undefined &&
    tokens[i - 2]!.shape !== 'lower'
  )
    return true
  // "Aanwezig: …, Tessel van Spekhorst (Xtra).": in a list, one capitalised word that no name list
  // knows, alone in brackets right after a full name, is where that person works (a role or an age
  // there says who it is; outside a list, "Tessel van Spekhorst (Kibrom) kwam" stays a person).
  if (
    prev !== undefined &&
    listItemBefore(tokens, i - 1) &&
    /^[ \t]*\)[ \t]*(?:[,.;]|\n|$)/.test(text.slice(t.end, t.end + 4)) &&
    t.shape !== 'lower' &&
    onlyWithSpaces('(', t.gap) &&
    /^[ \t]*\)/.test(text.slice(t.end, t.end + 3)) &&
    prev.shape === 'title' &&
    tokens[i - 2] !== undefined &&
    spacesOnly(prev.gap) &&
    (tokens[i - 2]!.shape === 'title' || nameParticles.has(tokens[i - 2]!.norm)) &&
    !inNames(t.norm) &&
    !isRole(t.norm) &&
    !titles.has(t.norm)
  )
    return true
  if (!prev || !onlyWithSpaces(',', t.gap) || !jobWord.test(prev.norm)) return false
  if (!/^\s*\)/.test(text.slice(t.end, t.end + 3))) return false
  const open = text.lastIndexOf('(', t.start)
  return open !== -1 && open >= prev.start - 40 && !text.slice(open, t.start).includes(')')
}

/** True when the name that ends at token `end` opens an item of a list (after a colon or a comma). */
function listItemBefore(tokens: Token[], end: number): boolean {
  let k = end
  while (k > end - 5 && k > 0 && spacesOnly(tokens[k]!.gap)) {
    const p = tokens[k - 1]!
    if (p.shape !== 'title' && !nameParticles.has(p.norm)) break
    k--
  }
  return endsWith(tokens[k]!.gap, ':') || endsWith(tokens[k]!.gap, ',')
}

/**
 * True when first name `i` is followed by "van (de|het)" and an organisation: "Annemiek van de
 * Kledingbank", "Jurgen van het Leger" (not "Jan van Dijk": a surname there is part of the name).
 */
function worksAt(tokens: Token[], i: number, text: string): boolean {
  const van = tokens[i + 1]
  if (van?.text !== 'van' || !spacesOnly(van.gap)) return false
  let j = i + 2
  if (/^(?:de|het)$/.test(tokens[j]?.text ?? '') && spacesOnly(tokens[j]!.gap)) j++
  const org = tokens[j]
  if (!org || org.shape === 'lower' || !spacesOnly(org.gap) || inNames(org.norm)) return false
  return j === i + 3 || organisationContext(tokens, j, text) || isCommonWord(org.norm, true)
}

/** True when token `i` is the employer on the job line of a signature ("Ambulant begeleider, Lister"). */
function jobLineEmployer(tokens: Token[], i: number): boolean {
  const t = tokens[i]!
  const prev = tokens[i - 1]
  if (!prev || !/^\s*[,|–-]\s*$/.test(t.gap) || /\n/.test(t.gap) || !isRole(prev.norm)) return false
  // A known name there is a person on a list of those present ("Huisarts, Verbeek").
  if (inNames(t.norm)) return false
  // The line holds only the job ("Ambulant begeleider"), no sentence ("Besproken met broer, Kees").
  let k = i - 1
  while (k > 0 && k > i - 4 && !/\n/.test(tokens[k]!.gap)) k--
  const lineStart = k === 0 || /\n/.test(tokens[k]!.gap)
  let plain = tokens[k]!.shape === 'title'
  for (let j = k; j < i && plain; j++) if (functionWords.has(tokens[j]!.norm)) plain = false
  return lineStart && plain
}

/** True when token `i` is a first name in capitals right before another word in capitals. */
function upperFirstName(tokens: Token[], i: number): boolean {
  const next = tokens[i + 1]
  return (
    next !== undefined &&
    next.shape === 'upper' &&
    spacesOnly(next.gap) &&
    lexicons().firstNames.has(tokens[i]!.norm)
  )
}

type Verdict = 'name' | 'maybe' | 'no'

/** The words that label a list of those present at a meeting. */
const presentLabels = ['aanwezig', 'aanwezigen', 'deelnemers', 'present']
/** The words that label a list of those absent from it. */
const absentLabels = ['afwezig', 'afgemeld', 'verhinderd', 'absent']
/** Every such label, lower case, as tokens carry them. */
const listLabels = new Set([...presentLabels, ...absentLabels])
/** "m.k." (met kennisgeving) after a label of those absent, with or without brackets. */
const withNotice = String.raw`(?:[ \t]+\(?m\.?[ \t]?k\.?\)?)?`

/** A label of a list of those present or absent, its colon and spaces, ending where a list's first item opens. */
const listLabelEnd = new RegExp(
  String.raw`(?<![\p{L}])(?:${labelPattern([...presentLabels, ...absentLabels])})${withNotice}[ \t]*:[ \t]*$`,
  'u',
)

/** True when the first item of a list of those present or absent opens at `at` ("Afwezig m.k.: …"). */
export function listLabelBefore(text: string, at: number): boolean {
  return listLabelEnd.test(text.slice(Math.max(0, at - 24), at))
}

/** A pattern for labels as people write them: "Afwezig", "afwezig" or "AFWEZIG". */
function labelPattern(words: string[]): string {
  return words.map((w) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}|${w.toUpperCase()}`).join('|')
}

/**
 * True when token `i` opens an item of the list of those present at a meeting ("Aanwezig: Wopke
 * Ypma (huisarts), …, Lekatompessy (Mondriaan)"): a capitalised word that is no Dutch word, on
 * the same line after "aanwezig:" and a comma or "en". Bounded: looks back at most 40 words.
 */
function presentList(tokens: Token[], i: number, text: string): boolean {
  const t = tokens[i]!
  if (t.shape !== 'title') return false
  // "Aanwezig: Sponselee, De Kruiff": a capitalised particle may open the item; after "Van", "Ter"
  // or "Ten" also a Dutch word is the surname ("Van Heel"), after "De" not ("De Bron").
  const opener = capitalParticleBefore(tokens, i) ? i - 1 : i
  if (
    isCommonWord(t.norm, true) &&
    !(opener < i && /^(?:Van|Ter|Ten)$/.test(tokens[opener]!.text) && !isRoleOrJob(t.norm)) &&
    !(compoundSurname(t.norm) && inSurnameList(text, t.start))
  )
    return false
  // "Afwezig m.k.: Spaargarens": the first of those who sent word they could not come.
  if (absentListAt(tokens, opener, text)) return true
  if (!/^\)?[ \t]*(?:,|:)[ \t]*$/.test(tokens[opener]!.gap)) return false
  // A word the list of places and organisations knows counts only with a role or employer in
  // brackets after it ("Lekatompessy (Mondriaan)"); alone, or with another word in brackets, it is
  // the organisation ("…, Humanitas", "Lentis (ambulant)"). After "Van", "Ter" or "Ten" a place is
  // the surname ("Van Heel", "Ter Apel").
  if (isPlace(t.norm) && !(opener < i && /^(?:Van|Ter|Ten)$/.test(tokens[opener]!.text))) {
    const inside = tokens[i + 1]
    if (!inside || !onlyWithSpaces('(', inside.gap)) return false
    if (inside.shape === 'lower' && !isRole(inside.norm) && !jobWord.test(inside.norm)) return false
  }
  for (let k = i - 1; k >= 0 && k >= i - 40; k--) {
    if (/[.\n;]/.test(tokens[k + 1]!.gap)) return absentListAt(tokens, k + 1, text)
    if (listLabels.has(tokens[k]!.norm) && /^[ \t]*:/.test(tokens[k + 1]!.gap))
      return /^[ \t]*:/.test(text.slice(tokens[k]!.end, tokens[k]!.end + 3))
  }
  return false
}

/** True when token `k` is the first item after "Afwezig m.k.:", "Afgemeld:" or "Verhinderd:". */
function absentListAt(tokens: Token[], k: number, text: string): boolean {
  const w = tokens[k]!
  return endsWith(w.gap, ':') && absentBefore.test(text.slice(Math.max(0, w.start - 30), w.start))
}

/**
 * True when the word of `text` that starts at `start` opens an item of a list of those present or
 * absent at a meeting ("Aanwezig: Sponselee, De Kruiff", "Afwezig m.k.: Spaargarens"): the name
 * model does not overrule such a list.
 */
export function listedPresentAt(text: string, start: number): boolean {
  if (!inSurnameList(text, start)) return false
  const [tokens, i] = wordAt(text, start)
  if (i < 0) return false
  return (
    presentList(tokens, i, text) || (capitalParticleBefore(tokens, i + 1) && presentList(tokens, i + 1, text))
  )
}

/** True when position `start` of `text` is on a line that lists people by surname alone ({@link surnameListLine}). */
function inSurnameList(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1
  if (start - lineStart > 200) return false
  const lineEnd = text.indexOf('\n', start)
  return surnameListLine.test(
    text.slice(lineStart, lineEnd === -1 ? Math.min(text.length, start + 200) : lineEnd),
  )
}

/**
 * A line that lists those present or absent by surname alone, nothing else on it ("Aanwezig:
 * Hooijkaas, Tuinsma, Van Schaardenburgh"); a list with a team, a role or an employer in brackets
 * is read word by word.
 */
const surnameListLine = new RegExp(
  String.raw`^[ \t]*(?:${labelPattern([...presentLabels, ...absentLabels])})${withNotice}[ \t]*:[ \t]*` +
    String.raw`(?:(?:(?:Van|De|Ter|Ten)(?:[ \t]+(?:der|den|de))?[ \t]+)?\p{Lu}[\p{L}'-]+(?:[ \t]*,[ \t]*|[ \t]+en[ \t]+|[ \t]*\.?[ \t]*$)){1,12}$`,
  'u',
)

/**
 * True when token `k`, the second word of a line under a sign-off, is a surname that closes the
 * line: no place or organisation, and a word no word list knows, alone or in a double name
 * ("Hermelijn Dijkgraven-Oriot"; "Team Sociaal Domein" and "Gemeente Almere" stay).
 */
function signatureName(tokens: Token[], k: number, text: string): boolean {
  let last = k
  while (tokens[last + 1]?.gap === '-') last++
  if (last > k + 1 || !/^[ \t]*(?:\n|$)/.test(text.slice(tokens[last]!.end, tokens[last]!.end + 2)))
    return false
  let unknown = false
  for (let j = k; j <= last; j++) {
    const w = tokens[j]!
    if (w.shape !== 'title' || isPlace(w.norm) || lexicons().nonPersons.has(w.norm)) return false
    if (!isCommonWord(w.norm, true)) unknown = true
  }
  return unknown
}

/**
 * In a note typed in lower case, a word that no word list, place or organisation list knows, where
 * only a person stands: the last word of a line after a sign-off that follows a sentence ("… terug
 * ma. gr. lidewantij"); a surname after an initial opening a line, alone or before a comma ("k.
 * schaapveld, avonddienst"); in brackets right after a job word ("huisarts (elferinkhoek)
 * belt").
 */
function lowerSignatureOrReferrer(tokens: Token[], i: number, text: string): boolean {
  const t = tokens[i]!
  if (t.norm.length < 4) return false
  const endOfLine = /^[ \t]*(?:\n|$)/.test(text.slice(t.end, t.end + 2))
  const prev = tokens[i - 1]
  const cue =
    (endOfLine &&
      /[.!?][ \t]+(?:gr|groet|groeten|groetjes|mvg|vgr)\.?,?[ \t]+$/.test(
        text.slice(Math.max(0, t.start - 16), t.start),
      )) ||
    (prev !== undefined &&
      prev.text.length === 1 &&
      prev.shape === 'lower' &&
      /^\.[ \t]$/.test(t.gap) &&
      (prev.gap === '' ? prev.start === 0 : /\n[ \t]*$/.test(prev.gap)) &&
      /^[ \t]*(?:,|\n|$)/.test(text.slice(t.end, t.end + 2))) ||
    (prev !== undefined &&
      /^[ \t]*\([ \t]*$/.test(t.gap) &&
      jobWord.test(prev.norm) &&
      /^[ \t]*\)/.test(text.slice(t.end, t.end + 2)))
  // A compound of Dutch words counts ("elferinkhoek"), not one that ends in a kind of organisation.
  return (
    cue &&
    !isCommonWord(t.norm, false) &&
    !organisationCompound(t.norm) &&
    !isRoleOrJob(t.norm) &&
    !isPlace(t.norm) &&
    !lexicons().nonPersons.has(t.norm) &&
    !abbreviations.has(t.norm) &&
    !functionWords.has(t.norm)
  )
}

/** A capitalised particle right before token `i` ("De Kruiff", "Van Heel"). */
function capitalParticleBefore(tokens: Token[], i: number): boolean {
  const p = tokens[i - 1]
  return p !== undefined && /^(?:De|Van|Ter|Ten|Te|Op|In)$/.test(p.text) && oneSpace(tokens[i]!.gap)
}

/**
 * True when a compound of Dutch words can be a surname in a list of surnames: no Dutch word as it
 * stands, and no compound that ends in a role, a job or a kind of organisation ("Wijkteam",
 * "Huisartsenpraktijk"); other compounds are surnames there ("Schaapsmeerder", "Goudschaal").
 */
function compoundSurname(norm: string): boolean {
  return (
    !isCommonWord(norm, false) &&
    !organisationCompound(norm) &&
    !properEnding.test(norm) &&
    !isRoleOrJob(norm) &&
    !organisationNoun.test(norm)
  )
}

/** The label of a list of those who sent word they could not come: "Afwezig m.k.", "Afgemeld". */
const absentBefore = new RegExp(
  String.raw`(?:^|\n)[ \t]*(?:${labelPattern(absentLabels)})${withNotice}[ \t]*:[ \t]*$`,
  'u',
)

/**
 * True when the sentence of token `i` ends in a dash and a role word, and token `i` is its first
 * capitalised word after at most one opening word: "Ook Frans wil meedenken – vriend.",
 * "Boetje Pesulima is op de hoogte – opa." Bounded: looks ahead at most 12 words.
 */
function roleAtEnd(tokens: Token[], i: number): boolean {
  const t = tokens[i]!
  if (t.shape !== 'title') return false
  const opener = tokens[i - 1]
  const first =
    t.sentenceStart || (opener?.sentenceStart === true && /^(?:ook|en|maar|verder)$/.test(opener.norm))
  if (!first) return false
  for (let k = i + 1; k < tokens.length && k <= i + 12; k++) {
    const w = tokens[k]!
    if (w.sentenceStart) return false
    if ((w.gap.includes('-') || w.gap.includes('–')) && /^[ \t]+[–-][ \t]*$/.test(w.gap) && isRole(w.norm)) {
      if (isCommonWord(t.norm, true) && !inNames(t.norm)) return false
      const next = tokens[k + 1]
      return next === undefined || next.sentenceStart
    }
  }
  return false
}

/**
 * True when token `i` is the writer or caller named after "met" at the start of a message:
 * "Goedemorgen, met Sanne", "hoi hinkje met yazan" (Dutch for "this is …").
 */
function phoneIntro(tokens: Token[], i: number): boolean {
  const t = tokens[i]!
  const met = tokens[i - 1]
  if (met?.norm !== 'met' || i > 4 || !spacesOnly(t.gap) || t.norm.length < 3) return false
  if (isPlace(t.norm) || (isCommonWord(t.norm, true) && !inNames(t.norm))) return false
  const greeting = tokens[0]!
  return (
    greetings.has(greeting.norm) || /^(?:goedemorgen|goedemiddag|goedenavond|hallo|hoi)$/.test(greeting.norm)
  )
}

/**
 * True when capitalised token `i`, no place or word, is followed by a second capitalised word that
 * is no place or word either: "naar Djoeri Kuipersma". A place of two words has a known part
 * ("Den Haag", "Nieuw Vennep", "Bergen op Zoom").
 */
function twoWordPerson(tokens: Token[], i: number): boolean {
  const t = tokens[i]!
  const next = tokens[i + 1]
  if (t.shape !== 'title' || next?.shape !== 'title' || !spacesOnly(next.gap)) return false
  const { words } = lexicons()
  return (
    !isPlace(t.norm) &&
    !words.has(t.norm) &&
    !isPlace(next.norm) &&
    !compassWords.has(next.norm) &&
    !organisationWordAfter.has(next.norm) &&
    !isCommonWord(next.norm, true)
  )
}

/** True when token `k` follows the two capitals of a postcode ("2907 RB Capelle"). */
function postcodeBefore(tokens: Token[], k: number, text: string): boolean {
  return (
    tokens[k - 1] !== undefined &&
    tokens[k - 1]!.shape === 'upper' &&
    tokens[k - 1]!.text.length === 2 &&
    /\d{4}[ \t]?[A-Z]{2}[ \t,]+$/.test(text.slice(Math.max(0, tokens[k]!.start - 12), tokens[k]!.start))
  )
}

/**
 * True when token `i` is the town after a postcode ("2907 RB Capelle"), or its part after "aan
 * de(n)" ("Capelle aan den IJssel", "Alphen aan den Rijn" after a known place).
 */
function townAfterPostcode(tokens: Token[], i: number, text: string): boolean {
  const t = tokens[i]!
  // Cheap test first: the word before is "de", "den" or "het", or two capitals of a postcode.
  if (t.shape !== 'lower' && postcodeBefore(tokens, i, text)) return true
  const article = tokens[i - 1]
  const aan = tokens[i - 2]
  const town = tokens[i - 3]
  return (
    t.shape !== 'lower' &&
    article !== undefined &&
    aan !== undefined &&
    town !== undefined &&
    /^(?:de|den|het)$/.test(article.text) &&
    aan.text === 'aan' &&
    town.shape === 'title' &&
    (isPlace(town.norm) || postcodeBefore(tokens, i - 3, text))
  )
}

/** An age in brackets right after a word: "Deeqa (41)", "YAZAN (8)", "Hendrik (79 jr)". */
const ageAfter = /^[ \t]*\([ \t]*\d{1,2}(?:[ \t]*(?:jr|jaar|j|yrs|years)\.?)?[ \t]*\)/i

/**
 * True when token `i` is followed by an age in brackets, as people are in notes ("Shamsi (41)"),
 * and is no place or plain word; a plain word counts too as the next item of a list of people
 * with ages ("KINDEREN YAZAN (8) EN LAMA (5)").
 */
function withAge(tokens: Token[], i: number, text: string): boolean {
  const t = tokens[i]!
  if (t.norm.length < 3) return false
  // Cheap test first: a bracket right after the word.
  let at = t.end
  while (text[at] === ' ' || text[at] === '\t') at++
  if (text[at] !== '(' || !ageAfter.test(text.slice(t.end, t.end + 14))) return false
  if (isPlace(t.norm) || functionWords.has(t.norm) || englishWords.has(t.norm)) return false
  // "kids: ayaan (9)": in lower case only a first name or a word that no word list knows.
  if (t.shape === 'lower' && isCommonWord(t.norm, true) && !lexicons().firstNames.has(t.norm)) return false
  // "Schuldeisers: Vattenfall (2), Ziggo (1)", "aanmaningen van Vesteda (3)": counts of letters or
  // debts in a sentence about money; a role word or title in between keeps the person.
  for (let k = i - 1; k >= 0 && k >= i - 12; k--) {
    const w = tokens[k]!
    if (/[.!?\n]/.test(tokens[k + 1]!.gap)) break
    if (isRole(w.norm) || titles.has(w.norm)) break
    const singular = w.norm.replace(/(?:en|s)$/, '')
    if (
      moneyNoun.test(w.norm) ||
      moneyNoun.test(singular) ||
      organisationNoun.test(w.norm) ||
      organisationNoun.test(singular) ||
      /^(?:brief|brieven|post|creditor|creditors|debts?|bills?)$/.test(w.norm)
    )
      return false
  }
  if (inNames(t.norm) || !isCommonWord(t.norm, true)) return true
  const link = tokens[i - 1]
  const item = tokens[i - 2]
  return (
    link !== undefined &&
    item !== undefined &&
    /^(?:en|of)$/.test(link.norm) &&
    spacesOnly(t.gap) &&
    item.shape === t.shape &&
    ageAfter.test(text.slice(item.end, item.end + 14))
  )
}

/** Whether token `i` starts or is part of a name, judged on the token and its context. */
/**
 * Endings of the international non-proprietary names of common medicines (WHO stems: "-azepam",
 * "-olol", "-pril", "-sartan", "-prazol", …) and a few common names that have none.
 */
const medicineEnding =
  /(?:azepam|azolam|olol|pril|sartan|statine?|prazol|mycine?|cilline?|cycline?|floxacine?|tidine|fenac|profen|oxetine|triptan|gliptine|formine|dronaat|lukast|apine|pramine|triptyline|fenidaat|phenidate|codon|morfine|tramadol|paracetamol|insuline?|dopa)$/

/**
 * True when word `i` is a medicine: by the ending of its generic name ("Lorazepam", "metoprolol"),
 * by a dose after it ("Ventolin 100 mcg", "Seroquel 25mg"), or after a verb of taking one ("slikt
 * Seroquel", "gebruikt Ventolin") when no first-name list knows it.
 */
function medicine(tokens: readonly Readonly<Token>[], i: number, text: string): boolean {
  const t = tokens[i]!
  if (t.shape === 'lower' && t.norm.length < 6) return false
  if (t.norm.length >= 6 && medicineEnding.test(t.norm)) return true
  // A dose after it: only where a digit follows (most words are followed by none).
  let at = t.end
  while (text[at] === ' ' || text[at] === '\t') at++
  if (
    at < text.length &&
    text.charCodeAt(at) >= 48 &&
    text.charCodeAt(at) <= 57 &&
    /^\d+(?:[.,]\d+)?[ \t]?(?:mg|mcg|µg|microgram|ml|ie)(?![\p{L}])/iu.test(text.slice(at, at + 16))
  )
    return true
  // After a verb of taking one, and along a list after it: "gebruikt Madopar en Sinemet".
  if (t.shape === 'lower') return false
  for (let k = i, steps = 0; k > 0 && steps < 4; steps++) {
    const word = tokens[k]!
    const before = tokens[k - 1]!
    if (word.shape === 'lower' || lexicons().firstNames.has(word.norm)) return false
    if (spacesOnly(word.gap) && /^(?:gebruikt|slikt|neemt|inhaleert|spuit|uses|takes)$/.test(before.norm))
      // "neemt Nasratullah (12) mee": whom someone takes along is no medicine.
      return !(/^(?:neemt|takes)$/.test(before.norm) && takenAlong.test(text.slice(t.end, t.end + 40)))
    if (spacesOnly(word.gap) && /^(?:en|of|and)$/.test(before.text) && k >= 2) k -= 2
    else if (/^,[ \t]*$/.test(word.gap)) k -= 1
    else return false
  }
  return false
}

// "mee" or "along" later in the clause: what is taken is taken along.
const takenAlong = /^[^.!?;:\n]*?(?<![\p{L}])(?:mee|along)(?![\p{L}])/u

/** "speelt bij Willem II": a capitalised word before a Roman numeral is a club (or a king), not a client. */
function beforeRomanNumeral(t: Readonly<Token>, text: string): boolean {
  return (
    t.shape === 'title' &&
    /^[ \t]+(?:II|III|IV|VI|VII|VIII)(?![\p{L}\p{N}])/u.test(text.slice(t.end, t.end + 6))
  )
}

/**
 * True when the word of `text` that starts at `start` is a thing, not a person: a medicine
 * ({@link medicine}) or a club before a Roman numeral. The name model does not overrule it.
 */
export function thingAt(text: string, start: number): boolean {
  const [tokens, i] = wordAt(text, start)
  return (
    i >= 0 &&
    (medicine(tokens, i, text) || beforeRomanNumeral(tokens[i]!, text) || currency(tokens[i]!, text))
  )
}

/**
 * Currencies as notes write them before an amount: the Aruban florin ("Afl."), the guilders of
 * Curaçao and Sint Maarten ("NAf", "ANG", "Cg", "XCG"), the Surinamese dollar ("SRD"), the euro and
 * the currencies of the countries clients send money to or come from.
 */
export const currencyWords = new Set([
  'afl',
  'awg',
  'naf',
  'ang',
  'cg',
  'xcg',
  'srd',
  'usd',
  'eur',
  'gbp',
  'chf',
  'try',
  'tl',
  'mad',
  'dh',
  'pln',
  'zl',
  'ron',
  'lei',
  'bgn',
  'fl',
  'birr',
  'nakfa',
])

/** "Afl. 340", "NAf 1.150", "SRD 2500": a currency right before an amount, no person. */
function currency(t: Readonly<Token>, text: string): boolean {
  return currencyWords.has(t.norm) && /^\.?[ \t]?\d/.test(text.slice(t.end, t.end + 3))
}

function judge(tokens: Token[], i: number, text: string, lowerNote: boolean): Verdict {
  const t = tokens[i]!
  // "Pastor Mbala van Église Béthel": the word for a kind of organisation is no part of a name,
  // unless a name list knows it ("Van de Kerk", "Van der Bank").
  if (t.shape !== 'lower' && organisationKinds.has(t.norm) && !inNames(t.norm)) return 'no'
  // "Hoi Sterre, Lieve hier.": a writer names herself with "hier" (also when the name is a greeting).
  // "hey luwam, eyob hier.": in lower case a first name, or a word that no word list knows.
  if (
    (t.sentenceStart || endsWith(t.gap, ',')) &&
    /^[ \t]+hier(?:[.,!:;\n]|$)/.test(text.slice(t.end, t.end + 7)) &&
    (lexicons().firstNames.has(t.norm) ||
      (t.shape === 'lower' && t.norm.length >= 3 && !isCommonWord(t.norm, true) && !isPlace(t.norm)))
  )
    return 'name'
  // "ze wordt door iedereen Tet genoemd", "iedereen noemt hem Gé": what a person is called, also a
  // word, capitalised mid-sentence right before "genoemd" or after "noemt hem".
  if (
    t.shape === 'title' &&
    !t.sentenceStart &&
    ((/^[ \t]+genoemd(?![\p{L}])/u.test(text.slice(t.end, t.end + 9)) &&
      !functionWords.has(t.norm) &&
      !isPlace(t.norm)) ||
      // Whatever the word is otherwise ("Gé" without its accent is a function word and a place).
      (/^(?:hem|haar|mij|me|hen|ze|zichzelf)$/.test(tokens[i - 1]?.text ?? '') &&
        /^(?:noem|noemt|noemen|noemde|noemden)$/.test(tokens[i - 2]?.norm ?? '') &&
        spacesOnly(t.gap)))
  )
    return 'name'
  if (t.text.length < 2 || titles.has(t.norm) || isRole(t.norm) || greetings.has(t.norm)) return 'no'
  {
    const prev = tokens[i - 1]
    const afterRole = prev !== undefined && spacesOnly(t.gap) && isRole(prev.norm)
    // "Centrum voor Jeugd en Gezin Zoetermeer", "Wijkteam Zoetermeer": a town no name list knows
    // after a capitalised role word (or "Gezin") mid-sentence ends the name of an organisation.
    if (
      prev !== undefined &&
      (afterRole || (prev.norm === 'gezin' && spacesOnly(t.gap))) &&
      prev.shape === 'title' &&
      !prev.sentenceStart &&
      t.shape === 'title' &&
      placeOnly(t.norm)
    )
      return 'no'
    // "Casemanager NAH Jildert van der Wielstra": a short word in capitals between a role word and a
    // capitalised name is the role's field, not part of the name.
    if (
      afterRole &&
      t.shape === 'upper' &&
      t.norm.length >= 3 &&
      t.norm.length <= 4 &&
      !inNames(t.norm) &&
      tokens[i + 1]?.shape === 'title' &&
      spacesOnly(tokens[i + 1]!.gap)
    )
      return 'no'
  }
  // "Lorazepam", "Ventolin 100 mcg", "slikt Seroquel": a medicine, not a person.
  if (medicine(tokens, i, text) && !announced(tokens, i, text)) return 'no'
  if (beforeRomanNumeral(t, text) && !announced(tokens, i, text)) return 'no'
  // "21:47 - shanaisha: juf zegt …", "[09:12] Corrie: ok": in an exported chat the word between the
  // time and the colon is the writer (also in lower case, also a word no list knows).
  if (
    colonAt(text, t.end) &&
    /(?:^|\n)[^\n]{0,24}\b\d{1,2}:\d{2}(?::\d{2})?(?:\][ \t]*|[ \t]+[-–][ \t]+)$/.test(
      text.slice(Math.max(0, t.start - 40), t.start),
    ) &&
    // A plain word there is an item of an agenda ("10:30 - Pauze:"), unless it is a first name.
    (lexicons().firstNames.has(t.norm) || !isCommonWord(t.norm, true)) &&
    !functionWords.has(t.norm) &&
    !englishWords.has(t.norm) &&
    !abbreviations.has(t.norm) &&
    !isPlace(t.norm)
  )
    return 'name'
  // "Bruinsveldt, E.G. (Egbert)", "Jansen, K.L." at the end of a line: a surname, a comma and
  // initials that close the phrase is a name.
  if (
    t.shape === 'title' &&
    !isPlace(t.norm) &&
    !isCommonWord(t.norm, false) &&
    // Two initials or more, or one before a name in brackets ("Schulden: Vattenfall, E.;" stays).
    /^,[ \t]?(?:(?:\p{Lu}\.[ \t]?){2,3}(?=[ \t]*(?:\(|,|;|\n|$))|\p{Lu}\.(?=[ \t]*\())/u.test(
      text.slice(t.end, t.end + 16),
    )
  )
    return 'name'
  // "Boer, A. de", "Vliet, J.P. van der": a surname, a comma, initials and a particle is a name.
  if (
    t.shape !== 'lower' &&
    /^,[ \t]?(?:\p{Lu}\.[ \t]?){1,3}(?:van|de|der|den|ter|ten|te|op|in|'t)(?:[ \t]+(?:de|der|den|het|'t))?(?![\p{L}])/u.test(
      text.slice(t.end, t.end + 24),
    )
  )
    return 'name'
  // "DR. VAN WIJLEN": in capitals, after a title and a lone particle, a word that is also a rare
  // Dutch word is the surname (no organisation or role word: "MW VAN THUISZORG").
  {
    const particleBefore = tokens[i - 1]
    const title = tokens[i - 2]
    if (
      t.shape === 'upper' &&
      particleBefore !== undefined &&
      title !== undefined &&
      particleBefore.shape === 'upper' &&
      /^(?:van|ter|ten|de)$/.test(particleBefore.norm) &&
      oneSpace(t.gap) &&
      /^\.?[ \t]$/.test(particleBefore.gap) &&
      titles.has(title.norm) &&
      t.norm.length >= 4 &&
      !functionWords.has(t.norm) &&
      !personVerbs.has(t.norm) &&
      !finiteVerbs.has(t.norm) &&
      !abbreviations.has(t.norm) &&
      !isRole(t.norm) &&
      !isPlace(t.norm) &&
      !organisationNoun.test(t.norm) &&
      !organisationWordAfter.has(t.norm)
    )
      return 'name'
  }
  // "Groetjes Stijn": a sign-off word is never part of the name after it.
  if (signOffWords.has(t.norm)) return 'no'
  // "Van der Meer", "huisarts Meer": a capitalised surname that is also a function word.
  if (
    (functionWords.has(t.norm) || englishWords.has(t.norm)) &&
    !(
      t.shape === 'title' &&
      lexicons().surnames.has(t.norm) &&
      ((/^(?:der|den)$/.test(tokens[i - 1]?.norm ?? '') && tokens[i - 2]?.norm === 'van') ||
        (!t.sentenceStart && announced(tokens, i, text)))
    ) &&
    // "tante Wil", "oom Ben": a capitalised first name right after a role word, mid-sentence.
    !(
      t.shape === 'title' &&
      !t.sentenceStart &&
      lexicons().firstNames.has(t.norm) &&
      tokens[i - 1] !== undefined &&
      spacesOnly(t.gap) &&
      roleWords.has(tokens[i - 1]!.norm)
    ) &&
    !englishFirstName(tokens, i, text)
  )
    return 'no'
  // "Thuis24", "Woonkracht10": a capitalised word with digits glued to it is a brand or firm.
  if (t.shape !== 'lower' && /^\p{N}/u.test(text.slice(t.end, t.end + 1))) return 'no'
  // "Theresialyceum", "Lotgenotencafé", "Lambertuskerk": a capitalised compound that ends in a kind
  // of organisation is that organisation, unless a name list knows it.
  if (t.shape !== 'lower' && organisationCompound(t.norm) && !inNames(t.norm)) return 'no'
  // "Anne Frankschool", "Thomas Moreschool": a word right before such a compound is part of its name,
  // also joined by a hyphen ("Willem-Alexanderschool").
  const nextWord = tokens[i + 1]
  if (
    t.shape !== 'lower' &&
    nextWord !== undefined &&
    nextWord.shape !== 'lower' &&
    (oneSpace(nextWord.gap) || nextWord.gap === '-') &&
    organisationCompound(nextWord.norm) &&
    !inNames(nextWord.norm) &&
    !lexicons().words.has(nextWord.norm)
  )
    return 'no'
  // "hond heet Bello", "een hond, Boef", "haar kat, die heet Poes": a pet's name.
  if (
    t.shape === 'title' &&
    mentionsPets(text) &&
    petBefore.test(text.slice(Math.max(0, t.start - 24), t.start))
  )
    return 'no'
  // "Zaaknr 455032198", "Dossiernr: 7712": a number's label.
  if (t.norm.endsWith('nr') && /^[ \t.:]*\d/.test(text.slice(t.end, t.end + 4))) return 'no'
  // "Belnotitie:", "Huisbezoekverslag:": a heading whose last part is a Dutch word of five letters or more.
  if (
    t.sentenceStart &&
    t.shape !== 'lower' &&
    /^[ \t]*:/.test(text.slice(t.end, t.end + 2)) &&
    !inNames(t.norm)
  ) {
    const { words } = lexicons()
    for (let k = 2; k <= t.norm.length - 5; k++) if (words.has(t.norm.slice(k))) return 'no'
  }
  // "Zaaknr. 336449186", "Tel. 06…": an abbreviation before a number.
  if (text[t.end] === '.' && /^\.\s?\d/.test(text.slice(t.end, t.end + 3))) return 'no'
  if (currency(t, text)) return 'no'
  // "12 Jan", "3 Mei": a month after a day number.
  if (/^(?:jan|mei|juni|juli|maart|april)/.test(t.norm) && /\d[ \t]*$/.test(t.gap)) return 'no'
  if (withAge(tokens, i, text)) return 'name'
  // "… kun jij dit oppakken? Wout": a first name alone as the last word of a note, after the end of
  // a sentence, signs it.
  if (
    t.shape === 'title' &&
    i === tokens.length - 1 &&
    /[.?!\n][ \t]*$/.test(t.gap) &&
    /^[\s.!]*$/.test(text.slice(t.end)) &&
    lexicons().firstNames.has(t.norm) &&
    !lexicons().places.has(t.norm) &&
    !functionWords.has(t.norm) &&
    !englishWords.has(t.norm)
  )
    return 'name'
  const named = inNames(t.norm)
  const strong = announced(tokens, i, text)
  const prev = tokens[i - 1]
  // "in Utrecht", "naar Almere" — but "naar Tamara": a known name that is no place is a name.
  // "in Den Helder", "naar De Bilt", "uit Het Gooi": a place after a capitalised article.
  const articlePlace =
    prev !== undefined &&
    spacesOnly(t.gap) &&
    spacesOnly(prev.gap) &&
    ((/^(?:Den|De|Het)$/.test(prev.text) && placePrepositions.has(tokens[i - 2]?.norm ?? '')) ||
      // "zit in Al Hoceima", "komt uit El Jadida": an Arabic article and a word no name list
      // knows ("in El Amrani's kantoor" stays a person).
      (/^(?:Al|El|Ad|Ar|As|Ash|Ed|En|Es)$/.test(prev.text) &&
        /^(?:in|uit|te|from)$/.test(tokens[i - 2]?.text ?? '') &&
        !named &&
        t.shape === 'title'))
  const placeContext =
    articlePlace ||
    // "nog in Addis Abeba", "Lieselot uit Brugge", "belt vanuit Duhok", "wijkteam Mariahoeve": a
    // capitalised word right after "in", "uit", "vanuit" (also "In" opening a sentence) or a team
    // or paper of a part of town is a place, whatever name lists know it (a person is "bij"
    // someone, or something goes "naar" them), and so is a second one ("in Hải Phòng"); not
    // before a possessive ("in Jan's kamer").
    (prev !== undefined &&
      t.shape === 'title' &&
      spacesOnly(t.gap) &&
      (prev.shape === 'lower' || prev.shape === 'title') &&
      (placeBefore.test(prev.norm) ||
        (prev.shape === 'title' &&
          oneSpace(prev.gap) &&
          placeBefore.test(tokens[i - 2]?.norm ?? '') &&
          tokens[i - 2]!.shape === 'lower')) &&
      !/^['’]s\b/.test(text.slice(t.end, t.end + 3))) ||
    (prev !== undefined &&
      placePrepositions.has(prev.norm) &&
      /^\s+$/.test(t.gap) &&
      (!(named && !lexicons().places.has(t.norm) && !lexicons().words.has(t.norm)) ||
        // "woont in Antwerpen": after "woont in", "uit" or "from" a word only a surname list knows
        // is a place (a person is "bij" someone).
        (/^(?:in|uit|from)$/.test(prev.norm) &&
          !lexicons().firstNames.has(t.norm) &&
          /(?:woont|wonen|woonde|verhuisd|verhuist|vandaan|komt|kwam|lives|lived|moved)[ \t]+(?:nu[ \t]+|ook[ \t]+)?$/.test(
            text.slice(Math.max(0, prev.start - 20), prev.start),
          ))) &&
      !twoWordPerson(tokens, i) &&
      // "Doorverwezen naar Marjolein Stegeman": a first name and a surname are no place.
      !firstNameAndSurnameShape(tokens, i))
  // A known name is a place only as itself; an unknown word also in an inflected form ("Somalische").
  const place = named ? lexicons().places.has(t.norm) : isPlace(t.norm)
  if (t.shape === 'lower') {
    if (lowerSignatureOrReferrer(tokens, i, text)) return 'name'
    // "mo el bouzidi": a first name of two letters before an Arabic particle and a surname.
    if (
      t.norm.length === 2 &&
      lexicons().firstNames.has(t.norm) &&
      !functionWords.has(t.norm) &&
      !abbreviations.has(t.norm) &&
      /^(?:el|al|ben|bin|abu|ait)$/.test(tokens[i + 1]?.text ?? '') &&
      oneSpace(tokens[i + 1]!.gap) &&
      lowerSurnameAt(tokens, i + 2)
    )
      return 'name'
    if (t.norm.length < 3 || nameParticles.has(t.norm)) return 'no'
    const then = tokens[i + 1]
    const plainThen = then !== undefined && spacesOnly(then.gap)
    const firstName =
      lexicons().firstNames.has(t.norm) &&
      !functionWords.has(t.norm) &&
      !personVerbs.has(t.norm) &&
      !finiteVerbs.has(t.norm)
    // "buurvrouw ans is bezorgd": after a role word a first name that is also a word, before a
    // verb ("zoon kan niet komen" stays: "kan" is a verb itself).
    if (
      strong &&
      firstName &&
      prev !== undefined &&
      isRole(prev.norm) &&
      plainThen &&
      (finiteVerbs.has(then.norm) || personVerbs.has(then.norm))
    )
      return 'name'
    // "terug met joke van ons team", "anna van de reclassering": a first name followed by where
    // the person works.
    if (firstName && then?.text === 'van' && plainThen) {
      const word = isCommonWord(t.norm, false) && !lowerNote
      const owner = tokens[i + 2]
      const place = tokens[i + 3]
      if (
        owner !== undefined &&
        place !== undefined &&
        spacesOnly(owner.gap) &&
        spacesOnly(place.gap) &&
        ((/^(?:ons|onze)$/.test(owner.text) && isCommonWord(place.norm, true)) ||
          (!word &&
            /^(?:de|het)$/.test(owner.text) &&
            (organisationNoun.test(place.norm) ||
              properEnding.test(place.norm) ||
              /(?:team|ing)$/.test(place.norm))))
      )
        return 'name'
    }
    // "gebeld (ilse oosterwegel)": a first name and one more word that is no plain word, alone in
    // brackets, are a name.
    if (
      firstName &&
      /\(\s*$/.test(t.gap) &&
      plainThen &&
      then.shape === 'lower' &&
      /^[ \t]*\)/.test(text.slice(then.end, then.end + 3)) &&
      then.norm.length >= 4 &&
      !isCommonWord(then.norm, false) &&
      !isRole(then.norm) &&
      !functionWords.has(then.norm)
    )
      return 'name'
    // "app van sharon:", "mail van kees": a first name after "van" behind a message is its sender,
    // also one that is a place too.
    if (
      firstName &&
      prev?.text === 'van' &&
      spacesOnly(t.gap) &&
      /^(?:app|appje|bericht|berichtje|mail|mailtje|sms|whatsapp|voicemail|brief|briefje|kaartje)$/.test(
        tokens[i - 2]?.norm ?? '',
      )
    )
      return 'name'
    // "mevr de haan", "meneer pieters": after a title (past particles) a word that a surname list
    // knows is the surname, also when it is a word too (a verb there would be "mevrouw belt").
    let back = i - 1
    while (
      back > i - 4 &&
      back > 0 &&
      nameParticles.has(tokens[back]!.norm) &&
      tokens[back]!.shape === 'lower'
    )
      back--
    if (
      strong &&
      tokens[back] !== undefined &&
      titles.has(tokens[back]!.norm) &&
      // "kent de familie goed", "het gezin wel": a noun after an article, not a title (in a note
      // typed in lower case, "de familie bakker" is the Bakker family).
      !(
        !lowerNote &&
        fullWordTitles.has(tokens[back]!.norm) &&
        /^(?:de|het|een|die|deze|dit|dat|hun|haar|zijn|onze|mijn|jullie)$/.test(tokens[back - 1]?.norm ?? '')
      ) &&
      lexicons().surnames.has(t.norm) &&
      t.norm.length >= 3 &&
      // "huurt dhr. de woning", "mw. op de grond": where the note writes its names with capitals, a
      // Dutch word in lower case after a title and a particle is the word, unless the particles are
      // those of a surname ("mw van der wiel", "meneer 't jong").
      (lowerNote ||
        back === i - 1 ||
        !isCommonWord(t.norm, false) ||
        tokens.slice(back + 1, i).some((p) => p.norm === 'van' || p.norm === 't')) &&
      !functionWords.has(t.norm) &&
      !personVerbs.has(t.norm) &&
      !finiteVerbs.has(t.norm) &&
      !abbreviations.has(t.norm) &&
      !isRole(t.norm) &&
      !englishWords.has(t.norm)
    )
      return 'name'
    // "mw kuiperkamp-vlietwerda", "dhr hoornveld", "dr. van der molenkolk": after a title (past
    // particles) a compound of seven letters or more that is no word itself is the surname; right
    // after the title also when it is a place too ("mevr. zwartebroek": no one writes a title
    // before a town).
    if (
      tokens[back] !== undefined &&
      titles.has(tokens[back]!.norm) &&
      strong &&
      t.norm.length >= 7 &&
      !isCommonWord(t.norm, false) &&
      (back === i - 1 || !isPlace(t.norm)) &&
      !isRole(t.norm) &&
      !properEnding.test(t.norm)
    )
      return 'name'
    // "zit op het wellantcollege": a person is never "het" (only "'t Hart", written so), and a
    // compound ending in a school, a street or an organisation names that.
    if (
      prev !== undefined &&
      prev.text === 'het' &&
      tokens[i - 2]?.norm !== 'van' &&
      properEnding.test(t.norm)
    )
      return 'no'
    // "hoi frans", "mantelzorger mahbooba": after a greeting or a role word a lower-case word is
    // the name when a name list knows it or no word list does.
    // After a role word the lower-case word must be no Dutch word ("casemanager plant overleg");
    // after a greeting a known name is enough ("hoi frans").
    // A greeting or a sign-off ("hoi frans", "groetjes lammert"): a first name is enough, also one
    // that is a place or a language too.
    const greeted =
      strong &&
      ((prev !== undefined && greetings.has(prev.norm)) ||
        (prev !== undefined && /^(?:groet(?:en|jes)?|gr|mvg|liefs|doei|xx?)$/.test(prev.norm)))
    if (greeted && lexicons().firstNames.has(t.norm)) return 'name'
    // "mijn vriend milan", "haar zoon kees": a first name after a possessive and a role word,
    // also when it is a word too (a verb there would be "mijn vriend kwam").
    const owner = tokens[i - 2]
    if (
      strong &&
      prev !== undefined &&
      isRole(prev.norm) &&
      owner !== undefined &&
      /^(?:mijn|mn|me|m|haar|zijn|zn|z|onze|ons|je|jouw|uw)$/.test(owner.norm) &&
      lexicons().firstNames.has(t.norm) &&
      !personVerbs.has(t.norm) &&
      !finiteVerbs.has(t.norm)
    )
      return 'name'
    if (strong && !place && (greeted ? named || !isCommonWord(t.norm, true) : !isCommonWord(t.norm, true)))
      return 'name'
    // "de buurman aart luijerink", "maatje aart verschelling": after a role word a first name that
    // is also a word, followed by a surname (a word no word list holds, or a place: a word would go
    // on with the sentence, and a place never follows a name without a preposition).
    if (
      strong &&
      prev !== undefined &&
      (isRole(prev.norm) || titles.has(prev.norm)) &&
      lexicons().firstNames.has(t.norm) &&
      !personVerbs.has(t.norm) &&
      !finiteVerbs.has(t.norm) &&
      !functionWords.has(t.norm) &&
      (lowerSurnameAt(tokens, i + 1) ||
        // "dhr piet van der meulenbelt": past lower-case particles.
        (nameParticles.has(tokens[i + 1]?.norm ?? '') &&
          oneSpace(tokens[i + 1]!.gap) &&
          (lowerSurnameAt(tokens, i + 2) ||
            (nameParticles.has(tokens[i + 2]?.norm ?? '') && lowerSurnameAt(tokens, i + 3)))))
    )
      return 'name'
    // "mevr hendrikje", "hoi hinkje": a name shaped as a diminutive (-je, -ke) that the word list
    // does not hold itself, after a title or in a greeting (after a role word it may be a word:
    // "zoon ventje").
    if (
      strong &&
      !place &&
      t.norm.length >= 5 &&
      /(?:je|ke)$/.test(t.norm) &&
      !lexicons().words.has(t.norm) &&
      prev !== undefined &&
      (greeted || titles.has(prev.norm))
    )
      return 'name'
    // "nicht aaltje": after a role word, a first name shaped as a diminutive of a word ("zoon
    // ventje" stays: no first-name list knows it).
    if (
      strong &&
      !place &&
      /(?:je|ke|tje)$/.test(t.norm) &&
      lexicons().firstNames.has(t.norm) &&
      !lexicons().words.has(t.norm) &&
      prev !== undefined &&
      isRole(prev.norm)
    )
      return 'name'
    // "kinderen rayan, ilyas en ghofran": in a list right after a lower-case first name, a word
    // that no word list knows is a name too.
    const afterEn = prev?.text === 'en' && spacesOnly(prev.gap) && spacesOnly(t.gap)
    const item = onlyWithSpaces(',', t.gap) ? prev : afterEn ? tokens[i - 2] : undefined
    if (
      item !== undefined &&
      item.shape === 'lower' &&
      lexicons().firstNames.has(item.norm) &&
      !isCommonWord(item.norm, true) &&
      t.norm.length >= 4 &&
      !place &&
      !abbreviations.has(t.norm) &&
      !isCommonWord(t.norm, true)
    )
      return 'name'
    // "mirwais zegt dat ik moet bellen": a word no word list knows, doing what only people do.
    // Only at the start of a line of a chat: elsewhere it is more often a typo ("caemanager belt").
    // "evert-jan zegt": past the second part of a double first name.
    const double = tokens[i + 1]?.gap === '-' && lexicons().firstNames.has(tokens[i + 1]!.norm)
    const nextWord = tokens[double ? i + 2 : i + 1]
    if (
      (i === 0 || t.gap.includes('\n')) &&
      nextWord !== undefined &&
      spacesOnly(nextWord.gap) &&
      personVerbs.has(nextWord.norm) &&
      !place &&
      // "maarten zegt", also when the first name is a word too.
      (!isCommonWord(t.norm, true) || (lexicons().firstNames.has(t.norm) && !functionWords.has(t.norm)))
    )
      return 'name'
    if (!named || place) return 'no'
    if (/^['’]s\b/.test(text.slice(t.end, t.end + 3))) return 'name'
    if (isCommonWord(t.norm, true)) return 'no'
    return strong || lowerNote || t.norm.length >= 4 ? 'name' : 'maybe'
  }
  if (t.shape === 'mixed') return named && !place ? 'name' : 'no'
  // A word without a vowel is an abbreviation (Wlz, Zvw, Wsnp), not a name.
  if (!/[aeiouy]/.test(t.norm)) return 'no'
  if (t.shape === 'upper') {
    // "Mw STAPELKAMP", "buurman DRIES": after a title or role word a word in capitals is the name,
    // also one no list knows or one that is a word too, unless it is exactly a plain word.
    if (
      strong &&
      t.text.length >= 3 &&
      !personVerbs.has(t.norm) &&
      !finiteVerbs.has(t.norm) &&
      ((prev !== undefined && titles.has(prev.norm)) || named || (!place && !isCommonWord(t.norm, true)))
    )
      return 'name'
    // "EX DJALMA TAVARES": an announced word in capitals that is also a place, before a surname.
    const then = tokens[i + 1]
    if (
      strong &&
      then !== undefined &&
      then.shape === 'upper' &&
      spacesOnly(then.gap) &&
      lexicons().surnames.has(then.norm) &&
      !isCommonWord(then.norm, true) &&
      !isCommonWord(t.norm, true)
    )
      return 'name'
    // "CL. FRANSJE VAN DE KAMPERVOORT": a first name (or an announced word) in capitals before
    // particles and a compound in capitals that is no plain word, place or firm is a name.
    if (
      (strong || lexicons().firstNames.has(t.norm)) &&
      t.text.length >= 3 &&
      !personVerbs.has(t.norm) &&
      !finiteVerbs.has(t.norm) &&
      !functionWords.has(t.norm)
    ) {
      let j = i + 1
      while (
        j < i + 4 &&
        tokens[j]?.shape === 'upper' &&
        nameParticles.has(tokens[j]!.norm) &&
        spacesOnly(tokens[j]!.gap)
      )
        j++
      const surname = tokens[j]
      if (
        j > i + 1 &&
        surname !== undefined &&
        surname.shape === 'upper' &&
        spacesOnly(surname.gap) &&
        surname.norm.length >= 5 &&
        /[aeiouy]/.test(surname.norm) &&
        !isCommonWord(surname.norm, false) &&
        !isPlace(surname.norm) &&
        !properEnding.test(surname.norm) &&
        !organisationWordAfter.has(surname.norm)
      )
        return 'name'
    }
    // Acronyms (GGD, UWV, POH) are organisations and functions, not people.
    if (!named) return 'no'
    // Short capitals are mostly abbreviations (IBAN, BSN, MDO); a short name in capitals counts
    // only next to another name ("JAN DE VRIES").
    // "WIEKE EEKVELDT BELT": a verb that only people do is never part of the name before it.
    if (t.text.length <= 4) {
      if (personVerbs.has(t.norm) || finiteVerbs.has(t.norm)) return 'no'
      return strong ? 'name' : 'maybe'
    }
    // "DRIES BOSHUIZEN (buurman)": a first name in capitals right before a surname in capitals.
    if (firstAndSurname(tokens, i) || (upperFirstName(tokens, i) && announced(tokens, i + 1, text)))
      return 'maybe'
    // "TJERK EEKHOUTT": a first name in capitals before a long word in capitals that no list knows.
    const surname = tokens[i + 1]
    if (
      upperFirstName(tokens, i) &&
      surname!.norm.length >= 5 &&
      /[aeiouy]/.test(surname!.norm) &&
      !inNames(surname!.norm) &&
      !isCommonWord(surname!.norm, true) &&
      !isPlace(surname!.norm) &&
      !organisationWordAfter.has(surname!.norm)
    )
      return 'maybe'
    // "BERT LAMMERS": the surname after it, also when an inflected word looks like it.
    if (i > 0 && firstAndSurname(tokens, i - 1)) return 'name'
    if (isCommonWord(t.norm, true) || place) return 'no'
    return 'name'
  }
  // Capitalised.
  // "Fleur > ja, vraag …": a first name before the ">" of a chat line is the writer.
  if (
    (t.sentenceStart || t.gap.includes('\n')) &&
    lexicons().firstNames.has(t.norm) &&
    /^[ \t]*>[ \t]/.test(text.slice(t.end, t.end + 3))
  )
    return 'name'
  // "opa Chichi Schotborgh op Bandabou": "op" after a name and before a word no first-name list
  // knows is a place (a person is "op" nothing: "wacht op Kibrom" has a verb before "op").
  if (
    prev !== undefined &&
    prev.text === 'op' &&
    spacesOnly(t.gap) &&
    spacesOnly(prev.gap) &&
    tokens[i - 2]?.shape === 'title' &&
    !tokens[i - 2]!.sentenceStart &&
    !lexicons().firstNames.has(t.norm) &&
    !strong
  )
    return 'no'
  if (jobLineEmployer(tokens, i) || bracketEmployer(tokens, i, text)) return 'no'
  const following = tokens[i + 1]
  // "West-Brabant", "Noord-Holland": a part of the country; "Oost-Indië", "Zuid-Afrika" too.
  if (compassWords.has(t.norm) && following?.gap === '-' && following.shape === 'title') return 'no'
  if (t.gap === '-' && prev?.shape === 'title' && compassWords.has(prev.norm)) return 'no'
  // "Com·wonen": words joined by a middle dot are a brand; "Com.wonen" a dot and a lower-case word.
  if (t.gap === '·' || text[t.end] === '·') return 'no'
  if (text[t.end] === '.' && /^\p{Ll}{3}/u.test(text.slice(t.end + 1, t.end + 4)) && !inNames(t.norm))
    return 'no'
  // "Arduin/Porthos": words joined by a slash that no name list knows, one of them a word or a
  // place, are organisations.
  const slashed =
    (text[t.end] === '/' && following?.gap === '/' ? following : undefined) ??
    (t.gap === '/' && prev?.shape === 'title' ? prev : undefined)
  if (
    slashed !== undefined &&
    slashed.shape === 'title' &&
    !inNames(t.norm) &&
    !inNames(slashed.norm) &&
    // One of them a word or a place ("Kibrom/Tesfay" stays two people).
    [t.norm, slashed.norm].some((w) => isCommonWord(w, true) || isPlace(w) || properEnding.test(w))
  )
    return 'no'
  // "Jessica Abels | casemanager | Welzijnsnet": on a signature line split by bars, the employer
  // after the job.
  if (
    /^[ \t]*\|[ \t]*$/.test(t.gap) &&
    prev !== undefined &&
    prev.shape === 'lower' &&
    jobWord.test(prev.norm) &&
    /^[ \t]*\|[ \t]*$/.test(prev.gap) &&
    !lexicons().firstNames.has(t.norm)
  )
    return 'no'
  // "ROC Rivor", "UWV Werkbedrijf", "GGZ Drenthe": after an acronym that no name list knows, a
  // capitalised word that no first-name list knows is the organisation's name ("MDO Kibrom Tesfay":
  // not before a second word shaped as a surname).
  if (
    prev !== undefined &&
    prev.shape === 'upper' &&
    spacesOnly(t.gap) &&
    prev.text.length >= 2 &&
    prev.text.length <= 5 &&
    !inNames(prev.norm) &&
    !titles.has(prev.norm) &&
    !isRole(prev.norm) &&
    !lexicons().firstNames.has(t.norm) &&
    !announced(tokens, i, text) &&
    !twoWordPerson(tokens, i)
  )
    return 'no'
  // "Kuehne+Nagel", "Procter&Gamble": words joined by a plus or an ampersand without spaces are a firm.
  if (/^[+&]$/.test(t.gap) || (/^[+&]\p{L}/u.test(text.slice(t.end, t.end + 2)) && t.gap !== '+')) return 'no'
  // "de Groene Hilledijk": the street after such an adjective.
  if (
    prev !== undefined &&
    streetAdjectives.has(prev.norm) &&
    prev.shape === 'title' &&
    spacesOnly(t.gap) &&
    t.shape === 'title' &&
    streetEnding.test(t.norm)
  )
    return 'no'
  // "Wijkteam Rotterdam Charlois, Boergoensevliet", "'s-Hertogenbosch, Hambaken.": a word no name
  // list knows after a town and a comma, ending the line or sentence, is the part of town or street.
  if (
    prev !== undefined &&
    /^,[ \t]+$/.test(t.gap) &&
    prev.shape === 'title' &&
    lexicons().places.has(prev.norm) &&
    !inNames(prev.norm) &&
    t.shape === 'title' &&
    !inNames(t.norm) &&
    /^[ \t]*(?:[.\n]|$)/.test(text.slice(t.end, t.end + 2))
  )
    return 'no'
  // "Korte Nieuwstraat", "Oude Kerkweg": an adjective before a street is part of the street's name.
  if (
    streetAdjectives.has(t.norm) &&
    following !== undefined &&
    spacesOnly(following.gap) &&
    following.shape === 'title' &&
    streetEnding.test(following.norm)
  )
    return 'no'
  // "zit op De Rietlanden", "naar Het Baken": mid-sentence a capitalised article before a compound
  // of Dutch words that no name list knows names a school or a building ("mw. De Boer" stays).
  if (
    prev !== undefined &&
    /^(?:De|Het)$/.test(prev.text) &&
    !prev.sentenceStart &&
    spacesOnly(t.gap) &&
    spacesOnly(prev.gap) &&
    !inNames(t.norm) &&
    t.norm.length >= 8 &&
    isCommonWord(t.norm, true) &&
    !titles.has(tokens[i - 2]?.norm ?? '') &&
    !isRole(tokens[i - 2]?.norm ?? '')
  )
    return 'no'
  // "Zwolle-Holtenbroek", "Almere-Haven": a word joined by a hyphen to a town is the part of town
  // (not in a double surname after a first name: "Carla Hoogstraaten-Weideveld").
  if (
    t.gap === '-' &&
    prev !== undefined &&
    prev.shape === 'title' &&
    lexicons().places.has(prev.norm) &&
    !lexicons().firstNames.has(prev.norm) &&
    !announced(tokens, i - 1, text) &&
    !(
      tokens[i - 2] !== undefined &&
      spacesOnly(prev.gap) &&
      (inNames(tokens[i - 2]!.norm) ||
        // "Drieka Oosterhaven-Kroeskop": a capitalised word no list knows right before the town
        // is a first name (a town has no capitalised word before it without a preposition).
        (tokens[i - 2]!.shape === 'title' &&
          tokens[i - 2]!.norm.length >= 3 &&
          !functionWords.has(tokens[i - 2]!.norm) &&
          !isRole(tokens[i - 2]!.norm) &&
          !isPlace(tokens[i - 2]!.norm) &&
          !isCommonWord(tokens[i - 2]!.norm, true)))
    )
  )
    return 'no'
  // "Almere Haven", "Almere Buiten": a Dutch word right after a town is the part of town.
  if (
    prev !== undefined &&
    prev.shape === 'title' &&
    spacesOnly(t.gap) &&
    lexicons().places.has(prev.norm) &&
    !inNames(prev.norm) &&
    // "Voor Bas Kleikers": a function word is no town, though a village may bear its name.
    !functionWords.has(prev.norm) &&
    lexicons().words.has(t.norm) &&
    !lexicons().firstNames.has(prev.norm) &&
    !announced(tokens, i, text)
  )
    return 'no'
  if (townAfterPostcode(tokens, i, text)) return 'no'
  // "Team Sociaal Domein" under a sign-off: a line that opens with a capitalised Dutch word that
  // is no name, followed by more capitalised words, is a team or an organisation.
  if (
    strong &&
    t.gap.includes('\n') &&
    following !== undefined &&
    following.shape === 'title' &&
    spacesOnly(following.gap) &&
    lexicons().words.has(t.norm) &&
    !inNames(t.norm) &&
    !titles.has(t.norm) &&
    !isRole(t.norm) &&
    !signatureName(tokens, i + 1, text)
  )
    return 'no'
  // "Visser-groep", "Jansen-zorg": a hyphen and a word for a firm make it one.
  if (
    following?.gap === '-' &&
    following.shape === 'lower' &&
    (organisationWordAfter.has(following.norm) || organisationNoun.test(following.norm))
  )
    return 'no'
  // "vrijwilliger Stichting Buurtgezinnen": a kind of organisation before its name, also after a role.
  if (
    following !== undefined &&
    spacesOnly(following.gap) &&
    following.shape !== 'lower' &&
    isCommonWord(t.norm, true) &&
    organisationNoun.test(t.norm) &&
    !lexicons().firstNames.has(t.norm)
  )
    return 'no'
  // "Consulent Wmo", "wijkagent Centrum": after a job word a proper noun that no name list knows but
  // the list of places and organisations does is the job's domain or area, not a person.
  // "Schuldhulpmaatje Zwolle": a capitalised job word mid-sentence names a service, and a place after it
  // is its branch, also when a surname list knows the place.
  if (
    strong &&
    (!named || (prev !== undefined && prev.shape === 'title' && !prev.sentenceStart)) &&
    (lexicons().places.has(t.norm) || languageNames.has(t.norm)) &&
    prev !== undefined &&
    /^[ \t]*\(?[ \t]*$/.test(t.gap) &&
    prev.shape !== 'upper' &&
    jobWord.test(prev.norm)
  )
    return 'no'
  // "begeleider Vluchtelingenwerk Zuid-Nederland": after a job word a compound of Dutch words that
  // is no word itself and no name, before a part of the country or a place, is the employer.
  if (
    strong &&
    !named &&
    prev !== undefined &&
    spacesOnly(t.gap) &&
    prev.shape !== 'upper' &&
    jobWord.test(prev.norm) &&
    following !== undefined &&
    spacesOnly(following.gap) &&
    following.shape === 'title' &&
    (compassWords.has(following.norm) || lexicons().places.has(following.norm)) &&
    !inNames(following.norm) &&
    isCommonWord(t.norm, true) &&
    !isCommonWord(t.norm, false)
  )
    return 'no'
  // "Gerben Wardak – woonconsulent Trivire": on a signature line, the employer after the job.
  const person = tokens[i - 2]
  if (
    strong &&
    prev !== undefined &&
    person !== undefined &&
    spacesOnly(t.gap) &&
    prev.shape === 'lower' &&
    jobWord.test(prev.norm) &&
    person.shape !== 'lower' &&
    /^[ \t]*[–|-][ \t]*$/.test(prev.gap) &&
    !lexicons().firstNames.has(t.norm)
  )
    return 'no'
  if (strong) return placeContext ? 'no' : 'name'
  // "Host family Van Wijnkamp": mid-sentence, a capitalised "Van" before a word shaped as a Dutch
  // place-name surname that is no word itself.
  if (
    prev !== undefined &&
    /^(?:Van|Ter|Ten)$/.test(prev.text) &&
    !prev.sentenceStart &&
    oneSpace(t.gap) &&
    toponymEnding.test(t.norm) &&
    !isCommonWord(t.norm, false) &&
    !isPlace(t.norm) &&
    !properEnding.test(t.norm) &&
    !(following !== undefined && following.shape === 'title' && oneSpace(following.gap)) &&
    !organisationContext(tokens, i, text)
  )
    return 'name'
  // "Youfone € 212,50", "Belvo (€ 85)": a word no first-name list knows, followed by an amount, is a
  // creditor.
  if (/^[ \t]*\(?[ \t]*(?:€|EUR\b)/.test(text.slice(t.end, t.end + 7)) && !lexicons().firstNames.has(t.norm))
    return 'no'
  // "Annemiek van de Kledingbank belde": a first name followed by where the person works.
  if (lexicons().firstNames.has(t.norm) && worksAt(tokens, i, text)) return 'name'
  if (placeContext) return 'no'
  if (organisationContext(tokens, i, text)) return 'no'
  if (!t.sentenceStart) {
    if (named) {
      if (place) return 'maybe'
      // "de Burgemeester", "het Hof": a word after an article is that word, unless a title or a
      // first name came first (then "de" is part of the surname, found from the left).
      if (prev && /^(?:de|het|een)$/.test(prev.text) && lexicons().words.has(t.norm)) return 'maybe'
      // "team West", "praktijk Zuid": after an ordinary noun a word that is also a name is a word.
      if (
        prev &&
        prev.shape === 'lower' &&
        spacesOnly(t.gap) &&
        lexicons().words.has(t.norm) &&
        lexicons().words.has(prev.norm) &&
        !functionWords.has(prev.norm) &&
        // "married to Koen", "lives with Koen": English "to" and "with" are no nouns ("to" is a
        // Dutch word too); "works at Tata" stays undecided.
        !/^(?:to|with)$/.test(prev.norm) &&
        !roleWords.has(prev.norm) &&
        !placePrepositions.has(prev.norm)
      )
        return 'maybe'
      return 'name'
    }
    if (place) return 'no'
    // "de Zonnebloem", "het Leger": after an article an unknown capitalised word is an
    // organisation or a place. ("mw. de Boer" is found from "Boer" and the title before it.)
    if (prev && /^(?:de|het|een)$/.test(prev.text) && /^\s+$/.test(t.gap)) return 'maybe'
    // Mid-sentence only the word itself counts: an inflected noun is never capitalised there.
    if (lexicons().words.has(t.norm)) return 'maybe'
    if (properEnding.test(t.norm)) return 'no'
    // A compound of Dutch words written with a capital ("Zonnebloem", "Woonzorg") names a thing:
    // an organisation, a product, a building. It is a name only next to one.
    if (isCommonWord(t.norm, true)) return 'maybe'
    // "van Welzijn Wijkracht", "bij Thuiszorg Aveant": mid-sentence, an unknown word after a
    // capitalised Dutch noun that is no name, title or role names an organisation.
    if (
      prev !== undefined &&
      prev.shape === 'title' &&
      !prev.sentenceStart &&
      spacesOnly(t.gap) &&
      lexicons().words.has(prev.norm) &&
      !inNames(prev.norm) &&
      !isRole(prev.norm) &&
      !jobWord.test(prev.norm) &&
      !titles.has(prev.norm) &&
      !nameParticles.has(prev.norm)
    )
      return 'no'
    return 'name'
  }
  // At the start of a sentence every word is capitalised: only a word that is no Dutch word counts.
  if (place) return 'maybe'
  // A known name that is also a word only as itself ("Roos", "Frans") stays undecided; an
  // inflected look-alike ("Lammert", "Wouter") is the name.
  if (named) {
    const following = tokens[i + 1]
    // "Korte notitie", "Kunt u", "Nieuwe afspraak": an inflected Dutch word before a noun or a
    // subject pronoun is that word, not a name ("Wouter belt" stays a name: a verb follows).
    if (
      following !== undefined &&
      spacesOnly(following.gap) &&
      following.shape === 'lower' &&
      isCommonWord(t.norm, false) &&
      (subjectPronouns.has(following.norm) ||
        (/e$/.test(t.norm) &&
          !functionWords.has(following.norm) &&
          !personVerbs.has(following.norm) &&
          !finiteVerbs.has(following.norm) &&
          isCommonWord(following.norm, true)))
    )
      return 'maybe'
    if (!lexicons().words.has(t.norm)) return 'name'
    // "Sanne's", "Kok belt terug": a possessive or a verb that only people do settles it.
    if (/^['’]s?\b/.test(text.slice(t.end, t.end + 3))) return 'name'
    const next = tokens[i + 1]
    if (!next || !spacesOnly(next.gap)) return 'maybe'
    if (personVerbs.has(next.norm) || next.norm === 'zelf') return 'name'
    // "Rob is opgelucht", "Roos heeft pijn": a first name as the subject of the sentence. Not when
    // the subject follows the verb ("Bakker is hij nooit geworden"): then the word is the predicate.
    const after = tokens[i + 2]
    if (
      lexicons().firstNames.has(t.norm) &&
      finiteVerbs.has(next.norm) &&
      after !== undefined &&
      spacesOnly(after.gap) &&
      !subjectPronouns.has(after.norm)
    )
      return 'name'
    return 'maybe'
  }
  if (isCommonWord(t.norm, true)) return 'no'
  if (properEnding.test(t.norm)) return 'no'
  return 'name'
}

/**
 * True when token `i` names an organisation by its English shape or place in the sentence:
 * "Church of Pentecost", "Bank of Ghana" (capitalised words joined by "of", the first no first
 * name); "works at Picnic" (after "at" behind a word of work); "Lycamobile achterstand" (right
 * before a noun of money matters, when no first-name list knows it and nothing announces a person).
 */
function englishOrganisation(tokens: Token[], i: number, text: string): boolean {
  const t = tokens[i]!
  if (t.shape !== 'title') return false
  const { firstNames } = lexicons()
  const next = tokens[i + 1]
  const after = tokens[i + 2]
  if (
    next?.text === 'of' &&
    spacesOnly(next.gap) &&
    after?.shape === 'title' &&
    spacesOnly(after.gap) &&
    !firstNames.has(t.norm)
  )
    return true
  const prev = tokens[i - 1]
  const before = tokens[i - 2]
  if (
    prev?.text === 'of' &&
    spacesOnly(t.gap) &&
    spacesOnly(prev.gap) &&
    before?.shape === 'title' &&
    !firstNames.has(before.norm)
  )
    return true
  if (
    prev?.text === 'at' &&
    spacesOnly(t.gap) &&
    before !== undefined &&
    /^(?:works?|worked|working|job|jobs|employed|shifts?|nights|internship)$/.test(before.norm) &&
    !/^['’]s?\b/.test(text.slice(t.end, t.end + 3))
  )
    return true
  // "at the Triodos branch", "the Rabobank office": "the", the word and a noun for a place of business.
  if (
    prev?.text === 'the' &&
    spacesOnly(t.gap) &&
    next !== undefined &&
    spacesOnly(next.gap) &&
    /^(?:branch|office|offices|store|shop|desk|counter|helpdesk|website|app|account)$/.test(next.text)
  )
    return true
  // "owes € 4.300 to Collenda", "debt to …": the creditor after a debt in English.
  if (
    prev?.text === 'to' &&
    spacesOnly(t.gap) &&
    !firstNames.has(t.norm) &&
    /\b(?:owes?|owed|owing|debts?|arrears)[ \t]+(?:€|EUR|\$|£)[ \t]?\d[\d.,]*[ \t]+$/i.test(
      text.slice(Math.max(0, prev.start - 40), prev.start),
    )
  )
    return true
  return (
    next !== undefined &&
    next.shape === 'lower' &&
    spacesOnly(next.gap) &&
    moneyNoun.test(next.norm) &&
    !firstNames.has(t.norm) &&
    !announced(tokens, i, text)
  )
}

/**
 * "neighbour Sunday Oyediran": an English word (a weekday, a month, a virtue) that a role word or
 * title announces is a first name when a word shaped as a surname follows on the same line.
 */
function englishFirstName(tokens: Token[], i: number, text: string): boolean {
  const t = tokens[i]!
  const next = tokens[i + 1]
  if (t.shape !== 'title' || t.sentenceStart || !englishWords.has(t.norm) || functionWords.has(t.norm))
    return false
  if (next === undefined || next.shape !== 'title' || !spacesOnly(next.gap) || next.norm.length < 4)
    return false
  if (functionWords.has(next.norm) || englishWords.has(next.norm) || isCommonWord(next.norm, true))
    return false
  if (isPlace(next.norm) || organisationWordAfter.has(next.norm) || organisationNoun.test(next.norm))
    return false
  return announced(tokens, i, text)
}

/**
 * True when token `i` is a lower-case word shaped as a surname right after a lower-case first name:
 * five letters or more and no word itself: a surname or a place a list knows, or a word that
 * neither a word list (nor its compounds) nor the places know.
 */
function lowerSurnameAt(tokens: Token[], i: number): boolean {
  const t = tokens[i]
  if (t === undefined || t.shape !== 'lower' || !oneSpace(t.gap) || t.norm.length < 5) return false
  if (abbreviations.has(t.norm) || functionWords.has(t.norm) || isCommonWord(t.norm, false)) return false
  if (lexicons().surnames.has(t.norm) || lexicons().places.has(t.norm)) return true
  return !isCommonWord(t.norm, true) && !isPlace(t.norm)
}

/** True when token `i` can continue a name that ends at token `i - 1`. */
let occurrencesFor: Token[] | undefined
let occurrences = new Map<string, number[]>()

/**
 * True when the word of token `k` stands elsewhere in the note where the context makes it an
 * organisation ("schuld bij Intrum"). Looks at no more than eight other places of the word.
 */
function organisationElsewhere(tokens: Token[], k: number, text: string): boolean {
  if (tokens !== occurrencesFor) {
    occurrencesFor = tokens
    occurrences = new Map()
    tokens.forEach((t, m) => {
      const list = occurrences.get(t.norm)
      if (list === undefined) occurrences.set(t.norm, [m])
      else if (list.length < 9) list.push(m)
    })
  }
  for (const m of occurrences.get(tokens[k]!.norm) ?? [])
    if (m !== k && tokens[m]!.shape !== 'lower' && organisationContext(tokens, m, text)) return true
  return false
}

/**
 * "Sjra Op de Beesberg", "Ilse Op gen Oorth", "Noud Op het Veld": Limburg and Flemish surnames
 * open with a capitalised "Op" before lower-case particles ("de", "den", "gen", "het", "ten"), which
 * a preposition mid-sentence never has. Tokens `from`..`to` are the particles. ("Op 't" is not read
 * yet: the apostrophe splits the run of particles.)
 */
function limburgParticles(tokens: Token[], from: number, to: number): boolean {
  const op = tokens[from]!
  return (
    to > from &&
    op.text === 'Op' &&
    !op.sentenceStart &&
    tokens.slice(from + 1, to + 1).every((p) => p.shape === 'lower' && opParticles.has(p.norm))
  )
}
const opParticles = new Set(['de', 'den', 'gen', 'het', 't', 'ten', 'te'])

function continues(tokens: Token[], i: number, verdicts: Verdict[], text: string): boolean {
  const t = tokens[i]!
  if (!/^[ \t]$|^-$/.test(t.gap)) return false
  // "Kind regards,⏎Jurick Eisden⏎": the line of a signature holds the whole name, also a surname
  // that looks like a word or a place.
  const prev = tokens[i - 1]!
  const after = tokens[i + 1]
  if (
    t.shape === prev.shape &&
    t.shape !== 'lower' &&
    prev.gap.includes('\n') &&
    (after === undefined || after.gap.includes('\n')) &&
    !functionWords.has(t.norm) &&
    !isRole(t.norm) &&
    signOff.test(text.slice(Math.max(0, prev.start - 40), prev.start))
  )
    return true
  // "evert-jan": a lower-case double first name.
  // "mevr hendrikje wolthekker", "casus amjad haddad-aldiab": in lower case the surname after a
  // first name is a word that no word list knows (a word would go on with the sentence).
  // "mw jikke kalkdijk", "maatje aart verschelling": after a first name that a title or role word
  // announces, a place that is no word is the surname (a place never follows a name without a
  // preposition).
  if (
    t.shape === 'lower' &&
    prev.shape === 'lower' &&
    verdicts[i - 1] === 'name' &&
    lexicons().firstNames.has(prev.norm) &&
    tokens[i - 2] !== undefined &&
    (titles.has(tokens[i - 2]!.norm) || isRole(tokens[i - 2]!.norm)) &&
    lowerSurnameAt(tokens, i)
  )
    return true
  if (t.shape === 'lower')
    return (
      tokens[i - 1]!.shape === 'lower' &&
      ((t.gap === '-' && lexicons().firstNames.has(t.norm)) ||
        // "gebeld (ilse oosterwegel)": a first name and one more word alone in brackets are a
        // name, also when the word is a place.
        (/\(\s*$/.test(tokens[i - 1]!.gap) &&
          oneSpace(t.gap) &&
          /^[ \t]*\)/.test(text.slice(t.end, t.end + 3)) &&
          lexicons().firstNames.has(tokens[i - 1]!.norm) &&
          !functionWords.has(tokens[i - 1]!.norm) &&
          t.norm.length >= 4 &&
          !isCommonWord(t.norm, false) &&
          !isRole(t.norm)) ||
        // "mw. zeggelaar-timmermans": the second part of a double surname that a list knows.
        (t.gap === '-' &&
          verdicts[i - 1] === 'name' &&
          t.norm.length >= 4 &&
          lexicons().surnames.has(t.norm)) ||
        // Short unknown words there are mostly abbreviations and typos ("uwv", "wrkt").
        ((t.norm.length >= 5 || (t.norm.length >= 3 && inNames(t.norm))) &&
          !abbreviations.has(t.norm) &&
          (!isCommonWord(t.norm, true) ||
            // "karin hoornveld": after a first name a compound that is no word itself is the surname.
            ((lexicons().firstNames.has(prev.norm) || verdicts[i - 1] === 'name') &&
              t.norm.length >= 7 &&
              !isCommonWord(t.norm, false) &&
              !streetEnding.test(t.norm) &&
              !timeCompound.test(t.norm))) &&
          !isPlace(t.norm) &&
          !/^[ \t]+[-–][ \t]*\p{Ll}/u.test(`${t.gap}${t.text}`)))
    )
  // "WIEKE EEKVELDT BELT": in capitals a verb that only people do ends the name.
  if (t.shape === 'upper' && verdicts[i] === 'no' && (personVerbs.has(t.norm) || finiteVerbs.has(t.norm)))
    return false
  if (verdicts[i] !== 'no' || inNames(t.norm)) return true
  // "Carla Hoogstraaten-Weideveld": after a hyphen, the second part of a double surname, also one
  // that is the name of a place, unless it makes a firm or a part of the country.
  if (
    t.gap === '-' &&
    t.shape === 'title' &&
    prev.shape === 'title' &&
    t.norm.length >= 4 &&
    !lexicons().words.has(t.norm) &&
    !functionWords.has(t.norm) &&
    !organisationWordAfter.has(t.norm) &&
    !compassWords.has(t.norm) &&
    !organisationNoun.test(t.norm)
  )
    return true
  // "HENNIE STOETMAN-HOGEBRUG": a name in capitals goes on with capitals that are no plain word.
  if (t.shape === 'upper' && tokens[i - 1]!.shape === 'upper')
    return /[aeiouy]/.test(t.norm) && !isCommonWord(t.norm, false) && !functionWords.has(t.norm)
  // After a first name a capitalised word that is no Dutch word is the surname, even when it is
  // also the name of a place or a firm: "Ruurd Schuttevaer".
  // Also after a name no list knows ("Jurick Eisden"): in Dutch a place never follows a name
  // without a preposition.
  return (
    t.shape === 'title' &&
    (lexicons().firstNames.has(prev.norm) || verdicts[i - 1] === 'name') &&
    !functionWords.has(t.norm) &&
    !englishWords.has(t.norm) &&
    // "Gerdien Hulsbeek": the name of a village that the word list holds too is the surname here.
    // "Klantmanager Bep Vreden": after a first name that a role word announces, a place that looks
    // like an inflected word but is none itself.
    (!isCommonWord(t.norm, false) ||
      (lexicons().places.has(t.norm) &&
        (!stems(t.norm).slice(1).some(knownWord) ||
          (!lexicons().words.has(t.norm) && i >= 2 && announced(tokens, i - 1, text)))))
  )
}

/**
 * Finds names in `text`. Returns spans in text order, without titles or role words, with
 * initials, particles and both parts of a double name included.
 *
 * @example
 * findNames('Gesprek met haar zoon Yonas en buurvrouw mw. van der Kolk.')
 * // [{ text: 'Yonas', … }, { text: 'van der Kolk', … }]
 */
export function findNames(text: string): NameSpan[] {
  return withoutNonPersons(text, findNamesUnchecked(text))
}

/**
 * {@link findNames} without the filters of {@link withoutNonPersons}, for a caller that runs them
 * itself after adding names of its own (the name model's `addModelNames` does).
 */
export function findNamesUnchecked(text: string): NameSpan[] {
  return outsidePlaceColumns(text, findNamesUnfiltered(text))
}

/** A form's field for a place, at the start of a line: "Wijk:", "Woonplaats :", "Veld 'Wijk':". */
const placeField =
  /(?:^|\n)[ \t]*(?:veld[ \t]+)?['"‘’]?(?:wijk|woonplaats|plaats|gemeente|stad|buurt|stadsdeel|regio|district|city|town|place)['"‘’]?[ \t]*:[ \t]*$/i

/** Drops the name spans that are the value of a form's field for a place ("Wijk: Pittelo"). */
export function withoutPlaceFields<T extends { start: number; end: number }>(text: string, spans: T[]): T[] {
  return spans.filter((span) => !placeField.test(text.slice(Math.max(0, span.start - 40), span.start)))
}

/** The filters that drop what is no person from the names found (see each). */
export function withoutNonPersons<T extends { start: number; end: number }>(text: string, spans: T[]): T[] {
  const kept = withoutHyphenedPlaces(
    text,
    withoutKnownNonPersons(text, withoutOrganisationWords(text, spans)),
  )
  return withoutPlaceFields(text, withoutNamedThings(text, withoutStreetShapedNames(text, kept)))
}

/**
 * The words of `tokens` that spell a known organisation, neighbourhood or medicine ("Woonstad
 * Rotterdam", "Kanaleneiland", "Movicolax"; the lexicons' `nonPersons`), as [first, last]
 * token ranges, longest first at each word. The words follow each other with at most a space, a
 * hyphen, an apostrophe or an ampersand between them.
 */
function knownNonPersonRanges(tokens: readonly Token[]): Array<[number, number]> {
  // Asked after the rules and again after the model: kept for the current text's words.
  if (tokens === rangesFor) return rangesMemo
  rangesFor = tokens
  rangesMemo = findKnownNonPersonRanges(tokens)
  return rangesMemo
}

let rangesFor: readonly Token[] | undefined
let rangesMemo: Array<[number, number]> = []

function findKnownNonPersonRanges(tokens: readonly Token[]): Array<[number, number]> {
  const { nonPersons } = lexicons()
  const ranges: Array<[number, number]> = []
  for (let i = 0; i < tokens.length; i++) {
    const phrases = nonPersons.get(tokens[i]!.norm)
    if (!phrases) continue
    for (const phrase of phrases) {
      if (i + phrase.length > tokens.length) continue
      let k = 1
      while (
        k < phrase.length &&
        tokens[i + k]!.norm === phrase[k] &&
        /^[ \t]{0,2}[-'’&]?[ \t]{0,2}$/.test(tokens[i + k]!.gap)
      )
        k++
      if (k === phrase.length) {
        ranges.push([i, i + k - 1])
        break
      }
    }
  }
  return ranges
}

/**
 * The name spans that are not wholly a known organisation, neighbourhood or medicine ("bij
 * Ymere", "woont in Kanaleneiland", "Movicolax 1dd"), unless a title, role or family word
 * announces a person there ("mevrouw Ceres").
 */
function withoutKnownNonPersons<T extends { start: number; end: number }>(text: string, spans: T[]): T[] {
  if (spans.length === 0) return spans
  const tokens = lastTokenised?.text === text ? lastTokenised.tokens : tokenise(text)
  const ranges = knownNonPersonRanges(tokens)
  if (ranges.length === 0) return spans
  // For each word, the last word of the farthest known name that holds it (-1: none), so each
  // span is judged in constant time however many known names the note holds.
  const coveredTo = new Int32Array(tokens.length).fill(-1)
  for (const [from, to] of ranges) for (let k = from; k <= to; k++) coveredTo[k] = Math.max(coveredTo[k]!, to)
  const wholly = (all: Token[], first: number, last: number) =>
    coveredTo[first]! >= last && !announced(all, first, text)
  // One word, one reading: a word that is part of a person's name elsewhere in the note stays a
  // name here too ("Gesprek met Vattenfall … buurvrouw Ans Vattenfall").
  const personWords = new Set<string>()
  keepSpans(text, spans, (all, { first, last, words }) => {
    if (!wholly(all, first, last)) for (const word of words) personWords.add(word)
    return true
  })
  return keepSpans(
    text,
    spans,
    (all, { first, last, words }) => !wholly(all, first, last) || words.some((word) => personWords.has(word)),
  )
}

/** The spans that do not lie in a table column whose header names a place ("wijkteam", "woonplaats"). */
export function outsidePlaceColumns<T extends { start: number; end: number }>(text: string, spans: T[]): T[] {
  if (spans.length === 0) return spans
  const places = placeCells(text)
  if (places.length === 0) return spans
  return spans.filter((span) => !places.some(([start, end]) => span.start >= start && span.end <= end))
}

/** Header words of a table column that holds places, not people. */
const placeColumn =
  /^(?:wijk|wijkteam|buurt|stadsdeel|woonplaats|plaats|gemeente|stad|regio|city|town|place|district)$/

/** A header cell that names a place column, somewhere in the text: the quick test before the tables are read. */
const placeHeader =
  /(?:^|[,;\t|])[ \t]*"?(?:wijk|wijkteam|buurt|stadsdeel|woonplaats|plaats|gemeente|stad|regio|city|town|place|district)"?[ \t]*(?:[,;\t|]|$)/im

let placeCellsOf: { text: string; cells: Array<[number, number]> } | undefined

/**
 * "…;relatie;wijkteam⏎…;werkgever;Pendrecht": the cells of a column whose header names a place
 * (a table split by semicolons, tabs, bars or commas, with a header line; a cell in double
 * quotes may hold the separator). Returns [start, end) ranges. The last text's are kept: three
 * steps ask for them per note.
 */
function placeCells(text: string): Array<[number, number]> {
  if (placeCellsOf?.text === text) return placeCellsOf.cells
  const cells = findPlaceCells(text)
  placeCellsOf = { text, cells }
  return cells
}

function findPlaceCells(text: string): Array<[number, number]> {
  if (!placeHeader.test(text)) return []
  const cells: Array<[number, number]> = []
  let columns: number[] = []
  let separator = ''
  let offset = 0
  for (const line of text.split('\n')) {
    const sep = [';', '\t', '|', ','].find((c) => line.split(c).length >= 3)
    if (sep === undefined) {
      columns = []
    } else {
      const parts = cellsOf(line, sep)
      const header = parts.map(([from, to]) => normaliseWord(line.slice(from, to).trim()))
      const wanted = header.flatMap((h, k) => (placeColumn.test(h) ? [k] : []))
      if (wanted.length > 0 && header.every((h) => h === '' || /^[\p{L} ._?()/-]+$/u.test(h))) {
        columns = wanted
        separator = sep
      } else if (sep === separator && columns.length > 0) {
        for (const k of columns) {
          const cell = parts[k]
          if (cell) cells.push([offset + cell[0], offset + cell[1]])
        }
      }
    }
    offset += line.length + 1
  }
  return cells
}

/**
 * The cells of one line of a table, as [start, end] in the line: split at `sep`, except inside a
 * cell in double quotes ("ik wil, als het kan, …"), as a spreadsheet exports them.
 */
function cellsOf(line: string, sep: string): Array<[number, number]> {
  const cells: Array<[number, number]> = []
  let start = 0
  let quoted = false
  for (let i = 0; i <= line.length; i++) {
    const char = line[i]
    if (char === '"' && (quoted || i === start)) quoted = !quoted
    else if ((char === sep && !quoted) || i === line.length) {
      cells.push([start, i])
      start = i + 1
      quoted = false
    }
  }
  return cells
}

/** A Dutch postcode somewhere in the text: the quick test before the towns after postcodes are read. */
const postcodeInText = /\d{4}[ \t]?[A-Z]{2}(?![\p{L}])/u

/**
 * The words a note itself writes as a town: after a postcode ("7772 BH Hardenberg") or in a table
 * column of places. One word, one reading: the name model adds such a word nowhere in the note
 * ("Baalderborg Groep, Hardenberg" above "7772 BH Hardenberg").
 */
export function townsOfNote(text: string): Set<string> {
  const towns = new Set<string>()
  const postcodes = postcodeInText.test(text)
  const cells = placeCells(text)
  if (!postcodes && cells.length === 0) return towns
  const tokens = wordsOfText(text) as Token[]
  if (postcodes)
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!
      if (t.shape !== 'lower' && townAfterPostcode(tokens, i, text) && isPlace(t.norm)) towns.add(t.norm)
    }
  if (cells.length > 0) {
    let c = 0
    for (const t of tokens) {
      while (c < cells.length && cells[c]![1] < t.end) c++
      const cell = cells[c]
      if (cell && cell[0] <= t.start && isPlace(t.norm)) towns.add(t.norm)
    }
  }
  return towns
}

/** Abbreviations shaped as Dutch initials with "vd" (van de/der) that name no person. */
const vdAbbreviations = new Set(['pvda', 'pvdd', 'rvdk', 'cvdk', 'vvd', 'rvdr', 'ovdj'])

/** Units of measure, written as short as initials ("300 mg"). */
const units = /^(?:mg|ml|mcg|kg|gr|cm|mm|km|ltr|st|nr|ex|co|kb|mb|gb)$/

/** "AvdW", "ESvdV", "JvdW": initials with "vd" for "van der" or "van de(n)". */
const vdInitials = /^\p{Lu}{1,3}v[dt]\p{Lu}$/u

/** Where an action's owner is written: after "Actie:", "Wie:" or "Door:", or after ";" or "|" in such a list. */
const ownerBefore =
  /(?:(?<![\p{L}])(?:[Aa]ctie(?:s|punt(?:en)?)?|ACTIES?|[Ww]ie|[Dd]oor|[Ee]igenaar)[ \t]*:|[;|])[ \t]*$/u

/**
 * True when the word from `start` to `end` stands alone in brackets that close a line of a list:
 * "2. Verzuimgesprek zonder straf, wel plan (WK).", "- Informatie opvragen … (AT)": where a list of
 * decisions writes who carries each out.
 */
function ownerInBrackets(text: string, start: number, end: number): boolean {
  if (text[start - 1] !== '(' || text[end] !== ')') return false
  if (!/^\)[ \t]*[.,;:!]?[ \t]*(?:\r?\n|$)/.test(text.slice(end, end + 6))) return false
  const lineStart = text.lastIndexOf('\n', start) + 1
  return (
    start - lineStart <= 240 &&
    /^[ \t]*(?:\d{1,2}[.)]|[-•*–])[ \t]/.test(text.slice(lineStart, lineStart + 8))
  )
}

/** Right after the label of an action's owner: "Actie:", "Wie:", "Door:". */
const ownerLabelBefore =
  /(?<![\p{L}])(?:[Aa]ctie(?:s|punt(?:en)?)?|ACTIES?|[Ww]ie|[Dd]oor|[Ee]igenaar)[ \t]*:[ \t]*$/u

/** An action list's line up to a comma or semicolon: "Actie: GHS urgentie, " (bounded to one line). */
const actionLineBefore = /(?:^|\n)[ \t]*(?:[Aa]ctie(?:s|punt(?:en)?)?|ACTIES?)[ \t]*:[^\n]{0,100}[,;][ \t]*$/u

/**
 * Teams, services, meetings and schemes that own or are an action in Dutch care work, written in
 * capitals ("Actie: VT belt", "Actie: MDO plannen", "Actie: BVD aanvragen"): no person's initials.
 */
const teamAbbreviations = wordSet(
  'vt ggd ggz uwv svb cjg cak mdo wt bt swt st mw jgz jb gi ib poh wmo wlz zvw pgb bw rvdk avg vvt wsnp msnp kdv bso vso ind coa pv bvd br bb bbz',
)

/** True for a team's, service's or scheme's abbreviation in capitals ("VT", "MDO", "BVD"): no person. */
export function serviceAbbreviation(word: string): boolean {
  return word.length <= 5 && word === word.toUpperCase() && teamAbbreviations.has(word.toLowerCase())
}

/** Two or three letters, as initials are written in a signature or a schedule ("mk", "gk", "LvdB"). */
const initialsShape = /^(?:\p{L}{2,3}|\p{Lu}{1,3}v[dt]\p{Lu})$/u

/**
 * The initials of a name as people write them: first and last word ("Gerda Kuipers": gk), with
 * "vd" for "van der", "van de" or "van den" ("Aukje van der Wallestek": avdw), and all words but
 * the particles ("Jan Pieter Smit": jps).
 */
function initialsOf(name: string): string[] {
  const words = name.split(/[\s.]+/).filter(Boolean)
  const parts = words.filter((w) => !nameParticles.has(w.toLowerCase()))
  if (parts.length < 2) return []
  const first = parts[0]![0]!.toLowerCase()
  const last = parts.at(-1)![0]!.toLowerCase()
  const found = [`${first}${last}`, parts.map((w) => w[0]!.toLowerCase()).join('')]
  // "Neeltsje Tenbergen-Asbroek": nta, each part of a double name with its own letter.
  if (parts.some((w) => w.includes('-')))
    found.push(
      parts
        .flatMap((w) => w.split('-'))
        .filter((w) => w && !nameParticles.has(w.toLowerCase()))
        .map((w) => w[0]!.toLowerCase())
        .join(''),
    )
  const particles = words.filter((w) => nameParticles.has(w.toLowerCase())).map((w) => w.toLowerCase())
  if (particles[0] === 'van' && particles.length >= 2) found.push(`${first}vd${last}`)
  return found
}

/**
 * Adds initials that stand for a person ("– mk", "AvdW / Tsjerk", "gk – Gerda Kuipers") to the
 * names found: initials with "vd" ("JvdW plant afspraak"), initials of a name found in the same
 * note, and two or three lower-case letters that no word list knows signing a line after a dash
 * ("[…] jij? – mk"). Capitals alone are an organisation's abbreviation ("GGD", "UWV") unless a name
 * in the note has them as initials.
 */
export function withInitialsOfNames<T extends { start: number; end: number; text: string }>(
  text: string,
  spans: T[],
  make: (start: number, end: number) => T,
): T[] {
  const tokens = wordsOfText(text) as Token[]
  const known = new Set<string>()
  for (const span of spans) for (const initials of initialsOf(span.text)) known.add(initials)
  // "SV Spartanen", "Roda JC": next to a capitalised word it is part of an organisation's name.
  const capitalBeside = (k: number, gap: string) => {
    const other = tokens[k]
    return other !== undefined && other.shape !== 'lower' && spacesOnly(gap)
  }
  const added: T[] = []
  let s = 0
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    // Most words are longer, and most short ones are function words: both cheap to pass by.
    if (t.text.length < 2 || t.text.length > 5 || functionWords.has(t.norm)) continue
    if (!initialsShape.test(t.text)) continue
    while (s < spans.length && spans[s]!.end <= t.start) s++
    if (spans[s] !== undefined && spans[s]!.start < t.end) continue
    // Not part of a word, an address or a number ("e-mail", "a.s.", "12b").
    const before = text[t.start - 1] ?? ''
    const after = text[t.end] ?? ''
    if (
      /[\p{L}\p{N}@&.'-]/u.test(before) ||
      /[\p{L}\p{N}@&'-]/u.test(after) ||
      (after === '.' && /\p{L}/u.test(text[t.end + 1] ?? ''))
    )
      continue
    const norm = t.norm
    if (vdAbbreviations.has(norm)) continue
    let initials = false
    if (vdInitials.test(t.text)) initials = true
    // In capitals where an action's owner stands, the initials of a name in the note stand for that
    // person even where they spell a word or stand before a capital ("Aanwezig: Hylke Doutzenga,
    // …  Actie: HD – douche", "Acties: EP CIZ-aanvraag; HE huurcontract"), or in brackets closing a
    // line of a list of decisions ("Slaap bespreken (AN)."); not in a note written all in capitals.
    else if (
      t.shape === 'upper' &&
      known.has(norm) &&
      // In the brackets of a decision's owner also letters that make an abbreviation ("(WK)" for
      // Wilbertje Kamphuis), not a team's or a service's.
      (ownerInBrackets(text, t.start, t.end)
        ? !teamAbbreviations.has(norm)
        : ownerBefore.test(text.slice(Math.max(0, t.start - 24), t.start)) && !abbreviations.has(norm)) &&
      !titles.has(norm) &&
      !greetings.has(norm) &&
      !units.test(norm) &&
      !writtenInCapitals(text)
    )
      initials = true
    // "Actie: LS begroting", "GHS urgentie, SP juridisch", "YmT 2 huisbezoeken": where an action's
    // owner is written, capitals right before the task (a word in lower case or a number) are a
    // person's initials also when no name in the note has them; not a team's or a service's
    // abbreviation ("Actie: VT belt", "Actie: MDO plannen"), and not in a note written in capitals.
    else if (
      (t.shape === 'upper' || /^\p{Lu}\p{Ll}\p{Lu}$/u.test(t.text)) &&
      /^[ \t]+[\p{Ll}\d]/u.test(text.slice(t.end, t.end + 2)) &&
      (ownerLabelBefore.test(text.slice(Math.max(0, t.start - 24), t.start)) ||
        actionLineBefore.test(text.slice(Math.max(0, t.start - 120), t.start))) &&
      !teamAbbreviations.has(norm) &&
      !abbreviations.has(norm) &&
      !titles.has(norm) &&
      !greetings.has(norm) &&
      !units.test(norm) &&
      !lexicons().nonPersons.has(norm) &&
      !isPlace(norm) &&
      !writtenInCapitals(text)
    )
      initials = true
    else if (
      abbreviations.has(norm) ||
      englishWords.has(norm) ||
      titles.has(norm) ||
      greetings.has(norm) ||
      units.test(norm) ||
      lexicons().words.has(norm) ||
      capitalBeside(i - 1, t.gap) ||
      capitalBeside(i + 1, tokens[i + 1]?.gap ?? '')
    )
      continue
    else if (known.has(norm)) initials = true
    else if (t.shape === 'lower' && !inNames(norm) && !isPlace(norm)) {
      // A signature: after a dash, at the end of the line or before a closing bracket or quote.
      initials =
        /(?:^|[ \t([])[–—-][ \t]*$/.test(text.slice(Math.max(0, t.start - 4), t.start)) &&
        /^[ \t]*(?:$|[\n)\]"”])/.test(text.slice(t.end, t.end + 3))
    }
    if (initials) added.push(make(t.start, t.end))
  }
  if (added.length === 0) return spans
  return [...spans, ...added].sort((a, b) => a.start - b.start)
}

/** True when the text has no small letter among at least twelve letters: a note in capitals. */
function writtenInCapitals(text: string): boolean {
  if (text !== capitalsFor) {
    capitalsFor = text
    capitalsIn = !/\p{Ll}/u.test(text) && twelveLetters.test(text)
  }
  return capitalsIn
}
let capitalsFor: string | undefined
let capitalsIn = false

/** At least twelve letters: enough to tell a note in capitals from a short code. */
const twelveLetters = /(?:\P{L}*\p{L}){12}/u

/** True when the text has letters and none of them is a capital (a quick note typed in lower case). */
function allLowerCase(text: string): boolean {
  return text === text.toLowerCase() && /\p{L}/u.test(text)
}

function findNamesUnfiltered(text: string): NameSpan[] {
  const spans = findNamesAsWritten(text, allLowerCase(text))
  // A note typed all in capitals says nothing by its capitals: it is read once more as if written
  // normally (Dutch words in lower case, other words capitalised), and what that reading finds is
  // added ("SCHULD BIJ VESTEDA" reads "schuld bij Vesteda", "MOEDER ZEGT DAT ABDI …" reads "moeder
  // zegt dat Abdi …").
  if (text !== text.toUpperCase() || text === text.toLowerCase() || !twelveLetters.test(text)) return spans
  const recased = recase(text)
  // The same text read again would add nothing (and its words, kept as the last text's, would make
  // every later look-up compare the two texts letter by letter: quadratic in a long note).
  if (recased.length !== text.length || recased === text) return spans
  const original = lastTokenised
  const more = findNamesAsWritten(recased, allLowerCase(recased))
  // The words kept are the note's own again, for the name model and the checks that follow.
  if (original?.text === text) lastTokenised = original
  if (more.length === 0) return spans
  return mergeSpans(
    spans,
    more.map((span) => ({ start: span.start, end: span.end, text: text.slice(span.start, span.end) })),
  )
}

/**
 * A text in capitals as it would be written normally: function words and Dutch words that no name
 * list knows as a first name in lower case; short unknown words (up to five letters) stay in
 * capitals (acronyms: "UWV", "CJIB", "NIBUD"); other words capitalised. Keeps every offset.
 */
function recase(text: string): string {
  return text.replace(/\p{L}[\p{L}\p{M}]*/gu, (word, at: number) => {
    const lower = word.toLowerCase()
    if (lower.length !== word.length) return word
    const norm = normaliseWord(word)
    if (functionWords.has(norm) || englishWords.has(norm) || abbreviations.has(norm)) return lower
    if (titles.has(norm) || isRole(norm) || greetings.has(norm)) return lower
    const named = inNames(norm)
    // "KNIPPENBORG-VAN DE VOSSENBERGHOF": the parts of a double surname joined by a hyphen and a
    // particle are names, also when they split into Dutch words.
    const doubleSurname =
      word.length >= 4 &&
      (/^-(?:VAN|DE|DER|DEN|TER|TEN)[ \t]/.test(text.slice(at + word.length, at + word.length + 6)) ||
        /-(?:VAN[ \t]+(?:DE[NR]?|HET)[ \t]+|VAN[ \t]+|DE[NR]?[ \t]+|TE[RN][ \t]+)$/.test(
          text.slice(Math.max(0, at - 12), at),
        ))
    if (doubleSurname) return word[0]! + lower.slice(1)
    if (isCommonWord(norm, true) && !lexicons().firstNames.has(norm)) return lower
    if (!named && (word.length <= 5 || !/[AEIOUY]/.test(word))) return word
    return word[0]! + lower.slice(1)
  })
}

/** The spans of `a` and those of `b` that overlap none of `a`, in text order. */
function mergeSpans(a: NameSpan[], b: NameSpan[]): NameSpan[] {
  const out = [...a]
  for (const span of b) if (!a.some((x) => x.start < span.end && span.start < x.end)) out.push(span)
  return out.sort((x, y) => x.start - y.start)
}

/** `lowerNote`: a quick note typed all in lower case, where lower-case names count on their own. */
function findNamesAsWritten(text: string, lowerNote: boolean): NameSpan[] {
  const tokens = tokenise(text)
  const verdicts = tokens.map((_, i) => judge(tokens, i, text, lowerNote))
  // "Veilig Thuis", "Sociale Dienst": capitalised ordinary words in a row form the name of an
  // organisation or a service; a surname that is also a word ("Thuis") is not a person there.
  const plainPairs = new Set<number>()
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.shape !== 'title' || announced(tokens, i, text) || !isCommonWord(t.norm, false)) continue
    if (lexicons().firstNames.has(t.norm)) continue
    for (const j of [i - 1, i + 1]) {
      const other = tokens[j]
      if (other?.shape !== 'title') continue
      if (!oneSpace(tokens[Math.max(i, j)]!.gap)) continue
      const plainWord =
        !lexicons().firstNames.has(other.norm) &&
        !functionWords.has(other.norm) &&
        !englishWords.has(other.norm) &&
        isCommonWord(other.norm, false)
      // "Oom Semere", "Meneer Bakker": a role word or a title announces the name after it.
      if ((roleWords.has(t.norm) || titles.has(t.norm)) && j === i + 1) continue
      if (plainWord && !other.sentenceStart) {
        verdicts[i] = 'no'
        verdicts[j] = 'no'
        plainPairs.add(i).add(j)
      } else if (plainWord && other.sentenceStart && j === i - 1) {
        verdicts[i] = 'no'
      }
    }
  }
  // "Coornhert Gymnasium", "Ibn Khaldoun moskee": capitalised words right before a word for a kind
  // of organisation name that organisation.
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.shape === 'mixed' || !organisationKinds.has(t.norm) || inNames(t.norm)) continue
    for (let k = i - 1; k >= i - 3 && k >= 0; k--) {
      const word = tokens[k]!
      if ((word.shape !== 'title' && word.shape !== 'upper') || !oneSpace(tokens[k + 1]!.gap)) break
      if (nameParticles.has(word.norm) || titles.has(word.norm) || isRole(word.norm)) break
      verdicts[k] = 'no'
    }
  }
  // "Veilig Thuis IJsselland", "Sociaal Team Rivierenland": a word shaped as the name of a region
  // right after such a pair, that no name list knows, is the region of that organisation.
  for (const k of plainPairs) {
    const t = tokens[k + 1]
    if (
      t !== undefined &&
      !plainPairs.has(k + 1) &&
      plainPairs.has(k - 1) &&
      t.shape === 'title' &&
      oneSpace(t.gap) &&
      t.norm.length >= 7 &&
      /(?:land|streek|mond|waard|wouden|gebied|regio|stad|delta|vallei)$/.test(t.norm) &&
      !inNames(t.norm) &&
      !greetings.has(tokens[k - 1]!.norm) &&
      !announced(tokens, k + 1, text)
    )
      verdicts[k + 1] = 'no'
  }
  // An organisation's name: the capitalised words after a word that announces an organisation
  // ("bij de Albert Heijn", "woningcorporatie Het Oosten"), and a run of capitalised words before a
  // word that makes it a firm ("Van Dijk & Partners", "Otto Workforce", "Jansen B.V.").
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.shape === 'lower' || t.shape === 'mixed') continue
    let end = i
    while (
      end < i + 5 &&
      tokens[end + 1] &&
      tokens[end + 1]!.shape !== 'lower' &&
      /^(?:[ \t]|-)$/.test(tokens[end + 1]!.gap)
    )
      end++
    // The firm ends where "&", "B.V." or a word such as "Groep" follows (within the run or after it).
    let firmEnd = -1
    for (let k = i; k <= end && firmEnd === -1; k++) {
      const next = tokens[k + 1]
      if (
        (/^[ \t]*&[ \t]*$/.test(next?.gap ?? '') && !twoPeopleAround(tokens, i, k + 1)) ||
        /^[ \t]+(?:B\.\s?V\.?|N\.\s?V\.?|BV|NV)(?![\p{L}])/u.test(
          text.slice(tokens[k]!.end, tokens[k]!.end + 8),
        ) ||
        (next !== undefined &&
          spacesOnly(next.gap) &&
          next.shape !== 'lower' &&
          organisationWordAfter.has(next.norm)) ||
        // "Humanitas Oost", "Tilburg-Noord": a part of the country or town after a word that is no
        // first name.
        (next !== undefined &&
          /^(?:[ \t]+|-)$/.test(next.gap) &&
          next.shape === 'title' &&
          compassWords.has(next.norm) &&
          !lexicons().firstNames.has(tokens[k]!.norm) &&
          // "bewindvoerder (Beschermingsbewind Noord)": a compound of Dutch words that is no name
          // is the organisation also where a role word announces it.
          (!announced(tokens, k, text) || (!inNames(tokens[k]!.norm) && isCommonWord(tokens[k]!.norm, true))))
      )
        firmEnd =
          next !== undefined && (organisationWordAfter.has(next.norm) || compassWords.has(next.norm))
            ? k + 1
            : k
    }
    if (firmEnd !== -1) {
      // "mw. Jansen & …" stays a person; the words after an announced name are the firm's.
      // "bewindvoerder (Zilvera Bewind)": in brackets after a role it is the firm too.
      for (let k = i; k <= firmEnd; k++)
        if (k > i || /\(/.test(tokens[k]!.gap) || !announced(tokens, k, text)) verdicts[k] = 'no'
      // "Prins & Dingemanse": the capitalised words after the "&" are the firm's too.
      if (verdicts[firmEnd] === 'no' && /^[ \t]*&[ \t]*$/.test(tokens[firmEnd + 1]?.gap ?? '')) {
        for (let k = firmEnd + 1; k <= firmEnd + 3 && tokens[k] && tokens[k]!.shape !== 'lower'; k++) {
          if (k > firmEnd + 1 && !/^(?:[ \t]|-)$/.test(tokens[k]!.gap)) break
          verdicts[k] = 'no'
        }
      }
    } else if (verdicts[i] === 'no' && !announced(tokens, i, text) && organisationContext(tokens, i, text)) {
      for (let k = i + 1; k <= end; k++) verdicts[k] = 'no'
    }
    i = end
  }
  // One word, one reading within a note: a word the context made an organisation once ("huurt
  // van Centrada", "de Centrada") is one elsewhere too ("Centrada belde"), and a word announced as
  // a person once ("zoon Roos") is a person where it stood undecided ("Roos is ziek").
  const organisations = new Set<string>()
  const people = new Set<string>()
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.shape === 'lower' || t.norm.length < 3) continue
    if (verdicts[i] === 'name') {
      if (announced(tokens, i, text)) people.add(t.norm)
      continue
    }
    if (inNames(t.norm) && lexicons().firstNames.has(t.norm)) continue
    const prev = tokens[i - 1]
    const afterArticle =
      prev !== undefined &&
      /^(?:de|het)$/.test(prev.text) &&
      spacesOnly(t.gap) &&
      !t.sentenceStart &&
      !inNames(t.norm) &&
      !lexicons().words.has(t.norm)
    if (afterArticle || (!t.sentenceStart && organisationContext(tokens, i, text))) organisations.add(t.norm)
  }
  if (organisations.size > 0 || people.size > 0) {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!
      if (
        verdicts[i] === 'name' &&
        organisations.has(t.norm) &&
        !people.has(t.norm) &&
        !announced(tokens, i, text)
      )
        verdicts[i] = 'no'
      else if (verdicts[i] === 'maybe' && people.has(t.norm) && !organisations.has(t.norm))
        verdicts[i] = 'name'
    }
  }
  // "Tom Hailemariam (Arkin)": one capitalised word in brackets right after a name is the
  // person's employer, unless a name list knows it as a first name (a nickname, "Mohammed (Mo)").
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!
    if (verdicts[i] !== 'name' || t.shape === 'lower' || !onlyWithSpaces('(', t.gap)) continue
    // The word before may still be undecided: "Rianne Kloosterziel (Moviera)".
    if (verdicts[i - 1] === 'no' || tokens[i - 1]!.shape === 'lower') continue
    if (verdicts[i - 1] === 'maybe' && verdicts[i - 2] !== 'name') continue
    // "Renate (Novadic-Kentron)": also a hyphenated pair of words no first-name list knows.
    const pair =
      tokens[i + 1]?.gap === '-' &&
      tokens[i + 1]!.shape === 'title' &&
      !lexicons().firstNames.has(tokens[i + 1]!.norm) &&
      /^[ \t]*\)/.test(text.slice(tokens[i + 1]!.end, tokens[i + 1]!.end + 3))
    if (!(pair || /^[ \t]*[),]/.test(text.slice(t.end, t.end + 3))) || lexicons().firstNames.has(t.norm))
      continue
    if (announced(tokens, i, text)) continue
    verdicts[i] = 'no'
    if (pair) verdicts[i + 1] = 'no'
  }
  // "schulden bij Coolblue en Klarna", "o.a. Flanderijn, LBIO, Vesting": the words of a list that
  // starts with an organisation are organisations too (a known first name or an announced person
  // stays one).
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (verdicts[i] !== 'no' || t.shape === 'lower') continue
    // "Met Korvexzorg, …": the capitalised word that opens the sentence is not part of the item.
    if (t.sentenceStart && functionWords.has(t.norm)) continue
    // Cheap test first: a list goes on after the word (or its run of capitalised words).
    let runEnd = i
    while (
      runEnd < i + 5 &&
      tokens[runEnd + 1] &&
      tokens[runEnd + 1]!.shape !== 'lower' &&
      /^(?:[ \t]|-)$/.test(tokens[runEnd + 1]!.gap)
    )
      runEnd++
    const link = tokens[runEnd + 1]
    const listGoesOn =
      link !== undefined &&
      ((link.shape !== 'lower' && /^[ \t]*[,/][ \t]*$/.test(link.gap)) ||
        link.text === 'en' ||
        link.text === 'of')
    // "met Eigen Haard en Evides": a list may also start with capitalised plain words in a row,
    // "Met Zonnehuis, Vivium en …" with a word shaped as an organisation.
    let plainRun = listGoesOn && runEnd > i
    for (let k = i; k <= runEnd && plainRun; k++) plainRun = plainPairs.has(k)
    const shaped = listGoesOn && runEnd === i && properEnding.test(t.norm) && !inNames(t.norm)
    if (!listGoesOn || !(plainRun || shaped || organisationContext(tokens, i, text))) {
      i = runEnd
      continue
    }
    let k = i
    // Walk the list: each item is reached past "en", "of", a comma or a slash.
    for (let items = 0; items < 8; items++) {
      while (tokens[k + 1] && tokens[k + 1]!.shape !== 'lower' && /^(?:[ \t]|-)$/.test(tokens[k + 1]!.gap))
        k++
      let j = k + 1
      const link = tokens[j]
      if (!link) break
      if (/^[ \t]*[,/][ \t]*$/.test(link.gap) && link.shape !== 'lower') {
        // ", Flanderijn"
      } else if (
        /^(?:en|of)$/.test(link.text) &&
        spacesOnly(link.gap) &&
        spacesOnly(tokens[j + 1]?.gap ?? '')
      ) {
        j++
      } else break
      const item = tokens[j]
      if (!item || item.shape === 'lower' || item.sentenceStart) break
      // "Zayaz en Bo-Ex": a first name joined by a hyphen to a word no name list knows is no person.
      const joined = tokens[j + 1]?.gap === '-' && !inNames(tokens[j + 1]!.norm)
      if ((lexicons().firstNames.has(item.norm) && !joined) || announced(tokens, j, text)) break
      verdicts[j] = 'no'
      k = j
    }
    i = k
  }
  // "beheerder Wouter Kievitsbloem", "Voor Bas Kleikers": a first name left undecided (it is a
  // word too) before a word shaped as a surname is the name.
  for (let i = 0; i < tokens.length; i++)
    if (verdicts[i] === 'maybe' && firstNameAndSurnameShape(tokens, i)) {
      // "Rijk van de Wetering (vader)": past particles only before a surname found on its own.
      let j = i + 1
      while (j < i + 4 && nameParticles.has(tokens[j]?.norm ?? '')) j++
      // "Kees de Vries belde.": opening a sentence, also before a surname that a list knows and that
      // is a word too ("loon Dirk van den Broek distributiecentrum" stays the shop).
      if (
        j === i + 1 ||
        verdicts[j] === 'name' ||
        (tokens[i]!.sentenceStart &&
          verdicts[j] !== 'no' &&
          lexicons().surnames.has(tokens[j]!.norm) &&
          tokens[j]!.shape === 'title')
      )
        verdicts[i] = 'name'
    }
  // "Bas van Dam zegt nee.", "Wil de Groot komt.": opening a sentence, a first name that is also a
  // word (even a verb) before lower-case particles and a capitalised surname that a list knows.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (verdicts[i] === 'name' || !t.sentenceStart || t.shape !== 'title') continue
    if (
      !lexicons().firstNames.has(t.norm) ||
      functionWords.has(t.norm) ||
      isRole(t.norm) ||
      titles.has(t.norm)
    )
      continue
    let j = i + 1
    while (
      j < i + 4 &&
      tokens[j]?.shape === 'lower' &&
      nameParticles.has(tokens[j]!.norm) &&
      oneSpace(tokens[j]!.gap)
    )
      j++
    const surname = tokens[j]
    if (
      j > i + 1 &&
      surname !== undefined &&
      oneSpace(surname.gap) &&
      surname.shape === 'title' &&
      verdicts[j] !== 'no' &&
      lexicons().surnames.has(surname.norm) &&
      !organisationWordAfter.has(surname.norm) &&
      !organisationNoun.test(surname.norm) &&
      // "Wil de Groot komt": not before a capitalised word going on with the name of a firm.
      !(tokens[j + 1] !== undefined && spacesOnly(tokens[j + 1]!.gap) && tokens[j + 1]!.shape === 'title')
    ) {
      verdicts[i] = 'name'
      verdicts[j] = 'name'
    }
  }
  // A 'maybe' next to a name is part of it: "Roos Kok", "Aalten Sanne".
  for (let i = 0; i < tokens.length; i++) {
    if (verdicts[i] !== 'maybe') continue
    const nextIsName = verdicts[i + 1] === 'name' && /^[ \t-]$/.test(tokens[i + 1]!.gap)
    const prevIsName = verdicts[i - 1] === 'name' && /^[ \t-]$/.test(tokens[i]!.gap)
    // "Kraamzorg Wendy …", "Advies Linda Bokkema:": a Dutch word or compound that no name list
    // knows, before a first name, is the service or heading, not part of the name.
    const heading =
      nextIsName &&
      !prevIsName &&
      !inNames(tokens[i]!.norm) &&
      lexicons().firstNames.has(tokens[i + 1]!.norm) &&
      isCommonWord(tokens[i]!.norm, true)
    if ((nextIsName || prevIsName) && tokens[i]!.shape !== 'lower' && !heading) verdicts[i] = 'name'
    if (
      tokens[i]!.shape === 'lower' &&
      prevIsName &&
      inNames(tokens[i]!.norm) &&
      !isCommonWord(tokens[i]!.norm, true)
    )
      verdicts[i] = 'name'
  }
  const spans: NameSpan[] = []
  let i = 0
  while (i < tokens.length) {
    if (verdicts[i] !== 'name') {
      i++
      continue
    }
    let first = i
    let last = i
    // Left: initials ("J.", "J.P.") and particles ("van der", "El") directly before.
    // A name has a handful of parts: both walks are bounded, so hostile input stays linear.
    for (;;) {
      const prev = tokens[first - 1]
      if (!prev || first < i - 6) break
      const gapAfterPrev = tokens[first]!.gap
      // Not across a line's end: "N.B.⏎Klaar." is a note and the next line.
      if (isInitial(prev, tokens[first]) && /^\.[ \t]?$/.test(gapAfterPrev)) {
        first--
        continue
      }
      // "jan-willem (neef)": the first part of a lower-case double first name.
      if (
        gapAfterPrev === '-' &&
        prev.shape === 'lower' &&
        tokens[first]!.shape === 'lower' &&
        lexicons().firstNames.has(prev.norm) &&
        lexicons().firstNames.has(tokens[first]!.norm)
      ) {
        first--
        continue
      }
      // "G. Al-Ahmad", "El-Amrani": a capitalised Arabic particle joined by a hyphen.
      if (gapAfterPrev === '-' && prev.shape === 'title' && /^(?:al|el|ben|abu|bin|ait)$/.test(prev.norm)) {
        first--
        continue
      }
      if (nameParticles.has(prev.norm) && oneSpace(gapAfterPrev)) {
        const before = tokens[first - 2]
        const capital = prev.shape === 'title' && capitalParticles.has(prev.norm) && !prev.sentenceStart
        // "moeder van Luwam": after a role word a lone "van" is the preposition ("buurvrouw van der
        // Kolk" keeps its particles).
        const afterTitle =
          before !== undefined &&
          /^[.\s]*$/.test(prev.gap) &&
          (titles.has(before.norm) ||
            (isRole(before.norm) && (prev.norm !== 'van' || first < i)) ||
            isInitial(before, prev))
        const chained = before !== undefined && nameParticles.has(before.norm) && oneSpace(prev.gap)
        const sentenceParticle =
          prev.sentenceStart && prev.shape === 'title' && capitalParticles.has(prev.norm)
        // "family Van Wijnkamp", "buurman Ter Horst": a capitalised particle mid-sentence.
        const capitalVan = !prev.sentenceStart && /^(?:Van|Ter|Ten|Vd)$/.test(prev.text)
        if (capital || afterTitle || chained || sentenceParticle || capitalVan) {
          first--
          continue
        }
      }
      break
    }
    // Right: more name words, particles followed by a name word, the second part of a double name.
    for (;;) {
      const next = tokens[last + 1]
      if (!next || last > i + 8) break
      // "Rignald Tjin-A-Soe", "Tjon-A-Fat": a capital letter between hyphens inside a double surname.
      const joined = tokens[last + 2]
      if (
        next.gap === '-' &&
        next.text.length === 1 &&
        /^\p{Lu}$/u.test(next.text) &&
        tokens[last]!.shape === 'title' &&
        joined?.gap === '-' &&
        joined.shape === 'title'
      ) {
        last += 2
        continue
      }
      if (/^[ \t]$|^-$/.test(next.gap) && nameParticles.has(next.norm)) {
        let j = last + 1
        while (
          j < last + 4 &&
          tokens[j + 1] &&
          // "Op gen Oorth": Limburg's "gen" only after "Op" ("pa gen travay" is Haitian Creole).
          (nameParticles.has(tokens[j + 1]!.norm) ||
            (tokens[j + 1]!.norm === 'gen' && tokens[j]!.text === 'Op')) &&
          oneSpace(tokens[j + 1]!.gap)
        )
          j++
        const after = tokens[j + 1]
        // "van der Kolk" continues a name; "van MEE", "van Humanitas", "uit Utrecht" do not: an
        // abbreviation in capitals (unless the name itself is in capitals) or a known place or
        // organisation that no surname list knows.
        // "mo el bouzidi": in lower case, after a first name a name list knows.
        const lowerName =
          after !== undefined &&
          after.shape === 'lower' &&
          tokens[last]!.shape === 'lower' &&
          lexicons().firstNames.has(tokens[last]!.norm) &&
          tokens.slice(last + 1, j + 1).every((p) => p.shape === 'lower') &&
          after.norm.length >= 4 &&
          !isPlace(after.norm)
        const shapeFits =
          after !== undefined &&
          (after.shape === 'title' ||
            (after.shape === 'upper' && tokens[last]!.shape === 'upper') ||
            lowerName)
        // "HENNIE VAN DER KUIPERSHOEK", "Mirthe van Kloppenburgh": after a first name and particles a
        // compound that is no plain word itself is the surname.
        // "CL. FRANSJE VAN DE KAMPERVOORT": also after a name that a title or role word announces;
        // "mw jannie van der zwaluwkolk": in lower case a compound of seven letters or more.
        const compoundSurname =
          after !== undefined &&
          (after.shape !== 'lower' || (lowerName && after.norm.length >= 7)) &&
          after.shape === tokens[last]!.shape &&
          (lexicons().firstNames.has(tokens[last]!.norm) ||
            (last === i &&
              announced(tokens, last, text) &&
              // "Vriendin Nashaly ten Brakhoeve": in writing as usual, after particles other than
              // a lone "van" (which may name the employer) and not before a capital article
              // ("meester Bollegraaf van De Vogelweide" works at a school).
              (after.shape === 'upper' ||
                (!(j === last + 1 && tokens[j]!.norm === 'van') &&
                  tokens.slice(last + 1, j + 1).every((p) => p.shape === 'lower')) ||
                limburgParticles(tokens, last + 1, j)))) &&
          after.norm.length >= 5 &&
          !isCommonWord(after.norm, false) &&
          !properEnding.test(after.norm) &&
          !organisationNoun.test(after.norm)
        // Nor "Yolanda van Riverty" (an employer) or "Hiwet van Vluchtelingen in de Knel" (words),
        // nor "Jurgen van de Zorgwinkel": after a first name, "van de" or "van het" and a word no
        // surname list knows is where the person works.
        const article = tokens
          .slice(last + 1, j + 1)
          .some((p) => p.text === 'het' || (p.text === 'de' && tokens[last + 1]!.norm === 'van'))
        const employer =
          // "Harie Notermanshof van de Pancratiuskerk": a compound that names a church, a school or
          // an organisation after "van de" or "van het" is where the person works.
          (article &&
            after !== undefined &&
            after.shape === 'title' &&
            !inNames(after.norm) &&
            properEnding.test(after.norm) &&
            !streetEnding.test(after.norm)) ||
          (article &&
            after !== undefined &&
            !lexicons().surnames.has(after.norm) &&
            lexicons().firstNames.has(tokens[last]!.norm) &&
            // "mijn naam is Lubbert van de Weetering": after an introduction the whole name follows.
            !(
              after.shape === 'title' &&
              !isCommonWord(after.norm, false) &&
              !organisationNoun.test(after.norm) &&
              /(?:mijn naam is|ik heet|my name is|naam:)[ \t]*$/i.test(
                text.slice(Math.max(0, tokens[first]!.start - 16), tokens[first]!.start),
              )
            ))
        // "Kim van der Spaansteeg": after a first name, "van der" or "van den" and a capitalised word
        // is the surname, also one made of words or with the ending of a street.
        const derSurname =
          after !== undefined &&
          after.shape === 'title' &&
          after.norm.length >= 4 &&
          tokens[last]!.shape === 'title' &&
          lexicons().firstNames.has(tokens[last]!.norm) &&
          tokens
            .slice(last + 1, j + 1)
            .some((p) => p.shape === 'lower' && (p.norm === 'der' || p.norm === 'den')) &&
          !organisationNoun.test(after.norm) &&
          !organisationKindAhead(tokens, j + 1)
        // "Femke Dhooghebrouck van Porthos": after a first name and a surname, "van" opens where the
        // person works (no one is called "Femke Dhooghebrouck van …").
        // So do initials and a surname ("A. Vlierink van Kwadraad"), and a surname after a title
        // ("mw. Nappelstijn van de Lotgenotencafé").
        // After initials the word is the surname even when a first-name list knows it too ("B.
        // Wolterink van Stimenz").
        const afterWholeName =
          tokens[last + 1]!.norm === 'van' &&
          tokens[last]!.shape !== 'lower' &&
          ((!lexicons().firstNames.has(tokens[last]!.norm) &&
            (hasNameWordBetween(tokens, first, last) ||
              (first === last && first > 0 && titles.has(tokens[first - 1]!.norm)))) ||
            (first < last && tokens.slice(first, last).every((p, k) => isInitial(p, tokens[first + k + 1]))))
        // "Faadumo in Tilburg-Noord": a lone "in", "op" or "te" before a place is the preposition;
        // "Serwaa Akomeah in Gaasperdam": a lone lower-case "in" or "op" always is (the particles
        // are "in 't", "in den", "op de", "op ten").
        const preposition =
          (j === last + 1 &&
            after !== undefined &&
            (/^(?:in|op)$/.test(tokens[j]!.text) ||
              (tokens[j]!.text === 'te' && lexicons().places.has(after.norm)))) ||
          // "Truong Khai Vinh in de Haarlemmerweg": "in de" or "op het" before a place or a street.
          (after !== undefined &&
            /^(?:in|op)$/.test(tokens[last + 1]!.text) &&
            !inNames(after.norm) &&
            (isPlace(after.norm) || properEnding.test(after.norm))) ||
          // "Anna Paulowna in Den Helder", "op De Bilt", "Yidir in Al Hoceima": a lone lower-case
          // "in" or "op" before a capitalised article is the preposition before a place.
          (j === last + 2 &&
            /^(?:in|op)$/.test(tokens[last + 1]!.text) &&
            /^(?:De|Den|Het|Al|El)$/.test(tokens[j]!.text))
        // "Rowan de Graaff van Sterk Huis": capitalised plain words in a row are an organisation.
        const organisation = plainPairs.has(j + 1)
        if (
          !employer &&
          !preposition &&
          !organisation &&
          !afterWholeName &&
          after &&
          // "Khala Gul van de Fatih Moskee": capitalised words that end in a kind of organisation.
          !organisationKindAhead(tokens, j + 1) &&
          // "Kofi Mensah van Bank of Ghana": also a word that a surname list knows.
          !englishOrganisation(tokens, j + 1, text) &&
          // "Pastor Mbala van Église Béthel": a word for a kind of organisation no name list knows.
          !(organisationKinds.has(after.norm) && !inNames(after.norm)) &&
          // "SEUBRINGHUIZEN VAN DE SVB": in capitals, a short word no name list knows is an
          // abbreviation, not a surname.
          !(after.shape === 'upper' && after.norm.length <= 4 && !inNames(after.norm)) &&
          shapeFits &&
          /^[ \t-]$/.test(after.gap) &&
          // "Steffie de Smalbroek": a place is the surname after a first name and "de", "ter" or
          // "ten"; after "van" it may say where she is from ("Kim van Zwolle", "van den Broek").
          (!(isPlace(after.norm) && !lexicons().surnames.has(after.norm)) ||
            (tokens[last + 1]!.norm !== 'van' && firstNameAndSurnameShape(tokens, last)) ||
            // "Dignaatje van Hoekelum-de Potterskamp": a double surname goes on after a hyphen.
            /^-(?:(?:de|van|der|den|ter|ten|te)[ \t]+)*\p{Lu}/u.test(
              text.slice(after.end, after.end + 16),
            )) &&
          (inNames(after.norm) ||
            derSurname ||
            ((!isCommonWord(after.norm, true) || compoundSurname) &&
              !organisationContext(tokens, j + 1, text) &&
              // "Schuld bij Intrum. Sanne van Intrum belde.": after a lone "van", a word the
              // note names as an organisation elsewhere is where the person works.
              !(j === last + 1 && tokens[j]!.norm === 'van' && organisationElsewhere(tokens, j + 1, text))))
        ) {
          last = j + 1
          verdicts[j + 1] = 'name'
          continue
        }
        // "… van Porthos", "… van de Ibn Khaldoun moskee": where the person works or worships is no
        // person of its own either.
        if (afterWholeName && after !== undefined && after.shape !== 'lower' && !inNames(after.norm))
          verdicts[j + 1] = 'no'
        const kind = organisationKindAt(tokens, j + 1)
        for (let m = j + 1; m < kind; m++) verdicts[m] = 'no'
        break
      }
      if (continues(tokens, last + 1, verdicts, text)) {
        last++
        continue
      }
      // "Boer, A. de": surname, initials, particle.
      if (/^,\s?$/.test(next.gap) && (isInitial(next, tokens[last + 2]) || lastInitial(next, text))) {
        let j = last + 1
        while (tokens[j] && (isInitial(tokens[j]!, tokens[j + 1]) || lastInitial(tokens[j]!, text))) j++
        // "Mien van Tilbeurgh, T. = Toontje": initials a legend maps to a name open the next entry.
        if (/^\.?[ \t]*=[ \t]*\p{Lu}/u.test(text.slice(tokens[j - 1]!.end, tokens[j - 1]!.end + 6))) break
        // "wijkagent Boudewijnse, R. Hanegraaf": initials before a capitalised surname open the
        // next person in a list.
        const nextName = tokens[j]
        if (nextName && nextName.shape !== 'lower' && /^\.?[ \t]+$/.test(nextName.gap)) break
        const particles = j
        while (
          tokens[j] &&
          nameParticles.has(tokens[j]!.norm) &&
          tokens[j]!.shape === 'lower' &&
          /^\.?[ \t]+$/.test(tokens[j]!.gap)
        )
          j++
        // "Scheltingaweer, N. ter Huurne": so do initials and particles before a capitalised word.
        const afterParticles = tokens[j]
        if (
          j > particles &&
          afterParticles &&
          afterParticles.shape !== 'lower' &&
          /^[ \t]+$/.test(afterParticles.gap)
        )
          break
        last = j - 1
        break
      }
      break
    }
    // "Jan Steenkade", "Burgemeester Visserstraat", "Jan van Galenstraat": a name in the name of a
    // street or a building ("Ans van de Kerkstraat" lives there).
    let streetAt = last + 1
    while (
      streetAt < last + 3 &&
      tokens[streetAt] &&
      tokens[streetAt]!.shape === 'lower' &&
      nameParticles.has(tokens[streetAt]!.norm) &&
      oneSpace(tokens[streetAt]!.gap)
    )
      streetAt++
    const after = tokens[streetAt]
    if (
      after &&
      oneSpace(after.gap) &&
      after.shape === 'title' &&
      !inNames(after.norm) &&
      properEnding.test(after.norm) &&
      // "buurvrouw Ans van de Kerkstraat": an announced person living in that street stays one.
      (streetAt === last + 1 ||
        (streetAt === last + 2 &&
          tokens[last + 1]!.text === 'van' &&
          /(?:straat|laan|weg|plein|gracht|kade|singel|dreef|steeg|plantsoen)$/.test(after.norm) &&
          !announced(tokens, i, text)))
    ) {
      i = streetAt + 1
      continue
    }
    const start = tokens[first]!.start
    const end = tokens[last]!.end
    spans.push({ start, end, text: text.slice(start, end) })
    i = last + 1
  }
  return alsoElsewhere(tokens, text, spans)
}

/**
 * True when the capitalised words from `k` on (at most four, on one line) end in a word for a kind
 * of organisation that no name list knows: "Fatih Moskee", "Ibn Khaldoun moskee", "Coornhert
 * Gymnasium".
 */
function organisationKindAhead(tokens: readonly Readonly<Token>[], k: number): boolean {
  return organisationKindAt(tokens, k) >= 0
}

/** Where the word for a kind of organisation of {@link organisationKindAhead} stands, or -1. */
function organisationKindAt(tokens: readonly Readonly<Token>[], k: number): number {
  for (let m = k; m < k + 4; m++) {
    const t = tokens[m]
    if (t === undefined || (m > k && !/^[ \t-]$/.test(t.gap))) return -1
    if (organisationKinds.has(t.norm) && !inNames(t.norm)) return m
    if (t.shape === 'lower') return -1
  }
  return -1
}

/** True when tokens `first` to `last - 1` hold a capitalised name word, not an initial, title or particle. */
function hasNameWordBetween(tokens: readonly Readonly<Token>[], first: number, last: number): boolean {
  for (let k = first; k < last; k++) {
    const t = tokens[k]!
    if (t.shape === 'lower' || t.norm.length < 2 || nameParticles.has(t.norm) || titles.has(t.norm)) continue
    if (isInitial(t, tokens[k + 1])) continue
    return true
  }
  return false
}

/**
 * One person, all mentions: a word of a name found in the note is that name elsewhere in the note
 * too ("Anne Visser" … "Volgens Visser"; "Berend Huisman" … "berend huisman"), unless it stands
 * there as a plain word (in lower case, or opening a sentence), is a place, or is part of an
 * e-mail or web address. Neighbouring words found so make one span.
 */
function alsoElsewhere(tokens: Token[], text: string, spans: NameSpan[]): NameSpan[] {
  if (spans.length === 0) return spans
  const named = new Set<string>()
  const covered = new Uint8Array(tokens.length)
  let s = 0
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    while (s < spans.length && spans[s]!.end <= t.start) s++
    const span = spans[s]
    if (span === undefined || span.start > t.start) continue
    covered[i] = 1
    if (t.norm.length >= 3 && !nameParticles.has(t.norm)) named.add(t.norm)
  }
  const found: NameSpan[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (covered[i] || !named.has(t.norm) || isPlace(t.norm)) continue
    if (functionWords.has(t.norm) || englishWords.has(t.norm) || isRole(t.norm) || titles.has(t.norm))
      continue
    // Part of an e-mail address or a web address ("hatice.kocabas90@…"): found as such.
    if (/[.@_]$/.test(t.gap) || /^(?:[@_\d]|\.[\p{L}\d])/u.test(text.slice(t.end, t.end + 2))) continue
    const plain = isCommonWord(t.norm, true)
    // "Edit: Jó napot!": the writer's name before a colon at the start of a line of a chat.
    const speaker = t.shape !== 'lower' && /(?:^|\n)[ \t]*$/.test(t.gap) && text[t.end] === ':'
    // In capitals, as in lower case, the shape says nothing: a plain word stays a word. Opening a
    // sentence, only a word the word list holds (or an inflection of one) is taken for that word: a
    // compound of words ("Kamperdijk wil niet …") that was a surname in the note stays the surname.
    // After a colon a capital says as much as mid-sentence ("rooster: Aart ma/wo").
    if (
      !speaker &&
      (t.shape === 'lower' || t.shape === 'upper'
        ? plain
        : plain && t.sentenceStart && !/:[ \t]*$/.test(t.gap) && isCommonWord(t.norm, false))
    )
      continue
    // "spreekt Frans", "naar Roos", "bij Vesta": where the context makes it a language, place or
    // organisation, it stays one.
    const prev = tokens[i - 1]
    if (prev !== undefined && (languageVerbs.has(prev.norm) || placePrepositions.has(prev.norm))) continue
    if (t.shape !== 'lower' && organisationContext(tokens, i, text)) continue
    const last = found[found.length - 1]
    if (last !== undefined && last.end === tokens[i - 1]?.end && oneSpace(t.gap)) {
      last.end = t.end
      last.text = text.slice(last.start, t.end)
    } else if (
      // "Van Zandbrink wil …" after "Driek van Zandbrink": a capitalised particle right before it
      // belongs to the name.
      prev !== undefined &&
      !covered[i - 1] &&
      oneSpace(t.gap) &&
      prev.shape === 'title' &&
      capitalParticles.has(prev.norm) &&
      t.shape === 'title'
    )
      found.push({ start: prev.start, end: t.end, text: text.slice(prev.start, t.end) })
    else found.push({ start: t.start, end: t.end, text: t.text })
  }
  if (found.length === 0) return spans
  return [...spans, ...found].sort((a, b) => a.start - b.start)
}

/**
 * What the rules know of one word, as letters for the name model's features: R a family, network
 * or job word (also as the end of a compound), T a title, G a greeting, F a function word, E an
 * English word, B an abbreviation, C a Dutch word (also a compound or an inflected form), L a
 * place or language (also inflected); `-` for none.
 */
export function wordClasses(norm: string): string {
  let out = ''
  if (isRole(norm)) out += 'R'
  if (titles.has(norm)) out += 'T'
  if (greetings.has(norm)) out += 'G'
  if (functionWords.has(norm)) out += 'F'
  if (englishWords.has(norm)) out += 'E'
  if (abbreviations.has(norm)) out += 'B'
  if (isCommonWord(norm, true)) out += 'C'
  if (isPlace(norm)) out += 'L'
  return out || '-'
}
