// The console: a hash-routed single page over the public API. Each page module renders into <main>.
import { h, clear, problemView } from './dom.js';
import { loadConfig } from './config.js';
import { session, signOut, completeEntraSignIn } from './auth.js';
import { get } from './api.js';
import * as signIn from './pages/signin.js';
import * as templates from './pages/templates.js';
import * as applications from './pages/applications.js';
import * as settings from './pages/settings.js';
import * as partnerVouchers from './pages/partner-vouchers.js';
import * as customerVouchers from './pages/customer-vouchers.js';
import * as usage from './pages/usage.js';
import * as customers from './pages/customers.js';
import * as reviews from './pages/reviews.js';
import * as quota from './pages/quota.js';
import * as myVouchers from './pages/my-vouchers.js';

const PARTNERS = ['reseller', 'distributor', 'second-level-reseller'];
const APPLIERS = ['reseller', 'distributor'];

// Route, nav text, who sees it, what renders it.
const ROUTES = [
  ['/partner-templates', 'Partner Voucher Application', APPLIERS, (main, ctx) => templates.render(main, { ...ctx, family: 'partnerVoucher' })],
  ['/applications', 'Applications', APPLIERS, applications.render],
  ['/partner-vouchers', 'Partner Voucher List', PARTNERS, partnerVouchers.render],
  ['/customer-templates', 'Customer Voucher Issuance', PARTNERS, (main, ctx) => templates.render(main, { ...ctx, family: 'customerVoucher' })],
  ['/customer-vouchers', 'Customer Voucher List', PARTNERS, customerVouchers.render],
  ['/customers', 'Customers', PARTNERS, customers.render],
  ['/settings', 'Product Trial Voucher Priority', PARTNERS, settings.render],
  ['/quota', 'Quota', ['distributor', 'second-level-reseller'], quota.render],
  ['/reviews', 'Reviews', ['reviewer'], reviews.render],
  ['/my-vouchers', 'My vouchers', ['customer'], myVouchers.render],
  ['/usage', null, [...PARTNERS, 'customer'], usage.render],
];

let me = null;
const main = () => document.getElementById('main');

function parseHash() {
  const [path, search] = (location.hash.slice(1) || '/').split('?');
  return { path, params: new URLSearchParams(search ?? '') };
}

const allowed = route => route[2].some(role => me.roles.includes(role));

function renderNav(current) {
  const nav = clear(document.getElementById('nav'));
  const who = clear(document.getElementById('who'));
  if (!me) return;
  for (const route of ROUTES.filter(r => r[1] && allowed(r))) {
    nav.append(h('a', { href: `#${route[0]}`, 'aria-current': route[0] === current ? 'page' : null }, route[1]));
  }
  const identity = [me.roles.join(', '), me.partnerId, me.customerUin ? `customer ${me.customerUin}` : null].filter(Boolean).join(' · ');
  who.append(h('span', null, identity), h('button', { type: 'button', onclick: () => { me = null; signOut(); } }, 'Sign out'));
}

async function route() {
  const target = main();
  clear(target);
  const { path, params } = parseHash();
  if (!session()) {
    me = null;
    renderNav(null);
    if (path !== '/sign-in') { location.hash = '#/sign-in'; return; }
    document.title = 'Sign in · Voucher console';
    signIn.render(target, { onSignedIn: () => { location.hash = '#/'; } });
    return;
  }
  if (!me) {
    try {
      me = await get('/api/me');
    } catch (error) {
      target.append(problemView(error));
      return;
    }
  }
  const visible = ROUTES.filter(allowed);
  const found = visible.find(r => r[0] === path);
  if (!found) {
    if (visible.length === 0) {
      renderNav(null);
      target.append(h('h1', null, 'Nothing to show'), h('p', null, `The console has no pages for the role ${me.roles.join(', ')}; use the API (see /api/openapi.json).`));
      return;
    }
    location.hash = `#${visible.find(r => r[1])[0]}`;
    return;
  }
  renderNav(found[0]);
  document.title = `${found[1] ?? 'Usage Details'} · Voucher console`;
  try {
    await found[3](target, { me, params });
  } catch (error) {
    target.append(problemView(error));
  }
  target.focus();
}

async function start() {
  await loadConfig();
  try {
    await completeEntraSignIn();
  } catch (error) {
    main().replaceChildren(problemView({ title: 'Sign-in failed', detail: String(error.message ?? error) }));
  }
  window.addEventListener('hashchange', route);
  await route();
}

start();
