// The benchmark's worker process: one interpreter worker and one baseline worker, on their own
// task queues. The parent asks for process.cpuUsage() around each run over IPC.
import { fileURLToPath } from 'node:url'
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker'
import {
  createActivities,
  createEncryptionCodec,
  createRegistry,
  parsePayloadKeys,
  workflowBundlerOptions,
  workflowsPath,
} from '@warmflow/engine'
import { baselineActivities, benchPlugin } from './activities.js'

type Message = { type: 'cpu'; id: number } | { type: 'stop' }

const { address, keys, interpreterQueue, baselineQueue } = JSON.parse(process.env.BENCH_WORKER ?? '{}')
Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] })
const dataConverter = { payloadCodecs: [createEncryptionCodec({ keys: parsePayloadKeys(keys) })] }
const connection = await NativeConnection.connect({ address })
const interpreter = await Worker.create({
  connection,
  taskQueue: interpreterQueue,
  workflowsPath,
  bundlerOptions: workflowBundlerOptions,
  activities: createActivities({ registry: createRegistry([benchPlugin]), log: () => {} }),
  dataConverter,
})
const baseline = await Worker.create({
  connection,
  taskQueue: baselineQueue,
  workflowsPath: fileURLToPath(new URL('./baseline-workflows.ts', import.meta.url)),
  activities: baselineActivities,
  dataConverter,
})
const running = Promise.all([interpreter.run(), baseline.run()])

process.on('message', async (message: Message) => {
  if (message.type === 'cpu') {
    process.send?.({ id: message.id, cpu: process.cpuUsage() })
  } else if (message.type === 'stop') {
    interpreter.shutdown()
    baseline.shutdown()
    await running
    await connection.close()
    process.exit(0)
  }
})
process.send?.({ ready: true })
