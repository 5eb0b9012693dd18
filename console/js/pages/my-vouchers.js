// Customer: own vouchers and their usage, without the partner's private fields.
import { h, table, amount, time } from '../dom.js';
import { get } from '../api.js';
import { pagedList } from '../paging.js';
import { productScopeView, paymentModeText } from '../scope.js';

export function render(main) {
  const results = h('div');
  pagedList(results, {
    label: 'My vouchers',
    fetchPage: paging => get('/api/my/vouchers', paging),
    render: items => table('My vouchers', [
      { label: 'Voucher', cell: v => v.voucherId },
      { label: 'Name', cell: v => v.name },
      { label: 'Status', cell: v => v.status },
      { label: 'Amount', className: 'amount', cell: v => amount(v.amount, v.currency) },
      { label: 'Balance', className: 'amount', cell: v => amount(v.balance, v.currency) },
      { label: 'Used', className: 'amount', cell: v => amount(v.usedAmount, v.currency) },
      { label: 'Products', cell: v => productScopeView(v.productScope, { frozenBlocklist: [] }) },
      { label: 'Payment mode', cell: v => paymentModeText(v.paymentModeScope) },
      { label: 'Valid', cell: v => h('span', null, time(v.effectiveFrom), ' – ', time(v.expiresAt)) },
      { label: 'Usage', cell: v => h('a', { href: `#/usage?voucher=${encodeURIComponent(v.voucherId)}`, 'aria-label': `Usage Details of ${v.voucherId}` }, 'Usage Details') },
    ], items),
  });
  main.append(h('h1', null, 'My vouchers'), results);
}
