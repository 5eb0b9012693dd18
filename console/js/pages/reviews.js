// Reviewer: pending applications of all partners, oldest first, with the overdue mark; approve or reject.
import { h, field, table, amount, time, actions, notice, formDialog } from '../dom.js';
import { get, post, seg } from '../api.js';
import { pagedList } from '../paging.js';
import { productScopeView, validityText } from '../scope.js';

export function render(main) {
  const status = h('div', { 'aria-live': 'polite' });
  const results = h('div');
  const pages = pagedList(results, {
    label: 'Pending applications',
    fetchPage: paging => get('/api/reviews/applications', paging),
    render: items => table('Pending applications, oldest first', [
      { label: 'Submitted', cell: a => h('span', null, time(a.submittedAt), a.overdue ? [' ', h('span', { class: 'badge overdue' }, 'Overdue')] : null) },
      { label: 'Review due', cell: a => time(a.reviewDueAt) },
      { label: 'Partner', cell: a => (a.secondLevelResellerId ? `${a.partnerId} for ${a.secondLevelResellerId}` : a.partnerId) },
      { label: 'Application', className: 'id', cell: a => a.applicationId },
      { label: 'Voucher', cell: a => h('span', null, a.voucherName, h('br'), productScopeView(a.productScope), h('br'), validityText(a.validity)) },
      { label: 'Customers', cell: a => a.customerUins.join(', ') },
      { label: 'Amount', className: 'amount', cell: a => amount(a.amount, a.currency) },
      { label: 'Reason', cell: a => a.applyReason ?? '' },
      { label: 'Decision', cell: a => actions(
        h('button', { type: 'button', class: 'primary', 'aria-label': `Approve ${a.applicationId}`, onclick: () => decide(a, 'approve') }, 'Approve'),
        h('button', { type: 'button', class: 'danger', 'aria-label': `Reject ${a.applicationId}`, onclick: () => decide(a, 'reject') }, 'Reject')) },
    ], items),
  });

  async function decide(a, verb) {
    const path = `/api/reviews/partners/${seg(a.partnerId)}/applications/${seg(a.applicationId)}/${verb}`;
    const done = await formDialog({
      title: `${verb === 'approve' ? 'Approve' : 'Reject'} application ${a.applicationId}`,
      submitLabel: verb === 'approve' ? 'Approve' : 'Reject', danger: verb === 'reject',
      body: verb === 'approve'
        ? h('p', null, `Approve ${amount(a.amount, a.currency)} for ${a.customerUins.join(', ')} of ${a.partnerId}? A Type II voucher is issued per customer, with its Type III.`)
        : field('Reason (the partner sees it)', h('textarea', { name: 'reason', required: true, maxlength: 500 })),
      onSubmit: form => post(path, verb === 'approve' ? undefined : { reason: form.elements.reason.value.trim() }),
    });
    if (done) { status.replaceChildren(notice(`Application ${done.applicationId} is ${done.status}.`)); pages.refresh(); }
  }

  main.append(h('h1', null, 'Reviews'), status, results);
}
