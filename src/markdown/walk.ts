/**
 * Walking an mdast tree without recursion. Markdown nests without limit (50,000 `> ` make 50,000
 * nested block quotes), so a recursive walk — unist-util-visit's included — overflows the JS stack
 * on hostile input. These walks keep their own stack and visit nodes in unist-util-visit's order:
 * document order, each parent before its children (pre-order).
 */
import type { Nodes, Parents, Root } from 'mdast';
import type { Ancestors, NodeHandlers } from '../core/rule.js';

/** What a visitor returns to leave the children of the node it was given out of the walk. */
export const SKIP = 'skip';

/**
 * `ancestors` is the chain from the walk's start node down to the node's parent. The walk reuses
 * the array as it goes, so it is only valid during the call: copy it to keep it.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: visitors that return nothing (`void`, not `undefined`) must fit too.
export type NodeVisitor = (node: Nodes, ancestors: Ancestors) => void | typeof SKIP;

/** Calls `visitor` on `root` and every node below it, in pre-order, with an explicit stack. */
export function forEachNode(root: Nodes, visitor: NodeVisitor): void {
  const ancestors: Parents[] = [];
  // nextChild[i] is the index of the next child of ancestors[i] to visit.
  const nextChild: number[] = [];
  if (visitor(root, ancestors) === SKIP || !('children' in root)) return;
  ancestors.push(root);
  nextChild.push(0);
  while (ancestors.length > 0) {
    const depth = ancestors.length - 1;
    const parent = ancestors[depth]!;
    const index = nextChild[depth]!;
    if (index >= parent.children.length) {
      ancestors.pop();
      nextChild.pop();
      continue;
    }
    nextChild[depth] = index + 1;
    const child = parent.children[index]! as Nodes;
    if (visitor(child, ancestors) !== SKIP && 'children' in child) {
      ancestors.push(child);
      nextChild.push(0);
    }
  }
}

/** A handler of NodeHandlers without its node type: safe to call only with a node of its key's type. */
export type UntypedHandler = (node: Nodes, ancestors: Ancestors) => void;

/**
 * One NodeHandlers that calls, for each node type, the handlers of every set that has one, in the
 * order of `sets`. Fact collectors that share a node type (HTML feeds links, anchors, directives
 * and HTML headings) combine this way, and the engine combines them with the rules' handlers.
 */
export function combineHandlers(sets: readonly NodeHandlers[]): NodeHandlers {
  const byKey = new Map<string, UntypedHandler[]>();
  for (const set of sets) {
    for (const [key, handler] of Object.entries(set)) {
      if (handler === undefined) continue;
      const list = byKey.get(key) ?? [];
      list.push(handler as UntypedHandler);
      byKey.set(key, list);
    }
  }
  const combined: Record<string, UntypedHandler> = {};
  for (const [key, list] of byKey) {
    combined[key] =
      list.length === 1
        ? list[0]!
        : (node, ancestors) => {
            for (const handler of list) handler(node, ancestors);
          };
  }
  return combined as NodeHandlers;
}

/** Walks a tree once, calling the handler for each node's type, then `root:exit`. */
export function walkWithHandlers(tree: Root, handlers: NodeHandlers): void {
  const byType = handlers as Readonly<Record<string, UntypedHandler | undefined>>;
  forEachNode(tree, (node, ancestors) => {
    byType[node.type]?.(node, ancestors);
  });
  handlers['root:exit']?.(tree);
}
