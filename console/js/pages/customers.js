// The partner's customers: who vouchers may be issued or applied for, and registering one.
import { h, field, select, checkbox, table, notice, formDialog } from '../dom.js';
import { get, post, newIdempotencyKey } from '../api.js';
import { pagedList } from '../paging.js';

export function render(main) {
  const status = h('div', { 'aria-live': 'polite' });
  const results = h('div');
  const pages = pagedList(results, {
    label: 'Customers',
    fetchPage: paging => get('/api/customers', paging),
    render: items => table('Customers', [
      { label: 'UIN', cell: c => c.uin },
      { label: 'Name', cell: c => c.name },
      { label: 'Group mode', cell: c => c.groupModeRole },
      { label: 'Organization mode', cell: c => (c.organizationMode ? 'Yes' : 'No') },
    ], items),
  });

  async function register() {
    const key = newIdempotencyKey();
    const created = await formDialog({
      title: 'Register a customer', submitLabel: 'OK',
      body: [
        field('Customer UIN', h('input', { name: 'uin', required: true })),
        field('Name', h('input', { name: 'name', required: true })),
        field('Group mode role', select('groupModeRole', [['none', 'None'], ['administrator', 'Group administrator'], ['member', 'Group member']], 'none')),
        checkbox('Organization mode', { name: 'organizationMode' }),
      ],
      onSubmit: form => post('/api/customers', {
        uin: form.elements.uin.value.trim(), name: form.elements.name.value.trim(),
        groupModeRole: form.elements.groupModeRole.value, organizationMode: form.elements.organizationMode.checked,
      }, { idempotencyKey: key }),
    });
    if (created) { status.replaceChildren(notice(`Customer ${created.uin} registered.`)); pages.reset(); }
  }

  main.append(h('h1', null, 'Customers'), h('p', null, h('button', { type: 'button', class: 'primary', onclick: register }, 'Register customer')), status, results);
}
