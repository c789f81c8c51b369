import type { BlockContent, Text } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { kubernetesConcepts } from '../../src/terms/concepts.js';
import { findMappings } from '../../src/terms/mapping-statements.js';

const detection = { vocabulary: kubernetesConcepts() };
const found = (markdown: string) => findMappings(parseMarkdown(markdown), markdown, detection);

describe('findMappings', () => {
  it('reads every row of a Kubernetes-headed table: statements, and unreadable rows with why', () => {
    const markdown = [
      '| Kubernetes | AgentOps |',
      '| --- | --- |',
      '| Pods | Agent runs |',
      '| Prompt Injector | adds the system prompt to each session |',
      '| restarting failed containers | retrying a failed tool call |',
      '| Pod scheduling to Nodes | Process Scheduling |',
      '| the nodes that are ready | Runners |',
      '| shown to the user later on | Traces |',
      '| Secrets |  |',
      '',
    ].join('\n');
    const { statements, unreadable } = found(markdown);
    // A Kubernetes cell that describes is read for the concepts it names (issue 21): it is a statement when the other cell is a name.
    expect(
      statements.map((statement) => [
        statement.kubernetes.text,
        statement.project.text,
        statement.source,
        statement.inMappingContext,
      ]),
    ).toEqual([
      ['Pods', 'Agent runs', 'table', true],
      ['Pod scheduling to Nodes', 'Process Scheduling', 'table', true],
      ['the nodes that are ready', 'Runners', 'table', true],
    ]);
    expect(
      unreadable.map((row) => [markdown.slice(row.start, row.end).split(' |')[0], row.reason, row.kubernetes?.text]),
    ).toEqual([
      [
        '| Prompt Injector',
        'the AgentOps cell describes rather than names ("adds the system prompt to each session")',
        'Prompt Injector',
      ],
      [
        '| restarting failed containers',
        'the AgentOps cell describes rather than names ("retrying a failed tool call")',
        'restarting failed containers',
      ],
      [
        '| shown to the user later on',
        'the Kubernetes cell describes rather than names ("shown to the user later on")',
        undefined,
      ],
      ['| Secrets', 'the AgentOps cell is empty', 'Secrets'],
    ]);
  });

  it('finds nothing in attribute tables, qualifier headers, counts, conditions, code arrows and lists', () => {
    const markdown = [
      '| Kubernetes field | Type | Required |',
      '| --- | --- | --- |',
      '| selector | map | no |',
      '| ports | list | yes |',
      '',
      '| Name | Kubernetes Slack ID |',
      '| --- | --- |',
      '| Bob Killen | @mrbobbytables |',
      '',
      '## Kubernetes mappings',
      '',
      'One Service maps to N objects. When a gate fails -> the Pod is rejected. The kubelet refuses to start the pod -> failure.',
      '',
      'A Pod maps to a sandbox, a network namespace and a set of cgroups.',
      '',
      '- `ConfigMap` -> `prompts.yaml`',
      '- `Secret` -> `credentials.json`',
      '',
    ].join('\n');
    expect(found(markdown)).toEqual({ statements: [], unreadable: [] });
  });

  it('walks without recursion: a mapping inside blockquotes nested deeper than the JS stack allows', () => {
    const source = 'Pods → Workflows';
    const text: Text = {
      type: 'text',
      value: source,
      position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 17, offset: 16 } },
    };
    const items: BlockContent = {
      type: 'list',
      children: ['Pods → Workflows', 'Containers → Sessions'].map(() => ({
        type: 'listItem',
        children: [{ type: 'paragraph', children: [text] }],
      })),
    };
    let block: BlockContent = items;
    for (let i = 0; i < 50_000; i++) block = { type: 'blockquote', children: [block] };
    const { statements } = findMappings({ type: 'root', children: [block] }, source, detection);
    expect(statements.map((statement) => [statement.kubernetes.text, statement.project.text])).toEqual([
      ['Pods', 'Workflows'],
      ['Pods', 'Workflows'],
    ]);
  });
});
