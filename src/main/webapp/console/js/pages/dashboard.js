// Dashboard: keys per project and service, master keys and the sealer, rotations, pending deletions.
import { api } from '../api.js';
import { h, append, clear, number, relative, time } from '../dom.js';
import { badge, empty, failure, loading, progress, section, table } from '../ui.js';

const MATRIX_ROWS = 10;

export async function dashboardPage(view, { caller, navigate }) {
  const stats = h('div', { class: 'stats', id: 'dashboard-stats' }, loading('Loading figures'));
  const sealer = h('div', { id: 'dashboard-sealer' });
  const projects = h('div', { id: 'dashboard-projects' });
  const masterKeys = h('div', { id: 'dashboard-master-keys' });
  const rotations = h('div', { id: 'dashboard-rotations' });
  const deletions = h('div', { id: 'dashboard-deletions' });

  view.append(
    h('div', { class: 'page-head' }, h('h1', null, 'Dashboard'),
      h('p', { class: 'muted' }, caller.every_project ? 'Every project on this Lockbox.'
        : `Project ${caller.project_id}.`)),
    stats,
    h('div', { class: 'grid two' },
      section('Keys per project and service', { subtitle: 'Unexpired keys, by the service whose master key protects them' }, projects),
      h('div', { class: 'stack' },
        section('Sealer', { subtitle: 'The root of trust that unseals master keys' }, sealer),
        section('Pending deletions', { actions: h('a', { class: 'button small', href: '#/deletions' }, 'Open') }, deletions))),
    section('Master keys', { subtitle: 'Versions per service and the KEKs each wraps' }, masterKeys),
    section('Rotations', { subtitle: 'Most recent first' }, rotations));

  const pending = api('/v1/lockbox/deletions', { query: { limit: 5 } }).then(d => ({ ok: d }), e => ({ error: e }));
  let summary;
  try {
    summary = await api('/v1/lockbox/inventory/summary');
  } catch (error) {
    for (const slot of [stats, sealer, projects, masterKeys, rotations]) clear(slot);
    clear(stats).append(failure('The dashboard', error));
    return;
  }
  const pendingResult = await pending;
  const totalKeys = summary.projects.reduce((sum, p) => sum + p.secrets, 0);
  const projectIds = new Set(summary.projects.map(p => p.project_id));
  const services = [...new Set(summary.projects.map(p => p.service))].sort();
  clear(stats).append(
    stat('Keys', number(totalKeys), 'stat-keys'),
    stat('Projects', number(projectIds.size), 'stat-projects'),
    stat('Services in use', number(services.length), 'stat-services'),
    stat('Pending deletions', number(pendingResult.ok ? pendingResult.ok.total
      : summary.projects.reduce((sum, p) => sum + (p.pending_deletion ?? 0), 0)), 'stat-pending'),
    stat('Sealer', summary.sealer.ready ? 'Ready' : 'Not ready', 'stat-sealer', summary.sealer.ready ? 'ok' : 'bad'));

  clear(sealer).append(h('div', { class: 'sealer' },
    badge(summary.sealer.ready ? 'unsealed' : 'NOT SERVING KEYS', summary.sealer.ready ? 'ok' : 'bad'),
    h('div', null, h('strong', null, providerName(summary.sealer.provider)),
      h('p', { class: 'muted small' }, summary.sealer.ready
        ? 'Every service\'s master key is unsealed; keys are served.'
        : summary.sealer.reason ?? 'Master keys are not unsealed: Lockbox serves no keys.'))));

  append(clear(projects), projectMatrix(summary.projects, services, navigate));

  clear(masterKeys).append(caller.every_project ? masterKeyTable(summary.master_keys)
    : empty('Shown to service administrators', 'Master keys protect every project; the key-manager:service-admin role sees them.'));

  clear(rotations).append(summary.rotations.length === 0 ? empty('No rotations yet',
    'Rotating a master key or a project\'s KEK shows its progress here.') : table([
    { title: 'Kind', cell: r => r.kind === 'KEK' ? 'Project KEK' : 'Master key' },
    { title: 'Service', cell: r => r.service },
    { title: 'Project', cell: r => r.project_id ?? 'every project' },
    { title: 'Versions', cell: r => `v${r.from_version} → v${r.to_version}` },
    { title: 'State', cell: r => badge(r.state, r.state === 'DONE' ? 'ok' : r.state === 'RUNNING' ? 'info' : 'warn') },
    { title: 'Progress', class: 'wide', cell: r => h('div', null, progress(r.rewrapped, r.total),
      h('span', { class: 'muted small' }, `${number(r.rewrapped)} of ${number(r.total)} rewrapped`
        + (r.failed ? `, ${number(r.failed)} failed` : ''))) },
    { title: 'Started', cell: r => h('span', { title: time(r.started) }, relative(r.started)) },
  ], summary.rotations));

  if (pendingResult.error) {
    clear(deletions).append(failure('Guarded deletion', pendingResult.error));
  } else if (pendingResult.ok.deletions.length === 0) {
    clear(deletions).append(empty('Nothing pending', 'Deleted keys wait here for their grace period and can be restored.'));
  } else {
    clear(deletions).append(h('ul', { class: 'plain' }, pendingResult.ok.deletions.map(d =>
      h('li', null, h('strong', null, d.name ?? d.secret_id), ' ',
        h('span', { class: 'muted small' }, `project ${d.project_id} · destroyed ${relative(d.destroy_after)}`)))));
  }
}

