import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { ESM_REQUIRE_BANNER, FUNCTION_BUNDLING, FUNCTION_NODE_FLAGS } from '../infra/function-bundling';
import {
  type SecretsManagerStandIn,
  type StandIn,
  startSecretsManagerStandIn,
  startStsStandIn,
} from '../test/bundles/aws-stand-ins';
import { type Benchmark, goal } from './lib/benchmark';
import { startupComposition } from './lib/startup-profile';
import { median, round } from './lib/stats';

const FUNCTIONS = ['ocpi', 'admin', 'delivery', 'scheduled'] as const;
const ROUNDS = 15;
const PROFILED_STARTS = 3;
const KB = 1024;
const run = promisify(execFile);

/**
 * Built with the options HubFunction gives the CDK's NodejsFunction (infra/function-bundling.ts, shared
 * with it), which runs esbuild with them: the same bytes as `npx cdk synth` in seconds instead of a
 * synth, and a metafile for the breakdown.
 */
async function bundle(name: string, outdir: string): Promise<{ file: string; metafile: Metafile }> {
  const file = join(outdir, name, 'index.mjs');
  const result = await build({
    entryPoints: [`functions/handlers/${name}.ts`],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: FUNCTION_BUNDLING.target,
    format: FUNCTION_BUNDLING.format,
    banner: { js: ESM_REQUIRE_BANNER },
    mainFields: [...FUNCTION_BUNDLING.mainFields],
    minify: FUNCTION_BUNDLING.minify,
    keepNames: FUNCTION_BUNDLING.keepNames,
    sourcemap: FUNCTION_BUNDLING.sourceMap,
    sourcesContent: FUNCTION_BUNDLING.sourcesContent,
    logLevel: 'error',
    metafile: true,
  });
  // The tenants file travels beside the handler, as HubFunction's afterBundling hook copies it.
  copyFileSync('hub.config.json', join(dirname(file), 'hub.config.json'));
  return { file, metafile: result.metafile };
}

const REGION = 'eu-west-1';
const SECRET_ARN = `arn:aws:secretsmanager:${REGION}:123456789012:secret:ocpi-hub/bench/keys-AbCdEf`;

/**
 * What a function's process sees in Lambda (the stack's variables, the execution role's credentials),
 * with STS and Secrets Manager on loopback, so the init runs all the way: tenants file, environment,
 * role assumptions started, keys secret read, app built. Only the network's latency is missing.
 * DynamoDB is not called at init; its endpoint refuses connections should that change.
 */
function lambdaEnvironment(bundleDir: string, sts: StandIn, secrets: StandIn, service: string) {
  return {
    PATH: process.env.PATH,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'ASIABENCHEXECUTIONROLE',
    AWS_SECRET_ACCESS_KEY: randomBytes(20).toString('hex'),
    AWS_SESSION_TOKEN: randomBytes(32).toString('base64'),
    AWS_ENDPOINT_URL_STS: sts.url,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
    AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
    LAMBDA_TASK_ROOT: bundleDir,
    HUB_CONFIG_FILE: 'hub.config.json',
    HUB_KEYS_SECRET_ARN: SECRET_ARN,
    TENANT_ACCESS_ROLE_ARN: 'arn:aws:iam::123456789012:role/OcpiHub-bench-TenantAccessRole',
    HUB_PUBLIC_URL: 'https://hub.example.com/',
    LOG_LEVEL: 'INFO',
    POWERTOOLS_SERVICE_NAME: `ocpi-hub-${service}`,
  };
}

interface StartSample {
  /** Wall time of a fresh `node` that imports the bundle (its init included) and exits. */
  wallMs: number;
  /** The import and init alone, measured inside that process (process start excluded). */
  insideMs: number;
  /** CPU time (user + system) of the whole process: steadier than wall time on a loaded machine. */
  cpuMs: number;
}

/**
 * One fresh Node process that imports the bundle as the Lambda runtime does: the import settles after
 * the handler's top-level await, i.e. after the init. It exits at once after (keep-alive sockets to
 * the stand-ins would hold it open).
 */
