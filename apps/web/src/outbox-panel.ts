import type { IncidentDetails } from '../../../libs/domain/src/incident/incident.js';
import { append, h, replaceChildren } from './dom.js';
import { en } from './i18n/en.js';
import { label, onLanguageChange, t, type MessageKey } from './i18n/index.js';
import { fileSize } from './evidence.js';
import { isOnline, isWaiting, onOutboxChange, outboxItems, reapply, removeItem, retryNow, sendOutbox, type OutboxFile, type SavedItem } from './outbox.js';
import { session, user } from './session.js';

// What the outbox holds, for the monitor to see: the header's indicator and the panel it opens.

const fieldLabel = (field: string): string => {
  const key = `field.${field.replace(/^changes\./, '')}`;
  return key in en ? t(key as MessageKey) : field;
};

/** online/offline and how many items wait (and how many need the monitor); refreshed on change. */
export function showOutboxIndicator(indicator: HTMLElement): void {
  const text = indicator.querySelector('.text')!;
  const short = indicator.querySelector('.short')!;
  const render = async () => {
    const items = await outboxItems();
    const mine = (item: SavedItem) => item.author === user()?.username;
    const waiting = items.filter((item) => isWaiting(item) && mine(item)).length;
    const toFix = items.filter((item) => (item.state === 'refused' || item.state === 'conflict') && mine(item)).length;
    const online = isOnline();
    indicator.dataset.online = String(online);
    indicator.dataset.waiting = String(waiting);
    indicator.dataset.toFix = String(toFix);
    const parts = [t(online ? 'outbox.online' : 'outbox.offline')];
    if (waiting) parts.push(t('outbox.waiting', { count: waiting }));
    if (toFix) parts.push(t('outbox.toFix', { count: toFix }));
    if (online && waiting && !session()) parts.push(t('outbox.signIn'));
    text.textContent = parts.join(' · ');
    // A phone shows the dot and the numbers only; the button still says it all.
    short.textContent = [waiting || '', toFix ? `${toFix}!` : ''].filter(Boolean).join(' · ');
    indicator.setAttribute('aria-label', text.textContent);
  };
  onOutboxChange(() => void render());
  onLanguageChange(() => void render());
  window.addEventListener('online', () => void render());
  window.addEventListener('offline', () => void render());
  void render();
}

export interface OutboxPanelOptions {
  /** Open the form on a refused item, with the server's errors beside their fields. */
  onFix: (item: SavedItem) => void;
  onShow: (incidentId: string) => void;
}

/** Every item with its state; refused ones to fix, conflicts to re-apply or discard. */
export function createOutboxPanel({ onFix, onShow }: OutboxPanelOptions): { element: HTMLElement; destroy: () => void } {
  const list = h('ol', { class: 'outbox-items' });
  const element = h('section', { class: 'outbox', 'aria-labelledby': 'outbox-title' },
    h('h2', { id: 'outbox-title', 'data-i18n': 'outbox.title' }),
    h('p', { class: 'hint', 'data-i18n': 'outbox.hint' }),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary', 'data-i18n': 'outbox.sendNow', onclick: () => void retryNow().then(sendOutbox) }),
      h('button', { type: 'button', class: 'secondary', 'data-i18n': 'outbox.clearRecorded', onclick: () => void clearRecorded() })),
    list);
  const render = async () => {
    const items = (await outboxItems()).sort((a, b) => b.seq - a.seq);
    replaceChildren(list, ...items.map((item) => renderItem(item, { onFix, onShow })));
    if (!items.length) list.append(h('li', { class: 'empty', 'data-i18n': 'outbox.empty' }));
  };
  const stop = [onOutboxChange(() => void render()), onLanguageChange(() => void render())];
  void render();
  return { element, destroy: () => stop.forEach((unsubscribe) => unsubscribe()) };
}

async function clearRecorded(): Promise<void> {
  for (const item of await outboxItems()) if (item.state === 'recorded') await removeItem(item.seq);
}

