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

/** Time to import the bundle in a fresh Node process, measured inside it (process start excluded). */
async function importTimeMs(file: string, sourceMaps: boolean): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const { stdout } = await run(
    process.execPath,
    [...(sourceMaps ? ['--enable-source-maps'] : []), '--input-type=module', '-e', script],
    { env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
  );
  return Number(stdout);
}

/** Bytes in the bundle per npm package (or `functions/` for our own code). */
function topContributors(metafile: Metafile, limit: number): Array<[string, number]> {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint);
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = match?.[1] ?? path.split('/')[0] ?? path;
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  return [...byPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit);
}

export const lambdaBundles: Benchmark = {
  name: 'lambda-bundles',
  description: 'Size (raw, gzip) and cold import time of each Lambda bundle',
  async run(ctx) {
    const outdir = mkdtempSync(join(tmpdir(), 'hub-bundles-'));
    try {
      const built = new Map<string, { file: string; metafile: Metafile }>();
      for (const name of FUNCTIONS) built.set(name, await bundle(name, outdir));
      ctx.progress('bundles built; importing each 10 times in fresh processes');
      const times = new Map<string, { lambda: number[]; plain: number[] }>(
        FUNCTIONS.map((n) => [n, { lambda: [], plain: [] }]),
      );
      // Alternating: one import of each function per round, so machine noise spreads evenly.
      for (let i = 0; i < IMPORTS_PER_FUNCTION; i++) {
        for (const name of FUNCTIONS) {
          const file = built.get(name)?.file as string;
          times.get(name)?.lambda.push(await importTimeMs(file, true));
          if (name === 'ocpi') times.get(name)?.plain.push(await importTimeMs(file, false));
        }
      }
      const figures = FUNCTIONS.map((name) => {
        const code = readFileSync(built.get(name)?.file as string);
        const map = readFileSync(`${built.get(name)?.file}.map`);
        const t = times.get(name) as { lambda: number[]; plain: number[] };
        return {
          function: name,
          rawKB: round(code.byteLength / KB),
          gzipKB: round(gzipSync(code).byteLength / KB),
          sourceMapKB: round(map.byteLength / KB),
          importMs: round(median(t.lambda)),
          importMsWithoutSourceMaps: t.plain.length ? round(median(t.plain)) : undefined,
          importSamplesMs: t.lambda.map(round),
        };
      });
      const ocpi = figures[0];
      const contributors = topContributors(built.get('ocpi')?.metafile as Metafile, 8).map(
        ([pkg, bytes]) => ({
          package: pkg,
          KB: round(bytes / KB),
        }),
      );
      return {
        available: true,
        tables: [
          {
            columns: ['function', 'raw KB', 'gzip KB', 'import ms (median of 10)'],
            rows: figures.map((f) => [f.function, f.rawKB, f.gzipKB, f.importMs]),
          },
          {
            title: 'ocpi bundle, largest contributors',
            columns: ['package', 'KB'],
            rows: contributors.map((c) => [c.package, c.KB]),
          },
        ],
        goals: [
          goal('ocpi bundle raw size (KB)', '<= 600', ocpi?.rawKB ?? Number.NaN, 600, true),
          goal('ocpi cold import (ms)', '<= 100', ocpi?.importMs ?? Number.NaN, 100, true),
        ],
        figures: { functions: figures, ocpiContributors: contributors },
        notes: [
          'Bundles built with the esbuild options HubFunction passes to the CDK (identical bytes to `cdk synth`).',
          `Import measured with --enable-source-maps as in the Lambda's NODE_OPTIONS; ocpi without it: ${ocpi?.importMsWithoutSourceMaps} ms. Local Node ${process.version} on x64, Lambda runs Node 22 on arm64.`,
        ],
      };
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  },
};
