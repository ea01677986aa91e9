// The Temporal server's configuration for the cluster profile: PostgreSQL persistence and
// visibility, every service in one process, every port on 127.0.0.1.

/** Where the Temporal server of the cluster profile keeps its state and listens. */
export interface TemporalServerSettings {
  /** PostgreSQL host and port, e.g. `127.0.0.1:5432`. */
  postgresAddress: string
  /** The role Temporal connects as (its password comes from the environment, never the file). */
  user: string
  /** Database of workflow histories, task queues, namespaces. */
  database: string
  /** Database of the visibility store (listing and searching runs). */
  visibilityDatabase: string
  /** Frontend gRPC port (clients and workers). */
  frontendPort: number
  /** Frontend HTTP port. */
  frontendHttpPort: number
  /** gRPC and membership ports of the internal services, each its own. */
  internalPorts: {
    frontendMembership: number
    history: number
    historyMembership: number
    matching: number
    matchingMembership: number
    worker: number
    workerMembership: number
  }
  /** Prometheus metrics of the server, on 127.0.0.1. */
  metricsPort: number
  /** File with dynamic configuration. */
  dynamicConfigFile: string
  /** History shards: fixed once the database is set up; 4 suits one machine. */
  historyShards?: number
}

/** The environment variable the server reads its PostgreSQL password from (a template in the file). */
export const temporalPasswordVariable = 'WARMFLOW_TEMPORAL_DB_PASSWORD'

function quoted(value: string): string {
  return JSON.stringify(value)
}

/**
 * The Temporal server's YAML configuration. The PostgreSQL password is not in it: the file is a
 * template that reads {@link temporalPasswordVariable} from the server's environment.
 *
 * @example
 * writeFileSync('.data/cluster/temporal/warmflow.yaml', temporalServerConfig(settings))
 */
export function temporalServerConfig(settings: TemporalServerSettings): string {
  const store = (database: string, maxConns: number) => `      sql:
        pluginName: "postgres12"
        databaseName: ${quoted(database)}
        connectAddr: ${quoted(settings.postgresAddress)}
        connectProtocol: "tcp"
        user: ${quoted(settings.user)}
        password: {{ env "${temporalPasswordVariable}" | quote }}
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: "1h"`
  const service = (grpc: number, membership: number, http?: number) => `    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true${http === undefined ? '' : `\n      httpPort: ${http}`}`
  const p = settings.internalPorts
  return `# enable-template
# Written by \`warmflow start --cluster\` on every start; edits are overwritten.
log:
  stdout: true
  level: warn

persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: ${settings.historyShards ?? 4}
  datastores:
    postgres-default:
${store(settings.database, 20)}
    postgres-visibility:
${store(settings.visibilityDatabase, 4)}

global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  metrics:
    prometheus:
      framework: "tally"
      timerType: "histogram"
      listenAddress: "127.0.0.1:${settings.metricsPort}"

services:
  frontend:
${service(settings.frontendPort, p.frontendMembership, settings.frontendHttpPort)}
  history:
${service(p.history, p.historyMembership)}
  matching:
${service(p.matching, p.matchingMembership)}
  worker:
${service(p.worker, p.workerMembership)}

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${settings.frontendPort}"

dcRedirectionPolicy:
  policy: "noop"

dynamicConfigClient:
  filepath: ${quoted(settings.dynamicConfigFile)}
  pollInterval: "10s"
`
}

/**
 * Dynamic configuration of the cluster profile's server: what the dev server also sets, so
 * Warmflow behaves the same on both (one task queue partition on one machine).
 *
 * @example
 * writeFileSync('.data/cluster/temporal/dynamicconfig.yaml', temporalDynamicConfig())
 */
export function temporalDynamicConfig(): string {
  const values: Record<string, number | boolean> = {
    'matching.numTaskqueueReadPartitions': 1,
    'matching.numTaskqueueWritePartitions': 1,
  }
  return `${Object.entries(values)
    .map(([key, value]) => `${key}:\n  - value: ${value}`)
    .join('\n')}\n`
}
