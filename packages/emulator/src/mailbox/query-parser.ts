/**
 * Help Scout's advanced search syntax (the `query` parameter): `field:"value"`, bare values,
 * `field:("a" OR "b")`, ranges `field:[from TO to]` with `*` as an open end, free text, `AND`,
 * `OR`, `NOT` (and `-term`), parentheses. Adjacent terms without an operator are ANDed.
 */

/** A parsed search expression. */
export type QueryNode =
  | { kind: "and"; items: QueryNode[] }
  | { kind: "or"; items: QueryNode[] }
  | { kind: "not"; item: QueryNode }
  /** `field:value` (any of `values`); free text when `field` is undefined. */
  | { kind: "match"; field: string | undefined; values: string[] }
  /** `field:[from TO to]`; an undefined end is open (`*`). */
  | { kind: "range"; field: string; from: string | undefined; to: string | undefined };

/** A search expression Help Scout would refuse. */
export class QuerySyntaxError extends Error {}

/** How a search field is evaluated against one record. */
export interface QueryMatcher {
  match(field: string | undefined, value: string): boolean;
  range(field: string, from: string | undefined, to: string | undefined): boolean;
}

/** Parses a search expression (throws {@link QuerySyntaxError}). */
export function parseQuery(input: string): QueryNode {
  const parser = new Parser(input);
  const node = parser.or();
  parser.skip();
  if (!parser.done()) throw new QuerySyntaxError(`Unexpected "${parser.rest()}" in query`);
  return node;
}

/** Whether a record (seen through `matcher`) satisfies an expression. */
export function evaluateQuery(node: QueryNode, matcher: QueryMatcher): boolean {
  switch (node.kind) {
    case "and":
      return node.items.every((item) => evaluateQuery(item, matcher));
    case "or":
      return node.items.some((item) => evaluateQuery(item, matcher));
    case "not":
      return !evaluateQuery(node.item, matcher);
    case "match":
      return node.values.some((value) => matcher.match(node.field, value));
    case "range":
      return matcher.range(node.field, node.from, node.to);
  }
}

/** The field names an expression uses. */
export function queryFields(node: QueryNode): string[] {
  if (node.kind === "and" || node.kind === "or") return node.items.flatMap(queryFields);
  if (node.kind === "not") return queryFields(node.item);
  return node.field === undefined ? [] : [node.field];
}

class Parser {
  #pos = 0;
  readonly #src: string;

  constructor(src: string) {
    this.#src = src;
  }

  done(): boolean {
    return this.#pos >= this.#src.length;
  }

  rest(): string {
    return this.#src.slice(this.#pos, this.#pos + 20);
  }