async function startSample(
  file: string,
  flags: readonly string[],
  env: Record<string, string | undefined>,
): Promise<StartSample> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); const u = process.cpuUsage(); process.stdout.write(JSON.stringify([performance.now() - t, (u.user + u.system) / 1000]), () => process.exit(0));`;
  const started = performance.now();
  const { stdout } = await run(process.execPath, [...flags, '--input-type=module', '-e', script], { env });
  const [insideMs, cpuMs] = JSON.parse(stdout) as [number, number];
  return { wallMs: performance.now() - started, insideMs, cpuMs };
}

/** An empty `node -e 0` (wall and CPU time): what every fresh process costs before it imports anything. */
async function emptyNode(): Promise<{ wallMs: number; cpuMs: number }> {
  const script = 'const u = process.cpuUsage(); process.stdout.write(String((u.user + u.system) / 1000));';
  const started = performance.now();
  const { stdout } = await run(process.execPath, ['-e', script], { env: { PATH: process.env.PATH } });
  return { wallMs: performance.now() - started, cpuMs: Number(stdout) };
}

/**
 * Bytes in the bundle per npm package; our own code per top folder (`functions/hub`, ...), so the lead
 * can see which layer grew. Packages under 1 KB are summed as `(smaller packages)`.
 */
function composition(metafile: Metafile): Array<[string, number]> {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint);
  const byPart = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = match?.[1] ?? path.split('/').slice(0, 2).join('/').replace(/\.ts$/, '');
    byPart.set(key, (byPart.get(key) ?? 0) + bytesInOutput);
  }
  const sorted = [...byPart.entries()].sort((a, b) => b[1] - a[1]);
  const large = sorted.filter(([, bytes]) => bytes >= KB);
  const small = sorted.filter(([, bytes]) => bytes < KB).reduce((sum, [, bytes]) => sum + bytes, 0);
  return small > 0 ? [...large, ['(smaller packages)', small]] : large;
}

type Series = 'ocpi' | 'admin' | 'delivery' | 'scheduled' | 'ocpi --enable-source-maps' | 'empty ES module';

export const lambdaBundles: Benchmark = {
  name: 'lambda-bundles',
  description: 'Size (raw, gzip) and cold start (import + init) of each Lambda bundle',
  async run(ctx) {
    const outdir = mkdtempSync(join(tmpdir(), 'hub-bundles-'));
    const secrets: SecretsManagerStandIn = await startSecretsManagerStandIn({
      [SECRET_ARN]: JSON.stringify({ keyMaterial: randomBytes(64).toString('hex') }),
    });
    const sts = await startStsStandIn();
    try {
      const built = new Map<string, { file: string; metafile: Metafile }>();
      for (const name of FUNCTIONS) built.set(name, await bundle(name, outdir));
      const fileOf = (name: string) => built.get(name)?.file as string;
      const envOf = (name: string) => lambdaEnvironment(dirname(fileOf(name)), sts, secrets, name);
      // The floor every ES module handler pays: Node's ESM loader for one empty module.
      const emptyModule = join(outdir, 'empty.mjs');
      writeFileSync(emptyModule, '');
      const series: Array<[Series, () => Promise<StartSample>]> = [
        ...FUNCTIONS.map((name): [Series, () => Promise<StartSample>] => [
          name,
          () => startSample(fileOf(name), FUNCTION_NODE_FLAGS, envOf(name)),
        ]),
        [
          'ocpi --enable-source-maps',
          () => startSample(fileOf('ocpi'), [...FUNCTION_NODE_FLAGS, '--enable-source-maps'], envOf('ocpi')),
        ],
        ['empty ES module', () => startSample(emptyModule, [], { PATH: process.env.PATH })],
      ];
      ctx.progress(`bundles built; starting each ${ROUNDS} times in fresh processes`);
      const samples = new Map<Series, StartSample[]>(series.map(([name]) => [name, []]));
      const empty: Array<{ wallMs: number; cpuMs: number }> = [];
      const secretReadsBefore = secrets.calls.length;
      // Alternating: an empty node, then one start of each series per round, so machine noise spreads
      // evenly over what is compared.
      for (let i = 0; i < ROUNDS; i++) {
        empty.push(await emptyNode());
        for (const [name, start] of series) samples.get(name)?.push(await start());
      }
      // Every start of the ocpi and admin bundles (their handlers build the app at init) read the keys
      // secret once: the figures are of a completed init, not of one that failed early.
      const secretReads = secrets.calls.length - secretReadsBefore;
      const initsExpected = 3 * ROUNDS;
      if (secretReads !== initsExpected)
        throw new Error(`expected ${initsExpected} reads of the keys secret at init, saw ${secretReads}`);

      const profileDir = join(outdir, 'profiles');
      for (let i = 0; i < PROFILED_STARTS; i++)
        await startSample(
          fileOf('ocpi'),
          [...FUNCTION_NODE_FLAGS, '--cpu-prof', '--cpu-prof-interval=200', `--cpu-prof-dir=${profileDir}`],
          envOf('ocpi'),
        );
      const startup = startupComposition(profileDir, fileOf('ocpi'));

      const emptyMs = median(empty.map((e) => e.wallMs));
      const emptyCpuMs = median(empty.map((e) => e.cpuMs));
      const of = (name: Series) => samples.get(name) as StartSample[];
      const coldMs = (name: Series) => round(median(of(name).map((s) => s.wallMs)) - emptyMs);
      const coldCpuMs = (name: Series) => round(median(of(name).map((s) => s.cpuMs)) - emptyCpuMs);
      const figures = FUNCTIONS.map((name) => {
        const code = readFileSync(fileOf(name));
        const map = readFileSync(`${fileOf(name)}.map`);
        return {
          function: name,
          rawKB: round(code.byteLength / KB),
          gzipKB: round(gzipSync(code).byteLength / KB),
          sourceMapKB: round(map.byteLength / KB),
          coldStartMs: coldMs(name),
          coldStartCpuMs: coldCpuMs(name),
          insideMs: round(median(of(name).map((s) => s.insideMs))),
          wallSamplesMs: of(name).map((s) => round(s.wallMs)),
        };
      });
      const ocpi = figures[0];
      const withSourceMaps = {
        coldStartMs: coldMs('ocpi --enable-source-maps'),
        coldStartCpuMs: coldCpuMs('ocpi --enable-source-maps'),
      };
      const emptyEsm = {
        coldStartMs: coldMs('empty ES module'),
        coldStartCpuMs: coldCpuMs('empty ES module'),
      };
      const parts = composition(built.get('ocpi')?.metafile as Metafile).map(([part, bytes]) => ({
        part,
        KB: round(bytes / KB),
      }));
      const topStartup = startup.parts.slice(0, 12);
      return {
        available: true,
        tables: [
          {
            columns: ['function', 'raw KB', 'gzip KB', 'cold start ms', 'inside ms', 'cold start CPU ms'],
            rows: [
              ...figures.map((f) => [
                f.function,
                f.rawKB,
                f.gzipKB,
                f.coldStartMs,
                f.insideMs,
                f.coldStartCpuMs,
              ]),
              [
                'ocpi, --enable-source-maps',
                '',
                '',
                withSourceMaps.coldStartMs,
                '',
                withSourceMaps.coldStartCpuMs,
              ],
              ['(an empty ES module)', '', '', emptyEsm.coldStartMs, '', emptyEsm.coldStartCpuMs],
            ],
          },
          {
            title: `ocpi cold start by CPU self time (${PROFILED_STARTS} profiled starts; sampling slows them: ${round(startup.profiledMs)} ms each)`,
            columns: ['part', 'ms', 'share %'],
            rows: topStartup.map((p) => [p.part, round(p.ms), round(p.share * 100)]),
          },
          {
            title: 'ocpi bundle by package (our code by folder)',
            columns: ['package', 'KB'],
            rows: parts.map((p) => [p.part, p.KB]),
          },
        ],
        goals: [
          goal('ocpi bundle raw size (KB)', '<= 350', ocpi?.rawKB ?? Number.NaN, 350, true),
          goal('ocpi cold start, import + init (ms)', '<= 60', ocpi?.coldStartMs ?? Number.NaN, 60, true),
        ],
        figures: {
          functions: figures,
          ocpiWithSourceMaps: withSourceMaps,
          emptyEsModule: emptyEsm,
          emptyNodeMs: round(emptyMs),
          emptyNodeCpuMs: round(emptyCpuMs),
          ocpiStartup: startup.parts.map((p) => ({ part: p.part, ms: round(p.ms), share: round(p.share) })),
          ocpiComposition: parts,
        },
        notes: [
          'Bundles built with the esbuild options HubFunction passes to the CDK (infra/function-bundling.ts).',
          `Cold start = median wall time of ${ROUNDS} fresh \`node\` processes (the functions' Node flags: ${FUNCTION_NODE_FLAGS.join(' ') || 'none'}) importing the bundle with a Lambda environment, the import settling after the handler's top-level init (ocpi and admin: tenants file, role assumptions started, keys secret read from a loopback Secrets Manager, app built; delivery and scheduled build nothing at init), minus the median of an empty \`node -e 0\` (${round(emptyMs)} ms); "inside" is the import timed inside that process; "CPU" is the process's user + system time minus an empty node's (${round(emptyCpuMs)} ms), which a loaded machine inflates less than wall time. An empty ES module costs ${emptyEsm.coldStartMs} ms (${emptyEsm.coldStartCpuMs} ms CPU): the ESM loader's floor. Local Node ${process.version} on x64; Lambda runs Node 22 on arm64 and adds the network's latency to the init.`,
        ],
      };
    } finally {
      await Promise.all([secrets.close(), sts.close()]);
      rmSync(outdir, { recursive: true, force: true });
    }
  },
};
