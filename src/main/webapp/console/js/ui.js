// Building blocks shared by the pages: sections, tables, states, badges, paging.
import { h, clear } from './dom.js';

export function section(title, { actions, subtitle, id } = {}, ...body) {
  return h('section', { class: 'card', id },
    h('header', { class: 'card-head' },
      h('div', null, h('h2', null, title), subtitle ? h('p', { class: 'muted' }, subtitle) : null),
      actions ? h('div', { class: 'card-actions' }, actions) : null),
    h('div', { class: 'card-body' }, body));
}

export function loading(what = 'Loading') {
  return h('div', { class: 'state loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    `${what}…`);
}

export function empty(title, text) {
  return h('div', { class: 'state empty' }, h('strong', null, title), text ? h('p', null, text) : null);
}

/** The API's JSON error, readable: status, title and description. */
export function errorBox(error, context) {
  const status = error?.status ? `${error.status} ${error.title}` : error?.title ?? 'Error';
  return h('div', { class: 'state error', role: 'alert' },
    h('strong', null, context ? `${context} — ${status}` : status),
    h('p', null, error?.description ?? String(error)));
}

/** Shown when an endpoint does not exist on this server: the feature is not deployed here. */
export function notAvailable(feature, error) {
  return h('div', { class: 'state unavailable', role: 'note' },
    h('strong', null, `${feature} is not available on this server`),
    h('p', null, 'This Lockbox does not offer it (the server answered ',
      h('code', null, `${error.status} ${error.title}`), '). Upgrade the server to use this page.'));
}

/** Error or not-available notice, whichever the failure is. */
export function failure(feature, error) {
  return error?.notAvailable ? notAvailable(feature, error) : errorBox(error, feature);
}

export function badge(text, kind = 'neutral') {
  return h('span', { class: `badge badge-${kind}` }, text);
}

export function outcomeBadge(outcome) {
  const kind = { allowed: 'ok', denied: 'warn', failed: 'bad' }[outcome] ?? 'neutral';
  return badge(outcome ?? '—', kind);
}

export function statusBadge(status) {
  const kind = { ACTIVE: 'ok', EXPIRED: 'neutral', PENDING_DELETION: 'warn', ERROR: 'bad' }[status] ?? 'neutral';
  return badge(status ?? '—', kind);
}

/**
 * A table. columns: [{ title, cell: row => node|string, class }]; onOpen makes rows links
 * (keyboard too).
 */
export function table(columns, rows, { onOpen, caption, rowClass } = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: onOpen ? 'data clickable' : 'data' },
      caption ? h('caption', { class: 'sr-only' }, caption) : null,
      h('thead', null, h('tr', null, columns.map(c => h('th', { class: c.class, scope: 'col' }, c.title)))),
      h('tbody', null, rows.map(row => {
        const tr = h('tr', { class: rowClass?.(row) }, columns.map(c => h('td', { class: c.class }, c.cell(row))));
        if (onOpen) {
          tr.tabIndex = 0;
          tr.addEventListener('click', event => { if (!event.target.closest('a,button')) onOpen(row); });
          tr.addEventListener('keydown', event => { if (event.key === 'Enter') onOpen(row); });
        }
        return tr;
      }))));
}

/** "21–40 of 135" with previous and next buttons. */
export function pager({ offset, limit, total }, go) {
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('span', { class: 'muted' }, `${first}–${last} of ${total}`),
    h('button', { class: 'button small', type: 'button', disabled: offset <= 0,
      onclick: () => go(Math.max(0, offset - limit)) }, '‹ Previous'),
    h('button', { class: 'button small', type: 'button', disabled: offset + limit >= total,
      onclick: () => go(offset + limit) }, 'Next ›'));
}

/** Loads into a slot: a spinner first, then what render returns, or the failure. */
export async function load(slot, feature, fetcher, render) {
  clear(slot).append(loading(`Loading ${feature.toLowerCase()}`));
  try {
    const data = await fetcher();
    clear(slot).append(...[render(data)].flat().filter(Boolean));
    return data;
  } catch (error) {
    clear(slot).append(failure(feature, error));
    return undefined;
  }
}

export function definitions(pairs) {
  return h('dl', { class: 'definitions' }, pairs.filter(Boolean).map(([term, value]) =>
    h('div', null, h('dt', null, term), h('dd', null, value ?? '—'))));
}

export function progress(done, total) {
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 100;
  const bar = h('div', { class: 'progress-bar' });
  bar.style.width = `${percent}%`; // through the CSSOM: the CSP forbids inline style attributes
  return h('div', { class: 'progress', role: 'progressbar', 'aria-valuenow': percent, 'aria-valuemin': 0,
    'aria-valuemax': 100 }, h('div', { class: 'progress-track' }, bar), h('span', null, `${percent}%`));
}

let toastTimer;
export function toast(message, kind = 'ok') {
  let holder = document.getElementById('toast');
  if (!holder) {
    holder = h('div', { id: 'toast', class: 'toast', role: 'status' });
    document.body.append(holder);
  }
  holder.className = `toast toast-${kind} shown`;
  holder.textContent = message;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => holder.classList.remove('shown'), 6000);
}
