import { type DynamoDbLocal, startDynamoDbLocal } from '../functions/local/dynamodb-local';
import { authCache } from './auth-cache';
import { broadcast } from './broadcast';
import { deliveryPipeline } from './delivery-pipeline';
import { hotPathIo } from './hot-path-io';
import { lambdaBundles } from './lambda-bundles';
import type { BenchContext, Benchmark, BenchOutcome } from './lib/benchmark';
import { type LoadClient, startLoadClient } from './lib/load-client';
import { formatOutcome, machineInfo, writeResult } from './lib/results';
import { pullAtScale } from './pull-at-scale';
import { writeReports } from './report';
import { routedOverhead } from './routed-overhead';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const BENCHMARKS: readonly Benchmark[] = [
  routedOverhead,
  hotPathIo,
  broadcast,
  deliveryPipeline,
  pullAtScale,
  lambdaBundles,
  authCache,
];

/**
 * Benchmarks read DynamoDB Local hard (100k-item tables, page queries): the full JIT pays for its
 * slower start here, unlike in tests (DEFAULT_JVM_ARGS stops at the client compiler).
 */
const BENCH_JVM_ARGS = ['-XX:+UseParallelGC', '-Xshare:auto'];

function selected(args: string[]): Benchmark[] {
  if (args.length === 0) return [...BENCHMARKS];
  return args.map((name) => {
    const found = BENCHMARKS.find((b) => b.name === name);
    if (!found) {
      console.error(`unknown benchmark '${name}'; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
      process.exit(2);
    }
    return found;
  });
}

async function main() {
  const benchmarks = selected(process.argv.slice(2));
  const started = Date.now();
  // A fresh DynamoDB Local per benchmark: tables, streams and JVM heap left by one do not slow the next.
  let dynamo: Promise<DynamoDbLocal> | undefined;
  let load: Promise<LoadClient> | undefined;
  const ctx: BenchContext = {
    dynamoEndpoint: async () => {
      dynamo ??= startDynamoDbLocal({ jvmArgs: BENCH_JVM_ARGS });
      return (await dynamo).endpoint;
    },
    load: () => {
      load ??= startLoadClient();
      return load;
    },
    progress: (message) => console.log(`  [${((Date.now() - started) / 1000).toFixed(0)} s] ${message}`),
  };
  let failures = 0;
  try {
    for (const benchmark of benchmarks) {
      console.log(`\n# ${benchmark.name}: ${benchmark.description}`);
      const machine = machineInfo();
      const t0 = Date.now();
      let outcome: BenchOutcome;
      try {
        outcome = await benchmark.run(ctx);
      } catch (err) {
        failures++;
        const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
        console.error(message);
        outcome = { available: false, reason: `failed: ${err instanceof Error ? err.message : String(err)}` };
      }
      await (await dynamo)?.stop();
      dynamo = undefined;
      const file = writeResult(benchmark.name, outcome, Date.now() - t0, machine);
      console.log(
        `\n${formatOutcome(benchmark.name, outcome)}(${((Date.now() - t0) / 1000).toFixed(0)} s, ${file})`,
      );
    }
  } finally {
    await (await load)?.stop();
    await (await dynamo)?.stop();
  }
  const updated = writeReports();
  if (updated.length) console.log(`\n${updated.join(' and ')} regenerated from bench/results (bench:report)`);
  console.log(`\nall done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exit(failures ? 1 : 0);
}

await main();
