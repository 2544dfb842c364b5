import fc from 'fast-check';
import { Validator } from 'jsonschema';
import { lintAndFix } from '../../src/engine/fix/lint-and-fix.js';
import { afterAll, describe, expect, it } from 'vitest';
import { Document } from 'yaml';
import { compileFileTargets } from '../../src/engine/file-targets.js';
import { lintText } from '../../src/engine/lint-text.js';
import { pluginTargets } from '../../src/engine/plugin.js';
import type { LintResult } from '../../src/engine/result.js';
import { createProjectService, type ProjectSource, type ProjectService } from '../../src/engine/project.js';
import { formatters } from '../../src/formatters/index.js';
import { allRules, builtinPlugin } from '../../src/rules/index.js';
import { VERSION } from '../../src/version.js';
import { FAKE } from '../fake-tokens.js';
import { everyRule, expectRangesInside, FUZZ_RUNS, loadSarifSchema, rangeProblem } from './helpers.js';

// Property tests: whatever the text, linting with every rule never throws, every range lies inside
// the file, and every formatter's output stays valid. `TRUSTLINT_FUZZ_RUNS` raises the iterations.

let iterations = 0;
afterAll(() => {
  // Shown in the test log so a run can be quoted ("N inputs linted").
  console.info(`robustness fuzz: ${iterations} generated inputs linted with ${allRules.length} rules (TRUSTLINT_FUZZ_RUNS=${FUZZ_RUNS})`);
});

/** Generous: a raised TRUSTLINT_FUZZ_RUNS must not time out (about 40 ms per input with SARIF validation). */
const TIMEOUT = 30_000 + FUZZ_RUNS * 200;

const PATHS = ['.github/workflows/fuzz.yml', 'action.yml', 'sub/dir/action.yaml', 'notes.yaml'] as const;

/** Words the rules look for, so generated documents reach deep into rule logic. */
const WORDS = [
  'npm publish', 'npm publish --provenance', 'npm publish --access public', 'pnpm publish -r', 'yarn npm publish', 'npx semantic-release',
  'npm install -g npm@latest', 'npm i -g npm@11', 'npm ci', 'echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc',
  'actions/setup-node@v4', 'actions/checkout@v4', 'changesets/action@v1', 'JS-DevTools/npm-publish@v3', './.github/actions/x', 'docker://node:20',
  'actions/setup-node@1234567890abcdef1234567890abcdef12345678', '${{ secrets.NPM_TOKEN }}', '${{ secrets.GITHUB_TOKEN }}', '${{ matrix.os }}',
  '${{ github.event_name == \'push\' }}', '${{', '}}', 'write', 'read', 'none', 'write-all', 'read-all', 'id-token', 'contents', 'packages',
  'ubuntu-latest', 'windows-latest', 'self-hosted', 'macos-14', 'bash', 'pwsh', 'python', 'cmd', 'node-version', 'registry-url',
  'https://registry.npmjs.org', '18', '20.x', '22', 'lts/*', 'NODE_AUTH_TOKEN', 'NPM_TOKEN', 'NPM_CONFIG_PROVENANCE', 'true', 'false', '',
  'release', 'push', 'workflow_dispatch', 'pull_request_target', 'tags', 'v*', '\t', '\r\n', '\u00e9\u00e8', '\ud83d\ude00', '\u2028',
  '#', '# trustlint-disable-next-line', '# trustlint-disable-line no-such-rule -- why', '&a', '*a', '<<', '!!str', '%', '@', '`',
] as const;

const word = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12, unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) },
);

/** Any YAML value: what a user might write where something else was expected. */
const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    word,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(word, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A value of the right shape or, often, of any other shape. */
const maybe = <T>(right: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: right }, { weight: 1, arbitrary: anyValue });

