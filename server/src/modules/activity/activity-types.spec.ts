import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTIVITY_EVENT_TYPES } from '@coalesce/shared';
import ts from 'typescript';

/**
 * Every `activity.record(…)` in the server writes a type of `ACTIVITY_EVENT_TYPES`: the client
 * has a sentence for exactly those (its own test enumerates the list). The compiler checks the
 * literal against `ActivityEventType` too, but a cast or a widened variable would slip past it;
 * this reads every call site's `type` (a literal, a conditional of literals, or a parameter
 * typed as a union of literals) and fails on anything it cannot resolve to listed types.
 */

const SRC = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return d.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(d.name) ? [p] : [];
  });
}

/** The string literals an expression or type can be, or null when it is not only literals. */
function literalsOf(node: ts.Node, sf: ts.SourceFile): string[] | null {
  if (ts.isStringLiteralLike(node)) return [node.text];
  if (ts.isParenthesizedExpression(node)) return literalsOf(node.expression, sf);
  if (ts.isConditionalExpression(node)) {
    const a = literalsOf(node.whenTrue, sf);
    const b = literalsOf(node.whenFalse, sf);
    return a && b ? [...a, ...b] : null;
  }
  if (ts.isLiteralTypeNode(node)) return literalsOf(node.literal, sf);
  if (ts.isUnionTypeNode(node)) {
    const parts = node.types.map((t) => literalsOf(t, sf));
    return parts.every((p) => p) ? (parts.flat() as string[]) : null;
  }
  if (ts.isIdentifier(node)) return parameterLiterals(node, sf);
  return null;
}

/** `type` passed through a parameter of the enclosing function: its declared literal union. */
function parameterLiterals(id: ts.Identifier, sf: ts.SourceFile): string[] | null {
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n)) {
      const param = n.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === id.text);
      if (param) return param.type ? literalsOf(param.type, sf) : null;
    }
  }
  return null;
}

interface Site {
  where: string;
  types: string[] | null;
}

function recordCallSites(): Site[] {
  const sites: Site[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('.record(')) continue;
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'record' &&
        /\bactivity$/.test(node.expression.expression.getText(sf))
      ) {
        const where = `${file.slice(SRC.length + 1)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        const input = node.arguments[1];
        let types: string[] | null = null;
        if (input && ts.isObjectLiteralExpression(input)) {
          for (const prop of input.properties) {
            if (ts.isPropertyAssignment(prop) && prop.name.getText(sf) === 'type') {
              types = literalsOf(prop.initializer, sf);
            } else if (ts.isShorthandPropertyAssignment(prop) && prop.name.text === 'type') {
              types = parameterLiterals(prop.name, sf);
            }
          }
        }
        sites.push({ where, types });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return sites;
}

describe('activity event types written by the server', () => {
  const sites = recordCallSites();

  it('finds the call sites (the scan itself works)', () => {
    expect(sites.length).toBeGreaterThanOrEqual(30);
  });

  it('every activity.record(…) names its type with literals', () => {
    expect(sites.filter((s) => !s.types?.length).map((s) => s.where)).toEqual([]);
  });

  it('every type written is in ACTIVITY_EVENT_TYPES', () => {
    const known = new Set<string>(ACTIVITY_EVENT_TYPES);
    const unknown = sites.flatMap((s) =>
      (s.types ?? []).filter((t) => !known.has(t)).map((t) => `${s.where}: ${t}`),
    );
    expect(unknown).toEqual([]);
  });
});
