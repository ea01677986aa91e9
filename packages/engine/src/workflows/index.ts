// Entry point for Temporal's workflow bundler: only deterministic workflow code is exported here.
export { completeTaskUpdate, interpretFlow, progressQuery } from './interpreter.js'
export { retentionJob } from './retention.js'
