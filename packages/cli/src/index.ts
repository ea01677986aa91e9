export { seedExampleFlows } from './seed.js'
export { start } from './start.js'
