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
