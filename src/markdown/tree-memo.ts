/**
 * Results derived from a parsed tree that several rules ask for (its prose blocks, its mapping
 * statements): computed once per tree and key, and dropped with the tree. A WeakMap keeps no tree
 * alive, so phase 1 can let each file's tree go as soon as its rules have run.
 */
export class TreeMemo<Tree extends object, Value> {
  private readonly byTree = new WeakMap<Tree, Map<string, Value>>();

  /** The value for `tree` and `key`, computed by `compute` the first time it is asked for. */
  get(tree: Tree, key: string, compute: () => Value): Value {
    let byKey = this.byTree.get(tree);
    if (!byKey) {
      byKey = new Map();
      this.byTree.set(tree, byKey);
    }
    if (byKey.has(key)) return byKey.get(key) as Value;
    const value = compute();
    byKey.set(key, value);
    return value;
  }
}
