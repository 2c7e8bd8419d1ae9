import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HubConfig } from '../functions/config';
import type { BundledConfigFile } from './constructs/hub-function';

/**
 * Writes the stage's tenants config where the bundler can copy it into every function bundle. The
 * file is named by its content, so two stages (or a changed file) never share a bundle.
 */
export function writeBundledConfig(outdir: string, config: HubConfig): BundledConfigFile {
  const content = `${JSON.stringify(config, null, 2)}\n`;
  const digest = createHash('sha256').update(content).digest('hex').slice(0, 16);
  const dir = join(outdir, 'hub-config');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `hub.config.${digest}.json`);
  writeFileSync(path, content);
  return { path, digest };
}
