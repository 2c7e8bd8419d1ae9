import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { hubConfigPathOf } from '../../infra/hub-app';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('hubConfigPathOf', () => {
  it('prefers the hubConfig context over HUB_CONFIG', () => {
    const app = new App({ context: { hubConfig: '/etc/hub/tenants.json' } });

    const path = hubConfigPathOf(app, { HUB_CONFIG: '/elsewhere.json' });

    expect(path).toBe('/etc/hub/tenants.json');
  });

  it('falls back to HUB_CONFIG, resolved from the repository root', () => {
    const app = new App();

    const path = hubConfigPathOf(app, { HUB_CONFIG: 'config/prod.json' });

    expect(path).toBe(`${REPO_ROOT}config/prod.json`);
  });

  it('defaults to hub.config.json at the repository root, the file the local runtime reads', () => {
    const app = new App();

    const path = hubConfigPathOf(app, {});

    expect(path).toBe(`${REPO_ROOT}hub.config.json`);
  });
});
