// Distributor: quota pools per second-level reseller, allocate and reclaim. Second-level reseller: its own pool.
import { h, field, table, amount, time, actions, notice, formDialog, problemView } from '../dom.js';
import { get, post, seg, newIdempotencyKey } from '../api.js';
import { pagedList } from '../paging.js';

const poolColumns = [
  { label: 'Second-level reseller', cell: p => p.resellerId },
  { label: 'Total', className: 'amount', cell: p => amount(p.total, p.currency) },
  { label: 'Remaining', className: 'amount', cell: p => amount(p.remaining, p.currency) },
  { label: 'Issued', className: 'amount', cell: p => `${amount(p.issued, p.currency)} (${p.issuedCount} vouchers)` },
  { label: 'Updated', cell: p => time(p.updatedAt) },
];

export async function render(main, { me }) {
  if (!me.roles.includes('distributor')) {
    main.append(h('h1', null, 'Quota'));
    try {
      main.append(table('Your quota pool', poolColumns, [await get('/api/quota')]));
    } catch (error) {
      main.append(problemView(error));
    }
    return;
  }
  const status = h('div', { 'aria-live': 'polite' });
  const results = h('div');
  const pages = pagedList(results, {
    label: 'Quota pools',
    fetchPage: paging => get('/api/distribution/resellers', paging),
    render: items => table('Quota pools', [...poolColumns,
      { label: 'Operation', cell: p => actions(
        h('button', { type: 'button', 'aria-label': `Allocate quota to ${p.resellerId}`, onclick: () => adjust(p, 1) }, 'Allocate'),
        h('button', { type: 'button', 'aria-label': `Reclaim quota from ${p.resellerId}`, onclick: () => adjust(p, -1) }, 'Reclaim')) },
    ], items),
  });

  async function adjust(pool, sign) {
    const key = newIdempotencyKey();
    const verb = sign > 0 ? 'Allocate' : 'Reclaim';
    const saved = await formDialog({
      title: `${verb} quota: ${pool.resellerId}`, submitLabel: verb,
      body: [
        h('p', null, `Remaining ${amount(pool.remaining, pool.currency)}; issued ${amount(pool.issued, pool.currency)}. A reclaim never goes below what is issued.`),
        field(`Amount (${pool.currency})`, h('input', { name: 'amount', inputmode: 'decimal', required: true })),
      ],
      onSubmit: form => {
        const value = form.elements.amount.value.trim().replace(/^[-+]/, '');
        return post(`/api/distribution/resellers/${seg(pool.resellerId)}/quota`, { amount: sign > 0 ? value : `-${value}` }, { idempotencyKey: key });
      },
    });
    if (saved) { status.replaceChildren(notice(`${saved.resellerId}: remaining ${amount(saved.remaining, saved.currency)}.`)); pages.refresh(); }
  }

  main.append(h('h1', null, 'Quota pools'), status, results);
}
