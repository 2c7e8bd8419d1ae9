import { readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { pathToFileURL } from 'node:url';

/** The part of V8's .cpuprofile format read here. */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }>;
  samples: number[];
  timeDeltas: number[];
}

/**
 * Where a fresh process's CPU went while it started a bundle: the self time of every sampled frame of
 * `node --cpu-prof` runs, summed by part. Frames in the bundle are mapped back through its source map
 * to their npm package or to our folder (`functions/hub`, ...), so the composition names the code that
 * ran, not minified names; Node's own work is split into compiling the bundle, source maps and the
 * rest (bootstrap, built-in modules); `(module top level)` is the bundle's module bodies themselves.
 * Sampling slows the process, so the milliseconds are larger than an unprofiled start: read the shares.
 */
export function startupComposition(
  profileDir: string,
  bundleFile: string,
): { profiledMs: number; parts: Array<{ part: string; ms: number; share: number }> } {
  const map = new SourceMap(JSON.parse(readFileSync(`${bundleFile}.map`, 'utf8')));
  const bundleUrl = pathToFileURL(bundleFile).href;
  const byPart = new Map<string, number>();
  const files = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
  for (const file of files) {
    const profile = JSON.parse(readFileSync(`${profileDir}/${file}`, 'utf8')) as CpuProfile;
    const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    profile.samples.forEach((id, i) => {
      const frame = frames.get(id);
      if (!frame) return;
      const part = partOf(frame, bundleUrl, map);
      byPart.set(part, (byPart.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
  }
  const runs = Math.max(1, files.length);
  const totalMs = [...byPart.values()].reduce((sum, ms) => sum + ms, 0) / runs;
  const parts = [...byPart.entries()]
    .map(([part, ms]) => ({ part, ms: ms / runs, share: ms / runs / totalMs }))
    .sort((a, b) => b.ms - a.ms);
  return { profiledMs: totalMs, parts };
}

function partOf(frame: CpuProfile['nodes'][number]['callFrame'], bundleUrl: string, map: SourceMap): string {
  const { url, functionName, lineNumber, columnNumber } = frame;
  if (url === bundleUrl) {
    if (lineNumber === 0 && columnNumber === 0 && functionName === '') return '(module top level)';
    const entry = map.findEntry(lineNumber, columnNumber);
    const source = 'originalSource' in entry ? entry.originalSource : '';
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1];
    if (pkg) return pkg;
    const ours = /(functions\/[^/]+)/.exec(source)?.[1];
    return ours?.replace(/\.ts$/, '') ?? '(bundle, unmapped)';
  }
  if (url.startsWith('node:internal/source_map')) return 'Node: source maps';
  if (functionName === 'compileSourceTextModule') return 'Node: parsing and compiling the bundle';
  if (url.startsWith('node:')) return 'Node: bootstrap and built-in modules';
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)' || functionName === '(idle)') return 'native, unattributed';
  return `Node: ${functionName || 'other'}`;
}
