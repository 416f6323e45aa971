import type { ActivityEventDto } from '@coalesce/shared';

type Tx = (key: string, params?: Record<string, string | number>) => string;

/** One sentence, in the reader's language, saying who did what. */
export function describeEvent(e: ActivityEventDto, names: Map<string, string>, tx: Tx): string {
  const p = e.payload as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const actor = (e.actorId && names.get(e.actorId)) ?? str(p.actorName) ?? tx('activity.someone');
  const subject =
    (e.subjectId && names.get(e.subjectId)) ??
    str(p.displayName) ??
    str(p.name) ??
    str(p.title) ??
    '';
  const role = str(p.role) ?? str(p.to);
  const stage = str(p.to) ?? str(p.stage);
  const params = {
    actor,
    subject,
    role: role ? tx(`roles.${role}`) : '',
    stage: stage ? tx(`stages.${stage}.name`) : '',
    type: e.type,
  };
  const key = `activity.event.${e.type}`;
  const text = tx(key, params);
  return text === key ? tx('activity.event.fallback', params) : text;
}
