/**
 * A token configured for Yarn Berry: Yarn sends a configured token before it tries OIDC, so in a
 * job meant for trusted publishing it shadows the exchange. Found in env (`YARN_NPM_AUTH_TOKEN`),
 * in a `yarn config set` or `.yarnrc.yml` write earlier in the job, or in a committed `.yarnrc.yml`.
 */
import type { JobNode, ActionNode, Span, StepNode, YamlEntry } from '../../../engine/ast.js';
import type { Analysis } from '../../context.js';
import { envBinding, envBindings } from '../../env.js';
import { valueOrigin } from '../../expressions.js';
import { packageJsonsOf } from '../../project/package-json.js';
import { stepDirectories } from '../../project/paths.js';
import { hasYarnrc, yarnrcAt, type Yarnrc } from '../../project/yarnrc.js';
import { runCommands } from '../../run-script.js';
import { fileOf, stepsOf } from '../../steps.js';
import type { NpmPublish } from './sites.js';
import { isNpmjsHost } from './hosts.js';

export interface YarnToken {
  /** For the message: "`YARN_NPM_AUTH_TOKEN`", "`npmAuthToken` in `.yarnrc.yml`". */
  readonly what: string;
  /** The binding in the workflow, when there is one. */
  readonly at?: YamlEntry | Span;
}

