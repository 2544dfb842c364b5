import { defineView } from '../../engine/project.js';
import type { Analysis } from '../context.js';

/** One `key=value` line of an `.npmrc` (comment lines, starting with `#` or `;`, are not entries). */
export interface NpmrcEntry {
  readonly key: string;
  readonly value: string;
}

/** A committed `.npmrc`, as npm's ini reader sees it. */
export interface Npmrc {
  readonly path: string;
  readonly entries: readonly NpmrcEntry[];
}

const NPMRC = defineView<Npmrc>('.npmrc', (file) => {
  const entries: NpmrcEntry[] = [];
  for (const line of file.text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(line)) continue;
    const equals = line.indexOf('=');
    if (equals === -1) continue;
    entries.push({ key: line.slice(0, equals).trim(), value: line.slice(equals + 1).trim() });
  }
  return { path: file.relativePath, entries };
});

/** The repository's committed `.npmrc`, or undefined when there is none. */
export function projectNpmrc(context: Analysis): Npmrc | undefined {
  return context.project.view(NPMRC, '.npmrc');
}

/** The first entry of a key (`registry`, `provenance`). */
export function npmrcValue(npmrc: Npmrc | undefined, key: string): string | undefined {
  return npmrc?.entries.find((entry) => entry.key === key)?.value;
}

/** Variables an `.npmrc` reads a token from: `//registry.npmjs.org/:_authToken=${NPM_TOKEN}`. */
export function npmrcTokenVariables(npmrc: Npmrc | undefined): ReadonlySet<string> {
  const names = new Set<string>();
  for (const entry of npmrc?.entries ?? []) {
    if (!/_authToken$/.test(entry.key)) continue;
    for (const match of entry.value.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]!);
  }
  return names;
}

/** Whether the `.npmrc` holds a token line at all (a literal or a variable). */
export function npmrcHasToken(npmrc: Npmrc | undefined): boolean {
  return npmrc?.entries.some((entry) => /_authToken$/.test(entry.key)) === true;
}
