/** Each file's config: the nearest from its folder upwards, loaded once, its globs read from its folder. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigSet } from '../../src/config/config-set.js';
import { configNotices } from '../../src/config/config-notices.js';
import { loadConfigFile } from '../../src/config/load.js';
import { ConfigError } from '../../src/core/errors.js';
import { repositoryPathsFromFiles } from '../../src/core/facts.js';
import { tempProject } from '../helpers/cli-harness.js';
import { REGISTRY } from '../../rules/index.js';

function configsOf(files: Record<string, string>): { root: string; configs: ConfigSet } {
  const root = tempProject(files);
  return { root, configs: new ConfigSet({ root, cwd: root, context: REGISTRY.configContext }) };
}

const enabledIds = (configs: ConfigSet, file: string): string[] =>
  configs.forFile(file).map((enabled) => `${enabled.rule.id}:${enabled.severity}`);

describe('ConfigSet', () => {
  it('gives each file the nearest config from its own folder upwards', () => {
    const { configs } = configsOf({
      'agentops-lint.config.yaml': 'rules: {heading-increment: error}\n',
      'docs/.agentops-lint.json': '{"rules": {"single-h1": "warn"}}',
      'docs/deep/er/a.md': '# a\n',
    });
    expect(configs.configFor('README.md').filePath).toMatch(/[/\\]agentops-lint\.config\.yaml$/);
    expect(configs.configFor('docs/deep/er/a.md').filePath).toMatch(/docs[/\\]\.agentops-lint\.json$/);
    expect(enabledIds(configs, 'docs/deep/er/a.md')).toEqual(['single-h1:warn']);
    expect(enabledIds(configs, 'other/b.md')).toEqual(['heading-increment:error']);
    // Project rules run once with the root folder's config.
    expect(configs.base().map((enabled) => enabled.rule.id)).toEqual(['heading-increment']);
  });

  it('loads each config file once, however many folders and files share it', () => {
    const { configs } = configsOf({ 'agentops-lint.config.yaml': 'extends: [recommended]\n' });
    for (const file of ['a.md', 'x/b.md', 'x/y/c.md', 'x/y/z/d.md']) configs.configFor(file);
    expect(configs.configs()).toHaveLength(1);
    expect(configs.indexOf('x/y/z/d.md')).toBe(configs.indexOf('a.md'));
  });

  it('uses the embedded recommended preset when no config is found up to the git root', () => {
    const { configs } = configsOf({ 'docs/a.md': '# a\n' });
    expect(configs.configFor('docs/a.md').filePath).toBeUndefined();
    expect(configs.configFor('docs/a.md').extends).toEqual(['recommended']);
  });

  it('matches files and ignore from the config file folder, and a root config still ignores a folder with a config of its own', () => {
    const { configs } = configsOf({
      'agentops-lint.config.yaml': 'extends: [recommended]\nignore: ["vendor/**"]\n',
      'docs/agentops-lint.config.yaml': 'extends: [recommended]\nfiles: ["*.md"]\nignore: ["drafts/**"]\n',
      'vendor/lib/agentops-lint.config.yaml': 'extends: [recommended]\n',
    });
    expect(configs.isMarkdown('docs/a.md')).toBe(true);
    expect(configs.isMarkdown('docs/sub/a.md')).toBe(false);
    expect(configs.isIgnored('docs/drafts/d.md')).toBe(true);
    expect(configs.isIgnored('drafts/d.md')).toBe(false);
    expect(configs.isIgnored('vendor/lib/README.md')).toBe(true);
  });

  it('with --config, every file has the one config, its globs relative to where the tool runs', () => {
    const root = tempProject({
      'configs/lint.yaml': 'extends: [recommended]\nignore: ["drafts/**"]\n',
      'docs/agentops-lint.config.yaml': 'rules: {}\n',
    });
    const only = {
      ...loadConfigFile(path.join(root, 'configs/lint.yaml'), REGISTRY.configContext),
      baseDirectory: path.join(root, 'docs'),
    };
    const configs = new ConfigSet({ root, cwd: path.join(root, 'docs'), context: REGISTRY.configContext, only });
    expect(configs.isSingle).toBe(true);
    expect(configs.configFor('docs/a.md')).toBe(only);
    expect(configs.isIgnored('docs/drafts/a.md')).toBe(true);
    expect(configs.isIgnored('drafts/a.md')).toBe(false);
  });

  it('prefixes the glob keys of per-glob rule options with the config folder, and only those', () => {
    const { configs } = configsOf({
      'docs/agentops-lint.config.yaml':
        'rules:\n  word-count: [error, {"guides/*.md": {min: 10}}]\n  links: [error, {ignorePatterns: ["^guides/"]}]\n',
    });
    const options = Object.fromEntries(
      configs.forFile('docs/guides/a.md').map((enabled) => [enabled.rule.id, enabled.options]),
    );
    expect(Object.keys(options['word-count'] as object)).toEqual(['docs/guides/*.md']);
    expect((options['word-count'] as Record<string, { min: number }>)['docs/guides/*.md']!.min).toBe(10);
    expect(options.links).toEqual({ ignorePatterns: ['^guides/'], relativeSelfLinks: false });
  });

  it('applies `adjust` to every config as it is loaded', () => {
    const root = tempProject({ 'docs/agentops-lint.config.yaml': 'rules: {}\n' });
    const configs = new ConfigSet({
      root,
      cwd: root,
      context: REGISTRY.configContext,
      adjust: (config) => ({ ...config, ignore: ['x/**'] }),
    });
    expect(configs.configFor('a.md').ignore).toEqual(['x/**']);
    expect(configs.configFor('docs/a.md').ignore).toEqual(['x/**']);
  });

  it('a package.json that is not JSON is an error naming it, not a folder passed by', () => {
    const { root, configs } = configsOf({ 'docs/a.md': '# a\n' });
    writeFileSync(path.join(root, 'docs/package.json'), '{"name": "docs",\n');
    expect(() => configs.configFor('docs/a.md')).toThrow(ConfigError);
    expect(() => configs.configFor('docs/a.md')).toThrow(
      /^docs\/package\.json:2:1: invalid JSON: .*reads its "agentops-lint" key/,
    );
  });
});

describe('config notices', () => {
  const listing = (files: string[]) => repositoryPathsFromFiles(files);

  it('warn about every glob that matches no file, with the folder globs start from', () => {
    const { configs } = configsOf({
      'docs/agentops-lint.config.yaml': [
        'extends: [recommended]',
        'files: ["**/*.md", "docs/**/*.md"]',
        'ignore: ["drafts/**", "docs/drafts/**", "node_modules/**"]',
        'overrides:',
        '  - files: ["guides/**"]',
        '    excludedFiles: ["guides/old.md"]',
        '    rules: {links: off}',
        '',
      ].join('\n'),
      'docs/node_modules/.keep': '',
    });
    configs.configFor('docs/a.md');
    const notices = configNotices(
      configs,
      listing(['docs/a.md', 'docs/drafts/d.md', 'docs/guides/g.md', 'README.md']),
    ).map((notice) => notice.text);
    expect(notices).toEqual([
      'docs/agentops-lint.config.yaml: files[1] "docs/**/*.md" matches no file under docs/ (a config\'s globs are relative to its own folder).',
      'docs/agentops-lint.config.yaml: ignore[1] "docs/drafts/**" matches no file under docs/ (a config\'s globs are relative to its own folder).',
      'docs/agentops-lint.config.yaml: overrides[0].excludedFiles[0] "guides/old.md" matches no file under docs/ (a config\'s globs are relative to its own folder).',
    ]);
  });

  it('warn when a config turns no rule on, and say nothing of the embedded defaults', () => {
    const empty = configsOf({ 'agentops-lint.config.yaml': '{}\n' }).configs;
    empty.configFor('a.md');
    expect(configNotices(empty, listing(['a.md'])).map((notice) => notice.text)).toEqual([
      'agentops-lint.config.yaml: no rule is on: the config has no "extends" and turns no rule on. Add "extends: [recommended]" to start from the recommended rules.',
    ]);
    const defaults = configsOf({}).configs;
    defaults.configFor('a.md');
    expect(configNotices(defaults, listing([]))).toEqual([]);
  });
});
