/**
 * The per-run fact store. Domain facts (a job's publishes, the npm a step runs, a script's shell
 * commands) are computed once and shared by every rule that asks, through the rule context. A
 * fact is keyed by what it is about (a model node, or a string such as an expression) and by the
 * scopes it was computed in: the settings and repository of the linted file, and, for a called
 * workflow, the call that evaluates it. One callee evaluated for two callers gives two answers.
 *
 * The store lives for one `lintFiles`/`lintText` run and is dropped with it; nothing is cached at
 * module level. Node-keyed facts are held weakly, so a file's facts go with its model.
 */
export interface FactStore {
  /** `compute()` once per (fact, subject) in this store's scope. */
  memo<T>(fact: string, subject: object | string, compute: () => T): T;
  /** A store whose facts are also keyed by `scope`: settings, a repository, a workflow call. */
  within(scope: object): FactStore;
}

/** String-keyed facts (expression texts) past this many are dropped rather than grow without bound. */
const MAX_STRING_SUBJECTS = 20_000;

export function createFactStore(): FactStore {
  const byNode = new WeakMap<object, Map<string, unknown>>();
  let byString = new Map<string, Map<string, unknown>>();
  const scopes = new WeakMap<object, FactStore>();
  const store: FactStore = {
    memo(fact, subject, compute) {
      let facts: Map<string, unknown> | undefined;
      if (typeof subject === 'string') {
        facts = byString.get(subject);
        if (!facts) {
          if (byString.size >= MAX_STRING_SUBJECTS) byString = new Map();
          facts = new Map();
          byString.set(subject, facts);
        }
      } else {
        facts = byNode.get(subject);
        if (!facts) {
          facts = new Map();
          byNode.set(subject, facts);
        }
      }
      if (facts.has(fact)) return facts.get(fact) as ReturnType<typeof compute>;
      const value = compute();
      facts.set(fact, value);
      return value;
    },
    within(scope) {
      let child = scopes.get(scope);
      if (!child) {
        child = createFactStore();
        scopes.set(scope, child);
      }
      return child;
    },
  };
  return store;
}
