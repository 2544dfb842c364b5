import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GENERATED_PATH, ruleHelpModule } from '../scripts/rule-help.js';
import { allRules } from '../src/rules/index.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const path = fileURLToPath(new URL(`../${GENERATED_PATH}`, import.meta.url));

describe('rule help for code scanning', () => {
  it(`${GENERATED_PATH} is generated from docs/rules (regenerate with \`npm run build\`)`, () => {
    const generated = ruleHelpModule(repoRoot);
    if (process.env.UPDATE_RULE_HELP === '1') writeFileSync(path, generated);
    expect(existsSync(path) ? readFileSync(path, 'utf8') : '', `${GENERATED_PATH} is out of date; run \`npm run build\` and commit it`).toBe(generated);
  });

  it('every built-in rule carries its help and docs URL in its meta', () => {
    for (const rule of allRules) {
      expect(rule.meta.docs.help?.why, rule.id).toBeTruthy();
      expect(rule.meta.docs.url).toBe(`https://github.com/trustlint/trustlint/blob/main/docs/rules/${rule.id}.md`);
    }
  });
});
