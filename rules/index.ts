/**
 * The registry: every rule and every built-in preset. The rule list, docs index, JSON Schema and
 * SARIF rule table are all generated from what is listed here.
 */
import type { Preset } from '../src/config/presets.js';
import type { Rule } from '../src/rule.js';
import deprecatedPhrases from './deprecated-phrases.js';
import anchors from './anchors.js';
import duplicateHeadingAnchor from './duplicate-heading-anchor.js';
import externalLinks from './external-links.js';
import frontmatter from './frontmatter.js';
import headingIncrement from './heading-increment.js';
import headingMissingSpace from './heading-missing-space.js';
import k8sConcepts from './k8s-concepts.js';
import mappingConsistency from './mapping-consistency.js';
import links from './links.js';
import mojibake from './mojibake.js';
import nestedCodeFence from './nested-code-fence.js';
import referenceLinks from './reference-links.js';
import requiredContent from './required-content.js';
import requiredFiles from './required-files.js';
import requiredSections from './required-sections.js';
import singleH1 from './single-h1.js';
import strippedHtml from './stripped-html.js';
import tableColumnCount from './table-column-count.js';
import termConsistency from './term-consistency.js';
import terminology from './terminology.js';
import unclosedCodeFence from './unclosed-code-fence.js';
import unclosedHtmlComment from './unclosed-html-comment.js';
import wordCount from './word-count.js';

export const RULES: readonly Rule[] = [
  deprecatedPhrases,
  anchors,
  duplicateHeadingAnchor,
  externalLinks,
  frontmatter,
  headingIncrement,
  headingMissingSpace,
  k8sConcepts,
  mappingConsistency,
  links,
  mojibake,
  nestedCodeFence,
  referenceLinks,
  requiredContent,
  requiredFiles,
  requiredSections,
  singleH1,
  strippedHtml,
  tableColumnCount,
  termConsistency,
  terminology,
  unclosedCodeFence,
  unclosedHtmlComment,
  wordCount,
].sort((a, b) => a.id.localeCompare(b.id));

/** Presets contributed by rule families (recommended and all are derived from metadata). */
export const EXTRA_PRESETS: readonly Preset[] = [
  {
    name: 'kubernetes',
    description: 'Kubernetes terminology and mappings: the built-in kubernetes term pack, term consistency, mapping consistency and real Kubernetes concepts.',
    rules: {
      terminology: ['warn', { packs: ['kubernetes'] }],
      'term-consistency': ['warn', { packs: ['kubernetes'] }],
      'mapping-consistency': 'error',
      'k8s-concepts': 'warn',
    },
  },
];
