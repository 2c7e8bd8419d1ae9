import { resolve } from 'node:path';
import { ConfigError, readHubConfigFile, readLocalEnv } from '../config';
import { DynamoDbLocalError } from './dynamodb-local';
import { watchLauncher } from './launcher-watch';
import { type LocalHub, LocalHubError, startLocalHub } from './local-hub';
import { startupBanner } from './startup-banner';

// Node 20 is supported here; the SDK's notice about its future Node 22 floor is not for operators.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * How long a stop may take before the process exits anyway: a stop that hangs (a stuck request, a
 * starved machine) must not leave the hub and DynamoDB Local running. Exiting runs the exit handler
 * that kills DynamoDB Local's process group (local/dynamodb-local.ts).
 */
const STOP_DEADLINE_MS = 10_000;

/** `npm start`: the hub on this machine. Failures end with one sentence saying what to do. */
async function main(): Promise<void> {
  let hub: LocalHub | undefined;
  let stopping = false;
  const shutdown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${reason}, stopping the hub and DynamoDB Local\n`);
    setTimeout(() => {
      process.stderr.write(`the hub did not stop within ${STOP_DEADLINE_MS / 1000} s; exiting now\n`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    // Still starting: exiting runs the handler that kills DynamoDB Local's process group.
    if (!hub) process.exit(1);
    hub.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // `kill -9` of `npm start` sends no signal to us: notice that the launcher is gone and stop too. The
  // launcher is read before anything else: once the banner is out, its reader may kill npm at once.
  watchLauncher(() => shutdown('the process that started the hub is gone'));

  const env = readLocalEnv();
  const config = readHubConfigFile(resolve(env.HUB_CONFIG));
  hub = await startLocalHub({
    config,
    dataDir: resolve(env.HUB_DATA_DIR),
    host: env.HOST,
    port: env.PORT,
    dynamoEndpoint: env.DYNAMODB_ENDPOINT,
    publicUrl: env.HUB_PUBLIC_URL,
    adminToken: env.HUB_ADMIN_TOKEN,
    logLevel: env.LOG_LEVEL,
  });
  process.on('SIGINT', () => shutdown('SIGINT received'));
  process.on('SIGTERM', () => shutdown('SIGTERM received'));
  // A dead reader of our output must not turn the stop into a crash.
  process.stdout.on('error', () => {});
  process.stdout.write(
    startupBanner({
      listenUrl: hub.url,
      publicUrl: hub.runtime.publicUrl ?? hub.url,
      config,
      shownTokens: hub.adminTokens,
      fixedTokenFromEnv: env.HUB_ADMIN_TOKEN !== undefined,
    }),
  );
}

main().catch((err: unknown) => {
  const known =
    err instanceof ConfigError || err instanceof DynamoDbLocalError || err instanceof LocalHubError;
  process.stderr.write(`${known ? (err as Error).message : `the hub failed to start: ${String(err)}`}\n`);
  process.exit(1);
});
