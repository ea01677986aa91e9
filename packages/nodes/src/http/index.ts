export { httpCredentialSchema, httpRequestNode } from './http-request.js'
