/**
 * Shared settings: a rule gives names from its options (`shares`), another takes them (`uses`),
 * and neither names the other. The config layer joins what every giver set for a file gives.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FileSettings } from '../../src/config/file-settings.js';
import { resolveUserConfig } from '../../src/config/load.js';
import { createRegistry } from '../../src/config/registry.js';
import { defineFileRule, type Rule, type Severity } from '../../src/core/rule.js';
import { REGISTRY } from '../../rules/index.js';

const namesOptions = z.strictObject({ names: z.array(z.string().min(1)).default([]) });
type NamesOptions = z.output<typeof namesOptions>;

function standIn(id: string, rest: Partial<Rule>): Rule {
  return defineFileRule<NamesOptions>({
    id,
    description: `Stand-in ${id}.`,
    tags: [],
    scope: 'file',
    defaultSeverity: 'warn',
    recommended: false,
    fixable: false,
    options: namesOptions,
    messages: {},
    check() {},
    ...(rest as object),
  });
}

const giver = standIn('giver', { shares: { acceptedNames: (options: NamesOptions) => options.names } });
const taker = standIn('taker', {
  uses: {
    acceptedNames: (options: NamesOptions, names: readonly string[]) => ({
      ...options,
      names: [...options.names, ...names],
    }),
  },
});
const broken = standIn('broken', { shares: { acceptedNames: () => [42] as unknown as string[] } });

type Settings = Record<string, Severity | [Severity, Record<string, unknown>]>;

function optionsOf(rules: readonly Rule[], settings: Settings, ruleId: string): unknown {
  const registry = createRegistry(rules);
  const entries = Object.entries(settings).map(([id, entry]) => {
    const [severity, options] = Array.isArray(entry) ? entry : [entry];
    return [id, { severity, ...(options ? { options } : {}) }] as const;
  });
  const config = resolveUserConfig(
    { extends: [], rules: new Map(entries), overrides: [] },
    '/project',
    undefined,
    registry.configContext,
  );
  return new FileSettings(config, registry.byId, '/project').forFile('a.md').find((entry) => entry.rule.id === ruleId)
    ?.options;
}

describe('shared settings', () => {
  it('a taker gets what a giver the config switches off gives, after its own', () => {
    expect(
      optionsOf(
        [giver, taker],
        { giver: ['off', { names: ['AgentOps'] }], taker: ['warn', { names: ['Own'] }] },
        'taker',
      ),
    ).toEqual({ names: ['Own', 'AgentOps'] });
  });

  it('a giver whose options do not parse gives nothing; a giver the config does not set gives nothing', () => {
    expect(optionsOf([giver, taker], { giver: ['off', { names: [''] }], taker: 'warn' }, 'taker')).toEqual({
      names: [],
    });
    expect(optionsOf([giver, taker], { taker: 'warn' }, 'taker')).toEqual({ names: [] });
  });

  it('a giver that gives something other than names is named as the bug it is', () => {
    expect(() => optionsOf([broken, taker], { broken: 'off', taker: 'warn' }, 'taker')).toThrow(
      'Rule "broken" gives the shared setting "acceptedNames" something other than a list of names.',
    );
  });

  it('the built-in rules: terminology accepts the names the other terminology rules hold, k8s-concepts the unknown Kubernetes side of the mapping', () => {
    const settings: Settings = {
      terminology: ['warn', { names: ['Own'] }],
      'k8s-concepts': ['warn', { vocabulary: ['Sidecar Injector'] }],
      'mapping-consistency': [
        'off',
        {
          mapping: [
            { kubernetes: 'Pods', project: ['Agent Sessions', 'Sessions'] },
            { kubernetes: ['API Server', 'Harbor API Server'], project: 'Chat' },
          ],
        },
      ],
      'term-consistency': ['warn', { terms: [{ use: 'K8s', accept: ['k8s'], except: ['K8S Operator'] }] }],
      'deprecated-phrases': ['warn', { phrases: ['old name', { phrase: 'Master', use: 'Control Plane' }] }],
    };
    const rules = [...REGISTRY.byId.values()];
    expect((optionsOf(rules, settings, 'terminology') as { names: string[] }).names.sort()).toEqual(
      [
        'Own',
        'Sidecar Injector',
        'Pods',
        'Agent Sessions',
        'Sessions',
        'API Server',
        'Harbor API Server',
        'Chat',
        'K8s',
        'k8s',
        'K8S Operator',
        'Control Plane',
      ].sort(),
    );
    // "Pods" and "API Server" are Kubernetes concepts already: only the unknown name is added.
    expect((optionsOf(rules, settings, 'k8s-concepts') as { vocabulary: string[] }).vocabulary).toEqual([
      'Sidecar Injector',
      'Harbor API Server',
    ]);
  });
});
