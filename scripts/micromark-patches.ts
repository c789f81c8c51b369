/**
 * The patches the shipped build applies to the parser under remark-parse: micromark's EditMap
 * (below) and mdast-util-from-markdown's compile (further down).
 *
 * Why the EditMap patch: micromark 4.0.3 (micromark/micromark, `packages/micromark/dev/lib/initialize/document.js`)
 * moved the document tokenizer from `splice` to an `EditMap` when it closes containers (list items,
 * block quotes) — once per closed container and per lazy line. `EditMap#consume` in
 * micromark-util-edit-map 1.0.0 rebuilds the whole event list each time: it copies every event
 * before the first edit (`vecs.push(events.slice())`), empties the list and pushes them all back.
 * The edits sit near the end of the list, so each call costs the length of the document so far and
 * a page of many lists is quadratic: a 1 MB page of sections with lists took 18 s of CPU for 0.5 MB
 * and more than four times that for 1 MB (issue 23; bench/page-growth.ts measures it).
 *
 * The patch leaves the events before the first edit where they are, which is what the copy put back
 * anyway: the same events in the same order, at a cost proportional to what the edits touch. It is
 * applied to the bundle (what every install runs) by scripts/bundle-build.ts; the tsc build that the
 * tests run uses the package as published, which gives the same trees, only slower on big pages.
 * test/install/micromark-patch.test.ts checks the two `consume`s agree on random edits.
 *
 * When micromark-util-edit-map changes, the text below no longer matches and the build fails
 * loudly instead of shipping an unpatched parser: look at the new `consume` then, and drop this
 * patch if upstream fixed it.
 */

/** The two statements of `EditMap#consume` that copy and re-append the unedited prefix. */
const PREFIX_COPY = /\n([ \t]*)vecs\.push\(events\.slice\(\)\);\n[ \t]*events\.length = 0;\n/;

/** The package and file the patch applies to, as esbuild sees its path. */
export const EDIT_MAP_MODULE = /[\\/]node_modules[\\/]micromark-util-edit-map[\\/]index\.js$/;

/**
 * micromark-util-edit-map's index.js with a linear `consume`. Throws when the source is not the one
 * this patch was written for.
 */
export function linearEditMapSource(source: string): string {
  const match = PREFIX_COPY.exec(source);
  if (!match || PREFIX_COPY.exec(source.slice(match.index + match[0].length))) {
    throw new Error(
      'micromark-util-edit-map changed: its EditMap#consume no longer has the prefix copy that scripts/micromark-patches.ts removes. Check whether the quadratic copy is gone upstream and update or drop the patch.',
    );
  }
  const indent = match[1] ?? '';
  const note = `\n${indent}// agentops-lint: the events before the first edit stay in place (scripts/micromark-patches.ts).\n`;
  return source.slice(0, match.index) + note + source.slice(match.index + match[0].length);
}

/**
 * Why the compile patch: mdast-util-from-markdown 2.1.0 (syntax-tree/mdast-util-from-markdown,
 * `dev/lib/index.js`, `compile`) calls each event's handler on a fresh copy of its compile context,
 * `{...context, sliceSerialize: events[index][2].sliceSerialize}`: one object of nine fields per
 * event (enter and exit), made only to carry the event's `sliceSerialize`, which young-generation
 * garbage collection then pays for (issue 23; `npm run bench:parse -- <dir>` and
 * `--unpatched` measure it). The patch keeps one context per document and sets its
 * `sliceSerialize` before each handler runs. No handler of from-markdown, of the GFM and front
 * matter extensions or of ours (src/markdown/destination-positions.ts) writes to `this` or keeps
 * it past its call, so every handler sees exactly what the copy gave it and the trees are the
 * same: test/install/micromark-patch.test.ts compares the two compiles on the fixtures.
 *
 * As with the EditMap patch, the tsc build the tests run uses the package as published, and a
 * changed source makes the build fail instead of shipping it unpatched.
 */

/** The three per-event copies of the context: before-enter listeners, the handler, after-exit listeners. */
const CONTEXT_COPY = /\{\s*\.\.\.context,\s*sliceSerialize: events\[index\]\[2\]\.sliceSerialize\s*\}/g;
const CONTEXT_COPIES = 3;

/** The package and file the compile patch applies to, as esbuild sees its path. */
export const FROM_MARKDOWN_MODULE = /[\\/]node_modules[\\/]mdast-util-from-markdown[\\/]lib[\\/]index\.js$/;

/**
 * mdast-util-from-markdown's lib/index.js with one compile context per document instead of a copy
 * per event. Throws when the source is not the one this patch was written for.
 */
export function sharedCompileContextSource(source: string): string {
  const copies = source.match(CONTEXT_COPY)?.length ?? 0;
  if (copies !== CONTEXT_COPIES) {
    throw new Error(
      `mdast-util-from-markdown changed: its compile has ${copies} per-event copies of the context where scripts/micromark-patches.ts expects ${CONTEXT_COPIES}. Check whether upstream still copies the context per event and update or drop the patch.`,
    );
  }
  // A comma expression in the copy's place: the one context, carrying this event's sliceSerialize.
  return source.replace(CONTEXT_COPY, '(context.sliceSerialize = events[index][2].sliceSerialize, context)');
}
