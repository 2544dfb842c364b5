import type { JobNode, Span, StepNode, YamlEntry } from '../engine/ast.js';
import type { ProjectFiles } from '../engine/rule.js';
import { defineRule } from '../engine/rule.js';
import { effectiveEnv } from '../domain/env.js';
import { valueOrigin } from '../domain/expressions.js';
import { NPMJS_HOSTS, publishFacts, type PublishCommand, publishContext } from '../domain/publish.js';
import { runCommands } from '../domain/run-script.js';
import { stepsOf } from '../domain/setup-node.js';
import { packageJsonsOf, stepDirectory } from '../domain/versions.js';

interface Shadow {
  /** For the message: "`YARN_NPM_AUTH_TOKEN`", "`npmAuthToken` in `.yarnrc.yml`". */
  readonly what: string;
  /** The binding in this file, when there is one. */
  readonly at?: YamlEntry | Span;
}

/** A registry URL that is not registry.npmjs.org: Yarn config aimed at GitHub Packages or a private registry. */
const OTHER_REGISTRY = /https?:\/\/(?!(?:registry\.npmjs\.org|registry\.yarnpkg\.com)(?:[/:'"\s]|$))[^\s'"]+/i;

/** An env value that sets a token: non-empty, and not the run's own `GITHUB_TOKEN` (GitHub Packages). */
function bindsToken(entry: YamlEntry): boolean {
  const value = entry.value;
  if (value.type !== 'scalar') return false;
  const text = value.text.trim();
  if (text === '' || text === '""' || text === "''") return false;
  return valueOrigin(text).origin !== 'github-token';
}

/** `YARN_NPM_AUTH_TOKEN` (Yarn reads `YARN_*` variables in any case) bound to something for this step. */
function envToken(step: StepNode): Shadow | undefined {
  const env = effectiveEnv(step);
  for (const binding of env.values()) {
    // Yarn's default registry moved elsewhere: the token is for that registry and this is not an npmjs publish.
    if (binding.name.toUpperCase() === 'YARN_NPM_REGISTRY_SERVER' && binding.entry.value.type === 'scalar' && OTHER_REGISTRY.test(binding.entry.value.text)) return undefined;
  }
  for (const binding of env.values()) {
    if (binding.name.toUpperCase() === 'YARN_NPM_AUTH_TOKEN' && bindsToken(binding.entry)) return { what: `\`${binding.name}\``, at: binding.entry };
  }
  return undefined;
}

interface PlacedShadow extends Shadow {
  readonly stepIndex: number;
  readonly commandIndex: number;
}

// Every publish asks about the writes before it; collecting them once per job keeps a script of
// thousands of publishes linear.
const writesCache = new WeakMap<object, PlacedShadow[]>();

function tokenWrites(publish: PublishCommand, text: string): PlacedShadow[] {
  const container = publish.step.parent;
  const cached = writesCache.get(container);
  if (cached) return cached;
  const writes: PlacedShadow[] = [];
  for (const step of stepsOf(container)) {
    for (const command of runCommands(step, text)) {
      const words = command.words.map((word) => word.value);
      const source = text.slice(command.span.start, command.span.end);
      if (OTHER_REGISTRY.test(source)) continue;
      const place = { stepIndex: step.index, commandIndex: command.index };
      if (words[0] === 'yarn' && words[1] === 'config' && words[2] === 'set' && /npmAuthToken/.test(words[3] ?? '') && (words[4] ?? '').trim() !== '') {
        writes.push({ what: '`npmAuthToken` (set by `yarn config set`)', at: command.span, ...place });
        continue;
      }
      const writesYarnrc =
        command.redirects.some((redirect) => (redirect.operator === '>' || redirect.operator === '>>') && /yarnrc/.test(redirect.target?.value ?? '')) ||
        (words[0] === 'tee' && words.some((word) => /yarnrc/.test(word)));
      const bodies = [...words.slice(1), ...command.redirects.flatMap((redirect) => (redirect.heredoc ? [redirect.heredoc.body] : []))];
      if (writesYarnrc && bodies.some((body) => /npmAuthToken\s*:\s*\S/.test(body) && !OTHER_REGISTRY.test(body))) {
        writes.push({ what: '`npmAuthToken` (written to `.yarnrc.yml`)', at: command.span, ...place });
      }
    }
  }
  writesCache.set(container, writes);
  return writes;
}

/** `yarn config set npmAuthToken …` or a write of `npmAuthToken` into a `.yarnrc.yml`, earlier in the job or script. */
function writtenToken(publish: PublishCommand, text: string): Shadow | undefined {
  const stepIndex = publish.step.index;
  const commandIndex = publish.command?.index ?? Infinity;
  let found: Shadow | undefined;
  for (const write of tokenWrites(publish, text)) {
    if (write.stepIndex > stepIndex || (write.stepIndex === stepIndex && write.commandIndex >= commandIndex)) break;
    found = { what: write.what, at: write.at };
  }
  return found;
}

/**
 * `npmAuthToken` entries of a `.yarnrc.yml` that apply to a publish of `packageName` to registry.npmjs.org:
 * top-level, under `npmRegistries` for npmjs, or under `npmScopes.<scope>` for the package's own scope.
 */
function yarnrcTokens(rc: string, packageName: string | undefined): string[] {
  const values: string[] = [];
  const stack: Array<{ indent: number; key: string }> = [];
  for (const line of rc.split(/\r?\n/)) {
    const match = /^(\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'#][^#]*?))\s*:(?:\s+(.*))?$/.exec(line.replace(/\s+#.*$/, ''));
    if (!match) continue;
    const indent = match[1]!.length;
    const key = (match[2] ?? match[3] ?? match[4] ?? '').trim();
    const value = (match[5] ?? '').trim();
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const path = stack.map((entry) => entry.key);
    if (key === 'npmAuthToken') {
      const applies =
        path.length === 0 ||
        (path.length === 2 && path[0] === 'npmRegistries' && /registry\.(?:npmjs\.org|yarnpkg\.com)/.test(path[1]!)) ||
        (path.length === 2 && path[0] === 'npmScopes' && packageName !== undefined && packageName.startsWith(`@${path[1]!.replace(/^@/, '')}/`));
      if (applies) values.push(value);
    }
    if (value === '') stack.push({ indent, key });
  }
  return values;
}

/**
 * `npmAuthToken` in a committed `.yarnrc.yml`. A `${VAR}` value is a token only when the step binds VAR
 * (unset, Yarn either fails on the missing variable or, with `${VAR:-}`, sends nothing and tries OIDC).
 */
function committedToken(step: StepNode, project: ProjectFiles): Shadow | undefined {
  const directory = stepDirectory(step);
  const paths = directory === undefined || directory === '' ? ['.yarnrc.yml'] : [`${directory}/.yarnrc.yml`, '.yarnrc.yml'];
  const name = packageJsonsOf(step, project)[0]?.name;
  for (const path of paths) {
    const rc = project.readFile(path);
    if (rc === undefined) continue;
    // Yarn's default registry moved elsewhere (GitHub Packages, a private registry): not an npmjs publish.
    if (/^(?:npmRegistryServer|npmPublishRegistry)\s*:/m.test(rc) && OTHER_REGISTRY.test(rc.split(/\r?\n/).filter((line) => /^(?:npmRegistryServer|npmPublishRegistry)\s*:/.test(line)).join('\n'))) return undefined;
    for (const raw of yarnrcTokens(rc, typeof name === 'string' ? name : undefined)) {
      const value = raw.replace(/^(["'])(.*)\1$/, '$2');
      if (value === '') continue;
      const variable = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}$/.exec(value);
      if (!variable || variable[2]) return { what: `\`npmAuthToken\` in \`${path}\`` };
      const binding = effectiveEnv(step).get(variable[1]!);
      if (binding && bindsToken(binding.entry)) return { what: `\`npmAuthToken: \${${variable[1]}}\` in \`${path}\``, at: binding.entry };
    }
  }
  return undefined;
}

export const tokenShadowsOidc = defineRule({
  id: 'token-shadows-oidc',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow an npm token for `yarn npm publish` in a job meant to publish through trusted publishing',
      recommended: true,
    },
    severity: 'error',
    security: { severity: 6.5, precision: 'high', tags: ['external/cwe/cwe-798', 'npm', 'trusted-publishing', 'oidc', 'yarn'] },
    messages: {
      tokenShadowsOidc:
        '`yarn npm publish` runs in a job with `id-token: write`, but {{token}} configures an npm token, and Yarn sends a configured token before it tries OIDC: the trusted publisher is never used. Remove the token from the publish step (keep a read-only token on the install step only if private dependencies need one).',
    },
  },
  create(context) {
    const check = (job: JobNode) => {
      const facts = publishFacts(job, publishContext(context));
      if (facts.idToken !== true) return;
      for (const publish of facts.npmjsPublishes) {
        if (publish.tool !== 'yarn-berry') continue;
        const shadow = envToken(publish.step) ?? writtenToken(publish, context.file.text) ?? committedToken(publish.step, context.project);
        if (!shadow) continue;
        context.report({
          messageId: 'tokenShadowsOidc',
          at: publish.span,
          data: { token: shadow.what },
          ...(shadow.at ? { related: [{ at: shadow.at, message: 'token configured here' }] } : {}),
        });
      }
    };
    return { job: check };
  },
});
