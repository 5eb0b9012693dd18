// Partner Voucher Application (partner-voucher templates: create, edit, query, Apply) and
// Customer Voucher Issuance (customer-voucher templates: create, edit, query, Issue).
import { h, field, select, checkbox, table, amount, time, actions, formDialog, notice, splitList } from '../dom.js';
import { call, get, post, put, seg, newIdempotencyKey } from '../api.js';
import { pagedList } from '../paging.js';
import { loadBlocklist, productScopeView, paymentModeText, validityText, purposeText } from '../scope.js';

const PAGES = {
  partnerVoucher: {
    title: 'Partner Voucher Application',
    purposes: [['productTrial', 'Product Trial'], ['general', 'General']],
    scopes: [['allProducts', 'General product voucher (all but the blocklist)'], ['allowList', 'Specific product voucher']],
  },
  customerVoucher: {
    title: 'Customer Voucher Issuance',
    purposes: [['customerDiscount', 'Customer Discount']],
    scopes: [['allProducts', 'All product voucher'], ['allowList', 'Specified product voucher'], ['blockList', 'Specific product blacklist voucher']],
  },
};

const PAYMENT_MODES = [['all', 'Prepaid and postpaid'], ['prepaid', 'Prepaid'], ['postpaid', 'Postpaid']];

export function render(main, { me, family }) {
  const page = PAGES[family];
  const status = h('div', { 'aria-live': 'polite' });
  const results = h('div');
  const filters = h('form', { 'aria-label': 'Query templates by condition' },
    h('fieldset', null, h('legend', null, 'Query by condition'), h('div', { class: 'fields' },
      field('Name contains', h('input', { name: 'name', type: 'search' })),
      field('Purpose', select('purpose', [['', 'Any'], ...page.purposes])),
      field('Product scope', select('productScope', [['', 'Any'], ...page.scopes])),
      field('Payment mode', select('paymentModeScope', [['', 'Any'], ...PAYMENT_MODES])),
      field('Editable', select('locked', [['', 'Any'], ['false', 'Editable'], ['true', 'Locked (used)']])),
      h('button', { type: 'submit', class: 'primary' }, 'Query'))));
  const filterValues = () => Object.fromEntries(['name', 'purpose', 'productScope', 'paymentModeScope', 'locked'].map(n => [n, filters.elements[n].value]));

  const list = () => pagedList(results, {
    label: 'Templates',
    fetchPage: paging => get('/api/templates', { family, ...filterValues(), ...paging }),
    render: items => table('Voucher templates', [
      { label: 'Name', cell: t => t.name },
      { label: 'Purpose', cell: t => purposeText(t.purpose) },
      { label: 'Default amount', className: 'amount', cell: t => amount(t.defaultAmount, t.currency) },
      { label: 'Products', cell: t => productScopeView(t.productScope) },
      { label: 'Payment mode', cell: t => paymentModeText(t.paymentModeScope) },
      { label: 'Validity', cell: t => validityText(t.validity) },
      { label: 'State', cell: t => (t.locked ? h('span', null, h('span', { class: 'badge' }, 'Locked'), ' used at ', time(t.usedAt)) : 'Editable') },
      { label: 'Operation', cell: t => actions(
        h('button', { type: 'button', 'aria-label': `Edit ${t.name}`, onclick: () => edit(t) }, 'Edit'),
        family === 'partnerVoucher'
          ? h('button', { type: 'button', 'aria-label': `Apply with ${t.name}`, onclick: () => apply(t) }, 'Apply')
          : t.purpose === 'customerDiscount'
            ? h('button', { type: 'button', 'aria-label': `Issue from ${t.name}`, onclick: () => issue(t) }, 'Issue')
            : 'Product-trial templates no longer issue') },
    ], items),
  });

  let pages;
  filters.addEventListener('submit', event => { event.preventDefault(); pages.reset(); });

  async function create() {
    const key = newIdempotencyKey();
    const created = await formDialog({
      title: 'Create Template', submitLabel: 'OK', body: templateFields(page, null),
      onSubmit: form => post('/api/templates', { family, ...templateBody(form) }, { idempotencyKey: key }),
    });
    if (created) { status.replaceChildren(notice(`Template "${created.name}" created.`)); pages.reset(); }
  }

  async function edit(template) {
    const { body: current, etag } = await call(`/api/templates/${seg(template.templateId)}`);
    const saved = await formDialog({
      title: `Edit template "${current.name}"`, submitLabel: 'Save', body: templateFields(page, current),
      onSubmit: form => put(`/api/templates/${seg(current.templateId)}`, { family, ...templateBody(form) }, { ifMatch: etag }),
    });
    if (saved) { status.replaceChildren(notice(`Template "${saved.name}" saved.`)); pages.refresh(); }
  }

  async function apply(template) {
    const key = newIdempotencyKey();
    const application = await formDialog({
      title: `Apply for partner vouchers: ${template.name}`, submitLabel: 'OK',
      body: [
        field('Customer UINs (one per line or comma-separated)', h('textarea', { name: 'customerUins', required: true })),
        field(`Amount (${template.currency}; may differ from the template's)`, h('input', { name: 'amount', inputmode: 'decimal', value: template.defaultAmount, required: true })),
        field('Apply reason', h('input', { name: 'applyReason', maxlength: 500 })),
        me.roles.includes('distributor') ? field('Second-level reseller (optional)', h('input', { name: 'secondLevelResellerId' })) : null,
        h('div', { class: 'warning' },
          'Partner vouchers need the vendor\'s approval before they can be used for deduction (about 1–3 business days). ',
          'Validity starts at approval. After a Product Trial partner voucher is approved, the associated customer voucher is issued to each end customer automatically.'),
        checkbox('Already known', { name: 'acknowledged', required: true }),
      ],
      onSubmit: form => post('/api/applications', {
        templateId: template.templateId,
        customerUins: splitList(form.elements.customerUins.value),
        amount: form.elements.amount.value.trim(),
        acknowledged: form.elements.acknowledged.checked,
        applyReason: form.elements.applyReason.value.trim() || null,
        secondLevelResellerId: form.elements.secondLevelResellerId?.value.trim() || null,
      }, { idempotencyKey: key }),
    });
    if (application) {
      status.replaceChildren(notice(h('span', null, `Application ${application.applicationId} submitted for review. `, h('a', { href: '#/applications' }, 'See the applications'))));
      pages.refresh();
    }
  }

  async function issue(template) {
    const key = newIdempotencyKey();
    const issued = await formDialog({
      title: `Issue customer vouchers: ${template.name}`, submitLabel: 'OK',
      body: [
        field('Customer UINs (one per line or comma-separated)', h('textarea', { name: 'customerUins', required: true })),
        field(`Amount (${template.currency}; may differ from the template's)`, h('input', { name: 'amount', inputmode: 'decimal', value: template.defaultAmount, required: true })),
        field('Note', h('input', { name: 'note', maxlength: 1000 })),
      ],
      onSubmit: form => post('/api/customer-vouchers', {
        templateId: template.templateId,
        customerUins: splitList(form.elements.customerUins.value),
        amount: form.elements.amount.value.trim(),
        note: form.elements.note.value.trim() || null,
      }, { idempotencyKey: key }),
    });
    if (issued) {
      status.replaceChildren(notice(h('span', null, `Issued ${issued.vouchers.map(v => v.voucherId).join(', ')}. `, h('a', { href: '#/customer-vouchers' }, 'See the customer vouchers'))));
      pages.refresh();
    }
  }

  main.append(
    h('h1', null, page.title),
    h('p', null, h('button', { type: 'button', class: 'primary', onclick: create }, 'Create Template')),
    status, filters, results);
  loadBlocklist().then(() => { pages = list(); });
}

