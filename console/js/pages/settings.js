// Product Trial Voucher Priority: the "associated partner and customer vouchers deducted first" switch.
import { h, checkbox, formDialog, notice, problemView, clear } from '../dom.js';
import { get, put } from '../api.js';

const SEED_WARNING = 'Disabling it may cause the associated customer product trial vouchers to become unusable, which could prevent customers from placing orders or result in outstanding balances.';

export async function render(main) {
  const status = h('div', { 'aria-live': 'polite' });
  const body = h('div');
  main.append(h('h1', null, 'Product Trial Voucher Priority'),
    h('p', null, 'To make sure product-trial partner and customer vouchers are used first, associated vouchers are deducted first by default.'),
    status, body);

  async function show() {
    clear(body);
    let settings;
    try {
      settings = await get('/api/settings');
    } catch (error) {
      body.append(problemView(error));
      return;
    }
    const box = checkbox('Associated Partner and Customer vouchers to be deducted first', { name: 'associatedFirst', checked: settings.associatedVouchersDeductedFirst });
    const input = box.querySelector('input');
    input.addEventListener('change', async () => {
      const on = input.checked;
      if (!on) {
        input.checked = true;
        const confirmed = await formDialog({
          title: 'Turn off associated vouchers first?', submitLabel: 'Turn off', danger: true,
          body: h('p', { class: 'warning' }, SEED_WARNING),
          onSubmit: () => put('/api/settings', { associatedVouchersDeductedFirst: false }),
        });
        if (confirmed) { status.replaceChildren(notice('The switch is off.')); show(); }
        return;
      }
      try {
        await put('/api/settings', { associatedVouchersDeductedFirst: true });
        status.replaceChildren(notice('The switch is on.'));
        show();
      } catch (error) {
        input.checked = false;
        status.replaceChildren(problemView(error));
      }
    });
    body.append(h('fieldset', null, h('legend', null, 'Deduction order'), box,
      settings.updatedAt ? h('p', null, 'Last changed ', h('time', { datetime: settings.updatedAt }, settings.updatedAt)) : null,
      settings.warning ? h('p', { class: 'warning', role: 'status' }, settings.warning) : null));
  }

  await show();
}
