/**
 * How every Lambda function is bundled and started, in one place without the CDK so the bundles
 * benchmark (bench/lambda-bundles.ts) builds and starts exactly what HubFunction deploys.
 */

/**
 * esbuild's ESM output cannot call `require` for CommonJS dependencies that load Node built-ins;
 * giving the module a real `require` keeps those dependencies working inside an ESM bundle.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as topLevelCreateRequire } from 'node:module'; const require = topLevelCreateRequire(import.meta.url);";

/**
 * The esbuild options HubFunction passes to the CDK's NodejsFunction (target comes from the runtime,
 * Node 22). ESM because the handlers wait at top level for their init (the secret, the app), which
 * CommonJS cannot; minified because parsing fewer bytes is most of what compiling a bundle costs at a
 * cold start; names kept because error classes name themselves after their class (`new.target.name`,
 * which the logs show) and so that a stack trace names its functions without a source map (below);
 * dropping them would save about 4% of the ocpi start's instructions (bench/README.md, lambda-bundles).
 */
export const FUNCTION_BUNDLING = {
  target: 'node22',
  format: 'esm',
  mainFields: ['module', 'main'],
  minify: true,
  keepNames: true,
  sourceMap: true,
  sourcesContent: false,
} as const;

/**
 * Node flags of every function (its NODE_OPTIONS): none. `--enable-source-maps` made Node read, parse and index the
 * bundle's source map while importing it, whether or not an error ever needed it: about 30 ms of CPU
 * of every cold start (bench/README.md, lambda-bundles), and `process.setSourceMapsEnabled(true)` after
 * the import does not help, because Node only maps modules loaded while it was on. The hub's logs
 * never carry stack traces (the logger writes an error's name and message only), so the maps served
 * only the rare uncaught error the Lambda runtime reports: those frames still name their functions
 * (keepNames), and the `.map` still ships beside the bundle, so `node --enable-source-maps` on the
 * downloaded package, or this variable set on one function while debugging, maps them exactly.
 */
export const FUNCTION_NODE_FLAGS: readonly string[] = [];
