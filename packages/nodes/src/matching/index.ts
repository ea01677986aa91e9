export { matchVolunteersNode } from './match-volunteers.js'
export { centroidOf, distanceKm, postcodeCentroids } from './postcodes.js'
export * from './score.js'
