/**
 * The registry: every rule and every built-in preset. The rule list, docs index, JSON Schema and
 * SARIF rule table are all generated from what is listed here.
 */
import type { Preset } from '../src/config/presets.js';
import type { Rule } from '../src/rule.js';
import anchors from './anchors.js';
import externalLinks from './external-links.js';
import headingIncrement from './heading-increment.js';
import links from './links.js';
import referenceLinks from './reference-links.js';

export const RULES: readonly Rule[] = [anchors, externalLinks, headingIncrement, links, referenceLinks].sort((a, b) => a.id.localeCompare(b.id));

/** Presets contributed by rule families (recommended and all are derived from metadata). */
export const EXTRA_PRESETS: readonly Preset[] = [];
