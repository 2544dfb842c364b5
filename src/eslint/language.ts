/**
 * The ESLint language `trustlint/workflow` (ESLint 9.7+ and 10): GitHub Actions workflows and action
 * metadata as one-node documents. trustlint parses and analyses the file itself (in the rules' shared
 * run, `./rules.ts`); ESLint only needs a root node, the text, the YAML errors (a fatal "Parsing
 * error", as for any language) and the comments, for `# eslint-disable…` directives.
 *
 * Positions are 1-based lines and columns with exclusive ends, as trustlint's messages are, so the
 * language declares `lineStart: 1, columnStart: 1` and nothing is converted.
 */
import { createLineIndex, parseYaml, type CommentToken, type LineIndex } from '../index.js';
import type { TrustlintRun } from './run.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface DocumentNode {
  readonly type: 'Document';
  readonly range: [number, number];
  readonly loc: { readonly start: Position; readonly end: Position };
}

interface CommentNode {
  readonly type: 'Comment';
  readonly value: string;
  readonly range: [number, number];
  readonly loc: { readonly start: Position; readonly end: Position };
}

/** ESLint's `File` as it hands it to a language (`@eslint/core`). */
export interface EslintFile {
  readonly path: string;
  readonly physicalPath?: string;
  readonly body: string | Uint8Array;
}

interface Directive {
  readonly type: 'disable' | 'enable' | 'disable-line' | 'disable-next-line';
  readonly value: string;
  readonly justification: string;
  readonly node: CommentNode;
}

const textOf = (file: EslintFile) => (typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body));

// `# eslint-disable-next-line trustlint/a, trustlint/b -- why`: as ESLint reads them in JavaScript comments.
const DIRECTIVE = /^#\s*eslint-(disable-next-line|disable-line|disable|enable)(?=\s|$)/u;
const REASON_SEPARATOR = /\s--(?=\s|$)/u;

/** `context.sourceCode` for a workflow: what ESLint's `TextSourceCode` asks, and the run of the file's rules. */
export class WorkflowSourceCode {
  readonly text: string;
  readonly ast: DocumentNode;
  readonly lines: string[];
  readonly visitorKeys = { Document: [] };
  /** The file's trustlint run: created by the first enabled rule, read by all (one per file and pass). */
  trustlintRun: TrustlintRun | undefined;
  private readonly comments: readonly CommentToken[];
  private readonly lineIndex: LineIndex;

  constructor(text: string, ast: DocumentNode, comments: readonly CommentToken[]) {
    this.text = text;
    this.ast = ast;
    this.comments = comments;
    this.lineIndex = createLineIndex(text);
    this.lines = text.split(/\r\n|[\r\n\u2028\u2029]/u);
  }

  getLoc(node: { loc: DocumentNode['loc'] }) {
    return node.loc;
  }

  getRange(node: { range: [number, number] }) {
    return node.range;
  }

  getText(node?: { range: [number, number] }) {
    return node ? this.text.slice(node.range[0], node.range[1]) : this.text;
  }

  getParent() {
    return undefined;
  }

  getAncestors() {
    return [];
  }

  /** JavaScript core rules that a config applies to every file call this; a workflow has no JS comments. */
  getAllComments() {
    return [];
  }

  /** `# eslint-disable…` comments, from the YAML parser's comments: a `#` inside a string or a script is none. */
  getDisableDirectives(): { directives: Directive[]; problems: never[] } {
    const directives: Directive[] = [];
    for (const comment of this.comments) {
      const head = DIRECTIVE.exec(comment.source);
      if (!head) continue;
      const rest = comment.source.slice(head[0].length);
      const separator = REASON_SEPARATOR.exec(rest);
      const end = comment.offset + comment.source.length;
      const start = this.lineIndex.position(comment.offset);
      directives.push({
        type: head[1] as Directive['type'],
        value: (separator ? rest.slice(0, separator.index) : rest).trim(),
        justification: separator ? rest.slice(separator.index + separator[0].length).trim() : '',
        node: { type: 'Comment', value: comment.source.slice(1), range: [comment.offset, end], loc: { start, end: this.lineIndex.position(end) } },
      });
    }
    return { directives, problems: [] };
  }

  /** One node: rules listen to `Document:exit` (every rule's `create` has run by then). */
  *traverse() {
    yield { kind: 1 as const, target: this.ast, phase: 1 as const, args: [this.ast, null] };
    yield { kind: 1 as const, target: this.ast, phase: 2 as const, args: [this.ast, null] };
  }
}

/** The `Language` object (`@eslint/core`), registered by the plugin as `languages.workflow`. */
export const workflowLanguage = {
  meta: { name: 'trustlint/workflow' },
  fileType: 'text' as const,
  lineStart: 1 as const,
  columnStart: 1 as const,
  nodeTypeKey: 'type',
  visitorKeys: { Document: [] },
  defaultLanguageOptions: {},
  /** No language options; unknown ones are ignored, as ESLint asks of languages. */
  validateLanguageOptions(): void {},
  parse(file: EslintFile) {
    const text = textOf(file);
    const parsed = parseYaml(text);
    if (parsed.errors.length > 0) {
      const lineIndex = createLineIndex(text);
      return {
        ok: false as const,
        errors: parsed.errors.map((error) => {
          const at = lineIndex.locate(error.span);
          return { message: `YAML: ${error.message}`, line: at.line, column: at.column, endLine: at.endLine, endColumn: at.endColumn };
        }),
      };
    }
    const lineIndex = createLineIndex(text);
    const end = lineIndex.position(text.length);
    const ast: DocumentNode = { type: 'Document', range: [0, text.length], loc: { start: { line: 1, column: 1 }, end } };
    return { ok: true as const, ast, comments: parsed.comments };
  },
  createSourceCode(file: EslintFile, parsed: { ast: DocumentNode; comments?: readonly CommentToken[] }) {
    return new WorkflowSourceCode(textOf(file), parsed.ast, parsed.comments ?? []);
  },
};