const permissions = maybe(
  fc.oneof(
    fc.constantFrom('read-all', 'write-all', 'read', 'write', '{}', '${{ inputs.p }}'),
    fc.dictionary(fc.constantFrom('id-token', 'contents', 'packages', 'id_token', 'actions', 'pages', 'x'), fc.constantFrom('write', 'read', 'none', 'admin')),
  ),
);
const env = maybe(fc.dictionary(fc.constantFrom('NODE_AUTH_TOKEN', 'NPM_TOKEN', 'NPM_CONFIG_PROVENANCE', 'X', 'GITHUB_TOKEN'), word));
const step = maybe(
  fc.record(
    {
      name: word,
      id: word,
      uses: maybe(word),
      run: maybe(fc.tuple(fc.array(word, { maxLength: 6 }), fc.constantFrom(' ', '\n', ' && ', '; ', ' | ')).map(([parts, separator]) => parts.join(separator))),
      with: maybe(fc.dictionary(fc.constantFrom('node-version', 'registry-url', 'token', 'publish', 'provenance', 'version', 'always-auth'), word)),
      env,
      shell: maybe(word),
      if: maybe(word),
      'working-directory': word,
    },
    { requiredKeys: [] },
  ),
);
const job = maybe(
  fc.record(
    {
      'runs-on': maybe(fc.oneof(word, fc.array(word, { maxLength: 3 }))),
      permissions,
      environment: maybe(fc.oneof(word, fc.record({ name: word, url: word }))),
      env,
      needs: maybe(fc.oneof(word, fc.array(word, { maxLength: 3 }))),
      steps: maybe(fc.array(step, { maxLength: 6 })),
      uses: maybe(word),
      with: anyValue,
      secrets: maybe(fc.oneof(fc.constant('inherit'), fc.dictionary(word, word))),
      strategy: anyValue,
      container: anyValue,
      if: maybe(word),
    },
    { requiredKeys: [] },
  ),
);
const workflowObject = fc.record(
  {
    name: maybe(word),
    on: maybe(fc.oneof(word, fc.array(word, { maxLength: 3 }), fc.dictionary(word, anyValue, { maxKeys: 3 }))),
    permissions,
    env,
    defaults: anyValue,
    concurrency: anyValue,
    jobs: maybe(fc.dictionary(fc.oneof(word, fc.constantFrom('publish', 'release', 'build')), job, { maxKeys: 5 })),
    runs: maybe(fc.record({ using: maybe(fc.constantFrom('composite', 'node20', 'docker')), steps: maybe(fc.array(step, { maxLength: 4 })) })),
    inputs: anyValue,
  },
  { requiredKeys: [] },
);

/** Serialised with anchors for repeated objects, then mangled the ways real files are. */
const workflowText = fc
  .tuple(
    workflowObject,
    fc.boolean(),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
    fc.option(fc.tuple(fc.nat(), fc.constantFrom('\t', '\u0000', '\ufffd', '\ud800', ':', '- ', '&x ', '*x', '"', '{', '\n---\n')), { nil: undefined }),
  )
  .map(([object, bom, newline, shareValues, injection]) => {
    const value = shareValues && object.jobs && typeof object.jobs === 'object' ? { ...object, shared: object.jobs } : object;
    let text: string;
    try {
      text = new Document(value, { aliasDuplicateObjects: true }).toString({ lineWidth: 0 });
    } catch {
      text = JSON.stringify(value) ?? '';
    }
    text = text.replace(/\n/g, newline);
    if (injection) {
      const [at, piece] = injection;
      const index = text.length === 0 ? 0 : at % text.length;
      text = text.slice(0, index) + piece + text.slice(index);
    }
    return (bom ? '\ufeff' : '') + text;
  });

