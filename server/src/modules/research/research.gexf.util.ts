import type { ResearchEdgeRow, ResearchNodeRow } from '@coalesce/shared';

/** Text and attribute values for XML: the five entities, and no control characters XML forbids. */
export function xmlEscape(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const NODE_ATTRIBUTES = [
  ['kind', 'string'],
  ['circle', 'string'],
  ['actorType', 'string'],
  ['pseudonymised', 'boolean'],
] as const;
const EDGE_ATTRIBUTES = [['kind', 'string']] as const;

const spell = (start: string | null, end: string | null) =>
  `${start ? ` start="${xmlEscape(start)}"` : ''}${end ? ` end="${xmlEscape(end)}"` : ''}`;

/**
 * GEXF 1.3 for Gephi, dynamic mode: each node and edge carries its interval as `start`/`end`
 * (ISO date-times, `timeformat="dateTime"`), so Gephi's timeline replays the network.
 */
export function toGexf(
  tables: { nodes: ResearchNodeRow[]; edges: ResearchEdgeRow[] },
  meta: { description: string; now: Date },
): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
  );
  out.push(
    `  <meta lastmodifieddate="${meta.now.toISOString().slice(0, 10)}"><creator>Coalesce</creator>` +
      `<description>${xmlEscape(meta.description)}</description></meta>`,
  );
  out.push('  <graph mode="dynamic" defaultedgetype="undirected" timeformat="dateTime">');
  out.push('    <attributes class="node" mode="static">');
  for (const [id, type] of NODE_ATTRIBUTES) {
    out.push(`      <attribute id="${id}" title="${id}" type="${type}"/>`);
  }
  out.push('    </attributes>');
  out.push('    <attributes class="edge" mode="static">');
  for (const [id, type] of EDGE_ATTRIBUTES) {
    out.push(`      <attribute id="${id}" title="${id}" type="${type}"/>`);
  }
  out.push('    </attributes>');
  out.push('    <nodes>');
  for (const n of tables.nodes) {
    out.push(
      `      <node id="${xmlEscape(n.id)}" label="${xmlEscape(n.label)}"${spell(n.joinedAt, n.leftAt)}>` +
        '<attvalues>' +
        NODE_ATTRIBUTES.map(
          ([id]) => `<attvalue for="${id}" value="${xmlEscape(String(n[id]))}"/>`,
        ).join('') +
        '</attvalues></node>',
    );
  }
  out.push('    </nodes>');
  out.push('    <edges>');
  for (const e of tables.edges) {
    out.push(
      `      <edge id="${xmlEscape(e.id)}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}"` +
        `${e.label ? ` label="${xmlEscape(e.label)}"` : ''}${spell(e.start, e.end)}>` +
        `<attvalues><attvalue for="kind" value="${xmlEscape(e.kind)}"/></attvalues></edge>`,
    );
  }
  out.push('    </edges>');
  out.push('  </graph>');
  out.push('</gexf>');
  return out.join('\n') + '\n';
}
