/**
 * `trustlint --lsp`: a language server over stdio (docs/editors.md). Diagnostics on open, change and
 * save for workflows, action metadata, credential files and trustlint config files; quick fixes from
 * fixes and suggestions; hover with the rule's docs; and the workflows that read a file (package.json,
 * a called workflow, a local action) re-linted when it changes, open or on disk.
 *
 * Its libraries are imported only when `--lsp` starts it, from their own bundle (`./vendor.ts` →
 * dist/lsp-vendor.cjs): no other run of the CLI loads or compiles them.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LintMessage } from '../engine/result.js';
import type { Plugin } from '../engine/plugin.js';
import { pluginRules } from '../engine/plugin.js';
import type { AnyRule } from '../engine/rule.js';
import { VERSION } from '../version.js';
import { dependsOn, documentKind, lintDocument, type DocumentKind, type DocumentLint } from './lint-document.js';
import type { CodeAction, Diagnostic, Hover, TextDocument } from './vendor.js';

type Vendor = typeof import('./vendor.js');

/** What the server keeps of a document's last lint: its version (stale offsets offer no fix) and kind. */
interface Linted extends DocumentLint {
  readonly version: number;
  readonly kind: DocumentKind;
}

const pathOf = (uri: string): string | undefined => {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
};

/** trustlint: 1-based lines and columns, exclusive end, UTF-16. LSP: 0-based lines and characters, UTF-16. */
function rangeOf(message: LintMessage) {
  return {
    start: { line: message.line - 1, character: message.column - 1 },
    end: { line: message.endLine - 1, character: message.endColumn - 1 },
  };
}

function toDiagnostic({ DiagnosticSeverity }: Vendor, message: LintMessage, rules: ReadonlyMap<string, AnyRule>, uri: string): Diagnostic {
  const url = message.ruleId ? rules.get(message.ruleId)?.meta.docs.url : undefined;
  return {
    range: rangeOf(message),
    severity: message.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: 'trustlint',
    ...(message.ruleId ? { code: message.ruleId } : {}),
    ...(url ? { codeDescription: { href: url } } : {}),
    message: message.message,
    ...(message.related?.length
      ? {
          relatedInformation: message.related.map((related) => ({
            location: { uri: related.filePath ? pathToFileURL(related.filePath).href : uri, range: rangeOf({ ...related, ruleId: null, severity: 1 }) },
            message: related.message,
          })),
        }
      : {}),
  };
}

/** The hover text of a rule: its description, why it matters (from its docs page) and the link. */
export function ruleHover(rule: AnyRule): string {
  const why = rule.meta.docs.help?.why.split(/\n\s*\n/)[0]?.replace(/\n/g, ' ');
  const lines = [`**trustlint/${rule.id}**: ${rule.meta.docs.description}`];
  if (why) lines.push(why);
  if (rule.meta.docs.url) lines.push(`[Documentation](${rule.meta.docs.url})`);
  return lines.join('\n\n');
}

/** Loads the server's libraries (their own bundle), then serves until the client sends `exit`. */
export async function startLanguageServer(plugins: readonly Plugin[]): Promise<void> {
  serve(await import('./vendor.js'), plugins);
}

