export {
  RecordValidationError,
  recordsCreateNode,
  recordsReadNode,
  recordsUpdateNode,
  requireRecords,
  validateRecord,
} from './records.js'
export * from './schemas.js'
