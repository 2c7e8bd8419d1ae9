/**
 * The import rule of the code (docs/architecture.md "Code layout"), checked in CI by `npm run
 * lint:layers`: handlers -> http -> hub -> (store, outbound, ocpi), with domain/ shared by hub/ and
 * store/. The composition roots (handlers/aws/, local/) wire every layer together; nothing imports them
 * but the entry points.
 */
const layer = (name) => `^functions/${name}/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'http-not-below-hub',
      comment: 'http/ reaches data, partners and the network only through hub/ services',
      severity: 'error',
      from: { path: layer('http') },
      to: { path: [layer('store'), layer('outbound'), layer('aws'), layer('local'), layer('handlers')] },
    },
    {
      name: 'hub-not-up',
      comment: 'hub/ never imports the layers above it or a composition root',
      severity: 'error',
      from: { path: layer('hub') },
      to: { path: [layer('http'), layer('handlers'), layer('local'), layer('aws')] },
    },
    {
      name: 'store-is-a-leaf',
      comment: 'store/ imports nothing of hub/ (shared types live in domain/), nor the network client',
      severity: 'error',
      from: { path: layer('store') },
      to: { path: [layer('hub'), layer('http'), layer('handlers'), layer('local'), layer('outbound')] },
    },
    {
      name: 'outbound-is-a-leaf',
      severity: 'error',
      from: { path: layer('outbound') },
      to: { path: [layer('hub'), layer('http'), layer('store'), layer('handlers'), layer('local')] },
    },
    {
      name: 'domain-and-ocpi-are-leaves',
      comment: 'the protocol and the shared domain types depend on no service, adapter or app',
      severity: 'error',
      from: { path: [layer('domain'), layer('ocpi')] },
      to: {
        path: [layer('hub'), layer('http'), layer('store'), layer('outbound'), layer('handlers'), layer('local')],
      },
    },
    {
      name: 'ocpi-below-domain',
      comment: 'domain/ builds on the protocol (ocpi/party.ts), never the other way round',
      severity: 'error',
      from: { path: layer('ocpi') },
      to: { path: layer('domain') },
    },
    {
      name: 'composition-roots-are-entry-points',
      comment: 'only entry points import a composition root',
      severity: 'error',
      from: { path: '^functions/', pathNot: ['^functions/handlers/', '^functions/local/'] },
      to: { path: ['^functions/handlers/aws/', layer('local')] },
    },
    {
      name: 'only-store-speaks-dynamodb',
      comment: 'only functions/store/ imports the DynamoDB SDK',
      severity: 'error',
      from: { path: '^functions/', pathNot: layer('store') },
      to: { path: 'node_modules/@aws-sdk/(client-dynamodb|util-dynamodb|client-dynamodb-streams)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^functions/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    includeOnly: ['^functions/', 'node_modules/@aws-sdk'],
  },
};
