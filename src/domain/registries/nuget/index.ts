/**
 * NuGet (nuget.org) as a registry module: `dotnet nuget push` and `nuget push` (also `nuget.exe`,
 * from bash or PowerShell), the publish-nuget actions, their API-key channels, and `NuGet/login`,
 * which exchanges the job's OIDC token for a one-hour nuget.org API key (its `NUGET_API_KEY`
 * output). Neither CLI does that exchange itself. Sources: notes/registries.md §4 (dotnet/docs
 * `dotnet-nuget-push.md`, NuGet docs `cli-ref-push.md` and `nuget-org/trusted-publishing.md`,
 * NuGet/login `action.yml`, `src/index.ts`).
 */
import type { StepNode } from '../../../engine/ast.js';
import type { Analysis } from '../../context.js';
import { commandName } from '../../commands/launchers.js';
import { hasExpression } from '../../expressions.js';
import { joinPath, stepDirectories } from '../../project/paths.js';
import { runCommands, type SourceWord } from '../../run-script.js';
import { inputText } from '../../steps.js';
import { flagCredential, inputCredential, optionValue, targetFromUrl } from '../shared.js';
import type { Credential, OidcExchange, PublishSite, PublishTarget, RegistryModule } from '../types.js';
import { isNugetToken, NUGET_TOKEN_ENV_NAMES, NUGET_TOKEN_FORMATS } from './tokens.js';

/** nuget.org's push and service hosts, as workflows spell them (`https://api.nuget.org/v3/index.json`, `https://www.nuget.org/api/v2/package`). */
export const NUGET_HOSTS: readonly string[] = ['api.nuget.org', 'www.nuget.org', 'nuget.org'];

export type NugetTool = 'dotnet' | 'nuget' | 'publish-nuget-action';

const TOOL_NAMES: Readonly<Record<NugetTool, string>> = { dotnet: '`dotnet nuget push`', nuget: '`nuget push`', 'publish-nuget-action': '`publish-nuget`' };

/** Options per CLI: the key, the symbol-server key and the source (nuget.exe's are case-insensitive). */
const OPTIONS: Readonly<Record<'dotnet' | 'nuget', { key: string[]; symbolKey: string[]; source: string[]; ignoreCase: boolean }>> = {
  dotnet: { key: ['-k', '--api-key'], symbolKey: ['-sk', '--symbol-api-key'], source: ['-s', '--source'], ignoreCase: false },
  nuget: { key: ['-ApiKey'], symbolKey: ['-SymbolApiKey'], source: ['-Source', '-src'], ignoreCase: true },
};

/** nuget.exe push options that take a value, lower-case: the API key may also be the second positional argument. */
const NUGET_VALUED = new Set(['-source', '-src', '-apikey', '-symbolsource', '-symbolapikey', '-timeout', '-t', '-configfile', '-verbosity']);

/** A source given by URL (by its host) or by name (`nuget.org` is the default source's name; any other name is in a NuGet.Config). */
function targetOf(value: string): PublishTarget {
  const text = value.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || hasExpression(text) || text.includes('$')) return targetFromUrl(text, NUGET_HOSTS, 'flag');
  return text.toLowerCase() === 'nuget.org' ? { url: text, official: true, source: 'flag' } : { official: undefined, source: 'flag' };
}

/** `dotnet nuget push`, `nuget push`, `nuget.exe push` (PowerShell's `&` call operator allowed): the tool and the index of `push`. */
function detect(words: readonly string[]): { tool: 'dotnet' | 'nuget'; push: number } | undefined {
  const start = words[0] === '&' ? 1 : 0;
  const name = commandName(words[start]).toLowerCase().replace(/\.exe$/, '');
  if (name === 'dotnet' && words[start + 1] === 'nuget' && words[start + 2] === 'push') return { tool: 'dotnet', push: start + 2 };
  if (name === 'nuget' && words[start + 1]?.toLowerCase() === 'push') return { tool: 'nuget', push: start + 1 };
  return undefined;
}

function sitesOfStep(context: Analysis, step: StepNode): PublishSite[] {
  const uses = step.uses;
  if (uses) {
    if (uses.kind !== 'repository' || (uses.name !== 'brandedoutcast/publish-nuget' && uses.name !== 'alirezanet/publish-nuget')) return [];
    const source = inputText(step, 'NUGET_SOURCE') ?? inputText(step, 'nuget_source');
    const target = source === undefined ? { url: 'https://api.nuget.org', official: true, source: 'default' as const } : { ...targetOf(source), source: 'input' as const };
    return [{ registry: 'nuget', tool: 'publish-nuget-action', toolName: `\`${uses.name}\``, step, span: uses.scalar.span, via: 'uses', args: [], chain: [], target, provenance: { state: 'unset' }, oidc: 'never' }];
  }
  const found: PublishSite[] = [];
  for (const command of runCommands(context, step)) {
    const words = command.words.map((word) => word.value);
    const detected = detect(words);
    if (!detected) continue;
    const options = OPTIONS[detected.tool];
    const source = optionValue(command.words, options.source, detected.push + 1, options.ignoreCase);
    found.push({
      registry: 'nuget',
      tool: detected.tool,
      toolName: TOOL_NAMES[detected.tool],
      step,
      span: command.span,
      via: 'run',
      command,
      args: words.slice(detected.push - (detected.tool === 'dotnet' ? 2 : 1)),
      chain: [],
      // Without a source the push goes to `DefaultPushSource` of a NuGet.Config.
      target: source ? targetOf(source.value) : defaultPushSource(context, step),
      provenance: { state: 'unset' },
      oidc: 'never',
    });
  }
  return found;
}

