export { editRatio, maxComparedChars } from './edit-ratio.js'
export {
  activityBeatSeconds,
  type DecisionMeasure,
  type DraftVerdict,
  type FoundDraft,
  findDrafts,
  judgeDraft,
  maxBeatGapMs,
  recordActivity,
  recordTaskClaimed,
  recordTaskDecision,
  recordTaskOpened,
} from './measure.js'
export {
  bucketTimeZone,
  type ImpactDraftFigures,
  type ImpactFigures,
  type ImpactFlow,
  type ImpactNodeFigures,
  type ImpactQuery,
  type ImpactReport,
  impactQuery,
  impactReport,
  minCases,
  minPeople,
  queryImpactRows,
} from './report.js'
