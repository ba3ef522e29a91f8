// A banner while the read side (map, lists, timeline) is behind, stalled or incomplete: the
// server's summary health, which tells anyone the status and a one-word reason.
import { onLanguageChange, t, type MessageKey } from './i18n/index.js';

export const READ_SIDE_REASONS = ['projection_behind', 'projection_failing', 'events_parked', 'database_unreachable'] as const;
type Reason = (typeof READ_SIDE_REASONS)[number];

/** Looks at `/api/health` now and every `everyMs` while the page is visible; a failed look changes nothing. */
export function watchReadSide(banner: HTMLElement, everyMs = 30_000): void {
  let reason: Reason | undefined;
  const show = () => {
    banner.hidden = reason === undefined;
    banner.textContent = reason ? t(`readSide.${reason}` as MessageKey) : '';
  };
  const look = async () => {
    if (document.hidden) return;
    const answer = await fetch('/api/health', { headers: { Accept: 'application/json' } })
      .then((response) => response.json() as Promise<{ status?: string; reason?: string }>)
      .catch(() => undefined);
    if (!answer?.status) return;
    reason = answer.status === 'ok' ? undefined : READ_SIDE_REASONS.find((r) => r === answer.reason) ?? 'projection_failing';
    show();
  };
  onLanguageChange(show);
  void look();
  window.setInterval(() => void look(), everyMs);
}
