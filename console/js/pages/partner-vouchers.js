// Partner Voucher List: status, balance, Usage Details, associated customer vouchers, Invalidate.
import { h, field, select, table, amount, time, actions, notice, formDialog, problemView, clear } from '../dom.js';
import { get, post, seg, newIdempotencyKey } from '../api.js';
import { pagedList } from '../paging.js';
import { productScopeView, purposeText, typeText } from '../scope.js';

const TYPES = [['', 'Any'], ['typeI', 'Type I'], ['typeII', 'Type II']];
export const VOUCHER_STATUSES = [['', 'Any'], ['active', 'Active'], ['exhausted', 'Exhausted'], ['expired', 'Expired'], ['withdrawn', 'Withdrawn'], ['invalidated', 'Invalidated']];

/** The columns every voucher table shows. */
export const voucherColumns = [
  { label: 'Voucher', className: 'id', cell: v => v.voucherId },
  { label: 'Type', cell: v => `${typeText(v.type)} · ${purposeText(v.purpose)}` },
  { label: 'Customer', cell: v => v.customerUin ?? '' },
  { label: 'Status', cell: v => v.vendorStatus ? `${v.status} (${v.vendorStatus})` : v.status },
  { label: 'Amount', className: 'amount', cell: v => amount(v.amount, v.currency) },
  { label: 'Balance', className: 'amount', cell: v => amount(v.balance, v.currency) },
  { label: 'Used', className: 'amount', cell: v => amount(v.usedAmount, v.currency) },
  { label: 'Products', cell: v => productScopeView(v.productScope, { frozenBlocklist: v.frozenBlocklist ?? [] }) },
  { label: 'Valid', cell: v => h('span', null, time(v.effectiveFrom), ' – ', time(v.expiresAt)) },
];

export const usageLink = v => h('a', { href: `#/usage?voucher=${encodeURIComponent(v.voucherId)}`, 'aria-label': `Usage Details of ${v.voucherId}` }, 'Usage Details');

export function render(main, { params }) {
  const status = h('div', { 'aria-live': 'polite' });
  const results = h('div');
  const associated = h('section', { 'aria-live': 'polite' });
  const filters = h('form', { 'aria-label': 'Query partner vouchers by condition' }, h('fieldset', null, h('legend', null, 'Query by condition'),
    h('div', { class: 'fields' },
      field('Type', select('type', TYPES, params.get('type') ?? '')),
      field('Status', select('status', VOUCHER_STATUSES)),
      field('Customer UIN', h('input', { name: 'customerUin' })),
      field('Application', h('input', { name: 'applicationId', value: params.get('applicationId') ?? '' })),
      h('button', { type: 'submit', class: 'primary' }, 'Query'))));
  const e = filters.elements;
  const pages = pagedList(results, {
    label: 'Partner vouchers',
    fetchPage: paging => get('/api/partner-vouchers', { type: e.type.value, status: e.status.value, customerUin: e.customerUin.value.trim(), applicationId: e.applicationId.value.trim(), ...paging }),
    render: items => table('Partner vouchers', [...voucherColumns,
      { label: 'Operation', cell: v => actions(
        usageLink(v),
        v.type === 'typeII' ? h('button', { type: 'button', 'aria-label': `Associated customer vouchers of ${v.voucherId}`, onclick: () => showAssociated(v) }, 'Customer vouchers') : null,
        ['active', 'exhausted'].includes(v.status) ? h('button', { type: 'button', class: 'danger', 'aria-label': `Invalidate ${v.voucherId}`, onclick: () => invalidate(v) }, 'Invalidate') : null) },
    ], items),
  });
  filters.addEventListener('submit', event => { event.preventDefault(); pages.reset(); });

  async function showAssociated(v) {
    clear(associated).append(h('h2', null, `Customer vouchers associated with ${v.voucherId}`));
    try {
      associated.append(table(`Associated customer vouchers of ${v.voucherId}`, voucherColumns, await get(`/api/partner-vouchers/${seg(v.voucherId)}/customer-vouchers`)));
    } catch (error) {
      associated.append(problemView(error));
    }
  }

  async function invalidate(v) {
    let linked = [];
    if (v.type === 'typeII') {
      try { linked = await get(`/api/partner-vouchers/${seg(v.voucherId)}/customer-vouchers`); } catch { linked = []; }
    }
    const key = newIdempotencyKey();
    const result = await formDialog({
      title: `Invalidate ${v.voucherId}?`, submitLabel: 'Invalidate', danger: true,
      body: [
        h('p', { class: 'warning' }, `This is irreversible. ${v.voucherId} (${typeText(v.type)}, balance ${amount(v.balance, v.currency)}) can no longer be used for deduction.`),
        linked.length
          ? h('div', null, h('p', null, 'It also withdraws the unused balance of its associated customer vouchers (used amounts stay in the usage history):'),
            h('ul', null, linked.map(c => h('li', null, `${c.voucherId} — customer ${c.customerUin}, balance ${amount(c.balance, c.currency)}`))))
          : h('p', null, 'No customer voucher is associated with it.'),
      ],
      onSubmit: () => post(`/api/partner-vouchers/${seg(v.voucherId)}/invalidate`, undefined, { idempotencyKey: key }),
    });
    if (result) {
      const withdrawn = (result.customerVouchers ?? []).map(c => c.voucherId);
      status.replaceChildren(notice(`${result.partnerVoucher.voucherId} is ${result.partnerVoucher.status}.${withdrawn.length ? ` Withdrawn: ${withdrawn.join(', ')}.` : ''}`));
      pages.refresh();
    }
  }

  main.append(h('h1', null, 'Partner Voucher List'), status, filters, results, associated);
}
