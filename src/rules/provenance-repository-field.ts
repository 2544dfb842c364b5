import type { ActionNode, JobNode } from '../engine/ast.js';
import { defineRule, type RelatedLocation } from '../engine/rule.js';
import type { Location } from '../engine/source-file.js';
import type { Analysis } from '../domain/context.js';
import { asObject, packageJsonLocation, type PackageJson } from '../domain/project/package-json.js';
import { npmPublishFacts } from '../domain/registries/npm/facts.js';
import { expectedProvenance } from '../domain/registries/npm/provenance-expected.js';
import { publishedPackages, type PublishedPackage } from '../domain/registries/npm/published-packages.js';
import { canonicalRepository, compareRepository, repositoryField, type GitHubRepository } from '../domain/registries/npm/repository-field.js';
import type { NpmPublish } from '../domain/registries/npm/sites.js';
import type { RepositorySettings } from '../domain/settings.js';

/** Longest repository value quoted in a message. */
const MAX_QUOTED = 100;

function quoted(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 3)}...` : text;
}

/**
 * npm's registry checks a provenance statement against the package it comes with: the manifest's
 * `repository.url` must name the GitHub repository the workflow ran in, and it compares
 * case-sensitively. Otherwise the publish fails after the statement was signed and logged:
 * `E422 … Error verifying sigstore provenance bundle: Failed to validate repository information:
 * package.json: "repository.url" is "…", expected to match "https://github.com/<Owner>/<Repo>" from
 * provenance` (npm Docs, "Generating provenance statements": "a public `repository` that matches
 * (case-sensitive) where you are publishing with provenance from"; "Trusted publishing for npm
 * packages": "your package's `repository.url` field in `package.json` must exactly match your GitHub
 * repository"; the error text from npm/cli#8036 and #7978). Only the URL is checked: every reported
 * failure names `repository.url`, none `repository.directory`.
 */
export const provenanceRepositoryField = defineRule({
  id: 'provenance-repository-field',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every package published with npm provenance to name its GitHub repository, exactly, in package.json `repository`',
      recommended: true,
    },
    severity: 'error',
    preset: 'recommended',
    security: { severity: 3.1, precision: 'high', tags: ['npm', 'provenance', 'trusted-publishing', 'correctness'] },
    messages: {
      missingRepository:
        '`{{name}}` ({{path}}) has no `repository` URL, but this publish {{why}}, and the registry refuses the provenance with `E422 … "repository.url" is "", expected to match "{{expectedUrl}}" from provenance`. Add `"repository": {{fix}}` to {{path}}.',
      notGitHubRepository:
        'The `repository` of `{{name}}` ({{path}}) is `{{found}}`, not a github.com repository, but this publish {{why}}, and the registry refuses the provenance with `E422 … expected to match "{{expectedUrl}}" from provenance`. Set `"repository": {{fix}}` in {{path}}.',
      wrongRepository:
        'The `repository` of `{{name}}` ({{path}}) names `{{found}}`, but this workflow runs in `{{expected}}` (`settings.repository`), and this publish {{why}}: the registry refuses the provenance with `E422 … expected to match "{{expectedUrl}}" from provenance`. Set `"repository": {{fix}}` in {{path}}.',
      repositoryCase:
        'The `repository` of `{{name}}` ({{path}}) names `{{found}}`, which differs in letter case from `{{expected}}` (`settings.repository`); npm compares case-sensitively, and this publish {{why}}, so the registry refuses the provenance with `E422 … expected to match "{{expectedUrl}}" from provenance`. Set `"repository": {{fix}}` in {{path}}.',
    },
  },
  create(context) {
    const canonical = canonicalRepository((context.settings as RepositorySettings).repository);
    // A package that several publishes of the file publish is reported once: at the first publish
    // that certainly adds provenance, else at the first that may. So thousands of publishes of a
    // large workspace stay one finding per package.
    const problems = new Map<string, Problem | undefined>();
    const findings = new Map<string, Finding>();
    const collect = (container: JobNode | ActionNode) => {
      const facts = npmPublishFacts(context, container);
      for (const publish of facts.npmjsPublishes) {
        for (const published of publishedPackages(context, publish).packages) {
          const path = published.manifest.path;
          const current = findings.get(path);
          if (current?.expectation === 'explicit' || (problems.has(path) && problems.get(path) === undefined)) continue;
          // `explicit`: npm signs a statement or fails. `if-public`: trusted publishing adds provenance
          // only from a public repository, which the workflow does not show, so the finding is a warning.
          const expectation = expectedProvenance(context, facts, publish, published.provenance);
          if (expectation !== 'explicit' && (expectation !== 'if-public' || current)) continue;
          if (!problems.has(path)) problems.set(path, problemOf(published.manifest, canonical));
          const problem = problems.get(path);
          if (problem) findings.set(path, { publish, published, expectation, problem });
        }
      }
    };
    const flush = () => {
      for (const { publish, published, expectation, problem } of findings.values()) {
        const manifest = published.manifest;
        const expected = canonical ? `${canonical.owner}/${canonical.repo}` : '<owner>/<repo>';
        const directory = manifest.directory === '' ? '' : `, "directory": "${manifest.directory}"`;
        context.report({
          messageId: problem.messageId,
          at: publish.span,
          data: {
            name: manifest.name ?? manifest.path,
            path: manifest.path,
            found: problem.found,
            expected,
            expectedUrl: `https://github.com/${expected}`,
            why: expectation === 'explicit' ? 'asks for provenance' : 'goes through trusted publishing, which adds provenance when the repository is public',
            fix: `{ "type": "git", "url": "git+https://github.com/${expected}.git"${directory} }`,
          },
          related: relatedOf(context, publish, published, problem.messageId === 'missingRepository'),
          ...(expectation === 'if-public' ? { severity: 'warn' as const } : {}),
        });
      }
      findings.clear();
    };
    return { job: collect, action: collect, 'workflow:exit': flush, 'action:exit': flush };
  },
});

