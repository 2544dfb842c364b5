/**
 * The language server's libraries, in one place: the build bundles this module alone into
 * dist/lsp-vendor.cjs, which only `trustlint --lsp` loads, so the CLI's cold start never pays for them.
 */
export {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  MarkupKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type Hover,
  type InitializeParams,
} from 'vscode-languageserver/node';
export { TextDocument } from 'vscode-languageserver-textdocument';
