/**
 * The external-link rule inside the engine, against a local server the test starts: its network
 * step is awaited by lintProject, a control comment keeps a link from being requested at all,
 * and the engine caps the severity of answers that are not "broken".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSettings } from '../../src/config/file-settings.js';
import { resolveUserConfig } from '../../src/config/load.js';
import { repositoryPathsFromFiles } from '../../src/core/facts.js';
import type { RuleEnvironment, Severity } from '../../src/core/rule.js';
import { lintProject, type ProjectSource, type RepositoryUrlSource } from '../../src/engine/lint-project.js';
import { REGISTRY } from '../../rules/index.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const environment: RuleEnvironment = {
  root: '/project',
  env: {},
  networkAllowed: true,
  allowPrivate: true,
  progress: { begin: () => ({ tick: () => undefined, done: () => undefined }) },
};

function source(files: Record<string, string>): ProjectSource {
  const encoder = new TextEncoder();
  return {
    targets: Object.keys(files).sort(),
    paths: repositoryPathsFromFiles(Object.keys(files)),
    read: async (file) => encoder.encode(files[file]!),
    isMarkdown: () => true,
  };
}

async function lint(
  files: Record<string, string>,
  severity: Exclude<Severity, 'off'>,
  repository?: RepositoryUrlSource,
) {
  const options = { cache: false, timeoutMs: 1000, retryDelayMs: 10, perHostDelayMs: 0 };
  const config = resolveUserConfig(
    { extends: [], rules: new Map([['external-links', { severity, options }]]), overrides: [] },
    '/project',
    undefined,
    REGISTRY.configContext,
  );
  const result = await lintProject(source(files), {
    settings: new FileSettings(config, REGISTRY.byId, '/project'),
    rules: REGISTRY.byId,
    reportUnusedDisables: true,
    environment,
    ...(repository ? { repository } : {}),
  });
  return result.diagnostics.map(
    ({ line, ruleId, messageId, severity: shown }) => `${line} ${ruleId}/${messageId} ${shown}`,
  );
}

describe('external-links in the engine', () => {
  const readme = (url: (path: string) => string) =>
    [
      '# Links',
      '',
      `[gone](${url('/gone?engine')})`,
      '',
      `[moved](${url('/moved?engine')})`,
      '',
      '<!-- agentops-lint-disable-next-line external-links -- flaky -->',
      `[down](${url('/down?engine')})`,
      '',
    ].join('\n');

  it('a control comment silencing external-links stops the request, and is not reported as unused', async () => {
    const diagnostics = await lint({ 'README.md': readme(server.url) }, 'error');
    expect(server.requests.filter((request) => request.includes('/down?engine'))).toEqual([]);
    expect(diagnostics.filter((diagnostic) => diagnostic.includes('control-comments'))).toEqual([]);
  });

  it('caps the severity: an error only for an answer that says broken, a warning for the rest', async () => {
    expect(await lint({ 'README.md': readme(server.url) }, 'error')).toEqual([
      '3 external-links/notFound error',
      '5 external-links/permanentRedirect warn',
    ]);
    expect(await lint({ 'README.md': readme(server.url) }, 'warn')).toEqual([
      '3 external-links/notFound warn',
      '5 external-links/permanentRedirect warn',
    ]);
  });

  it('does not request the repository’s own URLs that were resolved locally; other refs git lacks are still requested', async () => {
    // The test server plays the code host: its address is this repository's GitHub, a local branch `v1` exists.
    const host = new URL(server.url('/')).host;
    const repository: RepositoryUrlSource = {
      urls: {
        bases: [{ kind: 'github', host, path: 'acme/handbook' }],
        defaultBranch: 'main',
        localRefs: ['main', 'v1'],
        rootPrefix: '',
      },
      pathsAt: async (ref) => (ref === 'v1' ? repositoryPathsFromFiles(['README.md']) : undefined),
    };
    const readmeText = [
      '# Links',
      '',
      `[a](${server.url('/acme/handbook/blob/main/README.md?self')})`,
      '',
      `[b](${server.url('/acme/handbook/blob/v1/README.md?self')})`,
      '',
      `[c](${server.url('/acme/handbook/blob/v0/README.md?self')})`,
      '',
    ].join('\n');
    await lint({ 'README.md': readmeText }, 'error', repository);
    const requested = new Set(
      server.requests.filter((request) => request.includes('?self')).map((request) => request.split(' ')[1]),
    );
    expect([...requested]).toEqual(['/acme/handbook/blob/v0/README.md?self']);
  });
});
