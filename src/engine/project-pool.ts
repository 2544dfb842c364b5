/**
 * The project services of a run, by repository root, with at most `capacity` alive. A service holds
 * every file, view and parse of its repository that some lint asked for; keeping all of them until
 * the run ends made memory grow with the number of repositories (764 MB at 10,000 files). Files are
 * linted in discovery order, so one repository's files come together: once the run has moved on to
 * other repositories, the least recently used service is dropped. A repository met again later gets
 * a fresh service, which reads the same files and gives the same answers (only slower).
 */
export interface ProjectPool<T> {
  /** The service of `root`, made by `create` when none is alive. */
  get(root: string, create: () => T): T;
}

export function createProjectPool<T>(capacity: number): ProjectPool<T> {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const alive = new Map<string, T>();
  return {
    get(root, create) {
      let service = alive.get(root);
      if (service !== undefined) {
        alive.delete(root);
        alive.set(root, service);
        return service;
      }
      service = create();
      alive.set(root, service);
      if (alive.size > Math.max(1, capacity)) alive.delete(alive.keys().next().value as string);
      return service;
    },
  };
}
