/** Where each built-in rule's documentation page is published. */
export const RULE_DOCS_BASE_URL = 'https://github.com/trustlint/trustlint/blob/main/docs/rules/';