function renderItem(item: SavedItem, { onFix, onShow }: OutboxPanelOptions): HTMLElement {
  const details: Partial<IncidentDetails> = item.kind === 'report' ? item.body : item.body.changes;
  const title = item.kind === 'report'
    ? [details.type && label('type', details.type), details.location?.place, details.occurredAt?.slice(0, 10)].filter(Boolean).join(' · ')
    : t('outbox.amendment', { id: item.incidentId.slice(0, 8) });
  const mine = item.author === user()?.username;
  const state = h('p', { class: 'state' }, t(`outbox.state.${item.state}`, { position: item.position ?? '' }));
  const li = h('li', { class: 'outbox-item', 'data-state': item.state, 'data-incident-id': item.incidentId, 'data-author': item.author, 'data-position': item.position },
    h('strong', {}, title || t('outbox.report')),
    h('p', { class: 'by' }, t('outbox.by', { user: item.author, date: new Date(item.savedAt).toLocaleString() })),
    state,
    item.files?.length ? h('ul', { class: 'outbox-files' }, ...item.files.map(renderFile)) : null);
  if (isWaiting(item) && !mine) li.append(h('p', { class: 'hint' }, t('outbox.waitsFor', { user: item.author })));
  if (item.state === 'sent' && item.nextAttemptAt > Date.now()) {
    li.append(h('p', { class: 'hint' }, t('outbox.retryAt', { time: new Date(item.nextAttemptAt).toLocaleTimeString() })));
  }
  if (item.state === 'recorded') li.append(h('button', { type: 'button', class: 'secondary', 'data-i18n': 'outbox.show', onclick: () => onShow(item.incidentId) }));
  if (item.state === 'refused') {
    li.append(h('ul', { class: 'errors' }, ...(item.fieldErrors?.length ? item.fieldErrors : [{ field: '', messages: [item.message ?? ''] }]).map((error) =>
      h('li', { 'data-field': error.field }, error.field ? `${fieldLabel(error.field)}: ${error.messages.join(' ')}` : error.messages.join(' ')))));
    if (mine) li.append(h('button', { type: 'button', class: 'primary', 'data-i18n': 'outbox.fix', onclick: () => onFix(item) }));
  }
  if (item.state === 'conflict' && item.kind === 'amendment') {
    const current = item.current?.details as Partial<Record<string, unknown>> | undefined;
    append(li,
      h('table', { class: 'versions' },
        h('thead', {}, h('tr', {}, h('th', { 'data-i18n': 'outbox.field' }), h('th', { 'data-i18n': 'outbox.yours' }), h('th', {}, t('outbox.theirs', { version: item.current?.version ?? '?' })))),
        h('tbody', {}, ...Object.entries(item.body.changes).map(([field, yours]) =>
          h('tr', { 'data-field': field }, h('th', {}, fieldLabel(field)), h('td', { class: 'yours' }, shown(yours)), h('td', { class: 'theirs' }, shown(current?.[field])))))),
      mine && h('button', { type: 'button', class: 'primary', 'data-action': 'reapply', 'data-i18n': 'outbox.reapply', onclick: () => void reapply(item).then(sendOutbox) }),
      h('button', { type: 'button', class: 'secondary danger', 'data-action': 'discard', 'data-i18n': 'outbox.discard', onclick: () => void removeItem(item.seq) }),
    );
  }
  return li;
}

/** A file kept with the item: a thumbnail of a photo (from the device), its name and its state. */
function renderFile(file: OutboxFile): HTMLElement {
  const image = file.file.type.startsWith('image/') ? h('img', { class: 'outbox-thumbnail', alt: file.caption || file.name }) : null;
  if (image) {
    // The URL is let go once drawn: the next render makes its own.
    image.src = URL.createObjectURL(file.file);
    image.addEventListener('load', () => URL.revokeObjectURL(image.src), { once: true });
  }
  return h('li', { class: 'outbox-file', 'data-state': file.state }, image,
    h('span', {}, t(`outbox.file.${file.state}`, { file: file.name, size: fileSize(file.file.size), message: file.message ?? '' })));
}

const shown = (value: unknown): string => (value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value));
