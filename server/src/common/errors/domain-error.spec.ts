import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { invalid } from './domain-error';

const SRC = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return d.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(d.name) ? [p] : [];
  });
}

describe('400s a client can phrase in its reader’s language', () => {
  it('invalid() puts the rule into the detail', () => {
    expect(invalid(['reason'], 'needs a reason', 'reason_required').details).toEqual([
      { path: ['reason'], message: 'needs a reason', rule: 'reason_required' },
    ]);
  });

  // The message is English for API clients; without a rule the Dutch UI would show it as is.
  it('every invalid(path, message, rule) in the server names its rule', () => {
    const unnamed: string[] = [];
    let calls = 0;
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      if (!text.includes('invalid(')) continue;
      const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const imported = sf.statements.some(
        (s) =>
          ts.isImportDeclaration(s) &&
          /common\/errors\/domain-error|\.\/domain-error/.test(s.moduleSpecifier.getText(sf)) &&
          s.importClause?.getText(sf).includes('invalid'),
      );
      if (!imported) continue;
      const visit = (node: ts.Node) => {
        if (
          ts.isCallExpression(node) &&
          ts.isIdentifier(node.expression) &&
          node.expression.text === 'invalid'
        ) {
          calls++;
          if (node.arguments.length < 3) {
            const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
            unnamed.push(`${file.slice(SRC.length + 1)}:${line}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    expect(calls).toBeGreaterThanOrEqual(10);
    expect(unnamed).toEqual([]);
  });
});
