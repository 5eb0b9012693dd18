// Usage Details of one voucher: a month's deduction records, page by page, and the CSV download.
// Partners read /api/vouchers/{id}/usage; a customer reads /api/my/vouchers/{id}/usage (no CSV).
import { h, field, table, amount, time, problemView } from '../dom.js';
import { call, get, query, seg } from '../api.js';
import { pagedList } from '../paging.js';

const thisMonth = () => new Date().toISOString().slice(0, 7);

export function render(main, { params, me }) {
  const voucherId = params.get('voucher') ?? '';
  const mine = me.roles.includes('customer');
  const base = mine ? `/api/my/vouchers/${seg(voucherId)}/usage` : `/api/vouchers/${seg(voucherId)}/usage`;
  const results = h('div');
  const downloadStatus = h('div', { 'aria-live': 'polite' });
  const form = h('form', { 'aria-label': 'Usage month' }, h('fieldset', null, h('legend', null, 'Month'),
    h('div', { class: 'fields' },
      field('Month (UTC)', h('input', { name: 'month', type: 'month', value: params.get('month') ?? thisMonth(), required: true })),
      h('button', { type: 'submit', class: 'primary' }, 'Show'),
      mine ? null : h('button', { type: 'button', onclick: download }, 'Download CSV'))));
  const month = () => form.elements.month.value;

  const pages = pagedList(results, {
    label: 'Usage records',
    fetchPage: paging => get(base, { month: month(), ...paging }),
    render: items => table(`Usage of ${voucherId} in ${month()}`, [
      { label: 'Bill time', cell: u => time(u.billTime) },
      { label: 'Bill', cell: u => u.billId },
      { label: 'Line', cell: u => u.lineId },
      { label: 'Product', cell: u => (u.subProductCode ? `${u.productCode} / ${u.subProductCode}` : u.productCode) },
      { label: 'Payment mode', cell: u => u.paymentMode },
      { label: 'Amount', className: 'amount', cell: u => amount(u.amount, u.currency) },
      mine ? null : { label: 'Payer', cell: u => `${u.payerKind} ${u.payerId}` },
    ].filter(Boolean), items),
  });
  form.addEventListener('submit', event => { event.preventDefault(); pages.reset(); });

  async function download() {
    downloadStatus.replaceChildren();
    try {
      const { body } = await call(base + query({ month: month(), format: 'csv' }), { accept: 'text/csv' });
      const link = h('a', { href: URL.createObjectURL(new Blob([body], { type: 'text/csv' })), download: `usage-${voucherId}-${month()}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    } catch (error) {
      downloadStatus.append(problemView(error));
    }
  }

  main.append(h('h1', null, `Usage Details: ${voucherId}`), form, downloadStatus, results);
}
