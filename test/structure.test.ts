/**
 * The structure the project holds itself to: no module-level state in domain or rule code (facts go
 * through the per-run fact store), no import cycle, no source file over 500 lines, formatters that
 * read no files, and an engine that names no registry.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

const files = sources(src).sort();
const text = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]));
const rel = (file: string) => relative(src, file).split('\\').join('/');
const isDomainOrRule = (file: string) => rel(file).startsWith('domain/') || rel(file).startsWith('rules/');

/** Runtime imports (type-only imports make no cycle) of a file, resolved to files of src/. */
function imports(file: string): string[] {
  const found: string[] = [];
  for (const match of text.get(file)!.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
    if (match[1]) continue;
    const target = resolve(dirname(file), match[2]!).replace(/\.js$/, '.ts');
    if (text.has(target)) found.push(target);
  }
  return found;
}

describe('source structure', () => {
  it('domain and rule code declares no module-level Map, WeakMap or WeakSet (facts go through the fact store)', () => {
    const offenders = files
      .filter(isDomainOrRule)
      .flatMap((file) =>
        text
          .get(file)!
          .split('\n')
          .flatMap((line, index) => (/^(export\s+)?(const|let|var)\s+\w+\s*(:[^=]+)?=\s*new\s+(WeakMap|Map|WeakSet)\b/.test(line) ? [`${rel(file)}:${index + 1}`] : [])),
      );
    expect(offenders).toEqual([]);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'visiting');
      stack.push(file);
      for (const next of imports(file)) {
        if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next].map(rel).join(' -> '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('keeps every hand-written source file under 500 lines', () => {
    const long = files.filter((file) => !file.endsWith('.generated.ts')).filter((file) => text.get(file)!.split('\n').length > 500);
    expect(long.map(rel)).toEqual([]);
  });

  it('formatters read no files, and the engine names no registry', () => {
    expect(files.filter((file) => rel(file).startsWith('formatters/') && /from\s+['"](node:)?fs['"]/.test(text.get(file)!)).map(rel)).toEqual([]);
    expect(files.filter((file) => rel(file).startsWith('engine/') && /npmTokenEnvNames|registry\.npmjs\.org|NPM_TOKEN|pypi\.org|crates\.io|nuget\.org|rubygems\.org|\.npmrc|\.yarnrc|\.pypirc/.test(text.get(file)!)).map(rel)).toEqual([]);
  });
});