function stat(label, value, id, kind) {
  return h('div', { class: `stat ${kind ? `stat-${kind}` : ''}`, id }, h('div', { class: 'stat-value' }, value),
    h('div', { class: 'stat-label' }, label));
}

function providerName(provider) {
  return { software: 'Software sealer (development only)', 'tpm-tcp': 'TPM 2.0 over TCP', 'tpm-device': 'TPM 2.0 device' }[provider]
    ?? provider ?? 'Unknown provider';
}

function projectMatrix(counts, services, navigate) {
  if (counts.length === 0) return empty('No keys yet', 'Keys stored through the Barbican API appear here by project and service.');
  const byProject = new Map();
  for (const c of counts) {
    if (!byProject.has(c.project_id)) byProject.set(c.project_id, {});
    byProject.get(c.project_id)[c.service] = c.secrets;
  }
  const all = [...byProject.entries()].map(([project, perService]) => ({ project, perService,
    total: Object.values(perService).reduce((a, b) => a + b, 0) })).sort((a, b) => b.total - a.total);
  const rows = all.slice(0, MATRIX_ROWS);
  const columns = [{ title: 'Project', cell: r => h('code', null, r.project) }]
    .concat(services.map(s => ({ title: s, class: 'num', cell: r => {
      const n = r.perService[s];
      return n ? h('a', { href: `#/keys?project_id=${encodeURIComponent(r.project)}&service=${encodeURIComponent(s)}` }, number(n)) : h('span', { class: 'muted' }, '·');
    } })))
    .concat([{ title: 'Total', class: 'num', cell: r => h('strong', null, number(r.total)) }]);
  return [table(columns, rows, { onOpen: r => navigate('keys', { project_id: r.project }), caption: 'Keys per project and service' }),
    all.length > rows.length ? h('p', { class: 'muted small more' }, `The ${MATRIX_ROWS} largest projects; ${all.length - rows.length} more project(s) in `,
      h('a', { href: '#/keys' }, 'the keys browser'), '.') : null];
}

function masterKeyTable(masterKeys) {
  if (!masterKeys?.length) return empty('No master keys', 'No service has a sealed master key yet.');
  return table([
    { title: 'Service', cell: m => h('strong', null, m.service) },
    { title: 'Current', cell: m => `v${m.current_version}` },
    { title: 'Versions', class: 'wide', cell: m => h('div', { class: 'chips' }, m.versions.map(v =>
      h('span', { class: `chip ${v.current ? 'chip-current' : ''} ${v.unsealed ? '' : 'chip-sealed'}`,
        title: `${v.keks} KEK(s) wrapped under it${v.unsealed ? '' : '; not unsealed on this server'}` },
      `v${v.version} · ${number(v.keks)} KEK${v.keks === 1 ? '' : 's'}`))) },
    { title: 'KEKs to rewrap', class: 'num', cell: m => m.keks_to_rewrap ? badge(number(m.keks_to_rewrap), 'warn') : '0' },
    { title: 'Last rotation', cell: m => m.rotation ? h('div', null, progress(m.rotation.rewrapped, m.rotation.total),
      h('span', { class: 'muted small' }, `${m.rotation.state} · ${relative(m.rotation.started)}`)) : h('span', { class: 'muted' }, 'never') },
  ], masterKeys, { caption: 'Master keys' });
}
