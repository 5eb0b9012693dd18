// Customer Voucher List: status and balance, Associated Partner Voucher, Withdraw, Usage Details,
// and the per-customer summary.
import { h, field, select, table, amount, actions, notice, formDialog, problemView, clear, splitList } from '../dom.js';
import { get, post, seg, newIdempotencyKey } from '../api.js';
import { pagedList } from '../paging.js';
import { voucherColumns, usageLink, VOUCHER_STATUSES } from './partner-vouchers.js';

const PURPOSES = [['', 'Any'], ['customerDiscount', 'Customer Discount'], ['productTrial', 'Product Trial']];

/** Why a voucher cannot be withdrawn, or null when the Withdraw button applies. */
function notWithdrawable(v) {
  if (v.purpose === 'productTrial') return 'Product-trial vouchers are withdrawn by invalidating their associated partner voucher.';
  if (v.status !== 'active') return `Not withdrawable: the voucher is ${v.status}.`;
  return null;
}

export function render(main) {
  const status = h('div', { 'aria-live': 'polite' });
  const results = h('div');
  const associated = h('section', { 'aria-live': 'polite' });
  const filters = h('form', { 'aria-label': 'Query customer vouchers by condition' }, h('fieldset', null, h('legend', null, 'Query by condition'),
    h('div', { class: 'fields' },
      field('Status', select('status', VOUCHER_STATUSES)),
      field('Purpose', select('purpose', PURPOSES)),
      field('Customer UIN', h('input', { name: 'customerUin' })),
      h('button', { type: 'submit', class: 'primary' }, 'Query'))));
  const e = filters.elements;
  const pages = pagedList(results, {
    label: 'Customer vouchers',
    fetchPage: paging => get('/api/customer-vouchers', { status: e.status.value, purpose: e.purpose.value, customerUin: e.customerUin.value.trim(), ...paging }),
    render: items => table('Customer vouchers', [...voucherColumns,
      { label: 'Funded by', cell: v => v.fundingParty },
      { label: 'Operation', cell: v => actions(
        usageLink(v),
        v.associatedVoucherId ? h('button', { type: 'button', 'aria-label': `Associated Partner Voucher of ${v.voucherId}`, onclick: () => showPartner(v) }, 'Associated Partner Voucher') : null,
        notWithdrawable(v) === null
          ? h('button', { type: 'button', class: 'danger', 'aria-label': `Withdraw ${v.voucherId}`, onclick: () => withdraw(v) }, 'Withdraw')
          : h('span', { class: 'reason' }, notWithdrawable(v))) },
    ], items),
  });
  filters.addEventListener('submit', event => { event.preventDefault(); pages.reset(); });

  async function showPartner(v) {
    clear(associated).append(h('h2', null, `Partner voucher associated with ${v.voucherId}`));
    try {
      const partner = await get(`/api/customer-vouchers/${seg(v.voucherId)}/associated`);
      associated.append(table(`Associated partner voucher of ${v.voucherId}`, voucherColumns, [partner]),
        h('p', null, h('a', { href: `#/partner-vouchers?applicationId=${encodeURIComponent(partner.applicationId ?? '')}` }, 'Open it in the Partner Voucher List (to Invalidate it)')));
    } catch (error) {
      associated.append(problemView(error));
    }
  }

  async function withdraw(v) {
    const key = newIdempotencyKey();
    const result = await formDialog({
      title: `Withdraw ${v.voucherId}?`, submitLabel: 'Withdraw', danger: true,
      body: h('p', { class: 'warning' }, `This is irreversible: ${v.voucherId} (customer ${v.customerUin}, balance ${amount(v.balance, v.currency)}) can no longer offset expenses. Amounts already deducted stay.`),
      onSubmit: () => post(`/api/customer-vouchers/${seg(v.voucherId)}/withdraw`, undefined, { idempotencyKey: key }),
    });
    if (result) { status.replaceChildren(notice(`${result.voucherId} is ${result.status}.`)); pages.refresh(); }
  }

  const summary = h('div', { 'aria-live': 'polite' });
  const summaryForm = h('form', { 'aria-label': 'Per-customer summary' }, h('fieldset', null, h('legend', null, 'Per-customer summary'),
    h('div', { class: 'fields' }, field('Customer UINs', h('input', { name: 'customerUins', required: true })), h('button', { type: 'submit' }, 'Summarize'))));
  summaryForm.addEventListener('submit', async event => {
    event.preventDefault();
    clear(summary);
    try {
      const result = await get('/api/customer-voucher-summary', { customerUins: splitList(summaryForm.elements.customerUins.value) });
      summary.append(table('Customer voucher summary', [
        { label: 'Customer', cell: c => c.customerUin },
        { label: 'Vouchers', cell: c => String(c.count) },
        { label: 'Total', className: 'amount', cell: c => amount(c.total, c.currency) },
        { label: 'Remaining', className: 'amount', cell: c => amount(c.remaining, c.currency) },
      ], result.customers));
    } catch (error) {
      summary.append(problemView(error));
    }
  });

  main.append(h('h1', null, 'Customer Voucher List'), status, filters, results, associated, h('h2', null, 'Summary'), summaryForm, summary);
}