/** A text that names a registry URL other than registry.npmjs.org (GitHub Packages, a private registry). */
function namesOtherRegistry(text: string): boolean {
  for (const match of text.matchAll(/https?:\/\/[^\s'"]+/gi)) if (!isNpmjsHost(match[0])) return true;
  return false;
}

/** An env value that sets a token: non-empty, and not the run's own `GITHUB_TOKEN` (GitHub Packages). */
function bindsToken(entry: YamlEntry): boolean {
  const value = entry.value;
  if (value.type !== 'scalar') return false;
  const text = value.text.trim();
  if (text === '' || text === '""' || text === "''") return false;
  return valueOrigin(text).origin !== 'github-token';
}

/** `YARN_NPM_AUTH_TOKEN` (Yarn reads `YARN_*` variables in any case) bound to something for this step. */
function envToken(context: Analysis, step: StepNode): YarnToken | undefined {
  const named = (wanted: string) => envBindings(context, step, `upper:${wanted}`, (name) => name.toUpperCase() === wanted);
  // Yarn's default registry moved elsewhere: the token is for that registry and this is not an npmjs publish.
  for (const binding of named('YARN_NPM_REGISTRY_SERVER')) {
    if (binding.entry.value.type === 'scalar' && namesOtherRegistry(binding.entry.value.text)) return undefined;
  }
  for (const binding of named('YARN_NPM_AUTH_TOKEN')) if (bindsToken(binding.entry)) return { what: `\`${binding.name}\``, at: binding.entry };
  return undefined;
}

interface PlacedToken extends YarnToken {
  readonly stepIndex: number;
  readonly commandIndex: number;
}

/** Yarn token writes of a job, collected once per run: every publish asks about the writes before it. */
function tokenWrites(context: Analysis, container: JobNode | ActionNode): readonly PlacedToken[] {
  return context.facts.memo('yarn-token-writes', container, () => {
    const writes: PlacedToken[] = [];
    for (const step of stepsOf(container)) {
      const text = fileOf(step).text;
      for (const command of runCommands(context, step)) {
        const words = command.words.map((word) => word.value);
        if (namesOtherRegistry(text.slice(command.span.start, command.span.end))) continue;
        const place = { stepIndex: step.index, commandIndex: command.index };
        if (words[0] === 'yarn' && words[1] === 'config' && words[2] === 'set' && /npmAuthToken/.test(words[3] ?? '') && (words[4] ?? '').trim() !== '') {
          writes.push({ what: '`npmAuthToken` (set by `yarn config set`)', at: command.span, ...place });
          continue;
        }
        const writesYarnrc =
          command.redirects.some((redirect) => (redirect.operator === '>' || redirect.operator === '>>') && /yarnrc/.test(redirect.target?.value ?? '')) ||
          (words[0] === 'tee' && words.some((word) => /yarnrc/.test(word)));
        const bodies = [...words.slice(1), ...command.redirects.flatMap((redirect) => (redirect.heredoc ? [redirect.heredoc.body] : []))];
        if (writesYarnrc && bodies.some((body) => /npmAuthToken\s*:\s*\S/.test(body) && !namesOtherRegistry(body))) {
          writes.push({ what: '`npmAuthToken` (written to `.yarnrc.yml`)', at: command.span, ...place });
        }
      }
    }
    return writes;
  });
}

/** `yarn config set npmAuthToken …` or a write of `npmAuthToken` into a `.yarnrc.yml`, earlier in the job or script. */
function writtenToken(context: Analysis, publish: NpmPublish): YarnToken | undefined {
  const stepIndex = publish.step.index;
  const commandIndex = publish.command?.index ?? Infinity;
  let found: YarnToken | undefined;
  for (const write of tokenWrites(context, publish.step.parent)) {
    if (write.stepIndex > stepIndex || (write.stepIndex === stepIndex && write.commandIndex >= commandIndex)) break;
    found = { what: write.what, at: write.at };
  }
  return found;
}

/**
 * `npmAuthToken` entries of a `.yarnrc.yml` that apply to a publish of `packageName` to registry.npmjs.org:
 * top-level, under `npmRegistries` for npmjs, or under `npmScopes.<scope>` for the package's own scope.
 */
function applyingTokens(yarnrc: Yarnrc, packageName: string | undefined): string[] {
  return yarnrc.authTokens
    .filter(({ parents }) =>
      parents.length === 0 ||
      (parents.length === 2 && parents[0] === 'npmRegistries' && isNpmjsHost(parents[1]!.includes('//') ? parents[1]! : `//${parents[1]}`)) ||
      (parents.length === 2 && parents[0] === 'npmScopes' && packageName !== undefined && packageName.startsWith(`@${parents[1]!.replace(/^@/, '')}/`)),
    )
    .map((token) => token.value.text.trim());
}

/**
 * `npmAuthToken` in a committed `.yarnrc.yml`. A `${VAR}` value is a token only when the step binds VAR
 * (unset, Yarn either fails on the missing variable or, with `${VAR:-}`, sends nothing and tries OIDC).
 */
function committedToken(context: Analysis, step: StepNode): YarnToken | undefined {
  const name = packageJsonsOf(context, step)[0]?.name;
  for (const directory of stepDirectories(step)) {
    if (!hasYarnrc(context, directory)) continue;
    const yarnrc = yarnrcAt(context, directory);
    if (!yarnrc) continue;
    const path = yarnrc.path;
    // Yarn's default registry moved elsewhere (GitHub Packages, a private registry): not an npmjs publish.
    if ([yarnrc.npmRegistryServer, yarnrc.npmPublishRegistry].some((url) => url !== undefined && namesOtherRegistry(url))) return undefined;
    for (const value of applyingTokens(yarnrc, name)) {
      if (value === '') continue;
      const variable = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}$/.exec(value);
      if (!variable || variable[2]) return { what: `\`npmAuthToken\` in \`${path}\`` };
      const binding = envBinding(step, variable[1]!);
      if (binding && bindsToken(binding.entry)) return { what: `\`npmAuthToken: \${${variable[1]}}\` in \`${path}\``, at: binding.entry };
    }
  }
  return undefined;
}

/** The Yarn token that would be sent instead of the OIDC exchange for a `yarn npm publish`, if any. */
export function yarnTokenFor(context: Analysis, publish: NpmPublish): YarnToken | undefined {
  return envToken(context, publish.step) ?? writtenToken(context, publish) ?? committedToken(context, publish.step);
}
