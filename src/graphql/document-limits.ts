/**
 * Limits checked on a GraphQL document before it is parsed. graphql-js parses recursively, so a
 * deeply nested document (thousands of `{`) overflows the stack inside the parser, before any depth
 * or token limit that works on the parsed document can refuse it. This check walks the tokens with
 * the lexer, which is iterative, and stops at the first token over a limit.
 */
import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface DocumentLimits {
  /** Deepest nesting of `{`, `(` and `[` together (selections, arguments, lists, input objects). */
  readonly maxNesting: number;
  /** Most tokens in the document (the same bound GraphQL Armor applies while parsing). */
  readonly maxTokens: number;
}

const opening = new Set<string>([TokenKind.BRACE_L, TokenKind.PAREN_L, TokenKind.BRACKET_L]);
const closing = new Set<string>([TokenKind.BRACE_R, TokenKind.PAREN_R, TokenKind.BRACKET_R]);

/** Why the document is over a limit, or null. Syntax errors are left to the parser. */
export function documentLimitProblem(query: string, limits: DocumentLimits): string | null {
  const lexer = new Lexer(new Source(query));
  let nesting = 0;
  let tokens = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens += 1;
      if (tokens > limits.maxTokens) return `The document has more than ${limits.maxTokens} tokens.`;
      if (opening.has(token.kind)) {
        nesting += 1;
        if (nesting > limits.maxNesting) return `The document nests deeper than ${limits.maxNesting} levels.`;
      } else if (closing.has(token.kind)) {
        nesting -= 1;
      }
    }
  } catch {
    return null; // a syntax error: the parser reports it with its location
  }
  return null;
}

/** Refuses a document over the limits with HTTP 400 and code QUERY_TOO_COMPLEX, before it is parsed. */
export function documentLimitsPlugin(limits: DocumentLimits): Plugin {
  return {
    onParse({ params }) {
      const query = typeof params.source === 'string' ? params.source : params.source.body;
      const problem = documentLimitProblem(query, limits);
      if (problem) {
        throw new GraphQLError(problem, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });
      }
    },
  };
}
