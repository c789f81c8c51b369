/**
 * The one list of rules. Everything else — presets, the config JSON Schema, the README rule
 * table, the rule docs' metadata, SARIF's rule table — is derived from it (src/config/registry.ts).
 * A new rule is added here and nowhere else.
 */
import { createRegistry, type Registry } from '../src/config/registry.js';
import type { Rule } from '../src/core/rule.js';
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
];

/** The one registry: rules by id, presets, config context and report metadata, all derived from RULES. */
export const REGISTRY: Registry = createRegistry(RULES);

/** This module's URL: worker threads import the rule list from it. */
export const RULES_MODULE = import.meta.url;
