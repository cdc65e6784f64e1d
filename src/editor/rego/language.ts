import type { languages } from 'monaco-editor/editor/editor.api';

/** Rego v1 keywords (OPA v1: `if`, `contains`, `in`, `every` are always keywords). */
export const regoKeywords = [
  'package', 'import', 'as', 'default', 'else', 'not', 'some', 'every', 'in',
  'with', 'if', 'contains',
] as const;

export const regoConstants = ['true', 'false', 'null'] as const;

/** Names every policy reads; shown as predefined variables. */
export const regoPredefined = ['input', 'data'] as const;

/**
 * Monarch tokenizer. Rule heads are recognised only at brace depth 0 (state `root`), so an
 * assignment inside a body (`x := 1`) is not mistaken for a rule; `{` pushes `body`, `}` pops it.
 */
export const regoMonarch: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.rego',
  keywords: [...regoKeywords],
  constants: [...regoConstants],
  predefined: [...regoPredefined],
  operators: [':=', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '|', '&', '='],
  symbols: /[=><!:|&+\-*/%]+/,
  escapes: /\\(?:[\\"/bfnrt]|u[0-9A-Fa-f]{4})/,
  tokenizer: {
    root: [
      [/(package|import)(\s+)([\w.[\]"]+)/, ['keyword', 'white', 'namespace']],
      // Partial set head: the element variable after `contains` is not a head itself.
      [/([a-zA-Z_]\w*)(\s+)(contains)(\s+)([a-zA-Z_]\w*)/, ['type.identifier', 'white', 'keyword', 'white', 'identifier']],
      // Rule head: a name at depth 0 followed by an optional key/args then a head operator.
      [/[a-zA-Z_]\w*(?=\s*(?:\[[^\]]*\]|\([^)]*\))?\s*(?::=|=(?!=)|\{|if\b|contains\b|$))/, {
        cases: { '@keywords': 'keyword', '@constants': 'constant', '@predefined': 'variable.predefined', '@default': 'type.identifier' },
      }],
      { include: '@common' },
      [/\{/, '@brackets', '@body'],
      [/\}/, '@brackets'],
    ],
    body: [
      { include: '@common' },
      [/\{/, '@brackets', '@push'],
      [/\}/, '@brackets', '@pop'],
    ],
    common: [
      [/[ \t\r\n]+/, 'white'],
      [/#.*$/, 'comment'],
      [/"/, 'string', '@string'],
      [/`/, 'string.raw', '@rawstring'],
      [/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/, 'number'],
      [/[a-zA-Z_]\w*/, {
        cases: { '@keywords': 'keyword', '@constants': 'constant', '@predefined': 'variable.predefined', '@default': 'identifier' },
      }],
      [/[[\]()]/, '@brackets'],
      [/@symbols/, { cases: { '@operators': 'operator', '@default': '' } }],
      [/[,;.]/, 'delimiter'],
    ],
    string: [
      [/[^\\"]+/, 'string'],
      [/@escapes/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/"/, 'string', '@pop'],
    ],
    rawstring: [
      [/[^`]+/, 'string.raw'],
      [/`/, 'string.raw', '@pop'],
    ],
  },
};

export const regoLanguageConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: [
    ['{', '}'],
    ['[', ']'],
    ['(', ')'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string'] },
    { open: '`', close: '`', notIn: ['string'] },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"' },
  ],
  wordPattern: /[a-zA-Z_]\w*/,
};
