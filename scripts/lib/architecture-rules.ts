// The two architecture rules dependency-cruiser cannot express directly, as pure functions so
// test/architecture.test.ts can show each one failing.

export type ImportEdge = { from: string; to: string };

/** `lib/billing/ledger/x.ts` → `lib/billing`; `lib/db.ts` → `lib/db.ts`; outside lib/ → null. */
export function libFolder(file: string): string | null {
  const match = /^lib\/([^/]+)(\/)?/.exec(file);
  if (!match) return null;
  return match[2] ? `lib/${match[1]}` : file;
}

/**
 * Cycles in the graph of lib/ folders (strongly connected components of more than one folder),
 * each written as `a → b → a` with one import that makes each step, e.g. `(lib/a/x.ts → lib/b/y.ts)`.
 */
export function findFolderCycles(edges: ImportEdge[]): string[] {
  const graph = new Map<string, Map<string, ImportEdge>>();
  for (const edge of edges) {
    const from = libFolder(edge.from);
    const to = libFolder(edge.to);
    if (!from || !to || from === to) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, edge);
  }
  return stronglyConnected(graph)
    .filter((component) => component.length > 1)
    .map((component) => describeCycle(component, graph));
}

/** Tarjan's algorithm over the folder graph. */
function stronglyConnected(graph: Map<string, Map<string, ImportEdge>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indices.get(next)!));
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indices.has(node)) visit(node);
  return components;
}

/** One concrete loop through the component, starting at its first folder. */
function describeCycle(component: string[], graph: Map<string, Map<string, ImportEdge>>): string {
  const members = new Set(component);
  const start = component[0]!;
  // Breadth-first from start back to start, inside the component.
  const previous = new Map<string, string>();
  const queue = [start];
  let found = false;
  while (queue.length && !found) {
    const node = queue.shift()!;
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        previous.set(start, node);
        found = true;
        break;
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  const loop = [start];
  for (let node = previous.get(start)!; node !== start; node = previous.get(node)!) loop.unshift(node);
  loop.unshift(start);
  const steps = loop.slice(1).map((folder, i) => {
    const edge = graph.get(loop[i]!)!.get(folder)!;
    return `${folder} (${edge.from} → ${edge.to})`;
  });
  return `${start} → ${steps.join(" → ")}`;
}

// Statements that move money. Only lib/billing/ledger may contain them; tests, the bench's data
// generator and migrations set up or describe data and are not checked.
const MONEY_WRITES: { what: string; pattern: RegExp }[] = [
  { what: "an UPDATE that sets teams.balance", pattern: /UPDATE\s+"?teams"?\s+SET\b[^;`]*?(?<![."\w])"?balance"?\s*=(?!=)/i },
  { what: "an UPDATE that sets teams.leased", pattern: /UPDATE\s+"?teams"?\s+SET\b[^;`]*?(?<![."\w])"?leased"?\s*=(?!=)/i },
  { what: "an UPDATE that sets api_keys.spent", pattern: /UPDATE\s+"?api_keys"?\s+SET\b[^;`]*?(?<![."\w])"?spent"?\s*=(?!=)/i },
  { what: "an insert into the ledger table", pattern: /INSERT\s+INTO\s+"?credit_ledger_entries"?/i },
  {
    what: "a Prisma write of the ledger",
    pattern: /creditLedgerEntry\s*\.\s*(create|createMany|update|updateMany|upsert|delete|deleteMany)\b/,
  },
  { what: "a Prisma write of a balance", pattern: /team\s*\.\s*(create|update|updateMany|upsert)\s*\(\s*\{[^;]*?\bbalance\s*:/ },
  { what: "a Prisma write of a key's spend", pattern: /apiKey\s*\.\s*(update|updateMany|upsert)\s*\(\s*\{[^;]*?\bspent\s*:/ },
];

const CHECKED = /^(lib|app|components|scripts)\//;
const ALLOWED = /^lib\/(billing\/ledger|generated)\//;

/** `file:line what` for every money write outside lib/billing/ledger. */
export function findMoneyWrites(files: string[], read: (file: string) => string): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (!CHECKED.test(file) || ALLOWED.test(file)) continue;
    const text = read(file);
    for (const { what, pattern } of MONEY_WRITES) {
      const match = pattern.exec(text);
      if (match) found.push(`${file}:${text.slice(0, match.index).split("\n").length} ${what}`);
    }
  }
  return found;
}
