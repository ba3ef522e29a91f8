import { h, replaceChildren } from './dom.js';

/**
 * The side panel (a bottom sheet on a phone) that holds an incident or the report form.
 * One thing at a time: opening something new disposes of what was there.
 */
export class Sheet {
  private readonly body = h('div', { class: 'sheet-body' });
  private dispose: (() => void) | null = null;

  constructor(private readonly element: HTMLElement, onClose: () => void) {
    element.append(
      h('button', { type: 'button', class: 'sheet-close', 'data-i18n-aria-label': 'panel.close', 'data-i18n-title': 'panel.close', onclick: onClose }, '×'),
      this.body,
    );
    element.hidden = true;
    element.addEventListener('keydown', (event) => event.key === 'Escape' && onClose());
  }

  open(content: Node, kind: 'incident' | 'form' | 'review' | 'timeline' | 'outbox' | 'import', dispose?: () => void): void {
    this.dispose?.();
    this.dispose = dispose ?? null;
    replaceChildren(this.body, content);
    this.element.dataset.kind = kind;
    this.element.hidden = false;
    this.body.scrollTop = 0;
  }

  close(): void {
    this.dispose?.();
    this.dispose = null;
    replaceChildren(this.body);
    this.element.hidden = true;
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }
}
