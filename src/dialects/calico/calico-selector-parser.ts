/**
 * Calico's selector language, read as libcalico-go v3.27 reads it (lib/selector/tokenizer and
 * lib/selector/parser): the validator's `selector` check is "the parser accepts it", and the tests
 * evaluate what an emitted selector selects. Internal: not part of the jsii API.
 */

/** A parsed selector: whether an endpoint with these labels is selected. */
export type CalicoSelectorNode = (labels: { [key: string]: string }) => boolean;

type Token =
  | { kind: 'label'; value: string }
  | { kind: 'string'; value: string }
  | { kind: 'has'; value: string }
  | { kind: '(' | ')' | '{' | '}' | ',' | '==' | '!=' | '!' | '&&' | '||' | 'in' | 'notin' | 'contains' | 'startswith' | 'endswith' | 'all' | 'global' | 'eof' };

const LABEL_KEY = '[a-zA-Z0-9_./-]{1,512}';
const IDENTIFIER = new RegExp(`^${LABEL_KEY}`);
const HAS = new RegExp(`^has\\(\\s*(${LABEL_KEY})\\s*\\)`);
const ALL = /^all\(\s*\)/;
const GLOBAL = /^global\(\s*\)/;
const NOT_IN = /^not\s*in\b/;
const IN = /^in\b/;
const CONTAINS = /^contains/;
const STARTS_WITH = /^starts\s*with/;
const ENDS_WITH = /^ends\s*with/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let input = text;
  for (;;) {
    input = input.replace(/^[ \t]+/, '');
    if (input.length === 0) {
      tokens.push({ kind: 'eof' });
      return tokens;
    }
    const last = tokens.length > 0 ? tokens[tokens.length - 1].kind : undefined;
    const c = input[0];
    if ('(){},'.includes(c)) {
      tokens.push({ kind: c as '(' });
      input = input.slice(1);
    } else if (c === '"' || c === "'") {
      const end = input.indexOf(c, 1);
      if (end < 0) throw new Error('unterminated string');
      tokens.push({ kind: 'string', value: input.slice(1, end) });
      input = input.slice(end + 1);
    } else if (c === '=') {
      if (input[1] !== '=') throw new Error('expected ==');
      tokens.push({ kind: '==' });
      input = input.slice(2);
    } else if (c === '!') {
      if (input[1] === '=') {
        tokens.push({ kind: '!=' });
        input = input.slice(2);
      } else {
        tokens.push({ kind: '!' });
        input = input.slice(1);
      }
    } else if (c === '&' || c === '|') {
      if (input[1] !== c) throw new Error(`expected ${c}${c}`);
      tokens.push({ kind: c === '&' ? '&&' : '||' });
      input = input.slice(2);
    } else if (last === 'label') {
      const ops: [RegExp, Token['kind']][] = [[CONTAINS, 'contains'], [STARTS_WITH, 'startswith'], [ENDS_WITH, 'endswith'], [NOT_IN, 'notin'], [IN, 'in']];
      const found = ops.find(([re]) => re.test(input));
      if (!found) throw new Error(`unexpected characters after label '${(tokens[tokens.length - 1] as { value: string }).value}', was expecting an operator`);
      tokens.push({ kind: found[1] } as Token);
      input = input.slice(input.match(found[0])![0].length);
    } else {
      let m: RegExpMatchArray | null;
      if ((m = input.match(HAS))) tokens.push({ kind: 'has', value: m[1] });
      else if ((m = input.match(ALL))) tokens.push({ kind: 'all' });
      else if ((m = input.match(GLOBAL))) tokens.push({ kind: 'global' });
      else if ((m = input.match(IDENTIFIER))) tokens.push({ kind: 'label', value: m[0] });
      else throw new Error('unexpected characters');
      input = input.slice(m[0].length);
    }
  }
}

/**
 * Parse a Calico selector; throws with the parser's reason when libcalico-go would refuse it.
 * The empty selector selects everything, as in Calico.
 */
export function parseCalicoSelector(text: string): CalicoSelectorNode {
  const tokens = tokenize(text);
  if (tokens[0].kind === 'eof') return () => true;
  let pos = 0;
  const peek = (): Token => tokens[pos];

  const parseOr = (): CalicoSelectorNode => {
    const parts = [parseAnd()];
    while (peek().kind === '||') {
      pos++;
      parts.push(parseAnd());
    }
    return parts.length === 1 ? parts[0] : (l) => parts.some((p) => p(l));
  };
  const parseAnd = (): CalicoSelectorNode => {
    const parts = [parseOperation()];
    while (peek().kind === '&&') {
      pos++;
      parts.push(parseOperation());
    }
    return parts.length === 1 ? parts[0] : (l) => parts.every((p) => p(l));
  };
  const expectString = (): string => {
    const t = tokens[pos + 2];
    if (t === undefined || t.kind !== 'string') throw new Error('Expected string');
    return t.value;
  };
  const parseOperation = (): CalicoSelectorNode => {
    let negated = false;
    while (peek().kind === '!') {
      negated = !negated;
      pos++;
    }
    const t = peek();
    let node: CalicoSelectorNode;
    switch (t.kind) {
      case 'has': { const key = t.value; node = (l) => has(l, key); pos++; break; }
      case 'all': node = () => true; pos++; break;
      // global() selects the non-namespaced endpoints (network sets, host endpoints): no pod, no namespace.
      case 'global': node = () => false; pos++; break;
      case 'label': {
        const key = t.value;
        const op = tokens[pos + 1];
        if (op === undefined || op.kind === 'eof' || tokens[pos + 2] === undefined) throw new Error('Unexpected end of string in middle of op');
        switch (op.kind) {
          case '==': { const v = expectString(); node = (l) => has(l, key) && l[key] === v; pos += 3; break; }
          case '!=': { const v = expectString(); node = (l) => !has(l, key) || l[key] !== v; pos += 3; break; }
          case 'contains': { const v = expectString(); node = (l) => has(l, key) && l[key].includes(v); pos += 3; break; }
          case 'startswith': { const v = expectString(); node = (l) => has(l, key) && l[key].startsWith(v); pos += 3; break; }
          case 'endswith': { const v = expectString(); node = (l) => has(l, key) && l[key].endsWith(v); pos += 3; break; }
          case 'in':
          case 'notin': {
            if (tokens[pos + 2].kind !== '{') throw new Error('Expected set literal');
            pos += 3;
            const values = new Set<string>();
            while (peek().kind === 'string') {
              values.add((peek() as { value: string }).value);
              pos++;
              if (peek().kind === ',') pos++;
              else break;
            }
            if (peek().kind !== '}') throw new Error('Expected }');
            pos++;
            node = op.kind === 'in' ? (l) => has(l, key) && values.has(l[key]) : (l) => !has(l, key) || !values.has(l[key]);
            break;
          }
          default: throw new Error(`Expected == or != not ${op.kind}`);
        }
        break;
      }
      case '(': {
        pos++;
        node = parseOr();
        if (peek().kind !== ')') throw new Error('Expected )');
        pos++;
        break;
      }
      default: throw new Error(`Unexpected token: ${t.kind}`);
    }
    if (!negated) return node;
    const inner = node;
    return (l) => !inner(l);
  };

  const root = parseOr();
  if (pos !== tokens.length - 1) throw new Error('unexpected content at end of selector');
  return root;
}

/** The reason libcalico-go's parser refuses a selector, or undefined when it accepts it. */
export function calicoSelectorProblem(text: string): string | undefined {
  try {
    parseCalicoSelector(text);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function has(labels: { [key: string]: string }, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}