function templateFields(page, t) {
  const scopeKind = t?.productScope?.kind ?? 'allProducts';
  return [
    h('div', { class: 'fields' },
      field('Name', h('input', { name: 'name', required: true, maxlength: 100, value: t?.name ?? '' })),
      field('Purpose', select('purpose', page.purposes, t?.purpose ?? page.purposes[0][0]))),
    h('div', { class: 'fields' },
      field('Default amount', h('input', { name: 'defaultAmount', inputmode: 'decimal', required: true, value: t?.defaultAmount ?? '' })),
      field('Currency', h('input', { name: 'currency', required: true, maxlength: 3, value: t?.currency ?? 'USD' }))),
    h('div', { class: 'fields' },
      field('Product scope', select('productScopeKind', page.scopes, scopeKind)),
      field('Products (codes, comma-separated; for specified or blacklisted products)', h('input', { name: 'products', value: (t?.productScope?.products ?? []).join(', ') }))),
    h('div', { class: 'fields' },
      field('Payment mode', select('paymentModeScope', PAYMENT_MODES, t?.paymentModeScope ?? 'all')),
      field('Valid for (days from issue or approval)', h('input', { name: 'days', type: 'number', min: 1, value: t?.validity?.days ?? (t?.validity?.end ? '' : 30) })),
      field('Or valid until (UTC date)', h('input', { name: 'end', type: 'date', value: t?.validity?.end ? t.validity.end.slice(0, 10) : '' }))),
    field('Note', h('textarea', { name: 'note', maxlength: 1000, value: t?.note ?? '' })),
  ];
}

function templateBody(form) {
  const e = form.elements;
  const kind = e.productScopeKind.value;
  return {
    name: e.name.value,
    note: e.note.value.trim() || null,
    purpose: e.purpose.value,
    defaultAmount: e.defaultAmount.value.trim(),
    currency: e.currency.value.trim().toUpperCase(),
    productScope: kind === 'allProducts' ? { kind } : { kind, products: splitList(e.products.value) },
    paymentModeScope: e.paymentModeScope.value,
    validity: e.end.value ? { end: `${e.end.value}T23:59:59Z` } : { days: Number(e.days.value) },
  };
}

