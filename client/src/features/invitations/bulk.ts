import { zEmail } from '@coalesce/shared';

export type BulkLine =
  | { line: number; ok: true; email: string; partnerId: string | null; partnerName: string | null }
  | {
      line: number;
      ok: false;
      error: 'email' | 'partner' | 'duplicate';
      text: string;
      email?: string;
      partnerName?: string;
    };

/**
 * Reads a bulk invite: one person per line, `email` or `email, partner name`. Partner names are
 * matched case-insensitively (and ignoring extra spaces) against the given partners; empty lines
 * are skipped; line numbers are those the user sees (1-based, counting empty lines).
 */
export function parseBulkInvites(
  text: string,
  partners: readonly { id: string; name: string }[],
): BulkLine[] {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  const byName = new Map(partners.map((p) => [norm(p.name), p]));
  const seen = new Set<string>();
  const out: BulkLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (!trimmed) return;
    // Only the first comma separates: partner names may contain commas themselves.
    const comma = trimmed.indexOf(',');
    const emailText = (comma < 0 ? trimmed : trimmed.slice(0, comma)).trim();
    const partnerText = comma < 0 ? '' : trimmed.slice(comma + 1).trim();
    const email = zEmail.safeParse(emailText);
    if (!email.success) {
      out.push({ line, ok: false, error: 'email', text: emailText });
      return;
    }
    // Only lines that will be sent count: fixing an earlier bad line must not flag this one.
    const key = email.data.toLowerCase();
    if (seen.has(key)) {
      out.push({ line, ok: false, error: 'duplicate', text: trimmed, email: email.data });
      return;
    }
    if (!partnerText) {
      seen.add(key);
      out.push({ line, ok: true, email: email.data, partnerId: null, partnerName: null });
      return;
    }
    const partner = byName.get(norm(partnerText));
    if (!partner) {
      out.push({ line, ok: false, error: 'partner', text: trimmed, partnerName: partnerText });
      return;
    }
    seen.add(key);
    out.push({
      line,
      ok: true,
      email: email.data,
      partnerId: partner.id,
      partnerName: partner.name,
    });
  });
  return out;
}
