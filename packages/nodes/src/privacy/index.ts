export {
  containsValidBsn,
  type FindOptions,
  findPersonalData,
  isValidBsn,
  isValidIban,
  type KnownValue,
  type PersonalDataKind,
  type PersonalDataSpan,
  personalDataKinds,
} from './detect.js'
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
