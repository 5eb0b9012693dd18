// Sign-in. Local host: mint a token for a chosen role and partner (POST /local/tokens). Azure: Entra ID.
import { h, field, select, problemView, notice } from '../dom.js';
import { signInLocally, signInWithEntra, takeSignOutMessage } from '../auth.js';
import { config } from '../config.js';

const ROLES = [
  ['reseller', 'Reseller'], ['distributor', 'Distributor (first-level)'], ['second-level-reseller', 'Second-level reseller'],
  ['reviewer', 'Vendor reviewer'], ['customer', 'Customer'], ['channel-manager', 'Channel manager'],
];

export function render(main, { onSignedIn }) {
  const message = takeSignOutMessage();
  const errors = h('div', { 'aria-live': 'assertive' });
  main.append(h('h1', null, 'Sign in'), message ? notice(message, 'warning') : null, errors);
  if (config().signIn === 'entra') {
    main.append(h('p', null, 'Sign in with your organization\'s Microsoft Entra ID account. Your roles come from the app roles assigned to you.'),
      h('button', { type: 'button', class: 'primary', onclick: () => signInWithEntra().catch(e => errors.replaceChildren(problemView({ title: 'Sign-in failed', detail: String(e.message ?? e) }))) }, 'Sign in with Microsoft'));
    return;
  }
  const form = h('form', { 'aria-label': 'Local sign-in' },
    h('fieldset', null, h('legend', null, 'Local host: sign in as'),
      h('div', { class: 'fields' },
        field('Role', select('role', ROLES, 'reseller')),
        field('Partner id', h('input', { name: 'partnerId', value: 'partner-demo', autocomplete: 'off' })),
        field('Customer UIN (customer role)', h('input', { name: 'customerUin', autocomplete: 'off' })),
        field('Distributor id (second-level reseller)', h('input', { name: 'distributorId', autocomplete: 'off' })),
        field('User name (vendor roles)', h('input', { name: 'subject', autocomplete: 'off' })),
        h('button', { type: 'submit', class: 'primary' }, 'Sign in'))),
    h('p', null, 'The token is kept in this tab\'s session storage only. Vendor roles (reviewer, channel manager) ignore the partner id.'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    errors.replaceChildren();
    const e = form.elements;
    const role = e.role.value;
    const vendor = role === 'reviewer' || role === 'channel-manager';
    try {
      await signInLocally({
        roles: [role],
        partnerId: vendor ? '' : e.partnerId.value.trim(),
        customerUin: e.customerUin.value.trim(),
        distributorId: e.distributorId.value.trim(),
        subject: e.subject.value.trim() || (vendor ? `${role}-console` : ''),
      });
      onSignedIn();
    } catch (error) {
      errors.append(problemView(error));
    }
  });
  main.append(form);
}
