export {
  RecordValidationError,
  recordsCreateNode,
  recordsReadNode,
  recordsUpdateNode,
  requireRecords,
  validateRecord,
} from './records.js'
export * from './schemas.js'
export { createPostgresRecordStore, RecordStoreError, recordTables } from './store.js'
