/**
 * One trustlint run per linted file and ESLint pass, shared by the ESLint rules enabled for it.
 *
 * ESLint calls every enabled rule's `create()` before it visits the file; each registers itself (with
 * its options) on the file's `SourceCode`, and the first rule to reach `Document:exit` runs
 * `lintText()` once with exactly those rules. The run lives on the `SourceCode` object, which ESLint
 * makes anew for each file and each `--fix` pass: nothing outlives the lint (no module-level cache),
 * so an ESLint kept alive by an editor never sees a stale package.json or called workflow.
 */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { createProjectService, diskSource, lintText, type AnyRule, type EnabledRule, type LintResult, type Settings } from '../index.js';

export interface TrustlintRun {
  readonly enabled: EnabledRule[];
  result?: LintResult;
}

/** What a rule's `context` gives the run (ESLint's `RuleContext`). */
export interface RunContext {
  readonly filename: string;
  readonly physicalFilename: string;
  readonly cwd: string;
  readonly settings?: Readonly<Record<string, unknown>>;
}

const MAX_FILE_BYTES = 1024 * 1024;

/**
 * The repository a file belongs to, as the CLI decides it: the directory holding its
 * `.github/workflows`, else the nearest ancestor with a `.git`, else ESLint's working directory.
 */
export function repositoryRoot(path: string, cwd: string): string {
  const marker = `${sep}.github${sep}workflows${sep}`;
  const at = path.lastIndexOf(marker);
  if (at > 0) return path.slice(0, at);
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return cwd;
  }
}

/** Runs trustlint on the text once, with the rules registered on the run; the other rules read the result. */
export function resultOf(run: TrustlintRun, text: string, context: RunContext, knownRuleIds: ReadonlySet<string>): LintResult {
  if (run.result) return run.result;
  const physical = resolve(context.cwd, context.physicalFilename);
  const root = repositoryRoot(physical, context.cwd);
  const inside = physical.startsWith(root + sep);
  const projectPath = inside ? relative(root, physical).split(sep).join('/') : undefined;
  const settings = context.settings?.trustlint;
  run.result = lintText(text, {
    filePath: context.filename,
    ...(projectPath ? { relativePath: projectPath, projectPath } : {}),
    rules: run.enabled,
    ...(settings && typeof settings === 'object' ? { settings: settings as Settings } : {}),
    // The run's own view of the repository: package.json, called workflows and local actions as they are now.
    project: createProjectService(diskSource(root, MAX_FILE_BYTES)),
    knownRuleIds,
    // ESLint reports its own unused `eslint-disable` comments (`reportUnusedDisableDirectives`).
    reportUnusedDirectives: 'off',
  });
  return run.result;
}

/** The messages of a result that a rule reports: its own, plus those without a rule id (a crash names its rule). */
export function messagesFor(result: LintResult, rule: AnyRule, first: boolean) {
  return result.messages.filter((message) => {
    if (message.ruleId !== null) return message.ruleId === rule.id;
    const crashed = /^Internal error in rule `([^`]+)`/.exec(message.message)?.[1];
    return crashed !== undefined ? crashed === rule.id : first;
  });
}
