export {
  guardedPostgresStream,
  parsePostgresCredential,
  postgresAllowVariable,
  postgresQueryNode,
} from './postgres-query.js'