const CONFIG_NAMES = ['nuget.config', 'NuGet.Config', 'NuGet.config'];

/**
 * `DefaultPushSource` of the repository's NuGet.Config (the step's directory, then the root): a
 * URL, or a source name its `<packageSources>` maps to a URL. Without one in view the push's feed
 * is not known (a user or machine config may set it).
 */
function defaultPushSource(context: Analysis, step: StepNode): PublishTarget {
  for (const directory of stepDirectories(step)) {
    for (const name of CONFIG_NAMES) {
      const text = context.project.text(joinPath(directory, name))?.replace(/<!--[\s\S]*?-->/g, '');
      if (text === undefined) continue;
      const value = /<add\s+key\s*=\s*"DefaultPushSource"\s+value\s*=\s*"([^"]*)"/i.exec(text)?.[1];
      if (value === undefined) continue;
      const key = value.replace(/[^\w.-]/g, '').replace(/\./g, '\\.');
      const mapped = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : (new RegExp(`<add\\s+key\\s*=\\s*"${key}"\\s+value\\s*=\\s*"([^"]*)"`, 'i').exec(text)?.[1] ?? value);
      return { ...targetOf(mapped), source: 'project' };
    }
  }
  return { official: undefined, source: 'default' };
}

/** nuget.exe's second positional argument after `push`: the API key (`nuget push foo.nupkg <key> -Source …`). */
function positionalKey(words: readonly SourceWord[], from: number): SourceWord | undefined {
  let positional = 0;
  for (let index = from; index < words.length; index++) {
    const word = words[index]!.value;
    if (word.startsWith('-')) {
      if (NUGET_VALUED.has(word.toLowerCase())) index++;
      continue;
    }
    positional++;
    if (positional === 2) return words[index];
  }
  return undefined;
}

function visible(context: Analysis, site: PublishSite): readonly Credential[] {
  return context.facts.memo('nuget-visible-credentials', site, () => {
    const step = site.step;
    const found: Credential[] = [];
    if (site.tool === 'publish-nuget-action') {
      const input = inputCredential(step, 'nuget', 'NUGET_KEY', 'nuget') ?? inputCredential(step, 'nuget', 'nuget_key', 'nuget');
      if (input) found.push(input);
      return found;
    }
    if (!site.command || site.inAction) return found;
    const words = site.command.words;
    const push = words.length - site.args.length + (site.tool === 'dotnet' ? 2 : 1);
    const options = OPTIONS[site.tool as 'dotnet' | 'nuget'];
    for (const names of [options.key, options.symbolKey]) {
      const value = optionValue(words, names, push + 1, options.ignoreCase);
      const flag = flagCredential(step, 'nuget', value, names[names.length - 1]!, 'nuget', isNugetToken);
      if (flag) found.push(flag);
    }
    if (site.tool === 'nuget') {
      const flag = flagCredential(step, 'nuget', positionalKey(words, push + 1), 'push <package> <apiKey>', 'nuget', isNugetToken);
      if (flag) found.push(flag);
    }
    return found;
  });
}

/** `NuGet/login` for nuget.org (its `token-service-url` default, or a nuget.org one). */
function oidcExchangeOfStep(_context: Analysis, step: StepNode): OidcExchange | undefined {
  const uses = step.uses;
  if (uses?.kind !== 'repository' || uses.name !== 'nuget/login') return undefined;
  const url = inputText(step, 'token-service-url');
  if (url !== undefined && targetFromUrl(url, NUGET_HOSTS, 'input').official !== true) return undefined;
  return { registry: 'nuget', step, span: uses.scalar.span, what: '`NuGet/login`' };
}

export const nugetRegistry: RegistryModule = {
  id: 'nuget',
  name: 'NuGet',
  hosts: NUGET_HOSTS,
  tokenEnvNames: NUGET_TOKEN_ENV_NAMES,
  commands: ['dotnet', 'nuget'],
  actions: ['brandedoutcast/publish-nuget', 'alirezanet/publish-nuget', 'nuget/login'],
  oidc: '`NuGet/login` exchanges the job\'s OIDC token for a one-hour nuget.org API key (its `NUGET_API_KEY` output) that `dotnet nuget push --api-key` takes',
  tokenFormats: NUGET_TOKEN_FORMATS,
  settingsSchema: {},
  sitesOfStep,
  visibleCredentials: visible,
  credentialsFor: visible,
  oidcExchangeOfStep,
};