type Problem = { readonly messageId: 'missingRepository' | 'notGitHubRepository' | 'wrongRepository' | 'repositoryCase'; readonly found: string };

interface Finding {
  readonly publish: NpmPublish;
  readonly published: PublishedPackage;
  readonly expectation: 'explicit' | 'if-public';
  readonly problem: Problem;
}

/**
 * What is wrong with a package's `repository` for provenance from `canonical`. Without the
 * `repository` setting only a missing or non-GitHub one is certain: another `owner/repo`, even one
 * that differs from the other packages of the same workflow, may be this repository's.
 */
function problemOf(manifest: PackageJson, canonical: GitHubRepository | undefined): Problem | undefined {
  const field = repositoryField(manifest.json);
  if (field.kind === 'missing') return { messageId: 'missingRepository', found: '' };
  if (field.kind === 'other') return { messageId: 'notGitHubRepository', found: quoted(field.url) };
  if (field.kind !== 'github' || !canonical) return undefined;
  const match = compareRepository(field, canonical);
  if (match === 'same') return undefined;
  return { messageId: match === 'case' ? 'repositoryCase' : 'wrongRepository', found: quoted(`${field.owner}/${field.repo}`) };
}

/** The package.json's `repository` (or its opening brace when there is none), the provenance signal, and the chain to the publish. */
function relatedOf(context: Analysis, publish: NpmPublish, published: PublishedPackage, missing: boolean): RelatedLocation[] {
  const manifest = published.manifest;
  const related: RelatedLocation[] = [];
  const field = repositoryLocation(context, manifest, missing);
  if (field) related.push({ at: field, message: missing ? `\`${manifest.name ?? manifest.path}\` has no \`repository\`` : `\`repository\` of \`${manifest.name ?? manifest.path}\`` });
  // Where provenance is asked for, unless it is a flag of the reported command itself.
  const provenance = published.provenance;
  if (provenance.state === 'enabled' && provenance.source !== 'flag') {
    const turnedOn = provenance.source === 'project' && manifest.publishConfig?.provenance === true ? packageJsonLocation(context, manifest, ['publishConfig', 'provenance']) : provenance.at;
    if (turnedOn) related.push({ at: turnedOn, message: 'provenance turned on here' });
  }
  return [...related, ...publish.chain];
}

function repositoryLocation(context: Analysis, manifest: PackageJson, missing: boolean): Location | undefined {
  if (missing && manifest.json.repository === undefined && manifest.json.repositories === undefined) {
    const whole = packageJsonLocation(context, manifest, []);
    return whole && { file: whole.file, span: { start: whole.span.start, end: whole.span.start + 1 } };
  }
  if (manifest.json.repositories !== undefined) return packageJsonLocation(context, manifest, ['repositories']);
  const keys = typeof asObject(manifest.json.repository)?.url === 'string' ? ['repository', 'url'] : ['repository'];
  return packageJsonLocation(context, manifest, keys);
}
