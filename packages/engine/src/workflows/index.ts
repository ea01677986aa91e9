// Entry point for Temporal's workflow bundler: only deterministic workflow code is exported here.
export { interpretFlow, progressQuery } from './interpreter.js'
