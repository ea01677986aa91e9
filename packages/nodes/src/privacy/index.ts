export {
  addModelNames,
  containsValidBsn,
  type FindOptions,
  findPersonalData,
  isValidBsn,
  isValidIban,
  type KnownValue,
  nameKey,
  nameModelThresholds,
  type PersonalDataKind,
  type PersonalDataSpan,
  personalDataKinds,
} from './detect.js'
export { type Lexicons, lexicons, normaliseWord } from './lexicon.js'
export {
  decodeNameModel,
  encodeNameModel,
  featureBucket,
  type ModelToken,
  modelBuckets,
  modelTokens,
  type NameModel,
  nameModel,
  nameProbability,
  type ScoredToken,
  scoreTokens,
} from './name-model.js'
export { findNames, type NameSpan } from './names.js'
export {
  type FieldKind,
  fieldKindSchema,
  nameVariants,
  pseudonymiseNode,
} from './pseudonymise/pseudonymise.js'
export { restoreNode } from './restore/restore.js'
export {
  ensurePseudonymKey,
  openMapping,
  PlaceholderBook,
  type PrivacyMarker,
  parsePseudonymKey,
  privacyMarkerSchema,
  pseudonymKeyEnv,
  pseudonymKeySlot,
  readPrivacyMarker,
  sealMapping,
} from './vault.js'
