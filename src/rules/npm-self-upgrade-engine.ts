import type { StepNode } from '../engine/ast.js';
import { defineRule } from '../engine/rule.js';
import { nodeAt, nodeLabel } from '../domain/registries/npm/tools/node.js';
import { npmSpecRange, npmUpgradesIn } from '../domain/registries/npm/tools/npm.js';
import { NPM_11_ENGINES, NPM_12_ENGINES } from '../domain/registries/npm/tools/thresholds.js';
import { compareRange, rangeWithin } from '../domain/semver-range.js';

export const npmSelfUpgradeEngine = defineRule({
  id: 'npm-self-upgrade-engine',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow upgrading npm to `latest` (npm 12) on a Node version that npm 12 does not support',
      recommended: true,
    },
    severity: 'error',
    preset: 'recommended',
    security: { severity: 3.0, precision: 'very-high', tags: ['npm', 'trusted-publishing', 'correctness'] },
    messages: {
      unsupportedNode:
        '`{{command}}` installs npm 12, which requires Node `{{engines}}`; on Node {{node}} the install fails with `EBADENGINE`. {{fix}}',
    },
  },
  create(context) {
    const check = (step: StepNode) => {
      for (const upgrade of npmUpgradesIn(context, step)) {
        // Only npm itself refuses an engine mismatch; pnpm, Yarn and bun install npm 12 with a warning.
        if (upgrade.via !== 'npm') continue;
        // `--force` turns npm's engine check for its own upgrade into a warning.
        if (upgrade.command.words.some((word) => word.value === '--force' || word.value === '-f' || word.value === '--force=true')) continue;
        if (compareRange(npmSpecRange(upgrade.spec), '12.0.0') !== 'at-least') continue;
        const node = nodeAt(context, step, upgrade.command.index);
        if (rangeWithin(node.range, NPM_12_ENGINES.range) !== 'outside') continue;
        const npm11 = rangeWithin(node.range, NPM_11_ENGINES.range);
        const fix =
          npm11 === 'inside'
            ? 'Pin the major: `npm install -g npm@^11.5.1` (it does trusted publishing and runs on this Node), or move to Node 24.'
            : npm11 === 'outside'
              ? 'npm 11 does not support this Node either: use `node-version: 24` (it bundles an npm that does trusted publishing) and drop the upgrade.'
              : 'Pin the major: `npm install -g npm@^11.5.1` (npm 11 needs Node 20.17.0 or later), or move to Node 24.';
        const command = context.file.text.slice(upgrade.command.span.start, upgrade.command.span.end);
        context.report({
          messageId: 'unsupportedNode',
          at: upgrade.command.span,
          data: { command: command.length > 60 ? `${command.slice(0, 57)}...` : command, engines: NPM_12_ENGINES.range, node: nodeLabel(node), fix },
          ...(node.at ? { related: [{ at: node.at, message: 'the Node version is set here' }] } : {}),
        });
      }
    };
    return { step: check };
  },
});
