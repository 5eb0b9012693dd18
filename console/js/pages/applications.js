// The partner's Type II applications with their timeline, and Cancel Review while pending.
import { h, field, select, table, amount, time, actions, notice, formDialog } from '../dom.js';
import { get, post, seg } from '../api.js';
import { pagedList } from '../paging.js';

const STATUSES = [['', 'Any'], ['pendingApproval', 'Pending approval'], ['approved', 'Approved'], ['rejected', 'Rejected'], ['cancelled', 'Cancelled'], ['expired', 'Expired']];
const EVENTS = { submitted: 'Submitted', markedOverdue: 'Overdue', approved: 'Approved', rejected: 'Rejected', cancelled: 'Cancelled', expired: 'Expired', vouchersIssued: 'Vouchers issued' };

export const statusText = s => STATUSES.find(([v]) => v === s)?.[1] ?? s;

export function timelineView(application) {
  return h('ol', { class: 'timeline' }, (application.timeline ?? []).map(e =>
    h('li', null, `${EVENTS[e.kind] ?? e.kind} `, time(e.at), e.actor ? ` by ${e.actor}` : '', e.detail ? ` — ${e.detail}` : '')));
}

export function render(main) {
  const status = h('div', { 'aria-live': 'polite' });
  const results = h('div');
  const filters = h('form', { 'aria-label': 'Filter applications' }, h('fieldset', null, h('legend', null, 'Query by condition'),
    h('div', { class: 'fields' }, field('Status', select('status', STATUSES)), h('button', { type: 'submit', class: 'primary' }, 'Query'))));
  const pages = pagedList(results, {
    label: 'Applications',
    fetchPage: paging => get('/api/applications', { status: filters.elements.status.value, ...paging }),
    render: items => table('Applications', [
      { label: 'Application', className: 'id', cell: a => a.applicationId },
      { label: 'Voucher', cell: a => a.voucherName },
      { label: 'Customers', cell: a => a.customerUins.join(', ') },
      { label: 'Amount', className: 'amount', cell: a => amount(a.amount, a.currency) },
      { label: 'Status', cell: a => h('span', null, statusText(a.status), a.overdue ? [' ', h('span', { class: 'badge overdue' }, 'Overdue')] : null, a.rejectReason ? ` (${a.rejectReason})` : '') },
      { label: 'Timeline', cell: timelineView },
      { label: 'Vouchers', className: 'id', cell: a => (a.vouchers ?? []).map(v => h('div', null, h('a', { href: `#/partner-vouchers?applicationId=${encodeURIComponent(a.applicationId)}` }, v.partnerVoucherId), ` → ${v.customerVoucherId ?? 'no customer voucher'}`)) },
      { label: 'Operation', cell: a => (a.status === 'pendingApproval'
        ? actions(h('button', { type: 'button', class: 'danger', 'aria-label': `Cancel review of ${a.applicationId}`, onclick: () => cancel(a) }, 'Cancel Review'))
        : '') },
    ], items),
  });
  filters.addEventListener('submit', event => { event.preventDefault(); pages.reset(); });

  async function cancel(a) {
    const done = await formDialog({
      title: 'Cancel review', submitLabel: 'Cancel Review', danger: true,
      body: h('p', null, `Cancel the review of application ${a.applicationId} (${a.customerUins.join(', ')}, ${amount(a.amount, a.currency)})? Nothing will be issued.`),
      onSubmit: () => post(`/api/applications/${seg(a.applicationId)}/cancel`),
    });
    if (done) { status.replaceChildren(notice(`Review of ${a.applicationId} cancelled.`)); pages.refresh(); }
  }

  main.append(h('h1', null, 'Applications'), status, filters, results);
}