/** Text assembled from YAML's syntax pieces: mostly broken, sometimes valid, never boring. */
const yamlLikeText = fc
  .array(
    fc.oneof(
      word,
      fc.constantFrom(
        'on: push\n', 'jobs:\n', '  j:\n', '    runs-on: ubuntu-latest\n', '    steps:\n', '      - run: |\n', '          npm publish\n',
        'permissions:\n', '  id-token: write\n', ': ', '- ', '? ', '[', ']', '{', '}', ', ', '&a ', '*a', '&b [*a, *a]', '!!map ', '!custom ',
        '|', '|-', '>+', '"', "'", '\\', '#', '---\n', '...\n', '%YAML 1.2\n', '\n', '\r\n', '\r', '\t', '  ', '    ', '\ufeff', '\u0000', '\u0085',
      ),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

/** Project files a rule may read (package.json, .npmrc, …): as broken as the workflow. */
const projectFiles = fc
  .option(fc.oneof(fc.json(), word, fc.constantFrom('{"name":"x","version":"1.0.0","publishConfig":{"provenance":true}}', '{"engines":{"npm":"<9"}}', 'registry=x\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n')), { nil: undefined })
  .map((content): ProjectService => createProjectService(everyFileIs(content)));

/** A repository where every path holds the same content (or nothing). */
function everyFileIs(content: string | undefined): ProjectSource {
  return { root: '/fuzz', read: () => content, exists: () => content !== undefined, list: () => undefined };
}

/** The text of a project file, for related locations that point into it. */
const projectText = (project: ProjectService) => (relativePath: string) => project.open().project.text(relativePath);

function lintGenerated(text: string, filePath: string, project: ProjectService): LintResult {
  iterations++;
  return lintText(text, { filePath, relativePath: filePath, rules: everyRule, project, reportUnusedDirectives: 'warn' });
}

function checkFormatters(results: LintResult[]): void {
  const context = { rules: allRules, version: VERSION, color: false };
  expect(() => JSON.parse(formatters.json(results, context))).not.toThrow();
  const sarif = JSON.parse(formatters.sarif(results, context)) as unknown;
  const schema = loadSarifSchema();
  if (schema) {
    const errors = new Validator().validate(sarif, schema as never).errors.map((error) => `${error.property}: ${error.message}`);
    expect(errors).toEqual([]);
  }
  for (const line of formatters.github(results, context).split('\n').filter(Boolean)) {
    // One annotation per line: a raw newline in a message would split a workflow command.
    expect(line).toMatch(/^::(error|warning) file=[^\n]*::/);
  }
  expect(typeof formatters.stylish(results, context)).toBe('string');
}

describe('property: linting never throws and stays in range', () => {
  it('on workflow-shaped documents with wrong types at every key', () => {
    fc.assert(
      fc.property(workflowText, fc.constantFrom(...PATHS), projectFiles, (text, path, project) => {
        const result = lintGenerated(text, path, project);
        expectRangesInside(text, result, projectText(project));
        checkFormatters([result]);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, TIMEOUT);

  it('--fix on the same documents: no crash, the YAML still parses, a second --fix changes nothing', () => {
    let fixed = 0;
    fc.assert(
      fc.property(workflowText, fc.constantFrom(...PATHS), projectFiles, (text, path, project) => {
        const options = { filePath: path, relativePath: path, rules: everyRule, project, reportUnusedDirectives: 'off' as const };
        iterations++;
        const result = lintAndFix(text, options);
        expect(result.internalError).toBeUndefined();
        if (result.output === undefined) return;
        fixed++;
        expect(result.messages.filter((message) => message.fatal).map((message) => message.message)).toEqual([]);
        expectRangesInside(result.output.replace(/^\ufeff/, ''), result, projectText(project));
        expect(lintAndFix(result.output, options).output).toBeUndefined();
      }),
      { numRuns: FUZZ_RUNS },
    );
    // Not vacuous: generated workflows are often fixable (a top-level grant, a misspelled scope).
    expect(fixed).toBeGreaterThan(0);
  }, TIMEOUT);

  it('on YAML-like text (tabs, CRLF, BOM, NUL, anchors, unclosed flows)', () => {
    fc.assert(
      fc.property(yamlLikeText, fc.constantFrom(...PATHS), projectFiles, (text, path, project) => {
        const result = lintGenerated(text, path, project);
        expectRangesInside(text, result, projectText(project));
        checkFormatters([result]);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, TIMEOUT);

  it('on the text targets (.npmrc, .yarnrc.yml, credentials files): INI and YAML fragments, tokens, references, directives', () => {
    const targets = compileFileTargets(pluginTargets([builtinPlugin]));
    const fragment = fc.oneof(
      word,
      fc.constantFrom(
        FAKE.npm, FAKE.pypi, FAKE.crates, FAKE.opaque, FAKE.ghp, '//registry.npmjs.org/:', '_authToken', '_auth', '_password', 'npmAuthToken', 'npmAuthIdent',
        '=', ' = ', ': ', '"', "'", ';', '#', '\\', '${NPM_TOKEN}', '$X', 'Y2ktYm90Om1LclRQVXNmYWJIMw==', '[section]', 'npmScopes:\n  a:\n    ', '\n', '\r', '\r\n',
        '; trustlint-disable-next-line no-hardcoded-registry-token', '# trustlint-enable', '\u0000', '\ud83d\udd11',
      ),
    );
    const text = fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join(''));
    const paths = ['.npmrc', 'a/.yarnrc.yml', '.pypirc', '.gem/credentials', '.cargo/credentials.toml'] as const;
    fc.assert(
      fc.property(text, fc.constantFrom(...paths), (generated, path) => {
        iterations++;
        const result = lintText(generated, { filePath: path, relativePath: path, rules: everyRule, reportUnusedDirectives: 'warn', targets });
        expect(result.messages.filter((message) => message.message.startsWith('Internal error'))).toEqual([]);
        expectRangesInside(generated, result);
        checkFormatters([result]);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, TIMEOUT);

  it('on arbitrary unicode and binary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 })), (text) => {
        const result = lintGenerated(text, '.github/workflows/fuzz.yml', createProjectService(everyFileIs(undefined)));
        expectRangesInside(text, result);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, TIMEOUT);

  it('on deep nesting of every collection style', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1200 }), fc.constantFrom('flow-seq', 'flow-map', 'block-map', 'block-seq'), (depth, style) => {
        let text: string;
        if (style === 'flow-seq') text = `on: push\nx: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
        else if (style === 'flow-map') text = `on: push\nx: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`;
        else if (style === 'block-map') text = `on: push\n${Array.from({ length: Math.min(depth, 300) }, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n')} 1\n`;
        else text = `on: push\nx:\n${Array.from({ length: Math.min(depth, 300) }, (_, level) => `${' '.repeat(level + 1)}-`).join('\n')} 1\n`;
        const result = lintGenerated(text, '.github/workflows/deep.yml', createProjectService(everyFileIs(undefined)));
        expectRangesInside(text, result);
      }),
      { numRuns: Math.max(10, Math.floor(FUZZ_RUNS / 5)) },
    );
  }, TIMEOUT);

  it('a related location in another file is checked against that file (fuzz counterexample, seed 873034071)', () => {
    const manifest = '{"name":"x","version":"1.0.0","publishConfig":{"provenance":true}}';
    const project = createProjectService(everyFileIs(manifest));
    const text = 'env: {}\njobs:\n  publish:\n    steps:\n      - run: npm publish\nruns:\n  using: composite\n  steps: []\ninputs: 0\n';
    const result = lintGenerated(text, '.github/workflows/fuzz.yml', project);
    const turnedOn = result.messages.flatMap((message) => message.related ?? []).find((related) => related.message === 'provenance turned on here');
    // `true` in package.json, column 61: past the end of the workflow's first line, inside the manifest's.
    expect(turnedOn).toMatchObject({ relativePath: 'package.json', line: 1, column: 61, endLine: 1, endColumn: 65 });
    expect(rangeProblem(text, turnedOn!)).toMatch(/outside/);
    expect(() => expectRangesInside(text, result, projectText(project))).not.toThrow();
  });

  it('the range check can fail (a range past the end is caught)', () => {
    expect(rangeProblem('a: 1\n', { line: 1, column: 6, endLine: 1, endColumn: 6 })).toMatch(/outside/);
    expect(rangeProblem('a: 1\n', { line: 3, column: 1, endLine: 3, endColumn: 1 })).toMatch(/outside/);
    expect(rangeProblem('a: 1\n', { line: 1, column: 3, endLine: 1, endColumn: 2 })).toMatch(/before/);
    expect(rangeProblem('a: 1\n', { line: 2, column: 1, endLine: 2, endColumn: 1 })).toBeUndefined();
  });
});
