import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { rulePreset } from '../src/engine/plugin.js';
import { defineRule, type AnyRule } from '../src/engine/rule.js';
import { allRules } from '../src/rules/index.js';
import { fixWithRule, lintWithRule } from './rule-tester.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The H2 sections a rule page may have, in this order; the first three are required, `Fixes` too when the rule has fixes or suggestions. */
export const ALLOWED_SECTIONS = ['Rule details', 'Options', 'Remediation', 'Fixes', 'When not to use it', 'Comparison with zizmor', 'Further reading'];
const REQUIRED_SECTIONS = ['Rule details', 'Options', 'Remediation'];

export interface Example {
  /** `before` and `after`: a pair in `## Fixes`, the text `--fix` turns the first into. */
  readonly kind: 'correct' | 'incorrect' | 'before' | 'after';
  readonly code: string;
  /** 1-based line of the fence's first code line in the page. */
  readonly line: number;
  readonly filename: string;
  /**
   * Other files of the repository the example needs (a package.json, a called workflow): fences
   * marked `file=<path>` (` ```json file=package.json `) anywhere before it on the page.
   */
  readonly files?: Readonly<Record<string, string>>;
}

/** Front matter, headings outside code fences, and the `yaml correct` / `yaml incorrect` examples. */
export function readRulePage(text: string): { frontMatter: unknown; h2: string[]; h3: string[]; examples: Example[]; sections: Record<string, string> } {
  const lines = text.split('\n');
  let frontMatter: unknown;
  let start = 0;
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    if (end > 0) {
      try {
        frontMatter = parseYaml(lines.slice(1, end).join('\n'));
      } catch (error) {
        // Reported by the front-matter test, not as a crash of the whole file.
        frontMatter = { invalidYaml: (error as Error).message.split('\n')[0] };
      }
      start = end + 1;
    }
  }
  const h2: string[] = [];
  const h3: string[] = [];
  const examples: Example[] = [];
  const sections: Record<string, string> = {};
  let section: string | undefined;
  let fence: { info: string; line: number; body: string[] } | undefined;
  // Files stay for every later example (a called workflow serves the incorrect and the correct one); a later fence for the same path replaces it.
  let files: Record<string, string> = {};
  for (let index = start; index < lines.length; index++) {
    const line = lines[index]!;
    if (section !== undefined) sections[section] += `${line}\n`;
    if (fence) {
      if (/^```\s*$/.test(line)) {
        const [language, kind, ...rest] = fence.info.trim().split(/\s+/);
        const file = fence.info.trim().split(/\s+/).find((part) => part.startsWith('file='))?.slice('file='.length);
        // YAML examples are workflows unless they name a file; other languages are linted only as the file they name.
        const named = rest.some((part) => part.startsWith('filename='));
        if (file !== undefined) files = { ...files, [file]: `${fence.body.join('\n')}\n` };
        else if ((language === 'yaml' || named) && (kind === 'correct' || kind === 'incorrect' || kind === 'before' || kind === 'after')) {
          const filename = rest.find((part) => part.startsWith('filename='))?.slice('filename='.length) ?? '.github/workflows/example.yml';
          examples.push({ kind, code: `${fence.body.join('\n')}\n`, line: fence.line, filename, ...(Object.keys(files).length > 0 ? { files } : {}) });
        }
        fence = undefined;
      } else fence.body.push(line);
      continue;
    }
    const open = /^```(.*)$/.exec(line);
    if (open) {
      fence = { info: open[1]!, line: index + 2, body: [] };
      continue;
    }
    const heading = /^(#{2,3}) (.+?)\s*$/.exec(line);
    if (heading) (heading[1] === '##' ? h2 : h3).push(heading[2]!);
    if (heading?.[1] === '##') {
      section = heading[2]!;
      sections[section] = '';
    }
  }
  return { frontMatter, h2, h3, examples, sections };
}

/** `# ERROR: idA, idB` markers per 1-based line of an example. */
function markers(code: string): Map<number, string[]> {
  const found = new Map<number, string[]>();
  code.split('\n').forEach((line, index) => {
    const match = /#\s*ERROR:\s*([\w\s,]+?)\s*$/.exec(line);
    if (match) found.set(index + 1, match[1]!.split(/[\s,]+/).filter(Boolean).sort());
  });
  return found;
}

const pages = allRules.map((rule) => {
  const path = `${repoRoot}docs/rules/${rule.id}.md`;
  return { rule, path, text: existsSync(path) ? readFileSync(path, 'utf8') : undefined };
});

describe.each(pages.map((page) => [page.rule.id, page] as const))('docs/rules/%s.md', (_id, { rule, text }) => {
  const page = text === undefined ? undefined : readRulePage(text);

  it('exists', () => {
    expect(text, `docs/rules/${rule.id}.md is missing`).toBeDefined();
  });

  it('front matter matches the rule meta', () => {
    expect(page?.frontMatter).toEqual({
      id: rule.id,
      description: rule.meta.docs.description,
      type: rule.meta.type,
      recommended: rule.meta.docs.recommended,
    });
  });

  it(`has the sections ${REQUIRED_SECTIONS.join(', ')} in order, and only allowed ones`, () => {
    const h2 = page?.h2 ?? [];
    expect(
      h2.filter((heading) => !ALLOWED_SECTIONS.includes(heading)),
      `H2 sections may only be: ${ALLOWED_SECTIONS.join(', ')}`,
    ).toEqual([]);
    const order = h2.map((heading) => ALLOWED_SECTIONS.indexOf(heading));
    expect(order, `sections in the order ${ALLOWED_SECTIONS.join(', ')}, each once`).toEqual([...new Set(order)].sort((a, b) => a - b));
    for (const required of REQUIRED_SECTIONS) expect(h2, `missing "## ${required}"`).toContain(required);
  });

  it('has the rule id as its title', () => {
    expect(text?.split('\n').find((line) => line.startsWith('# '))).toBe(`# ${rule.id}`);
  });

  it('the summary table under the title matches the rule meta', () => {
    const properties = Object.keys((rule.meta.schema as { properties?: object } | undefined)?.properties ?? {});
    const expected = [
      '| Type | Preset | Default severity | Options |',
      '| --- | --- | --- | --- |',
      ['', rule.meta.type, `\`${rulePreset(rule)}\``, rule.meta.severity, properties.length > 0 ? properties.map((name) => `\`${name}\``).join(', ') : 'none', '']
        .join(' | ')
        .trim(),
    ].join('\n');
    const lines = (text ?? '').split('\n');
    const at = lines.indexOf(expected.split('\n')[0]!);
    expect(at, 'the page has a `| Type | Preset | Default severity | Options |` table').toBeGreaterThanOrEqual(0);
    expect(lines.slice(at, at + 3).join('\n')).toBe(expected);
  });

  it('documents each option under a ### `name` heading', () => {
    const properties = Object.keys((rule.meta.schema as { properties?: object } | undefined)?.properties ?? {});
    for (const option of properties) expect(page?.h3 ?? [], `missing "### \`${option}\`"`).toContain(`\`${option}\``);
  });

  it('has at least one incorrect and one correct example', () => {
    expect(page?.examples.filter((example) => example.kind === 'incorrect').length ?? 0).toBeGreaterThan(0);
    expect(page?.examples.filter((example) => example.kind === 'correct').length ?? 0).toBeGreaterThan(0);
  });

  it('says in `## Fixes` what `--fix` does and what it suggests, when the rule has fixes or suggestions', () => {
    const fixes = page?.sections['Fixes'];
    if (!rule.meta.fixable && !rule.meta.hasSuggestions) {
      expect(fixes, 'a rule without fixes or suggestions has no `## Fixes` section').toBeUndefined();
      return;
    }
    expect(fixes, 'missing "## Fixes"').toBeDefined();
    if (rule.meta.fixable) expect(fixes).toMatch(/`--fix`/);
    if (rule.meta.hasSuggestions) expect(fixes).toMatch(/suggest/i);
  });

  const examples = page?.examples ?? [];
  for (const example of examples.filter((candidate) => candidate.kind === 'correct' || candidate.kind === 'incorrect')) {
    it(`${example.kind} example at line ${example.line} ${example.kind === 'incorrect' ? 'is reported' : 'is not reported'}`, () => {
      checkExample(rule, example);
    });
  }
  const before = examples.filter((example) => example.kind === 'before');
  before.forEach((example) => {
    it(`\`--fix\` turns the \`before\` example at line ${example.line} into the \`after\` that follows it`, () => {
      checkFixExample(rule, example, examples[examples.indexOf(example) + 1]);
    });
  });
  it('each `after` example follows a `before` one', () => {
    const orphans = examples.filter((example, index) => example.kind === 'after' && examples[index - 1]?.kind !== 'before');
    expect(orphans.map((example) => example.line)).toEqual([]);
  });
});

/** `--fix` with this one rule turns `before` into exactly `after`. */
function checkFixExample(rule: AnyRule, before: Example, after: Example | undefined): void {
  expect(after?.kind, 'a `yaml before` example is followed by a `yaml after` one').toBe('after');
  const testCase = { code: before.code, filename: before.filename, ...(before.files ? { files: before.files } : {}) };
  expect(lintWithRule(rule, testCase).messages.filter((m) => m.ruleId === rule.id).length, 'the `before` example is reported').toBeGreaterThan(0);
  expect(fixWithRule(rule, testCase).output).toBe(after!.code);
}

function checkExample(rule: AnyRule, example: Example): void {
  const result = lintWithRule(rule, { code: example.code, filename: example.filename, ...(example.files ? { files: example.files } : {}) });
  const describe = (list: typeof result.messages) =>
    list.map((m) => `example line ${m.line}:${m.column} ${m.ruleId ?? 'fatal'}/${m.messageId ?? ''} ${m.message}`).join('\n');
  expect(describe(result.messages.filter((m) => m.ruleId !== rule.id)), 'YAML errors or other problems in the example').toBe('');
  const findings = result.messages.filter((m) => m.ruleId === rule.id);
  if (example.kind === 'correct') {
    expect(describe(findings), 'a correct example yields no finding').toBe('');
    return;
  }
  expect(findings.length, 'an incorrect example yields at least one finding').toBeGreaterThan(0);
  const expected = markers(example.code);
  if (expected.size === 0) return;
  // With markers, every finding's line and messageId must be marked, and every marker must be hit.
  const actual = new Map<number, string[]>();
  for (const finding of findings) actual.set(finding.line, [...(actual.get(finding.line) ?? []), finding.messageId ?? ''].sort());
  const show = (map: Map<number, string[]>) => [...map].sort(([a], [b]) => a - b).map(([line, ids]) => `line ${line}: ${ids.join(', ')}`);
  expect(show(actual), `# ERROR markers must match the findings\n${describe(findings)}`).toEqual(show(expected));
}

describe('the docs checker itself', () => {
  // A probe, so these tests do not move with a real rule: `scope` at every key of the workflow's `permissions`.
  const rule = defineRule({
    id: 'probe',
    meta: {
      type: 'problem',
      docs: { description: 'Enforce nothing (test probe)', recommended: false },
      severity: 'error',
      security: { severity: 1, precision: 'high' },
      messages: { scope: 'scope', other: 'other' },
    },
    create: (context) => ({
      workflow: (workflow) => {
        if (workflow.permissions?.kind === 'scopes') for (const entry of workflow.permissions.scopes.values()) context.report({ messageId: 'scope', at: entry.key });
      },
    }),
  }) as unknown as AnyRule;
  const page = readRulePage(
    [
      '---',
      'id: x',
      '---',
      '## Rule details',
      '```yaml incorrect',
      'on: push',
      'permissions:',
      '  id_token: write # ERROR: scope',
      'jobs: {}',
      '```',
      '```yaml incorrect',
      'on: push',
      'permissions:',
      '  id_token: write # ERROR: other',
      'jobs: {}',
      '```',
      '```yaml incorrect',
      'on: push',
      'permissions:',
      '  id_token: write',
      '  contents: read # ERROR: scope',
      'jobs: {}',
      '```',
      '```json file=package.json',
      '{ "name": "x" }',
      '```',
      '```yaml correct filename=action.yml',
      'runs: { using: composite, steps: [] }',
      '```',
      '```yaml correct',
      'on: push',
      'permissions: { id_token: write }',
      '```',
      '```yaml',
      'not: [checked',
      '```',
      '### `allow`',
    ].join('\n'),
  );

  it('reads front matter, headings, examples with their line and filename', () => {
    expect(page.frontMatter).toEqual({ id: 'x' });
    expect(page.h2).toEqual(['Rule details']);
    expect(page.h3).toEqual(['`allow`']);
    expect(page.examples.map((example) => [example.kind, example.line, example.filename])).toEqual([
      ['incorrect', 6, '.github/workflows/example.yml'],
      ['incorrect', 12, '.github/workflows/example.yml'],
      ['incorrect', 18, '.github/workflows/example.yml'],
      ['correct', 28, 'action.yml'],
      ['correct', 31, '.github/workflows/example.yml'],
    ]);
    // A file fence serves every example after it.
    expect(page.examples.map((example) => example.files)).toEqual([undefined, undefined, undefined, { 'package.json': '{ "name": "x" }\n' }, { 'package.json': '{ "name": "x" }\n' }]);
  });

  it('passes a marker that matches and fails markers that do not, and a correct example with findings', () => {
    const [good, wrongId, wrongLine, correctAction, correctButReported] = page.examples;
    expect(() => checkExample(rule, good!)).not.toThrow();
    expect(() => checkExample(rule, wrongId!)).toThrow(/# ERROR markers must match/);
    expect(() => checkExample(rule, wrongLine!)).toThrow(/# ERROR markers must match/);
    expect(() => checkExample(rule, correctAction!)).not.toThrow();
    expect(() => checkExample(rule, correctButReported!)).toThrow(/a correct example yields no finding/);
  });

  it('reads `## Fixes` and its before/after pairs, and checks a pair against the fix', () => {
    const fixable = defineRule({
      id: 'probe-fix',
      meta: {
        type: 'problem',
        docs: { description: 'Enforce nothing (test probe)', recommended: false },
        severity: 'error',
        security: { severity: 1, precision: 'high' },
        fixable: 'code',
        messages: { scope: 'scope' },
      },
      create: (context) => ({
        workflow: (workflow) => {
          if (workflow.permissions?.kind !== 'scopes') return;
          for (const entry of workflow.permissions.scopes.values()) {
            if (entry.key.text === 'id_token') context.report({ messageId: 'scope', at: entry.key, fix: context.fixer.replaceScalar(entry.key, 'id-token') });
          }
        },
      }),
    }) as unknown as AnyRule;
    const fixesPage = readRulePage(['## Fixes', '`--fix` renames it.', '```yaml before', 'on: push', 'permissions: { id_token: write }', '```', '```yaml after', 'on: push', 'permissions: { id-token: write }', '```', '```yaml after', 'on: push', '```'].join('\n'));
    expect(fixesPage.sections['Fixes']).toContain('`--fix` renames it.');
    const [before, after, wrongAfter] = fixesPage.examples;
    expect([before?.kind, after?.kind, wrongAfter?.kind]).toEqual(['before', 'after', 'after']);
    expect(() => checkFixExample(fixable, before!, after)).not.toThrow();
    expect(() => checkFixExample(fixable, before!, wrongAfter)).toThrow();
    expect(() => checkFixExample(fixable, before!, undefined)).toThrow(/followed by a `yaml after`/);
  });

  it('fails an incorrect example without findings and an example with a YAML error', () => {
    expect(() => checkExample(rule, { kind: 'incorrect', code: 'on: push\njobs: {}\n', line: 1, filename: '.github/workflows/e.yml' })).toThrow(
      /at least one finding/,
    );
    expect(() => checkExample(rule, { kind: 'correct', code: 'on: [push\n', line: 1, filename: '.github/workflows/e.yml' })).toThrow(
      /YAML errors or other problems/,
    );
  });
});
