/**
 * Property test (issue 17): a stored-secret npm token handed to `npm publish` in any composition of
 * the evasion forms (a prefix assignment, `export`, `declare -x`, an `env` prefix, `${{ env.X }}`
 * and shell indirection, a `$GITHUB_ENV` write, an `.npmrc` write, `npm config set`, a token flag;
 * around a publish with wrappers, global options, abbreviations and nested shells) is always
 * reported by no-long-lived-npm-token. The same compositions with `${{ secrets.GITHUB_TOKEN }}`, or
 * with `npm view` instead of the publish, never are. Deterministic seed; no timing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noLongLivedNpmToken } from '../../src/rules/no-long-lived-npm-token.js';
import { lintWithRule } from '../rule-tester.js';
import { FUZZ_RUNS } from './helpers.js';

const SEED = 17;
const STORED = '${{ secrets.NPM_TOKEN }}';
const GITHUB = '${{ secrets.GITHUB_TOKEN }}';

/** How the token reaches npm. `{T}` is the secret expression; `{P}` the publish command line. */
type Delivery =
  | 'step-env'
  | 'prefix'
  | 'env-prefix'
  | 'export'
  | 'declare'
  | 'plain-after-export'
  | 'job-env-indirection'
  | 'shell-indirection'
  | 'github-env'
  | 'github-env-heredoc'
  | 'printf-npmrc'
  | 'echo-npmrc'
  | 'tee-npmrc'
  | 'config-set'
  | 'flag';

const DELIVERIES: readonly Delivery[] = [
  'step-env', 'prefix', 'env-prefix', 'export', 'declare', 'plain-after-export', 'job-env-indirection', 'shell-indirection',
  'github-env', 'github-env-heredoc', 'printf-npmrc', 'echo-npmrc', 'tee-npmrc', 'config-set', 'flag',
];

/** Forms that put the token on the publish's own command line (inside a nested shell too). */
const INLINE: ReadonlySet<Delivery> = new Set(['prefix', 'env-prefix', 'flag']);

interface Composition {
  readonly delivery: Delivery;
  readonly globals: readonly string[];
  readonly sub: string;
  readonly options: readonly string[];
  readonly wrappers: readonly string[];
  readonly nest: 'none' | 'bash-double' | 'sh-single' | 'npm-exec' | 'npx-call';
  /** For a nested shell: the inline form on the outer command (`NODE_AUTH_TOKEN=… bash -c '…'`: the child inherits it). */
  readonly outside: boolean;
  readonly idToken: boolean;
}

const composition: fc.Arbitrary<Composition> = fc.record({
  delivery: fc.constantFrom(...DELIVERIES),
  globals: fc.subarray(['--cache /tmp/c', '-w pkg', '--loglevel=silly', '--reg https://registry.npmjs.org/', '--userconfig ./ci.npmrc', '-ddd']),
  sub: fc.constantFrom('publish', 'pub', 'publ', 'pu', 'publis'),
  options: fc.subarray(['--access public', '--tag "next"', '--dry-run false', '--no-dry-run', '--provenance', '--dry-run=false', '--otp -123']),
  wrappers: fc.subarray(['timeout -k 5 60', 'env -u X', 'nice -n 5', 'sudo -E', 'time -p', 'nohup', 'command', 'stdbuf -o 0']),
  nest: fc.constantFrom('none', 'bash-double', 'sh-single', 'npm-exec', 'npx-call'),
  outside: fc.boolean(),
  idToken: fc.boolean(),
});

const FLAG = '--//registry.npmjs.org/:_authToken=';

/** The publish line: wrappers, then npm with its options, the token on it for the inline forms, maybe inside a nested shell. */
function commandLine(c: Composition, secret: string, sub: string): string {
  const flag = c.delivery === 'flag' ? [`${FLAG}${secret}`] : [];
  const npm = ['npm', ...c.globals, sub, ...c.options, ...flag].join(' ');
  // `env NAME=… cmd` is a wrapper of its own; `NAME=… cmd` goes in front of the wrappers.
  const envPrefix = (text: string) => (c.delivery === 'env-prefix' ? `env NODE_AUTH_TOKEN=${secret} ${text}` : text);
  const prefix = (text: string) => (c.delivery === 'prefix' ? `NODE_AUTH_TOKEN=${secret} ${text}` : text);
  const inline = (text: string) => prefix(envPrefix(text));
  const outside = c.nest !== 'none' && c.outside;
  const inner = (outside ? (text: string) => text : inline)([...c.wrappers, npm].join(' '));
  const single = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;
  let line: string;
  switch (c.nest) {
    case 'none':
      return inner;
    case 'bash-double':
      line = `bash -c "${inner.replace(/["\\]/g, '\\$&')}"`;
      break;
    case 'sh-single':
      line = `sh -c ${single(inner)}`;
      break;
    case 'npm-exec':
      line = `npm exec -c ${single(inner)}`;
      break;
    case 'npx-call':
      line = `npx --call=${single(inner)}`;
      break;
  }
  return outside ? inline(line) : line;
}

