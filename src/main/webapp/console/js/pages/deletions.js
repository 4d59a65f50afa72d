// Pending deletions: keys deleted and waiting out their grace period, with restore.
import { api } from '../api.js';
import { h, clear, relative, time } from '../dom.js';
import { empty, errorBox, failure, loading, pager, section, table, toast } from '../ui.js';

const PAGE = 20;

export async function deletionsPage(view, { caller, query, navigate }) {
  const offset = Math.max(0, Number.parseInt(query.offset ?? '0', 10) || 0);
  const results = h('div', { id: 'deletions-results' }, loading('Loading pending deletions'));
  view.append(
    h('div', { class: 'page-head' }, h('h1', null, 'Pending deletions'),
      h('p', { class: 'muted' }, 'A deleted key is kept, unreadable, for a grace period before it is destroyed.'
        + ' Until then it can be restored. The request and the destruction are both in the audit trail.')),
    section('Waiting for destruction', {}, results));

  try {
    const page = await api('/v1/lockbox/deletions', { query: { offset, limit: PAGE } });
    clear(results);
    if (page.deletions.length === 0) {
      results.append(empty('Nothing pending', 'No deleted key is waiting for destruction.'));
      return;
    }
    results.append(table([
      { title: 'Name', cell: d => d.name || h('em', { class: 'muted' }, 'unnamed') },
      { title: 'Key', cell: d => h('code', { title: d.secret_id }, d.secret_id) },
      { title: 'Project', cell: d => h('code', null, d.project_id) },
      { title: 'Deleted', cell: d => h('span', { title: time(d.requested_at) }, `${relative(d.requested_at)} by ${d.requested_by ?? '?'}`) },
      { title: 'Destroyed', cell: d => h('span', { title: time(d.destroy_after) }, relative(d.destroy_after)) },
      { title: '', class: 'actions', cell: d => restoreButton(d, navigate) },
    ], page.deletions, { caption: 'Pending deletions', rowClass: d => `deletion-${d.secret_id}` }),
    pager({ offset, limit: PAGE, total: page.total }, next => navigate('deletions', { offset: next })));
  } catch (error) {
    clear(results).append(failure('Guarded deletion', error));
  }
}

/** Two steps: Restore, then Confirm, so a stray click restores nothing. */
function restoreButton(deletion, navigate) {
  const holder = h('div', { class: 'confirm' });
  const label = deletion.name || deletion.secret_id;
  const start = h('button', { class: 'button small restore', type: 'button', 'data-secret': deletion.secret_id,
    onclick: () => {
      holder.replaceChildren(
        h('span', { class: 'small' }, 'Restore this key? '),
        h('button', { class: 'button small primary confirm-restore', type: 'button', 'data-secret': deletion.secret_id, onclick: restore }, 'Confirm'),
        h('button', { class: 'button small ghost', type: 'button', onclick: () => holder.replaceChildren(start) }, 'Cancel'));
    } }, 'Restore');
  async function restore(event) {
    event.target.disabled = true;
    try {
      await api(`/v1/lockbox/deletions/${encodeURIComponent(deletion.secret_id)}/restore`, { method: 'POST' });
      toast(`Restored “${label}”: it is readable again.`);
      navigate('deletions');
    } catch (error) {
      holder.replaceChildren(errorBox(error, 'Restore refused'));
    }
  }
  holder.append(start);
  return holder;
}
