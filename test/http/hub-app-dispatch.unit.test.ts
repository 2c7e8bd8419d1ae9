import { Hono } from 'hono';
import { getPath } from 'hono/utils/url';
import { describe, expect, it } from 'vitest';
import { servesAdmin } from '../../functions/http/hub-app';

describe('the hub app', () => {
  it('sends every path to the app that a Hono router of /health, /:tenant/admin/* and * would pick', async () => {
    const app = new Hono();
    app.all('/health', (c) => c.text('admin'));
    app.all('/:tenant/admin/*', (c) => c.text('admin'));
    app.all('*', (c) => c.text('ocpi'));
    const paths = [
      '/health',
      '/health/',
      '/health?x=1',
      '/demo/admin',
      '/demo/admin/',
      '/demo/admin/partners',
      '/demo/admin?x',
      '/demo/adminx',
      '/demo/ocpi/versions',
      '//admin/x',
      '/a/b/admin/x',
      '/demo/%61dmin/partners',
      '/de%2Fmo/admin/x',
      '/demo/Admin/x',
      '/',
      '',
      '/demo',
      '/admin',
      '/admin/x',
      '/demo/admin%2Fx',
      '/%2F/admin',
      '/demo/admin/../ocpi',
      '/d%25/admin/x',
      '/d%zz/admin/x',
      '/HEALTH',
      '/demo/admin#x',
      '/demo/ocpi/2.2.1/sender/locations/LOC1?x=/a/admin/',
    ];
    for (const p of paths) {
      const req = new Request(`http://h${p}`);
      const viaHono = await (await app.fetch(req)).text();
      const mine = servesAdmin(getPath(req)) ? 'admin' : 'ocpi';
      expect(`${p} ${mine}`).toBe(`${p} ${viaHono}`);
    }
  });
});
