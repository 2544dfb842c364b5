import type { Edit } from '../engine/fix/edit.js';
import type { YamlFixer } from '../engine/fix/yaml-fixer.js';
import { defineRule } from '../engine/rule.js';
import { jobCacheRestores, type CacheRestore } from '../domain/caches.js';
import { hardenedJob } from '../domain/publish/publish-capable.js';
import { removeStepEntry, replaceStepInput, setStepInput } from '../domain/step-edits.js';

/** The safe fix of one restore: turn the cache off without changing anything else the step does. */
function cacheFix(fixer: YamlFixer, restore: CacheRestore): Edit[] | undefined {
  const step = restore.step;
  if (restore.kind === 'automatic') return setStepInput(fixer, step, 'package-manager-cache', 'false');
  if (restore.kind !== 'input') return undefined;
  switch (restore.action) {
    case 'actions/setup-node':
      // v5+ caches by itself once `cache:` is gone (with `packageManager` in package.json): say no in its place.
      if (restore.version && restore.version.major >= 5) return replaceStepInput(fixer, step, restore.entry, 'package-manager-cache', 'false');
      return removeStepEntry(fixer, step, 'with', restore.entry);
    case 'actions/setup-python':
    case 'actions/setup-java':
    case 'actions/setup-dotnet':
      return removeStepEntry(fixer, step, 'with', restore.entry);
    case 'actions/setup-go':
    case 'astral-sh/setup-uv':
      // Both cache by default in recent majors: `false` rather than removal.
      return setStepInput(fixer, step, restore.entry.key.text, 'false');
    default:
      // `bundler-cache: true` also runs `bundle install`: turning it off changes the job.
      return undefined;
  }
}

/**
 * A job that can publish and restores an Actions cache runs whatever the cache holds, and any job
 * of the repository (a pull request's too) may have written it: the TanStack (May 2026) and
 * Ultralytics (December 2024) releases were poisoned through the cache.
 */
export const publishJobNoCache = defineRule({
  id: 'publish-job-no-cache',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow restoring GitHub Actions caches in jobs that can publish',
      recommended: true,
    },
    severity: 'error',
    preset: 'recommended',
    security: { severity: 8.1, precision: 'high', tags: ['external/cwe/cwe-349', 'supply-chain', 'cache-poisoning', 'publish-job'] },
    fixable: 'code',
    messages: {
      cacheAction:
        'Job `{{job}}` {{why}}, and `{{action}}` restores a cache here that any job of the repository, a pull request\'s included, may have written: a poisoned cache runs with the publish credentials. Remove the cache from this job (or set `cache-mode: none` on it).',
      cacheInput:
        'Job `{{job}}` {{why}}, and `{{input}}` makes `{{action}}` restore a cache that any job of the repository, a pull request\'s included, may have written: a poisoned cache runs with the publish credentials. {{fix}}',
      automaticCache:
        'Job `{{job}}` {{why}}, and `actions/setup-node@{{version}}` restores the {{manager}} cache by itself because package.json declares `packageManager`: a poisoned cache runs with the publish credentials. Set `package-manager-cache: false` on this step.',
    },
  },
  create(context) {
    return {
      job(job) {
        const capable = hardenedJob(context, job);
        if (!capable) return;
        const why = capable.why;
        const related = [{ at: capable.shownAt, message: 'this job can publish' }];
        for (const restore of jobCacheRestores(context, job)) {
          const fix = cacheFix(context.fixer, restore);
          if (restore.kind === 'action') {
            context.report({ messageId: 'cacheAction', at: restore.step.uses!.scalar, data: { job: job.id, why, action: restore.action }, related });
          } else if (restore.kind === 'input') {
            const input = `${restore.entry.key.text}: ${restore.entry.value.type === 'scalar' ? restore.entry.value.text : ''}`.trim();
            const advice =
              restore.action === 'actions/setup-node'
                ? 'Remove the `cache` input and set `package-manager-cache: false` (or `cache-mode: none` on the job).'
                : restore.action === 'ruby/setup-ruby'
                  ? 'Remove `bundler-cache: true` and run `bundle install` in a step of its own (or set `cache-mode: none` on the job).'
                  : `Turn the cache off: remove \`${restore.entry.key.text}\` or set it to \`false\` (or set \`cache-mode: none\` on the job).`;
            context.report({ messageId: 'cacheInput', at: restore.entry, data: { job: job.id, why, input, action: restore.action, fix: advice }, related, fix });
          } else {
            const ref = restore.step.uses?.ref;
            const version = ref && !/^[0-9a-f]{40}$/i.test(ref) ? ref : `v${restore.version.major}`;
            context.report({ messageId: 'automaticCache', at: restore.step.uses!.scalar, data: { job: job.id, why, version, manager: restore.manager }, related, fix });
          }
        }
      },
    };
  },
});