function serve(vendor: Vendor, plugins: readonly Plugin[]): void {
  const { CodeActionKind, createConnection, DidChangeWatchedFilesNotification, MarkupKind, ProposedFeatures, TextDocument, TextDocuments, TextDocumentSyncKind } = vendor;
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  // stdout carries JSON-RPC: anything a library or rule logs goes to stderr (editors show it in the server log).
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    console[level] = (...args: unknown[]) => process.stderr.write(`${args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ')}\n`);
  }
  const rules = new Map(pluginRules(plugins).map((rule) => [rule.id, rule]));
  const documents = new TextDocuments(TextDocument);
  // Per server process (one editor session): each document's last lint, dropped when it closes.
  const linted = new Map<string, Linted>();

  const openText = (path: string): string | undefined => documents.get(pathToFileURL(path).href)?.getText();

  const validate = (document: TextDocument): void => {
    const path = pathOf(document.uri);
    const kind = path ? documentKind(path, plugins) : undefined;
    if (!path || !kind) return;
    let lint: DocumentLint;
    try {
      lint = lintDocument(path, document.getText(), kind, plugins, openText);
    } catch (error) {
      const message = `trustlint: internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      lint = { messages: [{ ruleId: null, severity: 2, message, line: 1, column: 1, endLine: 1, endColumn: 1 }], root: path, dependencies: [] };
    }
    linted.set(document.uri, { ...lint, version: document.version, kind });
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: lint.messages.map((message) => toDiagnostic(vendor, message, rules, document.uri)) });
  };

  /** Re-lints the open documents whose last result read the file at `path` (all of them for a config file). */
  const relintDependents = (path: string, except?: string): void => {
    const config = documentKind(path, plugins) === 'config';
    for (const [uri, last] of linted) {
      if (uri === except || last.kind === 'config') continue;
      const document = documents.get(uri);
      if (document && (config || dependsOn(last, path))) validate(document);
    }
  };
  const changed = (document: TextDocument): void => {
    validate(document);
    const path = pathOf(document.uri);
    if (path) relintDependents(path, document.uri);
  };

  let watchFiles = false;
  connection.onInitialize((params) => {
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      serverInfo: { name: 'trustlint', version: VERSION },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
      },
    };
  });
  connection.onInitialized(() => {
    // Files that workflows read change outside the editor too (git checkout, npm version).
    if (watchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const path = pathOf(change.uri);
      if (path && !documents.get(change.uri)) relintDependents(path);
    }
  });

  documents.onDidChangeContent((event) => changed(event.document));
  documents.onDidSave((event) => changed(event.document));
  documents.onDidClose((event) => {
    linted.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    // Closed unsaved: the files that read it now read the disk again.
    const path = pathOf(event.document.uri);
    if (path) relintDependents(path, event.document.uri);
  });

  connection.onCodeAction(({ textDocument, context }) => {
    const document = documents.get(textDocument.uri);
    const last = linted.get(textDocument.uri);
    if (!document || !last || last.version !== document.version) return [];
    const edit = (fix: { range: readonly [number, number]; text: string }) => ({
      changes: { [document.uri]: [{ range: { start: document.positionAt(fix.range[0]), end: document.positionAt(fix.range[1]) }, newText: fix.text }] },
    });
    const actions: CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== 'trustlint') continue;
      // Matched against the server's own last result: no need for the client to echo `data`.
      const message = last.messages.find(
        (candidate) => candidate.ruleId === diagnostic.code && candidate.line - 1 === diagnostic.range.start.line && candidate.column - 1 === diagnostic.range.start.character,
      );
      if (!message) continue;
      if (message.fix) actions.push({ title: `Fix: ${message.message}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: edit(message.fix) });
      for (const suggestion of message.suggestions ?? []) {
        actions.push({ title: suggestion.desc, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit(suggestion.fix) });
      }
    }
    return actions;
  });

  connection.onHover(({ textDocument, position }): Hover | null => {
    const hit = linted.get(textDocument.uri)?.messages.find((message) => {
      if (!message.ruleId) return false;
      const { start, end } = rangeOf(message);
      const afterStart = position.line > start.line || (position.line === start.line && position.character >= start.character);
      const beforeEnd = position.line < end.line || (position.line === end.line && position.character < end.character);
      return afterStart && beforeEnd;
    });
    const rule = hit?.ruleId ? rules.get(hit.ruleId) : undefined;
    if (!hit || !rule) return null;
    return { contents: { kind: MarkupKind.Markdown, value: ruleHover(rule) }, range: rangeOf(hit) };
  });

  documents.listen(connection);
  connection.listen();
}
