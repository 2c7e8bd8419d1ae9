import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { type Benchmark, goal } from './lib/benchmark';
import { median, round } from './lib/stats';

const FUNCTIONS = ['ocpi', 'admin', 'delivery', 'scheduled'] as const;
const IMPORTS_PER_FUNCTION = 10;
const KB = 1024;
const run = promisify(execFile);

/**
 * The options HubFunction (infra/constructs/hub-function.ts) gives the CDK's NodejsFunction, which
 * runs esbuild with them: target from the runtime (Node 22), ESM with the require banner, minified,
 * names kept, source map, AWS SDK bundled. Building with them here gives byte-identical bundles to
 * `npx cdk synth` (checked) in seconds instead of a synth, and a metafile for the breakdown.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as topLevelCreateRequire } from 'node:module'; const require = topLevelCreateRequire(import.meta.url);";

async function bundle(name: string, outdir: string): Promise<{ file: string; metafile: Metafile }> {
  const file = join(outdir, name, 'index.mjs');
  const result = await build({
    entryPoints: [`functions/handlers/${name}.ts`],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    banner: { js: ESM_REQUIRE_BANNER },
    mainFields: ['module', 'main'],
    minify: true,
    keepNames: true,
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'error',
    metafile: true,
  });
  return { file, metafile: result.metafile };
}

const CHILD_ENV = { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

interface ImportSample {
  /** Wall time of a fresh `node` that imports the bundle and exits. */
  wallMs: number;
  /** The import alone, measured inside that process (process start excluded). */
  insideMs: number;
  /** CPU time (user + system) of the whole process: steadier than wall time on a loaded machine. */
  cpuMs: number;
}

/** One fresh Node process that imports the bundle (source maps on, as the Lambda's NODE_OPTIONS say). */
async function importSample(file: string, sourceMaps: boolean): Promise<ImportSample> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); const u = process.cpuUsage(); process.stdout.write(JSON.stringify([performance.now() - t, (u.user + u.system) / 1000]));`;
  const started = performance.now();
  const { stdout } = await run(
    process.execPath,
    [...(sourceMaps ? ['--enable-source-maps'] : []), '--input-type=module', '-e', script],
    { env: CHILD_ENV },
  );
  const [insideMs, cpuMs] = JSON.parse(stdout) as [number, number];
  return { wallMs: performance.now() - started, insideMs, cpuMs };
}

/** An empty `node -e 0` (wall and CPU time): what every fresh process costs before it imports anything. */
async function emptyNode(): Promise<{ wallMs: number; cpuMs: number }> {
  const script = 'const u = process.cpuUsage(); process.stdout.write(String((u.user + u.system) / 1000));';
  const started = performance.now();
  const { stdout } = await run(process.execPath, ['-e', script], { env: CHILD_ENV });
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

export const lambdaBundles: Benchmark = {
  name: 'lambda-bundles',
  description: 'Size (raw, gzip) and cold import time of each Lambda bundle',
  async run(ctx) {
    const outdir = mkdtempSync(join(tmpdir(), 'hub-bundles-'));
    try {
      const built = new Map<string, { file: string; metafile: Metafile }>();
      for (const name of FUNCTIONS) built.set(name, await bundle(name, outdir));
      ctx.progress(`bundles built; importing each ${IMPORTS_PER_FUNCTION} times in fresh processes`);
      const samples = new Map<string, { lambda: ImportSample[]; plain: ImportSample[] }>(
        FUNCTIONS.map((n) => [n, { lambda: [], plain: [] }]),
      );
      const empty: Array<{ wallMs: number; cpuMs: number }> = [];
      // Alternating: an empty node, then one import of each function per round, so machine noise spreads
      // evenly over what is compared.
      for (let i = 0; i < IMPORTS_PER_FUNCTION; i++) {
        empty.push(await emptyNode());
        for (const name of FUNCTIONS) {
          const file = built.get(name)?.file as string;
          samples.get(name)?.lambda.push(await importSample(file, true));
          if (name === 'ocpi') samples.get(name)?.plain.push(await importSample(file, false));
        }
      }
      const emptyMs = median(empty.map((e) => e.wallMs));
      const emptyCpuMs = median(empty.map((e) => e.cpuMs));
      const coldMs = (list: ImportSample[]) => round(median(list.map((s) => s.wallMs)) - emptyMs);
      const coldCpuMs = (list: ImportSample[]) => round(median(list.map((s) => s.cpuMs)) - emptyCpuMs);
      const figures = FUNCTIONS.map((name) => {
        const code = readFileSync(built.get(name)?.file as string);
        const map = readFileSync(`${built.get(name)?.file}.map`);
        const t = samples.get(name) as { lambda: ImportSample[]; plain: ImportSample[] };
        return {
          function: name,
          rawKB: round(code.byteLength / KB),
          gzipKB: round(gzipSync(code).byteLength / KB),
          sourceMapKB: round(map.byteLength / KB),
          coldImportMs: coldMs(t.lambda),
          coldImportCpuMs: coldCpuMs(t.lambda),
          importInsideMs: round(median(t.lambda.map((s) => s.insideMs))),
          coldImportMsWithoutSourceMaps: t.plain.length ? coldMs(t.plain) : undefined,
          wallSamplesMs: t.lambda.map((s) => round(s.wallMs)),
        };
      });
      const ocpi = figures[0];
      const parts = composition(built.get('ocpi')?.metafile as Metafile).map(([part, bytes]) => ({
        part,
        KB: round(bytes / KB),
      }));
      return {
        available: true,
        tables: [
          {
            columns: [
              'function',
              'raw KB',
              'gzip KB',
              'cold import ms',
              'import inside ms',
              'cold import CPU ms',
            ],
            rows: figures.map((f) => [
              f.function,
              f.rawKB,
              f.gzipKB,
              f.coldImportMs,
              f.importInsideMs,
              f.coldImportCpuMs,
            ]),
          },
          {
            title: 'ocpi bundle by package (our code by folder)',
            columns: ['package', 'KB'],
            rows: parts.map((p) => [p.part, p.KB]),
          },
        ],
        goals: [
          goal('ocpi bundle raw size (KB)', '<= 350', ocpi?.rawKB ?? Number.NaN, 350, true),
          goal('ocpi cold import (ms)', '<= 60', ocpi?.coldImportMs ?? Number.NaN, 60, true),
        ],
        figures: {
          functions: figures,
          emptyNodeMs: round(emptyMs),
          emptyNodeCpuMs: round(emptyCpuMs),
          ocpiComposition: parts,
        },
        notes: [
          'Bundles built with the esbuild options HubFunction passes to the CDK (identical bytes to `cdk synth`).',
          `Cold import = median wall time of ${IMPORTS_PER_FUNCTION} fresh \`node --enable-source-maps\` processes importing the bundle (as the Lambda's NODE_OPTIONS) minus the median of an empty \`node -e 0\` (${round(emptyMs)} ms); "import inside" is the import alone timed inside that process; "CPU" is the process's user + system time minus an empty node's (${round(emptyCpuMs)} ms), which a loaded machine inflates less than wall time. ocpi without source maps: ${ocpi?.coldImportMsWithoutSourceMaps} ms. Local Node ${process.version} on x64, Lambda runs Node 22 on arm64.`,
        ],
      };
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  },
};
