export { parsePostgresCredential, postgresQueryNode } from './postgres-query.js'
