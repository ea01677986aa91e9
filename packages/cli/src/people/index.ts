export {
  formatImportReport,
  ImportError,
  type ImportOptions,
  type ImportReport,
  type ImportRowError,
  importVolunteers,
  parseAvailability,
  parseCsv,
} from './import-volunteers.js'