/** The workflow: a job env `RELEASE`, an earlier step, the publish step. Lines of `run: |` blocks are indented by 10. */
function render(c: Composition, secret: string, sub = c.sub): string {
  const before: string[] = [];
  const stepEnv: string[] = [];
  const earlier: string[] = [];
  switch (c.delivery) {
    case 'step-env':
      stepEnv.push(`NODE_AUTH_TOKEN: "${secret}"`);
      break;
    case 'export':
      before.push(`export NODE_AUTH_TOKEN=${secret}`);
      break;
    case 'declare':
      before.push(`declare -x NODE_AUTH_TOKEN="${secret}"`);
      break;
    case 'plain-after-export':
      before.push('export NODE_AUTH_TOKEN', `NODE_AUTH_TOKEN=${secret}`);
      break;
    case 'job-env-indirection':
      stepEnv.push('NODE_AUTH_TOKEN: "${{ env.RELEASE }}"');
      break;
    case 'shell-indirection':
      before.push('T="$RELEASE"', 'export NODE_AUTH_TOKEN="$T"');
      break;
    case 'github-env':
      earlier.push(`echo "NODE_AUTH_TOKEN=${secret}" >> "$GITHUB_ENV"`);
      break;
    case 'github-env-heredoc':
      earlier.push('{', '  echo "NODE_AUTH_TOKEN<<EOF"', '  echo "$RELEASE"', '  echo EOF', '} >> "$GITHUB_ENV"');
      break;
    case 'printf-npmrc':
      before.push(`printf '//registry.npmjs.org/:_authToken=%s\\n' "${secret}" > ~/.npmrc`);
      break;
    case 'echo-npmrc':
      earlier.push(`echo "//registry.npmjs.org/:_authToken=$RELEASE" >> ~/.npmrc`);
      break;
    case 'tee-npmrc':
      before.push(`echo "//registry.npmjs.org/:_authToken=${secret}" | tee -a ~/.npmrc > /dev/null`);
      break;
    case 'config-set':
      before.push(`npm config set --location=user //registry.npmjs.org/:_authToken ${secret}`);
      break;
    default:
      if (!INLINE.has(c.delivery)) throw new Error(c.delivery);
  }
  const block = (lines: readonly string[]) => ['        run: |', ...lines.map((line) => `          ${line}`)];
  return [
    'on: push',
    'permissions: {}',
    'jobs:',
    '  release:',
    '    runs-on: ubuntu-latest',
    ...(c.idToken ? ['    permissions: { id-token: write }'] : []),
    `    env: { RELEASE: "${secret}" }`,
    '    steps:',
    '      - uses: actions/checkout@v6',
    ...(earlier.length > 0 ? ['      - name: earlier', ...block(earlier)] : []),
    '      - name: release',
    ...block([...before, commandLine(c, secret, sub)]),
    ...(stepEnv.length > 0 ? ['        env:', ...stepEnv.map((line) => `          ${line}`)] : []),
    '',
  ].join('\n');
}

/** The secrets named by no-long-lived-npm-token's findings. */
function reported(text: string): string[] {
  const result = lintWithRule(noLongLivedNpmToken, { code: text });
  expect(result.messages.filter((message) => message.fatal)).toEqual([]);
  return result.messages.map((message) => `${message.line}: ${message.message}`);
}

const parameters = { seed: SEED, numRuns: FUZZ_RUNS };

describe('issue 17: token flow, property-based', () => {
  it('a stored secret that reaches npm publish, in any composition of the evasion forms, is reported', () => {
    fc.assert(
      fc.property(composition, (c) => {
        const text = render(c, STORED);
        const findings = reported(text);
        expect(findings.some((finding) => finding.includes('`NPM_TOKEN`')), text).toBe(true);
      }),
      parameters,
    );
  });

  it('GITHUB_TOKEN in the same places is never reported', () => {
    fc.assert(
      fc.property(composition, (c) => {
        const text = render(c, GITHUB);
        expect(reported(text), text).toEqual([]);
      }),
      parameters,
    );
  });

  it('the same compositions around `npm view` are never reported', () => {
    fc.assert(
      fc.property(composition, (c) => {
        const text = render(c, STORED, 'view');
        expect(reported(text), text).toEqual([]);
      }),
      parameters,
    );
  });

  it('every evasion form is generated (the seed does not leave one out)', () => {
    const seen = new Set(fc.sample(composition, { seed: SEED, numRuns: Math.max(FUZZ_RUNS, 100) }).map((c) => `${c.delivery}/${c.nest}`));
    expect(DELIVERIES.every((delivery) => seen.has(`${delivery}/none`) || [...seen].some((key) => key.startsWith(`${delivery}/`)))).toBe(true);
  });
});