  skip(): void {
    while (/\s/.test(this.#src[this.#pos] ?? "")) this.#pos++;
  }

  #keyword(word: string): boolean {
    this.skip();
    const after = this.#src[this.#pos + word.length] ?? " ";
    if (this.#src.startsWith(word, this.#pos) && /[\s("-]/.test(after)) {
      this.#pos += word.length;
      return true;
    }
    return false;
  }

  or(): QueryNode {
    const items = [this.and()];
    while (this.#keyword("OR")) items.push(this.and());
    return items.length === 1 ? (items[0] as QueryNode) : { kind: "or", items };
  }

  and(): QueryNode {
    const items = [this.unary()];
    for (;;) {
      if (this.#keyword("AND")) {
        items.push(this.unary());
        continue;
      }
      this.skip();
      const next = this.#src[this.#pos];
      if (next === undefined || next === ")" || this.#peekKeyword("OR")) break;
      items.push(this.unary());
    }
    return items.length === 1 ? (items[0] as QueryNode) : { kind: "and", items };
  }

  #peekKeyword(word: string): boolean {
    const at = this.#pos;
    const found = this.#keyword(word);
    this.#pos = at;
    return found;
  }

  unary(): QueryNode {
    if (this.#keyword("NOT")) return { kind: "not", item: this.unary() };
    this.skip();
    if (this.#src[this.#pos] === "-") {
      this.#pos++;
      return { kind: "not", item: this.unary() };
    }
    return this.primary();
  }

  primary(): QueryNode {
    this.skip();
    const char = this.#src[this.#pos];
    if (char === undefined) throw new QuerySyntaxError("Unexpected end of query");
    if (char === "(") {
      this.#pos++;
      const node = this.or();
      this.#expect(")");
      return node;
    }
    if (char === '"') return { kind: "match", field: undefined, values: [this.#quoted()] };
    const word = this.#word();
    if (this.#src[this.#pos] !== ":") return { kind: "match", field: undefined, values: [word] };
    this.#pos++;
    return this.#value(word);
  }

  #value(field: string): QueryNode {
    const char = this.#src[this.#pos];
    if (char === '"') return { kind: "match", field, values: [this.#quoted()] };
    if (char === "[" || char === "{") {
      const close = this.#src.indexOf(char === "[" ? "]" : "}", this.#pos);
      if (close < 0) throw new QuerySyntaxError(`Unclosed range for ${field}`);
      const parts = this.#src
        .slice(this.#pos + 1, close)
        .trim()
        .split(/\s+TO\s+/);
      if (parts.length !== 2) throw new QuerySyntaxError(`Range of ${field} needs "from TO to"`);
      this.#pos = close + 1;
      const end = (part: string | undefined) =>
        part === undefined || part === "*" ? undefined : unquote(part);
      return { kind: "range", field, from: end(parts[0]), to: end(parts[1]) };
    }
    if (char === "(") {
      this.#pos++;
      const values = [this.#valueWord()];
      while (this.#keyword("OR")) values.push(this.#valueWord());
      this.#expect(")");
      return { kind: "match", field, values };
    }
    return { kind: "match", field, values: [this.#word(true)] };
  }

  #valueWord(): string {
    this.skip();
    return this.#src[this.#pos] === '"' ? this.#quoted() : this.#word(true);
  }

  #quoted(): string {
    const close = this.#src.indexOf('"', this.#pos + 1);
    if (close < 0) throw new QuerySyntaxError("Unclosed quote in query");
    const value = this.#src.slice(this.#pos + 1, close);
    this.#pos = close + 1;
    return value;
  }

  /** A bare word; values may contain `:` (times), field names may not. */
  #word(value = false): string {
    const stop = value ? /[\s()"]/ : /[\s()":]/;
    const start = this.#pos;
    while (this.#pos < this.#src.length && !stop.test(this.#src[this.#pos] ?? "")) this.#pos++;
    if (this.#pos === start) throw new QuerySyntaxError(`Unexpected "${this.rest()}" in query`);
    return this.#src.slice(start, this.#pos);
  }

  #expect(char: string): void {
    this.skip();
    if (this.#src[this.#pos] !== char) throw new QuerySyntaxError(`Expected "${char}" in query`);
    this.#pos++;
  }
}

function unquote(part: string): string {
  return part.startsWith('"') && part.endsWith('"') ? part.slice(1, -1) : part;
}

/** Whether `value` lies in [from, to] (ISO date-times or numbers; open ends match). */
export function inRange(value: string | number | undefined, from?: string, to?: string): boolean {
  if (value === undefined) return false;
  const asNumber = (v: string | number) =>
    typeof v === "number" || /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : Date.parse(v);
  const bound = (v: string) => {
    const parsed = asNumber(v);
    if (Number.isNaN(parsed)) throw new QuerySyntaxError(`"${v}" is not a date-time or number`);
    return parsed;
  };
  const at = asNumber(value);
  if (Number.isNaN(at)) return false;
  if (from !== undefined && !(at >= bound(from))) return false;
  if (to !== undefined && !(at <= bound(to))) return false;
  return true;
}
