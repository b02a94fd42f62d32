import type { SyntaxNode } from '../engine/parse.js';
import { mentionedNames } from './flow.js';

/**
 * Names for the bindings a fix writes (`permit`, `finished`, a `const`):
 * a name is fresh when nothing in the enclosing fn mentions it, so the new
 * binding can neither shadow a variable the code uses later nor be captured
 * by code moved next to it. Names given out are remembered per fn, so two
 * fixes offered in the same pass never pick the same one; `base`, then
 * `base_2`, `base_3`, ...
 */
export class FreshNames {
  private taken = new Map<SyntaxNode, Set<string>>();

  constructor(private readonly source: string) {}

  /** A namer for one fix at `node`: the same base asked twice gives the same name. */
  for(node: SyntaxNode): (base: string) => string {
    const taken = this.takenAt(node);
    const given = new Map<string, string>();
    return (base) => {
      let name = given.get(base);
      if (name) return name;
      name = base;
      for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
      taken.add(name);
      given.set(base, name);
      return name;
    };
  }

  /** Numbered temporaries at `node`: each call gives the next free `base_1`, `base_2`, ... */
  numbered(node: SyntaxNode, base: string): () => string {
    const taken = this.takenAt(node);
    return () => {
      let k = 1;
      while (taken.has(`${base}_${k}`)) k++;
      taken.add(`${base}_${k}`);
      return `${base}_${k}`;
    };
  }

  private takenAt(node: SyntaxNode): Set<string> {
    let fn: SyntaxNode = node;
    for (let n = node.parent; n; n = n.parent) if (n.type === 'function_item') fn = n;
    let taken = this.taken.get(fn);
    if (!taken) this.taken.set(fn, (taken = mentionedNames(fn, this.source)));
    return taken;
  }
}
