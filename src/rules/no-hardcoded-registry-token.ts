import { defineRule } from '../engine/rule.js';
import { credentialFile } from '../domain/leaks/files.js';
import { textFileLeaks, yamlFileLeaks, type FileLeaks, type Leak } from '../domain/leaks/leaks.js';

const WORKFLOW_FIX = 'publish through trusted publishing (OIDC: no stored token at all) or pass the token from a secret (`${{ secrets.NAME }}`)';
const CREDENTIALS_FILE_FIX = 'delete this file from the repository and list it in `.gitignore` (it belongs in your home directory); in CI, publish through trusted publishing';

/** How to stop writing the credential into this kind of file. */
function fixFor(target: string | undefined, leak: Leak): string {
  if (target === undefined) return WORKFLOW_FIX;
  const kind = credentialFile(target);
  if (kind?.keys === 'npmrc') {
    const key = leak.kind === 'config' ? leak.credential.key : '_authToken';
    return `write \`${key}=\${NPM_TOKEN}\` instead (npm reads the environment variable), set from a secret only where it is needed, or publish through trusted publishing`;
  }
  if (kind?.keys === 'yarnrc') {
    const key = leak.kind === 'config' ? leak.credential.key : 'npmAuthToken';
    return `write \`${key}: "\${NPM_AUTH_TOKEN}"\` instead (Yarn reads the environment variable), set from a secret only where it is needed, or publish through trusted publishing`;
  }
  return CREDENTIALS_FILE_FIX;
}

/** A value quoted from the linted file, safe inside backticks. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** What a credential key holds, as a message says it. */
const KEY_WHAT: Readonly<Record<string, string>> = {
  _authToken: 'token',
  npmAuthToken: 'token',
  _auth: 'user and password (base64)',
  npmAuthIdent: 'user and password',
  _password: 'password (base64)',
};

/** `An npm access token`, `A PyPI API token`. */
function article(name: string): string {
  return /^(?:npm|[aeiou])/i.test(name) ? 'An' : 'A';
}

export const noHardcodedRegistryToken = defineRule({
  id: 'no-hardcoded-registry-token',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow registry tokens and credentials written into workflows and committed configuration files',
      recommended: true,
    },
    severity: 'error',
    preset: 'recommended',
    security: {
      severity: 9.1,
      precision: 'high',
      tags: ['external/cwe/cwe-798', 'external/cwe/cwe-312', 'supply-chain', 'secrets', 'trusted-publishing'],
    },
    messages: {
      registryToken:
        '{{article}} {{name}} (`{{prefix}}…`) is written in {{where}}: it is in the repository and its history, and anyone who can read them can use it. Revoke it {{revoke}} now (deleting it from the file is not enough), then {{fix}}.',
      literalCredential:
        'A literal {{what}} is written in {{where}} as {{key}}{{scope}}: it is in the repository and its history, and anyone who can read them can use it. Revoke it with the registry that issued it now (deleting it from the file is not enough), then {{fix}}.',
      literalEnvToken:
        'A literal {{registry}} credential is written in {{where}}, which {{registry}} tools read a token from: it is in the repository and its history, and anyone who can read them can use it. Revoke it with {{registry}} now (deleting it from the file is not enough), then {{fix}}.',
    },
  },
  create(context) {
    const check = (found: FileLeaks, target: string | undefined) => {
      for (const leak of found.leaks) {
        const where = found.where(leak);
        const fix = fixFor(target, leak);
        if (leak.kind === 'token') {
          const { format } = leak;
          context.report({
            messageId: 'registryToken',
            at: leak.span,
            data: { article: article(format.name), name: format.name, prefix: format.prefix, where, revoke: format.revoke, fix },
          });
        } else if (leak.kind === 'config') {
          const { key, host } = leak.credential;
          context.report({ messageId: 'literalCredential', at: leak.span, data: { what: KEY_WHAT[key] ?? 'value', key: code(key), scope: host ? ` for ${code(host)}` : '', where, fix } });
        } else {
          context.report({ messageId: 'literalEnvToken', at: leak.span, data: { registry: leak.registryName, where, fix } });
        }
      }
    };
    return {
      workflow: (node) => check(yamlFileLeaks(context, node.file, node.root), undefined),
      action: (node) => check(yamlFileLeaks(context, node.file, node.root), undefined),
      textFile: (node) => check(textFileLeaks(context, node), node.target),
    };
  },
});
